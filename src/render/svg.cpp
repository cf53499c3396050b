#include "render/svg.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <optional>
#include <string_view>
#include <vector>

// Accessibility. The root is role="group", named by <title> (aria-labelledby) and described by
// <desc> (aria-describedby):
// - role="img" makes every child presentational, so the names, dates and labels we write as real
//   <text> would be hidden from screen readers behind the title;
// - role="graphics-document" (the SVG-AAM default) is still mapped inconsistently by browsers
//   (ACT rule 7d6734), and role="document" asks screen readers to switch reading mode, which is
//   meant for documents embedded in application widgets, not for a figure in a page;
// - role="group" is the fallback the W3C graphics roles name for structured graphics: every
//   browser maps it, it carries a name and a description, and its children stay readable.
// Labelled <g> elements get an explicit role="group" too, because aria-label on an element with
// no role is ignored by some browsers (and prohibited on the generic role in ARIA 1.2).
//
// Content-Security-Policy: the output has no <script>, no event attributes, no style attributes
// or <style> (style-src would block them), no external references and no xlink: everything is
// presentation attributes and same-document url(#id) references.

namespace waymark::render {

namespace {

constexpr std::string_view kFontFallbacks = ", Arial, Helvetica, sans-serif";
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// --- Numbers -------------------------------------------------------------------------------

// At most two decimals, no trailing zeros, never "-0": "12", "12.5", "0.33".
std::string num(double v) {
    if (!std::isfinite(v)) v = 0;
    v = std::clamp(v, -1e9, 1e9);  // keeps the buffer small; nothing sane is that far out
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    std::string s = buf;
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    if (s == "-0") s = "0";
    return s;
}

// --- Text: UTF-8 repair and XML escaping ---------------------------------------------------

struct Decoded {
    char32_t cp = 0;
    std::size_t length = 1;
    bool valid = false;
};

unsigned byte_at(std::string_view s, std::size_t i) {
    return static_cast<unsigned char>(s[i]);
}

// Decodes one UTF-8 sequence at s[i] (Unicode table 3-7: no overlongs, no surrogates, nothing
// above U+10FFFF). An ill-formed sequence reports the length of its maximal subpart, so that
// each one becomes a single U+FFFD, as the WHATWG decoder does.
Decoded decode(std::string_view s, std::size_t i) {
    const unsigned b0 = byte_at(s, i);
    if (b0 < 0x80) return {b0, 1, true};
    std::size_t need = 0;
    unsigned lo = 0x80;
    unsigned hi = 0xBF;
    char32_t cp = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        need = 1;
        cp = b0 & 0x1Fu;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        need = 2;
        cp = b0 & 0x0Fu;
        if (b0 == 0xE0) lo = 0xA0;
        if (b0 == 0xED) hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        need = 3;
        cp = b0 & 0x07u;
        if (b0 == 0xF0) lo = 0x90;
        if (b0 == 0xF4) hi = 0x8F;
    } else {
        return {};
    }
    std::size_t length = 1;
    for (; need > 0; --need) {
        if (i + length >= s.size()) return {0, length, false};
        const unsigned b = byte_at(s, i + length);
        if (b < lo || b > hi) return {0, length, false};
        lo = 0x80;
        hi = 0xBF;
        cp = (cp << 6) | (b & 0x3Fu);
        ++length;
    }
    return {cp, length, true};
}

// XML 1.0 forbids most C0 controls and U+FFFE/U+FFFF even when escaped.
bool xml_char(char32_t cp) {
    if (cp < 0x20) return cp == 0x9 || cp == 0xA || cp == 0xD;
    return cp != 0xFFFE && cp != 0xFFFF;
}

void append_escaped_ascii(std::string& out, char c) {
    switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;  // &apos; is unknown to HTML 4 parsers; &#39; works everywhere
        default:
            out += c;
    }
}

// Escapes s for element content and attribute values alike; invalid UTF-8 and characters XML
// cannot carry become U+FFFD.
std::string escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const Decoded d = decode(s, i);
        if (!d.valid || !xml_char(d.cp)) {
            out += kReplacement;
        } else if (d.length == 1) {
            append_escaped_ascii(out, s[i]);
        } else {
            out.append(s.substr(i, d.length));
        }
        i += d.length;
    }
    return out;
}

// Removes the characters that would end a quoted CSS font-family name or the attribute.
std::string font_family_value(std::string_view family) {
    std::string name;
    for (char c : family) {
        if (c != '\'' && c != '"' && c != '\\') name += c;
    }
    return "'" + escape(name) + "'" + std::string(kFontFallbacks);
}

// --- Paint ---------------------------------------------------------------------------------

std::string hex_digits(Colour c) {
    return to_hex(c).substr(1);
}

bool has_pattern(const std::optional<Fill>& f) {
    return f && f->pattern != Pattern::none;
}

const std::optional<Fill>& fill_of(const Item& item) {
    static const std::optional<Fill> kNoFill;
    if (const auto* b = std::get_if<Box>(&item)) return b->fill;
    if (const auto* p = std::get_if<Path>(&item)) return p->fill;
    return kNoFill;
}

