#pragma once
// Reading TOML files (standards, driver diagrams) with errors that name the file and line:
// "FILE:LINE: message", or "FILE:LINE:COLUMN: message" for a syntax error. Internal to app/
// (toml++ is a private dependency of waymark_app).
#include "app/toml_limits.hpp"
#include "core/error.hpp"

#include <toml++/toml.h>

#include <string>
#include <string_view>

namespace waymark::app::toml_input {

// The whole file; Error(invalid_input) "cannot read WHAT PATH" if it cannot be read, or naming
// it when it is over kMaxTomlBytes (app/toml_limits.hpp).
inline std::string read_file(const std::string& path, const std::string& what) {
    return read_toml_file(path, what);
}

// Parses TOML text, first refused when it is over the limits of app/toml_limits.hpp; a syntax
// error becomes Error(invalid_input) with line and column.
inline toml::table parse(std::string_view text, const std::string& origin) {
    check_toml_limits(text, origin);
    try {
        return toml::parse(text, origin);
    } catch (const toml::parse_error& e) {
        throw core::Error(core::ErrorKind::invalid_input, origin + ":" + std::to_string(e.source().begin.line) + ":" +
                                                              std::to_string(e.source().begin.column) + ": " +
                                                              std::string(e.description()));
    }
}

// Throws Error(invalid_input) naming the file and, where the node has one, its line.
[[noreturn]] inline void bad(const std::string& origin, const toml::node* node, const std::string& message) {
    std::string where = origin;
    if (node != nullptr && node->source().begin.line > 0) where += ":" + std::to_string(node->source().begin.line);
    throw core::Error(core::ErrorKind::invalid_input, where + ": " + message);
}

// The string at t[key]: `fallback` when absent and not required.
inline std::string get_string(const std::string& origin, const toml::table& t, const char* key, bool required,
                              const std::string& fallback = {}) {
    const toml::node* n = t.get(key);
    if (n == nullptr) {
        if (required) bad(origin, &t, std::string("'") + key + "' is required");
        return fallback;
    }
    if (!n->is_string()) bad(origin, n, std::string("'") + key + "' must be a string");
    return std::string(*n->value<std::string>());
}

}  // namespace waymark::app::toml_input
