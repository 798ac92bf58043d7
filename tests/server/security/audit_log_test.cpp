// AuditLog: round trip of request and feedback rows, refusal of bad records, retention, WAL mode and
// the schema version, concurrent writers, and clear errors for a path that cannot be a database.
#include "server/security/audit_log.hpp"

#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "audit_test_db.hpp"

using namespace rehab::server;
using namespace rehab::server::test;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kDay = 86'400'000;
constexpr std::int64_t kT0 = 1'700'000'000'000;

AuditRecord request(const std::string& id, std::int64_t time_ms) {
    return AuditRecord{id,         time_ms,    "kb-1.2.0+abc",       "rules-1.0.0+def",
                       "sha256:p", "sha256:q", "POST /v1/recommend", 200};
}

}  // namespace

TEST_CASE("audit: request and feedback rows round-trip", "[security][audit]") {
    const std::string path = fresh_db("roundtrip.db");
    {
        auto log = open_ok(path);
        std::string error;
        CHECK(log.record_request(request("req-1", kT0), error) == AuditStatus::ok);
        CHECK(log.record_feedback(
                  {"req-1", "bridge", FeedbackVerdict::modified, "3x8 instead: knee pain", kT0 + 5}, error) ==
              AuditStatus::ok);
        CHECK(log.record_feedback({"req-1", "side_plank", FeedbackVerdict::rejected, "", kT0 + 6}, error) ==
              AuditStatus::ok);
    }
    auto log = open_ok(path);  // reopened: what was written is there
    const auto rows = log.requests_for("req-1");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].time_ms == kT0);
    CHECK(rows[0].knowledge_version == "kb-1.2.0+abc");
    CHECK(rows[0].rules_version == "rules-1.0.0+def");
    CHECK(rows[0].profile_hash == "sha256:p");
    CHECK(rows[0].programme_hash == "sha256:q");
    CHECK(rows[0].route == "POST /v1/recommend");
    CHECK(rows[0].status == 200);
    const auto feedback = log.feedback_for("req-1");
    REQUIRE(feedback.size() == 2);
    CHECK(feedback[0].exercise_id == "bridge");
    CHECK(feedback[0].verdict == FeedbackVerdict::modified);
    CHECK(feedback[0].comment == "3x8 instead: knee pain");
    CHECK(feedback[1].verdict == FeedbackVerdict::rejected);
    CHECK(feedback[1].comment.empty());
    CHECK(log.request_count() == 1);
    CHECK(log.feedback_count() == 2);
    CHECK(log.integrity_check() == "ok");
    CHECK(pragma(path, "PRAGMA journal_mode") == "wal");
    CHECK(pragma(path, "SELECT version FROM schema_version") == "2");
    CHECK(feedback_verdict_from("accepted") == FeedbackVerdict::accepted);
    CHECK_FALSE(feedback_verdict_from("maybe"));
}

TEST_CASE("audit: bad records are refused as invalid, nothing written", "[security][audit]") {
    auto log = open_ok(fresh_db("invalid.db"));
    std::string error;
    AuditRecord r = request("", kT0);
    CHECK(log.record_request(r, error) == AuditStatus::invalid);
    CHECK(error.find("request_id") != std::string::npos);
    r = request("req\n1", kT0);
    CHECK(log.record_request(r, error) == AuditStatus::invalid);
    r = request("req-1", kT0);
    r.status = 42;
    CHECK(log.record_request(r, error) == AuditStatus::invalid);
    const FeedbackRecord long_comment{"req-1", "bridge", FeedbackVerdict::accepted, std::string(2001, 'x'),
                                      kT0};
    CHECK(log.record_feedback(long_comment, error) == AuditStatus::invalid);
    CHECK(error == "comment is over 2000 bytes");
    CHECK(log.record_feedback({"req-1", "bridge", FeedbackVerdict::accepted, "bad \xc3", kT0}, error) ==
          AuditStatus::invalid);
    CHECK(log.record_feedback({"req-1", "bridge", FeedbackVerdict::accepted, "bell\a", kT0}, error) ==
          AuditStatus::invalid);
    CHECK(log.record_feedback({"req-1", "bridge", FeedbackVerdict::accepted, "douleur \xc3\xa0 3/10\n", kT0},
                              error) == AuditStatus::ok);
    CHECK(log.request_count() == 0);
    CHECK(log.feedback_count() == 1);
}

