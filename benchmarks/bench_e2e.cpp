// recommend() on examples/profiles/*.json: the core alone (profile parsed beforehand, trace off and
// on) and end to end (profile text -> parse and resolve -> recommend with trace -> programme JSON
// text, as `rehab recommend` does minus the file I/O; and the compact summary line of `rehab batch
// --summary`). Compiled only once the io layer has the profile reader and programme writer.
#if __has_include("io/load/profile_reader.hpp") && __has_include("io/render/programme_json.hpp")
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "fixtures.hpp"
#include "io/load/profile_reader.hpp"
#include "io/render/programme_json.hpp"
#include "io/render/programme_summary.hpp"

namespace rehab::bench {

namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

Profile parse_or_die(const std::string& text, const std::string& file, const KnowledgeGraph& kg) {
    Diagnostics d;
    auto p = io::parse_profile_text(text, kg, file, d);
    require_loaded(p ? &*p : nullptr, d, file.c_str());
    return *p;
}

void example_core(benchmark::State& state, const fs::path& file, bool trace) {
    auto rec = bundled_recommender();
    const Profile profile = parse_or_die(read_text(file), file.string(), rec->knowledge());
    Recommendation out;
    rec->recommend(profile, out, trace);
    for (auto _ : state) {
        rec->recommend(profile, out, trace);
        benchmark::DoNotOptimize(out.items.data());
    }
    state.SetLabel(out.referred() ? "referred" : "programme");
}

void example_end_to_end(benchmark::State& state, const fs::path& file) {
    auto rec = bundled_recommender();
    const std::string text = read_text(file), name = file.string();
    std::size_t bytes = 0;
    for (auto _ : state) {
        Diagnostics d;
        auto profile = io::parse_profile_text(text, rec->knowledge(), name, d);
        if (!profile) state.SkipWithError("profile does not parse");
        Recommendation out;
        rec->recommend(*profile, out, true);
        std::string json = io::programme_to_json(*rec, out, *profile);
        bytes = json.size();
        benchmark::DoNotOptimize(json.data());
    }
    state.counters["json_in_bytes"] = static_cast<double>(text.size());
    state.counters["json_out_bytes"] = static_cast<double>(bytes);
}

// The compact variant (`rehab batch --summary`): profile text -> recommend without the trace -> one
// "rehab.programme-summary/1" line (no prose, no trace).
void example_end_to_end_summary(benchmark::State& state, const fs::path& file) {
    auto rec = bundled_recommender();
    const std::string text = read_text(file), name = file.string();
    std::string line;
    Recommendation out;
    for (auto _ : state) {
        Diagnostics d;
        auto profile = io::parse_profile_text(text, rec->knowledge(), name, d);
        if (!profile) state.SkipWithError("profile does not parse");
        rec->recommend(*profile, out, false);
        line.clear();
        io::append_programme_summary(*rec, out, *profile, line);
        benchmark::DoNotOptimize(line.data());
    }
    state.counters["json_in_bytes"] = static_cast<double>(text.size());
    state.counters["json_out_bytes"] = static_cast<double>(line.size());
}

const bool registered = [] {
    std::vector<fs::path> files;
    for (const auto& f : fs::directory_iterator(fs::path(source_dir()) / "examples" / "profiles"))
        if (f.path().extension() == ".json") files.push_back(f.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        const std::string stem = f.stem().string();
        benchmark::RegisterBenchmark(("recommend/example_core/" + stem).c_str(),
                                     [f](benchmark::State& s) { example_core(s, f, false); })
            ->Unit(benchmark::kMicrosecond)
            ->MinTime(0.1);
        benchmark::RegisterBenchmark(("recommend/example_trace/" + stem).c_str(),
                                     [f](benchmark::State& s) { example_core(s, f, true); })
            ->Unit(benchmark::kMicrosecond)
            ->MinTime(0.1);
        benchmark::RegisterBenchmark(("recommend/end_to_end/" + stem).c_str(),
                                     [f](benchmark::State& s) { example_end_to_end(s, f); })
            ->Unit(benchmark::kMicrosecond)
            ->MinTime(0.1);
        benchmark::RegisterBenchmark(("recommend/end_to_end_summary/" + stem).c_str(),
                                     [f](benchmark::State& s) { example_end_to_end_summary(s, f); })
            ->Unit(benchmark::kMicrosecond)
            ->MinTime(0.1);
    }
    return true;
}();

}  // namespace

}  // namespace rehab::bench
#endif
