// A profile built in code, as an integrator builds one, is checked like a profile file (issue 19):
// pain 15, no condition, an id from no table and sessions out of order are reported with the pointer
// the JSON format would use; a valid profile passes without a word.
#include <catch2/catch.hpp>

#include "../support/bundled.hpp"
#include "core/profile/profile_check.hpp"

using namespace rehab;

namespace {

Profile valid_profile(const KnowledgeGraph& kg) {
    Profile p;
    p.id = "host-1";
    p.age = 30;
    p.condition = *kg.find_condition("adductor_related_groin_pain");
    p.pain.rest = 0;
    p.pain.resisted.push_back({*kg.find_movement("hip_adduction"), 2});
    return p;
}

bool has(const Diagnostics& d, const std::string& code, const std::string& pointer, const std::string& part) {
    for (const auto& x : d.items())
        if (x.code == code && x.location.pointer == pointer && x.message.find(part) != std::string::npos)
            return true;
    return false;
}

}  // namespace

TEST_CASE("check_profile - a valid profile built in code passes without a word", "[profile]") {
    const auto kg = test::bundled_kg();
    Diagnostics d;
    CHECK(check_profile(valid_profile(*kg), *kg, d));
    CHECK(d.items().empty());
}

TEST_CASE("check_profile - out-of-range numbers are located as in the JSON format", "[profile]") {
    const auto kg = test::bundled_kg();
    Profile p = valid_profile(*kg);
    p.pain.walking = 15;
    p.pain.resisted[0].second = -1;
    p.days_since_onset = -3;
    p.age = 300;
    Diagnostics d;
    CHECK_FALSE(check_profile(p, *kg, d, "<host>"));
    CHECK(has(d, "PR007", "/pain/walking", "pain must be 0-10 on the numeric rating scale, found 15"));
    CHECK(has(d, "PR007", "/pain/resisted/hip_adduction", "found -1"));
    CHECK(has(d, "PR007", "/days_since_onset", "days since onset must be 0-36500 days, found -3"));
    CHECK(has(d, "PR007", "/age", "found 300"));
    CHECK(d.items().front().location.file == "<host>");
    CHECK(d.error_count() == 4);
}

TEST_CASE("check_profile - a missing condition and ids from no table", "[profile]") {
    const auto kg = test::bundled_kg();
    Profile p = valid_profile(*kg);
    p.condition = ConditionId();
    p.red_flags.push_back(RedFlagId(9999));
    p.equipment.push_back(EquipmentId(9999));
    p.pain.stretch.push_back({MovementId(9999), 1});
    Diagnostics d;
    CHECK_FALSE(check_profile(p, *kg, d));
    CHECK(has(d, "PR003", "/condition", "a profile needs a condition"));
    CHECK(has(d, "PR005", "/red_flags/0", "not a red flag"));
    CHECK(has(d, "PR005", "/equipment/0", "not a piece of equipment"));
    CHECK(has(d, "PR005", "/pain/stretch/0", "not a movement"));
}

TEST_CASE("check_profile - the history's doses, pains and days", "[profile]") {
    const auto kg = test::bundled_kg();
    Profile p = valid_profile(*kg);
    const ExerciseId bridge = *kg->find_exercise("bridge");
    p.history.programme.push_back({bridge, 0, 10, std::nullopt, std::nullopt});
    LoggedExercise x;
    x.exercise = bridge;
    x.pain_during = 11;
    x.rpe = 2.5;
    p.history.sessions.push_back({5, {x}});
    p.history.sessions.push_back({3, {}});
    Diagnostics d;
    CHECK_FALSE(check_profile(p, *kg, d));
    CHECK(has(d, "PR007", "/history/programme/0/sets", "sets must be 1-20"));
    CHECK(has(d, "PR007", "/history/sessions/0/exercises/0/pain_during", "found 11"));
    CHECK(has(d, "PR008", "/history/sessions/1/day", "ascending order of day"));
    CHECK(d.error_count() == 3);  // RPE 2.5 is valid
}
