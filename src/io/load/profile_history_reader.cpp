// Reads a profile's history: the current programme, the exercises stopped at earlier reviews and
// the logged sessions, and cross-checks them
// (PR008): duplicate exercises, sessions out of day order, logged exercises outside the programme,
// outcomes logged without the dose done, and a band given for an exercise that uses none.
#include <algorithm>

#include "io/load/profile_context.hpp"

namespace rehab::io::detail {

namespace {

constexpr Limit sets_limit = limits::sets;
constexpr Limit reps_limit = limits::reps;
constexpr Limit hold_limit = limits::hold;
constexpr Limit day_limit = limits::session_day;
constexpr Limit rpe_limit = limits::rpe;

// The dose fields shared by prescribed and logged exercises.
struct DoseFields {
    std::optional<ExerciseId> exercise;
    std::optional<int> sets, reps, hold_s;
    std::optional<BandId> band;
};

DoseFields read_dose(FieldReader& r, const ProfileContext& c) {
    DoseFields f;
    if (auto name = r.string("exercise", true))
        if (auto id = c.find(IdKind::exercise, *name, r.child_pointer("exercise")))
            f.exercise = ExerciseId(*id);
    f.sets = c.integer(r, "sets", sets_limit);
    f.reps = c.integer(r, "reps", reps_limit);
    f.hold_s = c.integer(r, "hold_s", hold_limit);
    if (auto band = r.string("band", false)) {
        if (auto id = c.find(IdKind::band, *band, r.child_pointer("band"))) f.band = BandId(*id);
        if (f.exercise) {
            const auto& kg = c.kg();
            const auto resistance_band = kg.find_equipment("resistance_band");
            const auto& needs = kg.exercise(*f.exercise).equipment;
            if (resistance_band && std::find(needs.begin(), needs.end(), *resistance_band) == needs.end())
                c.inconsistent(r.child_pointer("band"),
                               "band '" + *band + "' is given, but exercise '" +
                                   kg.exercise(*f.exercise).key + "' uses no resistance band",
                               "remove 'band' from this entry");
        }
    }
    return f;
}

// Reports an exercise listed twice in one list (programme, or one session).
void check_unique(std::vector<ExerciseId>& seen, const DoseFields& f, const FieldReader& r,
                  const std::string& where, const ProfileContext& c) {
    if (!f.exercise) return;
    if (std::find(seen.begin(), seen.end(), *f.exercise) != seen.end())
        c.inconsistent(r.child_pointer("exercise"),
                       "exercise '" + c.kg().exercise(*f.exercise).key + "' is listed twice in " + where,
                       "merge the two entries");
    seen.push_back(*f.exercise);
}

std::vector<PrescribedExercise> read_programme(FieldReader& h, const ProfileContext& c) {
    std::vector<PrescribedExercise> out;
    const auto* array = h.array("programme", false);
    if (!array) return out;
    std::vector<ExerciseId> seen;
    for (std::size_t i = 0; i < array->size(); ++i) {
        auto r = c.reader((*array)[i], h.child_pointer("programme") + "/" + std::to_string(i));
        if (!r.is_object()) continue;
        r.allow_only({"exercise", "sets", "reps", "hold_s", "band"});
        auto f = read_dose(r, c);
        check_unique(seen, f, r, "the programme", c);
        if (f.exercise) out.push_back({*f.exercise, f.sets, f.reps, f.hold_s, f.band});
    }
    return out;
}

std::vector<StoppedExercise> read_stopped(FieldReader& h, const ProfileContext& c) {
    std::vector<StoppedExercise> out;
    const auto* array = h.array("stopped", false);
    if (!array) return out;
    for (std::size_t i = 0; i < array->size(); ++i) {
        auto r = c.reader((*array)[i], h.child_pointer("stopped") + "/" + std::to_string(i));
        if (!r.is_object()) continue;
        r.allow_only({"exercise", "day", "why"});
        StoppedExercise s;
        const auto name = r.string("exercise", true);
        std::optional<std::uint32_t> id;
        if (name) id = c.find(IdKind::exercise, *name, r.child_pointer("exercise"));
        const auto day = c.integer(r, "day", day_limit, true);
        const auto why = r.enumeration("why", false, {"pain", "excluded"}).value_or("pain");
        if (!id || !day) continue;
        out.push_back({ExerciseId(*id), *day, why == "excluded" ? StopReason::excluded : StopReason::pain});
    }
    return out;
}

LoggedExercise read_logged(FieldReader& r, const ProfileContext& c, DoseFields& f) {
    r.allow_only({"exercise", "sets", "reps", "hold_s", "band", "pain_during", "pain_next_morning", "rpe",
                  "form_kept"});
    f = read_dose(r, c);
    LoggedExercise e;
    if (f.exercise) e.exercise = *f.exercise;
    e.sets = f.sets;
    e.reps = f.reps;
    e.hold_s = f.hold_s;
    e.band = f.band;
    e.pain_during = c.number(r, "pain_during", pain_limit);
    e.pain_next_morning = c.number(r, "pain_next_morning", pain_limit);
    e.rpe = c.number(r, "rpe", rpe_limit);
    e.form_kept = r.boolean("form_kept", false);
    const bool outcome =
        r.has("pain_during") || r.has("pain_next_morning") || r.has("rpe") || r.has("form_kept");
    if (outcome && (!r.has("sets") || (!r.has("reps") && !r.has("hold_s"))))
        c.inconsistent(r.pointer(), "pain, effort or form is logged but not the dose done",
                       "give 'sets' and 'reps' (or 'hold_s') for this exercise");
    return e;
}

LoggedSession read_session(FieldReader& s, const std::vector<PrescribedExercise>& programme,
                           bool check_programme, const ProfileContext& c) {
    LoggedSession session;
    s.allow_only({"day", "exercises"});
    session.day = c.integer(s, "day", day_limit, true).value_or(-1);
    const auto* array = s.array("exercises", true);
    if (!array) return session;
    std::vector<ExerciseId> seen;
    for (std::size_t i = 0; i < array->size(); ++i) {
        auto r = c.reader((*array)[i], s.child_pointer("exercises") + "/" + std::to_string(i));
        if (!r.is_object()) continue;
        DoseFields f;
        auto logged = read_logged(r, c, f);
        check_unique(seen, f, r, "one session", c);
        if (!f.exercise) continue;
        const bool prescribed =
            std::any_of(programme.begin(), programme.end(),
                        [&](const PrescribedExercise& p) { return p.exercise == *f.exercise; });
        if (check_programme && !prescribed)
            c.inconsistent(
                r.child_pointer("exercise"),
                "logged exercise '" + c.kg().exercise(*f.exercise).key + "' is not in the history programme",
                "add it to history.programme or remove it from the log");
        session.exercises.push_back(std::move(logged));
    }
    return session;
}

std::vector<LoggedSession> read_sessions(FieldReader& h, const std::vector<PrescribedExercise>& programme,
                                         const ProfileContext& c) {
    std::vector<LoggedSession> out;
    const auto* array = h.array("sessions", false);
    if (!array) return out;
    const bool has_programme = h.has("programme");
    if (!array->empty() && !has_programme)
        c.inconsistent(h.child_pointer("sessions"), "sessions are logged but the history has no programme",
                       "list the prescribed exercises in history.programme");
    int last_day = -1;
    for (std::size_t i = 0; i < array->size(); ++i) {
        auto s = c.reader((*array)[i], h.child_pointer("sessions") + "/" + std::to_string(i));
        if (!s.is_object()) continue;
        auto session = read_session(s, programme, has_programme, c);
        if (session.day >= 0 && session.day < last_day)
            c.inconsistent(s.child_pointer("day"),
                           "sessions must be in ascending day order, found day " +
                               std::to_string(session.day) + " after day " + std::to_string(last_day),
                           "sort the sessions by day");
        last_day = std::max(last_day, session.day);
        out.push_back(std::move(session));
    }
    return out;
}

}  // namespace

History read_history(const nlohmann::json& object, const std::string& pointer, const ProfileContext& c) {
    History h;
    auto r = c.reader(object, pointer);
    if (!r.is_object()) return h;
    r.allow_only({"previous_stage", "usual_pain", "programme", "stopped", "sessions"});
    if (auto stage = r.enumeration("previous_stage", false, {"early", "mid", "late"}))
        h.previous_stage = stage_from(*stage);
    h.usual_pain = c.number(r, "usual_pain", pain_limit);
    h.programme = read_programme(r, c);
    h.sessions = read_sessions(r, h.programme, c);
    h.stopped = read_stopped(r, c);
    return h;
}

}  // namespace rehab::io::detail
