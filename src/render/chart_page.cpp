// A chart as one landscape page (render/chart.hpp): the header, the plot with its parts,
// levels, tests of change and values, the key, what the chart says and the data as a table.
#include "core/text.hpp"
#include "render/chart.hpp"
#include "render/chart_axis.hpp"
#include "render/chart_model.hpp"
#include "render/placement.hpp"
#include "render/style.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <utility>

namespace waymark::render {

namespace {

namespace qi = core::qi;
using namespace chart_detail;

const Font kTitleFont{15, true, false};
const Font kDefinitionFont{8.5, false, false};
const Font kMethodFont{7, false, false};
const Font kHeadingFont{8.5, true, false};
const Font kNoteFont{7.5, false, false};
const Font kAxisTitleFont{7, true, false};
const Font kSmallFont{6.5, false, false};
const Font kTableFont{6, false, false};
const Font kTableBold{6, true, false};

constexpr double kMargin = 24;
constexpr Colour kShade{0xee, 0xf1, 0xf4};     // the baseline
constexpr Colour kFaint{0x9a, 0x9a, 0x9a};     // the 2-sigma lines
constexpr Colour kNoteFill{0xf3, 0xf2, 0xf1};  // the "What the chart says" box
constexpr double kMaxFlagWidth = 150;          // a test of change's label longer than this ends in an ellipsis

using core::join;
using core::plural;

// The marker of a point: shape and colour say the same thing, so that print keeps the meaning.
Marker point_marker(Mark mark, Point at, double size, bool hollow, Colour plain) {
    switch (mark) {
        case Mark::run:
            return Marker{at, Shape::diamond, size + 3, kWarning, hollow, 1};
        case Mark::improvement:
            return Marker{at, Shape::square, size + 2, kBlue, false, 1};
        case Mark::concern:
            return Marker{at, Shape::diamond, size + 3, kOrange, false, 1};
        case Mark::neutral:
            return Marker{at, Shape::triangle_up, size + 3, kPurple, false, 1};
        case Mark::plain:
            break;
    }
    return Marker{at, Shape::circle, hollow ? size + 1 : size, plain, hollow, 1};
}

// --- The page -----------------------------------------------------------------------------------------------

struct Column {
    std::string header;
    bool numeric = true;
    double width = 0;
};

struct TableLayout {
    std::vector<Column> columns;
    std::vector<std::vector<std::string>> rows;
    double x = 0;
    double width = 0;
};

class Page {
public:
    Page(const Model& model, const ChartLabels& labels, std::span<const ChartAnnotation> tests, const TextMeasurer& m)
        : model_(model), labels_(labels), tests_(tests), w_(m) {
        std::vector<double> xs;
        for (const PlotPoint& p : model.points) xs.push_back(p.x);
        monthly_ = monthly(xs, labels.x_is_date);
    }

    Scene build();

private:
    void header(Scene& scene);
    void table(Scene& scene);
    void plan_left(const std::vector<std::string>& untagged);
    void place_tests();
    void findings(Scene& scene);
    void axes(Scene& scene);
    void baseline(Scene& scene);
    void parts(Scene& scene);
    void levels(Scene& scene);
    void tests_of_change(Scene& scene);
    void values(Scene& scene);
    void legend(Scene& scene);
    void footer(Scene& scene);
    [[nodiscard]] std::string describe() const;
    [[nodiscard]] std::string title() const { return labels_.title.empty() ? model_.kind : labels_.title; }

    // Between two parts: halfway from the last point of one to the first of the next.
    [[nodiscard]] double boundary_after(std::size_t last_index) const;

    struct Legend {
        std::function<void(Group&, double, double)> draw;
        double swatch = 0;
        std::string text;
    };
    [[nodiscard]] std::vector<Legend> legend_items() const;
    [[nodiscard]] std::vector<std::vector<std::size_t>> legend_rows(const std::vector<Legend>& items) const;

    const Model& model_;
    const ChartLabels& labels_;
    std::span<const ChartAnnotation> tests_;
    Writer w_;
    bool monthly_ = false;

