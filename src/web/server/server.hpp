#pragma once
// The HTTP server (Boost.Beast, C++20 coroutines), in the shape of Beast's advanced server: a
// listener, one session per connection with keep-alive, header and body size limits, a
// time-out on every read and write, and graceful shutdown on SIGTERM or SIGINT (stop
// accepting, let requests in progress finish, close idle connections). It knows nothing of
// the application: each request is handed to `handler` on the server's threads. Beast appears
// only in server.cpp, as it costs about 17 s and 0.8 GB to compile.
#include "web/routes/http.hpp"

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::web {

struct ServerOptions {
    std::string address = "127.0.0.1";
    std::uint16_t port = 8080;  // 0: any free port (the one chosen is passed to on_listening)
    unsigned threads = 2;
    std::uint32_t header_limit = 8 * 1024;     // bytes of request line and headers
    std::uint64_t body_limit = 1024UL * 1024;  // bytes of body
    // POSTs to these targets (exactly: no query) may have bodies up to upload_limit: a council's
    // events.csv runs to tens of megabytes (about 100 bytes a row).
    std::vector<std::string> upload_targets = {"/import"};
    std::uint64_t upload_limit = 64UL * 1024 * 1024;
    // Asked with an upload's request line and headers (no body yet): whether its sender may
    // upload (a signed-in user whose role may import). If not, the body is not read: the
    // handler is given the headers alone, to answer (sign in, or not allowed), and the
    // connection is closed. Unset: everyone may.
    std::function<bool(const Request& head)> may_upload;
    // Connections open at once; beyond it a new one is answered 503 (Retry-After) and closed.
    std::size_t max_connections = 4096;
    // Requests that may run long (measure reports) run on a pool of their own, so that the I/O
    // threads go on answering everyone else: long_threads at once and long_queue waiting; a
    // request beyond those is answered at once with unavailable(request, false) (busy), and one
    // not done in long_timeout (counted from when it was read) with unavailable(request, true)
    // (overdue), while its Request::stop is requested so that its thread is freed. Unset
    // runs_long: everything runs on the I/O threads.
    std::function<bool(const Request& request)> runs_long;
    unsigned long_threads = 2;
    std::size_t long_queue = 8;
    std::chrono::seconds long_timeout{20};
    std::function<Response(const Request& request, bool overdue)> unavailable;
    // Told of each request the server answers itself, never reaching the handler: 400 (framing it
    // cannot read, or in doubt), 413 (body too large), 431 (headers too large) and 503 (over
    // max_connections), with the client's address and the request's method ("-" when its
    // headers were never read). For the access log; unset: not told.
    std::function<void(const std::string& client, std::string_view method, int status)> refused;
    std::chrono::seconds timeout{30};        // for reading a request and writing a response
    std::chrono::seconds idle_timeout{60};   // a kept-alive connection waiting for its next request
    std::chrono::seconds drain_timeout{10};  // at shutdown, how long requests in progress may take
    // HTTPS only when both are set: the certificate (chain) and its private key, PEM files.
    std::string tls_cert_file;
    std::string tls_key_file;
};

// The accept loop's wait after a failed accept (out of file descriptors, mostly: EMFILE,
// ENFILE): 10 ms, doubling up to 1 s, and 10 ms again after a success. Trying again at once would
// spin a core until a descriptor is freed, as accept fails at once every time.
class AcceptBackoff {
public:
    std::chrono::milliseconds after_failure() {
        const auto wait = next_;
        next_ = std::min(next_ * 2, kLongest);
        return wait;
    }
    void after_success() { next_ = kShortest; }

private:
    static constexpr std::chrono::milliseconds kShortest{10};
    static constexpr std::chrono::milliseconds kLongest{1000};
    std::chrono::milliseconds next_ = kShortest;
};

using RequestHandler = std::function<Response(const Request&)>;

// Serves until SIGTERM or SIGINT, then drains and returns. `on_listening` is called with the
// address and port once the socket listens. Throws core::Error(usage) if it cannot listen, or
// if the TLS certificate or key cannot be read, is not PEM, or the key is not the certificate's
// (the message names the file). Under TLS only TLS 1.2 and 1.3 are spoken, with forward-secret
// AEAD ciphers; a client speaking plain HTTP gets its connection closed.
void run_server(const ServerOptions& options, const RequestHandler& handler,
                const std::function<void(const std::string& address, std::uint16_t port)>& on_listening);

}  // namespace waymark::web
