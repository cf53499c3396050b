#pragma once
// The web application as one pure function: handle(request, context) -> response. Every
// response carries the security headers; errors become pages (or JSON under /api/) without
// stack traces or SQL. The server (web/server/) only moves bytes.
#include "app/auth.hpp"
#include "app/measures_file.hpp"
#include "app/standards_file.hpp"
#include "app/status_cache.hpp"
#include "app/store.hpp"
#include "core/date.hpp"
#include "web/routes/http.hpp"

#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <unordered_map>
#include <utility>

namespace waymark::web {

class Assets;

// Sign-in attempts per client address: at most `max_attempts` in `window` seconds, whatever
// the names tried (the per-account lock in app::sign_in stops guessing one password; this
// slows guessing across many). Thread-safe; kept in memory.
class SignInLimiter {
public:
    explicit SignInLimiter(std::size_t max_attempts = 10, std::int64_t window = 300)
        : max_attempts_(max_attempts), window_(window) {}
    // Records an attempt; false if the client has used up its attempts.
    bool allow(const std::string& client, std::int64_t now);

private:
    std::size_t max_attempts_;
    std::int64_t window_;
    std::mutex mutex_;
    std::unordered_map<std::string, std::deque<std::int64_t>> attempts_;
};

// What a request is handled with. The server builds one per request (a store connection of
// its own, the time read once); tests build it directly with the time pinned.
struct AppContext {
    app::Store& store;
    app::UserStore& users;
    const app::StandardSet& standards;
    std::int64_t now = 0;  // Unix seconds, UTC
    core::Date today;      // the as-of date of every report and page
    bool tls = false;      // cookies get Secure, responses Strict-Transport-Security
    SignInLimiter* limiter = nullptr;
    const Assets* assets = nullptr;  // the design system's files, served under /assets/ (none: 404)
    app::AuthPolicy policy;
    const app::MeasureSet* measures = nullptr;  // the catalogue, for /api/v1/measures
    app::StatusCache* status_cache = nullptr;   // shared by the server's threads; none: work rows out each time
    // What signed_in() found for a session cookie, so that a request looks its session up once
    // (handle() clears it; set by signed_in only).
    std::optional<std::pair<std::string, std::optional<app::SignedIn>>> session_seen = {};
    // Requested when no one waits for the answer (Request::stop): measure reports stop.
    std::stop_token stop{};
};

Response handle(const Request& request, AppContext& context);

// Whether a request may run long: a measure's page, download or API series (app::measure_report
// over many children). The server runs those on a pool of their own, with a time limit.
bool runs_long(const Request& request);

// 503 for a request that runs long, with Retry-After and the security headers, as a page (JSON
// under /api/): overdue (past the server's time limit: "this report took too long") or busy
// (the server's pool for them and its queue are full).
Response report_unavailable(const Request& request, bool tls, bool overdue);

// Whether the sender of an upload (its headers: the body is not read yet) may upload at all:
// signed in, with a role that may import. The server reads an upload's large body only if so.
bool may_upload(const Request& head, AppContext& context);

// The design system's version in asset URLs (/assets/ds-4.2.0/...), so that they can be cached
// for a year and a new version gets new URLs.
std::string_view design_system_version();

// "2026-11-26T09:30:00Z".
std::string iso_utc(std::int64_t unix_seconds);

}  // namespace waymark::web
