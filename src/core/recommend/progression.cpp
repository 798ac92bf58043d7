// Progression: the current programme (profile.history) becomes this review's programme. Each
// exercise is progressed, held or regressed one step from its logged sessions, replaced along its
// chain or dropped when it is now excluded, and the programme is topped up to the rules' minimum.
#include <algorithm>
#include <deque>

#include "core/recommend/progression_detail.hpp"

namespace rehab {

namespace {

using progression::Assessment;
using progression::Entry;
using progression::Verdict;

struct Review {
    const ProgressionContext& r;
    const KnowledgeGraph& kg;
    const Profile& p;
    Recommendation& rec;
    const Evaluation& ev;
    progression::Thresholds t;
    ExerciseSet excluded;      // excluded by a rule or contraindicated (rec.excluded)
    ExerciseSet in_programme;  // taken by an exercise of the new programme (or a current one)
    int last_day = 0;
    bool no_new_load = false;  // a flare, a worsening week or an inconsistent log: nothing added
    std::vector<ProgrammeItem> out;

    Review(const ProgressionContext& rr, const Profile& pp, Recommendation& rc)
        : r(rr),
          kg(rr.knowledge()),
          p(pp),
          rec(rc),
          ev(rc.evaluation),
          t(progression::read_thresholds(rr, pp, rc.evaluation)),
          excluded(kg.exercise_count()),
          in_programme(kg.exercise_count()) {
        for (const auto& x : rec.excluded) excluded.insert(x.exercise);
        for (const auto& s : p.history.sessions) last_day = std::max(last_day, s.day);
    }

    // Not excluded (the ladder windows of the stage included) and not in the programme already.
    bool eligible(ExerciseId e) const { return !excluded.contains(e) && !in_programme.contains(e); }

    // The first eligible exercise one step along the chain (direct successors or predecessors), or,
    // with `search`, the nearest eligible one further along (breadth first).
    std::optional<ExerciseId> along_chain(ExerciseId from, bool forward, bool search) const {
        std::deque<ExerciseId> queue{from};
        ExerciseSet seen(kg.exercise_count());
        seen.insert(from);
        while (!queue.empty()) {
            const ExerciseId e = queue.front();
            queue.pop_front();
            for (ExerciseId next : forward ? kg.progressions(e) : kg.regressions(e)) {
                if (seen.contains(next)) continue;
                seen.insert(next);
                if (eligible(next)) return next;
                if (search) queue.push_back(next);
            }
        }
        return std::nullopt;
    }

    ProgrammeItem current_item(const PrescribedExercise& pe) const {
        ProgrammeItem item;
        item.exercise = pe.exercise;
        item.score = ev.score[pe.exercise.value];
        item.dose = entry_dose(r.rules, pe.exercise, rec.stage, ev, &item.dosed_by);
        const DoseLimits l = dose_limits(kg, kg.exercise(pe.exercise), rec.stage, item.dose);
        item.dose.reps_top = l.reps_hi;
        item.dose.hold_top = l.hold_hi;
        if (pe.sets) item.dose.sets = *pe.sets;
        if (pe.reps) item.dose.reps = *pe.reps;
        if (pe.hold_s) item.dose.hold_s = *pe.hold_s;
        if (pe.band) item.dose.band = *pe.band;
        return item;
    }

    ProgrammeItem replacement(const ProgrammeItem& old, ExerciseId e, std::vector<Note> reasons,
                              std::vector<std::uint32_t> rules, NoteCode how) {
        ProgrammeItem item;
        item.exercise = e;
        item.score = ev.score[e.value];
        item.dose = entry_dose(r.rules, e, rec.stage, ev, &item.dosed_by);
        item.change = Change::replaced;
        item.replaces = old.exercise;
        reasons.push_back({how, {e, item.dose}});
        item.change_reasons = std::move(reasons);
        item.change_rules = std::move(rules);
        in_programme.insert(e);
        return item;
    }

    void drop(ProgrammeItem item, NoteCode why) {
        item.change = Change::dropped;
        item.change_reasons.push_back({why, {}});
        in_programme.erase(item.exercise);
        rec.dropped.push_back(std::move(item));
    }

