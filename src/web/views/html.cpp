#include "web/views/html.hpp"

namespace waymark::web {

Html text(std::string_view s) {
    Html h;
    h.s_.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&':
                h.s_ += "&amp;";
                break;
            case '<':
                h.s_ += "&lt;";
                break;
            case '>':
                h.s_ += "&gt;";
                break;
            case '"':
                h.s_ += "&quot;";
                break;
            case '\'':
                h.s_ += "&#39;";
                break;
            default:
                h.s_ += c;
        }
    }
    return h;
}

Html text(long long n) {
    return text(std::to_string(n));
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
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        const bool unreserved = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
                                u == '-' || u == '.' || u == '_' || u == '~';
        if (unreserved) {
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
