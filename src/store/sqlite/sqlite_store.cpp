#include "store/sqlite/sqlite_store.hpp"

#include "core/error.hpp"
#include "store/migrations.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <string_view>

namespace waymark::store {

using core::Error;
using core::ErrorKind;

namespace {

[[noreturn]] void fail(sqlite3* db, const std::string& what) {
    throw Error(ErrorKind::storage, what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
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

// FNV-1a over the fields that make an event what it is, so that importing the same row twice
// finds the first copy.
std::int64_t content_hash(const core::Event& e, std::string_view type_name) {
    std::uint64_t h = 1469598103934665603ULL;
    auto mix = [&](std::string_view s) {
        for (unsigned char c : s) {
            h ^= c;
            h *= 1099511628211ULL;
        }
        h ^= 0x1f;  // field separator
        h *= 1099511628211ULL;
    };
    mix(e.date.iso());
    mix(type_name);
    mix(core::to_string(e.status));
    mix(e.details);
    mix(e.agency);
    mix(e.note);
    std::int64_t out = 0;
    std::memcpy(&out, &h, sizeof out);
    return out;
}

}  // namespace

int SqliteStore::schema_version_supported() { return static_cast<int>(migrations().size()); }

SqliteStore::SqliteStore(const std::string& path, const core::Vocabulary& vocabulary) : vocabulary_(vocabulary) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
        std::string msg = "cannot open database " + path + ": " + (db_ ? sqlite3_errmsg(db_) : "out of memory");
        sqlite3_close(db_);
        db_ = nullptr;
        throw Error(ErrorKind::storage, msg);
    }
    sqlite3_busy_timeout(db_, 5000);
    try {
        exec("PRAGMA journal_mode=WAL");
        exec("PRAGMA synchronous=NORMAL");
        exec("PRAGMA foreign_keys=ON");
        exec("PRAGMA cache_size=-65536");
        migrate();
    } catch (...) {
        sqlite3_close(db_);
        db_ = nullptr;
        throw;
    }
}

SqliteStore::~SqliteStore() { sqlite3_close(db_); }

void SqliteStore::exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errmsg(db_);
        sqlite3_free(err);
        throw Error(ErrorKind::storage, "database: " + msg);
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
                        "expected_birth_date, sex) VALUES (?1,?2,?3,?4,?5,?6,?7)"),
          update_child_(db,
                        "UPDATE children SET family_name=?3, given_name=?4, date_of_birth=?5, "
                        "expected_birth_date=?6, sex=?7 WHERE id=?1 AND (family_name IS NOT ?3 OR "
                        "given_name IS NOT ?4 OR date_of_birth IS NOT ?5 OR expected_birth_date IS NOT ?6 OR "
                        "sex IS NOT ?7)"),
          exists_id_(db, "SELECT 1 FROM events WHERE local_authority=?1 AND event_id=?2"),
          upsert_(db,
                  "INSERT INTO events (child, local_authority, date, event, status, details, agency, note, "
                  "event_id, content_hash) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10) "
                  "ON CONFLICT (local_authority, event_id) WHERE event_id IS NOT NULL DO UPDATE SET "
                  "child=excluded.child, date=excluded.date, event=excluded.event, status=excluded.status, "
                  "details=excluded.details, agency=excluded.agency, note=excluded.note, "
                  "content_hash=excluded.content_hash WHERE content_hash IS NOT excluded.content_hash OR "
                  "child IS NOT excluded.child"),
          insert_new_(db,
                      "INSERT INTO events (child, local_authority, date, event, status, details, agency, note, "
                      "event_id, content_hash) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)"),
          insert_plain_(db,
                        "INSERT INTO events (child, local_authority, date, event, status, details, agency, note, "
                        "event_id, content_hash) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,NULL,?9) "
                        "ON CONFLICT (child, content_hash) WHERE event_id IS NULL DO NOTHING") {
        if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) fail(db_, "starting an import");
        open_ = true;
        // Councils with children stored before this import. Events of any other council cannot
        // meet a stored event_id, so they are inserted without looking one up first.
        Statement councils(db_, "SELECT DISTINCT local_authority FROM children");
        while (councils.step()) stored_councils_.emplace_back(councils.text(0));
    }
    ~SqliteImportWriter() override {
        if (open_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
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
        const app::ChildKey child = w.child;
        const std::string_view council = w.local_authority;
        const core::Event& e = w.event;
        const auto type_name = vocabulary_.name(e.type);
        const auto hash = content_hash(e, type_name);
        const auto date = e.date.iso();
        if (!e.event_id.empty() && !has_stored_events(council)) {
            bind_common(insert_new_, child, council, date, type_name, e);
            insert_new_.bind(9, e.event_id);
            insert_new_.bind(10, hash);
            const int rc = sqlite3_step(insert_new_.get());
            insert_new_.reset();
            if (rc == SQLITE_DONE) {
                ++counts_.events_added;
                return;
            }
            if (rc != SQLITE_CONSTRAINT) fail(db_, "storing an event");
            // The same event_id earlier in this import: fall through and replace it.
        }
        if (!e.event_id.empty()) {
            exists_id_.bind(1, council);
            exists_id_.bind(2, e.event_id);
            const bool existed = exists_id_.step();
            exists_id_.reset();
            bind_common(upsert_, child, council, date, type_name, e);
            upsert_.bind(9, e.event_id);
            upsert_.bind(10, hash);
            upsert_.step();
            const bool changed = sqlite3_changes(db_) > 0;
            upsert_.reset();
            if (!existed) {
                ++counts_.events_added;
            } else if (changed) {
                ++counts_.events_replaced;
            } else {
                ++counts_.events_unchanged;
            }
        } else {
            bind_common(insert_plain_, child, council, date, type_name, e);
            insert_plain_.bind(9, hash);
            insert_plain_.step();
            if (sqlite3_changes(db_) > 0) {
                ++counts_.events_added;
            } else {
                ++counts_.events_unchanged;
            }
            insert_plain_.reset();
        }
    }

    app::WriteCounts commit() override {
        if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) fail(db_, "committing the import");
        open_ = false;
        return counts_;
    }

