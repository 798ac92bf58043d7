// Safety properties of the bundled knowledge + rules over generated profiles (12,000 by default;
// REHAB_PROPERTY_COUNT=100000 for a long run): every programme is checked against an independent
// oracle (safety_oracle.hpp: its own reading of the knowledge JSON and of the clinical reference's
// rules), never against the engine's own bookkeeping, so a rule mistake cannot hide itself.
#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>

#include "../rules/rules_fixture.hpp"
#include "profile_generator.hpp"
#include "safety_oracle.hpp"

using namespace rehab;
using namespace rehab::test;

namespace {

int profile_count() {
    const char* v = std::getenv("REHAB_PROPERTY_COUNT");
    return v && std::atoi(v) > 0 ? std::atoi(v) : 12000;
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

struct Tally {
    int referred = 0, programmes = 0, given_stage = 0, no_band = 0, non_weight_bearing = 0, intolerant = 0;
    int stage[stage_count] = {};
};

// Checks every property for one profile; stops at the first violation (the INFO shows the programme).
void check_profile(const Recommender& rec, const SafetyOracle& oracle, const Profile& p, Tally& tally) {
    const KnowledgeGraph& kg = rec.knowledge();
    Recommendation r = rec.recommend(p, false);
    INFO("profile " << p.id << ", condition " << kg.condition(p.condition).key << "\n"
                    << fingerprint(rec, r, false));
    const auto wrong = oracle.violations(p, r);
    for (const auto& w : wrong) UNSCOPED_INFO("oracle: " << w);
    REQUIRE(wrong.empty());
    if (r.referred()) {
        ++tally.referred;
        return;
    }
    tally.programmes += !r.items.empty();
    tally.given_stage += p.stage.has_value();
    ++tally.stage[static_cast<int>(r.stage)];

    // Programme size: at most 8; fewer when irritability is moderate (6) or high (5).
    REQUIRE(r.items.size() <= 8);
    if (r.irritability == "moderate") REQUIRE(r.items.size() <= 6);
    if (r.irritability == "high") REQUIRE(r.items.size() <= 5);

    tally.no_band +=
        std::find(p.equipment.begin(), p.equipment.end(), equip("resistance_band")) == p.equipment.end();
    tally.non_weight_bearing += p.weight_bearing == WeightBearing::none;
    for (auto [q, t] : p.positions) tally.intolerant += !t;

    for (std::size_t i = 0; i < r.items.size(); ++i) {
        const Exercise& ex = kg.exercise(r.items[i].exercise);
        INFO("exercise " << ex.key);
        // The engine's own lists agree with what it recommends.
        REQUIRE_FALSE(r.evaluation.excluded.contains(ex.id));
        for (const auto& x : r.excluded) REQUIRE(x.exercise != ex.id);
        // No two exercises doing the same job, and each exercise once.
        for (std::size_t j = 0; j < i; ++j) {
            const Exercise& other = kg.exercise(r.items[j].exercise);
            INFO("and " << other.key);
            REQUIRE_FALSE(same_job(ex, other));
            REQUIRE(r.items[j].exercise != ex.id);
        }
    }
}

}  // namespace

TEST_CASE("safety properties hold for generated profiles against an independent oracle", "[property]") {
    auto rec = bundled_recommender();
    const SafetyOracle oracle(knowledge_dir(), rec->knowledge());
    REQUIRE(oracle.items().size() == rec->knowledge().exercise_count());
    const int count = profile_count();
    Tally tally;
    const auto start = std::chrono::steady_clock::now();
    for (std::uint32_t seed : {11u, 22u, 33u}) {  // the last seed takes the remainder
        ProfileGenerator gen(rec->knowledge(), seed);
        const int n = seed == 33u ? count - 2 * (count / 3) : count / 3;
        for (int i = 0; i < n; ++i) check_profile(*rec, oracle, gen.next(), tally);
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    WARN(count << " profiles checked in " << seconds << " s");
    // The generator really covers the cases the properties are about (scaled to the count).
    const int k = count / 2400;
    CHECK(tally.referred > 100 * k);
    CHECK(tally.programmes > 1500 * k);
    CHECK(tally.given_stage > 500 * k);
    CHECK(tally.no_band > 500 * k);
    CHECK(tally.non_weight_bearing > 50 * k);
    CHECK(tally.intolerant > 500 * k);
    for (int s = 0; s < stage_count; ++s) CHECK(tally.stage[s] > 100 * k);
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
