#include "render/style.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <optional>
#include <utility>

namespace waymark::render {

namespace {

constexpr std::array<std::string_view, 12> kMonthShort = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<std::string_view, 12> kMonthLong = {"January",   "February", "March",    "April",
                                                         "May",       "June",     "July",     "August",
                                                         "September", "October",  "November", "December"};

// A byte inside a UTF-8 character (not its first).
bool continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

}  // namespace

Text Writer::text(double x, double y, std::string s, Font f, Colour c, Anchor a) const {
    Text t{{x, y}, std::move(s), f, c, a, 0, 0, 0};
    measure_into(t, m_);
    return t;
}

std::string Writer::fit(std::string s, const Font& f, double max_width) const {
    if (width(s, f) <= max_width) return s;
    while (!s.empty()) {
        std::size_t cut = s.size() - 1;
        while (cut > 0 && continuation(s[cut])) --cut;
        s.resize(cut);
        while (!s.empty() && s.back() == ' ') s.pop_back();
        if (width(s + "\u2026", f) <= max_width) return s + "\u2026";
    }
    return {};
}

std::vector<std::string> Writer::wrap(std::string_view text, const Font& f, double max_width,
                                      std::size_t max_lines) const {
    std::vector<std::string> lines;
    if (max_lines == 0) return lines;
    std::string line;
    std::size_t i = 0;
    std::optional<std::size_t> rest;  // where the text left over starts, when the lines ran out
    bool mid_word = false;            // ... and whether that is inside a word cut in two
    while (i < text.size()) {
        while (i < text.size() && text[i] == ' ') ++i;
        std::size_t j = i;
        while (j < text.size() && text[j] != ' ') ++j;
        if (j == i) break;
        const std::string_view word = text.substr(i, j - i);
        std::string joined = line.empty() ? std::string(word) : line + " " + std::string(word);
        if (width(joined, f) <= max_width) {
            line = std::move(joined);
            i = j;
            continue;
        }
        if (!line.empty()) {
            lines.push_back(std::move(line));
            line.clear();
        } else {
            // A word wider than a line: as many characters as fit, the rest on the next line.
            std::size_t cut = word.size();
            while (cut > 1 && width(word.substr(0, cut), f) > max_width) {
                --cut;
                while (cut > 1 && continuation(word[cut])) --cut;
            }
            lines.emplace_back(word.substr(0, cut));
            i += cut;
            mid_word = i < j;
        }
        if (lines.size() == max_lines) {
            if (text.find_first_not_of(' ', i) != std::string_view::npos) rest = i;
            break;
        }
        mid_word = false;
    }
    if (!line.empty()) lines.push_back(std::move(line));
    if (rest) lines.back() = fit(lines.back() + (mid_word ? "" : " ") + std::string(text.substr(*rest)), f, max_width);
    return lines;
}

std::string_view month_short(unsigned month) {
    return kMonthShort[(month + 11) % 12];
}

std::string_view month_long(unsigned month) {
    return kMonthLong[(month + 11) % 12];
}

std::string short_date(core::Date d) {
    const auto ymd = d.ymd();
    return std::to_string(static_cast<unsigned>(ymd.day())) + " " +
           std::string(month_short(static_cast<unsigned>(ymd.month()))) + " " +
           std::to_string(static_cast<int>(ymd.year()));
}

std::string long_date(core::Date d) {
    const auto ymd = d.ymd();
    return std::to_string(static_cast<unsigned>(ymd.day())) + " " +
           std::string(month_long(static_cast<unsigned>(ymd.month()))) + " " +
           std::to_string(static_cast<int>(ymd.year()));
}

std::string month_year(core::Date d) {
    const auto ymd = d.ymd();
    return std::string(month_short(static_cast<unsigned>(ymd.month()))) + " " +
           std::to_string(static_cast<int>(ymd.year()));
}

std::string people_number(double v) {
    if (!std::isfinite(v)) return {};
    if (v == 0) return "0";
    const double magnitude = std::floor(std::log10(std::abs(v)));
    if (magnitude < -10 || magnitude >= 15) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.4g", v);
        return buf;
    }
    const int decimals = std::max(0, 3 - static_cast<int>(magnitude));
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string out = buf;
    if (out.find('.') != std::string::npos) {
        while (out.back() == '0') out.pop_back();
        if (out.back() == '.') out.pop_back();
    }
    if (out == "-0") out = "0";
    return out;
}

}  // namespace waymark::render
