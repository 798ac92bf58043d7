// What changes in one patient's programme between two versions of the knowledge or the rules: a
// snapshot of each recommendation by ids (so that two rule sets or knowledge graphs compare), and the
// diff of two snapshots (referral, stage, irritability, exercises added or removed, dose fields), each
// change with the rules responsible: rules that fired in one run only, or whose definition changed.
#pragma once
#include <set>
#include <string>
#include <vector>

#include "core/recommend/programme.hpp"
#include "core/recommend/recommender.hpp"
#include "core/rules/rule_model.hpp"

namespace rehab::io {

struct ExerciseSnapshot {
    std::string id;
    // The dose fields by name (sets, reps, hold_s, duration_min, tempo, rest_s, sessions_per_week, band,
    // per_side), each as text; a field the dose does not have is absent.
    std::vector<std::pair<std::string, std::string>> dose;
    std::vector<std::string> rules;  // the rules that selected and dosed it
};

struct ProgrammeSnapshot {
    bool referred = false;
    std::vector<std::string> referral_rules;
    std::string stage, stage_rule, irritability, irritability_rule;          // the rules that derived them
    std::vector<ExerciseSnapshot> exercises;                                 // in the programme's order
    std::vector<std::pair<std::string, std::vector<std::string>>> excluded;  // exercise, its rules
    std::vector<std::string> fired;                                          // rule ids, sorted, unique
};

// The snapshot of one recommendation (made with or without a trace).
ProgrammeSnapshot snapshot_programme(const Recommender& r, const Recommendation& rec);

enum class ChangeKind { referral, stage, irritability, exercise_added, exercise_removed, dose };
inline constexpr int change_kind_count = 6;
const char* to_string(ChangeKind k);

struct ProgrammeChange {
    ChangeKind kind = ChangeKind::dose;
    std::string exercise;            // exercise_added, exercise_removed, dose
    std::string field;               // dose: the dose field
    std::string from, to;            // the values in A and in B ("" when absent; referral: "false" / "true")
    std::vector<std::string> rules;  // the rules responsible, sorted
};

struct ProgrammeDiff {
    std::vector<ProgrammeChange> changes;  // referral, stage, irritability, then exercises in B's order
    std::vector<std::string> fired_only_a, fired_only_b;  // sorted
    std::vector<std::string> changed_fired;  // rules whose definition differs that fired in A or B
    std::vector<std::string> responsible;    // the union of every change's rules, sorted
    bool empty() const { return changes.empty(); }
};

// The changes from `a` to `b`. `changed_rules`: ids of the rules whose definition differs between the
// two versions (or that exist in one only; rule_definition_changes). Each change names the rules that
// made it which are responsible (fired in one run only, or changed and fired); when none of those
// made it, every responsible rule of the profile.
ProgrammeDiff diff_programmes(const ProgrammeSnapshot& a, const ProgrammeSnapshot& b,
                              const std::set<std::string>& changed_rules);

// The ids of rules whose behaviour differs between two rule sets: in one only, or with another
// condition, priority or action (rationale, evidence and location are not behaviour).
std::set<std::string> rule_definition_changes(const RuleSetData& a, const RuleSetData& b);

}  // namespace rehab::io
