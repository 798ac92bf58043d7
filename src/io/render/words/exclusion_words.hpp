// The words for the values an exclusion's explanation returns: what a rule's selector read besides
// compared values ("not a mid-stage exercise", "contraindicated for ..."), and why no change of the
// patient's measures lifts an exclusion. Text, JSON and scenario reports take them from here.
#pragma once
#include <string>

#include "core/explain/explanation.hpp"

namespace rehab::io {

// "" for a condition basis; "pain on resisted hip adduction not recorded", "contraindicated for
// hamstring strain in the early stage", "not an early-stage exercise".
std::string basis_words(const Recommender& r, Stage stage, const ExclusionReason& e);
// "the knowledge base contraindicates it for ...; no change in the patient's measures lifts that",
// "it depends on facts no single measure changes: age is 70", ...
std::string no_change_words(const Recommender& r, Stage stage, ExerciseId e, const NoChange& n);
// "adductor loading ladder, rung 5 of 6 (Copenhagen, long lever): the window for this patient is
// rungs 2-4 (rule window.mid)".
std::string window_words(const Recommender& r, const WindowReading& w);

}  // namespace rehab::io
