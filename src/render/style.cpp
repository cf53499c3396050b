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

// The last character boundary at or before p (s.size() when p is past the end).
std::size_t boundary_at_or_before(std::string_view s, std::size_t p) {
    if (p >= s.size()) return s.size();
    while (p > 0 && continuation(s[p])) --p;
    return p;
}

// The character boundary after the one at p (s.size() at most).
std::size_t next_boundary(std::string_view s, std::size_t p) {
    if (p >= s.size()) return s.size();
    ++p;
    while (p < s.size() && continuation(s[p])) ++p;
    return p;
}

}  // namespace

Text Writer::text(double x, double y, std::string s, Font f, Colour c, Anchor a) const {
    Text t{{x, y}, std::move(s), f, c, a, 0, 0, 0};
    measure_into(t, m_);
    return t;
}

namespace {

// The longest prefix of s (a character boundary) for which fits holds, fits being true up to some
// length and false after (widths only grow with the text); 0 when no prefix fits. Prefixes of
// 64 bytes, then double that, until one does not fit, then a binary search below it: about
// 2 log2(n) measurements, none of more than twice the answer plus 64 bytes. So a long text costs
// what the part of it that fits costs, and is never measured whole unless it fits whole.
template <class Fits>
std::size_t longest_prefix(std::string_view s, Fits fits) {
    std::size_t lo = 0;  // fits (or 0: nothing known to fit)
    std::size_t hi = 0;  // does not fit
    for (std::size_t n = 64;; n *= 2) {
        const std::size_t p = boundary_at_or_before(s, n);
        if (!fits(p)) {
            hi = p;
            break;
        }
        lo = p;
        if (p == s.size()) return p;
    }
    while (true) {
        std::size_t mid = boundary_at_or_before(s, lo + (hi - lo) / 2);
        if (mid <= lo) mid = next_boundary(s, lo);
        if (mid >= hi) return lo;
        if (fits(mid)) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
}

std::string_view without_trailing_spaces(std::string_view s) {
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

}  // namespace

std::string Writer::fit(std::string s, const Font& f, double max_width) const {
    const std::string_view all = s;
    const std::size_t whole =
        longest_prefix(all, [&](std::size_t p) { return width(all.substr(0, p), f) <= max_width; });
    if (whole == s.size()) return s;
    // The longest prefix that fits with an ellipsis after it is no longer than the one that fits
    // without.
    const std::string_view head = all.substr(0, next_boundary(all, whole));
    const std::size_t cut = longest_prefix(head, [&](std::size_t p) {
        return width(std::string(without_trailing_spaces(head.substr(0, p))) + "\u2026", f) <= max_width;
    });
    if (cut == 0 && width("\u2026", f) > max_width) return {};
    return std::string(without_trailing_spaces(head.substr(0, cut))) + "\u2026";
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
            // A word wider than a line: as many characters as fit (at least one), the rest on
            // the next line.
            std::size_t cut =
                longest_prefix(word, [&](std::size_t p) { return width(word.substr(0, p), f) <= max_width; });
            if (cut == 0) cut = next_boundary(word, 0);
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
