// `rehab recommend PROFILE` and `rehab explain PROFILE --exercise ID` as a clinician runs them,
// through the real binary: exit codes, every class of bad input refused with a located message on
// stderr, atomic --out, the three output formats, determinism over every example profile, the
// patient handout, and broken --knowledge / --rules copies.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "../render/render_fixture.hpp"
#include "../support/cli.hpp"
#include "../support/temp_dir.hpp"
#include "cli_helpers.hpp"
#include "io/render/handout_html.hpp"

using nlohmann::json;
using nlohmann::ordered_json;
using rehab::test::CliResult;
using rehab::test::run_cli;
using rehab::test::TempDir;
using namespace rehab::test::cli;

namespace {

// A valid mid-stage adductor-related groin pain profile with a home kit and no red flag.
json base_profile() {
    return json::parse(R"({
      "id": "cli-adductor",
      "age": 28,
      "sex": "male",
      "activity": ["kicking", "running"],
      "condition": "adductor_related_groin_pain",
      "side": "left",
      "days_since_onset": 21,
      "red_flags": [],
      "pain": { "rest": 0, "walking": 1, "resisted": { "hip_adduction": 2 }, "lasts_next_day": false },
      "capabilities": { "weight_bearing": "full", "single_leg_stance_s": 20, "squeeze_ratio": 0.6 },
      "equipment": ["resistance_band", "ball", "mat", "step", "chair", "support"],
      "therapist_present": false,
      "on_pain_medication": false
    })");
}

json referral_profile() {
    json p = base_profile();
    p["id"] = "cli-fever";
    p["red_flags"] = json::array({"fever"});
    return p;
}

// Runs `rehab recommend` on a profile written as `text`, expects it refused as bad input (exit 2,
// nothing on stdout, an error count on stderr) and returns stderr.
struct Refusal {
    std::string file;  // the profile path, as it must appear at the start of each message
    CliResult result;
};

Refusal refuse_text(const TempDir& dir, const std::string& text) {
    Refusal r{dir.write("profile.json", text), {}};
    r.result = run_cli({"recommend", r.file});
    INFO(r.result.err);
    CHECK(r.result.exit_code == 2);
    CHECK(r.result.out.empty());
    CHECK(contains(r.result.err, "error(s)"));
    return r;
}

Refusal refuse(const TempDir& dir, const json& profile) { return refuse_text(dir, profile.dump(2)); }

