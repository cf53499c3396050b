#include "render/driver_diagram.hpp"
#include "core/text.hpp"

#include "render/style.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>
#include <vector>

namespace waymark::render {

namespace {

// --- Page -------------------------------------------------------------------------------------

constexpr double kPageWidth = 841.89;  // A4 landscape
constexpr double kPageHeight = 595.28;
constexpr double kMargin = 28;
constexpr double kColumnGap = 28;  // room for the connectors between columns
constexpr double kHeadingsY = kMargin + 50;
constexpr double kBodyTop = kHeadingsY + 14;
constexpr double kFooterY = kPageHeight - kMargin + 6;
constexpr double kBodyBottom = kFooterY - 16;
constexpr double kPadX = 6;
constexpr double kChipGap = 4;
constexpr double kChipPadX = 3;
constexpr double kOmittedLine = 14;  // the line saying what was left out

// The four columns, left to right: the aim, primary drivers, secondary drivers, change ideas.
enum Level : std::size_t { aim, primary, secondary, change, levels };
constexpr std::array<double, levels> kShare = {0.2, 0.23, 0.25, 0.32};
constexpr std::array<const char*, levels> kHeadings = {"Aim", "Primary drivers", "Secondary drivers",
                                                       "Change ideas and their tests of change"};
// Space between sibling boxes, by the level of their parent: wider between primary drivers'
// families than inside them, so that the families read as groups.
constexpr std::array<double, levels> kSiblingGap = {12, 8, 5, 0};

// The forms tried, largest first: the text size, the lines a box may hold, the padding above
// and below the text, how much of the gaps between boxes to keep, and whether a change idea's
// tests follow its text on the same line (instead of on a line of their own).
struct Form {
    double size;
    std::size_t max_lines;
    double pad;
    double gaps;
    bool inline_chips;
};
constexpr std::array<Form, 6> kForms = {{{9, 6, 4, 1, false},
                                         {8, 5, 4, 1, false},
                                         {7.5, 4, 3.5, 0.8, false},
                                         {7, 3, 3, 0.7, true},
                                         {6.5, 2, 2.5, 0.6, true},
                                         {6, 1, 2, 0.5, true}}};

struct Style {
    Fill fill;
    Stroke stroke;
    Colour ink;
    bool bold;
};

Fill fill(Colour c) {
    return Fill{c, Pattern::none, c};
}

Style style_of(std::size_t level) {
    switch (level) {
        case aim:
            return {fill(kBlue), Stroke{kBlue, 0.8, Dash::solid}, kWhite, true};
        case primary:
            return {fill({0xd9, 0xea, 0xf6}), Stroke{kBlue, 0.8, Dash::solid}, kInk, true};
        case secondary:
            return {fill({0xee, 0xf5, 0xfa}), Stroke{{0x7f, 0xa9, 0xc6}, 0.8, Dash::solid}, kInk, false};
        default:
            return {fill(kWhite), Stroke{kGrey, 0.8, Dash::solid}, kInk, false};
    }
}

// A test of change on its change idea: "PACE-3 adopted", coloured by how it stands (the
// words carry the meaning in black and white).
struct Chip {
    std::string text;
    Colour fill;
    Colour ink;
};

Chip chip_of(const std::string& reference, const core::TestOfChange* test) {
    if (test == nullptr) return {reference, {0xe8, 0xe8, 0xe8}, {0x4a, 0x4a, 0x4a}};
    const std::string text = reference + " " + std::string(core::status_words(*test));
    if (!test->decision) return {text, {0xd9, 0xea, 0xf6}, {0x00, 0x4f, 0x7c}};
    switch (test->decision->decision) {
        case core::Decision::adopt:
            return {text, {0xd6, 0xee, 0xe4}, {0x00, 0x5a, 0x42}};
        case core::Decision::adapt:
            return {text, {0xfb, 0xe6, 0xcc}, {0x8a, 0x45, 0x00}};
        case core::Decision::abandon:
            return {text, {0xe8, 0xe8, 0xe8}, {0x4a, 0x4a, 0x4a}};
    }
    return {text, {0xe8, 0xe8, 0xe8}, {0x4a, 0x4a, 0x4a}};
}

// --- The tree as boxes --------------------------------------------------------------------------

// A text or a test's chip in its box, at offsets from the box's top left.
struct PlacedText {
    double x = 0;
    double baseline = 0;
    std::string text;
    Font font;
    Colour ink;
};
struct PlacedChip {
    Rect rect;  // offsets from the box's top left
    Chip chip;
    PlacedText text;
};

struct Node {
    std::size_t level = aim;
    std::string id;     // the group's id: primary-2-1
    std::string label;  // the group's label: "Secondary driver 2.1"
    std::string text;
    std::string note;  // the aim's measure
    std::vector<Chip> chips;
    std::vector<std::size_t> children;
    // Laid out:
    std::vector<PlacedText> texts;
    std::vector<PlacedChip> placed_chips;
    double height = 0;
    double block = 0;  // the height of the node's family: its box and everything right of it
    double y = 0;
};

struct Omitted {
    std::size_t primaries = 0;
    std::size_t secondaries = 0;
    std::size_t change_ideas = 0;
    [[nodiscard]] bool any() const { return primaries + secondaries + change_ideas > 0; }
};

// Leaves out the last leaf of the tree (a change idea, else a secondary driver, else a primary
// driver but the first); false when nothing more can go.
bool drop_last(core::DriverDiagram& d, Omitted& omitted) {
    auto& p = d.primaries.back();
    if (!p.secondaries.empty()) {
        auto& s = p.secondaries.back();
        if (!s.change_ideas.empty()) {
            s.change_ideas.pop_back();
            ++omitted.change_ideas;
        } else {
            p.secondaries.pop_back();
            ++omitted.secondaries;
        }
        return true;
    }
    if (d.primaries.size() > 1) {
        d.primaries.pop_back();
        ++omitted.primaries;
        return true;
    }
    return false;
}

class Layout {
public:
    Layout(const DriverDiagramInput& in, const Writer& w) : in_(in), w_(w) {
        double x = kMargin;
        const double usable = kPageWidth - 2 * kMargin - kColumnGap * (levels - 1);
        for (std::size_t l = 0; l < levels; ++l) {
            column_x_[l] = x;
            column_w_[l] = usable * kShare[l];
            x += column_w_[l] + kColumnGap;
        }
        for (const auto& t : in.tests) tests_.emplace(t.reference, &t);
    }

