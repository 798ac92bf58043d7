// One exercise's explanation in words a clinician reads: chosen (its rules and graph reasons),
// excluded (each rule, its evidence, what was observed against which threshold, and what would
// make it eligible), not chosen (why, and its score against the lowest chosen), or referred.
#pragma once
#include <string>

#include "core/explain/explanation.hpp"
#include "core/recommend/programme.hpp"
#include "core/recommend/recommender.hpp"

namespace rehab::io {

std::string explanation_to_text(const Recommender& r, const Recommendation& rec,
                                const ExerciseExplanation& x);

}  // namespace rehab::io
