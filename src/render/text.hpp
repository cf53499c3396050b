#pragma once
// Measured text for layout code: one-line texts measured as they are made, text cut to a
// width with an ellipsis, and text wrapped into lines at word boundaries.
#include "core/date.hpp"
#include "render/palette.hpp"
#include "render/scene.hpp"

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::render {

// "3 Mar 2021" and "3 March 2021".
std::string short_date(core::Date d);
std::string long_date(core::Date d);

class Writer {
public:
    explicit Writer(const TextMeasurer& m) : m_(m) {}

    [[nodiscard]] double width(std::string_view s, const Font& f) const { return m_.measure(s, f).width; }
    [[nodiscard]] TextExtents extents(std::string_view s, const Font& f) const { return m_.measure(s, f); }

    // A text item, measured.
    [[nodiscard]] Text text(double x, double y, std::string s, Font f, Colour c = palette::kInk,
                            Anchor a = Anchor::start) const;

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

}  // namespace waymark::render
