// Responses and gates shared by the page routes.
#include "web/routes/respond.hpp"

#include "app/access.hpp"
#include "web/routes/session.hpp"

#include <charconv>

namespace waymark::web {

Response html(int status, std::string body) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    r.set("Content-Type", "text/html; charset=utf-8");
    return r;
}

Response redirect(std::string location) {
    Response r;
    r.status = 303;
    r.set("Location", std::move(location));
    return r;
}

std::string cookie(std::string_view name, std::string_view value, const AppContext& ctx, bool expire) {
    std::string c = std::string(name) + "=" + std::string(value) + "; Path=/; HttpOnly; SameSite=Strict";
    if (ctx.tls) c += "; Secure";
    if (expire) c += "; Max-Age=0";
    return c;
}

views::Chrome chrome_of(const app::SignedIn& s) {
    return {app::staff_label(s.user),
            std::string(app::to_string(s.user.role)),
            s.user.local_authority,
            s.csrf,
            app::sees_named_children(s.user.role),
            app::must_change_password(s.user)};
}

Response error_response(const std::optional<app::SignedIn>& who, int status, std::string_view message) {
    std::optional<views::Chrome> chrome;
    if (who) chrome = chrome_of(*who);
    return html(status, views::error_page(chrome, status, message));
}

Gate signed_in_gate(const Request& req, AppContext& ctx) {
    Gate g{signed_in(req, ctx), std::nullopt};
    if (!g.who) g.refusal = redirect("/sign-in");
    return g;
}

Gate named_children_gate(const Request& req, AppContext& ctx) {
    Gate g = signed_in_gate(req, ctx);
    if (g.who && !app::sees_named_children(g.who->user.role)) {
        g.refusal = error_response(g.who, 403, "Your role sees aggregates only, never a named child's record.");
    }
    return g;
}

ChildRequest child_request(const Request& req, AppContext& ctx, const Params& params) {
    ChildRequest c{named_children_gate(req, ctx), std::string(find_field(params, "council").value_or("")),
                   std::string(find_field(params, "child_id").value_or("")), std::nullopt, std::nullopt};
    if (c.gate.refusal) return c;
    const auto& user = c.gate.who->user;
    c.row = app::visible_child(ctx.store, ctx.standards, user, c.council, c.child_id, ctx.today);
    if (!c.row) {
        c.gate.refusal = error_response(c.gate.who, 404, "There is no such child in your council.");
        return c;
    }
    c.viewer = app::Viewer{user.name, iso_utc(ctx.now), "web " + req.client};
    return c;
}

std::optional<std::int64_t> parse_id(std::string_view text) {
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
    return id;
}

}  // namespace waymark::web
