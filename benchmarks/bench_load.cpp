// Loading: read (parse + structure checks), link and validate the knowledge graph, compile the rules
// and build the recommender, for the bundled data and for a synthetic 10,000 exercises + 10,000
// rules. "load/bundled/full" is io::load_recommender end to end, the other bundled rows time one phase
// each; the synthetic row runs the same phases once per iteration and reports each as a counter.
#include <benchmark/benchmark.h>

#include <chrono>

#include "core/recommend/clinical_schema.hpp"
#include "fixtures.hpp"
#include "io/load/knowledge_loader.hpp"
#include "io/load/rules_loader.hpp"

namespace rehab::bench {

namespace {

SyntheticDirs bundled_dirs() { return {source_dir() + "/knowledge", source_dir() + "/rules"}; }

void load_full(benchmark::State& state, SyntheticDirs dirs) {
    for (auto _ : state) {
        Diagnostics d;
        auto rec = io::load_recommender(dirs.knowledge, dirs.rules, d);
        require_loaded(rec.get(), d, dirs.knowledge.c_str());
        state.counters["exercises"] = static_cast<double>(rec->knowledge().exercise_count());
        state.counters["rules"] = static_cast<double>(rec->rules().rules().size());
    }
}

// One phase timed at a time; the phases before it run untimed.
enum class Phase { read, build_graph, compile_rules, create_recommender };

void load_phase(benchmark::State& state, SyntheticDirs dirs, Phase phase) {
    for (auto _ : state) {
        Diagnostics d;
        if (phase != Phase::read) state.PauseTiming();
        KnowledgeData kd = io::read_knowledge_dir(dirs.knowledge, d);
        RuleSetData rd = io::read_rules_dir(dirs.rules, d);
        if (phase == Phase::read) state.PauseTiming();
        if (phase == Phase::build_graph) state.ResumeTiming();
        auto kg = KnowledgeGraph::build(kd, d);
        require_loaded(kg.get(), d, "knowledge");
        if (phase == Phase::build_graph) state.PauseTiming();
        FactSchema inputs = make_clinical_schema(*kg);
        if (phase == Phase::compile_rules) state.ResumeTiming();
        auto rs = RuleSet::compile(rd, kg, inputs, d);
        require_loaded(rs.get(), d, "rules");
        if (phase == Phase::compile_rules) state.PauseTiming();
        if (phase == Phase::create_recommender) state.ResumeTiming();
        auto rec = Recommender::create(rs, d);
        require_loaded(rec.get(), d, "recommender");
        if (phase != Phase::create_recommender) state.ResumeTiming();
    }
}

// The synthetic 10k x 10k takes seconds: one pipeline per iteration, each phase timed by hand
// (the same calls io::load_recommender makes) and reported as a counter in milliseconds.
void load_timed_phases(benchmark::State& state, SyntheticDirs dirs) {
    using Clock = std::chrono::steady_clock;
    auto ms = [](Clock::time_point a, Clock::time_point b) {
        return std::chrono::duration<double, std::milli>(b - a).count();
    };
    for (auto _ : state) {
        Diagnostics d;
        auto t0 = Clock::now();
        KnowledgeData kd = io::read_knowledge_dir(dirs.knowledge, d);
        RuleSetData rd = io::read_rules_dir(dirs.rules, d);
        auto t1 = Clock::now();
        auto kg = KnowledgeGraph::build(kd, d);
        require_loaded(kg.get(), d, "knowledge");
        auto t2 = Clock::now();
        auto rs = RuleSet::compile(rd, kg, make_clinical_schema(*kg), d);
        require_loaded(rs.get(), d, "rules");
        auto t3 = Clock::now();
        auto rec = Recommender::create(rs, d);
        require_loaded(rec.get(), d, "recommender");
        auto t4 = Clock::now();
        state.counters["read_json_ms"] = ms(t0, t1);
        state.counters["build_graph_ms"] = ms(t1, t2);
        state.counters["compile_rules_ms"] = ms(t2, t3);
        state.counters["create_recommender_ms"] = ms(t3, t4);
        state.counters["exercises"] = static_cast<double>(rec->knowledge().exercise_count());
        state.counters["rules"] = static_cast<double>(rec->rules().rules().size());
    }
}

const bool registered = [] {
    const SyntheticSpec big{10000, 10000, RuleMode::mixed};
    benchmark::RegisterBenchmark("load/bundled/full",
                                 [](benchmark::State& s) { load_full(s, bundled_dirs()); })
        ->Unit(benchmark::kMillisecond)
        ->MinTime(0.2);
    const std::pair<const char*, Phase> phases[] = {{"read_json", Phase::read},
                                                    {"build_graph", Phase::build_graph},
                                                    {"compile_rules", Phase::compile_rules},
                                                    {"create_recommender", Phase::create_recommender}};
    for (auto [name, phase] : phases)
        benchmark::RegisterBenchmark(
            (std::string("load/bundled/") + name).c_str(),
            [phase = phase](benchmark::State& s) { load_phase(s, bundled_dirs(), phase); })
            ->Unit(benchmark::kMillisecond)
            ->MinTime(0.1);
    benchmark::RegisterBenchmark("load/synthetic_10k_10k/phases",
                                 [big](benchmark::State& s) { load_timed_phases(s, synthetic_dirs(big)); })
        ->Unit(benchmark::kMillisecond)
        ->Iterations(1)
        ->Repetitions(3);
    return true;
}();

}  // namespace

}  // namespace rehab::bench