// The JSON programme of a profile file, recommended by the CLI.
ordered_json programme_of(const std::string& profile_path) {
    auto r = run_cli({"recommend", profile_path});
    INFO(profile_path << "\n" << r.err);
    REQUIRE(r.exit_code == 0);
    return ordered_json::parse(r.out);
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Every rule id the JSON programme mentions: fired rules, reasons for choosing, excluding and
// referring, the stage source and warnings.
std::set<std::string> rule_ids_of(const ordered_json& j) {
    std::set<std::string> ids;
    for (const auto& r : j["trace"]["rules_fired"]) ids.insert(r.get<std::string>());
    for (const char* list : {"exercises", "excluded"})
        for (const auto& e : j[list])
            for (const auto& w : e.value("why", ordered_json::array()))
                if (w.contains("rule")) ids.insert(w["rule"].get<std::string>());
    if (j.contains("referral"))
        for (const auto& r : j["referral"]["reasons"]) ids.insert(r["rule"].get<std::string>());
    for (const auto& w : j["warnings"])
        if (w.contains("rule")) ids.insert(w["rule"].get<std::string>());
    if (j["stage"].contains("source")) ids.insert(j["stage"]["source"].get<std::string>());
    return ids;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Programmes and referrals

TEST_CASE("recommend gives a programme of 4 to 8 exercises as JSON and exits 0", "[cli][recommend]") {
    TempDir dir("rec");
    auto r = run_cli({"recommend", dir.write("p.json", base_profile().dump(2))});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK_FALSE(contains(r.err, "error"));
    auto j = json::parse(r.out);
    CHECK(j["format"] == "rehab.programme/1");
    CHECK(j["profile_id"] == "cli-adductor");
    CHECK_FALSE(j.contains("referral"));
    CHECK(j["exercises"].size() >= 4);
    CHECK(j["exercises"].size() <= 8);
    for (const auto& e : j["exercises"]) {
        CHECK_FALSE(e["id"].get<std::string>().empty());
        CHECK_FALSE(e["name"].get<std::string>().empty());
        CHECK(e.contains("dose"));
        CHECK_FALSE(e["why"].empty());
    }
}

TEST_CASE("recommend refers a patient with a red flag - exit 0 and no exercises", "[cli][recommend]") {
    TempDir dir("rec");
    const std::string path = dir.write("p.json", referral_profile().dump(2));
    auto r = run_cli({"recommend", path});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    auto j = json::parse(r.out);
    REQUIRE(j.contains("referral"));
    REQUIRE(j["referral"]["reasons"].size() == 1);
    CHECK(j["referral"]["reasons"][0]["red_flag"] == "fever");
    CHECK(j["referral"]["reasons"][0]["rule"] == "red_flag.fever");
    CHECK(j["exercises"].empty());

    auto text = run_cli({"recommend", path, "--format", "text"});
    CHECK(text.exit_code == 0);
    CHECK(contains(text.out, "REFER"));
    CHECK_FALSE(contains(text.out, "Programme ("));

    auto html = run_cli({"recommend", path, "--format", "html"});
    CHECK(html.exit_code == 0);
    CHECK(contains(html.out, "see a doctor"));
    CHECK_FALSE(contains(html.out, "class=\"card\""));
}

TEST_CASE("recommend refers the bundled red flag example and programmes every other example",
          "[cli][recommend]") {
    for (const auto& path : example_profiles()) {
        auto r = run_cli({"recommend", path});
        INFO(path << "\n" << r.err);
        REQUIRE(r.exit_code == 0);
        auto j = json::parse(r.out);
        const bool red_flag_example = contains(path, "red_flag");
        CHECK(j.contains("referral") == red_flag_example);
        if (red_flag_example)
            CHECK(j["exercises"].empty());
        else if (j["exercises"].size() < 4) {  // shorter only when nothing else serves the condition, said so
            bool said = false;
            for (const auto& w : j["warnings"])
                said = said || contains(w["text"].get<std::string>(), "the rules ask for");
            CHECK(said);
            CHECK(j["exercises"].size() >= 2);
        }
    }
}

TEST_CASE("recommend reads the profile from standard input with -", "[cli][recommend]") {
    TempDir dir("rec");
    const std::string text = base_profile().dump(2);
    auto from_file = run_cli({"recommend", dir.write("p.json", text)});
    auto from_stdin = run_cli({"recommend", "-"}, text);
    INFO(from_stdin.err);
    CHECK(from_stdin.exit_code == 0);
    CHECK(from_stdin.out == from_file.out);

    auto bad = run_cli({"recommend", "-"},
                       R"({"age": 30, "condition": "adductor_related_groin_pain", "side": "up"})");
    CHECK(bad.exit_code == 2);
    CHECK(contains(bad.err, "<stdin>: error[PR007] at /side: "));
}

// ---------------------------------------------------------------------------------------------
// Bad input: every class refused with file - pointer (or line:column) - what was found - what was expected

TEST_CASE("recommend refuses malformed JSON with file line and column", "[cli][recommend][bad-input]") {
    TempDir dir("rec");
    auto r = refuse_text(dir,
                         "{\n"
                         "  \"age\": 30,\n"
                         "  \"condition\": \"adductor_related_groin_pain\",\n"
                         "  \"side\": \"left\",,\n"
                         "}\n");
    const std::string line = line_with(r.result.err, r.file + ":4:18: error[PR001]");
    INFO(r.result.err);
    REQUIRE_FALSE(line.empty());
    CHECK(contains(line, "unexpected ','"));  // what was found
    CHECK(contains(line, "expected"));        // what was expected
    CHECK(contains(r.result.err, "1 error(s)"));
}

TEST_CASE("recommend refuses a truncated profile at the end of the file", "[cli][recommend][bad-input]") {
    TempDir dir("rec");
    auto r = refuse_text(dir, "{\n  \"age\": 30,\n  \"condition\": \"adductor_related_groin_pain\"\n");
    INFO(r.result.err);
    CHECK_FALSE(line_with(r.result.err, r.file + ":4:1: error[PR001]", {"end of file"}).empty());
}

TEST_CASE("recommend refuses a number too large for a double as bad input - not an internal error",
          "[cli][recommend][bad-input]") {
    TempDir dir("rec");
    auto r = refuse_text(dir,
                         "{\"age\": 30,\n"
                         " \"condition\": \"adductor_related_groin_pain\", \"side\": \"left\",\n"
                         " \"pain\": {\"rest\": 1e999}}\n");
    INFO(r.result.err);
    CHECK_FALSE(contains(r.result.err, "internal error"));
    CHECK_FALSE(
        line_with(r.result.err, r.file + ":3:19: error[PR001]", {"'1e999'", "expected a finite number"})
            .empty());
}

TEST_CASE("recommend refuses a document that is not an object", "[cli][recommend][bad-input]") {
    TempDir dir("rec");
    auto r = refuse_text(dir, "[1, 2]");
    INFO(r.result.err);
    CHECK_FALSE(
        line_with(r.result.err, r.file + ": error[PR002]", {"expected an object", "found an array"}).empty());
}

TEST_CASE("recommend names an unknown field and the nearest known field", "[cli][recommend][bad-input]") {
    TempDir dir("rec");
    json p = base_profile();
    p.erase("days_since_onset");
    p["days_since_onest"] = 21;
    p["pain"]["restt"] = 1;
    auto r = refuse(dir, p);
    INFO(r.result.err);
    CHECK(contains(r.result.err, r.file +
                                     ": error[PR004] at /days_since_onest: unknown field 'days_since_onest' "
                                     "(did you mean 'days_since_onset'?)"));
    CHECK(contains(r.result.err,
                   r.file + ": error[PR004] at /pain/restt: unknown field 'restt' (did you mean 'rest'?)"));
}

TEST_CASE("recommend names an unknown condition and the nearest condition id",
          "[cli][recommend][bad-input]") {
    TempDir dir("rec");
    json p = base_profile();
    p["condition"] = "adductor_groin_pain";
    auto r = refuse(dir, p);
    const auto line = line_with(r.result.err, r.file + ": error[PR005] at /condition: ");
    INFO(r.result.err);
    CHECK(contains(line, "unknown condition 'adductor_groin_pain'"));
    CHECK(contains(line, "expected a condition id"));
    CHECK(contains(line, "(did you mean 'adductor_related_groin_pain'?)"));
}

TEST_CASE("recommend names an unknown red flag and the nearest red flag id", "[cli][recommend][bad-input]") {
    TempDir dir("rec");
    json p = base_profile();
    p["red_flags"] = json::array({"fevr"});
    auto r = refuse(dir, p);
    const auto line = line_with(r.result.err, r.file + ": error[PR005] at /red_flags/0: ");
    INFO(r.result.err);
    CHECK(contains(line, "unknown red flag 'fevr'"));
    CHECK(contains(line, "expected a red flag id"));
    CHECK(contains(line, "(did you mean 'fever'?)"));
}

TEST_CASE("recommend names unknown equipment and the nearest equipment id", "[cli][recommend][bad-input]") {
    TempDir dir("rec");
    json p = base_profile();
    p["equipment"] = json::array({"ball", "resistance_bnd"});
    auto r = refuse(dir, p);
    const auto line = line_with(r.result.err, r.file + ": error[PR005] at /equipment/1: ");
    INFO(r.result.err);
    CHECK(contains(line, "unknown equipment 'resistance_bnd'"));
    CHECK(contains(line, "expected an equipment id"));
    CHECK(contains(line, "(did you mean 'resistance_band'?)"));
}

TEST_CASE("recommend names an unknown movement in resisted pain and the nearest movement id",
          "[cli][recommend][bad-input]") {
    TempDir dir("rec");
    json p = base_profile();
    p["pain"]["resisted"] = json::object({{"hip_adducton", 2}});
    auto r = refuse(dir, p);
    const auto line = line_with(r.result.err, r.file + ": error[PR005] at /pain/resisted/hip_adducton: ");
    INFO(r.result.err);
    CHECK(contains(line, "unknown movement 'hip_adducton'"));
    CHECK(contains(line, "expected a movement id"));
    CHECK(contains(line, "(did you mean 'hip_adduction'?)"));
}

TEST_CASE("recommend refuses a field of the wrong type and says which type it wants",
          "[cli][recommend][bad-input]") {
    TempDir dir("rec");
    json p = base_profile();
    p["age"] = "twenty-eight";
    p["pain"]["rest"] = "high";
    p["capabilities"] = json::array();
    auto r = refuse(dir, p);
    INFO(r.result.err);
    CHECK(contains(r.result.err,
                   r.file + ": error[PR002] at /age: field 'age' should be a number, found a string"));
    CHECK(contains(r.result.err,
                   r.file + ": error[PR002] at /pain/rest: field 'rest' should be a number, found a string"));
    CHECK(contains(
        r.result.err,
        r.file +
            ": error[PR002] at /capabilities: field 'capabilities' should be an object, found an array"));
}

TEST_CASE("recommend refuses pain 11 on the 0-10 scale", "[cli][recommend][bad-input]") {
    TempDir dir("rec");
    json p = base_profile();
    p["pain"]["walking"] = 11;
    auto r = refuse(dir, p);
    const auto line = line_with(r.result.err, r.file + ": error[PR007] at /pain/walking: ");
    INFO(r.result.err);
    CHECK(contains(line, "0-10"));
    CHECK(contains(line, "found 11"));
}

TEST_CASE("recommend refuses negative days since onset", "[cli][recommend][bad-input]") {
    TempDir dir("rec");
    json p = base_profile();
    p["days_since_onset"] = -3;
    auto r = refuse(dir, p);
    const auto line = line_with(r.result.err, r.file + ": error[PR007] at /days_since_onset: ");
    INFO(r.result.err);
    CHECK(contains(line, "0-36500"));
    CHECK(contains(line, "found -3"));
}

TEST_CASE("recommend refuses an age of 400 years", "[cli][recommend][bad-input]") {
    TempDir dir("rec");
    json p = base_profile();
    p["age"] = 400;
    auto r = refuse(dir, p);
    const auto line = line_with(r.result.err, r.file + ": error[PR007] at /age: ");
    INFO(r.result.err);
    CHECK(contains(line, "0-120"));
    CHECK(contains(line, "found 400"));
}

TEST_CASE("recommend refuses a profile without its required fields", "[cli][recommend][bad-input]") {
    TempDir dir("rec");
    auto r = refuse_text(dir, std::string(R"({"condition": "adductor_related_groin_pain"})"));
    INFO(r.result.err);
    CHECK(contains(r.result.err, r.file + ": error[PR003] at /age: missing required field 'age'"));
    CHECK(contains(r.result.err, r.file + ": error[PR003] at /side: missing required field 'side'"));
}

TEST_CASE("recommend reports a missing profile file by name", "[cli][recommend][bad-input]") {
    TempDir dir("rec");
    const std::string missing = dir.file("no-such-profile.json");
    auto r = run_cli({"recommend", missing, "--out", dir.file("out.json")});
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK_FALSE(line_with(r.err, missing + ": error[PR014]", {"cannot open"}).empty());
    CHECK(entries(dir.path()).empty());
}

TEST_CASE("recommend says a folder is not a profile file", "[cli][recommend][bad-input]") {
    TempDir dir("rec");
    auto r = run_cli({"recommend", dir.str()});
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK_FALSE(line_with(r.err, dir.str() + ": error[PR014]", {"found a folder", "expected a profile file"})
                    .empty());
    CHECK_FALSE(contains(r.err, "syntax error"));
}

TEST_CASE("recommend reports every problem of a profile at once", "[cli][recommend][bad-input]") {
    TempDir dir("rec");
    json p = base_profile();
    p["age"] = 400;
    p["condition"] = "adductor_groin_pain";
    p["days_since_onset"] = -2;
    p["red_flags"] = json::array({"fevr"});
    p["equipment"] = json::array({"resistance_bnd"});
    p["pain"]["rest"] = "high";
    p["pain"]["walking"] = 11;
    p["pain"]["resisted"] = json::object({{"hip_adducton", 3}});
    p["sidee"] = "left";
    auto r = refuse(dir, p);
    INFO(r.result.err);
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"PR007", "/age"},
        {"PR005", "/condition"},
        {"PR007", "/days_since_onset"},
        {"PR005", "/red_flags/0"},
        {"PR005", "/equipment/0"},
        {"PR002", "/pain/rest"},
        {"PR007", "/pain/walking"},
        {"PR005", "/pain/resisted/hip_adducton"},
        {"PR004", "/sidee"}};
    for (const auto& [code, pointer] : expected)
        CHECK_FALSE(line_with(r.result.err, r.file + ": error[" + code + "] at " + pointer + ": ").empty());
    CHECK(contains(r.result.err, std::to_string(expected.size()) + " error(s)"));
    for (const auto& line : lines_of(r.result.err))  // each message names the file, save the count
        CHECK((line.rfind(r.file + ": error[", 0) == 0 ||
               line == std::to_string(expected.size()) + " error(s)"));
}

