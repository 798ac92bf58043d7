// The ladder gate lint of `rehab rules check` (RL019): on every loading ladder, a heavier rung is never
// allowed at more pain than a lighter one. A gate is an exclusion whose condition is a pain threshold
// ("pain.X > 3", or "unknown(pain.X) or pain.X > 0"), optionally for some conditions only.
#include "core/explain/ladder_gates.hpp"

#include <algorithm>
#include <limits>
#include <map>

#include "core/explain/condition_query.hpp"

namespace rehab {

namespace {

constexpr double open = std::numeric_limits<double>::infinity();

struct Gate {  // excluded when fact > above, for the conditions in `conditions`
    FactSlot fact = 0;
    double above = open;  // pain above this is excluded
    std::uint64_t conditions = ~std::uint64_t{0};
    std::uint32_t rule = 0;
};

// The pain threshold of one comparison atom "pain.X > t" or ">= t" (whole-number scale).
std::optional<std::pair<FactSlot, double>> threshold(const cond::Atom& a, const FactSchema& s) {
    if (s.fact(a.slot).name.rfind("pain.", 0) != 0) return std::nullopt;
    if (a.op == BinOp::gt) return std::make_pair(a.slot, a.value);
    if (a.op == BinOp::ge) return std::make_pair(a.slot, a.value - 1);
    return std::nullopt;
}

// A rule condition made only of condition restrictions and one pain threshold (a comparison, or a
// disjunction of comparisons and unknown() tests, each of which excludes alone); nullopt otherwise.
std::optional<std::vector<Gate>> gates_of(const CompiledRule& r, std::uint32_t id, const FactSchema& s,
                                          std::optional<FactSlot> condition) {
    std::vector<Gate> out;
    std::uint64_t conditions = ~std::uint64_t{0};
    int thresholds = 0;
    const Expr& e = r.when_ast;
    for (int c : cond::conjuncts(e, e.root)) {
        if (auto a = cond::atom(e, c, s);
            a && condition && a->slot == *condition && (a->op == BinOp::eq || a->op == BinOp::in)) {
            conditions &= a->op == BinOp::eq ? std::uint64_t{1} << static_cast<unsigned>(a->value) : a->mask;
            continue;
        }
        if (++thresholds > 1) return std::nullopt;  // a gate that holds only with another: not a plain gate
        for (int d : cond::disjuncts(e, c)) {
            if (cond::presence_fact(e, d, s)) continue;
            auto a = cond::atom(e, d, s);
            auto t = a ? threshold(*a, s) : std::nullopt;
            if (!t) return std::nullopt;
            out.push_back({t->first, t->second, 0, id});
        }
    }
    for (auto& g : out) g.conditions = conditions;
    return out;
}

// Whether the exercise loads the movement a pain fact is about ("pain.resisted.hip_adduction": any
// contraction but stretch; "pain.stretch.X": a stretch); true for a fact about no movement.
bool loads_fact_movement(const KnowledgeGraph& kg, const Exercise& x, const std::string& fact) {
    const bool stretch = fact.rfind("pain.stretch.", 0) == 0;
    if (!stretch && fact.rfind("pain.resisted.", 0) != 0) return true;
    auto m = kg.find_movement(fact.substr(stretch ? 13 : 14));
    if (!m) return true;
    const unsigned stretch_bit = 1u << static_cast<unsigned>(Contraction::stretch);
    for (const auto& p : x.performs)
        if (p.movement == *m && (stretch ? (p.contractions & stretch_bit) : (p.contractions & ~stretch_bit)))
            return true;
    return false;
}

}  // namespace

std::vector<GateInversion> ladder_gate_inversions(const RuleSet& rs) {
    const KnowledgeGraph& kg = rs.knowledge();
    const FactSchema& s = rs.schema();
    auto condition = s.find("condition");
    std::vector<std::vector<Gate>> per_exercise(kg.exercise_count());
    for (std::uint32_t r = 0; r < rs.rules().size(); ++r) {
        const CompiledRule& rule = rs.rule(r);
        for (const auto& a : rule.actions) {
            if (a.kind != ActionKind::exclude || a.selector == no_selector || a.window_ladder.valid())
                continue;
            const Selector& sel = rs.selector(a.selector);
            if (!sel.is_static()) continue;
            auto gates = gates_of(rule, r, s, condition);
            if (!gates) continue;
            sel.resolve(FactValues(s)).for_each([&](ExerciseId x) {
                for (const auto& g : *gates) per_exercise[x.value].push_back(g);
            });
        }
    }
    // The strictest gate on `fact` for condition c (open when none).
    auto gate = [&](ExerciseId x, FactSlot fact, unsigned c, std::uint32_t& rule) {
        double above = open;
        for (const auto& g : per_exercise[x.value])
            if (g.fact == fact && (g.conditions >> c & 1u) && g.above < above) above = g.above, rule = g.rule;
        return above;
    };
    std::vector<GateInversion> out;
    std::map<std::tuple<std::uint32_t, std::uint32_t, FactSlot>, bool> seen;
    for (const Ladder& l : kg.ladders())
        for (int ra = 1; ra <= l.rung_count(); ++ra)
            for (ExerciseId lighter : l.rungs[ra - 1])
                for (const auto& g : per_exercise[lighter.value])
                    for (unsigned c = 0; c < kg.conditions().size() && c < 64; ++c) {
                        std::uint32_t light_rule = 0, heavy_rule = 0;
                        double strict = gate(lighter, g.fact, c, light_rule);
                        if (strict == open) continue;
                        for (int rb = ra; rb <= l.rung_count(); ++rb)
                            for (ExerciseId heavier : l.rungs[rb - 1]) {
                                if (heavier == lighter ||
                                    !loads_fact_movement(kg, kg.exercise(heavier), s.fact(g.fact).name))
                                    continue;
                                double loose = gate(heavier, g.fact, c, heavy_rule);
                                if (loose <= strict) continue;
                                auto key = std::make_tuple(heavier.value, lighter.value, g.fact);
                                if (seen[key]) continue;
                                seen[key] = true;
                                out.push_back({l.id, heavier, rb, lighter, ra, g.fact, loose, strict,
                                               light_rule,
                                               loose == open ? -1 : static_cast<std::int64_t>(heavy_rule),
                                               ConditionId(c)});
                            }
                    }
    return out;
}

}  // namespace rehab
