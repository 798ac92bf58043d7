// Loading and swapping the engine: the loader of io builds it, a failed load leaves the old one.
#include "server/engine_store.hpp"

#include "io/load/rules_loader.hpp"

namespace rehab::server {

ReloadResult EngineStore::reload() {
    std::lock_guard lock(reload_mutex_);
    ReloadResult result;
    std::shared_ptr<const Recommender> fresh;
    try {
        fresh = io::load_recommender(knowledge_dir_, rules_dir_, result.diagnostics);
    } catch (const std::exception& e) {  // a loader bug must not take the service down
        result.diagnostics.error("SV001", {rules_dir_, ""}, std::string("reload failed: ") + e.what());
    }
    if (!fresh || result.diagnostics.has_errors()) {
        std::string why;
        for (const auto& d : result.diagnostics.items())
            if (d.severity == Severity::error)
                why += d.code + " " + d.location.file + ": " + d.message + "\n";
        std::lock_guard error_lock(error_mutex_);
        last_error_ = why.empty() ? "the knowledge or rules did not load\n" : why;
        return result;
    }
    engine_.store(std::move(fresh));
    std::lock_guard error_lock(error_mutex_);
    last_error_.clear();
    result.ok = true;
    return result;
}

std::string EngineStore::last_error() const {
    std::lock_guard lock(error_mutex_);
    return last_error_;
}

}  // namespace rehab::server
