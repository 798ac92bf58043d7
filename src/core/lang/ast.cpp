// The rule language's tree, printed: operator names and the canonical text of a sub-expression (for
// diagnostics and explanations), which parses back to the same tree.
#include "core/lang/ast.hpp"

namespace rehab {

const char* to_string(BinOp op) {
    switch (op) {
        case BinOp::op_or:
            return "or";
        case BinOp::op_and:
            return "and";
        case BinOp::eq:
            return "==";
        case BinOp::ne:
            return "!=";
        case BinOp::lt:
            return "<";
        case BinOp::le:
            return "<=";
        case BinOp::gt:
            return ">";
        case BinOp::ge:
            return ">=";
        case BinOp::add:
            return "+";
        case BinOp::sub:
            return "-";
        case BinOp::mul:
            return "*";
        case BinOp::div:
            return "/";
        case BinOp::in:
            return "in";
        case BinOp::not_in:
            return "not in";
    }
    return "?";
}

namespace {

// How tightly a node binds, loosest first, as the parser reads it; and/or render in parentheses of
// their own, so they bind like a primary.
int binding(const ExprNode& n) {
    if (n.kind == ExprKind::op_not) return 3;
    if (n.kind == ExprKind::op_neg) return 7;
    if (n.kind != ExprKind::binary || n.op == BinOp::op_or || n.op == BinOp::op_and) return 8;
    if (n.op == BinOp::add || n.op == BinOp::sub) return 5;
    if (n.op == BinOp::mul || n.op == BinOp::div) return 6;
    return 4;  // comparisons, in, not in
}

}  // namespace

// The canonical text, which parses back to the same tree: a sub-expression that binds more loosely
// than its place needs (`(a + b) * c`, `-(a + b)`, `(not a) == b`) keeps its parentheses.
std::string Expr::render(int i) const {
    const ExprNode& n = node(i);
    auto operand = [&](int child, int at_least) {
        const std::string text = render(child);
        return binding(node(child)) < at_least ? "(" + text + ")" : text;
    };
    switch (n.kind) {
        case ExprKind::number:
        case ExprKind::boolean:
        case ExprKind::name:
            return n.text;
        case ExprKind::op_not:
            return "not " + operand(n.children[0], 3);
        case ExprKind::op_neg:
            return "-" + operand(n.children[0], 7);
        case ExprKind::call:
        case ExprKind::list: {
            std::string s = n.kind == ExprKind::call ? n.text + "(" : "[";
            for (std::size_t k = 0; k < n.children.size(); ++k) s += (k ? ", " : "") + render(n.children[k]);
            return s + (n.kind == ExprKind::call ? ")" : "]");
        }
        case ExprKind::binary: {
            if (n.op == BinOp::op_or || n.op == BinOp::op_and)
                return "(" + render(n.children[0]) + " " + to_string(n.op) + " " + render(n.children[1]) +
                       ")";
            const int own = binding(n);
            // Left-associative: the right operand needs a tighter binding; comparisons do not chain.
            return operand(n.children[0], own == 4 ? own + 1 : own) + " " + to_string(n.op) + " " +
                   operand(n.children[1], own + 1);
        }
    }
    return {};
}

}  // namespace rehab
