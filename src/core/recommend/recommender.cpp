// Programme assembly on top of the engine's evaluation: referral, selection within limits and
// components (no two exercises doing the same job), dosing by the dose rules, the order to perform
// them, and the reasons for every decision. Thresholds live in the rules, not here.
#include "core/recommend/recommender.hpp"

#include <algorithm>
#include <map>
#include <vector>

#include "core/recommend/dosing.hpp"

namespace rehab {

const char* to_string(Change c) {
    switch (c) {
        case Change::new_:
            return "new";
        case Change::progressed:
            return "progressed";
        case Change::held:
            return "held";
        case Change::regressed:
            return "regressed";
        case Change::replaced:
            return "replaced";
        case Change::dropped:
            return "dropped";
    }
    return "?";
}

namespace {

// Exercises do the same job when they share component and every (movement, contraction) pair.
bool do_same_job(const Exercise& a, const Exercise& b) {
    if (a.component != b.component || a.performs.size() != b.performs.size() || a.performs.empty())
        return false;
    for (const auto& p : a.performs) {
        bool found = false;
        for (const auto& q : b.performs)
            found |= p.movement == q.movement && p.contractions == q.contractions;
        if (!found) return false;
    }
    return true;
}

// Component, number of performs and the sorted distinct (movement, contractions) pairs. Two
// exercises without repeated pairs do the same job exactly when their keys are equal.
using JobKey = std::vector<std::uint64_t>;
JobKey job_key(const Exercise& e, bool& repeats) {
    JobKey k;
    for (const auto& p : e.performs) k.push_back((std::uint64_t{p.movement.value} << 32) | p.contractions);
    std::sort(k.begin(), k.end());
    k.erase(std::unique(k.begin(), k.end()), k.end());
    repeats = k.size() != e.performs.size();
    k.push_back(e.performs.size());
    k.push_back(static_cast<std::uint64_t>(e.component));
    return k;
}

// Per exercise, the exercises that do the same job, without comparing every pair: exercises are
// grouped by job_key, and only the rare ones that repeat a pair (whose pairs can then be a strict
// subset of another's) are compared one by one, as before.
std::vector<ExerciseSet> same_job_sets(const KnowledgeGraph& kg) {
    const auto& exs = kg.exercises();
    std::vector<ExerciseSet> same_job(exs.size(), ExerciseSet(exs.size()));
    std::map<JobKey, std::vector<ExerciseId>> groups;
    std::vector<ExerciseId> repeating;
    for (const auto& e : exs) {
        if (e.performs.empty()) continue;
        bool repeats = false;
        JobKey k = job_key(e, repeats);
        if (repeats)
            repeating.push_back(e.id);
        else
            groups[std::move(k)].push_back(e.id);
    }
    for (const auto& [key, members] : groups)
        for (auto a : members)
            for (auto b : members)
                if (a != b) same_job[a.value].insert(b);
    for (auto a : repeating)
        for (const auto& b : exs)
            if (a != b.id && do_same_job(exs[a.value], b)) same_job[a.value].insert(b.id);
    return same_job;
}

}  // namespace

Recommender::Recommender(Key, std::shared_ptr<const RuleSet> rules) : engine_(std::move(rules)) {}

std::shared_ptr<const Recommender> Recommender::create(std::shared_ptr<const RuleSet> rules,
                                                       Diagnostics& diags) {
    const FactSchema& s = rules->schema();
    for (const char* name : {"stage", "irritability", "condition", "pain.rest"})
        if (!s.find(name)) {
            diags.error("RC001", {}, std::string("the clinical rules must declare the fact '") + name + "'");
            return nullptr;
        }
    auto r = std::make_shared<Recommender>(Key{}, rules);
    const KnowledgeGraph& kg = rules->knowledge();
    r->slots_ = ClinicalSlots::resolve(s, kg);
    r->stage_ = *s.find("stage");
    r->irritability_ = *s.find("irritability");
    r->progression_ = {s.find("pain_ceiling"),          s.find("progress.sessions_required"),
                       s.find("progress.rpe_max"),      s.find("progress.morning_margin"),
                       s.find("progress.trend_margin"), s.find("criteria_stage"),
                       s.find("progress.max_replaced"), s.find("progress.stopped_memory_days")};
    r->same_job_ = same_job_sets(kg);
    r->index_stage_rules();
    return r;
}

Recommendation Recommender::recommend(const Profile& profile, bool trace) const {
    Recommendation out;
    recommend(profile, out, trace);
    return out;
}

void Recommender::recommend(const Profile& profile, Recommendation& out, bool trace) const {
    evaluate(profile, out, trace);
    stage(out);
    if (out.evaluation.referred()) {
        refer(out);
        account(profile, out);
        return;
    }
    select(out);  // rewrites excluded and not_chosen in place, reusing their strings and vectors
    dose(out);
    review(profile, out);  // before explain_items: explain the programme given
    account(profile, out);
    explain_items(out);
}

// After the review (or a referral) every exercise of the current programme that is not in the new
// one is in `dropped`, with its change: replaced (by the exercise that replaces it), stopped, now
// excluded (the exclusion moves onto the dropped item) or referred. The lists then hold each
// exercise at most once: the review's programme leaves `not_chosen`, and what the fresh selection
// chose but the review did not keep joins it (kept_current).
void Recommender::account(const Profile& profile, Recommendation& out) const {
    const KnowledgeGraph& kg = knowledge();
    const std::size_t n = kg.exercise_count();
    if (profile.history.programme.empty() && profile.history.stopped.empty()) return;
    ExerciseSet kept(n), gone(n), listed(n);
    for (const auto& i : out.items) kept.insert(i.exercise);
    for (const auto& d : out.dropped) gone.insert(d.exercise);
    for (const auto& pe : profile.history.programme) {
        if (!pe.exercise.valid() || pe.exercise.value >= n || kept.contains(pe.exercise) ||
            gone.contains(pe.exercise))
            continue;
        gone.insert(pe.exercise);
        ProgrammeItem d;
        d.exercise = pe.exercise;
        d.change = Change::dropped;
        d.dose = entry_dose(rules(), pe.exercise, out.stage, out.evaluation);
        if (pe.sets) d.dose.sets = *pe.sets;
        if (pe.reps) d.dose.reps = *pe.reps;
        if (pe.hold_s) d.dose.hold_s = *pe.hold_s;
        if (pe.band) d.dose.band = *pe.band;
        if (out.referred()) d.change_reasons.push_back({NoteCode::stopped_referred, {}});
        for (const auto& i : out.items)
            if (i.replaces == pe.exercise) {
                d.change_reasons.push_back({NoteCode::replaced_by, {i.exercise}});
                d.change_reasons.insert(d.change_reasons.end(), i.change_reasons.begin(),
                                        i.change_reasons.end());
                d.change_rules = i.change_rules;
            }
        out.dropped.push_back(std::move(d));
    }
    for (auto& d : out.dropped)
        for (const auto& x : out.excluded)
            if (x.exercise == d.exercise) d.excluded = true, d.excluded_by = x.rules;
    std::erase_if(out.excluded, [&](const ExcludedItem& x) { return gone.contains(x.exercise); });
    std::erase_if(out.not_chosen, [&](const NotChosenItem& x) {
        return kept.contains(x.exercise) || gone.contains(x.exercise);
    });
    if (out.referred()) return;
    listed = kept;
    listed |= gone;
    for (const auto& x : out.excluded) listed.insert(x.exercise);
    for (const auto& x : out.not_chosen) listed.insert(x.exercise);
    for (const auto& e : kg.exercises())
        if (!listed.contains(e.id))
            out.not_chosen.push_back(
                {e.id, out.evaluation.score[e.id.value], NotChosenWhy::kept_current, {}});
}

// The engine's evaluation of the profile's facts, the rule warnings that name no exercise, and the
// progression thresholds; clears what the later steps fill.
void Recommender::evaluate(const Profile& profile, Recommendation& out, bool trace) const {
    FactValues facts(rules().schema());
    profile_to_facts(profile, slots_, facts);
    engine_.evaluate(facts, out.evaluation, trace);
    const Evaluation& ev = out.evaluation;
    out.profile_id = profile.id;
    out.referral.clear();
    out.items.clear();
    out.warnings.clear();
    out.next_stage_unmet.clear();
    out.dropped.clear();
    const FactValue& irr = ev.facts.get(irritability_);
    out.irritability = irr.known ? rules().schema().format_value(irritability_, irr.value) : "unknown";
    auto get = [&](std::optional<FactSlot> s) -> std::optional<double> {
        if (s && ev.facts.get(*s).known) return ev.facts.get(*s).value;
        return std::nullopt;
    };
    out.progress = {get(progression_.ceiling), get(progression_.sessions), get(progression_.rpe_max)};
    for (const auto& w : ev.warnings) {
        const CompiledAction& a = rules().rule(w.rule).actions[w.action];
        if (a.selector == no_selector) out.warnings.push_back({w.rule, a.text});
    }
}

// The stage the rules derived (early when unknown), the rule behind it, and the next stage's criteria.
void Recommender::stage(Recommendation& out) const {
    const Evaluation& ev = out.evaluation;
    const FactValue& st = ev.facts.get(stage_);
    out.stage = st.known ? static_cast<Stage>(static_cast<int>(st.value)) : Stage::early;
    out.stage_rule = ev.derived_by[stage_];
    next_stage_criteria(out);
}

void Recommender::dose(Recommendation& out) const {
    for (auto& item : out.items)
        item.dose = entry_dose(rules(), item.exercise, out.stage, out.evaluation, &item.dosed_by);
}

void Recommender::review(const Profile& profile, Recommendation& out) const {
    progress_programme({rules(), progression_, same_job_}, profile, out);
}

void Recommender::refer(Recommendation& out) const {
    out.excluded.clear();
    out.not_chosen.clear();
    for (const auto& ref : out.evaluation.referrals) {
        const CompiledAction& a = rules().rule(ref.rule).actions[ref.action];
        ReferralReason r{ref.rule, a.red_flag, a.urgency, a.text};
        if (r.reason.empty() && a.red_flag.valid()) r.reason = knowledge().red_flag(a.red_flag).concern;
        out.referral.push_back(std::move(r));
    }
}

// The criteria of each stage: the rules that set it (RuleSet::rules_deriving follows copies).
void Recommender::index_stage_rules() {
    for (int s = 0; s < stage_count; ++s) stage_rules_[s] = rules().rules_deriving(stage_, s);
}

void Recommender::next_stage_criteria(Recommendation& out) const {
    if (out.stage == Stage::late) return;
    out.next_stage = static_cast<Stage>(static_cast<int>(out.stage) + 1);
    for (std::uint32_t r : stage_rules_[static_cast<int>(*out.next_stage)])
        for (const auto& o : out.evaluation.observations)
            if (o.rule == r && o.result != Truth::true_) out.next_stage_unmet.push_back({o, r});
}

}  // namespace rehab
