// `rehab eval`, `rehab batch` and `rehab generate` through the real binary: exit codes, the table,
// JUnit output, the JSON report, streaming through stdin/stdout, --out, and the summary on stderr.
#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>

#include "../support/cli.hpp"
#include "../support/temp_dir.hpp"
#include "scenario_fixture.hpp"

using nlohmann::json;
using rehab::test::run_cli;
using rehab::test::TempDir;

namespace {
bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}
std::size_t count_lines(const std::string& s) {
    return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n'));
}
std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

void write_scenario(const TempDir& dir, const std::string& name, const json& expect) {
    dir.write("scenarios/" + name + ".json",
              rehab::test::scenario_doc(name, rehab::test::adductor_profile(), expect).dump(2));
}
}  // namespace

TEST_CASE("cli: eval passes - prints the table and coverage - exits 0", "[cli][scenarios]") {
    TempDir dir("eval");
    write_scenario(dir, "fine", json::parse(R"({"referral": false, "stage": "mid"})"));
    auto r = run_cli({"eval", dir.file("scenarios"), "--junit", dir.file("junit.xml")});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK(contains(r.out, "fine"));
    CHECK(contains(r.out, "PASS"));
    CHECK(contains(r.out, "1 scenarios: 1 passed, 0 failed"));
    CHECK(contains(r.out, "Coverage findings:"));
    CHECK(contains(r.out, "conditions without a scenario (9 of 10)"));
    CHECK(contains(dir.read("junit.xml"), "<testsuite name=\"rehab.scenarios\" tests=\"1\" failures=\"0\""));
}