    [[nodiscard]] double column_x(std::size_t level) const { return column_x_[level]; }
    [[nodiscard]] double column_w(std::size_t level) const { return column_w_[level]; }

    // Builds the boxes of `d` in form f; returns the height the tree needs.
    double build(const core::DriverDiagram& d, const Form& f) {
        form_ = f;
        nodes_.clear();
        Node root;
        root.level = aim;
        root.id = "aim";
        root.label = "Aim";
        root.text = d.aim;
        if (!d.aim_measure.empty()) root.note = "Measure: " + d.aim_measure;
        nodes_.push_back(std::move(root));
        for (std::size_t i = 0; i < d.primaries.size(); ++i) {
            const auto& p = d.primaries[i];
            const std::string n1 = std::to_string(i + 1);
            const std::size_t pi = add(0, primary, "primary-" + n1, "Primary driver " + n1, p.text);
            for (std::size_t j = 0; j < p.secondaries.size(); ++j) {
                const auto& s = p.secondaries[j];
                const std::string n2 = n1 + "." + std::to_string(j + 1);
                const std::size_t si = add(pi, secondary, "secondary-" + n1 + "-" + std::to_string(j + 1),
                                           "Secondary driver " + n2, s.text);
                for (std::size_t k = 0; k < s.change_ideas.size(); ++k) {
                    const auto& c = s.change_ideas[k];
                    const std::string n3 = n2 + "." + std::to_string(k + 1);
                    const std::size_t ci =
                        add(si, change, "change-" + n1 + "-" + std::to_string(j + 1) + "-" + std::to_string(k + 1),
                            "Change idea " + n3, c.text);
                    for (const auto& reference : c.tests) {
                        const auto it = tests_.find(reference);
                        nodes_[ci].chips.push_back(chip_of(reference, it == tests_.end() ? nullptr : it->second));
                    }
                }
            }
        }
        for (auto& n : nodes_) measure(n);
        return block(0);
    }

