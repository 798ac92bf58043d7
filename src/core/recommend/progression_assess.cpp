// Progression, log part: the thresholds the rules derived (and which rule derived each), and the
// verdict on one exercise's logged sessions (clinical.md 2.2): progress, hold or regress, with the
// logged values behind it. Missing or inconsistent logs hold rather than guess.
#include <numeric>

#include "core/recommend/progression_detail.hpp"

namespace rehab::progression {

namespace {

Threshold threshold(const ProgressionContext& r, const Evaluation& ev, std::optional<FactSlot> slot) {
    Threshold t;
    if (!slot || !ev.facts.get(*slot).known) return t;
    t.value = ev.facts.get(*slot).value;
    if (*slot < ev.derived_by.size()) t.rule = ev.derived_by[*slot];
    if (t.rule >= 0) t.rule_id = r.rules.rule(static_cast<std::uint32_t>(t.rule)).id;
    return t;
}

std::string pain(double v) { return format_number(v) + "/10"; }
std::string day(const Entry& e) { return "session day " + std::to_string(e.day); }

// Completed: every prescribed dimension logged at least as prescribed. nullopt: not logged.
std::optional<bool> completed(const LoggedExercise& x, const PrescribedDose& d) {
    bool unknown = false, short_of = false;
    auto check = [&](const std::optional<int>& done, std::optional<int> want) {
        if (!want) return;
        if (!done)
            unknown = true;
        else if (*done < *want)
            short_of = true;
    };
    check(x.sets, d.sets);
    check(x.reps, d.reps);
    check(x.hold_s, d.hold_s);
    if (x.band && d.band.valid() && x.band->value < d.band.value) short_of = true;
    if (short_of) return false;
    if (unknown) return std::nullopt;
    return true;
}

std::string done_text(const LoggedExercise& x) {
    std::string s = std::to_string(x.sets.value_or(0)) + " x " + std::to_string(x.reps.value_or(0));
    if (x.hold_s) s += " (hold " + std::to_string(*x.hold_s) + " s)";
    return s;
}

void add_rule(Assessment& a, const Threshold& t) {
    if (t.rule < 0) return;
    const auto r = static_cast<std::uint32_t>(t.rule);
    for (auto x : a.rules)
        if (x == r) return;
    a.rules.push_back(r);
}

void regress_signals(const std::vector<Entry>& all, std::size_t n, const PrescribedDose& dose,
                     const Thresholds& t, Assessment& a) {
    const double ceiling = *t.ceiling.value, margin = *t.margin.value;
    const std::size_t first = all.size() > n ? all.size() - n : 0;
    for (std::size_t i = first; i < all.size(); ++i) {
        const Entry& e = all[i];
        const LoggedExercise& x = *e.log;
        if (x.pain_during && *x.pain_during > ceiling) {
            a.reasons.push_back("pain during " + pain(*x.pain_during) + " in " + day(e) +
                                " is above the ceiling of " + pain(ceiling) + t.ceiling.cite());
            add_rule(a, t.ceiling);
        }
        if (x.pain_next_morning && t.usual && *x.pain_next_morning >= *t.usual + margin) {
            a.reasons.push_back("next-morning pain " + pain(*x.pain_next_morning) + " after " + day(e) +
                                " is " + format_number(margin) + " or more above the usual level of " +
                                pain(*t.usual) + t.margin.cite());
            add_rule(a, t.margin);
        } else if (x.pain_next_morning && !t.usual && *x.pain_next_morning > ceiling) {
            a.reasons.push_back("next-morning pain " + pain(*x.pain_next_morning) + " after " + day(e) +
                                " is above the ceiling of " + pain(ceiling) + " (usual level unknown)" +
                                t.ceiling.cite());
            add_rule(a, t.ceiling);
        }
        if (x.form_kept == false && completed(x, dose) == false)
            a.reasons.push_back("form broke down with the dose not completed in " + day(e) + " (" +
                                done_text(x) + ")");
    }
    if (all.size() < 2 * n) return;
    double now = 0, before = 0;
    for (std::size_t i = all.size() - 2 * n; i < all.size(); ++i) {
        if (!all[i].log->pain_during) return;
        (i < all.size() - n ? before : now) += *all[i].log->pain_during;
    }
    now /= static_cast<double>(n), before /= static_cast<double>(n);
    const bool rose = t.trend.value ? now - before >= *t.trend.value : now > before;
    if (rose) {
        a.reasons.push_back("mean pain during rose from " + pain(before) + " to " + pain(now) +
                            " over the last " + std::to_string(n) + " sessions" +
                            (t.trend.value ? t.trend.cite() : t.sessions.cite()));
        add_rule(a, t.trend.value ? t.trend : t.sessions);
    }
}

// Why one of the last sessions does not support progressing ("" when it does).
std::string not_good(const Entry& e, const PrescribedDose& dose, const Thresholds& t) {
    const LoggedExercise& x = *e.log;
    const auto done = completed(x, dose);
    if (!done) return "the dose done is not fully logged in " + day(e);
    if (!*done) return "the prescribed dose was not completed in " + day(e) + " (" + done_text(x) + ")";
    if (x.form_kept != true)
        return std::string("form was ") + (x.form_kept ? "not kept" : "not logged") + " in " + day(e);
    if (!x.pain_during) return "pain during was not logged in " + day(e);
    if (!x.pain_next_morning) return "next-morning pain was not logged after " + day(e);
    const double morning_max = t.usual ? *t.usual : *t.ceiling.value;
    if (*x.pain_next_morning > morning_max)
        return "next-morning pain " + pain(*x.pain_next_morning) + " after " + day(e) + " is not back to " +
               (t.usual ? "the usual level of " : "the ceiling of ") + pain(morning_max);
    if (!x.rpe) return "effort (RPE) was not logged in " + day(e);
    if (*x.rpe > *t.rpe_max.value)
        return "effort (RPE) " + format_number(*x.rpe) + "/10 in " + day(e) + " is above " +
               format_number(*t.rpe_max.value) + "/10" + t.rpe_max.cite();
    return "";
}

}  // namespace

Thresholds read_thresholds(const ProgressionContext& r, const Profile& p, const Evaluation& ev) {
    Thresholds t;
    const ProgressionSlots& slots = r.slots;
    t.ceiling = threshold(r, ev, slots.ceiling);
    t.sessions = threshold(r, ev, slots.sessions);
    t.rpe_max = threshold(r, ev, slots.rpe_max);
    t.margin = threshold(r, ev, slots.margin);
    t.trend = threshold(r, ev, slots.trend);
    t.usual = p.history.usual_pain;
    t.medication = p.on_pain_medication.value_or(false);
    return t;
}

Assessment assess(const std::vector<Entry>& entries, int last_day, const PrescribedDose& dose,
                  const std::string& name, const Thresholds& t) {
    Assessment a;
    for (const auto& e : entries) {
        const LoggedExercise& x = *e.log;
        const bool outcome = x.pain_during || x.pain_next_morning || x.rpe || x.form_kept;
        if (outcome && (!x.sets || (!x.reps && !x.hold_s))) {
            a.inconsistent = true;
            a.reasons.push_back(day(e) + " logs pain, effort or form for " + name +
                                " but not the sets and reps done: the log is inconsistent, so it is held");
            return a;
        }
    }
    const auto n = static_cast<std::size_t>(t.sessions_required());
    for (std::size_t i = 0; i < entries.size(); ++i)
        if ((entries[i].day > last_day - 7 || i + n >= entries.size()) && entries[i].log->pain_during &&
            *entries[i].log->pain_during > *t.ceiling.value)
            a.over_ceiling = true;
    regress_signals(entries, n, dose, t, a);
    if (!a.reasons.empty()) {
        a.verdict = Verdict::regress;
        return a;
    }
    add_rule(a, t.sessions);
    if (entries.size() < n) {
        a.reasons.push_back(std::to_string(entries.size()) + " logged session(s) of " + name + "; " +
                            std::to_string(n) + " in a row at the target dose are needed to progress" +
                            t.sessions.cite());
        return a;
    }
    for (std::size_t i = entries.size() - n; i < entries.size(); ++i)
        if (auto why = not_good(entries[i], dose, t); !why.empty()) {
            a.reasons.push_back(why);
            return a;
        }
    for (const auto& e : entries)  // a session above the ceiling this week blocks progression
        if (e.day > last_day - 7 && e.log->pain_during && *e.log->pain_during > *t.ceiling.value) {
            a.reasons.push_back("pain during " + pain(*e.log->pain_during) + " in " + day(e) +
                                " this week was above the ceiling of " + pain(*t.ceiling.value) +
                                t.ceiling.cite());
            add_rule(a, t.ceiling);
            return a;
        }
    if (t.medication) {
        a.reasons.push_back(
            "the patient takes pain medication for this injury, which masks the pain response: not "
            "progressed");
        return a;
    }
    double pain_max = 0, morning_max = 0, rpe_max = 0;
    std::string days;
    for (std::size_t i = entries.size() - n; i < entries.size(); ++i) {
        const LoggedExercise& x = *entries[i].log;
        pain_max = std::max(pain_max, *x.pain_during);
        morning_max = std::max(morning_max, *x.pain_next_morning);
        rpe_max = std::max(rpe_max, *x.rpe);
        days += (days.empty() ? "" : ", ") + std::to_string(entries[i].day);
    }
    a.verdict = Verdict::progress;
    a.reasons.push_back(std::to_string(n) + " sessions in a row at the target dose with form kept (days " +
                        days + ")" + t.sessions.cite());
    a.reasons.push_back("pain during at most " + pain(pain_max) + ", within the ceiling of " +
                        pain(*t.ceiling.value) + t.ceiling.cite());
    a.reasons.push_back(
        "next-morning pain at most " + pain(morning_max) + ", back to " +
        (t.usual ? "the usual level of " + pain(*t.usual) : "within the ceiling (usual level unknown)"));
    a.reasons.push_back("effort (RPE) at most " + format_number(rpe_max) + "/10, within " +
                        format_number(*t.rpe_max.value) + "/10" + t.rpe_max.cite());
    add_rule(a, t.ceiling);
    add_rule(a, t.rpe_max);
    return a;
}

}  // namespace rehab::progression
