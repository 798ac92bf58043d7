// Reading with poll() against the request's deadline, writing with poll() against the write
// timeout; addresses from getpeername/getsockname. The thread's current stream is a thread_local.
#include "server/http/connection_stream.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace rehab::server {

namespace {

thread_local ConnectionStream* t_current = nullptr;

bool wait_for(int fd, short events, int ms) {
    pollfd p{fd, events, 0};
    for (;;) {
        const int n = ::poll(&p, 1, ms);
        if (n < 0 && errno == EINTR) continue;
        return n > 0;
    }
}

void address(const sockaddr_storage& a, std::string& ip, int& port) {
    char text[INET6_ADDRSTRLEN] = {};
    if (a.ss_family == AF_INET) {
        const auto& v4 = reinterpret_cast<const sockaddr_in&>(a);
        ::inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
        port = ntohs(v4.sin_port);
    } else if (a.ss_family == AF_INET6) {
        const auto& v6 = reinterpret_cast<const sockaddr_in6&>(a);
        ::inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
        port = ntohs(v6.sin6_port);
    }
    ip = text;
}

}  // namespace

bool wait_readable(int fd, int ms) { return wait_for(fd, POLLIN, ms); }

ConnectionStream::ConnectionStream(int fd, std::chrono::milliseconds write_timeout)
    : fd_(fd), write_timeout_(write_timeout) {
    t_current = this;
}

ConnectionStream::~ConnectionStream() { t_current = nullptr; }

ConnectionStream* ConnectionStream::current() { return t_current; }

int ConnectionStream::remaining_ms() const {
    if (deadline_ == Clock::time_point::max()) return 60'000;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now()).count();
    return static_cast<int>(std::clamp<long long>(left, 0, 60'000));
}

bool ConnectionStream::is_readable() const { return buffered() || wait_for(fd_, POLLIN, remaining_ms()); }

bool ConnectionStream::is_writable() const {
    return wait_for(fd_, POLLOUT, static_cast<int>(write_timeout_.count()));
}

ssize_t ConnectionStream::read(char* ptr, size_t size) {
    if (consumed_ >= read_limit_) {
        over_limit_ = true;
        return -1;
    }
    size = std::min(size, read_limit_ - consumed_);
    if (!buffered()) {
        const int wait = remaining_ms();
        if (wait <= 0 || !wait_for(fd_, POLLIN, wait)) {
            timed_out_ = true;
            return -1;
        }
        ssize_t n;
        do n = ::recv(fd_, buf_.data(), buf_.size(), 0);
        while (n < 0 && errno == EINTR);
        if (n <= 0) return n;
        begin_ = 0;
        end_ = static_cast<std::size_t>(n);
    }
    const std::size_t n = std::min(size, end_ - begin_);
    std::memcpy(ptr, buf_.data() + begin_, n);
    begin_ += n;
    consumed_ += n;
    return static_cast<ssize_t>(n);
}

ssize_t ConnectionStream::write(const char* ptr, size_t size) {
    if (!is_writable()) return -1;
    ssize_t n;
    do n = ::send(fd_, ptr, size, MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    return n;
}

void ConnectionStream::get_remote_ip_and_port(std::string& ip, int& port) const {
    sockaddr_storage a{};
    socklen_t len = sizeof a;
    if (::getpeername(fd_, reinterpret_cast<sockaddr*>(&a), &len) == 0) address(a, ip, port);
}

void ConnectionStream::get_local_ip_and_port(std::string& ip, int& port) const {
    sockaddr_storage a{};
    socklen_t len = sizeof a;
    if (::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) == 0) address(a, ip, port);
}

}  // namespace rehab::server
