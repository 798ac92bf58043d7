// Loading ladders as specifications: the bundled ladders are linked and consistent with the chains,
// a window action is a hard exclusion of the other rungs (explained with the ladder and the rung),
// bad windows are diagnosed where they are written, and the gate lint (RL019) finds a heavier rung
// allowed at more pain than a lighter one.
#include <catch2/catch.hpp>

#include "core/explain/explanation.hpp"
#include "core/explain/ladder_gates.hpp"
#include "io/render/words/exclusion_words.hpp"
#include "rules_fixture.hpp"

using namespace rehab;
using namespace rehab::test;

namespace {

int rung_on(const std::string& exercise, const std::string& ladder) {
    const KnowledgeGraph& kg = *bundled_kg();
    for (const auto& p : kg.exercise(ex(exercise)).ladders)
        if (kg.ladder(p.ladder).key == ladder) return p.rung;
    return 0;
}

const Diagnostic* first(const Diagnostics& d, const std::string& code) {
    for (const auto& x : d.items())
        if (x.code == code) return &x;
    return nullptr;
}

}  // namespace

TEST_CASE("ladders: every bundled exercise is on a ladder, at the rung of the clinical reference",
          "[ladder][kb]") {
    const KnowledgeGraph& kg = *bundled_kg();
    REQUIRE(kg.ladders().size() >= 10);
    for (const auto& e : kg.exercises()) {
        INFO(e.key);
        CHECK(!e.ladders.empty());
    }
    // 2.4: squeeze (knees bent) < squeeze < band adduction < Copenhagen short < long < slide board.
    CHECK(rung_on("adductor_squeeze_submaximal", "adductor") == 1);
    CHECK(rung_on("adductor_squeeze", "adductor") == 2);
    CHECK(rung_on("hip_adduction_band", "adductor") == 3);
    CHECK(rung_on("copenhagen_adduction_short_lever", "adductor") == 4);
    CHECK(rung_on("eccentric_hip_adduction", "adductor") == 4);
    CHECK(rung_on("copenhagen_adduction_long_lever", "adductor") == 5);
    CHECK(rung_on("slide_board_adduction", "adductor") == 6);
    // 2.6: the bridge is on the hamstring ladder and the hip extensor ladder.
    CHECK(rung_on("bridge", "hamstring") == 2);
    CHECK(rung_on("bridge", "hip_extensor") == 2);
    CHECK(rung_on("nordic_hamstring_curl", "hamstring") == 6);
}

TEST_CASE("ladders: the graph answers which exercises stand on a range of rungs", "[ladder][kb]") {
    const KnowledgeGraph& kg = *bundled_kg();
    const LadderId adductor = *kg.find_ladder("adductor");
    std::vector<std::string> keys;
    for (ExerciseId e : kg.exercises_on(adductor, 4, 4)) keys.push_back(kg.exercise(e).key);
    std::sort(keys.begin(), keys.end());
    CHECK(keys == std::vector<std::string>{"copenhagen_adduction_short_lever", "eccentric_hip_adduction"});
    CHECK(kg.exercises_on(adductor, 7, 9).empty());
    CHECK_FALSE(kg.find_ladder("adductors"));
}

TEST_CASE("ladders: every progression climbs or stays on each ladder both exercises share", "[ladder][kb]") {
    const KnowledgeGraph& kg = *bundled_kg();
    for (const auto& e : kg.exercises())
        for (ExerciseId next : kg.progressions(e.id))
            for (const auto& p : e.ladders)
                for (const auto& q : kg.exercise(next).ladders)
                    if (p.ladder == q.ladder) {
                        INFO(e.key << " -> " << kg.exercise(next).key);
                        CHECK(q.rung >= p.rung);
                    }
}

TEST_CASE("window: only the rungs inside it are eligible, the others explained with the ladder",
          "[ladder][rules]") {
    auto r = recommender_with(
        {rule("window.test", "true", R"j([{"window": {"ladder": "adductor", "rungs": [2, 3]}}])j")});
    Profile p = mid_stage_profile("adductor_related_groin_pain");
    Recommendation rec = r->recommend(p, true);
    CHECK(rec.evaluation.excluded.contains(ex("adductor_squeeze_submaximal")));
    CHECK(rec.evaluation.excluded.contains(ex("copenhagen_adduction_short_lever")));
    CHECK(rec.evaluation.excluded.contains(ex("slide_board_adduction")));
    CHECK_FALSE(rec.evaluation.excluded.contains(ex("adductor_squeeze")));
    CHECK_FALSE(rec.evaluation.excluded.contains(ex("hip_adduction_band")));
    CHECK_FALSE(rec.evaluation.excluded.contains(ex("bridge")));  // on other ladders only

    ExerciseExplanation x = explain_exercise(*r, rec, ex("copenhagen_adduction_long_lever"));
    REQUIRE(x.status == ExplanationStatus::excluded);
    REQUIRE(x.exclusions.size() == 1);
    const ExclusionReason& e = x.exclusions[0];
    CHECK(e.basis == ExclusionBasis::window);
    REQUIRE(e.window);
    CHECK(e.window->rung == 5);
    CHECK(e.window->rungs == 6);
    CHECK(e.window->low == 2);
    CHECK(e.window->high == 3);
    CHECK(io::basis_words(*r, rec.stage, e) ==
          "outside the ladder window: adductor loading ladder, rung 5 of 6 (Copenhagen, long lever): the "
          "window for this patient is rungs 2-3 (rule window.test)");
}

