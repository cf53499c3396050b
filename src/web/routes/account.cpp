// /account/password: any signed-in user changes their own password; one who signed in with a
// one-time password is sent here from every page until they have (password_change_first).
#include "web/routes/account.hpp"

#include "app/password.hpp"
#include "web/routes/respond.hpp"
#include "web/routes/session.hpp"
#include "web/views/account.hpp"

namespace waymark::web {

namespace {

constexpr std::string_view kPasswordPage = "/account/password";

views::PasswordPage page_for(const app::SignedIn& who) {
    views::PasswordPage page;
    page.forced = app::must_change_password(who.user);
    page.expires = who.user.one_time_until;
    return page;
}

Response get_password(const Request& req, AppContext& ctx, const Params&) {
    auto gate = signed_in_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    return html(200, views::password_page(chrome_of(*gate.who), page_for(*gate.who)));
}

Response post_password(const Request& req, AppContext& ctx, const Params&) {
    auto gate = signed_in_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    const app::SignedIn& who = *gate.who;
    if (!csrf_ok(req, who)) return error_response(who, 403, "The form had expired. Reload the page and try again.");
    const Fields form = req.form();
    app::PasswordChange change;
    change.current = find_field(form, "current-password").value_or("");
    change.password = find_field(form, "new-password").value_or("");
    change.confirm = find_field(form, "confirm-password").value_or("");
    try {
        const auto changed = app::change_password(ctx.users, {who.user, iso_utc(ctx.now), "web " + req.client}, change,
                                                  ctx.now, ctx.policy);
        // Every other session has ended; this one goes on under a new token.
        Response r = redirect("/");
        r.set("Set-Cookie", cookie(session_cookie(ctx), changed.session_token, ctx));
        return r;
    } catch (const app::FormError& e) {
        auto page = page_for(who);
        for (const auto& p : e.problems()) page.errors.push_back({p.field, p.message});
        return html(400, views::password_page(chrome_of(who), page));
    }
}

constexpr std::string_view kSessionsPage = "/account/sessions";

Response get_sessions(const Request& req, AppContext& ctx, const Params&) {
    auto gate = signed_in_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    const app::User& user = gate.who->user;
    views::SessionsPage page;
    page.sessions =
        app::own_sessions(ctx.users, user, req.cookie(session_cookie(ctx)).value_or(""), ctx.now, ctx.policy);
    page.tokens = app::own_api_tokens(ctx.users, user);
    page.now = ctx.now;
    if (req.query_param("ended")) page.done = "You are signed out everywhere else.";
    if (req.query_param("revoked")) page.done = "API token revoked.";
    return html(200, views::sessions_page(chrome_of(*gate.who), page));
}

// A POST from /account/sessions: signed in, with the session's CSRF token.
Gate sessions_post_gate(const Request& req, AppContext& ctx) {
    auto gate = signed_in_gate(req, ctx);
    if (!gate.refusal && !csrf_ok(req, *gate.who)) {
        gate.refusal = error_response(gate.who, 403, "The form had expired. Reload the page and try again.");
    }
    return gate;
}

Response post_end_others(const Request& req, AppContext& ctx, const Params&) {
    auto gate = sessions_post_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    app::end_other_sessions(ctx.users, gate.who->user, req.cookie(session_cookie(ctx)).value_or(""),
                            {iso_utc(ctx.now), "web " + req.client});
    return redirect(std::string(kSessionsPage) + "?ended=1");
}

Response post_revoke_own_token(const Request& req, AppContext& ctx, const Params& params) {
    auto gate = sessions_post_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    const auto token = parse_id(find_field(params, "token").value_or(""));
    if (!token) return error_response(gate.who, 404, "You have no such API token.");
    // Error(not_found), a 404, for a token that is not the user's.
    app::revoke_own_api_token(ctx.users, gate.who->user, *token, {iso_utc(ctx.now), "web " + req.client});
    return redirect(std::string(kSessionsPage) + "?revoked=1");
}

}  // namespace

std::optional<Response> password_change_first(const Request& req, AppContext& ctx, std::string_view route) {
    if (route == kPasswordPage || route == "/sign-out" || route == "/sign-in" || route.starts_with("/assets/") ||
        route.starts_with("/api/")) {
        return std::nullopt;
    }
    if (!req.cookie(session_cookie(ctx))) return std::nullopt;  // not signed in: the route decides
    const auto who = signed_in(req, ctx);
    if (!who || !app::must_change_password(who->user)) return std::nullopt;
    return redirect(std::string(kPasswordPage));
}

void add_account_routes(Router& r) {
    r.add("GET", std::string(kPasswordPage), get_password);
    r.add("POST", std::string(kPasswordPage), post_password);
    r.add("GET", std::string(kSessionsPage), get_sessions);
    r.add("POST", std::string(kSessionsPage) + "/end-others", post_end_others);
    r.add("POST", "/account/tokens/{token}/revoke", post_revoke_own_token);
}

}  // namespace waymark::web
