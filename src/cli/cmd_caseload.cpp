// waymark team add|list, waymark allocate and waymark allocations list: teams, and who holds each child's case.
#include "app/allocation_list.hpp"
#include "app/caseload.hpp"
#include "cli/commands.hpp"
#include "cli/environment.hpp"
#include "cli/options.hpp"
#include "core/error.hpp"

#include <memory>

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

// --- The command line: options, help and what to run (options.hpp) ---

void register_team(Command& root) {
    auto group = root.subcommand("team", "Manage a council's teams");
    group.require_subcommand();
    {
        struct State {
            TeamAddArgs args;
        };
        auto s = std::make_shared<State>();
        auto c = group.subcommand("add", "Add a team to a council");
        c.option("name", s->args.name, "the team's name").required().type_name("NAME");
        c.option("--local-authority", s->args.local_authority, "the team's council").required().type_name("CODE");
        c.footer(with_global_help("Users join a team with waymark user add --team NAME."));
        c.run([s](const Context& ctx) { return cmd_team_add(ctx, s->args); });
    }
    {
        auto s = std::make_shared<Parsed<TeamListArgs>>();
        auto c = group.subcommand("list", "List teams");
        c.option("--local-authority", s->args.local_authority, "one council's teams").type_name("CODE");
        add_format(c, s->format);
        c.footer(with_global_help(""));
        run_with_format(c, s, cmd_team_list);
    }
}

void register_allocate(Command& root) {
    auto args = std::make_shared<AllocateArgs>();
    auto c = root.subcommand("allocate", "Allocate a child to a worker (or many, from a CSV file)");
    c.option("child", args->child, "the child's id").type_name("CHILD");
    c.option("--local-authority", args->local_authority, "the child's council").type_name("CODE");
    c.option("--worker", args->worker, "the allocated social worker (or team manager)").type_name("NAME");
    c.option("--reviewing-officer", args->reviewing_officer, "the reviewing officer").type_name("NAME");
    c.option("--legal", args->legal, "the legal worker").type_name("NAME");
    c.option("--from", args->from, "allocations.csv: child_id, local_authority,\nworker, reviewing_officer, legal")
        .type_name("FILE");
    c.footer(
        with_global_help("Names are user names (waymark user add) of the child's council: the worker a\n"
                         "social worker or team manager, the others a reviewing officer and a legal user.\n"
                         "Names not given stay as they are; \"\" takes one off. With --from, every row is\n"
                         "checked first and nothing is stored if any is wrong. Each change is audited."));
    c.run([args](const Context& ctx) { return cmd_allocate(ctx, *args); });
}

void register_allocations(Command& root) {
    auto group = root.subcommand("allocations", "Read a council's allocations");
    group.require_subcommand();
    {
        auto s = std::make_shared<Parsed<AllocationsListArgs>>();
        auto c = group.subcommand("list", "List who is allocated to each child: worker, reviewing officer, legal");
        c.option("--local-authority", s->args.local_authority, "the council").required().type_name("CODE");
        c.option("--team", s->args.team, "only the children whose allocated worker\nis of this team").type_name("TEAM");
        c.option("--worker", s->args.worker, "only the rows naming this user (in any\nrole)").type_name("NAME");
        add_format(c, s->format);
        c.footer(
            with_global_help("Columns: child_id, role (worker, reviewing_officer, legal), worker (the user\n"
                             "named), team (that user's team), since (when the child's allocation was last\n"
                             "set, UTC). One row for each person named for each child, by child."));
        run_with_format(c, s, cmd_allocations_list);
    }
}

}  // namespace waymark::cli
