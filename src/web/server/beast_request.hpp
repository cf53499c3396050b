#pragma once
// The server's conversion of a request Beast has parsed into a web::Request: header names in
// lower case, the body moved out. A header of its own so that the HTTP fuzz target
// (fuzz/http_request.cpp) converts exactly as the server does. Include it only where Beast is
// included already (server.cpp and that target): Beast is slow to compile.
#include "web/routes/http.hpp"

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <string>
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

}  // namespace waymark::web
