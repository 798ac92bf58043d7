// Side-lying work says which side the patient lies on (`lies_on`, KB019): required on every
// side-lying exercise, refused on any other, located at the exercise's JSON pointer. The review uses
// it to keep a patient off the painful hip (rules: side_lying.on_the_good_side).
#include <catch2/catch.hpp>

#include "kb_fixture.hpp"

using namespace rehab;
using namespace rehab::test;

TEST_CASE("kb lies_on: the fixture's side-lying exercises say which side the patient lies on",
          "[kb][lies_on]") {
    KbFixture f;
    auto l = load(f);
    REQUIRE(l->kg);
    CHECK(l->kg->exercise(*l->kg->find_exercise("copenhagen")).lies_on == LiesOn::other_side);
    CHECK(l->kg->exercise(*l->kg->find_exercise("side_lying_adduction")).lies_on == LiesOn::working_side);
    CHECK(l->kg->exercise(*l->kg->find_exercise("ball_squeeze")).lies_on == LiesOn::none);
}

TEST_CASE("kb lies_on: a side-lying exercise without it is KB019", "[kb][lies_on]") {
    KbFixture f;
    f.adductor["exercises"][2].erase("lies_on");
    auto l = load(f);
    CHECK_FALSE(l->kg);
    const auto* d = find_code(l->diags, "KB019");
    REQUIRE(d);
    CHECK(d->location.pointer == "/exercises/2");
    CHECK(d->message.find("'copenhagen' does not say which side the patient lies on") != std::string::npos);
}

TEST_CASE("kb lies_on: lies_on on an exercise that is not side-lying is KB019", "[kb][lies_on]") {
    KbFixture f;
    f.adductor["exercises"][0]["lies_on"] = "other_side";
    auto l = load(f);
    CHECK_FALSE(l->kg);
    const auto* d = find_code(l->diags, "KB019");
    REQUIRE(d);
    CHECK(d->location.pointer == "/exercises/0/lies_on");
}

TEST_CASE("kb lies_on: a value other than working_side or other_side is refused", "[kb][lies_on]") {
    KbFixture f;
    f.adductor["exercises"][1]["lies_on"] = "left";
    auto l = load(f);
    CHECK_FALSE(l->kg);
    CHECK(find_code(l->diags, "KB007"));
}
