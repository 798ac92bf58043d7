// `rehab rules check` and `rehab rules list` through the real binary: the bundled rules pass and
// list in evaluation order; a broken copy (misspelt fact, value, action, malformed file, broken
// knowledge, missing folder) fails with exit 2 and a located message naming the nearest name.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "../support/cli.hpp"
#include "../support/temp_dir.hpp"
#include "cli_helpers.hpp"

using nlohmann::json;
using rehab::test::run_cli;
using rehab::test::TempDir;
using namespace rehab::test::cli;

namespace {

// One extra rule file in a copy of the bundled rules; `when` and `action` are its condition and
// its only action (an object such as {"exclude": "exercise(bridge)"}).
std::string add_rule(const TempDir& dir, const std::string& when, const json& action) {
    json rule = {{"id", "cli.extra"},
                 {"category", "availability"},
                 {"rationale", "A rule added by the command-line tests."},
                 {"evidence", {{"references", json::array()}, {"grade", "practice"}}},
                 {"priority", 0},
                 {"when", when},
                 {"then", json::array({action})}};
    return dir.write("rules/zz_cli_extra.json", json{{"rules", json::array({rule})}}.dump(2));
}

// Copies the bundled rules to rules/ inside `dir`.
void copy_rules(const TempDir& dir) { copy_folder(bundled_rules, dir.file("rules")); }

// Every rule id declared in the rule files of `folder`.
std::set<std::string> declared_rule_ids(const std::string& folder) {
    std::set<std::string> ids;
    for (const auto& e : std::filesystem::recursive_directory_iterator(folder)) {
        if (!e.is_regular_file() || e.path().extension() != ".json") continue;
        std::ifstream in(e.path());
        json doc = json::parse(in);
        for (const auto& r : doc.value("rules", json::array())) ids.insert(r["id"].get<std::string>());
    }
    return ids;
}

std::size_t rules_ok_count(const std::string& out) {
    std::smatch m;
    static const std::regex summary("^rules OK: ([0-9]+) rules in [0-9]+ strata");
    if (!std::regex_search(out, m, summary)) return 0;
    return static_cast<std::size_t>(std::stoul(m[1]));
}

}  // namespace

TEST_CASE("rules check passes on the bundled rules and counts every rule", "[cli][rules]") {
    auto r = run_cli({"rules", "check"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK_FALSE(contains(r.err, "error["));
    CHECK(rules_ok_count(r.out) == declared_rule_ids(bundled_rules).size());
    CHECK(contains(r.out, " derived facts, "));
    CHECK(contains(r.out, ", hash "));
    CHECK(contains(r.out,
                   "; 0 warning(s)"));  // no RL019: no heavier rung gated more loosely than a lighter one
    auto explicit_folder = run_cli({"rules", "check", bundled_rules, "--knowledge", bundled_knowledge});
    CHECK(explicit_folder.exit_code == 0);
    CHECK(explicit_folder.out == r.out);
}

TEST_CASE("rules check takes the rule folder as --rules like every other command", "[cli][rules]") {
    TempDir dir("rules");
    copy_rules(dir);
    auto positional = run_cli({"rules", "check", dir.file("rules")});
    auto option = run_cli({"rules", "check", "--rules", dir.file("rules")});
    INFO(option.err);
    CHECK(option.exit_code == 0);
    CHECK(option.out == positional.out);
    auto list = run_cli({"rules", "list", "--rules", dir.file("rules")});
    CHECK(list.exit_code == 0);
    CHECK(list.out == run_cli({"rules", "list"}).out);
    auto both = run_cli({"rules", "check", dir.file("rules"), "--rules", bundled_rules});
    CHECK(both.exit_code == 64);  // one folder or the other - not two: a usage error
    CHECK(both.err.find("DIR excludes --rules") != std::string::npos);
}

TEST_CASE("rules list shows every bundled rule once in evaluation order", "[cli][rules]") {
    auto r = run_cli({"rules", "list"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    static const std::regex header(R"(^\[([0-9]+)\] (\S+) \(priority (-?[0-9]+)\)$)");
    std::set<std::string> listed;
    std::size_t headers = 0;
    int last_stratum = -1, last_priority = 0;
    for (const auto& line : lines_of(r.out)) {
        std::smatch m;
        if (!std::regex_match(line, m, header)) continue;
        ++headers;
        const int stratum = std::stoi(m[1]), priority = std::stoi(m[3]);
        listed.insert(m[2]);
        INFO(line);
        CHECK(stratum >= last_stratum);                                 // strata in order
        if (stratum == last_stratum) CHECK(priority <= last_priority);  // then by priority, highest first
        last_stratum = stratum;
        last_priority = priority;
    }
    const auto declared = declared_rule_ids(bundled_rules);
    CHECK(headers == declared.size());
    CHECK(listed == declared);
    CHECK(contains(r.out, "    when "));
    CHECK(contains(r.out, "    then "));
    CHECK(run_cli({"rules", "list"}).out == r.out);  // the same order every time
}

TEST_CASE("rules list shows a rule added in a copy with its condition and action", "[cli][rules]") {
    TempDir dir("rules");
    copy_rules(dir);
    add_rule(dir, "single_leg_stance_s < 5", json{{"exclude", "exercise(bridge)"}});
    auto r = run_cli({"rules", "list", dir.file("rules")});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.out,
                   "] cli.extra (priority 0)\n    when single_leg_stance_s < 5\n    then exclude\n"
                   "    A rule added by the command-line tests.\n"));
}

TEST_CASE("rules check names a misspelt fact with file - pointer - column and the nearest fact",
          "[cli][rules]") {
    TempDir dir("rules");
    copy_rules(dir);
    const std::string file =
        add_rule(dir, "pain.rest >= 2 and single_leg_stanse_s < 5", json{{"exclude", "exercise(bridge)"}});
    auto r = run_cli({"rules", "check", dir.file("rules")});
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(contains(r.err,
                   file + ": error[RL002] at /rules/0/when (column 20): unknown fact 'single_leg_stanse_s' "
                          "(did you mean 'single_leg_stance_s'?)"));
    CHECK(contains(r.err, "1 error(s)"));
    CHECK(contains(r.err, "rehab: error: rules check: the rules in " + dir.file("rules") + " have errors"));

    auto list = run_cli({"rules", "list", dir.file("rules")});
    CHECK(list.exit_code == 2);
    CHECK(list.out.empty());
    CHECK(contains(list.err, file + ": error[RL002] at /rules/0/when (column 20): "));
}

TEST_CASE("rules check names a misspelt value with the nearest value", "[cli][rules]") {
    TempDir dir("rules");
    copy_rules(dir);
    const std::string file = add_rule(dir, "weight_bearing == ful", json{{"exclude", "exercise(bridge)"}});
    auto r = run_cli({"rules", "check", dir.file("rules")});
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, file + ": error[RL004] at /rules/0/when (column 19): 'ful' is not a value of "
                                 "'weight_bearing' (did you mean 'full'?)"));
}

