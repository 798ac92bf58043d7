// The feedback side of the audit log (schema 2): a submission's rows in one transaction (all or none,
// ids in order), a recommendation named by request id or programme hash, reason and clinician kept,
// reading back by time and id, feedback's own retention, and a version-1 database migrated in place.
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "audit_test_db.hpp"
#include "server/security/audit_log.hpp"

using namespace rehab::server;
using namespace rehab::server::test;

namespace {

constexpr std::int64_t kDay = 86'400'000;
constexpr std::int64_t kT0 = 1'700'000'000'000;
const std::string kHash(64, 'a');

FeedbackRecord item(const std::string& request_id, const std::string& exercise, FeedbackVerdict v,
                    std::int64_t time_ms, const std::string& reason = "") {
    FeedbackRecord r{request_id, exercise, v, "", time_ms};
    r.programme_hash = kHash;
    r.reason = reason;
    r.clinician = "dr-who";
    return r;
}

}  // namespace

TEST_CASE("audit: a feedback submission is stored whole with its ids in order", "[security][audit]") {
    const std::string path = fresh_db("feedback-batch.db");
    auto log = open_ok(path);
    std::string error;
    std::vector<FeedbackRecord> batch{
        item("req-1", "bridge", FeedbackVerdict::accepted, kT0),
        item("req-1", "clamshell", FeedbackVerdict::modified, kT0, "dose_adjusted"),
        item("", "hip_hitch", FeedbackVerdict::rejected, kT0, "too_hard")};
    batch[1].comment = "2 x 8 this week";
    std::vector<std::int64_t> ids;
    REQUIRE(log.record_feedback(batch, ids, error) == AuditStatus::ok);
    REQUIRE(ids.size() == 3);
    CHECK(ids[0] < ids[1]);
    CHECK(ids[1] < ids[2]);
    const auto back = log.feedback_for("req-1");
    REQUIRE(back.size() == 2);
    CHECK(back[1].id == ids[1]);
    CHECK(back[1].reason == "dose_adjusted");
    CHECK(back[1].clinician == "dr-who");
    CHECK(back[1].programme_hash == kHash);
    CHECK(back[1].comment == "2 x 8 this week");
    CHECK(pragma(path, "SELECT request_id FROM feedback WHERE exercise_id = 'hip_hitch'").empty());

    // One bad record: the submission is refused as a whole, nothing of it written.
    batch[2].request_id = "";
    batch[2].programme_hash = "";
    CHECK(log.record_feedback(batch, ids, error) == AuditStatus::invalid);
    CHECK(error == "request_id or programme_hash is required");
    CHECK(ids.empty());
    batch[2] = item("req-2", "hip_hitch", FeedbackVerdict::rejected, kT0, "too_hard");
    batch[2].clinician = "ctl\x01";
    CHECK(log.record_feedback(batch, ids, error) == AuditStatus::invalid);
    CHECK(log.record_feedback(std::vector<FeedbackRecord>{}, ids, error) == AuditStatus::invalid);
    CHECK(log.feedback_count() == 3);
}

TEST_CASE("audit: feedback reads back by time and id, in pages", "[security][audit]") {
    auto log = open_ok(fresh_db("feedback-since.db"));
    std::string error;
    for (int i = 0; i < 10; ++i)
        REQUIRE(log.record_feedback(item("req-" + std::to_string(i), "bridge", FeedbackVerdict::accepted,
                                         kT0 + (i / 2) * 1000),
                                    error) == AuditStatus::ok);
    const auto all = log.feedback_since(0, 0, 100);
    REQUIRE(all.size() == 10);
    CHECK(log.feedback_since(kT0 + 3000, 0, 100).size() == 4);  // rows 6-9
    const auto page1 = log.feedback_since(kT0, 0, 4);
    REQUIRE(page1.size() == 4);
    const auto page2 = log.feedback_since(kT0, page1.back().id, 4);
    REQUIRE(page2.size() == 4);
    CHECK(page2.front().request_id == "req-4");
    CHECK(log.feedback_since(kT0, all.back().id, 4).empty());
}

TEST_CASE("audit: feedback has its own retention when asked", "[security][audit]") {
    AuditOptions options{30};
    options.feedback_retention_days = 365;
    auto log = open_ok(fresh_db("feedback-retention.db"), options);
    std::string error;
    const AuditRecord old{"old", kT0, "kb", "rules", "p", "q", "POST /v1/recommend", 200};
    REQUIRE(log.record_request(old, error) == AuditStatus::ok);
    REQUIRE(log.record_feedback(item("old", "bridge", FeedbackVerdict::accepted, kT0), error) ==
            AuditStatus::ok);
    CHECK(log.prune(kT0 + 40 * kDay, error) == 1);  // the request row; the feedback is kept a year
    CHECK(log.feedback_count() == 1);
    CHECK(log.prune(kT0 + 366 * kDay, error) == 1);
    CHECK(log.feedback_count() == 0);
    options.retention_days = 0;  // requests kept for ever, feedback as retention_days: kept too
    options.feedback_retention_days = -1;
    auto keep = open_ok(fresh_db("feedback-keep.db"), options);
    REQUIRE(keep.record_feedback(item("old", "bridge", FeedbackVerdict::accepted, 0), error) ==
            AuditStatus::ok);
    CHECK(keep.prune(kT0, error) == 0);
}

TEST_CASE("audit: a version 1 database is migrated to version 2 and keeps its rows", "[security][audit]") {
    const std::string path = fresh_db("v1.db");
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    const char* v1 = R"sql(
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE requests (id INTEGER PRIMARY KEY, request_id TEXT NOT NULL, time_ms INTEGER NOT NULL,
  knowledge_version TEXT NOT NULL, rules_version TEXT NOT NULL, profile_hash TEXT NOT NULL,
  programme_hash TEXT NOT NULL, route TEXT NOT NULL, status INTEGER NOT NULL CHECK (status BETWEEN 100 AND 599));
CREATE INDEX requests_by_time ON requests (time_ms);
CREATE INDEX requests_by_request_id ON requests (request_id);
CREATE TABLE feedback (id INTEGER PRIMARY KEY, request_id TEXT NOT NULL, exercise_id TEXT NOT NULL,
  verdict TEXT NOT NULL CHECK (verdict IN ('accepted', 'rejected', 'modified')), comment TEXT,
  time_ms INTEGER NOT NULL);
CREATE INDEX feedback_by_time ON feedback (time_ms);
CREATE INDEX feedback_by_request_id ON feedback (request_id);
INSERT INTO schema_version (version) VALUES (1);
INSERT INTO feedback (request_id, exercise_id, verdict, comment, time_ms)
  VALUES ('req-v1', 'bridge', 'modified', 'written by version 1', 1700000000000);
)sql";
    REQUIRE(sqlite3_exec(db, v1, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    auto log = open_ok(path);
    CHECK(pragma(path, "SELECT version FROM schema_version") == "2");
    const auto old = log.feedback_for("req-v1");
    REQUIRE(old.size() == 1);
    CHECK(old[0].comment == "written by version 1");
    CHECK(old[0].reason.empty());
    CHECK(old[0].programme_hash.empty());
    std::string error;
    CHECK(log.record_feedback(item("req-v2", "bridge", FeedbackVerdict::rejected, kT0, "pain_provoking"),
                              error) == AuditStatus::ok);
    CHECK(log.feedback_for("req-v2").at(0).reason == "pain_provoking");
    CHECK(log.integrity_check() == "ok");
}
