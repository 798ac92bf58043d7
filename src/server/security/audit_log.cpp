// AuditLog: one SQLite connection in WAL mode behind a mutex, statements prepared once, each write
// its own transaction (committed before the call returns; a feedback batch is one), records checked
// before they are written, retention pruning every `prune_every` writes (at the written record's time)
// and on request.
#include "server/security/audit_log.hpp"

#include <array>
#include <utility>
#include <vector>

#include "server/security/audit_log_detail.hpp"

namespace rehab::server {

struct AuditLog::Impl {
    std::unique_ptr<sqlite3, SqliteClose> db;
    std::unique_ptr<sqlite3_stmt, SqliteClose> insert_request, insert_feedback, prune_requests,
        prune_feedback, select_requests, select_feedback, select_feedback_since;
    AuditOptions options;
    std::size_t writes = 0;
    mutable std::mutex mutex;
};

namespace {

bool printable(std::string_view s, std::size_t min, std::size_t max, bool spaces = false) {
    if (s.size() < min || s.size() > max) return false;
    for (unsigned char c : s) {
        if (c > 0x7e || c < (spaces ? 0x20 : 0x21)) return false;
    }
    return true;
}

// Valid UTF-8 with no control character but tab and line breaks.
bool clean_text(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return false;
            ++i;
            continue;
        }
        const std::size_t n = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
        if (n == 0 || i + n > s.size()) return false;
        std::uint32_t cp = c & (0x7f >> n);
        for (std::size_t k = 1; k < n; ++k) {
            const auto t = static_cast<unsigned char>(s[i + k]);
            if ((t & 0xc0) != 0x80) return false;
            cp = (cp << 6) | (t & 0x3f);
        }
        const std::array<std::uint32_t, 5> lowest = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < lowest[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
        i += n;
    }
    return true;
}

std::string check_request(const AuditRecord& r) {
    if (!printable(r.request_id, 1, 128)) return "request_id must be 1-128 printable ASCII characters";
    if (!printable(r.knowledge_version, 0, 128) || !printable(r.rules_version, 0, 128)) {
        return "versions must be at most 128 printable ASCII characters";
    }
    if (!printable(r.profile_hash, 0, 128) || !printable(r.programme_hash, 0, 128)) {
        return "hashes must be at most 128 printable ASCII characters";
    }
    if (!printable(r.route, 1, 256, true)) return "route must be 1-256 printable ASCII characters";
    if (r.status < 100 || r.status > 599) return "status must be an HTTP status, 100-599";
    if (r.time_ms < 0) return "time must not be before 1970";
    return {};
}

std::string check_feedback(const FeedbackRecord& r, const AuditOptions& options) {
    if (!printable(r.request_id, 0, 128)) return "request_id must be at most 128 printable ASCII characters";
    if (!printable(r.programme_hash, 0, 128)) {
        return "programme_hash must be at most 128 printable ASCII characters";
    }
    if (r.request_id.empty() && r.programme_hash.empty()) return "request_id or programme_hash is required";
    if (!printable(r.exercise_id, 1, 128)) return "exercise_id must be 1-128 printable ASCII characters";
    if (!printable(r.reason, 0, 64)) return "reason must be at most 64 printable ASCII characters";
    if (r.clinician.size() > 256 || !clean_text(r.clinician)) {
        return "clinician must be at most 256 bytes of UTF-8 text without control characters";
    }
    if (r.comment.size() > options.max_comment_bytes) {
        return "comment is over " + std::to_string(options.max_comment_bytes) + " bytes";
    }
    if (!clean_text(r.comment)) return "comment must be UTF-8 text without control characters";
    if (r.time_ms < 0) return "time must not be before 1970";
    return {};
}

bool prepare(sqlite3* db, const char* sql, std::unique_ptr<sqlite3_stmt, SqliteClose>& out,
             std::string& error) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &raw, nullptr) != SQLITE_OK) {
        error = sqlite3_errmsg(db);
        return false;
    }
    out.reset(raw);
    return true;
}

