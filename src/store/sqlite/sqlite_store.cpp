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
#include <thread>

namespace waymark::store {

using core::Error;
using core::ErrorKind;

using sqlite::fail;
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

namespace {

class SqliteImportWriter final : public app::ImportWriter {
public:
    SqliteImportWriter(sqlite3* db, const core::Vocabulary& vocabulary)
        : db_(db),
          vocabulary_(vocabulary),
          find_child_(db, "SELECT id FROM children WHERE local_authority=?1 AND child_id=?2"),
          insert_child_(db,
                        "INSERT INTO children (local_authority, child_id, family_name, given_name, date_of_birth, "
                        "expected_birth_date, sex, sibling_group) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)"),
          update_child_(db,
                        "UPDATE children SET family_name=?3, given_name=?4, date_of_birth=?5, "
                        "expected_birth_date=?6, sex=?7, sibling_group=?8 WHERE id=?1 AND (family_name IS NOT ?3 OR "
                        "given_name IS NOT ?4 OR date_of_birth IS NOT ?5 OR expected_birth_date IS NOT ?6 OR "
                        "sex IS NOT ?7 OR sibling_group IS NOT ?8)"),
          find_id_(db, "SELECT id, child, content_hash FROM events WHERE local_authority=?1 AND event_id=?2"),
          find_replaced_(db,
                         "SELECT e.date, e.status, e.details, e.agency, e.note, c.child_id FROM events e "
                         "JOIN children c ON c.id = e.child WHERE e.id=?1"),
          insert_(db,
                  "INSERT INTO events (child, local_authority, date, event, status, details, event_id, content_hash, "
                  "agency, note) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)"),
          insert_unless_stored_(db,
                                "INSERT INTO events (child, local_authority, date, event, status, details, event_id, "
                                "content_hash, agency, note) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10) "
                                "ON CONFLICT (child, content_hash) WHERE event_id IS NULL DO NOTHING"),
          update_(db,
                  "UPDATE events SET child=?1, local_authority=?2, date=?3, event=?4, status=?5, details=?6, "
                  "event_id=?7, content_hash=?8, agency=?9, note=?10 WHERE id=?11") {
        // The first load into an empty database goes through a rollback journal instead of the
        // WAL: every page is new, so nothing needs journalling and each page is written once,
        // not once to the WAL and again at the checkpoint (1 s of an 8 s national load). The
        // switch needs the database to ourselves; if anyone else has it open, it stays in WAL.
        // A killed load leaves a hot journal that the next open rolls back, as with the WAL.
        bool first_load = false;
        {
            Statement empty(db_, "SELECT NOT EXISTS (SELECT 1 FROM events)");
            first_load = empty.step() && empty.integer(0) == 1;
        }
        if (first_load) {
            Statement mode(db_, "PRAGMA journal_mode=DELETE");
            rollback_journal_ = mode.step() && mode.text(0) == "delete";
        }
        if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
            restore_wal();
            fail(db_, "starting an import");
        }
        open_ = true;
        // Councils with children stored before this import. Events of any other council cannot
        // meet a stored event_id, so they are inserted without looking one up first.
        Statement councils(db_, "SELECT DISTINCT local_authority FROM children");
        while (councils.step()) stored_councils_.emplace_back(councils.text(0));
    }
    ~SqliteImportWriter() override {
        if (open_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        restore_wal();
    }
    SqliteImportWriter(const SqliteImportWriter&) = delete;
    SqliteImportWriter& operator=(const SqliteImportWriter&) = delete;

    app::ChildKey put_child(const core::ChildRecord& c) override {
        find_child_.bind(1, c.local_authority);
        find_child_.bind(2, c.child_id);
        std::optional<app::ChildKey> key;
        if (find_child_.step()) key = find_child_.integer(0);
        find_child_.reset();
        auto& st = key ? update_child_ : insert_child_;
        if (key) {
            st.bind(1, *key);
        } else {
            st.bind(1, c.local_authority);
            st.bind(2, c.child_id);
        }
        st.bind(3, c.family_name);
        st.bind(4, c.given_name);
        st.bind_opt(5, c.date_of_birth);
        st.bind_opt(6, c.expected_birth_date);
        st.bind(7, c.sex);
        st.bind(8, c.sibling_group);
        st.step();
        const bool changed = sqlite3_changes(db_) > 0;
        st.reset();
        if (key) {
            if (changed) ++counts_.children_updated;
            return *key;
        }
        ++counts_.children_added;
        return sqlite3_last_insert_rowid(db_);
    }

    void put_events(std::span<const app::EventToWrite> events) override {
        for (const auto& w : events) {
            if (w.event.type >= types_written_.size()) types_written_.resize(w.event.type + 1U, false);
            types_written_[w.event.type] = true;
        }
        std::size_t i = 0;
        while (i < events.size()) {
            // A run of new events of councils with nothing stored goes in multi-row INSERTs:
            // one statement per kRowsPerInsert rows instead of one per row.
            std::size_t j = i;
            while (j < events.size() && j - i < kRowsPerInsert && is_new_row(events[j])) ++j;
            if (j - i >= 2 && insert_rows(events.subspan(i, j - i))) {
                i = j;
                continue;
            }
            put_event(events[i]);
            ++i;
        }
    }

    void put_event(const app::EventToWrite& w) {
        const core::Event& e = w.event;
        const auto type_name = vocabulary_.name(e.type);
        const auto hash = w.fingerprint;
        const auto date = e.date.iso();
        auto bind_row = [&](Statement& st) {
            st.bind(1, w.child);
            st.bind(2, w.local_authority);
            st.bind(3, date);
            st.bind(4, type_name);
            st.bind(5, core::to_string(e.status));
            st.bind(6, e.details);
            if (e.event_id.empty()) {
                st.bind_null(7);
            } else {
                st.bind(7, e.event_id);
            }
            st.bind(8, hash);
            st.bind(9, e.agency);
            st.bind(10, e.note);
        };
        if (e.event_id.empty()) {
            bind_row(insert_unless_stored_);
            insert_unless_stored_.step();
            const bool added = sqlite3_changes(db_) > 0;
            insert_unless_stored_.reset();
            if (!added) {
                ++counts_.events_unchanged;
                return;
            }
            ++counts_.events_added;
            return;
        }
        std::optional<std::int64_t> id;
        bool same = false;
        bool other_child = false;
        if (has_stored_events(w.local_authority) || inserted_ids_) {
            find_id_.bind(1, w.local_authority);
            find_id_.bind(2, e.event_id);
            if (find_id_.step()) {
                id = find_id_.integer(0);
                other_child = find_id_.integer(1) != w.child;
                same = !other_child && find_id_.integer(2) == hash;
            }
            find_id_.reset();
        }
        if (other_child) {
            // An event_id names one event of one child: never moved, never replaced from here.
            refused_.push_back({w.line, e.event_id});
            return;
        }
        if (!id) {
            bind_row(insert_);
            insert_.step();
            insert_.reset();
            ++counts_.events_added;
            inserted_ids_ = true;
        } else if (same) {
            ++counts_.events_unchanged;
        } else {
            keep_replaced_version(*id, w);
            // Replaced in place: the row keeps its id, and so its place among events of its day.
            bind_row(update_);
            update_.bind(11, *id);
            update_.step();
            update_.reset();
            ++counts_.events_replaced;
        }
    }

    void put_audit(std::span<const app::AuditEntry> entries) override { sqlite::append_audit(db_, entries); }

    void set_author(const app::EventChange& author) override {
        author_ = author;
        author_.action = "correct_event";
        author_.reason = app::kReplacedByImport;
    }

    [[nodiscard]] std::vector<app::RefusedEvent> refused_events() const override { return refused_; }

    app::WriteCounts commit() override {
        if (!refused_.empty()) {
            throw core::Error(core::ErrorKind::conflict,
                              "an event_id of the import is stored for another child: nothing was stored");
        }
        {
            Statement known(db_, "INSERT OR IGNORE INTO event_types (name) VALUES (?1)");
            for (std::size_t t = 0; t < types_written_.size(); ++t) {
                if (!types_written_[t]) continue;
                known.bind(1, vocabulary_.name(static_cast<core::EventTypeId>(t)));
                known.step();
                known.reset();
            }
        }
        if (sqlite3_exec(db_, "UPDATE meta SET value = value + 1 WHERE key = 'writes'", nullptr, nullptr, nullptr) !=
            SQLITE_OK) {
            fail(db_, "committing the import");
        }
        if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) fail(db_, "committing the import");
        open_ = false;
        restore_wal();
        return counts_;
    }

private:
    // The version of stored event `id` that `w` replaces, into the event's history.
    void keep_replaced_version(std::int64_t id, const app::EventToWrite& w) {
        find_replaced_.bind(1, id);
        if (!find_replaced_.step()) {
            find_replaced_.reset();
            return;
        }
        core::Event before = w.event;
        before.date = find_replaced_.date(0).value_or(core::Date{});
        before.status = sqlite::stored_status(find_replaced_.text(1));
        before.details = find_replaced_.text(2);
        before.agency = find_replaced_.text(3);
        before.note = find_replaced_.text(4);
        const app::StoredEvent after{id, w.local_authority, std::string(find_replaced_.text(5)), w.event};
        find_replaced_.reset();
        sqlite::write_event_change(db_, id, after, vocabulary_.name(w.event.type), &before, author_);
    }

