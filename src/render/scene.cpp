#include "render/scene.hpp"

#include <cmath>
#include <cstdio>
#include <numbers>
#include <type_traits>

namespace waymark::render {

namespace {

#include "render/font_metrics.inc"

constexpr unsigned kFirst = 0x20;
constexpr unsigned kLast = 0x24F;
constexpr double kFallbackWidth = 0.6;  // of the em, for characters outside the table

// Decodes one UTF-8 code point from s at i and advances i; invalid bytes count as U+FFFD.
unsigned next_code_point(std::string_view s, std::size_t& i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    int extra = b0 < 0x80 ? 0 : (b0 >> 5) == 0x6 ? 1 : (b0 >> 4) == 0xE ? 2 : (b0 >> 3) == 0x1E ? 3 : -1;
    ++i;
    if (extra < 0) return 0xFFFD;
    unsigned cp = extra == 0 ? b0 : extra == 1 ? (b0 & 0x1Fu) : extra == 2 ? (b0 & 0x0Fu) : (b0 & 0x07u);
    for (; extra > 0; --extra) {
        if (i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) return 0xFFFD;
        cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3Fu);
        ++i;
    }
    return cp;
}

class BuiltinMetrics final : public TextMeasurer {
public:
    [[nodiscard]] TextExtents measure(std::string_view utf8, const Font& font) const override {
        const std::uint16_t* widths = font.bold ? kBoldWidths : kRegularWidths;
        double em = 0;
        for (std::size_t i = 0; i < utf8.size();) {
            const unsigned cp = next_code_point(utf8, i);
            if (cp >= kFirst && cp <= kLast && widths[cp - kFirst] != 0) {
                em += widths[cp - kFirst] / 1000.0;
            } else if (cp >= 0x300 && cp <= 0x36F) {
                // combining marks take no width
            } else {
                em += kFallbackWidth;
            }
        }
        return {em * font.size, kAscent * font.size, kDescent * font.size};
    }
};

std::string num(double v) {
    if (std::abs(v) < 0.005) v = 0;  // no "-0.00"
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

std::string quoted(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    out += '"';
    return out;
}

std::string stroke_text(const std::optional<Stroke>& s) {
    if (!s) return " stroke=none";
    std::string out = " stroke=" + to_hex(s->colour) + "/" + num(s->width);
    if (s->dash != Dash::solid) out += "/" + std::string(to_string(s->dash));
    return out;
}

std::string fill_text(const std::optional<Fill>& f) {
    if (!f) return " fill=none";
    std::string out = " fill=" + to_hex(f->colour);
    if (f->pattern != Pattern::none) out += "/" + std::string(to_string(f->pattern)) + "/" + to_hex(f->pattern_colour);
    return out;
}

}  // namespace

std::string to_hex(Colour c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
    return buf;
}

std::string_view to_string(Dash d) noexcept {
    switch (d) {
        case Dash::solid:
            return "solid";
        case Dash::dashed:
            return "dashed";
        case Dash::dotted:
            return "dotted";
    }
    return "solid";
}

std::string_view to_string(Pattern p) noexcept {
    switch (p) {
        case Pattern::none:
            return "none";
        case Pattern::diagonal:
            return "diagonal";
        case Pattern::back_diagonal:
            return "back-diagonal";
        case Pattern::cross:
            return "cross";
        case Pattern::horizontal:
            return "horizontal";
        case Pattern::vertical:
            return "vertical";
        case Pattern::dots:
            return "dots";
    }
    return "none";
}

std::string_view to_string(Shape s) noexcept {
    switch (s) {
        case Shape::circle:
            return "circle";
        case Shape::square:
            return "square";
        case Shape::diamond:
            return "diamond";
        case Shape::triangle_up:
            return "triangle-up";
        case Shape::triangle_down:
            return "triangle-down";
        case Shape::cross:
            return "cross";
        case Shape::star:
            return "star";
        case Shape::plus:
            return "plus";
        case Shape::minus:
            return "minus";
    }
    return "circle";
}

std::string_view to_string(Anchor a) noexcept {
    switch (a) {
        case Anchor::start:
            return "start";
        case Anchor::middle:
            return "middle";
        case Anchor::end:
            return "end";
    }
    return "start";
}

namespace {

// Five-pointed star: inner radius over outer radius for a regular star (sin 18 / sin 54).
constexpr double kStarInner = 0.381966;

std::vector<Point> regular_star(const Marker& m) {
    const double r = m.size / 2;
    // Centre the star's bounding box, not its circumcircle, on the marker: its lower points
    // reach only r cos 36 below the centre.
    const double cy = m.at.y + r * (1 - std::cos(std::numbers::pi / 5)) / 2;
    std::vector<Point> pts;
    for (int k = 0; k < 10; ++k) {
        const double radius = k % 2 == 0 ? r : r * kStarInner;
        const double angle = -std::numbers::pi / 2 + k * std::numbers::pi / 5;
        pts.push_back({m.at.x + radius * std::cos(angle), cy + radius * std::sin(angle)});
    }
    return pts;
}

}  // namespace

std::vector<Point> marker_polygon(const Marker& m) {
    const Rect b = m.bounds();
    const double cx = m.at.x;
    const double cy = m.at.y;
    const double t = m.size / 6;  // half a bar of the plus and minus
    switch (m.shape) {
        case Shape::diamond:
            return {{cx, b.y}, {b.right(), cy}, {cx, b.bottom()}, {b.x, cy}};
        case Shape::triangle_up:
            return {{cx, b.y}, {b.right(), b.bottom()}, {b.x, b.bottom()}};
        case Shape::triangle_down:
            return {{b.x, b.y}, {b.right(), b.y}, {cx, b.bottom()}};
        case Shape::star:
            return regular_star(m);
        case Shape::plus:
            return {{cx - t, b.y},       {cx + t, b.y},    {cx + t, cy - t},     {b.right(), cy - t},
                    {b.right(), cy + t}, {cx + t, cy + t}, {cx + t, b.bottom()}, {cx - t, b.bottom()},
                    {cx - t, cy + t},    {b.x, cy + t},    {b.x, cy - t},        {cx - t, cy - t}};
        case Shape::minus:
            return {{b.x, cy - t}, {b.right(), cy - t}, {b.right(), cy + t}, {b.x, cy + t}};
        case Shape::circle:
        case Shape::square:
        case Shape::cross:
            return {};
    }
    return {};
}

Group& Scene::add_group(std::string id, std::string label) {
    groups.push_back(Group{std::move(id), std::move(label), {}});
    return groups.back();
}

std::string dump(const Scene& scene) {
    std::string out = "scene " + num(scene.width) + "x" + num(scene.height) + " font=" + quoted(scene.font_family) +
                      " lang=" + scene.lang + "\n";
    out += "title " + quoted(scene.title) + "\n";
    out += "description " + quoted(scene.description) + "\n";
    for (const Group& g : scene.groups) {
        out += "group " + g.id + (g.label.empty() ? "" : " " + quoted(g.label)) + "\n";
        for (const Item& item : g.items) {
            std::visit(
                [&](const auto& it) {
                    using T = std::decay_t<decltype(it)>;
                    if constexpr (std::is_same_v<T, Box>) {
                        out += "  box " + num(it.rect.x) + "," + num(it.rect.y) + " " + num(it.rect.w) + "x" +
                               num(it.rect.h) + fill_text(it.fill) + stroke_text(it.stroke);
                        if (it.radius > 0) out += " radius=" + num(it.radius);
                    } else if constexpr (std::is_same_v<T, Path>) {
                        out += it.closed ? "  polygon" : "  line";
                        for (const Point& p : it.points) out += " " + num(p.x) + "," + num(p.y);
                        out += stroke_text(it.stroke);
                        if (it.fill) out += fill_text(it.fill);
                    } else if constexpr (std::is_same_v<T, Marker>) {
                        out += "  marker " + std::string(to_string(it.shape)) + " " + num(it.at.x) + "," +
                               num(it.at.y) + " size=" + num(it.size) + " " + to_hex(it.colour) +
                               (it.hollow ? " hollow" : "");
                    } else {
                        out += "  text " + num(it.at.x) + "," + num(it.at.y) + " " + std::string(to_string(it.anchor)) +
                               " " + num(it.font.size) + (it.font.bold ? "b" : "") + (it.font.italic ? "i" : "") +
                               " w=" + num(it.width) + " " + to_hex(it.colour) + " " + quoted(it.text);
                    }
                },
                item);
            out += "\n";
        }
    }
    return out;
}

const TextMeasurer& builtin_metrics() {
    static const BuiltinMetrics m;
    return m;
}

void measure_into(Text& t, const TextMeasurer& m) {
    const TextExtents e = m.measure(t.text, t.font);
    t.width = e.width;
    t.ascent = e.ascent;
    t.descent = e.descent;
}

}  // namespace waymark::render
