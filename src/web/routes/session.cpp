#include "web/routes/session.hpp"

namespace waymark::web {

std::string session_cookie(const AppContext& context) {
    return context.tls ? "__Host-waymark_session" : "waymark_session";
}

std::string sign_in_cookie(const AppContext& context) {
    return context.tls ? "__Host-waymark_signin" : "waymark_signin";
}

std::optional<app::SignedIn> signed_in(const Request& request, AppContext& context) {
    const auto token = request.cookie(session_cookie(context));
    if (!token || token->empty()) return std::nullopt;
    // Looked up once a request: the check that a one-time password is changed first
    // (password_change_first) and the page's own gate both ask.
    if (context.session_seen && context.session_seen->first == *token) return context.session_seen->second;
    auto who = app::session_user(context.users, *token, context.now, context.policy);
    context.session_seen.emplace(*token, who);
    if (who) context.user_id = who->user.id;
    return who;
}

bool csrf_ok(const Request& request, const app::SignedIn& who) {
    const Fields form = request.form();
    const auto sent = find_field(form, "csrf");
    return sent && !who.csrf.empty() && app::equal_secrets(*sent, who.csrf);
}

}  // namespace waymark::web
