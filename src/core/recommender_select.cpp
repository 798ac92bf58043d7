// Recommender, part two: choosing the exercises (required first, then each component's minimum,
// then by score up to the limit), dosing them and putting them in the order to perform them.
#include <algorithm>
#include <cmath>

#include "core/recommender.hpp"

namespace rehab {

namespace {

int component_rank(Component c) {
    switch (c) {
        case Component::motor_control: return 0;
        case Component::strength: return 1;
        case Component::trunk: return 2;
        case Component::balance: return 3;
        case Component::mobility: return 4;
    }
    return 5;
}

bool only_isometric(const Exercise& e) {
    for (const auto& p : e.performs)
        if (p.contractions != (1u << static_cast<unsigned>(Contraction::isometric))) return false;
    return !e.performs.empty();
}

}  // namespace

void Recommender::select(Recommendation& out) const {
    const KnowledgeGraph& kg = knowledge();
    const Evaluation& ev = out.evaluation;
    const std::size_t n = kg.exercise_count();
    ExerciseSet eligible = ExerciseSet::all(n);
    eligible.subtract(ev.excluded);
    // Safety guard, independent of the rules: never recommend what the knowledge contraindicates.
    const FactValue& cond = ev.facts.get(slots_.condition);
    std::vector<ExerciseId> guarded;
    if (cond.known)
        for (const auto& ex : kg.exercises())
            for (const auto& p : ex.precautions)
                if (p.contraindication && p.condition.value == static_cast<std::uint32_t>(cond.value) &&
                    (p.stages & (1u << static_cast<unsigned>(out.stage))) && eligible.contains(ex.id)) {
                    eligible.erase(ex.id);
                    guarded.push_back(ex.id);
                }
    for (const auto& ex : kg.exercises()) {
        if (eligible.contains(ex.id)) continue;
        ExcludedItem item{ex.id, {}};
        for (const auto& ref : ev.exclusions)
            if (rules().selector(rules().rule(ref.rule).actions[ref.action].selector).resolve(ev.facts).contains(ex.id))
                item.rules.push_back(ref.rule);
        out.excluded.push_back(std::move(item));
    }

    std::vector<ExerciseId> cand;
    eligible.for_each([&](ExerciseId e) { cand.push_back(e); });
    std::stable_sort(cand.begin(), cand.end(), [&](ExerciseId a, ExerciseId b) {
        bool ra = ev.required.contains(a), rb = ev.required.contains(b);
        if (ra != rb) return ra;
        if (ev.score[a.value] != ev.score[b.value]) return ev.score[a.value] > ev.score[b.value];
        return a < b;
    });

    std::vector<ExerciseId> chosen;
    int per_comp[component_count] = {};
    std::vector<std::string> why_not(n);
    auto blocked = [&](ExerciseId e) -> bool {
        const Exercise& ex = kg.exercise(e);
        for (auto c : chosen)
            if (same_job_[e.value].contains(c)) {
                why_not[e.value] = "does the same job as " + kg.exercise(c).name + ", already chosen";
                return true;
            }
        const Limit& lc = ev.per_component[static_cast<int>(ex.component)];
        if (per_comp[static_cast<int>(ex.component)] >= lc.max) {
            why_not[e.value] = std::string("the limit of ") + std::to_string(lc.max) + " " + to_string(ex.component) +
                               " exercise(s) was reached";
            return true;
        }
        if (static_cast<int>(chosen.size()) >= ev.total.max) {
            why_not[e.value] = "the programme limit of " + std::to_string(ev.total.max) + " exercises was reached";
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
    for (auto e : cand)
        if (ev.required.contains(e)) take(e);
    for (int c = 0; c < component_count; ++c)
        for (auto e : cand)
            if (per_comp[c] < ev.per_component[c].min && static_cast<int>(kg.exercise(e).component) == c &&
                ev.score[e.value] >= 0)
                take(e);
    for (auto e : cand)
        if (ev.score[e.value] > 0) take(e);
    for (auto e : cand)
        if (static_cast<int>(chosen.size()) < ev.total.min && ev.score[e.value] >= 0) take(e);
    if (static_cast<int>(chosen.size()) < ev.total.min)
        out.warnings.push_back({ev.total.min_rule >= 0 ? static_cast<std::uint32_t>(ev.total.min_rule) : 0,
                                "only " + std::to_string(chosen.size()) + " safe exercise(s) were eligible, fewer than the " +
                                    std::to_string(ev.total.min) + " the rules ask for"});
    for (int c = 0; c < component_count; ++c)
        if (per_comp[c] < ev.per_component[c].min)
            out.warnings.push_back({static_cast<std::uint32_t>(std::max<std::int64_t>(0, ev.per_component[c].min_rule)),
                                    std::string("no eligible ") + to_string(static_cast<Component>(c)) +
                                        " exercise could be included"});

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
        dose(item, out.stage, ev);
        out.items.push_back(std::move(item));
    }
    for (auto e : cand) {
        if (std::find(chosen.begin(), chosen.end(), e) != chosen.end()) continue;
        std::string reason = why_not[e.value];
        if (reason.empty())
            reason = ev.score[e.value] <= 0 ? "no rule preferred it for this patient (score " +
                                                  std::to_string(static_cast<int>(ev.score[e.value])) + ")"
                                            : "ranked below the exercises chosen";
        out.not_chosen.push_back({e, ev.score[e.value], std::move(reason)});
    }
    for (auto g : guarded) {
        for (auto& x : out.excluded)
            if (x.exercise == g) goto next;
        out.excluded.push_back({g, {}});
    next:;
    }
    std::sort(out.excluded.begin(), out.excluded.end(),
              [](const ExcludedItem& a, const ExcludedItem& b) { return a.exercise < b.exercise; });
}

void Recommender::dose(ProgrammeItem& item, Stage stage, const Evaluation& ev) const {
    const Exercise& ex = knowledge().exercise(item.exercise);
    const Dose* base = nullptr;
    for (int s : {static_cast<int>(stage), 1, 0, 2})
        if (ex.dosage[s]) {
            base = &*ex.dosage[s];
            break;
        }
    PrescribedDose& d = item.dose;
    if (!base) return;
    auto lo = [](const std::optional<Range>& r) { return r ? std::optional<int>(static_cast<int>(r->min)) : std::nullopt; };
    auto hi = [](const std::optional<Range>& r) { return r ? std::optional<int>(static_cast<int>(r->max)) : std::nullopt; };
    d.sets = static_cast<int>(base->sets.max);
    d.reps = lo(base->reps), d.reps_top = hi(base->reps);
    d.hold_s = lo(base->hold_s), d.hold_top = hi(base->hold_s);
    if (base->duration_min) d.duration_min = base->duration_min->min;
    d.tempo = base->tempo;
    d.rest_s = base->rest_s;
    d.per_week = base->per_week;
    d.band = base->band;
    d.per_side = base->per_side;
    // Lowest priority first, so that the highest-priority rule has the last word on each field.
    // Evaluation order is by stratum first, so sort by priority (ties: the earlier rule last).
    std::vector<ActionRef> order(ev.doses.rbegin(), ev.doses.rend());
    std::stable_sort(order.begin(), order.end(), [&](const ActionRef& a, const ActionRef& b) {
        return rules().rule(a.rule).priority < rules().rule(b.rule).priority;
    });
    for (auto it = order.begin(); it != order.end(); ++it) {
        const CompiledAction& a = rules().rule(it->rule).actions[it->action];
        if (!rules().selector(a.selector).resolve(ev.facts).contains(item.exercise)) continue;
        if (a.level == 0) d.sets = static_cast<int>(base->sets.min);
        if (a.level == 1) d.sets = static_cast<int>(base->sets.max);
        if (a.sets) d.sets = std::clamp(*a.sets, 1, 10);
        if (a.reps && d.reps) d.reps = std::clamp(*a.reps, 1, d.reps_top.value_or(*a.reps));
        if (a.hold_s && d.hold_s) d.hold_s = std::clamp(*a.hold_s, 1, d.hold_top.value_or(*a.hold_s));
        if (a.rest_s) d.rest_s = *a.rest_s;
        if (a.per_week) d.per_week = *a.per_week;
        if (!a.tempo.empty()) d.tempo = a.tempo;
        if (a.volume_scale) d.sets = std::max(1, static_cast<int>(std::lround(d.sets * *a.volume_scale)));
        if (a.band_step && d.band.valid()) {
            int b = static_cast<int>(d.band.value) + a.band_step;
            b = std::clamp(b, 0, static_cast<int>(knowledge().bands().size()) - 1);
            d.band = BandId(static_cast<std::uint32_t>(b));
        }
        item.dosed_by.insert(item.dosed_by.begin(), {it->rule, ActionKind::dose, 0});
    }
}

}  // namespace rehab
