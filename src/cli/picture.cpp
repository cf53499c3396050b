#include "cli/picture.hpp"

#include "core/error.hpp"
#include "render/cairo/cairo.hpp"
#include "render/svg.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace waymark::cli {

namespace fs = std::filesystem;
using core::Error;
using core::ErrorKind;

std::string format_of(const std::string& path, const std::vector<std::string>& allowed) {
    const std::string ext = fs::path(path).extension().string();
    if (ext.size() > 1 && std::find(allowed.begin(), allowed.end(), ext.substr(1)) != allowed.end()) {
        return ext.substr(1);
    }
    std::string list;
    for (std::size_t k = 0; k < allowed.size(); ++k) {
        list += (k == 0 ? "." : k + 1 == allowed.size() ? " or ." : ", .") + allowed[k];
    }
    throw Error(ErrorKind::usage, "--out '" + path + "' must end in " + list);
}

std::string draw(const render::Scene& scene, const std::string& format) {
    if (format == "txt") return render::dump(scene);
    if (format == "svg") return render::to_svg(scene);
    if (format == "png") return render::to_png(scene);
    return render::to_pdf(scene);
}

void write_file(const std::string& path, const std::string& bytes) {
    const fs::path tmp = path + ".part";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.close();
        if (!out) throw Error(ErrorKind::storage, "cannot write " + tmp.string());
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) throw Error(ErrorKind::storage, "cannot write " + path + ": " + ec.message());
}

}  // namespace waymark::cli