// ---------------------------------------------------------------------------------------------
// --out

TEST_CASE("recommend --out writes exactly what stdout shows in every format", "[cli][recommend][out]") {
    TempDir dir("rec");
    const std::string profile = dir.write("in/p.json", base_profile().dump(2));
    for (const std::string format : {"json", "text", "html"}) {
        TempDir out("rec-out");
        auto shown = run_cli({"recommend", profile, "--format", format});
        auto written =
            run_cli({"recommend", profile, "--format", format, "--out", out.file("programme." + format)});
        INFO(format << "\n" << written.err);
        REQUIRE(shown.exit_code == 0);
        CHECK(written.exit_code == 0);
        CHECK(written.out.empty());
        CHECK(out.read("programme." + format) == shown.out);
        CHECK(entries(out.path()) == std::vector<std::string>{"programme." + format});  // no temp file left
    }
}

TEST_CASE("recommend --out writes a referral - a missing folder or a folder as target is an error",
          "[cli][recommend][out]") {
    TempDir dir("rec");
    const std::string profile = dir.write("p.json", referral_profile().dump(2));
    auto shown = run_cli({"recommend", profile});
    auto written = run_cli({"recommend", profile, "--out", dir.file("referral.json")});
    INFO(written.err);
    CHECK(written.exit_code == 0);
    CHECK(dir.read("referral.json") == shown.out);
    auto missing = run_cli({"recommend", profile, "--out", dir.file("new/folder/referral.json")});
    CHECK(missing.exit_code == 2);
    CHECK(missing.err.find("does not exist") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir.path() / "new"));
    for (const std::string& target : {dir.str() + "/", dir.str()}) {
        auto folder = run_cli({"recommend", profile, "--out", target});
        CHECK(folder.exit_code == 2);
        CHECK(folder.err.find("this is a folder") != std::string::npos);
    }
}

