// The inference engine: forward chaining of a compiled RuleSet over one patient's facts.
// Strata in order (derived facts before their readers), then priority, then id; only the rules
// indexed for the patient's value of the indexed fact are tried. Returns what fired, as data.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "core/base/exercise_set.hpp"
#include "core/lang/program.hpp"
#include "core/rules/rule_set.hpp"

namespace rehab {

struct RuleOutcome {
    std::uint32_t rule = 0;
    Truth truth = Truth::unknown;
    bool overridden = false;  // a derive whose fact was already set by an earlier rule
};

struct ActionRef {
    std::uint32_t rule = 0;
    std::uint32_t action = 0;
};

struct Limit {
    int min = 0, max = 1000;
    std::int64_t min_rule = -1, max_rule = -1;
};

// Everything one evaluation produced. Reusable: evaluate() clears it, keeping its capacity.
struct Evaluation {
    FactValues facts;                       // inputs plus derived facts
    std::vector<RuleOutcome> outcomes;      // every rule tried, in order (trace mode: all; else fired only)
    std::vector<std::uint32_t> fired;       // rules whose condition was true, in order
    std::vector<Observation> observations;  // trace mode: each comparison's values
    std::vector<std::int64_t> derived_by;   // per fact slot: rule that set it, -1 for inputs
    std::vector<ActionRef> referrals;
    std::vector<ActionRef> exclusions, requirements, preferences, doses, warnings;
    ExerciseSet excluded, required;
    std::vector<double> score;  // per exercise
    Limit total;
    Limit per_component[component_count];
    bool referred() const { return !referrals.empty(); }
};

class Engine {
public:
    explicit Engine(std::shared_ptr<const RuleSet> rules);
    // const and thread-safe: all mutable state lives in `out`.
    void evaluate(const FactValues& inputs, Evaluation& out, bool trace) const;
    const RuleSet& rules() const { return *rules_; }
    std::shared_ptr<const RuleSet> rules_ptr() const { return rules_; }

private:
    // The evaluation plan, laid out like the rule index (per stratum: general rules, and per value of
    // the indexed fact), each step's condition flattened to tests stored contiguously in plan order
    // when it is a plain conjunction: the fast path when no trace is asked for. Others (and traces)
    // run the rule's Program. Bucket steps leave out the tests the index already guarantees.
    struct Step {
        std::uint32_t rule = 0, begin = 0, end = 0;  // tests_[begin, end)
        bool conjunction = false;
    };
    struct Plan {
        std::vector<Step> general;
        std::vector<std::vector<Step>> by_value;
    };
    std::shared_ptr<const RuleSet> rules_;
    std::vector<FactTest> tests_;
    std::vector<Plan> plans_;  // parallel to RuleSet::strata()
    // Per rule, its actions in a compact table (acts_[act_begin_[r], act_begin_[r + 1])): the
    // common kinds are applied without touching the (large) CompiledRule.
    struct Act {
        ActionKind kind = ActionKind::warn;
        std::uint32_t action = 0, selector = 0;
        double weight = 0;  // signed: avoid is negative
    };
    std::vector<Act> acts_;
    std::vector<std::uint32_t> act_begin_;
    // Per selector: its members when it is static and has a few (set one by one, not word by word).
    std::vector<std::vector<ExerciseId>> few_;
    std::vector<bool> use_few_;
    Step make_step(std::uint32_t rule, bool indexed);
    void apply(std::uint32_t rule, Evaluation& out) const;
    void apply_derive(std::uint32_t rule, std::uint32_t action, Evaluation& out) const;
    void apply_limit(std::uint32_t rule, std::uint32_t action, Evaluation& out) const;
    void add_selected(ExerciseSet& set, std::uint32_t selector, const FactValues& facts) const;
};

}  // namespace rehab