    double width_ = 841.89;
    double height_ = 595.28;
    double main_top_ = 0;
    double main_bottom_ = 0;
    double left_right_ = 0;  // the right edge of the plot's column
    TableLayout table_;
    // The plot's column, top to bottom.
    double y_label_y_ = 0;
    double part_row_y_ = 0;  // baseline of the part names; 0 when there is no row
    int lanes_ = 0;
    double plot_top_ = 0;
    double plot_bottom_ = 0;
    double plot_left_ = 0;
    double plot_right_ = 0;
    double x_axis_h_ = 0;
    double legend_top_ = 0;
    double notes_top_ = 0;
    std::vector<std::vector<std::string>> notes_;  // per finding, its lines
    Scale x_;
    Scale y_;
    std::vector<Tick> x_ticks_;
    std::vector<Tick> y_ticks_;
    struct EdgeLabel {
        double y = 0;
        std::string text;
        Colour colour;
    };
    std::vector<EdgeLabel> edge_labels_;
    std::vector<Finding> findings_;  // the model's, and the tests of change without their words on the chart
    struct Flag {
        double x = 0;
        bool inside = false;  // within the chart's x range
        std::string label;
        std::string full;    // "2 Huddles", fitted
        std::string number;  // "2"
        std::string when;
        bool numbered = false;  // only the number is on the chart
        std::optional<PlacedLabel> placed;
    };
    std::vector<Flag> flags_;                  // in x order
    std::vector<std::string> untagged_tests_;  // tests of change without their words on the chart
};

constexpr double kLaneHeight = 9;
constexpr double kNoteLine = 9.5;

void Page::header(Scene& scene) {
    Group& g = scene.add_group("header", "Title and definition");
    const double text_w = width_ - 2 * kMargin;
    double y = kMargin + 14;
    g.items.emplace_back(w_.text(kMargin, y, w_.fit(title(), kTitleFont, text_w), kTitleFont));
    for (const std::string& line : w_.wrap(labels_.definition, kDefinitionFont, text_w, 2)) {
        y += 12;
        g.items.emplace_back(w_.text(kMargin, y, line, kDefinitionFont));
    }
    for (const std::string& line : w_.wrap(model_.method, kMethodFont, text_w, 2)) {
        y += 10;
        g.items.emplace_back(w_.text(kMargin, y, line, kMethodFont, kGrey));
    }
    main_top_ = y + 10;
}

void Page::table(Scene& scene) {
    const bool limits =
        std::any_of(model_.points.begin(), model_.points.end(), [](const PlotPoint& p) { return p.lcl || p.ucl; });
    TableLayout& t = table_;
    t.columns.push_back({labels_.x_is_date ? "Date" : "x", true, 0});
    t.columns.push_back({"Value", true, 0});
    t.columns.push_back({model_.mdc ? "Mean" : model_.centre_short == "Median" ? "Median" : "Centre", true, 0});
    if (limits) {
        t.columns.push_back({"Lower", true, 0});
        t.columns.push_back({"Upper", true, 0});
    }
    t.columns.push_back({"Signal", false, 0});
    auto text = [](const std::optional<double>& v) { return v ? readable(*v) : std::string(); };
    for (const PlotPoint& p : model_.points) {
        std::vector<std::string> row{x_words(p.x, labels_.x_is_date, monthly_), text(p.y), text(p.cl)};
        if (limits) {
            row.push_back(text(p.lcl));
            row.push_back(text(p.ucl));
        }
        row.push_back(p.signal);
        t.rows.push_back(std::move(row));
    }
    // The largest type that lists every point, else the smallest.
    struct Form {
        Font font;
        Font bold;
        double row;
    };
    const std::array<Form, 3> forms = {{{Font{7, false, false}, Font{7, true, false}, 8.8},
                                        {Font{6.5, false, false}, Font{6.5, true, false}, 8},
                                        {kTableFont, kTableBold, 7.4}}};
    const double header_y = main_top_ + 20;
    auto capacity_of = [&](const Form& f) {
        const double first = header_y + f.row + 3;
        return static_cast<std::size_t>(std::max(0.0, std::floor((main_bottom_ - 1.5 - first) / f.row) + 1));
    };
    const Form* form = &forms.back();
    for (const Form& f : forms) {
        if (capacity_of(f) >= t.rows.size()) {
            form = &f;
            break;
        }
    }
    const double gap = form->font.size;
    const double signal_max = form->font.size * 14;
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
        Column& col = t.columns[c];
        col.width = w_.width(col.header, form->bold);
        for (const auto& row : t.rows) col.width = std::max(col.width, w_.width(row[c], form->font));
        if (!col.numeric) col.width = std::min(col.width, signal_max);
        t.width += col.width + (c > 0 ? gap : 0);
    }
    t.x = width_ - kMargin - t.width;
    left_right_ = t.x - 20;

    const std::size_t points = t.rows.size();
    Group& g = scene.add_group("data-table", "The data: " + plural(points, "point", "points"));
    g.items.emplace_back(w_.text(t.x, main_top_ + 8, "The data", kHeadingFont));
    double cx = t.x;
    std::vector<double> col_x;
    for (const Column& col : t.columns) {
        col_x.push_back(cx);
        g.items.emplace_back(col.numeric ? w_.text(cx + col.width, header_y, col.header, form->bold, kInk, Anchor::end)
                                         : w_.text(cx, header_y, col.header, form->bold));
        cx += col.width + gap;
    }
    g.items.emplace_back(line(t.x, header_y + 3, t.x + t.width, header_y + 3, Stroke{kGrey, 0.5, Dash::solid}));
    const std::size_t capacity = capacity_of(*form);
    const double row_h = form->row;
    // What does not fit: the earliest points, said in a line at the top.
    std::size_t start = 0;
    double y = header_y + row_h + 3;
    if (points > capacity && capacity > 0) {
        start = points - (capacity - 1);
        Font italic = form->font;
        italic.italic = true;
        g.items.emplace_back(w_.text(
            t.x, y,
            w_.fit("\u2026 " + plural(start, "earlier point", "earlier points") + " not listed", italic, t.width),
            italic, kGrey));
        y += row_h;
    }
    for (std::size_t r = start; r < points; ++r) {
        if (r > start && model_.points[r].part != model_.points[r - 1].part) {
            g.items.emplace_back(
                line(t.x, y - row_h + 1.6, t.x + t.width, y - row_h + 1.6, Stroke{kLightGrey, 0.5, Dash::solid}));
        }
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            const Column& col = t.columns[c];
            const std::string& cell = t.rows[r][c];
            if (cell.empty()) continue;
            if (col.numeric) {
                g.items.emplace_back(w_.text(col_x[c] + col.width, y, cell, form->font, kInk, Anchor::end));
            } else {
                const PlotPoint& p = model_.points[r];
                g.items.emplace_back(
                    w_.text(col_x[c], y, w_.fit(cell, form->font, col.width), form->font, p.signal_colour));
            }
        }
        y += row_h;
    }
}