    // Places the tree from `top` down.
    void place(double top) { place(0, top); }

    [[nodiscard]] const std::vector<Node>& nodes() const { return nodes_; }
    [[nodiscard]] const Form& form() const { return form_; }

    [[nodiscard]] Font text_font(const Node& n) const {
        return Font{n.level == aim ? form_.size + 1 : form_.size, style_of(n.level).bold, false};
    }
    [[nodiscard]] Font note_font() const { return Font{form_.size - 0.5, false, true}; }
    [[nodiscard]] Font chip_font() const { return Font{std::max(6.0, form_.size - 1.5), true, false}; }
    [[nodiscard]] double line_height(const Font& f) const {
        const auto e = w_.extents("\u00c1g", f);
        return (e.ascent + e.descent) * 1.06;
    }
    [[nodiscard]] double ascent(const Font& f) const { return w_.extents("\u00c1g", f).ascent; }
    [[nodiscard]] double chip_height() const { return line_height(chip_font()) + 2; }

private:
    std::size_t add(std::size_t parent, std::size_t level, std::string id, std::string label, std::string text) {
        Node n;
        n.level = level;
        n.id = std::move(id);
        n.label = std::move(label);
        n.text = std::move(text);
        nodes_.push_back(std::move(n));
        nodes_[parent].children.push_back(nodes_.size() - 1);
        return nodes_.size() - 1;
    }

    void measure(Node& n) {
        const double inner = column_w_[n.level] - 2 * kPadX;
        const Style style = style_of(n.level);
        const Font font = text_font(n);
        const double lh = line_height(font);
        n.texts.clear();
        n.placed_chips.clear();
        double top = form_.pad;
        // The aim stands alone in its column, so it may run longer than any driver.
        for (auto& line : w_.wrap(n.text, font, inner, n.level == aim ? 3 * form_.max_lines : form_.max_lines)) {
            n.texts.push_back({kPadX, top + ascent(font), std::move(line), font, style.ink});
            top += lh;
        }
        if (!n.note.empty()) {
            const Font nf = note_font();
            top += 1;
            for (auto& line : w_.wrap(n.note, nf, inner, 2)) {
                n.texts.push_back({kPadX, top + ascent(nf), std::move(line), nf, style.ink});
                top += line_height(nf);
            }
        }
        if (n.level == change) top = place_chips(n, inner, top, lh);
        n.height = top + form_.pad;
    }

    // Lays out a change idea's tests below its text, or after its last line in the inline
    // forms, flowing left to right and wrapping; an idea not yet tested says so. Returns the
    // bottom of what it placed.
    double place_chips(Node& n, double inner, double top, double lh) {
        const Font cf = chip_font();
        const Font italic{cf.size, false, true};
        const double ch = chip_height();
        const bool inline_chips = form_.inline_chips && !n.texts.empty();
        double x = 0;
        double row_top = top + 2;
        double row_h = ch;
        if (inline_chips) {
            // The last line of text becomes a row tall enough for a chip, the text centred in it.
            PlacedText& last = n.texts.back();
            // Cut the line short rather than give the tests a line of their own, while the
            // text keeps at least half the width.
            double chips = n.chips.empty() ? w_.width("Not yet tested", italic) : -kChipGap;
            for (const auto& chip : n.chips) chips += w_.width(chip.text, cf) + 2 * kChipPadX + kChipGap;
            const double room = inner - chips - 2 * kChipGap;
            if (w_.width(last.text, last.font) > room && room >= inner / 2) {
                last.text = w_.fit(last.text, last.font, room);
            }
            x = w_.width(last.text, last.font) + 2 * kChipGap;
            row_top = top - lh;
            row_h = std::max(lh, ch);
            last.baseline += (row_h - lh) / 2;
        }
        auto place = [&](double width) {
            if (x > 0 && x + width > inner) {
                x = 0;
                row_top += row_h + 2;
                row_h = ch;
            }
            const Rect r{kPadX + x, row_top + (row_h - ch) / 2, width, ch};
            x += width + kChipGap;
            return r;
        };
        if (n.chips.empty()) {
            const Rect r = place(w_.width("Not yet tested", italic));
            n.texts.push_back({r.x, r.y + 1 + ascent(italic), "Not yet tested", italic, kGrey});
        }
        for (const auto& chip : n.chips) {
            std::string text = w_.fit(chip.text, cf, inner - 2 * kChipPadX);
            const Rect r = place(w_.width(text, cf) + 2 * kChipPadX);
            n.placed_chips.push_back({r, chip, {r.x + kChipPadX, r.y + 1 + ascent(cf), std::move(text), cf, chip.ink}});
        }
        return row_top + row_h;
    }

