// Peak memory of loading the synthetic 10,000 exercises + 10,000 rules: the JSON is written by a child
// process, then this process loads it with io::load_recommender and reports its own peak RSS
// (getrusage ru_maxrss) and the wall time, as one JSON object on stdout.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "fixtures.hpp"
#include "io/load/rules_loader.hpp"

namespace {

long peak_rss_kib() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;  // KiB on Linux
}

}  // namespace

int main(int argc, char** argv) {
    using namespace rehab;
    const int exercises = argc > 1 ? std::atoi(argv[1]) : 10000;
    const int rules = argc > 2 ? std::atoi(argv[2]) : 10000;
    const bench::SyntheticSpec spec{exercises, rules, bench::RuleMode::mixed};
    pid_t child = fork();
    if (child == 0) {
        bench::synthetic_dirs(spec);
        std::_Exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    if (child < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "FATAL: could not write the synthetic knowledge base\n");
        return 70;
    }
    const long before = peak_rss_kib();
    const auto dirs = bench::synthetic_paths(spec);
    const auto t0 = std::chrono::steady_clock::now();
    Diagnostics d;
    auto rec = io::load_recommender(dirs.knowledge, dirs.rules, d);
    const auto t1 = std::chrono::steady_clock::now();
    bench::require_loaded(rec.get(), d, "the synthetic knowledge base");
    const double ms = std::chrono::duration<double, std::milli>(t1 - t0).count();
    std::printf(
        "{\"exercises\": %zu, \"rules\": %zu, \"load_ms\": %.1f, \"peak_rss_mib\": %.1f, "
        "\"rss_before_load_mib\": %.1f, \"diagnostics\": %zu}\n",
        rec->knowledge().exercise_count(), rec->rules().rules().size(), ms, peak_rss_kib() / 1024.0,
        before / 1024.0, d.items().size());
    return 0;
}
