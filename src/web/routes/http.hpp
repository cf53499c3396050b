#pragma once
// Requests and responses as plain values: the handlers know nothing of sockets or Beast, so
// they are tested by calling them (tests/unit/web_*_test.cpp).
#include <cstdint>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace waymark::web {

using Fields = std::vector<std::pair<std::string, std::string>>;

struct Request {
    std::string method;  // GET, POST, ...
    std::string target;  // origin form: /children?sort=stage
    Fields headers;      // names in lower case
    std::string body;
    std::string client;  // the peer's address (rate limiting)
    // Requested when no one waits for the answer any more (a report past its time limit, or
    // shutdown): long work checks it and stops (app::MeasureQuery::stop).
    std::stop_token stop{};

    [[nodiscard]] std::string_view header(std::string_view name) const;
    // The path without the query, still percent-encoded (the router decodes each segment after
    // splitting, so that an encoded slash stays in its segment); nothing if the target is not a
    // valid origin form.
    [[nodiscard]] std::optional<std::string> path() const;
    [[nodiscard]] std::optional<std::string> cookie(std::string_view name) const;
    // application/x-www-form-urlencoded fields of the body.
    [[nodiscard]] Fields form() const;
    // The first query parameter of that name, decoded; nothing if absent or the target is invalid.
    [[nodiscard]] std::optional<std::string> query_param(std::string_view name) const;
};

struct Response {
    int status = 200;
    Fields headers;  // Content-Type and the rest; security headers are added by handle()
    std::string body;
    std::string route;      // the route's pattern, for the access log (never the child's id)
    std::int64_t user = 0;  // the signed-in user's id number, for the access log (0: none)

    void set(std::string name, std::string value);
    [[nodiscard]] std::string_view header(std::string_view name) const;  // case-insensitive
};

std::optional<std::string_view> find_field(const Fields& fields, std::string_view name);

// Decodes %XX escapes (and '+' as space when `plus_is_space`); nothing if an escape is malformed.
std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space);

}  // namespace waymark::web
