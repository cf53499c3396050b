#pragma once
// Reads a measures file (TOML, see measures/default.toml) into measures. The default file is
// built into the program; a council copies it to change or add measures.
#include "app/standards_file.hpp"
#include "core/measures.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace waymark::app {

struct MeasureSet {
    std::vector<core::Measure> measures;  // in file order
    std::string origin;                   // the file's path, or the built-in defaults
    [[nodiscard]] const core::Measure* find(std::string_view id) const;
};

// Parses measures from TOML text; event types come from the standards' vocabulary and the
// standards a measure names must be in force. Errors name `origin`, the line and the problem;
// throws core::Error(invalid_input).
MeasureSet parse_measures(std::string_view toml_text, const std::string& origin, const StandardSet& standards);
MeasureSet load_measures_file(const std::string& path, const StandardSet& standards);
MeasureSet default_measures(const StandardSet& standards);
std::string_view default_measures_text();

}  // namespace waymark::app
