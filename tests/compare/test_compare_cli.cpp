// `rehab compare` as a user runs it (the real binary): the same rules (or knowledge) twice change
// nothing; a copy of the rules with one dose moved, or one pain gate loosened, changes what it should,
// attributed to the rule; 1 and 4 threads give the same bytes; bad lines, bad folders and usage
// errors give batch's exit codes.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "../cli/cli_helpers.hpp"
#include "../support/cli.hpp"
#include "../support/temp_dir.hpp"

using namespace rehab::test;
using nlohmann::json;

namespace {

std::string generated(int count) {
    auto r = run_cli({"generate", "--count", std::to_string(count), "--seed", "3"});
    REQUIRE(r.exit_code == 0);
    return r.out;
}

std::string copy_rules(const TempDir& dir, const std::string& file, const std::string& from,
                       const std::string& to) {
    namespace fs = std::filesystem;
    const fs::path target = dir.path() / "rules";
    fs::copy(cli::bundled_rules, target, fs::copy_options::recursive);
    std::ifstream in(target / file);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    std::ofstream(target / file, std::ios::binary | std::ios::trunc) << text;
    return target.generic_string();
}

std::vector<json> records(const std::string& out) {
    std::vector<json> v;
    for (const auto& l : cli::lines_of(out)) v.push_back(json::parse(l));
    return v;
}

}  // namespace

TEST_CASE("compare of the same rules twice reports no change for every profile", "[cli][compare]") {
    TempDir dir("compare-same");
    const std::string in = dir.write("in.jsonl", generated(200));
    auto r = run_cli({"compare", "--rules", cli::bundled_rules, "--rules", cli::bundled_rules, in, "--format",
                      "json", "--all"});
    REQUIRE(r.exit_code == 0);
    const auto recs = records(r.out);
    REQUIRE(recs.size() == 201);
    for (std::size_t i = 0; i < 200; ++i) {
        CHECK(recs[i]["record"] == "profile");
        CHECK(recs[i]["line"] == i + 1);
        CHECK(recs[i]["status"] == "unchanged");
        CHECK(recs[i]["changes"].empty());
        CHECK(recs[i]["id"].is_string());
    }
    CHECK(recs.back()["record"] == "aggregate");
    CHECK(recs.back()["profiles"] == 200);
    CHECK(recs.back()["changed"] == 0);
    CHECK(recs.back()["rules_changed"].empty());
    auto text = run_cli({"compare", "--rules", cli::bundled_rules, "--rules", cli::bundled_rules, in});
    CHECK(text.exit_code == 0);
    CHECK(cli::contains(text.out, "compare: 200 profiles, 0 changed, 200 unchanged, 0 refused"));
}

TEST_CASE("compare against a copy of the rules with one dose moved names the change and its rule",
          "[cli][compare]") {
    TempDir dir("compare-dose");
    const std::string in = dir.write("in.jsonl", generated(300));
    const std::string mutated = copy_rules(dir, "dosage.json", R"("per_week": 3)", R"("per_week": 2)");
    auto r = run_cli({"compare", "--rules", cli::bundled_rules, "--rules", mutated, in, "--format", "json"});
    REQUIRE(r.exit_code == 0);
    const auto recs = records(r.out);
    REQUIRE(recs.size() >= 2);
    const json& agg = recs.back();
    CHECK(agg["rules_changed"] == json::array({"dose.strength_frequency"}));
    CHECK(agg["changed"].get<int>() == static_cast<int>(recs.size()) - 1);
    CHECK(agg["by_kind"].size() == 1);
    CHECK(agg["by_kind"]["dose"]["profiles"] == agg["changed"]);
    CHECK(agg["by_rule"].size() == 1);
    CHECK(agg["by_rule"]["dose.strength_frequency"]["profiles"] == agg["changed"]);
    for (std::size_t i = 0; i + 1 < recs.size(); ++i) {
        CHECK(recs[i]["status"] == "changed");
        for (const auto& c : recs[i]["changes"]) {
            CHECK(c["kind"] == "dose");
            CHECK(c["field"] == "sessions_per_week");
            CHECK(c["from"] == "3");
            CHECK(c["to"] == "2");
            CHECK(c["rules"] == json::array({"dose.strength_frequency"}));
        }
    }
    auto csv = run_cli({"compare", "--rules", cli::bundled_rules, "--rules", mutated, in, "--format", "csv"});
    REQUIRE(csv.exit_code == 0);
    const auto rows = cli::lines_of(csv.out);
    CHECK(rows[0] ==
          "line,profile_id,status,error_codes,error_message,condition,kind,exercise,field,from,to,rules");
    REQUIRE(rows.size() >= 2);
    CHECK(cli::contains(rows[1], ",changed,,,"));
    CHECK(cli::contains(rows[1], ",dose,"));
    CHECK(cli::contains(rows[1], ",sessions_per_week,3,2,dose.strength_frequency"));
}