TEST_CASE("recommend --out on bad input leaves no file and no temp file", "[cli][recommend][out]") {
    TempDir dir("rec");
    json p = base_profile();
    p["pain"]["walking"] = 11;
    const std::string profile = dir.write("in/p.json", p.dump(2));
    std::filesystem::create_directories(dir.path() / "out");
    auto r = run_cli({"recommend", profile, "--out", dir.file("out/programme.json")});
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "error[PR007] at /pain/walking: pain must be 0-10"));
    CHECK(r.out.empty());
    CHECK(entries(dir.path() / "out").empty());
}

TEST_CASE("recommend --out on bad input keeps an existing file as it was", "[cli][recommend][out]") {
    TempDir dir("rec");
    const std::string target = dir.write("out/programme.json", "the previous programme\n");
    auto r = run_cli({"recommend", dir.write("p.json", "{ not json"), "--out", target});
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, dir.file("p.json") + ":1:4: error[PR001]"));
    CHECK(dir.read("out/programme.json") == "the previous programme\n");
    CHECK(entries(dir.path() / "out") == std::vector<std::string>{"programme.json"});
}

TEST_CASE("recommend --out into a place that cannot be written fails clearly and leaves nothing",
          "[cli][recommend][out]") {
    TempDir dir("rec");
    const std::string profile = dir.write("p.json", base_profile().dump(2));
    dir.write("out/blocker", "a file where a folder should be");
    const std::string target = dir.file("out/blocker/programme.json");
    auto r = run_cli({"recommend", profile, "--out", target});
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(contains(r.err, target + ": error["));
    CHECK(contains(r.err, "cannot write"));
    CHECK(entries(dir.path() / "out") == std::vector<std::string>{"blocker"});
}

