#include "web/routes/assets.hpp"

#include "core/error.hpp"
#include "web/routes/handlers.hpp"

#include <boost/url/pct_string_view.hpp>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace waymark::web {

extern const char* const kWaymarkCss;  // generated from src/web/assets/waymark.css

namespace {

std::string_view content_type(std::string_view path) {
    const auto dot = path.rfind('.');
    const std::string_view ext = dot == std::string_view::npos ? std::string_view{} : path.substr(dot + 1);
    if (ext == "css") return "text/css; charset=utf-8";
    if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
    if (ext == "svg") return "image/svg+xml";
    if (ext == "png") return "image/png";
    if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
    if (ext == "gif") return "image/gif";
    if (ext == "ico") return "image/x-icon";
    if (ext == "woff2") return "font/woff2";
    if (ext == "woff") return "font/woff";
    if (ext == "map" || ext == "json") return "application/json";
    return {};
}

Response not_found() {
    Response r;
    r.status = 404;
    r.set("Content-Type", "text/plain; charset=utf-8");
    r.body = "Not found\n";
    return r;
}

// The asset a request's path names: "/assets/ds-VERSION/" and then segments that are each
// neither empty nor "." nor "..", and whose escapes decode to no '/', '\' or NUL. The path is
// taken still encoded (Request::path), so that "%2F" cannot pass for a folder's slash.
std::optional<std::string> asset_name(const Request& request) {
    const auto path = request.path();
    const std::string prefix = "/assets/ds-" + std::string(design_system_version()) + "/";
    if (!path || !path->starts_with(prefix)) return std::nullopt;
    std::string_view rest = std::string_view(*path).substr(prefix.size());
    std::string name;
    while (true) {
        const auto slash = rest.find('/');
        const std::string_view segment = rest.substr(0, slash);
        const auto pct = boost::urls::make_pct_string_view(segment);
        if (!pct) return std::nullopt;
        const std::string decoded = pct->decode();
        if (decoded.empty() || decoded == "." || decoded == ".." ||
            decoded.find_first_of(std::string_view("/\\\0", 3)) != std::string::npos) {
            return std::nullopt;
        }
        name += (name.empty() ? "" : "/") + decoded;
        if (slash == std::string_view::npos) return name;
        rest.remove_prefix(slash + 1);
    }
}

}  // namespace

Assets Assets::load(const std::string& dir) {
    namespace fs = std::filesystem;
    Assets assets;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        throw core::Error(core::ErrorKind::usage, "--assets " + dir + ": not a folder");
    }
    fs::recursive_directory_iterator it(dir, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const std::string leaf = it->path().filename().string();
        if (leaf.starts_with(".")) {
            if (it->is_directory()) it.disable_recursion_pending();
            continue;
        }
        const std::string type(content_type(leaf));
        if (type.empty() || !it->is_regular_file()) continue;
        std::ifstream in(it->path(), std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        if (!in) {
            throw core::Error(core::ErrorKind::usage,
                              "--assets " + it->path().string() + ": cannot read it (" + std::strerror(errno) + ")");
        }
        assets.files_[fs::relative(it->path(), dir).generic_string()] = {type, std::move(bytes).str()};
    }
    if (ec) throw core::Error(core::ErrorKind::usage, "--assets " + dir + ": cannot read it (" + ec.message() + ")");
    return assets;
}

const Assets::File* Assets::find(std::string_view name) const {
    const auto it = files_.find(name);
    return it == files_.end() ? nullptr : &it->second;
}

std::string_view app_stylesheet_path() {
    static const std::string path = [] {
        // FNV-1a, 64 bits: enough to tell one version of the file from the next.
        std::uint64_t hash = 14695981039346656037ULL;
        for (const char* p = kWaymarkCss; *p != '\0'; ++p) {
            hash = (hash ^ static_cast<unsigned char>(*p)) * 1099511628211ULL;
        }
        char hex[17];
        std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
        return "/assets/wm-" + std::string(hex, 16) + "/waymark.css";
    }();
    return path;
}

Response get_asset(const Request& request, AppContext& context, const Params&) {
    if (request.path() == app_stylesheet_path()) {
        Response r;
        r.body = kWaymarkCss;
        r.set("Content-Type", "text/css; charset=utf-8");
        r.set("Cache-Control", "public, max-age=31536000, immutable");
        return r;
    }
    const auto name = asset_name(request);
    const Assets::File* file = name && context.assets != nullptr ? context.assets->find(*name) : nullptr;
    if (file == nullptr) return not_found();
    Response r;
    r.body = file->bytes;
    r.set("Content-Type", file->type);
    r.set("Cache-Control", "public, max-age=31536000, immutable");
    return r;
}

}  // namespace waymark::web
