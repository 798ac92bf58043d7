// The end of a progression review: the programme topped up to the rules' limits from this week's
// selection, the protocol's core kept, nothing stopped recently added back to make up the numbers,
// and the review's stage and log warnings.
#include "core/recommend/review/review_state.hpp"

namespace rehab::progression {

// Whether a fresh exercise would duplicate the reviewed programme: one in it, one just replaced or
// dropped, or one that does the same job as an exercise in it; or is one stopped at a recent review
// (not added back to make up the numbers: said once, as a warning).
bool Review::duplicates(ExerciseId e) {
    if (in_programme.contains(e)) return true;
    for (const auto& o : out)
        if (o.replaces == e || r.same_job(o.exercise, e)) return true;
    if (const StoppedExercise* s = stopped_recently(e)) {
        in_programme.insert(e);  // once
        rec.warnings.push_back({static_cast<std::uint32_t>(std::max<std::int64_t>(0, t.stopped_memory.rule)),
                                {NoteCode::stopped_recently, {e, num_arg(s->day), t.stopped_memory.cite()}}});
        return true;
    }
    return false;
}

// A protocol's core (knowledge: the condition's protocol, e.g. Askling's through the mid stage) is
// kept: a core exercise that a rule excluded for a while (history.stopped, why "excluded") comes
// back as soon as it is allowed again, in place of its stand-in. One stopped for its own pain comes
// back along its chain instead (or after the stop memory).
void Review::restore_protocol() {
    if (!p.condition.valid() || no_new_load) return;
    const Condition& c = kg.condition(p.condition);
    if (!c.protocol) return;
    for (ExerciseId e : c.protocol->exercises) {
        if (!protocol_core(e) || !eligible(e)) continue;
        if (std::any_of(out.begin(), out.end(), [&](const ProgrammeItem& o) { return o.replaces == e; }))
            continue;
        const StoppedExercise* s = stopped_recently(e);
        if (!s || s->why == StopReason::pain) continue;  // only one paused by a rule comes back here
        // Its stand-in: the easier exercise before it on its chain, in the programme in its place.
        const auto before = kg.regressions(e);
        auto stand_in = std::find_if(out.begin(), out.end(), [&](const ProgrammeItem& o) {
            return !protocol_core(o.exercise) &&
                   std::find(before.begin(), before.end(), o.exercise) != before.end();
        });
        if (stand_in != out.end() && stand_in->change == Change::regressed) continue;  // still hurting
        if (stand_in == out.end() && static_cast<int>(out.size()) >= ev.total.max) continue;
        ProgrammeItem item;
        item.exercise = e;
        item.score = ev.score[e.value];
        item.dose = entry_dose(r.rules, e, rec.stage, ev, &item.dosed_by);
        item.change = Change::new_;
        item.change_reasons.push_back({NoteCode::protocol_restored, {t.stopped_memory.cite()}});
        if (t.stopped_memory.rule >= 0)
            item.change_rules.push_back(static_cast<std::uint32_t>(t.stopped_memory.rule));
        in_programme.insert(e);
        if (stand_in == out.end()) {
            out.push_back(std::move(item));
            continue;
        }
        item.change = Change::replaced;
        item.replaces = stand_in->exercise;
        in_programme.erase(stand_in->exercise);
        *stand_in = std::move(item);
    }
}

void Review::top_up(std::vector<ProgrammeItem> fresh) {
    for (const auto& d : rec.dropped) in_programme.insert(d.exercise);  // not back as new in the same review
    restore_protocol();
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
    // A protocol's core exercise excluded for now keeps its place: no filler takes it.
    int paused_core = 0;
    if (p.condition.valid() && kg.condition(p.condition).protocol)
        for (ExerciseId e : kg.condition(p.condition).protocol->exercises)
            paused_core += protocol_core(e) && excluded.contains(e) ? 1 : 0;
    const std::size_t target = std::min<std::size_t>(
        fresh.size(), static_cast<std::size_t>(std::max(0, ev.total.max - paused_core)));
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

}  // namespace rehab::progression