    void restore_wal() noexcept {
        if (!rollback_journal_) return;
        sqlite3_exec(db_, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr);
        rollback_journal_ = false;
    }

    static constexpr std::size_t kRowsPerInsert = 1024;
    static constexpr int kEventColumns = 10;
    static constexpr const char* events_sql_ =
        "INSERT INTO events (child, local_authority, date, event, status, details, event_id, content_hash, agency, "
        "note) VALUES ";

    bool is_new_row(const app::EventToWrite& w) {
        return !w.event.event_id.empty() && !has_stored_events(w.local_authority);
    }

    // Inserts rows that cannot meet a stored event in one statement. Returns false, having
    // written nothing, if one of them meets another of this import (the same event_id twice),
    // so that the caller goes row by row and replaces.
    // Inserts rows that cannot meet a stored event in one statement. Returns false, having
    // written nothing, if one of them meets another of this import (the same event_id twice),
    // so that the caller goes row by row and replaces.
    bool insert_rows(std::span<const app::EventToWrite> rows) {
        auto& st = multi_insert(events_sql_, kEventColumns, rows.size(), multi_events_);
        std::array<std::string, kRowsPerInsert> dates;
        int p = 1;
        for (std::size_t r = 0; r < rows.size(); ++r) {
            const auto& w = rows[r];
            const auto& e = w.event;
            dates[r] = e.date.iso();
            st.bind(p++, w.child);
            st.bind(p++, w.local_authority);
            st.bind(p++, dates[r]);
            st.bind(p++, vocabulary_.name(e.type));
            st.bind(p++, core::to_string(e.status));
            st.bind(p++, e.details);
            st.bind(p++, e.event_id);
            st.bind(p++, w.fingerprint);
            st.bind(p++, e.agency);
            st.bind(p++, e.note);
        }
        const int rc = sqlite3_step(st.get());
        st.reset();
        if (rc != SQLITE_DONE) {
            if (rc != SQLITE_CONSTRAINT) fail(db_, "storing events");
            return false;
        }
        counts_.events_added += rows.size();
        inserted_ids_ = true;
        return true;
    }

