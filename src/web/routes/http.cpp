#include "web/routes/http.hpp"

#include <boost/url/parse.hpp>

#include <algorithm>
#include <cctype>

namespace waymark::web {

namespace {

bool iequal(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
    });
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%') {
            if (i + 2 >= s.size()) return std::nullopt;
            const int hi = hex_value(s[i + 1]);
            const int lo = hex_value(s[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else if (s[i] == '+' && plus_is_space) {
            out += ' ';
        } else {
            out += s[i];
        }
    }
    return out;
}

std::optional<std::string_view> find_field(const Fields& fields, std::string_view name) {
    for (const auto& [k, v] : fields) {
        if (k == name) return std::string_view(v);
    }
    return std::nullopt;
}

std::string_view Request::header(std::string_view name) const {
    for (const auto& [k, v] : headers) {
        if (iequal(k, name)) return v;
    }
    return {};
}

std::optional<std::string> Request::path() const {
    // Boost.URL checks the target's syntax (RFC 3986 origin form). The path stays encoded: the
    // router splits it at its slashes before decoding each segment.
    const auto url = boost::urls::parse_origin_form(target);
    if (!url) return std::nullopt;
    return std::string(url->encoded_path());
}

std::optional<std::string> Request::cookie(std::string_view name) const {
    std::string_view all = header("cookie");
    while (!all.empty()) {
        const auto semi = all.find(';');
        const std::string_view part = trim(all.substr(0, semi));
        all = semi == std::string_view::npos ? std::string_view{} : all.substr(semi + 1);
        const auto eq = part.find('=');
        if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
    }
    return std::nullopt;
}

std::optional<std::string> Request::query_param(std::string_view name) const {
    const auto url = boost::urls::parse_origin_form(target);
    if (!url) return std::nullopt;
    for (const auto& p : url->params()) {
        if (p.key == name) return std::string(p.value);
    }
    return std::nullopt;
}

Fields Request::form() const {
    Fields out;
    std::string_view rest = body;
    while (!rest.empty()) {
        const auto amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
        const auto eq = pair.find('=');
        auto key = percent_decode(pair.substr(0, eq), true);
        auto value = percent_decode(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1), true);
        if (key && value) out.emplace_back(std::move(*key), std::move(*value));
    }
    return out;
}

void Response::set(std::string name, std::string value) {
    for (auto& [k, v] : headers) {
        if (iequal(k, name)) {
            v = std::move(value);
            return;
        }
    }
    headers.emplace_back(std::move(name), std::move(value));
}

std::string_view Response::header(std::string_view name) const {
    for (const auto& [k, v] : headers) {
        if (iequal(k, name)) return v;
    }
    return {};
}

}  // namespace waymark::web
