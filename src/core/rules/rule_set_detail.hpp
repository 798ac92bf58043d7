// RuleSetBuilder: the passes that turn a RuleSetData into a RuleSet (private to core/rules).
// Per-rule compilation is in rule_set.cpp; ordering, checks across rules and the index in
// rule_checks.cpp.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/lang/compiler.hpp"
#include "core/rules/rule_set.hpp"

namespace rehab {

class RuleSetBuilder {
public:
    RuleSetBuilder(const RuleSetData& data, std::shared_ptr<const KnowledgeGraph> kg,
                   const FactSchema& inputs, Diagnostics& diags)
        : data_(data), diags_(diags), rs_(std::make_shared<RuleSet>()) {
        rs_->kg_ = std::move(kg);
        rs_->schema_ = inputs;
        rs_->version_ = data.version;
        rs_->hash_ = data.content_hash;
    }

    std::shared_ptr<const RuleSet> run() {
        std::size_t before = diags_.error_count();
        declare_facts();
        for (std::size_t i = 0; i < data_.rules.size(); ++i) compile_rule(data_.rules[i]);
        if (diags_.error_count() > before) return nullptr;
        auto levels = stratify_facts(rs_->schema_, rs_->rules_, diags_);
        if (levels.empty()) return nullptr;
        assign_strata(levels);
        check_contradictions();
        check_unused_facts();
        if (diags_.error_count() > before) return nullptr;
        build_index();
        return rs_;
    }

private:
    const RuleSetData& data_;
    Diagnostics& diags_;
    std::shared_ptr<RuleSet> rs_;
    std::map<std::string, std::uint32_t> selector_ids_;
    std::unordered_map<std::string, std::size_t> rule_ids_;  // id -> index in rules_ (before sorting)

    // rule_set.cpp: declare the derived facts, compile each rule
    void declare_facts();
    void compile_rule(const RuleSpec& spec);
    std::uint32_t selector_for(const std::string& text, const RuleSpec& spec, const ActionSpec& a);
    void compile_action(const ActionSpec& a, const RuleSpec& spec, CompiledRule& rule);
    bool compile_derive(const ActionSpec& a, const RuleSpec& spec, CompiledRule& rule, CompiledAction& c);
    bool compile_refer(const ActionSpec& a, const RuleSpec& spec, CompiledAction& c);
    bool compile_limit(const ActionSpec& a, const RuleSpec& spec, CompiledAction& c);

    // rule_checks.cpp: ordering, checks across rules, and the index
    void assign_strata(const std::vector<int>& levels);
    static bool sets_overlap(const ExerciseSet& a, const ExerciseSet& b);
    void check_contradictions();  // same stratum and priority, conditions that can hold together
    void check_pair(const CompiledRule& a, const CompiledRule& b);
    void check_unused_facts();
    void build_index();
};

}  // namespace rehab
