// ReplayCache: an id is fresh once, replayed while it lives, forgotten when it expires; the bound is
// kept (full, never evicting a live id); many threads racing for one id get one winner.
#include "server/security/replay_cache.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>
#include <vector>

using rehab::server::ReplayCache;
using Outcome = ReplayCache::Outcome;

TEST_CASE("an id is fresh once and replayed until it expires", "[security][replay]") {
    ReplayCache cache(10);
    CHECK(cache.remember("a", 200, 100) == Outcome::fresh);
    CHECK(cache.remember("a", 200, 150) == Outcome::replayed);
    CHECK(cache.remember("b", 300, 150) == Outcome::fresh);
    CHECK(cache.size() == 2);
    CHECK(cache.remember("a", 400, 200) == Outcome::fresh);  // expired at 200: forgotten
    CHECK(cache.size() == 2);
    CHECK(cache.remember("c", 100, 200) == Outcome::fresh);  // already expired: not kept
    CHECK(cache.size() == 2);
}

TEST_CASE("a full cache refuses instead of forgetting a live id", "[security][replay]") {
    ReplayCache cache(3);
    for (const char* id : {"a", "b", "c"}) CHECK(cache.remember(id, 1000, 0) == Outcome::fresh);
    CHECK(cache.remember("d", 1000, 10) == Outcome::full);
    CHECK(cache.remember("a", 1000, 10) == Outcome::replayed);
    CHECK(cache.size() == 3);
    CHECK(cache.remember("d", 2000, 1000) == Outcome::fresh);
    CHECK(cache.size() == 1);
}

TEST_CASE("threads racing on the same ids get one winner each", "[security][replay]") {
    ReplayCache cache(100000);
    std::atomic<int> fresh{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 2000; ++i) {
                if (cache.remember("id-" + std::to_string(i), 10'000 + i, i) == Outcome::fresh) ++fresh;
            }
        });
    }
    for (auto& t : threads) t.join();
    CHECK(fresh == 2000);
    CHECK(cache.size() == 2000);
}
