// waymark user add|passwd|approve, waymark token create|list|revoke: the web application's users
// and API tokens.
#include "app/admin.hpp"
#include "app/auth.hpp"
#include "app/caseload.hpp"
#include "app/password.hpp"
#include "cli/commands.hpp"
#include "cli/environment.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "core/error.hpp"
#include "web/routes/handlers.hpp"

#include <iostream>
#include <istream>
#include <memory>

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

// --- The command line: options, help and what to run (options.hpp) ---

void register_user(Command& root) {
    auto group = root.subcommand("user", "Manage the web application's users");
    group.require_subcommand();
    {
        struct State {
            UserAddArgs args;
        };
        auto s = std::make_shared<State>();
        auto c = group.subcommand("add", "Add a user (the password is read from standard input)");
        c.option("name", s->args.name, "the user name they sign in with").required().type_name("NAME");
        c.option("--role", s->args.role,
                 "social_worker, team_manager,\nreviewing_officer, legal,\nimprovement_advisor, "
                 "administrator or\nnational_analyst")
            .required()
            .type_name("ROLE");
        c.option("--local-authority", s->args.local_authority, "the user's council").required().type_name("CODE");
        c.option("--team", s->args.team, "the user's team").type_name("TEAM");
        c.option("--display-name", s->args.display_name,
                 "the name people know them by (\"Alex\nMorgan\"), shown instead of the user name")
            .type_name("TEXT");
        c.flag("--password-stdin", s->args.password_stdin,
               "read the password (12 characters or\nmore) from the first line of standard input");
        c.flag("--must-change", s->args.must_change,
               "a one-time password: the user must change\nit at first sign-in, within 7 days");
        c.footer(with_global_help("Passwords are stored as Argon2id hashes."));
        c.run([s](const Context& ctx) { return cmd_user_add(ctx, s->args, std::cin); });
    }
    {
        struct State {
            UserPasswdArgs args;
        };
        auto s = std::make_shared<State>();
        auto c = group.subcommand("passwd", "Set a user's password (read from standard input); their sessions end");
        c.option("name", s->args.name, "the user").required().type_name("NAME");
        c.flag("--password-stdin", s->args.password_stdin,
               "read the password (12 characters or\nmore) from the first line of standard input");
        c.flag("--must-change", s->args.must_change,
               "a one-time password: the user must change\nit at first sign-in, within 7 days");
        c.footer(
            with_global_help("For the operator: recovering the first administrator, or any user. Any sign-in\n"
                             "delay is cleared and their API tokens are revoked; the change is audited\n"
                             "(set_password). Administrators reset their council's users' passwords on\n"
                             "/admin/users."));
        c.run([s](const Context& ctx) { return cmd_user_passwd(ctx, s->args, std::cin); });
    }
    {
        struct State {
            std::string name;
        };
        auto s = std::make_shared<State>();
        auto c = group.subcommand(
            "approve", "Approve a user an administrator added, or whose password they reset, on /admin/users");
        c.option("name", s->name, "the user").required().type_name("NAME");
        c.footer(
            with_global_help("For a council with one administrator: a user who sees named children, or an\n"
                             "administrator, added or reset on /admin/users cannot sign in until a second\n"
                             "administrator approves, or the operator here. Audited (approve_user)."));
        c.run([s](const Context& ctx) { return cmd_user_approve(ctx, s->name); });
    }
    {
        struct State {
            std::string name;
            std::string text;
        };
        auto s = std::make_shared<State>();
        auto c = group.subcommand("display-name",
                                  "Set the name a user is shown by (\"Alex Morgan\"); an empty TEXT clears it");
        c.option("name", s->name, "the user").required().type_name("NAME");
        c.option("text", s->text, "the display name (\"\" for none)").required().type_name("TEXT");
        c.footer(
            with_global_help("Shown in the web application's header and lists of staff instead of the user\n"
                             "name. Administrators set it on /admin/users. Audited (change_user)."));
        c.run([s](const Context& ctx) { return cmd_user_display_name(ctx, s->name, s->text); });
    }
}

void register_token(Command& root) {
    auto group = root.subcommand("token", "Manage API tokens");
    group.require_subcommand();
    {
        struct State {
            TokenCreateArgs args;
        };
        auto s = std::make_shared<State>();
        auto c = group.subcommand("create", "Issue an API token for a user (printed last)");
        c.option("--user", s->args.user, "the user the token acts as").required().type_name("NAME");
        c.option("--expires", s->args.days, "days it works, 1 to 366 (default 90)").type_name("DAYS");
        c.footer(
            with_global_help("Only the token's hash is stored: copy it now. A token ends when it expires, is\n"
                             "revoked, or its user's password is changed or reset or access removed."));
        c.run([s](const Context& ctx) { return cmd_token_create(ctx, s->args); });
    }
    {
        struct State {
            TokenListArgs args;  // a table: token list has no --format
        };
        auto s = std::make_shared<State>();
        auto c = group.subcommand("list", "List API tokens: id, user, created, expires, last used (never the token)");
        c.option("--user", s->args.user, "only this user's tokens").type_name("NAME");
        c.footer(with_global_help("Revoke one with waymark token revoke ID."));
        c.run([s](const Context& ctx) { return cmd_token_list(ctx, s->args); });
    }
    {
        struct State {
            std::int64_t id = 0;
        };
        auto s = std::make_shared<State>();
        auto c = group.subcommand("revoke", "Revoke an API token at once (audited)");
        c.option("id", s->id, "the token's id (waymark token list)").required().type_name("ID");
        c.footer(with_global_help("Find a token's id with waymark token list."));
        c.run([s](const Context& ctx) { return cmd_token_revoke(ctx, s->id); });
    }
}

}  // namespace waymark::cli