    Statement& multi_insert(const char* head, int columns, std::size_t rows,
                            std::map<std::size_t, std::unique_ptr<Statement>>& cache) {
        auto& slot = cache[rows];
        if (!slot) {
            std::string sql = head;
            for (std::size_t r = 0; r < rows; ++r) {
                sql += r == 0 ? "(" : ",(";
                for (int c = 0; c < columns; ++c) sql += c == 0 ? "?" : ",?";
                sql += ")";
            }
            slot = std::make_unique<Statement>(db_, sql.c_str());
        }
        return *slot;
    }

    bool has_stored_events(std::string_view council) {
        if (council == last_council_) return last_council_stored_;
        last_council_ = council;
        last_council_stored_ =
            std::find(stored_councils_.begin(), stored_councils_.end(), council) != stored_councils_.end();
        return last_council_stored_;
    }

    sqlite3* db_;
    const core::Vocabulary& vocabulary_;
    bool open_ = false;
    app::WriteCounts counts_;
    Statement find_child_, insert_child_, update_child_, find_id_, find_replaced_, insert_, insert_unless_stored_,
        update_;
    std::vector<app::RefusedEvent> refused_;
    app::EventChange author_{"correct_event", "", "import", "", std::string(app::kReplacedByImport)};
    std::vector<std::string> stored_councils_;
    bool inserted_ids_ = false;
    bool rollback_journal_ = false;    // this first load runs without the WAL
    std::vector<bool> types_written_;  // by type id  // event_ids written in this import, which
                                       // a later row may repeat
    std::map<std::size_t, std::unique_ptr<Statement>> multi_events_;
    std::string last_council_;
    bool last_council_stored_ = false;
};

}  // namespace

