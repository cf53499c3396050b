// The SQLite store's events changed one at a time, with their history (app::EventStore).
#include "store/sqlite/events.hpp"

#include "store/sqlite/audit_chain.hpp"

#include "core/error.hpp"
#include "core/text.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/sqlite/statement.hpp"

#include <sqlite3.h>

namespace waymark::store {

using core::Error;
using core::ErrorKind;
using sqlite::Statement;

namespace {

constexpr const char* kEventColumns =
    "SELECT e.id, e.date, e.event, e.status, e.details, e.agency, e.note, coalesce(e.event_id, ''), "
    "c.local_authority, c.child_id FROM events e JOIN children c ON c.id = e.child ";

core::EventTypeId type_of(const core::Vocabulary& vocabulary, std::string_view name) {
    const auto type = vocabulary.find(name);
    if (!type) {
        throw Error(ErrorKind::storage, "stored event type '" + std::string(name) +
                                            "' is not in the vocabulary (was it declared by another standards file?)");
    }
    return *type;
}

// Reads a row of kEventColumns.
app::StoredEvent read_event(Statement& s, const core::Vocabulary& vocabulary) {
    app::StoredEvent out;
    out.key = s.integer(0);
    core::Event& e = out.event;
    e.date = s.date(1).value_or(core::Date{});
    e.type = type_of(vocabulary, s.text(2));
    e.status = sqlite::stored_status(s.text(3));
    e.details = s.text(4);
    e.agency = s.text(5);
    e.note = s.text(6);
    e.event_id = s.text(7);
    e.seq = out.key;
    out.local_authority = s.text(8);
    out.child_id = s.text(9);
    return out;
}

// The history entry of a change, with the audit entry, in the caller's transaction.
void write_change(sqlite3* db, std::int64_t key, const app::StoredEvent& stored, std::string_view type_name,
                  const core::Event* before, const app::EventChange& change, const app::AuditEntry& audit) {
    sqlite::write_event_change(db, key, stored, type_name, before, change);
    sqlite::append_audit(db, {&audit, 1});
}

}  // namespace

core::EventStatus sqlite::stored_status(std::string_view text) {
    if (text == "occurred") return core::EventStatus::occurred;
    if (text == "planned") return core::EventStatus::planned;
    if (text == "cancelled") return core::EventStatus::cancelled;
    throw Error(ErrorKind::storage,
                "stored event status '" + core::printable(text) + "' is not occurred, planned or cancelled (DATA.md)");
}

void sqlite::write_event_change(sqlite3* db, std::int64_t key, const app::StoredEvent& stored,
                                std::string_view type_name, const core::Event* before, const app::EventChange& change) {
    Statement s(db,
                "INSERT INTO event_changes (event, local_authority, child_id, action, at, actor, origin, reason, "
                "event_type, before_date, before_status, before_details, before_agency, before_note, after_date, "
                "after_status, after_details, after_agency, after_note) "
                "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19)");
    s.bind(1, key);
    s.bind(2, stored.local_authority);
    s.bind(3, stored.child_id);
    s.bind(4, change.action);
    s.bind(5, change.at);
    s.bind(6, change.actor);
    s.bind(7, change.origin);
    s.bind(8, change.reason);
    s.bind(9, type_name);
    const std::string before_date = before ? before->date.iso() : std::string();
    if (before) {
        s.bind(10, before_date);
        s.bind(11, core::to_string(before->status));
        s.bind(12, before->details);
        s.bind(13, before->agency);
        s.bind(14, before->note);
    } else {
        for (int i = 10; i <= 14; ++i) s.bind_null(i);
    }
    const core::Event& after = stored.event;
    const std::string after_date = after.date.iso();
    s.bind(15, after_date);
    s.bind(16, core::to_string(after.status));
    s.bind(17, after.details);
    s.bind(18, after.agency);
    s.bind(19, after.note);
    s.step();
}

std::optional<app::StoredChild> SqliteEvents::find_child(std::string_view local_authority, std::string_view child_id) {
    Statement s(db_, "SELECT id, date_of_birth FROM children WHERE local_authority=?1 AND child_id=?2");
    s.bind(1, local_authority);
    s.bind(2, child_id);
    if (!s.step()) return std::nullopt;
    return app::StoredChild{s.integer(0), std::string(local_authority), std::string(child_id), s.date(1)};
}

std::optional<app::StoredEvent> SqliteEvents::find_event(std::string_view local_authority, std::string_view child_id,
                                                         std::int64_t key) {
    Statement s(db_, (std::string(kEventColumns) + "WHERE e.id=?1 AND c.local_authority=?2 AND c.child_id=?3").c_str());
    s.bind(1, key);
    s.bind(2, local_authority);
    s.bind(3, child_id);
    if (!s.step()) return std::nullopt;
    return read_event(s, vocabulary_);
}

app::StoredEvent SqliteEvents::add_event(std::string_view local_authority, std::string_view child_id,
                                         const core::Event& event, std::int64_t fingerprint,
                                         const app::EventChange& change, const app::AuditEntry& audit) {
    app::StoredEvent stored{0, std::string(local_authority), std::string(child_id), event};
    const auto type_name = vocabulary_.name(event.type);
    sqlite::write_transaction(
        db_,
        [&] {
            const auto child = find_child(local_authority, child_id);
            if (!child) {
                throw Error(ErrorKind::not_found,
                            "no child " + std::string(child_id) + " of " + std::string(local_authority));
            }
            if (!event.event_id.empty()) {
                Statement taken(db_, "SELECT 1 FROM events WHERE local_authority=?1 AND event_id=?2");
                taken.bind(1, local_authority);
                taken.bind(2, event.event_id);
                if (taken.step()) {
                    throw Error(ErrorKind::conflict, "event_id " + event.event_id + " is already stored in " +
                                                         std::string(local_authority) +
                                                         " (correct that event instead)");
                }
            }
            Statement insert(db_,
                             "INSERT INTO events (child, local_authority, date, event, status, details, event_id, "
                             "content_hash, agency, note) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10) "
                             "ON CONFLICT (child, content_hash) WHERE event_id IS NULL DO NOTHING");
            const std::string date = event.date.iso();
            insert.bind(1, child->key);
            insert.bind(2, local_authority);
            insert.bind(3, date);
            insert.bind(4, type_name);
            insert.bind(5, core::to_string(event.status));
            insert.bind(6, event.details);
            if (event.event_id.empty()) {
                insert.bind_null(7);
            } else {
                insert.bind(7, event.event_id);
            }
            insert.bind(8, fingerprint);
            insert.bind(9, event.agency);
            insert.bind(10, event.note);
            insert.step();
            if (sqlite3_changes(db_) == 0) {
                throw Error(ErrorKind::conflict, "this event is already recorded for the child, exactly so");
            }
            stored.key = sqlite3_last_insert_rowid(db_);
            stored.event.seq = stored.key;
            Statement known(db_, "INSERT OR IGNORE INTO event_types (name) VALUES (?1)");
            known.bind(1, type_name);
            known.step();
            write_change(db_, stored.key, stored, type_name, nullptr, change, audit);
        },
        "recording an event");
    return stored;
}

app::StoredEvent SqliteEvents::change_event(const app::StoredEvent& before, const core::Event& after,
                                            const app::EventChange& change, const app::AuditEntry& audit) {
    app::StoredEvent stored = before;
    stored.event.date = after.date;
    stored.event.status = after.status;
    stored.event.details = after.details;
    stored.event.agency = after.agency;
    stored.event.note = after.note;
    sqlite::write_transaction(
        db_,
        [&] {
            // Changed only if it is still what the user saw: two people correcting one event at
            // once cannot both succeed, and neither loses the other's change unknowingly.
            Statement update(db_,
                             "UPDATE events SET date=?2, status=?3, details=?4, agency=?5, note=?6 WHERE id=?1 AND "
                             "date=?7 AND status=?8 AND details=?9 AND agency=?10 AND note=?11 AND "
                             "child=(SELECT id FROM children WHERE local_authority=?12 AND child_id=?13)");
            const std::string new_date = after.date.iso();
            const std::string old_date = before.event.date.iso();
            update.bind(1, before.key);
            update.bind(2, new_date);
            update.bind(3, core::to_string(after.status));
            update.bind(4, after.details);
            update.bind(5, after.agency);
            update.bind(6, after.note);
            update.bind(7, old_date);
            update.bind(8, core::to_string(before.event.status));
            update.bind(9, before.event.details);
            update.bind(10, before.event.agency);
            update.bind(11, before.event.note);
            update.bind(12, before.local_authority);
            update.bind(13, before.child_id);
            update.step();
            if (sqlite3_changes(db_) == 0) {
                throw Error(ErrorKind::conflict,
                            "the event was changed by someone else since it was read; look at it again");
            }
            write_change(db_, before.key, stored, vocabulary_.name(before.event.type), &before.event, change, audit);
        },
        "changing an event");
    return stored;
}

std::vector<app::EventHistoryEntry> SqliteEvents::event_history(std::string_view local_authority,
                                                                std::string_view child_id,
                                                                std::optional<std::int64_t> key) {
    Statement s(db_,
                "SELECT event, action, at, actor, origin, reason, event_type, before_date, before_status, "
                "before_details, before_agency, before_note, after_date, after_status, after_details, after_agency, "
                "after_note FROM event_changes WHERE local_authority=?1 AND child_id=?2 AND (?3 IS NULL OR event=?3) "
                "ORDER BY id");
    s.bind(1, local_authority);
    s.bind(2, child_id);
    if (key) {
        s.bind(3, *key);
    } else {
        s.bind_null(3);
    }
    std::vector<app::EventHistoryEntry> out;
    while (s.step()) {
        app::EventHistoryEntry h;
        h.event_key = s.integer(0);
        h.change = {std::string(s.text(1)), std::string(s.text(2)), std::string(s.text(3)), std::string(s.text(4)),
                    std::string(s.text(5))};
        const auto type = type_of(vocabulary_, s.text(6));
        auto read = [&](int col) {
            core::Event e;
            e.type = type;
            e.date = s.date(col).value_or(core::Date{});
            e.status = sqlite::stored_status(s.text(col + 1));
            e.details = s.text(col + 2);
            e.agency = s.text(col + 3);
            e.note = s.text(col + 4);
            e.seq = h.event_key;
            return e;
        };
        if (!s.is_null(7)) h.before = read(7);
        h.after = read(12);
        out.push_back(std::move(h));
    }
    return out;
}

}  // namespace waymark::store

namespace waymark::store {

app::EventStore& SqliteStore::events() {
    return *events_;
}

}  // namespace waymark::store
