// The only translation unit with Boost.Beast, Asio and OpenSSL (server.hpp says why).
#include "web/server/server.hpp"

#include "core/error.hpp"
#include "web/server/beast_request.hpp"

#include <openssl/ssl.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <csignal>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>
#include <set>
#include <stop_token>
#include <string_view>
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

// One connection: plain HTTP, or HTTPS when the server has a TLS context. `busy` (a request
// being handled or answered) is read and written only on the connection's strand, where the
// session coroutine runs.
struct Connection {
    Connection(tcp::socket socket, net::ssl::context* tls) {
        if (tls != nullptr) {
            secure.emplace(std::move(socket), *tls);
        } else {
            plain.emplace(std::move(socket));
        }
    }
    // The TCP stream under either: its time-outs, its socket.
    beast::tcp_stream& transport() { return secure ? beast::get_lowest_layer(*secure) : *plain; }
    std::optional<beast::tcp_stream> plain;
    std::optional<beast::ssl_stream<beast::tcp_stream>> secure;
    bool busy = false;
    // The client's address, or "" if the connection is already gone.
    std::string peer() {
        ErrorCode ec;
        const auto remote = transport().socket().remote_endpoint(ec);
        return ec ? std::string() : remote.address().to_string();
    }
};

// A request Beast could not parse (a bad request line, header, length or chunk): answered 400,
// as what follows it cannot be read as a request either.
bool malformed(const ErrorCode& ec) {
    return ec.category() == http::make_error_code(http::error::bad_method).category() &&
           ec.value() >= static_cast<int>(http::error::bad_line_ending) &&
           ec.value() <= static_cast<int>(http::error::multiple_content_length);
}

// Reads a PEM file the server was given, or says which one it cannot read and why.
void check_readable(const std::string& option, const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw core::Error(core::ErrorKind::usage,
                          option + " " + path + ": cannot read it (" + std::strerror(errno) + ")");
    }
}

// TLS 1.2 and 1.3 only. For TLS 1.2, forward-secret AEAD ciphers only (ECDHE with AES-GCM or
// ChaCha20-Poly1305: the "intermediate" list that current browsers and curl all speak); TLS
// 1.3's own suites are all of that kind. No compression (CRIME), no renegotiation.
std::unique_ptr<net::ssl::context> make_tls_context(const ServerOptions& o) {
    check_readable("--tls-cert", o.tls_cert_file);
    check_readable("--tls-key", o.tls_key_file);
    auto ctx = std::make_unique<net::ssl::context>(net::ssl::context::tls_server);
    ctx->set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                     net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 | net::ssl::context::no_tlsv1_1 |
                     net::ssl::context::no_compression | net::ssl::context::single_dh_use);
    SSL_CTX* native = ctx->native_handle();
    SSL_CTX_set_options(native, SSL_OP_NO_RENEGOTIATION);
    if (SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION) != 1 ||
        SSL_CTX_set_cipher_list(native,
                                "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                                "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                                "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305") != 1) {
        throw core::Error(core::ErrorKind::internal, "the TLS library refused the protocol versions or ciphers");
    }
    // An encrypted key would make OpenSSL ask for its passphrase on the terminal: answer with
    // none, so that it fails with the message below instead.
    ctx->set_password_callback([](std::size_t, net::ssl::context::password_purpose) { return std::string(); });
    ErrorCode ec;
    ctx->use_certificate_chain_file(o.tls_cert_file, ec);
    if (ec) {
        throw core::Error(core::ErrorKind::usage,
                          "--tls-cert " + o.tls_cert_file + ": not a PEM certificate (" + ec.message() + ")");
    }
    ctx->use_private_key_file(o.tls_key_file, net::ssl::context::pem, ec);
    if (!ec && SSL_CTX_check_private_key(native) != 1) ec = net::error::invalid_argument;
    if (ec) {
        const bool mismatch = ec.message().find("mismatch") != std::string::npos || ec == net::error::invalid_argument;
        throw core::Error(
            core::ErrorKind::usage,
            mismatch ? "--tls-key " + o.tls_key_file +
                           " is not the private key of the certificate in "
                           "--tls-cert " +
                           o.tls_cert_file
                     : "--tls-key " + o.tls_key_file + ": not an unencrypted PEM private key (" + ec.message() + ")");
    }
    return ctx;
}

// Connections over max_connections being answered 503 at once, at most; seconds to come back.
constexpr std::size_t kMostTurnedAway = 64;
constexpr std::string_view kBusyRetryAfter = "5";