private:
    static constexpr std::size_t kRowsPerInsert = 64;
    static constexpr int kColumns = 10;

    bool is_new_row(const app::EventToWrite& w) { return !w.event.event_id.empty() && !has_stored_events(w.local_authority); }

    // Inserts rows that cannot meet a stored event in one statement. Returns false, having
    // written nothing, if one of them meets another of this import (the same event_id twice),
    // so that the caller goes row by row and replaces.
    bool insert_rows(std::span<const app::EventToWrite> rows) {
        auto& st = multi_insert(rows.size());
        std::vector<std::string> dates;
        dates.reserve(rows.size());
        int p = 1;
        for (const auto& w : rows) {
            const auto& e = w.event;
            const auto type_name = vocabulary_.name(e.type);
            dates.push_back(e.date.iso());
            st.bind(p++, w.child);
            st.bind(p++, w.local_authority);
            st.bind(p++, dates.back());
            st.bind(p++, type_name);
            st.bind(p++, core::to_string(e.status));
            st.bind(p++, e.details);
            st.bind(p++, e.agency);
            st.bind(p++, e.note);
            st.bind(p++, e.event_id);
            st.bind(p++, content_hash(e, type_name));
        }
        const int rc = sqlite3_step(st.get());
        st.reset();
        if (rc == SQLITE_DONE) {
            counts_.events_added += rows.size();
            return true;
        }
        if (rc != SQLITE_CONSTRAINT) fail(db_, "storing events");
        return false;
    }

    Statement& multi_insert(std::size_t rows) {
        auto& slot = multi_[rows];
        if (!slot) {
            std::string sql =
                "INSERT INTO events (child, local_authority, date, event, status, details, agency, note, event_id, "
                "content_hash) VALUES ";
            for (std::size_t r = 0; r < rows; ++r) {
                sql += r == 0 ? "(" : ",(";
                for (int c = 0; c < kColumns; ++c) sql += c == 0 ? "?" : ",?";
                sql += ")";
            }
            slot = std::make_unique<Statement>(db_, sql.c_str());
        }
        return *slot;
    }

    bool has_stored_events(std::string_view council) {
        if (council == last_council_) return last_council_stored_;
        last_council_ = council;
        last_council_stored_ = std::find(stored_councils_.begin(), stored_councils_.end(), council) != stored_councils_.end();
        return last_council_stored_;
    }

    static void bind_common(Statement& st, app::ChildKey child, std::string_view council, const std::string& date,
                            std::string_view type_name, const core::Event& e) {
        st.bind(1, child);
        st.bind(2, council);
        st.bind(3, date);
        st.bind(4, type_name);
        st.bind(5, core::to_string(e.status));
        st.bind(6, e.details);
        st.bind(7, e.agency);
        st.bind(8, e.note);
    }

    sqlite3* db_;
    const core::Vocabulary& vocabulary_;
    bool open_ = false;
    app::WriteCounts counts_;
    Statement find_child_, insert_child_, update_child_, exists_id_, upsert_, insert_new_, insert_plain_;
    std::vector<std::string> stored_councils_;
    std::map<std::size_t, std::unique_ptr<Statement>> multi_;
    std::string last_council_;
    bool last_council_stored_ = false;
};

}  // namespace

std::unique_ptr<app::ImportWriter> SqliteStore::begin_import() {
    return std::make_unique<SqliteImportWriter>(db_, vocabulary_);
}

void SqliteStore::for_each_journey(const app::JourneyFilter& filter, const app::JourneyVisitor& visit) {
    std::string where;
    if (filter.local_authority) where += " AND c.local_authority=?1";
    if (filter.child_id) where += " AND c.child_id=?2";
    const std::string child_sql =
        "SELECT c.id, c.local_authority, c.child_id, c.family_name, c.given_name, c.date_of_birth, "
        "c.expected_birth_date, c.sex FROM children c WHERE 1" +
        where + " ORDER BY c.local_authority, c.child_id";
    const std::string event_sql = std::string("SELECT e.date, e.event, e.status, e.details, e.id") +
                                  (filter.with_notes ? ", e.agency, e.note, e.event_id" : "") +
                                  " FROM events e WHERE e.child=?1 ORDER BY e.date, e.id";
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
                e.status = core::parse_event_status(events.text(2)).value_or(core::EventStatus::occurred);
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
