// The abstract syntax of the rule language: conditions ("pain.rest >= 3 and condition in [a, b]")
// and exercise selectors ("works(adductor_longus) and not position(prone)") share one grammar.
// Nodes live in a flat vector and carry the column they start at, for located diagnostics.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/base/diagnostic.hpp"

namespace rehab {

enum class ExprKind { number, boolean, name, call, list, op_not, op_neg, binary };
enum class BinOp { op_or, op_and, eq, ne, lt, le, gt, ge, add, sub, mul, div, in, not_in };
const char* to_string(BinOp op);
inline bool is_comparison(BinOp op) { return op >= BinOp::eq && op <= BinOp::ge; }
// The comparison with its operands swapped: `3 < x` is `x > 3`.
inline BinOp mirror(BinOp op) {
    switch (op) {
        case BinOp::lt:
            return BinOp::gt;
        case BinOp::le:
            return BinOp::ge;
        case BinOp::gt:
            return BinOp::lt;
        case BinOp::ge:
            return BinOp::le;
        default:
            return op;
    }
}

struct ExprNode {
    ExprKind kind = ExprKind::number;
    BinOp op = BinOp::op_or;
    double number = 0;
    std::string text;                // names and call names
    std::vector<int> children;       // operands, call arguments or list items
    int column = 1;                  // 1-based column in the source text
    std::int64_t slot = unresolved;  // names: the fact slot, once resolved (core/expr_names.hpp)
    static constexpr std::int64_t unresolved = -1, not_a_fact = -2;
};

struct Expr {
    std::string source;
    std::vector<ExprNode> nodes;
    int root = -1;
    const ExprNode& node(int i) const { return nodes[static_cast<std::size_t>(i)]; }
    const ExprNode& top() const { return node(root); }
    std::string render(int i) const;  // canonical text of a sub-expression
};

// Limits on one expression, checked while parsing (RL018), so that every walk over the tree (compiler,
// selectors, explanations, render) recurses at most max_expr_depth levels. The depth counts each
// operand of a chain (`a and b and c` is 3 deep), parentheses, not, unary minus, calls and lists.
inline constexpr std::size_t max_expr_length = 8192;  // characters
inline constexpr int max_expr_depth = 128;

// Parses `text`; on a syntax error adds one diagnostic (code RL001) with the column and returns false;
// an expression over a limit above gets RL018. `where` locates the string in its rule file; the
// diagnostic adds the column inside it.
bool parse_expr(const std::string& text, Expr& out, Diagnostics& diags, const Location& where);

}  // namespace rehab
