// The simulation loop and its invariants: never an excluded or contraindicated exercise, never a
// progression in a week whose logged pain exceeded the ceiling, no endless progress/regress flips.
#include "core/simulate/simulation.hpp"

#include <algorithm>

#include "core/simulate/patient_model.hpp"

namespace rehab {

const char* to_string(InvariantKind k) {
    switch (k) {
        case InvariantKind::excluded_in_programme:
            return "excluded_in_programme";
        case InvariantKind::contraindicated_in_programme:
            return "contraindicated_in_programme";
        case InvariantKind::progressed_over_ceiling:
            return "progressed_over_ceiling";
        case InvariantKind::progress_regress_flips:
            return "progress_regress_flips";
    }
    return "?";
}

namespace {

constexpr int max_flips = 3;  // progressed then regressed more than this many times in a row

std::optional<double> ceiling_of(const Recommender& r, const Recommendation& rec) {
    if (auto slot = r.progression_slots().ceiling; slot && rec.evaluation.facts.get(*slot).known)
        return rec.evaluation.facts.get(*slot).value;
    return std::nullopt;
}

bool forward(const KnowledgeGraph& kg, const ProgrammeItem& item) {
    if (item.change == Change::progressed) return true;
    if (item.change != Change::replaced || !item.replaces.valid()) return false;
    const auto after = kg.chain_after(item.replaces);
    return std::find(after.begin(), after.end(), item.exercise) != after.end();
}

bool contraindicated(const Exercise& ex, ConditionId c, Stage s) {
    for (const auto& pr : ex.precautions)
        if (pr.contraindication && pr.condition == c && (pr.stages & (1u << static_cast<unsigned>(s))))
            return true;
    return false;
}

SimulatedWeek row(const KnowledgeGraph& kg, const Profile& p, const Recommendation& rec, int week,
                  double capacity) {
    SimulatedWeek w;
    w.week = week;
    w.stage = rec.stage;
    w.programme = rec.items;
    for (const auto& d : rec.dropped)  // a replaced exercise shows as its replacement's change
        if (std::none_of(rec.items.begin(), rec.items.end(),
                         [&](const auto& i) { return i.replaces == d.exercise; }))
            w.dropped.push_back(d);
    for (const auto& x : rec.excluded) w.excluded.push_back(x.exercise);
    w.notes = rec.warnings;
    w.pain_rest = p.pain.rest;
    w.pain_walking = p.pain.walking;
    w.key_pain = PatientModel::key_pain(kg, p);
    w.single_leg_stance_s = p.single_leg_stance_s;
    w.squeeze_ratio = p.squeeze_ratio;
    w.capacity = capacity;
    return w;
}

int last_day_of(const std::vector<LoggedSession>& sessions) {
    int day = 0;
    for (const auto& s : sessions) day = std::max(day, s.day);
    return day;
}

// What a clinic keeps between reviews: each exercise stopped at this review (not outgrown along its
// chain), with the day and why, so that the next reviews do not add it back to make up the numbers.
void remember_stops(const KnowledgeGraph& kg, const Recommendation& rec, int day,
                    std::vector<StoppedExercise>& stopped) {
    for (const auto& d : rec.dropped) {
        const bool outgrown = std::any_of(rec.items.begin(), rec.items.end(), [&](const ProgrammeItem& i) {
            return i.replaces == d.exercise && forward(kg, i);
        });
        if (!outgrown)
            stopped.push_back({d.exercise, day, d.excluded ? StopReason::excluded : StopReason::pain});
    }
    std::erase_if(stopped, [&](const StoppedExercise& s) { return s.day < day - 365; });
}

}  // namespace

void check_review(const Recommender& r, const Profile& p, const Recommendation& rec,
                  const std::vector<LoggedSession>& last_week, int week, InvariantState& state,
                  std::vector<Violation>& out) {
    const KnowledgeGraph& kg = r.knowledge();
    ExerciseSet excluded(kg.exercise_count());
    for (const auto& x : rec.excluded) excluded.insert(x.exercise);
    const auto ceiling = ceiling_of(r, rec);
    state.history.resize(kg.exercise_count());
    for (const auto& item : rec.items) {
        const Exercise& ex = kg.exercise(item.exercise);
        const auto broken = [&](InvariantKind kind) {
            Violation v;
            v.week = week, v.kind = kind, v.exercise = item.exercise;
            return v;
        };
        if (excluded.contains(item.exercise) || rec.evaluation.excluded.contains(item.exercise))
            out.push_back(broken(InvariantKind::excluded_in_programme));
        if (p.condition.valid() && contraindicated(ex, p.condition, rec.stage))
            out.push_back(broken(InvariantKind::contraindicated_in_programme));
        const ExerciseId logged_as = item.change == Change::replaced ? item.replaces : item.exercise;
        if (forward(kg, item) && ceiling)
            for (const auto& s : last_week)
                for (const auto& x : s.exercises)
                    if (x.exercise == logged_as && x.pain_during && *x.pain_during > *ceiling) {
                        Violation v = broken(InvariantKind::progressed_over_ceiling);
                        v.logged_as = logged_as, v.pain = *x.pain_during;
                        out.push_back(v);
                    }
        std::string& h = state.history[item.exercise.value];
        if (item.change == Change::progressed) h += 'p';
        if (item.change == Change::regressed) h += 'r';
        std::size_t flips = 0;
        for (std::size_t i = h.size(); i >= 2 && h[i - 2] == 'p' && h[i - 1] == 'r'; i -= 2) ++flips;
        if (flips > max_flips && h.size() >= 2 && h.back() == 'r') {
            Violation v = broken(InvariantKind::progress_regress_flips);
            v.flips = flips;
            out.push_back(v);
            h.clear();
        }
    }
}

SimulationResult simulate(const Recommender& r, Profile p, const SimulationOptions& o) {
    const KnowledgeGraph& kg = r.knowledge();
    SimulationResult res;
    PatientModel patient(kg, p, o.seed);
    InvariantState state;
    std::vector<LoggedSession> last_week;
    for (int week = 1; week <= o.weeks + 1; ++week) {
        Recommendation rec = r.recommend(p, false);
        if (rec.referred()) {
            res.referred = true;
            for (const auto& ref : rec.referral) res.referral.push_back(ref.reason);
            break;
        }
        if (!res.start_stage) res.start_stage = rec.stage;
        res.final_stage = rec.stage;
        check_review(r, p, rec, last_week, week, state, res.violations);
        if (week > o.weeks) break;
        SimulatedWeek w = row(kg, p, rec, week, patient.capacity());
        const double ceiling = ceiling_of(r, rec).value_or(3);
        const double usual = p.pain.rest.value_or(0);
        std::vector<LoggedSession> sessions;
        for (int s = 0; s < o.sessions_per_week; ++s) {
            LoggedSession session;
            session.day = (week - 1) * 7 + 1 + (s * 7) / std::max(1, o.sessions_per_week);
            double morning = 0;
            for (const auto& item : rec.items) {
                session.exercises.push_back(patient.perform(item, ceiling, usual));
                w.pain_during_max = std::max(w.pain_during_max, *session.exercises.back().pain_during);
                morning = std::max(morning, *session.exercises.back().pain_next_morning);
            }
            for (auto& x : session.exercises) x.pain_next_morning = morning;  // one morning per session
            sessions.push_back(std::move(session));
        }
        patient.end_week(p, rec.items, w.pain_during_max, ceiling);
        res.weeks.push_back(std::move(w));
        // The next review sees this week's sessions and last week's (for the week-to-week comparison),
        // and what this review stopped (on the day of the sessions it reviewed).
        remember_stops(kg, rec, last_day_of(p.history.sessions), p.history.stopped);
        p.history.programme.clear();
        for (const auto& item : rec.items)
            p.history.programme.push_back(
                {item.exercise, item.dose.sets, item.dose.reps, item.dose.hold_s,
                 item.dose.band.valid() ? std::optional<BandId>(item.dose.band) : std::nullopt});
        std::vector<LoggedSession> kept;
        for (auto s : last_week) {
            std::erase_if(s.exercises, [&](const LoggedExercise& x) {
                return std::none_of(rec.items.begin(), rec.items.end(),
                                    [&](const auto& i) { return i.exercise == x.exercise; });
            });
            if (!s.exercises.empty()) kept.push_back(std::move(s));
        }
        for (auto& s : sessions) kept.push_back(s);
        p.history.sessions = std::move(kept);
        // The usual level does not drift up with a flare: it is the lowest resting level so far.
        p.history.usual_pain = std::min(p.history.usual_pain.value_or(usual), usual);
        p.history.previous_stage = rec.stage;
        p.stage.reset();  // the clinician's stage starts the course; the criteria decide afterwards
        last_week = std::move(sessions);
    }
    return res;
}

}  // namespace rehab