class Server {
public:
    Server(const ServerOptions& options, const RequestHandler& handler)
        : options_(options),
          handler_(handler),
          control_(net::make_strand(ioc_)),
          acceptor_(control_),
          signals_(control_, SIGINT, SIGTERM),
          drain_timer_(control_),
          long_pool_(std::max(1U, options.long_threads)) {}

    void listen(const std::function<void(const std::string&, std::uint16_t)>& on_listening) {
        if (!options_.tls_cert_file.empty() || !options_.tls_key_file.empty()) {
            if (options_.tls_cert_file.empty() || options_.tls_key_file.empty()) {
                throw core::Error(core::ErrorKind::usage, "--tls-cert and --tls-key go together: give both");
            }
            tls_ = make_tls_context(options_);
        }
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
        shutdown_.request_stop();
        long_pool_.join();  // before ioc_ goes, as the workers post to it
    }

private:
    net::awaitable<void> accept_loop() {
        AcceptBackoff backoff;
        net::steady_timer pause(control_);
        while (!stopping_) {
            auto [ec, peer] = co_await acceptor_.async_accept(net::make_strand(ioc_), kNoThrow);
            if (ec) {
                if (stopping_ || ec == net::error::operation_aborted) co_return;
                if (ec == net::error::connection_aborted) continue;  // the client gave up: try the next
                // Out of file descriptors, mostly: accept would fail again at once until one is freed.
                pause.expires_after(backoff.after_failure());
                auto [wec] = co_await pause.async_wait(kNoThrow);
                (void)wec;
                continue;
            }
            backoff.after_success();
            auto connection = std::make_shared<Connection>(tcp::socket(std::move(peer)), tls_.get());
            ErrorCode ignored;
            connection->transport().socket().set_option(tcp::no_delay(true), ignored);
            // On the control strand, as the loop is.
            if (connections_.size() >= options_.max_connections) {
                // A few are answered 503; under a flood the rest are closed without a word.
                if (turning_away_ < kMostTurnedAway) {
                    ++turning_away_;
                    net::co_spawn(connection->transport().get_executor(), turn_away(connection), net::detached);
                }
                continue;
            }
            connections_.insert(connection);
            net::co_spawn(connection->transport().get_executor(), session(connection), net::detached);
        }
    }

    // A connection over max_connections: its request's headers are read (so that closing does not
    // reset the connection before the client reads the answer), answered 503 with Retry-After,
    // and the connection closed, all within a few seconds.
    net::awaitable<void> turn_away(std::shared_ptr<Connection> c) {
        c->transport().expires_after(std::min(options_.timeout, std::chrono::seconds(5)));
        const std::string client = c->peer();
        std::optional<std::string> method;
        if (c->secure) {
            auto [ec] = co_await c->secure->async_handshake(net::ssl::stream_base::server, kNoThrow);
            if (!ec) method = co_await answer_busy(*c->secure);
        } else {
            method = co_await answer_busy(*c->plain);
        }
        if (method && options_.refused) options_.refused(client, *method, 503);
        ErrorCode ignored;
        c->transport().socket().shutdown(tcp::socket::shutdown_send, ignored);
        c->transport().close();
        net::post(control_, [this] { --turning_away_; });
    }

    // The method of the request answered 503; nothing if its headers never came.
    template <class Stream>
    static net::awaitable<std::optional<std::string>> answer_busy(Stream& stream) {
        beast::flat_buffer buffer;
        http::request_parser<http::empty_body> parser;
        auto [ec, n] = co_await http::async_read_header(stream, buffer, parser, kNoThrow);
        (void)n;
        if (ec) co_return std::nullopt;
        co_await refuse(stream, http::status::service_unavailable, kBusyRetryAfter);
        co_return std::string(parser.get().method_string());
    }

    net::awaitable<void> session(std::shared_ptr<Connection> c) {
        const std::string client = c->peer();
        if (c->secure) {
            // A client that does not speak TLS (plain HTTP, say) fails the handshake and is
            // closed without a word: there is no safe way to answer it.
            c->transport().expires_after(options_.timeout);
            auto [ec] = co_await c->secure->async_handshake(net::ssl::stream_base::server, kNoThrow);
            if (!ec) {
                co_await serve_requests(*c, *c->secure, client);
                if (!stopping_) {
                    // close_notify, so that the client can tell the end from a truncation.
                    c->transport().expires_after(std::min(options_.timeout, std::chrono::seconds(5)));
                    auto [sec] = co_await c->secure->async_shutdown(kNoThrow);
                    (void)sec;
                }
            }
        } else {
            co_await serve_requests(*c, *c->plain, client);
        }
        c->busy = false;
        ErrorCode ignored;
        c->transport().socket().shutdown(tcp::socket::shutdown_send, ignored);
        c->transport().close();
        net::post(control_, [this, c] {
            connections_.erase(c);
            if (stopping_ && connections_.empty()) drain_timer_.cancel();
        });
    }