std::vector<Page::Legend> Page::legend_items() const {
    std::vector<Legend> items;
    const Colour value_colour = model_.mdc ? kGrey : kBlue;
    items.push_back({[value_colour](Group& g, double x, double y) {
                         g.items.emplace_back(line(x, y, x + 16, y, Stroke{value_colour, 1, Dash::solid}));
                         g.items.emplace_back(Marker{{x + 8, y}, Shape::circle, 4, value_colour, false, 1});
                     },
                     16, "Value"});
    if (std::find(model_.part_runs_signal.begin(), model_.part_runs_signal.end(), false) !=
        model_.part_runs_signal.end()) {
        items.push_back({[](Group& g, double x, double y) {
                             g.items.emplace_back(line(x, y, x + 16, y, Stroke{kInk, 1, Dash::solid}));
                         },
                         16, model_.centre});
    }
    const bool limits =
        std::any_of(model_.points.begin(), model_.points.end(), [](const PlotPoint& p) { return p.lcl || p.ucl; });
    if (limits) {
        items.push_back({[](Group& g, double x, double y) {
                             g.items.emplace_back(line(x, y, x + 16, y, Stroke{kGrey, 0.8, Dash::dashed}));
                         },
                         16, model_.limits});
    }
    if (std::any_of(model_.points.begin(), model_.points.end(),
                    [](const PlotPoint& p) { return p.lcl_2 || p.ucl_2; })) {
        items.push_back({[](Group& g, double x, double y) {
                             g.items.emplace_back(line(x, y, x + 16, y, Stroke{kFaint, 0.7, Dash::dotted}));
                         },
                         16, "2-sigma lines"});
    }
    if (model_.target) {
        items.push_back({[](Group& g, double x, double y) {
                             g.items.emplace_back(line(x, y, x + 16, y, Stroke{kGreen, 1, Dash::dotted}));
                         },
                         16, "Target"});
    }
    if (std::find(model_.part_runs_signal.begin(), model_.part_runs_signal.end(), true) !=
        model_.part_runs_signal.end()) {
        items.push_back({[](Group& g, double x, double y) {
                             g.items.emplace_back(line(x, y, x + 16, y, Stroke{kWarning, 1.6, Dash::solid}));
                         },
                         16, model_.centre + " of a part whose runs signal"});
    }
    auto has = [&](auto pred) { return std::any_of(model_.points.begin(), model_.points.end(), pred); };
    if (has([](const PlotPoint& p) { return p.outside && p.y; })) {
        const Colour ring = model_.mdc ? kInk : kWarning;
        const bool dot = !model_.mdc;
        items.push_back({[ring, dot](Group& g, double x, double y) {
                             g.items.emplace_back(Marker{{x + 5, y}, Shape::circle, 10, ring, true, 1});
                             if (dot) g.items.emplace_back(Marker{{x + 5, y}, Shape::circle, 5.5, kWarning, false, 1});
                         },
                         10, model_.mdc ? "Ringed: outside the process limits" : "Outside the control limits"});
    }
    struct MarkItem {
        Mark mark;
        std::string text;
    };
    const std::array<MarkItem, 4> marks = {{{Mark::run, model_.run_mark},
                                            {Mark::improvement, "Special cause: improvement"},
                                            {Mark::concern, "Special cause: concern"},
                                            {Mark::neutral, "Special cause: neither"}}};
    for (const MarkItem& mi : marks) {
        if (!has([&](const PlotPoint& p) { return p.mark == mi.mark && p.y; })) continue;
        const Mark mark = mi.mark;
        items.push_back({[mark](Group& g, double x, double y) {
                             g.items.emplace_back(point_marker(mark, {x + 4, y}, 4, false, kBlue));
                         },
                         8, mi.text});
    }
    if (has([](const PlotPoint& p) { return p.excluded && p.y; })) {
        items.push_back({[](Group& g, double x, double y) {
                             g.items.emplace_back(Marker{{x + 3, y}, Shape::circle, 5, kBlue, true, 1});
                         },
                         6, "Left out of the calculations"});
    }
    if (model_.baseline_points) {
        items.push_back({[](Group& g, double x, double y) {
                             g.items.emplace_back(box(x, y - 4, 14, 8, Fill{kShade, Pattern::none, {}},
                                                      Stroke{kLightGrey, 0.5, Dash::solid}));
                         },
                         14, "Baseline"});
    }
    if (!tests_.empty()) {
        items.push_back({[](Group& g, double x, double y) {
                             g.items.emplace_back(line(x + 3, y - 4, x + 3, y + 4, Stroke{kPurple, 1, Dash::dashed}));
                         },
                         6, "Test of change"});
    }
    return items;
}

