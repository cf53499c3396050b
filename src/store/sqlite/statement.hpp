#pragma once
// A prepared SQLite statement and the storage error, shared by the SQLite store's files.
#include "core/date.hpp"
#include "core/error.hpp"

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace waymark::store::sqlite_detail {

[[noreturn]] inline void fail(sqlite3* db, const std::string& what) {
    throw core::Error(core::ErrorKind::storage, what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

// A prepared statement, finalised on scope exit.
class Statement {
public:
    Statement(sqlite3* db, const char* sql) : db_(db) {
        if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) fail(db, "preparing a query");
    }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    void bind(int i, std::string_view s) {
        // SQLITE_STATIC: every bound value outlives the step that reads it (reset follows).
        sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
    }
    void bind(int i, std::int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
    void bind_null(int i) { sqlite3_bind_null(stmt_, i); }
    void bind_opt(int i, const std::optional<core::Date>& d) {
        if (d) {
            sqlite3_bind_text(stmt_, i, d->iso().c_str(), 10, SQLITE_TRANSIENT);
        } else {
            bind_null(i);
        }
    }
    // Returns true while there is a row.
    bool step() {
        const int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        fail(db_, "running a query");
    }
    sqlite3_stmt* get() { return stmt_; }
    // Every caller binds every parameter before each step, so bindings need not be cleared.
    void reset() { sqlite3_reset(stmt_); }
    std::string_view text(int col) {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
        return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string_view{};
    }
    std::int64_t integer(int col) { return sqlite3_column_int64(stmt_, col); }
    bool is_null(int col) { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
    std::optional<core::Date> date(int col) {
        if (is_null(col)) return std::nullopt;
        return core::Date::try_parse(text(col));
    }

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

// Runs `body` in one write transaction that also counts in meta.writes, as every write does
// (equal counts tell the report's two connections that they read the same snapshot); rolls
// back if it throws.
template <typename F>
void write_transaction(sqlite3* db, F&& body) {
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) fail(db, "starting a write");
    try {
        body();
        if (sqlite3_exec(db, "UPDATE meta SET value = value + 1 WHERE key = 'writes'", nullptr, nullptr, nullptr) !=
                SQLITE_OK ||
            sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
            fail(db, "committing a write");
        }
    } catch (...) {
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

}  // namespace waymark::store::sqlite_detail
