#include "render/xlsx/xlsx.hpp"

#include "core/date.hpp"
#include "core/error.hpp"
#include "render/style.hpp"

#include <xlsxwriter.h>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <utility>
#include <vector>

namespace waymark::render {

namespace {

namespace qi = core::qi;

// Excel counts days from 30 December 1899; Waymark from 1 January 1970.
constexpr double kExcelEpoch = 25569;

// --- Sheets as data, then written ------------------------------------------------------------------

struct Cell {
    enum class Kind { blank, number, date, text, boolean };
    Kind kind = Kind::blank;
    double number = 0;
    std::string text;
    bool flag = false;
};

Cell blank() {
    return {};
}
Cell number(std::optional<double> v) {
    Cell c;
    if (v && std::isfinite(*v)) {
        c.kind = Cell::Kind::number;
        c.number = *v;
    }
    return c;
}
Cell count(std::optional<std::size_t> v) {
    return v ? number(static_cast<double>(*v)) : blank();
}
Cell text(std::string s) {
    Cell c;
    c.kind = Cell::Kind::text;
    c.text = std::move(s);
    return c;
}
Cell flag(bool b) {
    Cell c;
    c.kind = Cell::Kind::boolean;
    c.flag = b;
    return c;
}
Cell x_cell(double x, bool is_date) {
    Cell c = number(x);
    if (is_date) {
        c.kind = Cell::Kind::date;
        c.number = x + kExcelEpoch;
    }
    return c;
}

struct Table {
    std::vector<std::string> headers;
    std::vector<std::vector<Cell>> rows;
};

// A line of the chart: one column of the Series sheet, drawn per part so that no line joins two
// parts.
struct ChartLine {
    std::string name;
    std::size_t column = 0;
    lxw_color_t colour = 0;
    std::uint8_t dash = LXW_CHART_LINE_DASH_SOLID;
    float width = 1.5F;
    bool markers = false;       // the values: markers and line
    bool only_markers = false;  // the signals: markers alone
};

struct Book {
    std::string title;
    std::string y_label;
    bool is_date = false;
    Table series;
    Table rules;
    std::vector<ChartLine> lines;
    std::vector<std::pair<std::size_t, std::size_t>> part_rows;  // first and last row of each part (0-based)
};

constexpr lxw_color_t kValueColour = 0x00639C;
constexpr lxw_color_t kCentreColour = 0x0B0C0C;
constexpr lxw_color_t kLimitColour = 0x5F5F5F;
constexpr lxw_color_t kSignalColour = 0xC03A00;
constexpr lxw_color_t kTargetColour = 0x007A5A;

class Writer {
public:
    explicit Writer(const std::string& path, const ChartLabels& labels) : wb_(workbook_new(path.c_str())) {
        if (wb_ == nullptr) throw core::Error(core::ErrorKind::internal, "cannot start a workbook at " + path);
        bold_ = workbook_add_format(wb_);
        format_set_bold(bold_);
        date_ = workbook_add_format(wb_);
        format_set_num_format(date_, "d mmm yyyy");
        wrap_ = workbook_add_format(wb_);
        format_set_text_wrap(wrap_);
        format_set_align(wrap_, LXW_ALIGN_VERTICAL_TOP);
        // The creation time is the labels' date, so that the same chart gives the same bytes.
        const auto created = core::Date::try_parse(labels.created).value_or(core::Date(2000, 1, 1));
        title_ = labels.title;
        subject_ = labels.definition;
        lxw_doc_properties properties{};
        properties.title = title_.data();
        properties.subject = subject_.data();
        properties.author = author_.data();
        properties.created = static_cast<time_t>(created.serial()) * 86400;
        workbook_set_properties(wb_, &properties);
    }
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;
    ~Writer() {
        if (wb_ != nullptr) workbook_close(wb_);
    }

