#pragma once
// The design system's files (CSS, JavaScript, fonts, images), vendored through npm, served
// from /assets/ds-VERSION/ with a year's caching: the version in the path changes with them.
// They are found and read once, at start-up: a request names one of them or gets 404, so no
// request path ever reaches the file system.
#include "web/routes/router.hpp"

#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace waymark::web {

class Assets {
public:
    struct File {
        std::string type;  // Content-Type
        std::string bytes;
    };
    Assets() = default;  // none: every asset is 404
    // Every file of a type served (CSS, JavaScript, images, fonts, source maps) under `dir`, by
    // its name relative to it with '/' between folders; hidden files and folders are left out.
    // Throws core::Error(usage) naming the folder, or the file, that cannot be read.
    static Assets load(const std::string& dir);
    [[nodiscard]] const File* find(std::string_view name) const;
    [[nodiscard]] std::size_t size() const noexcept { return files_.size(); }

private:
    std::map<std::string, File, std::less<>> files_;
};

// Waymark's own stylesheet (src/web/assets/waymark.css), carried in the program: its address,
// "/assets/wm-HASH/waymark.css", names a hash of its text, so that it too can be cached for a
// year and a changed stylesheet is fetched anew.
std::string_view app_stylesheet_path();

// The design system's files and Waymark's stylesheet, with a year's caching; 404 otherwise.
Response get_asset(const Request& request, AppContext& context, const Params& params);

}  // namespace waymark::web
