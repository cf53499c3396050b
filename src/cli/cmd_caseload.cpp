// waymark team add|list and waymark allocate: teams, and who holds each child's case.
#include "app/caseload.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace waymark::cli {

using core::Error;
using core::ErrorKind;

int cmd_team_add(const Context& ctx, const TeamAddArgs& args) {
    const auto standards = ctx.standards();
    store::SqliteStore store(ctx.db_path, standards.vocabulary);
    const auto team = app::add_team(store.caseload(), args.local_authority, args.name, ctx.now);
    ctx.out << "added team " << team.name << " (" << team.local_authority << ")\n";
    return 0;
}

int cmd_team_list(const Context& ctx, const TeamListArgs& args) {
    const auto standards = ctx.standards();
    store::SqliteStore store(ctx.db_path, standards.vocabulary);
    const auto teams = store.caseload().teams(args.local_authority);
    if (args.format == Format::csv) {
        std::string out = "local_authority,team\n";
        for (const auto& t : teams) csv_row(out, {t.local_authority, t.name});
        ctx.out << out;
    } else if (args.format == Format::json) {
        ctx.out << "[";
        for (std::size_t i = 0; i < teams.size(); ++i) {
            ctx.out << (i == 0 ? "" : ",") << "{\"local_authority\":" << json_string(teams[i].local_authority)
                    << ",\"team\":" << json_string(teams[i].name) << "}";
        }
        ctx.out << "]\n";
    } else if (teams.empty()) {
        ctx.out << "No teams" << (args.local_authority ? " in " + *args.local_authority : std::string())
                << " (waymark team add).\n";
    } else {
        Table table({"Council", "Team"});
        for (const auto& t : teams) table.add({t.local_authority, t.name});
        table.print(ctx.out);
    }
    return 0;
}

namespace {

void report(const Context& ctx, const app::AllocationCounts& counts) {
    ctx.out << counts.allocated << (counts.allocated == 1 ? " allocation" : " allocations") << " stored, "
            << counts.unchanged << " unchanged\n";
}

}  // namespace

int cmd_allocate(const Context& ctx, const AllocateArgs& args) {
    const auto standards = ctx.standards();
    store::SqliteStore store(ctx.db_path, standards.vocabulary);
    if (args.from) {
        if (args.child || args.local_authority || args.worker || args.reviewing_officer || args.legal) {
            throw Error(ErrorKind::usage, "--from takes the allocations from the file: give no CHILD or names");
        }
        report(ctx, app::import_allocations(store, *args.from, ctx.viewer));
        return 0;
    }
    if (!args.child) throw Error(ErrorKind::usage, "give CHILD (or --from allocations.csv)");
    if (!args.local_authority) throw Error(ErrorKind::usage, "give --local-authority, the child's council");
    // Names not given stay as they are; "" takes one off.
    app::AllocationRequest r{*args.local_authority, *args.child, {}, {}, {}};
    if (const auto current = store.caseload().allocation(r.local_authority, r.child_id)) {
        r.worker = current->worker;
        r.reviewing_officer = current->reviewing_officer;
        r.legal = current->legal;
    }
    if (args.worker) r.worker = *args.worker;
    if (args.reviewing_officer) r.reviewing_officer = *args.reviewing_officer;
    if (args.legal) r.legal = *args.legal;
    report(ctx, app::allocate(store, std::span<const app::AllocationRequest>(&r, 1), ctx.viewer));
    return 0;
}

}  // namespace waymark::cli
