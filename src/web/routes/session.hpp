#pragma once
// Who a request comes from: the session cookie (pages) and the CSRF token its forms carry.
#include "app/auth.hpp"
#include "web/routes/handlers.hpp"

#include <optional>
#include <string_view>

namespace waymark::web {

inline constexpr std::string_view kSessionCookie = "waymark_session";

// The signed-in user of the request's session cookie, if it is valid and not timed out.
std::optional<app::SignedIn> signed_in(const Request& request, AppContext& context);

// Whether a form's csrf field is the session's token (compared in constant time).
bool csrf_ok(const Request& request, const app::SignedIn& who);

}  // namespace waymark::web
