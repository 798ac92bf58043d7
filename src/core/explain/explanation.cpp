// Explains one exercise's place in a recommendation from the evaluation trace and the rules' ASTs:
// what made each excluding rule fire (compared values, facts not recorded, a contraindication or
// stage membership read by its selector), and the smallest change of input measures that would stop
// it (combined over all excluding rules). Also the next stage's criteria.
#include "core/explain/explanation.hpp"

#include <algorithm>
#include <cmath>

#include "core/explain/condition_query.hpp"
#include "core/lang/names.hpp"
#include "core/lang/selector.hpp"

namespace rehab {

const char* to_string(ExplanationStatus s) {
    switch (s) {
        case ExplanationStatus::chosen:
            return "chosen";
        case ExplanationStatus::excluded:
            return "excluded";
        case ExplanationStatus::not_chosen:
            return "not_chosen";
        case ExplanationStatus::referred:
            return "referred";
    }
    return "?";
}

const char* to_string(ExclusionBasis b) {
    switch (b) {
        case ExclusionBasis::condition:
            return "condition";
        case ExclusionBasis::unrecorded:
            return "unrecorded";
        case ExclusionBasis::contraindication:
            return "contraindication";
        case ExclusionBasis::stage:
            return "stage";
        case ExclusionBasis::window:
            return "window";
    }
    return "?";
}

const char* to_string(NoChangeWhy w) {
    switch (w) {
        case NoChangeWhy::contraindicated:
            return "contraindicated";
        case NoChangeWhy::stage:
            return "stage";
        case NoChangeWhy::window:
            return "window";
        case NoChangeWhy::depends_on_facts:
            return "depends_on_facts";
        case NoChangeWhy::applies_to_every_patient:
            return "applies_to_every_patient";
        case NoChangeWhy::contradicting_changes:
            return "contradicting_changes";
    }
    return "?";
}

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

// The comparisons of rule `r` that held: recorded observations, bare boolean facts, and the facts
// it read as not recorded.
std::vector<ObservedComparison> observed_for(const RuleSet& rs, std::uint32_t r, const Evaluation& ev) {
    const Expr& e = rs.rule(r).when_ast;
    const FactSchema& s = rs.schema();
    std::vector<std::pair<int, ObservedComparison>> found;
    for (const auto& o : ev.observations) {
        if (o.rule != r || o.result != Truth::true_ || o.node >= e.nodes.size()) continue;
        if (auto a = cond::atom(e, o.node, s)) found.emplace_back(o.node, observed_from(rs, *a, ev.facts));
    }
    for (int n : cond::boolean_atoms(e, e.root))
        if (auto a = cond::atom(e, n, s); a && cond::eval(e, n, s, ev.facts) == Truth::true_)
            found.emplace_back(n, observed_from(rs, *a, ev.facts));
    for (FactSlot f : cond::unrecorded_reads(e, e.root, s, ev.facts)) {
        ObservedComparison c;
        c.slot = f;
        c.fact = s.fact(f).name;
        c.unrecorded = true;
        c.derived = s.fact(f).derived;
        c.changeable = cond::changeable(s.fact(f));
        int at = 0;  // the first node reading the fact, for the source order
        for (std::size_t i = 0; i < e.nodes.size(); ++i)
            if (e.nodes[i].kind == ExprKind::name && e.nodes[i].text == c.fact) {
                at = static_cast<int>(i);
                break;
            }
        found.emplace_back(at, std::move(c));
    }
    std::stable_sort(found.begin(), found.end(), [&](const auto& x, const auto& y) {
        return e.node(x.first).column < e.node(y.first).column;
    });
    std::vector<ObservedComparison> out;
    out.reserve(found.size());
    for (auto& f : found) out.push_back(std::move(f.second));
    return out;
}

// The knowledge's contraindication of `e` for `condition` (any stage when `stage` is absent).
const Precaution* contraindication(const KnowledgeGraph& kg, ExerciseId e, ConditionId condition,
                                   std::optional<Stage> stage) {
    for (const auto& p : kg.exercise(e).precautions)
        if (p.contraindication && p.condition == condition &&
            (!stage || (p.stages & (1u << static_cast<unsigned>(*stage)))))
            return &p;
    return nullptr;
}

const Precaution* contraindication(const Recommender& r, const Recommendation& rec, ExerciseId e) {
    const FactValue& c = rec.evaluation.facts.get(r.slots().condition);
    if (!c.known) return nullptr;
    return contraindication(r.knowledge(), e, ConditionId(static_cast<std::uint32_t>(c.value)), rec.stage);
}

// A selector argument's value: the patient's value of a fact, or the constant named.
std::optional<std::string> argument(const Expr& e, int node, const FactSchema& s, const FactValues& facts) {
    const ExprNode& n = e.node(node);
    if (n.kind != ExprKind::name) return std::nullopt;
    auto slot = slot_of(n, s);
    if (!slot) return n.text;
    const FactValue& v = facts.get(*slot);
    return v.known ? std::optional<std::string>(s.format_value(*slot, v.value)) : std::nullopt;
}

// How the rule's exclusions named exercise `ex`: through a contraindication (`contraindicated(c[, s])`)
// or stage membership (`not in_stage(s, ...)`) among the selector's `or` operands, or otherwise.
ExclusionBasis selector_basis(const Recommender& rc, const Recommendation& rec, const CompiledRule& rule,
                              ExerciseId ex, const Precaution*& found, std::optional<WindowReading>& window) {
    const FactSchema& s = rc.rules().schema();
    const FactValues& facts = rec.evaluation.facts;
    const KnowledgeGraph& kg = rc.knowledge();
    for (const auto& a : rule.actions) {
        if (a.kind != ActionKind::exclude || a.selector == no_selector) continue;
        const Selector& sel = rc.rules().selector(a.selector);
        if (!sel.resolve(facts).contains(ex)) continue;
        if (a.window_ladder.valid()) {
            const Ladder& l = kg.ladder(a.window_ladder);
            for (const auto& place : kg.exercise(ex).ladders)
                if (place.ladder == l.id)
                    window = WindowReading{l.id, place.rung, l.rung_count(), a.window_low, a.window_high, 0};
            return ExclusionBasis::window;
        }
        const Expr& e = sel.ast();
        for (int d : cond::disjuncts(e, e.root)) {
            const ExprNode& n = e.node(d);
            if (n.kind == ExprKind::call && n.text == "contraindicated" && !n.children.empty()) {
                auto c = argument(e, n.children[0], s, facts);
                auto condition = c ? kg.find_condition(*c) : std::nullopt;
                std::optional<Stage> stage;
                if (n.children.size() > 1)
                    if (auto st = argument(e, n.children[1], s, facts)) stage = stage_from(*st);
                if (condition && (found = contraindication(kg, ex, *condition, stage)))
                    return ExclusionBasis::contraindication;
            }
            if (n.kind == ExprKind::op_not && e.node(n.children[0]).kind == ExprKind::call &&
                e.node(n.children[0]).text == "in_stage") {
                bool in = false;
                for (int arg : e.node(n.children[0]).children)
                    if (auto st = argument(e, arg, s, facts); st && stage_from(*st))
                        in |= kg.exercise(ex).in_stage(*stage_from(*st));
                if (!in) return ExclusionBasis::stage;
            }
        }
    }
    return ExclusionBasis::condition;
}

// Why no change exists, with every fact the rule's condition reads.
NoChange blocked_by(const RuleSet& rs, std::uint32_t r, const Evaluation& ev) {
    const Expr& e = rs.rule(r).when_ast;
    NoChange out;
    for (FactSlot f : cond::facts_read(e, e.root, rs.schema())) {
        FactReading reading;
        reading.slot = f;
        const FactValue& v = ev.facts.get(f);
        if (v.known) reading.value = v.value;
        if (rs.schema().fact(f).derived) reading.derived_by = ev.derived_by[f];
        out.facts.push_back(reading);
    }
    out.why = out.facts.empty() ? NoChangeWhy::applies_to_every_patient : NoChangeWhy::depends_on_facts;
    return out;
}

NoChange contraindicated_for(const Precaution* p) {
    NoChange out;
    out.why = NoChangeWhy::contraindicated;
    if (p) out.contraindication = *p;
    return out;
}

ExclusionReason explain_rule(const Recommender& rc, const Recommendation& rec, ExerciseId ex,
                             std::uint32_t r) {
    const RuleSet& rs = rc.rules();
    const FactSchema& s = rs.schema();
    const CompiledRule& rule = rs.rule(r);
    const Evaluation& ev = rec.evaluation;
    const Expr& e = rule.when_ast;
    ExclusionReason out;
    out.rule = r;
    out.observed = observed_for(rs, r, ev);
    out.change = cond::smallest_change(e, s, ev.facts);
    for (auto& o : out.observed)  // the value to record that stops the rule
        for (const auto& c : out.change)
            if (o.unrecorded && c.slot == o.slot) o.negation = c;
    const bool unrecorded =
        std::any_of(out.observed.begin(), out.observed.end(), [](const auto& o) { return o.unrecorded; });
    const Precaution* p = nullptr;
    out.basis = selector_basis(rc, rec, rule, ex, p, out.window);
    if (out.window) out.window->rule = r;
    if (out.basis == ExclusionBasis::window) {
        if (out.change.empty()) out.no_change = NoChange{NoChangeWhy::window, {}, {}, {}, out.window};
    } else if (out.basis == ExclusionBasis::contraindication) {
        out.contraindication = *p;
        if (out.change.empty()) out.no_change = contraindicated_for(p);
    } else if (out.basis == ExclusionBasis::stage) {
        if (out.change.empty()) out.no_change = NoChange{NoChangeWhy::stage, {}, {}, {}, {}};
    } else if (unrecorded) {
        out.basis = ExclusionBasis::unrecorded;
    }
    if (out.change.empty() && !out.no_change) out.no_change = blocked_by(rs, r, ev);
    return out;
}

// Merges per-rule changes: all must hold together; the tighter bound on one fact wins.
void combine(ExerciseExplanation& x) {
    x.change_possible = !x.exclusions.empty();
    for (const auto& ex : x.exclusions)
        if (ex.change.empty()) {
            x.change_possible = false;
            x.no_change.push_back(*ex.no_change);
        }
    if (!x.change_possible) return;
    for (const auto& ex : x.exclusions)
        for (const auto& c : ex.change) cond::merge(x.smallest_change, c);
    if (auto conflict = cond::conflict(x.smallest_change)) {
        x.change_possible = false;
        x.smallest_change.clear();
        x.no_change.push_back(NoChange{NoChangeWhy::contradicting_changes, {}, {}, *conflict, {}});
    }
}

}  // namespace