std::vector<std::vector<std::size_t>> Page::legend_rows(const std::vector<Legend>& items) const {
    std::vector<std::vector<std::size_t>> rows(1);
    double x = kMargin;
    for (std::size_t k = 0; k < items.size(); ++k) {
        const double wdt = items[k].swatch + 3 + w_.width(items[k].text, kSmallFont) + 12;
        if (x + wdt - 12 > left_right_ && !rows.back().empty()) {
            rows.emplace_back();
            x = kMargin;
        }
        rows.back().push_back(k);
        x += wdt;
    }
    return rows;
}

void Page::plan_left(const std::vector<std::string>& untagged) {
    const double column_w = left_right_ - kMargin;
    y_label_y_ = main_top_ + 8;
    double cursor = main_top_ + 14;
    if (!model_.part_names.empty() || model_.baseline_points) {
        part_row_y_ = cursor + 7;
        cursor += 16;
    }
    // A lane for each test of change, up to three.
    lanes_ = static_cast<int>(std::min<std::size_t>(tests_.size(), 3));
    if (lanes_ > 0) cursor += lanes_ * kLaneHeight + 4;
    plot_top_ = cursor;

    const bool two_rows = labels_.x_is_date;
    x_axis_h_ = two_rows ? 26 : 17;
    const double legend_h = static_cast<double>(legend_rows(legend_items()).size()) * 11 + 2;
    // What the chart says: every sentence, unless the plot would get too short.
    findings_ = model_.findings;
    if (!untagged.empty()) {
        findings_.push_back(
            {0, false, "Tests of change without their words on the chart: " + join(untagged, "; ") + "."});
    }
    notes_.clear();
    std::size_t lines = 0;
    for (const Finding& f : findings_) {
        notes_.push_back(w_.wrap(f.text, kNoteFont, column_w - 22));
        lines += notes_.back().size();
    }
    auto notes_h = [&](std::size_t n) { return 26 + static_cast<double>(n) * kNoteLine; };
    constexpr double kMinPlot = 160;
    const double room = main_bottom_ - plot_top_ - x_axis_h_ - legend_h - kMinPlot;
    while (lines > 1 && notes_h(lines) > room) {
        // Shorten the longest finding by a line, ending it with an ellipsis.
        auto longest = std::max_element(notes_.begin(), notes_.end(),
                                        [](const auto& a, const auto& b) { return a.size() < b.size(); });
        if (longest->size() <= 1) {
            notes_.pop_back();
        } else {
            longest->pop_back();
            longest->back() = w_.fit(longest->back() + " \u2026", kNoteFont, column_w - 22);
        }
        --lines;
    }
    notes_top_ = main_bottom_ - notes_h(lines);
    legend_top_ = notes_top_ - legend_h - 2;
    plot_bottom_ = legend_top_ - x_axis_h_;

    // The vertical scale.
    double lo = INFINITY;
    double hi = -INFINITY;
    auto take = [&](const std::optional<double>& v) {
        if (v && std::isfinite(*v)) {
            lo = std::min(lo, *v);
            hi = std::max(hi, *v);
        }
    };
    for (const PlotPoint& p : model_.points) {
        for (const auto* v : {&p.y, &p.cl, &p.lcl, &p.ucl, &p.lcl_2, &p.ucl_2}) take(*v);
    }
    take(model_.target);
    if (!std::isfinite(lo)) {
        lo = 0;
        hi = 1;
    }
    if (hi - lo < 1e-12) {
        const double pad = std::max(std::abs(hi) * 0.1, 1.0);
        lo -= pad;
        hi += pad;
    }
    const int count = std::clamp(static_cast<int>((plot_bottom_ - plot_top_) / 40), 4, 9);
    y_ticks_ = number_ticks(lo, hi, count, false);
    // A little room inside the plot, so that a point on the first or last tick keeps its ring.
    y_ = {y_ticks_.front().value, y_ticks_.back().value, plot_bottom_ - 4, plot_top_ + 6};
    double label_w = 0;
    for (const Tick& t : y_ticks_) label_w = std::max(label_w, w_.width(t.label, kAxisFont));
    plot_left_ = kMargin + label_w + 5;

    // The values of the last part's lines, named at the right edge.
    edge_labels_.clear();
    const PlotPoint* last = nullptr;
    for (const PlotPoint& p : model_.points) {
        if (p.cl || p.lcl || p.ucl) last = &p;
    }
    if (last != nullptr) {
        auto add = [&](const std::optional<double>& v, const std::string& name, Colour c) {
            if (v) edge_labels_.push_back({y_.at(*v), name + " " + readable(*v), c});
        };
        add(last->ucl, model_.upper_short, kGrey);
        add(last->cl, model_.centre_short, kInk);
        add(last->lcl, model_.lower_short, kGrey);
    }
    if (model_.target) edge_labels_.push_back({y_.at(*model_.target), "Target " + readable(*model_.target), kGreen});
    std::sort(edge_labels_.begin(), edge_labels_.end(),
              [](const EdgeLabel& a, const EdgeLabel& b) { return a.y < b.y; });
    for (std::size_t k = 1; k < edge_labels_.size(); ++k) {
        edge_labels_[k].y = std::max(edge_labels_[k].y, edge_labels_[k - 1].y + 8);
    }
    if (!edge_labels_.empty() && edge_labels_.back().y > plot_bottom_) {
        const double up = edge_labels_.back().y - plot_bottom_;
        for (EdgeLabel& e : edge_labels_) e.y -= up;
    }
    double edge_w = 0;
    for (const EdgeLabel& e : edge_labels_) edge_w = std::max(edge_w, w_.width(e.text, kSmallFont));
    plot_right_ = left_right_ - (edge_w > 0 ? edge_w + 5 : 0);

    // The horizontal scale: a little room beyond the first and last points.
    double x0 = model_.points.empty() ? 0 : model_.points.front().x;
    double x1 = model_.points.empty() ? 1 : model_.points.back().x;
    if (x1 - x0 < 1e-9) {
        x0 -= 1;
        x1 += 1;
    }
    const double pad = (x1 - x0) / std::max<double>(static_cast<double>(model_.points.size()) - 1, 1) / 2;
    x_ = {x0 - pad, x1 + pad, plot_left_, plot_right_};
    if (labels_.x_is_date) {
        x_ticks_ = date_ticks(x_, w_);
    } else {
        const int xc = std::clamp(static_cast<int>((plot_right_ - plot_left_) / 50), 2, 12);
        x_ticks_ = number_ticks(x0, x1, xc, true);
        std::erase_if(x_ticks_, [&](const Tick& t) { return t.value < x_.d0 - 1e-9 || t.value > x_.d1 + 1e-9; });
    }
}

