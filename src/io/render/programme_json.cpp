// Writes the "rehab.programme/1" document straight into a string with JsonWriter: keys in a fixed
// order, optional fields omitted rather than null or empty, integral numbers written as integers.
// The layout is byte for byte what nlohmann::ordered_json::dump gave for the same document.
#include "io/render/programme_json.hpp"

#include <cmath>
#include <optional>

#include "core/explain/explanation.hpp"
#include "io/json/writer.hpp"
#include "io/render/programme_words.hpp"
#include "io/render/words/exclusion_words.hpp"
#include "io/render/words/note_words.hpp"
#include "io/render/words/reason_words.hpp"
#include "rehab/version.hpp"

namespace rehab::io {

namespace {

class ProgrammeWriter {
public:
    ProgrammeWriter(std::string& out, int indent, const Recommender& r, const Recommendation& rec,
                    const Profile& p)
        : w_(out, indent), r_(r), kg_(r.knowledge()), s_(r.rules().schema()), rec_(rec), p_(p) {}

    void document();

private:
    JsonWriter w_;
    const Recommender& r_;
    const KnowledgeGraph& kg_;
    const FactSchema& s_;
    const Recommendation& rec_;
    const Profile& p_;
    std::optional<std::string> criteria_;  // progression_text, once per document

    const CompiledRule& rule(std::uint32_t id) const { return r_.rules().rule(id); }

