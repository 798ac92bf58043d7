// Command-line tests of `rehab kb check|show|graph` against the bundled knowledge and against
// fixture folders, run through the real binary; also --help and --version.
#include <catch2/catch.hpp>
#include <filesystem>

#include "../support/cli.hpp"
#include "kb_fixture.hpp"

using rehab::test::run_cli;
using rehab::test::TempDir;

namespace {
const std::string bundled = std::string(REHAB_SOURCE_DIR) + "/knowledge";
bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}
}  // namespace

TEST_CASE("cli: kb check passes on the bundled knowledge", "[cli][kb]") {
    auto r = run_cli({"kb", "check", bundled});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(contains(r.out, "knowledge OK: "));
    CHECK(contains(r.out, " exercises, "));
    CHECK(contains(r.out, ", 0 warning(s)"));  // every exercise on a ladder, every chain climbing
    CHECK_FALSE(contains(r.err, "error["));
}

TEST_CASE("cli: kb check without a folder uses the bundled knowledge", "[cli][kb]") {
    auto r = run_cli({"kb", "check"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(contains(r.out, "knowledge OK: "));
}

TEST_CASE("cli: kb check on the fixture prints the summary and warnings", "[cli][kb]") {
    TempDir dir("cli");
    rehab::test::KbFixture().write(dir);
    auto r = run_cli({"kb", "check", dir.str()});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(contains(r.out, "knowledge OK: 5 exercises, 3 muscles, 3 movements, 1 conditions, 1 red flags"));
    CHECK(contains(r.out, "(test-kb version 1.2.3, hash "));
    CHECK(contains(r.out, "4 warning(s)"));
    CHECK(contains(r.err, dir.file("exercises/other.json") + ": warning[KB101] at /exercises/0: "));
}

TEST_CASE("cli: kb check on a broken copy fails with located diagnostics", "[cli][kb]") {
    TempDir dir("cli");
    rehab::test::KbFixture f;
    f.adductor["exercises"][0]["works"][0]["muscle"] = "adductor_longs";
    f.write(dir);
    dir.write("meta.json", "{\n  \"meta\": {\n    \"name\": \"x\",\n    \"version\": \"1.0.0\",\n  }\n}\n");
    auto r = run_cli({"kb", "check", dir.str()});
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, dir.file("meta.json") + ":5:3: error[KB001]"));
    CHECK(r.out.empty());
}

TEST_CASE("cli: kb check reports link errors with file and pointer", "[cli][kb]") {
    TempDir dir("cli");
    rehab::test::KbFixture f;
    f.adductor["exercises"][0]["works"][0]["muscle"] = "adductor_longs";
    f.write(dir);
    auto r = run_cli({"kb", "check", dir.str()});
    CHECK(r.exit_code == 2);
    CHECK(
        contains(r.err, dir.file("exercises/adductor.json") +
                            ": error[KB006] at /exercises/0/works/0/muscle: unknown muscle 'adductor_longs' "
                            "(did you mean 'adductor_longus'?)"));
}

TEST_CASE("cli: kb check on a missing folder fails", "[cli][kb]") {
    auto r = run_cli({"kb", "check", std::string(REHAB_TEST_WORK_DIR) + "/nope"});
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "error[KB014]"));
}

TEST_CASE("cli: kb show bridge prints the card", "[cli][kb]") {
    auto r = run_cli({"kb", "show", "bridge"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(contains(r.out, "[bridge]"));
    CHECK(contains(r.out, "Muscles"));
    CHECK(contains(r.out, "Primary:"));
    CHECK(contains(r.out, "Progression"));
    CHECK(contains(r.out, "Default dosage"));
}

TEST_CASE("cli: kb show on the fixture shows muscles and chain", "[cli][kb]") {
    TempDir dir("cli");
    rehab::test::KbFixture().write(dir);
    auto r = run_cli({"kb", "show", "bridge", "--knowledge", dir.str()});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(contains(r.out, "Primary:    Gluteus maximus"));
    CHECK(contains(r.out, "(start)  <-  bridge name  ->  standing_abduction name [standing_abduction]"));
}

TEST_CASE("cli: kb show with an unknown id suggests the nearest", "[cli][kb]") {
    TempDir dir("cli");
    rehab::test::KbFixture().write(dir);
    auto r = run_cli({"kb", "show", "brige", "--knowledge", dir.str()});
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "is called 'brige' (did you mean 'bridge'?)"));
    CHECK(r.out.empty());
}

