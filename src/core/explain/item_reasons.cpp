// Recommender, part three: the reasons attached to each chosen exercise: the rules that selected,
// scored and dosed it, the graph paths that tie it to the condition, and its precautions.
#include "core/recommend/recommender.hpp"

namespace rehab {

void Recommender::explain_items(Recommendation& out) const {
    const KnowledgeGraph& kg = knowledge();
    const Evaluation& ev = out.evaluation;
    const FactValue& cond = ev.facts.get(slots_.condition);
    const Condition* c =
        cond.known ? &kg.condition(ConditionId(static_cast<std::uint32_t>(cond.value))) : nullptr;
    for (auto& item : out.items) {
        const Exercise& ex = kg.exercise(item.exercise);
        for (const auto& ref : ev.requirements)
            if (rules()
                    .selector(rules().rule(ref.rule).actions[ref.action].selector)
                    .resolve(ev.facts)
                    .contains(item.exercise))
                item.selected_by.push_back({ref.rule, ActionKind::require, 0});
        for (const auto& ref : ev.preferences) {
            const CompiledAction& a = rules().rule(ref.rule).actions[ref.action];
            if (rules().selector(a.selector).resolve(ev.facts).contains(item.exercise))
                item.selected_by.push_back(
                    {ref.rule, a.kind, a.kind == ActionKind::prefer ? a.weight : -a.weight});
        }
        for (const auto& ref : ev.warnings) {
            const CompiledAction& a = rules().rule(ref.rule).actions[ref.action];
            if (a.selector != no_selector &&
                rules().selector(a.selector).resolve(ev.facts).contains(item.exercise))
                item.precautions.push_back({ref.rule, ref.action});
        }
        if (!c) continue;
        for (const auto& w : ex.works) {
            if (!w.primary) continue;
            for (auto m : c->involves)
                if (m == w.muscle) item.graph_reasons.push_back({m, {}, 0, c->id});
        }
        if (c->key_movement.valid())
            for (const auto& p : ex.performs)
                if (p.movement == c->key_movement)
                    item.graph_reasons.push_back({{}, p.movement, p.contractions, c->id});
        for (std::uint32_t k = 0; k < ex.precautions.size(); ++k) {
            const Precaution& p = ex.precautions[k];
            if (!p.contraindication && p.condition == c->id &&
                (p.stages & (1u << static_cast<unsigned>(out.stage))))
                item.precautions.push_back({-1, k});
        }
    }
}

}  // namespace rehab
