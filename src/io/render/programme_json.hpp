// The programme as a "rehab.programme/1" JSON document: stage and why, referral or exercises with
// dose, instructions, progression and the rules behind each, exclusions, near misses, warnings and
// the trace. Stable key order and formatting: identical input gives byte-identical output.
#pragma once
#include <string>

#include "core/recommend/profile.hpp"
#include "core/recommend/programme.hpp"
#include "core/recommend/recommender.hpp"

namespace rehab::io {

inline constexpr const char* programme_format = "rehab.programme/1";

// `rec` should be made with trace=true (the excluded exercises' observed values come from the trace).
// indent < 0: one compact line without a trailing newline (JSON Lines, `rehab batch`).
std::string programme_to_json(const Recommender& r, const Recommendation& rec, const Profile& p,
                              int indent = 2);

}  // namespace rehab::io
