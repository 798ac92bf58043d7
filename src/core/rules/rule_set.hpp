// A checked, compiled and stratified rule set: immutable after compile(), shared read-only by
// threads. Conditions are Programs over fact slots; selectors are exercise bitsets; rules are
// ordered by stratum (derived facts before their readers), then priority, then id.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/base/diagnostic.hpp"
#include "core/knowledge/graph.hpp"
#include "core/lang/compiled_expr.hpp"
#include "core/lang/fact_schema.hpp"
#include "core/lang/program.hpp"
#include "core/lang/selector.hpp"
#include "core/rules/rule_model.hpp"

namespace rehab {

inline constexpr std::uint32_t no_selector = UINT32_MAX;

struct CompiledAction {
    ActionKind kind = ActionKind::warn;
    std::uint32_t selector = no_selector;  // index into RuleSet::selectors()
    FactSlot fact = 0;                     // derive
    Program value;                         // derive
    // What a derive does, recorded by the compiler: sets a constant, or copies another fact.
    std::optional<double> derives_constant;
    std::optional<FactSlot> derives_copy;
    double weight = 1;
    std::string text;
    RedFlagId red_flag;
    Urgency urgency = Urgency::urgent;
    // dose
    int level = -1;  // -1 unset, 0 low, 1 full
    std::optional<int> sets, reps, hold_s, rest_s, per_week;
    std::optional<double> volume_scale;
    int band_step = 0;
    std::string tempo;
    std::optional<bool> per_side;
    // limit
    int component = -1;  // -1: whole programme
    std::optional<int> min, max;
    // window: an exclude of the ladder's rungs outside window_low..window_high (ladder invalid otherwise)
    LadderId window_ladder;
    int window_low = 0, window_high = 0;
};

struct CompiledRule {
    std::string id, rationale, grade, category, when_text;
    std::vector<ReferenceId> references;
    int priority = 0;
    Expr when_ast;
    CompiledExpr when;
    std::vector<CompiledAction> actions;
    int stratum = 0;
    Location origin;
    bool has(ActionKind k) const {
        for (const auto& a : actions)
            if (a.kind == k) return true;
        return false;
    }
};

class RuleSet {
public:
    // Checks everything and compiles; returns null when any error was found (all are reported).
    // `inputs` declares the profile's facts; derived facts come from the rule data.
    static std::shared_ptr<const RuleSet> compile(const RuleSetData& data,
                                                  std::shared_ptr<const KnowledgeGraph> kg,
                                                  const FactSchema& inputs, Diagnostics& diags);

    const FactSchema& schema() const { return schema_; }
    const KnowledgeGraph& knowledge() const { return *kg_; }
    std::shared_ptr<const KnowledgeGraph> knowledge_ptr() const { return kg_; }
    const std::vector<CompiledRule>& rules() const { return rules_; }  // in evaluation order
    const CompiledRule& rule(std::uint32_t i) const { return rules_[i]; }
    const std::vector<Selector>& selectors() const { return selectors_; }
    const Selector& selector(std::uint32_t i) const { return selectors_[i]; }
    std::optional<std::uint32_t> find_rule(std::string_view id) const;
    // The rules that set `fact` to the constant `value`, directly or through a derived fact copied
    // into it (stage = criteria_stage): e.g. the criteria of one stage. In evaluation order, unique.
    std::vector<std::uint32_t> rules_deriving(FactSlot fact, double value) const;
    const std::string& version() const { return version_; }
    const std::string& content_hash() const { return hash_; }
    int stratum_count() const { return static_cast<int>(strata_.size()); }

    // Rule index: per stratum, rules that apply to every value of the indexed fact, and per value.
    struct Stratum {
        std::vector<std::uint32_t> general;
        std::vector<std::vector<std::uint32_t>> by_value;  // empty when no indexed fact
    };
    const std::vector<Stratum>& strata() const { return strata_; }
    std::optional<FactSlot> index_fact() const { return index_fact_; }

private:
    FactSchema schema_;
    std::shared_ptr<const KnowledgeGraph> kg_;
    std::vector<CompiledRule> rules_;
    std::vector<Selector> selectors_;
    std::vector<Stratum> strata_;
    std::optional<FactSlot> index_fact_;
    std::string version_, hash_;
    friend class RuleSetBuilder;
};

// Orders derived facts so that every fact comes after those its deriving rules read (Boost.Graph).
// Returns the level of each fact slot (inputs 0), or reports RL008 with the cycle and returns {}.
std::vector<int> stratify_facts(const FactSchema& schema, const std::vector<CompiledRule>& rules,
                                Diagnostics& diags);

}  // namespace rehab
