// Recommender, part two: choosing the exercises (required first, then each component's minimum,
// then by score up to the limit) and putting them in the order to perform them.
#include <algorithm>

#include "core/recommend/recommender.hpp"

namespace rehab {

namespace {

int component_rank(Component c) {
    switch (c) {
        case Component::motor_control:
            return 0;
        case Component::strength:
            return 1;
        case Component::trunk:
            return 2;
        case Component::balance:
            return 3;
        case Component::mobility:
            return 4;
    }
    return 5;
}

bool only_isometric(const Exercise& e) {
    for (const auto& p : e.performs)
        if (p.contractions != (1u << static_cast<unsigned>(Contraction::isometric))) return false;
    return !e.performs.empty();
}

// Why a candidate was (last) blocked while choosing; `by` is the chosen exercise for same_job.
struct Blocked {
    enum Kind { none, same_job, component_limit, total_limit } kind = none;
    ExerciseId by;
};

// Every exercise that is not eligible (excluded by a rule or guarded by the knowledge), in id order,
// with the exclusion rules whose selector names it, in the order they fired. Each rule's set is
// walked once, so the cost follows the exclusions, not exclusions x exercises.
// The items of the previous recommendation are overwritten in place (no allocation once warm).
void excluded_items(const RuleSet& rules, Recommendation& out, const ExerciseSet& eligible) {
    const Evaluation& ev = out.evaluation;
    ExerciseSet ineligible = eligible;
    ineligible.complement();
    std::vector<std::uint32_t> slot(ineligible.size());  // exercise -> index in out.excluded
    std::uint32_t k = 0;
    ineligible.for_each([&](ExerciseId e) {
        slot[e.value] = k;
        if (k < out.excluded.size()) {
            out.excluded[k].exercise = e;
            out.excluded[k].rules.clear();
        } else {
            out.excluded.push_back({e, {}});
        }
        ++k;
    });
    out.excluded.resize(k);
    for (const auto& ref : ev.exclusions) {
        ExerciseSet named =
            rules.selector(rules.rule(ref.rule).actions[ref.action].selector).resolve(ev.facts);
        named &= ineligible;
        named.for_each([&](ExerciseId e) { out.excluded[slot[e.value]].rules.push_back(ref.rule); });
    }
}

// The eligible exercises in the order they are tried: required first, then by score (highest
// first), ties by id. Most exercises have no score at all: only the others are sorted.
std::vector<ExerciseId> candidates(const Evaluation& ev, const ExerciseSet& eligible) {
    std::vector<ExerciseId> scored, plain, out;
    eligible.for_each([&](ExerciseId e) {
        if (ev.required.contains(e) || ev.score[e.value] != 0)
            scored.push_back(e);
        else
            plain.push_back(e);
    });
    std::stable_sort(scored.begin(), scored.end(), [&](ExerciseId a, ExerciseId b) {
        bool ra = ev.required.contains(a), rb = ev.required.contains(b);
        if (ra != rb) return ra;
        if (ev.score[a.value] != ev.score[b.value]) return ev.score[a.value] > ev.score[b.value];
        return a < b;
    });
    // Unscored exercises (score 0, not required) go between the positive and the negative ones.
    auto first_negative = std::find_if(scored.begin(), scored.end(), [&](ExerciseId e) {
        return !ev.required.contains(e) && ev.score[e.value] < 0;
    });
    out.reserve(scored.size() + plain.size());
    out.insert(out.end(), scored.begin(), first_negative);
    out.insert(out.end(), plain.begin(), plain.end());
    out.insert(out.end(), first_negative, scored.end());
    return out;
}

NotChosenItem not_chosen_item(ExerciseId e, double score, const Blocked& b) {
    switch (b.kind) {
        case Blocked::same_job:
            return {e, score, NotChosenWhy::same_job, b.by};
        case Blocked::component_limit:
            return {e, score, NotChosenWhy::component_limit, {}};
        case Blocked::total_limit:
            return {e, score, NotChosenWhy::total_limit, {}};
        case Blocked::none:
            break;
    }
    return {e, score, score > 0 ? NotChosenWhy::ranked_below : NotChosenWhy::not_preferred, {}};
}

}  // namespace

void remove_contraindicated(const KnowledgeGraph& kg, ConditionId condition, Stage stage,
                            ExerciseSet& eligible) {
    for (const auto& ex : kg.exercises())
        for (const auto& p : ex.precautions)
            if (p.contraindication && p.condition == condition &&
                (p.stages & (1u << static_cast<unsigned>(stage))) && eligible.contains(ex.id))
                eligible.erase(ex.id);
}

void Recommender::select(Recommendation& out) const {
    const KnowledgeGraph& kg = knowledge();
    const Evaluation& ev = out.evaluation;
    const std::size_t n = kg.exercise_count();
    ExerciseSet eligible = ExerciseSet::all(n);
    eligible.subtract(ev.excluded);
    // Safety guard, independent of the rules: never recommend what the knowledge contraindicates.
    const FactValue& cond = ev.facts.get(slots_.condition);
    if (cond.known)
        remove_contraindicated(kg, ConditionId(static_cast<std::uint32_t>(cond.value)), out.stage, eligible);
    excluded_items(rules(), out, eligible);

    const std::vector<ExerciseId> cand = candidates(ev, eligible);

    std::vector<ExerciseId> chosen;
    int per_comp[component_count] = {};
    // Why a candidate was last blocked, as a code: renderers write the words.
    std::vector<Blocked> why_not(cand.size());
    std::size_t at = 0;  // index in cand of the exercise being tried
    auto blocked = [&](ExerciseId e) -> bool {
        const Exercise& ex = kg.exercise(e);
        for (auto c : chosen)
            if (same_job_[e.value].contains(c)) {
                why_not[at] = {Blocked::same_job, c};
                return true;
            }
        const Limit& lc = ev.per_component[static_cast<int>(ex.component)];
        if (per_comp[static_cast<int>(ex.component)] >= lc.max) {
            why_not[at] = {Blocked::component_limit, {}};
            return true;
        }
        if (static_cast<int>(chosen.size()) >= ev.total.max) {
            why_not[at] = {Blocked::total_limit, {}};
            return true;
        }
        return false;
    };
    auto take = [&](ExerciseId e) {
        if (std::find(chosen.begin(), chosen.end(), e) != chosen.end() || blocked(e)) return false;
        chosen.push_back(e);
        ++per_comp[static_cast<int>(kg.exercise(e).component)];
        return true;
    };
    for (at = 0; at < cand.size(); ++at)
        if (ev.required.contains(cand[at])) take(cand[at]);
    for (int c = 0; c < component_count; ++c)
        for (at = 0; at < cand.size() && per_comp[c] < ev.per_component[c].min; ++at)
            if (static_cast<int>(kg.exercise(cand[at]).component) == c && ev.score[cand[at].value] >= 0)
                take(cand[at]);
    // Candidates are sorted by score: the positive ones come first (after the required ones).
    for (at = 0; at < cand.size() && (ev.required.contains(cand[at]) || ev.score[cand[at].value] > 0); ++at)
        if (ev.score[cand[at].value] > 0) take(cand[at]);
    for (at = 0; at < cand.size() && static_cast<int>(chosen.size()) < ev.total.min; ++at)
        if (ev.score[cand[at].value] >= 0) take(cand[at]);
    if (static_cast<int>(chosen.size()) < ev.total.min)
        out.warnings.push_back({ev.total.min_rule >= 0 ? static_cast<std::uint32_t>(ev.total.min_rule) : 0,
                                {NoteCode::too_few_eligible,
                                 {num_arg(static_cast<double>(chosen.size())), num_arg(ev.total.min)}}});
    for (int c = 0; c < component_count; ++c)
        if (per_comp[c] < ev.per_component[c].min) {
            // Eligible ones of the component that were not taken: scored down, or the same job as one chosen.
            const auto left = std::count_if(cand.begin(), cand.end(), [&](ExerciseId e) {
                return static_cast<int>(kg.exercise(e).component) == c &&
                       std::find(chosen.begin(), chosen.end(), e) == chosen.end();
            });
            out.warnings.push_back(
                {static_cast<std::uint32_t>(std::max<std::int64_t>(0, ev.per_component[c].min_rule)),
                 {NoteCode::no_eligible_component,
                  {static_cast<Component>(c), num_arg(static_cast<double>(left)),
                   num_arg(ev.per_component[c].min)}}});
        }

    std::stable_sort(chosen.begin(), chosen.end(), [&](ExerciseId a, ExerciseId b) {
        const Exercise& x = kg.exercise(a);
        const Exercise& y = kg.exercise(b);
        if (component_rank(x.component) != component_rank(y.component))
            return component_rank(x.component) < component_rank(y.component);
        if (only_isometric(x) != only_isometric(y)) return only_isometric(x);
        if (x.stance != y.stance) return x.stance < y.stance;
        return a < b;
    });
    for (auto e : chosen) {
        ProgrammeItem item;
        item.exercise = e;
        item.score = ev.score[e.value];
        out.items.push_back(std::move(item));
    }
    ExerciseSet in_programme(n);
    for (auto e : chosen) in_programme.insert(e);
    // Overwrites the previous recommendation's items in place (no allocation once warm).
    out.not_chosen.resize(cand.size() - chosen.size());
    std::size_t k = 0;
    for (at = 0; at < cand.size(); ++at)
        if (!in_programme.contains(cand[at]))
            out.not_chosen[k++] = not_chosen_item(cand[at], ev.score[cand[at].value], why_not[at]);
}

}  // namespace rehab
