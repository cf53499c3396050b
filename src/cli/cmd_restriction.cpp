// waymark restriction lift|list: restricted records (app/restriction.hpp), by case reference.
#include "app/restriction.hpp"
#include "cli/commands.hpp"
#include "cli/environment.hpp"
#include "cli/options.hpp"
#include "core/error.hpp"

#include <memory>

namespace waymark::cli {

using core::Error;
using core::ErrorKind;

int cmd_restriction_lift(const Context& ctx, const RestrictionLiftArgs& args) {
    const auto standards = ctx.standards();
    const auto database = ctx.open_database(standards.vocabulary);
    app::Database& store = *database;
    // The decision is an administrator's of the child's council: the operator records it for them.
    const auto user = store.find_user(args.by);
    if (!user || user->role != app::Role::administrator || user->local_authority != args.local_authority ||
        user->disabled != 0) {
        throw Error(ErrorKind::invalid_input, "--by: " + args.by + " is not an administrator of " +
                                                  args.local_authority +
                                                  " (only an administrator's decision lifts a restriction)");
    }
    const app::Actor admin{*user, ctx.viewer.at, ctx.viewer.origin + ", as " + ctx.viewer.actor};
    app::lift_restriction(store, admin, args.child, args.reason);
    ctx.out << "lifted the restriction of " << args.child << " (" << args.local_authority << ")\n";
    return 0;
}

int cmd_restriction_list(const Context& ctx, const RestrictionListArgs& args) {
    const auto standards = ctx.standards();
    const auto database = ctx.open_database(standards.vocabulary);
    app::Database& store = *database;
    Records records{{"child_id", "state", "event", "event_date", "lifted_by", "reason"},
                    {"Child", "State", "Restricted by", "On", "Last lifted by", "Reason"},
                    {}};
    for (auto& r : store.restrictions(args.local_authority)) {
        records.rows.push_back({std::move(r.child_id), r.restricted ? "restricted" : "lifted", std::move(r.event),
                                r.event_date.iso(), std::move(r.lifted_by), std::move(r.reason)});
    }
    print_records(ctx.out, args.format, records, "No restricted records in " + args.local_authority + ".");
    return 0;
}

// --- The command line: options, help and what to run (options.hpp) ---

void register_restriction(Command& root) {
    auto group = root.subcommand("restriction", "Restricted records: lift one, or list them");
    group.require_subcommand();
    {
        struct State {
            RestrictionLiftArgs args;
        };
        auto s = std::make_shared<State>();
        auto c = group.subcommand("lift", "Lift a child's restriction: an administrator's decision, audited");
        c.option("child", s->args.child, "the child's id").required().type_name("CHILD");
        c.option("--local-authority", s->args.local_authority, "the child's council").required().type_name("CODE");
        c.option("--reason", s->args.reason, "why the record need not be restricted").required().type_name("TEXT");
        c.option("--by", s->args.by, "the administrator of the council whose\ndecision it is")
            .required()
            .type_name("NAME");
        c.footer(
            with_global_help("A child is restricted once an adoption plan starts (docs/web.md \"Restricted\n"
                             "records\") and stays so until lifted. The lift is recorded with its reason and\n"
                             "audited (lift_restriction); a new restricting event restricts the child again."));
        c.run([s](const Context& ctx) { return cmd_restriction_lift(ctx, s->args); });
    }
    {
        auto s = std::make_shared<Parsed<RestrictionListArgs>>();
        auto c = group.subcommand("list", "List a council's restricted records, by case reference");
        c.option("--local-authority", s->args.local_authority, "the council").required().type_name("CODE");
        add_format(c, s->format);
        c.footer(
            with_global_help("Columns: child_id, state (restricted or lifted), event and event_date (what\n"
                             "restricted the child), lifted_by and reason (the latest lift). No names."));
        run_with_format(c, s, cmd_restriction_list);
    }
}

}  // namespace waymark::cli
