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

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <ctime>
#include <iostream>

namespace waymark::web {

namespace {

using core::Error;

// The sign-in form's CSRF token, before there is a session: the pre-session cookie holds a
// random id and when it was issued ("ID.ISSUED"), and the form's token is a keyed hash of it
// under a key only this server process holds. An attacker can neither choose a pair that
// passes nor (with the __Host- prefix under TLS) plant a cookie; a pair lasts two hours.
constexpr std::int64_t kSignInFormLifetime = 2L * 60 * 60;

const std::string& sign_in_form_key() {
    static const std::string key = app::random_token();
    return key;
}

std::string sign_in_form_token(std::string_view pre_session) {
    return app::keyed_hash(sign_in_form_key(), pre_session);
}

// Whether a sign-in form's token matches its pre-session cookie, issued within the lifetime.
bool sign_in_form_ok(const std::optional<std::string_view>& sent, const std::optional<std::string>& pre_session,
                     std::int64_t now) {
    if (!sent || !pre_session) return false;
    const auto dot = pre_session->find('.');
    if (dot == std::string::npos) return false;
    std::int64_t issued = 0;
    const char* first = pre_session->data() + dot + 1;
    const char* last = pre_session->data() + pre_session->size();
    const auto [end, ec] = std::from_chars(first, last, issued);
    if (ec != std::errc() || end != last || issued > now + 60 || now - issued > kSignInFormLifetime) return false;
    return app::equal_secrets(*sent, sign_in_form_token(*pre_session));
}

Response get_home(const Request& req, AppContext& ctx, const Params&) {
    const auto who = signed_in(req, ctx);
    if (!who) return redirect("/sign-in");
    if (app::sees_named_children(who->user.role)) return redirect("/children");
    return html(200, views::home_page(chrome_of(*who)));
}

Response get_sign_in(const Request& req, AppContext& ctx, const Params&) {
    if (signed_in(req, ctx)) return redirect("/");
    const std::string pre_session = app::random_token() + "." + std::to_string(ctx.now);
    Response r = html(200, views::sign_in_page({sign_in_form_token(pre_session), {}, {}}));
    r.set("Set-Cookie", cookie(sign_in_cookie(ctx), pre_session, ctx));
    return r;
}

Response post_sign_in(const Request& req, AppContext& ctx, const Params&) {
    const Fields form = req.form();
    const auto pre_session = req.cookie(sign_in_cookie(ctx));
    if (!sign_in_form_ok(find_field(form, "csrf"), pre_session, ctx.now)) {
        return error_response(std::nullopt, 403, "The form had expired. Go back, reload the page and sign in again.");
    }
    const std::string name(find_field(form, "name").value_or(""));
    if (ctx.limiter) {
        if (const std::int64_t wait = ctx.limiter->attempt(req.client, name, ctx.now); wait > 0) {
            const std::int64_t minutes = (wait + 59) / 60;
            Response r = error_response(std::nullopt, 429,
                                        "Too many sign-in attempts. Wait " + std::to_string(minutes) +
                                            (minutes == 1 ? " minute" : " minutes") + " and try again.");
            r.set("Retry-After", std::to_string(wait));
            return r;
        }
    }
    const std::string_view password = find_field(form, "password").value_or("");
    const auto previous = req.cookie(session_cookie(ctx));
    const auto result = app::sign_in(ctx.users, name, password, previous.value_or(""), ctx.now, ctx.policy,
                                     {iso_utc(ctx.now), "web " + req.client});
    if (result.outcome != app::SignInOutcome::signed_in) {
        // An unknown name, a wrong password and an account in its wait get the same answer.
        const std::string error =
            result.outcome == app::SignInOutcome::expired
                ? "Your one-time password has expired. Ask your council's administrator for a new one."
                : "The user name or password is not right.";
        return html(200, views::sign_in_page({sign_in_form_token(*pre_session), name, error}));
    }
    Response r = redirect("/");
    // Two cookies: the new session, and the sign-in form's pre-session ended.
    r.headers.emplace_back("Set-Cookie", cookie(session_cookie(ctx), result.session_token, ctx));
    r.headers.emplace_back("Set-Cookie", cookie(sign_in_cookie(ctx), "", ctx, true));
    return r;
}

Response post_sign_out(const Request& req, AppContext& ctx, const Params&) {
    const auto who = signed_in(req, ctx);
    if (!who) return redirect("/sign-in");
    if (!csrf_ok(req, *who)) return error_response(who, 403, "The form had expired. Reload the page and try again.");
    app::sign_out(ctx.users, req.cookie(session_cookie(ctx)).value_or(""), {iso_utc(ctx.now), "web " + req.client});
    Response r = redirect("/sign-in");
    r.set("Set-Cookie", cookie(session_cookie(ctx), "", ctx, true));
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
    add_this_week_routes(r);
    add_search_routes(r);
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
void secure(Response& r, const Request& req, bool tls) {
    // A type with its charset on every response, a redirect's included (ASVS V14.4.1).
    if (r.header("Content-Type").empty()) r.set("Content-Type", "text/plain; charset=utf-8");
    // A JSON answer opened in a browser is saved, never shown as a page (ASVS V14.4.2).
    if (req.target.starts_with("/api/")) r.set("Content-Disposition", "attachment; filename=\"api.json\"");
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

// The media type of a Content-Type header, without its parameters, in lower case.
std::string media_type(std::string_view content_type) {
    content_type = content_type.substr(0, content_type.find(';'));
    while (!content_type.empty() && (content_type.back() == ' ' || content_type.back() == '\t')) {
        content_type.remove_suffix(1);
    }
    while (!content_type.empty() && (content_type.front() == ' ' || content_type.front() == '\t')) {
        content_type.remove_prefix(1);
    }
    std::string out(content_type);
    for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    return out;
}

// Whether a request's body is of a type its route reads (ASVS V13.1.5, V13.2.5): JSON under
// /api/, a form elsewhere, and a multipart upload at /import. A request without a body is not
// asked.
bool body_type_expected(const Request& req, std::string_view route) {
    if (req.body.empty() || (req.method != "POST" && req.method != "PUT" && req.method != "PATCH")) return true;
    const std::string type = media_type(req.header("content-type"));
    if (route.starts_with("/api/")) return type == "application/json";
    return type == "application/x-www-form-urlencoded" || (route == "/import" && type == "multipart/form-data");
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

std::string SignInLimiter::address_key(std::string_view address) {
    std::string text(address);
    in6_addr v6{};
    if (text.find(':') != std::string::npos && inet_pton(AF_INET6, text.c_str(), &v6) == 1) {
        // An IPv4 address mapped into IPv6 is that IPv4 address.
        if (IN6_IS_ADDR_V4MAPPED(&v6)) {
            char v4[INET_ADDRSTRLEN] = {};
            if (inet_ntop(AF_INET, &v6.s6_addr[12], v4, sizeof v4)) return v4;
        }
        std::fill(std::begin(v6.s6_addr) + 8, std::end(v6.s6_addr), std::uint8_t{0});
        char out[INET6_ADDRSTRLEN] = {};
        if (inet_ntop(AF_INET6, &v6, out, sizeof out)) return std::string(out) + "/64";
    }
    return text;
}

SignInLimiter::Entry& SignInLimiter::entry(const std::string& key) {
    if (auto it = entries_.find(key); it != entries_.end()) return it->second;
    if (entries_.size() >= max_keys_) return entries_[" overflow"];  // no address or name has a space
    return entries_[key];
}

std::int64_t SignInLimiter::attempt(std::string_view address, std::string_view account, std::int64_t now) {
    const std::lock_guard lock(mutex_);
    std::string account_key = "account ";
    for (char c : account) account_key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (entries_.size() + 2 > max_keys_) {
        // Only keys that would start afresh anyway go: no live wait is ever reset.
        std::erase_if(entries_, [&](const auto& e) { return e.second.until <= now && now - e.second.last > forget_; });
    }
    Entry* keys[] = {&entry(address_key(address)), &entry(account_key)};
    std::int64_t wait = 0;
    for (const Entry* e : keys) wait = std::max(wait, e->until - now);
    if (wait > 0) return wait;
    for (Entry* e : keys) {
        if (now - e->last > forget_) e->attempts = 0;
        e->last = now;
        if (++e->attempts < free_attempts_) continue;
        std::int64_t delay = first_wait_;
        for (std::size_t i = free_attempts_; i < e->attempts && delay < max_wait_; ++i) delay *= 2;
        e->until = now + std::min(delay, max_wait_);
    }
    return 0;
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
    secure(r, request, tls);
    return r;
}

Response handle(const Request& req, AppContext& ctx) {
    ctx.session_seen.reset();  // a context may serve more than one request (tests)
    ctx.user_id = 0;
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
                if (!body_type_expected(req, route)) {
                    r = failure(req, 415,
                                route.starts_with("/api/") ? "the body must be JSON (Content-Type: application/json)"
                                                           : "The form was sent in a way this page does not read.");
                } else if (auto first = password_change_first(req, ctx, route)) {
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
    r.user = ctx.user_id;
    secure(r, req, ctx.tls);
    if (req.method == "HEAD") r.body.clear();
    return r;
}

}  // namespace waymark::web
