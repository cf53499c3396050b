#pragma once
// The administration pages (a council administrator's: users, teams, the standards in force,
// the audit log) and the import page. Every function returns a whole document.
#include "app/audit.hpp"
#include "app/auth.hpp"
#include "app/import.hpp"
#include "app/store.hpp"
#include "core/standards.hpp"
#include "web/views/forms.hpp"
#include "web/views/layout.hpp"

#include <optional>
#include <string>
#include <vector>

namespace waymark::web::views {

std::string admin_index_page(const Chrome& chrome);

// The add-user form as typed (the password is never sent back) and its problems.
struct UserForm {
    std::string name;
    std::string role;
    std::string team;
    std::string display_name;
    std::vector<FieldError> errors;
};
// A user just added: the generated password is shown here, once.
struct AddedNotice {
    std::string name;
    std::string generated_password;  // empty when the administrator set the password
    bool pending = false;            // waits for another administrator's approval
};
// A password just reset: the new one-time password, shown once.
struct ResetNotice {
    std::string name;
    std::string password;
    std::int64_t expires = 0;  // Unix seconds
    bool pending = false;      // works only once another administrator approves
};
struct UsersPage {
    std::vector<app::User> users;
    std::vector<app::ApiToken> tokens;  // the API tokens of those users
    std::vector<std::string> teams;     // the council's teams, for the add-user form's list
    std::int64_t self = 0;              // the administrator's own id (no "remove access" for oneself)
    std::int64_t now = 0;               // to tell whether a lock is still in force
    UserForm form;
    std::optional<AddedNotice> added;
    std::string done;  // a change just made ("Access removed for ..."), from the redirect
};
std::string users_page(const Chrome& chrome, const UsersPage& page);

// "Reset the password of ...?": the confirmation before a reset.
std::string reset_confirm_page(const Chrome& chrome, const app::User& user);
// The answer a reset redirects to: the one-time password, when it has not been shown yet
// (`notice`), else that it has been (a refresh, or a second tab): it is never shown twice.
std::string reset_result_page(const Chrome& chrome, const app::User& user, const std::optional<ResetNotice>& notice);

// A user's edit page: role, team and display name.
struct EditUserPage {
    app::User user;
    bool self = false;               // the administrator's own record: their role is not theirs to change
    std::vector<std::string> teams;  // the council's teams
    UserForm form;                   // as typed (name unused)
};
std::string edit_user_page(const Chrome& chrome, const EditUserPage& page);

struct Team {
    std::string name;
    std::size_t users = 0;
};
struct TeamsPage {
    std::vector<Team> teams;
    std::string name;  // the add-a-team form as typed
    std::vector<FieldError> errors;
    std::string done;  // "Team ... added."
};
std::string teams_page(const Chrome& chrome, const TeamsPage& page);

std::string standards_page(const Chrome& chrome, const std::vector<core::Standard>& standards, std::string_view origin);

// Restricted records (app/restriction.hpp): the council's children ever restricted, by case
// reference, and the form that lifts a restriction (case reference and reason).
struct RestrictionsPage {
    std::vector<app::Restriction> rows;
    std::string child;  // the form as typed
    std::string reason;
    std::vector<FieldError> errors;
    std::string done;  // a lift just recorded ("Restriction lifted for ...")
};
std::string restrictions_page(const Chrome& chrome, const RestrictionsPage& page);

// A date as typed in the design system's date input (day, month, year fields).
struct DateParts {
    std::string day;
    std::string month;
    std::string year;
    [[nodiscard]] bool empty() const { return day.empty() && month.empty() && year.empty(); }
};
struct AuditFilter {
    std::string actor;
    std::string child;
    std::string action;  // an action id (app::audit_actions)
    DateParts from;      // UK days, both inclusive
    DateParts to;
};
struct AuditPage {
    app::AuditVerification verification;
    std::optional<app::AuditHead> head;  // the last row checked, when the chain is intact
    bool broken_row_is_own = false;      // the first broken row is of this council (else no details)
    std::vector<app::AuditRow> rows;
    AuditFilter filter;
    std::vector<FieldError> errors;
    std::size_t page = 1;
    std::size_t pages = 1;
    std::size_t total = 0;
};
std::string audit_page(const Chrome& chrome, const AuditPage& page);

// The import form, and after an upload either its problems (as the command line lists them)
// or what was stored.
struct ImportPage {
    std::vector<FieldError> errors;  // about the form itself (a missing file, a bad upload)
    std::vector<app::ImportProblem> problems;
    std::size_t total_problems = 0;
    std::optional<app::ImportResult> result;
};
std::string import_page(const Chrome& chrome, const ImportPage& page);

}  // namespace waymark::web::views
