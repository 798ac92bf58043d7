// A condition on one fact that must hold, "fact OP value": the unit of a smallest change that lifts an
// exclusion and of an unmet next-stage criterion. Shared by the condition queries and explanations.
#pragma once
#include <string>

#include "core/lang/ast.hpp"
#include "core/lang/fact_schema.hpp"

namespace rehab {

// "fact OP value": a condition that must hold (a change, or an unmet next-stage criterion).
struct Constraint {
    FactSlot slot = 0;
    std::string fact;           // "pain.resisted.hip_adduction"
    BinOp op = BinOp::le;       // eq ne lt le gt ge, or in / not_in for a list of enumeration values
    double value = 0;           // numbers, booleans (0/1) and single enumeration values
    std::string value_text;     // "3", "full", "true", "[a, b]"
    std::string needs() const;  // "<= 3"
    std::string text() const;   // "pain.resisted.hip_adduction <= 3"
};

}  // namespace rehab
