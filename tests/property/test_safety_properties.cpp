// Safety properties of the bundled knowledge + rules over 2,000+ generated profiles: what must hold
// for every patient, whatever the rules' details. Each property is checked against the knowledge
// graph directly (not against the rules' own bookkeeping), so a rule mistake cannot hide itself.
#include <algorithm>
#include <catch2/catch.hpp>

#include "../rules/rules_fixture.hpp"
#include "profile_generator.hpp"

using namespace rehab;
using namespace rehab::test;

namespace {

constexpr int profile_count = 2400;

bool tolerated(const Profile& p, PositionId pos) {
    bool ok = true;  // absent: tolerated
    for (auto [q, t] : p.positions)
        if (q == pos) ok = t;
    return ok;
}

bool has(const Profile& p, EquipmentId e) {
    return std::find(p.equipment.begin(), p.equipment.end(), e) != p.equipment.end();
}

bool contraindicated(const Exercise& ex, ConditionId c, Stage s) {
    for (const auto& pr : ex.precautions)
        if (pr.contraindication && pr.condition == c && (pr.stages & (1u << static_cast<unsigned>(s))))
            return true;
    return false;
}

bool same_job(const Exercise& a, const Exercise& b) {
    if (a.component != b.component || a.performs.size() != b.performs.size()) return false;
    auto key = [](const Exercise& e) {
        std::vector<std::pair<std::uint32_t, unsigned>> v;
        for (const auto& p : e.performs) v.emplace_back(p.movement.value, p.contractions);
        std::sort(v.begin(), v.end());
        return v;
    };
    return key(a) == key(b);
}

// Equipment the rules make mandatory: those with an availability rule "equipment.<id>".
std::vector<EquipmentId> ruled_equipment(const Recommender& rec) {
    std::vector<EquipmentId> v;
    const auto& eq = rec.knowledge().equipment();
    for (std::uint32_t i = 0; i < eq.size(); ++i)
        if (rec.rules().find_rule("equipment." + eq[i].key)) v.emplace_back(i);
    return v;
}

struct Tally {
    int referred = 0, programmes = 0, given_stage = 0, no_band = 0, non_weight_bearing = 0, intolerant = 0;
    int stage[stage_count] = {};
};

// Checks every property for one profile; stops at the first violation (the INFO shows the programme).
void check_profile(const Recommender& rec, const Profile& p, const std::vector<EquipmentId>& ruled,
                   Tally& tally) {
    const KnowledgeGraph& kg = rec.knowledge();
    Recommendation r = rec.recommend(p, false);
    INFO("profile " << p.id << ", condition " << kg.condition(p.condition).key << "\n"
                    << fingerprint(rec, r, false));

    // Every red flag means a referral and no exercises; no red flag, no referral.
    REQUIRE(r.referred() == !p.red_flags.empty());
    if (r.referred()) {
        ++tally.referred;
        REQUIRE(r.items.empty());
        for (auto f : p.red_flags) {
            bool named = false;
            for (const auto& x : r.referral) named |= x.red_flag == f;
            REQUIRE(named);
        }
        return;
    }
    tally.programmes += !r.items.empty();
    tally.given_stage += p.stage.has_value();
    ++tally.stage[static_cast<int>(r.stage)];
    if (p.stage) REQUIRE(r.stage == *p.stage);  // the clinician's stage is used as it is

    // Programme size: at most 8; fewer when irritability is moderate (6) or high (5).
    REQUIRE(r.items.size() <= 8);
    if (r.irritability == "moderate") REQUIRE(r.items.size() <= 6);
    if (r.irritability == "high") REQUIRE(r.items.size() <= 5);

    const bool band = has(p, equip("resistance_band"));
    tally.no_band += !band;
    tally.non_weight_bearing += p.weight_bearing == WeightBearing::none;
    for (auto [q, t] : p.positions) tally.intolerant += !t;

    for (std::size_t i = 0; i < r.items.size(); ++i) {
        const Exercise& ex = kg.exercise(r.items[i].exercise);
        INFO("exercise " << ex.key);
        // Never an excluded exercise.
        REQUIRE_FALSE(r.evaluation.excluded.contains(ex.id));
        for (const auto& x : r.excluded) REQUIRE(x.exercise != ex.id);
        // Never contraindicated for the condition at the programme's stage.
        REQUIRE_FALSE(contraindicated(ex, p.condition, r.stage));
        // Inside every ladder window that fired, and on no ladder without a window.
        for (const auto& place : ex.ladders) {
            bool windowed = false;
            for (auto rule : r.evaluation.fired)
                for (const auto& a : rec.rules().rule(rule).actions)
                    if (a.window_ladder == place.ladder) {
                        windowed = true;
                        INFO("window rule " << rec.rules().rule(rule).id << " on "
                                            << kg.ladder(place.ladder).key);
                        REQUIRE(place.rung >= a.window_low);
                        REQUIRE(place.rung <= a.window_high);
                    }
            REQUIRE(windowed);
        }
        // Equipment the patient lacks (when the rules require it): never. A chair's back is a support.
        for (auto e : ruled)
            if (!has(p, e) && !(e == equip("support") && has(p, equip("chair"))))
                REQUIRE(std::find(ex.equipment.begin(), ex.equipment.end(), e) == ex.equipment.end());
        if (!band)
            REQUIRE(std::find(ex.equipment.begin(), ex.equipment.end(), equip("resistance_band")) ==
                    ex.equipment.end());
        // Never a position the patient does not tolerate.
        REQUIRE(tolerated(p, ex.position));
        // Not weight bearing: nothing standing, nothing on the legs.
        if (p.weight_bearing == WeightBearing::none) {
            REQUIRE(ex.position != pos("standing"));
            REQUIRE(ex.stance == Stance::none);
        }
        if (p.weight_bearing == WeightBearing::partial) REQUIRE(ex.stance != Stance::affected_leg);
        if (p.single_leg_stance_s && *p.single_leg_stance_s < 10) REQUIRE(ex.stance != Stance::affected_leg);
        // Therapist- or partner-held exercises only with a therapist present.
        if (!p.therapist_present) REQUIRE_FALSE((ex.needs_therapist || ex.needs_partner));
        // No two exercises doing the same job.
        for (std::size_t j = 0; j < i; ++j) {
            const Exercise& other = kg.exercise(r.items[j].exercise);
            INFO("and " << other.key);
            REQUIRE_FALSE(same_job(ex, other));
        }
        // Each exercise once.
        for (std::size_t j = 0; j < i; ++j) REQUIRE(r.items[j].exercise != ex.id);
    }
}

}  // namespace

