// The SQLite store's import writer: one write transaction an import, children and events
// written in few statements, replaced events kept in their history, refusals checked in the
// transaction.
#include "store/sqlite/sqlite_store.hpp"

#include "core/error.hpp"
#include "store/sqlite/audit_chain.hpp"
#include "store/sqlite/events.hpp"
#include "store/sqlite/statement.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <memory>
#include <string_view>

namespace waymark::store {

using sqlite::fail;
using sqlite::Statement;

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

std::unique_ptr<app::ImportWriter> SqliteStore::begin_import() {
    return std::make_unique<SqliteImportWriter>(db_, vocabulary_);
}

}  // namespace waymark::store
