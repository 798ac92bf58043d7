// Reads simple comparisons out of rule condition ASTs and evaluates them against a patient's facts,
// the same way the compiled program does (Kleene logic, the same tolerance), for explanations; the
// facts a condition reads (present or absent). The smallest change is in condition_change.cpp.
#include "core/explain/condition_query.hpp"

#include <algorithm>
#include <cmath>

#include "core/lang/names.hpp"

namespace rehab::cond {

namespace {

std::optional<FactSlot> fact_of(const Expr& e, int node, const FactSchema& s) {
    const ExprNode& n = e.node(node);
    return slot_of(n, s);
}

// The constant on the other side of a comparison with `slot`, in the slot's encoding.
std::optional<double> literal(const Expr& e, int node, const FactSchema& s, FactSlot slot) {
    const ExprNode& n = e.node(node);
    const FactDef& d = s.fact(slot);
    if (n.kind == ExprKind::number || n.kind == ExprKind::boolean) return n.number;
    if (n.kind == ExprKind::op_neg && e.node(n.children[0]).kind == ExprKind::number)
        return -e.node(n.children[0]).number;
    if (n.kind == ExprKind::name && d.type == FactType::enumeration && !slot_of(n, s))
        if (auto v = s.domain(d.domain).find(n.text)) return static_cast<double>(*v);
    return std::nullopt;
}

std::optional<Atom> compare_atom(const Expr& e, const ExprNode& n, const FactSchema& s) {
    int l = n.children[0], r = n.children[1];
    BinOp op = n.op;
    auto slot = fact_of(e, l, s);
    auto k = slot ? literal(e, r, s, *slot) : std::nullopt;
    if (!k) {
        slot = fact_of(e, r, s);
        k = slot ? literal(e, l, s, *slot) : std::nullopt;
        op = mirror(op);
    }
    if (!k) return std::nullopt;
    Atom a{*slot, op, *k, 0, s.format_value(*slot, *k)};
    if (s.fact(*slot).type == FactType::boolean && (op == BinOp::eq || op == BinOp::ne))
        a = {*slot, BinOp::eq, (op == BinOp::eq) == (*k != 0) ? 1.0 : 0.0, 0, ""};
    if (s.fact(*slot).type == FactType::boolean) a.value_text = a.value != 0 ? "true" : "false";
    return a;
}

std::optional<Atom> in_atom(const Expr& e, const ExprNode& n, const FactSchema& s) {
    auto slot = fact_of(e, n.children[0], s);
    const ExprNode& list = e.node(n.children[1]);
    if (!slot || list.kind != ExprKind::list || s.fact(*slot).type != FactType::enumeration)
        return std::nullopt;
    Atom a{*slot, n.op, 0, 0, e.render(n.children[1])};
    for (int item : list.children)
        if (auto v = literal(e, item, s, *slot); v && *v < 64)
            a.mask |= std::uint64_t{1} << static_cast<unsigned>(*v);
    return a;
}

void flatten(const Expr& e, int node, BinOp op, std::vector<int>& out) {
    const ExprNode& n = e.node(node);
    if (n.kind == ExprKind::binary && n.op == op) {
        for (int c : n.children) flatten(e, c, op, out);
    } else {
        out.push_back(node);
    }
}

bool is_upper(BinOp op) { return op == BinOp::lt || op == BinOp::le; }
bool is_lower(BinOp op) { return op == BinOp::gt || op == BinOp::ge; }

}  // namespace

std::optional<Atom> atom(const Expr& e, int node, const FactSchema& s) {
    const ExprNode& n = e.node(node);
    if (n.kind == ExprKind::name) {
        auto slot = slot_of(n, s);
        if (!slot || s.fact(*slot).type != FactType::boolean) return std::nullopt;
        return Atom{*slot, BinOp::eq, 1, 0, "true"};
    }
    if (n.kind == ExprKind::op_not) {
        auto a = atom(e, n.children[0], s);
        return a ? std::optional<Atom>(negate(*a)) : std::nullopt;
    }
    if (n.kind != ExprKind::binary) return std::nullopt;
    if (is_comparison(n.op)) return compare_atom(e, n, s);
    if (n.op == BinOp::in || n.op == BinOp::not_in) return in_atom(e, n, s);
    return std::nullopt;
}

bool holds(const Atom& a, double x) {
    switch (a.op) {
        case BinOp::eq:
            return std::abs(x - a.value) < 1e-9;
        case BinOp::ne:
            return std::abs(x - a.value) >= 1e-9;
        case BinOp::lt:
            return x < a.value;
        case BinOp::le:
            return x <= a.value + 1e-12;
        case BinOp::gt:
            return x > a.value;
        case BinOp::ge:
            return x + 1e-12 >= a.value;
        case BinOp::in:
        case BinOp::not_in: {
            bool in = x >= 0 && x < 64 && ((a.mask >> static_cast<unsigned>(x)) & 1u);
            return in == (a.op == BinOp::in);
        }
        default:
            return false;
    }
}

std::optional<FactSlot> presence_fact(const Expr& e, int node, const FactSchema& s) {
    const ExprNode& n = e.node(node);
    if (n.kind != ExprKind::call || (n.text != "known" && n.text != "unknown") || n.children.size() != 1)
        return std::nullopt;
    return fact_of(e, n.children[0], s);
}

Atom negate(const Atom& a) {
    Atom b = a;
    switch (a.op) {
        case BinOp::eq:
            if (a.value_text == "true" || a.value_text == "false") {
                b.value = a.value != 0 ? 0 : 1;
                b.value_text = b.value != 0 ? "true" : "false";
            } else {
                b.op = BinOp::ne;
            }
            break;
        case BinOp::ne:
            b.op = BinOp::eq;
            break;
        case BinOp::lt:
            b.op = BinOp::ge;
            break;
        case BinOp::le:
            b.op = BinOp::gt;
            break;
        case BinOp::gt:
            b.op = BinOp::le;
            break;
        case BinOp::ge:
            b.op = BinOp::lt;
            break;
        case BinOp::in:
            b.op = BinOp::not_in;
            break;
        case BinOp::not_in:
            b.op = BinOp::in;
            break;
        default:
            break;
    }
    return b;
}

Constraint to_constraint(const FactSchema& s, const Atom& a) {
    return Constraint{a.slot, s.fact(a.slot).name, a.op, a.value, a.value_text};
}

Truth eval(const Atom& a, const FactValues& facts) {
    const FactValue& f = facts.get(a.slot);
    if (!f.known) return Truth::unknown;
    return holds(a, f.value) ? Truth::true_ : Truth::false_;
}

Truth eval(const Expr& e, int node, const FactSchema& s, const FactValues& facts) {
    const ExprNode& n = e.node(node);
    if (n.kind == ExprKind::boolean) return n.number != 0 ? Truth::true_ : Truth::false_;
    if (auto a = atom(e, node, s)) return eval(*a, facts);
    if (n.kind == ExprKind::op_not) {
        Truth t = eval(e, n.children[0], s, facts);
        return t == Truth::unknown ? t : (t == Truth::true_ ? Truth::false_ : Truth::true_);
    }
    if (auto slot = presence_fact(e, node, s))
        return facts.get(*slot).known == (n.text == "known") ? Truth::true_ : Truth::false_;
    if (n.kind != ExprKind::binary || (n.op != BinOp::op_and && n.op != BinOp::op_or)) return Truth::unknown;
    Truth a = eval(e, n.children[0], s, facts), b = eval(e, n.children[1], s, facts);
    Truth decisive = n.op == BinOp::op_and ? Truth::false_ : Truth::true_;
    if (a == decisive || b == decisive) return decisive;
    if (a == Truth::unknown || b == Truth::unknown) return Truth::unknown;
    return a;
}

bool changeable(const FactDef& d) {
    if (d.derived || d.indexed) return false;
    for (const char* n : {"condition", "age", "sex", "side", "clinician_stage", "previous_stage"})
        if (d.name == n) return false;
    return true;
}

bool fixed(const FactDef& d) { return !d.derived && !changeable(d); }

std::vector<int> conjuncts(const Expr& e, int node) {
    std::vector<int> out;
    flatten(e, node, BinOp::op_and, out);
    return out;
}

std::vector<int> disjuncts(const Expr& e, int node) {
    std::vector<int> out;
    flatten(e, node, BinOp::op_or, out);
    return out;
}

std::vector<int> boolean_atoms(const Expr& e, int node) {
    const ExprNode& n = e.node(node);
    if (n.kind == ExprKind::name) return {node};
    if (n.kind == ExprKind::op_not && e.node(n.children[0]).kind == ExprKind::name) return {node};
    std::vector<int> out;
    if (n.kind == ExprKind::binary && (n.op == BinOp::op_and || n.op == BinOp::op_or))
        for (int c : n.children)
            for (int x : boolean_atoms(e, c)) out.push_back(x);
    return out;
}

std::vector<FactSlot> facts_read(const Expr& e, int node, const FactSchema& s) {
    std::vector<FactSlot> out;
    auto add = [&](FactSlot f) {
        if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
    };
    const ExprNode& n = e.node(node);
    if (auto a = atom(e, node, s))
        add(a->slot);
    else if (auto f = presence_fact(e, node, s))
        add(*f);
    else if (n.kind == ExprKind::name) {
        if (auto f = slot_of(n, s)) add(*f);
    } else {
        for (int c : n.children)
            for (FactSlot f : facts_read(e, c, s)) add(f);
    }
    return out;
}

std::vector<FactSlot> unrecorded_reads(const Expr& e, int node, const FactSchema& s, const FactValues& facts,
                                       bool negated) {
    const ExprNode& n = e.node(node);
    if (auto f = presence_fact(e, node, s)) {
        bool reads_absence = (n.text == "unknown") != negated;
        if (reads_absence && !facts.get(*f).known) return {*f};
        return {};
    }
    if (n.kind == ExprKind::op_not) return unrecorded_reads(e, n.children[0], s, facts, !negated);
    std::vector<FactSlot> out;
    if (n.kind == ExprKind::binary && (n.op == BinOp::op_and || n.op == BinOp::op_or))
        for (int c : n.children)
            for (FactSlot f : unrecorded_reads(e, c, s, facts, negated))
                if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
    return out;
}

void merge(std::vector<Constraint>& all, const Constraint& c) {
    for (auto& x : all) {
        if (x.slot != c.slot) continue;
        if (x.op == c.op && x.value_text == c.value_text) return;
        bool both_upper = is_upper(x.op) && is_upper(c.op), both_lower = is_lower(x.op) && is_lower(c.op);
        if (!both_upper && !both_lower) continue;
        bool tighter = both_upper ? (c.value < x.value || (c.value == x.value && c.op == BinOp::lt))
                                  : (c.value > x.value || (c.value == x.value && c.op == BinOp::gt));
        if (tighter) x = c;
        return;
    }
    all.push_back(c);
}

std::optional<std::string> conflict(const std::vector<Constraint>& all) {
    for (const auto& u : all)
        for (const auto& l : all) {
            if (u.slot != l.slot) continue;
            bool clash = false;
            if (is_upper(u.op) && is_lower(l.op))
                clash = l.value > u.value || (l.value == u.value && (l.op == BinOp::gt || u.op == BinOp::lt));
            if (u.op == BinOp::eq && l.op == BinOp::eq) clash = u.value != l.value;
            if (u.op == BinOp::eq && l.op == BinOp::ne) clash = u.value == l.value;
            if (clash) return u.fact;
        }
    return std::nullopt;
}

std::vector<Atom> unmet(const Expr& e, const FactSchema& s, const FactValues& facts) {
    std::vector<Atom> out;
    auto parts = conjuncts(e, e.root);
    for (int c : parts)  // a criterion for other patients (another condition, age...) does not apply
        if (auto a = atom(e, c, s); a && fixed(s.fact(a->slot)) && eval(*a, facts) != Truth::true_) return {};
    for (int c : parts) {
        if (eval(e, c, s, facts) == Truth::true_) continue;
        for (int d : disjuncts(e, c)) {
            auto a = atom(e, d, s);
            if (a && !fixed(s.fact(a->slot)) && eval(*a, facts) != Truth::true_) out.push_back(*a);
        }
    }
    return out;
}

}  // namespace rehab::cond
