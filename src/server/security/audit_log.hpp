// The audit trail and clinician-feedback store of `rehab serve`, in SQLite: one row per request
// (ids, versions and hashes, route, status; never patient text) and one per feedback item, in WAL mode
// so that a crash (even kill -9) mid-write loses nothing committed and never corrupts the file.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rehab::server {

struct AuditOptions {
    int retention_days = 90;               // rows older than this are pruned; 0 keeps everything
    bool durable = false;                  // synchronous=FULL (fsync each commit) instead of NORMAL
    std::size_t max_comment_bytes = 2000;  // a longer feedback comment is refused
    std::size_t prune_every = 10000;       // prune after this many writes; 0 only when prune() is called
    int feedback_retention_days = -1;      // the same for feedback rows; -1: as retention_days
};

struct AuditRecord {
    std::string request_id;
    std::int64_t time_ms = 0;  // unix milliseconds
    std::string knowledge_version;
    std::string rules_version;
    std::string profile_hash;    // a hash of the profile, never the profile
    std::string programme_hash;  // empty when no programme was produced
    std::string route;           // e.g. "POST /v1/recommend"
    int status = 0;              // HTTP status, 100-599
};

enum class FeedbackVerdict { accepted, rejected, modified };

// What a clinician said of one exercise of a recommendation, which is named by the request id of the
// answer (X-Request-Id) or the programme's hash, or both (at least one).
struct FeedbackRecord {
    std::string request_id;  // "" when only programme_hash names the recommendation
    std::string exercise_id;
    FeedbackVerdict verdict = FeedbackVerdict::accepted;
    std::string comment;  // optional, UTF-8, at most max_comment_bytes; clinician text, never logged
    std::int64_t time_ms = 0;
    std::string programme_hash{};  // "" when only request_id names it
    std::string reason{};          // a reason code (the server checks it against its closed list), or ""
    std::string clinician{};       // the authenticated subject, or "" when there is no authentication
    std::int64_t id = 0;           // the row id, set when read back
};

enum class AuditStatus { ok, invalid, storage_error };  // invalid: the record itself (a 400); else 500

const char* to_string(FeedbackVerdict v);
std::optional<FeedbackVerdict> feedback_verdict_from(std::string_view text);

class AuditLog {
public:
    // Opens (creating when absent) the database at `path`; nullopt and `error` set ("path: cannot
    // open the audit database: reason") when it cannot be opened, is not a database, is of a newer
    // schema or refuses WAL mode.
    static std::optional<AuditLog> open(const std::string& path, AuditOptions options, std::string& error);

    // One committed row each; thread-safe (one connection behind a mutex).
    AuditStatus record_request(const AuditRecord& record, std::string& error);
    AuditStatus record_feedback(const FeedbackRecord& record, std::string& error);
    // Every record in one transaction (all or none), checked first; `ids` gets their row ids in order.
    AuditStatus record_feedback(const std::vector<FeedbackRecord>& records, std::vector<std::int64_t>& ids,
                                std::string& error);

    // Deletes rows older than retention_days before `now_ms`; the number deleted, or -1 and `error`.
    std::int64_t prune(std::int64_t now_ms, std::string& error);

    // For tests, metrics and operators.
    std::int64_t request_count() const;
    std::int64_t feedback_count() const;
    std::vector<AuditRecord> requests_for(const std::string& request_id) const;
    std::vector<FeedbackRecord> feedback_for(const std::string& request_id) const;
    // Feedback rows of time_ms >= since_ms and id > after_id, in id order, at most `limit`.
    std::vector<FeedbackRecord> feedback_since(std::int64_t since_ms, std::int64_t after_id,
                                               std::size_t limit) const;
    std::string integrity_check() const;  // "ok" when PRAGMA integrity_check finds nothing
    static constexpr int schema_version = 2;

    AuditLog(AuditLog&&) noexcept;
    AuditLog& operator=(AuditLog&&) noexcept;
    AuditLog(const AuditLog&) = delete;
    AuditLog& operator=(const AuditLog&) = delete;
    ~AuditLog();

    struct Impl;

private:
    explicit AuditLog(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace rehab::server
