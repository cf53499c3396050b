// waymark team add|list, waymark allocate and waymark allocations list: teams, and who holds each child's case.
#include "app/allocation_list.hpp"
#include "app/caseload.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"

namespace waymark::cli {

using core::Error;
using core::ErrorKind;

int cmd_team_add(const Context& ctx, const TeamAddArgs& args) {
    const auto standards = ctx.standards();
    const auto database = ctx.open_database(standards.vocabulary);
    app::Database& store = *database;
    const auto team = app::add_team(store.caseload(), args.local_authority, args.name, ctx.now);
    ctx.out << "added team " << team.name << " (" << team.local_authority << ")\n";
    return 0;
}

int cmd_team_list(const Context& ctx, const TeamListArgs& args) {
    const auto standards = ctx.standards();
    const auto database = ctx.open_database(standards.vocabulary);
    app::Database& store = *database;
    Records records{{"local_authority", "team"}, {"Council", "Team"}, {}};
    for (const auto& t : store.caseload().teams(args.local_authority))
        records.rows.push_back({t.local_authority, t.name});
    print_records(
        ctx.out, args.format, records,
        "No teams" + (args.local_authority ? " in " + *args.local_authority : std::string()) + " (waymark team add).");
    return 0;
}

int cmd_allocations_list(const Context& ctx, const AllocationsListArgs& args) {
    const auto standards = ctx.standards();
    const auto database = ctx.open_database(standards.vocabulary);
    app::Database& store = *database;
    Records records{{"child_id", "role", "worker", "team", "since"}, {"Child", "Role", "Worker", "Team", "Since"}, {}};
    for (auto& r : app::allocation_rows(store.caseload(), args.local_authority, {args.team, args.worker})) {
        records.rows.push_back(
            {std::move(r.child_id), std::move(r.role), std::move(r.name), std::move(r.team), std::move(r.since)});
    }
    print_records(ctx.out, args.format, records,
                  "No allocations in " + args.local_authority + (args.team || args.worker ? " that match" : "") +
                      " (waymark allocate).");
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
    const auto database = ctx.open_database(standards.vocabulary);
    app::Database& store = *database;
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
