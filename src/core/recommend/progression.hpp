// Progression and regression from logged sessions: turns the patient's current programme
// (profile.history) into this review's programme, one step per exercise (dose, band, or the next or
// previous exercise on its chain), with the logged values and the rules behind every change.
#pragma once
#include <string>
#include <vector>

#include "core/recommend/profile.hpp"
#include "core/recommend/programme.hpp"
#include "core/recommend/recommender.hpp"

namespace rehab {

// Replaces rec.items (the fresh selection, used only to top the programme up to the limits) by the
// current programme transformed; fills rec.dropped and adds stage-transition and log warnings.
// Does nothing when the history has no programme or the recommendation is a referral.
// Thresholds come from the derived facts pain_ceiling, progress.sessions_required, progress.rpe_max
// and progress.morning_margin; without them every exercise is held (with a warning).
void progress_programme(const Recommender& r, const Profile& p, Recommendation& rec);

// The entry dose of an exercise at a stage, dosed as Recommender does (bottom of the knowledge ranges,
// then the dose rules that select it, lowest priority first). The rules are added to `dosed_by`.
PrescribedDose entry_dose(const Recommender& r, ExerciseId e, Stage stage, const Evaluation& ev,
                          std::vector<Reason>* dosed_by = nullptr);

// The exercise's knowledge dose for a stage (falling back as Recommender does), or null.
const Dose* knowledge_dose(const Exercise& ex, Stage stage);

// "3 x 12, hold 10 s, Red band"; numbers as "2" or "2.5".
std::string format_dose(const KnowledgeGraph& kg, const PrescribedDose& d);
std::string format_number(double v);

}  // namespace rehab
