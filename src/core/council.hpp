#pragma once
// The 32 council areas of Scotland by their GSS code (S12...), so that pages name a council
// ("Glasgow City") rather than show its code ("S12000049").
#include <optional>
#include <string_view>

namespace waymark::core {

// The council area's name for a GSS code; nothing for a code that is not one of the 32.
std::optional<std::string_view> council_name(std::string_view code) noexcept;

// The name when the code is a Scottish council area's, else what was given (a council named
// by name, or one of another country, as DATA.md allows).
std::string_view council_words(std::string_view code) noexcept;

}  // namespace waymark::core
