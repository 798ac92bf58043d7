// What the compiler makes of a condition or value expression: its Program, its type, the facts it
// reads and its top-level constraints (for rule indexing and contradiction checks). A plain value
// kept in each compiled rule; the compiler itself (compiler.hpp) is internal.
#pragma once
#include <cstdint>
#include <vector>

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

}  // namespace rehab