    void table(const char* name, const Table& t, const std::vector<double>& widths, bool wrap_last) {
        lxw_worksheet* ws = workbook_add_worksheet(wb_, name);
        for (std::size_t c = 0; c < t.headers.size(); ++c) {
            worksheet_write_string(ws, 0, col(c), t.headers[c].c_str(), bold_);
            const double wdt = c < widths.size() ? widths[c] : 12;
            const bool last = c + 1 == t.headers.size();
            worksheet_set_column(ws, col(c), col(c), wdt, wrap_last && last ? wrap_ : nullptr);
        }
        worksheet_freeze_panes(ws, 1, 0);
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            const auto row = static_cast<lxw_row_t>(r + 1);
            for (std::size_t c = 0; c < t.rows[r].size(); ++c) {
                const Cell& cell = t.rows[r][c];
                switch (cell.kind) {
                    case Cell::Kind::blank:
                        break;
                    case Cell::Kind::number:
                        worksheet_write_number(ws, row, col(c), cell.number, nullptr);
                        break;
                    case Cell::Kind::date:
                        worksheet_write_number(ws, row, col(c), cell.number, date_);
                        break;
                    case Cell::Kind::text:
                        worksheet_write_string(ws, row, col(c), cell.text.c_str(), nullptr);
                        break;
                    case Cell::Kind::boolean:
                        worksheet_write_boolean(ws, row, col(c), cell.flag ? 1 : 0, nullptr);
                        break;
                }
            }
        }
    }

    // The chart sheet: every line, one series per part, each named once in the legend.
    void chart(const Book& book) {
        lxw_chart* chart = workbook_add_chart(wb_, LXW_CHART_SCATTER_STRAIGHT);
        std::vector<std::int16_t> hidden;
        std::int16_t index = 0;
        for (const ChartLine& l : book.lines) {
            // The signals are one series of markers; every line is one series per part, so that no
            // line joins two parts.
            const std::size_t series = l.only_markers ? 1 : book.part_rows.size();
            for (std::size_t p = 0; p < series; ++p) {
                const auto first = static_cast<lxw_row_t>(l.only_markers ? 1 : book.part_rows[p].first + 1);
                const auto last =
                    static_cast<lxw_row_t>(l.only_markers ? book.series.rows.size() : book.part_rows[p].second + 1);
                lxw_chart_series* s = chart_add_series(chart, nullptr, nullptr);
                chart_series_set_categories(s, "Series", first, 0, last, 0);
                chart_series_set_values(s, "Series", first, col(l.column), last, col(l.column));
                chart_series_set_name(s, l.name.c_str());
                lxw_chart_line line{};
                line.color = l.colour;
                line.width = l.width;
                line.dash_type = l.dash;
                line.none = l.only_markers ? 1 : 0;
                chart_series_set_line(s, &line);
                if (l.markers || l.only_markers) {
                    chart_series_set_marker_type(s, LXW_CHART_MARKER_CIRCLE);
                    chart_series_set_marker_size(s, l.only_markers ? 9 : 5);
                    lxw_chart_fill fill{};
                    fill.color = l.colour;
                    fill.none = l.only_markers ? 1 : 0;
                    chart_series_set_marker_fill(s, &fill);
                    lxw_chart_line edge{};
                    edge.color = l.colour;
                    edge.width = l.only_markers ? 1.75F : 0.75F;
                    chart_series_set_marker_line(s, &edge);
                } else {
                    chart_series_set_marker_type(s, LXW_CHART_MARKER_NONE);
                }
                if (p > 0) hidden.push_back(index);
                ++index;
            }
        }
        hidden.push_back(-1);
        chart_title_set_name(chart, book.title.c_str());
        if (!book.y_label.empty()) chart_axis_set_name(chart->y_axis, book.y_label.c_str());
        if (book.is_date) chart_axis_set_num_format(chart->x_axis, "mmm yyyy");
        // Excel's scatter axis would start at zero; the chart starts at the first point.
        double lo = 0;
        double hi = 0;
        bool any = false;
        for (const auto& row : book.series.rows) {
            if (row.empty() || (row[0].kind != Cell::Kind::number && row[0].kind != Cell::Kind::date)) continue;
            lo = any ? std::min(lo, row[0].number) : row[0].number;
            hi = any ? std::max(hi, row[0].number) : row[0].number;
            any = true;
        }
        if (any && hi > lo) {
            const double pad = (hi - lo) / std::max<double>(static_cast<double>(book.series.rows.size()) - 1, 1) / 2;
            chart_axis_set_min(chart->x_axis, lo - pad);
            chart_axis_set_max(chart->x_axis, hi + pad);
        }
        chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
        chart_legend_delete_series(chart, hidden.data());
        chart_show_blanks_as(chart, LXW_CHART_BLANKS_AS_GAP);
        lxw_chartsheet* sheet = workbook_add_chartsheet(wb_, "Chart");
        chartsheet_set_chart(sheet, chart);
    }

