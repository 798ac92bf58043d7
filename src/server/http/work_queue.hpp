// The server's bounded work queue (an httplib::TaskQueue): a fixed pool of worker threads serving
// accepted connections, at most `capacity` connections waiting. Beyond that a connection goes to the
// one rejecting thread (answered 503 with Retry-After by the server), so memory never grows unbounded.
#pragma once
#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace rehab::server {

class WorkQueue : public httplib::TaskQueue {
public:
    using Job = std::function<void()>;
    // `reject` runs a refused job on the rejecting thread (it marks the job as refused and runs it).
    WorkQueue(unsigned threads, std::size_t capacity, std::function<void(const Job&)> reject);
    ~WorkQueue() override;
    WorkQueue(const WorkQueue&) = delete;
    WorkQueue& operator=(const WorkQueue&) = delete;

    void enqueue(Job fn) override;
    void shutdown() override;  // finishes every accepted job, then joins

    static constexpr std::size_t reject_capacity = 4096;  // beyond: the job is dropped unserved

private:
    std::mutex m_;
    std::condition_variable cv_, reject_cv_;
    std::deque<Job> jobs_, refused_;
    std::size_t capacity_;
    std::function<void(const Job&)> reject_;
    bool stop_ = false;
    std::vector<std::thread> workers_;
    std::thread rejecter_;

    void work();
    void refuse();
};

}  // namespace rehab::server
