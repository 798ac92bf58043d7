// Internals shared by the progression files: the thresholds read from the rules, the verdict on one
// exercise's logged sessions, and one-step dose changes within the knowledge ranges. Not installed
// API: only progression*.cpp and the tests include it.
#pragma once
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/recommend/progression.hpp"

namespace rehab::progression {

// One threshold and the rule that derived it ("" when it is an input or unset).
struct Threshold {
    std::optional<double> value;
    std::int64_t rule = -1;
    std::string rule_id;
    std::string cite() const { return rule_id.empty() ? "" : " [" + rule_id + "]"; }
};

struct Thresholds {
    Threshold ceiling, sessions, rpe_max, margin;
    Threshold trend;              // optional: rise in mean pain during that regresses (any rise when unset)
    std::optional<double> usual;  // history.usual_pain
    bool medication = false;
    bool complete() const { return ceiling.value && sessions.value && rpe_max.value && margin.value; }
    int sessions_required() const { return std::max(1, static_cast<int>(*sessions.value + 0.5)); }
};

Thresholds read_thresholds(const Recommender& r, const Profile& p, const Evaluation& ev);

enum class Verdict { progress, hold, regress };

struct Entry {  // one logged session of one exercise
    int day = 0;
    const LoggedExercise* log = nullptr;
};

struct Assessment {
    Verdict verdict = Verdict::hold;
    bool inconsistent = false;  // the log cannot be trusted: held, with a warning
    bool over_ceiling = false;  // pain during above the ceiling in the last sessions or this week
    std::vector<std::string> reasons;
    std::vector<std::uint32_t> rules;
};

// `entries`: the exercise's logged sessions, ascending by day; `last_day`: the latest day logged for
// any exercise (the review's week is the 7 days up to it).
Assessment assess(const std::vector<Entry>& entries, int last_day, const PrescribedDose& dose,
                  const std::string& name, const Thresholds& t);

struct DoseLimits {
    std::optional<int> reps_lo, reps_hi, hold_lo, hold_hi;
    int sets_lo = 1, sets_hi = 1;
    std::optional<int> band_lo, band_hi;  // band index range, for band exercises
};

DoseLimits dose_limits(const KnowledgeGraph& kg, const Exercise& ex, Stage stage,
                       const PrescribedDose& entry);

// One step up or down in the order of clinical.md 2.3 (reps, hold, sets, band). Returns a description
// ("reps 10 -> 12") or "" when the dose is already at the top (bottom).
std::string step_up(const KnowledgeGraph& kg, PrescribedDose& d, const DoseLimits& l);
std::string step_down(const KnowledgeGraph& kg, PrescribedDose& d, const DoseLimits& l);

}  // namespace rehab::progression