    void close() {
        const lxw_error error = workbook_close(wb_);
        wb_ = nullptr;
        if (error != LXW_NO_ERROR) {
            throw core::Error(core::ErrorKind::internal,
                              std::string("cannot write the workbook: ") + lxw_strerror(error));
        }
    }

private:
    static lxw_col_t col(std::size_t c) { return static_cast<lxw_col_t>(c); }

    lxw_workbook* wb_;
    lxw_format* bold_ = nullptr;
    lxw_format* date_ = nullptr;
    lxw_format* wrap_ = nullptr;
    std::string title_;
    std::string subject_;
    std::string author_ = "Waymark";
};

// Writes the book to a temporary file and returns its bytes: libxlsxwriter 1.1 writes only to files.
std::string write_book(const Book& book, const ChartLabels& labels, const std::vector<double>& series_widths,
                       const std::vector<double>& rules_widths) {
    std::string path = (std::filesystem::temp_directory_path() / "waymark-xlsx-XXXXXX").string();
    const int fd = mkstemp(path.data());
    if (fd < 0) throw core::Error(core::ErrorKind::storage, "cannot create a temporary file for the workbook");
    close(fd);
    struct Remove {
        std::string path;
        explicit Remove(std::string p) : path(std::move(p)) {}
        Remove(const Remove&) = delete;
        Remove& operator=(const Remove&) = delete;
        ~Remove() { std::filesystem::remove(path); }
    } remove{path};
    {
        Writer w(path, labels);
        w.table("Series", book.series, series_widths, true);
        w.table("Rules", book.rules, rules_widths, true);
        w.chart(book);
        w.close();
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) throw core::Error(core::ErrorKind::storage, "cannot read back the workbook written to " + path);
    return bytes.str();
}

Book book_of(const ChartLabels& labels, const std::string& kind) {
    Book book;
    book.title = labels.title.empty() ? kind : labels.title;
    book.y_label = labels.y_label;
    book.is_date = labels.x_is_date;
    return book;
}

std::vector<std::pair<std::size_t, std::size_t>> runs_of(const std::vector<std::size_t>& parts) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (std::size_t k = 0; k < parts.size(); ++k) {
        if (k == 0 || parts[k] != parts[k - 1]) {
            out.emplace_back(k, k);
        } else {
            out.back().second = k;
        }
    }
    return out;
}

// The verdict of a part (rebase group) in words: its sentences from "What the chart says".
std::string verdict(const std::vector<Finding>& findings, int part) {
    std::string out;
    for (const Finding& f : findings) {
        if (f.part == part) out += (out.empty() ? "" : " ") + f.text;
    }
    return out;
}

void add_tests(Table& rules, std::span<const ChartAnnotation> tests, bool is_date, std::size_t width) {
    if (tests.empty()) return;
    rules.rows.emplace_back(width, blank());
    std::vector<Cell> heading(width, blank());
    heading[0] = text("Tests of change");
    heading[1] = text("Starts");
    rules.rows.push_back(heading);
    for (const ChartAnnotation& a : tests) {
        std::vector<Cell> row(width, blank());
        row[0] = text(a.label);
        row[1] = x_cell(a.x, is_date);
        rules.rows.push_back(std::move(row));
    }
}

}  // namespace

std::string spc_workbook(const qi::Chart& chart, const ChartLabels& labels, std::span<const ChartAnnotation> tests) {
    return spc_workbook(chart, qi::find_signals(chart), labels, tests);
}

