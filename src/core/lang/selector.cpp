// Resolution of exercise selectors through the knowledge graph. Each function maps its arguments
// (knowledge ids, enumeration names, or enum facts for table selectors) to a set of exercises;
// and / or / not combine sets. All of it happens once, at load time.
#include "core/lang/selector.hpp"

#include <algorithm>
#include <functional>

#include "core/lang/names.hpp"

namespace rehab {

namespace {

enum class ArgKind {
    exercise,
    muscle,
    movement,
    contraction,
    resistance,
    position,
    equipment,
    stance,
    stage,
    component,
    condition,
    source,
    none
};

struct FunctionSpec {
    const char* name;
    std::vector<ArgKind> args;  // kinds in order; the last repeats when `variadic`
    bool variadic;
    std::size_t min_args;
};

const std::vector<FunctionSpec>& functions() {
    static const std::vector<FunctionSpec> f = {
        {"all", {}, false, 0},
        {"exercise", {ArgKind::exercise}, true, 1},
        {"works", {ArgKind::muscle}, true, 1},
        {"works_primary", {ArgKind::muscle}, true, 1},
        {"loads", {ArgKind::movement, ArgKind::contraction}, false, 1},
        {"contraction", {ArgKind::contraction}, true, 1},
        {"only_contraction", {ArgKind::contraction}, true, 1},
        {"resistance", {ArgKind::resistance}, true, 1},
        {"position", {ArgKind::position}, true, 1},
        {"needs", {ArgKind::equipment}, true, 1},
        {"needs_therapist", {}, false, 0},
        {"needs_partner", {}, false, 0},
        {"stance", {ArgKind::stance}, true, 1},
        {"in_stage", {ArgKind::stage}, true, 1},
        {"component", {ArgKind::component}, true, 1},
        {"after", {ArgKind::exercise}, false, 1},
        {"before", {ArgKind::exercise}, false, 1},
        {"contraindicated", {ArgKind::condition, ArgKind::stage}, false, 1},
        {"precaution", {ArgKind::condition, ArgKind::stage}, false, 1},
        {"involves", {ArgKind::condition}, false, 1},
        {"provokes", {ArgKind::condition}, false, 1},
        {"key_movement", {ArgKind::condition}, false, 1},
        {"source", {ArgKind::source}, false, 1},
    };
    return f;
}

const char* kind_name(ArgKind k) {
    switch (k) {
        case ArgKind::exercise:
            return "an exercise id";
        case ArgKind::muscle:
            return "a muscle id";
        case ArgKind::movement:
            return "a movement id";
        case ArgKind::contraction:
            return "a contraction (isometric, concentric, eccentric, stretch)";
        case ArgKind::resistance:
            return "a resistance (body_weight, band, therapist, external_load, none)";
        case ArgKind::position:
            return "a position id";
        case ArgKind::equipment:
            return "an equipment id";
        case ArgKind::stance:
            return "a stance (none, both_legs, other_leg, affected_leg)";
        case ArgKind::stage:
            return "a stage (early, mid, late) or a stage fact";
        case ArgKind::component:
            return "a component (strength, balance, motor_control, mobility, trunk)";
        case ArgKind::condition:
            return "a condition id or a condition fact";
        case ArgKind::source:
            return "seed or project";
        case ArgKind::none:
            return "nothing";
    }
    return "?";
}

}  // namespace

const std::vector<std::string>& selector_function_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (const auto& f : functions()) v.push_back(f.name);
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

    static const FunctionSpec* find_function(const std::string& name) {
        for (const auto& f : functions())
            if (name == f.name) return &f;
        return nullptr;
    }

