#include "render/cairo/cairo.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numbers>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::render {

namespace {

// PDF dates are part of the bytes; without a date from the caller this fixed one keeps them stable.
constexpr const char* kFixedDate = "2000-01-01T00:00:00Z";
constexpr double kMaxPixels = 32767;  // Cairo's largest image surface side

struct Release {
    void operator()(cairo_t* p) const { cairo_destroy(p); }
    void operator()(cairo_surface_t* p) const { cairo_surface_destroy(p); }
    void operator()(cairo_font_options_t* p) const { cairo_font_options_destroy(p); }
    void operator()(PangoFontDescription* p) const { pango_font_description_free(p); }
    void operator()(PangoLayout* p) const { g_object_unref(p); }
    void operator()(gchar* p) const { g_free(p); }
};
template <class T>
using Owned = std::unique_ptr<T, Release>;

void check(cairo_status_t status) {
    if (status != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error(std::string("cairo: ") + cairo_status_to_string(status));
}

// Cairo and Pango want valid UTF-8; invalid bytes become U+FFFD, as in the SVG writer.
Owned<gchar> valid_utf8(std::string_view s) {
    return Owned<gchar>(g_utf8_make_valid(s.data(), static_cast<gssize>(s.size())));
}

// --- Text ----------------------------------------------------------------------------------

// The same font options for drawing and measuring, whatever the surface, so that a width
// measured for layout is the width drawn: no hinted metrics, no rounded glyph positions.
void configure_layout(PangoLayout* layout) {
    PangoContext* context = pango_layout_get_context(layout);
    const Owned<cairo_font_options_t> options(cairo_font_options_create());
    cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(context, options.get());
    pango_context_set_round_glyph_positions(context, FALSE);
    pango_layout_context_changed(layout);
    pango_layout_set_single_paragraph_mode(layout, TRUE);  // one line, whatever the text holds
}

Owned<PangoLayout> new_layout(cairo_t* cr) {
    Owned<PangoLayout> layout(pango_cairo_create_layout(cr));
    configure_layout(layout.get());
    return layout;
}

void set_font(PangoLayout* layout, const std::string& family, const Font& font) {
    const Owned<PangoFontDescription> fd(pango_font_description_new());
    pango_font_description_set_family(fd.get(), family.c_str());
    pango_font_description_set_weight(fd.get(), font.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(fd.get(), font.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    // 1 scene unit = 1 pt = 1 Cairo user unit. pango_font_description_set_size would scale the
    // points by the context's 96 dpi; an absolute size is in user units.
    pango_font_description_set_absolute_size(fd.get(), font.size * PANGO_SCALE);
    pango_layout_set_font_description(layout, fd.get());
}

void set_text(PangoLayout* layout, std::string_view utf8) {
    const Owned<gchar> text = valid_utf8(utf8);
    pango_layout_set_text(layout, text.get(), -1);
}

double from_pango(int v) {
    return v / static_cast<double>(PANGO_SCALE);
}

struct LineBox {
    double left = 0;  // of the logical rectangle, from the layout's origin
    TextExtents extents;
};

LineBox line_box(PangoLayout* layout) {
    PangoRectangle logical{};
    pango_layout_get_extents(layout, nullptr, &logical);
    const double baseline = from_pango(pango_layout_get_baseline(layout));
    return {from_pango(logical.x), {from_pango(logical.width), baseline, from_pango(logical.height) - baseline}};
}

const std::string& default_family() {
    static const std::string family = Scene{}.font_family;
    return family;
}

Rect normalised(Rect r) {
    if (r.w < 0) r = {r.x + r.w, r.y, -r.w, r.h};
    if (r.h < 0) r = {r.x, r.y + r.h, r.w, -r.h};
    return r;
}

// The hatch grid: lines (and dots) at s/2 + k s for whole k, as in the SVG pattern tiles.
struct GridSpan {
    int first = 0;
    int last = -1;
};

GridSpan grid_span(double from, double to) {
    return {static_cast<int>(std::floor(from / kHatchSpacing - 0.5)),
            static_cast<int>(std::ceil(to / kHatchSpacing - 0.5))};
}

double grid_line(int k) {
    return (k + 0.5) * kHatchSpacing;
}

// --- Drawing -------------------------------------------------------------------------------

class Painter {
public:
    Painter(cairo_t* cr, const Scene& scene) : cr_(cr), family_(scene.font_family), layout_(new_layout(cr)) {}

    void operator()(const Box& b) {
        const Rect r = normalised(b.rect);
        const double radius = std::min({b.radius, r.w / 2, r.h / 2});
        paint([&] { rounded_rectangle(r, radius); }, b.fill, b.stroke);
    }

    void operator()(const Path& p) {
        if (p.points.empty()) return;
        paint([&] { polygon(p.points, p.closed); }, p.fill, p.stroke);
    }

    void operator()(const Marker& m) {
        const Stroke outline{m.colour, m.stroke_width, Dash::solid};
        if (m.shape == Shape::cross) {
            const Rect b = m.bounds();
            const auto saltire = [&] {  // x, unlike the square and the diamond in outline
                polygon({{b.x, b.y}, {b.right(), b.bottom()}}, false);
                polygon({{b.x, b.bottom()}, {b.right(), b.y}}, false);
            };
            paint(saltire, std::nullopt, outline);
            return;
        }
        // Hollow markers are white inside; filled ones are stroked too, so both have the same size.
        const Fill inside{m.hollow ? Colour{255, 255, 255} : m.colour, Pattern::none, {}};
        paint([&] { marker_path(m); }, inside, outline);
    }

    void operator()(const Text& t) {
        set_font(layout_.get(), family_, t.font);
        set_text(layout_.get(), t.text);
        const LineBox box = line_box(layout_.get());
        // `at` is the baseline of the anchor point; the shift uses the width Pango draws.
        const double shift = t.anchor == Anchor::middle ? box.extents.width / 2
                             : t.anchor == Anchor::end  ? box.extents.width
                                                        : 0;
        set_colour(t.colour);
        cairo_move_to(cr_, t.at.x - shift - box.left, t.at.y - box.extents.ascent);
        pango_cairo_show_layout(cr_, layout_.get());
        cairo_new_path(cr_);
    }

private:
    cairo_t* cr_;
    std::string family_;
    Owned<PangoLayout> layout_;

    void set_colour(Colour c) { cairo_set_source_rgb(cr_, c.r / 255.0, c.g / 255.0, c.b / 255.0); }

    // Builds the path three times (fill, pattern clip, stroke) rather than copying it around
    // save/restore, which does not keep the path.
    template <class BuildPath>
    void paint(BuildPath build, const std::optional<Fill>& fill, const std::optional<Stroke>& stroke) {
        if (fill) {
            build();
            set_colour(fill->colour);
            cairo_fill(cr_);
            if (fill->pattern != Pattern::none) {
                cairo_save(cr_);
                build();
                cairo_clip(cr_);
                hatch(*fill);
                cairo_restore(cr_);
            }
        }
        if (stroke && stroke->width > 0) {  // a zero width would be a device hairline in PDF
            build();
            set_stroke(*stroke);
            cairo_stroke(cr_);
        }
        cairo_new_path(cr_);
    }

    void set_stroke(const Stroke& s) {
        set_colour(s.colour);
        cairo_set_line_width(cr_, s.width);
        const double on = s.dash == Dash::dashed ? 4 * s.width : s.width;
        const std::vector<double> dashes{on, 2 * s.width};
        cairo_set_dash(cr_, dashes.data(), s.dash == Dash::solid ? 0 : 2, 0);
    }

    void rounded_rectangle(const Rect& r, double radius) {
        if (radius <= 0) {
            cairo_rectangle(cr_, r.x, r.y, r.w, r.h);
            return;
        }
        const double pi = std::numbers::pi;
        cairo_new_sub_path(cr_);
        cairo_arc(cr_, r.right() - radius, r.y + radius, radius, -pi / 2, 0);
        cairo_arc(cr_, r.right() - radius, r.bottom() - radius, radius, 0, pi / 2);
        cairo_arc(cr_, r.x + radius, r.bottom() - radius, radius, pi / 2, pi);
        cairo_arc(cr_, r.x + radius, r.y + radius, radius, pi, 3 * pi / 2);
        cairo_close_path(cr_);
    }

    void polygon(const std::vector<Point>& points, bool closed) {
        cairo_move_to(cr_, points.front().x, points.front().y);
        for (std::size_t i = 1; i < points.size(); ++i) cairo_line_to(cr_, points[i].x, points[i].y);
        if (closed) cairo_close_path(cr_);
    }

    void marker_path(const Marker& m) {
        if (m.shape == Shape::circle) {
            cairo_new_sub_path(cr_);
            cairo_arc(cr_, m.at.x, m.at.y, m.size / 2, 0, 2 * std::numbers::pi);
        } else if (m.shape == Shape::square) {
            const Rect b = m.bounds();
            cairo_rectangle(cr_, b.x, b.y, b.w, b.h);
        } else {
            polygon(marker_polygon(m), true);
        }
    }

    // Inside the current clip: hairlines on a 4 pt grid anchored at the page origin (as the
    // SVG's userSpaceOnUse patterns are), diagonals being the grid turned by 45 degrees.
    void hatch(const Fill& f) {
        set_colour(f.pattern_colour);
        if (f.pattern == Pattern::diagonal) cairo_rotate(cr_, -std::numbers::pi / 4);
        if (f.pattern == Pattern::back_diagonal) cairo_rotate(cr_, std::numbers::pi / 4);
        double x1 = 0;
        double y1 = 0;
        double x2 = 0;
        double y2 = 0;
        cairo_clip_extents(cr_, &x1, &y1, &x2, &y2);  // in the turned space
        const GridSpan xs = grid_span(x1, x2);
        const GridSpan ys = grid_span(y1, y2);
        if (f.pattern == Pattern::dots) {
            for (int j = ys.first; j <= ys.last; ++j) {
                for (int i = xs.first; i <= xs.last; ++i) {
                    cairo_new_sub_path(cr_);
                    cairo_arc(cr_, grid_line(i), grid_line(j), kDotRadius, 0, 2 * std::numbers::pi);
                }
            }
            cairo_fill(cr_);
            return;
        }
        if (f.pattern != Pattern::vertical) {
            for (int j = ys.first; j <= ys.last; ++j) {
                cairo_move_to(cr_, x1, grid_line(j));
                cairo_line_to(cr_, x2, grid_line(j));
            }
        }
        if (f.pattern == Pattern::vertical || f.pattern == Pattern::cross) {
            for (int i = xs.first; i <= xs.last; ++i) {
                cairo_move_to(cr_, grid_line(i), y1);
                cairo_line_to(cr_, grid_line(i), y2);
            }
        }
        cairo_set_line_width(cr_, kHatchWidth);
        cairo_set_dash(cr_, nullptr, 0, 0);
        cairo_stroke(cr_);
    }
};

void draw(cairo_surface_t* surface, const Scene& scene, double scale, bool white_background) {
    const Owned<cairo_t> cr(cairo_create(surface));
    check(cairo_status(cr.get()));
    cairo_scale(cr.get(), scale, scale);
    if (white_background) {
        cairo_set_source_rgb(cr.get(), 1, 1, 1);
        cairo_paint(cr.get());
    }
    Painter painter(cr.get(), scene);
    for (const Group& g : scene.groups) {
        for (const Item& item : g.items) std::visit(painter, item);
    }
    check(cairo_status(cr.get()));
}

// --- Output --------------------------------------------------------------------------------

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
    try {
        static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
        return CAIRO_STATUS_SUCCESS;
    } catch (...) {
        return CAIRO_STATUS_NO_MEMORY;
    }
}

// Cairo wants ISO 8601 with a time: a date alone is taken as midnight UTC.
std::string pdf_date(const std::string& created) {
    if (created.empty()) return kFixedDate;
    if (created.find('T') == std::string::npos) return created + "T00:00:00Z";
    return created;
}

void set_metadata(cairo_surface_t* surface, cairo_pdf_metadata_t key, std::string_view value) {
    if (value.empty()) return;
    cairo_pdf_surface_set_metadata(surface, key, valid_utf8(value).get());
}

void set_metadata(cairo_surface_t* surface, const Scene& scene) {
    const Metadata& m = scene.metadata;
    set_metadata(surface, CAIRO_PDF_METADATA_TITLE, m.title.empty() ? scene.title : m.title);
    set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, m.subject);
    set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, m.author);
    set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, m.creator);
    const std::string date = pdf_date(m.created);
    set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
    set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date);
}

