// Dosing, below both the recommender and the progression review: an exercise's knowledge dose for a
// stage, its entry dose (bottom of the knowledge ranges, then the dose rules that select it), the
// limits a dose moves within, and the one-step changes of clinical.md 2.3, as values.
#pragma once
#include <optional>
#include <vector>

#include "core/recommend/dose.hpp"
#include "core/recommend/programme.hpp"
#include "core/rules/rule_set.hpp"

namespace rehab {

// The exercise's knowledge dose for a stage, falling back to mid, early, late; or null.
const Dose* knowledge_dose(const Exercise& ex, Stage stage);

// The entry dose of an exercise at a stage: the bottom of the knowledge ranges, then the dose rules
// that select it, lowest priority first (the highest has the last word). Adds those rules to dosed_by.
PrescribedDose entry_dose(const RuleSet& rules, ExerciseId e, Stage stage, const Evaluation& ev,
                          std::vector<Reason>* dosed_by = nullptr);

struct DoseLimits {
    std::optional<int> reps_lo, reps_hi, hold_lo, hold_hi;
    int sets_lo = 1, sets_hi = 1;
    std::optional<int> band_lo, band_hi;  // band index range, for band exercises
};

DoseLimits dose_limits(const KnowledgeGraph& kg, const Exercise& ex, Stage stage,
                       const PrescribedDose& entry);

// One step up or down in the order of clinical.md 2.3 (reps, hold, sets, band), applied to `d`.
DoseStep step_up(PrescribedDose& d, const DoseLimits& l);
DoseStep step_down(PrescribedDose& d, const DoseLimits& l);

}  // namespace rehab
