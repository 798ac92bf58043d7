// Dosing: the knowledge dose and entry dose of an exercise, the knowledge limits a dose moves within,
// and one-step changes (clinical.md 2.3): reps (+2) or hold (+5 s) to the top of the range, then
// sets, then one band colour (reps back to the bottom), and back.
#include "core/recommend/dosing.hpp"

#include <algorithm>
#include <cmath>

namespace rehab {

namespace {
constexpr int reps_step = 2;
constexpr int hold_step = 5;
constexpr int band_colours_above_entry = 3;

std::optional<int> lo(const std::optional<Range>& r) {
    return r ? std::optional<int>(static_cast<int>(r->min)) : std::nullopt;
}
std::optional<int> hi(const std::optional<Range>& r) {
    return r ? std::optional<int>(static_cast<int>(r->max)) : std::nullopt;
}

PrescribedDose bottom_of_ranges(const Dose& base) {
    PrescribedDose d;
    d.sets = static_cast<int>(base.sets.max);
    d.reps = lo(base.reps), d.reps_top = hi(base.reps);
    d.hold_s = lo(base.hold_s), d.hold_top = hi(base.hold_s);
    if (base.duration_min) d.duration_min = base.duration_min->min;
    d.tempo = base.tempo;
    d.rest_s = base.rest_s;
    d.per_week = base.per_week;
    d.band = base.band;
    d.per_side = base.per_side;
    return d;
}

void apply_dose_rule(const CompiledAction& a, const Dose& base, int band_count, PrescribedDose& d) {
    if (a.level == 0) d.sets = static_cast<int>(base.sets.min);
    if (a.level == 1) d.sets = static_cast<int>(base.sets.max);
    if (a.sets) d.sets = std::clamp(*a.sets, 1, 10);
    if (a.reps && d.reps) d.reps = std::clamp(*a.reps, 1, d.reps_top.value_or(*a.reps));
    if (a.hold_s && d.hold_s) d.hold_s = std::clamp(*a.hold_s, 1, d.hold_top.value_or(*a.hold_s));
    if (a.rest_s) d.rest_s = *a.rest_s;
    if (a.per_week) d.per_week = *a.per_week;
    if (!a.tempo.empty()) d.tempo = a.tempo;
    if (a.per_side) d.per_side = *a.per_side;
    if (a.volume_scale) d.sets = std::max(1, static_cast<int>(std::lround(d.sets * *a.volume_scale)));
    if (a.band_step && d.band.valid()) {
        const int b = std::clamp(static_cast<int>(d.band.value) + a.band_step, 0, band_count - 1);
        d.band = BandId(static_cast<std::uint32_t>(b));
    }
}
}  // namespace

const Dose* knowledge_dose(const Exercise& ex, Stage stage) {
    for (int s : {static_cast<int>(stage), 1, 0, 2})
        if (ex.dosage[s]) return &*ex.dosage[s];
    return nullptr;
}

PrescribedDose entry_dose(const RuleSet& rules, ExerciseId e, Stage stage, const Evaluation& ev,
                          std::vector<Reason>* dosed_by) {
    const KnowledgeGraph& kg = rules.knowledge();
    const Dose* base = knowledge_dose(kg.exercise(e), stage);
    if (!base) return {};
    PrescribedDose d = bottom_of_ranges(*base);
    // Lowest priority first, so that the highest-priority rule has the last word on each field.
    // Evaluation order is by stratum first, so sort by priority (ties: the earlier rule last).
    std::vector<ActionRef> order(ev.doses.rbegin(), ev.doses.rend());
    std::stable_sort(order.begin(), order.end(), [&](const ActionRef& a, const ActionRef& b) {
        return rules.rule(a.rule).priority < rules.rule(b.rule).priority;
    });
    for (const ActionRef& ref : order) {
        const CompiledAction& a = rules.rule(ref.rule).actions[ref.action];
        if (!rules.selector(a.selector).resolve(ev.facts).contains(e)) continue;
        apply_dose_rule(a, *base, static_cast<int>(kg.bands().size()), d);
        if (dosed_by) dosed_by->insert(dosed_by->begin(), {ref.rule, ActionKind::dose, 0});
    }
    return d;
}

DoseLimits dose_limits(const KnowledgeGraph& kg, const Exercise& ex, Stage stage,
                       const PrescribedDose& entry) {
    DoseLimits l;
    const Dose* base = knowledge_dose(ex, stage);
    if (!base) return l;
    l.reps_lo = lo(base->reps), l.reps_hi = hi(base->reps);
    l.hold_lo = lo(base->hold_s), l.hold_hi = hi(base->hold_s);
    l.sets_lo = static_cast<int>(base->sets.min);
    l.sets_hi = static_cast<int>(base->sets.max);
    if (base->band.valid()) {
        const int top = static_cast<int>(kg.bands().size()) - 1;
        const int b = static_cast<int>(base->band.value);
        l.band_lo = entry.band.valid() ? std::min(b, static_cast<int>(entry.band.value)) : b;
        l.band_hi = std::min(top, b + band_colours_above_entry);
    }
    return l;
}

DoseStep step_up(PrescribedDose& d, const DoseLimits& l) {
    if (d.reps && l.reps_hi && *d.reps < *l.reps_hi) {
        const int from = *d.reps;
        d.reps = std::min(from + reps_step, *l.reps_hi);
        return {DoseField::reps, from, *d.reps, {}};
    }
    if (d.hold_s && l.hold_hi && *d.hold_s < *l.hold_hi) {
        const int from = *d.hold_s;
        d.hold_s = std::min(from + hold_step, *l.hold_hi);
        return {DoseField::hold, from, *d.hold_s, {}};
    }
    if (d.sets < l.sets_hi) {
        ++d.sets;
        return {DoseField::sets, d.sets - 1, d.sets, {}};
    }
    if (d.band.valid() && l.band_hi && static_cast<int>(d.band.value) < *l.band_hi) {
        const int from = static_cast<int>(d.band.value);
        d.band = BandId(d.band.value + 1);
        DoseStep s{DoseField::band, from, from + 1, {}};
        if (d.reps && l.reps_lo && *d.reps != *l.reps_lo) d.reps = s.reps_back_to = *l.reps_lo;
        return s;
    }
    return {};
}

// Regress (issue 14, finding 11; clinical.md 2.3): the smallest change first: reps (or hold time)
// down to the bottom of the range, then sets, then the band; below that the caller steps back along
// the chain.
DoseStep step_down(PrescribedDose& d, const DoseLimits& l) {
    if (d.reps && l.reps_lo && *d.reps > *l.reps_lo) {
        const int from = *d.reps;
        d.reps = std::max(from - reps_step, *l.reps_lo);
        return {DoseField::reps, from, *d.reps, {}};
    }
    if (d.hold_s && l.hold_lo && *d.hold_s > *l.hold_lo) {
        const int from = *d.hold_s;
        d.hold_s = std::max(from - hold_step, *l.hold_lo);
        return {DoseField::hold, from, *d.hold_s, {}};
    }
    if (d.sets > l.sets_lo) {
        --d.sets;
        return {DoseField::sets, d.sets + 1, d.sets, {}};
    }
    if (d.band.valid() && l.band_lo && static_cast<int>(d.band.value) > *l.band_lo) {
        const int from = static_cast<int>(d.band.value);
        d.band = BandId(d.band.value - 1);
        return {DoseField::band, from, from - 1, {}};
    }
    return {};
}

}  // namespace rehab
