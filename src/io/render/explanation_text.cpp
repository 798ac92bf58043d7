// Words for an ExerciseExplanation, with fact labels and units from the schema, the rules'
// rationales and short citations: "Rule adductor.resisted_pain (Harøy 2019; Hölmich 1999): pain on
// resisted hip adduction is 6/10; the rule excludes it when above 3/10." Facts not recorded,
// contraindications and stage membership are said as such; each rule's own change when several block.
#include "io/render/explanation_text.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "io/render/programme_words.hpp"
#include "io/render/words/exclusion_words.hpp"
#include "io/render/words/reason_words.hpp"

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
        case BinOp::gt:
            return "above " + v;
        case BinOp::ge:
            return v + " or more";
        case BinOp::lt:
            return "below " + v;
        case BinOp::le:
            return v + " or less";
        case BinOp::ne:
            return "not " + v;
        case BinOp::in:
            return "one of " + v;
        case BinOp::not_in:
            return "none of " + v;
        default:
            return d.type == FactType::boolean ? (v == "true" ? "yes" : "no") : v;
    }
}

std::string observed_words(const FactSchema& s, const ObservedComparison& o) {
    std::string label = fact_label(s, o.slot);
    std::string value = o.observed ? fact_value_words(s, o.slot, *o.observed) : "not recorded";
    if (s.fact(o.slot).type == FactType::boolean) label = "'" + label + "'";
    std::string out = label + " is " + value;
    std::string t = threshold_words(s, o);
    if (o.observed && !o.unrecorded && t != value) out += "; the rule excludes it when " + t;
    return out;
}

// A change in words; a fact not recorded yet is "recorded as" the value, and a bound at the edge of
// the fact's range is the value itself ("is recorded as 0/10", not "0/10 or less").
std::string change_words(const FactSchema& s, const FactValues& facts, const Constraint& c) {
    const FactDef& d = s.fact(c.slot);
    std::string label = fact_label(s, c.slot);
    bool recorded = facts.get(c.slot).known;
    std::string is = recorded ? " is " : " is recorded as ";
    if (d.type == FactType::number) {
        bool edge = (c.op == BinOp::le && c.value <= d.min) || (c.op == BinOp::ge && c.value >= d.max);
        if (!recorded && c.op == BinOp::ge && c.value <= d.min) return label + " is recorded";
        if (edge) return label + is + fact_value_text(s, c.slot, c.value);
    }
    std::string w = constraint_words(s, c);
    if (recorded) return w;
    std::string quoted = d.type == FactType::boolean ? "'" + label + "'" : label;
    if (w.rfind(quoted + " is ", 0) == 0) return quoted + is + w.substr(quoted.size() + 4);
    return w;
}

std::string changes_words(const FactSchema& s, const FactValues& facts, const std::vector<Constraint>& all) {
    std::string need;
    for (std::size_t i = 0; i < all.size(); ++i)
        need += (i == 0 ? "" : i + 1 == all.size() ? " and " : ", ") + change_words(s, facts, all[i]);
    return need;
}

// What the rule's selector read, as a sentence: a contraindication or stage membership.
std::string basis_sentence(const Recommender& r, const Recommendation& rec, const ExerciseExplanation& x,
                           const ExclusionReason& e) {
    if (e.basis == ExclusionBasis::contraindication && e.contraindication) {
        std::string name = r.knowledge().condition(e.contraindication->condition).name;
        if (!name.empty()) name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
        std::string out = "The knowledge base contraindicates it for " + name + " in the " +
                          to_string(rec.stage) + " stage";
        if (!e.contraindication->reason.empty()) out += ": " + e.contraindication->reason;
        return out.back() == '.' ? out : out + ".";
    }
    if (e.basis == ExclusionBasis::window && e.window) {
        std::string out = "It is outside the window on the " + window_words(r, *e.window);
        return out + ".";
    }
    if (e.basis == ExclusionBasis::stage) {
        std::vector<std::string> stages;
        const Exercise& ex = r.knowledge().exercise(x.exercise);
        for (int st = 0; st < stage_count; ++st)
            if (ex.in_stage(static_cast<Stage>(st))) stages.emplace_back(to_string(static_cast<Stage>(st)));
        std::string names;
        for (std::size_t i = 0; i < stages.size(); ++i)
            names += (i == 0 ? "" : i + 1 == stages.size() ? " and " : ", ") + stages[i];
        std::string out = "It is " + basis_words(r, rec.stage, e);
        if (!stages.empty())
            out += " (it belongs to the " + names + (stages.size() == 1 ? " stage)" : " stages)");
        return out + ".";
    }
    return "";
}

