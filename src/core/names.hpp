#pragma once
// An enum's names written once, as a table of (value, name) pairs read both ways: name_of for
// to_string, find_name for the parse back.
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace waymark::core {

template <typename E, std::size_t N>
using Names = std::array<std::pair<E, std::string_view>, N>;

// The name of a value; empty for a value not in the table (never, for a valid enum).
template <typename E, std::size_t N>
constexpr std::string_view name_of(const Names<E, N>& names, E value) noexcept {
    for (const auto& [v, name] : names) {
        if (v == value) return name;
    }
    return {};
}

template <typename E, std::size_t N>
constexpr std::optional<E> find_name(const Names<E, N>& names, std::string_view text) noexcept {
    for (const auto& [v, name] : names) {
        if (name == text) return v;
    }
    return std::nullopt;
}

}  // namespace waymark::core
