// The ladder gate lint: a heavier rung of a loading ladder must never be allowed at more pain than a
// lighter rung (clinical reference 2.3, 2.4). Returned as values; `rehab rules check` words them as
// RL019 warnings.
#pragma once
#include <cstdint>
#include <vector>

#include "core/rules/rule_set.hpp"

namespace rehab {

struct GateInversion {
    LadderId ladder;
    ExerciseId heavier;
    int heavier_rung = 0;
    ExerciseId lighter;
    int lighter_rung = 0;
    FactSlot fact = 0;
    double heavier_allows = 0;  // pain up to this is allowed on the heavier exercise (infinity: no gate)
    double lighter_allows = 0;
    std::uint32_t lighter_rule = 0;
    std::int64_t heavier_rule = -1;  // -1: no rule gates the heavier exercise on this fact
    ConditionId condition;           // one condition the inversion applies to
};

std::vector<GateInversion> ladder_gate_inversions(const RuleSet& rs);

}  // namespace rehab
