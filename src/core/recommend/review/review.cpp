// Progression: the current programme (profile.history) becomes this review's programme. Each
// exercise is progressed, held or regressed one step from its logged sessions, replaced along its
// chain or dropped when it is now excluded; top_up.cpp then fills the programme to the limits.
#include <algorithm>
#include <deque>

#include "core/recommend/review/review_state.hpp"

namespace rehab {

namespace {

using progression::Assessment;
using progression::Entry;
using progression::Review;
using progression::Verdict;

// Whether two doses read the same (sets, reps, hold, duration without reps or hold, band).
bool same_shown_dose(const PrescribedDose& a, const PrescribedDose& b) {
    const bool timed = !a.reps && !a.hold_s;
    return a.sets == b.sets && a.reps == b.reps && a.hold_s == b.hold_s && a.band == b.band &&
           (!timed || a.duration_min == b.duration_min);
}

// Whether only ladder windows exclude the exercise now (it is below or above the stage's window).
bool only_window_rules(const ProgressionContext& r, const Recommendation& rec, const ExcludedItem& x) {
    if (x.rules.empty()) return false;
    for (auto rule : x.rules) {
        bool window = false;
        for (const auto& a : r.rules.rule(rule).actions)
            window |= a.kind == ActionKind::exclude && a.window_ladder.valid() &&
                      r.rules.selector(a.selector).resolve(rec.evaluation.facts).contains(x.exercise);
        if (!window) return false;
    }
    return true;
}

}  // namespace

namespace progression {

std::vector<Entry> Review::entries(ExerciseId e) const {
    std::vector<const LoggedSession*> sessions;
    for (const auto& s : p.history.sessions) sessions.push_back(&s);
    std::stable_sort(sessions.begin(), sessions.end(), [](auto* a, auto* b) { return a->day < b->day; });
    std::vector<Entry> out;
    for (const auto* s : sessions)
        for (const auto& x : s->exercises)
            if (x.exercise == e) out.push_back({s->day, &x});
    return out;
}

void Review::review_excluded(ProgrammeItem item, const Assessment& a) {
    const ExcludedItem* x = nullptr;
    for (const auto& e : rec.excluded)
        if (e.exercise == item.exercise) x = &e;
    std::vector<Note> reasons;
    std::vector<std::uint32_t> rules;
    if (x)
        for (auto rule : x->rules) {
            reasons.push_back({NoteCode::now_excluded, {item.exercise, rule_arg(rule)}});
            rules.push_back(rule);
        }
    if (rules.empty()) reasons.push_back({NoteCode::contraindicated, {item.exercise, rec.stage}});
    const bool stage_up = p.history.previous_stage && rec.stage > *p.history.previous_stage;
    const bool log_ok = a.verdict != Verdict::regress && !a.over_ceiling && !a.inconsistent;
    if (!log_ok && t.complete())  // the log speaks against moving on: say why
        for (const auto& why : a.reasons) {
            Note n{NoteCode::not_moved_forward, {why.code}};
            n.args.insert(n.args.end(), why.args.begin(), why.args.end());
            reasons.push_back(std::move(n));
        }
    if (!log_ok)
        for (auto rule : a.rules) rules.push_back(rule);
    in_programme.erase(item.exercise);
    if (x && stage_up && log_ok && only_window_rules(r, rec, *x))
        if (auto next = along_chain(item.exercise, true, true)) {
            out.push_back(replacement(item, *next, reasons, rules, NoteCode::replaced_further));
            return;
        }
    if (auto prev = along_chain(item.exercise, false, false)) {
        out.push_back(replacement(item, *prev, reasons, rules, NoteCode::replaced_easier));
        return;
    }
    item.change_reasons = reasons;
    item.change_rules = rules;
    drop(std::move(item), NoteCode::no_replacement);
}

void Review::review(ProgrammeItem item, Assessment a) {
    const Exercise& ex = kg.exercise(item.exercise);
    const PrescribedDose entry = entry_dose(r.rules, item.exercise, rec.stage, ev);
    const DoseLimits l = dose_limits(kg, ex, rec.stage, entry);
    item.change_rules = a.rules;
    if (a.verdict == Verdict::hold) {
        item.change = Change::held;
        item.change_reasons = std::move(a.reasons);
        out.push_back(std::move(item));
        return;
    }
    const bool up = a.verdict == Verdict::progress;
    const DoseStep step = up ? step_up(item.dose, l) : step_down(item.dose, l);
    if (step) {
        item.change = up ? Change::progressed : Change::regressed;
        a.reasons.push_back({NoteCode::dose_step, {step}});
        item.change_reasons = std::move(a.reasons);
        out.push_back(std::move(item));
        return;
    }
    a.reasons.push_back({up ? NoteCode::at_top : NoteCode::at_bottom, {item.exercise, item.dose}});
    if (up && protocol_core(item.exercise)) {  // the protocol is done at its dose, not moved on
        a.reasons.push_back({NoteCode::protocol_kept, {t.stopped_memory.cite()}});
        item.change = Change::held;
        item.change_reasons = std::move(a.reasons);
        out.push_back(std::move(item));
        return;
    }
    if (auto e = along_chain(item.exercise, up, false, up)) {
        if (up && t.max_replaced.value && moved_on >= *t.max_replaced.value) {  // one change at a time
            a.reasons.push_back(
                {NoteCode::next_waits, {*e, num_arg(*t.max_replaced.value), t.max_replaced.cite()}});
            if (t.max_replaced.rule >= 0)
                item.change_rules.push_back(static_cast<std::uint32_t>(t.max_replaced.rule));
            item.change = Change::held;
            item.change_reasons = std::move(a.reasons);
            out.push_back(std::move(item));
            return;
        }
        moved_on += up ? 1 : 0;
        out.push_back(replacement(item, *e, a.reasons, a.rules,
                                  up ? NoteCode::replaced_next : NoteCode::replaced_easier));
        in_programme.erase(item.exercise);
        return;
    }
    item.change_reasons = std::move(a.reasons);
    if (up) {
        item.change = Change::held;
        item.change_reasons.push_back({NoteCode::no_next_held, {}});
        out.push_back(std::move(item));
        return;
    }
    // Below the bottom of this stage's range with nothing easier on the chain: the exercise's own
    // dose of an earlier stage, if it has one (clinical reference 2.3: regress in reverse order).
    for (int s = static_cast<int>(rec.stage) - 1; s >= 0; --s)
        if (ex.dosage[s]) {
            const PrescribedDose before = item.dose;
            const PrescribedDose earlier = entry_dose(r.rules, item.exercise, static_cast<Stage>(s), ev);
            if (same_shown_dose(earlier, before)) break;  // already there
            item.dose = earlier;
            item.change = Change::regressed;
            item.change_reasons.push_back(
                {NoteCode::back_to_stage_dose, {static_cast<Stage>(s), before, item.dose}});
            out.push_back(std::move(item));
            return;
        }
    drop(std::move(item), NoteCode::no_easier_stopped);
}

}  // namespace progression

void progress_programme(const ProgressionContext& r, const Profile& p, Recommendation& rec) {
    rec.dropped.clear();
    // A review: of the current programme, or (everything stopped) of what was stopped recently.
    if ((p.history.programme.empty() && p.history.stopped.empty()) || rec.referred()) return;
    Review rv(r, p, rec);
    std::vector<ProgrammeItem> fresh = std::move(rec.items);
    rec.items.clear();
    rv.stage_note();
    rv.log_warnings();
    if (!rv.t.complete()) rec.warnings.push_back({0, {NoteCode::thresholds_missing, {}}});
    for (const auto& pe : p.history.programme)
        if (pe.exercise.valid() && pe.exercise.value < rv.kg.exercise_count())
            rv.in_programme.insert(pe.exercise);
    const progression::WeekReading week = progression::read_week(p.history.sessions, rv.last_day, rv.t);
    if (week.inconsistent) rec.warnings.push_back({rv.note_rule(), *week.inconsistent});
    if (week.flare) rec.warnings.push_back({rv.note_rule(), *week.flare});
    rv.no_new_load = week.flare || week.rising || week.inconsistent;
    ExerciseSet seen(rv.kg.exercise_count());
    for (const auto& pe : p.history.programme) {
        if (!pe.exercise.valid() || pe.exercise.value >= rv.kg.exercise_count() || seen.contains(pe.exercise))
            continue;
        seen.insert(pe.exercise);
        ProgrammeItem item = rv.current_item(pe);
        Assessment a;
        if (rv.t.complete()) {
            a = progression::assess(rv.entries(pe.exercise), rv.last_day, item.dose, pe.exercise, rv.t);
        } else {
            a.reasons.push_back({NoteCode::thresholds_unknown_held, {}});
        }
        if (a.inconsistent) rec.warnings.push_back({rv.note_rule(), a.reasons.front()});
        progression::apply_week(week, a);
        if (rv.excluded.contains(pe.exercise))
            rv.review_excluded(std::move(item), a);
        else
            rv.review(std::move(item), std::move(a));
    }
    rv.top_up(std::move(fresh));
    rec.items = std::move(rv.out);
    if (rec.items.empty()) rec.warnings.push_back({rv.note_rule(), {NoteCode::all_stopped, {}}});
}

}  // namespace rehab
