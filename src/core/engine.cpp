// Forward chaining over a compiled rule set, with the conflict policy by kind: refer and exclude
// are hard; require includes when eligible; prefer/avoid only score; for a derived fact, a dose
// field or a limit, the first rule in order (highest priority) decides.
#include "core/engine.hpp"

namespace rehab {

namespace {

class Recorder final : public ObservationSink {
public:
    explicit Recorder(std::vector<Observation>& out) : out_(out) {}
    void observe(const Observation& o) override { out_.push_back(o); }

private:
    std::vector<Observation>& out_;
};

}  // namespace

Engine::Engine(std::shared_ptr<const RuleSet> rules) : rules_(std::move(rules)) {}

void Engine::evaluate(const FactValues& inputs, Evaluation& out, bool trace) const {
    const RuleSet& rs = *rules_;
    const std::size_t n_ex = rs.knowledge().exercise_count();
    out.facts = inputs;  // sized by rs.schema(): inputs plus (unknown) derived facts
    out.outcomes.clear();
    out.fired.clear();
    out.observations.clear();
    out.derived_by.assign(rs.schema().size(), -1);
    out.referrals.clear();
    out.exclusions.clear();
    out.requirements.clear();
    out.preferences.clear();
    out.doses.clear();
    out.warnings.clear();
    if (out.excluded.size() != n_ex) out.excluded = ExerciseSet(n_ex), out.required = ExerciseSet(n_ex);
    out.excluded.clear();
    out.required.clear();
    out.score.assign(n_ex, 0.0);
    out.total = {};
    for (auto& l : out.per_component) l = {};

    Recorder recorder(out.observations);
    ObservationSink* sink = trace ? &recorder : nullptr;
    auto index = rs.index_fact();
    for (const auto& stratum : rs.strata()) {
        const std::vector<std::uint32_t>* bucket = nullptr;
        if (index) {
            const FactValue& v = out.facts.get(*index);
            if (v.known && v.value >= 0 && static_cast<std::size_t>(v.value) < stratum.by_value.size())
                bucket = &stratum.by_value[static_cast<std::size_t>(v.value)];
        }
        // Merge the general rules with the patient's bucket, both already in evaluation order.
        std::size_t i = 0, j = 0;
        const auto& g = stratum.general;
        const std::size_t nb = bucket ? bucket->size() : 0;
        while (i < g.size() || j < nb) {
            std::uint32_t r;
            if (j >= nb || (i < g.size() && g[i] < (*bucket)[j])) r = g[i++];
            else r = (*bucket)[j++];
            Truth t = rs.rule(r).when.program.test(out.facts, sink, r);
            if (t == Truth::true_) {
                out.fired.push_back(r);
                if (trace) out.outcomes.push_back({r, t, false});
                apply(r, out);
            } else if (trace) {
                out.outcomes.push_back({r, t, false});
            }
        }
    }
}

void Engine::apply(std::uint32_t r, Evaluation& out) const {
    const RuleSet& rs = *rules_;
    const CompiledRule& rule = rs.rule(r);
    for (std::uint32_t k = 0; k < rule.actions.size(); ++k) {
        const CompiledAction& a = rule.actions[k];
        ActionRef ref{r, k};
        switch (a.kind) {
            case ActionKind::refer: out.referrals.push_back(ref); break;
            case ActionKind::derive: {
                if (out.derived_by[a.fact] >= 0) {  // already decided by a rule earlier in order
                    if (!out.outcomes.empty() && out.outcomes.back().rule == r) out.outcomes.back().overridden = true;
                    break;
                }
                StackValue v = a.value.run(out.facts);
                if (v.known) out.facts.set(a.fact, v.v);
                else out.facts.clear(a.fact);
                out.derived_by[a.fact] = r;
                break;
            }
            case ActionKind::exclude:
                out.excluded |= rs.selector(a.selector).resolve(out.facts);
                out.exclusions.push_back(ref);
                break;
            case ActionKind::require:
                out.required |= rs.selector(a.selector).resolve(out.facts);
                out.requirements.push_back(ref);
                break;
            case ActionKind::prefer:
            case ActionKind::avoid: {
                double w = a.kind == ActionKind::prefer ? a.weight : -a.weight;
                rs.selector(a.selector).resolve(out.facts).for_each([&](ExerciseId e) { out.score[e.value] += w; });
                out.preferences.push_back(ref);
                break;
            }
            case ActionKind::dose: out.doses.push_back(ref); break;
            case ActionKind::limit: {
                Limit& l = a.component < 0 ? out.total : out.per_component[a.component];
                if (a.min && l.min_rule < 0) l.min = *a.min, l.min_rule = r;
                if (a.max && l.max_rule < 0) l.max = *a.max, l.max_rule = r;
                break;
            }
            case ActionKind::warn: out.warnings.push_back(ref); break;
        }
    }
}

}  // namespace rehab
