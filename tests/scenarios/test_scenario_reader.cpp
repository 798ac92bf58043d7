// Scenario files: every field read, ids in expectations checked against the knowledge graph (a typo
// in an expectation must not pass silently), scenario discovery and golden paths.
#include <catch2/catch.hpp>

#include "../support/temp_dir.hpp"
#include "io/suite/scenario.hpp"
#include "scenario_fixture.hpp"

using namespace rehab;
using nlohmann::json;

namespace {
bool has_code(const Diagnostics& d, const std::string& code, const std::string& pointer) {
    for (const auto& x : d.items())
        if (x.code == code && x.location.pointer == pointer) return true;
    return false;
}
}  // namespace

TEST_CASE("scenario: every expectation kind is read", "[scenarios]") {
    const auto& kg = test::bundled_engine()->knowledge();
    auto doc = test::scenario_doc("all-kinds", test::adductor_profile(), json::parse(R"({
        "referral": false, "red_flags": ["fever"], "urgency": "emergency", "stage": "mid", "irritability": "low",
        "include": ["adductor_squeeze"], "exclude": ["copenhagen_adduction_long_lever"], "eligible": ["bridge"],
        "include_any": ["bridge", "side_plank"], "count": {"min": 4, "max": 8}, "components": {"balance": {"min": 1}},
        "none_with": {"position": ["prone"], "equipment": ["slide_board"], "stance": ["affected_leg"],
                      "component": ["mobility"], "stage": ["late"], "contraction": ["stretch"],
                      "loads": {"hip_adduction": ["eccentric"], "knee_flexion": []}, "needs_therapist": true},
        "dose": {"bridge": {"sets": {"max": 3}, "reps": 10, "band": "none", "tempo": "3 s"}, "*": {"sets": {"max": 4}}},
        "change": {"bridge": "progressed", "hip_abduction_band": ["regressed", "replaced"]},
        "warnings": ["medication"], "golden": true })"));
    Diagnostics d;
    auto s = io::read_scenario(doc, kg, "t.json", d);
    INFO((d.items().empty() ? "" : d.items()[0].message));
    REQUIRE(s);
    const auto& e = s->expect;
    CHECK(e.referral == false);
    CHECK(e.red_flags == std::vector<std::string>{"fever"});
    CHECK(e.urgency == "emergency");
    CHECK(e.stage == "mid");
    CHECK(e.include == std::vector<std::string>{"adductor_squeeze"});
    CHECK(e.count->text() == "4-8");
    CHECK(e.components.at("balance").text() == "at least 1");
    CHECK(e.none_with.loads.at("hip_adduction") == std::vector<std::string>{"eccentric"});
    CHECK(e.none_with.loads.at("knee_flexion").empty());
    CHECK(e.none_with.needs_therapist);
    REQUIRE(e.dose.size() == 2);
    CHECK(e.dose[1].exercise == "bridge");
    CHECK(e.dose[1].reps->text() == "exactly 10");
    CHECK(e.dose[1].band == "none");
    REQUIRE(e.change.size() == 2);
    CHECK(e.change[1].allowed == std::vector<std::string>{"regressed", "replaced"});
    CHECK(e.golden);
}

TEST_CASE("scenario: a golden document is the default - false opts out - an error scenario has none",
          "[scenarios]") {
    const auto& kg = test::bundled_engine()->knowledge();
    auto read = [&](const json& expect, Diagnostics& d) {
        json doc = test::scenario_doc("g", test::adductor_profile(), json::object());
        doc["expect"] = expect;  // as written, without the fixture's opt-out
        return io::read_scenario(doc, kg, "t.json", d);
    };
    Diagnostics d;
    auto by_default = read(json::parse(R"({"stage": "mid"})"), d);
    REQUIRE(by_default);
    CHECK(by_default->expect.golden);
    auto opted_out = read(json::parse(R"({"stage": "mid", "golden": false})"), d);
    REQUIRE(opted_out);
    CHECK_FALSE(opted_out->expect.golden);
    auto error = read(json::parse(R"({"error": {"code": "PR007"}})"), d);
    REQUIRE(error);
    CHECK_FALSE(error->expect.golden);
    CHECK(d.empty());
    auto both = read(json::parse(R"({"error": {"code": "PR007"}, "golden": true})"), d);
    CHECK_FALSE(both);
    CHECK(has_code(d, "SC007", "/expect/golden"));
}

