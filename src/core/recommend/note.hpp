// Reasons as values: a stable code and its typed arguments for every sentence the progression
// review and the selection used to write (change reasons, log verdicts, review warnings). The words
// for each code are in io/render/words/note_words.cpp; core never builds the sentence.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/base/ids.hpp"
#include "core/knowledge/model.hpp"
#include "core/recommend/dose.hpp"

namespace rehab {

// The arguments of each code, in order, are listed in io/render/words/note_words.cpp next to its words.
enum class NoteCode : std::uint8_t {
    rule_text,  // none: the words are a rule's warn text (RuleNote::text, data)
    // the verdict on one exercise's log (review/assess.cpp)
    log_inconsistent,
    pain_above_ceiling,
    morning_above_usual,
    morning_above_ceiling,
    form_broke,
    pain_rose,
    too_few_sessions,
    dose_not_logged,
    dose_not_completed,
    form_not_kept,
    form_not_logged,
    pain_not_logged,
    morning_not_logged,
    morning_not_back_usual,
    morning_not_back_ceiling,
    rpe_not_logged,
    rpe_above,
    pain_above_ceiling_week,
    medication,
    sessions_met,
    pain_within,
    morning_back_usual,
    morning_back_no_usual,
    rpe_within,
    thresholds_unknown_held,
    // the week's log, over every exercise (review/week.cpp)
    mornings_contradict,  // day, lower, higher
    flare_no_load,        // pain, day
    mornings_rose_week,   // mean before, mean this week, rule
    mornings_rose_days,   // first, last, mornings, rule
    // the change of one exercise (review/review.cpp, review/top_up.cpp)
    now_excluded,
    contraindicated,
    not_moved_forward,  // args: the NoteCode of the reason, then its arguments
    replaced_further,
    replaced_easier,
    replaced_next,
    no_replacement,
    dose_step,
    at_top,
    at_bottom,
    no_next_held,
    back_to_stage_dose,
    no_easier_stopped,
    added_for_component,
    added_for_total,
    added_from_selection,
    next_waits,         // exercise, count, rule: at most `count` exercises move on in one review
    protocol_restored,  // rule: a core exercise of the condition's protocol, added when allowed
    protocol_kept,      // rule: a core exercise at its dose is held, not moved on
    stopped_recently,   // exercise, day, rule: not added back within the memory
    replaced_by,        // the current exercise was replaced (the new one's reasons follow)
    stopped_referred,   // the patient is referred: the programme stops until seen
    // review and selection warnings
    stage_up,
    stage_down,
    component_short,
    too_many,
    log_not_planned,
    thresholds_missing,
    all_stopped,
    too_few_eligible,
    no_eligible_component,
};

struct RuleArg {  // a rule cited as " [id]"; -1: nothing is cited
    std::int64_t rule = -1;
    bool operator==(const RuleArg&) const = default;
};

struct DoneArg {  // the dose a session logged
    std::optional<int> sets, reps, hold_s;
    bool operator==(const DoneArg&) const = default;
};

using NoteArg =
    std::variant<double, ExerciseId, Stage, Component, RuleArg, DoneArg, DoseStep, PrescribedDose, NoteCode>;

struct Note {
    NoteCode code = NoteCode::rule_text;
    std::vector<NoteArg> args;
    bool operator==(const Note&) const = default;
};

inline NoteArg num_arg(double v) { return v; }  // counts, days and pain levels are all numbers
inline NoteArg rule_arg(std::int64_t rule) { return RuleArg{rule}; }

}  // namespace rehab