TEST_CASE("safety properties hold for 2 -400 generated profiles", "[property]") {
    auto rec = bundled_recommender();
    const auto ruled = ruled_equipment(*rec);
    REQUIRE(std::find(ruled.begin(), ruled.end(), equip("resistance_band")) != ruled.end());
    Tally tally;
    for (std::uint32_t seed : {11u, 22u, 33u}) {
        ProfileGenerator gen(rec->knowledge(), seed);
        for (int i = 0; i < profile_count / 3; ++i) check_profile(*rec, gen.next(), ruled, tally);
    }
    // The generator really covers the cases the properties are about.
    CHECK(tally.referred > 100);
    CHECK(tally.programmes > 1500);
    CHECK(tally.given_stage > 500);
    CHECK(tally.no_band > 500);
    CHECK(tally.non_weight_bearing > 50);
    CHECK(tally.intolerant > 500);
    for (int s = 0; s < stage_count; ++s) CHECK(tally.stage[s] > 100);
}

TEST_CASE("the same profile twice gives the same recommendation - with or without trace", "[property]") {
    auto rec = bundled_recommender();
    ProfileGenerator gen(rec->knowledge(), 44);
    Recommendation reused;  // a reused output object must not carry anything over
    for (int i = 0; i < 400; ++i) {
        Profile p = gen.next();
        INFO("profile " << p.id);
        Recommendation first = rec->recommend(p, true);
        Recommendation second = rec->recommend(p, true);
        REQUIRE(fingerprint(*rec, first) == fingerprint(*rec, second));
        rec->recommend(p, reused, false);
        REQUIRE(fingerprint(*rec, first, false) == fingerprint(*rec, reused, false));
    }
}

TEST_CASE("the generator is deterministic", "[property]") {
    auto kg = bundled_kg();
    ProfileGenerator a(*kg, 5), b(*kg, 5);
    auto rec = bundled_recommender();
    for (int i = 0; i < 50; ++i) {
        Profile x = a.next(), y = b.next();
        REQUIRE(fingerprint(*rec, rec->recommend(x, false), false) ==
                fingerprint(*rec, rec->recommend(y, false), false));
    }
}
