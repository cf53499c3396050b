// The only translation unit with Boost.Beast and Asio (server.hpp says why).
#include "web/server/server.hpp"

#include "core/error.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <csignal>
#include <memory>
#include <set>
#include <thread>
#include <vector>

namespace waymark::web {

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using ErrorCode = beast::error_code;

// Completion as a value: network errors are expected, checked at each step, not thrown.
constexpr auto kNoThrow = net::as_tuple(net::use_awaitable);

// One connection. `busy` (a request being handled or answered) is read and written only on
// the connection's strand, where the session coroutine runs.
struct Connection {
    explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
    beast::tcp_stream stream;
    bool busy = false;
};

class Server {
public:
    Server(const ServerOptions& options, const RequestHandler& handler)
        : options_(options),
          handler_(handler),
          control_(net::make_strand(ioc_)),
          acceptor_(control_),
          signals_(control_, SIGINT, SIGTERM),
          drain_timer_(control_) {}

    void listen(const std::function<void(const std::string&, std::uint16_t)>& on_listening) {
        ErrorCode ec;
        const auto address = net::ip::make_address(options_.address, ec);
        if (ec) throw core::Error(core::ErrorKind::usage, "--listen: '" + options_.address + "' is not an IP address");
        const tcp::endpoint endpoint(address, options_.port);
        acceptor_.open(endpoint.protocol(), ec);
        if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
        if (!ec) acceptor_.bind(endpoint, ec);
        if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
        if (ec) {
            throw core::Error(core::ErrorKind::usage, "cannot listen on " + options_.address + ":" +
                                                          std::to_string(options_.port) + ": " + ec.message());
        }
        const auto bound = acceptor_.local_endpoint();
        on_listening(bound.address().to_string(), bound.port());
    }

    void run() {
        signals_.async_wait([this](ErrorCode ec, int) {
            if (!ec) begin_shutdown();
        });
        net::co_spawn(control_, accept_loop(), net::detached);
        const unsigned n = std::max(1U, options_.threads);
        std::vector<std::thread> threads;
        threads.reserve(n - 1);
        for (unsigned i = 1; i < n; ++i) threads.emplace_back([this] { ioc_.run(); });
        ioc_.run();
        for (auto& t : threads) t.join();
    }

private:
    net::awaitable<void> accept_loop() {
        while (!stopping_) {
            auto [ec, peer] = co_await acceptor_.async_accept(net::make_strand(ioc_), kNoThrow);
            if (ec) {
                if (stopping_ || ec == net::error::operation_aborted) co_return;
                continue;  // e.g. out of file descriptors: this connection is lost, the server goes on
            }
            auto connection = std::make_shared<Connection>(tcp::socket(std::move(peer)));
            ErrorCode ignored;
            connection->stream.socket().set_option(tcp::no_delay(true), ignored);
            connections_.insert(connection);  // on the control strand, as the loop is
            net::co_spawn(connection->stream.get_executor(), session(connection), net::detached);
        }
    }