TEST_CASE("cli: kb graph writes DOT to stdout and atomically to a file", "[cli][kb]") {
    TempDir dir("cli");
    rehab::test::KbFixture().write(dir);
    auto r = run_cli({"kb", "graph", "--knowledge", dir.str()});
    CHECK(r.exit_code == 0);
    CHECK(r.out.rfind("digraph", 0) == 0);
    TempDir out("cli-out");
    auto w = run_cli({"kb", "graph", "--knowledge", dir.str(), "--out", out.file("g.dot")});
    CHECK(w.exit_code == 0);
    CHECK(out.read("g.dot") == r.out);
    CHECK(std::distance(std::filesystem::directory_iterator(out.path()), {}) == 1);  // no temp file left
    auto nested = run_cli({"kb", "graph", "--knowledge", dir.str(), "--out", out.file("new/dir/g.dot")});
    CHECK(nested.exit_code == 2);  // folders are never created
    CHECK(nested.err.find("does not exist") != std::string::npos);
    auto bad = run_cli({"kb", "graph", "--knowledge", dir.str(), "--out", out.file("g.dot/inside.dot")});
    CHECK(bad.exit_code == 2);  // a file stands where the folder should be
    CHECK(bad.err.find(out.file("g.dot/inside.dot") + ": error[IO001]: cannot write file") !=
          std::string::npos);
    CHECK(std::distance(std::filesystem::directory_iterator(out.path()), {}) == 1);  // g.dot only
}

TEST_CASE("cli: kb graph on the bundled knowledge", "[cli][kb]") {
    auto r = run_cli({"kb", "graph"});
    CHECK(r.exit_code == 0);
    CHECK(contains(r.out, "digraph"));
}

TEST_CASE("cli: --help and --version", "[cli]") {
    auto h = run_cli({"--help"});
    CHECK(h.exit_code == 0);
    CHECK(contains(h.out, "kb"));
    auto kh = run_cli({"kb", "--help"});
    CHECK(kh.exit_code == 0);
    CHECK(contains(kh.out, "check"));
    CHECK(contains(kh.out, "graph"));
    auto v = run_cli({"--version"});
    CHECK(v.exit_code == 0);
    CHECK(contains(v.out, "rehab 0.1.0"));
}

TEST_CASE("kb show prints a card for any entity, with what links to it", "[cli][kb]") {
    auto condition = run_cli({"kb", "show", "adductor_related_groin_pain"});
    REQUIRE(condition.exit_code == 0);
    CHECK(condition.out.find("[condition adductor_related_groin_pain]") != std::string::npos);
    CHECK(condition.out.find("key movement:  hip_adduction") != std::string::npos);
    auto movement = run_cli({"kb", "show", "hip_adduction"});
    REQUIRE(movement.exit_code == 0);
    CHECK(movement.out.find("loaded by:") != std::string::npos);
    CHECK(movement.out.find("copenhagen_adduction_short_lever") != std::string::npos);
    auto muscle = run_cli({"kb", "show", "adductor_longus"});
    CHECK(muscle.out.find("worked by:") != std::string::npos);
    auto flag = run_cli({"kb", "show", "fever"});
    CHECK(flag.out.find("urgency:     emergency") != std::string::npos);
    auto reference = run_cli({"kb", "show", "R-THORBORG2013"});
    CHECK(reference.exit_code == 0);
    auto near = run_cli({"kb", "show", "R-THORBORG2023"});
    CHECK(near.exit_code == 2);
    CHECK(near.err.find("did you mean 'R-THORBORG2013'?") != std::string::npos);
    CHECK(near.out.empty());
}

TEST_CASE("cli: kb list ladders and kb show of a ladder print its rungs", "[cli][kb][ladder]") {
    auto list = run_cli({"kb", "list", "ladders"});
    REQUIRE(list.exit_code == 0);
    CHECK(contains(list.out, "adductor"));
    CHECK(contains(list.out, "6 rungs; clinical reference 2.4"));
    auto show = run_cli({"kb", "show", "adductor"});
    REQUIRE(show.exit_code == 0);
    CHECK(contains(show.out, "Adductor loading ladder  [ladder adductor]"));
    CHECK(contains(show.out,
                   "rung 4: therapist-resisted eccentric; Copenhagen, short lever: eccentric_hip_adduction "
                   "copenhagen_adduction_short_lever"));
    auto card = run_cli({"kb", "show", "bridge"});
    CHECK(contains(card.out, "Ladder:              Hamstring ladder, rung 2 of 6 (bent-knee bridge)"));
}
