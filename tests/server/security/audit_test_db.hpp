// What the audit-log tests share: a fresh database path under the test work folder, opening a log
// that must open, and reading one value back with plain SQLite behind the log's back.
#pragma once

#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "server/security/audit_log.hpp"

namespace rehab::server::test {

// A fresh database path (the file and its -wal and -shm removed).
inline std::string fresh_db(const std::string& name) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::path(REHAB_SECURITY_WORK_DIR) / "audit";
    fs::create_directories(dir);
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(dir / (name + suffix));
    return (dir / name).string();
}

inline AuditLog open_ok(const std::string& path, AuditOptions options = {}) {
    std::string error;
    auto log = AuditLog::open(path, options, error);
    INFO(error);
    REQUIRE(log.has_value());
    return std::move(*log);
}

// The first column of every row of `sql`, concatenated ("NULL" for a null).
inline std::string pragma(const std::string& path, const char* sql) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    std::string out;
    sqlite3_exec(
        db, sql,
        [](void* o, int, char** values, char**) {
            *static_cast<std::string*>(o) += values[0] ? values[0] : "NULL";
            return 0;
        },
        &out, nullptr);
    sqlite3_close(db);
    return out;
}

}  // namespace rehab::server::test