std::string spc_workbook(const qi::Chart& chart, const qi::Findings& signals, const ChartLabels& labels,
                         std::span<const ChartAnnotation> tests) {
    const bool run = chart.type == qi::ChartType::run;
    const bool ihi = run && labels.ihi_rules;
    const std::vector<std::string> names = part_names(chart, labels);
    Book book = book_of(labels, chart_kind(chart.type));
    book.series.headers = {labels.x_is_date ? "Date" : "x",
                           "Value",
                           "n",
                           "Part",
                           "Baseline",
                           "Included",
                           run ? "Median" : "Centre line",
                           "Lower limit",
                           "Upper limit",
                           "Lower 2-sigma",
                           "Upper 2-sigma",
                           "Outside the limits",
                           "Shift (IHI)",
                           "Trend (IHI)",
                           "Signal value"};
    std::vector<std::size_t> parts;
    for (const qi::ChartPoint& p : chart.points) {
        const bool signal = p.sigma_signal || (ihi && (p.ihi_shift || p.ihi_trend));
        book.series.rows.push_back({x_cell(p.x, labels.x_is_date), number(p.y), number(p.n),
                                    count(static_cast<std::size_t>(p.part)), flag(p.baseline), flag(p.include),
                                    number(p.cl), number(p.lcl), number(p.ucl), number(p.lcl_95), number(p.ucl_95),
                                    flag(p.sigma_signal), flag(p.ihi_shift), flag(p.ihi_trend),
                                    signal ? number(p.y) : blank()});
        parts.push_back(static_cast<std::size_t>(p.part));
    }
    book.part_rows = runs_of(parts);
    book.lines.push_back({"Value", 1, kValueColour, LXW_CHART_LINE_DASH_SOLID, 1.25F, true, false});
    book.lines.push_back(
        {run ? "Median" : "Centre line", 6, kCentreColour, LXW_CHART_LINE_DASH_SOLID, 1.5F, false, false});
    if (!run) {
        book.lines.push_back({"Lower limit", 7, kLimitColour, LXW_CHART_LINE_DASH_DASH, 1.25F, false, false});
        book.lines.push_back({"Upper limit", 8, kLimitColour, LXW_CHART_LINE_DASH_DASH, 1.25F, false, false});
    }
    book.lines.push_back({"Signal", 14, kSignalColour, LXW_CHART_LINE_DASH_SOLID, 1.5F, false, true});

    const std::vector<Finding> findings = spc_findings(chart, signals, labels);
    book.rules.headers = {"Part",        "Name",
                          "Points",      "Useful points",
                          "Longest run", "Longest run signals above",
                          "Crossings",   "Crossings signal below",
                          "Runs signal", "Points outside the limits"};
    if (ihi) {
        book.rules.headers.insert(book.rules.headers.end(), {"Runs (IHI)", "Runs signal below", "Runs signal above",
                                                             "Too few runs", "Too many runs", "Shift", "Trend"});
    }
    book.rules.headers.emplace_back("What the chart says");
    for (std::size_t k = 0; k < chart.runs.size(); ++k) {
        const qi::RunsAnalysis& r = chart.runs[k];
        const auto outside = static_cast<std::size_t>(
            std::count_if(chart.points.begin(), chart.points.end(),
                          [&](const qi::ChartPoint& p) { return p.part == r.part && p.sigma_signal; }));
        std::vector<Cell> row{count(static_cast<std::size_t>(r.part)),
                              text(k < names.size() ? names[k] : ""),
                              count(r.n_obs),
                              count(r.n_useful),
                              count(r.longest_run),
                              count(r.longest_run_max),
                              count(r.n_crossings),
                              count(r.n_crossings_min),
                              flag(r.runs_signal),
                              run ? blank() : count(outside)};
        if (ihi && k < chart.ihi.size()) {
            const qi::IhiPart& h = chart.ihi[k];
            const auto lower = h.runs_limits ? std::optional<std::size_t>(h.runs_limits->lower) : std::nullopt;
            const auto upper = h.runs_limits ? std::optional<std::size_t>(h.runs_limits->upper) : std::nullopt;
            row.insert(row.end(), {count(h.n_runs), count(lower), count(upper), flag(h.too_few_runs),
                                   flag(h.too_many_runs), flag(h.shift_signal), flag(h.trend_signal)});
        }
        row.push_back(text(verdict(findings, r.part)));
        book.rules.rows.push_back(std::move(row));
    }
    add_tests(book.rules, tests, labels.x_is_date, book.rules.headers.size());
    std::vector<double> rules_widths(book.rules.headers.size(), 11);
    rules_widths[0] = 16;
    rules_widths[1] = 16;
    rules_widths.back() = 90;
    return write_book(book, labels, {12, 10, 8, 6, 9, 9, 11, 11, 11, 12, 12, 10, 10, 10, 10}, rules_widths);
}

