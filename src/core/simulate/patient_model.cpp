// The simulated patient's response model (docs/simulation.md). Pain during an exercise is
// max(0, baseline + load_excess - recovery + noise); next-morning pain follows pain above the ceiling;
// effort follows demand / capacity; form breaks when overloaded; capacity grows with completed doses.
#include "core/simulate/patient_model.hpp"

#include <algorithm>
#include <cmath>

#include "core/recommend/dosing.hpp"
#include "core/recommend/progression.hpp"

namespace rehab {

namespace {

constexpr double baseline_scale = 0.3;      // pain during at a comfortable load: 30% of the key-movement pain
constexpr double excess_per_unit = 6.0;     // pain points per unit of demand above capacity
constexpr double recovery_per_week = 0.25;  // pain points per week kept within the ceiling
constexpr double capacity_gain = 0.006;     // capacity gained per completed exercise-session
constexpr double overload = 1.25;           // demand / capacity above which form breaks

double half_points(double v) { return std::clamp(std::round(v * 2) / 2, 0.0, 10.0) + 0.0; }  // no -0

double volume(std::optional<int> sets, std::optional<int> reps, std::optional<int> hold,
              std::optional<double> minutes) {
    return sets.value_or(1) * reps.value_or(1) * (hold ? *hold : 1) * minutes.value_or(1.0);
}

}  // namespace

PatientModel::PatientModel(const KnowledgeGraph& kg, const Profile& start, unsigned seed)
    : kg_(kg), rng_(seed), depth_(kg.exercise_count(), -1) {
    key_pain_ = key_pain(kg, start);
    capacity_ = 1.5 - 0.05 * key_pain_;
    adduction_ = kg.find_movement("hip_adduction");
}

double PatientModel::key_pain(const KnowledgeGraph& kg, const Profile& p) {
    if (p.condition.valid()) {
        const MovementId key = kg.condition(p.condition).key_movement;
        for (const auto& [m, v] : p.pain.resisted)
            if (m == key) return v;
    }
    return p.pain.walking.value_or(2);
}

double PatientModel::noise(double sd) { return std::normal_distribution<double>(0, sd)(rng_); }

int PatientModel::depth(ExerciseId e, int guard) {
    if (depth_[e.value] >= 0) return depth_[e.value];
    int d = 0;
    if (guard < 32)
        for (ExerciseId before : kg_.regressions(e)) d = std::max(d, depth(before, guard + 1) + 1);
    return depth_[e.value] = d;
}

double PatientModel::demand(const ProgrammeItem& item) const {
    const Exercise& ex = kg_.exercise(item.exercise);
    const PrescribedDose& d = item.dose;
    double ratio = 1, band = 1;
    Stage first = Stage::mid;
    for (int s = 0; s < stage_count; ++s)
        if (ex.in_stage(static_cast<Stage>(s))) {
            first = static_cast<Stage>(s);
            break;
        }
    if (const Dose* entry = knowledge_dose(ex, first)) {
        auto lo = [](const std::optional<Range>& r) {
            return r ? std::optional<int>(static_cast<int>(r->min)) : std::nullopt;
        };
        const double base =
            volume(static_cast<int>(entry->sets.min), lo(entry->reps), lo(entry->hold_s),
                   entry->duration_min ? std::optional<double>(entry->duration_min->min) : std::nullopt);
        ratio = volume(d.sets, d.reps, d.hold_s, d.duration_min) / std::max(1.0, base);
        if (entry->band.valid() && d.band.valid())
            band = kg_.band(d.band).force_lb / std::max(0.1, kg_.band(entry->band).force_lb);
    }
    const int dep = depth_[item.exercise.value] >= 0 ? depth_[item.exercise.value] : 0;
    return (1 + 0.1 * dep) * (0.6 + 0.4 * ratio) * band;
}

LoggedExercise PatientModel::perform(const ProgrammeItem& item, double ceiling, double usual_pain) {
    depth(item.exercise, 0);
    const double load = demand(item) / capacity_;
    LoggedExercise x;
    x.exercise = item.exercise;
    const bool overloaded = load > overload + noise(0.05);
    const double done = overloaded ? overload / load : 1.0;
    x.sets = item.dose.sets;
    if (item.dose.reps) x.reps = std::max(1, static_cast<int>(*item.dose.reps * done));
    if (item.dose.hold_s)
        x.hold_s = std::max(1, static_cast<int>(*item.dose.hold_s * (item.dose.reps ? 1.0 : done)));
    if (!x.reps && !x.hold_s) x.reps = 1;  // timed work: one bout
    if (item.dose.band.valid()) x.band = item.dose.band;
    x.form_kept = !overloaded;
    const double baseline = baseline_scale * key_pain_;
    const double excess = std::max(0.0, load - 1) * excess_per_unit;
    const double pain = half_points(baseline + excess - recovery_per_week * weeks_within_ + noise(0.6));
    x.pain_during = pain;
    x.pain_next_morning = half_points(usual_pain + 0.8 * std::max(0.0, pain - ceiling + noise(0.5)));
    x.rpe = half_points(3 + 4 * load + noise(0.5));
    if (!overloaded) ++completed_;
    return x;
}

void PatientModel::end_week(Profile& p, const std::vector<ProgrammeItem>& programme, double week_pain_max,
                            double ceiling) {
    capacity_ *= std::pow(1 + capacity_gain, completed_);
    completed_ = 0;
    const bool within = week_pain_max <= ceiling;
    weeks_within_ = within ? weeks_within_ + 1 : 0;
    auto move = [&](double v) { return within ? half_points(v - 0.5 - 0.1 * v) : half_points(v + 0.5); };
    if (p.pain.rest) p.pain.rest = move(*p.pain.rest);
    if (p.pain.walking) p.pain.walking = move(*p.pain.walking);
    if (p.condition.valid())
        for (auto& [m, v] : p.pain.resisted)
            if (m == kg_.condition(p.condition).key_movement) v = move(v);
    if (within && p.pain.lasts_next_day) p.pain.lasts_next_day = false;
    if (within && p.weight_bearing && *p.weight_bearing != WeightBearing::full &&
        p.pain.walking.value_or(10) <= 3)
        p.weight_bearing =
            *p.weight_bearing == WeightBearing::none ? WeightBearing::partial : WeightBearing::full;
    bool balance = false, adductor = false;
    for (const auto& item : programme) {
        const Exercise& ex = kg_.exercise(item.exercise);
        balance |= ex.component == Component::balance;
        for (const auto& perf : ex.performs) adductor |= adduction_ && perf.movement == *adduction_;
    }
    if (balance && p.single_leg_stance_s) p.single_leg_stance_s = std::min(60.0, *p.single_leg_stance_s + 5);
    if (adductor && p.squeeze_ratio)
        p.squeeze_ratio = std::min(1.0, std::round((*p.squeeze_ratio + 0.04) * 100) / 100);
    if (p.days_since_onset) *p.days_since_onset += 7;
    key_pain_ = key_pain(kg_, p);
}

}  // namespace rehab
