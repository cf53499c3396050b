#pragma once
// `waymark serve`: the web application on the HTTP server, one database connection per thread.
#include "app/database.hpp"
#include "app/measures_file.hpp"
#include "app/standards_file.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace waymark::web {

struct ServeOptions {
    std::string address = "127.0.0.1";
    std::uint16_t port = 8080;
    unsigned threads = 2;
    std::size_t max_connections = 4096;  // open at once (ServerOptions::max_connections)
    // Measure reports run on a pool of their own (ServerOptions::runs_long): this many at once,
    // four times as many waiting, each stopped after report_timeout.
    unsigned report_threads = 2;
    std::chrono::seconds report_timeout{20};
    std::string assets_dir;  // the design system's dist folder
    // A reverse proxy (e.g. the one terminating TLS) whose X-Forwarded-For is believed: behind
    // it every request comes from its address, which would put all users under one sign-in
    // rate limit and write it as every audit entry's origin.
    std::string trusted_proxy;
    // HTTPS only, with this certificate (chain) and private key (PEM files): session cookies
    // get Secure and responses Strict-Transport-Security.
    std::string tls_cert_file;
    std::string tls_key_file;
    // The clock, read once per request: Unix seconds, and the local date for the as-of date.
    std::function<std::int64_t()> now;
    std::function<core::Date()> today;
};

// The client's address: the peer's, or, when the peer is the trusted proxy, the last address
// that proxy appended to X-Forwarded-For (earlier ones were written by the client, who can
// write anything).
std::string client_address(const std::string& peer, std::string_view forwarded_for, const std::string& trusted_proxy);

// One line of the access log (docs/web.md): when (UTC, ISO 8601), the client's address, the
// signed-in user's id number ("-": none), the method, the route's pattern (never the path or
// its query, which may name a child), the status and how long it took ("-" for the server's own
// refusals, which have no route). Never a name, a child's id or a date of birth.
struct AccessEntry {
    std::int64_t now = 0;  // Unix seconds
    std::string_view client;
    std::int64_t user = 0;
    std::string_view method;
    std::string_view route;
    int status = 0;
    std::optional<std::int64_t> micros;
};
std::string access_line(const AccessEntry& entry);

// Serves until SIGTERM or SIGINT; returns once the connections have drained. `open` opens a
// connection to the database (the composition root's, src/main.cpp): one for each thread that
// handles requests, opened before the server listens.
void serve(const ServeOptions& options, const app::DatabaseFactory& open, const app::StandardSet& standards,
           const app::MeasureSet& measures);

}  // namespace waymark::web
