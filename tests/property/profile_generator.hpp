// A deterministic generator of varied patient profiles for property and determinism tests:
// every condition, pain known or not, weight bearing, stance time, positions, equipment subsets,
// therapist, stage given or inferred, medication, and sometimes red flags. std::mt19937 with a
// fixed seed, and only integer draws, so the same seed gives the same profiles everywhere.
#pragma once
#include <random>
#include <string>

#include "core/knowledge/graph.hpp"
#include "core/recommend/profile.hpp"

namespace rehab::test {

class ProfileGenerator {
public:
    ProfileGenerator(const KnowledgeGraph& kg, std::uint32_t seed) : kg_(kg), rng_(seed) {}

    Profile next() {
        Profile p;
        p.id = "gen-" + std::to_string(count_++);
        p.condition = ConditionId(pick(kg_.conditions().size()));
        if (chance(80)) p.age = 14 + roll(70);
        if (chance(70)) p.sex = chance(50) ? "female" : "male";
        for (const auto& a : activity_names())
            if (chance(15)) p.activity.push_back(a);
        p.side = static_cast<Side>(roll(3));
        if (chance(75)) p.days_since_onset = roll(200);
        if (chance(40)) p.stage = static_cast<Stage>(roll(3));
        if (chance(30)) p.history.previous_stage = static_cast<Stage>(roll(3));
        if (chance(30)) p.on_pain_medication = chance(50);
        if (chance(10)) {  // one or two red flags
            p.red_flags.push_back(RedFlagId(pick(kg_.red_flags().size())));
            if (chance(30)) p.red_flags.push_back(RedFlagId(pick(kg_.red_flags().size())));
        }
        if (chance(80)) p.pain.rest = pain();
        if (chance(80)) p.pain.walking = pain();
        for (std::uint32_t m = 0; m < kg_.movements().size(); ++m) {
            if (chance(35)) p.pain.resisted.emplace_back(MovementId(m), pain());
            if (chance(15)) p.pain.stretch.emplace_back(MovementId(m), pain());
        }
        if (chance(50)) p.pain.lasts_next_day = chance(25);
        if (chance(85)) {
            int w = roll(10);
            p.weight_bearing = w < 7   ? WeightBearing::full
                               : w < 9 ? WeightBearing::partial
                                       : WeightBearing::none;
        }
        if (chance(70)) p.single_leg_stance_s = roll(61);
        if (chance(40)) p.squeeze_ratio = (40 + roll(81)) / 100.0;
        for (std::uint32_t i = 0; i < kg_.positions().size(); ++i)
            if (chance(30)) p.positions.emplace_back(PositionId(i), !chance(40));
        int equipment_mode = roll(4);  // none, all, or a random subset (twice as likely)
        for (std::uint32_t i = 0; i < kg_.equipment().size(); ++i)
            if (equipment_mode == 1 || (equipment_mode >= 2 && chance(50))) p.equipment.emplace_back(i);
        p.therapist_present = chance(40);
        return p;
    }

private:
    const KnowledgeGraph& kg_;
    std::mt19937 rng_;
    int count_ = 0;

    int roll(int n) { return static_cast<int>(rng_() % static_cast<std::uint32_t>(n)); }
    std::uint32_t pick(std::size_t n) { return static_cast<std::uint32_t>(rng_() % n); }
    bool chance(int percent) { return roll(100) < percent; }
    double pain() { return chance(85) ? roll(11) : roll(21) / 2.0; }  // sometimes half points
};

}  // namespace rehab::test
