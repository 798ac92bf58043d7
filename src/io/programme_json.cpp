// Writes the "rehab.programme/1" document with nlohmann::ordered_json: keys in a fixed order,
// optional fields omitted rather than null or empty, integral numbers written as integers.
#include "io/programme_json.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/explanation.hpp"
#include "io/programme_words.hpp"

namespace rehab::io {

namespace {

using Json = nlohmann::ordered_json;

Json num(double v) {
    if (std::abs(v - std::round(v)) < 1e-9 && std::abs(v) < 1e15) return static_cast<std::int64_t>(std::llround(v));
    return v;
}

Json fact_json(const FactSchema& s, FactSlot slot, double v) {
    switch (s.fact(slot).type) {
        case FactType::boolean: return v != 0;
        case FactType::enumeration: return s.format_value(slot, v);
        case FactType::number: break;
    }
    return num(v);
}

void put(Json& j, const char* key, const std::string& v) {
    if (!v.empty()) j[key] = v;
}

Json references(const Recommender& r, std::uint32_t rule) {
    Json out = Json::array();
    for (auto ref : r.rules().rule(rule).references) out.push_back(r.knowledge().reference(ref).key);
    return out;
}

Json stage_json(const Recommender& r, const Recommendation& rec) {
    Json j;
    j["value"] = to_string(rec.stage);
    if (rec.stage_rule >= 0) {
        const CompiledRule& rule = r.rules().rule(static_cast<std::uint32_t>(rec.stage_rule));
        j["source"] = rule.id;
        put(j, "rationale", rule.rationale);
        Json basis = Json::array();
        for (auto b : stage_basis(r, rec))
            if (static_cast<std::int64_t>(b) != rec.stage_rule) {
                Json o{{"rule", r.rules().rule(b).id}};
                put(o, "rationale", r.rules().rule(b).rationale);
                basis.push_back(std::move(o));
            }
        if (!basis.empty()) j["basis"] = std::move(basis);
    }
    if (rec.next_stage) j["next_stage"] = to_string(*rec.next_stage);
    Json unmet = Json::array();
    for (const auto& u : unmet_criteria(r, rec)) {
        Json c;
        c["fact"] = u.needs.fact;
        put(c, "label", u.label);
        if (u.observed) c["observed"] = fact_json(r.rules().schema(), u.needs.slot, *u.observed);
        c["needs"] = u.needs.needs();
        c["rule"] = r.rules().rule(u.rule).id;
        unmet.push_back(std::move(c));
    }
    if (!unmet.empty()) j["unmet"] = std::move(unmet);
    return j;
}

Json referral_json(const Recommender& r, const Recommendation& rec) {
    Json j;
    j["urgency"] = to_string(most_urgent(rec.referral));
    Json reasons = Json::array();
    for (const auto& x : rec.referral) {
        Json o;
        if (x.red_flag.valid()) {
            const RedFlag& f = r.knowledge().red_flag(x.red_flag);
            o["red_flag"] = f.key;
            put(o, "name", f.name);
            put(o, "concern", f.concern);
            o["urgency"] = to_string(x.urgency);
            put(o, "advice", f.advice);
        } else {
            put(o, "concern", x.reason);
            o["urgency"] = to_string(x.urgency);
        }
        o["rule"] = r.rules().rule(x.rule).id;
        reasons.push_back(std::move(o));
    }
    j["reasons"] = std::move(reasons);
    return j;
}

Json dose_json(const KnowledgeGraph& kg, const PrescribedDose& d) {
    Json j;
    j["sets"] = d.sets;
    if (d.reps) j["reps"] = *d.reps;
    if (d.reps && d.reps_top && *d.reps_top > *d.reps) j["reps_range"] = Json::array({*d.reps, *d.reps_top});
    if (d.hold_s) j["hold_s"] = *d.hold_s;
    if (d.hold_s && d.hold_top && *d.hold_top > *d.hold_s) j["hold_range"] = Json::array({*d.hold_s, *d.hold_top});
    if (d.duration_min) j["duration_min"] = num(*d.duration_min);
    put(j, "tempo", d.tempo);
    if (d.rest_s > 0) j["rest_s"] = d.rest_s;
    if (d.per_week > 0) j["sessions_per_week"] = d.per_week;
    if (d.band.valid()) {
        const Band& b = kg.band(d.band);
        j["band"] = Json{{"id", b.key}, {"name", b.name}, {"force_lb", num(b.force_lb)}};
    }
    j["per_side"] = d.per_side;
    return j;
}

Json why_json(const Recommender& r, const Reason& why) {
    const CompiledRule& rule = r.rules().rule(why.rule);
    Json j;
    j["rule"] = rule.id;
    j["kind"] = to_string(why.kind);
    if (why.kind == ActionKind::prefer || why.kind == ActionKind::avoid) j["weight"] = num(why.weight);
    put(j, "rationale", rule.rationale);
    if (!rule.references.empty()) j["evidence"] = references(r, why.rule);
    return j;
}

Json ids(const KnowledgeGraph& kg, const std::vector<ExerciseId>& xs) {
    Json out = Json::array();
    for (auto x : xs) out.push_back(kg.exercise(x).key);
    return out;
}

Json strings(const std::vector<std::string>& xs) {
    Json out = Json::array();
    for (const auto& x : xs)
        if (!x.empty()) out.push_back(x);
    return out;
}

Json exercise_json(const Recommender& r, const Recommendation& rec, const ProgrammeItem& it, const Profile& p) {
    const KnowledgeGraph& kg = r.knowledge();
    const Exercise& ex = kg.exercise(it.exercise);
    Json j;
    j["id"] = ex.key;
    j["name"] = ex.name;
    j["component"] = to_string(ex.component);
    j["side"] = exercise_side(ex, it.dose, p);
    j["dose"] = dose_json(kg, it.dose);
    if (!ex.instructions.empty()) j["instructions"] = strings(ex.instructions);
    put(j, "purpose", ex.purpose);
    if (!it.precautions.empty()) j["precautions"] = strings(it.precautions);
    Json prog;
    put(prog, "criteria", progression_text(rec.progress));
    if (auto next = kg.progressions(it.exercise); !next.empty()) prog["next"] = ids(kg, next);
    if (auto prev = kg.regressions(it.exercise); !prev.empty()) prog["previous"] = ids(kg, prev);
    if (!prog.empty()) j["progression"] = std::move(prog);
    Json change;
    change["kind"] = to_string(it.change);
    if (it.replaces.valid()) change["replaces"] = kg.exercise(it.replaces).key;
    if (!it.change_reasons.empty()) change["reasons"] = strings(it.change_reasons);
    j["change"] = std::move(change);
    Json why = Json::array();
    for (const auto& w : it.selected_by) why.push_back(why_json(r, w));
    for (const auto& w : it.dosed_by) why.push_back(why_json(r, w));
    if (!why.empty()) j["why"] = std::move(why);
    if (!it.graph_reasons.empty()) j["graph"] = strings(it.graph_reasons);
    return j;
}

Json excluded_json(const Recommender& r, const Recommendation& rec, const ExcludedItem& x) {
    const FactSchema& s = r.rules().schema();
    const Exercise& ex = r.knowledge().exercise(x.exercise);
    Json j;
    j["id"] = ex.key;
    j["name"] = ex.name;
    Json why = Json::array();
    for (const auto& reason : explain_exercise(r, rec, x.exercise).exclusions) {
        Json w;
        if (reason.rule >= 0) {
            const CompiledRule& rule = r.rules().rule(static_cast<std::uint32_t>(reason.rule));
            w["rule"] = rule.id;
            put(w, "rationale", rule.rationale);
        } else {
            w["source"] = "knowledge";
            put(w, "rationale", reason.no_change);
        }
        Json observed = Json::array();
        for (const auto& o : reason.observed) {
            Json c;
            c["fact"] = o.fact;
            if (o.observed) c["value"] = fact_json(s, o.slot, *o.observed);
            if (o.negation) c["needs"] = o.negation->needs();
            observed.push_back(std::move(c));
        }
        if (!observed.empty()) w["observed"] = std::move(observed);
        why.push_back(std::move(w));
    }
    if (!why.empty()) j["why"] = std::move(why);
    return j;
}

Json trace_json(const Recommender& r, const Recommendation& rec) {
    const FactSchema& s = r.rules().schema();
    Json fired = Json::array();
    for (auto f : rec.evaluation.fired) fired.push_back(r.rules().rule(f).id);
    Json facts = Json::object();
    for (FactSlot slot = 0; slot < s.size(); ++slot) {
        if (!s.fact(slot).derived || slot >= rec.evaluation.facts.size()) continue;
        const FactValue& v = rec.evaluation.facts.get(slot);
        if (v.known) facts[s.fact(slot).name] = fact_json(s, slot, v.value);
    }
    return Json{{"rules_fired", std::move(fired)}, {"facts", std::move(facts)}};
}

}  // namespace

std::string programme_to_json(const Recommender& r, const Recommendation& rec, const Profile& p, int indent) {
    const KnowledgeGraph& kg = r.knowledge();
    Json j;
    j["format"] = programme_format;
    put(j, "profile_id", rec.profile_id.empty() ? p.id : rec.profile_id);
    j["engine"] = Json{{"name", "rehab"}, {"version", REHAB_VERSION}};
    j["knowledge"] = Json{{"name", kg.name()}, {"version", kg.version()}, {"hash", kg.content_hash()}};
    j["rules"] = Json{{"version", r.rules().version()}, {"hash", r.rules().content_hash()}};
    j["stage"] = stage_json(r, rec);
    if (!rec.irritability.empty()) j["irritability"] = rec.irritability;
    if (rec.progress.pain_ceiling) j["pain_ceiling"] = num(*rec.progress.pain_ceiling);
    if (rec.referred()) j["referral"] = referral_json(r, rec);
    Json exercises = Json::array(), excluded = Json::array(), not_chosen = Json::array(), warnings = Json::array();
    if (!rec.referred()) {
        for (const auto& it : rec.items) exercises.push_back(exercise_json(r, rec, it, p));
        for (const auto& x : rec.excluded) excluded.push_back(excluded_json(r, rec, x));
        for (const auto& n : rec.not_chosen) {
            Json o{{"id", kg.exercise(n.exercise).key}, {"score", num(n.score)}};
            put(o, "reason", n.reason);
            not_chosen.push_back(std::move(o));
        }
    }
    for (const auto& w : rec.warnings) {
        Json o{{"rule", r.rules().rule(w.rule).id}};
        put(o, "text", w.text);
        warnings.push_back(std::move(o));
    }
    j["exercises"] = std::move(exercises);
    j["excluded"] = std::move(excluded);
    j["not_chosen"] = std::move(not_chosen);
    j["warnings"] = std::move(warnings);
    j["disclaimer"] = programme_disclaimer;
    j["trace"] = trace_json(r, rec);
    return indent < 0 ? j.dump() : j.dump(indent) + "\n";
}

}  // namespace rehab::io
