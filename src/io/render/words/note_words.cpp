// The words of every NoteCode, with the arguments core gives it (in order, as listed by each case),
// and the dose and number formats. Rule citations read " [rule id]" (nothing for rule -1).
#include "io/render/words/note_words.hpp"

#include <cstdio>

namespace rehab::io {

namespace {

class Words {
public:
    Words(const RuleSet& rules, const Note& n, std::size_t skip = 0) : rules_(rules), n_(n), skip_(skip) {}

    std::string num(std::size_t i) const { return format_number(get<double>(i)); }
    std::string pain(std::size_t i) const { return num(i) + "/10"; }
    std::string day(std::size_t i) const { return "session day " + num(i); }
    const std::string& name(std::size_t i) const { return kg().exercise(get<ExerciseId>(i)).name; }
    std::string stage(std::size_t i) const { return to_string(get<Stage>(i)); }
    std::string component(std::size_t i) const { return to_string(get<Component>(i)); }
    std::string dose(std::size_t i) const { return format_dose(kg(), get<PrescribedDose>(i)); }
    std::string step(std::size_t i) const { return step_text(kg(), get<DoseStep>(i)); }
    std::string cite(std::size_t i) const {
        const std::int64_t r = get<RuleArg>(i).rule;
        return r < 0 ? "" : " [" + rule_id(r) + "]";
    }
    std::string done(std::size_t i) const {
        const DoneArg& d = get<DoneArg>(i);
        std::string s = std::to_string(d.sets.value_or(0)) + " x " + std::to_string(d.reps.value_or(0));
        if (d.hold_s) s += " (hold " + std::to_string(*d.hold_s) + " s)";
        return s;
    }
    std::string rule_id(std::int64_t r) const { return rules_.rule(static_cast<std::uint32_t>(r)).id; }
    std::size_t size() const { return n_.args.size() - skip_; }
    template <class T>
    const T& get(std::size_t i) const {
        return std::get<T>(n_.args.at(skip_ + i));
    }
    std::string text(NoteCode code) const;

private:
    const KnowledgeGraph& kg() const { return rules_.knowledge(); }
    const RuleSet& rules_;
    const Note& n_;
    std::size_t skip_;
};

// The log's verdict on one exercise (review/assess.cpp).
std::string log_text(const Words& a, NoteCode code) {
    switch (code) {
        case NoteCode::log_inconsistent:  // day, exercise
            return a.day(0) + " logs pain, effort or form for " + a.name(1) +
                   " but not the sets and reps done: the log is inconsistent, so it is held";
        case NoteCode::pain_above_ceiling:  // pain, day, ceiling, rule
            return "pain during " + a.pain(0) + " in " + a.day(1) + " is above the ceiling of " + a.pain(2) +
                   a.cite(3);
        case NoteCode::morning_above_usual:  // pain, day, margin, usual, rule
            return "next-morning pain " + a.pain(0) + " after " + a.day(1) + " is " + a.num(2) +
                   " or more above the usual level of " + a.pain(3) + a.cite(4);
        case NoteCode::morning_above_ceiling:  // pain, day, ceiling, rule
            return "next-morning pain " + a.pain(0) + " after " + a.day(1) + " is above the ceiling of " +
                   a.pain(2) + " (usual level unknown)" + a.cite(3);
        case NoteCode::form_broke:  // day, done
            return "form broke down with the dose not completed in " + a.day(0) + " (" + a.done(1) + ")";
        case NoteCode::pain_rose:  // before, now, sessions, rule
            return "mean pain during rose from " + a.pain(0) + " to " + a.pain(1) + " over the last " +
                   a.num(2) + " sessions" + a.cite(3);
        case NoteCode::too_few_sessions:  // logged, exercise, needed, rule
            return a.num(0) + " logged session(s) of " + a.name(1) + "; " + a.num(2) +
                   " in a row at the target dose are needed to progress" + a.cite(3);
        case NoteCode::dose_not_logged:  // day
            return "the dose done is not fully logged in " + a.day(0);
        case NoteCode::dose_not_completed:  // day, done
            return "the prescribed dose was not completed in " + a.day(0) + " (" + a.done(1) + ")";
        case NoteCode::form_not_kept:  // day
            return "form was not kept in " + a.day(0);
        case NoteCode::form_not_logged:  // day
            return "form was not logged in " + a.day(0);
        case NoteCode::pain_not_logged:  // day
            return "pain during was not logged in " + a.day(0);
        case NoteCode::morning_not_logged:  // day
            return "next-morning pain was not logged after " + a.day(0);
        case NoteCode::morning_not_back_usual:  // pain, day, usual
            return "next-morning pain " + a.pain(0) + " after " + a.day(1) +
                   " is not back to the usual level of " + a.pain(2);
        case NoteCode::morning_not_back_ceiling:  // pain, day, ceiling
            return "next-morning pain " + a.pain(0) + " after " + a.day(1) +
                   " is not back to the ceiling of " + a.pain(2);
        case NoteCode::rpe_not_logged:  // day
            return "effort (RPE) was not logged in " + a.day(0);
        case NoteCode::rpe_above:  // rpe, day, max, rule
            return "effort (RPE) " + a.num(0) + "/10 in " + a.day(1) + " is above " + a.num(2) + "/10" +
                   a.cite(3);
        case NoteCode::pain_above_ceiling_week:  // pain, day, ceiling, rule
            return "pain during " + a.pain(0) + " in " + a.day(1) + " this week was above the ceiling of " +
                   a.pain(2) + a.cite(3);
        case NoteCode::medication:
            return "the patient takes pain medication for this injury, which masks the pain response: not "
                   "progressed";
        case NoteCode::sessions_met: {  // sessions, rule, then the days
            std::string days;
            for (std::size_t i = 2; i < a.size(); ++i) days += (i == 2 ? "" : ", ") + a.num(i);
            return a.num(0) + " sessions in a row at the target dose with form kept (days " + days + ")" +
                   a.cite(1);
        }
        case NoteCode::pain_within:  // pain, ceiling, rule
            return "pain during at most " + a.pain(0) + ", within the ceiling of " + a.pain(1) + a.cite(2);
        case NoteCode::morning_back_usual:  // pain, usual
            return "next-morning pain at most " + a.pain(0) + ", back to the usual level of " + a.pain(1);
        case NoteCode::morning_back_no_usual:  // pain
            return "next-morning pain at most " + a.pain(0) +
                   ", back to within the ceiling (usual level unknown)";
        case NoteCode::rpe_within:  // rpe, max, rule
            return "effort (RPE) at most " + a.num(0) + "/10, within " + a.num(1) + "/10" + a.cite(2);
        case NoteCode::mornings_contradict:  // day, lower, higher
            return "the log gives two next-morning pain levels for the morning after " + a.day(0) + " (" +
                   a.pain(1) + " and " + a.pain(2) + "): the log is inconsistent, so every exercise is held";
        case NoteCode::flare_no_load:  // pain, day
            return "a flare: next-morning pain " + a.pain(0) + " after " + a.day(1) +
                   ", so no load is added at this review";
        case NoteCode::mornings_rose_week:  // before, now, rule
            return "next-morning pain rose from a mean of " + a.pain(0) + " last week to " + a.pain(1) +
                   " this week: a worsening week, regressed" + a.cite(2);
        case NoteCode::mornings_rose_days:  // first, last, count, rule
            return "next-morning pain rose from " + a.pain(0) + " to " + a.pain(1) + " over the week's " +
                   a.num(2) + " mornings: a worsening week, regressed" + a.cite(3);
        case NoteCode::thresholds_unknown_held:
            return "progression thresholds unknown: held";
        default:
            return "";  // rule_text: the text is the rule's (RuleNote::text)
    }
}

// "Stage: mid -> late: criteria met (rule a, b)": the rules cited once each.
std::string stage_text(const Words& a, bool up) {
    std::string text =
        "Stage: " + a.stage(0) + " -> " + a.stage(1) + ": " +
        (up ? "criteria met" : "the criteria of the " + a.stage(0) + " stage are no longer met");
    std::string rules;
    for (std::size_t i = 2; i < a.size(); ++i) {
        const std::string id = a.rule_id(a.get<RuleArg>(i).rule);
        if (rules.find(id) == std::string::npos) rules += (rules.empty() ? "" : ", ") + id;
    }
    if (!rules.empty()) text += " (rule " + rules + ")";
    return text;
}

std::string Words::text(NoteCode code) const {
    const Words& a = *this;
    switch (code) {
        case NoteCode::now_excluded:  // exercise, rule
            return a.name(0) + " is now excluded" + a.cite(1);
        case NoteCode::contraindicated:  // exercise, stage
            return a.name(0) + " is contraindicated for this condition in the " + a.stage(1) +
                   " stage (knowledge)";
        case NoteCode::not_moved_forward:  // the reason's code, then its arguments
            return "not moved forward: " + Words(rules_, n_, skip_ + 1).text(a.get<NoteCode>(0));
        case NoteCode::replaced_further:  // exercise, dose
            return "replaced by " + a.name(0) +
                   " (further along its chain, for the new stage) at its entry dose, " + a.dose(1);
        case NoteCode::replaced_easier:  // exercise, dose
            return "replaced by " + a.name(0) +
                   " (the easier exercise before it on its chain) at its entry dose, " + a.dose(1);
        case NoteCode::replaced_next:  // exercise, dose
            return "replaced by " + a.name(0) + " (the next exercise on its chain) at its entry dose, " +
                   a.dose(1);
        case NoteCode::no_replacement:
            return "no eligible exercise on its chain can replace it";
        case NoteCode::dose_step:  // step
            return a.step(0);
        case NoteCode::at_top:  // exercise, dose
            return a.name(0) + " is at the top of its dose (" + a.dose(1) + ")";
        case NoteCode::at_bottom:  // exercise, dose
            return a.name(0) + " is at the bottom of its dose (" + a.dose(1) + ")";
        case NoteCode::no_next_held:
            return "no next exercise on its chain is eligible, so it is held";
        case NoteCode::back_to_stage_dose:  // stage, dose before, dose after
            return "back to its " + a.stage(0) + "-stage dose: " + a.dose(1) + " -> " + a.dose(2);
        case NoteCode::no_easier_stopped:
            return "no easier exercise on its chain is eligible, so it is stopped";
        case NoteCode::added_for_component:  // count, component, rule
            return "added to keep at least " + a.num(0) + " " + a.component(1) + " exercise(s)" + a.cite(2);
        case NoteCode::added_for_total:  // count, rule
            return "added to keep the programme at " + a.num(0) + " exercises or more" + a.cite(1);
        case NoteCode::added_from_selection:  // rule
            return "added from this review's selection for the patient" + a.cite(0);
        case NoteCode::next_waits:  // exercise, count, rule
            return "the move to " + a.name(0) + " waits for the next review: at most " + a.num(1) +
                   " exercise(s) move on to a new exercise in one review" + a.cite(2);
        case NoteCode::protocol_restored:  // rule
            return "added: it is part of the core of the condition's protocol, kept through the mid stage "
                   "whenever it is allowed" +
                   a.cite(0);
        case NoteCode::protocol_kept:  // rule
            return "held: it is part of the core of the condition's protocol, done at its dose through the "
                   "mid stage" +
                   a.cite(0);
        case NoteCode::stopped_recently:  // exercise, day, rule
            return a.name(0) + " was stopped on day " + a.num(1) +
                   " and is not added back yet to make up the programme" + a.cite(2);
        case NoteCode::replaced_by:  // exercise
            return "replaced by " + a.name(0);
        case NoteCode::stopped_referred:
            return "stopped: the patient is referred, no exercise until seen";
        case NoteCode::stage_up:  // previous stage, stage, then the rules
        case NoteCode::stage_down:
            return stage_text(a, code == NoteCode::stage_up);
        case NoteCode::component_short:  // component, count
            return "the programme has fewer " + a.component(0) + " exercises than the " + a.num(1) +
                   " the rules ask for";
        case NoteCode::too_many:  // count, limit
            return "the programme has " + a.num(0) + " exercises, more than the " + a.num(1) +
                   " the rules allow now: consider stopping some";
        case NoteCode::log_not_planned:  // day, exercise
            return a.day(0) + " logs " + a.name(1) +
                   ", which is not in the current programme: its log is ignored";
        case NoteCode::thresholds_missing:
            return "the rules do not set the progression thresholds (pain_ceiling, progress.*): every "
                   "exercise "
                   "is held";
        case NoteCode::all_stopped:
            return "every exercise of the current programme was stopped and none can replace it: re-assess "
                   "the "
                   "patient before continuing";
        case NoteCode::too_few_eligible:  // count, limit
            return "only " + a.num(0) + " safe exercise(s) were eligible, fewer than the " + a.num(1) +
                   " the rules ask for";
        case NoteCode::no_eligible_component:  // component, eligible left out, minimum
            if (a.num(1) == "0") return "no eligible " + a.component(0) + " exercise could be included";
            return "fewer " + a.component(0) + " exercises than the " + a.num(2) +
                   " the rules ask for: the " + a.num(1) +
                   " eligible one(s) were scored down for this patient or do the same job as one "
                   "chosen (see not_chosen)";
        default:
            return log_text(a, code);
    }
}

}  // namespace

std::string format_number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    std::string s = buf;
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
    return s;
}

