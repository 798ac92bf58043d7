// Type checking and code generation for rule expressions. One pass over the AST: each node is
// checked, typed and emitted; enumeration literals are resolved against the domain of the fact they
// are compared with, so "condition == adductr_related" is an error at load time, with a suggestion.
#include "core/lang/compiler.hpp"

#include <algorithm>

#include "core/lang/functions/condition_functions.hpp"

namespace rehab {

namespace {

struct Emitted {
    ValueType type;
    bool is_const = false;  // a literal (number, boolean, enum value)
    double value = 0;
    bool is_slot = false;  // a plain fact
    FactSlot slot = 0;
    std::size_t code_begin = 0;
    bool unknown_name = false;  // an unknown fact name was reported for it
};

class Compiler {
public:
    Compiler(const Expr& e, const ExprContext& ctx) : e_(e), ctx_(ctx) {}

    std::optional<CompiledExpr> run(const ValueType& expected) {
        Emitted r = emit(e_.root, &expected);
        if (!ok_) return std::nullopt;
        if (!same_type(r.type, expected)) {
            error("RL003", e_.top().column,
                  "expression \"" + e_.source + "\" has type " + type_name(r.type) + " but " +
                      type_name(expected) + " is expected here");
            return std::nullopt;
        }
        if (max_depth_ > 60) {
            error("RL003", 1,
                  "expression is too deeply nested (stack depth " + std::to_string(max_depth_) + ")");
            return std::nullopt;
        }
        out_.type = r.type;
        std::sort(out_.reads.begin(), out_.reads.end());
        out_.reads.erase(std::unique(out_.reads.begin(), out_.reads.end()), out_.reads.end());
        if (expected.type == FactType::boolean) extract_constraints(e_, ctx_.schema, out_);
        return std::move(out_);
    }

private:
    const Expr& e_;
    const ExprContext& ctx_;
    CompiledExpr out_;
    bool ok_ = true;
    int depth_ = 0, max_depth_ = 0;

    void error(const char* code, int column, std::string msg, std::string hint = {}) {
        ok_ = false;
        ctx_.diags.error(code, ctx_.where.at_column(column), std::move(msg), std::move(hint));
    }
    std::string type_name(const ValueType& t) const {
        if (t.type == FactType::enumeration) return "enumeration '" + ctx_.schema.domain(t.domain).name + "'";
        return to_string(t.type);
    }
    static bool same_type(const ValueType& a, const ValueType& b) {
        return a.type == b.type && (a.type != FactType::enumeration || a.domain == b.domain);
    }
    void push(Instr in) {
        in.node = static_cast<std::uint16_t>(std::min<int>(in.node, 65535));
        out_.program.code.push_back(in);
        depth_ += stack_effect(in.op);
        max_depth_ = std::max(max_depth_, depth_);
    }
    std::size_t here() const { return out_.program.code.size(); }
    void truncate(std::size_t n) {
        // Fusing replaces already-emitted code; undo what it did to the stack depth, whatever it was.
        for (std::size_t i = n; i < out_.program.code.size(); ++i)
            depth_ -= stack_effect(out_.program.code[i].op);
        out_.program.code.resize(n);
    }

    bool is_fact_name(int node) const {
        const ExprNode& n = e_.node(node);
        return n.kind == ExprKind::name && ctx_.schema.find(n.text).has_value();
    }
    bool is_bare_literal(int node) const {
        return e_.node(node).kind == ExprKind::name && !is_fact_name(node);
    }

    Emitted emit_enum_literal(int node, std::uint32_t domain) {
        const ExprNode& n = e_.node(node);
        const EnumDomain& d = ctx_.schema.domain(domain);
        Emitted r;
        r.type = {FactType::enumeration, domain};
        r.is_const = true;
        r.code_begin = here();
        if (auto v = d.find(n.text)) {
            r.value = *v;
        } else {
            auto hint = nearest_name(n.text, d.values);
            error("RL004", n.column, "'" + n.text + "' is not a value of '" + d.name + "'",
                  hint.empty() ? "expected one of the " + std::to_string(d.values.size()) + " values of '" +
                                     d.name + "'"
                               : "did you mean '" + hint + "'?");
        }
        push({OpCode::push_const, 0, static_cast<std::uint16_t>(node), 0, r.value, 0});
        return r;
    }

