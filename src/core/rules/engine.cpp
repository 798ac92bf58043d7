// Forward chaining over a compiled rule set, with the conflict policy by kind: refer and exclude
// are hard; require includes when eligible; prefer/avoid only score; for a derived fact, a dose
// field or a limit, the highest-priority rule that fires decides.
#include "core/rules/engine.hpp"

#include <algorithm>

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

Engine::Engine(std::shared_ptr<const RuleSet> rules) : rules_(std::move(rules)) {
    for (const auto& stratum : rules_->strata()) {
        Plan plan;
        for (auto r : stratum.general) plan.general.push_back(make_step(r, false));
        for (const auto& bucket : stratum.by_value) {
            plan.by_value.emplace_back();
            for (auto r : bucket) plan.by_value.back().push_back(make_step(r, true));
        }
        plans_.push_back(std::move(plan));
    }
    for (const auto& rule : rules_->rules()) {
        act_begin_.push_back(static_cast<std::uint32_t>(acts_.size()));
        for (std::uint32_t k = 0; k < rule.actions.size(); ++k) {
            const CompiledAction& a = rule.actions[k];
            acts_.push_back({a.kind, k, a.selector, a.kind == ActionKind::avoid ? -a.weight : a.weight});
        }
    }
    act_begin_.push_back(static_cast<std::uint32_t>(acts_.size()));
    constexpr std::size_t few = 8;
    for (const auto& sel : rules_->selectors()) {
        std::vector<ExerciseId> ids;
        const bool small = sel.is_static() && sel.resolve(FactValues()).count() <= few;
        if (small) sel.resolve(FactValues()).for_each([&](ExerciseId e) { ids.push_back(e); });
        few_.push_back(std::move(ids));
        use_few_.push_back(small);
    }
}

Engine::Step Engine::make_step(std::uint32_t r, bool indexed) {
    const CompiledRule& rule = rules_->rule(r);
    Step step{r, static_cast<std::uint32_t>(tests_.size()), 0, false};
    std::vector<FactTest> tests;
    step.conjunction = conjunction_tests(rule.when.program, tests);
    if (step.conjunction && indexed) {
        // A bucket holds the rules whose index mask has its value: a test of the indexed fact that
        // accepts every value of that mask always holds there. (Kleene and ignores test order.)
        const FactSlot index = *rules_->index_fact();
        std::uint64_t mask = 0;
        for (const auto& k : rule.when.constraints)
            if (k.slot == index && k.is_enum) mask = k.mask;
        std::erase_if(tests, [&](const FactTest& t) {
            if (t.slot != index || !t.is_mask || mask == 0) return false;
            for (unsigned v = 0; v < 64; ++v)
                if (((mask >> v) & 1u) && !t.holds(v)) return false;
            return true;
        });
    }
    tests_.insert(tests_.end(), tests.begin(), tests.end());
    step.end = static_cast<std::uint32_t>(tests_.size());
    return step;
}

void Engine::add_selected(ExerciseSet& set, std::uint32_t selector, const FactValues& facts) const {
    if (use_few_[selector])
        for (auto e : few_[selector]) set.insert(e);
    else
        set |= rules_->selector(selector).resolve(facts);
}

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
    for (const Plan& plan : plans_) {
        const std::vector<Step>* bucket = nullptr;
        if (index) {
            const FactValue& v = out.facts.get(*index);
            if (v.known && v.value >= 0 && static_cast<std::size_t>(v.value) < plan.by_value.size())
                bucket = &plan.by_value[static_cast<std::size_t>(v.value)];
        }
        // Merge the general rules with the patient's bucket, both already in evaluation order.
        std::size_t i = 0, j = 0;
        const auto& g = plan.general;
        const std::size_t nb = bucket ? bucket->size() : 0;
        while (i < g.size() || j < nb) {
            const Step& step =
                (j >= nb || (i < g.size() && g[i].rule < (*bucket)[j].rule)) ? g[i++] : (*bucket)[j++];
            const std::uint32_t r = step.rule;
            Truth t = !trace && step.conjunction
                          ? test_conjunction(tests_.data() + step.begin, tests_.data() + step.end, out.facts)
                          : rs.rule(r).when.program.test(out.facts, sink, r);
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
    for (std::uint32_t i = act_begin_[r]; i < act_begin_[r + 1]; ++i) {
        const Act& c = acts_[i];
        ActionRef ref{r, c.action};
        switch (c.kind) {
            case ActionKind::refer:
                out.referrals.push_back(ref);
                break;
            case ActionKind::derive:
                apply_derive(r, c.action, out);
                break;
            case ActionKind::exclude:
                add_selected(out.excluded, c.selector, out.facts);
                out.exclusions.push_back(ref);
                break;
            case ActionKind::require:
                add_selected(out.required, c.selector, out.facts);
                out.requirements.push_back(ref);
                break;
            case ActionKind::prefer:
            case ActionKind::avoid:
                if (use_few_[c.selector])
                    for (auto e : few_[c.selector]) out.score[e.value] += c.weight;
                else
                    rs.selector(c.selector).resolve(out.facts).for_each([&](ExerciseId e) {
                        out.score[e.value] += c.weight;
                    });
                out.preferences.push_back(ref);
                break;
            case ActionKind::dose:
                out.doses.push_back(ref);
                break;
            case ActionKind::limit:
                apply_limit(r, c.action, out);
                break;
            case ActionKind::warn:
                out.warnings.push_back(ref);
                break;
        }
    }
}

// A derived fact is decided by the first rule in evaluation order that derives it.
void Engine::apply_derive(std::uint32_t r, std::uint32_t action, Evaluation& out) const {
    const CompiledAction& a = rules_->rule(r).actions[action];
    if (out.derived_by[a.fact] >= 0) {  // already decided by a rule earlier in order
        if (!out.outcomes.empty() && out.outcomes.back().rule == r) out.outcomes.back().overridden = true;
        return;
    }
    StackValue v = a.value.run(out.facts);
    if (v.known)
        out.facts.set(a.fact, v.v);
    else
        out.facts.clear(a.fact);
    out.derived_by[a.fact] = r;
}

// The highest-priority rule decides a limit, even when it runs in a later stratum (a limit reading a
// derived fact); at equal priority the first in evaluation order.
void Engine::apply_limit(std::uint32_t r, std::uint32_t action, Evaluation& out) const {
    const RuleSet& rs = *rules_;
    const CompiledRule& rule = rs.rule(r);
    const CompiledAction& a = rule.actions[action];
    Limit& l = a.component < 0 ? out.total : out.per_component[a.component];
    auto wins = [&](std::int64_t current) {
        return current < 0 || rule.priority > rs.rule(static_cast<std::uint32_t>(current)).priority;
    };
    if (a.min && wins(l.min_rule)) l.min = *a.min, l.min_rule = r;
    if (a.max && wins(l.max_rule)) l.max = *a.max, l.max_rule = r;
}

}  // namespace rehab
