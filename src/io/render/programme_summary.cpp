// The compact batch record, written with the streaming JsonWriter (compact layout, keys in a fixed
// order): ids, doses, changes and rule ids only.
#include "io/render/programme_summary.hpp"

#include "io/json/writer.hpp"
#include "io/render/programme_words.hpp"

namespace rehab::io {

namespace {

void dose(JsonWriter& w, const KnowledgeGraph& kg, const PrescribedDose& d) {
    w.key("sets").integer(d.sets);
    if (d.reps) w.key("reps").integer(*d.reps);
    if (d.hold_s) w.key("hold_s").integer(*d.hold_s);
    if (d.duration_min) w.key("duration_min").number(*d.duration_min);
    if (!d.tempo.empty()) w.key("tempo").string(d.tempo);
    if (d.rest_s > 0) w.key("rest_s").integer(d.rest_s);
    if (d.per_week > 0) w.key("sessions_per_week").integer(d.per_week);
    if (d.band.valid()) w.key("band").string(kg.band(d.band).key);
}

void rule_ids(JsonWriter& w, const RuleSet& rules, const ProgrammeItem& it) {
    w.key("rules").begin_array();
    for (const auto& x : it.selected_by) w.string(rules.rule(x.rule).id);
    for (const auto& x : it.dosed_by) w.string(rules.rule(x.rule).id);
    w.end_array();
}

void exercises(JsonWriter& w, const Recommender& r, const Recommendation& rec, const Profile& p) {
    const KnowledgeGraph& kg = r.knowledge();
    w.key("exercises").begin_array();
    for (const auto& it : rec.items) {
        const Exercise& ex = kg.exercise(it.exercise);
        w.begin_object();
        w.key("id").string(ex.key);
        w.key("component").string(to_string(ex.component));
        w.key("side").string(exercise_side(ex, it.dose, p));
        dose(w, kg, it.dose);
        w.key("change").string(to_string(it.change));
        if (it.replaces.valid()) w.key("replaces").string(kg.exercise(it.replaces).key);
        rule_ids(w, r.rules(), it);
        w.end_object();
    }
    w.end_array();
}

void referral(JsonWriter& w, const Recommender& r, const Recommendation& rec) {
    w.key("referral").begin_object();
    w.key("urgency").string(to_string(most_urgent(rec.referral)));
    w.key("red_flags").begin_array();
    for (const auto& x : rec.referral)
        if (x.red_flag.valid()) w.string(r.knowledge().red_flag(x.red_flag).key);
    w.end_array();
    w.key("rules").begin_array();
    for (const auto& x : rec.referral) w.string(r.rules().rule(x.rule).id);
    w.end_array();
    w.end_object();
}

}  // namespace

void append_programme_summary(const Recommender& r, const Recommendation& rec, const Profile& p,
                              std::string& out) {
    const KnowledgeGraph& kg = r.knowledge();
    JsonWriter w(out, -1);
    w.begin_object();
    w.key("format").string(programme_summary_format);
    w.key("profile_id").string(rec.profile_id.empty() ? p.id : rec.profile_id);
    w.key("knowledge").string(kg.content_hash());
    w.key("rules").string(r.rules().content_hash());
    if (p.condition.valid()) w.key("condition").string(kg.condition(p.condition).key);
    w.key("stage").string(to_string(rec.stage));
    if (rec.stage_rule >= 0)
        w.key("stage_rule").string(r.rules().rule(static_cast<std::uint32_t>(rec.stage_rule)).id);
    if (!rec.irritability.empty()) w.key("irritability").string(rec.irritability);
    if (rec.referred()) {
        referral(w, r, rec);
    } else {
        exercises(w, r, rec, p);
        w.key("excluded").begin_array();
        for (const auto& x : rec.excluded) w.string(kg.exercise(x.exercise).key);
        w.end_array();
    }
    w.key("warnings").begin_array();
    for (const auto& x : rec.warnings) w.string(r.rules().rule(x.rule).id);
    w.end_array();
    w.end_object();
}

}  // namespace rehab::io
