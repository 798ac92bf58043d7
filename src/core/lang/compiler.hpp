// Checks a parsed condition or value expression against the fact schema (names, types,
// enumeration values) and compiles it to a Program over fact slots. Also extracts the top-level
// constraints (slot ranges and enum masks) used for rule indexing and contradiction checks.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/diagnostic.hpp"
#include "core/lang/ast.hpp"
#include "core/lang/compiled_expr.hpp"
#include "core/lang/fact_schema.hpp"
#include "core/lang/program.hpp"

namespace rehab {

// Where diagnostics go, and how to locate them.
struct ExprContext {
    const FactSchema& schema;
    Diagnostics& diags;
    Location where;  // the expression string: diagnostics add the column inside it
};

// expected: the type the expression must have (a condition: boolean; a derived value: the fact's type).
std::optional<CompiledExpr> compile_expr(const Expr& expr, const ValueType& expected, const ExprContext& ctx);

// Fills out.constraints and out.never_true from out.program (top-level conjuncts of `e` only).
void extract_constraints(const Expr& e, const FactSchema& schema, CompiledExpr& out);

// True when two constraint lists cannot both hold (some slot's ranges or masks do not intersect).
bool constraints_disjoint(const std::vector<SlotConstraint>& a, const std::vector<SlotConstraint>& b);

}  // namespace rehab