std::string mdc_workbook(const qi::MdcChart& chart, const ChartLabels& labels, std::span<const ChartAnnotation> tests) {
    const std::vector<std::string> names = mdc_group_names(chart, labels);
    Book book = book_of(labels, "XmR chart (Making Data Count)");
    book.series.headers = {labels.x_is_date ? "Date" : "x",
                           "Value",
                           "Group",
                           "Mean",
                           "Lower process limit",
                           "Upper process limit",
                           "Target",
                           "Relative to mean",
                           "Close to limits",
                           "Outside limits",
                           "Special cause rule",
                           "Special cause",
                           "Point type",
                           "Short group",
                           "Signal value"};
    std::vector<std::size_t> parts;
    for (const qi::MdcPoint& p : chart.points) {
        book.series.rows.push_back({x_cell(p.x, labels.x_is_date), number(p.y),
                                    count(static_cast<std::size_t>(p.rebase_group)), number(p.mean), number(p.lpl),
                                    number(p.upl), number(chart.options.target),
                                    number(static_cast<double>(p.relative_to_mean)), flag(p.close_to_limits),
                                    flag(p.outside_limits), text(std::string(qi::to_string(p.special_cause_type))),
                                    flag(p.special_cause_flag), text(std::string(qi::to_string(p.point_type))),
                                    flag(p.short_group_warning), p.special_cause_flag ? number(p.y) : blank()});
        parts.push_back(static_cast<std::size_t>(p.rebase_group));
    }
    book.part_rows = runs_of(parts);
    book.lines.push_back({"Value", 1, kLimitColour, LXW_CHART_LINE_DASH_SOLID, 1.25F, true, false});
    book.lines.push_back({"Mean", 3, kCentreColour, LXW_CHART_LINE_DASH_SOLID, 1.5F, false, false});
    book.lines.push_back({"Lower process limit", 4, kLimitColour, LXW_CHART_LINE_DASH_DASH, 1.25F, false, false});
    book.lines.push_back({"Upper process limit", 5, kLimitColour, LXW_CHART_LINE_DASH_DASH, 1.25F, false, false});
    if (chart.options.target) {
        book.lines.push_back({"Target", 6, kTargetColour, LXW_CHART_LINE_DASH_ROUND_DOT, 1.5F, false, false});
    }
    book.lines.push_back({"Special cause", 14, kSignalColour, LXW_CHART_LINE_DASH_SOLID, 1.5F, false, true});

    const std::vector<Finding> findings = mdc_findings(chart, labels);
    book.rules.headers = {
        "Group",       "Name",    "Mean",    "Lower process limit", "Upper process limit", "Points", "Common cause",
        "Improvement", "Concern", "Neutral", "Variation type",      "What the chart says"};
    for (std::size_t k = 0; k < chart.groups.size(); ++k) {
        const qi::MdcGroup& g = chart.groups[k];
        book.rules.rows.push_back(
            {count(static_cast<std::size_t>(g.rebase_group)), text(k < names.size() ? names[k] : ""), number(g.mean),
             number(g.lpl), number(g.upl), count(g.n), count(g.common_cause), count(g.special_cause_improvement),
             count(g.special_cause_concern), count(g.special_cause_neutral),
             text(std::string(qi::to_string(g.variation_type))), text(verdict(findings, g.rebase_group + 1))});
    }
    const std::size_t width = book.rules.headers.size();
    auto icon_row = [&](const std::string& name, std::optional<std::string_view> icon) {
        std::vector<Cell> row(width, blank());
        row[0] = text(name);
        row[1] = icon ? text(std::string(*icon)) : blank();
        book.rules.rows.push_back(std::move(row));
    };
    book.rules.rows.emplace_back(width, blank());
    icon_row("Variation icon", chart.variation_icon
                                   ? std::optional<std::string_view>(qi::to_string(*chart.variation_icon))
                                   : std::nullopt);
    icon_row("Assurance icon", chart.assurance_icon
                                   ? std::optional<std::string_view>(qi::to_string(*chart.assurance_icon))
                                   : std::nullopt);
    book.rules.rows.back().back() = text(verdict(findings, 0));
    add_tests(book.rules, tests, labels.x_is_date, width);
    std::vector<double> rules_widths(width, 11);
    rules_widths[0] = 16;
    rules_widths[1] = 18;
    rules_widths.back() = 90;
    return write_book(book, labels, {12, 10, 7, 10, 12, 12, 9, 9, 9, 9, 22, 9, 26, 9, 10}, rules_widths);
}

}  // namespace waymark::render
