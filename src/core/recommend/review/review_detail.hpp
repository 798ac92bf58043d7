// Internals shared by the progression files: the thresholds read from the rules, the verdict on one
// exercise's logged sessions (as Notes). Dose limits and steps are in dosing.hpp. Not installed
// API: only review/*.cpp and the tests include it.
#pragma once
#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/recommend/dosing.hpp"
#include "core/recommend/note.hpp"
#include "core/recommend/progression.hpp"

namespace rehab::progression {

// One threshold and the rule that derived it (-1 when it is an input or unset).
struct Threshold {
    std::optional<double> value;
    std::int64_t rule = -1;
    NoteArg cite() const { return RuleArg{rule}; }
};

struct Thresholds {
    Threshold ceiling, sessions, rpe_max, margin;
    Threshold trend;              // optional: rise in mean pain during that regresses (any rise when unset)
    Threshold max_replaced;       // optional: how many may move on to the next exercise in one review
    Threshold stopped_memory;     // optional: days a stopped exercise is not added back to fill up
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
    std::vector<Note> reasons;
    std::vector<std::uint32_t> rules;
};

// `entries`: the exercise's logged sessions, ascending by day; `last_day`: the latest day logged for
// any exercise (the review's week is the 7 days up to it).
Assessment assess(const std::vector<Entry>& entries, int last_day, const PrescribedDose& dose,
                  ExerciseId exercise, const Thresholds& t);

// What the whole log says about the week (review/week.cpp): next-morning pain is one value per
// morning. Each note is set when it applies; `rules` are the thresholds behind them.
struct WeekReading {
    std::optional<Note> inconsistent;  // two different next-morning values for one morning: hold
    std::optional<Note> flare;         // a flare morning this week: no load added in this review
    std::optional<Note> rising;        // mornings rising (week on week, or through the week): regress
    std::vector<std::uint32_t> rules;
};

WeekReading read_week(const std::vector<LoggedSession>& sessions, int last_day, const Thresholds& t);
void apply_week(const WeekReading& w, Assessment& a);

}  // namespace rehab::progression
