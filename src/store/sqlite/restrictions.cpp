// Restricted records (migration 0011): the triggers there restrict a child in the transaction
// of the write that stores a restricting event; this file reads them and lifts them.
#include "store/sqlite/audit_chain.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/sqlite/statement.hpp"

#include <sqlite3.h>

namespace waymark::store {

using sqlite::Statement;

std::vector<app::Restriction> SqliteStore::restrictions(std::string_view local_authority) {
    Statement s(db_,
                "SELECT c.local_authority, c.child_id, r.restricted, e.event, e.date, l.at, l.actor, l.reason "
                "FROM restrictions r JOIN children c ON c.id = r.child JOIN events e ON e.id = r.event "
                "LEFT JOIN restriction_lifts l ON l.id = (SELECT max(id) FROM restriction_lifts WHERE child = r.child) "
                "WHERE c.local_authority = ?1 ORDER BY c.child_id");
    s.bind(1, local_authority);
    std::vector<app::Restriction> out;
    while (s.step()) {
        app::Restriction r;
        r.local_authority = s.text(0);
        r.child_id = s.text(1);
        r.restricted = s.integer(2) != 0;
        r.event = s.text(3);
        r.event_date = s.date(4).value_or(core::Date{});
        r.lifted_at = s.text(5);
        r.lifted_by = s.text(6);
        r.reason = s.text(7);
        out.push_back(std::move(r));
    }
    return out;
}

bool SqliteStore::lift_restriction(std::string_view local_authority, std::string_view child_id,
                                   const app::RestrictionLift& lift, const app::AuditEntry& audit) {
    bool lifted = false;
    sqlite::write_transaction(
        db_,
        [&] {
            Statement find(db_,
                           "SELECT r.child, r.event FROM restrictions r JOIN children c ON c.id = r.child "
                           "WHERE c.local_authority = ?1 AND c.child_id = ?2 AND r.restricted = 1");
            find.bind(1, local_authority);
            find.bind(2, child_id);
            if (!find.step()) return;
            const auto child = find.integer(0);
            const auto event = find.integer(1);
            Statement record(db_,
                             "INSERT INTO restriction_lifts (child, event, at, actor, origin, reason) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
            record.bind(1, child);
            record.bind(2, event);
            record.bind(3, lift.at);
            record.bind(4, lift.actor);
            record.bind(5, lift.origin);
            record.bind(6, lift.reason);
            record.step();
            Statement clear(db_, "UPDATE restrictions SET restricted = 0 WHERE child = ?1");
            clear.bind(1, child);
            clear.step();
            append_audit(std::span(&audit, 1));
            lifted = true;
        },
        "lifting a restriction");
    return lifted;
}

}  // namespace waymark::store