TEST_CASE("audit: retention prunes rows older than the retention period", "[security][audit]") {
    auto log = open_ok(fresh_db("retention.db"), AuditOptions{30});
    std::string error;
    for (int day = 0; day < 40; ++day) {
        REQUIRE(log.record_request(request("req-" + std::to_string(day), kT0 + day * kDay), error) ==
                AuditStatus::ok);
        REQUIRE(log.record_feedback(
                    {"req-" + std::to_string(day), "bridge", FeedbackVerdict::accepted, "", kT0 + day * kDay},
                    error) == AuditStatus::ok);
    }
    const std::int64_t now = kT0 + 39 * kDay;  // rows of days 0-8 are over 30 days old
    CHECK(log.prune(now, error) == 18);
    CHECK(log.request_count() == 31);
    CHECK(log.feedback_count() == 31);
    CHECK(log.requests_for("req-8").empty());
    CHECK(log.requests_for("req-9").size() == 1);
    CHECK(log.prune(now, error) == 0);
    auto keep = open_ok(fresh_db("keep.db"), AuditOptions{0});
    REQUIRE(keep.record_request(request("old", 0), error) == AuditStatus::ok);
    CHECK(keep.prune(now, error) == 0);
}

TEST_CASE("audit: pruning also happens every prune_every writes", "[security][audit]") {
    AuditOptions options{1};
    options.prune_every = 5;
    auto log = open_ok(fresh_db("autoprune.db"), options);
    std::string error;
    for (int i = 0; i < 4; ++i) REQUIRE(log.record_request(request("old", kT0), error) == AuditStatus::ok);
    REQUIRE(log.record_request(request("new", kT0 + 2 * kDay), error) == AuditStatus::ok);  // 5th write
    CHECK(log.request_count() == 1);
}

TEST_CASE("audit: several threads write at once, every row lands", "[security][audit]") {
    const std::string path = fresh_db("threads.db");
    auto log = open_ok(path);
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < 6; ++t) {
        threads.emplace_back([&, t] {
            std::string error;
            for (int i = 0; i < 200; ++i) {
                const std::string id = "t" + std::to_string(t) + "-" + std::to_string(i);
                if (log.record_request(request(id, kT0 + i), error) != AuditStatus::ok) ++failures;
                if (i % 4 == 0 &&
                    log.record_feedback({id, "bridge", FeedbackVerdict::accepted, "ok", kT0 + i}, error) !=
                        AuditStatus::ok) {
                    ++failures;
                }
            }
        });
    }
    for (auto& t : threads) t.join();
    CHECK(failures == 0);
    CHECK(log.request_count() == 1200);
    CHECK(log.feedback_count() == 300);
    CHECK(log.integrity_check() == "ok");
}

TEST_CASE("audit: a path that cannot be a database gives a clear error", "[security][audit]") {
    std::string error;
    CHECK_FALSE(AuditLog::open("/nonexistent-folder/audit.db", {}, error));
    CHECK(error ==
          "/nonexistent-folder/audit.db: cannot open the audit database: unable to open database file (does "
          "the "
          "folder exist, and may this user write there?)");
    const std::string text = fresh_db("not-a-database.db");
    std::ofstream(text) << "this is a text file, not SQLite, and it is long enough to have a header......\n";
    CHECK_FALSE(AuditLog::open(text, {}, error));
    CHECK(error == text + ": cannot open the audit database: file is not a database");
    const fs::path folder = fs::path(REHAB_SECURITY_WORK_DIR) / "audit";
    CHECK_FALSE(AuditLog::open(folder.string(), {}, error));
    CHECK(error.find("cannot open the audit database") != std::string::npos);
}

TEST_CASE("audit: a database of a newer schema is refused, not altered", "[security][audit]") {
    const std::string path = fresh_db("newer.db");
    { auto log = open_ok(path); }
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_exec(db, "UPDATE schema_version SET version = 3", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    std::string error;
    CHECK_FALSE(AuditLog::open(path, {}, error));
    CHECK(error.find("schema version 3, this program knows 2") != std::string::npos);
}
