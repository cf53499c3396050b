#pragma once
// Writing pictures, shared by the commands that draw (timeline, spc): the format a file name
// asks for, a scene in that format, and the file written whole or not at all.
#include "render/scene.hpp"

#include <string>
#include <vector>

namespace waymark::cli {

// The format of --out FILE from its extension, one of `allowed` (e.g. {"pdf", "svg", "png",
// "txt"}); a usage error naming them otherwise.
std::string format_of(const std::string& path, const std::vector<std::string>& allowed);

// The scene as pdf, svg, png or txt (the scene's text dump).
std::string draw(const render::Scene& scene, const std::string& format);

// Writes beside the target and renames, so a reader never sees half a file.
void write_file(const std::string& path, const std::string& bytes);

}  // namespace waymark::cli
