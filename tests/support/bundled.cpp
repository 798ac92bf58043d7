// Loads the bundled knowledge and rules once (thread-safe static) and fails the calling test with
// every diagnostic when they do not load.
#include "bundled.hpp"

#include <catch2/catch.hpp>

#include "io/load/rules_loader.hpp"

namespace rehab::test {

std::shared_ptr<const Recommender> bundled_recommender() {
    static const std::shared_ptr<const Recommender> r = [] {
        Diagnostics d;
        auto rec = io::load_recommender(knowledge_dir(), rules_dir(), d);
        for (const auto& x : d.items()) UNSCOPED_INFO(x.code << ": " << x.message);
        if (!rec) FAIL("the bundled knowledge and rules do not load");
        return rec;
    }();
    return r;
}

std::shared_ptr<const KnowledgeGraph> bundled_kg() { return bundled_recommender()->rules().knowledge_ptr(); }

}  // namespace rehab::test
