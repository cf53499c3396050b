#pragma once
// The server's conversion of a request Beast has parsed into a web::Request: header names in
// lower case, the body moved out; and its check of the request's framing. A header of its own so that the HTTP fuzz
// target (fuzz/http_request.cpp) converts exactly as the server does. Include it only where Beast is included already
// (server.cpp and that target): Beast is slow to compile.
#include "web/routes/http.hpp"

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>

namespace waymark::web {

inline Request to_request(boost::beast::http::request<boost::beast::http::string_body>& req,
                          const std::string& client) {
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

// RFC 9112 section 6.1: a request whose body length the server and a proxy in front of it could
// read differently. The only transfer coding supported is chunked alone: anything else (a final
// coding that is not chunked, codings before it, two Transfer-Encoding fields), Content-Length
// beside it, or Transfer-Encoding in HTTP/1.0 would let the rest be read as another request.
inline bool framing_in_doubt(const boost::beast::http::request<boost::beast::http::string_body>& head) {
    const auto codings = head.count(boost::beast::http::field::transfer_encoding);
    if (codings == 0) return false;
    if (codings > 1 || head.version() < 11 || head.count(boost::beast::http::field::content_length) > 0) return true;
    std::string_view coding = head[boost::beast::http::field::transfer_encoding];
    while (!coding.empty() && (coding.front() == ' ' || coding.front() == '\t')) coding.remove_prefix(1);
    while (!coding.empty() && (coding.back() == ' ' || coding.back() == '\t')) coding.remove_suffix(1);
    return !boost::beast::iequals(coding, "chunked");
}

}  // namespace waymark::web