std::string pattern_id(const std::string& prefix, const Fill& f) {
    // '_' never appears in group ids (letters, digits and '-'), so these cannot clash with them.
    return prefix + "svg_pattern_" + std::string(to_string(f.pattern)) + "_" + hex_digits(f.colour) + "_" +
           hex_digits(f.pattern_colour);
}

std::string attr(std::string_view name, std::string_view value) {
    return " " + std::string(name) + "=\"" + std::string(value) + "\"";
}

std::string fill_attr(const std::optional<Fill>& f, const std::string& prefix) {
    if (!f) return attr("fill", "none");
    if (f->pattern == Pattern::none) return attr("fill", to_hex(f->colour));
    return attr("fill", "url(#" + pattern_id(prefix, *f) + ")");
}

std::string dash_array(const Stroke& s) {
    switch (s.dash) {
        case Dash::solid:
            return {};
        case Dash::dashed:
            return num(4 * s.width) + " " + num(2 * s.width);
        case Dash::dotted:
            return num(s.width) + " " + num(2 * s.width);
    }
    return {};
}

std::string stroke_attrs(const std::optional<Stroke>& s) {
    if (!s) return {};
    std::string out = attr("stroke", to_hex(s->colour)) + attr("stroke-width", num(s->width));
    if (s->dash != Dash::solid) out += attr("stroke-dasharray", dash_array(*s));
    return out;
}

std::string points_attr(const std::vector<Point>& points) {
    std::string out;
    for (const Point& p : points) {
        if (!out.empty()) out += ' ';
        out += num(p.x) + "," + num(p.y);
    }
    return attr("points", out);
}

// --- Marker geometry (the Cairo writer draws the same shapes) ------------------------------

// --- The writer ----------------------------------------------------------------------------

class SvgWriter {
public:
    SvgWriter(const Scene& scene, const SvgOptions& options)
        : scene_(scene), prefix_(escape(options.id_prefix)), fluid_(options.fluid) {
        if (options.xml_declaration) out_ += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    }

    std::string write() && {
        open_root();
        write_defs();
        for (const Group& g : scene_.groups) write_group(g);
        out_ += "</svg>\n";
        return std::move(out_);
    }

    void operator()(const Box& b) {
        Rect r = b.rect;
        if (r.w < 0) r = {r.x + r.w, r.y, -r.w, r.h};  // SVG rejects negative sizes
        if (r.h < 0) r = {r.x, r.y + r.h, r.w, -r.h};
        out_ +=
            "<rect" + attr("x", num(r.x)) + attr("y", num(r.y)) + attr("width", num(r.w)) + attr("height", num(r.h));
        // Circular corners, clamped as the Cairo writer clamps them (SVG would clamp rx and ry
        // separately and draw elliptical corners).
        const double radius = std::min({b.radius, r.w / 2, r.h / 2});
        if (radius > 0) out_ += attr("rx", num(radius)) + attr("ry", num(radius));
        out_ += fill_attr(b.fill, prefix_) + stroke_attrs(b.stroke) + "/>\n";
    }

    void operator()(const Path& p) {
        out_ += std::string(p.closed ? "<polygon" : "<polyline") + points_attr(p.points) + fill_attr(p.fill, prefix_) +
                stroke_attrs(p.stroke) + "/>\n";
    }

    void operator()(const Marker& m) {
        const std::string paint = marker_paint(m);
        const double r = m.size / 2;
        switch (m.shape) {
            case Shape::circle:
                out_ += "<circle" + attr("cx", num(m.at.x)) + attr("cy", num(m.at.y)) + attr("r", num(r)) + paint;
                break;
            case Shape::square:
                out_ += "<rect" + attr("x", num(m.at.x - r)) + attr("y", num(m.at.y - r)) + attr("width", num(m.size)) +
                        attr("height", num(m.size)) + paint;
                break;
            case Shape::cross: {
                // A saltire (x), so that it differs from the square and the diamond in outline.
                const Rect b = m.bounds();
                const std::string d = "M" + num(b.x) + " " + num(b.y) + "L" + num(b.right()) + " " + num(b.bottom()) +
                                      "M" + num(b.x) + " " + num(b.bottom()) + "L" + num(b.right()) + " " + num(b.y);
                out_ += "<path" + attr("d", d) + attr("fill", "none") + attr("stroke", to_hex(m.colour)) +
                        attr("stroke-width", num(m.stroke_width));
                break;
            }
            default:
                out_ += "<polygon" + points_attr(marker_polygon(m)) + paint;
        }
        out_ += "/>\n";
    }

    void operator()(const Text& t) {
        out_ += "<text" + attr("x", num(t.at.x)) + attr("y", num(t.at.y)) + attr("text-anchor", to_string(t.anchor)) +
                attr("font-size", num(t.font.size)) + attr("font-weight", t.font.bold ? "bold" : "normal") +
                attr("font-style", t.font.italic ? "italic" : "normal") + attr("fill", to_hex(t.colour)) + ">" +
                escape(t.text) + "</text>\n";
    }

private:
    const Scene& scene_;
    std::string prefix_;  // escaped
    bool fluid_ = false;
    std::string out_;

