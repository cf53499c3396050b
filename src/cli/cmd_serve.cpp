// waymark serve: the web application (docs/web.md).
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "web/server/serve.hpp"

#include <charconv>
#include <chrono>
#include <ctime>

namespace waymark::cli {

using core::Error;
using core::ErrorKind;

int cmd_serve(const Context& ctx, const ServeArgs& args) {
    const auto colon = args.listen.rfind(':');
    unsigned port = 0;
    const char* first = args.listen.data() + (colon == std::string::npos ? 0 : colon + 1);
    const char* last = args.listen.data() + args.listen.size();
    const auto [end, ec] = std::from_chars(first, last, port);
    if (colon == std::string::npos || colon == 0 || ec != std::errc() || end != last || port > 65535) {
        throw Error(ErrorKind::usage, "--listen '" + args.listen + "' must be ADDRESS:PORT, e.g. 127.0.0.1:8080");
    }
    if (args.threads < 1 || args.threads > 64) throw Error(ErrorKind::usage, "--threads must be from 1 to 64");
    if (args.max_connections < 1 || args.max_connections > 1'000'000) {
        throw Error(ErrorKind::usage, "--max-connections must be from 1 to 1000000");
    }
    if (args.report_threads < 1 || args.report_threads > 16) {
        throw Error(ErrorKind::usage, "--report-threads must be from 1 to 16");
    }
    if (args.report_timeout < 1 || args.report_timeout > 3600) {
        throw Error(ErrorKind::usage, "--report-timeout must be from 1 to 3600 seconds");
    }
    web::ServeOptions options;
    options.address = args.listen.substr(0, colon);
    options.port = static_cast<std::uint16_t>(port);
    options.threads = args.threads;
    options.max_connections = args.max_connections;
    options.report_threads = args.report_threads;
    options.report_timeout = std::chrono::seconds(args.report_timeout);
    options.assets_dir = args.assets_dir;
    options.trusted_proxy = args.trusted_proxy;
    if (args.tls_cert.empty() != args.tls_key.empty()) {
        throw Error(ErrorKind::usage, "--tls-cert and --tls-key go together: give both");
    }
    options.tls_cert_file = args.tls_cert;
    options.tls_key_file = args.tls_key;
    // The web's clock: read once per request (DESIGN.md: nothing below cli/ and web/ reads it).
    options.now = [] { return static_cast<std::int64_t>(std::time(nullptr)); };
    options.today = [pinned = args.today] {
        if (pinned) return *pinned;
        const std::time_t now = std::time(nullptr);
        std::tm tm{};
        localtime_r(&now, &tm);
        return core::Date(tm.tm_year + 1900, static_cast<unsigned>(tm.tm_mon + 1), static_cast<unsigned>(tm.tm_mday));
    };
    const auto standards = ctx.standards();
    const app::DatabaseFactory open = [&] { return ctx.open_database(standards.vocabulary); };
    web::serve(options, open, standards, ctx.measures(standards));
    return 0;
}

}  // namespace waymark::cli