    // RuleNote needs a rule: log notes cite the rule that sets the progression parameters.
    std::uint32_t note_rule() const {
        return static_cast<std::uint32_t>(std::max<std::int64_t>(0, t.sessions.rule));
    }
    std::vector<Entry> entries(ExerciseId e) const;
    void review_excluded(ProgrammeItem item, const Assessment& a);
    void review(ProgrammeItem item, Assessment a);
    void top_up(std::vector<ProgrammeItem> fresh);
    bool duplicates(ExerciseId e) const;
    void stage_note();
    void log_warnings();
};

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
    if (auto e = along_chain(item.exercise, up, false)) {
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

// Whether a fresh exercise would duplicate the reviewed programme: one in it, one just replaced or
// dropped, or one that does the same job as an exercise in it.
bool Review::duplicates(ExerciseId e) const {
    if (in_programme.contains(e)) return true;
    for (const auto& o : out)
        if (o.replaces == e || r.same_job(o.exercise, e)) return true;
    return false;
}

void Review::top_up(std::vector<ProgrammeItem> fresh) {
    for (const auto& d : rec.dropped) in_programme.insert(d.exercise);  // not back as new in the same review
    auto add = [&](ProgrammeItem item, Note why) {
        const std::int64_t rule = std::get<RuleArg>(why.args.back()).rule;
        item.change = Change::new_;
        item.change_reasons.push_back(std::move(why));
        if (rule >= 0) item.change_rules.push_back(static_cast<std::uint32_t>(rule));
        in_programme.insert(item.exercise);
        out.push_back(std::move(item));
    };
    for (int c = 0; c < component_count; ++c) {
        const Limit& lim = ev.per_component[c];
        auto count = [&] {
            return std::count_if(out.begin(), out.end(), [&](const ProgrammeItem& i) {
                return static_cast<int>(kg.exercise(i.exercise).component) == c;
            });
        };
        for (auto& f : fresh)
            if (count() < lim.min && static_cast<int>(kg.exercise(f.exercise).component) == c &&
                !duplicates(f.exercise))
                add(f, {NoteCode::added_for_component,
                        {num_arg(lim.min), static_cast<Component>(c), rule_arg(lim.min_rule)}});
        const auto offered = std::count_if(fresh.begin(), fresh.end(), [&](const ProgrammeItem& i) {
            return static_cast<int>(kg.exercise(i.exercise).component) == c;
        });
        if (count() < lim.min && offered >= lim.min)  // (select() already warns when it could not)
            rec.warnings.push_back(
                {static_cast<std::uint32_t>(std::max<std::int64_t>(0, lim.min_rule)),
                 {NoteCode::component_short, {static_cast<Component>(c), num_arg(lim.min)}}});
    }
    for (auto& f : fresh)
        if (static_cast<int>(out.size()) < ev.total.min && !duplicates(f.exercise))
            add(f, {NoteCode::added_for_total, {num_arg(ev.total.min), rule_arg(ev.total.min_rule)}});
    // Then, in the fresh ranking, what this week's selection would give a new patient, so that a short
    // current programme gains the work the condition calls for (within the component limits).
    const std::size_t target =
        std::min<std::size_t>(fresh.size(), static_cast<std::size_t>(std::max(0, ev.total.max)));
    for (auto& f : fresh) {
        if (out.size() >= target || no_new_load) break;
        const int c = static_cast<int>(kg.exercise(f.exercise).component);
        const auto in_component = std::count_if(out.begin(), out.end(), [&](const ProgrammeItem& i) {
            return static_cast<int>(kg.exercise(i.exercise).component) == c;
        });
        if (!duplicates(f.exercise) && in_component < ev.per_component[c].max)
            add(f, {NoteCode::added_from_selection, {rule_arg(-1)}});
    }
    if (static_cast<int>(out.size()) > ev.total.max)
        rec.warnings.push_back(
            {static_cast<std::uint32_t>(std::max<std::int64_t>(0, ev.total.max_rule)),
             {NoteCode::too_many, {num_arg(static_cast<double>(out.size())), num_arg(ev.total.max)}}});
}

void Review::stage_note() {
    const auto prev = p.history.previous_stage;
    if (!prev || *prev == rec.stage) return;
    // Then the rules to cite: the one that derived the criteria, the one that set the stage.
    Note note{rec.stage > *prev ? NoteCode::stage_up : NoteCode::stage_down, {*prev, rec.stage}};
    if (auto criteria = r.slots.criteria_stage; criteria && *criteria < ev.derived_by.size())
        if (ev.derived_by[*criteria] >= 0) note.args.push_back(rule_arg(ev.derived_by[*criteria]));
    if (rec.stage_rule >= 0) note.args.push_back(rule_arg(rec.stage_rule));
    rec.warnings.push_back(
        {static_cast<std::uint32_t>(std::max<std::int64_t>(0, rec.stage_rule)), std::move(note)});
}

void Review::log_warnings() {
    ExerciseSet planned(kg.exercise_count()), warned(kg.exercise_count());
    for (const auto& pe : p.history.programme)
        if (pe.exercise.valid() && pe.exercise.value < kg.exercise_count()) planned.insert(pe.exercise);
    for (const auto& s : p.history.sessions)
        for (const auto& x : s.exercises)
            if (x.exercise.valid() && x.exercise.value < kg.exercise_count() &&
                !planned.contains(x.exercise) && !warned.contains(x.exercise)) {
                warned.insert(x.exercise);
                rec.warnings.push_back(
                    {note_rule(), {NoteCode::log_not_planned, {num_arg(s.day), x.exercise}}});
            }
}

}  // namespace

void progress_programme(const ProgressionContext& r, const Profile& p, Recommendation& rec) {
    rec.dropped.clear();
    if (p.history.programme.empty() || rec.referred()) return;
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
