// waymark audit verify, waymark audit list: the hash-chained audit log (app/audit.hpp).
#include "app/audit.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace waymark::cli {

using core::Error;
using core::ErrorKind;

int cmd_audit_verify(const Context& ctx) {
    const auto standards = ctx.standards();
    store::SqliteStore store(ctx.db_path, standards.vocabulary);
    const auto v = app::verify_audit_chain(store);
    if (!v.intact) {
        const auto& r = *v.broken_row;
        ctx.out << "row " << r.id << ": " << r.entry.at << " " << r.entry.actor << " " << r.entry.action << " "
                << r.entry.local_authority << " " << r.entry.child_id << "\n";
        throw Error(ErrorKind::storage, "the audit log's chain is broken at row " + std::to_string(*v.first_broken) +
                                            " (of " + std::to_string(v.rows) + "): " + v.problem);
    }
    ctx.out << "The audit log's chain is intact: " << v.rows << (v.rows == 1 ? " row" : " rows") << ", last hash "
            << v.head << "\n";
    return 0;
}

int cmd_audit_list(const Context& ctx, const AuditListArgs& args) {
    for (const auto* date : {&args.from, &args.to}) {
        if (*date && !core::Date::try_parse(**date)) {
            throw Error(ErrorKind::usage, "'" + **date + "' is not a date (expected YYYY-MM-DD)");
        }
    }
    const auto standards = ctx.standards();
    store::SqliteStore store(ctx.db_path, standards.vocabulary);
    app::AuditQuery q;
    q.local_authority = args.local_authority;
    q.actor = args.actor;
    q.action = args.action;
    q.child_id = args.child;
    q.from = args.from;
    q.to = args.to;
    q.limit = args.limit;
    // Tab-separated, newest first: id, at, actor, action, council, child, origin, detail.
    for (const auto& r : store.find_audit(q)) {
        const auto& e = r.entry;
        ctx.out << r.id << "\t" << e.at << "\t" << e.actor << "\t" << e.action << "\t" << e.local_authority << "\t"
                << e.child_id << "\t" << e.origin << "\t" << e.detail << "\n";
    }
    return 0;
}

}  // namespace waymark::cli
