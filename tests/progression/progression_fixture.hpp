// Shared pieces of the [progression] tests: the bundled recommender (loaded once), a mid-stage
// adductor-related groin pain patient built in code, and helpers to prescribe and log sessions.
#pragma once
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "../support/bundled.hpp"
#include "core/recommend/dosing.hpp"
#include "core/recommend/profile.hpp"
#include "core/recommend/progression.hpp"
#include "core/recommend/recommender.hpp"
#include "io/load/rules_loader.hpp"
#include "io/render/words/note_words.hpp"

namespace rehab::test {

inline const Recommender& bundled() { return *bundled_recommender(); }

inline ExerciseId ex(const std::string& key) {
    auto e = bundled().knowledge().find_exercise(key);
    REQUIRE(e);
    return *e;
}

inline BandId band(const std::string& key) {
    auto b = bundled().knowledge().find_band(key);
    REQUIRE(b);
    return *b;
}

// Mid stage (clinician), low irritability, ceiling 3/10 (ceiling.groin_and_acute), usual pain 1/10.
inline Profile adductor_patient() {
    const KnowledgeGraph& kg = bundled().knowledge();
    Profile p;
    p.id = "progression-test";
    p.age = 25;
    p.condition = *kg.find_condition("adductor_related_groin_pain");
    p.side = Side::left;
    p.days_since_onset = 28;
    p.stage = Stage::mid;
    p.pain.rest = 0;
    p.pain.walking = 1;
    p.pain.resisted.push_back({*kg.find_movement("hip_adduction"), 2});
    p.weight_bearing = WeightBearing::full;
    p.single_leg_stance_s = 25;
    p.squeeze_ratio = 0.7;
    for (const char* e : {"resistance_band", "ball", "step", "mat", "bench"})
        p.equipment.push_back(*kg.find_equipment(e));
    p.on_pain_medication = false;
    p.history.previous_stage = Stage::mid;
    p.history.usual_pain = 1;
    return p;
}

inline PrescribedExercise prescribe(const std::string& key, int sets, std::optional<int> reps,
                                    std::optional<int> hold = std::nullopt,
                                    const std::string& band_key = "") {
    PrescribedExercise pe{ex(key), sets, reps, hold, std::nullopt};
    if (!band_key.empty()) pe.band = band(band_key);
    return pe;
}

// A session in which the prescription was done exactly, with the given outcome.
inline LoggedExercise logged(const PrescribedExercise& pe, double pain, double morning = 1, double rpe = 6,
                             bool form = true) {
    LoggedExercise x;
    x.exercise = pe.exercise;
    x.sets = pe.sets;
    x.reps = pe.reps;
    x.hold_s = pe.hold_s;
    x.band = pe.band;
    x.pain_during = pain;
    x.pain_next_morning = morning;
    x.rpe = rpe;
    x.form_kept = form;
    return x;
}

// Adds one session per outcome, on days 1, 3, 5, ...
inline void log_sessions(Profile& p, const std::vector<LoggedExercise>& outcomes) {
    int day = p.history.sessions.empty() ? 1 : p.history.sessions.back().day + 2;
    for (const auto& x : outcomes) {
        LoggedSession s;
        s.day = day;
        s.exercises.push_back(x);
        p.history.sessions.push_back(s);
        day += 2;
    }
}

inline const ProgrammeItem* item_for(const std::vector<ProgrammeItem>& items, ExerciseId e) {
    for (const auto& i : items)
        if (i.exercise == e) return &i;
    return nullptr;
}

inline bool mentions(const std::vector<std::string>& texts, const std::string& part) {
    for (const auto& t : texts)
        if (t.find(part) != std::string::npos) return true;
    return false;
}

inline bool mentions(const std::vector<Note>& notes, const std::string& part) {
    return mentions(io::note_texts(bundled().rules(), notes), part);
}

inline bool warned(const Recommendation& rec, const std::string& part) {
    for (const auto& w : rec.warnings)
        if (io::warning_text(bundled().rules(), w).find(part) != std::string::npos) return true;
    return false;
}

}  // namespace rehab::test
