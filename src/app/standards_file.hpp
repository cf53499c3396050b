#pragma once
// Reads a standards file (TOML, see standards/default.toml) into standards and vocabulary
// extensions. The default file is built into the program.
#include "core/standards.hpp"
#include "core/vocabulary.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace waymark::app {

struct StandardSet {
    core::Vocabulary vocabulary;
    std::vector<core::Standard> standards;  // in file order, disabled ones included
    std::string origin;                     // "built-in defaults" or the file's path
};

// Parses standards from TOML text. `origin` names the file in errors, which say the line and
// the problem; throws core::Error(invalid_input).
StandardSet parse_standards(std::string_view toml_text, const std::string& origin);
StandardSet load_standards_file(const std::string& path);
StandardSet default_standards();
std::string_view default_standards_text();

}  // namespace waymark::app
