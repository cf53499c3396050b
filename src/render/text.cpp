#include "render/text.hpp"

#include <array>
#include <optional>

namespace waymark::render {

namespace {

constexpr std::array<const char*, 12> kMonthShort = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<const char*, 12> kMonthLong = {"January",   "February", "March",    "April",
                                                    "May",       "June",     "July",     "August",
                                                    "September", "October",  "November", "December"};

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

std::string short_date(core::Date d) {
    const auto ymd = d.ymd();
    return std::to_string(static_cast<unsigned>(ymd.day())) + " " +
           kMonthShort[static_cast<unsigned>(ymd.month()) - 1] + " " + std::to_string(static_cast<int>(ymd.year()));
}

std::string long_date(core::Date d) {
    const auto ymd = d.ymd();
    return std::to_string(static_cast<unsigned>(ymd.day())) + " " + kMonthLong[static_cast<unsigned>(ymd.month()) - 1] +
           " " + std::to_string(static_cast<int>(ymd.year()));
}

}  // namespace waymark::render
