#include "core/text.hpp"

namespace waymark::core {

namespace {

bool allowed(std::string_view text, std::size_t i, TextKind kind) {
    if (kind == TextKind::identifier) return false;
    const char c = text[i];
    return c == '\t' || c == '\n' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n');
}

void append_hex(std::string& out, unsigned char c, std::string_view prefix, int digits) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    out += prefix;
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out.push_back(kHex[(c >> shift) & 0xF]);
}

}  // namespace

std::optional<std::string> control_character_problem(std::string_view text, TextKind kind) {
    std::size_t character = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if ((c & 0xC0) != 0x80) ++character;  // not a UTF-8 continuation byte
        if (c >= 0x20 || allowed(text, i, kind)) continue;
        std::string out = "has a control character (";
        append_hex(out, c, "U+", 4);
        out += ") at character " + std::to_string(character) + ": remove it";
        if (kind == TextKind::free_text) out += " (text may have tabs and line breaks, no other control characters)";
        return out;
    }
    return std::nullopt;
}

std::string printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c == 0x7F) {
            append_hex(out, c, "\\x", 2);
        } else {
            out.push_back(ch);
        }
    }
    return out;
}

std::string join(std::span<const std::string> parts, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) out += separator;
        out += parts[i];
    }
    return out;
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
    std::string out = std::to_string(n);
    out += ' ';
    out += n == 1 ? one : many;
    return out;
}

}  // namespace waymark::core
