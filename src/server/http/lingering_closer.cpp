// One poll() over every pending refused socket: readable ones are drained, finished or expired
// ones closed; the thread sleeps when there are none.
#include "server/http/lingering_closer.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace rehab::server {

LingeringCloser::LingeringCloser() : thread_([this] { run(); }) {}

LingeringCloser::~LingeringCloser() {
    {
        std::lock_guard lock(m_);
        stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
    for (const auto& p : pending_) ::close(p.fd);
}

void LingeringCloser::add(int fd) {
    std::lock_guard lock(m_);
    if (stop_ || pending_.size() >= capacity) {
        ::close(fd);
        return;
    }
    pending_.push_back({fd, std::chrono::steady_clock::now() + std::chrono::seconds(1)});
    cv_.notify_one();
}

void LingeringCloser::run() {
    std::vector<Pending> mine;
    std::vector<pollfd> fds;
    for (;;) {
        {
            std::unique_lock lock(m_);
            cv_.wait(lock, [&] { return stop_ || !pending_.empty() || !mine.empty(); });
            if (stop_) break;
            mine.insert(mine.end(), pending_.begin(), pending_.end());
            pending_.clear();
        }
        fds.clear();
        for (const auto& p : mine) fds.push_back({p.fd, POLLIN, 0});
        ::poll(fds.data(), fds.size(), 50);
        const auto now = std::chrono::steady_clock::now();
        std::vector<Pending> keep;
        for (std::size_t i = 0; i < mine.size(); ++i) {
            bool done = now >= mine[i].until;
            if (fds[i].revents) {
                char buf[4096];
                const ssize_t n = ::recv(mine[i].fd, buf, sizeof buf, MSG_DONTWAIT);
                done = done || n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
            }
            if (done)
                ::close(mine[i].fd);
            else
                keep.push_back(mine[i]);
        }
        mine.swap(keep);
    }
    for (const auto& p : mine) ::close(p.fd);
}

}  // namespace rehab::server
