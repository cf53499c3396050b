#include "cli/drawing.hpp"

#include "core/error.hpp"
#include "render/cairo/cairo.hpp"
#include "render/svg.hpp"

#include <fstream>

namespace waymark::cli {

namespace fs = std::filesystem;
using core::Error;
using core::ErrorKind;

std::string format_of(const std::string& path) {
    const std::string ext = fs::path(path).extension().string();
    if (ext == ".pdf" || ext == ".svg" || ext == ".png" || ext == ".txt") return ext.substr(1);
    throw Error(ErrorKind::usage, "--out '" + path + "' must end in .pdf, .svg, .png or .txt");
}

std::string draw(const render::Scene& scene, const std::string& format) {
    if (format == "txt") return render::dump(scene);
    if (format == "svg") return render::to_svg(scene);
    if (format == "png") return render::to_png(scene);
    return render::to_pdf(scene);
}

void write_file(const fs::path& path, const std::string& bytes) {
    const fs::path tmp = path.string() + ".part";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.close();
        if (!out) throw Error(ErrorKind::storage, "cannot write " + tmp.string());
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) throw Error(ErrorKind::storage, "cannot write " + path.string() + ": " + ec.message());
}

}  // namespace waymark::cli