void check_page_size(const Scene& scene) {
    if (!(scene.width > 0 && scene.height > 0 && std::isfinite(scene.width) && std::isfinite(scene.height))) {
        throw std::invalid_argument("render: the page must have a positive, finite width and height");
    }
}

int pixels(double points, double pixels_per_point) {
    const double v = std::ceil(points * pixels_per_point - 1e-6);  // 100 x 1.5 is 150, not 151
    if (!(v >= 1 && v <= kMaxPixels)) throw std::invalid_argument("render: the image would be empty or too large");
    return static_cast<int>(v);
}

// One layout per thread: Pango's default font map is per thread (since Pango 1.32.6) and a
// layout must not be shared between threads, so measuring needs no lock and threads do not wait
// for each other.
class PangoMetrics final : public TextMeasurer {
public:
    [[nodiscard]] TextExtents measure(std::string_view utf8, const Font& font) const override {
        PangoLayout* layout = thread_layout();
        set_font(layout, default_family(), font);
        set_text(layout, utf8);
        return line_box(layout).extents;
    }

private:
    struct Measuring {
        Owned<cairo_surface_t> surface{cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1)};
        Owned<cairo_t> cr{cairo_create(surface.get())};
        Owned<PangoLayout> layout{new_layout(cr.get())};
    };

    static PangoLayout* thread_layout() {
        thread_local const Measuring m;
        return m.layout.get();
    }
};

}  // namespace

