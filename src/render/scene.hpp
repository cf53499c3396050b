#pragma once
// The scene model: what a picture is made of, in page coordinates, before any drawing library
// sees it. Layout code (the timeline, the charts) builds a Scene; writers turn it into SVG
// (render/svg.hpp, real text elements) or PDF and PNG (render/cairo/). A Scene has a readable
// text dump for golden tests.
//
// Units are PostScript points (1/72 inch); the origin is the top left of the page and y grows
// downwards. Every text run carries its measured extents, so layout decisions (label placement,
// collisions, summaries) are made here, once, and every writer draws the same picture.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace waymark::render {

struct Point {
    double x = 0;
    double y = 0;
    friend bool operator==(const Point&, const Point&) = default;
};

struct Rect {
    double x = 0;
    double y = 0;
    double w = 0;
    double h = 0;
    [[nodiscard]] double right() const { return x + w; }
    [[nodiscard]] double bottom() const { return y + h; }
    // True when the two rectangles share area (touching edges do not count).
    [[nodiscard]] bool overlaps(const Rect& o) const {
        return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom();
    }
    // True when o lies wholly inside this rectangle.
    [[nodiscard]] bool contains(const Rect& o) const {
        return o.x >= x && o.y >= y && o.right() <= right() && o.bottom() <= bottom();
    }
    friend bool operator==(const Rect&, const Rect&) = default;
};

struct Colour {
    std::uint8_t r = 0;
    std::uint8_t g = 0;
    std::uint8_t b = 0;
    friend bool operator==(const Colour&, const Colour&) = default;
};
// "#rrggbb"
std::string to_hex(Colour c);

enum class Dash { solid, dashed, dotted };
std::string_view to_string(Dash d) noexcept;

struct Stroke {
    Colour colour;
    double width = 1;
    Dash dash = Dash::solid;
    friend bool operator==(const Stroke&, const Stroke&) = default;
};

// Patterns over a fill, so that areas stay distinct in black-and-white print and for readers
// who cannot tell the colours apart. Drawn in pattern_colour with hairlines 4 pt apart.
enum class Pattern { none, diagonal, back_diagonal, cross, horizontal, vertical, dots };
std::string_view to_string(Pattern p) noexcept;

struct Fill {
    Colour colour;
    Pattern pattern = Pattern::none;
    Colour pattern_colour;
    friend bool operator==(const Fill&, const Fill&) = default;
};

struct Box {
    Rect rect;
    std::optional<Fill> fill;
    std::optional<Stroke> stroke;
    double radius = 0;  // rounded corners
};

// A polyline; closed and filled makes a polygon.
struct Path {
    std::vector<Point> points;
    std::optional<Stroke> stroke;
    std::optional<Fill> fill;
    bool closed = false;
};

// Markers differ in shape as well as colour (shape carries the meaning in print).
// plus and minus are bars a third of the size thick (life events: positive, negative).
enum class Shape { circle, square, diamond, triangle_up, triangle_down, cross, star, plus, minus };
std::string_view to_string(Shape s) noexcept;

struct Marker {
    Point at;  // the centre
    Shape shape = Shape::circle;
    double size = 6;  // width and height of the bounding square
    Colour colour;
    bool hollow = false;  // outline only (planned events)
    double stroke_width = 1;
    [[nodiscard]] Rect bounds() const { return {at.x - size / 2, at.y - size / 2, size, size}; }
};

// The outline of a polygonal marker (diamond, triangles, star, plus, minus) for the writers to
// fill and stroke; empty for circle, square and cross, which they draw directly.
std::vector<Point> marker_polygon(const Marker& m);

// Pattern hairlines (and dots) are this far apart and this wide, in every writer.
inline constexpr double kHatchSpacing = 4;
inline constexpr double kHatchWidth = 0.5;
inline constexpr double kDotRadius = 0.75;

struct Font {
    double size = 9;
    bool bold = false;
    bool italic = false;
    friend bool operator==(const Font&, const Font&) = default;
};

enum class Anchor { start, middle, end };
std::string_view to_string(Anchor a) noexcept;

// One line of text. `at` is the baseline point of the anchor; width, ascent and descent are
// measured (TextMeasurer) when the layout places it.
struct Text {
    Point at;
    std::string text;  // UTF-8
    Font font;
    Colour colour;
    Anchor anchor = Anchor::start;
    double width = 0;
    double ascent = 0;
    double descent = 0;
    [[nodiscard]] Rect bounds() const {
        const double left = anchor == Anchor::start ? at.x : anchor == Anchor::middle ? at.x - width / 2 : at.x - width;
        return {left, at.y - ascent, width, ascent + descent};
    }
};

using Item = std::variant<Box, Path, Marker, Text>;

// A labelled part of the picture (the header, the axis, one milestone with its label...).
// Groups are written in order: that order is the reading order of the SVG.
struct Group {
    std::string id;     // unique in the scene: letters, digits and '-'
    std::string label;  // what a screen reader announces for the group; may be empty
    std::vector<Item> items;
};

// Document information written into PDF metadata and the SVG title. `created` is given by the
// caller (never read from the clock) so that the same input gives the same bytes.
struct Metadata {
    std::string title;
    std::string subject;
    std::string author;
    std::string creator = "Waymark";
    std::string created;  // ISO 8601 date, e.g. 2026-11-26
};

struct Scene {
    double width = 841.89;  // A4 landscape
    double height = 595.28;
    std::string font_family = "Liberation Sans";
    std::string lang = "en-GB";
    std::string title;        // the SVG <title>
    std::string description;  // the SVG <desc>: a sentence or two a screen reader reads first
    Metadata metadata;
    std::vector<Group> groups;

    Group& add_group(std::string id, std::string label = {});
};

// A readable, stable text dump (one item a line, numbers to 0.01 pt) for golden tests.
std::string dump(const Scene& scene);

// --- Text measurement --------------------------------------------------------------------

struct TextExtents {
    double width = 0;
    double ascent = 0;
    double descent = 0;
};

// Measures text in the scene's font. Layout code takes one by reference so that it stays pure:
// the built-in metrics for tests and for SVG, Pango (render/cairo/) where the text is drawn.
class TextMeasurer {
public:
    virtual ~TextMeasurer() = default;
    [[nodiscard]] virtual TextExtents measure(std::string_view utf8, const Font& font) const = 0;
};

// Liberation Sans advance widths (metric-compatible with Arial), regular and bold, for Latin
// scripts; other characters take an average width. No kerning. Pure and deterministic.
const TextMeasurer& builtin_metrics();

// Measures t.text with m and stores the extents in t.
void measure_into(Text& t, const TextMeasurer& m);

}  // namespace waymark::render
