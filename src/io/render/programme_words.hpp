// Words shared by the programme renderers (JSON, terminal text, patient handout, explanations):
// numbers as a clinician writes them, doses, sides, progression criteria and the disclaimer, so
// that every output says the same thing the same way.
#pragma once
#include <string>
#include <vector>

#include "core/explain/explanation.hpp"
#include "core/recommend/profile.hpp"
#include "core/recommend/programme.hpp"
#include "core/recommend/recommender.hpp"

namespace rehab::io {

inline constexpr const char* programme_disclaimer =
    "A suggestion for a qualified clinician; not a substitute for examination.";

std::string number_text(double v);                                          // "3", "0.75"
std::string fact_value_text(const FactSchema& s, FactSlot slot, double v);  // "6/10", "8 s", "full"
std::string fact_label(const FactSchema& s, FactSlot slot);                 // the label, or the name
// "<= 3/10" for numbers with a unit, "== full" otherwise.
std::string needs_text(const FactSchema& s, const Constraint& c);
// "pain on resisted hip adduction is 3/10 or less": a constraint in words.
std::string constraint_words(const FactSchema& s, const Constraint& c);

// "left" / "right" / "both": the profile's side for one-sided exercises, "both" for bilateral ones.
std::string exercise_side(const Exercise& ex, const PrescribedDose& d, const Profile& p);
// "3 x 10" / "3 x 10 s hold" / "10 min": sets and reps or hold, as in a table.
std::string dose_cell(const PrescribedDose& d);
std::string band_name(const KnowledgeGraph& kg, const PrescribedDose& d);  // "" when none
// "Progress when pain during the exercise stays at or below 3/10, ..." ("" when nothing is known).
std::string progression_text(const ProgressCriteria& p);
// The most urgent level among the referral reasons.
Urgency most_urgent(const std::vector<ReferralReason>& r);
// "R-HAROY2019; R-HOLMICH1999" -> "Harøy 2019; Hölmich 1999" style short citations (first author, year).
std::string short_citation(const KnowledgeGraph& kg, ReferenceId id);
std::string rule_citations(const Recommender& r, std::uint32_t rule);  // "" when the rule has none
// The rules behind the stage, outermost first: the rule that set `stage`, then (when it copied
// another derived fact, like criteria_stage) the rule that set that fact, and so on.
std::vector<std::uint32_t> stage_basis(const Recommender& r, const Recommendation& rec);
// A fact value as a clinician reads it: "6/10", "8 s", "full", booleans "yes" / "no".
std::string fact_value_words(const FactSchema& s, FactSlot slot, double v);

}  // namespace rehab::io
