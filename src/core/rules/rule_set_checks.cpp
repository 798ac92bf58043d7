// The passes of rule set compilation that look across rules: strata and evaluation order,
// contradictions between rules of one priority, declared facts no rule derives, and the index of
// rules by the indexed fact's value.
#include <algorithm>
#include <map>

#include "core/rules/rule_set_detail.hpp"

namespace rehab {

void RuleSetBuilder::assign_strata(const std::vector<int>& levels) {
    int max_stratum = 0;
    for (auto& r : rs_->rules_) {
        int s = 0;
        for (auto slot : r.when.reads) s = std::max(s, levels[slot]);
        for (const auto& a : r.actions) {
            if (a.selector != no_selector)
                for (auto k : rs_->selectors_[a.selector].keys()) s = std::max(s, levels[k]);
            // All rules deriving one fact share a stratum (the one just below the fact's level),
            // so that priority alone decides between them.
            if (a.kind == ActionKind::derive) s = std::max(s, levels[a.fact] - 1);
        }
        r.stratum = s;
        max_stratum = std::max(max_stratum, s);
    }
    std::stable_sort(rs_->rules_.begin(), rs_->rules_.end(),
                     [](const CompiledRule& a, const CompiledRule& b) {
                         if (a.stratum != b.stratum) return a.stratum < b.stratum;
                         if (a.priority != b.priority) return a.priority > b.priority;
                         return a.id < b.id;
                     });
    rs_->strata_.assign(static_cast<std::size_t>(max_stratum + 1), {});
}

bool RuleSetBuilder::sets_overlap(const ExerciseSet& a, const ExerciseSet& b) {
    ExerciseSet x = a;
    x &= b;
    return !x.empty();
}

// Same stratum and priority, conditions that can hold together, and actions that disagree.
void RuleSetBuilder::check_contradictions() {
    const auto& rules = rs_->rules_;
    std::map<std::pair<int, int>, std::vector<std::uint32_t>> groups;
    for (std::uint32_t i = 0; i < rules.size(); ++i) {
        bool relevant = false;
        for (const auto& a : rules[i].actions)
            relevant |= a.kind == ActionKind::derive || a.kind == ActionKind::exclude ||
                        a.kind == ActionKind::require || a.kind == ActionKind::prefer ||
                        a.kind == ActionKind::avoid;
        if (relevant) groups[{rules[i].stratum, rules[i].priority}].push_back(i);
    }
    for (const auto& [key, members] : groups) {
        if (members.size() > 2000) continue;  // synthetic sets: skip the quadratic check
        for (std::size_t x = 0; x < members.size(); ++x)
            for (std::size_t y = x + 1; y < members.size(); ++y)
                check_pair(rules[members[x]], rules[members[y]]);
    }
}

void RuleSetBuilder::check_pair(const CompiledRule& a, const CompiledRule& b) {
    if (constraints_disjoint(a.when.constraints, b.when.constraints)) return;
    for (const auto& x : a.actions)
        for (const auto& y : b.actions) {
            std::string what;
            if (x.kind == ActionKind::derive && y.kind == ActionKind::derive && x.fact == y.fact)
                what = "both derive '" + rs_->schema_.fact(x.fact).name + "'";
            auto opposed = [&](ActionKind p, ActionKind q) {
                return (x.kind == p && y.kind == q) || (x.kind == q && y.kind == p);
            };
            if ((opposed(ActionKind::exclude, ActionKind::require) ||
                 opposed(ActionKind::prefer, ActionKind::avoid)) &&
                sets_overlap(rs_->selectors_[x.selector].upper_bound(),
                             rs_->selectors_[y.selector].upper_bound()))
                what = std::string("one says ") + to_string(x.kind) + " and the other " + to_string(y.kind) +
                       " for the same exercises";
            if (what.empty()) continue;
            diags_.error("RL009", b.origin,
                         "rules '" + a.id + "' and '" + b.id + "' have the same priority (" +
                             std::to_string(a.priority) + ") and can fire together, but " + what,
                         "give one of them a higher priority, or make their conditions exclusive");
            return;
        }
}

void RuleSetBuilder::check_unused_facts() {
    for (FactSlot s = 0; s < rs_->schema_.size(); ++s) {
        const FactDef& f = rs_->schema_.fact(s);
        if (!f.derived) continue;
        bool derived = false;
        for (const auto& r : rs_->rules_)
            for (const auto& a : r.actions) derived |= a.kind == ActionKind::derive && a.fact == s;
        if (!derived)
            for (const auto& fs : data_.facts)
                if (fs.name == f.name)
                    diags_.warning("RL016", fs.origin,
                                   "derived fact '" + f.name + "' is declared but no rule derives it");
    }
}

void RuleSetBuilder::build_index() {
    for (FactSlot s = 0; s < rs_->schema_.size(); ++s)
        if (rs_->schema_.fact(s).indexed && rs_->schema_.fact(s).type == FactType::enumeration) {
            rs_->index_fact_ = s;
            break;
        }
    std::size_t values = 0;
    if (rs_->index_fact_)
        values = rs_->schema_.domain(rs_->schema_.fact(*rs_->index_fact_).domain).values.size();
    for (auto& st : rs_->strata_) st.by_value.assign(values, {});
    for (std::uint32_t i = 0; i < rs_->rules_.size(); ++i) {
        const auto& r = rs_->rules_[i];
        auto& st = rs_->strata_[static_cast<std::size_t>(r.stratum)];
        std::uint64_t mask = 0;
        bool indexed = false;
        if (rs_->index_fact_)
            for (const auto& c : r.when.constraints)
                if (c.slot == *rs_->index_fact_ && c.is_enum) indexed = true, mask = c.mask;
        if (!indexed || values > 64) {
            st.general.push_back(i);
            continue;
        }
        for (std::size_t v = 0; v < values; ++v)
            if ((mask >> v) & 1u) st.by_value[v].push_back(i);
    }
}

}  // namespace rehab
