// Constraint extraction: the top-level conjuncts of a compiled condition as slot ranges and enum
// masks ("pain.rest within [0, 3]", "stage in {mid}"), for rule indexing and contradiction checks,
// and whether two constraint lists can hold together.
#include <algorithm>

#include "core/lang/compiler.hpp"

namespace rehab {

namespace {

class ConstraintExtractor {
public:
    ConstraintExtractor(const Expr& e, const FactSchema& schema, CompiledExpr& out)
        : e_(e), schema_(schema), out_(out) {}

    void add_constraint(SlotConstraint c) {
        for (auto& x : out_.constraints)
            if (x.slot == c.slot) {
                x.mask &= c.mask;
                if (c.lo > x.lo || (c.lo == x.lo && c.lo_open)) x.lo = c.lo, x.lo_open = c.lo_open;
                if (c.hi < x.hi || (c.hi == x.hi && c.hi_open)) x.hi = c.hi, x.hi_open = c.hi_open;
                return;
            }
        out_.constraints.push_back(c);
    }

    void extract_constraints(int node) {
        const ExprNode& n = e_.node(node);
        if (n.kind == ExprKind::binary && n.op == BinOp::op_and) {
            extract_constraints(n.children[0]);
            extract_constraints(n.children[1]);
        } else {
            for (const Instr& in : out_.program.code) {
                if (in.node != node) continue;
                SlotConstraint c;
                c.slot = in.slot;
                const FactDef& f = schema_.fact(in.slot);
                if (in.op == OpCode::slot_in_mask) {
                    c.is_enum = true;
                    std::uint64_t all =
                        schema_.domain(f.domain).values.size() >= 64
                            ? ~std::uint64_t{0}
                            : (std::uint64_t{1} << schema_.domain(f.domain).values.size()) - 1;
                    c.mask = in.sub ? (all & ~in.mask) : in.mask;
                    add_constraint(c);
                } else if (in.op == OpCode::cmp_slot_const) {
                    auto op = static_cast<BinOp>(in.sub);
                    if (op == BinOp::ne) continue;
                    if (op == BinOp::eq || op == BinOp::ge || op == BinOp::gt)
                        c.lo = in.k, c.lo_open = op == BinOp::gt;
                    if (op == BinOp::eq || op == BinOp::le || op == BinOp::lt)
                        c.hi = in.k, c.hi_open = op == BinOp::lt;
                    add_constraint(c);
                }
                break;
            }
            if (n.kind == ExprKind::name && is_fact_name(node)) {  // bare boolean fact
                FactSlot s = *schema_.find(n.text);
                if (schema_.fact(s).type == FactType::boolean)
                    add_constraint({s, false, ~0ull, 1, 1, false, false});
            }
            if (n.kind == ExprKind::op_not && is_fact_name(n.children[0])) {
                FactSlot s = *schema_.find(e_.node(n.children[0]).text);
                if (schema_.fact(s).type == FactType::boolean)
                    add_constraint({s, false, ~0ull, 0, 0, false, false});
            }
        }
        if (node != e_.root) return;
        for (const auto& c : out_.constraints) {
            const FactDef& f = schema_.fact(c.slot);
            bool empty = c.is_enum ? c.mask == 0 : !overlaps(c, f.min, f.max);
            if (empty) out_.never_true = true;
        }
    }

    static bool overlaps(const SlotConstraint& c, double min, double max) {
        SlotConstraint r{0, false, 0, min, max, false, false};
        return !constraints_disjoint({c}, {SlotConstraint{c.slot, false, 0, r.lo, r.hi, false, false}});
    }

private:
    const Expr& e_;
    const FactSchema& schema_;
    CompiledExpr& out_;

    bool is_fact_name(int node) const {
        const ExprNode& n = e_.node(node);
        return n.kind == ExprKind::name && schema_.find(n.text).has_value();
    }
};

}  // namespace

void extract_constraints(const Expr& e, const FactSchema& schema, CompiledExpr& out) {
    ConstraintExtractor(e, schema, out).extract_constraints(e.root);
}

bool constraints_disjoint(const std::vector<SlotConstraint>& a, const std::vector<SlotConstraint>& b) {
    for (const auto& x : a)
        for (const auto& y : b) {
            if (x.slot != y.slot) continue;
            if (x.is_enum || y.is_enum) {
                if ((x.mask & y.mask) == 0) return true;
                continue;
            }
            double lo = std::max(x.lo, y.lo), hi = std::min(x.hi, y.hi);
            bool lo_open = (x.lo == lo && x.lo_open) || (y.lo == lo && y.lo_open);
            bool hi_open = (x.hi == hi && x.hi_open) || (y.hi == hi && y.hi_open);
            if (lo > hi || (lo == hi && (lo_open || hi_open))) return true;
        }
    return false;
}

}  // namespace rehab