void Page::findings(Scene& scene) {
    std::string label = "What the chart says";
    Group& g = scene.add_group("findings", label);
    const double top = notes_top_;
    g.items.emplace_back(
        box(kMargin, top, left_right_ - kMargin, main_bottom_ - top, Fill{kNoteFill, Pattern::none, {}}));
    g.items.emplace_back(w_.text(kMargin + 8, top + 13, label, kHeadingFont));
    double y = top + 13 + 12;
    for (std::size_t k = 0; k < notes_.size(); ++k) {
        const bool signal = findings_[k].signal;
        g.items.emplace_back(Marker{{kMargin + 12, y - 2.6},
                                    signal ? Shape::diamond : Shape::circle,
                                    signal ? 6.0 : 4.0,
                                    signal ? kWarning : kGrey,
                                    !signal,
                                    1});
        for (const std::string& l : notes_[k]) {
            g.items.emplace_back(w_.text(kMargin + 20, y, l, kNoteFont));
            y += kNoteLine;
        }
    }
}

void Page::axes(Scene& scene) {
    Group& g = scene.add_group("axes", "Vertical axis" + (labels_.y_label.empty() ? "" : ": " + labels_.y_label) +
                                           ", from " + y_ticks_.front().label + " to " + y_ticks_.back().label);
    if (!labels_.y_label.empty()) {
        g.items.emplace_back(w_.text(kMargin, y_label_y_,
                                     w_.fit(labels_.y_label, kAxisTitleFont, left_right_ - kMargin), kAxisTitleFont));
    }
    for (const Tick& t : y_ticks_) {
        const double y = y_.at(t.value);
        g.items.emplace_back(line(plot_left_, y, plot_right_, y, Stroke{kLightGrey, 0.4, Dash::solid}));
        g.items.emplace_back(w_.text(plot_left_ - 4, y + 2.3, t.label, kAxisFont, kInk, Anchor::end));
    }
    g.items.emplace_back(line(plot_left_, plot_top_, plot_left_, plot_bottom_, Stroke{kGrey, 0.6, Dash::solid}));
    g.items.emplace_back(line(plot_left_, plot_bottom_, plot_right_, plot_bottom_, Stroke{kGrey, 0.6, Dash::solid}));
    double previous_year_end = -1e9;
    for (const Tick& t : x_ticks_) {
        const double x = x_.at(t.value);
        g.items.emplace_back(line(x, plot_bottom_, x, plot_bottom_ + 3, Stroke{kGrey, 0.6, Dash::solid}));
        g.items.emplace_back(w_.text(x, plot_bottom_ + 11, t.label, kAxisFont, kInk, Anchor::middle));
        if (!t.year.empty()) {
            const double yw = w_.width(t.year, kAxisFont);
            if (x - yw / 2 > previous_year_end + 4) {
                g.items.emplace_back(w_.text(x, plot_bottom_ + 20, t.year, kAxisFont, kGrey, Anchor::middle));
                previous_year_end = x + yw / 2;
            }
        }
    }
}

double Page::boundary_after(std::size_t last_index) const {
    const double a = x_.at(model_.points[last_index].x);
    const double b = last_index + 1 < model_.points.size() ? x_.at(model_.points[last_index + 1].x) : plot_right_;
    return (a + b) / 2;
}

