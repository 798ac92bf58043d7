// One accepted connection as an httplib::Stream, read through a buffer against a deadline: the
// headers must arrive within the header timeout and the body within the body timeout, whatever
// the pace of the client, so a slow or endless client cannot hold a worker.
#pragma once
#include <httplib.h>

#include <array>
#include <chrono>

namespace rehab::server {

class ConnectionStream : public httplib::Stream {
public:
    using Clock = std::chrono::steady_clock;
    ConnectionStream(int fd, std::chrono::milliseconds write_timeout);
    ~ConnectionStream() override;
    ConnectionStream(const ConnectionStream&) = delete;
    ConnectionStream& operator=(const ConnectionStream&) = delete;

    void set_deadline(Clock::time_point t) { deadline_ = t; }
    // At most `bytes` more may be read (headers, then the body with its framing): beyond, reads fail
    // and over_limit() says so, so neither endless headers nor an endless chunked body grow memory.
    void limit_reads(std::size_t bytes, bool body) {
        read_limit_ = consumed_ + bytes;
        in_body_ = body;
    }
    [[nodiscard]] bool over_limit() const { return over_limit_; }
    [[nodiscard]] bool in_body() const { return in_body_; }
    [[nodiscard]] bool timed_out() const { return timed_out_; }
    [[nodiscard]] bool buffered() const { return begin_ < end_; }
    // The response asks the connection to close after it is written (the body was not read).
    void close_after_response() { close_ = true; }
    [[nodiscard]] bool closing() const { return close_; }
    // The stream of the connection this thread is serving (null outside a request).
    static ConnectionStream* current();

    bool is_readable() const override;
    bool is_writable() const override;
    ssize_t read(char* ptr, size_t size) override;
    ssize_t write(const char* ptr, size_t size) override;
    void get_remote_ip_and_port(std::string& ip, int& port) const override;
    void get_local_ip_and_port(std::string& ip, int& port) const override;
    socket_t socket() const override { return fd_; }

private:
    int fd_;
    std::chrono::milliseconds write_timeout_;
    Clock::time_point deadline_ = Clock::time_point::max();
    bool timed_out_ = false, close_ = false, over_limit_ = false, in_body_ = false;
    std::size_t consumed_ = 0, read_limit_ = static_cast<std::size_t>(-1);
    std::array<char, 4096> buf_{};
    std::size_t begin_ = 0, end_ = 0;

    int remaining_ms() const;  // to the deadline, at least 0
};

// Waits up to `ms` for the socket to become readable (data or end of stream).
bool wait_readable(int fd, int ms);

}  // namespace rehab::server
