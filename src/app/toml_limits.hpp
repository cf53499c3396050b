#pragma once
// Limits on the TOML files Waymark reads (standards, measures, the config file, driver
// diagrams), checked before parsing: toml++ builds a table per key part and recurses into each,
// so a dotted key or table header of 100,000 parts would overflow the stack (README.md, "Using
// it"). No toml++ here: the command line's config file uses it too.
#include <cstddef>
#include <string>
#include <string_view>

namespace waymark::app {

// A TOML file may be at most 1 MiB: the largest file shipped (standards/default.toml) is far
// smaller.
inline constexpr std::size_t kMaxTomlBytes = std::size_t{1} << 20;

// A value may lie at most 32 keys deep: each part of a table header ([a.b.c] is 3, [[a.b]] 3
// with its array), each part of a dotted key, each array and each inline table around it count
// one. The shipped files need 4.
inline constexpr std::size_t kMaxTomlDepth = 32;

// The whole file; Error(invalid_input) "cannot read WHAT PATH" if it cannot be read, or
// "PATH: ... at most 1 MiB" when it is larger (read no further than that).
std::string read_toml_file(const std::string& path, const std::string& what);

// Throws Error(invalid_input) "ORIGIN: ..." when `text` is over kMaxTomlBytes, or
// "ORIGIN:LINE: ..." at the first line where a value lies deeper than kMaxTomlDepth. Reads
// strings and comments as TOML does; anything else malformed is left to the parser.
void check_toml_limits(std::string_view text, const std::string& origin);

}  // namespace waymark::app
