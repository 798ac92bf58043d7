// The limits through the real binary, with bounded resources proven: each hostile input of issue 21
// (deep or long expressions, a megabyte of '[', a million duplicate ids, a symlink loop) ends with
// exit 2 and a located message, in under 5 s of CPU and 200 MB of peak memory, never a crash or exit 70.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "../cli/cli_helpers.hpp"
#include "../support/cli.hpp"
#include "../support/temp_dir.hpp"

using nlohmann::json;
using rehab::test::CliResult;
using rehab::test::run_cli;
using rehab::test::TempDir;
using namespace rehab::test::cli;
namespace fs = std::filesystem;

namespace {

constexpr double max_seconds = 5;
constexpr long max_peak_kb = 200 * 1024;

// Exit 2, no internal error, and bounded: CPU time (user + system) rather than wall time, which on a
// loaded CI machine measures the other jobs too.
void check_bounded(const CliResult& r, int exit_code = 2) {
    INFO("exit " << r.exit_code << ", " << r.cpu_seconds << " s CPU (" << r.seconds << " s wall), "
                 << r.peak_rss_kb << " kB\n"
                 << r.err.substr(0, 2000));
    CHECK(r.exit_code == exit_code);
    CHECK(r.cpu_seconds < max_seconds);
    CHECK(r.peak_rss_kb < max_peak_kb);
    CHECK_FALSE(contains(r.err, "internal error"));
}

std::string repeat(const std::string& piece, std::size_t n) {
    std::string out;
    out.reserve(piece.size() * n);
    for (std::size_t i = 0; i < n; ++i) out += piece;
    return out;
}

// A copy of the bundled rules with one more rule whose condition is `when`.
std::string rules_with(const TempDir& dir, const std::string& when) {
    copy_folder(bundled_rules, dir.file("rules"));
    json rule = {{"id", "cli.deep"},
                 {"rationale", "A hostile rule."},
                 {"evidence", {{"grade", "practice"}}},
                 {"priority", 0},
                 {"when", when},
                 {"then", json::array({{{"exclude", "exercise(bridge)"}}})}};
    dir.write("rules/zz_deep.json", json{{"rules", json::array({rule})}}.dump());
    return dir.file("rules");
}

const std::string profile = example_profile("adductor_related_groin_pain");

}  // namespace

TEST_CASE("limits cli: deep and long rule expressions are RL018, exit 2, bounded", "[cli][limits][rules]") {
    const std::vector<std::string> hostile = {repeat("(", 100000) + "age > 1" + repeat(")", 100000),
                                              repeat("(", 2000) + "age > 1" + repeat(")", 2000),
                                              repeat("not ", 100000) + "therapist_present",
                                              repeat("-", 100000) + "1 > 0",
                                              repeat("age > 1 and ", 9999) + "age > 1",
                                              repeat("1 + ", 9999) + "1 > 0"};
    for (const auto& when : hostile) {
        TempDir dir("deep-rules");
        const std::string rules = rules_with(dir, when);
        auto r = run_cli({"rules", "check", rules});
        check_bounded(r);
        CHECK_FALSE(line_with(r.err, rules + "/zz_deep.json", {"error[RL018] at /rules/0/when"}).empty());
        check_bounded(run_cli({"recommend", profile, "--rules", rules}));
    }
}

TEST_CASE("limits cli: a deep selector is RL018, exit 2, bounded", "[cli][limits][rules]") {
    TempDir dir("deep-selector");
    copy_folder(bundled_rules, dir.file("rules"));
    json rule = {
        {"id", "cli.selector"},
        {"rationale", "A hostile selector."},
        {"evidence", {{"grade", "practice"}}},
        {"priority", 0},
        {"when", "age > 1"},
        {"then", json::array({{{"exclude", repeat("position(prone) or ", 99999) + "position(prone)"}}})}};
    dir.write("rules/zz_selector.json", json{{"rules", json::array({rule})}}.dump());
    auto r = run_cli({"rules", "check", dir.file("rules")});
    check_bounded(r);
    CHECK(contains(r.err, "error[RL018] at /rules/0/then/0"));
}

