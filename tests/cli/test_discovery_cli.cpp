// Finding one's way as a new user would (issue 19): `kb list` of every kind in text and JSON, a
// misspelt command or kind answered with the nearest name, -V naming the data versions and hashes,
// and a negative count refused with the usage exit code.
#include <catch2/catch.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "../support/bundled.hpp"
#include "../support/cli.hpp"

using namespace rehab::test;

TEST_CASE("cli: kb list shows every condition id a profile may use, in text and JSON",
          "[cli][kb][discovery]") {
    const auto kg = bundled_kg();
    auto text = run_cli({"kb", "list", "conditions"});
    REQUIRE(text.exit_code == 0);
    auto json = run_cli({"kb", "list", "conditions", "--format", "json"});
    REQUIRE(json.exit_code == 0);
    const auto doc = nlohmann::json::parse(json.out);
    CHECK(doc["schema"] == "rehab.knowledge-list/1");
    CHECK(doc["knowledge"]["hash"] == kg->content_hash());
    REQUIRE(doc["conditions"].size() == kg->conditions().size());
    for (std::size_t i = 0; i < kg->conditions().size(); ++i) {
        CHECK(doc["conditions"][i]["id"] == kg->conditions()[i].key);
        CHECK(text.out.find(kg->conditions()[i].key) != std::string::npos);
    }
}

TEST_CASE("cli: kb list without a kind lists every kind with its count", "[cli][kb][discovery]") {
    auto r = run_cli({"kb", "list", "--format", "json"});
    REQUIRE(r.exit_code == 0);
    const auto doc = nlohmann::json::parse(r.out);
    for (const char* kind : {"exercises", "conditions", "movements", "muscles", "equipment", "positions",
                             "red-flags", "bands", "references", "codes"}) {
        INFO(kind);
        CHECK_FALSE(doc[kind].empty());
    }
    CHECK(doc["exercises"].size() == bundled_kg()->exercise_count());
}

TEST_CASE("cli: a misspelt kind or command gets the nearest name and exit 64", "[cli][discovery]") {
    auto kind = run_cli({"kb", "list", "band"});
    CHECK(kind.exit_code == 64);
    CHECK(kind.err.find("did you mean 'bands'?") != std::string::npos);
    auto command = run_cli({"recomend", "x.json"});
    CHECK(command.exit_code == 64);
    CHECK(command.err.find("unknown command 'recomend'; did you mean 'recommend'?") != std::string::npos);
}

TEST_CASE("cli: -V and --version name the library, knowledge and rules versions and hashes",
          "[cli][discovery]") {
    const auto r = bundled_recommender();
    for (const char* flag : {"-V", "--version"}) {
        auto v = run_cli({flag});
        CHECK(v.exit_code == 0);
        CHECK(v.out.rfind("rehab ", 0) == 0);
        CHECK(v.out.find(r->knowledge().content_hash()) != std::string::npos);
        CHECK(v.out.find(r->rules().content_hash()) != std::string::npos);
    }
}

TEST_CASE("cli: generate refuses a negative count with the usage exit code", "[cli][discovery]") {
    auto r = run_cli({"generate", "--count", "-5"});
    CHECK(r.exit_code == 64);
    CHECK(r.out.empty());
}

TEST_CASE("cli: usage errors are said in the one message style", "[cli][discovery]") {
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"generate", "--count", "-5"}, {"recommend", "--bogus", "x.json"}, {}}) {
        auto r = run_cli(args);
        CHECK(r.exit_code == 64);
        CHECK(r.err.rfind("rehab: error: ", 0) == 0);
        CHECK(r.err.find("--help") != std::string::npos);
    }
}

TEST_CASE("cli: recommend prints a table on a terminal and JSON into a pipe", "[cli][discovery]") {
    const std::string profile =
        std::string(REHAB_SOURCE_DIR) + "/examples/profiles/adductor_related_groin_pain.json";
    auto piped = run_cli({"recommend", profile});
    REQUIRE(piped.exit_code == 0);
    CHECK(nlohmann::json::parse(piped.out)["format"] == "rehab.programme/1");
    // script(1) runs the command on a pseudo-terminal, as a person at a terminal would.
    const std::string command = std::string(REHAB_CLI) + " recommend " + profile;
    FILE* p = ::popen(("script -qec '" + command + "' /dev/null").c_str(), "r");
    REQUIRE(p != nullptr);
    std::string out;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    CHECK(::pclose(p) == 0);
    CHECK(out.find("\"schema\"") == std::string::npos);
    CHECK(out.find("Stage") != std::string::npos);
}

TEST_CASE("cli: -v and REHAB_LOG_LEVEL log what was loaded - by default and with -q stderr stays quiet",
          "[cli][discovery]") {
    const std::string profile =
        std::string(REHAB_SOURCE_DIR) + "/examples/profiles/adductor_related_groin_pain.json";
    auto plain = run_cli({"recommend", profile, "--format", "json"});
    REQUIRE(plain.exit_code == 0);
    CHECK(plain.err.empty());
    auto verbose = run_cli({"-v", "recommend", profile, "--format", "json"});
    REQUIRE(verbose.exit_code == 0);
    CHECK(verbose.err.find("rehab: info: loaded knowledge") != std::string::npos);
    CHECK(verbose.err.find("rehab: info: recommend ex-adductor: mid stage") != std::string::npos);
    CHECK(verbose.out == plain.out);  // logs never reach the document
    auto env = run_cli_env({"recommend", profile, "--format", "json"}, {"REHAB_LOG_LEVEL=info"});
    CHECK(env.err.find("loaded knowledge") != std::string::npos);
    auto quiet = run_cli_env({"-q", "recommend", profile, "--format", "json"}, {"REHAB_LOG_LEVEL=debug"});
    CHECK(quiet.err.empty());
    auto bad = run_cli_env({"recommend", profile, "--format", "json"}, {"REHAB_LOG_LEVEL=loud"});
    CHECK(bad.exit_code == 0);
    CHECK(bad.err.find("REHAB_LOG_LEVEL='loud' is not trace, debug, info, warn, error or off") !=
          std::string::npos);
}

TEST_CASE("cli: a missing profile file is reported with the operating system's reason", "[cli][discovery]") {
    auto r = run_cli({"recommend", "/nonexistent/profile.json"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("/nonexistent/profile.json: error[PR014]: cannot open file for reading: No such file or "
                     "directory") != std::string::npos);
    CHECK(r.out.empty());
}
