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
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <unordered_map>
#include <utility>

namespace waymark::web {

class Assets;

// Sign-in attempts, counted per client address (an IPv6 address by its /64, which one
// subscriber usually holds whole) and per account name tried (known or not, so the answer
// tells nothing): the first `free_attempts` within `forget` seconds of each other pass, and
// each one after makes the key wait, `first_wait` seconds doubling to at most `max_wait`. A key
// quiet for `forget` seconds (and not waiting) starts afresh. At most `max_keys` are kept: when
// full, keys that start afresh anyway are dropped; if none can be, a new key shares one
// overflow key, so filling the table never resets anyone's wait. Thread-safe; kept in memory.
// (The per-account wait after failed passwords is app::sign_in's, in the database.)
class SignInLimiter {
public:
    explicit SignInLimiter(std::size_t free_attempts = 10, std::int64_t first_wait = 60, std::int64_t max_wait = 900,
                           std::int64_t forget = 900, std::size_t max_keys = 100000)
        : free_attempts_(free_attempts),
          first_wait_(first_wait),
          max_wait_(max_wait),
          forget_(forget),
          max_keys_(max_keys) {}
    // Records an attempt from `address` at `account`: 0 if it may go on, else the seconds to
    // wait (nothing is recorded for a refused attempt).
    std::int64_t attempt(std::string_view address, std::string_view account, std::int64_t now);
    // The key an address is counted under: an IPv4 address as it is, an IPv6 one by its /64.
    static std::string address_key(std::string_view address);

private:
    struct Entry {
        std::size_t attempts = 0;
        std::int64_t last = 0;
        std::int64_t until = 0;
    };
    Entry& entry(const std::string& key);  // under mutex_; never removes one
    std::size_t free_attempts_;
    std::int64_t first_wait_;
    std::int64_t max_wait_;
    std::int64_t forget_;
    std::size_t max_keys_;
    std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
};

// What a request is handled with. The server builds one per request (a store connection of
// its own, the time read once); tests build it directly with the time pinned.
struct AppContext {
    app::Store& store;
    app::UserStore& users;
    const app::StandardSet& standards;
    std::int64_t now = 0;  // Unix seconds, UTC
    core::Date today;      // the as-of date of every report and page
    bool tls = false;      // cookies get Secure and the __Host- prefix, responses Strict-Transport-Security
    SignInLimiter* limiter = nullptr;
    const Assets* assets = nullptr;  // the design system's files, served under /assets/ (none: 404)
    app::AuthPolicy policy;
    const app::MeasureSet* measures = nullptr;  // the catalogue, for /api/v1/measures
    app::StatusCache* status_cache = nullptr;   // shared by the server's threads; none: work rows out each time
    // What signed_in() found for a session cookie, so that a request looks its session up once
    // (handle() clears it; set by signed_in only).
    std::optional<std::pair<std::string, std::optional<app::SignedIn>>> session_seen = {};
    // The id number of the user a session or API token named, for the access log (handle()
    // clears it; 0: no one signed in).
    std::int64_t user_id = 0;
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
