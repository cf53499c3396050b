#include "web/routes/assets.hpp"

#include "web/routes/handlers.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace waymark::web {

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

}  // namespace

Response get_asset(const Request& request, AppContext& context, const Params& params) {
    (void)request;
    const std::string_view path = find_field(params, "path").value_or("");
    const std::string prefix = "ds-" + std::string(design_system_version()) + "/";
    if (context.assets_dir.empty() || !path.starts_with(prefix)) return not_found();
    const std::string_view rest = path.substr(prefix.size());
    const std::string_view type = content_type(rest);
    // Only files of known types, and no way out of the folder: no "..", no hidden files.
    if (type.empty() || rest.find("..") != std::string_view::npos || rest.find("/.") != std::string_view::npos ||
        rest.starts_with(".")) {
        return not_found();
    }
    const std::filesystem::path file = std::filesystem::path(context.assets_dir) / std::string(rest);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) return not_found();
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) return not_found();
    Response r;
    r.body = std::move(bytes).str();
    r.set("Content-Type", std::string(type));
    r.set("Cache-Control", "public, max-age=31536000, immutable");
    return r;
}

}  // namespace waymark::web
