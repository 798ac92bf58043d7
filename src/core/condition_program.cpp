// The stack machine that evaluates compiled conditions with three-valued logic.
#include "core/condition_program.hpp"

#include <algorithm>
#include <cmath>

namespace rehab {

namespace {

inline bool compare(BinOp op, double a, double b) {
    switch (op) {
        case BinOp::eq: return std::abs(a - b) < 1e-9;
        case BinOp::ne: return std::abs(a - b) >= 1e-9;
        case BinOp::lt: return a < b;
        case BinOp::le: return a <= b + 1e-12;
        case BinOp::gt: return a > b;
        case BinOp::ge: return a + 1e-12 >= b;
        default: return false;
    }
}

inline bool in_mask(double v, std::uint64_t mask) {
    if (v < 0 || v >= 64) return false;
    return (mask >> static_cast<unsigned>(v)) & 1u;
}

inline StackValue boolean(bool b) { return {b ? 1.0 : 0.0, true}; }

}  // namespace

StackValue Program::run(const FactValues& facts, ObservationSink* sink, std::uint32_t rule) const {
    constexpr int max_depth = 64;
    StackValue st[max_depth];
    int sp = 0;
    const std::size_t n = code.size();
    for (std::size_t pc = 0; pc < n; ++pc) {
        const Instr& in = code[pc];
        switch (in.op) {
            case OpCode::push_const: st[sp++] = {in.k, true}; break;
            case OpCode::push_slot: {
                const FactValue& f = facts.get(in.slot);
                st[sp++] = {f.value, f.known};
                break;
            }
            case OpCode::cmp_slot_const: {
                const FactValue& f = facts.get(in.slot);
                StackValue r = f.known ? boolean(compare(static_cast<BinOp>(in.sub), f.value, in.k)) : StackValue{};
                if (sink)
                    sink->observe({rule, in.node, in.slot, f.value, in.k, f.known,
                                   r.known ? (r.v != 0 ? Truth::true_ : Truth::false_) : Truth::unknown});
                st[sp++] = r;
                break;
            }
            case OpCode::slot_in_mask: {
                const FactValue& f = facts.get(in.slot);
                StackValue r = f.known ? boolean(in_mask(f.value, in.mask) != (in.sub == 1)) : StackValue{};
                if (sink)
                    sink->observe({rule, in.node, in.slot, f.value, 0, f.known,
                                   r.known ? (r.v != 0 ? Truth::true_ : Truth::false_) : Truth::unknown});
                st[sp++] = r;
                break;
            }
            case OpCode::cmp: {
                StackValue b = st[--sp], a = st[--sp];
                StackValue r = (a.known && b.known) ? boolean(compare(static_cast<BinOp>(in.sub), a.v, b.v)) : StackValue{};
                if (sink)
                    sink->observe({rule, in.node, UINT32_MAX, a.v, b.v, a.known && b.known,
                                   r.known ? (r.v != 0 ? Truth::true_ : Truth::false_) : Truth::unknown});
                st[sp++] = r;
                break;
            }
            case OpCode::in_mask: {
                StackValue a = st[--sp];
                st[sp++] = a.known ? boolean(in_mask(a.v, in.mask) != (in.sub == 1)) : StackValue{};
                break;
            }
            case OpCode::arith: {
                StackValue b = st[--sp], a = st[--sp];
                StackValue r{0, a.known && b.known};
                if (r.known) switch (static_cast<BinOp>(in.sub)) {
                        case BinOp::add: r.v = a.v + b.v; break;
                        case BinOp::sub: r.v = a.v - b.v; break;
                        case BinOp::mul: r.v = a.v * b.v; break;
                        default:
                            if (b.v == 0) r.known = false;  // division by zero is unknown
                            else r.v = a.v / b.v;
                    }
                st[sp++] = r;
                break;
            }
            case OpCode::neg: st[sp - 1].v = -st[sp - 1].v; break;
            case OpCode::not_: st[sp - 1].v = st[sp - 1].v != 0 ? 0 : 1; break;
            case OpCode::and_jump:
                if (st[sp - 1].known && st[sp - 1].v == 0) pc = in.slot - 1;
                break;
            case OpCode::or_jump:
                if (st[sp - 1].known && st[sp - 1].v != 0) pc = in.slot - 1;
                break;
            case OpCode::and2: {
                StackValue b = st[--sp], a = st[--sp];
                if ((a.known && a.v == 0) || (b.known && b.v == 0)) st[sp++] = boolean(false);
                else if (a.known && b.known) st[sp++] = boolean(true);
                else st[sp++] = {};
                break;
            }
            case OpCode::or2: {
                StackValue b = st[--sp], a = st[--sp];
                if ((a.known && a.v != 0) || (b.known && b.v != 0)) st[sp++] = boolean(true);
                else if (a.known && b.known) st[sp++] = boolean(false);
                else st[sp++] = {};
                break;
            }
            case OpCode::known: {
                bool k = facts.get(in.slot).known;
                st[sp++] = boolean(in.sub == 1 ? !k : k);
                break;
            }
            case OpCode::min2:
            case OpCode::max2: {
                StackValue b = st[--sp], a = st[--sp];
                StackValue r{0, a.known && b.known};
                if (r.known) r.v = in.op == OpCode::min2 ? std::min(a.v, b.v) : std::max(a.v, b.v);
                st[sp++] = r;
                break;
            }
            case OpCode::abs1: st[sp - 1].v = std::abs(st[sp - 1].v); break;
        }
    }
    return sp > 0 ? st[sp - 1] : StackValue{};
}

}  // namespace rehab
