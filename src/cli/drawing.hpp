#pragma once
// Writing pictures from the command line (timeline, driver diagrams): the format from a file
// name, a scene drawn in a format, and files written whole or not at all.
#include "render/scene.hpp"

#include <filesystem>
#include <string>

namespace waymark::cli {

// "pdf", "svg", "png" or "txt" from the file's extension; Error(usage) for any other.
std::string format_of(const std::string& path);

// The scene as PDF, SVG or PNG bytes, or as its text dump ("txt").
std::string draw(const render::Scene& scene, const std::string& format);

// Writes beside the target and renames, so a reader never sees half a file. Error(storage).
void write_file(const std::filesystem::path& path, const std::string& bytes);

}  // namespace waymark::cli
