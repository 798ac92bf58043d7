// The selector function table: one entry per function, name, argument kinds and evaluator together.
// Adding a selector function is one entry here; checking, hints and documentation follow from it.
#include "core/lang/functions/selector_functions.hpp"

#include "core/knowledge/model.hpp"

namespace rehab {

namespace {

using K = ArgKind;

// Exercises with any of the named values, read from the exercise by `get`.
template <class Get, class Parse>
ExerciseSet any_of(const SelectorCall& c, ArgKind kind, Get get, Parse parse) {
    auto want = c.names(kind);
    return c.filter([&](const Exercise& ex) {
        for (const auto& w : want)
            if (get(ex) == *parse(w)) return true;
        return false;
    });
}

ExerciseSet contraction_set(const SelectorCall& c, bool only) {
    unsigned mask = c.contraction_mask();
    return c.filter([&](const Exercise& ex) {
        bool any = false, all = !ex.performs.empty();
        for (const auto& p : ex.performs) {
            any |= (p.contractions & mask) != 0;
            all &= (p.contractions & ~mask) == 0;
        }
        return only ? all : any;
    });
}

// contraindicated / precaution: first argument a condition (id or fact), optional stage.
ExerciseSet precaution_set(const SelectorCall& c, bool contra) {
    ConditionId cond(c.args()[0].value);
    unsigned stage_mask = c.args().size() > 1 ? 1u << c.args()[1].value : 0b111u;
    return c.filter([&](const Exercise& ex) {
        for (const auto& p : ex.precautions)
            if (p.condition == cond && p.contraindication == contra && (p.stages & stage_mask)) return true;
        return false;
    });
}

const Condition& condition_of(const SelectorCall& c) {
    return c.kg().condition(ConditionId(c.args()[0].value));
}

ExerciseSet works_set(const SelectorCall& c, bool primary) {
    ExerciseSet s = c.none();
    for (const auto& m : c.names(K::muscle))
        s |= c.set_of(c.kg().exercises_working(*c.kg().find_muscle(m), primary));
    return s;
}

// ladder(l, ...): on any of the ladders; rung(l, low, high): on ladder l at a rung from low to high.
ExerciseSet ladder_set(const SelectorCall& c) {
    ExerciseSet s = c.none();
    for (const auto& a : c.args()) s |= c.set_of(c.kg().exercises_on(LadderId(a.value), 1, 1 << 20));
    return s;
}

ExerciseSet rung_set(const SelectorCall& c) {
    const auto& a = c.args();
    int low = static_cast<int>(a[1].value), high = a.size() > 2 ? static_cast<int>(a[2].value) : low;
    return c.set_of(c.kg().exercises_on(LadderId(a[0].value), low, high));
}

ExerciseSet chain_set(const SelectorCall& c, bool after) {
    ExerciseId id = *c.kg().find_exercise(c.names(K::exercise).front());
    return c.set_of(after ? c.kg().chain_after(id) : c.kg().chain_before(id));
}

}  // namespace

const std::vector<SelectorFunction>& selector_functions() {
    static const std::vector<SelectorFunction> table = {
        {"all",
         {},
         false,
         0,
         "every exercise",
         [](const SelectorCall& c) { return ExerciseSet::all(c.kg().exercise_count()); }},
        {"exercise",
         {K::exercise},
         true,
         1,
         "the named exercises",
         [](const SelectorCall& c) {
             std::vector<ExerciseId> ids;
             for (const auto& x : c.names(K::exercise)) ids.push_back(*c.kg().find_exercise(x));
             return c.set_of(ids);
         }},
        {"works",
         {K::muscle},
         true,
         1,
         "exercises that work any of the muscles",
         [](const SelectorCall& c) { return works_set(c, false); }},
        {"works_primary",
         {K::muscle},
         true,
         1,
         "exercises that work any of the muscles as a primary mover",
         [](const SelectorCall& c) { return works_set(c, true); }},
        {"loads",
         {K::movement, K::contraction},
         false,
         1,
         "exercises that load the movement (with that contraction, if given)",
         [](const SelectorCall& c) {
             unsigned mask = c.contraction_mask();
             if (mask == 0) mask = 0b1111;
             return c.set_of(
                 c.kg().exercises_loading(*c.kg().find_movement(c.names(K::movement).front()), mask));
         }},
        {"contraction",
         {K::contraction},
         true,
         1,
         "exercises with any of the contractions",
         [](const SelectorCall& c) { return contraction_set(c, false); }},
        {"only_contraction",
         {K::contraction},
         true,
         1,
         "exercises with no other contraction",
         [](const SelectorCall& c) { return contraction_set(c, true); }},
        {"resistance",
         {K::resistance},
         true,
         1,
         "exercises with any of the resistances",
         [](const SelectorCall& c) {
             auto want = c.names(K::resistance);
             return c.filter([&](const Exercise& ex) {
                 for (const auto& p : ex.performs)
                     for (const auto& w : want)
                         if (p.resistance == *resistance_from(w)) return true;
                 return false;
             });
         }},
        {"position",
         {K::position},
         true,
         1,
         "exercises done in any of the positions",
         [](const SelectorCall& c) {
             return any_of(
                 c, K::position, [](const Exercise& ex) { return ex.position; },
                 [&](const std::string& w) { return c.kg().find_position(w); });
         }},
        {"needs",
         {K::equipment},
         true,
         1,
         "exercises that need any of the equipment",
         [](const SelectorCall& c) {
             auto want = c.names(K::equipment);
             return c.filter([&](const Exercise& ex) {
                 for (auto eq : ex.equipment)
                     for (const auto& w : want)
                         if (eq == *c.kg().find_equipment(w)) return true;
                 return false;
             });
         }},
        {"needs_therapist",
         {},
         false,
         0,
         "exercises that need a therapist",
         [](const SelectorCall& c) {
             return c.filter([](const Exercise& ex) { return ex.needs_therapist; });
         }},
        {"needs_partner",
         {},
         false,
         0,
         "exercises that need a partner",
         [](const SelectorCall& c) { return c.filter([](const Exercise& ex) { return ex.needs_partner; }); }},
        {"stance",
         {K::stance},
         true,
         1,
         "exercises with any of the stances",
         [](const SelectorCall& c) {
             return any_of(
                 c, K::stance, [](const Exercise& ex) { return ex.stance; },
                 [](const std::string& w) { return stance_from(w); });
         }},
        {"lies_on",
         {K::lies_on},
         true,
         1,
         "side-lying exercises where the patient lies on any of these sides (of the working leg)",
         [](const SelectorCall& c) {
             return any_of(
                 c, K::lies_on, [](const Exercise& ex) { return ex.lies_on; },
                 [](const std::string& w) { return lies_on_from(w); });
         }},
        {"in_stage",
         {K::stage},
         true,
         1,
         "exercises of any of the stages (or stage facts)",
         [](const SelectorCall& c) {
             unsigned mask = 0;
             for (const auto& a : c.args()) mask |= 1u << a.value;
             return c.filter([&](const Exercise& ex) { return (ex.stages & mask) != 0; });
         }},
        {"ladder",
         {K::ladder},
         true,
         1,
         "exercises on any of the loading ladders",
         [](const SelectorCall& c) { return ladder_set(c); }},
        {"rung",
         {K::ladder, K::rung, K::rung},
         false,
         2,
         "exercises on the ladder at a rung from low to high (one rung when high is left out)",
         [](const SelectorCall& c) { return rung_set(c); }},
        {"component",
         {K::component},
         true,
         1,
         "exercises of any of the components",
         [](const SelectorCall& c) {
             return any_of(
                 c, K::component, [](const Exercise& ex) { return ex.component; },
                 [](const std::string& w) { return component_from(w); });
         }},
        {"after",
         {K::exercise},
         false,
         1,
         "exercises the exercise progresses to, directly or not",
         [](const SelectorCall& c) { return chain_set(c, true); }},
        {"before",
         {K::exercise},
         false,
         1,
         "exercises that progress to the exercise, directly or not",
         [](const SelectorCall& c) { return chain_set(c, false); }},
        {"contraindicated",
         {K::condition, K::stage},
         false,
         1,
         "exercises contraindicated for the condition (in the stage, if given)",
         [](const SelectorCall& c) { return precaution_set(c, true); }},
        {"precaution",
         {K::condition, K::stage},
         false,
         1,
         "exercises with a precaution for the condition (in the stage, if given)",
         [](const SelectorCall& c) { return precaution_set(c, false); }},
        {"involves",
         {K::condition},
         false,
         1,
         "exercises whose primary muscles the condition involves",
         [](const SelectorCall& c) {
             const Condition& cond = condition_of(c);
             return c.filter([&](const Exercise& ex) {
                 for (const auto& w : ex.works)
                     if (w.primary)
                         for (auto m : cond.involves)
                             if (w.muscle == m) return true;
                 return false;
             });
         }},
        {"provokes",
         {K::condition},
         false,
         1,
         "exercises that load what provokes the condition",
         [](const SelectorCall& c) {
             ExerciseSet s = c.none();
             for (const auto& p : condition_of(c).provoked_by)
                 s |= c.set_of(c.kg().exercises_loading(p.movement, p.contractions));
             return s;
         }},
        {"key_movement",
         {K::condition},
         false,
         1,
         "exercises that load the condition's key movement",
         [](const SelectorCall& c) {
             const Condition& cond = condition_of(c);
             if (!cond.key_movement.valid()) return c.none();
             return c.set_of(c.kg().exercises_loading(cond.key_movement, 0b0111));
         }},
        {"source",
         {K::source},
         false,
         1,
         "exercises from the source (seed or project)",
         [](const SelectorCall& c) {
             std::string want = c.names(K::source).front();
             return c.filter([&](const Exercise& ex) { return ex.source == want; });
         }},
    };
    return table;
}

const SelectorFunction* find_selector_function(std::string_view name) {
    for (const auto& f : selector_functions())
        if (f.name == name) return &f;
    return nullptr;
}

std::string selector_signature(const SelectorFunction& f) {
    std::string s = std::string(f.name) + "(";
    for (std::size_t i = 0; i < f.args.size(); ++i) {
        if (i) s += ", ";
        if (i >= f.min_args) s += "[";
        s += kind_short_name(f.args[i]);
        if (i >= f.min_args) s += "]";
    }
    if (f.variadic) s += ", ...";
    return s + ")";
}

std::vector<std::string> SelectorCall::names(ArgKind kind) const {
    std::vector<std::string> v;
    for (const auto& a : args_)
        if (a.kind == kind) v.push_back(a.text);
    return v;
}

unsigned SelectorCall::contraction_mask() const {
    unsigned m = 0;
    for (const auto& c : names(ArgKind::contraction)) m |= 1u << static_cast<unsigned>(*contraction_from(c));
    return m;
}

ExerciseSet SelectorCall::set_of(const std::vector<ExerciseId>& ids) const {
    ExerciseSet s = none();
    for (auto id : ids) s.insert(id);
    return s;
}

}  // namespace rehab
