// Words for an ExerciseExplanation, with fact labels and units from the schema, the rules'
// rationales and short citations: "Rule adductor.resisted_pain (Harøy 2019; Hölmich 1999): pain on
// resisted hip adduction is 6/10; the rule excludes it when above 3/10."
#include "io/explanation_text.hpp"

#include <sstream>

#include "io/programme_words.hpp"

namespace rehab::io {

namespace {

std::string rule_head(const Recommender& r, std::uint32_t rule) {
    std::string cites = rule_citations(r, rule);
    return "Rule " + r.rules().rule(rule).id + (cites.empty() ? "" : " (" + cites + ")");
}

// "above 3/10", "at most 3/10", "equal to early", "one of [a, b]".
std::string threshold_words(const FactSchema& s, const ObservedComparison& o) {
    const FactDef& d = s.fact(o.slot);
    std::string v = o.threshold_text;
    if (d.type == FactType::number) v += d.unit;
    switch (o.op) {
        case BinOp::gt: return "above " + v;
        case BinOp::ge: return v + " or more";
        case BinOp::lt: return "below " + v;
        case BinOp::le: return v + " or less";
        case BinOp::ne: return "not " + v;
        case BinOp::in: return "one of " + v;
        case BinOp::not_in: return "none of " + v;
        default: return d.type == FactType::boolean ? (v == "true" ? "yes" : "no") : v;
    }
}

std::string observed_words(const FactSchema& s, const ObservedComparison& o) {
    std::string label = fact_label(s, o.slot);
    std::string value = o.observed ? fact_value_words(s, o.slot, *o.observed) : "not recorded";
    if (s.fact(o.slot).type == FactType::boolean) label = "'" + label + "'";
    std::string out = label + " is " + value;
    std::string t = threshold_words(s, o);
    if (o.observed && t != value) out += "; the rule excludes it when " + t;
    return out;
}

void chosen(std::ostringstream& out, const Recommender& r, const Recommendation& rec, const ExerciseExplanation& x) {
    const std::string& name = r.knowledge().exercise(x.exercise).name;
    out << name << " is in the programme (number " << x.position << " of " << rec.items.size() << ", score "
        << number_text(x.score) << ").\n";
    for (const auto& s : x.selected_by) {
        out << "- " << rule_head(r, s.rule) << ", " << to_string(s.kind);
        if (s.kind == ActionKind::prefer || s.kind == ActionKind::avoid)
            out << " " << (s.weight >= 0 ? "+" : "") << number_text(s.weight);
        out << ": " << r.rules().rule(s.rule).rationale << "\n";
    }
    for (const auto& d : x.dosed_by)
        out << "- Dose: " << rule_head(r, d.rule) << ": " << r.rules().rule(d.rule).rationale << "\n";
    for (const auto& g : x.graph_reasons) out << "- Knowledge: it " << g << ".\n";
}

void excluded(std::ostringstream& out, const Recommender& r, const ExerciseExplanation& x) {
    const FactSchema& s = r.rules().schema();
    out << r.knowledge().exercise(x.exercise).name << " is excluded.\n";
    for (const auto& e : x.exclusions) {
        if (e.rule < 0) {
            out << "- Knowledge base: " << e.no_change << ".\n";
            continue;
        }
        auto rule = static_cast<std::uint32_t>(e.rule);
        out << "- " << rule_head(r, rule) << ": ";
        std::string seen;
        for (const auto& o : e.observed)
            if (o.changeable || o.derived) seen += (seen.empty() ? "" : "; ") + observed_words(s, o);
        out << (seen.empty() ? r.rules().rule(rule).rationale : seen + ". " + r.rules().rule(rule).rationale) << "\n";
    }
    if (x.change_possible) {
        std::string need;
        for (std::size_t i = 0; i < x.smallest_change.size(); ++i)
            need += (i == 0 ? "" : i + 1 == x.smallest_change.size() ? " and " : ", ") +
                    constraint_words(s, x.smallest_change[i]);
        out << "It becomes eligible once " << need << ".\n";
    } else {
        out << "No change in the patient's measures would make it eligible:";
        for (const auto& n : x.no_change) out << " " << n << ".";
        out << "\n";
    }
}

void not_chosen(std::ostringstream& out, const Recommender& r, const ExerciseExplanation& x) {
    out << r.knowledge().exercise(x.exercise).name << " is eligible but not chosen: " << x.reason << ". Its score is "
        << number_text(x.score);
    if (x.lowest_chosen_score) out << "; the lowest chosen score is " << number_text(*x.lowest_chosen_score);
    out << ".\n";
}

void referred(std::ostringstream& out, const Recommender& r, const ExerciseExplanation& x) {
    out << "No exercise is recommended, " << r.knowledge().exercise(x.exercise).name
        << " included: the patient is referred.\n";
    for (const auto& f : x.referral) {
        out << "- " << rule_head(r, f.rule) << " (" << to_string(f.urgency) << "): ";
        if (f.red_flag.valid()) {
            const RedFlag& rf = r.knowledge().red_flag(f.red_flag);
            out << rf.name << ". " << rf.concern << " " << rf.advice << "\n";
        } else {
            out << f.reason << "\n";
        }
    }
}

}  // namespace

std::string explanation_to_text(const Recommender& r, const Recommendation& rec, const ExerciseExplanation& x) {
    std::ostringstream out;
    switch (x.status) {
        case ExplanationStatus::chosen: chosen(out, r, rec, x); break;
        case ExplanationStatus::excluded: excluded(out, r, x); break;
        case ExplanationStatus::not_chosen: not_chosen(out, r, x); break;
        case ExplanationStatus::referred: referred(out, r, x); break;
    }
    return out.str();
}

}  // namespace rehab::io