void Page::baseline(Scene& scene) {
    if (!model_.baseline_points || *model_.baseline_points == 0) return;
    const std::size_t n = *model_.baseline_points;
    Group& g = scene.add_group(
        "baseline", "Baseline: points 1 to " + std::to_string(n) + "; centre and limits come from these points");
    const double end = boundary_after(n - 1);
    g.items.emplace_back(
        box(plot_left_, plot_top_, end - plot_left_, plot_bottom_ - plot_top_, Fill{kShade, Pattern::none, {}}));
}

void Page::parts(Scene& scene) {
    if (part_row_y_ <= 0) return;
    struct Span {
        double x0;
        double x1;
        std::string name;
    };
    std::vector<Span> spans;
    if (!model_.part_names.empty()) {
        std::size_t first = 0;
        for (std::size_t k = 0; k < model_.points.size(); ++k) {
            if (k + 1 == model_.points.size() || model_.points[k + 1].part != model_.points[k].part) {
                const double x0 = first == 0 ? plot_left_ : boundary_after(first - 1);
                const double x1 = k + 1 == model_.points.size() ? plot_right_ : boundary_after(k);
                spans.push_back({x0, x1, model_.part_names[model_.points[k].part]});
                first = k + 1;
            }
        }
    } else if (model_.baseline_points) {
        const std::size_t n = *model_.baseline_points;
        const double b = n == 0 ? plot_left_ : boundary_after(n - 1);
        spans.push_back({plot_left_, b, "Baseline (points 1 to " + std::to_string(n) + ")"});
        spans.push_back({b, plot_right_, "Judged against the baseline"});
    }
    std::vector<std::string> names;
    names.reserve(spans.size());
    for (const Span& s : spans) names.push_back(s.name);
    Group& g = scene.add_group("parts", (model_.part_names.empty() ? "Phases: " : "Parts: ") + join(names, "; "));
    for (std::size_t k = 0; k < spans.size(); ++k) {
        const Span& s = spans[k];
        const double y = part_row_y_ + 4;
        const double a = s.x0 + 1.5;
        const double b = s.x1 - 1.5;
        if (b - a < 2) continue;
        g.items.emplace_back(
            Path{{{a, y + 3}, {a, y}, {b, y}, {b, y + 3}}, Stroke{kGrey, 0.6, Dash::solid}, std::nullopt, false});
        const std::string name = w_.fit(s.name, kSmallFont, b - a - 4);
        if (!name.empty() && name != "\u2026") {
            const double tw = w_.width(name, kSmallFont);
            // On a white backing, so that the bracket does not cross it.
            g.items.emplace_back(box((a + b) / 2 - tw / 2 - 2, y - 6, tw + 4, 8, Fill{kWhite, Pattern::none, {}}));
            g.items.emplace_back(w_.text((a + b) / 2, part_row_y_ + 2, name, kSmallFont, kInk, Anchor::middle));
        }
        // Part boundaries run down through the plot.
        if (k > 0 && !model_.part_names.empty()) {
            g.items.emplace_back(line(s.x0, plot_top_, s.x0, plot_bottom_, Stroke{kGrey, 0.6, Dash::solid}));
        }
    }
}

// The line of a level (centre or a limit) across one part: flat over each point's share of the
// axis, stepping between points; broken where the level is missing.
std::vector<std::vector<Point>> step_lines(const std::vector<std::pair<double, std::optional<double>>>& pts) {
    std::vector<std::vector<Point>> out;
    std::vector<Point> current;
    for (std::size_t k = 0; k < pts.size(); ++k) {
        const auto& [x, v] = pts[k];
        if (!v) {
            if (current.size() > 1) out.push_back(std::move(current));
            current.clear();
            continue;
        }
        const double left = k == 0 ? x : (pts[k - 1].first + x) / 2;
        const double right = k + 1 == pts.size() ? x : (x + pts[k + 1].first) / 2;
        if (current.empty()) {
            current.push_back({left, *v});
        } else if (current.back().y != *v) {
            current.push_back({left, current.back().y});
            current.push_back({left, *v});
        }
        if (current.back().y == *v && current.size() >= 2 && current[current.size() - 2].y == *v &&
            current.back().x == left) {
            current.back().x = right;  // keep one segment for a level that does not change
        } else {
            current.push_back({right, *v});
        }
    }
    if (current.size() > 1) out.push_back(std::move(current));
    return out;
}

