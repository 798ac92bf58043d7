// Snapshots of recommendations by ids, their diff, and which rules changed between two rule sets.
// Attribution: a change's own rules (stage rule, referral rules, the rules that chose, dosed or
// excluded the exercise) among the profile's responsible rules, else all of those.
#include "io/compare/programme_diff.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace rehab::io {

namespace {

std::string number_text(double v) {
    if (std::floor(v) == v && std::abs(v) < 1e15) return std::to_string(static_cast<long long>(v));
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

std::vector<std::pair<std::string, std::string>> dose_fields(const KnowledgeGraph& kg,
                                                             const PrescribedDose& d) {
    std::vector<std::pair<std::string, std::string>> f;
    f.emplace_back("sets", std::to_string(d.sets));
    if (d.reps) f.emplace_back("reps", std::to_string(*d.reps));
    if (d.hold_s) f.emplace_back("hold_s", std::to_string(*d.hold_s));
    if (d.duration_min) f.emplace_back("duration_min", number_text(*d.duration_min));
    if (!d.tempo.empty()) f.emplace_back("tempo", d.tempo);
    if (d.rest_s > 0) f.emplace_back("rest_s", std::to_string(d.rest_s));
    if (d.per_week > 0) f.emplace_back("sessions_per_week", std::to_string(d.per_week));
    if (d.band.valid()) f.emplace_back("band", kg.band(d.band).key);
    f.emplace_back("per_side", d.per_side ? "true" : "false");
    return f;
}

const std::vector<std::string>& field_order() {
    static const std::vector<std::string> order = {
        "sets", "reps", "hold_s", "duration_min", "tempo", "rest_s", "sessions_per_week", "band", "per_side"};
    return order;
}

std::string field(const ExerciseSnapshot& e, const std::string& name) {
    for (const auto& [k, v] : e.dose)
        if (k == name) return v;
    return "";
}

void sort_unique(std::vector<std::string>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

// The rules of `own` that are responsible, else every responsible rule.
std::vector<std::string> pick(std::vector<std::string> own, const std::set<std::string>& responsible) {
    std::vector<std::string> out;
    for (const auto& r : own)
        if (responsible.count(r)) out.push_back(r);
    if (out.empty()) out.assign(responsible.begin(), responsible.end());
    sort_unique(out);
    return out;
}

std::vector<std::string> join(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

const std::vector<std::string>& excluded_rules(const ProgrammeSnapshot& s, const std::string& id) {
    static const std::vector<std::string> none;
    for (const auto& [ex, rules] : s.excluded)
        if (ex == id) return rules;
    return none;
}

void exercise_changes(const ProgrammeSnapshot& a, const ProgrammeSnapshot& b,
                      const std::set<std::string>& resp, std::vector<ProgrammeChange>& out) {
    std::map<std::string, const ExerciseSnapshot*> in_a, in_b;
    for (const auto& e : a.exercises) in_a[e.id] = &e;
    for (const auto& e : b.exercises) in_b[e.id] = &e;
    for (const auto& e : b.exercises) {
        auto it = in_a.find(e.id);
        if (it == in_a.end()) {
            out.push_back({ChangeKind::exercise_added, e.id, "", "", "",
                           pick(join(e.rules, excluded_rules(a, e.id)), resp)});
            continue;
        }
        for (const auto& f : field_order()) {
            const std::string from = field(*it->second, f), to = field(e, f);
            if (from != to)
                out.push_back(
                    {ChangeKind::dose, e.id, f, from, to, pick(join(it->second->rules, e.rules), resp)});
        }
    }
    for (const auto& e : a.exercises)
        if (!in_b.count(e.id))
            out.push_back({ChangeKind::exercise_removed, e.id, "", "", "",
                           pick(join(e.rules, excluded_rules(b, e.id)), resp)});
}

std::string action_text(const ActionSpec& x) {
    std::string t = std::string(to_string(x.kind)) + "|" + x.select + "|" + x.fact + "|" + x.value + "|" +
                    number_text(x.weight) + "|" + x.text + "|" + x.red_flag + "|" + x.urgency + "|" + x.level;
    for (const auto& v : {x.sets, x.reps, x.hold_s, x.rest_s, x.per_week, x.min, x.max})
        t += "|" + (v ? std::to_string(*v) : std::string("-"));
    t += "|" + (x.volume_scale ? number_text(*x.volume_scale) : std::string("-"));
    t += "|" + std::to_string(x.band_step) + "|" + x.tempo + "|" +
         (x.per_side ? (*x.per_side ? "1" : "0") : "-") + "|" + x.component + "|" + x.window_ladder + "|" +
         std::to_string(x.window_low) + "|" + std::to_string(x.window_high);
    return t;
}

std::map<std::string, std::string> definitions(const RuleSetData& d) {
    std::map<std::string, std::string> out;
    for (const auto& r : d.rules) {
        std::string t = r.when + "\n" + std::to_string(r.priority);
        for (const auto& a : r.then) t += "\n" + action_text(a);
        out[r.id] = t;
    }
    return out;
}

}  // namespace

const char* to_string(ChangeKind k) {
    switch (k) {
        case ChangeKind::referral:
            return "referral";
        case ChangeKind::stage:
            return "stage";
        case ChangeKind::irritability:
            return "irritability";
        case ChangeKind::exercise_added:
            return "exercise_added";
        case ChangeKind::exercise_removed:
            return "exercise_removed";
        case ChangeKind::dose:
            return "dose";
    }
    return "dose";
}

ProgrammeSnapshot snapshot_programme(const Recommender& r, const Recommendation& rec) {
    const KnowledgeGraph& kg = r.knowledge();
    const RuleSet& rules = r.rules();
    ProgrammeSnapshot s;
    s.referred = rec.referred();
    for (const auto& x : rec.referral) s.referral_rules.push_back(rules.rule(x.rule).id);
    s.stage = to_string(rec.stage);
    if (rec.stage_rule >= 0) s.stage_rule = rules.rule(static_cast<std::uint32_t>(rec.stage_rule)).id;
    s.irritability = rec.irritability;
    if (auto slot = rules.schema().find("irritability"); slot && *slot < rec.evaluation.derived_by.size())
        if (const auto by = rec.evaluation.derived_by[*slot]; by >= 0)
            s.irritability_rule = rules.rule(static_cast<std::uint32_t>(by)).id;
    for (const auto& it : rec.items) {
        ExerciseSnapshot e{kg.exercise(it.exercise).key, dose_fields(kg, it.dose), {}};
        for (const auto& x : it.selected_by) e.rules.push_back(rules.rule(x.rule).id);
        for (const auto& x : it.dosed_by) e.rules.push_back(rules.rule(x.rule).id);
        s.exercises.push_back(std::move(e));
    }
    for (const auto& x : rec.excluded) {
        std::vector<std::string> ids;
        for (auto i : x.rules) ids.push_back(rules.rule(i).id);
        s.excluded.emplace_back(kg.exercise(x.exercise).key, std::move(ids));
    }
    for (auto i : rec.evaluation.fired) s.fired.push_back(rules.rule(i).id);
    sort_unique(s.fired);
    return s;
}

ProgrammeDiff diff_programmes(const ProgrammeSnapshot& a, const ProgrammeSnapshot& b,
                              const std::set<std::string>& changed_rules) {
    ProgrammeDiff d;
    std::set_difference(a.fired.begin(), a.fired.end(), b.fired.begin(), b.fired.end(),
                        std::back_inserter(d.fired_only_a));
    std::set_difference(b.fired.begin(), b.fired.end(), a.fired.begin(), a.fired.end(),
                        std::back_inserter(d.fired_only_b));
    std::set<std::string> resp(d.fired_only_a.begin(), d.fired_only_a.end());
    resp.insert(d.fired_only_b.begin(), d.fired_only_b.end());
    for (const auto* s : {&a, &b})
        for (const auto& id : s->fired)
            if (changed_rules.count(id)) d.changed_fired.push_back(id);
    sort_unique(d.changed_fired);
    resp.insert(d.changed_fired.begin(), d.changed_fired.end());

    auto flag = [](bool v) { return std::string(v ? "true" : "false"); };
    if (a.referred != b.referred)
        d.changes.push_back({ChangeKind::referral, "", "", flag(a.referred), flag(b.referred),
                             pick(join(a.referral_rules, b.referral_rules), resp)});
    if (a.stage != b.stage)
        d.changes.push_back(
            {ChangeKind::stage, "", "", a.stage, b.stage, pick({a.stage_rule, b.stage_rule}, resp)});
    if (a.irritability != b.irritability)
        d.changes.push_back({ChangeKind::irritability, "", "", a.irritability, b.irritability,
                             pick({a.irritability_rule, b.irritability_rule}, resp)});
    exercise_changes(a, b, resp, d.changes);
    for (const auto& c : d.changes) d.responsible.insert(d.responsible.end(), c.rules.begin(), c.rules.end());
    sort_unique(d.responsible);
    return d;
}

std::set<std::string> rule_definition_changes(const RuleSetData& a, const RuleSetData& b) {
    const auto da = definitions(a), db = definitions(b);
    std::set<std::string> out;
    for (const auto& [id, t] : da)
        if (auto it = db.find(id); it == db.end() || it->second != t) out.insert(id);
    for (const auto& [id, t] : db)
        if (!da.count(id)) out.insert(id);
    return out;
}

}  // namespace rehab::io
