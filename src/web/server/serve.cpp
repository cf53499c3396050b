#include "web/server/serve.hpp"

#include "web/routes/assets.hpp"
#include "web/routes/handlers.hpp"
#include "web/server/audit_head_log.hpp"
#include "web/server/server.hpp"

#include <malloc.h>

#include <condition_variable>
#include <iostream>
#include <memory>
#include <mutex>
#include <vector>

namespace waymark::web {

namespace {

// SQLite connections are opened without a mutex of their own (SQLITE_OPEN_NOMUTEX), so each is
// used by one request at a time: a request borrows one for as long as it is handled.
class StorePool {
public:
    StorePool(const app::DatabaseFactory& open, unsigned size) {
        for (unsigned i = 0; i < size; ++i) free_.push_back(open());
    }
    class Lease {
    public:
        Lease(StorePool& pool, std::unique_ptr<app::Database> s) : pool_(pool), store_(std::move(s)) {}
        ~Lease() { pool_.give_back(std::move(store_)); }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        app::Database& operator*() const { return *store_; }

    private:
        StorePool& pool_;
        std::unique_ptr<app::Database> store_;
    };
    Lease borrow() {
        std::unique_lock lock(mutex_);
        available_.wait(lock, [this] { return !free_.empty(); });
        auto s = std::move(free_.back());
        free_.pop_back();
        return {*this, std::move(s)};
    }

private:
    void give_back(std::unique_ptr<app::Database> s) {
        {
            const std::lock_guard lock(mutex_);
            free_.push_back(std::move(s));
        }
        available_.notify_one();
    }
    std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<app::Database>> free_;
};

}  // namespace

std::string client_address(const std::string& peer, std::string_view forwarded_for, const std::string& trusted_proxy) {
    if (trusted_proxy.empty() || peer != trusted_proxy || forwarded_for.empty()) return peer;
    std::string_view last = forwarded_for.substr(forwarded_for.rfind(',') + 1);
    while (!last.empty() && last.front() == ' ') last.remove_prefix(1);
    while (!last.empty() && last.back() == ' ') last.remove_suffix(1);
    return last.empty() ? peer : std::string(last);
}

std::string access_line(const AccessEntry& e) {
    std::string line = iso_utc(e.now) + " " + (e.client.empty() ? std::string("-") : std::string(e.client)) + " " +
                       (e.user > 0 ? "user=" + std::to_string(e.user) : std::string("user=-")) + " " +
                       std::string(e.method) + " " + std::string(e.route) + " " + std::to_string(e.status) + " ";
    if (e.micros) {
        line += std::to_string(*e.micros / 1000) + "." + std::to_string(*e.micros % 1000 / 100) + "ms";
    } else {
        line += "-";
    }
    return line + "\n";
}

namespace {

// Pages run to hundreds of kilobytes (400 kB for a council of 1,500 children). By default glibc
// gives blocks that large fresh pages from the kernel (mmap) and returns freed memory at the
// top of the heap (trim), so every such page cost page faults, zeroing and unmapping: about a
// third of the time of the children list. Keep them in the heap instead: the server's memory
// stays at its peak rather than shrinking between requests.
void keep_freed_memory() {
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
}

}  // namespace

void serve(const ServeOptions& options, const app::DatabaseFactory& open, const app::StandardSet& standards,
           const app::MeasureSet& measures) {
    keep_freed_memory();
    ServerOptions server;
    server.address = options.address;
    server.port = options.port;
    server.threads = options.threads;
    server.max_connections = options.max_connections;
    server.runs_long = runs_long;
    server.long_threads = std::max(1U, options.report_threads);
    server.long_queue = 4 * std::size_t{server.long_threads};
    server.long_timeout = options.report_timeout;
    server.tls_cert_file = options.tls_cert_file;
    server.tls_key_file = options.tls_key_file;
    const bool tls = !options.tls_cert_file.empty();
    // A connection for each thread that handles requests: the I/O threads and the reports' pool.
    StorePool pool(open, std::max(1U, options.threads) + server.long_threads);
    SignInLimiter limiter;
    const Assets assets = options.assets_dir.empty() ? Assets() : Assets::load(options.assets_dir);
    app::StatusCache status_cache;
    const auto context_for = [&](app::Database& store) {
        return AppContext{store,    store,   standards, options.now(), options.today(), tls,
                          &limiter, &assets, {},        &measures,     &status_cache};
    };
    AuditHeadLog head_log(std::cerr);
    head_log.write(*pool.borrow(), options.now());
    const RequestHandler handler = [&](const Request& received) {
        const auto started = std::chrono::steady_clock::now();
        Request request = received;
        request.client = client_address(received.client, received.header("x-forwarded-for"), options.trusted_proxy);
        const auto lease = pool.borrow();
        AppContext context = context_for(*lease);
        context.stop = received.stop;
        Response response = handle(request, context);
        const auto micros =
            std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
        // The access log: the route's pattern, never the path, which names the child.
        std::cerr << access_line({options.now(), request.client, response.user, request.method, response.route,
                                  response.status, micros})
                  << std::flush;
        head_log.after_request(*lease, options.now());
        return response;
    };
    server.unavailable = [&](const Request& request, bool overdue) {
        const std::string client =
            client_address(request.client, request.header("x-forwarded-for"), options.trusted_proxy);
        std::cerr << access_line({options.now(), client, 0, request.method,
                                  overdue ? "(report too long)" : "(reports busy)", 503, std::nullopt})
                  << std::flush;
        return report_unavailable(request, tls, overdue);
    };
    server.refused = [&](const std::string& client, std::string_view method, int status) {
        std::cerr << access_line({options.now(), client, 0, method, "(refused by the server)", status, std::nullopt})
                  << std::flush;
    };
    server.may_upload = [&](const Request& head) {
        const auto lease = pool.borrow();
        AppContext context = context_for(*lease);
        return may_upload(head, context);
    };
    run_server(server, handler, [&](const std::string& address, std::uint16_t port) {
        std::cerr << "waymark serve: listening on " << (tls ? "https" : "http") << "://" << address << ":" << port
                  << "/ (" << server.threads << " threads, " << server.long_threads
                  << " for reports; stop with Ctrl-C or SIGTERM)\n"
                  << std::flush;
    });
    head_log.write(*pool.borrow(), options.now());
    std::cerr << "waymark serve: stopped\n";
}

}  // namespace waymark::web
