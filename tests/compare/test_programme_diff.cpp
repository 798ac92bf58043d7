// The programme diff of `rehab compare`: the same engine twice changes nothing; a copy of the rules
// with one dose moved changes that dose, attributed to the rule; snapshots built by hand show each kind
// of change and the attribution (a change's own rules among the responsible ones, else all of them).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "../support/bundled.hpp"
#include "../support/temp_dir.hpp"
#include "io/compare/programme_diff.hpp"
#include "io/load/profile_reader.hpp"
#include "io/load/rules_loader.hpp"

using namespace rehab;

namespace {

const char* mid_adductor = R"({
  "id": "p-001", "age": 27, "condition": "adductor_related_groin_pain", "side": "left",
  "days_since_onset": 21, "stage": "mid",
  "pain": { "rest": 0, "walking": 2, "resisted": { "hip_adduction": 3 } },
  "capabilities": { "weight_bearing": "full", "single_leg_stance_s": 25 },
  "equipment": ["resistance_band", "ball", "step", "bench"]
})";

io::ProgrammeSnapshot snap(const Recommender& r, const char* profile_json) {
    Diagnostics d;
    auto p = io::read_profile(nlohmann::json::parse(profile_json), r.knowledge(), "fixture", d);
    REQUIRE(p);
    Recommendation rec;
    r.recommend(*p, rec, false);
    return io::snapshot_programme(r, rec);
}

// A copy of the bundled rules with `from` replaced by `to` in `file` (exactly once).
std::string mutated_rules(const test::TempDir& dir, const std::string& file, const std::string& from,
                          const std::string& to) {
    namespace fs = std::filesystem;
    const fs::path target = dir.path() / "rules";
    fs::copy(test::rules_dir(), target, fs::copy_options::recursive);
    std::ifstream in(target / file);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    REQUIRE(text.find(from, at + 1) == std::string::npos);
    text.replace(at, from.size(), to);
    std::ofstream(target / file, std::ios::binary | std::ios::trunc) << text;
    return target.generic_string();
}

io::ExerciseSnapshot exercise(const std::string& id, int sets, std::vector<std::string> rules) {
    return {id, {{"sets", std::to_string(sets)}, {"reps", "10"}, {"per_side", "true"}}, std::move(rules)};
}

}  // namespace

TEST_CASE("the same engine twice changes nothing for a profile", "[compare]") {
    const auto r = test::bundled_recommender();
    const auto a = snap(*r, mid_adductor), b = snap(*r, mid_adductor);
    CHECK_FALSE(a.fired.empty());
    CHECK_FALSE(a.exercises.empty());
    const auto d = io::diff_programmes(a, b, {});
    CHECK(d.empty());
    CHECK(d.fired_only_a.empty());
    CHECK(d.fired_only_b.empty());
    CHECK(d.responsible.empty());
}

TEST_CASE("a dose moved in a copy of the rules is a dose change attributed to its rule", "[compare]") {
    test::TempDir dir("compare-diff");
    const std::string rules = mutated_rules(dir, "dosage.json", R"("per_week": 3)", R"("per_week": 2)");
    Diagnostics d;
    auto b_engine = io::load_recommender(test::knowledge_dir(), rules, d);
    REQUIRE(b_engine);
    const auto changed =
        io::rule_definition_changes(io::read_rules_dir(test::rules_dir(), d), io::read_rules_dir(rules, d));
    CHECK(changed == std::set<std::string>{"dose.strength_frequency"});

    const auto diff = io::diff_programmes(snap(*test::bundled_recommender(), mid_adductor),
                                          snap(*b_engine, mid_adductor), changed);
    REQUIRE_FALSE(diff.empty());
    for (const auto& c : diff.changes) {
        CHECK(c.kind == io::ChangeKind::dose);
        CHECK(c.field == "sessions_per_week");
        CHECK(c.from == "3");
        CHECK(c.to == "2");
        CHECK(c.rules == std::vector<std::string>{"dose.strength_frequency"});
    }
    CHECK(diff.changed_fired == std::vector<std::string>{"dose.strength_frequency"});
    CHECK(diff.responsible == std::vector<std::string>{"dose.strength_frequency"});
}

TEST_CASE("rule definition changes ignore the rationale and see a rule in one set only", "[compare]") {
    RuleSetData a, b;
    a.rules.push_back({"r.one", "why", "derived", {}, 1, "stage == mid", {}, {}, ""});
    b.rules = a.rules;
    b.rules[0].rationale = "another why";
    CHECK(io::rule_definition_changes(a, b).empty());
    b.rules[0].priority = 2;
    b.rules.push_back({"r.two", "", "derived", {}, 1, "stage == late", {}, {}, ""});
    CHECK(io::rule_definition_changes(a, b) == std::set<std::string>{"r.one", "r.two"});
}