TEST_CASE("recommend --out - writes to standard output", "[cli][recommend][out]") {
    TempDir dir("rec");
    const std::string profile = dir.write("p.json", base_profile().dump(2));
    auto shown = run_cli({"recommend", profile});
    auto dash = run_cli({"recommend", profile, "--out", "-"});
    CHECK(dash.exit_code == 0);
    CHECK(dash.out == shown.out);
    CHECK(entries(dir.path()) == std::vector<std::string>{"p.json"});
}

// ---------------------------------------------------------------------------------------------
// Formats and determinism

TEST_CASE("recommend JSON is rehab.programme/1 with keys in a stable documented order",
          "[cli][recommend][format]") {
    TempDir dir("rec");
    auto programme = programme_of(dir.write("p.json", base_profile().dump(2)));
    std::vector<std::string> keys;
    for (const auto& item : programme.items()) keys.push_back(item.key());
    CHECK(keys == std::vector<std::string>{"format", "profile_id", "engine", "knowledge", "rules", "stage",
                                           "irritability", "pain_ceiling", "exercises", "excluded", "dropped",
                                           "not_chosen", "warnings", "disclaimer", "trace"});
    CHECK(programme["format"] == "rehab.programme/1");
    CHECK(programme["knowledge"]["hash"].get<std::string>().size() >= 8);
    CHECK(programme["rules"]["hash"].get<std::string>().size() >= 8);
    REQUIRE_FALSE(programme["exercises"].empty());
    for (const auto& e : programme["exercises"]) {
        std::vector<std::string> first;
        for (const auto& item : e.items())
            if (first.size() < 5) first.push_back(item.key());
        CHECK(first == std::vector<std::string>{"id", "name", "component", "side", "dose"});
    }

    auto referral = programme_of(dir.write("r.json", referral_profile().dump(2)));
    keys.clear();
    for (const auto& item : referral.items()) keys.push_back(item.key());
    CHECK(keys == std::vector<std::string>{"format", "profile_id", "engine", "knowledge", "rules", "stage",
                                           "irritability", "pain_ceiling", "referral", "exercises",
                                           "excluded", "dropped", "not_chosen", "warnings", "disclaimer",
                                           "trace"});
}

