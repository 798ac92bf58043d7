// The stack machine that evaluates compiled conditions with three-valued logic.
#include "core/lang/program.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace rehab {

namespace {

inline bool compare(BinOp op, double a, double b) {
    switch (op) {
        case BinOp::eq:
            return std::abs(a - b) < 1e-9;
        case BinOp::ne:
            return std::abs(a - b) >= 1e-9;
        case BinOp::lt:
            return a < b;
        case BinOp::le:
            return a <= b + 1e-12;
        case BinOp::gt:
            return a > b;
        case BinOp::ge:
            return a + 1e-12 >= b;
        default:
            return false;
    }
}

inline bool in_mask(double v, std::uint64_t mask) {
    if (v < 0 || v >= 64) return false;
    return (mask >> static_cast<unsigned>(v)) & 1u;
}

// A stack cell without default member initialisers: the evaluation stack is left uninitialised
// (value-initialising 64 StackValues per run cost more than evaluating a typical condition).
struct Cell {
    double v;
    bool known;
};

inline Cell boolean(bool b) { return {b ? 1.0 : 0.0, true}; }

}  // namespace

int stack_effect(OpCode op) {
    switch (op) {
        case OpCode::push_const:
        case OpCode::push_slot:
        case OpCode::cmp_slot_const:
        case OpCode::slot_in_mask:
        case OpCode::known:
            return 1;
        case OpCode::cmp:
        case OpCode::arith:
        case OpCode::and2:
        case OpCode::or2:
        case OpCode::min2:
        case OpCode::max2:
            return -1;
        default:
            return 0;
    }
}

StackValue Program::run(const FactValues& facts, ObservationSink* sink, std::uint32_t rule) const {
    constexpr int max_depth = 64;
    Cell st[max_depth];
    int sp = 0;
    const std::size_t n = code.size();
    for (std::size_t pc = 0; pc < n; ++pc) {
        const Instr& in = code[pc];
        switch (in.op) {
            case OpCode::push_const:
                st[sp++] = {in.k, true};
                break;
            case OpCode::push_slot: {
                const FactValue& f = facts.get(in.slot);
                st[sp++] = {f.value, f.known};
                break;
            }
            case OpCode::cmp_slot_const: {
                const FactValue& f = facts.get(in.slot);
                Cell r =
                    f.known ? boolean(compare(static_cast<BinOp>(in.sub), f.value, in.k)) : Cell{0, false};
                if (sink)
                    sink->observe({rule, in.node, in.slot, f.value, in.k, f.known,
                                   r.known ? (r.v != 0 ? Truth::true_ : Truth::false_) : Truth::unknown});
                st[sp++] = r;
                break;
            }
            case OpCode::slot_in_mask: {
                const FactValue& f = facts.get(in.slot);
                Cell r = f.known ? boolean(in_mask(f.value, in.mask) != (in.sub == 1)) : Cell{0, false};
                if (sink)
                    sink->observe({rule, in.node, in.slot, f.value, 0, f.known,
                                   r.known ? (r.v != 0 ? Truth::true_ : Truth::false_) : Truth::unknown});
                st[sp++] = r;
                break;
            }
            case OpCode::cmp: {
                Cell b = st[--sp], a = st[--sp];
                Cell r = (a.known && b.known) ? boolean(compare(static_cast<BinOp>(in.sub), a.v, b.v))
                                              : Cell{0, false};
                if (sink)
                    sink->observe({rule, in.node, UINT32_MAX, a.v, b.v, a.known && b.known,
                                   r.known ? (r.v != 0 ? Truth::true_ : Truth::false_) : Truth::unknown});
                st[sp++] = r;
                break;
            }
            case OpCode::in_mask: {
                Cell a = st[--sp];
                st[sp++] = a.known ? boolean(in_mask(a.v, in.mask) != (in.sub == 1)) : Cell{0, false};
                break;
            }
            case OpCode::arith: {
                Cell b = st[--sp], a = st[--sp];
                Cell r{0, a.known && b.known};
                if (r.known) switch (static_cast<BinOp>(in.sub)) {
                        case BinOp::add:
                            r.v = a.v + b.v;
                            break;
                        case BinOp::sub:
                            r.v = a.v - b.v;
                            break;
                        case BinOp::mul:
                            r.v = a.v * b.v;
                            break;
                        default:
                            if (b.v == 0)
                                r.known = false;  // division by zero is unknown
                            else
                                r.v = a.v / b.v;
                    }
                st[sp++] = r;
                break;
            }
            case OpCode::neg:
                st[sp - 1].v = -st[sp - 1].v;
                break;
            case OpCode::not_:
                st[sp - 1].v = st[sp - 1].v != 0 ? 0 : 1;
                break;
            case OpCode::and_jump:
                if (st[sp - 1].known && st[sp - 1].v == 0) pc = in.slot - 1;
                break;
            case OpCode::or_jump:
                if (st[sp - 1].known && st[sp - 1].v != 0) pc = in.slot - 1;
                break;
            case OpCode::and2: {
                Cell b = st[--sp], a = st[--sp];
                if ((a.known && a.v == 0) || (b.known && b.v == 0))
                    st[sp++] = boolean(false);
                else if (a.known && b.known)
                    st[sp++] = boolean(true);
                else
                    st[sp++] = {0, false};
                break;
            }
            case OpCode::or2: {
                Cell b = st[--sp], a = st[--sp];
                if ((a.known && a.v != 0) || (b.known && b.v != 0))
                    st[sp++] = boolean(true);
                else if (a.known && b.known)
                    st[sp++] = boolean(false);
                else
                    st[sp++] = {0, false};
                break;
            }
            case OpCode::known: {
                bool k = facts.get(in.slot).known;
                st[sp++] = boolean(in.sub == 1 ? !k : k);
                break;
            }
            case OpCode::min2:
            case OpCode::max2: {
                Cell b = st[--sp], a = st[--sp];
                Cell r{0, a.known && b.known};
                if (r.known) r.v = in.op == OpCode::min2 ? std::min(a.v, b.v) : std::max(a.v, b.v);
                st[sp++] = r;
                break;
            }
            case OpCode::abs1:
                st[sp - 1].v = std::abs(st[sp - 1].v);
                break;
        }
    }
    return sp > 0 ? StackValue{st[sp - 1].v, st[sp - 1].known} : StackValue{};
}

