// waymark serve: the web application (docs/web.md).
#include "cli/commands.hpp"
#include "cli/environment.hpp"
#include "cli/options.hpp"
#include "core/error.hpp"
#include "web/server/serve.hpp"

#include <charconv>
#include <chrono>
#include <memory>

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
    options.now = now_seconds;
    options.today = [pinned = args.today] { return pinned ? *pinned : local_today(); };
    const auto standards = ctx.standards();
    const app::DatabaseFactory open = [&] { return ctx.open_database(standards.vocabulary); };
    web::serve(options, open, standards, ctx.measures(standards));
    return 0;
}

// --- The command line: options, help and what to run (options.hpp) ---

void register_serve(Command& root) {
    auto args = std::make_shared<ServeArgs>();
    args->assets_dir = WAYMARK_ASSETS_DIR;
    auto c = root.subcommand("serve", "Run the web application and the JSON API");
    c.option("--listen", args->listen, "ADDRESS:PORT to listen on (default\n127.0.0.1:8080; port 0: any free port)")
        .type_name("ADDR:PORT");
    c.option("--threads", args->threads, "threads serving requests (default 2)").type_name("N");
    c.option("--max-connections", args->max_connections,
             "connections open at once (default 4096);\nbeyond it a new one is answered 503")
        .type_name("N");
    c.option("--report-threads", args->report_threads,
             "threads working out measure reports, apart\nfrom the others (default 2)")
        .type_name("N");
    c.option("--report-timeout", args->report_timeout,
             "seconds a measure report may take before\nit is stopped with 503 (default 20)")
        .type_name("SECONDS");
    c.option("--assets", args->assets_dir, "the design system's dist folder (default:\nnode_modules from the build)")
        .type_name("DIR");
    c.option("--trusted-proxy", args->trusted_proxy,
             "the address of a reverse proxy whose\nX-Forwarded-For gives the client's address")
        .type_name("ADDR");
    c.option("--tls-cert", args->tls_cert, "serve HTTPS only, with this certificate\n(chain, PEM); needs --tls-key")
        .type_name("FILE");
    c.option("--tls-key", args->tls_key, "the certificate's private key (PEM,\nunencrypted)").type_name("FILE");
    c.footer(
        with_global_help("Pages and the API need users: waymark user add. The as-of date of every page\n"
                         "is today (--today pins it). The access log (method, route, status, time; never\n"
                         "a child's id) goes to standard error. SIGTERM or Ctrl-C stops it gracefully:\n"
                         "requests in progress finish. With --tls-cert and --tls-key it speaks HTTPS only\n"
                         "(TLS 1.2 and 1.3); else put it behind a proxy that terminates TLS. See\n"
                         "docs/web.md."));
    c.run([args](const Context& ctx) {
        if (ctx.today_pinned) args->today = ctx.today;
        return cmd_serve(ctx, *args);
    });
}

}  // namespace waymark::cli
