// RuleSet::rules_deriving: the one answer to "which rules set this fact to this value", read from what
// the compiler recorded of each derive (a constant, or a copy of another fact), never from bytecode.
#include <catch2/catch.hpp>

#include "rules_fixture.hpp"

using namespace rehab;
using namespace rehab::test;

TEST_CASE("rules_deriving finds direct and copied derivations of a stage", "[rules][derive]") {
    auto facts = recommender_facts();
    facts.push_back(
        R"({"name": "criteria_stage", "type": "enumeration", "values": ["early", "mid", "late"]})");
    auto rules = recommender_rules();
    rules.push_back(rule("crit.late", "pain.rest == 0",
                         R"([{"derive": {"fact": "criteria_stage", "value": "late"}}])", 5));
    rules.push_back(rule("crit.copy", "known(criteria_stage)",
                         R"([{"derive": {"fact": "stage", "value": "criteria_stage"}}])", 8));
    rules.push_back(
        rule("direct.late", "age > 90", R"([{"derive": {"fact": "stage", "value": "late"}}])", 9));
    auto rs = compile_ok(doc(rules, facts));
    const FactSlot stage = *rs->schema().find("stage");
    auto ids = [&](double v) {
        std::vector<std::string> out;
        for (auto r : rs->rules_deriving(stage, v)) out.push_back(rs->rule(r).id);
        std::sort(out.begin(), out.end());
        return out;
    };
    CHECK(ids(2) == std::vector<std::string>{"crit.late", "direct.late"});
    CHECK(ids(1) == std::vector<std::string>{"base.stage_default"});
    CHECK(ids(0).empty());
    const auto& copy = rs->rule(*rs->find_rule("crit.copy")).actions.at(0);
    REQUIRE(copy.derives_copy);
    CHECK(*copy.derives_copy == *rs->schema().find("criteria_stage"));
    CHECK_FALSE(copy.derives_constant);
}

TEST_CASE("the recommender's next-stage criteria and the explanation's agree on the bundled rules",
          "[rules][derive]") {
    const auto r = bundled_recommender();
    for (int s = 0; s < stage_count; ++s) {
        const auto rules = r->rules().rules_deriving(r->stage_slot(), s);
        if (s > 0) CHECK_FALSE(rules.empty());  // mid and late have criteria
        CHECK(std::is_sorted(rules.begin(), rules.end()));
        CHECK(std::adjacent_find(rules.begin(), rules.end()) == rules.end());
    }
}