TEST_CASE("each kind of change names its own responsible rules, else every responsible rule", "[compare]") {
    io::ProgrammeSnapshot a, b;
    a.stage = "mid";
    a.stage_rule = "stage.mid";
    a.irritability = "low";
    a.exercises = {exercise("bridge", 3, {"select.bridge", "dose.low"}),
                   exercise("clamshell", 3, {"select.c"})};
    a.fired = {"dose.low", "select.bridge", "select.c", "stage.mid"};
    b.stage = "early";
    b.stage_rule = "stage.early";
    b.irritability = "moderate";
    b.exercises = {exercise("bridge", 2, {"select.bridge", "dose.moderate"}),
                   exercise("squeeze", 2, {"select.s"})};
    b.excluded = {{"clamshell", {"exclude.c"}}};
    b.fired = {"dose.moderate", "exclude.c", "select.bridge", "select.s", "stage.early"};

    const auto d = io::diff_programmes(a, b, {});
    CHECK(d.fired_only_a == std::vector<std::string>{"dose.low", "select.c", "stage.mid"});
    CHECK(d.fired_only_b ==
          std::vector<std::string>{"dose.moderate", "exclude.c", "select.s", "stage.early"});
    REQUIRE(d.changes.size() == 5);
    CHECK(d.changes[0].kind == io::ChangeKind::stage);
    CHECK(d.changes[0].from == "mid");
    CHECK(d.changes[0].to == "early");
    CHECK(d.changes[0].rules == std::vector<std::string>{"stage.early", "stage.mid"});
    CHECK(d.changes[1].kind == io::ChangeKind::irritability);
    CHECK(d.changes[1].rules.size() == 7);  // no rule of its own (none derived it): every responsible rule
    CHECK(d.changes[2].kind == io::ChangeKind::dose);
    CHECK(d.changes[2].exercise == "bridge");
    CHECK(d.changes[2].field == "sets");
    CHECK(d.changes[2].rules == std::vector<std::string>{"dose.low", "dose.moderate"});
    CHECK(d.changes[3].kind == io::ChangeKind::exercise_added);
    CHECK(d.changes[3].exercise == "squeeze");
    CHECK(d.changes[3].rules == std::vector<std::string>{"select.s"});
    CHECK(d.changes[4].kind == io::ChangeKind::exercise_removed);
    CHECK(d.changes[4].exercise == "clamshell");
    CHECK(d.changes[4].rules == std::vector<std::string>{"exclude.c", "select.c"});
}

TEST_CASE("a referral in one version only is a referral change", "[compare]") {
    io::ProgrammeSnapshot a, b;
    a.stage = b.stage = "mid";
    b.referred = true;
    b.referral_rules = {"refer.night_pain"};
    b.fired = {"refer.night_pain"};
    a.exercises = {exercise("bridge", 3, {})};
    const auto d = io::diff_programmes(a, b, {});
    REQUIRE(d.changes.size() == 2);
    CHECK(d.changes[0].kind == io::ChangeKind::referral);
    CHECK(d.changes[0].from == "false");
    CHECK(d.changes[0].to == "true");
    CHECK(d.changes[0].rules == std::vector<std::string>{"refer.night_pain"});
    CHECK(d.changes[1].kind == io::ChangeKind::exercise_removed);
}

TEST_CASE("an irritability change names the rules that derived it when they are responsible", "[compare]") {
    io::ProgrammeSnapshot a, b;
    a.stage = b.stage = "mid";
    a.irritability = "low";
    a.irritability_rule = "irritability.low";
    b.irritability = "moderate";
    b.irritability_rule = "irritability.moderate";
    a.fired = {"irritability.low", "other.a"};
    b.fired = {"irritability.moderate", "other.b"};
    const auto d = io::diff_programmes(a, b, {});
    REQUIRE(d.changes.size() == 1);
    CHECK(d.changes[0].kind == io::ChangeKind::irritability);
    CHECK(d.changes[0].rules == std::vector<std::string>{"irritability.low", "irritability.moderate"});
}

TEST_CASE("a snapshot records the rule that derived the irritability", "[compare]") {
    const auto s = snap(*test::bundled_recommender(), mid_adductor);
    CHECK_FALSE(s.irritability.empty());
    if (s.irritability != "unknown") CHECK_FALSE(s.irritability_rule.empty());
}