    // "key": v, integral values as integers.
    void num(std::string_view k, double v) {
        w_.key(k);
        if (std::abs(v - std::round(v)) < 1e-9 && std::abs(v) < 1e15)
            w_.integer(std::llround(v));
        else
            w_.number(v);
    }
    // "key": the value of a fact, as its type is written.
    void fact(std::string_view k, FactSlot slot, double v) {
        switch (s_.fact(slot).type) {
            case FactType::boolean:
                return w_.field_bool(k, v != 0);
            case FactType::enumeration:
                return w_.field(k, s_.format_value(slot, v));
            case FactType::number:
                break;
        }
        num(k, v);
    }
    void strings(std::string_view k, const std::vector<std::string>& xs) {  // empty strings skipped
        w_.key(k).begin_array();
        for (const auto& x : xs)
            if (!x.empty()) w_.string(x);
        w_.end_array();
    }
    void ids(std::string_view k, const std::vector<ExerciseId>& xs) {
        w_.key(k).begin_array();
        for (auto x : xs) w_.string(kg_.exercise(x).key);
        w_.end_array();
    }
    void stage();
    void referral();
    void dose(const PrescribedDose& d);
    void why(const Reason& why);
    void exercise(const ProgrammeItem& it);
    void excluded(const ExcludedItem& x);
    void dropped(const ProgrammeItem& it);
    void trace();
};

void ProgrammeWriter::stage() {
    w_.key("stage").begin_object();
    w_.field("value", to_string(rec_.stage));
    if (rec_.stage_rule >= 0) {
        const CompiledRule& sr = rule(static_cast<std::uint32_t>(rec_.stage_rule));
        w_.field("source", sr.id);
        w_.field_if("rationale", sr.rationale);
        std::vector<std::uint32_t> basis;
        for (auto b : stage_basis(r_, rec_))
            if (static_cast<std::int64_t>(b) != rec_.stage_rule) basis.push_back(b);
        if (!basis.empty()) {
            w_.key("basis").begin_array();
            for (auto b : basis) {
                w_.begin_object();
                w_.field("rule", rule(b).id);
                w_.field_if("rationale", rule(b).rationale);
                w_.end_object();
            }
            w_.end_array();
        }
    }
    if (rec_.next_stage) w_.field("next_stage", to_string(*rec_.next_stage));
    const auto unmet = unmet_criteria(r_, rec_);
    if (!unmet.empty()) {
        w_.key("unmet").begin_array();
        for (const auto& u : unmet) {
            w_.begin_object();
            w_.field("fact", u.needs.fact);
            w_.field_if("label", u.label);
            if (u.observed) fact("observed", u.needs.slot, *u.observed);
            w_.field("needs", u.needs.needs());
            w_.field("rule", rule(u.rule).id);
            w_.end_object();
        }
        w_.end_array();
    }
    w_.end_object();
}

void ProgrammeWriter::referral() {
    w_.key("referral").begin_object();
    w_.field("urgency", to_string(most_urgent(rec_.referral)));
    w_.key("reasons").begin_array();
    for (const auto& x : rec_.referral) {
        w_.begin_object();
        if (x.red_flag.valid()) {
            const RedFlag& f = kg_.red_flag(x.red_flag);
            w_.field("red_flag", f.key);
            w_.field_if("name", f.name);
            w_.field_if("concern", f.concern);
            w_.field("urgency", to_string(x.urgency));
            w_.field_if("advice", f.advice);
        } else {
            w_.field_if("concern", x.reason);
            w_.field("urgency", to_string(x.urgency));
        }
        w_.field("rule", rule(x.rule).id);
        w_.end_object();
    }
    w_.end_array();
    w_.end_object();
}

void ProgrammeWriter::dose(const PrescribedDose& d) {
    auto range = [&](const char* k, int lo, int hi) {
        w_.key(k).begin_array();
        w_.integer(lo);
        w_.integer(hi);
        w_.end_array();
    };
    w_.key("dose").begin_object();
    w_.field_int("sets", d.sets);
    if (d.reps) w_.field_int("reps", *d.reps);
    if (d.reps && d.reps_top && *d.reps_top > *d.reps) range("reps_range", *d.reps, *d.reps_top);
    if (d.hold_s) w_.field_int("hold_s", *d.hold_s);
    if (d.hold_s && d.hold_top && *d.hold_top > *d.hold_s) range("hold_range", *d.hold_s, *d.hold_top);
    if (d.duration_min) num("duration_min", *d.duration_min);
    w_.field_if("tempo", d.tempo);
    if (d.rest_s > 0) w_.field_int("rest_s", d.rest_s);
    if (d.per_week > 0) w_.field_int("sessions_per_week", d.per_week);
    if (d.band.valid()) {
        const Band& b = kg_.band(d.band);
        w_.key("band").begin_object();
        w_.field("id", b.key);
        w_.field("name", b.name);
        num("force_lb", b.force_lb);
        w_.end_object();
    }
    w_.field_bool("per_side", d.per_side);
    w_.end_object();
}

void ProgrammeWriter::why(const Reason& why) {
    const CompiledRule& wr = rule(why.rule);
    w_.begin_object();
    w_.field("rule", wr.id);
    w_.field("kind", to_string(why.kind));
    if (why.kind == ActionKind::prefer || why.kind == ActionKind::avoid) num("weight", why.weight);
    w_.field_if("rationale", wr.rationale);
    if (!wr.references.empty()) {
        w_.key("evidence").begin_array();
        for (auto ref : wr.references) w_.string(kg_.reference(ref).key);
        w_.end_array();
    }
    w_.end_object();
}

void ProgrammeWriter::exercise(const ProgrammeItem& it) {
    const Exercise& ex = kg_.exercise(it.exercise);
    w_.begin_object();
    w_.field("id", ex.key);
    w_.field("name", ex.name);
    w_.field("component", to_string(ex.component));
    w_.field("side", exercise_side(ex, it.dose, p_));
    dose(it.dose);
    const auto& steps = ex.instructions_of(p_.condition);  // the condition's variant when it has one
    if (!steps.empty()) strings("instructions", steps);
    w_.field_if("purpose", ex.purpose);
    if (!it.precautions.empty()) strings("precautions", precaution_texts(r_.rules(), it));
    if (!criteria_) criteria_ = progression_text(rec_.progress);  // the same for every exercise
    const std::string& criteria = *criteria_;
    const auto next = kg_.progressions(it.exercise), prev = kg_.regressions(it.exercise);
    if (!criteria.empty() || !next.empty() || !prev.empty()) {
        w_.key("progression").begin_object();
        w_.field_if("criteria", criteria);
        if (!next.empty()) ids("next", next);
        if (!prev.empty()) ids("previous", prev);
        w_.end_object();
    }
    w_.key("change").begin_object();
    w_.field("kind", to_string(it.change));
    if (it.replaces.valid()) w_.field("replaces", kg_.exercise(it.replaces).key);
    if (!it.change_reasons.empty()) strings("reasons", note_texts(r_.rules(), it.change_reasons));
    w_.end_object();
    if (!it.selected_by.empty() || !it.dosed_by.empty()) {
        w_.key("why").begin_array();
        for (const auto& x : it.selected_by) why(x);
        for (const auto& x : it.dosed_by) why(x);
        w_.end_array();
    }
    if (!it.graph_reasons.empty()) strings("graph", graph_reason_texts(kg_, it.graph_reasons));
    w_.end_object();
}

void ProgrammeWriter::excluded(const ExcludedItem& x) {
    const Exercise& ex = kg_.exercise(x.exercise);
    w_.begin_object();
    w_.field("id", ex.key);
    w_.field("name", ex.name);
    const auto reasons = explain_excluded(r_, rec_, x).exclusions;
    if (!reasons.empty()) {
        w_.key("why").begin_array();
        for (const auto& reason : reasons) {
            w_.begin_object();
            if (reason.rule >= 0) {
                const CompiledRule& xr = rule(static_cast<std::uint32_t>(reason.rule));
                w_.field("rule", xr.id);
                w_.field_if("rationale", xr.rationale);
            } else {
                w_.field("source", "knowledge");
                if (reason.no_change)
                    w_.field_if("rationale", no_change_words(r_, rec_.stage, x.exercise, *reason.no_change));
            }
            if (!reason.observed.empty()) {
                w_.key("observed").begin_array();
                for (const auto& o : reason.observed) {
                    w_.begin_object();
                    w_.field("fact", o.fact);
                    if (o.observed) fact("value", o.slot, *o.observed);
                    if (o.negation) w_.field("needs", o.negation->needs());
                    w_.end_object();
                }
                w_.end_array();
            }
            w_.end_object();
        }
        w_.end_array();
    }
    w_.end_object();
}

// A current exercise taken out at this review: its last dose, the change with its reasons and the
// logged values, and the exclusion that stopped it (when it is now excluded).
void ProgrammeWriter::dropped(const ProgrammeItem& it) {
    const Exercise& ex = kg_.exercise(it.exercise);
    w_.begin_object();
    w_.field("id", ex.key);
    w_.field("name", ex.name);
    dose(it.dose);
    w_.key("change").begin_object();
    w_.field("kind", to_string(it.change));
    for (const auto& i : rec_.items)
        if (i.replaces == it.exercise) w_.field("replaced_by", kg_.exercise(i.exercise).key);
    if (!it.change_reasons.empty()) strings("reasons", note_texts(r_.rules(), it.change_reasons));
    if (!it.change_rules.empty()) {
        w_.key("rules").begin_array();
        for (auto x : it.change_rules) w_.string(rule(x).id);
        w_.end_array();
    }
    w_.end_object();
    w_.end_object();
}

void ProgrammeWriter::trace() {
    w_.key("trace").begin_object();
    w_.key("rules_fired").begin_array();
    for (auto f : rec_.evaluation.fired) w_.string(rule(f).id);
    w_.end_array();
    w_.key("facts").begin_object();
    for (FactSlot slot = 0; slot < s_.size(); ++slot) {
        if (!s_.fact(slot).derived || slot >= rec_.evaluation.facts.size()) continue;
        const FactValue& v = rec_.evaluation.facts.get(slot);
        if (v.known) fact(s_.fact(slot).name, slot, v.value);
    }
    w_.end_object();
    w_.end_object();
}

void ProgrammeWriter::document() {
    w_.begin_object();
    w_.field("format", programme_format);
    w_.field_if("profile_id", rec_.profile_id.empty() ? p_.id : rec_.profile_id);
    w_.key("engine").begin_object();
    w_.field("name", "rehab");
    w_.field("version", library_version);
    w_.end_object();
    w_.key("knowledge").begin_object();
    w_.field("name", kg_.name());
    w_.field("version", kg_.version());
    w_.field("hash", kg_.content_hash());
    w_.end_object();
    w_.key("rules").begin_object();
    w_.field("version", r_.rules().version());
    w_.field("hash", r_.rules().content_hash());
    w_.end_object();
    stage();
    w_.field_if("irritability", rec_.irritability);
    if (rec_.progress.pain_ceiling) num("pain_ceiling", *rec_.progress.pain_ceiling);
    if (rec_.referred()) referral();
    const bool programme = !rec_.referred();
    w_.key("exercises").begin_array();
    if (programme)
        for (const auto& it : rec_.items) exercise(it);
    w_.end_array();
    w_.key("excluded").begin_array();
    if (programme)
        for (const auto& x : rec_.excluded) excluded(x);
    w_.end_array();
    w_.key("dropped").begin_array();
    for (const auto& d : rec_.dropped) dropped(d);
    w_.end_array();
    w_.key("not_chosen").begin_array();
    if (programme)
        for (const auto& n : rec_.not_chosen) {
            w_.begin_object();
            w_.field("id", kg_.exercise(n.exercise).key);
            num("score", n.score);
            w_.field_if("reason", not_chosen_text(kg_, rec_.evaluation, n));
            w_.end_object();
        }
    w_.end_array();
    w_.key("warnings").begin_array();
    for (const auto& x : rec_.warnings) {
        w_.begin_object();
        w_.field("rule", rule(x.rule).id);
        w_.field_if("text", warning_text(r_.rules(), x));
        w_.end_object();
    }
    w_.end_array();
    w_.field("disclaimer", programme_disclaimer);
    trace();
    w_.end_object();
}

}  // namespace

std::string programme_to_json(const Recommender& r, const Recommendation& rec, const Profile& p, int indent) {
    std::string out;
    out.reserve(8192 + 2048 * rec.items.size() + 1024 * rec.excluded.size() + 128 * rec.not_chosen.size());
    ProgrammeWriter(out, indent, r, rec, p).document();
    if (indent >= 0) out += '\n';
    return out;
}

}  // namespace rehab::io