app::TestsOfChangeStore& SqliteStore::tests_of_change() {
    return *tests_of_change_;
}

app::CaseloadStore& SqliteStore::caseload() {
    return *caseload_;
}

std::unique_ptr<app::ImportWriter> SqliteStore::begin_import() {
    return std::make_unique<SqliteImportWriter>(db_, vocabulary_);
}

namespace {

// One event as read in a whole-table scan: small, with its details in a shared arena.
// A type name read back from the database, to its id: the same few names come again and
// again, so a small direct-mapped cache in front of the vocabulary saves most lookups.
class TypeCache {
public:
    explicit TypeCache(const core::Vocabulary& vocabulary) : vocabulary_(vocabulary) {}
    core::EventTypeId find(std::string_view name) {
        const std::size_t slot =
            name.empty() ? 0
                         : (name.size() * 31 + std::size_t{static_cast<unsigned char>(name[name.size() / 2])} * 7 +
                            static_cast<unsigned char>(name.back())) &
                               (kSlots - 1);
        Entry& e = entries_[slot];
        if (e.name != name) {
            const auto id = vocabulary_.find(name);
            if (!id) {
                throw Error(ErrorKind::storage, "stored event type '" + std::string(name) +
                                                    "' is not in the vocabulary (was it declared by another "
                                                    "standards file?)");
            }
            e.name = name;
            e.id = *id;
        }
        return e.id;
    }

private:
    static constexpr std::size_t kSlots = 128;
    struct Entry {
        std::string name;
        core::EventTypeId id = 0;
    };
    const core::Vocabulary& vocabulary_;
    std::array<Entry, kSlots> entries_;
};

// Dates as stored (always YYYY-MM-DD, written by this program) to days since 1970.
std::int32_t fast_date(std::string_view s) {
    if (s.size() != 10) return core::Date::try_parse(s).value_or(core::Date{}).serial();
    auto d = [&](std::size_t i) { return static_cast<unsigned>(s[i] - '0'); };
    const int y = static_cast<int>(d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3));
    const unsigned m = d(5) * 10 + d(6);
    const unsigned day = d(8) * 10 + d(9);
    if (m < 1 || m > 12 || day < 1 || day > 31) return core::Date::try_parse(s).value_or(core::Date{}).serial();
    return core::Date(std::chrono::sys_days(std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{day}))
        .serial();
}

