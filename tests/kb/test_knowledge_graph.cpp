// Tests of the compiled knowledge graph's queries on the fixture knowledge base: lookups,
// muscles and movements, progression chains (direct and transitive), availability and DOT output.
#include <catch2/catch.hpp>

#include "../support/bundled.hpp"
#include "io/load/knowledge_loader.hpp"
#include "io/render/knowledge/exercise_card.hpp"
#include "io/render/knowledge/knowledge_dot.hpp"
#include "kb_fixture.hpp"

using namespace rehab;

namespace {

std::shared_ptr<const KnowledgeGraph> fixture_graph() {
    rehab::test::TempDir dir("graph");
    rehab::test::KbFixture().write(dir);
    Diagnostics d;
    auto kg = io::load_knowledge(dir.str(), d);
    REQUIRE(kg);
    return kg;
}

std::vector<std::string> keys(const KnowledgeGraph& kg, const std::vector<ExerciseId>& ids) {
    std::vector<std::string> out;
    for (auto id : ids) out.push_back(kg.exercise(id).key);
    return out;
}

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("graph: name lookups", "[kb][graph]") {
    auto kg = fixture_graph();
    CHECK(kg->find_exercise("bridge"));
    CHECK_FALSE(kg->find_exercise("brige"));
    CHECK(kg->muscle(*kg->find_muscle("gluteus_maximus")).name == "Gluteus maximus");
    CHECK(kg->movement(*kg->find_movement("hip_adduction")).detail == "Leg inwards.");
    CHECK(kg->find_condition("adductor_related_groin_pain"));
    CHECK(kg->equipment(*kg->find_equipment("ball")).name == "Soft ball");
    CHECK(kg->find_position("standing"));
    CHECK(kg->red_flag(*kg->find_red_flag("fracture")).urgency == Urgency::emergency);
    CHECK(kg->reference(*kg->find_reference("R-ONE")).detail == "One A. Trial. 2020.");
    CHECK(kg->band(*kg->find_band("yellow")).force_lb == Approx(3.0));
    CHECK_FALSE(kg->find_band("purple"));
}

TEST_CASE("graph: conditions_for_code", "[kb][graph]") {
    auto kg = fixture_graph();
    auto cs = kg->conditions_for_code("S76.2");
    REQUIRE(cs.size() == 1);
    CHECK(kg->condition(cs[0]).key == "adductor_related_groin_pain");
    CHECK(kg->conditions_for_code("X00").empty());
}

TEST_CASE("graph: exercises_working by primary and secondary role", "[kb][graph]") {
    auto kg = fixture_graph();
    auto medius = *kg->find_muscle("gluteus_medius");
    CHECK(keys(*kg, kg->exercises_working(medius, true)) == Names{"standing_abduction"});
    CHECK(keys(*kg, kg->exercises_working(medius, false)) ==
          Names{"side_lying_adduction", "standing_abduction"});
}

TEST_CASE("graph: exercises_loading by contraction", "[kb][graph]") {
    auto kg = fixture_graph();
    auto add = *kg->find_movement("hip_adduction");
    const unsigned iso = 1u << static_cast<unsigned>(Contraction::isometric);
    const unsigned ecc = 1u << static_cast<unsigned>(Contraction::eccentric);
    CHECK(keys(*kg, kg->exercises_loading(add, iso)) == Names{"ball_squeeze"});
    CHECK(keys(*kg, kg->exercises_loading(add, ecc)) == Names{"side_lying_adduction", "copenhagen"});
    CHECK(kg->exercises_loading(add, 0).empty());
}

TEST_CASE("graph: direct progressions and regressions", "[kb][graph]") {
    auto kg = fixture_graph();
    auto side = *kg->find_exercise("side_lying_adduction");
    CHECK(keys(*kg, kg->progressions(side)) == Names{"copenhagen"});
    CHECK(keys(*kg, kg->regressions(side)) == Names{"ball_squeeze"});
    CHECK(kg->regressions(*kg->find_exercise("bridge")).empty());
}

TEST_CASE("graph: whole chains before and after", "[kb][graph]") {
    auto kg = fixture_graph();
    auto ball = *kg->find_exercise("ball_squeeze");
    auto cop = *kg->find_exercise("copenhagen");
    CHECK(keys(*kg, kg->chain_after(ball)) == Names{"side_lying_adduction", "copenhagen"});
    CHECK(keys(*kg, kg->chain_before(cop)) == Names{"ball_squeeze", "side_lying_adduction"});
    CHECK(kg->chain_after(cop).empty());
    CHECK(kg->chain_before(ball).empty());
}

TEST_CASE("graph: exercises_for a stage - equipment and positions", "[kb][graph]") {
    auto kg = fixture_graph();
    auto mat = *kg->find_equipment("mat");
    std::vector<PositionId> all{*kg->find_position("supine"), *kg->find_position("side_lying"),
                                *kg->find_position("standing")};
    CHECK(keys(*kg, kg->exercises_for(Stage::mid, {}, all)) ==
          Names{"side_lying_adduction", "standing_abduction"});
    CHECK(keys(*kg, kg->exercises_for(Stage::mid, {mat}, all)) ==
          Names{"side_lying_adduction", "copenhagen", "bridge", "standing_abduction"});
    CHECK(keys(*kg, kg->exercises_for(Stage::early, {mat}, {*kg->find_position("supine")})) ==
          Names{"bridge"});
    CHECK(keys(*kg, kg->exercises_for(Stage::late, {mat}, all)) == Names{"copenhagen"});
}

TEST_CASE("graph: condition muscles and movements - muscle actions", "[kb][graph]") {
    auto kg = fixture_graph();
    auto c = *kg->find_condition("adductor_related_groin_pain");
    auto muscles = kg->condition_muscles(c);
    REQUIRE(muscles.size() == 1);
    CHECK(kg->muscle(muscles[0]).key == "adductor_longus");
    auto moves = kg->condition_movements(c);
    REQUIRE(moves.size() == 1);
    CHECK(kg->movement(moves[0]).key == "hip_adduction");
    auto actions = kg->muscle_actions(*kg->find_muscle("gluteus_maximus"));
    REQUIRE(actions.size() == 1);
    CHECK(kg->movement(actions[0]).key == "hip_extension");
}

TEST_CASE("graph: the DOT is deterministic with stages - chains and muscles", "[kb][graph]") {
    auto kg = fixture_graph();
    auto dot = io::knowledge_to_dot(*kg);
    CHECK(dot.rfind("digraph knowledge {", 0) == 0);
    CHECK(dot.find("\"exercise:ball_squeeze\" -> \"exercise:side_lying_adduction\"") != std::string::npos);
    CHECK(dot.find("\"exercise:bridge\" -> \"muscle:gluteus_maximus\" [style=dashed") != std::string::npos);
    // a secondary muscle is drawn too, dotted and thin (no muscle is an unexplained island)
    CHECK(dot.find("\"exercise:side_lying_adduction\" -> \"muscle:gluteus_medius\" [style=dotted") !=
          std::string::npos);
    CHECK(dot.find("fillcolor=\"#fee391\"") != std::string::npos);  // a mid-only exercise
    CHECK(dot.find("label=\"bridge name\\n(early, mid)\"") != std::string::npos);
    CHECK(dot == io::knowledge_to_dot(*fixture_graph()));
    CHECK(dot.find("subgraph cluster_legend") != std::string::npos);
}

TEST_CASE("graph: the DOT draws every kind, and a filter keeps one condition's neighbourhood",
          "[kb][graph]") {
    const auto kg = rehab::test::bundled_kg();
    const auto all = io::knowledge_to_dot(*kg);
    for (const char* kind : {"\"condition:", "\"exercise:", "\"muscle:", "\"movement:", "\"equipment:"}) {
        INFO(kind);
        CHECK(all.find(kind) != std::string::npos);
    }
    CHECK(all.find("label=\"contraindicated\"") != std::string::npos);
    io::DotFilter f;
    f.condition = kg->find_condition("hamstring_strain");
    const auto part = io::knowledge_to_dot(*kg, f);
    CHECK(part.size() < all.size());
    CHECK(part.find("\"condition:hamstring_strain\"") != std::string::npos);
    CHECK(part.find("\"condition:adductor_related_groin_pain\"") == std::string::npos);
    CHECK(part.find("\"exercise:hamstring_extender\"") != std::string::npos);
    CHECK(part.find("\"exercise:copenhagen_adduction_long_lever\"") == std::string::npos);
    io::DotFilter g;
    g.exercise = kg->find_exercise("copenhagen_adduction_short_lever");
    const auto chain = io::knowledge_to_dot(*kg, g);
    CHECK(chain.find("\"exercise:copenhagen_adduction_long_lever\"") != std::string::npos);  // its chain
    CHECK(chain.find("\"exercise:hamstring_extender\"") == std::string::npos);
}

TEST_CASE("graph: exercise card shows every section", "[kb][graph]") {
    auto kg = fixture_graph();
    auto card = io::render_exercise_card(*kg, *kg->find_exercise("side_lying_adduction"));
    for (const char* text :
         {"side_lying_adduction name  [side_lying_adduction]", "Stages:      mid", "Lying on the side",
          "1. Step one of side_lying_adduction.", "Primary:    Adductor longus", "Secondary:  Gluteus medius",
          "Hip adduction: concentric, eccentric; resistance: band",
          "Whole chain after:   copenhagen name [copenhagen]",
          "Precaution - Adductor-related groin pain (mid stage): Keep pain at or under 3/10. [R-TWO]",
          "mid:    2-3 sets x 8-12 reps, tempo 2-0-2, rest 60 s, 3x/week, band Red (3.7 lb)",
          "R-BAND  Band maker. Forces."}) {
        INFO(card);
        CHECK(card.find(text) != std::string::npos);
    }
}
