// Progression and regression from logged sessions: turns the patient's current programme
// (profile.history) into this review's programme, one step per exercise (dose, band, or the next or
// previous exercise on its chain), with the logged values and the rules behind every change, as
// Notes (their words, and the dose and number formats, are in io/render/words/note_words).
#pragma once
#include <optional>
#include <vector>

#include "core/recommend/profile.hpp"
#include "core/recommend/programme.hpp"
#include "core/rules/rule_set.hpp"

namespace rehab {

// The derived facts the progression review reads, resolved once (absent when the rules lack them).
struct ProgressionSlots {
    std::optional<FactSlot> ceiling, sessions, rpe_max, margin, trend, criteria_stage, max_replaced,
        stopped_memory;
};

// What the review needs from the recommender, as values it does not own: the rules (and through
// them the knowledge), the progression slots, and which exercises do the same job.
struct ProgressionContext {
    const RuleSet& rules;
    const ProgressionSlots& slots;
    const std::vector<ExerciseSet>& same_job_sets;  // per exercise: exercises that do the same job
    const KnowledgeGraph& knowledge() const { return rules.knowledge(); }
    bool same_job(ExerciseId a, ExerciseId b) const { return same_job_sets[a.value].contains(b); }
};

// Replaces rec.items (the fresh selection, used only to top the programme up to the limits) by the
// current programme transformed; fills rec.dropped and adds stage-transition and log warnings.
// Does nothing when the history has no programme or the recommendation is a referral.
// Thresholds come from the derived facts pain_ceiling, progress.sessions_required, progress.rpe_max
// and progress.morning_margin; without them every exercise is held (with a warning).
void progress_programme(const ProgressionContext& c, const Profile& p, Recommendation& rec);

}  // namespace rehab
