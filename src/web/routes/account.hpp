#pragma once
// The signed-in user's account (account.cpp): /account/password, and the rule that a user who
// signed in with a one-time password changes it before anything else.
#include "web/routes/handlers.hpp"
#include "web/routes/router.hpp"

#include <optional>
#include <string_view>

namespace waymark::web {

void add_account_routes(Router& router);

// For a request to `route` (a router pattern) whose session is a user who must change their
// one-time password: the redirect to /account/password. Nothing for everyone else, and for the
// routes such a user may still use: the password page itself, signing in and out, the design
// system's files, and the API (whose tokens api_gate refuses for such a user).
std::optional<Response> password_change_first(const Request& req, AppContext& ctx, std::string_view route);

}  // namespace waymark::web