TEST_CASE("compare against a copy of the rules with a pain gate loosened adds the exercises it excluded",
          "[cli][compare]") {
    TempDir dir("compare-gate");
    const std::string in = dir.write("in.jsonl", generated(300));
    const std::string mutated = copy_rules(dir, "safety.json", "pain.resisted.hip_adduction > 3\"",
                                           "pain.resisted.hip_adduction > 5\"");
    auto r = run_cli({"compare", "--rules", cli::bundled_rules, "--rules", mutated, in, "--format", "json"});
    REQUIRE(r.exit_code == 0);
    const auto recs = records(r.out);
    REQUIRE(recs.size() >= 2);
    const json& agg = recs.back();
    CHECK(agg["rules_changed"] == json::array({"adductor.resisted_pain"}));
    CHECK(agg["by_kind"]["exercise_added"]["profiles"] == agg["changed"]);
    CHECK(agg["by_rule"].size() == 1);
    CHECK(agg["by_condition"]["adductor_related_groin_pain"]["changed"] == agg["changed"]);
    for (std::size_t i = 0; i + 1 < recs.size(); ++i) {
        CHECK(recs[i]["condition"] == "adductor_related_groin_pain");
        CHECK(recs[i]["fired_only_a"] == json::array({"adductor.resisted_pain"}));
        for (const auto& c : recs[i]["changes"]) CHECK(c["rules"] == json::array({"adductor.resisted_pain"}));
    }
}

TEST_CASE("compare output is byte-identical on 1 and 4 threads in every format", "[cli][compare]") {
    TempDir dir("compare-threads");
    std::string input = generated(600);
    input.insert(input.find('\n', 1000) + 1, "{\"id\": \"broken\", \n\n");
    const std::string in = dir.write("in.jsonl", input);
    const std::string mutated = copy_rules(dir, "dosage.json", R"("per_week": 3)", R"("per_week": 2)");
    for (const char* format : {"text", "json", "csv"}) {
        auto one = run_cli({"compare", "--rules", cli::bundled_rules, "--rules", mutated, in, "--format",
                            format, "--threads", "1", "--all"});
        auto four = run_cli({"compare", "--rules", cli::bundled_rules, "--rules", mutated, in, "--format",
                             format, "--threads", "4", "--all"});
        CHECK(one.exit_code == 1);
        CHECK(four.exit_code == 1);
        CHECK(one.out == four.out);
        CHECK_FALSE(one.out.empty());
    }
}

TEST_CASE("compare makes an error record of a bad line and goes on", "[cli][compare]") {
    const std::string good = cli::lines_of(generated(2))[1];
    const std::string input = good +
                              "\n{\"id\": \"p-bad\", \"age\": 30, \"condition\": \"nope\", \"side\": "
                              "\"left\"}\n\nnot json\n" +
                              good + "\n";
    auto r = run_cli({"compare", "--rules", cli::bundled_rules, "--rules", cli::bundled_rules, "-",
                      "--format", "json", "--all"},
                     input);
    CHECK(r.exit_code == 1);
    const auto recs = records(r.out);
    REQUIRE(recs.size() == 5);
    CHECK(recs[0]["line"] == 1);
    CHECK(recs[1]["line"] == 2);
    CHECK(recs[1]["id"] == "p-bad");
    CHECK(recs[1]["error"][0]["code"] == "PR005");
    CHECK(recs[2]["line"] == 4);
    CHECK(recs[2]["error"][0]["code"] == "PR001");
    CHECK(recs[3]["line"] == 5);
    CHECK(recs[4]["errors"] == 2);
    CHECK(recs[4]["profiles"] == 2);
}

