// The state of one progression review (review.cpp: each current exercise; top_up.cpp: what is
// added, the protocol's core and the stop memory): the thresholds, what is excluded or taken, and
// the new programme as it is built. Not installed API: only review/*.cpp include it.
#pragma once
#include <algorithm>
#include <deque>

#include "core/recommend/review/review_detail.hpp"

namespace rehab::progression {

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
    int review_day = 0;        // the latest day logged or stopped: "now" for the stop memory
    int moved_on = 0;          // exercises moved on to the next of their chain in this review
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
        review_day = last_day;
        for (const auto& s : p.history.stopped) review_day = std::max(review_day, s.day);
    }

    // The stop record of an exercise stopped within the rules' memory (progress.stopped_memory_days).
    const StoppedExercise* stopped_recently(ExerciseId e) const {
        if (!t.stopped_memory.value) return nullptr;
        for (const auto& s : p.history.stopped)
            if (s.exercise == e && s.day >= review_day - *t.stopped_memory.value) return &s;
        return nullptr;
    }

    // Whether the exercise is in the core of the condition's protocol at this stage.
    bool protocol_core(ExerciseId e) const {
        if (!p.condition.valid()) return false;
        const auto& protocol = kg.condition(p.condition).protocol;
        return protocol && rec.stage <= protocol->through && protocol->has(e);
    }

    bool shares_ladder(ExerciseId a, ExerciseId b) const {
        const auto& la = kg.exercise(a).ladders;
        if (la.empty()) return true;
        for (const auto& x : la)
            for (const auto& y : kg.exercise(b).ladders)
                if (x.ladder == y.ladder) return true;
        return false;
    }

    // Not excluded (the ladder windows of the stage included) and not in the programme already.
    bool eligible(ExerciseId e) const { return !excluded.contains(e) && !in_programme.contains(e); }

    // The first eligible exercise one step along the chain (direct successors or predecessors), or,
    // with `search`, the nearest eligible one further along (breadth first); with `same_ladder`,
    // only one on a loading ladder of `from` (a strength exercise does not move on to a stretch).
    std::optional<ExerciseId> along_chain(ExerciseId from, bool forward, bool search,
                                          bool same_ladder = false) const {
        std::deque<ExerciseId> queue{from};
        ExerciseSet seen(kg.exercise_count());
        seen.insert(from);
        while (!queue.empty()) {
            const ExerciseId e = queue.front();
            queue.pop_front();
            for (ExerciseId next : forward ? kg.progressions(e) : kg.regressions(e)) {
                if (seen.contains(next)) continue;
                seen.insert(next);
                if (eligible(next) && (!same_ladder || shares_ladder(from, next))) return next;
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
    void restore_protocol();
    bool duplicates(ExerciseId e);
    void stage_note();
    void log_warnings();
};

}  // namespace rehab::progression
