#pragma once
// Events changed one at a time in SQLite (migration 0005_event_changes.sql): the EventStore
// part of SqliteStore, over the store's connection.
#include "app/store.hpp"

#include <span>

struct sqlite3;

namespace waymark::store {

class SqliteEvents final : public app::EventStore {
public:
    SqliteEvents(sqlite3* db, const core::Vocabulary& vocabulary) : db_(db), vocabulary_(vocabulary) {}

    std::optional<app::StoredChild> find_child(std::string_view local_authority, std::string_view child_id) override;
    std::optional<app::StoredEvent> find_event(std::string_view local_authority, std::string_view child_id,
                                               std::int64_t key) override;
    app::StoredEvent add_event(std::string_view local_authority, std::string_view child_id, const core::Event& event,
                               std::int64_t fingerprint, const app::EventChange& change,
                               const app::AuditEntry& audit) override;
    app::StoredEvent change_event(const app::StoredEvent& before, const core::Event& after,
                                  const app::EventChange& change, const app::AuditEntry& audit) override;
    std::vector<app::EventHistoryEntry> event_history(std::string_view local_authority, std::string_view child_id,
                                                      std::optional<std::int64_t> key) override;

private:
    sqlite3* db_;
    const core::Vocabulary& vocabulary_;
};

namespace sqlite {

// A stored event's status: one of the three DATA.md names (migration 0015 refuses any other).
// Any other, in a row written before that or past it, throws core::Error(storage) naming it,
// rather than being read as an event that occurred.
core::EventStatus stored_status(std::string_view text);

// The history entry of a change to event `key` (migration 0005) in the caller's transaction:
// the event as `stored` has it after the change, `before` as it was (none when recorded).
void write_event_change(sqlite3* db, std::int64_t key, const app::StoredEvent& stored, std::string_view type_name,
                        const core::Event* before, const app::EventChange& change);

}  // namespace sqlite

}  // namespace waymark::store
