// The programme as a readable terminal report for the clinician: header (patient, condition,
// stage and why), a table of exercises, why each was chosen, what was excluded and why, near
// misses, warnings and the next stage's unmet criteria; or a REFER block for a red flag.
#pragma once
#include <string>

#include "core/recommend/profile.hpp"
#include "core/recommend/programme.hpp"
#include "core/recommend/recommender.hpp"

namespace rehab::io {

std::string programme_to_text(const Recommender& r, const Recommendation& rec, const Profile& p);

}  // namespace rehab::io
