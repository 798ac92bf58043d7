// "Why not" explanations that are about more than compared values: a fact the rule reads as not
// recorded (unknown(), or-conditions), a knowledge-base contraindication and stage membership read
// by the rule's selector; in the explanation, the terminal report and the JSON document.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/explain/condition_query.hpp"
#include "core/explain/explanation.hpp"
#include "io/load/profile_reader.hpp"
#include "io/render/explanation_text.hpp"
#include "io/render/programme_json.hpp"
#include "io/render/programme_text.hpp"
#include "io/render/words/exclusion_words.hpp"
#include "render_fixture.hpp"

using namespace rehab;
using test::render::exercise;
using test::render::recommender;

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// examples/profiles/early_acute_hamstring.json: early hamstring strain, resisted hip adduction not tested.
Profile early_hamstring() {
    const std::string file = REHAB_SOURCE_DIR "/examples/profiles/early_acute_hamstring.json";
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    Diagnostics d;
    auto p = io::parse_profile_text(text.str(), recommender().knowledge(), file, d);
    REQUIRE(p);
    return *p;
}

const ExclusionReason& by_rule(const ExerciseExplanation& x, const std::string& id) {
    for (const auto& e : x.exclusions)
        if (e.rule >= 0 && recommender().rules().rule(static_cast<std::uint32_t>(e.rule)).id == id) return e;
    FAIL("no exclusion by rule " << id);
    throw 0;
}

std::vector<std::string> texts(const std::vector<Constraint>& all) {
    std::vector<std::string> out;
    for (const auto& c : all) out.push_back(c.text());
    return out;
}

// The smallest change for `when`, with the facts set as given (others at their defaults).
std::vector<std::string> change_for(const std::string& when,
                                    const std::vector<std::pair<std::string, double>>& set) {
    const FactSchema& s = recommender().rules().schema();
    Expr e;
    Diagnostics d;
    REQUIRE(parse_expr(when, e, d, {"test", ""}));
    FactValues facts(s);
    for (const auto& [name, v] : set) facts.set(*s.find(name), v);
    REQUIRE(cond::eval(e, e.root, s, facts) == Truth::true_);
    return texts(cond::smallest_change(e, s, facts));
}

}  // namespace

TEST_CASE("a rule that fires on a fact not recorded - says so and records it as the change", "[explain]") {
    const Recommender& r = recommender();
    Profile p = early_hamstring();
    Recommendation rec = r.recommend(p, true);
    ExerciseExplanation x = explain_exercise(r, rec, exercise("eccentric_hip_adduction"));
    REQUIRE(x.status == ExplanationStatus::excluded);
    const ExclusionReason& e = by_rule(x, "adductor.heavy_rungs_need_tested_adduction");
    CHECK(e.basis == ExclusionBasis::unrecorded);
    CHECK(io::basis_words(r, rec.stage, e) == "pain on resisted hip adduction not recorded");
    CHECK(texts(e.change) == std::vector<std::string>{"pain.resisted.hip_adduction <= 1"});
    CHECK_FALSE(e.no_change);
    REQUIRE(e.observed.size() == 1);
    CHECK(e.observed[0].fact == "pain.resisted.hip_adduction");
    CHECK(e.observed[0].unrecorded);
    CHECK_FALSE(e.observed[0].observed);
    REQUIRE(e.observed[0].negation);
    CHECK(e.observed[0].negation->text() == "pain.resisted.hip_adduction <= 1");

    std::string text = io::explanation_to_text(r, rec, x);
    CHECK(contains(text, "pain on resisted hip adduction is not recorded"));
    CHECK(contains(text, "Lifted once pain on resisted hip adduction is recorded as 1/10 or less."));
    CHECK_FALSE(contains(text, "applies to every patient"));
    CHECK_FALSE(
        contains(text, "adductor.heavy_rungs_need_tested_adduction: "));  // not among the blocking rules
}

