// The checks of a Profile value: ids against the graph's tables, numbers against profile_limits, the
// history's days ascending. The messages match the JSON reader's for the same problem.
#include "core/profile/profile_check.hpp"

#include <cmath>

#include "core/lang/fact_schema.hpp"
#include "core/profile/profile_limits.hpp"

namespace rehab {

namespace {

class ProfileCheck {
public:
    ProfileCheck(const KnowledgeGraph& kg, Diagnostics& d, std::string source)
        : kg_(kg), d_(d), source_(std::move(source)) {}

    void number(const std::optional<double>& v, const std::string& pointer, const ProfileLimit& l) {
        if (v) number(*v, pointer, l);
    }
    void number(double x, const std::string& pointer, const ProfileLimit& l) {
        if (!(x >= l.min && x <= l.max))
            d_.error("PR007", {source_, pointer},
                     std::string(l.what) + " must be " + number_text(l.min) + "-" + number_text(l.max) +
                         l.unit + ", found " + number_text(x));
        else if (l.integral && std::trunc(x) != x)
            d_.error("PR007", {source_, pointer},
                     std::string(l.what) + " must be a whole number, found " + number_text(x));
    }
    // An id of a table of `size` entries: false (and PR005) when it is not one of them.
    template <class IdT>
    bool id(IdT v, std::size_t size, const std::string& pointer, const char* what) {
        if (v.valid() && v.value < size) return true;
        d_.error("PR005", {source_, pointer}, std::string("not a ") + what + " of the knowledge graph",
                 "resolve ids with the graph's find_... functions");
        return false;
    }
    void profile(const Profile& p);
    void history(const History& h);

private:
    void pains(const std::vector<std::pair<MovementId, double>>& all, const std::string& at);
    void dose(const std::optional<int>& sets, const std::optional<int>& reps, const std::optional<int>& hold,
              const std::optional<BandId>& band, const std::string& at);

    const KnowledgeGraph& kg_;
    Diagnostics& d_;
    std::string source_;
};

void ProfileCheck::pains(const std::vector<std::pair<MovementId, double>>& all, const std::string& at) {
    for (std::size_t i = 0; i < all.size(); ++i) {
        const auto& [movement, level] = all[i];
        const std::string where = at + "/" + std::to_string(i);
        if (id(movement, kg_.movements().size(), where, "movement"))
            number(level, at + "/" + kg_.movement(movement).key, limits::pain);
    }
}

void ProfileCheck::profile(const Profile& p) {
    if (!p.condition.valid())
        d_.error("PR003", {source_, "/condition"}, "a profile needs a condition",
                 "set Profile::condition from KnowledgeGraph::find_condition");
    else
        id(p.condition, kg_.conditions().size(), "/condition", "condition");
    number(p.age, "/age", limits::age);
    number(p.days_since_onset, "/days_since_onset", limits::days_since_onset);
    number(p.pain.rest, "/pain/rest", limits::pain);
    number(p.pain.walking, "/pain/walking", limits::pain);
    pains(p.pain.resisted, "/pain/resisted");
    pains(p.pain.stretch, "/pain/stretch");
    number(p.single_leg_stance_s, "/single_leg_stance_s", limits::single_leg_stance);
    number(p.squeeze_ratio, "/squeeze_ratio", limits::squeeze_ratio);
    for (std::size_t i = 0; i < p.red_flags.size(); ++i)
        id(p.red_flags[i], kg_.red_flags().size(), "/red_flags/" + std::to_string(i), "red flag");
    for (std::size_t i = 0; i < p.equipment.size(); ++i)
        id(p.equipment[i], kg_.equipment().size(), "/equipment/" + std::to_string(i), "piece of equipment");
    for (std::size_t i = 0; i < p.positions.size(); ++i)
        id(p.positions[i].first, kg_.positions().size(), "/positions/" + std::to_string(i), "position");
    history(p.history);
}

void ProfileCheck::dose(const std::optional<int>& sets, const std::optional<int>& reps,
                        const std::optional<int>& hold, const std::optional<BandId>& band,
                        const std::string& at) {
    if (sets) number(*sets, at + "/sets", limits::sets);
    if (reps) number(*reps, at + "/reps", limits::reps);
    if (hold) number(*hold, at + "/hold_s", limits::hold);
    if (band) id(*band, kg_.bands().size(), at + "/band", "band");
}

void ProfileCheck::history(const History& h) {
    number(h.usual_pain, "/history/usual_pain", limits::pain);
    for (std::size_t i = 0; i < h.programme.size(); ++i) {
        const auto& x = h.programme[i];
        const std::string at = "/history/programme/" + std::to_string(i);
        id(x.exercise, kg_.exercise_count(), at + "/exercise", "exercise");
        dose(x.sets, x.reps, x.hold_s, x.band, at);
    }
    for (std::size_t i = 0; i < h.stopped.size(); ++i) {
        const std::string at = "/history/stopped/" + std::to_string(i);
        id(h.stopped[i].exercise, kg_.exercise_count(), at + "/exercise", "exercise");
        number(h.stopped[i].day, at + "/day", limits::session_day);
    }
    for (std::size_t s = 0; s < h.sessions.size(); ++s) {
        const auto& session = h.sessions[s];
        const std::string at = "/history/sessions/" + std::to_string(s);
        number(session.day, at + "/day", limits::session_day);
        if (s > 0 && session.day < h.sessions[s - 1].day)
            d_.error("PR008", {source_, at + "/day"}, "sessions must be in ascending order of day",
                     "day " + std::to_string(session.day) + " follows day " +
                         std::to_string(h.sessions[s - 1].day));
        for (std::size_t e = 0; e < session.exercises.size(); ++e) {
            const auto& x = session.exercises[e];
            const std::string ex = at + "/exercises/" + std::to_string(e);
            id(x.exercise, kg_.exercise_count(), ex + "/exercise", "exercise");
            dose(x.sets, x.reps, x.hold_s, x.band, ex);
            number(x.pain_during, ex + "/pain_during", limits::pain);
            number(x.pain_next_morning, ex + "/pain_next_morning", limits::pain);
            number(x.rpe, ex + "/rpe", limits::rpe);
        }
    }
}

}  // namespace

bool check_profile(const Profile& p, const KnowledgeGraph& kg, Diagnostics& d, const std::string& source) {
    const std::size_t before = d.error_count();
    ProfileCheck(kg, d, source).profile(p);
    return d.error_count() == before;
}

}  // namespace rehab
