// The SQLite store's connection and migrations, and its reads of children by name
// (import_writer.cpp writes imports, journey_scan.cpp reads journeys).
#include "store/sqlite/sqlite_store.hpp"

#include "core/error.hpp"
#include "store/migrations.hpp"
#include "store/sqlite/audit_chain.hpp"
#include "store/sqlite/caseload.hpp"
#include "store/sqlite/events.hpp"
#include "store/sqlite/statement.hpp"
#include "store/sqlite/tests_of_change.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <exception>
#include <map>
#include <memory>
#include <string_view>

namespace waymark::store {

using core::Error;
using core::ErrorKind;

using sqlite::Statement;

int SqliteStore::schema_version_supported() {
    return static_cast<int>(migrations().size());
}

SqliteStore::SqliteStore(const std::string& path, const core::Vocabulary& vocabulary)
    : path_(path), vocabulary_(vocabulary) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
        std::string msg = "cannot open database " + path + ": " + (db_ ? sqlite3_errmsg(db_) : "out of memory");
        sqlite3_close(db_);
        db_ = nullptr;
        throw Error(ErrorKind::storage, msg);
    }
    sqlite3_busy_timeout(db_, 5000);
    try {
        // A new database gets 16 KiB pages (set before WAL, which fixes the page size): bulk
        // imports ran about a third faster than with 4 KiB pages, as rows and index entries
        // need fewer page splits.
        exec("PRAGMA page_size=16384");
        exec("PRAGMA journal_mode=WAL");
        exec("PRAGMA synchronous=NORMAL");
        exec("PRAGMA foreign_keys=ON");
        exec("PRAGMA cache_size=-65536");
        migrate();
        statements_ = std::make_unique<sqlite::StatementCache>(db_);
        tests_of_change_ = std::make_unique<SqliteTestsOfChange>(db_);
        caseload_ = std::make_unique<SqliteCaseload>(*statements_);
        events_ = std::make_unique<SqliteEvents>(db_, vocabulary_);
    } catch (...) {
        statements_.reset();
        sqlite3_close(db_);
        db_ = nullptr;
        throw;
    }
}

SqliteStore::~SqliteStore() {
    statements_.reset();  // its statements are finalised before the connection closes
    sqlite3_close(db_);
}

void SqliteStore::exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errmsg(db_);
        sqlite3_free(err);
        throw Error(ErrorKind::storage, "database " + path_ + ": " + msg);
    }
}

int SqliteStore::schema_version() const {
    Statement s(db_, "PRAGMA user_version");
    s.step();
    return static_cast<int>(s.integer(0));
}

void SqliteStore::migrate() {
    const int have = schema_version();
    const int want = schema_version_supported();
    if (have > want) {
        throw Error(ErrorKind::storage, "the database has schema version " + std::to_string(have) +
                                            ", newer than this program supports (" + std::to_string(want) +
                                            "); use a newer waymark");
    }
    for (int v = have; v < want; ++v) {
        exec("BEGIN IMMEDIATE");
        try {
            exec(migrations()[static_cast<std::size_t>(v)].c_str());
            exec(("PRAGMA user_version=" + std::to_string(v + 1)).c_str());
            exec("COMMIT");
        } catch (...) {
            sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
            throw;
        }
    }
    // Audit rows written before the chain existed (migration 0006) are chained on the first
    // open after it (sqlite_audit.cpp).
    chain_unchained_audit();
}

// Migration 0007: triggers count updates and deletes; inserts raise the largest row ids. One
// statement, so one snapshot.
std::optional<app::JourneysVersion> SqliteStore::journeys_version() {
    Statement s(*statements_,
                "SELECT (SELECT value FROM meta WHERE key='journeys_changed'), (SELECT max(id) FROM children), "
                "(SELECT max(id) FROM events)");
    if (!s.step()) return std::nullopt;
    return app::JourneysVersion{s.integer(0), s.integer(1), s.integer(2)};
}

