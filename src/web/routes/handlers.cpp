// The routes: who may do what, and the security every response carries.
#include "web/routes/handlers.hpp"

#include "app/measure_report.hpp"
#include "core/error.hpp"
#include "web/routes/account.hpp"
#include "web/routes/api.hpp"
#include "web/routes/assets.hpp"
#include "web/routes/respond.hpp"
#include "web/routes/router.hpp"
#include "web/routes/routes.hpp"
#include "web/routes/session.hpp"
#include "web/views/pages.hpp"

#include <ctime>
#include <iostream>

namespace waymark::web {

namespace {

using core::Error;

// The sign-in form's CSRF token lives in a cookie of its own until there is a session
// (double submit): a page on another site can neither read it nor set it.
constexpr std::string_view kSignInCookie = "waymark_signin";

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
            : result.outcome == app::SignInOutcome::expired
                ? "Your one-time password has expired. Ask your council's administrator for a new one."
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

Router make_router() {
    Router r;
    r.add("GET", "/", get_home);
    r.add("GET", "/sign-in", get_sign_in);
    r.add("POST", "/sign-in", post_sign_in);
    r.add("POST", "/sign-out", post_sign_out);
    add_children_routes(r);
    add_measures_routes(r);
    add_tests_of_change_routes(r);
    add_caseload_routes(r);
    add_events_routes(r);
    add_admin_routes(r);
    add_account_routes(r);
    add_import_routes(r);
    add_event_history_routes(r);
    add_api_tests_of_change_routes(r);
    add_api_routes(r);
    add_api_events_routes(r);
    r.add("GET", "/assets/{path...}", get_asset);
    return r;
}

const Router& router() {
    static const Router r = make_router();
    return r;
}

// Headers on every response, page, API answer, asset and error alike.
void secure(Response& r, bool tls) {
    r.set("Content-Security-Policy",
          "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
          "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    r.set("X-Content-Type-Options", "nosniff");
    r.set("Referrer-Policy", "no-referrer");
    r.set("X-Frame-Options", "DENY");
    r.set("Cross-Origin-Opener-Policy", "same-origin");
    r.set("Cross-Origin-Resource-Policy", "same-origin");
    r.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (tls) r.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    // Children's records are never kept in a browser's or a proxy's cache; assets set their own.
    if (r.header("Cache-Control").empty()) r.set("Cache-Control", "no-store");
}

Response failure(const Request& req, int status, std::string_view message) {
    if (req.target.starts_with("/api/")) return json_error(status, message, {});
    return error_response(std::nullopt, status, message);
}

// A fault of the service's own (500). Its text may quote a row, a child's id or name, so it goes
// neither to the page nor to the log: the log gets a reference, the kind of fault and the route's
// pattern, and the page the same reference, for the service desk to find the line.
Response fault(const Request& req, std::string_view kind, const std::string& route) {
    const std::string reference = app::random_token().substr(0, 8);
    std::cerr << "waymark serve: error " << reference << " on " << req.method << " " << route << " (" << kind << ")\n";
    if (req.target.starts_with("/api/")) {
        return json_error(500, "the service could not answer; try again later (error " + reference + ")", {});
    }
    return error_response(
        std::nullopt, 500,
        "Try again later. If it happens again, tell your service desk that the error was " + reference + ".");
}

std::string_view kind_name(core::ErrorKind kind) {
    return kind == core::ErrorKind::storage ? "storage" : "internal";
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

bool runs_long(const Request& request) {
    const auto path = request.path();
    if (!path) return false;
    const Match m = router().match(request.method, *path);
    return m.route != nullptr && (m.route->pattern == "/measures/{id}" || m.route->pattern == "/api/v1/measures/{id}");
}

Response report_unavailable(const Request& request, bool tls, bool overdue) {
    Response r = failure(request, 503,
                         overdue ? "This report took too long to work out, so it was stopped. Choose fewer months or "
                                   "one team, or try again later."
                                 : "The service is busy working out other reports. Try again in a minute.");
    r.set("Retry-After", "60");
    r.route = "(report unavailable)";
    secure(r, tls);
    return r;
}

Response handle(const Request& req, AppContext& ctx) {
    ctx.session_seen.reset();  // a context may serve more than one request (tests)
    Response r;
    std::string route = "(none)";
    try {
        const auto path = req.path();
        if (!path) {
            r = failure(req, 400, "The address is not valid.");
        } else {
            const Match m = router().match(req.method, *path);
            if (m.route) {
                route = m.route->pattern;
                // A one-time password is changed before anything else.
                if (auto first = password_change_first(req, ctx, route)) {
                    r = std::move(*first);
                } else {
                    r = m.route->handler(req, ctx, m.params);
                }
            } else if (!m.allowed.empty()) {
                r = failure(req, 405, "That cannot be done at this address.");
                std::string allow;
                for (const auto& a : m.allowed) allow += (allow.empty() ? "" : ", ") + a;
                r.set("Allow", allow);
            } else {
                r = failure(req, 404, "There is no page at this address.");
            }
        }
    } catch (const Error& e) {
        const int status = core::http_status(e.kind());
        r = status >= 500 ? fault(req, kind_name(e.kind()), route) : failure(req, status, e.what());
    } catch (const app::Stopped&) {
        r = report_unavailable(req, ctx.tls, true);  // past the time limit: no one reads this answer
    } catch (const std::exception&) {
        r = fault(req, "internal", route);
    }
    r.route = route;
    secure(r, ctx.tls);
    if (req.method == "HEAD") r.body.clear();
    return r;
}

}  // namespace waymark::web
