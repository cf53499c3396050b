// waymark user add|passwd, waymark token create: the web application's users and API tokens.
#include "app/auth.hpp"
#include "app/caseload.hpp"
#include "app/password.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "store/sqlite/sqlite_store.hpp"

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

}  // namespace

int cmd_user_add(const Context& ctx, const UserAddArgs& args, std::istream& in) {
    const auto role = app::parse_role(args.role);
    if (!role) {
        std::string roles;
        for (app::Role r : app::kAllRoles) roles += (roles.empty() ? "" : ", ") + std::string(app::to_string(r));
        throw Error(ErrorKind::usage, "--role '" + args.role + "' is not a role (" + roles + ")");
    }
    const std::string password = read_password(args.password_stdin, in);
    const auto standards = ctx.standards();
    store::SqliteStore store(ctx.db_path, standards.vocabulary);
    app::check_team_exists(store.caseload(), args.local_authority, args.team);
    const auto user =
        app::add_user(store, args.name, *role, args.local_authority, args.team, password, ctx.now, args.must_change);
    ctx.out << "added " << user.name << " (" << app::to_string(user.role) << ", " << user.local_authority
            << (user.team.empty() ? "" : ", team " + user.team) << ")"
            << (args.must_change ? "; they must change the password at first sign-in, within 7 days" : "") << "\n";
    return 0;
}

int cmd_user_passwd(const Context& ctx, const UserPasswdArgs& args, std::istream& in) {
    const std::string password = read_password(args.password_stdin, in);
    const auto standards = ctx.standards();
    store::SqliteStore store(ctx.db_path, standards.vocabulary);
    const auto user = app::set_password(store, ctx.viewer, args.name, password, args.must_change, ctx.now);
    ctx.out << "password set for " << user.name << "; their sessions ended"
            << (args.must_change ? "; they must change it at first sign-in, within 7 days" : "") << "\n";
    return 0;
}

int cmd_token_create(const Context& ctx, const std::string& user) {
    const auto standards = ctx.standards();
    store::SqliteStore store(ctx.db_path, standards.vocabulary);
    const std::string token = app::create_api_token(store, user, ctx.now);
    ctx.out << "API token for " << user << " (shown once; only its hash is stored):\n" << token << "\n";
    return 0;
}

}  // namespace waymark::cli
