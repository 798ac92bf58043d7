// Replay cache: a hash map for the membership test and an expiry-ordered index to drop what expired,
// both under one short critical section.
#include "server/security/replay_cache.hpp"

namespace rehab::server {

void ReplayCache::drop_expired(std::int64_t now) {
    auto it = by_expiry_.begin();
    while (it != by_expiry_.end() && it->first <= now) {
        const std::string* id = it->second;
        it = by_expiry_.erase(it);
        expiry_.erase(*id);  // after the index entry: `id` points into this map node
    }
}

ReplayCache::Outcome ReplayCache::remember(std::string_view id, std::int64_t expires_at, std::int64_t now) {
    std::lock_guard lock(mutex_);
    drop_expired(now);
    const std::string key(id);
    if (expiry_.find(key) != expiry_.end()) return Outcome::replayed;  // live: expired ones were dropped
    if (expiry_.size() >= capacity_) return Outcome::full;
    if (expires_at <= now) return Outcome::fresh;  // already expired: nothing to remember
    const auto node = expiry_.emplace(key, expires_at).first;
    by_expiry_.emplace(expires_at, &node->first);
    return Outcome::fresh;
}

std::size_t ReplayCache::size() const {
    std::lock_guard lock(mutex_);
    return expiry_.size();
}

}  // namespace rehab::server
