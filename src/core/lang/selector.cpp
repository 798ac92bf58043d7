// Resolution of exercise selectors through the knowledge graph. Calls are checked against the
// selector function table (selector_functions.cpp) and evaluated by its entries; and / or / not
// combine sets. All of it happens once, at load time, for every combination of key fact values.
#include "core/lang/selector.hpp"

#include "core/lang/functions/selector_functions.hpp"
#include "core/lang/names.hpp"

namespace rehab {

const std::vector<std::string>& selector_function_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (const auto& f : selector_functions()) v.emplace_back(f.name);
        return v;
    }();
    return names;
}

class SelectorCompiler {
public:
    SelectorCompiler(const Expr& e, const KnowledgeGraph& kg, const FactSchema& schema, Diagnostics& diags,
                     Location where)
        : e_(e), kg_(kg), schema_(schema), diags_(diags), where_(std::move(where)) {}

    std::optional<Selector> run() {
        Selector s;
        s.source_ = e_.source;
        s.empty_ = ExerciseSet(kg_.exercise_count());
        check(e_.root);
        if (!ok_) return std::nullopt;
        s.keys_ = keys_;
        std::size_t combos = 1;
        for (FactSlot k : keys_) {
            std::size_t r = schema_.domain(schema_.fact(k).domain).values.size();
            s.radix_.push_back(r);
            combos *= r;
        }
        if (combos > 4096) {
            error("RL007", 1,
                  "selector depends on too many fact combinations (" + std::to_string(combos) + ")");
            return std::nullopt;
        }
        values_.assign(keys_.size(), 0);
        for (std::size_t i = 0; i < combos; ++i) {
            std::size_t rest = i;
            for (std::size_t k = keys_.size(); k-- > 0;) {
                values_[k] = static_cast<std::uint32_t>(rest % s.radix_[k]);
                rest /= s.radix_[k];
            }
            s.table_.push_back(eval(e_.root));
        }
        return s;
    }

private:
    const Expr& e_;
    const KnowledgeGraph& kg_;
    const FactSchema& schema_;
    Diagnostics& diags_;
    Location where_;
    bool ok_ = true;
    std::vector<FactSlot> keys_;
    std::vector<std::uint32_t> values_;

    void error(const char* code, int column, std::string msg, std::string hint = {}) {
        ok_ = false;
        diags_.error(code, where_.at_column(column), std::move(msg), std::move(hint));
    }

    // Flattens call arguments: lists expand in place; returns (node, kind) pairs.
    std::vector<std::pair<int, ArgKind>> args_of(const ExprNode& call, const SelectorFunction& f) const {
        std::vector<std::pair<int, ArgKind>> out;
        for (std::size_t i = 0; i < call.children.size(); ++i) {
            ArgKind kind = f.args.empty()      ? ArgKind::none
                           : i < f.args.size() ? f.args[i]
                           : f.variadic        ? f.args.back()
                                               : ArgKind::none;
            const ExprNode& a = e_.node(call.children[i]);
            if (a.kind == ExprKind::list)
                for (int item : a.children) out.emplace_back(item, kind);
            else
                out.emplace_back(call.children[i], kind);
        }
        return out;
    }

    // A condition or stage argument that names an enum fact of that kind: the selector becomes a
    // table keyed by the fact. Returns false (reported) when the fact is of another kind.
    bool check_fact_arg(const ExprNode& a, FactSlot slot, ArgKind kind) {
        const FactDef& f = schema_.fact(slot);
        const char* want = kind_short_name(kind);
        if (f.type != FactType::enumeration || schema_.domain(f.domain).name != want) {
            error("RL007", a.column, "fact '" + a.text + "' is not a " + want + " fact");
            return false;
        }
        for (FactSlot k : keys_)
            if (k == slot) return true;
        keys_.push_back(slot);
        return true;
    }

