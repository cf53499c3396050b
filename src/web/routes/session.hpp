#pragma once
// Who a request comes from: the session cookie (pages) and the CSRF token its forms carry.
#include "app/auth.hpp"
#include "web/routes/handlers.hpp"

#include <optional>
#include <string_view>

namespace waymark::web {

// The session cookie's name: under TLS `__Host-waymark_session`, which a browser takes only
// with Secure, Path=/ and no Domain, from this very host (no other host or plain-HTTP page can
// plant one); without TLS (tests, behind a proxy) `waymark_session`.
std::string session_cookie(const AppContext& context);
// Likewise the sign-in form's pre-session cookie (`__Host-waymark_signin`, `waymark_signin`).
std::string sign_in_cookie(const AppContext& context);

// The signed-in user of the request's session cookie, if it is valid and not timed out.
std::optional<app::SignedIn> signed_in(const Request& request, AppContext& context);

// Whether a form's csrf field is the session's token (compared in constant time).
bool csrf_ok(const Request& request, const app::SignedIn& who);

}  // namespace waymark::web
