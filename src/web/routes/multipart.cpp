#include "web/routes/multipart.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace waymark::web {

namespace {

using core::Error;
using core::ErrorKind;

[[noreturn]] void bad(const std::string& what) {
    throw Error(ErrorKind::invalid_input, "the upload is not valid: " + what);
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Parameters of a header value ("form-data; name=\"a\"; filename=\"b.csv\""): the value
// before the first ';', then each name=value, the value a token or a quoted string. A quoted
// string is returned without its quotes; browsers percent-encode '"' in names and file names
// rather than escaping it, so a backslash is kept as it is.
struct HeaderValue {
    std::string_view value;
    std::vector<std::pair<std::string_view, std::string_view>> params;
    [[nodiscard]] std::optional<std::string_view> param(std::string_view name) const {
        for (const auto& [k, v] : params) {
            if (iequals(k, name)) return v;
        }
        return std::nullopt;
    }
};

HeaderValue parse_header_value(std::string_view s) {
    HeaderValue h;
    const auto semi = s.find(';');
    h.value = trim(s.substr(0, semi));
    if (semi == std::string_view::npos) return h;
    s.remove_prefix(semi + 1);
    while (!s.empty()) {
        s = trim(s);
        if (s.empty()) break;
        const auto eq = s.find('=');
        if (eq == std::string_view::npos) bad("a header parameter has no value");
        const std::string_view name = trim(s.substr(0, eq));
        s.remove_prefix(eq + 1);
        s = trim(s);
        std::string_view value;
        if (!s.empty() && s.front() == '"') {
            const auto close = s.find('"', 1);
            if (close == std::string_view::npos) bad("a quoted header parameter is not closed");
            value = s.substr(1, close - 1);
            s.remove_prefix(close + 1);
            s = trim(s);
            if (!s.empty() && s.front() != ';') bad("text after a quoted header parameter");
        } else {
            const auto next = s.find(';');
            value = trim(s.substr(0, next));
            s.remove_prefix(next == std::string_view::npos ? s.size() : next);
        }
        if (!s.empty() && s.front() == ';') s.remove_prefix(1);
        h.params.emplace_back(name, value);
    }
    return h;
}

}  // namespace

std::optional<std::string_view> multipart_boundary(std::string_view content_type) {
    const HeaderValue h = parse_header_value(content_type);
    if (!iequals(h.value, "multipart/form-data")) return std::nullopt;
    const auto b = h.param("boundary");
    if (!b || b->empty() || b->size() > 70) return std::nullopt;
    return b;
}

std::vector<MultipartPart> parse_multipart(std::string_view content_type, std::string_view body,
                                           const MultipartLimits& limits) {
    std::optional<std::string_view> boundary;
    try {
        boundary = multipart_boundary(content_type);
    } catch (const Error&) {
        boundary.reset();
    }
    if (!boundary) bad("expected a multipart/form-data body with a boundary of 1 to 70 characters");
    const std::string delimiter = "--" + std::string(*boundary);
    const std::string next_delimiter = "\r\n" + delimiter;

    // The first delimiter starts the body or follows a preamble line.
    std::size_t pos = 0;
    if (!body.starts_with(delimiter)) {
        pos = body.find(next_delimiter);
        if (pos == std::string_view::npos) bad("the boundary does not appear in the body");
        pos += 2;
    }
    pos += delimiter.size();

    std::vector<MultipartPart> parts;
    for (;;) {
        if (body.substr(pos, 2) == "--") return parts;  // the closing delimiter
        if (body.substr(pos, 2) != "\r\n") bad("a boundary line does not end with CRLF");
        pos += 2;
        if (parts.size() == limits.max_parts) bad("more than " + std::to_string(limits.max_parts) + " parts");

        const auto headers_end = body.find("\r\n\r\n", pos);
        if (headers_end == std::string_view::npos && body.size() - pos > limits.max_header_bytes) {
            bad("a part's headers are longer than " + std::to_string(limits.max_header_bytes) + " bytes");
        }
        if (headers_end == std::string_view::npos) bad("a part's headers do not end");
        if (headers_end - pos > limits.max_header_bytes) {
            bad("a part's headers are longer than " + std::to_string(limits.max_header_bytes) + " bytes");
        }
        MultipartPart part;
        bool disposition = false;
        std::string_view headers = body.substr(pos, headers_end - pos);
        while (!headers.empty()) {
            const auto eol = headers.find("\r\n");
            const std::string_view line = headers.substr(0, eol);
            headers.remove_prefix(eol == std::string_view::npos ? headers.size() : eol + 2);
            const auto colon = line.find(':');
            if (colon == std::string_view::npos) bad("a part's header line has no ':'");
            const std::string_view name = trim(line.substr(0, colon));
            const std::string_view value = trim(line.substr(colon + 1));
            if (iequals(name, "Content-Disposition")) {
                const HeaderValue h = parse_header_value(value);
                if (!iequals(h.value, "form-data")) bad("a part is not form-data");
                const auto n = h.param("name");
                if (!n || n->empty()) bad("a part has no name");
                part.name = *n;
                part.filename = h.param("filename");
                disposition = true;
            } else if (iequals(name, "Content-Type")) {
                part.content_type = value;
            }
        }
        if (!disposition) bad("a part has no Content-Disposition");
        pos = headers_end + 4;

        const auto end = body.find(next_delimiter, pos);
        if (end == std::string_view::npos) bad("the body ends before its closing boundary");
        part.body = body.substr(pos, end - pos);
        parts.push_back(part);
        pos = end + next_delimiter.size();
    }
}

const MultipartPart* find_part(const std::vector<MultipartPart>& parts, std::string_view name) {
    for (const auto& p : parts) {
        if (p.name == name) return &p;
    }
    return nullptr;
}

}  // namespace waymark::web
