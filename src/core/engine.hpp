// The inference engine: forward chaining of a compiled RuleSet over one patient's facts.
// Strata in order (derived facts before their readers), then priority, then id; only the rules
// indexed for the patient's value of the indexed fact are tried. Returns what fired, as data.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "core/condition_program.hpp"
#include "core/exercise_set.hpp"
#include "core/rule_set.hpp"

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
    std::vector<double> score;              // per exercise
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
    std::shared_ptr<const RuleSet> rules_;
    void apply(std::uint32_t rule, Evaluation& out) const;
};

}  // namespace rehab
