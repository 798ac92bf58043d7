// The audit database's schema, created in one transaction: version 1, then each migration step in turn
// (2: feedback names its programme's hash, a reason code and the clinician). A later version adds a
// step here and bumps AuditLog::schema_version. No patient text has a column.
#include <algorithm>
#include <iterator>
#include <memory>
#include <string>

#include "server/security/audit_log_detail.hpp"

namespace rehab::server {
namespace {

constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE requests (
  id INTEGER PRIMARY KEY,
  request_id TEXT NOT NULL,
  time_ms INTEGER NOT NULL,
  knowledge_version TEXT NOT NULL,
  rules_version TEXT NOT NULL,
  profile_hash TEXT NOT NULL,
  programme_hash TEXT NOT NULL,
  route TEXT NOT NULL,
  status INTEGER NOT NULL CHECK (status BETWEEN 100 AND 599)
);
CREATE INDEX requests_by_time ON requests (time_ms);
CREATE INDEX requests_by_request_id ON requests (request_id);
CREATE TABLE feedback (
  id INTEGER PRIMARY KEY,
  request_id TEXT NOT NULL,
  exercise_id TEXT NOT NULL,
  verdict TEXT NOT NULL CHECK (verdict IN ('accepted', 'rejected', 'modified')),
  comment TEXT,
  time_ms INTEGER NOT NULL
);
CREATE INDEX feedback_by_time ON feedback (time_ms);
CREATE INDEX feedback_by_request_id ON feedback (request_id);
INSERT INTO schema_version (version) VALUES (1);
)sql";

// Migration steps: kMigrations[i] takes a database from version i + 1 to i + 2.
constexpr const char* kMigrations[] = {
    R"sql(
ALTER TABLE feedback ADD COLUMN programme_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE feedback ADD COLUMN reason TEXT NOT NULL DEFAULT '';
ALTER TABLE feedback ADD COLUMN clinician TEXT NOT NULL DEFAULT '';
CREATE INDEX feedback_by_programme_hash ON feedback (programme_hash);
UPDATE schema_version SET version = 2;
)sql",
};
static_assert(std::size(kMigrations) == AuditLog::schema_version - 1);

// The schema version in the file: 0 when it has no schema_version table, -1 on error.
int stored_version(sqlite3* db, std::string& error) {
    sqlite3_stmt* raw = nullptr;
    const char* sql = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";
    if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK) {
        error = sqlite3_errmsg(db);
        return -1;
    }
    std::unique_ptr<sqlite3_stmt, SqliteClose> has_table(raw);
    if (sqlite3_step(raw) != SQLITE_ROW) {
        error = sqlite3_errmsg(db);
        return -1;
    }
    if (sqlite3_column_int(raw, 0) == 0) return 0;
    if (sqlite3_prepare_v2(db, "SELECT max(version) FROM schema_version", -1, &raw, nullptr) != SQLITE_OK) {
        error = sqlite3_errmsg(db);
        return -1;
    }
    std::unique_ptr<sqlite3_stmt, SqliteClose> version(raw);
    if (sqlite3_step(raw) != SQLITE_ROW) {
        error = sqlite3_errmsg(db);
        return -1;
    }
    return sqlite3_column_int(raw, 0);
}

}  // namespace

bool exec(sqlite3* db, const char* sql, std::string& error) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK) return true;
    error = message ? message : sqlite3_errmsg(db);
    sqlite3_free(message);
    return false;
}

bool ensure_schema(sqlite3* db, std::string& error) {
    // IMMEDIATE: two processes opening a new file at once do not both create the tables.
    if (!exec(db, "BEGIN IMMEDIATE", error)) return false;
    const int version = stored_version(db, error);
    bool ok = version >= 0;
    if (ok && version == 0) ok = exec(db, kSchemaV1, error);
    if (ok && version > AuditLog::schema_version) {
        error = "the database has schema version " + std::to_string(version) + ", this program knows " +
                std::to_string(AuditLog::schema_version) + " (written by a newer rehab?)";
        ok = false;
    }
    for (int v = std::max(version, 1); ok && v < AuditLog::schema_version; ++v)
        ok = exec(db, kMigrations[v - 1], error);
    std::string ignored;
    if (!ok) {
        exec(db, "ROLLBACK", ignored);
        return false;
    }
    return exec(db, "COMMIT", error);
}

}  // namespace rehab::server
