// The rule-matching workload other engines are measured on: N rules "injury = X and weeks >= a and
// pain < b and rom >= c -> recommend e_i" against P patients, side by side for rehab (public API:
// FactSchema, KnowledgeGraph::build, RuleSet::compile, Engine::evaluate), a plain C++ loop (the
// floor) and CLIPS 6.30. Every engine's match count is checked before anything is timed.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>

#include "core/rules/engine.hpp"
#include "fixtures.hpp"
#include "synthetic.hpp"
#ifdef REHAB_HAVE_CLIPS
#include "clips_runner.hpp"
#endif

namespace rehab::bench {

namespace {

FactDef number_fact(const char* name, double max) {
    FactDef f;
    f.name = name, f.label = name, f.type = FactType::number, f.min = 0, f.max = max;
    return f;
}

FactSchema workload_schema() {
    FactSchema s;
    FactDef injury;
    injury.name = injury.label = "injury";
    injury.type = FactType::enumeration;
    injury.domain = s.add_domain("injury", std::vector<std::string>(injuries.begin(), injuries.end()));
    injury.min = 0, injury.max = static_cast<double>(injuries.size() - 1);
    injury.indexed = true;
    s.add(std::move(injury));
    s.add(number_fact("weeks", 1000));
    s.add(number_fact("pain", 10));
    s.add(number_fact("rom", 360));
    return s;
}

// One exercise e_i per rule, early stage only, one movement and one muscle: a valid knowledge base.
KnowledgeData workload_knowledge(std::size_t n) {
    KnowledgeData k;
    k.name = "workload", k.version = "1";
    k.movements.push_back(
        {"knee_extension", "Knee extension", "", "knee", {"workload.json", "/movements/0"}});
    k.muscles.push_back(
        {"quadriceps", "Quadriceps", "thigh", {"knee_extension"}, {}, {"workload.json", "/muscles/0"}});
    for (std::size_t i = 0; i < n; ++i) {
        ExerciseSpec e;
        e.id = "e_" + std::to_string(i);
        e.name = "Exercise " + std::to_string(i);
        e.source = "project";
        e.stages = {Stage::early};
        e.performs = {{"knee_extension", {Contraction::concentric}, Resistance::body_weight}};
        e.works = {{"quadriceps", true}};
        DoseSpec d;
        d.sets = {1, 3}, d.reps = Range{8, 12};
        e.dosage[0] = d;
        e.origin = {"workload.json", "/exercises/" + std::to_string(i)};
        k.exercises.push_back(std::move(e));
    }
    return k;
}

RuleSetData workload_rules(const Workload& w) {
    RuleSetData data;
    data.version = "1";
    for (std::size_t i = 0; i < w.rules.size(); ++i) {
        const auto& r = w.rules[i];
        RuleSpec spec;
        spec.id = "w" + std::to_string(i);
        spec.grade = "practice";
        spec.when = std::string("injury == ") + injuries[static_cast<std::size_t>(r.injury)] +
                    " and weeks >= " + std::to_string(r.min_weeks) + " and pain < " +
                    std::to_string(r.max_pain) + " and rom >= " + std::to_string(r.min_rom);
        ActionSpec a;
        a.kind = ActionKind::require;
        a.select = "exercise(e_" + std::to_string(i) + ")";
        a.pointer = "/then/0";
        spec.then.push_back(std::move(a));
        spec.origin = {"workload.json", "/rules/" + std::to_string(i)};
        data.rules.push_back(std::move(spec));
    }
    return data;
}

struct RehabWorkload {
    std::shared_ptr<const RuleSet> rules;
    FactSlot injury = 0, weeks = 0, pain = 0, rom = 0;
};

RehabWorkload compile_workload(const Workload& w) {
    Diagnostics d;
    auto kg = KnowledgeGraph::build(workload_knowledge(w.rules.size()), d);
    require_loaded(kg.get(), d, "the workload knowledge");
    const FactSchema schema = workload_schema();
    RehabWorkload out;
    out.rules = RuleSet::compile(workload_rules(w), kg, schema, d);
    require_loaded(out.rules.get(), d, "the workload rules");
    out.injury = *schema.find("injury"), out.weeks = *schema.find("weeks");
    out.pain = *schema.find("pain"), out.rom = *schema.find("rom");
    return out;
}

std::int64_t run_rehab(const Engine& engine, const RehabWorkload& rw, const Workload& w, FactValues& facts,
                       Evaluation& ev) {
    std::int64_t matches = 0;
    for (const auto& p : w.patients) {
        facts.set(rw.injury, p.injury);
        facts.set(rw.weeks, p.weeks);
        facts.set(rw.pain, p.pain);
        facts.set(rw.rom, p.rom);
        engine.evaluate(facts, ev, false);
        matches += static_cast<std::int64_t>(ev.fired.size());
    }
    return matches;
}

std::int64_t run_loop(const Workload& w) {
    std::int64_t matches = 0;
    for (const auto& p : w.patients)
        for (const auto& r : w.rules)
            matches +=
                r.injury == p.injury && p.weeks >= r.min_weeks && p.pain < r.max_pain && p.rom >= r.min_rom;
    return matches;
}

void report(benchmark::State& state, const Workload& w, std::int64_t matches) {
    state.counters["patients_per_s"] = benchmark::Counter(static_cast<double>(w.patients.size()),
                                                          benchmark::Counter::kIsIterationInvariantRate);
    state.counters["matches"] = static_cast<double>(matches);
    state.counters["rules"] = static_cast<double>(w.rules.size());
}

void bm_rehab(benchmark::State& state, int n, int p) {
    const Workload w = make_workload(n, p);
    const RehabWorkload rw = compile_workload(w);
    const Engine engine(rw.rules);
    FactValues facts(rw.rules->schema());
    Evaluation ev;
    std::int64_t matches = run_rehab(engine, rw, w, facts, ev);
    check_matches("rehab", n, p, matches);
    for (auto _ : state) {
        matches = run_rehab(engine, rw, w, facts, ev);
        benchmark::DoNotOptimize(matches);
    }
    check_matches("rehab", n, p, matches);
    report(state, w, matches);
}

void bm_loop(benchmark::State& state, int n, int p) {
    const Workload w = make_workload(n, p);
    std::int64_t matches = run_loop(w);
    check_matches("plain loop", n, p, matches);
    for (auto _ : state) {
        benchmark::DoNotOptimize(w.rules.data());
        matches = run_loop(w);
        benchmark::DoNotOptimize(matches);
    }
    check_matches("plain loop", n, p, matches);
    report(state, w, matches);
}

#ifdef REHAB_HAVE_CLIPS
void bm_clips(benchmark::State& state, int n, int p) {
    const Workload w = make_workload(n, p);
    ClipsRunner clips(w);
    std::int64_t matches = clips.run(w);
    check_matches("CLIPS", n, p, matches);
    for (auto _ : state) matches = clips.run(w);
    check_matches("CLIPS", n, p, matches);
    report(state, w, matches);
}
#endif

const bool registered = [] {
    const std::pair<int, int> sizes[] = {{50, 2000}, {500, 2000}, {5000, 500}};
    for (auto [n, p] : sizes) {
        const std::string size = "/rules:" + std::to_string(n) + "/patients:" + std::to_string(p);
        benchmark::RegisterBenchmark(("workload/rehab" + size).c_str(),
                                     [n = n, p = p](benchmark::State& s) { bm_rehab(s, n, p); })
            ->Unit(benchmark::kMillisecond)
            ->MinTime(0.2);
        benchmark::RegisterBenchmark(("workload/plain_loop" + size).c_str(),
                                     [n = n, p = p](benchmark::State& s) { bm_loop(s, n, p); })
            ->Unit(benchmark::kMillisecond)
            ->MinTime(0.2);
#ifdef REHAB_HAVE_CLIPS
        benchmark::RegisterBenchmark(("workload/clips" + size).c_str(),
                                     [n = n, p = p](benchmark::State& s) { bm_clips(s, n, p); })
            ->Unit(benchmark::kMillisecond)
            ->MinTime(0.2);
#endif
    }
    return true;
}();

}  // namespace

}  // namespace rehab::bench
