#pragma once
// Event types and matches in Waymark's TOML data files (standards, measures): errors name
// the file and line.
#include "app/toml_input.hpp"
#include "core/standards.hpp"
#include "core/vocabulary.hpp"

#include <toml++/toml.h>

#include <cstdint>
#include <string>
#include <vector>

namespace waymark::app::toml_read {

// "origin:line: message" errors and required strings (app/toml_input.hpp).
using toml_input::bad;
using toml_input::get_string;

core::EventTypeId event_type(const std::string& origin, const toml::node* n, const core::Vocabulary& v,
                             const std::string& name);

// An event type, or { event = "...", where = { attribute = ["value", ...] } }.
core::EventMatch parse_match(const std::string& origin, const toml::node& n, const core::Vocabulary& v);

// One match or an array of them under `key` (required).
std::vector<core::EventMatch> parse_matches(const std::string& origin, const toml::table& t, const char* key,
                                            const core::Vocabulary& v);

std::int64_t get_int(const std::string& origin, const toml::node* n, const char* key, std::int64_t lo, std::int64_t hi);

}  // namespace waymark::app::toml_read
