// waymark audit verify, head and list: the hash-chained audit log (app/audit.hpp).
#include "app/audit.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"

namespace waymark::cli {

using core::Error;
using core::ErrorKind;

int cmd_audit_verify(const Context& ctx, const AuditVerifyArgs& args) {
    std::optional<app::ExpectedHead> expected;
    if (args.expect_head) {
        expected = app::parse_expected_head(*args.expect_head);
        if (!expected) {
            throw Error(ErrorKind::usage, "--expect-head '" + *args.expect_head +
                                              "' must be ID:HASH, a row id and its 64-hex-digit hash as `waymark "
                                              "audit head` prints them");
        }
    }
    const auto standards = ctx.standards();
    const auto database = ctx.open_database(standards.vocabulary);
    app::Database& store = *database;
    const auto v = app::verify_audit_chain(
        store, args.full ? app::AuditCheckFrom::first_row : app::AuditCheckFrom::latest_checkpoint);
    const std::string from = v.from ? "checkpoint " + std::to_string(v.from->id) + " (row " +
                                          std::to_string(v.from->audit_id) + ", recorded " + v.from->at + " by " +
                                          v.from->actor + ")"
                                    : std::string("the first row");
    if (!v.intact) {
        if (v.broken_row) {
            const auto& r = *v.broken_row;
            ctx.out << "row " << r.id << ": " << r.entry.at << " " << r.entry.actor << " " << r.entry.action << " "
                    << r.entry.local_authority << " " << r.entry.child_id << "\n";
        }
        throw Error(ErrorKind::storage, "the audit log's chain is broken at row " + std::to_string(*v.first_broken) +
                                            " (" + std::to_string(v.rows) + (v.rows == 1 ? " row" : " rows") +
                                            " checked from " + from + "): " + v.problem);
    }
    ctx.out << "The audit log's chain is intact: " << v.rows << (v.rows == 1 ? " row" : " rows") << " checked from "
            << from;
    if (args.full) {
        ctx.out << ", " << v.checkpoints_checked
                << (v.checkpoints_checked == 1 ? " checkpoint matches its row" : " checkpoints match their rows");
    }
    ctx.out << ", last hash " << v.head << "\n";
    if (expected) {
        if (std::string problem = app::check_audit_head(store, *expected); !problem.empty()) {
            throw Error(ErrorKind::storage, problem);
        }
        ctx.out << "The head noted, row " << expected->id << ", is still there with the hash noted.\n";
    }
    if (v.head_id > 0) {
        if (const auto row = store.audit_row(v.head_id)) {
            ctx.out << app::audit_head_line(app::AuditHead{row->id, row->hash, row->entry.at}) << "\n";
        }
    }
    if (const auto c = app::record_audit_checkpoint(store, v, ctx.viewer.at, ctx.viewer.actor, ctx.viewer.origin, 1)) {
        ctx.out << "Recorded checkpoint " << c->id << " at row " << c->audit_id
                << ": the next check starts there (--full still checks every row).\n";
    }
    return 0;
}

int cmd_audit_head(const Context& ctx) {
    const auto standards = ctx.standards();
    const auto database = ctx.open_database(standards.vocabulary);
    app::Database& store = *database;
    const auto head = store.audit_head();
    if (!head) {
        ctx.out << "The audit log is empty: there is no head to note yet.\n";
        return 0;
    }
    ctx.out << app::audit_head_line(head) << "\n";
    return 0;
}

int cmd_audit_list(const Context& ctx, const AuditListArgs& args) {
    for (const auto* date : {&args.from, &args.to}) {
        if (*date && !core::Date::try_parse(**date)) {
            throw Error(ErrorKind::usage, "'" + **date + "' is not a date (expected YYYY-MM-DD)");
        }
    }
    const auto standards = ctx.standards();
    const auto database = ctx.open_database(standards.vocabulary);
    app::Database& store = *database;
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