    Emitted emit(int node, const ValueType* hint) {
        const ExprNode& n = e_.node(node);
        Emitted r;
        r.code_begin = here();
        switch (n.kind) {
            case ExprKind::number:
                r.type = {FactType::number, 0};
                r.is_const = true;
                r.value = n.number;
                push({OpCode::push_const, 0, static_cast<std::uint16_t>(node), 0, n.number, 0});
                return r;
            case ExprKind::boolean:
                r.type = {FactType::boolean, 0};
                r.is_const = true;
                r.value = n.number;
                push({OpCode::push_const, 0, static_cast<std::uint16_t>(node), 0, n.number, 0});
                return r;
            case ExprKind::name:
                return emit_name(node, hint);
            case ExprKind::call:
                return emit_call(node);
            case ExprKind::list:
                error("RL003", n.column, "a list [..] is only allowed on the right of 'in'");
                return r;
            case ExprKind::op_not: {
                Emitted a = emit(n.children[0], nullptr);
                if (ok_ && a.type.type != FactType::boolean)
                    error("RL003", n.column,
                          "'not' needs a boolean but \"" + e_.render(n.children[0]) + "\" is " +
                              type_name(a.type));
                push({OpCode::not_, 0, static_cast<std::uint16_t>(node), 0, 0, 0});
                r.type = {FactType::boolean, 0};
                return r;
            }
            case ExprKind::op_neg: {
                Emitted a = emit(n.children[0], nullptr);
                if (ok_ && a.type.type != FactType::number)
                    error("RL003", n.column, "unary '-' needs a number but found " + type_name(a.type));
                push({OpCode::neg, 0, static_cast<std::uint16_t>(node), 0, 0, 0});
                r.type = {FactType::number, 0};
                return r;
            }
            case ExprKind::binary:
                return emit_binary(node);
        }
        return r;
    }

    Emitted emit_name(int node, const ValueType* hint) {
        const ExprNode& n = e_.node(node);
        Emitted r;
        r.code_begin = here();
        if (auto slot = ctx_.schema.find(n.text)) {
            const FactDef& f = ctx_.schema.fact(*slot);
            r.type = {f.type, f.domain};
            r.is_slot = true;
            r.slot = *slot;
            out_.reads.push_back(*slot);
            push({OpCode::push_slot, 0, static_cast<std::uint16_t>(node), *slot, 0, 0});
            return r;
        }
        if (hint && hint->type == FactType::enumeration) return emit_enum_literal(node, hint->domain);
        auto near = nearest_name(n.text, ctx_.schema.names());
        error("RL002", n.column, "unknown fact '" + n.text + "'",
              near.empty() ? "" : "did you mean '" + near + "'?");
        r.type = {FactType::number, 0};
        r.unknown_name = true;
        return r;
    }

    // One argument of a condition function; false (reported) when the call cannot be emitted.
    bool emit_call_arg(const ExprNode& call, ConditionArg kind, int a, std::optional<FactSlot>& slot) {
        if (kind == ConditionArg::number) {
            Emitted v = emit(a, nullptr);
            if (ok_ && v.type.type != FactType::number)
                error("RL003", e_.node(a).column, call.text + "() needs numbers, found " + type_name(v.type));
            return true;
        }
        if (!is_fact_name(a)) {
            auto near = nearest_name(e_.node(a).text, ctx_.schema.names());
            error("RL002", e_.node(a).column,
                  call.text + "() needs a fact name, found \"" + e_.render(a) + "\"",
                  near.empty() ? "" : "did you mean '" + near + "'?");
            return false;
        }
        slot = *ctx_.schema.find(e_.node(a).text);
        out_.reads.push_back(*slot);
        return true;
    }

