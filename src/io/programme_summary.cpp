// Direct string writer of the compact batch record: keys in a fixed order, numbers as integers or
// shortest decimals, strings escaped per RFC 8259. Reused buffers keep a batch worker allocation-light.
#include "io/programme_summary.hpp"

#include <charconv>
#include <cstdio>

#include "io/programme_words.hpp"

namespace rehab::io {

namespace {

class Writer {
public:
    explicit Writer(std::string& out) : out_(out) {}

    Writer& key(const char* k) {
        comma();
        out_ += '"';
        out_ += k;
        out_ += "\":";
        first_ = true;  // the value that follows needs no comma
        return *this;
    }
    void str(std::string_view s) {
        comma();
        out_ += '"';
        for (char c : s) escape(c);
        out_ += '"';
    }
    void integer(long long v) {
        comma();
        char buf[24];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
        out_.append(buf, end);
    }
    void number(double v) {
        if (v == static_cast<double>(static_cast<long long>(v))) return integer(static_cast<long long>(v));
        comma();
        char buf[32];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
        out_.append(buf, end);
    }
    void boolean(bool b) {
        comma();
        out_ += b ? "true" : "false";
    }
    void open(char c) {
        comma();
        out_ += c;
        first_ = true;
    }
    void close(char c) {
        out_ += c;
        first_ = false;
    }

private:
    std::string& out_;
    bool first_ = true;

    void comma() {
        if (!first_) out_ += ',';
        first_ = false;
    }
    void escape(char c) {
        switch (c) {
            case '"': out_ += "\\\""; return;
            case '\\': out_ += "\\\\"; return;
            case '\n': out_ += "\\n"; return;
            case '\t': out_ += "\\t"; return;
            case '\r': out_ += "\\r"; return;
            default: break;
        }
        if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
            out_ += buf;
        } else {
            out_ += c;
        }
    }
};

void dose(Writer& w, const KnowledgeGraph& kg, const PrescribedDose& d) {
    w.key("sets").integer(d.sets);
    if (d.reps) w.key("reps").integer(*d.reps);
    if (d.hold_s) w.key("hold_s").integer(*d.hold_s);
    if (d.duration_min) w.key("duration_min").number(*d.duration_min);
    if (!d.tempo.empty()) w.key("tempo").str(d.tempo);
    if (d.rest_s > 0) w.key("rest_s").integer(d.rest_s);
    if (d.per_week > 0) w.key("sessions_per_week").integer(d.per_week);
    if (d.band.valid()) w.key("band").str(kg.band(d.band).key);
}

void rule_ids(Writer& w, const RuleSet& rules, const ProgrammeItem& it) {
    w.key("rules").open('[');
    for (const auto& x : it.selected_by) w.str(rules.rule(x.rule).id);
    for (const auto& x : it.dosed_by) w.str(rules.rule(x.rule).id);
    w.close(']');
}

void exercises(Writer& w, const Recommender& r, const Recommendation& rec, const Profile& p) {
    const KnowledgeGraph& kg = r.knowledge();
    w.key("exercises").open('[');
    for (const auto& it : rec.items) {
        const Exercise& ex = kg.exercise(it.exercise);
        w.open('{');
        w.key("id").str(ex.key);
        w.key("component").str(to_string(ex.component));
        w.key("side").str(exercise_side(ex, it.dose, p));
        dose(w, kg, it.dose);
        w.key("change").str(to_string(it.change));
        if (it.replaces.valid()) w.key("replaces").str(kg.exercise(it.replaces).key);
        rule_ids(w, r.rules(), it);
        w.close('}');
    }
    w.close(']');
}

void referral(Writer& w, const Recommender& r, const Recommendation& rec) {
    w.key("referral").open('{');
    w.key("urgency").str(to_string(most_urgent(rec.referral)));
    w.key("red_flags").open('[');
    for (const auto& x : rec.referral)
        if (x.red_flag.valid()) w.str(r.knowledge().red_flag(x.red_flag).key);
    w.close(']');
    w.key("rules").open('[');
    for (const auto& x : rec.referral) w.str(r.rules().rule(x.rule).id);
    w.close(']');
    w.close('}');
}

}  // namespace

void append_programme_summary(const Recommender& r, const Recommendation& rec, const Profile& p, std::string& out) {
    const KnowledgeGraph& kg = r.knowledge();
    Writer w(out);
    w.open('{');
    w.key("format").str(programme_summary_format);
    w.key("profile_id").str(rec.profile_id.empty() ? p.id : rec.profile_id);
    w.key("knowledge").str(kg.content_hash());
    w.key("rules").str(r.rules().content_hash());
    if (p.condition.valid()) w.key("condition").str(kg.condition(p.condition).key);
    w.key("stage").str(to_string(rec.stage));
    if (rec.stage_rule >= 0) w.key("stage_rule").str(r.rules().rule(static_cast<std::uint32_t>(rec.stage_rule)).id);
    if (!rec.irritability.empty()) w.key("irritability").str(rec.irritability);
    if (rec.referred()) {
        referral(w, r, rec);
    } else {
        exercises(w, r, rec, p);
        w.key("excluded").open('[');
        for (const auto& x : rec.excluded) w.str(kg.exercise(x.exercise).key);
        w.close(']');
    }
    w.key("warnings").open('[');
    for (const auto& x : rec.warnings) w.str(r.rules().rule(x.rule).id);
    w.close(']');
    w.close('}');
}

}  // namespace rehab::io
