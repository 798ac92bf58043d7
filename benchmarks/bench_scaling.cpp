// Scaling of recommend() (trace off, one patient with adductor-related groin pain) on synthetic
// knowledge bases: the grid of 100 / 1,000 / 10,000 exercises x 100 / 1,000 / 10,000 rules, and the
// index curve at 1,000 exercises: rules all for another condition (should cost nothing) against
// rules that do not test the condition at all (every one is tried).
#include <benchmark/benchmark.h>

#include "fixtures.hpp"
#include "profiles.hpp"

namespace rehab::bench {

namespace {

void scaled_recommend(benchmark::State& state, SyntheticSpec spec) {
    auto rec = synthetic_recommender(spec);
    const Profile profile = clinical_profile(rec->knowledge(), "adductor_mid");
    Recommendation out;
    rec->recommend(profile, out, false);
    for (auto _ : state) {
        rec->recommend(profile, out, false);
        benchmark::DoNotOptimize(out.items.data());
    }
    state.counters["exercises"] = static_cast<double>(spec.exercises);
    state.counters["synthetic_rules"] = static_cast<double>(spec.rules);
    state.counters["fired"] = static_cast<double>(out.evaluation.fired.size());
    state.counters["items"] = static_cast<double>(out.items.size());
}

void add(const SyntheticSpec& spec) {
    std::string name = std::string("scaling/") + to_string(spec.mode) +
                       "/exercises:" + std::to_string(spec.exercises) +
                       "/rules:" + std::to_string(spec.rules);
    benchmark::RegisterBenchmark(name.c_str(), [spec](benchmark::State& s) { scaled_recommend(s, spec); })
        ->Unit(benchmark::kMicrosecond)
        ->MinTime(0.1);
}

const bool registered = [] {
    for (int e : {100, 1000, 10000})
        for (int r : {100, 1000, 10000}) add({e, r, RuleMode::mixed});
    for (RuleMode m : {RuleMode::other_condition, RuleMode::general})
        for (int r : {0, 100, 1000, 10000}) add({1000, r, m});
    return true;
}();

}  // namespace

}  // namespace rehab::bench