TEST_CASE("compare with a bad rules folder prints its diagnostics, exits 2 and writes nothing",
          "[cli][compare]") {
    TempDir dir("compare-bad-folder");
    const std::string broken = copy_rules(dir, "dosage.json", R"("per_week": 3)", R"("per_week": "three")");
    const std::string in = dir.write("in.jsonl", generated(5));
    const std::string out = dir.file("out.jsonl");
    auto r = run_cli({"compare", "--rules", cli::bundled_rules, "--rules", broken, in, "-o", out});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(cli::contains(r.err, "dosage.json"));
    CHECK(cli::contains(r.err, "error["));
    CHECK_FALSE(std::filesystem::exists(out));
    auto missing =
        run_cli({"compare", "--knowledge", dir.file("none"), "--knowledge", cli::bundled_knowledge, in});
    CHECK(missing.exit_code == 2);
    CHECK(missing.out.empty());
}

TEST_CASE("compare needs exactly one of --rules and --knowledge twice", "[cli][compare]") {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"compare", "--rules", cli::bundled_rules, "-"},
             {"compare", "-"},
             {"compare", "--rules", cli::bundled_rules, "--rules", cli::bundled_rules, "--knowledge",
              cli::bundled_knowledge, "--knowledge", cli::bundled_knowledge, "-"},
             {"compare", "--rules", cli::bundled_rules, "--rules", cli::bundled_rules, "-", "--format",
              "xml"}}) {
        auto r = run_cli(args, "");
        CHECK(r.exit_code == 64);
        CHECK(r.out.empty());
    }
}

TEST_CASE("compare of the same knowledge twice reports no change", "[cli][compare]") {
    auto r = run_cli({"compare", "--knowledge", cli::bundled_knowledge, "--knowledge", cli::bundled_knowledge,
                      "-", "--format", "json"},
                     generated(50));
    REQUIRE(r.exit_code == 0);
    const auto recs = records(r.out);
    REQUIRE(recs.size() == 1);
    CHECK(recs[0]["profiles"] == 50);
    CHECK(recs[0]["changed"] == 0);
}

TEST_CASE("compare against a copy of the rules with an irritability threshold moved names the edited rule",
          "[cli][compare]") {
    TempDir dir("compare-irritability");
    const std::string in = dir.write("in.jsonl", generated(300));
    const std::string mutated = copy_rules(dir, "stage.json", "pain.walking >= 3 or key_pain >= 4",
                                           "pain.walking >= 4 or key_pain >= 4");
    auto r = run_cli({"compare", "--rules", cli::bundled_rules, "--rules", mutated, in, "--format", "json"});
    REQUIRE(r.exit_code == 0);
    const auto recs = records(r.out);
    REQUIRE(recs.size() >= 2);
    CHECK(recs.back()["rules_changed"] == json::array({"irritability.moderate"}));
    CHECK(recs.back()["by_kind"].contains("irritability"));
    std::size_t irritability_changes = 0;
    for (std::size_t i = 0; i + 1 < recs.size(); ++i) {
        CHECK(recs[i]["changed_rules_fired"] == json::array({"irritability.moderate"}));
        for (const auto& c : recs[i]["changes"]) {
            if (c["kind"] != "irritability") continue;
            ++irritability_changes;
            CHECK(c["from"] == "moderate");
            CHECK(c["to"] == "low");
            CHECK(c["rules"] == json::array({"irritability.moderate"}));
        }
    }
    CHECK(irritability_changes > 0);
}