TEST_CASE("scenario: misspelt ids and unknown fields are reported with a location", "[scenarios]") {
    const auto& kg = test::bundled_engine()->knowledge();
    auto doc = test::scenario_doc("typos", test::adductor_profile(), json::parse(R"({
        "exclude": ["copenhagen_adduction_shortlever"], "red_flags": ["fevr"], "stage": "middle",
        "none_with": {"position": ["side-lying"]}, "dose": {"brigde": {"sets": 3}}, "change": {"bridge": "improved"},
        "count": {"min": 5, "max": 2}, "inclde": ["bridge"] })"));
    Diagnostics d;
    CHECK_FALSE(io::read_scenario(doc, kg, "t.json", d));
    CHECK(has_code(d, "SC005", "/expect/exclude/0"));
    CHECK(has_code(d, "SC005", "/expect/red_flags/0"));
    CHECK(has_code(d, "SC007", "/expect/stage"));
    CHECK(has_code(d, "SC005", "/expect/none_with/position/0"));
    CHECK(has_code(d, "SC005", "/expect/dose/brigde"));
    CHECK(has_code(d, "SC005", "/expect/change/bridge"));
    CHECK(has_code(d, "SC007", "/expect/count"));
    CHECK(has_code(d, "SC004", "/expect/inclde"));
    bool hinted = false;
    for (const auto& x : d.items())
        hinted = hinted || x.hint.find("copenhagen_adduction_short_lever") != std::string::npos;
    CHECK(hinted);
}

TEST_CASE("scenario: name - profile and expect are required", "[scenarios]") {
    const auto& kg = test::bundled_engine()->knowledge();
    Diagnostics d;
    CHECK_FALSE(io::read_scenario(json::parse(R"({"description": "x"})"), kg, "t.json", d));
    CHECK(has_code(d, "SC003", "/name"));
    CHECK(has_code(d, "SC003", "/profile"));
    CHECK(has_code(d, "SC003", "/expect"));
    Diagnostics d2;
    CHECK_FALSE(io::read_scenario_file("/nonexistent/x.json", kg, d2));
    CHECK(has_code(d2, "SC014", ""));
}

TEST_CASE("scenario: malformed JSON is SC001 with line and column", "[scenarios]") {
    test::TempDir dir("scen");
    auto path = dir.write("bad.json", "{\n  \"name\": \"x\",\n  oops\n}");
    Diagnostics d;
    CHECK_FALSE(io::read_scenario_file(path, test::bundled_engine()->knowledge(), d));
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].code == "SC001");
    CHECK(d.items()[0].location.line == 3);
}

TEST_CASE("scenario: a file that is not a JSON object is SC002", "[scenarios]") {
    test::TempDir dir("scen");
    auto path = dir.write("list.json", "[{\"name\": \"x\"}]");
    Diagnostics d;
    CHECK_FALSE(io::read_scenario_file(path, test::bundled_engine()->knowledge(), d));
    REQUIRE_FALSE(d.items().empty());
    CHECK(d.items()[0].code == "SC002");
    CHECK(d.items()[0].message.find("array") != std::string::npos);
}

TEST_CASE("scenario: files are found recursively - golden folders skipped - golden path next to the root",
          "[scenarios]") {
    test::TempDir dir("scen");
    dir.write("b/two.json", "{}");
    dir.write("a.json", "{}");
    dir.write("golden/a.json", "{}");
    dir.write("notes.txt", "x");
    Diagnostics d;
    auto files = io::find_scenario_files({dir.str(), dir.file("a.json")}, d);
    CHECK_FALSE(d.has_errors());
    REQUIRE(files.size() == 2);
    CHECK(files[0] == dir.file("a.json"));
    CHECK(files[1] == dir.file("b/two.json"));
    io::Scenario s;
    s.name = "two";
    s.file = dir.file("b/two.json");
    CHECK(io::golden_path(s) == dir.file("golden/two.json"));
    Diagnostics missing;
    io::find_scenario_files({dir.file("nope")}, missing);
    CHECK(missing.has_errors());
}
