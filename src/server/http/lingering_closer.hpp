// Closes refused connections without holding the refusing thread: each socket, already answered
// and shut for writing, is drained until the client closes (or a second passes) and then closed,
// all of them by one thread polling them together. Bounded: beyond `capacity` a socket closes at once.
#pragma once
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace rehab::server {

class LingeringCloser {
public:
    static constexpr std::size_t capacity = 4096;
    LingeringCloser();
    ~LingeringCloser();  // closes every socket still pending
    LingeringCloser(const LingeringCloser&) = delete;
    LingeringCloser& operator=(const LingeringCloser&) = delete;

    void add(int fd);

private:
    struct Pending {
        int fd;
        std::chrono::steady_clock::time_point until;
    };
    std::mutex m_;
    std::condition_variable cv_;
    std::vector<Pending> pending_;
    bool stop_ = false;
    std::thread thread_;

    void run();
};

}  // namespace rehab::server