TEST_CASE("recommend JSON is written in one canonical layout", "[cli][recommend][format]") {
    for (const auto& path : example_profiles()) {
        auto r = run_cli({"recommend", path});
        INFO(path);
        REQUIRE(r.exit_code == 0);
        CHECK(ordered_json::parse(r.out).dump(2) + "\n" == r.out);  // two-space indent - one final newline
    }
}

TEST_CASE("recommend gives byte-identical output on two runs for every example and format",
          "[cli][recommend][determinism]") {
    const auto profiles = example_profiles();
    REQUIRE(profiles.size() >= 10);
    for (const auto& path : profiles)
        for (const std::string format : {"json", "text", "html"}) {
            auto first = run_cli({"recommend", path, "--format", format});
            auto second = run_cli({"recommend", path, "--format", format});
            INFO(path << " --format " << format);
            REQUIRE(first.exit_code == 0);
            CHECK_FALSE(first.out.empty());
            CHECK(first.out == second.out);
        }
}

TEST_CASE("recommend gives the same programme whatever the order of the profile keys and lists",
          "[cli][recommend][determinism]") {
    TempDir dir("rec");
    const json p = base_profile();
    const auto original = ordered_json::parse(p.dump());
    ordered_json reordered = ordered_json::object();  // keys in reverse order - lists reversed
    std::vector<std::string> keys;
    for (const auto& item : original.items()) keys.push_back(item.key());
    for (auto it = keys.rbegin(); it != keys.rend(); ++it) {
        ordered_json v = original[*it];
        if (v.is_array()) std::reverse(v.begin(), v.end());
        reordered[*it] = v;
    }
    auto a = run_cli({"recommend", dir.write("a.json", p.dump(2))});
    auto b = run_cli({"recommend", dir.write("b.json", reordered.dump())});
    REQUIRE(a.exit_code == 0);
    CHECK(a.out == b.out);
}

TEST_CASE("recommend text names the patient - the stage and every exercise", "[cli][recommend][format]") {
    TempDir dir("rec");
    const std::string path = dir.write("p.json", base_profile().dump(2));
    auto j = programme_of(path);
    auto r = run_cli({"recommend", path, "--format", "text"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.out, "cli-adductor"));
    CHECK(contains(r.out, "Stage:        " + j["stage"]["value"].get<std::string>()));
    CHECK(contains(r.out, "Programme (" + std::to_string(j["exercises"].size()) + " exercises)"));
    for (const auto& e : j["exercises"]) CHECK(contains(r.out, e["name"].get<std::string>()));
    CHECK(contains(r.out, "not a substitute for examination"));
}

TEST_CASE("recommend refuses an unknown format and names the known ones", "[cli][recommend][format]") {
    TempDir dir("rec");
    auto r = run_cli({"recommend", dir.write("p.json", base_profile().dump(2)), "--format", "xml", "--out",
                      dir.file("out.xml")});
    CHECK(r.exit_code == 64);  // a usage error
    CHECK(r.out.empty());
    CHECK(contains(r.err, "xml"));
    CHECK(contains(r.err, "json"));
    CHECK(contains(r.err, "html"));
    CHECK(entries(dir.path()) == std::vector<std::string>{"p.json"});
}

TEST_CASE("recommend HTML handout is well-formed and carries every exercise for every example",
          "[cli][recommend][html]") {
    for (const auto& path : example_profiles()) {
        INFO(path);
        auto j = programme_of(path);
        auto r = run_cli({"recommend", path, "--format", "html"});
        REQUIRE(r.exit_code == 0);
        const std::string& html = r.out;
        std::string error;
        const bool ok = rehab::test::render::well_formed_xml(html, error);
        INFO(error);
        CHECK(ok);
        CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
        std::size_t cards = 0;
        for (auto at = html.find("class=\"card\""); at != std::string::npos;
             at = html.find("class=\"card\"", at + 1))
            ++cards;
        CHECK(cards == j["exercises"].size());
        for (const auto& e : j["exercises"])
            CHECK(
                contains(html, rehab::io::html_escape(rehab::io::plain_words(e["name"].get<std::string>()))));
    }
}

TEST_CASE("recommend HTML handout has no clinician jargon - rule ids - or exercise ids",
          "[cli][recommend][html]") {
    for (const auto& path : example_profiles()) {
        INFO(path);
        auto j = programme_of(path);
        auto r = run_cli({"recommend", path, "--format", "html"});
        REQUIRE(r.exit_code == 0);
        const std::string& html = r.out;
        const auto ids = rule_ids_of(j);
        REQUIRE_FALSE(ids.empty());
        for (const auto& id : ids) {
            INFO("rule id " << id);
            CHECK_FALSE(contains(html, id));
        }
        for (const char* list : {"exercises", "excluded"})
            for (const auto& e : j[list]) {
                const auto id = e["id"].get<std::string>();
                if (contains(id, "_")) CHECK_FALSE(contains(html, id));  // one-word ids are plain words
            }
        const std::string l = lower(html);
        for (const char* word : {"eccentric", "concentric", "isotonic", "irritab", "stratum", "priority",
                                 "score", "rehab.programme", "<script", "href=", "src="}) {
            INFO("word " << word);
            CHECK_FALSE(contains(l, word));
        }
        CHECK_FALSE(contains(html, "RPE"));
    }
}

