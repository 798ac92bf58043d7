// Explanations of one exercise: an excluded one names its rules, the observed values against the
// thresholds and the smallest change to the patient's measures (or why none exists); a chosen one
// names its rules; a near miss compares its score with the lowest chosen; a referral says so.
#include <algorithm>
#include <catch2/catch.hpp>

#include "core/explain/explanation.hpp"
#include "io/render/explanation_text.hpp"
#include "io/render/words/exclusion_words.hpp"
#include "io/render/words/reason_words.hpp"
#include "render_fixture.hpp"

using namespace rehab;
using test::render::exercise;
using test::render::recommender;

namespace {

std::string rule_id(const ExclusionReason& x) {
    return x.rule >= 0 ? recommender().rules().rule(static_cast<std::uint32_t>(x.rule)).id : "knowledge";
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("an excluded exercise: rule - observed value and smallest change", "[explain]") {
    const Recommender& r = recommender();
    Profile p = test::render::adductor_profile(5);
    Recommendation rec = r.recommend(p, true);
    ExerciseExplanation x = explain_exercise(r, rec, exercise("side_lying_hip_adduction"));
    REQUIRE(x.status == ExplanationStatus::excluded);
    REQUIRE(x.exclusions.size() == 1);
    CHECK(rule_id(x.exclusions[0]) == "adductor.resisted_pain");
    auto& seen = x.exclusions[0].observed;
    auto it = std::find_if(seen.begin(), seen.end(),
                           [](const auto& o) { return o.fact == "pain.resisted.hip_adduction"; });
    REQUIRE(it != seen.end());
    CHECK(it->op == BinOp::gt);
    CHECK(it->threshold_text == "3");
    REQUIRE(it->observed);
    CHECK(*it->observed == 5);
    REQUIRE(x.change_possible);
    REQUIRE(x.smallest_change.size() == 1);
    CHECK(x.smallest_change[0].text() == "pain.resisted.hip_adduction <= 3");

    std::string text = io::explanation_to_text(r, rec, x);
    CHECK(contains(text, "Side-lying hip adduction is excluded."));
    CHECK(contains(text, "Rule adductor.resisted_pain (Harøy 2019; Hölmich 1999)"));
    CHECK(contains(text, "pain on resisted hip adduction is 5/10; the rule excludes it when above 3/10"));
    CHECK(contains(text, "It becomes eligible once pain on resisted hip adduction is 3/10 or less."));
}

TEST_CASE("changes combine over every excluding rule", "[explain]") {
    const Recommender& r = recommender();
    Profile p = test::render::adductor_profile(5);  // no bench either
    Recommendation rec = r.recommend(p, true);
    ExerciseExplanation x = explain_exercise(r, rec, exercise("copenhagen_adduction_short_lever"));
    REQUIRE(x.status == ExplanationStatus::excluded);
    CHECK(x.exclusions.size() == 3);  // pain above 3, above the 1 of the heavy rungs, and no bench
    REQUIRE(x.change_possible);
    std::vector<std::string> all;
    for (const auto& c : x.smallest_change) all.push_back(c.text());
    // The tighter bound on one fact wins: the heavy rungs need resisted adduction at most 1/10.
    CHECK(all == std::vector<std::string>{"pain.resisted.hip_adduction <= 1", "equipment.bench == true"});
    std::string text = io::explanation_to_text(r, rec, x);
    CHECK(contains(
        text,
        "pain on resisted hip adduction is 1/10 or less and 'has bench or sturdy raised surface' is yes"));
}

TEST_CASE("no change exists for a ladder-window exclusion or a contraindication", "[explain][ladder]") {
    const Recommender& r = recommender();
    Profile p = test::render::adductor_profile();
    Recommendation rec = r.recommend(p, true);
    ExerciseExplanation x =
        explain_exercise(r, rec, exercise("adductor_squeeze_submaximal"));  // rung 1, below the mid window
    REQUIRE(x.status == ExplanationStatus::excluded);
    CHECK_FALSE(x.change_possible);
    CHECK(x.smallest_change.empty());
    REQUIRE_FALSE(x.no_change.empty());
    CHECK(x.no_change[0].why == NoChangeWhy::window);
    CHECK(contains(
        io::no_change_words(r, rec.stage, x.exercise, x.no_change[0]),
        "adductor loading ladder, rung 1 of 6 (submaximal isometric squeeze, knees bent): the window "
        "for this patient is rungs 2-4 (rule window.mid)"));
    CHECK(contains(io::explanation_to_text(r, rec, x),
                   "No change in the patient's measures would make it eligible"));

    p.stage = Stage::early;
    Recommendation early = r.recommend(p, true);
    REQUIRE(early.stage == Stage::early);
    ExerciseExplanation c = explain_exercise(r, early, exercise("isometric_hip_abduction"));
    REQUIRE(c.status == ExplanationStatus::excluded);
    CHECK_FALSE(c.change_possible);
    bool contraindicated = false;
    for (const auto& n : c.no_change)
        contraindicated |= n.why == NoChangeWhy::contraindicated &&
                           contains(io::no_change_words(r, early.stage, c.exercise, n), "contraindicates");
    CHECK(contraindicated);
}

TEST_CASE("a chosen exercise names the rules that chose and dosed it", "[explain]") {
    const Recommender& r = recommender();
    Profile p = test::render::adductor_profile();
    Recommendation rec = r.recommend(p, true);
    ExerciseExplanation x = explain_exercise(r, rec, exercise("adductor_squeeze"));
    REQUIRE(x.status == ExplanationStatus::chosen);
    CHECK(x.position >= 1);
    REQUIRE_FALSE(x.selected_by.empty());
    CHECK_FALSE(x.dosed_by.empty());
    CHECK_FALSE(x.graph_reasons.empty());
    std::string text = io::explanation_to_text(r, rec, x);
    CHECK(contains(text, "Adductor squeeze is in the programme"));
    for (const auto& s : x.selected_by) CHECK(contains(text, r.rules().rule(s.rule).id));
    for (const auto& d : x.dosed_by) CHECK(contains(text, r.rules().rule(d.rule).id));
}

TEST_CASE("a near miss gives its reason and score against the lowest chosen", "[explain]") {
    const Recommender& r = recommender();
    Profile p = test::render::adductor_profile();
    Recommendation rec = r.recommend(p, true);
    REQUIRE_FALSE(rec.not_chosen.empty());
    const NotChosenItem& miss = rec.not_chosen.front();
    ExerciseExplanation x = explain_exercise(r, rec, miss.exercise);
    REQUIRE(x.status == ExplanationStatus::not_chosen);
    CHECK(x.why_not.why == miss.why);
    CHECK(x.score == miss.score);
    REQUIRE(x.lowest_chosen_score);
    std::string text = io::explanation_to_text(r, rec, x);
    CHECK(contains(
        text, "is eligible but not chosen: " + io::not_chosen_text(r.knowledge(), rec.evaluation, miss)));
    CHECK(contains(text, "the lowest chosen score is"));
}

TEST_CASE("every exercise is explained as referred when the patient is referred", "[explain]") {
    const Recommender& r = recommender();
    Profile p = test::render::referral_profile();
    Recommendation rec = r.recommend(p, true);
    ExerciseExplanation x = explain_exercise(r, rec, exercise("adductor_squeeze"));
    REQUIRE(x.status == ExplanationStatus::referred);
    CHECK(contains(io::explanation_to_text(r, rec, x), "red_flag.fever"));
}

TEST_CASE("unmet next-stage criteria list every failing comparison", "[explain]") {
    const Recommender& r = recommender();
    Profile p = test::render::adductor_profile();
    Recommendation rec = r.recommend(p, true);
    auto unmet = unmet_criteria(r, rec);
    std::vector<std::string> needs;
    for (const auto& u : unmet) needs.push_back(u.needs.text());
    CHECK(needs == std::vector<std::string>{"pain.walking == 0", "key_pain <= 1", "single_leg_stance_s >= 30",
                                            "squeeze_ratio >= 0.75"});
    REQUIRE(unmet[2].observed);
    CHECK(*unmet[2].observed == 20);
    CHECK(unmet[2].label == "single-leg stance on the affected leg");
}
