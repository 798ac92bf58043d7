// The audit log survives kill -9 mid-write: a child process writes rows as fast as it can (request
// rows, and every third request a feedback submission of three items in one transaction) and reports
// each commit through a pipe; the parent SIGKILLs it at a random moment, then checks that the database
// is intact (PRAGMA integrity_check), holds every row the child saw committed and no part submission.
// tests/server/server_feedback_test.py does the same to the real server mid-POST /v1/feedback.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <random>
#include <thread>
#include <vector>

#include "server/security/audit_log.hpp"

using namespace rehab::server;
namespace fs = std::filesystem;

namespace {

// The child: opens the log and writes until killed, reporting the running total after each commit.
[[noreturn]] void write_forever(const std::string& path, int report_fd, std::int64_t already) {
    std::string error;
    AuditOptions options{3650};
    options.prune_every = 97;  // prunes (write transactions that delete nothing) are interleaved too
    auto log = AuditLog::open(path, options, error);
    if (!log) _exit(3);
    for (std::int64_t n = already + 1;; ++n) {
        const std::string id = "crash-" + std::to_string(n);
        const AuditRecord r{id, 1'700'000'000'000 + n, "kb", "rules", "p", "q", "POST /v1/recommend", 200};
        if (log->record_request(r, error) != AuditStatus::ok) _exit(4);
        if (n % 3 == 0) {
            std::vector<FeedbackRecord> items;
            for (const char* exercise : {"bridge", "clamshell", "hip_hitch"})
                items.push_back({id, exercise, FeedbackVerdict::modified, std::string(300, 'c'), r.time_ms});
            std::vector<std::int64_t> ids;
            if (log->record_feedback(items, ids, error) != AuditStatus::ok) _exit(5);
        }
        if (write(report_fd, &n, sizeof n) != sizeof n) _exit(6);
    }
}

// Reads reports until `count` arrived (or the child ended); the last total read, 0 when none.
std::int64_t read_reports(int fd, std::int64_t count) {
    std::int64_t last = 0;
    for (std::int64_t i = 0; i < count; ++i) {
        std::int64_t n = 0;
        if (read(fd, &n, sizeof n) != sizeof n) break;
        last = n;
    }
    return last;
}

}  // namespace

TEST_CASE("audit: kill -9 mid-write leaves an intact database with every committed row",
          "[security][audit]") {
    const fs::path dir = fs::path(REHAB_SECURITY_WORK_DIR) / "crash";
    fs::create_directories(dir);
    const std::string path = (dir / "crash.db").string();
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);

    std::mt19937 random(20240515);
    std::int64_t committed = 0;
    for (int round = 0; round < 5; ++round) {
        int fds[2];
        REQUIRE(pipe(fds) == 0);
        const pid_t child = fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            close(fds[0]);
            write_forever(path, fds[1], committed);
        }
        close(fds[1]);
        std::int64_t seen = read_reports(fds[0], 200 + static_cast<std::int64_t>(random() % 400));
        std::this_thread::sleep_for(std::chrono::microseconds(random() % 3000));
        REQUIRE(kill(child, SIGKILL) == 0);
        int status = 0;
        REQUIRE(waitpid(child, &status, 0) == child);
        CHECK(WIFSIGNALED(status));  // killed, not exited with an error of its own
        CHECK(WTERMSIG(status) == SIGKILL);
        std::int64_t n = 0;
        while (read(fds[0], &n, sizeof n) == sizeof n) seen = n;  // reports written before the kill
        close(fds[0]);
        REQUIRE(seen > committed);

        std::string error;
        auto log = AuditLog::open(path, {}, error);
        INFO("round " << round << ": " << error);
        REQUIRE(log.has_value());
        CHECK(log->integrity_check() == "ok");
        const std::int64_t rows = log->request_count();
        CHECK(rows >= seen);      // nothing the child saw committed is lost
        CHECK(rows <= seen + 1);  // at most the row in flight when it died
        CHECK(log->requests_for("crash-" + std::to_string(seen)).size() == 1);
        CHECK(log->feedback_count() % 3 == 0);  // each submission whole or not at all
        const std::int64_t last_batch = seen / 3 * 3;
        if (last_batch > 0) CHECK(log->feedback_for("crash-" + std::to_string(last_batch)).size() == 3);
        committed = rows;
    }
}
