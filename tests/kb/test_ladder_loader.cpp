// The ladders of a knowledge folder as the loader checks them: a rung's unknown exercise (KB006), an
// exercise twice on a ladder (KB015), a progression that steps down a ladder (KB016), and an exercise
// on no ladder that does not say why (KB017, a warning), each at its file and JSON pointer.
#include <catch2/catch.hpp>

#include "io/load/knowledge_loader.hpp"
#include "kb_fixture.hpp"

using namespace rehab;
using rehab::test::find_code;
using rehab::test::KbFixture;
using rehab::test::load;
using rehab::test::Loaded;
using rehab::test::TempDir;

namespace {

nlohmann::json& rungs(KbFixture& f, int ladder) { return f.clinical["ladders"][ladder]["rungs"]; }

}  // namespace

TEST_CASE("kb ladders: the fixture's ladders link each exercise to its rung", "[kb][ladder]") {
    KbFixture f;
    auto l = load(f);
    REQUIRE(l->kg);
    const Exercise& c = l->kg->exercise(*l->kg->find_exercise("copenhagen"));
    REQUIRE(c.ladders.size() == 1);
    CHECK(l->kg->ladder(c.ladders[0].ladder).key == "adductor");
    CHECK(c.ladders[0].rung == 3);
    CHECK(l->kg->ladder(*l->kg->find_ladder("hip")).rung_count() == 2);
    CHECK(find_code(l->diags, "KB017") == nullptr);
}

TEST_CASE("kb ladders: an unknown exercise on a rung, with the nearest id", "[kb][ladder]") {
    KbFixture f;
    rungs(f, 0)[1]["exercises"] = {"side_lying_aduction"};
    auto l = load(f);
    CHECK_FALSE(l->kg);
    const auto* d = find_code(l->diags, "KB006");
    REQUIRE(d);
    CHECK(d->location.file == l->dir.file("clinical.json"));
    CHECK(d->location.pointer == "/ladders/0/rungs/1/exercises/0");
    CHECK(d->hint == "did you mean 'side_lying_adduction'?");
}

TEST_CASE("kb ladders: an exercise twice on one ladder", "[kb][ladder]") {
    KbFixture f;
    rungs(f, 0)[2]["exercises"] = {"copenhagen", "ball_squeeze"};
    auto l = load(f);
    CHECK_FALSE(l->kg);
    const auto* d = find_code(l->diags, "KB015");
    REQUIRE(d);
    CHECK(d->location.pointer == "/ladders/0/rungs/2/exercises/1");
}

TEST_CASE("kb ladders: a progression that leads to a lighter rung", "[kb][ladder]") {
    KbFixture f;  // ball_squeeze -> side_lying_adduction: put side-lying below the squeeze
    rungs(f, 0)[0]["exercises"] = {"side_lying_adduction"};
    rungs(f, 0)[1]["exercises"] = {"ball_squeeze"};
    auto l = load(f);
    CHECK_FALSE(l->kg);
    const auto* d = find_code(l->diags, "KB016");
    REQUIRE(d);
    CHECK(d->location.file == l->dir.file("exercises/adductor.json"));
    CHECK(d->location.pointer == "/exercises/0/progresses_to/0");
}

TEST_CASE("kb ladders: an exercise on no ladder says why, or gets a warning", "[kb][ladder]") {
    KbFixture f;
    f.clinical["ladders"].erase(1);  // the hip ladder: bridge and standing_abduction on none
    f.other["exercises"][0]["ladder_note"] = "A general strength exercise: no ladder in the reference.";
    auto l = load(f);
    REQUIRE(l->kg);  // a warning, not an error
    const auto* d = find_code(l->diags, "KB017");
    REQUIRE(d);
    CHECK(d->severity == Severity::warning);
    CHECK(d->location.pointer == "/exercises/1");  // standing_abduction; the bridge gave its note
    int count = 0;
    for (const auto& x : l->diags.items()) count += x.code == "KB017";
    CHECK(count == 1);
}