// WAL, the sync level, a busy timeout; false when the file refuses WAL (e.g. a network file system).
bool configure(AuditLog::Impl& log, std::string& error) {
    sqlite3* db = log.db.get();
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA journal_mode = WAL", -1, &raw, nullptr) != SQLITE_OK) {
        error = sqlite3_errmsg(db);
        return false;
    }
    std::unique_ptr<sqlite3_stmt, SqliteClose> wal(raw);
    const bool is_wal = sqlite3_step(raw) == SQLITE_ROW &&
                        std::string_view(reinterpret_cast<const char*>(sqlite3_column_text(raw, 0))) == "wal";
    if (!is_wal) {
        error = sqlite3_errcode(db) == SQLITE_OK || sqlite3_errcode(db) == SQLITE_ROW
                    ? std::string("the file system refuses WAL mode")
                    : std::string(sqlite3_errmsg(db));
        return false;
    }
    return exec(db, log.options.durable ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL",
                error) &&
           exec(db, "PRAGMA foreign_keys = ON; PRAGMA trusted_schema = OFF", error);
}

// A row of the two feedback SELECTs (their columns in FeedbackRecord's order).
FeedbackRecord feedback_row(const StatementUse& use) {
    const auto verdict = feedback_verdict_from(use.column_text(2));
    return FeedbackRecord{
        use.column_text(0), use.column_text(1),    verdict.value_or(FeedbackVerdict::accepted),
        use.column_text(3), use.column_integer(4), use.column_text(5),
        use.column_text(6), use.column_text(7),    use.column_integer(8)};
}

bool prepare_all(AuditLog::Impl& log, std::string& error) {
    sqlite3* db = log.db.get();
    return prepare(
               db,
               "INSERT INTO requests (request_id, time_ms, knowledge_version, rules_version, profile_hash, "
               "programme_hash, route, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
               log.insert_request, error) &&
           prepare(db,
                   "INSERT INTO feedback (request_id, exercise_id, verdict, comment, time_ms, "
                   "programme_hash, reason, clinician) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                   log.insert_feedback, error) &&
           prepare(db, "DELETE FROM requests WHERE time_ms < ?1", log.prune_requests, error) &&
           prepare(db, "DELETE FROM feedback WHERE time_ms < ?1", log.prune_feedback, error) &&
           prepare(
               db,
               "SELECT request_id, time_ms, knowledge_version, rules_version, profile_hash, programme_hash, "
               "route, status FROM requests WHERE request_id = ?1 ORDER BY id",
               log.select_requests, error) &&
           prepare(db,
                   "SELECT request_id, exercise_id, verdict, comment, time_ms, programme_hash, reason, "
                   "clinician, id FROM feedback WHERE request_id = ?1 ORDER BY id",
                   log.select_feedback, error) &&
           prepare(db,
                   "SELECT request_id, exercise_id, verdict, comment, time_ms, programme_hash, reason, "
                   "clinician, id FROM feedback WHERE time_ms >= ?1 AND id > ?2 ORDER BY id LIMIT ?3",
                   log.select_feedback_since, error);
}

std::int64_t prune_locked(AuditLog::Impl& log, std::int64_t now_ms, std::string& error) {
    const int feedback_days = log.options.feedback_retention_days < 0 ? log.options.retention_days
                                                                      : log.options.feedback_retention_days;
    const std::pair<sqlite3_stmt*, int> prunes[] = {{log.prune_requests.get(), log.options.retention_days},
                                                    {log.prune_feedback.get(), feedback_days}};
    std::int64_t deleted = 0;
    if (log.options.retention_days <= 0 && feedback_days <= 0) return 0;
    if (!exec(log.db.get(), "BEGIN IMMEDIATE", error)) return -1;
    for (const auto& [statement, days] : prunes) {
        if (days <= 0) continue;  // kept for ever
        StatementUse use(statement);
        use.integer(1, now_ms - std::int64_t{days} * 86'400'000);
        if (use.step() != SQLITE_DONE) {
            error = sqlite3_errmsg(log.db.get());
            std::string ignored;
            exec(log.db.get(), "ROLLBACK", ignored);
            return -1;
        }
        deleted += sqlite3_changes64(log.db.get());
    }
    return exec(log.db.get(), "COMMIT", error) ? deleted : -1;
}

// After a committed write: prune when `prune_every` writes have passed (a failure is not the write's).
void after_write(AuditLog::Impl& log, std::int64_t now_ms) {
    if (log.options.prune_every == 0 || ++log.writes % log.options.prune_every != 0) return;
    std::string ignored;
    prune_locked(log, now_ms, ignored);
}

}  // namespace

