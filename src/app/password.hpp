#pragma once
// Changing a password (issue 5): a signed-in user's own change on /account/password, and the
// operator's `waymark user passwd`. (An administrator's reset is app/admin.hpp's
// admin_reset_password.) The rules for a new password are password_problem's (app/auth.hpp),
// the same as `waymark user add`'s. Each change is one transaction with its audit entry, which
// never holds a password. Nothing here reads the clock.
#include "app/admin.hpp"
#include "app/auth.hpp"
#include "app/reports.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace waymark::app {

// The form's fields (their ids are the FieldProblem fields below).
struct PasswordChange {
    std::string current;   // current-password
    std::string password;  // new-password
    std::string confirm;   // confirm-password
};
// The changer's session after the change: a new token and CSRF token (the old ones end).
struct PasswordChanged {
    std::string session_token;
    std::string csrf;
};

// Changes `who.user`'s own password: the current one must be right, the new one must have no
// password_problem, differ from the current one and match its confirmation. On success every
// session of the user ends, a new one starts (returned: the session is rotated), a one-time
// password stops being one, and `change_password` is audited. Throws FormError naming the
// fields at fault (nothing changed). A wrong current password counts as a failed sign-in (after
// policy.free_failures in a row the account waits, as at sign-in; during the wait the form is
// refused).
PasswordChanged change_password(UserStore& store, const Actor& who, const PasswordChange& form, std::int64_t now,
                                const AuthPolicy& policy = {});

// The operator sets a user's password (`waymark user passwd`: the first administrator's
// recovery): any password_problem is Error(invalid_input), no such user Error(not_found). The
// user's sessions and API tokens end and any sign-in delay is cleared; with `must_change` the password is a one-time
// password (kOneTimePasswordLifetime from `now`). Audited as `set_password` by `operator_`.
User set_password(UserStore& store, const Viewer& operator_, std::string_view name, std::string_view password,
                  bool must_change, std::int64_t now);

}  // namespace waymark::app