TEST_CASE("rules check names a misspelt action with the nearest action", "[cli][rules]") {
    TempDir dir("rules");
    copy_rules(dir);
    const std::string file = add_rule(dir, "true", json{{"exclud", "exercise(bridge)"}});
    auto r = run_cli({"rules", "check", dir.file("rules")});
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, file + ": error[RF004] at /rules/0/then/0/exclud: unknown action 'exclud' "
                                 "(did you mean 'exclude'?)"));
}

TEST_CASE("rules check reports every problem of a broken copy at once", "[cli][rules]") {
    TempDir dir("rules");
    copy_rules(dir);
    const std::string file = add_rule(dir, "single_leg_stanse_s < 5", json{{"exclude", "exercise(bridge)"}});
    const std::string other = dir.write(
        "rules/zz_cli_second.json",
        json{{"rules", json::array({json{{"id", "cli.second"},
                                         {"category", "availability"},
                                         {"rationale", "Another broken rule."},
                                         {"evidence", {{"references", json::array()}, {"grade", "practice"}}},
                                         {"priority", 0},
                                         {"when", "weight_bearing == ful"},
                                         {"then", json::array({json{{"exclude", "exercise(bridge)"}}})}}})}}
            .dump(2));
    auto r = run_cli({"rules", "check", dir.file("rules")});
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, file + ": error[RL002] at /rules/0/when "));
    CHECK(contains(r.err, other + ": error[RL004] at /rules/0/when "));
    CHECK(contains(r.err, "2 error(s)"));
}

TEST_CASE("rules check refuses a malformed rule file with line and column", "[cli][rules]") {
    TempDir dir("rules");
    copy_rules(dir);
    const std::string file = dir.write("rules/zz_cli_malformed.json", "{\n  \"rules\": [\n  }\n");
    auto r = run_cli({"rules", "check", dir.file("rules")});
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK_FALSE(line_with(r.err, file + ":3:3: error[RF001]", {"unexpected '}'"}).empty());
}

TEST_CASE("rules check on a missing folder fails and names it", "[cli][rules]") {
    TempDir dir("rules");
    const std::string missing = dir.file("no-rules");
    for (const std::string command : {"check", "list"}) {
        auto r = run_cli({"rules", command, missing});
        INFO(command << "\n" << r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK_FALSE(line_with(r.err, missing + ": error[RF014]").empty());
    }
}

TEST_CASE("rules check against a broken knowledge copy says the knowledge is at fault", "[cli][rules]") {
    TempDir dir("rules");
    copy_folder(bundled_knowledge, dir.file("knowledge"));
    json doc = json::parse(dir.read("knowledge/conditions.json"));
    const std::string muscle = doc["conditions"][0]["involves"][0].get<std::string>();
    doc["conditions"][0]["involves"][0] = muscle + "x";
    const std::string conditions = dir.write("knowledge/conditions.json", doc.dump(2));
    for (const std::string command : {"check", "list"}) {
        auto r = run_cli({"rules", command, "--knowledge", dir.file("knowledge")});
        INFO(command << "\n" << r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(contains(r.err, conditions + ": error[KB006] at /conditions/0/involves/0: "));
        CHECK(contains(r.err, "(did you mean '" + muscle + "'?)"));
        CHECK(contains(r.err, "the knowledge folder " + dir.file("knowledge") + " does not load"));
    }
}

TEST_CASE("rules check warns (RL019) of a heavier rung allowed at more pain than a lighter one",
          "[cli][rules][ladder]") {
    // The bundled rules plus a gate on band adduction (rung 3) stricter than the Copenhagen's (rung 4).
    TempDir dir("gates");
    copy_rules(dir);
    add_rule(dir, "pain.resisted.hip_adduction > 0", {{"exclude", "exercise(hip_adduction_band)"}});
    auto r = run_cli({"rules", "check", dir.file("rules")});
    INFO(r.err);
    CHECK(r.exit_code == 0);  // a warning
    CHECK(contains(r.err, "warning[RL019]"));
    CHECK(
        contains(r.err,
                 "'copenhagen_adduction_short_lever' (rung 4) is allowed at pain up to 1/10 of "
                 "pain.resisted.hip_adduction, the lighter 'hip_adduction_band' (rung 3) at no pain at all"));
}
