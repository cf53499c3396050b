#include "render/chronology_document.hpp"

#include "render/style.hpp"

#include <array>
#include <cstddef>

namespace waymark::render {

namespace {

constexpr double kWidth = 595.28;  // A4 portrait
constexpr double kHeight = 841.89;
constexpr double kMargin = 42;
constexpr double kLine = 10.5;  // one line of the table
const Font kBody{8, false, false};
const Font kBold{8, true, false};
const Font kHeading{13, true, false};
const Font kSmall{7.5, false, false};
const Font kSmallBold{7.5, true, false};

// The table's columns: left edge and width.
struct Column {
    const char* title;
    double x;
    double w;
};
constexpr std::array<Column, 4> kColumns = {{{"Date", kMargin, 78},
                                             {"Event", kMargin + 82, 120},
                                             {"Source", kMargin + 206, 70},
                                             {"Details and note", kMargin + 280, kWidth - 2 * kMargin - 280}}};

class Pages {
public:
    Pages(const ChronologyDocument& doc, const Writer& w) : doc_(doc), w_(w) {}

    void new_page() {
        Scene& s = pages_.emplace_back();
        s.width = kWidth;
        s.height = kHeight;
        s.title = doc_.heading;
        s.metadata.title = doc_.heading;
        s.metadata.subject = "Chronology (OFFICIAL-SENSITIVE)";
        s.metadata.created = doc_.created;
        Group& g = s.add_group("page", doc_.heading);
        g.items.emplace_back(w_.text(kMargin, kMargin, w_.fit(doc_.heading, kBold, 380), kBold));
        g.items.emplace_back(w_.text(kWidth - kMargin, kMargin, doc_.made, kSmall, kGrey, Anchor::end));
        g.items.emplace_back(line(kMargin, kMargin + 5, kWidth - kMargin, kMargin + 5, Stroke{kLightGrey, 0.5}));
        y_ = kMargin + 20;
        if (pages_.size() == 1) {
            g.items.emplace_back(w_.text(kMargin, y_ + 6, w_.fit("Chronology", kHeading, 400), kHeading));
            y_ += 22;
            for (const auto& l : w_.wrap(doc_.summary, kBody, kWidth - 2 * kMargin)) {
                g.items.emplace_back(w_.text(kMargin, y_, l, kBody));
                y_ += kLine;
            }
            y_ += 8;
        }
        for (const Column& c : kColumns) g.items.emplace_back(w_.text(c.x, y_, c.title, kBold));
        g.items.emplace_back(line(kMargin, y_ + 4, kWidth - kMargin, y_ + 4, Stroke{kInk, 0.75}));
        y_ += kLine + 4;
    }

    Group& body() { return pages_.back().groups.back(); }

    void row(const ChronologyDocument::Row& r) {
        const std::array<std::vector<std::string>, 4> cells = {
            w_.wrap(r.date, kBody, kColumns[0].w), w_.wrap(r.event, kBody, kColumns[1].w),
            w_.wrap(r.source, kBody, kColumns[2].w), w_.wrap(r.text, kBody, kColumns[3].w)};
        std::size_t lines = 1;
        for (const auto& c : cells) lines = std::max(lines, c.size());
        for (std::size_t k = 0; k < lines; ++k) {
            if (y_ + kLine > kBottom) new_page();
            for (std::size_t i = 0; i < cells.size(); ++i) {
                if (k < cells[i].size()) body().items.emplace_back(w_.text(kColumns[i].x, y_, cells[i][k], kBody));
            }
            y_ += kLine;
        }
        if (y_ - kLine + 3 < kBottom) {
            body().items.emplace_back(
                line(kMargin, y_ - kLine + 3.5, kWidth - kMargin, y_ - kLine + 3.5, Stroke{kLightGrey, 0.5}));
        }
        y_ += 2.5;
    }

    std::vector<Scene> finish() {
        const std::string total = std::to_string(pages_.size());
        for (std::size_t i = 0; i < pages_.size(); ++i) {
            Group& g = pages_[i].add_group("footer", "OFFICIAL-SENSITIVE");
            const double y = kHeight - kMargin + 12;
            g.items.emplace_back(line(kMargin, y - 10, kWidth - kMargin, y - 10, Stroke{kLightGrey, 0.5}));
            g.items.emplace_back(w_.text(kMargin, y, "OFFICIAL-SENSITIVE", kSmallBold));
            g.items.emplace_back(w_.text(kWidth - kMargin, y, "Page " + std::to_string(i + 1) + " of " + total, kSmall,
                                         kInk, Anchor::end));
        }
        return std::move(pages_);
    }

private:
    static constexpr double kBottom = kHeight - kMargin - 12;
    const ChronologyDocument& doc_;
    const Writer& w_;
    std::vector<Scene> pages_;
    double y_ = 0;
};

}  // namespace

std::vector<Scene> chronology_pages(const ChronologyDocument& doc, const TextMeasurer& measurer) {
    const Writer w(measurer);
    Pages pages(doc, w);
    pages.new_page();
    if (doc.rows.empty()) {
        pages.body().items.emplace_back(w.text(kMargin, kMargin + 90, "No events recorded.", kBody));
    }
    for (const auto& r : doc.rows) pages.row(r);
    return pages.finish();
}

}  // namespace waymark::render