    // A call of the condition function table: arity, then each argument by its kind, then the op.
    Emitted emit_call(int node) {
        const ExprNode& n = e_.node(node);
        Emitted r;
        r.code_begin = here();
        const ConditionFunction* f = find_condition_function(n.text);
        if (!f) {
            error("RL006", n.column, "unknown function '" + n.text + "' in a condition",
                  condition_functions_hint());
            return r;
        }
        r.type = {f->result, 0};
        if (n.children.size() != f->args.size()) {
            error("RL007", n.column,
                  n.text + "() takes " + std::to_string(f->args.size()) + " argument(s), found " +
                      std::to_string(n.children.size()));
            return r;
        }
        std::optional<FactSlot> slot;
        for (std::size_t i = 0; i < f->args.size(); ++i)
            if (!emit_call_arg(n, f->args[i], n.children[i], slot)) return r;
        push({f->op, f->sub, static_cast<std::uint16_t>(node), slot.value_or(0), 0, 0});
        return r;
    }

    // RL003 when an operand of `and` / `or` is not a boolean.
    void require_boolean(const Emitted& operand, int child, BinOp op) {
        if (ok_ && operand.type.type != FactType::boolean)
            error("RL003", e_.node(child).column,
                  "'" + std::string(to_string(op)) + "' needs booleans but \"" + e_.render(child) + "\" is " +
                      type_name(operand.type));
    }

    Emitted emit_logic(int node, BinOp op) {
        const ExprNode& n = e_.node(node);
        Emitted r;
        r.code_begin = here();
        r.type = {FactType::boolean, 0};
        require_boolean(emit(n.children[0], nullptr), n.children[0], op);
        std::size_t jump = here();
        push({op == BinOp::op_and ? OpCode::and_jump : OpCode::or_jump, 0, static_cast<std::uint16_t>(node),
              0, 0, 0});
        require_boolean(emit(n.children[1], nullptr), n.children[1], op);
        push(
            {op == BinOp::op_and ? OpCode::and2 : OpCode::or2, 0, static_cast<std::uint16_t>(node), 0, 0, 0});
        out_.program.code[jump].slot = static_cast<std::uint32_t>(here());
        return r;
    }

    Emitted emit_in(int node, bool negated) {
        const ExprNode& n = e_.node(node);
        Emitted r;
        r.code_begin = here();
        r.type = {FactType::boolean, 0};
        Emitted a = emit(n.children[0], nullptr);
        const ExprNode& list = e_.node(n.children[1]);
        if (!ok_) return r;
        if (a.type.type != FactType::enumeration) {
            error("RL003", n.column,
                  "'in' needs an enumeration on its left, \"" + e_.render(n.children[0]) + "\" is " +
                      type_name(a.type));
            return r;
        }
        if (list.kind != ExprKind::list) {
            error("RL003", list.column, "'in' needs a list of values on its right, like [a, b]");
            return r;
        }
        std::uint64_t mask = 0;
        for (int item : list.children) {
            if (e_.node(item).kind != ExprKind::name) {
                error("RL003", e_.node(item).column,
                      "list items must be values of '" + ctx_.schema.domain(a.type.domain).name + "'");
                continue;
            }
            std::size_t mark = here();
            Emitted v = emit_enum_literal(item, a.type.domain);
            truncate(mark);
            if (ok_ && v.value < 64) mask |= std::uint64_t{1} << static_cast<unsigned>(v.value);
        }
        if (a.is_slot) {
            truncate(a.code_begin);
            push({OpCode::slot_in_mask, static_cast<std::uint8_t>(negated), static_cast<std::uint16_t>(node),
                  a.slot, 0, mask});
        } else {
            push({OpCode::in_mask, static_cast<std::uint8_t>(negated), static_cast<std::uint16_t>(node), 0, 0,
                  mask});
        }
        return r;
    }

