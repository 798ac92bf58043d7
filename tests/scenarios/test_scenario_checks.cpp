// Each expectation kind checked against the real engine: a true expectation passes, and a
// deliberately wrong one fails with a message that names the expectation, says what the engine did
// and (for an exercise) gives the engine's explanation. Also input errors and golden outputs.
#include <algorithm>
#include <catch2/catch.hpp>

#include "../support/temp_dir.hpp"
#include "io/suite/scenario_runner.hpp"
#include "scenario_fixture.hpp"

using namespace rehab;
using nlohmann::json;

namespace {

io::ScenarioResult run(const json& profile, const json& expect, bool update_golden = false,
                       const std::string& file = "test.json") {
    Diagnostics d;
    auto s = io::read_scenario(test::scenario_doc("check-test", profile, expect),
                               test::bundled_engine()->knowledge(), file, d);
    REQUIRE(s);
    io::ScenarioRunner runner(test::bundled_engine(), update_golden);
    return runner.run(*s);
}

const io::ExpectationFailure* failure(const io::ScenarioResult& r, const std::string& expectation) {
    for (const auto& f : r.failures)
        if (f.expectation == expectation) return &f;
    return nullptr;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::string all_failures(const io::ScenarioResult& r) {
    std::string s;
    for (const auto& f : r.failures) s += f.expectation + ": " + f.message + " | " + f.explanation + "\n";
    return s;
}

}  // namespace

TEST_CASE("scenario checks: true expectations of every kind pass", "[scenarios]") {
    auto r = run(test::adductor_profile(), json::parse(R"({
        "referral": false, "stage": "mid", "irritability": "low", "count": {"min": 1, "max": 8},
        "exclude": ["copenhagen_adduction_long_lever", "eccentric_hip_adduction"],
        "none_with": {"stage": ["late"], "needs_therapist": true, "equipment": ["slide_board", "wobble_board"]},
        "components": {"mobility": {"max": 1}}, "dose": {"*": {"sets": {"max": 4}}} })"));
    INFO(all_failures(r));
    CHECK(r.status == io::ScenarioStatus::pass);
    CHECK(r.checks >= 9);
}

TEST_CASE("scenario checks: a wrong include fails with the engine's explanation", "[scenarios]") {
    auto r = run(test::adductor_profile(), json::parse(R"({"include": ["nordic_hamstring_curl"]})"));
    REQUIRE(r.status == io::ScenarioStatus::fail);
    const auto* f = failure(r, "include nordic_hamstring_curl");
    REQUIRE(f);
    CHECK(contains(f->message, "not in the programme"));
    CHECK(contains(f->explanation, "excluded by"));
    CHECK(contains(f->explanation, "window.mid"));  // rung 6 of the hamstring ladder, above the mid window
}

TEST_CASE("scenario checks: a wrong exclude says where the exercise is and why it was chosen",
          "[scenarios]") {
    auto r = run(test::adductor_profile(), json::parse(R"({"exclude": ["adductor_squeeze"]})"));
    const auto* f = failure(r, "exclude adductor_squeeze");
    REQUIRE(f);
    CHECK(contains(f->message, "in the programme at position"));
    CHECK(contains(f->explanation, "chosen at position"));
    CHECK(contains(f->explanation, "selected by"));
}

TEST_CASE("scenario checks: referral - stage - irritability - count and components", "[scenarios]") {
    auto r = run(test::adductor_profile(), json::parse(R"({
        "referral": true, "red_flags": ["fever"], "urgency": "emergency", "stage": "late", "irritability": "high",
        "count": {"max": 1}, "components": {"balance": {"min": 5}} })"));
    INFO(all_failures(r));
    CHECK(failure(r, "referral"));
    CHECK(contains(failure(r, "referral")->message, "a programme of"));
    CHECK(contains(failure(r, "referral names red flag fever")->message, "no referral"));
    CHECK(contains(failure(r, "referral urgency emergency")->message, "none"));
    CHECK(failure(r, "stage late")->message == "the engine chose stage mid");
    CHECK(contains(failure(r, "irritability high")->message, "low"));
    CHECK(failure(r, "exercise count at most 1"));
    CHECK(failure(r, "balance exercises at least 5"));
}

TEST_CASE("scenario checks: a red flag is a referral with no exercises", "[scenarios]") {
    auto p = test::adductor_profile();
    p["red_flags"] = {"calf_swelling_or_dvt_signs"};
    auto ok = run(
        p,
        json::parse(
            R"({"referral": true, "red_flags": ["calf_swelling_or_dvt_signs"], "urgency": "emergency", "count": 0})"));
    INFO(all_failures(ok));
    CHECK(ok.status == io::ScenarioStatus::pass);
    auto wrong = run(
        p,
        json::parse(
            R"({"referral": false, "red_flags": ["fever"], "urgency": "urgent", "include_any": ["bridge"]})"));
    CHECK(contains(failure(wrong, "no referral")->message, "referred"));
    CHECK(contains(failure(wrong, "referral names red flag fever")->message, "does not name it"));
    CHECK(failure(wrong, "referral urgency urgent")->message == "the urgency is emergency");
    CHECK(contains(failure(wrong, "include one of bridge")->explanation, "referred"));
}

TEST_CASE("scenario checks: none_with names the offending exercise and attribute", "[scenarios]") {
    auto r =
        run(test::adductor_profile(),
            json::parse(R"({"none_with": {"stance": ["none", "both_legs", "other_leg", "affected_leg"]}})"));
    REQUIRE(r.failures.size() == 1);
    CHECK(contains(r.failures[0].expectation, "no exercise with stance"));
    CHECK(contains(r.failures[0].message, "found "));
    CHECK(contains(r.failures[0].message, "(stance "));
    CHECK(contains(r.failures[0].explanation, "chosen at position"));
    auto loads =
        run(test::adductor_profile(), json::parse(R"({"none_with": {"loads": {"hip_adduction": []}}})"));
    INFO(all_failures(loads));
    REQUIRE(loads.failures.size() == 1);
    CHECK(contains(loads.failures[0].message, "loads hip_adduction"));
}

TEST_CASE("scenario checks: eligible fails for an excluded exercise", "[scenarios]") {
    auto r = run(test::adductor_profile(), json::parse(R"({"eligible": ["eccentric_hip_adduction"]})"));
    const auto* f = failure(r, "eligible eccentric_hip_adduction");
    REQUIRE(f);
    CHECK(contains(f->explanation, "therapist"));
}

TEST_CASE("scenario checks: dose ranges - wildcard and an absent exercise", "[scenarios]") {
    auto r = run(test::adductor_profile(), json::parse(R"({"dose": {
        "*": {"sets": {"max": 0}}, "nordic_hamstring_curl": {"sets": 3}, "adductor_squeeze": {"reps": {"min": 99}, "band": "gold"} }})"));
    INFO(all_failures(r));
    bool wildcard = false;
    for (const auto& f : r.failures)
        wildcard = wildcard || (contains(f.expectation, " sets at most 0") && contains(f.message, "it is "));
    CHECK(wildcard);
    CHECK(contains(failure(r, "dose of nordic_hamstring_curl")->message, "not in the programme"));
    CHECK(failure(r, "adductor_squeeze reps at least 99"));
    CHECK(failure(r, "adductor_squeeze band gold")->message == "the band is none");
}

