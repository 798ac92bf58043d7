// The functions a condition may call (known, unknown, min, max, abs) as one table: name, argument
// kinds, result type and the instruction that evaluates them. The compiler's checks, its code and
// the "conditions may call ..." hint are all read from condition_functions().
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/lang/fact_schema.hpp"
#include "core/lang/program.hpp"

namespace rehab {

enum class ConditionArg {
    fact_name,  // a plain fact name: known(pain.rest)
    number      // any number expression: min(a, b + 1)
};

struct ConditionFunction {
    std::string_view name;
    std::vector<ConditionArg> args;  // exactly these, in order
    FactType result = FactType::number;
    OpCode op = OpCode::abs1;  // the instruction that evaluates the call (after its arguments)
    std::uint8_t sub = 0;      // the instruction's sub-code
    std::string_view summary;  // one line for the documentation list
};

const std::vector<ConditionFunction>& condition_functions();
const ConditionFunction* find_condition_function(std::string_view name);
// "conditions may call known(), unknown(), min(), max() and abs()"
std::string condition_functions_hint();

}  // namespace rehab