    // Requests on one connection, kept alive until the client or a limit ends it.
    template <class Stream>
    net::awaitable<void> serve_requests(Connection& conn, Stream& stream, const std::string& client) {
        Connection* const c = &conn;
        beast::flat_buffer buffer;
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
            c->transport().expires_after(first ? options_.timeout : options_.idle_timeout);
            first = false;
            auto [hec, hbytes] = co_await http::async_read_header(stream, buffer, parser, kNoThrow);
            (void)hbytes;
            ErrorCode ec = hec;
            bool unread_body = false;  // an upload from someone who may not: answered from its headers
            if (!ec && framing_in_doubt(parser.get())) ec = http::error::bad_transfer_encoding;
            if (!ec) {
                const auto& head = parser.get();
                const bool upload = head.method() == http::verb::post &&
                                    std::find(options_.upload_targets.begin(), options_.upload_targets.end(),
                                              head.target()) != options_.upload_targets.end();
                if (upload && options_.may_upload && !parser.is_done()) {
                    unread_body = !options_.may_upload(to_request(parser.get(), client));
                }
                const std::uint64_t limit = upload && !unread_body ? options_.upload_limit : options_.body_limit;
                parser.body_limit(limit);
                if (!unread_body && parser.content_length() && *parser.content_length() > limit) {
                    ec = http::error::body_limit;
                }
            }
            if (!ec && !unread_body && !parser.is_done()) {
                auto [bec, bbytes] = co_await http::async_read(stream, buffer, parser, kNoThrow);
                (void)bbytes;
                ec = bec;
            }
            if (ec == http::error::header_limit || ec == http::error::body_limit || malformed(ec)) {
                c->transport().expires_after(options_.timeout);
                const http::status status = ec == http::error::header_limit
                                                ? http::status::request_header_fields_too_large
                                            : ec == http::error::body_limit ? http::status::payload_too_large
                                                                            : http::status::bad_request;
                if (options_.refused) {
                    // A method Beast did not finish reading is not repeated into the log.
                    const std::string method =
                        parser.is_header_done() ? std::string(parser.get().method_string()) : std::string("-");
                    options_.refused(client, method, static_cast<int>(status));
                }
                co_await refuse(stream, status);
                break;
            }
            // end_of_stream: the client closed; timeout, reset, operation_aborted (shut down
            // while idle): nothing more can be said on this connection.
            if (ec) break;
            c->busy = true;
            auto& req = parser.get();
            Request request = to_request(req, client);
            LongAnswer answered;
            if (options_.runs_long && options_.runs_long(request)) {
                answered = co_await run_long(std::move(request));
            } else {
                answered.response = answer(request);
            }
            Response& response = answered.response;
            http::response<http::string_body> res{static_cast<http::status>(response.status), req.version()};
            for (const auto& [name, value] : response.headers) res.insert(name, value);
            // A type with its charset on every response, one without a body included (ASVS V14.4.1).
            if (res.find(http::field::content_type) == res.end()) {
                res.set(http::field::content_type, "text/plain; charset=utf-8");
            }
            res.body() = std::move(response.body);  // a page may be 400 kB: not copied
            res.keep_alive(req.keep_alive() && !stopping_ && !unread_body && !answered.overdue);
            res.prepare_payload();
            c->transport().expires_after(options_.timeout);
            auto [wec, written] = co_await http::async_write(stream, res, kNoThrow);
            (void)written;
            if (wec || !res.keep_alive()) break;
        }
    }

    // The handler's answer; an exception it lets out (none should: handle() answers them) is a
    // bare 500, not the end of the server.
    Response answer(const Request& request) const {
        try {
            return handler_(request);
        } catch (const std::exception&) {
            Response r;
            r.status = 500;
            r.set("Content-Type", "text/plain; charset=utf-8");
            r.body = "Internal Server Error\n";
            return r;
        }
    }

    // Busy (the long pool and its queue are full) or overdue (past long_timeout): the
    // application's page for it, or a plain one.
    Response unavailable(const Request& head, bool overdue) const {
        if (options_.unavailable) return options_.unavailable(head, overdue);
        Response r;
        r.status = 503;
        r.set("Content-Type", "text/plain; charset=utf-8");
        r.set("Retry-After", "60");
        r.body = overdue ? "This report took too long.\n" : "Too busy with other reports.\n";
        return r;
    }

    struct LongAnswer {
        Response response;
        bool overdue = false;  // the connection is closed after it
    };

    // What a long request's worker and its connection share: the answer, posted back to the
    // connection's strand, where `done` (a timer as a signal) is cancelled to wake it.
    struct LongRequest {
        explicit LongRequest(const net::any_io_executor& executor) : done(executor) {}
        net::steady_timer done;
        std::optional<Response> response;
        std::stop_source stop;
    };

    // A request that may run long, on the long pool: answered when done, or as overdue after
    // long_timeout (its stop requested, so that the work ends and frees its thread), or at once
    // as busy when long_threads are working and long_queue waiting.
    net::awaitable<LongAnswer> run_long(Request request) {
        Request head;  // for the busy or overdue page: the request without its body
        head.method = request.method;
        head.target = request.target;
        head.headers = request.headers;
        head.client = request.client;
        const std::size_t most = std::max(1U, options_.long_threads) + options_.long_queue;
        if (long_in_flight_.fetch_add(1) >= most) {
            long_in_flight_.fetch_sub(1);
            co_return LongAnswer{unavailable(head, false), false};
        }
        auto state = std::make_shared<LongRequest>(co_await net::this_coro::executor);
        request.stop = state->stop.get_token();
        net::post(long_pool_, [this, state, request = std::move(request)] {
            Response response;
            {
                // Shutdown past its grace period stops the work as the time limit does.
                const std::stop_callback on_shutdown(shutdown_.get_token(), [&state] { state->stop.request_stop(); });
                response = answer(request);
            }
            long_in_flight_.fetch_sub(1);
            net::post(state->done.get_executor(), [state, response = std::move(response)]() mutable {
                state->response = std::move(response);
                state->done.cancel();
            });
        });
        state->done.expires_after(options_.long_timeout);
        auto [ec] = co_await state->done.async_wait(kNoThrow);
        (void)ec;
        if (state->response) co_return LongAnswer{std::move(*state->response), false};
        state->stop.request_stop();
        co_return LongAnswer{unavailable(head, true), true};
    }

    // A request over a limit, or malformed, is answered and the connection closed: what is left
    // of it cannot be read as a request.
    template <class Stream>
    static net::awaitable<void> refuse(Stream& stream, http::status status, std::string_view retry_after = {}) {
        http::response<http::string_body> res{status, 11};
        res.set(http::field::content_type, "text/plain; charset=utf-8");
        if (!retry_after.empty()) res.set(http::field::retry_after, retry_after);
        res.set("X-Content-Type-Options", "nosniff");
        res.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        res.body() = std::string(http::obsolete_reason(status)) + "\n";
        res.keep_alive(false);
        res.prepare_payload();
        auto [ec, n] = co_await http::async_write(stream, res, kNoThrow);
        (void)ec;
        (void)n;
    }

    // On the control strand: stop accepting, close idle connections, let busy ones finish
    // their request (answered with Connection: close), and give up after drain_timeout.
    void begin_shutdown() {
        stopping_ = true;
        ErrorCode ignored;
        acceptor_.close(ignored);
        for (const auto& c : connections_) {
            net::post(c->transport().get_executor(), [c] {
                // The connection may have closed its socket since it was listed (its removal is
                // posted here after): cancelling a closed socket is an error, never a throw.
                ErrorCode not_open;
                if (!c->busy) c->transport().socket().cancel(not_open);
            });
        }
        if (connections_.empty()) return;
        drain_timer_.expires_after(options_.drain_timeout);
        drain_timer_.async_wait([this](ErrorCode ec) {
            if (ec) return;
            shutdown_.request_stop();  // long requests still running are told to stop
            ioc_.stop();               // and the rest cut off after the grace period
        });
    }

    const ServerOptions& options_;
    const RequestHandler& handler_;
    std::unique_ptr<net::ssl::context> tls_;  // HTTPS only, when set
    net::io_context ioc_;
    net::strand<net::io_context::executor_type> control_;
    tcp::acceptor acceptor_;
    net::signal_set signals_;
    net::steady_timer drain_timer_;
    std::set<std::shared_ptr<Connection>> connections_;  // on the control strand only
    std::size_t turning_away_ = 0;                       // connections being answered 503; the same
    std::atomic<bool> stopping_{false};
    net::thread_pool long_pool_;                  // after ioc_, so that it is joined first
    std::atomic<std::size_t> long_in_flight_{0};  // long requests working or waiting
    std::stop_source shutdown_;
};

}  // namespace

void run_server(const ServerOptions& options, const RequestHandler& handler,
                const std::function<void(const std::string&, std::uint16_t)>& on_listening) {
    Server server(options, handler);
    server.listen(on_listening);
    server.run();
}

}  // namespace waymark::web