TEST_CASE("scenario checks: change after a logged history", "[scenarios]") {
    auto p = test::adductor_profile();
    p["history"] = json::parse(R"({"previous_stage": "mid", "usual_pain": 1,
        "programme": [{"exercise": "bridge", "sets": 3, "reps": 10}],
        "sessions": [{"day": 1, "exercises": [{"exercise": "bridge", "sets": 3, "reps": 10, "pain_during": 1, "pain_next_morning": 1, "rpe": 5, "form_kept": true}]},
                     {"day": 3, "exercises": [{"exercise": "bridge", "sets": 3, "reps": 10, "pain_during": 1, "pain_next_morning": 1, "rpe": 5, "form_kept": true}]}]})");
    auto good = run(p, json::parse(R"({"change": {"bridge": "progressed"}})"));
    INFO(all_failures(good));
    CHECK(good.status == io::ScenarioStatus::pass);
    auto wrong = run(p, json::parse(R"({"change": {"bridge": ["regressed", "replaced"]}})"));
    const auto* f = failure(wrong, "change of bridge regressed or replaced");
    REQUIRE(f);
    CHECK(contains(f->message, "the change is progressed"));
}

TEST_CASE("scenario checks: warnings are searched in rule notes and precautions", "[scenarios]") {
    auto p = test::adductor_profile();
    p["on_pain_medication"] = true;
    auto r = run(p, json::parse(R"({"warnings": ["medication", "xyzzy"]})"));
    CHECK_FALSE(failure(r, "warning containing 'medication'"));
    CHECK(failure(r, "warning containing 'xyzzy'"));
}

