// Explains one exercise's place in a recommendation from the evaluation trace and the rules' ASTs:
// the comparisons that made each excluding rule fire, and the smallest change to one input measure
// per rule that would stop it (combined over all excluding rules). Also the next stage's criteria.
#include "core/explanation.hpp"

#include <algorithm>
#include <cmath>

#include "core/condition_query.hpp"

namespace rehab {

const char* to_string(ExplanationStatus s) {
    switch (s) {
        case ExplanationStatus::chosen: return "chosen";
        case ExplanationStatus::excluded: return "excluded";
        case ExplanationStatus::not_chosen: return "not_chosen";
        case ExplanationStatus::referred: return "referred";
    }
    return "?";
}

std::string Constraint::needs() const { return std::string(to_string(op)) + " " + value_text; }
std::string Constraint::text() const { return fact + " " + needs(); }

namespace {

using cond::Atom;

ObservedComparison observed_from(const RuleSet& rs, const Atom& a, const FactValues& facts) {
    const FactSchema& s = rs.schema();
    const FactDef& d = s.fact(a.slot);
    ObservedComparison c;
    c.slot = a.slot;
    c.fact = d.name;
    c.op = a.op;
    c.threshold_text = a.value_text;
    const FactValue& v = facts.get(a.slot);
    if (v.known) c.observed = v.value, c.observed_text = s.format_value(a.slot, v.value);
    c.derived = d.derived;
    c.changeable = cond::changeable(d);
    if (c.changeable) c.negation = cond::to_constraint(s, cond::negate(a));
    return c;
}

// The comparisons of rule `r` that held: recorded observations, plus bare boolean facts.
std::vector<ObservedComparison> observed_for(const RuleSet& rs, std::uint32_t r, const Evaluation& ev) {
    const Expr& e = rs.rule(r).when_ast;
    std::vector<std::pair<int, ObservedComparison>> found;
    for (const auto& o : ev.observations) {
        if (o.rule != r || o.result != Truth::true_ || o.node >= e.nodes.size()) continue;
        if (auto a = cond::atom(e, o.node, rs.schema())) found.emplace_back(o.node, observed_from(rs, *a, ev.facts));
    }
    for (int n : cond::boolean_atoms(e, e.root))
        if (auto a = cond::atom(e, n, rs.schema()); a && cond::eval(e, n, rs.schema(), ev.facts) == Truth::true_)
            found.emplace_back(n, observed_from(rs, *a, ev.facts));
    std::stable_sort(found.begin(), found.end(),
                     [&](const auto& x, const auto& y) { return e.node(x.first).column < e.node(y.first).column; });
    std::vector<ObservedComparison> out;
    for (auto& f : found) out.push_back(std::move(f.second));
    return out;
}

std::string lower_first(std::string s) {
    if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
    return s;
}

std::string stage_names(unsigned mask) {
    std::string out;
    for (int s = 0; s < stage_count; ++s)
        if (mask & (1u << s)) out += (out.empty() ? "" : ", ") + std::string(to_string(static_cast<Stage>(s)));
    return out.empty() ? "no" : out;
}

const Precaution* contraindication(const Recommender& r, const Recommendation& rec, ExerciseId e) {
    const FactValue& c = rec.evaluation.facts.get(r.slots().condition);
    if (!c.known) return nullptr;
    for (const auto& p : r.knowledge().exercise(e).precautions)
        if (p.contraindication && p.condition.value == static_cast<std::uint32_t>(c.value) &&
            (p.stages & (1u << static_cast<unsigned>(rec.stage))))
            return &p;
    return nullptr;
}

std::string contraindication_text(const Recommender& r, const Precaution& p) {
    return "the knowledge base contraindicates it for " + lower_first(r.knowledge().condition(p.condition).name) +
           (p.reason.empty() ? "" : " (" + p.reason + ")") + "; no change in the patient's measures lifts that";
}

// Why no single input change exists, naming the facts the rule depends on.
std::string blocked_by(const RuleSet& rs, std::uint32_t r, const Evaluation& ev) {
    const Expr& e = rs.rule(r).when_ast;
    std::string out;
    for (int n : cond::conjuncts(e, e.root)) {
        auto a = cond::atom(e, n, rs.schema());
        if (!a) continue;
        const FactDef& d = rs.schema().fact(a->slot);
        const FactValue& v = ev.facts.get(a->slot);
        std::string what = d.label.empty() ? d.name : d.label;
        if (v.known) what += " is " + rs.schema().format_value(a->slot, v.value);
        if (d.derived && ev.derived_by[a->slot] >= 0)
            what += " (derived by rule " + rs.rule(static_cast<std::uint32_t>(ev.derived_by[a->slot])).id + ")";
        out += (out.empty() ? "" : "; ") + what;
    }
    if (out.empty()) return "the rule applies to every patient";
    return "it depends on facts no single measure changes: " + out;
}

ExclusionReason explain_rule(const Recommender& rc, const Recommendation& rec, ExerciseId ex, std::uint32_t r) {
    const RuleSet& rs = rc.rules();
    const CompiledRule& rule = rs.rule(r);
    const Evaluation& ev = rec.evaluation;
    ExclusionReason out;
    out.rule = r;
    out.observed = observed_for(rs, r, ev);
    const Expr& e = rule.when_ast;
    const Exercise& x = rc.knowledge().exercise(ex);
    if (rule.id == "safety.stage" || (e.top().kind == ExprKind::boolean && !x.in_stage(rec.stage))) {
        out.no_change = "the exercise belongs to the " + stage_names(x.stages) + " stage(s) and the patient is in the " +
                        to_string(rec.stage) + " stage; stage membership is not a measure that can change";
        return out;
    }
    if (const Precaution* p = contraindication(rc, rec, ex); p && e.top().kind == ExprKind::boolean) {
        out.no_change = contraindication_text(rc, *p);
        return out;
    }
    out.change = cond::smallest_change(e, rs.schema(), ev.facts);
    if (out.change.empty()) out.no_change = blocked_by(rs, r, ev);
    return out;
}

// Merges per-rule changes: all must hold together; the tighter bound on one fact wins.
void combine(ExerciseExplanation& x) {
    x.change_possible = !x.exclusions.empty();
    for (const auto& ex : x.exclusions)
        if (ex.change.empty()) {
            x.change_possible = false;
            x.no_change.push_back(ex.no_change);
        }
    if (!x.change_possible) return;
    for (const auto& ex : x.exclusions)
        for (const auto& c : ex.change) cond::merge(x.smallest_change, c);
    if (auto conflict = cond::conflict(x.smallest_change)) {
        x.change_possible = false;
        x.smallest_change.clear();
        x.no_change.push_back("the excluding rules need contradicting values of " + *conflict);
    }
}

}  // namespace

ExerciseExplanation explain_exercise(const Recommender& r, const Recommendation& rec, ExerciseId e) {
    ExerciseExplanation x;
    x.exercise = e;
    if (rec.referred()) {
        x.status = ExplanationStatus::referred;
        x.referral = rec.referral;
        return x;
    }
    for (std::size_t i = 0; i < rec.items.size(); ++i) {
        const ProgrammeItem& it = rec.items[i];
        if (it.exercise != e) continue;
        x.status = ExplanationStatus::chosen;
        x.position = i + 1;
        x.score = it.score;
        x.selected_by = it.selected_by;
        x.dosed_by = it.dosed_by;
        x.graph_reasons = it.graph_reasons;
        return x;
    }
    for (const auto& ex : rec.excluded) {
        if (ex.exercise != e) continue;
        x.status = ExplanationStatus::excluded;
        for (auto rule : ex.rules) x.exclusions.push_back(explain_rule(r, rec, e, rule));
        if (ex.rules.empty()) {
            ExclusionReason guard;
            const Precaution* p = contraindication(r, rec, e);
            guard.no_change = p ? contraindication_text(r, *p) : "the knowledge base contraindicates it";
            x.exclusions.push_back(std::move(guard));
        }
        combine(x);
        return x;
    }
    x.status = ExplanationStatus::not_chosen;
    for (const auto& it : rec.items)
        x.lowest_chosen_score = x.lowest_chosen_score ? std::min(*x.lowest_chosen_score, it.score) : it.score;
    x.reason = "it was not considered";
    for (const auto& nc : rec.not_chosen)
        if (nc.exercise == e) x.reason = nc.reason, x.score = nc.score;
    return x;
}

std::vector<UnmetCriterion> unmet_criteria(const Recommender& r, const Recommendation& rec) {
    std::vector<UnmetCriterion> out;
    if (!rec.next_stage || rec.referred()) return out;
    const RuleSet& rs = r.rules();
    const FactSchema& s = rs.schema();
    for (auto rule : cond::rules_deriving(rs, r.stage_slot(), to_string(*rec.next_stage)))
        for (const Atom& a : cond::unmet(rs.rule(rule).when_ast, s, rec.evaluation.facts)) {
            UnmetCriterion u;
            u.rule = rule;
            u.needs = cond::to_constraint(s, a);
            const FactDef& d = s.fact(a.slot);
            u.label = d.label.empty() ? d.name : d.label;
            u.unit = d.unit;
            const FactValue& v = rec.evaluation.facts.get(a.slot);
            if (v.known) u.observed = v.value, u.observed_text = s.format_value(a.slot, v.value);
            bool dup = false;
            for (const auto& o : out) dup |= o.needs.text() == u.needs.text();
            if (!dup) out.push_back(std::move(u));
        }
    return out;
}

}  // namespace rehab