    [[nodiscard]] double gap(const Node& parent) const { return kSiblingGap[parent.level] * form_.gaps; }

    double block(std::size_t i) {
        Node& n = nodes_[i];
        double sum = 0;
        for (std::size_t k = 0; k < n.children.size(); ++k) {
            sum += block(n.children[k]) + (k > 0 ? gap(n) : 0);
        }
        n.block = std::max(n.height, sum);
        return n.block;
    }

    void place(std::size_t i, double top) {
        Node& n = nodes_[i];
        if (n.children.empty()) {
            n.y = top + (n.block - n.height) / 2;
            return;
        }
        double sum = 0;
        for (std::size_t k = 0; k < n.children.size(); ++k) {
            sum += nodes_[n.children[k]].block + (k > 0 ? gap(n) : 0);
        }
        double y = top + (n.block - sum) / 2;
        for (const std::size_t c : n.children) {
            place(c, y);
            y += nodes_[c].block + gap(n);
        }
        // Level with the middle of its first and last child, within its own family's band.
        const Node& first = nodes_[n.children.front()];
        const Node& last = nodes_[n.children.back()];
        const double middle = (first.y + first.height / 2 + last.y + last.height / 2) / 2;
        n.y = std::clamp(middle - n.height / 2, top, top + n.block - n.height);
    }

