// Loads through io::load_recommender exactly as the CLI does; aborts loudly on any load error.
#include "fixtures.hpp"

#include <cstdio>
#include <cstdlib>

#include "io/load/rules_loader.hpp"

namespace rehab::bench {

void require_loaded(const void* r, const Diagnostics& d, const char* what) {
    if (r) return;
    std::fprintf(stderr, "FATAL: cannot load %s\n", what);
    for (const auto& x : d.items())
        if (x.severity == Severity::error)
            std::fprintf(stderr, "  %s %s %s: %s\n", x.code.c_str(), x.location.file.c_str(),
                         x.location.pointer.c_str(), x.message.c_str());
    std::abort();
}

std::shared_ptr<const Recommender> bundled_recommender() {
    static std::shared_ptr<const Recommender> r = [] {
        Diagnostics d;
        auto rec = io::load_recommender(source_dir() + "/knowledge", source_dir() + "/rules", d);
        require_loaded(rec.get(), d, "the bundled knowledge and rules");
        return rec;
    }();
    return r;
}

std::shared_ptr<const Recommender> synthetic_recommender(const SyntheticSpec& spec) {
    static SyntheticSpec last{-1, -1, RuleMode::mixed};
    static std::shared_ptr<const Recommender> cached;
    if (last.exercises == spec.exercises && last.rules == spec.rules && last.mode == spec.mode) return cached;
    cached.reset();
    auto dirs = synthetic_dirs(spec);
    Diagnostics d;
    cached = io::load_recommender(dirs.knowledge, dirs.rules, d);
    require_loaded(cached.get(), d, "a synthetic knowledge base");
    last = spec;
    return cached;
}

}  // namespace rehab::bench
