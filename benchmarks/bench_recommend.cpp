// recommend() on the bundled knowledge and rules, per profile built in code: the core alone (trace
// off) and with the full explanation trace (trace on). The example JSON profiles and the end-to-end
// (JSON in, JSON out) rows are in bench_e2e.cpp.
#include <benchmark/benchmark.h>

#include "fixtures.hpp"
#include "profiles.hpp"

namespace rehab::bench {

namespace {

void recommend_core(benchmark::State& state, const std::string& id, bool trace) {
    auto rec = bundled_recommender();
    const Profile profile = clinical_profile(rec->knowledge(), id);
    Recommendation out;
    rec->recommend(profile, out, trace);  // warm: capacities reached
    for (auto _ : state) {
        rec->recommend(profile, out, trace);
        benchmark::DoNotOptimize(out.items.data());
    }
    state.counters["items"] = static_cast<double>(out.items.size());
    state.counters["rules_tried"] = static_cast<double>(trace ? out.evaluation.outcomes.size() : 0);
    state.counters["fired"] = static_cast<double>(out.evaluation.fired.size());
    state.counters["observations"] = static_cast<double>(out.evaluation.observations.size());
    state.SetLabel(out.referred() ? "referred" : "programme");
}

const bool registered = [] {
    for (const auto& id : profile_ids()) {
        benchmark::RegisterBenchmark(("recommend/core/" + id).c_str(),
                                     [id](benchmark::State& s) { recommend_core(s, id, false); })
            ->Unit(benchmark::kMicrosecond)
            ->MinTime(0.2);
        benchmark::RegisterBenchmark(("recommend/trace/" + id).c_str(),
                                     [id](benchmark::State& s) { recommend_core(s, id, true); })
            ->Unit(benchmark::kMicrosecond)
            ->MinTime(0.2);
    }
    return true;
}();

}  // namespace

}  // namespace rehab::bench
