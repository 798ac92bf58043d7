// Fact names of an expression resolved to slots once, when rules and selectors are loaded, so that
// explanations read the slot of a name node instead of looking the name up per profile.
#pragma once
#include <optional>

#include "core/lang/ast.hpp"
#include "core/lang/fact_schema.hpp"

namespace rehab {

// Marks every name node with its fact slot, or as "not a fact" (enumeration values, knowledge ids).
inline void resolve_fact_names(Expr& e, const FactSchema& s) {
    for (auto& n : e.nodes)
        if (n.kind == ExprKind::name) {
            const auto slot = s.find(n.text);
            n.slot = slot ? static_cast<std::int64_t>(*slot) : ExprNode::not_a_fact;
        }
}

// The fact slot a name node stands for (looked up when the expression was never resolved).
inline std::optional<FactSlot> slot_of(const ExprNode& n, const FactSchema& s) {
    if (n.kind != ExprKind::name) return std::nullopt;
    if (n.slot >= 0) return static_cast<FactSlot>(n.slot);
    if (n.slot == ExprNode::not_a_fact) return std::nullopt;
    return s.find(n.text);
}

}  // namespace rehab