    Emitted emit_compare(int node, BinOp op) {
        const ExprNode& n = e_.node(node);
        Emitted r;
        r.code_begin = here();
        r.type = {FactType::boolean, 0};
        int l = n.children[0], rr = n.children[1];
        // An enumeration literal takes its domain from the other side.
        bool l_lit = is_bare_literal(l), r_lit = is_bare_literal(rr);
        Emitted a, b;
        if (l_lit && !r_lit) {
            std::size_t mark = here();
            b = emit(rr, nullptr);
            truncate(mark);
            a = emit(l, &b.type);
            b = emit(rr, nullptr);
        } else {
            a = emit(l, nullptr);
            // `irritabilty == high`: once the fact is unknown, its value cannot be checked either;
            // one error, not a second about 'high'.
            if (!(a.unknown_name && r_lit)) b = emit(rr, &a.type);
        }
        if (!ok_) return r;
        if (!same_type(a.type, b.type)) {
            error("RL003", n.column,
                  "cannot compare \"" + e_.render(l) + "\" (" + type_name(a.type) + ") with \"" +
                      e_.render(rr) + "\" (" + type_name(b.type) + ")");
            return r;
        }
        bool ordered = op == BinOp::lt || op == BinOp::le || op == BinOp::gt || op == BinOp::ge;
        if (ordered && a.type.type == FactType::boolean) {  // numbers, or values of one ordered enumeration
            error("RL003", n.column,
                  "'" + std::string(to_string(op)) + "' needs numbers, found " + type_name(a.type));
            return r;
        }
        if (a.is_slot && b.is_const) {
            truncate(a.code_begin);
            fuse(node, op, a, b.value);
        } else if (b.is_slot && a.is_const) {
            truncate(a.code_begin);
            fuse(node, mirror(op), b, a.value);
        } else {
            push({OpCode::cmp, static_cast<std::uint8_t>(op), static_cast<std::uint16_t>(node), 0, 0, 0});
        }
        return r;
    }

    void fuse(int node, BinOp op, const Emitted& slot, double k) {
        if (slot.type.type == FactType::enumeration && (op == BinOp::eq || op == BinOp::ne)) {
            std::uint64_t mask = k < 64 ? std::uint64_t{1} << static_cast<unsigned>(k) : 0;
            push({OpCode::slot_in_mask, static_cast<std::uint8_t>(op == BinOp::ne),
                  static_cast<std::uint16_t>(node), slot.slot, k, mask});
        } else {
            push({OpCode::cmp_slot_const, static_cast<std::uint8_t>(op), static_cast<std::uint16_t>(node),
                  slot.slot, k, 0});
        }
    }

    Emitted emit_binary(int node) {
        const ExprNode& n = e_.node(node);
        switch (n.op) {
            case BinOp::op_and:
            case BinOp::op_or:
                return emit_logic(node, n.op);
            case BinOp::in:
                return emit_in(node, false);
            case BinOp::not_in:
                return emit_in(node, true);
            case BinOp::add:
            case BinOp::sub:
            case BinOp::mul:
            case BinOp::div: {
                Emitted r;
                r.code_begin = here();
                r.type = {FactType::number, 0};
                for (int c : n.children) {
                    Emitted a = emit(c, nullptr);
                    if (ok_ && a.type.type != FactType::number)
                        error("RL003", e_.node(c).column,
                              "'" + std::string(to_string(n.op)) + "' needs numbers, \"" + e_.render(c) +
                                  "\" is " + type_name(a.type));
                }
                push({OpCode::arith, static_cast<std::uint8_t>(n.op), static_cast<std::uint16_t>(node), 0, 0,
                      0});
                return r;
            }
            default:
                return emit_compare(node, n.op);
        }
    }
};

}  // namespace

std::optional<CompiledExpr> compile_expr(const Expr& expr, const ValueType& expected,
                                         const ExprContext& ctx) {
    if (expr.root < 0) return std::nullopt;
    Compiler c(expr, ctx);
    return c.run(expected);
}

}  // namespace rehab
