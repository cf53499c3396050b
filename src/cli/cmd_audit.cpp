// waymark audit verify, head and list: the hash-chained audit log (app/audit.hpp).
#include "app/audit.hpp"
#include "cli/commands.hpp"
#include "cli/environment.hpp"
#include "cli/options.hpp"
#include "core/error.hpp"

#include <memory>

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

// --- The command line: options, help and what to run (options.hpp) ---

void register_audit(Command& root) {
    auto group = root.subcommand("audit", "Check and read the audit log");
    group.require_subcommand();
    {
        struct State {
            AuditVerifyArgs args;
        };
        auto s = std::make_shared<State>();
        auto c = group.subcommand("verify", "Check the audit log's hash chain; name the first broken row");
        c.flag("--full", s->args.full,
               "check from the first row, and every checkpoint against its row (default: from the "
               "latest checkpoint)");
        c.option("--expect-head", s->args.expect_head,
                 "also check that this row, noted earlier from `audit head`, is still there with this hash")
            .type_name("ID:HASH");
        c.footer(
            with_global_help("When the chain is intact, records a checkpoint at its last row: the next check starts\n"
                             "there. Rows changed before the latest checkpoint show only with --full.\n"
                             "Exit code 4 when the chain is broken or the expected head is not there. Note the\n"
                             "head line it prints somewhere else: removing the newest rows shows only against it."));
        c.run([s](const Context& ctx) { return cmd_audit_verify(ctx, s->args); });
    }
    {
        auto c = group.subcommand("head", "Print the audit log's newest row id and hash, to keep outside Waymark");
        c.footer(
            with_global_help("Prints `audit head ID HASH TIME`. Kept elsewhere (a ticket, a printed record, a SIEM),\n"
                             "`audit verify --expect-head ID:HASH` later shows the newest rows removed or the log\n"
                             "rewritten."));
        c.run([](const Context& ctx) { return cmd_audit_head(ctx); });
    }
    {
        struct State {
            AuditListArgs args;
        };
        auto s = std::make_shared<State>();
        auto c = group.subcommand("list", "List the audit log, newest first (tab-separated)");
        c.option("--local-authority", s->args.local_authority, "only this council's entries").type_name("CODE");
        c.option("--actor", s->args.actor, "only this user's entries").type_name("NAME");
        c.option("--action", s->args.action, "only this action (e.g. view_chronology)").type_name("ACTION");
        c.option("--child", s->args.child, "only entries about this child id").type_name("ID");
        c.option("--from", s->args.from, "entries on or after this day").type_name("DATE");
        c.option("--to", s->args.to, "entries on or before this day").type_name("DATE");
        c.option("--limit", s->args.limit, "at most this many (0: all; default 100)").type_name("N");
        c.footer(with_global_help("Columns: id, time (UTC), actor, action, council, child, origin, detail."));
        c.run([s](const Context& ctx) { return cmd_audit_list(ctx, s->args); });
    }
}

}  // namespace waymark::cli
