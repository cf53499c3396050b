#pragma once
// Small RAII helpers over the SQLite C API, shared by the SQLite store's files: a prepared
// statement and a write transaction. Internal to store/sqlite/.
#include "core/date.hpp"
#include "core/error.hpp"

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace waymark::store::sqlite {

[[noreturn]] inline void fail(sqlite3* db, const std::string& what) {
    throw core::Error(core::ErrorKind::storage, what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

// Prepared statements kept for reuse on one connection, keyed by their SQL. Preparing (parsing
// and planning) the half-dozen small queries of a page took about a quarter of the time of the
// children list. Finalises what it keeps when destroyed, which must be before the connection
// is closed. One connection is used by one thread at a time, and so is its cache.
class StatementCache {
public:
    explicit StatementCache(sqlite3* db) : db_(db) {}
    ~StatementCache() {
        for (auto& [sql, stmt] : kept_) sqlite3_finalize(stmt);
    }
    StatementCache(const StatementCache&) = delete;
    StatementCache& operator=(const StatementCache&) = delete;

    // The statement for `sql`, kept or newly prepared; a statement already taken and not yet
    // given back (the same query nested in another's rows) gets a second one, not kept.
    sqlite3_stmt* take(std::string_view sql) {
        const auto it = kept_.find(sql);
        if (it != kept_.end() && it->second != nullptr) return std::exchange(it->second, nullptr);
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                               nullptr) != SQLITE_OK) {
            fail(db_, "preparing a query");
        }
        if (it == kept_.end()) kept_.emplace(std::string(sql), nullptr);
        return stmt;
    }
    // Reset (ending its read of the database) and kept for the next take.
    void give_back(std::string_view sql, sqlite3_stmt* stmt) noexcept {
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
        const auto it = kept_.find(sql);
        if (it != kept_.end() && it->second == nullptr) {
            it->second = stmt;
        } else {
            sqlite3_finalize(stmt);
        }
    }
    [[nodiscard]] sqlite3* db() const noexcept { return db_; }

private:
    sqlite3* db_;
    std::map<std::string, sqlite3_stmt*, std::less<>> kept_;  // nullptr while taken
};

// A prepared statement, finalised on scope exit (or, from a StatementCache, given back to it).
class Statement {
public:
    Statement(sqlite3* db, const char* sql) : db_(db) {
        if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) fail(db, "preparing a query");
    }
    // `sql` must outlive the statement (a string literal, say).
    Statement(StatementCache& cache, std::string_view sql)
        : db_(cache.db()), stmt_(cache.take(sql)), cache_(&cache), sql_(sql) {}
    ~Statement() {
        if (cache_ != nullptr) {
            cache_->give_back(sql_, stmt_);
        } else {
            sqlite3_finalize(stmt_);
        }
    }
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
    void bind_opt(int i, const std::optional<std::string>& s) {
        if (s) {
            bind(i, *s);
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
    StatementCache* cache_ = nullptr;
    std::string_view sql_;
};

// One read transaction, so that what is read together comes from one snapshot; ended on scope
// exit.
class ReadTransaction {
public:
    explicit ReadTransaction(sqlite3* db) : db_(db) {
        if (sqlite3_exec(db_, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK) fail(db_, "starting to read");
    }
    ~ReadTransaction() { sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr); }
    ReadTransaction(const ReadTransaction&) = delete;
    ReadTransaction& operator=(const ReadTransaction&) = delete;

private:
    sqlite3* db_;
};

// One write transaction (BEGIN IMMEDIATE, so that it waits for other writers up front rather
// than failing half way). commit() counts it in meta.writes, which tells two connections they
// read the same snapshot, and commits; leaving the scope without commit() rolls it back.
class WriteTransaction {
public:
    WriteTransaction(sqlite3* db, const char* what) : db_(db), what_(what) {
        if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) fail(db_, what_);
    }
    ~WriteTransaction() {
        if (open_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;

    void commit() {
        if (sqlite3_exec(db_, "UPDATE meta SET value = value + 1 WHERE key = 'writes'", nullptr, nullptr, nullptr) !=
                SQLITE_OK ||
            sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
            fail(db_, what_);
        }
        open_ = false;
    }

private:
    sqlite3* db_;
    const char* what_;
    bool open_ = true;
};

// Runs `body` in one WriteTransaction, committed if it returns, rolled back if it throws.
template <typename F>
void write_transaction(sqlite3* db, F&& body, const char* what = "writing") {
    WriteTransaction transaction(db, what);
    body();
    transaction.commit();
}

}  // namespace waymark::store::sqlite
