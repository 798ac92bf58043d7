// The programme as one compact "rehab.programme-summary/1" line for large batches: stage, referral
// or exercises with their dose and change, the rule ids behind each, excluded ids and warning rules.
// No prose and no trace: a fraction of the full document's size, written without a JSON DOM.
#pragma once
#include <string>

#include "core/recommend/profile.hpp"
#include "core/recommend/programme.hpp"
#include "core/recommend/recommender.hpp"

namespace rehab::io {

inline constexpr const char* programme_summary_format = "rehab.programme-summary/1";

// Appends the record (no trailing newline) to `out`; byte-identical for identical input.
void append_programme_summary(const Recommender& r, const Recommendation& rec, const Profile& p,
                              std::string& out);

}  // namespace rehab::io