TEST_CASE("the tested-adduction rule - a recorded 2 needs 1 or less and a recorded 1 lifts it", "[explain]") {
    const Recommender& r = recommender();
    Profile p = test::render::adductor_profile(2);
    Recommendation rec = r.recommend(p, true);
    ExerciseExplanation x = explain_exercise(r, rec, exercise("eccentric_hip_adduction"));
    REQUIRE(x.status == ExplanationStatus::excluded);
    const ExclusionReason& e = by_rule(x, "adductor.heavy_rungs_need_tested_adduction");
    CHECK(e.basis == ExclusionBasis::condition);
    CHECK(io::basis_words(r, rec.stage, e).empty());
    CHECK(texts(e.change) == std::vector<std::string>{"pain.resisted.hip_adduction <= 1"});

    p = test::render::adductor_profile(1);
    Recommendation free = r.recommend(p, true);
    ExerciseExplanation y = explain_exercise(r, free, exercise("eccentric_hip_adduction"));
    for (const auto& ex : y.exclusions)
        CHECK(r.rules().rule(static_cast<std::uint32_t>(ex.rule)).id !=
              "adductor.heavy_rungs_need_tested_adduction");
}

TEST_CASE("smallest change - known and unknown and or-conditions", "[explain]") {
    const std::string pain = "pain.resisted.hip_adduction";
    CHECK(change_for("unknown(" + pain + ") or " + pain + " > 0", {}) ==
          std::vector<std::string>{pain + " <= 0"});
    CHECK(change_for("unknown(" + pain + ") or " + pain + " > 0", {{pain, 4}}) ==
          std::vector<std::string>{pain + " <= 0"});
    CHECK(change_for("not known(" + pain + ")", {}) ==
          std::vector<std::string>{pain + " >= 0"});  // record it
    CHECK(change_for("known(" + pain + ") and " + pain + " > 3", {{pain, 5}}) ==
          std::vector<std::string>{pain + " <= 3"});
    // every true operand of an or must go; a false one stays false
    CHECK(change_for("pain.rest > 3 or pain.walking > 2", {{"pain.rest", 5}, {"pain.walking", 1}}) ==
          std::vector<std::string>{"pain.rest <= 3"});
    CHECK(change_for("not (pain.rest <= 3 and pain.walking <= 2)", {{"pain.rest", 5}, {"pain.walking", 4}}) ==
          std::vector<std::string>{"pain.rest <= 3", "pain.walking <= 2"});
    // the nearest threshold of a conjunction
    CHECK(change_for("pain.rest > 1 and pain.walking > 6", {{"pain.rest", 9}, {"pain.walking", 7}}) ==
          std::vector<std::string>{"pain.walking <= 6"});
    // no change: the operands cannot be false together; forgetting a recorded value is not a change
    CHECK(change_for("pain.rest > 3 or pain.rest < 5", {{"pain.rest", 4}}).empty());
    CHECK(change_for("known(" + pain + ")", {{pain, 2}}).empty());
    CHECK(change_for("age > 60 or unknown(clinician_stage)", {{"age", 70}}).empty());  // neither can change
}

TEST_CASE("facts read - atoms and known and unknown anywhere in the condition", "[explain]") {
    const FactSchema& s = recommender().rules().schema();
    Expr e;
    Diagnostics d;
    REQUIRE(
        parse_expr("unknown(clinician_stage) and (age > 60 or not therapist_present)", e, d, {"test", ""}));
    std::vector<std::string> names;
    for (FactSlot f : cond::facts_read(e, e.root, s)) names.push_back(s.fact(f).name);
    CHECK(names == std::vector<std::string>{"clinician_stage", "age", "therapist_present"});
    FactValues facts(s);
    auto unrecorded = cond::unrecorded_reads(e, e.root, s, facts);
    REQUIRE(unrecorded.size() == 1);
    CHECK(s.fact(unrecorded[0]).name == "clinician_stage");
}

