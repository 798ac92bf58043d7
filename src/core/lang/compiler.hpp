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
#include "core/lang/fact_schema.hpp"
#include "core/lang/program.hpp"

namespace rehab {

struct ValueType {
    FactType type = FactType::boolean;
    std::uint32_t domain = 0;  // for enumerations
};

// A top-level conjunct "slot within [lo, hi]" or "slot in mask" (enumerations), for analysis.
struct SlotConstraint {
    FactSlot slot = 0;
    bool is_enum = false;
    std::uint64_t mask = ~std::uint64_t{0};
    double lo = -1e300, hi = 1e300;
    bool lo_open = false, hi_open = false;
};

struct CompiledExpr {
    Program program;
    ValueType type;
    std::vector<FactSlot> reads;              // every fact read (sorted, unique)
    std::vector<SlotConstraint> constraints;  // top-level conjuncts only (merged per slot)
    bool never_true = false;                  // constraints are contradictory
};

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