std::string to_pdf(const Scene& scene) {
    return to_pdf(std::span<const Scene>(&scene, 1));
}

std::string to_pdf(std::span<const Scene> pages) {
    if (pages.empty()) throw std::invalid_argument("render: a PDF needs at least one page");
    for (const Scene& page : pages) check_page_size(page);
    std::string out;
    const Owned<cairo_surface_t> surface(
        cairo_pdf_surface_create_for_stream(append_to_string, &out, pages.front().width, pages.front().height));
    check(cairo_surface_status(surface.get()));
    set_metadata(surface.get(), pages.front());
    for (const Scene& page : pages) {
        if (&page != &pages.front()) {
            cairo_surface_show_page(surface.get());
            cairo_pdf_surface_set_size(surface.get(), page.width, page.height);
        }
        draw(surface.get(), page, 1, false);  // paper is white: no background rectangle in the PDF
    }
    cairo_surface_finish(surface.get());
    check(cairo_surface_status(surface.get()));
    return out;
}

std::string to_png(const Scene& scene, double pixels_per_point) {
    check_page_size(scene);
    if (!(pixels_per_point > 0)) throw std::invalid_argument("render: pixels_per_point must be positive");
    const Owned<cairo_surface_t> surface(cairo_image_surface_create(
        CAIRO_FORMAT_ARGB32, pixels(scene.width, pixels_per_point), pixels(scene.height, pixels_per_point)));
    check(cairo_surface_status(surface.get()));
    draw(surface.get(), scene, pixels_per_point, true);
    cairo_surface_flush(surface.get());
    std::string out;
    check(cairo_surface_write_to_png_stream(surface.get(), append_to_string, &out));
    return out;
}

const TextMeasurer& pango_metrics() {
    static const PangoMetrics m;
    return m;
}

}  // namespace waymark::render
