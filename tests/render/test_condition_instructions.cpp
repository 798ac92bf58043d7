// Instructions follow the condition (issue 14, finding 4): an exercise's steps written for one
// condition replace the general steps for its patients, in the handout and the programme JSON, and
// only for them; a second variant for the same condition, or one without steps, is refused (KB018).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "../kb/kb_fixture.hpp"
#include "io/render/handout_html.hpp"
#include "io/render/programme_json.hpp"
#include "io/render/programme_words.hpp"
#include "render_fixture.hpp"

using namespace rehab;
using test::render::recommender;

namespace {

// Mid-stage patient, home kit with a step, hip abduction tested: the hip hitch is eligible.
Profile standing_patient(const std::string& condition) {
    const KnowledgeGraph& kg = recommender().knowledge();
    Profile p = test::render::adductor_profile();
    p.condition = *kg.find_condition(condition);
    p.pain.resisted.push_back({*kg.find_movement("hip_abduction"), 1});
    return p;
}

std::vector<std::string> json_steps(const Recommendation& rec, const Profile& p, const std::string& id) {
    auto doc = nlohmann::json::parse(io::programme_to_json(recommender(), rec, p));
    for (const auto& e : doc["exercises"])
        if (e["id"] == id) return e["instructions"].get<std::vector<std::string>>();
    FAIL("exercise " << id << " is not in the programme");
    return {};
}

}  // namespace

TEST_CASE("gluteal tendinopathy: the hip hitch keeps the pelvis level, in every output",
          "[render][knowledge]") {
    const Recommender& r = recommender();
    const Profile p = standing_patient("gluteal_tendinopathy");
    const Recommendation rec = r.recommend(p, true);
    const Exercise& hitch = r.knowledge().exercise(test::render::exercise("hip_hitch"));
    REQUIRE(std::any_of(rec.items.begin(), rec.items.end(),
                        [&](const ProgrammeItem& it) { return it.exercise == hitch.id; }));
    const std::string html = io::programme_to_handout_html(r, rec, p);
    CHECK(html.find("dropping that side of your pelvis") == std::string::npos);
    CHECK(html.find(io::html_escape("Do not let the free side drop below level")) != std::string::npos);
    const auto steps = json_steps(rec, p, "hip_hitch");
    CHECK(steps == hitch.instructions_of(p.condition));
    CHECK(steps != hitch.instructions);
    for (const auto& s : steps) CHECK(s.find("dropping") == std::string::npos);
}

TEST_CASE("other conditions keep the general steps of the hip hitch", "[render][knowledge]") {
    const Recommender& r = recommender();
    const Exercise& hitch = r.knowledge().exercise(test::render::exercise("hip_hitch"));
    for (const char* c : {"patellofemoral_pain", "piriformis_syndrome", "hip_related_groin_pain"}) {
        INFO(c);
        const auto id = *r.knowledge().find_condition(c);
        CHECK(hitch.instructions_of(id) == hitch.instructions);
    }
}

TEST_CASE("kb: a second instructions_for entry for one condition is KB018 at its pointer", "[kb]") {
    test::KbFixture f;
    nlohmann::json variant = {{"condition", "adductor_related_groin_pain"}, {"instructions", {"Only step."}}};
    f.adductor["exercises"][0]["instructions_for"] = {variant, variant};
    auto l = test::load(f);
    CHECK_FALSE(l->kg);
    const auto* d = test::find_code(l->diags, "KB018");
    REQUIRE(d);
    CHECK(d->location.pointer == "/exercises/0/instructions_for/1");
}

TEST_CASE("kb: instructions_for an unknown condition is KB006, one without steps KB018", "[kb]") {
    test::KbFixture f;
    f.adductor["exercises"][0]["instructions_for"] = {
        {{"condition", "adductor_groin"}, {"instructions", {"x"}}},
        {{"condition", "adductor_related_groin_pain"}, {"instructions", nlohmann::json::array()}}};
    auto l = test::load(f);
    CHECK_FALSE(l->kg);
    const auto* unknown = test::find_code(l->diags, "KB006");
    REQUIRE(unknown);
    CHECK(unknown->location.pointer == "/exercises/0/instructions_for/0/condition");
    const auto* empty = test::find_code(l->diags, "KB018");
    REQUIRE(empty);
    CHECK(empty->location.pointer == "/exercises/0/instructions_for/1");
}

TEST_CASE("kb: a valid instructions_for entry loads and is chosen for its condition only", "[kb]") {
    test::KbFixture f;
    f.adductor["exercises"][0]["instructions_for"] = {{{"condition", "adductor_related_groin_pain"},
                                                       {"instructions", {"Groin step."}},
                                                       {"references", {"R-TWO"}}}};
    auto l = test::load(f);
    REQUIRE(l->kg);
    const Exercise& e = l->kg->exercises()[0];
    REQUIRE(e.instructions_for.size() == 1);
    CHECK(e.instructions_of(e.instructions_for[0].condition) == std::vector<std::string>{"Groin step."});
    CHECK(e.instructions_of(ConditionId{}) == e.instructions);
}

TEST_CASE("the handout gives each condition's advice for the day, from the knowledge",
          "[render][knowledge]") {
    const Recommender& r = recommender();
    std::size_t shown = 0;
    for (const auto& c : r.knowledge().conditions()) {
        INFO(c.key);
        CHECK(c.education.size() >= 3);  // every bundled condition has advice (issue 14, finding 18)
        Profile p = test::render::adductor_profile();
        p.condition = c.id;
        const std::string html = io::programme_to_handout_html(r, r.recommend(p, false), p);
        for (const auto& e : c.education) {
            CHECK(html.find(io::html_escape(e.text)) != std::string::npos);
            ++shown;
        }
    }
    CHECK(shown >= 30);
    const auto& gluteal = r.knowledge().condition(*r.knowledge().find_condition("gluteal_tendinopathy"));
    CHECK(std::any_of(gluteal.education.begin(), gluteal.education.end(), [](const Education& e) {
        return e.text.find("cross your legs") != std::string::npos && !e.references.empty();
    }));
}

TEST_CASE("kb: education with an unknown reference is KB006 at its pointer", "[kb]") {
    test::KbFixture f;
    f.clinical["conditions"][0]["education"] = {{{"text", "Rest a little."}, {"references", {"R-NONE"}}}};
    auto l = test::load(f);
    CHECK_FALSE(l->kg);
    const auto* d = test::find_code(l->diags, "KB006");
    REQUIRE(d);
    CHECK(d->location.pointer == "/conditions/0/education/0/references/0");
}