// A second, read-only connection to the same database that reads the same snapshot as the
// first: every write transaction adds one to meta.writes, so equal counts read inside the
// two transactions mean equal data. Without that (someone wrote in between), not opened.
struct ReadConnection {
    sqlite3* db = nullptr;
    bool in_transaction = false;
    bool open(const std::string& path, sqlite3* first) {
        if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
            return false;
        }
        sqlite3_busy_timeout(db, 5000);
        sqlite3_exec(db, "PRAGMA cache_size=-65536", nullptr, nullptr, nullptr);
        if (sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK) return false;
        in_transaction = true;
        return writes(db) >= 0 && writes(db) == writes(first);
    }
    static std::int64_t writes(sqlite3* conn) {
        Statement s(conn, "SELECT value FROM meta WHERE key='writes'");
        return s.step() ? s.integer(0) : -1;
    }
    ReadConnection() = default;
    ReadConnection(const ReadConnection&) = delete;
    ReadConnection& operator=(const ReadConnection&) = delete;
    ~ReadConnection() {
        if (in_transaction) sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
        sqlite3_close(db);
    }
};

struct ScannedEvent {
    std::uint32_t child;  // index into the children read
    std::int32_t date;
    std::int64_t seq;
    std::uint32_t details_at;
    std::uint32_t details_size;
    core::EventTypeId type;
    core::EventStatus status;
};

struct Scan {
    std::vector<ScannedEvent> events;
    std::string details;  // arena of the events' details
};

}  // namespace

