// Progression, log part: the thresholds the rules derived (and which rule derived each), and the
// verdict on one exercise's logged sessions (clinical.md 2.2): progress, hold or regress, with the
// logged values behind it (as Notes). Missing or inconsistent logs hold rather than guess.
#include <numeric>

#include "core/recommend/review/review_detail.hpp"

namespace rehab::progression {

namespace {

Threshold threshold(const ProgressionContext&, const Evaluation& ev, std::optional<FactSlot> slot) {
    Threshold t;
    if (!slot || !ev.facts.get(*slot).known) return t;
    t.value = ev.facts.get(*slot).value;
    if (*slot < ev.derived_by.size()) t.rule = ev.derived_by[*slot];
    return t;
}

NoteArg day(const Entry& e) { return num_arg(e.day); }

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

NoteArg done(const LoggedExercise& x) { return DoneArg{x.sets, x.reps, x.hold_s}; }

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
            a.reasons.push_back({NoteCode::pain_above_ceiling,
                                 {num_arg(*x.pain_during), day(e), num_arg(ceiling), t.ceiling.cite()}});
            add_rule(a, t.ceiling);
        }
        if (x.pain_next_morning && t.usual && *x.pain_next_morning >= *t.usual + margin) {
            a.reasons.push_back({NoteCode::morning_above_usual,
                                 {num_arg(*x.pain_next_morning), day(e), num_arg(margin), num_arg(*t.usual),
                                  t.margin.cite()}});
            add_rule(a, t.margin);
        } else if (x.pain_next_morning && !t.usual && *x.pain_next_morning > ceiling) {
            a.reasons.push_back(
                {NoteCode::morning_above_ceiling,
                 {num_arg(*x.pain_next_morning), day(e), num_arg(ceiling), t.ceiling.cite()}});
            add_rule(a, t.ceiling);
        }
        if (x.form_kept == false && completed(x, dose) == false)
            a.reasons.push_back({NoteCode::form_broke, {day(e), done(x)}});
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
        a.reasons.push_back({NoteCode::pain_rose,
                             {num_arg(before), num_arg(now), num_arg(static_cast<double>(n)),
                              t.trend.value ? t.trend.cite() : t.sessions.cite()}});
        add_rule(a, t.trend.value ? t.trend : t.sessions);
    }
}

// Why one of the last sessions does not support progressing (nullopt when it does).
std::optional<Note> not_good(const Entry& e, const PrescribedDose& dose, const Thresholds& t) {
    const LoggedExercise& x = *e.log;
    const auto ok = completed(x, dose);
    if (!ok) return Note{NoteCode::dose_not_logged, {day(e)}};
    if (!*ok) return Note{NoteCode::dose_not_completed, {day(e), done(x)}};
    if (x.form_kept != true)
        return Note{x.form_kept ? NoteCode::form_not_kept : NoteCode::form_not_logged, {day(e)}};
    if (!x.pain_during) return Note{NoteCode::pain_not_logged, {day(e)}};
    if (!x.pain_next_morning) return Note{NoteCode::morning_not_logged, {day(e)}};
    const double morning_max = t.usual ? *t.usual : *t.ceiling.value;
    if (*x.pain_next_morning > morning_max)
        return Note{t.usual ? NoteCode::morning_not_back_usual : NoteCode::morning_not_back_ceiling,
                    {num_arg(*x.pain_next_morning), day(e), num_arg(morning_max)}};
    if (!x.rpe) return Note{NoteCode::rpe_not_logged, {day(e)}};
    if (*x.rpe > *t.rpe_max.value)
        return Note{NoteCode::rpe_above,
                    {num_arg(*x.rpe), day(e), num_arg(*t.rpe_max.value), t.rpe_max.cite()}};
    return std::nullopt;
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
    t.max_replaced = threshold(r, ev, slots.max_replaced);
    t.stopped_memory = threshold(r, ev, slots.stopped_memory);
    t.usual = p.history.usual_pain;
    t.medication = p.on_pain_medication.value_or(false);
    return t;
}

Assessment assess(const std::vector<Entry>& entries, int last_day, const PrescribedDose& dose,
                  ExerciseId exercise, const Thresholds& t) {
    Assessment a;
    for (const auto& e : entries) {
        const LoggedExercise& x = *e.log;
        const bool outcome = x.pain_during || x.pain_next_morning || x.rpe || x.form_kept;
        if (outcome && (!x.sets || (!x.reps && !x.hold_s))) {
            a.inconsistent = true;
            a.reasons.push_back({NoteCode::log_inconsistent, {day(e), exercise}});
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
        a.reasons.push_back({NoteCode::too_few_sessions,
                             {num_arg(static_cast<double>(entries.size())), exercise,
                              num_arg(static_cast<double>(n)), t.sessions.cite()}});
        return a;
    }
    for (std::size_t i = entries.size() - n; i < entries.size(); ++i)
        if (auto why = not_good(entries[i], dose, t)) {
            a.reasons.push_back(std::move(*why));
            return a;
        }
    for (const auto& e : entries)  // a session above the ceiling this week blocks progression
        if (e.day > last_day - 7 && e.log->pain_during && *e.log->pain_during > *t.ceiling.value) {
            a.reasons.push_back(
                {NoteCode::pain_above_ceiling_week,
                 {num_arg(*e.log->pain_during), day(e), num_arg(*t.ceiling.value), t.ceiling.cite()}});
            add_rule(a, t.ceiling);
            return a;
        }
    if (t.medication) {
        a.reasons.push_back({NoteCode::medication, {}});
        return a;
    }
    double pain_max = 0, morning_max = 0, rpe_max = 0;
    Note met{NoteCode::sessions_met, {num_arg(static_cast<double>(n)), t.sessions.cite()}};  // then the days
    for (std::size_t i = entries.size() - n; i < entries.size(); ++i) {
        const LoggedExercise& x = *entries[i].log;
        pain_max = std::max(pain_max, *x.pain_during);
        morning_max = std::max(morning_max, *x.pain_next_morning);
        rpe_max = std::max(rpe_max, *x.rpe);
        met.args.push_back(num_arg(entries[i].day));
    }
    a.verdict = Verdict::progress;
    a.reasons.push_back(std::move(met));
    a.reasons.push_back(
        {NoteCode::pain_within, {num_arg(pain_max), num_arg(*t.ceiling.value), t.ceiling.cite()}});
    if (t.usual)
        a.reasons.push_back({NoteCode::morning_back_usual, {num_arg(morning_max), num_arg(*t.usual)}});
    else
        a.reasons.push_back({NoteCode::morning_back_no_usual, {num_arg(morning_max)}});
    a.reasons.push_back(
        {NoteCode::rpe_within, {num_arg(rpe_max), num_arg(*t.rpe_max.value), t.rpe_max.cite()}});
    add_rule(a, t.ceiling);
    add_rule(a, t.rpe_max);
    return a;
}

}  // namespace rehab::progression
