#pragma once
// Administration use cases (issue 5): who may administer and import, and the changes a council
// administrator makes to the users of their own council. Each change is one transaction with
// its audit entry (add_user, disable_user, unlock_user). Nothing here reads the clock.
#include "app/auth.hpp"
#include "app/reports.hpp"
#include "app/store.hpp"
#include "core/error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::app {

class CaseloadStore;  // app/caseload.hpp
struct Team;          // app/caseload.hpp

// The administration pages (users, teams, standards, audit log): council administrators only.
bool may_administer(Role role) noexcept;
// Importing DATA.md files adds and changes the records of any child of the council, so it is
// for the roles that answer for the whole council's records: team managers, who see every
// child of their council, and administrators, who load the data. Social workers, reviewing
// officers and legal record on their own children's pages; the aggregate roles never write.
bool may_import(Role role) noexcept;

// Who makes a change, for its audit entry.
struct Actor {
    User user;
    std::string at;      // UTC, ISO 8601
    std::string origin;  // "web ADDRESS"
};

// A problem with one field of a form: the field's name (the input's id) and what is wrong.
struct FieldProblem {
    std::string field;
    std::string message;
};
// invalid_input naming each field that is wrong, so a page can link each message to its field.
class FormError : public core::Error {
public:
    explicit FormError(std::vector<FieldProblem> problems);
    [[nodiscard]] const std::vector<FieldProblem>& problems() const noexcept { return problems_; }

private:
    std::vector<FieldProblem> problems_;
};

struct NewUser {
    std::string name;
    std::string role;  // a role id
    std::string team;
    std::string password;      // empty: one is generated and returned once
    std::string display_name;  // empty: none (the user name is shown)
};
struct AddedUser {
    User user;
    std::string generated_password;  // empty when the administrator set it
    bool pending = false;            // waits for another administrator's approval
};

// Adds a user to the administrator's own council, with a one-time password (whether generated
// or set, the administrator knows it: the user must change it at first sign-in, within
// kOneTimePasswordLifetime). A role that needs_approval waits for a second administrator
// (admin_approve_user) before the user can sign in: the administrator knows the password, and
// an administrator never sees a named child. Throws FormError (fields name, role, team,
// password, display_name) for a missing or malformed name, a display_name_problem, an unknown role or national_analyst
// (a role across councils, added by the service with `waymark user add`), a team not among `teams` (the council's
// teams, council_teams), a password under 12 characters, or a name already taken; Error(forbidden) if `admin` is not an
// administrator.
AddedUser admin_add_user(UserAccounts& store, const Actor& admin, const NewUser& form,
                         const std::vector<std::string>& teams, std::int64_t now);
// Takes a user's access away at once (their sessions and API tokens end). Error(not_found)
// unless the user is of the administrator's council; Error(invalid_input) for oneself or a user
// already disabled.
void admin_disable_user(UserAccounts& store, const Actor& admin, std::int64_t user, std::int64_t now);
// Clears a user's failed sign-ins and sign-in delay. Error(not_found) as for disabling.
void admin_unlock_user(UserAccounts& store, const Actor& admin, std::int64_t user);
// Gives a disabled user their access back. Error(not_found) as for disabling;
// Error(invalid_input) for a user whose access was not taken away.
void admin_enable_user(UserAccounts& store, const Actor& admin, std::int64_t user);

// Approves what another administrator's change left waiting (a user added, or a password
// reset, for a role that needs_approval): the user can sign in from now, and a one-time
// password works for kOneTimePasswordLifetime from `now`. Audited as `approve_user`.
// Error(not_found) as for disabling; Error(invalid_input) if nothing waits; Error(forbidden)
// for the administrator whose change it is.
void admin_approve_user(UserAccounts& store, const Actor& admin, std::int64_t user, std::int64_t now);
// The operator's approval (`waymark user approve NAME`, for a council with one administrator):
// as admin_approve_user, by anyone at the server's command line. Error(not_found) for no such
// user, (invalid_input) if nothing waits.
User approve_user(UserAccounts& store, const Viewer& operator_, std::string_view name, std::int64_t now);

