// The result of recommend(): a referral or a programme, the stage it used and why, each exercise
// with its dose and the rules that chose and dosed it, the exclusions and near misses with their
// reasons, and the full evaluation trace. Plain values: renderers turn them into words.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/rules/engine.hpp"
#include "core/base/ids.hpp"
#include "core/knowledge/model.hpp"

namespace rehab {

enum class Change { new_, progressed, held, regressed, replaced, dropped };
const char* to_string(Change c);

struct PrescribedDose {
    int sets = 1;
    std::optional<int> reps, reps_top;  // prescribed reps, and the top of the range (progress there)
    std::optional<int> hold_s, hold_top;
    std::optional<double> duration_min;
    std::string tempo;
    int rest_s = 0;
    int per_week = 0;
    BandId band;  // invalid: no band
    bool per_side = false;
};

struct Reason {  // one rule's part in a decision
    std::uint32_t rule = 0;
    ActionKind kind = ActionKind::warn;
    double weight = 0;
};

struct ProgressCriteria {
    std::optional<double> pain_ceiling;  // pain during the exercise at most this (0-10)
    std::optional<double> sessions;      // the target dose completed for this many sessions in a row
    std::optional<double> rpe_max;       // effort at most this (0-10)
};

struct ProgrammeItem {
    ExerciseId exercise;
    PrescribedDose dose;
    double score = 0;
    std::vector<Reason> selected_by;  // require / prefer / avoid rules that applied
    std::vector<Reason> dosed_by;
    std::vector<std::string> graph_reasons;  // "works adductor longus (primary), involved in ..."
    std::vector<std::string> precautions;    // knowledge precautions and rule warnings for this exercise
    Change change = Change::new_;
    std::vector<std::string> change_reasons;
    ExerciseId replaces;  // for `replaced`: the exercise it replaces
    std::vector<std::uint32_t> change_rules;
};

struct ExcludedItem {
    ExerciseId exercise;
    std::vector<std::uint32_t> rules;  // the exclusion rules that named it
};

struct NotChosenItem {
    ExerciseId exercise;
    double score = 0;
    std::string reason;  // "score 1 below the last chosen (3)", "same job as bridge", "limit of 6 reached"
};

struct ReferralReason {
    std::uint32_t rule = 0;
    RedFlagId red_flag;  // invalid when the rule refers without a red flag
    Urgency urgency = Urgency::urgent;
    std::string reason;
};

struct StageCriterion {  // one unmet criterion of the next stage, from the rule that would derive it
    Observation observation;
    std::uint32_t rule = 0;
};

struct RuleNote {
    std::uint32_t rule = 0;
    std::string text;
};

struct Recommendation {
    std::string profile_id;
    Stage stage = Stage::mid;
    std::int64_t stage_rule = -1;  // the rule that set the stage
    std::optional<Stage> next_stage;
    std::vector<StageCriterion> next_stage_unmet;  // what would make the patient ready for it
    std::string irritability;
    std::vector<ReferralReason> referral;  // non-empty: refer, and no exercises
    std::vector<ProgrammeItem> items;      // in the order to perform them
    std::vector<ProgrammeItem> dropped;    // current exercises taken out at this review (change == dropped)
    std::vector<ExcludedItem> excluded;
    std::vector<NotChosenItem> not_chosen;
    std::vector<RuleNote> warnings;
    ProgressCriteria progress;
    Evaluation evaluation;  // the trace: every rule tried, facts, observations
    bool referred() const { return !referral.empty(); }
};

}  // namespace rehab
