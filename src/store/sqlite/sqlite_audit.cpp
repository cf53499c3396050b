// The SQLite store's audit log: appended in hash-chain order under the write lock, listed for
// the administration pages, read whole for verification (app/audit.hpp; migration
// 0006_audit_chain.sql).
#include "app/audit.hpp"
#include "store/sqlite/audit_chain.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/sqlite/statement.hpp"

#include <optional>
#include <string>
#include <vector>

namespace waymark::store {

using sqlite::Statement;

namespace {

constexpr const char* kAuditColumns =
    "SELECT id, at, actor, action, local_authority, child_id, detail, origin, prev_hash, hash FROM audit ";

app::AuditRow read_row(Statement& s) {
    app::AuditRow r;
    r.id = s.integer(0);
    r.entry.at = s.text(1);
    r.entry.actor = s.text(2);
    r.entry.action = s.text(3);
    r.entry.local_authority = s.text(4);
    r.entry.child_id = s.text(5);
    r.entry.detail = s.text(6);
    r.entry.origin = s.text(7);
    r.prev_hash = s.text(8);
    r.hash = s.text(9);
    return r;
}

// The WHERE clause of a query and its parameters, in order (?1, ?2, ...).
struct Where {
    std::string sql;
    std::vector<std::string> params;
    void add(const char* condition, const std::optional<std::string>& value) {
        if (!value) return;
        params.push_back(*value);
        sql += sql.empty() ? "WHERE " : " AND ";
        std::string c(condition);
        const std::string numbered = "?" + std::to_string(params.size());
        for (auto at = c.find('?'); at != std::string::npos; at = c.find('?', at + numbered.size())) {
            c.replace(at, 1, numbered);
        }
        sql += c;
    }
};

Where where_of(const app::AuditQuery& q) {
    Where w;
    w.add("local_authority = ?", q.local_authority);
    w.add("actor = ?", q.actor);
    w.add("action = ?", q.action);
    // A child's own entries, and the caseload pages that listed them (one entry per page, its
    // detail ending ": C1, C2, C3": app::caseload_audit_detail).
    w.add(
        "(child_id = ? OR (action = 'view_caseload' AND child_id = '' AND "
        "instr(substr(detail, instr(detail, ': ') + 1) || ',', ' ' || ? || ',') > 0))",
        q.child_id);
    w.add("substr(at, 1, 10) >= ?", q.from);
    w.add("substr(at, 1, 10) <= ?", q.to);
    w.add("at >= ?", q.from_time);
    w.add("at < ?", q.until_time);
    return w;
}

}  // namespace

namespace sqlite {

void chain_pending_audit(sqlite3* db) {
    std::vector<app::AuditRow> pending;
    {
        Statement s(db, (std::string(kAuditColumns) + "WHERE hash IS NULL ORDER BY id").c_str());
        while (s.step()) pending.push_back(read_row(s));
    }
    if (pending.empty()) return;
    std::string prev(app::audit_genesis_hash());
    {
        Statement before(db, "SELECT hash FROM audit WHERE id < ?1 ORDER BY id DESC LIMIT 1");
        before.bind(1, pending.front().id);
        if (before.step()) prev = before.text(0);
    }
    Statement update(db, "UPDATE audit SET prev_hash = ?2, hash = ?3 WHERE id = ?1");
    for (const auto& row : pending) {
        std::string hash = app::audit_hash(prev, row.entry);
        update.bind(1, row.id);
        update.bind(2, prev);
        update.bind(3, hash);
        update.step();
        update.reset();
        prev = std::move(hash);
    }
}

// BEGIN IMMEDIATE holds SQLite's one write lock from the start, so no other connection can
// append between reading the last hash and inserting: however many connections write, there
// is one chain.
void append_audit(sqlite3* db, std::span<const app::AuditEntry> entries) {
    if (entries.empty()) return;
    chain_pending_audit(db);
    std::string prev(app::audit_genesis_hash());
    {
        Statement last(db, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1");
        if (last.step()) prev = last.text(0);
    }
    Statement insert(db,
                     "INSERT INTO audit (at, actor, action, local_authority, child_id, detail, origin, prev_hash, "
                     "hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    for (const app::AuditEntry& entry : entries) {
        std::string hash = app::audit_hash(prev, entry);
        insert.bind(1, entry.at);
        insert.bind(2, entry.actor);
        insert.bind(3, entry.action);
        insert.bind(4, entry.local_authority);
        insert.bind(5, entry.child_id);
        insert.bind(6, entry.detail);
        insert.bind(7, entry.origin);
        insert.bind(8, prev);
        insert.bind(9, hash);
        insert.step();
        insert.reset();
        prev = std::move(hash);
    }
}

}  // namespace sqlite

void SqliteStore::chain_unchained_audit() {
    {
        Statement any(db_, "SELECT EXISTS (SELECT 1 FROM audit WHERE hash IS NULL)");
        if (!any.step() || any.integer(0) == 0) return;
    }
    sqlite::write_transaction(
        db_, [&] { sqlite::chain_pending_audit(db_); }, "chaining the audit log");
}

void SqliteStore::append_audit(std::span<const app::AuditEntry> entries) {
    sqlite::append_audit(db_, entries);
}

void SqliteStore::record_audit(std::span<const app::AuditEntry> entries) {
    sqlite::write_transaction(
        db_, [&] { append_audit(entries); }, "writing the audit log");
}

std::vector<app::AuditRow> SqliteStore::find_audit(const app::AuditQuery& query) {
    const Where w = where_of(query);
    std::string sql = std::string(kAuditColumns) + w.sql + " ORDER BY id DESC";
    if (query.limit > 0) {
        sql += " LIMIT " + std::to_string(query.limit) + " OFFSET " + std::to_string(query.offset);
    }
    Statement s(db_, sql.c_str());
    for (std::size_t i = 0; i < w.params.size(); ++i) s.bind(static_cast<int>(i + 1), w.params[i]);
    std::vector<app::AuditRow> rows;
    while (s.step()) rows.push_back(read_row(s));
    return rows;
}

std::size_t SqliteStore::count_audit(const app::AuditQuery& query) {
    const Where w = where_of(query);
    Statement s(db_, ("SELECT count(*) FROM audit " + w.sql).c_str());
    for (std::size_t i = 0; i < w.params.size(); ++i) s.bind(static_cast<int>(i + 1), w.params[i]);
    s.step();
    return static_cast<std::size_t>(s.integer(0));
}

void SqliteStore::for_each_audit_from(std::int64_t first_id, const app::AuditVisitor& visit) {
    const sqlite::ReadTransaction snapshot(db_);
    Statement s(db_, (std::string(kAuditColumns) + "WHERE id >= ?1 ORDER BY id").c_str());
    s.bind(1, first_id);
    while (s.step()) visit(read_row(s));
}

std::optional<app::AuditRow> SqliteStore::audit_row(std::int64_t id) {
    Statement s(db_, (std::string(kAuditColumns) + "WHERE id = ?1").c_str());
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_row(s);
}

std::optional<app::AuditHead> SqliteStore::audit_head() {
    Statement s(db_, "SELECT id, hash, at FROM audit ORDER BY id DESC LIMIT 1");
    if (!s.step()) return std::nullopt;
    return app::AuditHead{s.integer(0), std::string(s.text(1)), std::string(s.text(2))};
}

std::vector<app::AuditCheckpoint> SqliteStore::audit_checkpoints() {
    Statement s(db_, "SELECT id, audit_id, hash, from_first_row, at, actor, origin FROM audit_checkpoint ORDER BY id");
    std::vector<app::AuditCheckpoint> checkpoints;
    while (s.step()) {
        checkpoints.push_back({s.integer(0), s.integer(1), std::string(s.text(2)), s.integer(3) != 0,
                               std::string(s.text(4)), std::string(s.text(5)), std::string(s.text(6))});
    }
    return checkpoints;
}

// The trigger of migration 0008 refuses a checkpoint that names no stored row, or a hash not the
// row's; one at or before the latest is not an error (two checks ran at once), just not written.
std::optional<std::int64_t> SqliteStore::add_audit_checkpoint(const app::AuditCheckpoint& c) {
    std::optional<std::int64_t> added;
    sqlite::write_transaction(
        db_,
        [&] {
            Statement latest(db_, "SELECT coalesce(max(audit_id), 0) FROM audit_checkpoint");
            latest.step();
            if (latest.integer(0) >= c.audit_id) return;
            Statement insert(db_,
                             "INSERT INTO audit_checkpoint (audit_id, hash, from_first_row, at, actor, origin) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
            insert.bind(1, c.audit_id);
            insert.bind(2, c.hash);
            insert.bind(3, std::int64_t{c.from_first_row ? 1 : 0});
            insert.bind(4, c.at);
            insert.bind(5, c.actor);
            insert.bind(6, c.origin);
            insert.step();
            added = sqlite3_last_insert_rowid(db_);
        },
        "recording an audit checkpoint");
    return added;
}

}  // namespace waymark::store
