// Worker and rejecting threads of the bounded queue; shutdown drains both queues before joining.
#include "server/http/work_queue.hpp"

namespace rehab::server {

WorkQueue::WorkQueue(unsigned threads, std::size_t capacity, std::function<void(const Job&)> reject)
    : capacity_(capacity), reject_(std::move(reject)) {
    for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
    rejecter_ = std::thread([this] { refuse(); });
}

WorkQueue::~WorkQueue() { shutdown(); }

void WorkQueue::enqueue(Job fn) {
    {
        std::lock_guard lock(m_);
        if (jobs_.size() < capacity_) {
            jobs_.push_back(std::move(fn));
            cv_.notify_one();
            return;
        }
        if (refused_.size() < reject_capacity) {
            refused_.push_back(std::move(fn));
            reject_cv_.notify_one();
            return;
        }
    }
    // Even the rejecting thread is behind: answer here (the accept thread), refusal is quick.
    reject_(fn);
}

void WorkQueue::shutdown() {
    {
        std::lock_guard lock(m_);
        if (stop_ && workers_.empty()) return;
        stop_ = true;
    }
    cv_.notify_all();
    reject_cv_.notify_all();
    for (auto& t : workers_) t.join();
    workers_.clear();
    if (rejecter_.joinable()) rejecter_.join();
}

void WorkQueue::work() {
    for (;;) {
        Job job;
        {
            std::unique_lock lock(m_);
            cv_.wait(lock, [&] { return stop_ || !jobs_.empty(); });
            if (jobs_.empty()) return;
            job = std::move(jobs_.front());
            jobs_.pop_front();
        }
        job();
    }
}

void WorkQueue::refuse() {
    for (;;) {
        Job job;
        {
            std::unique_lock lock(m_);
            reject_cv_.wait(lock, [&] { return stop_ || !refused_.empty(); });
            if (refused_.empty()) return;
            job = std::move(refused_.front());
            refused_.pop_front();
        }
        reject_(job);
    }
}

}  // namespace rehab::server