    const DriverDiagramInput& in_;
    const Writer& w_;
    std::array<double, levels> column_x_{};
    std::array<double, levels> column_w_{};
    std::map<std::string, const core::TestOfChange*> tests_;
    std::vector<Node> nodes_;
    Form form_{kForms.front()};
};

// --- Drawing ------------------------------------------------------------------------------------

Path line(std::vector<Point> points, Stroke s) {
    return Path{std::move(points), s, std::nullopt, false};
}

void header(Scene& scene, const Writer& w, const core::DriverDiagram& d, const std::string& summary) {
    Group& g = scene.add_group("header", "Diagram");
    const double right = kPageWidth - kMargin;
    g.items.emplace_back(w.text(kMargin, kMargin + 14, "Driver diagram " + d.reference, Font{16, true, false}));
    g.items.emplace_back(
        w.text(right, kMargin + 12, "Council " + d.local_authority, Font{9, true, false}, kInk, Anchor::end));
    g.items.emplace_back(w.text(kMargin, kMargin + 32, w.fit(summary, Font{8.5, false, false}, right - kMargin),
                                Font{8.5, false, false}, kGrey));
}

void headings(Scene& scene, const Writer& w, const Layout& layout) {
    Group& g = scene.add_group("headings", "Columns");
    const Font bold{9, true, false};
    for (std::size_t l = 0; l < levels; ++l) {
        g.items.emplace_back(
            w.text(layout.column_x(l), kHeadingsY, w.fit(kHeadings[l], bold, layout.column_w(l)), bold, kInk));
        g.items.emplace_back(
            line({{layout.column_x(l), kHeadingsY + 5}, {layout.column_x(l) + layout.column_w(l), kHeadingsY + 5}},
                 Stroke{kLightGrey, 0.8, Dash::solid}));
    }
}

// Elbow connectors from each box's right edge to its children's left edges, in the gap
// between the columns, so that no connector crosses a box or a text.
void connectors(Scene& scene, const Layout& layout) {
    Group& g = scene.add_group("connectors", "");
    const Stroke stroke{{0x7a, 0x7a, 0x7a}, 0.8, Dash::solid};
    const auto& nodes = layout.nodes();
    for (const Node& n : nodes) {
        if (n.children.empty()) continue;
        const double from_x = layout.column_x(n.level) + layout.column_w(n.level);
        const double mid_x = from_x + kColumnGap / 2;
        const double from_y = n.y + n.height / 2;
        if (n.children.size() == 1) {
            const Node& child = nodes[n.children.front()];
            const double to_y = child.y + child.height / 2;
            if (std::abs(to_y - from_y) < 0.01) {  // level with its parent: one straight line
                g.items.emplace_back(line({{from_x, from_y}, {layout.column_x(child.level), from_y}}, stroke));
                continue;
            }
        }
        double top = from_y;
        double bottom = from_y;
        g.items.emplace_back(line({{from_x, from_y}, {mid_x, from_y}}, stroke));
        for (const std::size_t c : n.children) {
            const Node& child = nodes[c];
            const double to_y = child.y + child.height / 2;
            top = std::min(top, to_y);
            bottom = std::max(bottom, to_y);
            g.items.emplace_back(line({{mid_x, to_y}, {layout.column_x(child.level), to_y}}, stroke));
        }
        if (bottom - top >= 0.01) g.items.emplace_back(line({{mid_x, top}, {mid_x, bottom}}, stroke));
    }
}

void boxes(Scene& scene, const Writer& w, const Layout& layout) {
    for (const Node& n : layout.nodes()) {
        std::string label = n.label + ": " + n.text;
        if (!n.note.empty()) label += " (" + n.note + ")";
        if (n.level == change) {
            label += n.chips.empty() ? ". Not yet tested" : ". Tests of change:";
            for (std::size_t k = 0; k < n.chips.size(); ++k) label += (k > 0 ? ", " : " ") + n.chips[k].text;
        }
        Group& g = scene.add_group(n.id, label);
        const Style style = style_of(n.level);
        const double x = layout.column_x(n.level);
        const double width = layout.column_w(n.level);
        g.items.emplace_back(Box{{x, n.y, width, n.height}, style.fill, style.stroke, 3});
        for (const auto& t : n.texts) g.items.emplace_back(w.text(x + t.x, n.y + t.baseline, t.text, t.font, t.ink));
        for (const auto& c : n.placed_chips) {
            g.items.emplace_back(
                Box{{x + c.rect.x, n.y + c.rect.y, c.rect.w, c.rect.h}, fill(c.chip.fill), std::nullopt, 2});
            g.items.emplace_back(w.text(x + c.text.x, n.y + c.text.baseline, c.text.text, c.text.font, c.text.ink));
        }
    }
}

void footer(Scene& scene, const Writer& w, const DriverDiagramOptions& options, const Omitted& omitted,
            const std::string& reference) {
    Group& g = scene.add_group("footer", "Source");
    const Font tiny{6.5, false, false};
    if (omitted.any()) {
        std::string what;
        auto add = [&](std::size_t n, const char* one, const char* many) {
            if (n == 0) return;
            what += (what.empty() ? "" : ", ") + std::to_string(n) + " " + (n == 1 ? one : many);
        };
        add(omitted.change_ideas, "change idea", "change ideas");
        add(omitted.secondaries, "secondary driver", "secondary drivers");
        add(omitted.primaries, "primary driver", "primary drivers");
        const Font italic{8, false, true};
        g.items.emplace_back(w.text(
            kMargin, kBodyBottom - 3,
            w.fit("Not drawn for want of room: " + what + " (waymark driver show " + reference + " lists them all).",
                  italic, kPageWidth - 2 * kMargin),
            italic, kWarning));
    }
    g.items.emplace_back(
        line({{kMargin, kFooterY - 9}, {kPageWidth - kMargin, kFooterY - 9}}, Stroke{kLightGrey, 0.5, Dash::solid}));
    g.items.emplace_back(
        w.text(kMargin, kFooterY,
               "Source: " + options.source_system + " \u00b7 generated " + long_date(options.generated), tiny, kGrey));
    g.items.emplace_back(w.text(kPageWidth - kMargin, kFooterY, "Page 1 of 1", tiny, kGrey, Anchor::end));
}

// "9 tests of change: 4 adopted, 2 adapted, 1 abandoned, 2 testing"
std::string tests_summary(const DriverDiagramInput& in) {
    std::map<std::string, const core::TestOfChange*> by_reference;
    for (const auto& t : in.tests) by_reference.emplace(t.reference, &t);
    std::map<std::string, bool> linked;
    for (const auto& p : in.diagram.primaries) {
        for (const auto& s : p.secondaries) {
            for (const auto& c : s.change_ideas) {
                for (const auto& r : c.tests) linked.emplace(r, true);
            }
        }
    }
    std::array<std::size_t, 4> counts{};  // adopted, adapted, abandoned, testing
    for (const auto& [reference, _] : linked) {
        const auto it = by_reference.find(reference);
        if (it == by_reference.end() || !it->second->decision) {
            ++counts[3];
        } else {
            ++counts[static_cast<std::size_t>(it->second->decision->decision)];
        }
    }
    std::string out = std::to_string(linked.size()) + (linked.size() == 1 ? " test of change" : " tests of change");
    const std::array<const char*, 4> words = {"adopted", "adapted", "abandoned", "testing"};
    std::string parts;
    for (std::size_t k = 0; k < counts.size(); ++k) {
        if (counts[k] > 0) parts += (parts.empty() ? "" : ", ") + std::to_string(counts[k]) + " " + words[k];
    }
    return parts.empty() ? out : out + ": " + parts;
}

using core::plural;

}  // namespace

Scene driver_diagram_scene(const DriverDiagramInput& in, const DriverDiagramOptions& options,
                           const TextMeasurer& measurer) {
    const Writer w(measurer);
    const auto& d = in.diagram;
    const auto counts = core::count(d);
    const std::string summary = plural(counts.primaries, "primary driver", "primary drivers") + " \u00b7 " +
                                plural(counts.secondaries, "secondary driver", "secondary drivers") + " \u00b7 " +
                                plural(counts.change_ideas, "change idea", "change ideas") + " \u00b7 " +
                                tests_summary(in);

    // The largest text that fits; failing that, the smallest, with the last leaves left out.
    Layout layout(in, w);
    core::DriverDiagram shown = d;
    Omitted omitted;
    const double room = kBodyBottom - kBodyTop;
    std::optional<double> height;
    for (const Form& f : kForms) {
        if (const double h = layout.build(shown, f); h <= room) {
            height = h;
            break;
        }
    }
    while (!height) {
        const bool dropped = !shown.primaries.empty() && drop_last(shown, omitted);
        const double h = layout.build(shown, kForms.back());
        if (h <= room - kOmittedLine || !dropped) height = h;
    }
    const double usable = omitted.any() ? room - kOmittedLine : room;
    layout.place(kBodyTop + std::max(0.0, (usable - *height) / 2));

    Scene scene;
    scene.width = kPageWidth;
    scene.height = kPageHeight;
    scene.title = "Driver diagram " + d.reference + ", " + d.local_authority;
    scene.description = "Driver diagram " + d.reference + " of " + d.local_authority + ". Aim: " + d.aim +
                        (d.aim_measure.empty() ? "" : " (measure " + d.aim_measure + ")") + ". " + summary + ".";
    scene.metadata.title = scene.title;
    scene.metadata.subject = "Driver diagram: aim, drivers, change ideas and tests of change";
    scene.metadata.author = options.source_system;
    scene.metadata.created = options.generated.iso();

    header(scene, w, d, summary);
    headings(scene, w, layout);
    connectors(scene, layout);
    boxes(scene, w, layout);
    footer(scene, w, options, omitted, d.reference);
    return scene;
}

}  // namespace waymark::render
