// Progression, dose part: the entry dose of an exercise (as Recommender doses it), the knowledge
// limits a dose moves within, and the one-step changes of clinical.md 2.3: reps (+2) or hold (+5 s)
// to the top of the range, then sets, then one band colour (reps back to the bottom), and back.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/recommend/progression_detail.hpp"

namespace rehab {

const Dose* knowledge_dose(const Exercise& ex, Stage stage) {
    for (int s : {static_cast<int>(stage), 1, 0, 2})
        if (ex.dosage[s]) return &*ex.dosage[s];
    return nullptr;
}

PrescribedDose entry_dose(const Recommender& r, ExerciseId e, Stage stage, const Evaluation& ev,
                          std::vector<Reason>* dosed_by) {
    return r.entry_dose(e, stage, ev, dosed_by);
}

namespace progression {

namespace {
constexpr int reps_step = 2;
constexpr int hold_step = 5;
constexpr int band_colours_above_entry = 3;

std::string change(const char* what, int from, int to, const char* unit = "") {
    return std::string(what) + " " + std::to_string(from) + unit + " -> " + std::to_string(to) + unit;
}
}  // namespace

DoseLimits dose_limits(const KnowledgeGraph& kg, const Exercise& ex, Stage stage,
                       const PrescribedDose& entry) {
    DoseLimits l;
    const Dose* base = knowledge_dose(ex, stage);
    if (!base) return l;
    if (base->reps)
        l.reps_lo = static_cast<int>(base->reps->min), l.reps_hi = static_cast<int>(base->reps->max);
    if (base->hold_s)
        l.hold_lo = static_cast<int>(base->hold_s->min), l.hold_hi = static_cast<int>(base->hold_s->max);
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

std::string step_up(const KnowledgeGraph& kg, PrescribedDose& d, const DoseLimits& l) {
    if (d.reps && l.reps_hi && *d.reps < *l.reps_hi) {
        const int from = *d.reps;
        d.reps = std::min(from + reps_step, *l.reps_hi);
        return change("reps", from, *d.reps);
    }
    if (d.hold_s && l.hold_hi && *d.hold_s < *l.hold_hi) {
        const int from = *d.hold_s;
        d.hold_s = std::min(from + hold_step, *l.hold_hi);
        return change("hold", from, *d.hold_s, " s");
    }
    if (d.sets < l.sets_hi) {
        ++d.sets;
        return change("sets", d.sets - 1, d.sets);
    }
    if (d.band.valid() && l.band_hi && static_cast<int>(d.band.value) < *l.band_hi) {
        const BandId from = d.band;
        d.band = BandId(from.value + 1);
        std::string s = "band " + kg.band(from).name + " -> " + kg.band(d.band).name;
        if (d.reps && l.reps_lo && *d.reps != *l.reps_lo) {
            s += ", reps back to " + std::to_string(*l.reps_lo);
            d.reps = *l.reps_lo;
        }
        return s;
    }
    return "";
}

std::string step_down(const KnowledgeGraph& kg, PrescribedDose& d, const DoseLimits& l) {
    if (d.band.valid() && l.band_lo && static_cast<int>(d.band.value) > *l.band_lo) {
        const BandId from = d.band;
        d.band = BandId(from.value - 1);
        return "band " + kg.band(from).name + " -> " + kg.band(d.band).name;
    }
    if (d.sets > l.sets_lo) {
        --d.sets;
        return change("sets", d.sets + 1, d.sets);
    }
    if (d.hold_s && l.hold_lo && *d.hold_s > *l.hold_lo) {
        const int from = *d.hold_s;
        d.hold_s = std::max(from - hold_step, *l.hold_lo);
        return change("hold", from, *d.hold_s, " s");
    }
    if (d.reps && l.reps_lo && *d.reps > *l.reps_lo) {
        const int from = *d.reps;
        d.reps = std::max(from - reps_step, *l.reps_lo);
        return change("reps", from, *d.reps);
    }
    return "";
}

}  // namespace progression

std::string format_number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    std::string s = buf;
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
    return s;
}

std::string format_dose(const KnowledgeGraph& kg, const PrescribedDose& d) {
    std::string s = std::to_string(d.sets) + " x ";
    if (d.reps) {
        s += std::to_string(*d.reps);
        if (d.hold_s) s += ", hold " + std::to_string(*d.hold_s) + " s";
    } else if (d.hold_s) {
        s += "hold " + std::to_string(*d.hold_s) + " s";
    } else if (d.duration_min) {
        s += format_number(*d.duration_min) + " min";
    } else {
        s += "1";
    }
    if (d.band.valid()) s += ", " + kg.band(d.band).name + " band";
    return s;
}

}  // namespace rehab
