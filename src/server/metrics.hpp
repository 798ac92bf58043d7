// Service metrics in the Prometheus text format (version 0.0.4): requests by route and status, a
// latency histogram per route, requests in flight, connections refused with 503, reloads by result.
// Routes are the fixed patterns (never raw paths), so the number of series stays bounded.
#pragma once
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace rehab::server {

class Metrics {
public:
    Metrics();
    void request_done(const std::string& route, int status, double seconds);
    void rejected() { rejected_.fetch_add(1, std::memory_order_relaxed); }
    void reload(bool ok) { (ok ? reloads_ok_ : reloads_failed_).fetch_add(1, std::memory_order_relaxed); }
    std::atomic<std::int64_t>& in_flight() { return in_flight_; }
    std::atomic<std::int64_t>& connections() { return connections_; }

    // The exposition text; `data_labels` is e.g. knowledge_version="2.1.0",rules_version="1.4.0".
    [[nodiscard]] std::string text(const std::string& data_labels) const;

    static const std::vector<double>& buckets();  // upper bounds, seconds

private:
    struct Histogram {
        std::vector<std::uint64_t> counts;  // per bucket (not cumulative), plus +Inf at the end
        double sum = 0;
        std::uint64_t count = 0;
    };
    mutable std::mutex m_;
    std::map<std::pair<std::string, int>, std::uint64_t> requests_;
    std::map<std::string, Histogram> latency_;
    std::atomic<std::int64_t> in_flight_{0}, connections_{0};
    std::atomic<std::uint64_t> rejected_{0}, reloads_ok_{0}, reloads_failed_{0};
};

}  // namespace rehab::server
