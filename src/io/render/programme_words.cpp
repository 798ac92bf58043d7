// The shared phrasing of the programme renderers: one place for numbers, units, doses and the
// progression criteria, so the JSON, the terminal report and the handout never disagree.
#include "io/render/programme_words.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>

namespace rehab::io {

std::string number_text(double v) { return rehab::number_text(v); }

std::string fact_value_text(const FactSchema& s, FactSlot slot, double v) {
    const FactDef& d = s.fact(slot);
    if (d.type != FactType::number) return s.format_value(slot, v);
    return number_text(v) + d.unit;
}

std::string fact_label(const FactSchema& s, FactSlot slot) {
    const FactDef& d = s.fact(slot);
    return d.label.empty() ? d.name : d.label;
}

std::string needs_text(const FactSchema& s, const Constraint& c) {
    const FactDef& d = s.fact(c.slot);
    std::string v = c.value_text;
    if (d.type == FactType::number) v = number_text(c.value) + d.unit;
    return std::string(to_string(c.op)) + " " + v;
}

std::string constraint_words(const FactSchema& s, const Constraint& c) {
    const FactDef& d = s.fact(c.slot);
    std::string label = fact_label(s, c.slot);
    if (d.type == FactType::boolean) return "'" + label + "' is " + (c.value != 0 ? "yes" : "no");
    if (d.type == FactType::enumeration) {
        switch (c.op) {
            case BinOp::ne:
                return label + " is not " + c.value_text;
            case BinOp::in:
                return label + " is one of " + c.value_text;
            case BinOp::not_in:
                return label + " is none of " + c.value_text;
            default:
                return label + " is " + c.value_text;
        }
    }
    std::string v = number_text(c.value) + d.unit;
    switch (c.op) {
        case BinOp::le:
            return label + " is " + v + " or less";
        case BinOp::lt:
            return label + " is below " + v;
        case BinOp::ge:
            return label + " is " + v + " or more";
        case BinOp::gt:
            return label + " is above " + v;
        case BinOp::ne:
            return label + " is not " + v;
        default:
            return label + " is " + v;
    }
}

std::string exercise_side(const Exercise& ex, const PrescribedDose& d, const Profile& p) {
    if (ex.stance == Stance::both_legs) return "both";
    bool one_sided = d.per_side || ex.stance == Stance::affected_leg || ex.stance == Stance::other_leg ||
                     ex.lies_on == LiesOn::other_side;  // the affected leg on top
    return one_sided ? to_string(p.side) : "both";
}

std::string dose_cell(const PrescribedDose& d) {
    std::string out = std::to_string(d.sets) + " x ";
    if (d.reps) {
        out += std::to_string(*d.reps);
        if (d.reps_top && *d.reps_top > *d.reps) out += "-" + std::to_string(*d.reps_top);
        if (d.hold_s) out += ", hold " + std::to_string(*d.hold_s) + " s";
    } else if (d.hold_s) {
        out += std::to_string(*d.hold_s);
        if (d.hold_top && *d.hold_top > *d.hold_s) out += "-" + std::to_string(*d.hold_top);
        out += " s hold";
    } else if (d.duration_min) {
        return number_text(*d.duration_min) + " min";
    } else {
        out += "1";
    }
    return out;
}

std::string band_name(const KnowledgeGraph& kg, const PrescribedDose& d) {
    return d.band.valid() ? kg.band(d.band).name : "";
}

std::string progression_text(const ProgressCriteria& p) {
    std::vector<std::string> parts;
    if (p.pain_ceiling)
        parts.push_back("pain during the exercise stays at or below " + number_text(*p.pain_ceiling) + "/10");
    if (p.sessions)
        parts.push_back("the target dose is completed for " + number_text(*p.sessions) + " session" +
                        (*p.sessions == 1 ? "" : "s") + " in a row");
    if (p.rpe_max) parts.push_back("effort (RPE) is at most " + number_text(*p.rpe_max) + "/10");
    if (parts.empty()) return "";
    std::string out = "Progress when ";
    for (std::size_t i = 0; i < parts.size(); ++i)
        out += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
    return out + ".";
}

Urgency most_urgent(const std::vector<ReferralReason>& r) {
    Urgency u = Urgency::urgent;
    for (const auto& x : r)
        if (x.urgency == Urgency::emergency) u = Urgency::emergency;
    return u;
}

std::string short_citation(const KnowledgeGraph& kg, ReferenceId id) {
    const Named& ref = kg.reference(id);
    const std::string& c = ref.detail;
    std::string year;
    for (std::size_t i = 0; i + 4 <= c.size(); ++i)
        if ((c.compare(i, 2, "19") == 0 || c.compare(i, 2, "20") == 0) &&
            std::isdigit(static_cast<unsigned char>(c[i + 2])) &&
            std::isdigit(static_cast<unsigned char>(c[i + 3])) &&
            (i == 0 || !std::isdigit(static_cast<unsigned char>(c[i - 1]))) &&
            (i + 4 == c.size() || !std::isdigit(static_cast<unsigned char>(c[i + 4])))) {
            year = c.substr(i, 4);
            break;
        }
    std::string head = c.substr(0, c.find(','));
    auto space = head.find(' ');
    bool author = space != std::string::npos && head.find(' ', space + 1) == std::string::npos &&
                  head.size() - space <= 4;
    if (!author || year.empty()) return ref.key;
    return head.substr(0, space) + " " + year;
}

std::string rule_citations(const Recommender& r, std::uint32_t rule) {
    std::string out;
    for (auto ref : r.rules().rule(rule).references)
        out += (out.empty() ? "" : "; ") + short_citation(r.knowledge(), ref);
    return out;
}

std::vector<std::uint32_t> stage_basis(const Recommender& r, const Recommendation& rec) {
    std::vector<std::uint32_t> out;
    const Evaluation& ev = rec.evaluation;
    FactSlot fact = r.stage_slot();
    for (std::int64_t rule = rec.stage_rule; rule >= 0 && out.size() < 8;) {
        auto id = static_cast<std::uint32_t>(rule);
        out.push_back(id);
        rule = -1;
        for (const auto& a : r.rules().rule(id).actions)
            if (a.kind == ActionKind::derive && a.fact == fact && a.derives_copy &&
                *a.derives_copy < ev.derived_by.size()) {
                fact = *a.derives_copy;
                rule = ev.derived_by[fact];
            }
    }
    return out;
}

std::string fact_value_words(const FactSchema& s, FactSlot slot, double v) {
    if (s.fact(slot).type == FactType::boolean) return v != 0 ? "yes" : "no";
    return fact_value_text(s, slot, v);
}

}  // namespace rehab::io
