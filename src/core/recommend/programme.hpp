// The result of recommend(): a referral or a programme, the stage it used and why, each exercise
// with its dose and the rules that chose and dosed it, the exclusions and near misses with their
// reasons, and the full evaluation trace. Plain values: renderers turn them into words.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/base/ids.hpp"
#include "core/knowledge/model.hpp"
#include "core/recommend/note.hpp"
#include "core/rules/engine.hpp"

namespace rehab {

enum class Change { new_, progressed, held, regressed, replaced, dropped };
const char* to_string(Change c);

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

// How the knowledge ties a chosen exercise to the condition: it works a muscle the condition
// involves (muscle valid), or loads the condition's key movement with these contractions.
struct GraphReason {
    MuscleId muscle;
    MovementId movement;
    unsigned contractions = 0;
    ConditionId condition;
};

// A precaution for a chosen exercise: a rule's warn action (rule >= 0, index = the action) or the
// knowledge's precaution (rule == -1, index into the exercise's precautions). The text is data.
struct ItemPrecaution {
    std::int64_t rule = -1;
    std::uint32_t index = 0;
};

struct ProgrammeItem {
    ExerciseId exercise;
    PrescribedDose dose;
    double score = 0;
    std::vector<Reason> selected_by;  // require / prefer / avoid rules that applied
    std::vector<Reason> dosed_by;
    std::vector<GraphReason> graph_reasons;
    std::vector<ItemPrecaution> precautions;  // rule warnings and knowledge precautions for this exercise
    Change change = Change::new_;
    std::vector<Note> change_reasons;
    ExerciseId replaces;  // for `replaced`: the exercise it replaces
    std::vector<std::uint32_t> change_rules;
    // For a dropped exercise that is now excluded: the exclusion rules that name it (empty with
    // `excluded` set: the knowledge's contraindication). A dropped exercise is not in `excluded`.
    bool excluded = false;
    std::vector<std::uint32_t> excluded_by;
};

struct ExcludedItem {
    ExerciseId exercise;
    std::vector<std::uint32_t> rules;  // the exclusion rules that named it
};

// Why an eligible exercise is not in the programme (the words are in io/render/words/reason_words).
enum class NotChosenWhy : std::uint8_t {
    ranked_below,     // a positive score, below the exercises chosen
    not_preferred,    // no rule preferred it (score 0 or below)
    same_job,         // does the same job as `same_job_as`, already chosen
    component_limit,  // its component's limit (evaluation.per_component) was reached
    total_limit,      // the programme's limit (evaluation.total) was reached
    kept_current,     // the fresh selection had it, but the review changes the current programme one
                      // step at a time and the programme was full
    dropped,          // (explanations only) a current exercise stopped at this review: see `dropped`
    not_considered,   // (explanations only) not among the candidates
};

struct NotChosenItem {
    ExerciseId exercise;
    double score = 0;
    NotChosenWhy why = NotChosenWhy::ranked_below;
    ExerciseId same_job_as;
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

// A warning for the clinician: a rule's warn text (data, note.code == rule_text), or a note the
// review or the selection wrote (text empty; its words are in io/render/words/note_words).
struct RuleNote {
    RuleNote() = default;
    RuleNote(std::uint32_t r, std::string t) : rule(r), text(std::move(t)) {}
    RuleNote(std::uint32_t r, Note n) : rule(r), note(std::move(n)) {}
    std::uint32_t rule = 0;
    std::string text;
    Note note;
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
    // Current exercises taken out at this review (change == dropped): stopped, replaced, now excluded
    // or referred. After recommend(), items, excluded, not_chosen and dropped hold each exercise of
    // the knowledge at most once, and each exercise of history.programme exactly once.
    std::vector<ProgrammeItem> dropped;
    std::vector<ExcludedItem> excluded;
    std::vector<NotChosenItem> not_chosen;
    std::vector<RuleNote> warnings;
    ProgressCriteria progress;
    Evaluation evaluation;  // the trace: every rule tried, facts, observations
    bool referred() const { return !referral.empty(); }
};

}  // namespace rehab
