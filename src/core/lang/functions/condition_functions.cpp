// The condition function table. Adding a function is one entry here (and, for a new instruction,
// its case in the Program interpreter); checks, code generation and hints follow from the entry.
#include "core/lang/functions/condition_functions.hpp"

namespace rehab {

const std::vector<ConditionFunction>& condition_functions() {
    using A = ConditionArg;
    static const std::vector<ConditionFunction> table = {
        {"known", {A::fact_name}, FactType::boolean, OpCode::known, 0, "whether the fact has a value"},
        {"unknown", {A::fact_name}, FactType::boolean, OpCode::known, 1, "whether the fact has no value"},
        {"min", {A::number, A::number}, FactType::number, OpCode::min2, 0, "the smaller of two numbers"},
        {"max", {A::number, A::number}, FactType::number, OpCode::max2, 0, "the larger of two numbers"},
        {"abs", {A::number}, FactType::number, OpCode::abs1, 0, "the absolute value of a number"},
    };
    return table;
}

const ConditionFunction* find_condition_function(std::string_view name) {
    for (const auto& f : condition_functions())
        if (f.name == name) return &f;
    return nullptr;
}

std::string condition_functions_hint() {
    const auto& t = condition_functions();
    std::string s = "conditions may call ";
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (i) s += i + 1 == t.size() ? " and " : ", ";
        s += std::string(t[i].name) + "()";
    }
    return s;
}

}  // namespace rehab