TEST_CASE("cli: eval exits 1 on a failed expectation and says which", "[cli][scenarios]") {
    TempDir dir("eval");
    write_scenario(dir, "fine", json::parse(R"({"referral": false})"));
    write_scenario(dir, "wrong", json::parse(R"({"stage": "late", "include": ["nordic_hamstring_curl"]})"));
    auto r = run_cli({"eval", dir.file("scenarios"), "--no-coverage"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK(contains(r.out, "FAIL"));
    CHECK(contains(r.out, "x stage late: the engine chose stage mid"));
    CHECK(contains(r.out, "x include nordic_hamstring_curl: not in the programme"));
    CHECK(contains(r.out, "engine: excluded by"));
    CHECK_FALSE(contains(r.out, "Coverage findings"));
}

TEST_CASE("cli: eval exits 2 on an invalid scenario file or a missing path", "[cli][scenarios]") {
    TempDir dir("eval");
    dir.write("scenarios/bad.json", R"({"name": "bad", "profile": {}, "expect": {"exclude": ["bridg"]}})");
    auto r = run_cli({"eval", dir.file("scenarios")});
    CHECK(r.exit_code == 2);
    CHECK(contains(r.out, "ERROR"));
    CHECK(contains(r.out, "SC005"));
    auto missing = run_cli({"eval", dir.file("nowhere")});
    CHECK(missing.exit_code == 2);
    CHECK(contains(missing.err, "SC014"));
}

TEST_CASE("cli: eval --update-golden writes the golden file - then it matches", "[cli][scenarios]") {
    TempDir dir("eval");
    write_scenario(dir, "gold", json::parse(R"({"golden": true})"));
    dir.write("scenarios/golden/.keep", "");
    auto before = run_cli({"eval", dir.file("scenarios")});
    CHECK(before.exit_code == 1);
    CHECK(contains(before.out, "x golden output: no golden file " + dir.file("scenarios/golden/gold.json")));
    auto u = run_cli({"eval", dir.file("scenarios"), "--update-golden"});
    INFO(u.out);
    CHECK(u.exit_code == 0);
    CHECK(contains(u.out, "golden output written"));
    auto golden = json::parse(dir.read("scenarios/golden/gold.json"));
    CHECK(golden["format"] == "rehab.programme/1");
    CHECK(run_cli({"eval", dir.file("scenarios")}).exit_code == 0);
}

TEST_CASE("cli: every golden file of the suite is what rehab recommend prints for its profile byte for byte",
          "[cli][scenarios][golden]") {
    namespace fs = std::filesystem;
    TempDir dir("golden-recommend");
    const fs::path root = fs::path(REHAB_SOURCE_DIR) / "scenarios";
    std::size_t compared = 0, errors = 0;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
        if (!e.is_regular_file() || e.path().extension() != ".json" ||
            e.path().parent_path().filename() == "golden")
            continue;
        const json scenario = json::parse(dir.read(  // an absolute path: read as is
            e.path().string()));
        const json& expect = scenario["expect"];
        if (expect.contains("error")) {
            ++errors;
            CHECK_FALSE(fs::exists(root / "golden" / (scenario["name"].get<std::string>() + ".json")));
            continue;
        }
        if (!expect.value("golden", true)) continue;
        const std::string name = scenario["name"];
        INFO(name);
        const std::string profile = dir.write(name + ".json", scenario["profile"].dump(2));
        auto r = run_cli({"recommend", profile, "--format", "json"});
        REQUIRE(r.exit_code == 0);
        CHECK(r.out == dir.read((root / "golden" / (name + ".json")).string()));
        ++compared;
    }
    CHECK(compared >= 100);  // every scenario with a programme has its golden file
    CHECK(errors >= 14);     // and the bad-data scenarios have none
}

TEST_CASE("cli: generate | batch - streams one programme a line - summary on stderr", "[cli][batch]") {
    auto g = run_cli({"generate", "--count", "25", "--seed", "3"});
    CHECK(g.exit_code == 0);
    CHECK(count_lines(g.out) == 25);
    CHECK(run_cli({"generate", "--count", "25", "--seed", "3"}).out == g.out);
    CHECK(run_cli({"generate", "--count", "25", "--seed", "4"}).out != g.out);
    auto b = run_cli({"batch", "-", "--threads", "2"}, g.out);
    INFO(b.err);
    CHECK(b.exit_code == 0);
    CHECK(count_lines(b.out) == 25);
    std::istringstream in(g.out), out(b.out);
    for (std::string a, p; std::getline(in, a) && std::getline(out, p);)
        CHECK(json::parse(p)["profile_id"] == json::parse(a)["id"]);
    CHECK(contains(b.err, "batch: 25 records (25 profiles, 0 errors)"));
    CHECK(contains(b.err, "profiles/s"));
    CHECK_FALSE(contains(b.err, "\r"));  // no progress line: stderr is not a terminal
}

TEST_CASE("cli: batch with a bad line writes an error record - goes on - exits 1 - --out file",
          "[cli][batch]") {
    TempDir dir("batch");
    const std::string in = dir.write("in.jsonl", rehab::test::adductor_profile("a").dump() + "\n{oops\n" +
                                                     rehab::test::adductor_profile("b").dump() +
                                                     "\n{\"id\": \"c\", \"age\": 30}\n");
    auto r = run_cli({"batch", in, "--out", dir.file("out.jsonl")});
    INFO(r.err);
    CHECK(r.exit_code == 1);  // every record written, some of them errors
    CHECK(r.out.empty());
    const auto out = dir.read("out.jsonl");
    CHECK(count_lines(out) == 4);
    CHECK(contains(out, R"({"error":[{"code":"PR001")"));
    CHECK(contains(out, R"("line":2)"));
    CHECK(contains(out, R"("id":"c","line":4})"));  // the id of a refused profile, when readable
    CHECK(contains(r.err, "2 profiles, 2 errors"));
    // nothing written: the input cannot be read, the data does not load, the output cannot be written
    const auto missing = run_cli({"batch", dir.file("missing.jsonl")});
    CHECK(missing.exit_code == 2);
    CHECK(contains(missing.err, "rehab: error: batch: cannot open " + dir.file("missing.jsonl") +
                                    ": No such file or directory"));
    const auto no_rules = run_cli({"batch", in, "--rules", dir.file("no-rules")});
    CHECK(no_rules.exit_code == 2);
    CHECK(contains(no_rules.err, dir.file("no-rules") + ": error[RF014]: rules folder"));
    const auto no_folder = run_cli({"batch", in, "--out", dir.file("no-folder/out.jsonl")});
    CHECK(no_folder.exit_code == 2);
    CHECK(contains(no_folder.err, dir.file("no-folder/out.jsonl") + ": error[IO001]: cannot write file"));
    CHECK_FALSE(std::filesystem::exists(dir.file("no-folder")));
}

TEST_CASE("cli: batch --format csv and csv-long - a header - one row per profile or per exercise",
          "[cli][batch]") {
    TempDir dir("batch-csv");
    const std::string in = dir.write("in.jsonl", rehab::test::adductor_profile("a").dump() + "\n\n{oops\n" +
                                                     "{\"id\": \"c, \\\"quoted\\\"\", \"age\": 30}\n");
    auto wide = run_cli({"batch", in, "--format", "csv"});
    INFO(wide.err);
    CHECK(wide.exit_code == 1);
    const auto rows = lines_of(wide.out);
    REQUIRE(rows.size() == 4);  // the header, then lines 1, 3 and 4 (line 2 is blank)
    CHECK(rows[0].rfind("line,profile_id,status,error_codes,error_message,condition,", 0) == 0);
    CHECK(rows[1].rfind("1,a,programme,,,adductor_related_groin_pain,", 0) == 0);
    CHECK(rows[2].rfind("3,,error,PR001,", 0) == 0);
    CHECK(rows[3].rfind(R"(4,"c, ""quoted""",error,PR003)", 0) == 0);
    auto long_form = run_cli({"batch", in, "--format", "csv-long"});
    const auto long_rows = lines_of(long_form.out);
    const auto programme =
        json::parse(run_cli({"recommend", dir.write("a.json", rehab::test::adductor_profile("a").dump()),
                             "--format", "json"})
                        .out);
    REQUIRE(long_rows.size() == 1 + programme["exercises"].size() + 2);
    for (std::size_t i = 0; i < programme["exercises"].size(); ++i) {
        const std::string start = "1,a,programme,,,adductor_related_groin_pain,";
        CHECK(long_rows[1 + i].rfind(start, 0) == 0);
        CHECK(contains(long_rows[1 + i], "," + std::to_string(i + 1) + "," +
                                             programme["exercises"][i]["id"].get<std::string>() + ","));
    }
}

TEST_CASE("eval --format json reports the summary, every scenario and the coverage, deterministically",
          "[cli][scenario]") {
    const std::string scenarios = std::string(REHAB_SOURCE_DIR) + "/scenarios";
    auto r = run_cli({"eval", scenarios, "--format", "json"});
    REQUIRE(r.exit_code == 0);
    const json doc = json::parse(r.out);
    CHECK(doc["format"] == "rehab.eval/1");
    CHECK(doc["summary"]["failed"] == 0);
    CHECK(doc["summary"]["scenarios"] == doc["scenarios"].size());
    CHECK(doc["summary"]["passed"] == doc["scenarios"].size());
    CHECK(doc["scenarios"][0]["status"] == "pass");
    CHECK(doc["coverage"]["rules_never_fired"]["count"] ==
          doc["coverage"]["rules_never_fired"]["ids"].size());
    CHECK(doc["coverage"]["exercises_never_recommended"]["of"] == 60);
    CHECK(doc["coverage"]["conditions_without_scenario"]["ids"].is_array());
    CHECK(doc["rules"]["hash"].is_string());
    auto again = run_cli({"eval", scenarios, "--format", "json"});
    CHECK(again.out == r.out);
    auto bare = run_cli({"eval", scenarios, "--format", "json", "--no-coverage"});
    CHECK_FALSE(json::parse(bare.out).contains("coverage"));
}
