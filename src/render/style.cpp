#include "render/style.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <utility>

namespace waymark::render {

namespace {

constexpr std::array<std::string_view, 12> kMonthShort = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<std::string_view, 12> kMonthLong = {"January",   "February", "March",    "April",
                                                         "May",       "June",     "July",     "August",
                                                         "September", "October",  "November", "December"};

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
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
        s.resize(cut);
        while (!s.empty() && s.back() == ' ') s.pop_back();
        if (width(s + "\u2026", f) <= max_width) return s + "\u2026";
    }
    return {};
}

std::vector<std::string> Writer::wrap(std::string_view s, const Font& f, double max_width,
                                      std::size_t max_lines) const {
    std::vector<std::string> lines;
    std::string current;
    std::size_t i = 0;
    bool cut = false;
    while (i < s.size()) {
        const std::size_t space = s.find(' ', i);
        const std::string_view word = s.substr(i, space == std::string_view::npos ? s.npos : space - i);
        i = space == std::string_view::npos ? s.size() : space + 1;
        if (word.empty()) continue;
        const std::string joined = current.empty() ? std::string(word) : current + " " + std::string(word);
        if (width(joined, f) <= max_width) {
            current = joined;
            continue;
        }
        if (!current.empty()) lines.push_back(std::move(current));
        current = fit(std::string(word), f, max_width);
        if (lines.size() == max_lines) {
            cut = true;
            break;
        }
    }
    if (!current.empty() && lines.size() < max_lines) lines.push_back(std::move(current));
    if ((cut || lines.size() > max_lines) && !lines.empty()) {
        lines.resize(max_lines);
        lines.back() = fit(lines.back() + " \u2026", f, max_width);
    }
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