TEST_CASE("limits cli: a megabyte of open brackets is PR001 at 1:65, ten megabytes are PR014",
          "[cli][limits][profile]") {
    TempDir dir("deep-json");
    const std::string deep = dir.write("deep.json", std::string(1000000, '['));
    auto r = run_cli({"recommend", deep});
    check_bounded(r);
    CHECK_FALSE(line_with(r.err, deep + ":1:65: error[PR001]", {"nested more than 64 levels"}).empty());

    const std::string big = dir.write("big.json", std::string(10 * 1024 * 1024, '['));
    r = run_cli({"recommend", big});
    check_bounded(r);
    CHECK_FALSE(line_with(r.err, big + ": error[PR014]", {"larger than the limit of 1 MiB"}).empty());

    r = run_cli({"recommend", "-"}, std::string(10 * 1024 * 1024, '['));
    check_bounded(r);
    CHECK_FALSE(line_with(r.err, "<stdin>: error[PR014]", {"larger than the limit of 1 MiB"}).empty());
    r = run_cli({"simulate", "-"}, std::string(10 * 1024 * 1024, '['));
    check_bounded(r);
    CHECK(contains(r.err, "error[PR014]"));
}

TEST_CASE("limits cli: a 50 MB line of open brackets in a batch is an error record and the batch goes on",
          "[cli][limits][batch]") {
    TempDir dir("deep-batch");
    std::ifstream in(profile);
    const std::string good = json::parse(in).dump();
    const std::string input = dir.write("in.jsonl", std::string(50 * 1024 * 1024, '[') + "\n" + good + "\n");
    auto r = run_cli({"batch", input, "--summary", "--threads", "2"});
    check_bounded(r, 1);  // exit 1: a line was refused, every record written
    const auto lines = lines_of(r.out);
    REQUIRE(lines.size() == 2);
    const json refused = json::parse(lines[0]);
    CHECK(refused["line"] == 1);
    CHECK(refused["error"][0]["code"] == "PR014");
    CHECK(contains(lines[1], "rehab.programme-summary/1"));
}

TEST_CASE("limits cli: 70,000 duplicate activities and 10,000 unknown fields: 100 errors shown, all counted",
          "[cli][limits][profile]") {
    std::ifstream in(profile);
    json p = json::parse(in);
    p["activity"] = json::array();
    for (int i = 0; i < 70000; ++i) p["activity"].push_back("kicking");
    for (int i = 0; i < 10000; ++i) p["unknown_" + std::to_string(i)] = 1;
    const std::string text = p.dump();
    REQUIRE(text.size() < 1024 * 1024);
    auto r = run_cli({"recommend", "-"}, text);
    check_bounded(r);
    std::size_t shown = 0;
    for (const auto& l : lines_of(r.err)) shown += contains(l, "error[PR00");
    CHECK(shown == 100);
    CHECK(contains(r.err, "error[DG001]"));
    CHECK(contains(r.err, "... and 79899 more error(s), not shown"));
    CHECK(contains(r.err, "\n79999 error(s)\n"));
}

TEST_CASE("limits cli: symlink loops in the rules and scenario folders exit 2 with the path",
          "[cli][limits][links]") {
    TempDir dir("cli-links");
    copy_folder(bundled_rules, dir.file("rules"));
    fs::create_symlink("loop.json", dir.path() / "rules" / "loop.json");
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"rules", "check", dir.file("rules")}, {"recommend", profile, "--rules", dir.file("rules")}}) {
        auto r = run_cli(args);
        check_bounded(r);
        CHECK_FALSE(line_with(r.err, dir.file("rules") + "/loop.json: error[RF014]",
                              {"Too many levels of symbolic links"})
                        .empty());
    }
    dir.write("scenarios/a.json", "{}");
    fs::create_symlink("loop.json", dir.path() / "scenarios" / "loop.json");
    auto r = run_cli({"eval", dir.file("scenarios")});
    check_bounded(r);
    CHECK_FALSE(line_with(r.err, dir.file("scenarios") + "/loop.json: error[SC014]").empty());
}

TEST_CASE("limits cli: kb check warns about each link it skips in the knowledge folder",
          "[cli][limits][links]") {
    TempDir dir("cli-kb-links");
    copy_folder(bundled_knowledge, dir.file("knowledge"));
    const fs::path kb = dir.path() / "knowledge";
    fs::create_symlink("loop.json", kb / "loop.json");
    fs::create_symlink("missing.json", kb / "dangling.json");
    fs::create_symlink(".", kb / "loop");
    auto r = run_cli({"kb", "check", dir.file("knowledge")});
    CHECK(r.exit_code == 0);
    for (const std::string name : {"loop.json", "dangling.json", "loop"})
        CHECK_FALSE(line_with(r.err, dir.file("knowledge") + "/" + name + ": warning[KB103]").empty());
}
