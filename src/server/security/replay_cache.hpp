// The set of token ids (jti) already accepted, each kept until its token expires, so that a token is
// accepted once: bounded (a full cache of live entries refuses new tokens rather than forgetting old
// ones, failing closed), thread-safe behind one mutex, expired entries dropped as time passes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace rehab::server {

class ReplayCache {
public:
    enum class Outcome { fresh, replayed, full };

    explicit ReplayCache(std::size_t capacity) : capacity_(capacity) {}
    ReplayCache(const ReplayCache&) = delete;
    ReplayCache& operator=(const ReplayCache&) = delete;

    // Records `id` until `expires_at` (unix seconds) and answers fresh; answers replayed when `id` is
    // recorded and not yet expired at `now`, full when `capacity` live ids are recorded (nothing kept).
    Outcome remember(std::string_view id, std::int64_t expires_at, std::int64_t now);

    std::size_t size() const;
    std::size_t capacity() const { return capacity_; }

private:
    void drop_expired(std::int64_t now);  // mutex held

    const std::size_t capacity_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::int64_t> expiry_;       // id -> expiry
    std::multimap<std::int64_t, const std::string*> by_expiry_;  // expiry -> id (keys of expiry_)
};

}  // namespace rehab::server
