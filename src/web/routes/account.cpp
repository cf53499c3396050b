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
}

}  // namespace waymark::web