TEST_CASE("scenario checks: an expected input error must be reported with its code and pointer",
          "[scenarios]") {
    auto bad = test::adductor_profile();
    bad["pain"]["rest"] = 11;
    auto ok = run(bad, json::parse(R"({"error": {"code": "PR007", "pointer": "/pain/rest"}})"));
    INFO(all_failures(ok));
    CHECK(ok.status == io::ScenarioStatus::pass);
    auto wrong_pointer = run(bad, json::parse(R"({"error": {"code": "PR007", "pointer": "/pain/walking"}})"));
    REQUIRE(wrong_pointer.failures.size() == 1);
    CHECK(contains(wrong_pointer.failures[0].message, "refused with other errors: PR007 at /pain/rest"));
    auto accepted = run(test::adductor_profile(),
                        json::parse(R"({"error": {"code": "PR007", "pointer": "/pain/rest"}})"));
    REQUIRE(accepted.failures.size() == 1);
    CHECK(contains(accepted.failures[0].message, "accepted"));
    auto unexpected = run(bad, json::parse(R"({"stage": "mid"})"));
    REQUIRE(unexpected.failures.size() == 1);
    CHECK(contains(unexpected.failures[0].message, "the profile was refused: PR007 at /pain/rest"));
}

TEST_CASE("scenario checks: golden output is written - matched - and a change is caught", "[scenarios]") {
    test::TempDir dir("golden");
    std::filesystem::create_directories(dir.path() / "golden");
    const std::string file = dir.file("check-test.json");
    const json expect = json::parse(R"({"golden": true})");
    auto missing = run(test::adductor_profile(), expect, false, file);
    REQUIRE(missing.failures.size() == 1);
    CHECK(contains(missing.failures[0].message, "no golden file"));
    auto written = run(test::adductor_profile(), expect, true, file);
    CHECK(written.status == io::ScenarioStatus::pass);
    REQUIRE(written.notes.size() == 1);
    CHECK(!dir.read("golden/check-test.json").empty());
    CHECK(run(test::adductor_profile(), expect, false, file).status == io::ScenarioStatus::pass);
    auto other = test::adductor_profile();
    other["pain"]["resisted"]["hip_adduction"] = 5;  // a different programme
    auto changed = run(other, expect, false, file);
    REQUIRE(changed.failures.size() == 1);
    CHECK(
        contains(changed.failures[0].message, "differs from " + dir.file("golden/check-test.json") + " at "));
    CHECK(contains(changed.failures[0].message, "(replace at /"));  // the JSON pointer of the first value
}

