// The smallest change of a patient's input measures that makes a rule's condition stop holding:
// every way through and / or / not and known() / unknown() to make it false, each checked on a
// changed copy of the facts, the cheapest kept (nearest numeric threshold first).
#include <algorithm>
#include <cmath>

#include "core/explain/condition_query.hpp"

namespace rehab::cond {

namespace {

// One way to give a sub-condition a truth value: comparisons that must hold (some may hold already),
// facts that must be recorded, facts that must stay unrecorded.
struct Way {
    std::vector<Atom> atoms;
    std::vector<FactSlot> recorded, unrecorded;
};
using Ways = std::vector<Way>;
constexpr std::size_t max_ways = 32;  // enough for clinical rules; bounds the cross products

// A value for `slot` meeting every atom of `w` on it, the nearest to the current value; none: they clash.
std::optional<double> witness_value(const FactSchema& s, const FactValues& facts, const Way& w,
                                    FactSlot slot) {
    const FactDef& d = s.fact(slot);
    const FactValue& cur = facts.get(slot);
    std::vector<double> candidates;
    if (cur.known) candidates.push_back(cur.value);
    for (const Atom& a : w.atoms)
        if (a.slot == slot)
            for (double delta : {0.0, -1.0, 1.0, -0.5, 0.5}) candidates.push_back(a.value + delta);
    if (d.type == FactType::enumeration)
        for (std::size_t v = 0; v < s.domain(d.domain).values.size(); ++v)
            candidates.push_back(static_cast<double>(v));
    if (d.type == FactType::boolean) candidates.insert(candidates.end(), {0.0, 1.0});
    if (d.min > -1e299) candidates.push_back(d.min);
    if (d.max < 1e299) candidates.push_back(d.max);
    std::optional<double> best;
    for (double x : candidates) {
        if (x < d.min || x > d.max) continue;
        bool ok = true;
        for (const Atom& a : w.atoms) ok = ok && (a.slot != slot || holds(a, x));
        if (!ok) continue;
        double dist = cur.known ? std::abs(x - cur.value) : 0;
        if (!best || dist < (cur.known ? std::abs(*best - cur.value) : 0)) best = x;
    }
    return best;
}

// The patient's facts changed as little as `w` needs; none when its requirements clash.
std::optional<FactValues> witness(const FactSchema& s, const FactValues& facts, const Way& w) {
    FactValues out = facts;
    std::vector<FactSlot> slots = w.recorded;
    for (const Atom& a : w.atoms) slots.push_back(a.slot);
    for (FactSlot u : w.unrecorded) {
        if (std::find(slots.begin(), slots.end(), u) != slots.end()) return std::nullopt;
        out.clear(u);
    }
    for (FactSlot slot : slots) {
        auto v = witness_value(s, facts, w, slot);
        if (!v) return std::nullopt;
        out.set(slot, *v);
    }
    return out;
}

Ways product(const Ways& a, const Ways& b) {
    Ways out;
    for (const Way& x : a)
        for (const Way& y : b) {
            if (out.size() >= max_ways) return out;
            Way z = x;
            z.atoms.insert(z.atoms.end(), y.atoms.begin(), y.atoms.end());
            z.recorded.insert(z.recorded.end(), y.recorded.begin(), y.recorded.end());
            z.unrecorded.insert(z.unrecorded.end(), y.unrecorded.begin(), y.unrecorded.end());
            out.push_back(std::move(z));
        }
    return out;
}

// The ways to make `node` evaluate to `want` by changing input measures (recording a missing one
// counts; forgetting a recorded one does not). Facts that cannot change keep their values.
Ways ways(const Expr& e, int node, bool want, const FactSchema& s, const FactValues& facts) {
    const ExprNode& n = e.node(node);
    if (n.kind == ExprKind::boolean) return (n.number != 0) == want ? Ways{Way{}} : Ways{};
    if (auto a = atom(e, node, s)) {
        Atom t = want ? *a : negate(*a);
        if (eval(t, facts) == Truth::true_ || changeable(s.fact(t.slot))) return {Way{{t}, {}, {}}};
        return {};
    }
    if (auto slot = presence_fact(e, node, s)) {
        bool need_known = (n.text == "known") == want;
        bool known = facts.get(*slot).known;
        if (need_known && (known || changeable(s.fact(*slot)))) return {Way{{}, {*slot}, {}}};
        if (!need_known && !known) return {Way{{}, {}, {*slot}}};
        return {};
    }
    if (n.kind == ExprKind::op_not) return ways(e, n.children[0], !want, s, facts);
    if (n.kind != ExprKind::binary || (n.op != BinOp::op_and && n.op != BinOp::op_or)) return {};
    bool all = (n.op == BinOp::op_and) == want;  // every operand must take the value, or any one may
    Ways out;
    for (std::size_t i = 0; i < n.children.size(); ++i) {
        Ways w = ways(e, n.children[i], want, s, facts);
        if (all)
            out = i == 0 ? std::move(w) : product(out, w);
        else
            out.insert(out.end(), w.begin(), w.end());
    }
    if (out.size() > max_ways) out.resize(max_ways);
    return out;
}

// How far a way moves the patient: per comparison that does not hold yet, the distance to its threshold
// over the fact's range for numbers (1 to record a missing number), 2 for booleans and enumerations.
double cost(const FactSchema& s, const FactValues& facts, const Way& w) {
    double total = 0;
    for (const Atom& a : w.atoms) {
        if (eval(a, facts) == Truth::true_) continue;
        const FactDef& d = s.fact(a.slot);
        const FactValue& v = facts.get(a.slot);
        if (d.type != FactType::number)
            total += 2;
        else if (!v.known)
            total += 1;
        else {
            double span = (d.min > -1e299 && d.max < 1e299 && d.max > d.min)
                              ? d.max - d.min
                              : std::max(1.0, std::abs(a.value));
            total += std::abs(v.value - a.value) / span;
        }
    }
    for (FactSlot r : w.recorded)
        if (!facts.get(r).known) total += 1;
    return total;
}

// "Record it", for a fact that only has to be known: any value of its range will do.
Constraint recorded_constraint(const FactSchema& s, FactSlot slot, double witness) {
    const FactDef& d = s.fact(slot);
    if (d.type == FactType::number && d.min > -1e299)
        return Constraint{slot, d.name, BinOp::ge, d.min, s.format_value(slot, d.min)};
    return Constraint{
        slot, d.name, BinOp::eq, witness,
        d.type == FactType::boolean ? (witness != 0 ? "true" : "false") : s.format_value(slot, witness)};
}

}  // namespace

std::vector<Constraint> smallest_change(const Expr& e, const FactSchema& s, const FactValues& facts) {
    std::optional<Way> best;
    std::optional<FactValues> best_witness;
    double best_cost = 0;
    for (const Way& w : ways(e, e.root, false, s, facts)) {
        auto changed = witness(s, facts, w);
        if (!changed || eval(e, e.root, s, *changed) == Truth::true_) continue;
        double c = cost(s, facts, w);
        if (!best || c < best_cost) best = w, best_witness = std::move(changed), best_cost = c;
    }
    std::vector<Constraint> out;
    if (!best) return out;
    for (const Atom& a : best->atoms)
        if (eval(a, facts) != Truth::true_) merge(out, to_constraint(s, a));
    for (FactSlot r : best->recorded) {
        bool constrained =
            std::any_of(out.begin(), out.end(), [&](const Constraint& c) { return c.slot == r; });
        if (!facts.get(r).known && !constrained)
            out.push_back(recorded_constraint(s, r, best_witness->get(r).value));
    }
    return out;
}

}  // namespace rehab::cond