    void open_root() {
        const std::string w = num(scene_.width);
        const std::string h = num(scene_.height);
        const std::string lang = escape(scene_.lang);
        out_ += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"";
        out_ += fluid_ ? attr("width", "100%") : attr("width", w + "pt") + attr("height", h + "pt");
        out_ += attr("viewBox", "0 0 " + w + " " + h) + attr("role", "group") +
                attr("aria-labelledby", prefix_ + "svg_title");
        if (!scene_.description.empty()) out_ += attr("aria-describedby", prefix_ + "svg_desc");
        // lang for HTML and SVG 2, xml:lang for SVG 1.1 readers.
        out_ += attr("lang", lang) + attr("xml:lang", lang) +
                attr("font-family", font_family_value(scene_.font_family)) + ">\n";
        out_ += "<title" + attr("id", prefix_ + "svg_title") + ">" + escape(scene_.title) + "</title>\n";
        if (!scene_.description.empty()) {
            out_ += "<desc" + attr("id", prefix_ + "svg_desc") + ">" + escape(scene_.description) + "</desc>\n";
        }
    }

    // One <pattern> per distinct fill, in order of first use.
    void write_defs() {
        std::vector<Fill> fills;
        for (const Group& g : scene_.groups) {
            for (const Item& item : g.items) {
                const std::optional<Fill>& f = fill_of(item);
                if (has_pattern(f) && std::find(fills.begin(), fills.end(), *f) == fills.end()) fills.push_back(*f);
            }
        }
        if (fills.empty()) return;
        out_ += "<defs>\n";
        for (const Fill& f : fills) write_pattern(f);
        out_ += "</defs>\n";
    }

    void write_pattern(const Fill& f) {
        const double s = kHatchSpacing;
        const std::string hatch = attr("stroke", to_hex(f.pattern_colour)) + attr("stroke-width", num(kHatchWidth));
        const std::string across = "M0 " + num(s / 2) + "H" + num(s);
        const std::string down = "M" + num(s / 2) + " 0V" + num(s);
        // Diagonals are horizontal hairlines turned by 45 degrees, so they stay 4 pt apart and
        // meet seamlessly across tiles.
        std::string transform;
        if (f.pattern == Pattern::diagonal) transform = attr("patternTransform", "rotate(-45)");
        if (f.pattern == Pattern::back_diagonal) transform = attr("patternTransform", "rotate(45)");
        out_ += "<pattern" + attr("id", pattern_id(prefix_, f)) + attr("patternUnits", "userSpaceOnUse") +
                attr("width", num(s)) + attr("height", num(s)) + transform + ">\n";
        out_ += "<rect" + attr("width", num(s)) + attr("height", num(s)) + attr("fill", to_hex(f.colour)) + "/>\n";
        switch (f.pattern) {
            case Pattern::diagonal:
            case Pattern::back_diagonal:
            case Pattern::horizontal:
                out_ += "<path" + attr("d", across) + hatch + "/>\n";
                break;
            case Pattern::vertical:
                out_ += "<path" + attr("d", down) + hatch + "/>\n";
                break;
            case Pattern::cross:
                out_ += "<path" + attr("d", across + down) + hatch + "/>\n";
                break;
            case Pattern::dots:
                out_ += "<circle" + attr("cx", num(s / 2)) + attr("cy", num(s / 2)) + attr("r", num(kDotRadius)) +
                        attr("fill", to_hex(f.pattern_colour)) + "/>\n";
                break;
            case Pattern::none:
                break;
        }
        out_ += "</pattern>\n";
    }

    void write_group(const Group& g) {
        out_ += "<g";
        if (!g.id.empty()) out_ += attr("id", prefix_ + escape(g.id));
        if (!g.label.empty()) {
            out_ += attr("role", "group") + attr("aria-label", escape(g.label));
        } else if (std::none_of(g.items.begin(), g.items.end(),
                                [](const Item& i) { return std::holds_alternative<Text>(i); })) {
            out_ += attr("aria-hidden", "true");  // pure decoration: rules, backgrounds, unlabelled marks
        }
        out_ += ">\n";
        for (const Item& item : g.items) std::visit(*this, item);
        out_ += "</g>\n";
    }

    // Hollow markers are white inside; filled ones are stroked too, so both have the same size.
    [[nodiscard]] std::string marker_paint(const Marker& m) const {
        return attr("fill", m.hollow ? "#ffffff" : to_hex(m.colour)) + attr("stroke", to_hex(m.colour)) +
               attr("stroke-width", num(m.stroke_width));
    }
};

}  // namespace

std::string to_svg(const Scene& scene, const SvgOptions& options) {
    return SvgWriter(scene, options).write();
}

}  // namespace waymark::render
