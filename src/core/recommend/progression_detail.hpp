// Internals shared by the progression files: the thresholds read from the rules, the verdict on one
// exercise's logged sessions. Dose limits and steps are in dosing.hpp. Not installed
// API: only progression*.cpp and the tests include it.
#pragma once
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/recommend/dosing.hpp"
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

Thresholds read_thresholds(const ProgressionContext& c, const Profile& p, const Evaluation& ev);

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

// "reps 10 -> 12", "band Yellow -> Red, reps back to 10".
std::string step_text(const KnowledgeGraph& kg, const DoseStep& s);

}  // namespace rehab::progression