    net::awaitable<void> session(std::shared_ptr<Connection> c) {
        beast::flat_buffer buffer;
        std::string client;
        {
            ErrorCode ec;
            const auto remote = c->stream.socket().remote_endpoint(ec);
            if (!ec) client = remote.address().to_string();
        }
        bool first = true;
        while (!stopping_) {
            c->busy = false;
            http::request_parser<http::string_body> parser;
            parser.header_limit(options_.header_limit);
            // The headers first, so that an upload route can be given a larger body limit. Beast
            // checks Content-Length against the limit as it finishes the headers, so the larger
            // limit is set first and the route's own checked here; a chunked body is checked by
            // Beast as it arrives.
            parser.body_limit(std::max(options_.body_limit, options_.upload_limit));
            c->stream.expires_after(first ? options_.timeout : options_.idle_timeout);
            first = false;
            auto [hec, hbytes] = co_await http::async_read_header(c->stream, buffer, parser, kNoThrow);
            (void)hbytes;
            ErrorCode ec = hec;
            if (!ec) {
                const auto& head = parser.get();
                const bool upload = head.method() == http::verb::post &&
                                    std::find(options_.upload_targets.begin(), options_.upload_targets.end(),
                                              head.target()) != options_.upload_targets.end();
                const std::uint64_t limit = upload ? options_.upload_limit : options_.body_limit;
                parser.body_limit(limit);
                if (parser.content_length() && *parser.content_length() > limit) ec = http::error::body_limit;
            }
            if (!ec && !parser.is_done()) {
                auto [bec, bbytes] = co_await http::async_read(c->stream, buffer, parser, kNoThrow);
                (void)bbytes;
                ec = bec;
            }
            if (ec == http::error::header_limit || ec == http::error::body_limit) {
                const bool header = ec == http::error::header_limit;
                co_await refuse(
                    *c, header ? http::status::request_header_fields_too_large : http::status::payload_too_large);
                break;
            }
            // end_of_stream: the client closed; timeout, reset, operation_aborted (shut down
            // while idle): nothing more can be said on this connection.
            if (ec) break;
            c->busy = true;
            auto& req = parser.get();
            const Response response = handler_(to_request(req, client));
            http::response<http::string_body> res{static_cast<http::status>(response.status), req.version()};
            for (const auto& [name, value] : response.headers) res.insert(name, value);
            res.body() = response.body;
            res.keep_alive(req.keep_alive() && !stopping_);
            res.prepare_payload();
            c->stream.expires_after(options_.timeout);
            auto [wec, written] = co_await http::async_write(c->stream, res, kNoThrow);
            (void)written;
            if (wec || !res.keep_alive()) break;
        }
        c->busy = false;
        ErrorCode ignored;
        c->stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        c->stream.close();
        net::post(control_, [this, c] {
            connections_.erase(c);
            if (stopping_ && connections_.empty()) drain_timer_.cancel();
        });
    }

    // A request over a limit is answered and the connection closed: what is left of it
    // cannot be read as a request.
    static net::awaitable<void> refuse(Connection& c, http::status status) {
        http::response<http::string_body> res{status, 11};
        res.set(http::field::content_type, "text/plain; charset=utf-8");
        res.set("X-Content-Type-Options", "nosniff");
        res.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        res.body() = std::string(http::obsolete_reason(status)) + "\n";
        res.keep_alive(false);
        res.prepare_payload();
        auto [ec, n] = co_await http::async_write(c.stream, res, kNoThrow);
        (void)ec;
        (void)n;
    }

    static Request to_request(http::request<http::string_body>& req, const std::string& client) {
        Request r;
        r.method = std::string(req.method_string());
        r.target = std::string(req.target());
        r.headers.reserve(static_cast<std::size_t>(std::distance(req.begin(), req.end())));
        for (const auto& field : req) {
            std::string name(field.name_string());
            std::transform(name.begin(), name.end(), name.begin(),
                           [](char ch) { return static_cast<char>(std::tolower(static_cast<unsigned char>(ch))); });
            r.headers.emplace_back(std::move(name), std::string(field.value()));
        }
        r.body = std::move(req.body());
        r.client = client;
        return r;
    }

    // On the control strand: stop accepting, close idle connections, let busy ones finish
    // their request (answered with Connection: close), and give up after drain_timeout.
    void begin_shutdown() {
        stopping_ = true;
        ErrorCode ignored;
        acceptor_.close(ignored);
        for (const auto& c : connections_) {
            net::post(c->stream.get_executor(), [c] {
                if (!c->busy) c->stream.socket().cancel();
            });
        }
        if (connections_.empty()) return;
        drain_timer_.expires_after(options_.drain_timeout);
        drain_timer_.async_wait([this](ErrorCode ec) {
            if (!ec) ioc_.stop();  // requests still running after the grace period are cut off
        });
    }

    const ServerOptions& options_;
    const RequestHandler& handler_;
    net::io_context ioc_;
    net::strand<net::io_context::executor_type> control_;
    tcp::acceptor acceptor_;
    net::signal_set signals_;
    net::steady_timer drain_timer_;
    std::set<std::shared_ptr<Connection>> connections_;  // on the control strand only
    std::atomic<bool> stopping_{false};
};

}  // namespace

void run_server(const ServerOptions& options, const RequestHandler& handler,
                const std::function<void(const std::string&, std::uint16_t)>& on_listening) {
    Server server(options, handler);
    server.listen(on_listening);
    server.run();
}

}  // namespace waymark::web