std::string format_dose(const KnowledgeGraph& kg, const PrescribedDose& d) {
    std::string s = std::to_string(d.sets) + " x ";
    if (d.reps) {
        s += std::to_string(*d.reps);
        if (d.hold_s) s += ", hold " + std::to_string(*d.hold_s) + " s";
    } else if (d.hold_s) {
        s += "hold " + std::to_string(*d.hold_s) + " s";
    } else if (d.duration_min) {
        s += format_number(*d.duration_min) + " min";
    } else {
        s += "1";
    }
    if (d.band.valid()) s += ", " + kg.band(d.band).name + " band";
    return s;
}

std::string step_text(const KnowledgeGraph& kg, const DoseStep& s) {
    auto change = [&](const char* what, const char* unit) {
        return std::string(what) + " " + std::to_string(s.from) + unit + " -> " + std::to_string(s.to) + unit;
    };
    switch (s.field) {
        case DoseField::reps:
            return change("reps", "");
        case DoseField::hold:
            return change("hold", " s");
        case DoseField::sets:
            return change("sets", "");
        case DoseField::band: {
            std::string t = "band " + kg.band(BandId(static_cast<std::uint32_t>(s.from))).name + " -> " +
                            kg.band(BandId(static_cast<std::uint32_t>(s.to))).name;
            if (s.reps_back_to) t += ", reps back to " + std::to_string(*s.reps_back_to);
            return t;
        }
        case DoseField::none:
            break;
    }
    return "";
}

std::string note_text(const RuleSet& rules, const Note& n) { return Words(rules, n).text(n.code); }

std::vector<std::string> note_texts(const RuleSet& rules, const std::vector<Note>& notes) {
    std::vector<std::string> out;
    out.reserve(notes.size());
    for (const auto& n : notes) out.push_back(note_text(rules, n));
    return out;
}

std::string warning_text(const RuleSet& rules, const RuleNote& w) {
    return w.note.code == NoteCode::rule_text ? w.text : note_text(rules, w.note);
}

}  // namespace rehab::io