    // Flattens call arguments: lists expand in place; returns (node, kind) pairs.
    std::vector<std::pair<int, ArgKind>> args_of(const ExprNode& call, const FunctionSpec& f) {
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

    // Checks a name of a kind; registers fact keys. Returns false on error.
    bool check_arg(int node, ArgKind kind, const std::string& fn) {
        const ExprNode& a = e_.node(node);
        if (kind == ArgKind::none) {
            error("RL007", a.column, fn + "() takes no more arguments here");
            return false;
        }
        if (a.kind != ExprKind::name) {
            error("RL007", a.column,
                  fn + "() expects " + kind_name(kind) + ", found \"" + e_.render(node) + "\"");
            return false;
        }
        if (kind == ArgKind::condition || kind == ArgKind::stage) {
            if (auto slot = schema_.find(a.text)) {
                const FactDef& f = schema_.fact(*slot);
                const char* want = kind == ArgKind::condition ? "condition" : "stage";
                if (f.type != FactType::enumeration || schema_.domain(f.domain).name != want) {
                    error("RL007", a.column, "fact '" + a.text + "' is not a " + want + " fact");
                    return false;
                }
                bool seen = false;
                for (FactSlot k : keys_) seen |= k == *slot;
                if (!seen) keys_.push_back(*slot);
                return true;
            }
        }
        if (known(kind, a.text)) return true;
        auto names = candidates(kind);
        if (kind == ArgKind::condition || kind == ArgKind::stage)  // a fact of that kind is accepted too
            for (const auto& f : schema_.names()) names.push_back(f);
        auto near = nearest_name(a.text, names);
        error("RL010", a.column, "'" + a.text + "' is not " + kind_name(kind),
              near.empty() ? "" : "did you mean '" + near + "'?");
        return false;
    }

    // Whether `name` is a valid argument of this kind: hashed lookups, no list of every name.
    bool known(ArgKind kind, const std::string& name) const {
        switch (kind) {
            case ArgKind::exercise:
                return kg_.find_exercise(name).has_value();
            case ArgKind::muscle:
                return kg_.find_muscle(name).has_value();
            case ArgKind::movement:
                return kg_.find_movement(name).has_value();
            case ArgKind::position:
                return kg_.find_position(name).has_value();
            case ArgKind::equipment:
                return kg_.find_equipment(name).has_value();
            case ArgKind::condition:
                return kg_.find_condition(name).has_value();
            default:
                break;
        }
        const auto names = candidates(kind);
        return std::find(names.begin(), names.end(), name) != names.end();
    }

    std::vector<std::string> candidates(ArgKind kind) const {
        std::vector<std::string> v;
        auto keys = [&](const auto& table) {
            for (const auto& x : table) v.push_back(x.key);
        };
        switch (kind) {
            case ArgKind::exercise:
                keys(kg_.exercises());
                break;
            case ArgKind::muscle:
                keys(kg_.muscles());
                break;
            case ArgKind::movement:
                keys(kg_.movements());
                break;
            case ArgKind::position:
                keys(kg_.positions());
                break;
            case ArgKind::equipment:
                keys(kg_.equipment());
                break;
            case ArgKind::condition:
                keys(kg_.conditions());
                break;
            case ArgKind::contraction:
                v = {"isometric", "concentric", "eccentric", "stretch"};
                break;
            case ArgKind::resistance:
                v = {"body_weight", "band", "therapist", "external_load", "none"};
                break;
            case ArgKind::stance:
                v = {"none", "both_legs", "other_leg", "affected_leg"};
                break;
            case ArgKind::stage:
                v = {"early", "mid", "late"};
                break;
            case ArgKind::component:
                v = {"strength", "balance", "motor_control", "mobility", "trunk"};
                break;
            case ArgKind::source:
                v = {"seed", "project"};
                break;
            case ArgKind::none:
                break;
        }
        return v;
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
                if (n.text == "all") return;
                [[fallthrough]];
            case ExprKind::call: {
                const FunctionSpec* f = find_function(n.text);
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
                return;
            }
            default:
                error(
                    "RL003", n.column,
                    "expected a selector such as works(adductor_longus), found \"" + e_.render(node) + "\"");
        }
    }

    // ---- evaluation for one combination of key values ----
    std::uint32_t value_of(int node, ArgKind kind) const {
        const std::string& t = e_.node(node).text;
        if (auto slot = schema_.find(t); slot && (kind == ArgKind::condition || kind == ArgKind::stage)) {
            for (std::size_t k = 0; k < keys_.size(); ++k)
                if (keys_[k] == *slot) {
                    // Condition facts are encoded in knowledge order; stage facts as early, mid, late.
                    return values_[k];
                }
        }
        switch (kind) {
            case ArgKind::condition:
                return kg_.find_condition(t)->value;
            case ArgKind::stage:
                return static_cast<std::uint32_t>(*stage_from(t));
            default:
                return 0;
        }
    }

    ExerciseSet set_of(const std::vector<ExerciseId>& ids) const {
        ExerciseSet s(kg_.exercise_count());
        for (auto id : ids) s.insert(id);
        return s;
    }

    ExerciseSet filter(const std::function<bool(const Exercise&)>& pred) const {
        ExerciseSet s(kg_.exercise_count());
        for (const auto& ex : kg_.exercises())
            if (pred(ex)) s.insert(ex.id);
        return s;
    }

    ExerciseSet eval(int node) const;
    ExerciseSet eval_call(const ExprNode& n) const;
};

ExerciseSet SelectorCompiler::eval(int node) const {
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
    if (n.text == "all") return ExerciseSet::all(kg_.exercise_count());
    return eval_call(n);
}

