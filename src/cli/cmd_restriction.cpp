// waymark restriction lift|list: restricted records (app/restriction.hpp), by case reference.
#include "app/restriction.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"

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

}  // namespace waymark::cli
