// The connection loop (keep-alive with deadlines and a stop check), the lingering close that lets a
// client read an early error before its unread body is discarded, and the quick 503 refusal.
#include "server/http/http_server.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>

#include "server/http/connection_stream.hpp"
#include "server/http/work_queue.hpp"

namespace rehab::server {

namespace {

using Clock = std::chrono::steady_clock;
thread_local bool t_refusing = false;  // the job being run is a refused connection

// Discards what the client still sends (up to a second, 16 MiB) after our side is shut for writing,
// so that closing does not reset the connection before the client has read the response.
void linger_close(int fd) {
    ::shutdown(fd, SHUT_WR);
    char buf[16384];
    std::size_t total = 0;
    const auto until = Clock::now() + std::chrono::seconds(1);
    while (total < (16u << 20) && Clock::now() < until && wait_readable(fd, 100)) {
        const ssize_t n = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT);
        if (n <= 0) break;
        total += static_cast<std::size_t>(n);
    }
    ::close(fd);
}

struct Gauge {
    std::atomic<std::int64_t>& g;
    explicit Gauge(std::atomic<std::int64_t>& x) : g(x) { ++g; }
    ~Gauge() { --g; }
    Gauge(const Gauge&) = delete;
    Gauge& operator=(const Gauge&) = delete;
};

}  // namespace

HttpServer::HttpServer(const HttpLimits& limits, Metrics& metrics) : limits_(limits), metrics_(metrics) {
    new_task_queue = [this] {
        return new WorkQueue(limits_.threads, limits_.queue, [](const WorkQueue::Job& job) {
            t_refusing = true;
            job();
            t_refusing = false;
        });
    };
    set_payload_max_length(limits_.max_body);
    set_keep_alive_max_count(
        limits_.keep_alive_max);  // for the Keep-Alive header; the loop here enforces them
    set_keep_alive_timeout(
        std::max<time_t>(1, static_cast<time_t>(limits_.keep_alive_timeout.count() / 1000)));
    set_tcp_nodelay(true);
}

int HttpServer::bind(const std::string& host, int port) {
    int bound = port;
    if (port == 0)
        bound = bind_to_any_port(host);
    else if (!bind_to_port(host, port))
        bound = -1;
    if (bound < 0) return -1;
    ::listen(svr_sock_, 1024);  // on Linux a second listen() raises the backlog httplib set (5)
    return bound;
}

bool HttpServer::wait_next(int fd, bool first) const {
    const auto limit = first ? limits_.header_timeout : limits_.keep_alive_timeout;
    const auto until = Clock::now() + limit;
    while (Clock::now() < until) {
        if (wait_readable(fd, 100)) return true;
        if (stopping()) return first && wait_readable(fd, 100);  // finish what is already sent
    }
    return false;
}

bool HttpServer::process_and_close_socket(socket_t sock) {
    if (t_refusing) {
        refuse(sock);
        return true;
    }
    Gauge open(metrics_.connections());
    const int one = 1;
    ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    bool ret = false, linger = false;
    {
        ConnectionStream strm(sock, limits_.write_timeout);
        for (std::size_t n = 0; n < limits_.keep_alive_max; ++n) {
            if (!strm.buffered() && !wait_next(sock, n == 0)) break;
            if (on_request_boundary) on_request_boundary();
            strm.set_deadline(Clock::now() + limits_.header_timeout);
            strm.limit_reads(limits_.max_header_bytes, false);
            const bool last = n + 1 == limits_.keep_alive_max || stopping();
            bool closed = false;
            ret = process_request(strm, last, closed, nullptr);
            linger = !strm.timed_out() && (strm.closing() || !ret);
            if (!ret || closed || last || strm.closing()) break;
        }
        if (on_request_boundary) on_request_boundary();
    }
    if (linger) {
        linger_close(sock);
    } else {
        ::shutdown(sock, SHUT_RDWR);
        ::close(sock);
    }
    return ret;
}

void HttpServer::refuse(int fd) {
    metrics_.rejected();
    char buf[16384];
    while (::recv(fd, buf, sizeof buf, MSG_DONTWAIT) > 0) {  // what the request sent so far; no waiting
    }
    static const std::string body =
        R"({"format":"rehab.error/1","status":503,"error":[{"code":"SV503","message":"the server is busy: the work queue is full, retry later","severity":"error"}]})";
    static const std::string response =
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
        "Retry-After: " +
        std::to_string(retry_after_seconds) +
        "\r\nConnection: close\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    [[maybe_unused]] const ssize_t sent =
        ::send(fd, response.data(), response.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    ::shutdown(fd, SHUT_WR);
    closer_.add(fd);  // closed once the client has read it and closed (at most a second)
}

}  // namespace rehab::server