    // Checks a name of a kind; registers fact keys. Returns false on error.
    bool check_arg(int node, ArgKind kind, std::string_view fn) {
        const ExprNode& a = e_.node(node);
        if (kind == ArgKind::none) {
            error("RL007", a.column, std::string(fn) + "() takes no more arguments here");
            return false;
        }
        if (kind == ArgKind::rung) {
            if (a.kind == ExprKind::number && a.number >= 1 && a.number <= 64 &&
                a.number == static_cast<int>(a.number))
                return true;
            error("RL007", a.column,
                  std::string(fn) + "() expects " + kind_name(kind) + " from 1 to 64, found \"" +
                      e_.render(node) + "\"");
            return false;
        }
        if (a.kind != ExprKind::name) {
            error("RL007", a.column,
                  std::string(fn) + "() expects " + kind_name(kind) + ", found \"" + e_.render(node) + "\"");
            return false;
        }
        if (kind_accepts_fact(kind))
            if (auto slot = schema_.find(a.text)) return check_fact_arg(a, *slot, kind);
        if (known_name(kg_, kind, a.text)) return true;
        auto names = kind_candidates(kg_, kind);
        if (kind_accepts_fact(kind))  // a fact of that kind is accepted too
            for (const auto& f : schema_.names()) names.push_back(f);
        auto near = nearest_name(a.text, names);
        error("RL010", a.column, "'" + a.text + "' is not " + kind_name(kind),
              near.empty() ? "" : "did you mean '" + near + "'?");
        return false;
    }

    void check_call(const ExprNode& n) {
        const SelectorFunction* f = find_selector_function(n.text);
        if (!f) {
            auto near = nearest_name(n.text, selector_function_names());
            error("RL006", n.column, "unknown selector '" + n.text + "'",
                  near.empty() ? "" : "did you mean '" + near + "'?");
            return;
        }
        auto args = args_of(n, *f);
        if (args.size() < f->min_args) {
            error("RL007", n.column, std::string(f->name) + "() needs " + kind_name(f->args.front()));
            return;
        }
        for (auto [a, kind] : args) check_arg(a, kind, f->name);
    }

    void check(int node) {
        const ExprNode& n = e_.node(node);
        switch (n.kind) {
            case ExprKind::binary:
                if (n.op != BinOp::op_and && n.op != BinOp::op_or) {
                    error("RL003", n.column,
                          "a selector combines sets with and, or, not; '" + std::string(to_string(n.op)) +
                              "' is for conditions");
                    return;
                }
                check(n.children[0]);
                check(n.children[1]);
                return;
            case ExprKind::op_not:
                check(n.children[0]);
                return;
            case ExprKind::name:
            case ExprKind::call:
                return check_call(n);
            default:
                error(
                    "RL003", n.column,
                    "expected a selector such as works(adductor_longus), found \"" + e_.render(node) + "\"");
        }
    }

    // ---- evaluation for one combination of key values ----
    // Conditions (knowledge order) and stages (early, mid, late) as numbers; a fact takes its key value.
    std::uint32_t value_of(const std::string& t, ArgKind kind) const {
        if (kind == ArgKind::ladder) return kg_.find_ladder(t)->value;
        if (!kind_accepts_fact(kind)) return 0;
        if (auto slot = schema_.find(t))
            for (std::size_t k = 0; k < keys_.size(); ++k)
                if (keys_[k] == *slot) return values_[k];
        if (kind == ArgKind::condition) return kg_.find_condition(t)->value;
        return static_cast<std::uint32_t>(*stage_from(t));
    }

    ExerciseSet eval_call(const ExprNode& n) const {
        const SelectorFunction& f = *find_selector_function(n.text);
        std::vector<SelectorArg> args;
        for (auto [a, kind] : args_of(n, f)) {
            const ExprNode& node = e_.node(a);
            if (kind == ArgKind::rung)
                args.push_back({e_.render(a), kind, static_cast<std::uint32_t>(node.number)});
            else
                args.push_back({node.text, kind, value_of(node.text, kind)});
        }
        return f.eval(SelectorCall(kg_, std::move(args)));
    }

    ExerciseSet eval(int node) const {
        const ExprNode& n = e_.node(node);
        if (n.kind == ExprKind::binary) {
            ExerciseSet a = eval(n.children[0]);
            ExerciseSet b = eval(n.children[1]);
            if (n.op == BinOp::op_and)
                a &= b;
            else
                a |= b;
            return a;
        }
        if (n.kind == ExprKind::op_not) {
            ExerciseSet a = eval(n.children[0]);
            a.complement();
            return a;
        }
        return eval_call(n);
    }
};

std::optional<Selector> Selector::compile(const std::string& text, const KnowledgeGraph& kg,
                                          const FactSchema& schema, Diagnostics& diags,
                                          const Location& where) {
    Expr e;
    if (!parse_expr(text, e, diags, where)) return std::nullopt;
    SelectorCompiler c(e, kg, schema, diags, where);
    auto s = c.run();
    if (s) {
        resolve_fact_names(e, schema);
        s->ast_ = std::make_shared<const Expr>(std::move(e));
    }
    return s;
}

ExerciseSet Selector::upper_bound() const {
    ExerciseSet u = empty_;
    for (const auto& s : table_) u |= s;
    return u;
}

}  // namespace rehab
