// Diagnostics and Location: the one way to add a diagnostic, pointing inside a location, and the cap
// on how many errors a list keeps (one final DG001 "too many errors", counts still complete).
#include <catch2/catch.hpp>

#include "core/base/diagnostic.hpp"

using namespace rehab;

TEST_CASE("a location points deeper with at() and at a column with at_column()", "[diagnostics][location]") {
    const Location rule{"rules/a.json", "/rules/3"};
    const Location when = rule.at("/when");
    CHECK(when.file == "rules/a.json");
    CHECK(when.pointer == "/rules/3/when");
    CHECK(rule.pointer == "/rules/3");  // at() returns a copy
    const Location col = when.at_column(7);
    CHECK(col.column == 7);
    CHECK(col.line == 0);
    CHECK(col.at("/x").column == 7);
}

TEST_CASE("error() and warning() keep code, location, message and hint", "[diagnostics]") {
    Diagnostics d;
    d.error("RL002", Location{"f.json", "/rules/0/when"}.at_column(4), "unknown fact 'x'",
            "did you mean 'y'?");
    d.warning("KB101", {"k.json", "/exercises/1"}, "no regression");
    REQUIRE(d.items().size() == 2);
    const auto& e = d.items()[0];
    CHECK(e.severity == Severity::error);
    CHECK(e.code == "RL002");
    CHECK(e.location == Location{"f.json", "/rules/0/when", 0, 4});
    CHECK(e.message == "unknown fact 'x'");
    CHECK(e.hint == "did you mean 'y'?");
    CHECK(d.items()[1].severity == Severity::warning);
    CHECK(d.error_count() == 1);
    CHECK(d.warning_count() == 1);
    CHECK_FALSE(d.truncated());
}

TEST_CASE("a list stops collecting after max_errors errors, with one final DG001", "[diagnostics][cap]") {
    Diagnostics d;
    const std::size_t reported = Diagnostics::max_errors + 50;
    for (std::size_t i = 0; i < reported; ++i)
        d.error("KB007", {"f.json", "/x/" + std::to_string(i)}, "bad value");
    d.warning("KB101", {"f.json", ""}, "after the cap");
    REQUIRE(d.items().size() == Diagnostics::max_errors + 1);
    CHECK(d.items().back().code == "DG001");
    CHECK(d.items().back().location.file == "f.json");
    CHECK(d.items().back().message.find("too many errors") == 0);
    CHECK(d.items()[Diagnostics::max_errors - 1].location.pointer ==
          "/x/" + std::to_string(Diagnostics::max_errors - 1));
    CHECK(d.truncated());
    CHECK(d.has_errors());
    // Counts stay complete, so "did this pass add errors" still holds after the cap.
    CHECK(d.error_count() == reported);
    CHECK(d.warning_count() == 1);
}

TEST_CASE("append() respects the cap and keeps the counts", "[diagnostics][cap]") {
    Diagnostics a, b;
    for (std::size_t i = 0; i < 60; ++i) a.error("A", {"a.json", ""}, "a");
    for (std::size_t i = 0; i < 60; ++i) b.error("B", {"b.json", ""}, "b");
    b.warning("W", {"b.json", ""}, "w");
    a.append(b);
    CHECK(a.items().size() == Diagnostics::max_errors + 1);
    CHECK(a.items().back().code == "DG001");
    CHECK(a.error_count() == 120);
    CHECK(a.warning_count() == 1);

    Diagnostics small, big;
    for (std::size_t i = 0; i < Diagnostics::max_errors + 5; ++i) big.error("B", {"b.json", ""}, "b");
    small.append(big);
    CHECK(small.items().size() == Diagnostics::max_errors + 1);
    CHECK(small.error_count() == Diagnostics::max_errors + 5);
    std::size_t markers = 0;
    for (const auto& x : small.items()) markers += x.code == "DG001";
    CHECK(markers == 1);
}
