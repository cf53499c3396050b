#pragma once
// The signed-in user's own account: changing their password (/account/password), which a user
// who signed in with a one-time password must do before anything else.
#include "app/auth.hpp"
#include "web/views/forms.hpp"
#include "web/views/layout.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace waymark::web::views {

struct PasswordPage {
    std::vector<FieldError> errors;  // fields current-password, new-password, confirm-password
    bool forced = false;             // signed in with a one-time password: say why they are here
    std::int64_t expires = 0;        // when that one-time password stops working (Unix seconds)
};
// The form: current password, new password, its confirmation. Nothing typed is sent back.
std::string password_page(const Chrome& chrome, const PasswordPage& page);

// /account/sessions (ASVS V3.3.4): the user's sessions (started, last seen, this one marked;
// never a token), a button to sign out every other one, and their own API tokens with revoke.
struct SessionsPage {
    std::vector<app::SessionSummary> sessions;
    std::vector<app::ApiToken> tokens;
    std::int64_t now = 0;
    std::string done;  // what the last change did, if anything
};
std::string sessions_page(const Chrome& chrome, const SessionsPage& page);

}  // namespace waymark::web::views
