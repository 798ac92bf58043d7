// One exercise's explanation as a "rehab.explanation/1" JSON document (`rehab explain --format json`,
// `POST /v1/explain`): the status, the rule ids behind it, the smallest change in words, and the
// same text as `rehab explain`, with the knowledge and rules versions. Stable key order.
#pragma once
#include <string>

#include "core/explain/explanation.hpp"
#include "core/recommend/profile.hpp"
#include "core/recommend/programme.hpp"
#include "core/recommend/recommender.hpp"

namespace rehab::io {

inline constexpr const char* explanation_format = "rehab.explanation/1";

std::string explanation_to_json(const Recommender& r, const Recommendation& rec, const Profile& p,
                                const ExerciseExplanation& x);

}  // namespace rehab::io
