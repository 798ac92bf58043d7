// The internals shared by the audit log's .cpp files: an owned SQLite connection, a prepared statement
// wrapper that resets itself, the schema and its version check.
#pragma once

#include <sqlite3.h>

#include <mutex>
#include <string>
#include <string_view>

#include "server/security/audit_log.hpp"

namespace rehab::server {

struct SqliteClose {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};

// A prepared statement, bound and stepped, reset (and its bindings cleared) when the use ends.
class StatementUse {
public:
    explicit StatementUse(sqlite3_stmt* s) : s_(s) {}
    StatementUse(const StatementUse&) = delete;
    StatementUse& operator=(const StatementUse&) = delete;
    ~StatementUse() {
        sqlite3_reset(s_);
        sqlite3_clear_bindings(s_);
    }
    void text(int i, std::string_view v) {
        sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    }
    void integer(int i, std::int64_t v) { sqlite3_bind_int64(s_, i, v); }
    int step() { return sqlite3_step(s_); }
    std::string column_text(int i) const {
        const auto* p = sqlite3_column_text(s_, i);
        return p ? std::string(reinterpret_cast<const char*>(p),
                               static_cast<std::size_t>(sqlite3_column_bytes(s_, i)))
                 : std::string();
    }
    std::int64_t column_integer(int i) const { return sqlite3_column_int64(s_, i); }

private:
    sqlite3_stmt* s_;
};

// Creates the schema in a new database or checks the version of an existing one; false and `error`
// set when the file's schema is newer than this program's or a statement fails.
bool ensure_schema(sqlite3* db, std::string& error);

// Runs `sql` (no results wanted); false and `error` set to SQLite's message.
bool exec(sqlite3* db, const char* sql, std::string& error);

}  // namespace rehab::server
