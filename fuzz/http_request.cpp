// Fuzz target: raw bytes as they would arrive on a connection -> Beast's request parser with the
// server's limits, as server.cpp reads them (headers first, then the body under the limit of
// its route) -> the server's web::Request -> web::handle, the whole application, over an
// in-memory database with the fixture (fixture.hpp). Several requests may follow one another
// on the connection (keep-alive), as a client may pipeline them.
//
// Findings besides crashes, leaks and undefined behaviour: a response with a status outside
// 100-599, a response header that could split the response (CR, LF or NUL in it), or a 5xx
// (an internal error or a database fault on input that should have been refused with a 4xx).
#include "fuzz/fixture.hpp"
#include "fuzz/support.hpp"
#include "web/routes/assets.hpp"
#include "web/routes/handlers.hpp"
#include "web/server/beast_request.hpp"
#include "web/server/serve.hpp"
#include "web/server/server.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>

namespace {

namespace http = boost::beast::http;
using namespace waymark;

// A SyncReadStream over the input, as a socket would deliver it; at its end, the client closed.
class InputStream {
public:
    explicit InputStream(std::string_view bytes) : rest_(bytes) {}

    template <class MutableBuffers>
    std::size_t read_some(const MutableBuffers& buffers, boost::beast::error_code& ec) {
        if (rest_.empty()) {
            ec = boost::asio::error::eof;
            return 0;
        }
        ec = {};
        const std::size_t n = boost::asio::buffer_copy(buffers, boost::asio::buffer(rest_.data(), rest_.size()));
        rest_.remove_prefix(n);
        return n;
    }
    template <class MutableBuffers>
    std::size_t read_some(const MutableBuffers& buffers) {
        boost::beast::error_code ec;
        const std::size_t n = read_some(buffers, ec);
        if (ec) throw boost::system::system_error(ec);
        return n;
    }

private:
    std::string_view rest_;
};

constexpr const char* kPeer = "192.0.2.1";
constexpr std::size_t kMaxRequests = 8;  // on one connection

struct Target {
    fuzz::MemoryDatabase db{"waymark-fuzz-http"};
    app::StandardSet standards = app::default_standards();
    app::MeasureSet measures = app::default_measures(standards);
    std::unique_ptr<store::SqliteStore> store;
    // No sign-in attempt is allowed: each would hash a password (Argon2id, 0.1 s by design).
    // The form and its CSRF check are still reached.
    web::SignInLimiter limiter{0, 300};
    web::ServerOptions server;                                   // the server's own limits
    web::Assets assets = web::Assets::load(WAYMARK_ASSETS_DIR);  // as serve loads them at start

    Target() {
        store = std::make_unique<store::SqliteStore>(db.uri(), standards.vocabulary);
        fuzz::write_fixture(*store, standards);
        db.snapshot();
    }

    web::AppContext context() {
        return web::AppContext{*store, *store,   standards, fuzz::kNow, core::Date::parse(fuzz::kToday),
                               false,  &limiter, &assets,   {},         &measures};
    }

    // serve.cpp's handler: the client as a trusted proxy would name it, then the application.
    web::Response handle(const web::Request& received) {
        web::Request request = received;
        request.client = web::client_address(received.client, received.header("x-forwarded-for"), kPeer);
        auto ctx = context();
        return web::handle(request, ctx);
    }
};

// Made once, at the first input.
Target& target() {
    static Target t;
    return t;
}

void check(const web::Response& r) {
    if (r.status < 100 || r.status > 599) fuzz::fail("a response with status " + std::to_string(r.status));
    if (r.status >= 500) fuzz::fail("a " + std::to_string(r.status) + " response on route " + r.route);
    for (const auto& [name, value] : r.headers) {
        const auto splits = [](const std::string& s) { return s.find_first_of(std::string("\r\n\0", 3)) != s.npos; };
        if (name.empty() || splits(name) || splits(value)) {
            fuzz::fail("a response header with CR, LF or NUL (" + name + ") on route " + r.route);
        }
    }
}

// As server.cpp's serve_requests reads one request and answers it (a change there is made here
// too); false when the connection ends (an error, a limit, or no keep-alive).
bool serve_one(Target& t, InputStream& stream, boost::beast::flat_buffer& buffer) {
    const web::ServerOptions& o = t.server;
    http::request_parser<http::string_body> parser;
    parser.header_limit(o.header_limit);
    parser.body_limit(std::max(o.body_limit, o.upload_limit));
    boost::beast::error_code ec;
    http::read_header(stream, buffer, parser, ec);
    bool unread_body = false;
    if (!ec && web::framing_in_doubt(parser.get())) return false;  // answered 400 and closed
    if (!ec) {
        const auto& head = parser.get();
        const bool upload =
            head.method() == http::verb::post &&
            std::find(o.upload_targets.begin(), o.upload_targets.end(), head.target()) != o.upload_targets.end();
        if (upload && !parser.is_done()) {
            auto ctx = t.context();
            unread_body = !web::may_upload(web::to_request(parser.get(), kPeer), ctx);
        }
        const std::uint64_t limit = upload && !unread_body ? o.upload_limit : o.body_limit;
        parser.body_limit(limit);
        if (!unread_body && parser.content_length() && *parser.content_length() > limit) return false;
    }
    if (!ec && !unread_body && !parser.is_done()) http::read(stream, buffer, parser, ec);
    if (ec) return false;  // over a limit (answered 413 or 431), malformed, or cut off: the connection ends

    auto& req = parser.get();
    web::Response response = t.handle(web::to_request(req, kPeer));
    check(response);
    // WAYMARK_FUZZ_VERBOSE=1: each answer, to see what a corpus file reaches.
    static const bool verbose = std::getenv("WAYMARK_FUZZ_VERBOSE") != nullptr;
    if (verbose) std::fprintf(stderr, "%d %s\n", response.status, response.route.c_str());
    // The server writes the response with Beast.
    http::response<http::string_body> res{static_cast<http::status>(response.status), req.version()};
    for (const auto& [name, value] : response.headers) res.insert(name, value);
    res.body() = std::move(response.body);
    res.keep_alive(req.keep_alive() && !unread_body);
    res.prepare_payload();
    std::ostringstream out;
    out << res;
    return res.keep_alive();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Target& t = target();
    t.db.restore();
    InputStream stream(std::string_view(reinterpret_cast<const char*>(data), size));
    boost::beast::flat_buffer buffer;
    for (std::size_t i = 0; i < kMaxRequests && serve_one(t, stream, buffer); ++i) {
    }
    return 0;
}
