// Counting requests and writing them out as Prometheus text: counters, gauges and a cumulative
// histogram (le buckets, _sum, _count), each family with its HELP and TYPE lines.
#include "server/metrics.hpp"

#include <algorithm>
#include <cstdio>

namespace rehab::server {

namespace {

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.9g", v);
    return buf;
}

void family(std::string& out, const char* name, const char* type, const char* help) {
    out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
}

}  // namespace

const std::vector<double>& Metrics::buckets() {
    static const std::vector<double> b{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                       0.1,    0.25,  0.5,    1,     2.5,  5};
    return b;
}

Metrics::Metrics() = default;

void Metrics::request_done(const std::string& route, int status, double seconds) {
    const auto& b = buckets();
    const auto slot = static_cast<std::size_t>(std::lower_bound(b.begin(), b.end(), seconds) - b.begin());
    std::lock_guard lock(m_);
    ++requests_[{route, status}];
    Histogram& h = latency_[route];
    if (h.counts.empty()) h.counts.assign(b.size() + 1, 0);
    ++h.counts[slot];
    h.sum += seconds;
    ++h.count;
}

std::string Metrics::text(const std::string& data_labels) const {
    std::string out;
    std::lock_guard lock(m_);
    family(out, "rehab_http_requests_total", "counter", "HTTP requests answered, by route and status.");
    for (const auto& [key, n] : requests_)
        out += "rehab_http_requests_total{route=\"" + key.first + "\",status=\"" +
               std::to_string(key.second) + "\"} " + std::to_string(n) + "\n";
    family(out, "rehab_http_request_duration_seconds", "histogram",
           "Time from request read to response made.");
    for (const auto& [route, h] : latency_) {
        std::uint64_t cumulative = 0;
        for (std::size_t i = 0; i < h.counts.size(); ++i) {
            cumulative += h.counts[i];
            const std::string le = i < buckets().size() ? number(buckets()[i]) : "+Inf";
            out += "rehab_http_request_duration_seconds_bucket{route=\"" + route + "\",le=\"" + le + "\"} " +
                   std::to_string(cumulative) + "\n";
        }
        out += "rehab_http_request_duration_seconds_sum{route=\"" + route + "\"} " + number(h.sum) + "\n";
        out += "rehab_http_request_duration_seconds_count{route=\"" + route + "\"} " +
               std::to_string(h.count) + "\n";
    }
    family(out, "rehab_http_in_flight_requests", "gauge", "Requests being handled now.");
    out += "rehab_http_in_flight_requests " + std::to_string(in_flight_.load()) + "\n";
    family(out, "rehab_http_open_connections", "gauge", "Connections being served now.");
    out += "rehab_http_open_connections " + std::to_string(connections_.load()) + "\n";
    family(out, "rehab_http_rejected_total", "counter",
           "Connections answered 503 because the work queue was full.");
    out += "rehab_http_rejected_total " + std::to_string(rejected_.load()) + "\n";
    family(out, "rehab_reloads_total", "counter", "Reloads of the knowledge and rules, by result.");
    out += "rehab_reloads_total{result=\"ok\"} " + std::to_string(reloads_ok_.load()) + "\n";
    out += "rehab_reloads_total{result=\"failed\"} " + std::to_string(reloads_failed_.load()) + "\n";
    family(out, "rehab_data_info", "gauge", "The knowledge and rules versions being served.");
    out += "rehab_data_info{" + data_labels + "} 1\n";
    return out;
}

}  // namespace rehab::server
