#include "web/routes/session.hpp"

namespace waymark::web {

std::optional<app::SignedIn> signed_in(const Request& request, AppContext& context) {
    const auto token = request.cookie(kSessionCookie);
    if (!token || token->empty()) return std::nullopt;
    return app::session_user(context.users, *token, context.now, context.policy);
}

bool csrf_ok(const Request& request, const app::SignedIn& who) {
    const Fields form = request.form();
    const auto sent = find_field(form, "csrf");
    return sent && !who.csrf.empty() && app::equal_secrets(*sent, who.csrf);
}

}  // namespace waymark::web