void SqliteStore::scan_journeys(const app::JourneyFilter& filter, unsigned workers,
                                const app::ParallelJourneyVisitor& visit) {
    exec("BEGIN");  // one consistent snapshot for the whole report
    try {
        // Children in (council, id) order, and where each one's row id leads. Read in row id
        // order and sorted here: through the (council, id) index it costs a seek per child.
        // Names are not read: reports over many children do not show them. The sibling group is
        // (measures count siblings placed together), and is empty for most children.
        Statement children(db_,
                           filter.local_authority
                               ? "SELECT id, local_authority, child_id, date_of_birth, sibling_group FROM children "
                                 "WHERE local_authority=?1"
                               : "SELECT id, local_authority, child_id, date_of_birth, sibling_group FROM children");
        if (filter.local_authority) children.bind(1, *filter.local_authority);
        std::vector<core::ChildRecord> records;
        std::vector<std::int64_t> keys;
        while (children.step()) {
            keys.push_back(children.integer(0));
            core::ChildRecord c;
            c.local_authority = children.text(1);
            c.child_id = children.text(2);
            c.date_of_birth = children.date(3);
            c.sibling_group = children.text(4);
            records.push_back(std::move(c));
        }
        {
            std::vector<std::uint32_t> by_name(records.size());
            for (std::uint32_t i = 0; i < by_name.size(); ++i) by_name[i] = i;
            std::sort(by_name.begin(), by_name.end(), [&](std::uint32_t a, std::uint32_t b) {
                const int c = records[a].local_authority.compare(records[b].local_authority);
                return c != 0 ? c < 0 : records[a].child_id < records[b].child_id;
            });
            std::vector<core::ChildRecord> sorted_records;
            std::vector<std::int64_t> sorted_keys;
            sorted_records.reserve(records.size());
            sorted_keys.reserve(keys.size());
            for (auto i : by_name) {
                sorted_records.push_back(std::move(records[i]));
                sorted_keys.push_back(keys[i]);
            }
            records = std::move(sorted_records);
            keys = std::move(sorted_keys);
        }
        const std::int64_t max_key = keys.empty() ? 0 : *std::max_element(keys.begin(), keys.end());
        constexpr std::uint32_t kNone = ~0U;
        std::vector<std::uint32_t> index_of(static_cast<std::size_t>(max_key) + 1, kNone);
        for (std::size_t i = 0; i < keys.size(); ++i)
            index_of[static_cast<std::size_t>(keys[i])] = static_cast<std::uint32_t>(i);
        // Restricted records (migration 0011): few rows, read whole rather than joined per child.
        {
            Statement restricted(db_, "SELECT child FROM restrictions WHERE restricted = 1");
            while (restricted.step()) {
                const auto key = restricted.integer(0);
                if (key >= 0 && key <= max_key && index_of[static_cast<std::size_t>(key)] != kNone)
                    records[index_of[static_cast<std::size_t>(key)]].restricted = true;
            }
        }

        // A report must know every stored type: a local one needs the standards file that
        // declared it (or its clocks would silently vanish).
        {
            Statement types(db_, "SELECT name FROM event_types");
            while (types.step()) {
                if (!vocabulary_.find(types.text(0))) {
                    throw Error(ErrorKind::storage, "stored event type '" + std::string(types.text(0)) +
                                                        "' is not in the vocabulary (was it declared by another "
                                                        "standards file?)");
                }
            }
        }

        // Every event in one pass over the table (a third of the time of reading it in child
        // order through the index), then grouped by child and ordered in memory. The pass is
        // split by row id between this connection and a second one reading the same snapshot.
        std::int64_t low = 0;
        std::int64_t high = -1;
        {
            // Two queries: SQLite reads a lone min() or max() from the b-tree's edge, but both in
            // one query scan the whole table (0.3 s here).
            Statement first_id(db_, "SELECT min(id) FROM events");
            Statement last_id(db_, "SELECT max(id) FROM events");
            if (first_id.step() && !first_id.is_null(0) && last_id.step()) {
                low = first_id.integer(0);
                high = last_id.integer(0);
            }
        }
        const std::int64_t middle = low + (high - low) / 2;
        // Events of types no clock or stage reads (a third of them) are dropped after reading
        // only their type: SQLite decodes a column when asked for it, and an IN (...) list in
        // the query cost a b-tree lookup a row.
        std::string scan_sql = "SELECT event, child, date, status, details, id FROM events WHERE id BETWEEN ?1 AND ?2";
        if (filter.local_authority) scan_sql += " AND local_authority=?";
        std::vector<bool> wanted_type;
        for (const auto& t : filter.event_types) {
            if (auto id = vocabulary_.find(t)) {
                if (*id >= wanted_type.size()) wanted_type.resize(*id + 1U, false);
                wanted_type[*id] = true;
            }
        }
        Scan head;  // ids up to the middle
        Scan tail;  // ids after it
        ReadConnection other;
        const bool split = workers > 1 && high - low > 100000 && other.open(path_, db_);
        auto scan = [&](sqlite3* db, std::int64_t from, std::int64_t to, Scan& into) {
            Statement events(db, scan_sql.c_str());
            events.bind(1, from);
            events.bind(2, to);
            int p = 3;
            if (filter.local_authority) events.bind(p++, *filter.local_authority);
            const auto n = static_cast<std::size_t>(std::max<std::int64_t>(to - from + 1, 0));
            into.events.reserve(n);
            into.details.reserve(n * 16);
            TypeCache types(vocabulary_);
            while (events.step()) {
                const auto type = types.find(events.text(0));
                if (!wanted_type.empty() && (type >= wanted_type.size() || !wanted_type[type])) continue;
                const auto key = events.integer(1);
                if (key < 0 || key > max_key || index_of[static_cast<std::size_t>(key)] == kNone) continue;
                ScannedEvent e{};
                e.child = index_of[static_cast<std::size_t>(key)];
                e.date = fast_date(events.text(2));
                e.type = type;
                e.status = sqlite::stored_status(events.text(3));
                const auto details = events.text(4);
                e.details_at = static_cast<std::uint32_t>(into.details.size());
                e.details_size = static_cast<std::uint32_t>(details.size());
                into.details.append(details);
                e.seq = events.integer(5);
                into.events.push_back(e);
            }
        };
        if (split) {
            std::exception_ptr failure;
            std::thread helper([&] {
                try {
                    scan(other.db, middle + 1, high, tail);
                } catch (...) {
                    failure = std::current_exception();
                }
            });
            try {
                scan(db_, low, middle, head);
            } catch (...) {
                helper.join();
                throw;
            }
            helper.join();
            if (failure) std::rethrow_exception(failure);
        } else {
            scan(db_, low, high, head);
        }
        // One arena: the second half's details follow the first's.
        const auto tail_offset = static_cast<std::uint32_t>(head.details.size());
        head.details += tail.details;
        const std::string& arena = head.details;

        // Counting sort by child straight from both halves, then each child's events by
        // (date, seq).
        std::vector<std::uint32_t> start(records.size() + 1, 0);
        for (const auto* half : {&head.events, &tail.events}) {
            for (const auto& e : *half) ++start[e.child + 1];
        }
        for (std::size_t i = 1; i < start.size(); ++i) start[i] += start[i - 1];
        std::vector<ScannedEvent> grouped(head.events.size() + tail.events.size());
        {
            std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
            for (const auto& e : head.events) grouped[fill[e.child]++] = e;
            for (auto e : tail.events) {
                e.details_at += tail_offset;
                grouped[fill[e.child]++] = e;
            }
        }
        head.events = {};
        tail = Scan{};

        // Each worker takes a contiguous run of children with about the same number of events.
        workers = std::max(1U, std::min<unsigned>(workers, static_cast<unsigned>(records.size() / 64 + 1)));
        auto work = [&](unsigned worker, std::size_t from, std::size_t to) {
            std::vector<core::Event> buffer;
            for (std::size_t c = from; c < to; ++c) {
                auto first = grouped.begin() + start[c];
                auto last = grouped.begin() + start[c + 1];
                std::sort(first, last, [](const ScannedEvent& a, const ScannedEvent& b) {
                    return a.date != b.date ? a.date < b.date : a.seq < b.seq;
                });
                const std::size_t n = static_cast<std::size_t>(last - first);
                if (buffer.size() < n) buffer.resize(n);
                for (std::size_t k = 0; k < n; ++k) {
                    const ScannedEvent& s = first[static_cast<std::ptrdiff_t>(k)];
                    core::Event& e = buffer[k];
                    e.date = core::Date::from_serial(s.date);
                    e.type = s.type;
                    e.status = s.status;
                    e.details.assign(arena, s.details_at, s.details_size);
                    e.seq = s.seq;
                }
                visit(worker, records[c], std::span<const core::Event>(buffer.data(), n));
            }
        };
        std::vector<std::size_t> bounds{0};
        for (unsigned w = 1; w < workers; ++w) {
            const std::uint32_t target = static_cast<std::uint32_t>(grouped.size() * w / workers);
            bounds.push_back(
                static_cast<std::size_t>(std::lower_bound(start.begin(), start.end() - 1, target) - start.begin()));
        }
        bounds.push_back(records.size());
        std::vector<std::thread> threads;
        std::vector<std::exception_ptr> failures(workers);
        for (unsigned w = 1; w < workers; ++w) {
            threads.emplace_back([&, w] {
                try {
                    work(w, bounds[w], bounds[w + 1]);
                } catch (...) {
                    failures[w] = std::current_exception();
                }
            });
        }
        try {
            work(0, bounds[0], bounds[1]);
        } catch (...) {
            failures[0] = std::current_exception();
        }
        for (auto& t : threads) t.join();
        for (auto& f : failures) {
            if (f) std::rethrow_exception(f);
        }
        exec("COMMIT");
    } catch (...) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

bool SqliteStore::worth_scanning(const app::JourneyFilter& filter) {
    if (filter.child_id || filter.with_notes) return false;
    if (!filter.local_authority) return true;
    // One council of many is read child by child through the indexes; one that holds a
    // quarter of the children or more, in one pass over the table.
    Statement council(db_, "SELECT count(*) FROM children WHERE local_authority=?1");
    council.bind(1, *filter.local_authority);
    Statement all(db_, "SELECT count(*) FROM children");
    return council.step() && all.step() && council.integer(0) * 4 >= all.integer(0);
}

void SqliteStore::for_each_journey_parallel(const app::JourneyFilter& filter, unsigned workers,
                                            const app::ParallelJourneyVisitor& visit) {
    // Whole councils are read in one pass over the table; one child through its index.
    if (worth_scanning(filter)) {
        scan_journeys(filter, workers, visit);
        return;
    }
    for_each_journey(filter, [&](const core::ChildRecord& c, std::span<const core::Event> e) { visit(0, c, e); });
}

void SqliteStore::for_each_journey(const app::JourneyFilter& filter, const app::JourneyVisitor& visit) {
    if (worth_scanning(filter)) {
        scan_journeys(filter, 1,
                      [&](unsigned, const core::ChildRecord& c, std::span<const core::Event> e) { visit(c, e); });
        return;
    }
    std::string where;
    if (filter.local_authority) where += " AND c.local_authority=?1";
    if (filter.child_id) where += " AND c.child_id=?2";
    const std::string child_sql =
        "SELECT c.id, c.local_authority, c.child_id, c.family_name, c.given_name, c.date_of_birth, "
        "c.expected_birth_date, c.sex, EXISTS (SELECT 1 FROM restrictions r WHERE r.child = c.id AND r.restricted = "
        "1), "
        "c.sibling_group FROM children c WHERE 1" +
        where + " ORDER BY c.local_authority, c.child_id";
    const std::string event_sql =
        filter.with_notes ? "SELECT e.date, e.event, e.status, e.details, e.id, e.agency, e.note, "
                            "coalesce(e.event_id, '') FROM events e WHERE e.child=?1 ORDER BY e.date, e.id"
                          : "SELECT e.date, e.event, e.status, e.details, e.id FROM events e WHERE e.child=?1 ORDER BY "
                            "e.date, e.id";
    Statement children(db_, child_sql.c_str());
    if (filter.local_authority) children.bind(1, *filter.local_authority);
    if (filter.child_id) children.bind(2, *filter.child_id);
    Statement events(db_, event_sql.c_str());

    exec("BEGIN");  // one consistent snapshot for the whole report
    try {
        core::ChildRecord child;
        std::vector<core::Event> buffer;
        while (children.step()) {
            const auto key = children.integer(0);
            child.local_authority = children.text(1);
            child.child_id = children.text(2);
            child.family_name = children.text(3);
            child.given_name = children.text(4);
            child.date_of_birth = children.date(5);
            child.expected_birth_date = children.date(6);
            child.sex = children.text(7);
            child.restricted = children.integer(8) != 0;
            child.sibling_group = children.text(9);
            std::size_t n = 0;
            events.bind(1, key);
            while (events.step()) {
                if (n == buffer.size()) buffer.emplace_back();
                core::Event& e = buffer[n++];
                e.date = core::Date::try_parse(events.text(0)).value_or(core::Date{});
                const auto type = vocabulary_.find(events.text(1));
                if (!type) {
                    throw Error(ErrorKind::storage, "stored event type '" + std::string(events.text(1)) +
                                                        "' is not in the vocabulary (was it declared by another "
                                                        "standards file?)");
                }
                e.type = *type;
                e.status = sqlite::stored_status(events.text(2));
                e.details = events.text(3);
                e.seq = events.integer(4);
                if (filter.with_notes) {
                    e.agency = events.text(5);
                    e.note = events.text(6);
                    e.event_id = events.text(7);
                }
            }
            events.reset();
            visit(child, std::span<const core::Event>(buffer.data(), n));
        }
        exec("COMMIT");
    } catch (...) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

}  // namespace waymark::store
