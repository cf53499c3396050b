#include "web/routes/router.hpp"

#include <boost/url/pct_string_view.hpp>

#include <algorithm>
#include <optional>
#include <string>

namespace waymark::web {

namespace {

std::vector<std::string_view> segments(std::string_view path) {
    std::vector<std::string_view> out;
    if (!path.empty() && path.front() == '/') path.remove_prefix(1);
    while (true) {
        const auto slash = path.find('/');
        out.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
    }
    return out;
}

// A path segment with its percent escapes decoded: nothing for a broken escape or a NUL.
std::optional<std::string> decoded(std::string_view segment) {
    const auto pct = boost::urls::make_pct_string_view(segment);
    if (!pct) return std::nullopt;
    std::string out = pct->decode();
    if (out.find('\0') != std::string::npos) return std::nullopt;
    return out;
}

// Matches one pattern against an encoded path: the path is split at its slashes first and each
// segment decoded after, so that "%2F" stays inside its segment (a case reference may hold '/').
// Params are filled only on success.
bool matches(std::string_view pattern, std::string_view path, Params& params) {
    const auto want = segments(pattern);
    const auto have = segments(path);
    Params found;
    for (std::size_t i = 0; i < want.size(); ++i) {
        const std::string_view w = want[i];
        const bool is_param = w.size() > 2 && w.front() == '{' && w.back() == '}';
        if (is_param && w.ends_with("...}")) {
            if (i >= have.size()) return false;
            std::string rest;
            for (std::size_t j = i; j < have.size(); ++j) {
                const auto segment = decoded(have[j]);
                if (!segment) return false;
                rest += (j == i ? "" : "/") + *segment;
            }
            if (rest.empty()) return false;
            found.emplace_back(std::string(w.substr(1, w.size() - 5)), std::move(rest));
            params = std::move(found);
            return true;
        }
        if (i >= have.size()) return false;
        if (is_param) {
            auto value = decoded(have[i]);
            if (!value || value->empty()) return false;
            found.emplace_back(std::string(w.substr(1, w.size() - 2)), std::move(*value));
        } else if (w != have[i]) {
            return false;
        }
    }
    if (want.size() != have.size()) return false;
    params = std::move(found);
    return true;
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler) {
    routes_.push_back({std::move(method), std::move(pattern), std::move(handler)});
}

Match Router::match(std::string_view method, std::string_view path) const {
    Match m;
    for (const Route& r : routes_) {
        Params params;
        if (!matches(r.pattern, path, params)) continue;
        if (r.method == method || (method == "HEAD" && r.method == "GET")) {
            m.route = &r;
            m.params = std::move(params);
            m.allowed.clear();
            return m;
        }
        if (std::find(m.allowed.begin(), m.allowed.end(), r.method) == m.allowed.end()) m.allowed.push_back(r.method);
    }
    return m;
}

}  // namespace waymark::web
