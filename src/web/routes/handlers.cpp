// The routes: who may do what, and the security every response carries.
#include "web/routes/handlers.hpp"

#include "app/journeys.hpp"
#include "core/error.hpp"
#include "render/cairo/cairo.hpp"
#include "render/svg.hpp"
#include "render/timeline.hpp"
#include "web/routes/api.hpp"
#include "web/routes/assets.hpp"
#include "web/routes/router.hpp"
#include "web/routes/session.hpp"
#include "web/views/pages.hpp"

#include <algorithm>
#include <ctime>
#include <iostream>

namespace waymark::web {

namespace {

using core::Error;

// The sign-in form's CSRF token lives in a cookie of its own until there is a session
// (double submit): a page on another site can neither read it nor set it.
constexpr std::string_view kSignInCookie = "waymark_signin";

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

std::string cookie(std::string_view name, std::string_view value, const AppContext& ctx, bool expire = false) {
    std::string c = std::string(name) + "=" + std::string(value) + "; Path=/; HttpOnly; SameSite=Strict";
    if (ctx.tls) c += "; Secure";
    if (expire) c += "; Max-Age=0";
    return c;
}

views::Chrome chrome_of(const app::SignedIn& s) {
    return {s.user.name, std::string(app::to_string(s.user.role)), s.user.local_authority, s.csrf,
            app::sees_named_children(s.user.role)};
}

Response error_response(const std::optional<app::SignedIn>& who, int status, std::string_view message) {
    std::optional<views::Chrome> chrome;
    if (who) chrome = chrome_of(*who);
    return html(status, views::error_page(chrome, status, message));
}

// A page of named children: signed in (else to the sign-in page), and a role that may see them.
struct Gate {
    std::optional<app::SignedIn> who;
    std::optional<Response> refusal;
};
Gate named_children_gate(const Request& req, AppContext& ctx) {
    Gate g{signed_in(req, ctx), std::nullopt};
    if (!g.who) {
        g.refusal = redirect("/sign-in");
    } else if (!app::sees_named_children(g.who->user.role)) {
        g.refusal = error_response(g.who, 403, "Your role sees aggregates only, never a named child's record.");
    }
    return g;
}

Response get_home(const Request& req, AppContext& ctx, const Params&) {
    const auto who = signed_in(req, ctx);
    if (!who) return redirect("/sign-in");
    if (app::sees_named_children(who->user.role)) return redirect("/children");
    return html(200, views::home_page(chrome_of(*who)));
}

Response get_sign_in(const Request& req, AppContext& ctx, const Params&) {
    if (signed_in(req, ctx)) return redirect("/");
    const std::string csrf = app::random_token();
    Response r = html(200, views::sign_in_page({csrf, {}, {}}));
    r.set("Set-Cookie", cookie(kSignInCookie, csrf, ctx));
    return r;
}

Response post_sign_in(const Request& req, AppContext& ctx, const Params&) {
    const Fields form = req.form();
    const auto sent = find_field(form, "csrf");
    const auto expected = req.cookie(kSignInCookie);
    if (!sent || !expected || expected->empty() || !app::equal_secrets(*sent, *expected)) {
        return error_response(std::nullopt, 403, "The form had expired. Go back, reload the page and sign in again.");
    }
    if (ctx.limiter && !ctx.limiter->allow(req.client, ctx.now)) {
        Response r = error_response(std::nullopt, 429, "Too many sign-in attempts. Wait five minutes and try again.");
        r.set("Retry-After", "300");
        return r;
    }
    const std::string name(find_field(form, "name").value_or(""));
    const std::string_view password = find_field(form, "password").value_or("");
    const auto previous = req.cookie(kSessionCookie);
    const auto result = app::sign_in(ctx.users, name, password, previous.value_or(""), ctx.now, ctx.policy);
    if (result.outcome != app::SignInOutcome::signed_in) {
        const std::string error =
            result.outcome == app::SignInOutcome::locked
                ? "This account is locked after too many failed sign-ins. Try again in 15 minutes."
                : "The user name or password is not right.";
        Response r = html(200, views::sign_in_page({std::string(*expected), name, error}));
        return r;
    }
    Response r = redirect("/");
    // Two cookies: the new session, and the sign-in form's token ended.
    r.headers.emplace_back("Set-Cookie", cookie(kSessionCookie, result.session_token, ctx));
    r.headers.emplace_back("Set-Cookie", cookie(kSignInCookie, "", ctx, true));
    return r;
}

Response post_sign_out(const Request& req, AppContext& ctx, const Params&) {
    const auto who = signed_in(req, ctx);
    if (!who) return redirect("/sign-in");
    if (!csrf_ok(req, *who)) return error_response(who, 403, "The form had expired. Reload the page and try again.");
    app::sign_out(ctx.users, req.cookie(kSessionCookie).value_or(""));
    Response r = redirect("/sign-in");
    r.set("Set-Cookie", cookie(kSessionCookie, "", ctx, true));
    return r;
}

Response get_children(const Request& req, AppContext& ctx, const Params&) {
    auto gate = named_children_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    const auto& user = gate.who->user;
    const auto rows = app::status_report(ctx.store, ctx.standards, {ctx.today, user.local_authority, std::nullopt});
    return html(200, views::children_page(chrome_of(*gate.who), rows, ctx.today));
}

// The one-page timeline of a child the user may see, after its view is audited.
render::Scene timeline_of(AppContext& ctx, const std::string& council, const std::string& child_id,
                          const app::Viewer& viewer) {
    const auto records =
        app::journeys_for_view(ctx.store, {council, child_id, true, {}}, ctx.today, viewer, "view_timeline");
    render::TimelineOptions options;
    options.generated = ctx.today;
    return render::timeline_scene(records.front().child, records.front().events, ctx.today, ctx.standards.vocabulary,
                                  ctx.standards.standards, options, render::builtin_metrics());
}

// A request for one named child: the user may see named children and the child is of the
// user's council (another council's child is not found, whether it exists or not).
struct ChildRequest {
    Gate gate;
    std::string council;
    std::string child_id;
    std::optional<app::Viewer> viewer;  // set when the request may go on
};
ChildRequest child_request(const Request& req, AppContext& ctx, const Params& params) {
    ChildRequest c{named_children_gate(req, ctx), std::string(find_field(params, "council").value_or("")),
                   std::string(find_field(params, "child_id").value_or("")), std::nullopt};
    if (c.gate.refusal) return c;
    const auto& user = c.gate.who->user;
    if (c.council != user.local_authority) {
        c.gate.refusal = error_response(c.gate.who, 404, "There is no such child in your council.");
        return c;
    }
    c.viewer = app::Viewer{user.name, iso_utc(ctx.now), "web " + req.client};
    return c;
}

Response get_child(const Request& req, AppContext& ctx, const Params& params) {
    auto c = child_request(req, ctx, params);
    if (c.gate.refusal) return std::move(*c.gate.refusal);
    const auto chronology = app::chronology(ctx.store, ctx.standards, c.child_id, c.council, ctx.today, *c.viewer);
    std::string svg = render::to_svg(timeline_of(ctx, c.council, c.child_id, *c.viewer), {false, "timeline-"});
    return html(200, views::child_page(chrome_of(*c.gate.who), chronology, std::move(svg)));
}

// The timeline as a one-page PDF to print or attach to court papers.
Response get_child_timeline_pdf(const Request& req, AppContext& ctx, const Params& params) {
    auto c = child_request(req, ctx, params);
    if (c.gate.refusal) return std::move(*c.gate.refusal);
    const std::string& council = c.council;
    const std::string& child_id = c.child_id;
    Response r;
    r.body = render::to_pdf(timeline_of(ctx, council, child_id, *c.viewer));
    r.set("Content-Type", "application/pdf");
    // The case reference is letters, digits and - _ . / (DATA.md); '/' cannot go in a file name.
    std::string name = "timeline-" + council + "-" + child_id + ".pdf";
    std::replace(name.begin(), name.end(), '/', '_');
    r.set("Content-Disposition", "attachment; filename=\"" + name + "\"");
    return r;
}

Router make_router() {
    Router r;
    r.add("GET", "/", get_home);
    r.add("GET", "/sign-in", get_sign_in);
    r.add("POST", "/sign-in", post_sign_in);
    r.add("POST", "/sign-out", post_sign_out);
    r.add("GET", "/children", get_children);
    r.add("GET", "/children/{council}/{child_id}", get_child);
    r.add("GET", "/children/{council}/{child_id}/timeline.pdf", get_child_timeline_pdf);
    add_api_routes(r);
    r.add("GET", "/assets/{path...}", get_asset);
    return r;
}

const Router& router() {
    static const Router r = make_router();
    return r;
}

// Headers on every response, page, API answer, asset and error alike.
void secure(Response& r, const AppContext& ctx) {
    r.set("Content-Security-Policy",
          "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
          "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    r.set("X-Content-Type-Options", "nosniff");
    r.set("Referrer-Policy", "no-referrer");
    r.set("X-Frame-Options", "DENY");
    r.set("Cross-Origin-Opener-Policy", "same-origin");
    r.set("Cross-Origin-Resource-Policy", "same-origin");
    r.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (ctx.tls) r.set("Strict-Transport-Security", "max-age=31536000");
    // Children's records are never kept in a browser's or a proxy's cache; assets set their own.
    if (r.header("Cache-Control").empty()) r.set("Cache-Control", "no-store");
}

Response failure(const Request& req, int status, std::string_view message, bool internal) {
    const bool api = req.target.starts_with("/api/");
    // The details of a fault (a database message, a file name) go to the error log, not the page.
    if (api) return json_error(status, internal ? "the service could not answer; try again later" : message, {});
    return error_response(std::nullopt, status,
                          internal ? "Try again later. If it happens again, tell your service desk." : message);
}

}  // namespace

std::string_view design_system_version() {
    return WAYMARK_DS_VERSION;
}

std::string iso_utc(std::int64_t unix_seconds) {
    const auto t = static_cast<std::time_t>(unix_seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

bool SignInLimiter::allow(const std::string& client, std::int64_t now) {
    const std::lock_guard lock(mutex_);
    if (attempts_.size() > 100000) attempts_.clear();  // a flood of addresses must not exhaust memory
    auto& times = attempts_[client];
    while (!times.empty() && times.front() <= now - window_) times.pop_front();
    if (times.size() >= max_attempts_) return false;
    times.push_back(now);
    return true;
}

Response handle(const Request& req, AppContext& ctx) {
    Response r;
    std::string route = "(none)";
    try {
        const auto path = req.path();
        if (!path) {
            r = failure(req, 400, "The address is not valid.", false);
        } else {
            const Match m = router().match(req.method, *path);
            if (m.route) {
                route = m.route->pattern;
                r = m.route->handler(req, ctx, m.params);
            } else if (!m.allowed.empty()) {
                r = failure(req, 405, "That cannot be done at this address.", false);
                std::string allow;
                for (const auto& a : m.allowed) allow += (allow.empty() ? "" : ", ") + a;
                r.set("Allow", allow);
            } else {
                r = failure(req, 404, "There is no page at this address.", false);
            }
        }
    } catch (const Error& e) {
        const int status = core::http_status(e.kind());
        if (status >= 500) std::cerr << "waymark serve: error on " << route << ": " << e.what() << "\n";
        r = failure(req, status, e.what(), status >= 500);
    } catch (const std::exception& e) {
        std::cerr << "waymark serve: internal error on " << route << ": " << e.what() << "\n";
        r = failure(req, 500, "", true);
    }
    r.route = route;
    secure(r, ctx);
    if (req.method == "HEAD") r.body.clear();
    return r;
}

}  // namespace waymark::web