void chosen(std::ostringstream& out, const Recommender& r, const Recommendation& rec,
            const ExerciseExplanation& x) {
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
    for (const auto& g : x.graph_reasons)
        out << "- Knowledge: it " << graph_reason_text(r.knowledge(), g) << ".\n";
}

void excluded(std::ostringstream& out, const Recommender& r, const Recommendation& rec,
              const ExerciseExplanation& x) {
    const FactSchema& s = r.rules().schema();
    const FactValues& facts = rec.evaluation.facts;
    out << r.knowledge().exercise(x.exercise).name << " is excluded.\n";
    std::vector<std::string> blocked;
    for (const auto& e : x.exclusions) {
        if (e.rule < 0) {  // the knowledge base's guard, no rule
            std::string b = basis_sentence(r, rec, x, e);
            out << "- " << (b.empty() ? "The knowledge base contraindicates it." : b) << "\n";
            blocked.push_back(no_change_words(r, rec.stage, x.exercise, *e.no_change));
            continue;
        }
        std::string head = rule_head(r, static_cast<std::uint32_t>(e.rule));
        std::string text;
        for (const auto& o : e.observed)
            if (o.changeable || o.derived) text += (text.empty() ? "" : "; ") + observed_words(s, o);
        if (!text.empty()) text += ".";
        if (auto b = basis_sentence(r, rec, x, e); !b.empty()) text += (text.empty() ? "" : " ") + b;
        const CompiledRule& rule = r.rules().rule(static_cast<std::uint32_t>(e.rule));
        text += (text.empty() ? "" : " ") + rule.rationale;
        if (!e.change.empty() && x.exclusions.size() > 1)
            text += " Lifted once " + changes_words(s, facts, e.change) + ".";
        out << "- " << head << ": " << text << "\n";
        if (e.change.empty())
            blocked.push_back(rule.id + ": " + no_change_words(r, rec.stage, x.exercise, *e.no_change));
    }
    if (x.change_possible) {
        out << "It becomes eligible once " << changes_words(s, facts, x.smallest_change) << ".\n";
        return;
    }
    for (const auto& n : x.no_change)  // reasons not tied to one rule (contradicting changes)
        if (n.why == NoChangeWhy::contradicting_changes)
            blocked.push_back(no_change_words(r, rec.stage, x.exercise, n));
    out << "No change in the patient's measures would make it eligible:\n";
    for (const auto& b : blocked) out << "  - " << b << "\n";
}

void not_chosen(std::ostringstream& out, const Recommender& r, const Recommendation& rec,
                const ExerciseExplanation& x) {
    out << r.knowledge().exercise(x.exercise).name
        << " is eligible but not chosen: " << not_chosen_text(r.knowledge(), rec.evaluation, x.why_not)
        << ". Its score is " << number_text(x.score);
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

std::string explanation_to_text(const Recommender& r, const Recommendation& rec,
                                const ExerciseExplanation& x) {
    std::ostringstream out;
    switch (x.status) {
        case ExplanationStatus::chosen:
            chosen(out, r, rec, x);
            break;
        case ExplanationStatus::excluded:
            excluded(out, r, rec, x);
            break;
        case ExplanationStatus::not_chosen:
            not_chosen(out, r, rec, x);
            break;
        case ExplanationStatus::referred:
            referred(out, r, x);
            break;
    }
    return out.str();
}

}  // namespace rehab::io
