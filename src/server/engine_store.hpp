// The engine the service answers with: one immutable Recommender behind an atomic shared pointer.
// A request takes a snapshot and finishes on it; a reload builds a new engine from the folders and
// swaps it in only when it loads cleanly, otherwise the old one stays and the reason is kept.
#pragma once
#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "core/base/diagnostic.hpp"
#include "core/recommend/recommender.hpp"

namespace rehab::server {

struct ReloadResult {
    bool ok = false;
    Diagnostics diagnostics;  // why it failed (or warnings)
};

class EngineStore {
public:
    EngineStore(std::string knowledge_dir, std::string rules_dir)
        : knowledge_dir_(std::move(knowledge_dir)), rules_dir_(std::move(rules_dir)) {}

    // The engine now; null before the first successful load.
    [[nodiscard]] std::shared_ptr<const Recommender> current() const { return engine_.load(); }
    // Loads the folders again; swaps only on success. Serialised: one reload at a time.
    ReloadResult reload();
    // The diagnostics of the last failed reload ("" when the last one succeeded).
    [[nodiscard]] std::string last_error() const;
    [[nodiscard]] const std::string& knowledge_dir() const { return knowledge_dir_; }
    [[nodiscard]] const std::string& rules_dir() const { return rules_dir_; }

private:
    std::string knowledge_dir_, rules_dir_;
    std::atomic<std::shared_ptr<const Recommender>> engine_;
    std::mutex reload_mutex_;
    mutable std::mutex error_mutex_;  // apart, so that /readyz never waits for a reload
    std::string last_error_;
};

}  // namespace rehab::server
