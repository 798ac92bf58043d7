// The HTTP transport: cpp-httplib's parser and router, with this server's own connection loop so
// that every request has a header deadline and a body deadline, keep-alive ends on shutdown, the
// listen backlog is large, and a connection beyond the bounded queue is answered 503 + Retry-After.
#pragma once
#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

#include "server/http/lingering_closer.hpp"
#include "server/metrics.hpp"

namespace rehab::server {

struct HttpLimits {
    unsigned threads = 32;    // workers (each serves one connection at a time)
    std::size_t queue = 256;  // accepted connections waiting for a worker; beyond: 503
    std::size_t max_body = 1 << 20;
    std::size_t keep_alive_max = 100;         // requests per connection
    std::size_t max_header_bytes = 64 << 10;  // request line and headers together
    std::chrono::milliseconds header_timeout{10'000}, body_timeout{30'000};
    std::chrono::milliseconds keep_alive_timeout{5'000}, write_timeout{10'000};
};

class HttpServer : public httplib::Server {
public:
    HttpServer(const HttpLimits& limits, Metrics& metrics);
    // Binds (port 0: any free port) and listens with a large backlog; the bound port, or -1.
    int bind(const std::string& host, int port);
    [[nodiscard]] const HttpLimits& limits() const { return limits_; }
    // Called before each request on a connection and when the connection ends (per-request state).
    std::function<void()> on_request_boundary;

    static constexpr int retry_after_seconds = 1;

private:
    HttpLimits limits_;
    Metrics& metrics_;
    LingeringCloser closer_;  // refused sockets, answered and waiting for the client to close

    bool process_and_close_socket(socket_t sock) override;
    [[nodiscard]] bool stopping() const { return svr_sock_ == INVALID_SOCKET; }
    bool wait_next(int fd, bool first) const;
    void refuse(int fd);
};

}  // namespace rehab::server
