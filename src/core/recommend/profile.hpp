// A patient profile as a value: what the clinician reports (condition, pain, capabilities,
// equipment, red flags) and, optionally, the current programme and logged sessions. Ids are
// already resolved against the knowledge graph by whoever built it (the io layer, or a host).
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/base/ids.hpp"
#include "core/knowledge/model.hpp"

namespace rehab {

enum class Side { left = 0, right, both };
enum class WeightBearing { full = 0, partial, none };
const char* to_string(Side s);
const char* to_string(WeightBearing w);

// The activities a profile may name (a fixed vocabulary, so rules can test them): the demands
// (running, kicking, ...) and common sports, each mapped to its demands.
const std::vector<std::string>& activity_names();
const std::vector<std::pair<std::string, std::vector<std::string>>>& sport_demands();

struct LoggedExercise {
    ExerciseId exercise;
    std::optional<int> sets, reps;  // done
    std::optional<int> hold_s;
    std::optional<BandId> band;               // resistance used
    std::optional<double> pain_during;        // 0-10
    std::optional<double> pain_next_morning;  // 0-10
    std::optional<double> rpe;                // 0-10
    std::optional<bool> form_kept;
};

struct LoggedSession {
    int day = 0;  // day number (from the start of the programme), ascending
    std::vector<LoggedExercise> exercises;
};

struct PrescribedExercise {
    ExerciseId exercise;
    std::optional<int> sets, reps, hold_s;
    std::optional<BandId> band;
};

// An exercise stopped at an earlier review, and why: for its own logged pain, or because a rule
// excluded it (a pain gate, say). The review does not add it back within the rules' memory
// (progress.stopped_memory_days) just to make up the programme's size.
enum class StopReason { pain = 0, excluded };
const char* to_string(StopReason r);

struct StoppedExercise {
    ExerciseId exercise;
    int day = 0;  // the day it was stopped, on the sessions' scale (days from the start of the programme)
    StopReason why = StopReason::pain;
};

struct History {
    std::vector<PrescribedExercise> programme;
    std::vector<StoppedExercise> stopped;
    std::vector<LoggedSession> sessions;
    std::optional<double> usual_pain;     // the patient's usual (baseline) pain level, 0-10
    std::optional<Stage> previous_stage;  // the stage of the current programme
    bool empty() const { return programme.empty() && sessions.empty(); }
};

struct Profile {
    std::string id;
    std::optional<double> age;
    std::string sex;
    std::vector<std::string> activity;
    ConditionId condition;
    Side side = Side::both;
    std::optional<double> days_since_onset;
    std::optional<Stage> stage;  // the clinician's stage; inferred when absent
    std::vector<RedFlagId> red_flags;
    struct Pain {
        std::optional<double> rest, walking;
        std::vector<std::pair<MovementId, double>> resisted, stretch;
        std::optional<bool> lasts_next_day;  // pain after light activity lasts into the next day
    } pain;
    std::optional<WeightBearing> weight_bearing;
    std::optional<double> single_leg_stance_s;
    std::vector<std::pair<PositionId, bool>> positions;  // tolerated? (absent: tolerated)
    std::optional<double> squeeze_ratio;
    std::vector<EquipmentId> equipment;
    bool therapist_present = false;
    std::optional<bool> on_pain_medication;
    History history;
};

}  // namespace rehab