ExerciseSet SelectorCompiler::eval_call(const ExprNode& n) const {
    const FunctionSpec& f = *find_function(n.text);
    auto args = const_cast<SelectorCompiler*>(this)->args_of(n, f);
    auto names_of = [&](ArgKind kind) {
        std::vector<std::string> v;
        for (auto [a, k] : args)
            if (k == kind) v.push_back(e_.node(a).text);
        return v;
    };
    auto contraction_mask = [&]() {
        unsigned m = 0;
        for (const auto& c : names_of(ArgKind::contraction))
            m |= 1u << static_cast<unsigned>(*contraction_from(c));
        return m;
    };
    const std::string name = f.name;
    if (name == "exercise") {
        std::vector<ExerciseId> ids;
        for (const auto& x : names_of(ArgKind::exercise)) ids.push_back(*kg_.find_exercise(x));
        return set_of(ids);
    }
    if (name == "works" || name == "works_primary") {
        ExerciseSet s(kg_.exercise_count());
        for (const auto& m : names_of(ArgKind::muscle))
            s |= set_of(kg_.exercises_working(*kg_.find_muscle(m), name == "works_primary"));
        return s;
    }
    if (name == "loads") {
        unsigned mask = contraction_mask();
        if (mask == 0) mask = 0b1111;
        return set_of(kg_.exercises_loading(*kg_.find_movement(names_of(ArgKind::movement).front()), mask));
    }
    if (name == "contraction" || name == "only_contraction") {
        unsigned mask = contraction_mask();
        bool only = name == "only_contraction";
        return filter([&](const Exercise& ex) {
            bool any = false, all = !ex.performs.empty();
            for (const auto& p : ex.performs) {
                any |= (p.contractions & mask) != 0;
                all &= (p.contractions & ~mask) == 0;
            }
            return only ? all : any;
        });
    }
    if (name == "resistance") {
        auto want = names_of(ArgKind::resistance);
        return filter([&](const Exercise& ex) {
            for (const auto& p : ex.performs)
                for (const auto& w : want)
                    if (p.resistance == *resistance_from(w)) return true;
            return false;
        });
    }
    if (name == "position") {
        auto want = names_of(ArgKind::position);
        return filter([&](const Exercise& ex) {
            for (const auto& w : want)
                if (ex.position == *kg_.find_position(w)) return true;
            return false;
        });
    }
    if (name == "needs") {
        auto want = names_of(ArgKind::equipment);
        return filter([&](const Exercise& ex) {
            for (auto eq : ex.equipment)
                for (const auto& w : want)
                    if (eq == *kg_.find_equipment(w)) return true;
            return false;
        });
    }
    if (name == "needs_therapist") return filter([](const Exercise& ex) { return ex.needs_therapist; });
    if (name == "needs_partner") return filter([](const Exercise& ex) { return ex.needs_partner; });
    if (name == "stance") {
        auto want = names_of(ArgKind::stance);
        return filter([&](const Exercise& ex) {
            for (const auto& w : want)
                if (ex.stance == *stance_from(w)) return true;
            return false;
        });
    }
    if (name == "in_stage") {
        unsigned mask = 0;
        for (auto [a, k] : args) mask |= 1u << value_of(a, ArgKind::stage);
        return filter([&](const Exercise& ex) { return (ex.stages & mask) != 0; });
    }
    if (name == "component") {
        auto want = names_of(ArgKind::component);
        return filter([&](const Exercise& ex) {
            for (const auto& w : want)
                if (ex.component == *component_from(w)) return true;
            return false;
        });
    }
    if (name == "after" || name == "before") {
        ExerciseId id = *kg_.find_exercise(names_of(ArgKind::exercise).front());
        return set_of(name == "after" ? kg_.chain_after(id) : kg_.chain_before(id));
    }
    if (name == "source") {
        std::string want = names_of(ArgKind::source).front();
        return filter([&](const Exercise& ex) { return ex.source == want; });
    }
    // Condition functions: first argument a condition (id or fact), optional stage.
    ConditionId cond(value_of(args[0].first, ArgKind::condition));
    if (name == "contraindicated" || name == "precaution") {
        bool contra = name == "contraindicated";
        unsigned stage_mask = args.size() > 1 ? 1u << value_of(args[1].first, ArgKind::stage) : 0b111u;
        return filter([&](const Exercise& ex) {
            for (const auto& p : ex.precautions)
                if (p.condition == cond && p.contraindication == contra && (p.stages & stage_mask))
                    return true;
            return false;
        });
    }
    const Condition& c = kg_.condition(cond);
    if (name == "involves") {
        return filter([&](const Exercise& ex) {
            for (const auto& w : ex.works)
                if (w.primary)
                    for (auto m : c.involves)
                        if (w.muscle == m) return true;
            return false;
        });
    }
    if (name == "provokes") {
        ExerciseSet s(kg_.exercise_count());
        for (const auto& p : c.provoked_by) s |= set_of(kg_.exercises_loading(p.movement, p.contractions));
        return s;
    }
    // key_movement
    if (!c.key_movement.valid()) return ExerciseSet(kg_.exercise_count());
    return set_of(kg_.exercises_loading(c.key_movement, 0b0111));
}

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
