#include "web/views/html.hpp"

#include <algorithm>
#include <charconv>
#include <iterator>

namespace waymark::web {

Html& Html::add_text(std::string_view s) {
    // Runs of plain characters are appended whole: most text (case references, dates, counts)
    // has nothing to escape, and a page of 1,500 children has some 10,000 pieces of text.
    std::size_t from = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char* entity = nullptr;
        switch (s[i]) {
            case '&':
                entity = "&amp;";
                break;
            case '<':
                entity = "&lt;";
                break;
            case '>':
                entity = "&gt;";
                break;
            case '"':
                entity = "&quot;";
                break;
            case '\'':
                entity = "&#39;";
                break;
            default:
                continue;
        }
        s_.append(s.data() + from, i - from);
        s_ += entity;
        from = i + 1;
    }
    s_.append(s.data() + from, s.size() - from);
    return *this;
}

Html& Html::add_text(long long n) {
    // Digits and a minus sign: nothing to escape.
    char digits[24];
    const auto end = std::to_chars(std::begin(digits), std::end(digits), n).ptr;
    s_.append(digits, end);
    return *this;
}

Html text(std::string_view s) {
    Html h;
    h.reserve(s.size());
    return std::move(h.add_text(s));
}

Html user_text(std::string_view s) {
    Html h{"<bdi>"};
    h.add_text(s);
    return h += "</bdi>";
}

std::string without_bidi_controls(std::string_view s) {
    // UTF-8: U+202A-U+202E are E2 80 AA-AE, U+2066-U+2069 are E2 81 A6-A9.
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i + 2 < s.size() && s[i] == '\xE2') {
            const auto b1 = static_cast<unsigned char>(s[i + 1]);
            const auto b2 = static_cast<unsigned char>(s[i + 2]);
            if ((b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE) || (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9)) {
                i += 2;
                continue;
            }
        }
        out.push_back(s[i]);
    }
    return out;
}

Html text(long long n) {
    Html h;
    return std::move(h.add_text(n));
}

Html trusted_svg(std::string svg) {
    Html h;
    h.s_ = std::move(svg);
    return h;
}

std::string path_segment(std::string_view s) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(s.size());
    const auto plain = [](unsigned char u) {
        return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '-' || u == '.' ||
               u == '_' || u == '~';
    };
    if (std::all_of(s.begin(), s.end(), [&](char c) { return plain(static_cast<unsigned char>(c)); })) {
        out.assign(s);
        return out;
    }
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (plain(u)) {
            out += c;
        } else {
            out += '%';
            out += kHex[u >> 4];
            out += kHex[u & 15];
        }
    }
    return out;
}

}  // namespace waymark::web