ExerciseExplanation explain_excluded(const Recommender& r, const Recommendation& rec,
                                     const ExcludedItem& ex) {
    ExerciseExplanation x;
    x.exercise = ex.exercise;
    x.status = ExplanationStatus::excluded;
    for (auto rule : ex.rules) x.exclusions.push_back(explain_rule(r, rec, ex.exercise, rule));
    if (ex.rules.empty()) {
        ExclusionReason guard;
        guard.basis = ExclusionBasis::contraindication;
        const Precaution* p = contraindication(r, rec, ex.exercise);
        guard.no_change = contraindicated_for(p);
        if (p) guard.contraindication = *p;
        x.exclusions.push_back(std::move(guard));
    }
    combine(x);
    return x;
}

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
    for (const auto& ex : rec.excluded)
        if (ex.exercise == e) return explain_excluded(r, rec, ex);
    for (const auto& d : rec.dropped)  // a current exercise stopped now: excluded, or its change says why
        if (d.exercise == e && d.excluded) return explain_excluded(r, rec, ExcludedItem{e, d.excluded_by});
    x.status = ExplanationStatus::not_chosen;
    for (const auto& it : rec.items)
        x.lowest_chosen_score = x.lowest_chosen_score ? std::min(*x.lowest_chosen_score, it.score) : it.score;
    x.why_not = {e, 0, NotChosenWhy::not_considered, {}};
    for (const auto& nc : rec.not_chosen)
        if (nc.exercise == e) x.why_not = nc, x.score = nc.score;
    for (const auto& d : rec.dropped)
        if (d.exercise == e) x.why_not = {e, d.score, NotChosenWhy::dropped, {}}, x.score = d.score;
    return x;
}

std::vector<UnmetCriterion> unmet_criteria(const Recommender& r, const Recommendation& rec) {
    std::vector<UnmetCriterion> out;
    if (!rec.next_stage || rec.referred()) return out;
    const RuleSet& rs = r.rules();
    const FactSchema& s = rs.schema();
    for (auto rule :
         rs.rules_deriving(r.stage_slot(), static_cast<double>(static_cast<int>(*rec.next_stage))))
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