TEST_CASE("window: two windows on one ladder narrow it to the rungs inside both", "[ladder][rules]") {
    auto r = recommender_with(
        {rule("window.a", "true", R"j([{"window": {"ladder": "adductor", "rungs": [1, 4]}}])j"),
         rule("window.b", "true", R"j([{"window": {"ladder": "adductor", "rungs": [3, 6]}}])j")});
    Recommendation rec = r->recommend(mid_stage_profile("adductor_related_groin_pain"), false);
    CHECK(rec.evaluation.excluded.contains(ex("adductor_squeeze")));                 // rung 2: not in b
    CHECK(rec.evaluation.excluded.contains(ex("copenhagen_adduction_long_lever")));  // rung 5: not in a
    CHECK_FALSE(rec.evaluation.excluded.contains(ex("side_lying_hip_adduction")));   // rung 3: in both
}

TEST_CASE("window: bad windows are diagnosed at the action", "[ladder][rules]") {
    SECTION("an unknown ladder, with the nearest") {
        Diagnostics d;
        CHECK_FALSE(compile_text(
            doc({rule("w", "true", R"j([{"window": {"ladder": "adductors", "rungs": [1, 2]}}])j")}), d));
        const Diagnostic* x = first(d, "RL010");
        REQUIRE(x);
        CHECK(x->hint == "did you mean 'adductor'?");
        CHECK(x->location.pointer == "/rules/0/then/0/window/ladder");
    }
    SECTION("rungs the wrong way round") {
        Diagnostics d;
        CHECK_FALSE(compile_text(
            doc({rule("w", "true", R"j([{"window": {"ladder": "adductor", "rungs": [4, 2]}}])j")}), d));
        const Diagnostic* x = first(d, "RF007");
        REQUIRE(x);
        CHECK(x->location.pointer == "/rules/0/then/0/window/rungs");
    }
    SECTION("rungs that are not a pair of whole numbers") {
        Diagnostics d;
        CHECK_FALSE(compile_text(
            doc({rule("w", "true", R"j([{"window": {"ladder": "adductor", "rungs": [1.5, 2]}}])j")}), d));
        CHECK(first(d, "RF002"));
    }
    SECTION("a rung selector with a rung that is not a number") {
        Diagnostics d;
        CHECK_FALSE(compile_text(doc({rule("w", "true", R"j([{"exclude": "rung(adductor, two)"}])j")}), d));
        CHECK(first(d, "RL007"));
    }
}

TEST_CASE("gate lint: the bundled rules allow no heavier rung at more pain than a lighter one",
          "[ladder][lint]") {
    CHECK(ladder_gate_inversions(bundled_recommender()->rules()).empty());
}

TEST_CASE("gate lint: a looser gate on a heavier rung is found, with both rules", "[ladder][lint]") {
    // The Copenhagen (rung 4) allowed up to 3/10 while the band adduction (rung 3) needs 0/10.
    auto rs = compile_ok(doc({rule("gate.light", "pain.resisted.hip_adduction > 0",
                                   R"j([{"exclude": "exercise(hip_adduction_band)"}])j"),
                              rule("gate.heavy", "pain.resisted.hip_adduction > 3",
                                   R"j([{"exclude": "exercise(copenhagen_adduction_short_lever)"}])j")}));
    auto found = ladder_gate_inversions(*rs);
    bool copenhagen = false;
    for (const auto& g : found)
        if (g.heavier == ex("copenhagen_adduction_short_lever") && g.lighter == ex("hip_adduction_band")) {
            copenhagen = true;
            CHECK(g.heavier_allows == 3);
            CHECK(g.lighter_allows == 0);
            CHECK(rs->rule(g.lighter_rule).id == "gate.light");
            REQUIRE(g.heavier_rule >= 0);
            CHECK(rs->rule(static_cast<std::uint32_t>(g.heavier_rule)).id == "gate.heavy");
        }
    CHECK(copenhagen);
    // The long lever, the slide board and the lateral lunge have no gate at all: found too.
    bool ungated = false;
    for (const auto& g : found) ungated |= g.heavier == ex("slide_board_adduction") && g.heavier_rule == -1;
    CHECK(ungated);
}