void Page::levels(Scene& scene) {
    const bool limits =
        std::any_of(model_.points.begin(), model_.points.end(), [](const PlotPoint& p) { return p.lcl || p.ucl; });
    Group& g =
        scene.add_group("centre-and-limits", model_.centre + (limits ? " and " + model_.limits : "") + " of each part");
    const std::size_t parts = model_.points.empty() ? 0 : model_.points.back().part + 1;
    struct Level {
        std::optional<double> PlotPoint::*member;
        Stroke stroke;
    };
    for (std::size_t part = 0; part < parts; ++part) {
        const bool signal = part < model_.part_runs_signal.size() && model_.part_runs_signal[part];
        const std::array<Level, 5> levels = {{
            {&PlotPoint::lcl_2, Stroke{kFaint, 0.7, Dash::dotted}},
            {&PlotPoint::ucl_2, Stroke{kFaint, 0.7, Dash::dotted}},
            {&PlotPoint::lcl, Stroke{kGrey, 0.8, Dash::dashed}},
            {&PlotPoint::ucl, Stroke{kGrey, 0.8, Dash::dashed}},
            {&PlotPoint::cl, signal ? Stroke{kWarning, 1.6, Dash::solid} : Stroke{kInk, 1, Dash::solid}},
        }};
        for (const Level& level : levels) {
            std::vector<std::pair<double, std::optional<double>>> pts;
            for (const PlotPoint& p : model_.points) {
                if (p.part != part) continue;
                const std::optional<double>& v = p.*level.member;
                pts.emplace_back(x_.at(p.x), v ? std::optional<double>(y_.at(*v)) : std::nullopt);
            }
            for (auto& path : step_lines(pts)) {
                // A part of one point still shows its level, a few points wide.
                if (path.size() == 2 && path[0].x == path[1].x) {
                    path[0].x -= 3;
                    path[1].x += 3;
                }
                g.items.emplace_back(Path{std::move(path), level.stroke, std::nullopt, false});
            }
        }
    }
    if (model_.target) {
        const double y = y_.at(*model_.target);
        g.items.emplace_back(line(plot_left_, y, plot_right_, y, Stroke{kGreen, 1, Dash::dotted}));
    }
    for (const EdgeLabel& e : edge_labels_) {
        g.items.emplace_back(w_.text(plot_right_ + 4, e.y + 2.3, e.text, kSmallFont, e.colour));
    }
}

void Page::place_tests() {
    flags_.clear();
    untagged_tests_.clear();
    if (tests_.empty()) return;
    // Numbered in x order.
    std::vector<std::size_t> order(tests_.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return tests_[a].x < tests_[b].x; });
    for (std::size_t k = 0; k < order.size(); ++k) {
        const ChartAnnotation& a = tests_[order[k]];
        Flag f;
        f.x = x_.at(a.x);
        f.inside = a.x >= x_.d0 && a.x <= x_.d1;
        f.label = a.label;
        f.number = std::to_string(k + 1);
        f.full = w_.fit(f.number + " " + a.label, kSmallFont, kMaxFlagWidth);
        f.when = x_words(a.x, labels_.x_is_date, false);
        flags_.push_back(std::move(f));
    }
    // Full labels first; a test of change whose label does not fit gets its number on the chart
    // and its words in "What the chart says".
    std::vector<LabelRequest> requests;
    for (const Flag& f : flags_) requests.push_back({f.x, w_.width(f.full, kSmallFont), 2});
    LaneSpec spec;
    spec.min_x = plot_left_;
    spec.max_x = left_right_;
    spec.lanes = lanes_;
    const LabelLayout full = place_labels(requests, spec);
    for (std::size_t k : full.unplaced) {
        requests[k] = {flags_[k].x, w_.width(flags_[k].number, kSmallFont), 1};
        flags_[k].numbered = true;
    }
    // The full labels keep their places: they are placed first again.
    const LabelLayout layout = full.unplaced.empty() ? full : place_labels(requests, spec);
    for (const PlacedLabel& p : layout.placed) flags_[p.request].placed = p;
    for (const Flag& f : flags_) {
        if (!f.inside) {
            untagged_tests_.push_back(f.number + " " + f.label + " (" + f.when + ", outside the chart's dates)");
        } else if (!f.placed || f.numbered) {
            untagged_tests_.push_back(f.number + " " + f.label + " (" + f.when + ")");
        }
    }
}

void Page::tests_of_change(Scene& scene) {
    if (flags_.empty()) return;
    std::vector<std::string> summary;
    for (const Flag& f : flags_) summary.push_back(f.label + " from " + f.when);
    Group& g = scene.add_group("tests-of-change", "Tests of change: " + join(summary, "; "));
    for (const Flag& f : flags_) {
        if (!f.inside) continue;
        const double baseline = f.placed ? plot_top_ - 6 - f.placed->lane * kLaneHeight : plot_top_;
        g.items.emplace_back(
            line(f.x, plot_bottom_, f.x, f.placed ? baseline + 1.5 : plot_top_, Stroke{kPurple, 0.9, Dash::dashed}));
        if (f.placed) {
            g.items.emplace_back(w_.text(f.placed->x, baseline, f.numbered ? f.number : f.full, kSmallFont, kPurple));
        }
    }
}

