// Why one exercise is (or is not) in a patient's programme, as plain values: the rules that chose
// and dosed it, or the rules that excluded it with the comparisons that made them fire and the
// smallest change to the patient's measures that would lift the exclusion. Renderers add words.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/explain/constraint.hpp"
#include "core/knowledge/graph.hpp"
#include "core/lang/ast.hpp"
#include "core/recommend/programme.hpp"
#include "core/recommend/recommender.hpp"

namespace rehab {

enum class ExplanationStatus { chosen, excluded, not_chosen, referred };
const char* to_string(ExplanationStatus s);

// One comparison of a rule's condition that held for the patient (from the evaluation trace).
struct ObservedComparison {
    FactSlot slot = 0;
    std::string fact;
    BinOp op = BinOp::eq;
    std::string threshold_text;      // "3", "adductor_related_groin_pain", "[a, b]"
    std::optional<double> observed;  // absent: not recorded
    std::string observed_text;
    bool unrecorded = false;  // the rule read that the fact is not recorded (unknown(fact))
    bool derived = false;
    bool changeable = false;             // an input measure that can change (not condition, age, ...)
    std::optional<Constraint> negation;  // what would make this comparison false (changeable facts); for
                                         // an unrecorded fact, the value to record that stops the rule
};

// What a rule read to name the exercise, beyond the compared values in `observed`.
enum class ExclusionBasis {
    condition,         // the rule's condition on the patient's values (see `observed`)
    unrecorded,        // the condition held because a fact is not recorded
    contraindication,  // the selector: the knowledge base contraindicates it for the condition and stage
    stage,             // the selector: the exercise does not belong to the patient's stage
    window,            // a window action: the exercise's rung is outside the window on that ladder
};
const char* to_string(ExclusionBasis b);

// Why no change of the patient's measures lifts an exclusion (words: io/render/words/exclusion_words).
enum class NoChangeWhy {
    contraindicated,           // the knowledge contraindicates it (`contraindication`, when known)
    stage,                     // the exercise does not belong to the patient's stage
    depends_on_facts,          // the rule reads only facts that no single measure changes (`facts`)
    applies_to_every_patient,  // the rule reads no fact at all
    contradicting_changes,     // the excluding rules need contradicting values of `conflict`
    window,                    // outside the ladder window that the stage and irritability set (`window`)
};

// Where an exercise stands on a ladder, and the window a rule set on it.
struct WindowReading {
    LadderId ladder;
    int rung = 0, rungs = 0;  // the exercise's rung, and the ladder's number of rungs
    int low = 0, high = 0;    // the window
    std::uint32_t rule = 0;
};
const char* to_string(NoChangeWhy w);

// A fact the blocking rule read, as the patient has it.
struct FactReading {
    FactSlot slot = 0;
    std::optional<double> value;   // absent: not recorded
    std::int64_t derived_by = -1;  // the rule that derived it, for a derived fact
};

struct NoChange {
    NoChangeWhy why = NoChangeWhy::applies_to_every_patient;
    std::optional<Precaution> contraindication;  // contraindicated: the knowledge's entry
    std::vector<FactReading> facts;              // depends_on_facts: every fact the rule reads
    std::string conflict;                        // contradicting_changes: the fact's name
    std::optional<WindowReading> window;         // window: the ladder, rung and window
};

struct ExclusionReason {
    std::int64_t rule = -1;  // -1: the knowledge base's contraindication guard, no rule
    std::vector<ObservedComparison> observed;
    std::vector<Constraint> change;     // all must hold for this rule to stop firing; empty: none exists
    std::optional<NoChange> no_change;  // why no change exists (when `change` is empty)
    // What the rule read besides compared values: with `unrecorded` the facts of `observed` that are
    // not recorded; with `contraindication` the knowledge's entry (absent for an unknown entry).
    ExclusionBasis basis = ExclusionBasis::condition;
    std::optional<Precaution> contraindication;
    std::optional<WindowReading> window;  // basis window: the ladder, rung and window
};

struct ExerciseExplanation {
    ExerciseId exercise;
    ExplanationStatus status = ExplanationStatus::not_chosen;
    // chosen
    std::size_t position = 0;  // 1-based place in the programme
    double score = 0;
    std::vector<Reason> selected_by, dosed_by;
    std::vector<GraphReason> graph_reasons;
    // excluded
    std::vector<ExclusionReason> exclusions;
    bool change_possible = false;
    std::vector<Constraint> smallest_change;  // combined over all excluding rules: all must hold
    std::vector<NoChange> no_change;          // why no change exists, per blocking rule
    // not chosen
    NotChosenItem why_not;  // why: NotChosenWhy::not_considered when it was not a candidate
    std::optional<double> lowest_chosen_score;
    // referred
    std::vector<ReferralReason> referral;
};

// `rec` must come from rec.recommend(profile, /*trace=*/true) so that observations are recorded.
ExerciseExplanation explain_exercise(const Recommender& r, const Recommendation& rec, ExerciseId e);
// The same for one item of rec.excluded, without searching for it (renderers walking the list).
ExerciseExplanation explain_excluded(const Recommender& r, const Recommendation& rec, const ExcludedItem& x);

// One unmet criterion of the next stage: what was observed, and what it needs to be.
struct UnmetCriterion {
    std::uint32_t rule = 0;
    Constraint needs;
    std::string label, unit;
    std::optional<double> observed;  // absent: not recorded
    std::string observed_text;
};

// The next stage's unmet criteria, one per comparison (all of them, not only the first that failed).
std::vector<UnmetCriterion> unmet_criteria(const Recommender& r, const Recommendation& rec);

}  // namespace rehab