// What is wrong with a display name, if anything: it is at most 100 characters, with no control
// character (spaces at either end are trimmed first; empty is none).
std::optional<std::string> display_name_problem(std::string_view display_name);

// A user of the administrator's council, for a page about them (the edit and reset pages).
// Error(not_found) unless the user is of the administrator's council; Error(forbidden) if
// `admin` is not an administrator.
User admin_user(UserAccounts& store, const Actor& admin, std::int64_t user);

// What an administrator changes about a user on their edit page.
struct UserChanges {
    std::string role;  // a role id
    std::string team;  // empty: no team
    std::string display_name;
};
// Changes a user's role, team and display name, audited as `change_user` with each change's
// before and after ("role social worker to team manager"); nothing changed writes nothing.
// Least privilege, as for adding a user: an administrator cannot change their own role, nor give
// national_analyst; a role that sees named children (or administrator: needs_approval) is not
// given to a user who still has a one-time password an administrator set or knows (they must
// have chosen their own first, or a second administrator approve a new user). Throws FormError
// (fields role, team, display_name) as admin_add_user does; Error(not_found) as for disabling.
// True if something changed.
bool admin_change_user(UserAccounts& store, const Actor& admin, std::int64_t user, const UserChanges& form,
                       const std::vector<std::string>& teams);

// The operator's `waymark user display-name NAME TEXT` (empty TEXT clears it), audited as
// `change_user`. Error(not_found) for no such user, (invalid_input) for a display_name_problem.
User set_display_name(UserStore& store, const Viewer& operator_, std::string_view name, std::string_view display_name);

// Adds a team to the administrator's council (the Teams page), audited as `add_team`. Throws
// FormError (field name) for a name add_team refuses or one the council has already.
Team admin_add_team(CaseloadStore& store, const Actor& admin, std::string_view name, std::int64_t now);

// A new one-time password for a user of the administrator's council (a user who forgot theirs):
// generated, shown once, valid for kOneTimePasswordLifetime; the user's sessions and API tokens
// end and any sign-in delay is cleared; audited as `reset_password`. For a role that
// needs_approval the new password works only once another administrator approves (the old one
// no longer does). Error(not_found) as for disabling; Error(invalid_input) for oneself (the
// account page is for that) or a user whose access was taken away; Error(forbidden) for a
// national analyst (the service's: `waymark user passwd`).
struct ResetPassword {
    std::string name;
    std::string password;  // to show once
    std::int64_t expires = 0;
    bool pending = false;  // works only once another administrator approves
};
ResetPassword admin_reset_password(UserStore& store, const Actor& admin, std::int64_t user, std::int64_t now);

// The API tokens of a user of the administrator's council (never the tokens themselves).
// Error(not_found) as for disabling.
std::vector<ApiToken> admin_user_tokens(UserStore& store, const Actor& admin, std::int64_t user);
// Revokes one API token of a user of the administrator's council; audited as `revoke_token`.
// Error(not_found) unless the token is the user's and the user of the council.
void admin_revoke_token(UserStore& store, const Actor& admin, std::int64_t user, std::int64_t token);
// The operator's `waymark token list` (one user's, or everyone's: `user` empty) and `waymark
// token revoke ID` (audited as `revoke_token`; Error(not_found) for no such token).
std::vector<ApiToken> list_api_tokens(UserStore& store, std::string_view user);
void revoke_api_token(UserStore& store, const Viewer& operator_, std::int64_t token);

// The council's teams (`waymark team add`), by name.
std::vector<std::string> council_teams(CaseloadStore& store, std::string_view local_authority);

// A password of 20 characters from an alphabet without look-alikes, grouped by 5 ("abcde-...").
std::string generate_password();

}  // namespace waymark::app