TEST_CASE("a knowledge-base contraindication - explained as one with the knowledge's reason", "[explain]") {
    const Recommender& r = recommender();
    Profile p = early_hamstring();
    Recommendation rec = r.recommend(p, true);
    REQUIRE(rec.stage == Stage::early);
    ExerciseExplanation x = explain_exercise(r, rec, exercise("hamstring_extender"));
    REQUIRE(x.status == ExplanationStatus::excluded);
    const ExclusionReason& c = by_rule(x, "safety.contraindicated");
    CHECK(c.basis == ExclusionBasis::contraindication);
    CHECK(io::basis_words(r, rec.stage, c) == "contraindicated for hamstring strain in the early stage");
    REQUIRE(c.contraindication);
    CHECK(c.contraindication->reason ==
          "Early after a hamstring strain, avoid end-range lengthening and stretching into pain.");
    REQUIRE(c.no_change);
    CHECK(c.no_change->why == NoChangeWhy::contraindicated);
    const std::string c_words = io::no_change_words(r, rec.stage, x.exercise, *c.no_change);
    CHECK(contains(c_words, "contraindicates it for hamstring strain in the early stage"));
    CHECK_FALSE(contains(c_words, "belongs to"));

    const ExclusionReason& st = by_rule(x, "window.early");
    CHECK(st.basis == ExclusionBasis::window);
    CHECK(
        io::basis_words(r, rec.stage, st) ==
        "outside the ladder window: hamstring ladder, rung 4 of 6 (lengthening exercises (Askling: Extender, "
        "Diver, Glider)): the window for this patient is rungs 1-2 (rule window.early)");
    REQUIRE(st.no_change);
    CHECK(st.no_change->why == NoChangeWhy::window);

    std::string text = io::explanation_to_text(r, rec, x);
    CHECK(contains(
        text,
        "The knowledge base contraindicates it for hamstring strain in the early stage: Early after a "
        "hamstring strain, avoid end-range lengthening and stretching into pain."));
    CHECK(contains(text, "It is outside the window on the hamstring ladder, rung 4 of 6"));
    CHECK(contains(text, "No change in the patient's measures would make it eligible:\n"));
}

TEST_CASE("the excluded section - each parenthesis says what the rule read", "[explain][text]") {
    const Recommender& r = recommender();
    Profile p = early_hamstring();
    Recommendation rec = r.recommend(p, true);
    std::string text = io::programme_to_text(r, rec, p);
    CHECK(contains(
        text, "adductor.heavy_rungs_need_tested_adduction (pain on resisted hip adduction not recorded)"));
    CHECK(contains(text, "safety.contraindicated (contraindicated for hamstring strain in the early stage)"));
    CHECK(contains(text,
                   "window.early (stage: early, outside the ladder window: hamstring ladder, rung 4 of 6"));
    // the ladder window is said only of the window rules
    const std::string window_words = "outside the ladder window: ";
    int seen = 0;
    for (std::size_t at = text.find(window_words); at != std::string::npos;
         at = text.find(window_words, at + 1), ++seen) {
        std::size_t open = text.find_last_of('(', at);
        REQUIRE(open != std::string::npos);
        std::size_t start = text.find_last_of(" ", open - 2) + 1;
        CHECK(text.substr(start, open - 1 - start).rfind("window.", 0) == 0);
    }
    CHECK(seen > 0);
}

TEST_CASE("the JSON document - an unrecorded fact has no value and needs the change", "[explain][json]") {
    const Recommender& r = recommender();
    Profile p = early_hamstring();
    Recommendation rec = r.recommend(p, true);
    auto doc = nlohmann::json::parse(io::programme_to_json(r, rec, p));
    bool found = false;
    for (const auto& x : doc["excluded"]) {
        if (x["id"] != "eccentric_hip_adduction") continue;
        for (const auto& w : x["why"]) {
            if (w.value("rule", "") != "adductor.heavy_rungs_need_tested_adduction") continue;
            REQUIRE(w["observed"].size() == 1);
            CHECK(w["observed"][0]["fact"] == "pain.resisted.hip_adduction");
            CHECK_FALSE(w["observed"][0].contains("value"));
            CHECK(w["observed"][0]["needs"] == "<= 1");
            found = true;
        }
    }
    CHECK(found);
}