// ---------------------------------------------------------------------------------------------
// --knowledge and --rules

TEST_CASE("recommend --knowledge with a broken copy fails with file - pointer and nearest id",
          "[cli][recommend][data]") {
    TempDir dir("rec");
    copy_folder(bundled_knowledge, dir.file("knowledge"));
    const std::string conditions = dir.file("knowledge/conditions.json");
    json doc = json::parse(dir.read("knowledge/conditions.json"));
    const std::string muscle = doc["conditions"][0]["involves"][0].get<std::string>();
    std::string misspelt = muscle;
    misspelt.erase(misspelt.size() - 2, 1);  // adductor_longus -> adductor_longs
    doc["conditions"][0]["involves"][0] = misspelt;
    dir.write("knowledge/conditions.json", doc.dump(2));
    const std::string profile = dir.write("p.json", base_profile().dump(2));

    auto r =
        run_cli({"recommend", profile, "--knowledge", dir.file("knowledge"), "--out", dir.file("out.json")});
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    const auto line = line_with(r.err, conditions + ": error[KB006] at /conditions/0/involves/0: ");
    CHECK(contains(line, "unknown muscle '" + misspelt + "'"));
    CHECK(contains(line, "(did you mean '" + muscle + "'?)"));
    CHECK_FALSE(std::filesystem::exists(dir.file("out.json")));

    auto explain =
        run_cli({"explain", profile, "--exercise", "bridge", "--knowledge", dir.file("knowledge")});
    CHECK(explain.exit_code == 2);
    CHECK(explain.out.empty());
    CHECK(contains(explain.err, conditions + ": error[KB006]"));
}

TEST_CASE("recommend --knowledge with a missing folder fails and names it", "[cli][recommend][data]") {
    TempDir dir("rec");
    const std::string missing = dir.file("no-knowledge");
    auto r = run_cli({"recommend", dir.write("p.json", base_profile().dump(2)), "--knowledge", missing});
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(contains(r.err, missing));
    CHECK(contains(r.err, "error[KB014]"));
}

TEST_CASE("recommend --rules with a broken copy fails with file - pointer - column and nearest fact",
          "[cli][recommend][data]") {
    TempDir dir("rec");
    copy_folder(bundled_rules, dir.file("rules"));
    const std::string broken = dir.write("rules/zz_cli_broken.json", R"J({"rules": [
      {"id": "cli.broken", "category": "availability", "rationale": "A rule with a misspelt fact.",
       "evidence": {"references": [], "grade": "practice"}, "priority": 0,
       "when": "single_leg_stanse_s < 5", "then": [{"exclude": "exercise(bridge)"}]}]})J");
    const std::string profile = dir.write("p.json", base_profile().dump(2));

    auto r = run_cli({"recommend", profile, "--rules", dir.file("rules"), "--out", dir.file("out.json")});
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(contains(r.err,
                   broken + ": error[RL002] at /rules/0/when (column 1): unknown fact 'single_leg_stanse_s' "
                            "(did you mean 'single_leg_stance_s'?)"));
    CHECK_FALSE(std::filesystem::exists(dir.file("out.json")));

    auto explain = run_cli({"explain", profile, "--exercise", "bridge", "--rules", dir.file("rules")});
    CHECK(explain.exit_code == 2);
    CHECK(contains(explain.err, broken + ": error[RL002]"));
}

TEST_CASE("recommend --knowledge and --rules accept good copies of the bundled data",
          "[cli][recommend][data]") {
    TempDir dir("rec");
    copy_folder(bundled_knowledge, dir.file("knowledge"));
    copy_folder(bundled_rules, dir.file("rules"));
    const std::string profile = dir.write("p.json", base_profile().dump(2));
    auto bundled = run_cli({"recommend", profile});
    auto copied =
        run_cli({"recommend", profile, "--knowledge", dir.file("knowledge"), "--rules", dir.file("rules")});
    INFO(copied.err);
    CHECK(copied.exit_code == 0);
    CHECK(copied.out == bundled.out);  // content hashes - not paths - identify the data
}

// ---------------------------------------------------------------------------------------------
// explain