TEST_CASE("scenario checks: golden output is compared byte for byte - a one-byte edit fails with its place",
          "[scenarios]") {
    test::TempDir dir("golden-bytes");
    std::filesystem::create_directories(dir.path() / "golden");
    const std::string file = dir.file("check-test.json");
    const json expect = json::parse(R"({"golden": true})");
    REQUIRE(run(test::adductor_profile(), expect, true, file).status == io::ScenarioStatus::pass);
    const std::string golden = dir.read("golden/check-test.json");
    REQUIRE(run(test::adductor_profile(), expect, false, file).status == io::ScenarioStatus::pass);
    // The line and column of a byte offset in the golden text.
    auto place = [&](std::size_t at) {
        const auto line = 1 + std::count(golden.begin(), golden.begin() + static_cast<long>(at), '\n');
        const auto column = at - (at == 0 ? 0 : golden.rfind('\n', at - 1) + 1) + 1;
        return std::to_string(line) + ":" + std::to_string(column);
    };
    // The edited golden fails the scenario, naming the place and quoting the golden's text (expected)
    // and the engine's (found).
    auto fails_at = [&](const std::string& edited, const std::string& where, const std::string& piece) {
        dir.write("golden/check-test.json", edited);
        auto r = run(test::adductor_profile(), expect, false, file);
        INFO(all_failures(r));
        REQUIRE(r.failures.size() == 1);
        CHECK(r.failures[0].expectation == "golden output");
        CHECK(contains(r.failures[0].message, " at " + where));
        CHECK(contains(r.failures[0].message, piece));
    };
    // A number written as 1.0 instead of 1: the same JSON value, a different document.
    const std::string one = "\"observed\": 1,";
    const auto at_one = golden.find(one);
    REQUIRE(at_one != std::string::npos);
    std::string as_float = golden;
    as_float.replace(at_one, one.size(), "\"observed\": 1.0,");
    const std::size_t digit = at_one + one.size() - 1;  // the ',' after 1 is where 1.0 differs
    fails_at(as_float, place(digit) + " (the same JSON values, written differently)",
             R"(expected "        \"observed\": 1.0,", found "        \"observed\": 1,")");
    // One space more of indentation on the second line.
    std::string spaced = golden;
    spaced.insert(golden.find('\n') + 1, " ");
    fails_at(spaced, "2:3 (the same JSON values, written differently)",
             R"(expected "   \"format\": \"rehab.programme/1\",", found "  \"format\")");
    // The final newline missing: the golden file ends early.
    fails_at(golden.substr(0, golden.size() - 1), place(golden.size() - 1), "expected the end of the file");
    // A changed value is located by its JSON pointer too.
    std::string other = golden;
    other.replace(golden.find("\"mid\""), 5, "\"mld\"");
    fails_at(other, place(golden.find("\"mid\"") + 2) + " (replace at /stage/value)",
             R"(expected "    \"value\": \"mld\",", found "    \"value\": \"mid\",")");
    dir.write("golden/check-test.json", golden);
    CHECK(run(test::adductor_profile(), expect, false, file).status == io::ScenarioStatus::pass);
}

TEST_CASE("scenario checks: coverage lists rules never fired and conditions without a scenario",
          "[scenarios]") {
    Diagnostics d;
    auto s = io::read_scenario(test::scenario_doc("cov", test::adductor_profile(), json::object()),
                               test::bundled_engine()->knowledge(), "t.json", d);
    REQUIRE(s);
    io::ScenarioRunner runner(test::bundled_engine());
    runner.run(*s);
    auto c = runner.coverage();
    CHECK(c.conditions == 10);
    CHECK(c.conditions_without_scenario.size() == 9);
    CHECK(std::find(c.rules_never_fired.begin(), c.rules_never_fired.end(), "red_flag.fever") !=
          c.rules_never_fired.end());
    CHECK(std::find(c.rules_never_fired.begin(), c.rules_never_fired.end(), "safety.stage") ==
          c.rules_never_fired.end());
    CHECK(c.exercises_never_recommended.size() < c.exercises);
}
