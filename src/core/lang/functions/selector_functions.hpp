// The selector functions as one table: each entry is a name, the kinds of its arguments and the
// evaluator that maps resolved arguments to a set of exercises. The checker, the evaluator, the
// "did you mean" hints and the documentation list are all read from selector_functions().
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/exercise_set.hpp"
#include "core/knowledge/graph.hpp"

namespace rehab {

enum class ArgKind {
    exercise,
    muscle,
    movement,
    contraction,
    resistance,
    position,
    equipment,
    stance,
    lies_on,
    stage,
    component,
    condition,
    source,
    ladder,
    rung,  // a whole number: a rung of a ladder (1 = the lightest)
    none
};

// One argument of a call, checked: its text, kind and (conditions, stages) its value for the
// combination of fact values being evaluated.
struct SelectorArg {
    std::string text;
    ArgKind kind = ArgKind::none;
    std::uint32_t value = 0;
};

// What an evaluator sees: the knowledge graph and the checked arguments, with set helpers.
class SelectorCall {
public:
    SelectorCall(const KnowledgeGraph& kg, std::vector<SelectorArg> args) : kg_(kg), args_(std::move(args)) {}
    const KnowledgeGraph& kg() const { return kg_; }
    const std::vector<SelectorArg>& args() const { return args_; }
    std::vector<std::string> names(ArgKind kind) const;  // the texts of the arguments of this kind
    unsigned contraction_mask() const;                   // the contraction arguments as a bit mask
    ExerciseSet none() const { return ExerciseSet(kg_.exercise_count()); }
    ExerciseSet set_of(const std::vector<ExerciseId>& ids) const;
    template <class Pred>
    ExerciseSet filter(Pred pred) const {
        ExerciseSet s = none();
        for (const auto& ex : kg_.exercises())
            if (pred(ex)) s.insert(ex.id);
        return s;
    }

private:
    const KnowledgeGraph& kg_;
    std::vector<SelectorArg> args_;
};

using SelectorEval = ExerciseSet (*)(const SelectorCall&);

struct SelectorFunction {
    std::string_view name;
    std::vector<ArgKind> args;  // kinds in order; the last repeats when `variadic`
    bool variadic = false;
    std::size_t min_args = 0;
    std::string_view summary;  // one line for the documentation list
    SelectorEval eval = nullptr;
};

// Every selector function, in documentation order.
const std::vector<SelectorFunction>& selector_functions();
const SelectorFunction* find_selector_function(std::string_view name);
// "works(muscle, ...)": the signature, for documentation.
std::string selector_signature(const SelectorFunction& f);

// Argument kinds: what is expected ("a muscle id"), short name ("muscle"), and validity.
const char* kind_name(ArgKind k);
const char* kind_short_name(ArgKind k);
bool kind_accepts_fact(ArgKind k);  // conditions and stages may name an enum fact of that kind
bool known_name(const KnowledgeGraph& kg, ArgKind kind, const std::string& name);
std::vector<std::string> kind_candidates(const KnowledgeGraph& kg, ArgKind kind);

}  // namespace rehab