namespace {

inline bool is_test(const Instr& in) {
    return in.op == OpCode::cmp_slot_const || in.op == OpCode::slot_in_mask;
}

// Moves `x` to the last double for which compare(op, ., k) still holds, stepping towards `dir`.
// compare is monotone on each side of k, so a few ulp steps from a close guess suffice.
bool boundary(BinOp op, double k, double guess, double dir, double& out) {
    double x = guess;
    for (int i = 0; i < 256 && !compare(op, x, k); ++i) x = std::nextafter(x, -dir);
    if (!compare(op, x, k)) return false;
    for (int i = 0; i < 256; ++i) {
        double next = std::nextafter(x, dir);
        if (!compare(op, next, k)) {
            out = x;
            return true;
        }
        x = next;
    }
    return false;
}

// The interval of values v for which compare(op, v, k) holds; false when it is not one interval (!=).
bool compare_interval(BinOp op, double k, double& lo, double& hi) {
    constexpr double inf = std::numeric_limits<double>::infinity();
    if (!std::isfinite(k)) return false;
    lo = -inf, hi = inf;
    switch (op) {
        case BinOp::lt:
            return boundary(op, k, k, inf, hi);
        case BinOp::le:
            return boundary(op, k, k + 1e-12, inf, hi);
        case BinOp::gt:
            return boundary(op, k, k, -inf, lo);
        case BinOp::ge:
            return boundary(op, k, k - 1e-12, -inf, lo);
        case BinOp::eq:
            return boundary(op, k, k + 1e-9, inf, hi) && boundary(op, k, k - 1e-9, -inf, lo);
        default:
            return false;
    }
}

}  // namespace

bool conjunction_tests(const Program& p, std::vector<FactTest>& out) {
    const auto& c = p.code;
    const std::size_t n = c.size();
    if (n == 0 || n % 3 != 1 || !is_test(c[0])) return false;
    for (std::size_t i = 1; i < n; i += 3)
        if (c[i].op != OpCode::and_jump || c[i].slot != i + 3 || !is_test(c[i + 1]) ||
            c[i + 2].op != OpCode::and2)
            return false;
    std::vector<FactTest> tests;
    for (std::size_t i = 0; i < n; i += (i == 0 ? 2 : 3)) {
        const Instr& in = c[i];
        FactTest t;
        t.slot = in.slot;
        if (in.op == OpCode::slot_in_mask) {
            t.is_mask = true, t.negate = in.sub == 1, t.mask = in.mask;
        } else if (!compare_interval(static_cast<BinOp>(in.sub), in.k, t.lo, t.hi)) {
            return false;
        }
        tests.push_back(t);
    }
    out.insert(out.end(), tests.begin(), tests.end());
    return true;
}

}  // namespace rehab