TEST_CASE("explain says why a chosen exercise is in the programme", "[cli][explain]") {
    TempDir dir("rec");
    const std::string profile = dir.write("p.json", base_profile().dump(2));
    auto j = programme_of(profile);
    REQUIRE(j["exercises"].size() >= 2);
    const auto& second = j["exercises"][1];
    auto r = run_cli({"explain", profile, "--exercise", second["id"].get<std::string>()});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.rfind(second["name"].get<std::string>() + " is in the programme (number 2 of " +
                          std::to_string(j["exercises"].size()),
                      0) == 0);
    for (const auto& w : second["why"])
        if (w.contains("rule")) CHECK(contains(r.out, "Rule " + w["rule"].get<std::string>()));
}

TEST_CASE("explain says why an excluded exercise is left out and what would make it eligible",
          "[cli][explain]") {
    TempDir dir("rec");
    const std::string profile = dir.write("p.json", base_profile().dump(2));
    auto j = programme_of(profile);
    const ordered_json* excluded = nullptr;
    for (const auto& e : j["excluded"])
        if (e["id"] == "eccentric_hip_adduction") excluded = &e;
    REQUIRE(excluded);  // pain on resisted adduction and no therapist present
    auto r = run_cli({"explain", profile, "--exercise", "eccentric_hip_adduction"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.rfind((*excluded)["name"].get<std::string>() + " is excluded", 0) == 0);
    for (const auto& w : (*excluded)["why"]) CHECK(contains(r.out, "Rule " + w["rule"].get<std::string>()));
    CHECK(contains(r.out, "It becomes eligible once"));
    CHECK(contains(r.out, "a therapist is present' is yes"));
}

TEST_CASE("explain says an eligible exercise was not chosen and why", "[cli][explain]") {
    TempDir dir("rec");
    const std::string profile = dir.write("p.json", base_profile().dump(2));
    auto j = programme_of(profile);
    REQUIRE_FALSE(j["not_chosen"].empty());
    const auto& first = j["not_chosen"][0];
    auto r = run_cli({"explain", profile, "--exercise", first["id"].get<std::string>()});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK(contains(r.out, "is eligible but not chosen"));
    CHECK(contains(r.out, first["reason"].get<std::string>()));
}

TEST_CASE("explain refuses an unknown exercise and suggests the nearest id", "[cli][explain]") {
    TempDir dir("rec");
    auto r =
        run_cli({"explain", dir.write("p.json", base_profile().dump(2)), "--exercise", "adductor_squeez"});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(contains(r.err, "unknown exercise 'adductor_squeez' (did you mean 'adductor_squeeze'?)"));
}

TEST_CASE("explain on a referred patient says no exercise is recommended", "[cli][explain]") {
    TempDir dir("rec");
    auto r = run_cli({"explain", dir.write("p.json", referral_profile().dump(2)), "--exercise", "bridge"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(contains(r.out, "the patient is referred"));
    CHECK(contains(r.out, "red_flag.fever"));
}

TEST_CASE("explain refuses a bad profile with located messages", "[cli][explain]") {
    TempDir dir("rec");
    json p = base_profile();
    p["pain"]["walking"] = 11;
    const std::string path = dir.write("p.json", p.dump(2));
    auto r = run_cli({"explain", path, "--exercise", "bridge"});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(contains(r.err, path + ": error[PR007] at /pain/walking: "));
}

TEST_CASE("recommend prints the handout's header options escaped and refuses bad ones before any work",
          "[cli][recommend][html]") {
    TempDir dir("rec");
    const std::string p = dir.write("p.json", base_profile().dump(2));
    auto r = run_cli({"recommend", p, "--format", "html", "--patient-name", "Ann <O'Brien>", "--clinician",
                      "Dr Sam", "--clinic", "Clinic & Co, 0123", "--date", "2026-03-04", "--review-date",
                      "2026-03-18"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.out, "Ann &lt;O&#39;Brien&gt;"));
    CHECK(contains(r.out, "Clinic &amp; Co, 0123"));
    CHECK(contains(r.out, "4 March 2026"));
    CHECK(contains(r.out, "18 March 2026"));
    for (const std::vector<std::string>& bad :
         {std::vector<std::string>{"--format", "html", "--date", "2026-02-30"},
          {"--format", "html", "--date", "2026-03-18", "--review-date", "2026-03-04"},
          {"--format", "html", "--patient-name", std::string(81, 'a')},
          {"--format", "json", "--patient-name", "Ann"}}) {
        std::vector<std::string> args{"recommend", p, "--out", dir.file("out.html")};
        args.insert(args.end(), bad.begin(), bad.end());
        auto b = run_cli(args);
        INFO(bad.back());
        CHECK(b.exit_code == 64);
        CHECK(b.out.empty());
        CHECK(contains(b.err, "rehab: error:"));
        CHECK(entries(dir.path()) == std::vector<std::string>{"p.json"});
    }
}