std::optional<std::int64_t> SqliteStore::caseload_version() {
    Statement s(*statements_, "SELECT value FROM meta WHERE key='caseload_changed'");
    if (!s.step()) return std::nullopt;
    return s.integer(0);
}

std::map<std::string, std::string> SqliteStore::child_names(std::string_view local_authority,
                                                            std::span<const std::string> child_ids) {
    std::map<std::string, std::string> names;
    for (auto& c : named_children(local_authority, child_ids)) {
        std::string name = std::move(c.given_name);
        if (!c.family_name.empty()) name += (name.empty() ? "" : " ") + c.family_name;
        names[std::move(c.child_id)] = std::move(name);
    }
    return names;
}

std::vector<app::NamedChild> SqliteStore::named_children(std::string_view local_authority,
                                                         std::span<const std::string> child_ids) {
    std::vector<app::NamedChild> out;
    // A page's worth at a time (SQLite allows 32,766 parameters; a page names at most 200).
    constexpr std::size_t kBatch = 500;
    for (std::size_t first = 0; first < child_ids.size(); first += kBatch) {
        const auto batch = child_ids.subspan(first, std::min(kBatch, child_ids.size() - first));
        std::string sql =
            "SELECT child_id, given_name, family_name, date_of_birth FROM children WHERE local_authority=?1 AND "
            "child_id IN (";
        for (std::size_t i = 0; i < batch.size(); ++i) sql += (i == 0 ? "?" : ",?") + std::to_string(i + 2);
        sql += ")";
        Statement s(db_, sql.c_str());
        s.bind(1, local_authority);
        for (std::size_t i = 0; i < batch.size(); ++i) s.bind(static_cast<int>(i + 2), batch[i]);
        while (s.step()) {
            app::NamedChild c{std::string(s.text(0)), std::string(s.text(1)), std::string(s.text(2)), std::nullopt};
            if (!s.is_null(3)) c.date_of_birth = core::Date::parse(s.text(3));
            out.push_back(std::move(c));
        }
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.child_id < b.child_id; });
    return out;
}

// A scan of the council's rows of the children table, found by its (local_authority, child_id)
// index; lower() and the words are lower case in letters A to Z only, as app::name_matches.
std::vector<std::string> SqliteStore::child_ids_named(std::string_view local_authority,
                                                      std::span<const std::string> words) {
    std::vector<std::string> ids;
    if (words.empty()) return ids;
    std::string sql = "SELECT child_id FROM children WHERE local_authority=?1";
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string n = std::to_string(i + 2);
        sql.append(" AND (instr(lower(given_name), ?").append(n).append(") > 0 OR instr(lower(family_name), ?");
        sql.append(n).append(") > 0)");
    }
    sql += " ORDER BY child_id";
    Statement s(db_, sql.c_str());
    s.bind(1, local_authority);
    for (std::size_t i = 0; i < words.size(); ++i) s.bind(static_cast<int>(i + 2), words[i]);
    while (s.step()) ids.emplace_back(s.text(0));
    return ids;
}

std::vector<std::string> SqliteStore::sibling_ids(std::string_view local_authority, std::string_view sibling_group) {
    std::vector<std::string> ids;
    if (sibling_group.empty()) return ids;
    Statement s(db_,
                "SELECT child_id FROM children WHERE local_authority=?1 AND sibling_group=?2 AND sibling_group <> '' "
                "ORDER BY child_id");
    s.bind(1, local_authority);
    s.bind(2, sibling_group);
    while (s.step()) ids.emplace_back(s.text(0));
    return ids;
}

std::vector<app::StoredChild> SqliteStore::child_index() {
    Statement s(db_, "SELECT id, local_authority, child_id, date_of_birth FROM children");
    std::vector<app::StoredChild> out;
    while (s.step()) {
        out.push_back({s.integer(0), std::string(s.text(1)), std::string(s.text(2)), s.date(3)});
    }
    return out;
}

app::TestsOfChangeStore& SqliteStore::tests_of_change() {
    return *tests_of_change_;
}

app::CaseloadStore& SqliteStore::caseload() {
    return *caseload_;
}

}  // namespace waymark::store
