// waymark user add|passwd|approve, waymark token create|list|revoke: the web application's users
// and API tokens.
#include "app/admin.hpp"
#include "app/auth.hpp"
#include "app/caseload.hpp"
#include "app/password.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "core/error.hpp"
#include "web/routes/handlers.hpp"

#include <istream>

namespace waymark::cli {

using core::Error;
using core::ErrorKind;

namespace {

// The first line of `in`. A password on the command line would be seen in the process list and
// the shell's history: only standard input.
std::string read_password(bool password_stdin, std::istream& in) {
    if (!password_stdin) throw Error(ErrorKind::usage, "give the password on standard input with --password-stdin");
    std::string password;
    std::getline(in, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    return password;
}

// "2027-01-15 08:00 UTC", as the users page shows times.
std::string utc_minute(std::int64_t unix_seconds) {
    const std::string iso = web::iso_utc(unix_seconds);
    return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

}  // namespace

int cmd_user_add(const Context& ctx, const UserAddArgs& args, std::istream& in) {
    const auto role = app::parse_role(args.role);
    if (!role) {
        std::string roles;
        for (app::Role r : app::kAllRoles) roles += (roles.empty() ? "" : ", ") + std::string(app::to_string(r));
        throw Error(ErrorKind::usage, "--role '" + args.role + "' is not a role (" + roles + ")");
    }
    if (const auto problem = app::display_name_problem(args.display_name)) {
        throw Error(ErrorKind::usage, "--display-name: " + *problem);
    }
    const std::string password = read_password(args.password_stdin, in);
    const auto standards = ctx.standards();
    const auto database = ctx.open_database(standards.vocabulary);
    app::Database& store = *database;
    app::check_team_exists(store.caseload(), args.local_authority, args.team);
    const auto user = app::add_user(store, args.name, *role, args.local_authority, args.team, password, ctx.now,
                                    args.must_change, args.display_name);
    ctx.out << "added " << user.name << " (" << app::to_string(user.role) << ", " << user.local_authority
            << (user.team.empty() ? "" : ", team " + user.team) << ")"
            << (args.must_change ? "; they must change the password at first sign-in, within 7 days" : "") << "\n";
    return 0;
}

int cmd_user_passwd(const Context& ctx, const UserPasswdArgs& args, std::istream& in) {
    const std::string password = read_password(args.password_stdin, in);
    const auto standards = ctx.standards();
    const auto database = ctx.open_database(standards.vocabulary);
    app::Database& store = *database;
    const auto user = app::set_password(store, ctx.viewer, args.name, password, args.must_change, ctx.now);
    ctx.out << "password set for " << user.name << "; their sessions ended"
            << (args.must_change ? "; they must change it at first sign-in, within 7 days" : "") << "\n";
    return 0;
}

int cmd_user_approve(const Context& ctx, const std::string& name) {
    const auto standards = ctx.standards();
    const auto database = ctx.open_database(standards.vocabulary);
    app::Database& store = *database;
    const auto user = app::approve_user(store, ctx.viewer, name, ctx.now);
    ctx.out << "approved " << user.name << "; they can sign in now"
            << (app::must_change_password(user) ? ", and must change the one-time password within 7 days" : "") << "\n";
    return 0;
}

int cmd_user_display_name(const Context& ctx, const std::string& name, const std::string& display_name) {
    const auto standards = ctx.standards();
    const auto database = ctx.open_database(standards.vocabulary);
    app::Database& store = *database;
    const auto user = app::set_display_name(store, ctx.viewer, name, display_name);
    if (user.display_name.empty()) {
        ctx.out << user.name << " has no display name now; they are shown by their user name\n";
    } else {
        ctx.out << user.name << " is shown as " << user.display_name << "\n";
    }
    return 0;
}

int cmd_token_create(const Context& ctx, const TokenCreateArgs& args) {
    const auto standards = ctx.standards();
    const auto database = ctx.open_database(standards.vocabulary);
    app::Database& store = *database;
    const std::string token = app::create_api_token(store, args.user, ctx.now, args.days);
    ctx.out << "API token for " << args.user << ", until " << utc_minute(ctx.now + args.days * 24 * 60 * 60)
            << " (shown once; only its hash is stored):\n"
            << token << "\n";
    return 0;
}

int cmd_token_list(const Context& ctx, const TokenListArgs& args) {
    const auto standards = ctx.standards();
    const auto database = ctx.open_database(standards.vocabulary);
    app::Database& store = *database;
    Records records{
        {"id", "user", "created", "expires", "last_used"}, {"Id", "User", "Created", "Expires", "Last used"}, {}};
    for (const auto& t : app::list_api_tokens(store, args.user)) {
        records.rows.push_back({std::to_string(t.id), t.user_name, utc_minute(t.created), utc_minute(t.expires),
                                t.last_used == 0 ? std::string("never") : utc_minute(t.last_used)});
    }
    print_records(
        ctx.out, args.format, records,
        "No API tokens" + (args.user.empty() ? std::string() : " of " + args.user) + " (waymark token create).");
    return 0;
}

int cmd_token_revoke(const Context& ctx, std::int64_t id) {
    const auto standards = ctx.standards();
    const auto database = ctx.open_database(standards.vocabulary);
    app::Database& store = *database;
    app::revoke_api_token(store, ctx.viewer, id);
    ctx.out << "revoked API token " << id << "\n";
    return 0;
}

}  // namespace waymark::cli