const char* to_string(FeedbackVerdict v) {
    switch (v) {
        case FeedbackVerdict::accepted:
            return "accepted";
        case FeedbackVerdict::rejected:
            return "rejected";
        case FeedbackVerdict::modified:
            return "modified";
    }
    return "accepted";
}

std::optional<FeedbackVerdict> feedback_verdict_from(std::string_view text) {
    for (auto v : {FeedbackVerdict::accepted, FeedbackVerdict::rejected, FeedbackVerdict::modified}) {
        if (text == to_string(v)) return v;
    }
    return std::nullopt;
}

AuditLog::AuditLog(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
AuditLog::AuditLog(AuditLog&&) noexcept = default;
AuditLog& AuditLog::operator=(AuditLog&&) noexcept = default;
AuditLog::~AuditLog() = default;

std::optional<AuditLog> AuditLog::open(const std::string& path, AuditOptions options, std::string& error) {
    auto impl = std::make_unique<Impl>();
    impl->options = options;
    sqlite3* raw = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    impl->db.reset(raw);
    std::string reason;
    if (rc != SQLITE_OK) {
        reason = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
        if (rc == SQLITE_CANTOPEN) reason += " (does the folder exist, and may this user write there?)";
    } else if (configure(*impl, reason) && ensure_schema(raw, reason) && prepare_all(*impl, reason)) {
        return AuditLog(std::move(impl));
    }
    error = path + ": cannot open the audit database: " + reason;
    return std::nullopt;
}

AuditStatus AuditLog::record_request(const AuditRecord& r, std::string& error) {
    if (error = check_request(r); !error.empty()) return AuditStatus::invalid;
    std::lock_guard lock(impl_->mutex);
    StatementUse use(impl_->insert_request.get());
    use.text(1, r.request_id);
    use.integer(2, r.time_ms);
    use.text(3, r.knowledge_version);
    use.text(4, r.rules_version);
    use.text(5, r.profile_hash);
    use.text(6, r.programme_hash);
    use.text(7, r.route);
    use.integer(8, r.status);
    if (use.step() != SQLITE_DONE) {
        error = std::string("audit database: ") + sqlite3_errmsg(impl_->db.get());
        return AuditStatus::storage_error;
    }
    after_write(*impl_, r.time_ms);
    return AuditStatus::ok;
}

AuditStatus AuditLog::record_feedback(const FeedbackRecord& r, std::string& error) {
    std::vector<std::int64_t> ids;
    return record_feedback(std::vector<FeedbackRecord>{r}, ids, error);
}

AuditStatus AuditLog::record_feedback(const std::vector<FeedbackRecord>& records,
                                      std::vector<std::int64_t>& ids, std::string& error) {
    ids.clear();
    if (records.empty()) {
        error = "no feedback record";
        return AuditStatus::invalid;
    }
    for (const auto& r : records)
        if (error = check_feedback(r, impl_->options); !error.empty()) return AuditStatus::invalid;
    std::lock_guard lock(impl_->mutex);
    sqlite3* db = impl_->db.get();
    const bool batch = records.size() > 1;  // one row is its own transaction already
    if (batch && !exec(db, "BEGIN IMMEDIATE", error)) {
        error = "audit database: " + error;
        return AuditStatus::storage_error;
    }
    for (const auto& r : records) {
        StatementUse use(impl_->insert_feedback.get());
        use.text(1, r.request_id);
        use.text(2, r.exercise_id);
        use.text(3, to_string(r.verdict));
        if (!r.comment.empty()) use.text(4, r.comment);  // else NULL: no comment
        use.integer(5, r.time_ms);
        use.text(6, r.programme_hash);
        use.text(7, r.reason);
        use.text(8, r.clinician);
        if (use.step() != SQLITE_DONE) {
            error = std::string("audit database: ") + sqlite3_errmsg(db);
            std::string ignored;
            if (batch) exec(db, "ROLLBACK", ignored);
            ids.clear();
            return AuditStatus::storage_error;
        }
        ids.push_back(sqlite3_last_insert_rowid(db));
    }
    if (batch && !exec(db, "COMMIT", error)) {
        error = "audit database: " + error;
        std::string ignored;
        exec(db, "ROLLBACK", ignored);
        ids.clear();
        return AuditStatus::storage_error;
    }
    after_write(*impl_, records.back().time_ms);
    return AuditStatus::ok;
}

std::int64_t AuditLog::prune(std::int64_t now_ms, std::string& error) {
    std::lock_guard lock(impl_->mutex);
    return prune_locked(*impl_, now_ms, error);
}

namespace {

std::int64_t count(const AuditLog::Impl& log, const char* sql) {
    std::lock_guard lock(log.mutex);
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(log.db.get(), sql, -1, &raw, nullptr) != SQLITE_OK) return -1;
    std::unique_ptr<sqlite3_stmt, SqliteClose> statement(raw);
    return sqlite3_step(raw) == SQLITE_ROW ? sqlite3_column_int64(raw, 0) : -1;
}

}  // namespace

