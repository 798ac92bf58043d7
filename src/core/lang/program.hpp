// The flat, compiled form of a condition or value expression: a short instruction array over fact
// slots, evaluated on a small fixed stack with Kleene three-valued logic (unknown facts make a
// comparison unknown; a rule fires only when its condition is true). No allocation, no strings.
#pragma once
#include <cstdint>
#include <vector>

#include "core/lang/ast.hpp"
#include "core/lang/fact_schema.hpp"

namespace rehab {

enum class Truth : std::uint8_t { false_, true_, unknown };

enum class OpCode : std::uint8_t {
    push_const,      // k
    push_slot,       // slot
    cmp,             // sub = BinOp comparison; pops rhs, lhs
    cmp_slot_const,  // slot OP k (fused)
    slot_in_mask,    // slot's enum value in mask (sub = 1: negated)
    in_mask,         // pops value; in mask (sub = 1: negated)
    arith,           // sub = BinOp add/sub/mul/div
    neg,
    not_,
    and_jump,  // if top is known false: jump to target (keep it)
    or_jump,   // if top is known true: jump to target (keep it)
    and2,
    or2,
    known,  // slot known -> true/false (sub = 1: unknown())
    min2,
    max2,
    abs1,
};

// What an instruction does to the evaluation stack: +1 pushes a value, -1 pops two and pushes one,
// 0 replaces the top (or jumps). The compiler sums it to bound the stack a program needs.
int stack_effect(OpCode op);

struct Instr {
    OpCode op = OpCode::push_const;
    std::uint8_t sub = 0;
    std::uint16_t node = 0;  // AST node, for explanations
    std::uint32_t slot = 0;  // fact slot, or jump target
    double k = 0;
    std::uint64_t mask = 0;
};

struct StackValue {
    double v = 0;
    bool known = false;
};

// One comparison seen while evaluating with a trace: what was compared, and the outcome.
struct Observation {
    std::uint32_t rule = 0;
    std::uint16_t node = 0;           // the comparison's AST node in the rule's condition
    std::uint32_t slot = UINT32_MAX;  // the fact read on the left, when it is a plain fact
    double lhs = 0, rhs = 0;
    bool lhs_known = false;
    Truth result = Truth::unknown;
};

class ObservationSink {
public:
    virtual ~ObservationSink() = default;
    virtual void observe(const Observation& o) = 0;
};

struct Program {
    std::vector<Instr> code;
    StackValue run(const FactValues& facts, ObservationSink* sink = nullptr, std::uint32_t rule = 0) const;
    Truth test(const FactValues& facts, ObservationSink* sink = nullptr, std::uint32_t rule = 0) const {
        StackValue v = run(facts, sink, rule);
        if (!v.known) return Truth::unknown;
        return v.v != 0 ? Truth::true_ : Truth::false_;
    }
};

// The engine's fast path (no trace) for the commonest condition shape: tests of one fact each,
// "fact OP constant" or "fact in [...]", joined by `and` (left to right, as the compiler emits them).
// A comparison becomes the exact interval of values it accepts, so a test is two compares.
struct FactTest {
    FactSlot slot = 0;
    bool is_mask = false, negate = false;  // is_mask: value in mask (negate: not in)
    double lo = 0, hi = 0;                 // else: lo <= value <= hi
    std::uint64_t mask = 0;
    bool holds(double v) const {
        if (!is_mask) return lo <= v && v <= hi;
        const bool in = v >= 0 && v < 64 && ((mask >> static_cast<unsigned>(v)) & 1u);
        return in != negate;
    }
};
// Appends the tests and returns true when `p` has exactly that shape (else appends nothing).
bool conjunction_tests(const Program& p, std::vector<FactTest>& out);
// The same three-valued result as Program::test on the program the tests came from (Kleene and).
inline Truth test_conjunction(const FactTest* begin, const FactTest* end, const FactValues& facts) {
    bool unknown = false;
    for (const FactTest* t = begin; t != end; ++t) {
        const FactValue& f = facts.get(t->slot);
        if (!f.known)
            unknown = true;
        else if (!t->holds(f.value))
            return Truth::false_;
    }
    return unknown ? Truth::unknown : Truth::true_;
}

}  // namespace rehab
