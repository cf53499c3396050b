#pragma once
// `waymark serve`: the web application on the HTTP server, one database connection per thread.
#include "app/standards_file.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace waymark::web {

struct ServeOptions {
    std::string db_path;
    std::string address = "127.0.0.1";
    std::uint16_t port = 8080;
    unsigned threads = 2;
    std::string assets_dir;  // the design system's dist folder
    // The clock, read once per request: Unix seconds, and the local date for the as-of date.
    std::function<std::int64_t()> now;
    std::function<core::Date()> today;
};

// Serves until SIGTERM or SIGINT; returns once the connections have drained.
void serve(const ServeOptions& options, const app::StandardSet& standards);

}  // namespace waymark::web
