#pragma once
// What the pictures (the timeline, the run and control charts) share: the palette, text measured
// as it is placed (cut with an ellipsis or wrapped to a width), the common items, and dates in
// words.
#include "core/date.hpp"
#include "render/scene.hpp"

#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::render {

// --- Palette: Okabe-Ito hues, darkened where marks are small so each keeps 3:1 against white.
// Colour never carries a meaning alone: shapes, dashes and patterns carry it in print.
inline constexpr Colour kInk{0x0b, 0x0c, 0x0c};
inline constexpr Colour kGrey{0x5f, 0x5f, 0x5f};
inline constexpr Colour kLightGrey{0xd0, 0xd0, 0xd0};
inline constexpr Colour kWhite{0xff, 0xff, 0xff};
inline constexpr Colour kBlue{0x00, 0x63, 0x9c};
inline constexpr Colour kGreen{0x00, 0x7a, 0x5a};
inline constexpr Colour kPurple{0x9c, 0x3f, 0x7a};
inline constexpr Colour kOrange{0xa8, 0x55, 0x00};
inline constexpr Colour kWarning{0xc0, 0x3a, 0x00};

// Text measured as it is placed.
class Writer {
public:
    explicit Writer(const TextMeasurer& m) : m_(m) {}

    [[nodiscard]] double width(std::string_view s, const Font& f) const { return m_.measure(s, f).width; }
    [[nodiscard]] TextExtents extents(std::string_view s, const Font& f) const { return m_.measure(s, f); }

    [[nodiscard]] Text text(double x, double y, std::string s, Font f, Colour c = kInk, Anchor a = Anchor::start) const;

    // Cuts s (at a character boundary) so that it fits max_width, ending it with an ellipsis.
    [[nodiscard]] std::string fit(std::string s, const Font& f, double max_width) const;

    // Breaks text into lines no wider than max_width: at spaces, and inside a word only where
    // the word alone is wider than a line. At most max_lines lines: the last one kept ends in
    // an ellipsis when text is left over. Empty text gives no lines.
    [[nodiscard]] std::vector<std::string> wrap(std::string_view text, const Font& f, double max_width,
                                                std::size_t max_lines = std::numeric_limits<std::size_t>::max()) const;

private:
    const TextMeasurer& m_;
};

inline Box box(double x, double y, double w, double h, std::optional<Fill> fill,
               std::optional<Stroke> stroke = std::nullopt) {
    return Box{{x, y, w, h}, fill, stroke, 0};
}

inline Path line(double x0, double y0, double x1, double y1, Stroke s) {
    return Path{{{x0, y0}, {x1, y1}}, s, std::nullopt, false};
}

// A number for people: four significant digits, or all the digits of its whole part, with
// no exponent and no trailing zeros (5409.75 -> 5410, 0.950305 -> 0.9503, 17 -> 17).
std::string people_number(double v);

// "3 Mar 2021", "3 March 2021" and "Mar 2021".
std::string short_date(core::Date d);
std::string long_date(core::Date d);
std::string month_year(core::Date d);
// "Mar", "March".
std::string_view month_short(unsigned month);  // 1 to 12
std::string_view month_long(unsigned month);

}  // namespace waymark::render