std::int64_t AuditLog::request_count() const { return count(*impl_, "SELECT count(*) FROM requests"); }
std::int64_t AuditLog::feedback_count() const { return count(*impl_, "SELECT count(*) FROM feedback"); }

std::vector<AuditRecord> AuditLog::requests_for(const std::string& request_id) const {
    std::lock_guard lock(impl_->mutex);
    std::vector<AuditRecord> out;
    StatementUse use(impl_->select_requests.get());
    use.text(1, request_id);
    while (use.step() == SQLITE_ROW) {
        out.push_back(AuditRecord{use.column_text(0), use.column_integer(1), use.column_text(2),
                                  use.column_text(3), use.column_text(4), use.column_text(5),
                                  use.column_text(6), static_cast<int>(use.column_integer(7))});
    }
    return out;
}

std::vector<FeedbackRecord> AuditLog::feedback_for(const std::string& request_id) const {
    std::lock_guard lock(impl_->mutex);
    std::vector<FeedbackRecord> out;
    StatementUse use(impl_->select_feedback.get());
    use.text(1, request_id);
    while (use.step() == SQLITE_ROW) out.push_back(feedback_row(use));
    return out;
}

std::vector<FeedbackRecord> AuditLog::feedback_since(std::int64_t since_ms, std::int64_t after_id,
                                                     std::size_t limit) const {
    std::lock_guard lock(impl_->mutex);
    std::vector<FeedbackRecord> out;
    StatementUse use(impl_->select_feedback_since.get());
    use.integer(1, since_ms);
    use.integer(2, after_id);
    use.integer(3, static_cast<std::int64_t>(limit));
    while (use.step() == SQLITE_ROW) out.push_back(feedback_row(use));
    return out;
}

std::string AuditLog::integrity_check() const {
    std::lock_guard lock(impl_->mutex);
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(impl_->db.get(), "PRAGMA integrity_check", -1, &raw, nullptr) != SQLITE_OK) {
        return sqlite3_errmsg(impl_->db.get());
    }
    std::unique_ptr<sqlite3_stmt, SqliteClose> statement(raw);
    std::string result;
    while (sqlite3_step(raw) == SQLITE_ROW) {
        if (!result.empty()) result += '\n';
        result += reinterpret_cast<const char*>(sqlite3_column_text(raw, 0));
    }
    return result.empty() ? std::string(sqlite3_errmsg(impl_->db.get())) : result;
}

}  // namespace rehab::server