void Page::values(Scene& scene) {
    std::size_t shown = 0;
    for (const PlotPoint& p : model_.points) shown += p.y ? 1 : 0;
    Group& g = scene.add_group("values", plural(shown, "value", "values"));
    const Colour colour = model_.mdc ? kGrey : kBlue;
    // The line joins neighbours within a part; a missing value breaks it.
    std::vector<Point> path;
    auto flush = [&] {
        if (path.size() > 1) g.items.emplace_back(Path{path, Stroke{colour, 1, Dash::solid}, std::nullopt, false});
        path.clear();
    };
    for (std::size_t k = 0; k < model_.points.size(); ++k) {
        const PlotPoint& p = model_.points[k];
        if (k > 0 && p.part != model_.points[k - 1].part) flush();
        if (!p.y) {
            flush();
            continue;
        }
        path.push_back({x_.at(p.x), y_.at(*p.y)});
    }
    flush();
    const double size = model_.points.size() > 80 ? 3 : 4;
    for (const PlotPoint& p : model_.points) {
        if (!p.y) continue;
        const Point at{x_.at(p.x), y_.at(*p.y)};
        // Outside the limits: ringed (the ring first: a hollow marker is filled white), and for
        // control charts a larger point in the warning colour.
        if (p.outside) g.items.emplace_back(Marker{at, Shape::circle, size + 6, model_.mdc ? kInk : kWarning, true, 1});
        if (p.outside && p.mark == Mark::plain && !model_.mdc) {
            g.items.emplace_back(Marker{at, Shape::circle, size + 1.5, kWarning, p.excluded, 1});
        } else {
            g.items.emplace_back(point_marker(p.mark, at, size, p.excluded, colour));
        }
    }
}

void Page::legend(Scene& scene) {
    const auto items = legend_items();
    const auto rows = legend_rows(items);
    Group& g = scene.add_group("legend", "Key");
    double y = legend_top_ + 7;
    for (const auto& row : rows) {
        double x = kMargin;
        for (std::size_t k : row) {
            items[k].draw(g, x, y);
            g.items.emplace_back(w_.text(x + items[k].swatch + 3, y + 2.3, items[k].text, kSmallFont));
            x += items[k].swatch + 3 + w_.width(items[k].text, kSmallFont) + 12;
        }
        y += 11;
    }
}

void Page::footer(Scene& scene) {
    Group& g = scene.add_group("footer", "Source");
    const double y = height_ - kMargin + 2;
    g.items.emplace_back(line(kMargin, y - 10, width_ - kMargin, y - 10, Stroke{kLightGrey, 0.5, Dash::solid}));
    if (!labels_.source.empty()) {
        g.items.emplace_back(w_.text(kMargin, y, w_.fit(labels_.source, kSmallFont, width_ - 2 * kMargin), kSmallFont));
    }
}

std::string Page::describe() const {
    std::size_t shown = 0;
    for (const PlotPoint& p : model_.points) shown += p.y ? 1 : 0;
    std::string d = model_.kind;
    if (!labels_.y_label.empty()) d += " of " + labels_.y_label;
    d += ": " + plural(shown, "value", "values");
    if (!model_.points.empty()) {
        d += " from " + x_words(model_.points.front().x, labels_.x_is_date, monthly_) + " to " +
             x_words(model_.points.back().x, labels_.x_is_date, monthly_);
    }
    if (!model_.part_names.empty()) d += ", in " + plural(model_.part_names.size(), "part", "parts");
    d += ".";
    for (const Finding& f : model_.findings) d += " " + f.text;
    return d;
}

Scene Page::build() {
    Scene scene;
    scene.width = width_;
    scene.height = height_;
    main_bottom_ = height_ - kMargin - 16;
    scene.title = title();
    scene.description = describe();
    scene.metadata.title = scene.title;
    scene.metadata.subject = labels_.definition.empty() ? model_.kind : labels_.definition;
    scene.metadata.author = "Waymark";
    scene.metadata.created = labels_.created;

    header(scene);
    // Layout needs the table's width before the plot's; the groups are added in reading order.
    Scene table_scene;
    table(table_scene);
    // The words of tests of change that find no room on the chart go into "What the chart says",
    // which takes room from the plot: plan again until the two agree.
    std::vector<std::string> untagged;
    for (int pass = 0; pass < 4; ++pass) {
        plan_left(untagged);
        place_tests();
        if (untagged_tests_ == untagged) break;
        untagged = untagged_tests_;
    }
    findings(scene);
    baseline(scene);
    axes(scene);
    parts(scene);
    levels(scene);
    tests_of_change(scene);
    values(scene);
    legend(scene);
    for (Group& g : table_scene.groups) scene.groups.push_back(std::move(g));
    footer(scene);
    return scene;
}

}  // namespace

Scene spc_chart_scene(const qi::Chart& chart, const ChartLabels& labels, std::span<const ChartAnnotation> tests,
                      const TextMeasurer& m) {
    return spc_chart_scene(chart, qi::find_signals(chart), labels, tests, m);
}

Scene spc_chart_scene(const qi::Chart& chart, const qi::Findings& findings, const ChartLabels& labels,
                      std::span<const ChartAnnotation> tests, const TextMeasurer& m) {
    const Model model = spc_model(chart, findings, labels);
    return Page(model, labels, tests, m).build();
}

Scene mdc_chart_scene(const qi::MdcChart& chart, const ChartLabels& labels, std::span<const ChartAnnotation> tests,
                      const TextMeasurer& m) {
    const Model model = mdc_model(chart, labels);
    return Page(model, labels, tests, m).build();
}

}  // namespace waymark::render
