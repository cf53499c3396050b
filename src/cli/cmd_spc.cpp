// waymark spc: a run chart or control chart of a CSV file, as numbers for scripts (JSON, CSV)
// or for people (a table, then the runs analysis in words). The statistics are core/qi's; the
// input is read by app/spc_input. docs/spc.md describes the options and every output field.
#include "app/chart_kind.hpp"
#include "app/chart_result.hpp"
#include "app/spc_input.hpp"
#include "cli/commands.hpp"
#include "cli/environment.hpp"
#include "cli/options.hpp"
#include "cli/picture.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "core/qi.hpp"
#include "core/text.hpp"
#include "render/chart.hpp"
#include "render/style.hpp"
#include "render/xlsx/xlsx.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>

namespace waymark::cli {

namespace {

namespace qi = core::qi;
using core::Error;
using core::ErrorKind;

[[noreturn]] void usage(const std::string& message) {
    throw Error(ErrorKind::usage, message);
}

using core::plural;

// --- Output values ----------------------------------------------------------------------------

// One cell of the output: JSON writes it as null, a number, true/false or a string; CSV as an
// empty cell, the number, true/false or the text.
struct Value {
    enum class Kind { null, number, boolean, text };
    Kind kind = Kind::null;
    double number = 0;
    bool boolean = false;
    std::string text;
};

Value num(std::optional<double> v) {
    Value out;
    if (v && std::isfinite(*v)) {
        out.kind = Value::Kind::number;
        out.number = *v;
    }
    return out;
}
Value count(std::optional<std::size_t> v) {
    return v ? num(static_cast<double>(*v)) : Value{};
}
Value flag(bool b) {
    Value out;
    out.kind = Value::Kind::boolean;
    out.boolean = b;
    return out;
}
Value text(std::string s) {
    Value out;
    out.kind = Value::Kind::text;
    out.text = std::move(s);
    return out;
}
Value optional_text(std::optional<std::string_view> s) {
    return s ? text(std::string(*s)) : Value{};
}

struct Field {
    std::string_view name;  // always a literal
    Value value;
};
using Record = std::vector<Field>;

std::string json_value(const Value& v) {
    switch (v.kind) {
        case Value::Kind::null:
            return "null";
        case Value::Kind::number: {
            std::string s = number15(v.number);
            return s.empty() ? "null" : s;
        }
        case Value::Kind::boolean:
            return v.boolean ? "true" : "false";
        case Value::Kind::text:
            return json_string(v.text);
    }
    return "null";
}

std::string json_record(const Record& record) {
    std::string out = "{";
    for (std::size_t k = 0; k < record.size(); ++k) {
        if (k > 0) out += ", ";
        out += json_string(record[k].name) + ": " + json_value(record[k].value);
    }
    return out + "}";
}

void csv_value(std::string& out, const Value& v) {
    switch (v.kind) {
        case Value::Kind::null:
            break;
        case Value::Kind::number:
            out += number15(v.number);
            break;
        case Value::Kind::boolean:
            out += v.boolean ? "true" : "false";
            break;
        case Value::Kind::text:
            csv_field(out, v.text);
            break;
    }
}

// --- The chart, ready to print ----------------------------------------------------------------

// One series: the whole input, or one facet of it.
struct SeriesOut {
    std::string facet;  // empty without --facet-column
    std::vector<Record> points;
    std::vector<Record> parts;    // the runs analysis per part, or the Making Data Count groups
    std::optional<Record> icons;  // Making Data Count only
    // For people: the table and the sentences under it.
    std::vector<std::string> headers;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> words;
};

struct ChartOut {
    Record meta;            // the settings used, first in the JSON
    std::string parts_key;  // "parts" or "groups"
    std::string caption;    // for people
    bool faceted = false;
    std::vector<SeriesOut> series;
    std::vector<std::string> warnings;  // to standard error
};

// --- Input ------------------------------------------------------------------------------------

struct Series {
    std::string facet;
    std::vector<qi::Observation> rows;
};

// The series in name order (as NHSRplotthedots draws facets), or the whole input as one.
std::vector<Series> split_series(const app::SpcInput& input) {
    if (input.facets.empty()) return {Series{"", input.rows}};
    std::map<std::string, std::vector<qi::Observation>> by_name;
    for (std::size_t k = 0; k < input.rows.size(); ++k) by_name[input.facets[k]].push_back(input.rows[k]);
    std::vector<Series> out;
    out.reserve(by_name.size());
    for (auto& [name, rows] : by_name) out.push_back(Series{name, std::move(rows)});
    return out;
}

std::string x_text(double x, app::XKind kind) {
    if (kind == app::XKind::date) return core::Date::from_serial(static_cast<std::int32_t>(x)).iso();
    return number15(x);
}
Value x_value(double x, app::XKind kind) {
    if (kind == app::XKind::date) return text(x_text(x, kind));
    return num(x);
}

std::string people(const std::optional<double>& v) {
    return v ? people_number(*v) : std::string();
}

bool uses_moving_ranges(qi::ChartType type) {
    return type == qi::ChartType::i || type == qi::ChartType::pp || type == qi::ChartType::up;
}

std::string chart_title(app::ChartKind kind) {
    const std::string_view chart = app::to_string(kind);
    static const std::map<std::string_view, std::string> titles = {{"run", "Run chart"},
                                                                   {"i", "I chart"},
                                                                   {"mr", "MR chart"},
                                                                   {"c", "C chart"},
                                                                   {"u", "U chart"},
                                                                   {"p", "P chart"},
                                                                   {"pp", "P' chart"},
                                                                   {"up", "U' chart"},
                                                                   {"xbar", "Xbar chart"},
                                                                   {"s", "S chart"},
                                                                   {"mdc", "XmR chart (Making Data Count)"}};
    const auto it = titles.find(chart);
    return it == titles.end() ? std::string(chart) : it->second;
}

// --- Checks -----------------------------------------------------------------------------------

// Options that cannot apply to the chart asked for, whatever the data.
void check_options(const SpcArgs& a, std::optional<qi::ChartType> type) {
    if (!type) {
        auto not_for_mdc = [](bool given, const char* option) {
            if (given) {
                usage(std::string(option) +
                      " does not apply to --chart mdc (Making Data Count charts take --rebase, --fix-after, "
                      "--improvement, --target and --no-screened-mr)");
            }
        };
        not_for_mdc(a.freeze.has_value(), "--freeze");
        not_for_mdc(!a.part.empty(), "--part");
        not_for_mdc(a.part_column.has_value(), "--part-column");
        not_for_mdc(!a.exclude.empty(), "--exclude");
        not_for_mdc(a.multiply.has_value(), "--multiply");
        not_for_mdc(a.agg.has_value(), "--agg");
        not_for_mdc(a.rules.has_value(), "--rules");
        if (a.fix_after && *a.fix_after < 12) {
            usage("--fix-after must be at least 12 points, not " + std::to_string(*a.fix_after));
        }
        if (a.target && !std::isfinite(*a.target)) usage("--target must be a number");
        return;
    }
    auto mdc_only = [](bool given, const char* option) {
        if (given) usage(std::string(option) + " applies only to --chart mdc (Making Data Count)");
    };
    mdc_only(!a.rebase.empty(), "--rebase");
    mdc_only(a.fix_after.has_value(), "--fix-after");
    mdc_only(a.improvement.has_value(), "--improvement");
    mdc_only(a.target.has_value(), "--target");
    if (!a.part.empty() && a.part_column) {
        usage("--part and --part-column cannot be combined: give parts by point number or by label, not both");
    }
    if (a.freeze && (!a.part.empty() || a.part_column)) {
        usage(
            "--freeze cannot be combined with parts: each part has its own centre and limits (qicharts2 ignores "
            "freeze when parts are given)");
    }
    if (a.freeze && *a.freeze == 0) usage("--freeze counts points from 1, so 0 is out of range");
    for (std::size_t b : a.part) {
        if (b == 0)
            usage("--part counts points from 1 (a new part starts after each point given), so 0 is out of range");
    }
    for (std::size_t e : a.exclude) {
        if (e == 0) usage("--exclude counts points from 1, so 0 is out of range");
    }
    if (a.multiply && !(std::isfinite(*a.multiply) && *a.multiply > 0)) {
        usage("--multiply must be a positive number (100 for percentages, 1000 for a rate per 1000)");
    }
    if (a.screened_mr && !uses_moving_ranges(*type)) {
        usage(std::string(a.screened_mr.value() ? "--screened-mr" : "--no-screened-mr") +
              " applies to i, pp, up and mdc charts (the charts whose limits come from moving ranges)");
    }
    if (a.rules == "ihi" && *type != qi::ChartType::run) {
        usage("--rules ihi applies to run charts only; control charts use the Anhøj rules");
    }
    if (a.agg && (*type == qi::ChartType::xbar || *type == qi::ChartType::s)) {
        usage("--agg does not apply to xbar and s charts: they use the values of each subgroup");
    }
}

// What the chart needs of the input's columns.
void check_columns(const SpcArgs& a, const app::SpcInput& input, std::optional<qi::ChartType> type) {
    const std::string& path = a.input;
    const bool no_denominator = !type || *type == qi::ChartType::xbar || *type == qi::ChartType::s;
    if (no_denominator && input.has_n()) {
        const std::string why =
            !type ? "Making Data Count charts plot y as it is"
                  : "an " + std::string(app::to_string(a.chart)) + " chart uses the values of each subgroup";
        throw app::SpcInputError(
            {{path, 1, input.n_column, "n", "this column is not used: " + why + " (remove the column)"}}, 1);
    }
    if (type && (*type == qi::ChartType::p || *type == qi::ChartType::pp) && !input.has_n()) {
        throw app::SpcInputError({{path, 1, 0, "n",
                                   "a " + std::string(app::to_string(a.chart)) +
                                       " chart needs a denominator: add a column n (y cases out of n)"}},
                                 1);
    }
    if (type && (*type == qi::ChartType::u || *type == qi::ChartType::up) && !input.has_n()) {
        throw app::SpcInputError({{path, 1, 0, "n",
                                   "a " + std::string(app::to_string(a.chart)) +
                                       " chart needs a denominator: add a column n (y events per n units, "
                                       "such as patient days)"}},
                                 1);
    }
    if (a.agg && input.has_n()) {
        usage("--agg does not apply: " + path + " has an n column, so each subgroup's value is sum(y) / sum(n)");
    }
}

// Point numbers against one series' count of points.
void check_point_numbers(const SpcArgs& a, std::size_t count, const std::string& facet) {
    const std::string have = (facet.empty() ? a.input : "facet '" + facet + "' of " + a.input) + " has " +
                             plural(count, "point", "points") + " (subgroups, one per x)";
    if (a.freeze && *a.freeze > count) {
        usage("--freeze " + std::to_string(*a.freeze) + " is out of range: " + have);
    }
    for (std::size_t b : a.part) {
        if (b >= count) {
            usage("--part " + std::to_string(b) + " is out of range: " + have +
                  (count > 1 ? ", so a new part can start after point 1 to " + std::to_string(count - 1)
                             : ", so it cannot be split"));
        }
    }
    for (std::size_t e : a.exclude) {
        if (e > count) usage("--exclude " + std::to_string(e) + " is out of range: " + have);
    }
}

// --- Run and Shewhart charts ------------------------------------------------------------------

SeriesOut chart_series(const std::string& facet, const qi::Chart& chart, app::XKind kind, bool ihi) {
    SeriesOut out;
    out.facet = facet;
    const bool run = chart.type == qi::ChartType::run;
    const bool several_parts = chart.runs.size() > 1;
    out.headers = {"x"};
    if (several_parts) out.headers.emplace_back("part");
    out.headers.emplace_back("y");
    if (run) {
        out.headers.emplace_back("median");
    } else {
        out.headers.insert(out.headers.end(), {"cl", "lcl", "ucl"});
    }
    out.headers.emplace_back("signals");

    for (const qi::ChartPoint& p : chart.points) {
        Record r{{"x", x_value(p.x, kind)},
                 {"y", num(p.y)},
                 {"n", num(p.n)},
                 {"y_length", count(p.y_length)},
                 {"part", count(static_cast<std::size_t>(p.part))},
                 {"baseline", flag(p.baseline)},
                 {"included", flag(p.include)},
                 {"cl", num(p.cl)},
                 {"lcl", num(p.lcl)},
                 {"ucl", num(p.ucl)},
                 {"lcl_95", num(p.lcl_95)},
                 {"ucl_95", num(p.ucl_95)},
                 {"sigma_signal", flag(p.sigma_signal)}};
        if (ihi) {
            r.push_back({"shift", flag(p.ihi_shift)});
            r.push_back({"trend", flag(p.ihi_trend)});
        }
        out.points.push_back(std::move(r));

        std::vector<std::string> row{x_text(p.x, kind)};
        if (several_parts) row.push_back(std::to_string(p.part));
        row.push_back(people(p.y));
        row.push_back(people(p.cl));
        if (!run) {
            row.push_back(people(p.lcl));
            row.push_back(people(p.ucl));
        }
        row.push_back(render::point_signal_words(p, ihi));
        out.rows.push_back(std::move(row));
    }

    for (std::size_t k = 0; k < chart.runs.size(); ++k) {
        const qi::RunsAnalysis& r = chart.runs[k];
        Record part{{"part", count(static_cast<std::size_t>(r.part))},
                    {"n_obs", count(r.n_obs)},
                    {"n_useful", count(r.n_useful)},
                    {"longest_run", count(r.longest_run)},
                    {"longest_run_max", count(r.longest_run_max)},
                    {"crossings", count(r.n_crossings)},
                    {"crossings_min", count(r.n_crossings_min)},
                    {"runs_signal", flag(r.runs_signal)}};
        if (ihi && k < chart.ihi.size()) {
            const qi::IhiPart& h = chart.ihi[k];
            part.push_back({"n_runs", count(h.n_runs)});
            part.push_back(
                {"runs_lower", count(h.runs_limits ? std::optional<std::size_t>(h.runs_limits->lower) : std::nullopt)});
            part.push_back(
                {"runs_upper", count(h.runs_limits ? std::optional<std::size_t>(h.runs_limits->upper) : std::nullopt)});
            part.push_back({"too_few_runs", flag(h.too_few_runs)});
            part.push_back({"too_many_runs", flag(h.too_many_runs)});
            part.push_back({"shift_signal", flag(h.shift_signal)});
            part.push_back({"trend_signal", flag(h.trend_signal)});
            out.words.push_back(render::ihi_summary(h));
        } else {
            std::string words = render::anhoej_summary(r, chart.type == qi::ChartType::mr);
            if (!run) {
                const auto outside = static_cast<std::size_t>(
                    std::count_if(chart.points.begin(), chart.points.end(),
                                  [&](const qi::ChartPoint& p) { return p.part == r.part && p.sigma_signal; }));
                words += " " + render::outside_limits_words(outside);
            }
            out.words.push_back(std::move(words));
        }
        out.parts.push_back(std::move(part));
    }
    return out;
}

qi::ChartOptions chart_options(const SpcArgs& a, const app::SpcInput& input, qi::ChartType type) {
    qi::ChartOptions o;
    o.chart = type;
    if (a.agg) {
        const auto aggregation = qi::try_parse_aggregation(*a.agg);
        if (!aggregation) usage("--agg must be mean, median or sum, not '" + *a.agg + "'");
        o.aggregation = *aggregation;
    }
    o.has_denominator = input.has_n();
    o.multiply = a.multiply.value_or(1);
    o.freeze = a.freeze;
    o.part_breaks = a.part;
    std::sort(o.part_breaks.begin(), o.part_breaks.end());
    o.part_breaks.erase(std::unique(o.part_breaks.begin(), o.part_breaks.end()), o.part_breaks.end());
    o.parts_from_labels = a.part_column.has_value();
    o.exclude = a.exclude;
    o.screened_mr = a.screened_mr.value_or(true);
    return o;
}

ChartOut chart_output(const SpcArgs& a, const app::SpcInput& input, const std::vector<Series>& series,
                      qi::ChartType type) {
    const qi::ChartOptions o = chart_options(a, input, type);
    const bool ihi = a.rules == "ihi";

    ChartOut out;
    out.parts_key = "parts";
    out.faceted = a.facet_column.has_value();
    out.meta.push_back({"chart", text(std::string(app::to_string(a.chart)))});
    out.meta.push_back({"rules", text(ihi ? "ihi" : "anhoej")});
    if (uses_moving_ranges(type)) out.meta.push_back({"screened_mr", flag(o.screened_mr)});

    std::vector<qi::Chart> charts;
    for (const Series& s : series) {
        charts.push_back(*app::chart_result(s.rows, o).chart);
        check_point_numbers(a, charts.back().points.size(), s.facet);
    }
    for (std::size_t k = 0; k < series.size(); ++k) {
        out.series.push_back(chart_series(series[k].facet, charts[k], input.x_kind, ihi));
    }

    std::string caption = chart_title(a.chart) + " of " + a.input;
    if (out.faceted) {
        caption += ", " + plural(series.size(), "series", "series") + " (" + *a.facet_column + ").";
    } else {
        caption += ", " + plural(charts.front().points.size(), "point", "points") + ".";
    }
    switch (type) {
        case qi::ChartType::run:
            caption += " Centre line: the median.";
            break;
        case qi::ChartType::i:
            caption += std::string(" Limits: mean +/- 3 sigma, sigma from the average moving range (") +
                       (o.screened_mr ? "screened" : "not screened") + ").";
            break;
        case qi::ChartType::mr:
            caption += " Limits: UCL = 3.267 x the mean moving range.";
            break;
        case qi::ChartType::pp:
        case qi::ChartType::up:
            caption += std::string(" Limits: 3 sigma, widened by Laney's sigma z (moving ranges ") +
                       (o.screened_mr ? "screened" : "not screened") + ").";
            break;
        default:
            caption += " Limits: 3 sigma.";
            break;
    }
    if (a.freeze) caption += " Centre and limits from points 1 to " + std::to_string(*a.freeze) + ".";
    if (a.part_column) caption += " Parts from the column " + *a.part_column + ".";
    if (a.multiply && *a.multiply != 1) caption += " Values multiplied by " + number15(*a.multiply) + ".";
    if (type == qi::ChartType::mr) {
        caption += " Runs analysis: not applied (moving ranges are not independent).";
    } else {
        caption += ihi ? " Runs analysis: IHI rules." : " Runs analysis: Anhøj rules.";
    }
    out.caption = caption;
    return out;
}

// --- Making Data Count --------------------------------------------------------------------------

SeriesOut mdc_series(const std::string& facet, const qi::MdcChart& chart, app::XKind kind,
                     const qi::MdcOptions& options, std::vector<std::string>& warnings, const std::string& path) {
    SeriesOut out;
    out.facet = facet;
    out.headers = {"x", "y", "mean", "lpl", "upl", "signal"};
    for (const qi::MdcPoint& p : chart.points) {
        out.points.push_back({{"x", x_value(p.x, kind)},
                              {"y", num(p.y)},
                              {"rebase_group", count(static_cast<std::size_t>(p.rebase_group))},
                              {"mean", num(p.mean)},
                              {"lpl", num(p.lpl)},
                              {"upl", num(p.upl)},
                              {"relative_to_mean", num(static_cast<double>(p.relative_to_mean))},
                              {"close_to_limits", flag(p.close_to_limits)},
                              {"outside_limits", flag(p.outside_limits)},
                              {"special_cause", text(std::string(qi::to_string(p.special_cause_type)))},
                              {"special_cause_flag", flag(p.special_cause_flag)},
                              {"point_type", text(std::string(qi::to_string(p.point_type)))},
                              {"short_group_warning", flag(p.short_group_warning)}});
        std::string signal;
        if (!p.y) {
            signal = "missing";
        } else if (p.special_cause_flag) {
            signal = render::mdc_signal_words(p);
        }
        out.rows.push_back({x_text(p.x, kind), people(p.y), people(p.mean), people(p.lpl), people(p.upl), signal});
    }
    for (const qi::MdcGroup& g : chart.groups) {
        out.parts.push_back({{"rebase_group", count(static_cast<std::size_t>(g.rebase_group))},
                             {"mean", num(g.mean)},
                             {"lpl", num(g.lpl)},
                             {"upl", num(g.upl)},
                             {"n", count(g.n)},
                             {"common_cause", count(g.common_cause)},
                             {"special_cause_improvement", count(g.special_cause_improvement)},
                             {"special_cause_concern", count(g.special_cause_concern)},
                             {"special_cause_neutral", count(g.special_cause_neutral)},
                             {"variation_type", text(std::string(qi::to_string(g.variation_type)))}});
        const auto first = std::find_if(chart.points.begin(), chart.points.end(),
                                        [&](const qi::MdcPoint& p) { return p.rebase_group == g.rebase_group; });
        std::string from;
        if (first != chart.points.end()) {
            from = kind == app::XKind::date ? x_text(first->x, kind) : "x = " + x_text(first->x, kind);
        }
        out.words.push_back(render::mdc_group_summary(g, from));
        if (first != chart.points.end() && first->short_group_warning) {
            std::string warning = facet.empty() ? std::string() : "facet '" + facet + "' of ";
            warning += path;
            warning += ": the group from " + from + " has only " + plural(g.n, "point", "points");
            warning += ": its limits are trial limits (13 or more points make them stable)";
            warnings.push_back(std::move(warning));
        }
    }
    out.icons =
        Record{{"variation", optional_text(chart.variation_icon
                                               ? std::optional<std::string_view>(qi::to_string(*chart.variation_icon))
                                               : std::nullopt)},
               {"assurance", optional_text(chart.assurance_icon
                                               ? std::optional<std::string_view>(qi::to_string(*chart.assurance_icon))
                                               : std::nullopt)}};
    if (chart.variation_icon) out.words.push_back("Variation: " + render::variation_words(*chart.variation_icon) + ".");
    if (chart.assurance_icon && options.target) {
        out.words.push_back("Assurance: " + render::assurance_words(*chart.assurance_icon, *options.target));
    }
    return out;
}

// --improvement, else the measure's direction, else increase.
qi::ImprovementDirection direction_of(const SpcArgs& a, const MeasureGiven& given) {
    if (a.improvement) return *a.improvement;
    return given.improvement.value_or(qi::ImprovementDirection::increase);
}

qi::MdcOptions mdc_options(const SpcArgs& a, const app::SpcInput& input, const MeasureGiven& given) {
    qi::MdcOptions o;
    o.direction = direction_of(a, given);
    const auto [min_x, max_x] =
        std::minmax_element(input.rows.begin(), input.rows.end(),
                            [](const qi::Observation& l, const qi::Observation& r) { return l.x < r.x; });
    for (const std::string& r : a.rebase) {
        const auto x = app::parse_x(r, input.x_kind);
        if (!x) {
            usage("--rebase '" + r + "' is not " +
                  (input.x_kind == app::XKind::date
                       ? "a date (YYYY-MM-DD), and the x column of " + a.input + " holds dates"
                       : "a number, and the x column of " + a.input + " holds numbers"));
        }
        if (!(*x > min_x->x && *x <= max_x->x)) {
            usage("--rebase " + r + " starts no new group: the points run from " + x_text(min_x->x, input.x_kind) +
                  " to " + x_text(max_x->x, input.x_kind) + " (the rebase point is the first of its group)");
        }
        o.rebase_x.push_back(*x);
    }
    o.fix_after_n_points = a.fix_after;
    o.screen_outliers = a.screened_mr.value_or(true);
    o.target = a.target;
    return o;
}

ChartOut mdc_output(const SpcArgs& a, const app::SpcInput& input, const std::vector<Series>& series,
                    const MeasureGiven& given) {
    const qi::MdcOptions o = mdc_options(a, input, given);
    const std::string improvement(qi::to_string(o.direction));

    ChartOut out;
    out.parts_key = "groups";
    out.faceted = a.facet_column.has_value();
    out.meta.push_back({"chart", text("mdc")});
    out.meta.push_back({"improvement", text(improvement)});
    out.meta.push_back({"target", num(a.target)});
    out.meta.push_back({"screened_mr", flag(o.screen_outliers)});
    std::size_t points = 0;
    for (const Series& s : series) {
        const qi::MdcChart chart = *app::chart_result(s.rows, o).mdc;
        points += chart.points.size();
        out.series.push_back(mdc_series(s.facet, chart, input.x_kind, o, out.warnings, a.input));
    }
    std::string caption = chart_title(app::ChartKind{std::nullopt}) + " of " + a.input;
    if (out.faceted) {
        caption += ", " + plural(series.size(), "series", "series") + " (" + *a.facet_column + ").";
    } else {
        caption += ", " + plural(points, "point", "points") + ".";
    }
    caption += std::string(" Limits: mean +/- 2.66 x the average moving range (") +
               (o.screen_outliers ? "screened" : "not screened") + ").";
    if (a.fix_after) caption += " Limits fixed after " + std::to_string(*a.fix_after) + " points.";
    caption += " Improvement: " + improvement + ".";
    if (a.target) caption += " Target: " + people_number(*a.target) + ".";
    out.caption = caption;
    return out;
}

// --- Printing -----------------------------------------------------------------------------------

void json_array(std::string& out, const std::vector<Record>& records, const std::string& indent) {
    if (records.empty()) {
        out += "[]";
        return;
    }
    out += "[\n";
    for (std::size_t k = 0; k < records.size(); ++k) {
        out += indent + "  " + json_record(records[k]) + (k + 1 < records.size() ? ",\n" : "\n");
    }
    out += indent + "]";
}

void json_series(std::string& out, const SeriesOut& s, const std::string& parts_key, const std::string& indent) {
    out += indent + "\"points\": ";
    json_array(out, s.points, indent);
    out += ",\n" + indent + json_string(parts_key) + ": ";
    json_array(out, s.parts, indent);
    if (s.icons) out += ",\n" + indent + "\"icons\": " + json_record(*s.icons);
    out += "\n";
}

void print_json(std::ostream& os, const ChartOut& c) {
    std::string out = "{\n";
    for (const Field& f : c.meta) out += "  " + json_string(f.name) + ": " + json_value(f.value) + ",\n";
    if (!c.faceted) {
        json_series(out, c.series.front(), c.parts_key, "  ");
    } else {
        out += "  \"facets\": [\n";
        for (std::size_t k = 0; k < c.series.size(); ++k) {
            out += "    {\n      \"facet\": " + json_string(c.series[k].facet) + ",\n";
            json_series(out, c.series[k], c.parts_key, "      ");
            out += k + 1 < c.series.size() ? "    },\n" : "    }\n";
        }
        out += "  ]\n";
    }
    out += "}\n";
    os << out;
}

void print_csv(std::ostream& os, const ChartOut& c) {
    std::string out;
    const Record& first = c.series.front().points.front();
    if (c.faceted) out += "facet,";
    for (std::size_t k = 0; k < first.size(); ++k) out += std::string(k > 0 ? "," : "") + std::string(first[k].name);
    out += '\n';
    for (const SeriesOut& s : c.series) {
        for (const Record& r : s.points) {
            if (c.faceted) {
                csv_field(out, s.facet);
                out += ',';
            }
            for (std::size_t k = 0; k < r.size(); ++k) {
                if (k > 0) out += ',';
                csv_value(out, r[k].value);
            }
            out += '\n';
        }
    }
    os << out;
}

void print_words(std::ostream& os, const std::string& sentence) {
    for (const std::string& line : wrap(sentence, 80)) os << line << '\n';
}

void print_table(std::ostream& os, const ChartOut& c) {
    print_words(os, c.caption);
    for (const SeriesOut& s : c.series) {
        os << '\n';
        if (c.faceted) os << s.facet << " (" << plural(s.points.size(), "point", "points") << ")\n\n";
        Table t(s.headers);
        for (const auto& row : s.rows) t.add(row);
        t.print(os);
        os << '\n';
        for (const std::string& w : s.words) print_words(os, w);
    }
}

// --- Pictures and workbooks ---------------------------------------------------------------------

// Options for the picture need --out; --out draws one series and prints nothing.
void check_picture_options(const SpcArgs& a, std::optional<qi::ChartType> type) {
    if (!a.out) {
        auto needs_out = [](bool given, const char* option) {
            if (given) usage(std::string(option) + " is for the picture: give --out FILE.svg, .png, .pdf or .xlsx");
        };
        needs_out(a.picture_format.has_value(), "--picture-format");
        needs_out(a.title.has_value(), "--title");
        needs_out(a.definition.has_value(), "--definition");
        needs_out(a.y_label.has_value(), "--y-label");
        needs_out(!a.tests_of_change.empty(), "--test-of-change");
        needs_out(a.two_sigma, "--two-sigma");
        return;
    }
    if (a.format_given) usage("--format is for standard output; with --out the picture or workbook is all there is");
    if (a.facet_column) {
        usage("--out draws one series, and --facet-column " + *a.facet_column +
              " gives one per name: draw each from a file of its own (--format shows them all)");
    }
    if (*a.out == "-" && !a.picture_format) usage("--out - needs --picture-format svg, png, pdf, xlsx or txt");
    if (*a.out != "-" && a.picture_format)
        usage("--picture-format is for --out -; a file's extension gives its format");
    if (a.two_sigma && (!type || *type == qi::ChartType::run)) {
        usage("--two-sigma applies to control charts (run charts and Making Data Count charts have no 2-sigma lines)");
    }
}

// --test-of-change X=LABEL, in the input's x units; else the measure's tests of change.
std::vector<render::ChartAnnotation> tests_of_change(const SpcArgs& a, app::XKind kind, const MeasureGiven& given) {
    if (a.tests_of_change.empty()) return given.tests_of_change;
    std::vector<render::ChartAnnotation> out;
    for (const std::string& t : a.tests_of_change) {
        const std::size_t eq = t.find('=');
        const auto x = eq == std::string::npos ? std::nullopt : app::parse_x(t.substr(0, eq), kind);
        if (!x || eq + 1 >= t.size()) {
            usage("--test-of-change '" + t + "' must be " +
                  (kind == app::XKind::date ? "DATE=LABEL, e.g. 2024-03-01=Huddles, with DATE as YYYY-MM-DD"
                                            : "X=LABEL, e.g. 12=Huddles, with X a number as in the x column"));
        }
        out.push_back({*x, t.substr(eq + 1)});
    }
    return out;
}

render::ChartLabels picture_labels(const SpcArgs& a, const app::SpcInput& input, core::Date today) {
    render::ChartLabels labels;
    labels.title = a.title.value_or("");
    labels.definition = a.definition.value_or("");
    labels.y_label = a.y_label.value_or("");
    labels.x_is_date = input.x_kind == app::XKind::date;
    labels.source = "Data: " + std::filesystem::path(a.input).filename().string() + " \u00b7 drawn by Waymark on " +
                    render::long_date(today);
    labels.created = today.iso();
    labels.ihi_rules = a.rules == "ihi";
    labels.two_sigma = a.two_sigma;
    labels.not_analysed = a.not_analysed;
    return labels;
}

// The label of each part, from the --part-column: the label of its first point.
std::vector<std::string> part_labels(const Series& s, const qi::ChartOptions& o, const qi::Chart& chart) {
    const std::vector<qi::Subgroup> groups = qi::prepare_subgroups(s.rows, o);
    std::vector<std::string> out;
    for (std::size_t k = 0; k < chart.points.size() && k < groups.size(); ++k) {
        if (static_cast<std::size_t>(chart.points[k].part) > out.size()) out.push_back(groups[k].part_label);
    }
    return out;
}

std::string picture(const Context& ctx, const SpcArgs& a, const app::SpcInput& input, const Series& s,
                    std::optional<qi::ChartType> type, const std::string& format, const MeasureGiven& given) {
    render::ChartLabels labels = picture_labels(a, input, ctx.today);
    const std::vector<render::ChartAnnotation> tests = tests_of_change(a, input.x_kind, given);
    // Laid out with the built-in Liberation Sans table, as the timeline: the same layout in
    // every format, and kerning only narrows what Cairo draws.
    const render::TextMeasurer& m = render::builtin_metrics();
    if (type) {
        const qi::ChartOptions o = chart_options(a, input, *type);
        const app::ChartResult r = app::chart_result(s.rows, o);
        const qi::Chart& chart = *r.chart;
        check_point_numbers(a, chart.points.size(), s.facet);
        if (a.part_column) labels.part_labels = part_labels(s, o, chart);
        if (format == "xlsx") return render::spc_workbook(chart, r.findings, labels, tests);
        return draw(render::spc_chart_scene(chart, r.findings, labels, tests, m), format);
    }
    const qi::MdcOptions o = mdc_options(a, input, given);
    const app::ChartResult r = app::chart_result(s.rows, o);
    const qi::MdcChart& chart = *r.mdc;
    std::vector<std::string> warnings;
    mdc_series(s.facet, chart, input.x_kind, o, warnings, a.input);
    for (const std::string& w : warnings) ctx.err << "waymark: warning: " << w << "\n";
    if (format == "xlsx") return render::mdc_workbook(chart, labels, tests);
    return draw(render::mdc_chart_scene(chart, labels, tests, m), format);
}

}  // namespace

namespace {

// What --out asks for: svg, png, pdf, xlsx or txt; empty without --out.
std::string picture_format_of(const SpcArgs& args) {
    if (!args.out) return "";
    if (*args.out == "-") return *args.picture_format;
    return format_of(*args.out, {"svg", "png", "pdf", "xlsx", "txt"});
}

}  // namespace

int cmd_spc(const Context& ctx, const SpcArgs& args) {
    const std::optional<qi::ChartType> type = args.chart.type;  // none: Making Data Count
    check_options(args, type);
    check_picture_options(args, type);
    picture_format_of(args);  // a bad --out is a usage error before the input is read
    return run_spc(ctx, args, app::read_spc_input(args.input, {args.part_column, args.facet_column}));
}

int run_spc(const Context& ctx, const SpcArgs& args, const app::SpcInput& input, const MeasureGiven& given) {
    const std::optional<qi::ChartType> type = args.chart.type;  // none: Making Data Count
    const std::string picture_format = picture_format_of(args);
    check_columns(args, input, type);
    const std::vector<Series> series = split_series(input);
    if (args.out) {
        const std::string bytes = picture(ctx, args, input, series.front(), type, picture_format, given);
        if (*args.out == "-") {
            ctx.out << bytes;
        } else {
            write_file(*args.out, bytes);
        }
        return 0;
    }
    ChartOut chart = type ? chart_output(args, input, series, *type) : mdc_output(args, input, series, given);
    if (!args.not_analysed.empty()) {
        // Said instead of what the statistics of no points would say.
        chart.meta.push_back({"not_analysed", text(args.not_analysed)});
        for (SeriesOut& s : chart.series) s.words = {args.not_analysed};
    }
    for (const std::string& w : chart.warnings) ctx.err << "waymark: warning: " << w << "\n";
    switch (args.format) {
        case Format::json:
            print_json(ctx.out, chart);
            break;
        case Format::csv:
            print_csv(ctx.out, chart);
            break;
        case Format::table:
            print_table(ctx.out, chart);
            break;
    }
    return 0;
}

// --- The command line: options, help and what to run (options.hpp) ---

void add_chart_options(Command& cmd, SpcArgs& a, ChartOptions& options) {
    cmd.option("--freeze", a.freeze, "centre and limits from points 1 to N only").whole_number().type_name("N");
    cmd.option("--part", a.part, "a new part (own centre, limits and runs)\nafter each of these points")
        .delimiter(',')
        .whole_number()
        .type_name("N,...");
    cmd.option("--exclude", a.exclude, "points left out of centre, limits and\nruns (still shown)")
        .delimiter(',')
        .whole_number()
        .type_name("N,...");
    cmd.flag("--screened-mr", options.screened,
             "drop moving ranges of 3.267 x AMR or more\n(the default; i, pp, up, mdc)");
    cmd.flag("--no-screened-mr", options.no_screened, "keep every moving range");
    cmd.option("--rules", a.rules, "runs rules: anhoej (default) or ihi (run\ncharts)")
        .type_name("RULES")
        .one_of({"anhoej", "ihi"});
    cmd.option("--rebase", a.rebase, "mdc: new limits from each of these x on").delimiter(',').type_name("DATE,...");
    cmd.option("--fix-after", a.fix_after, "mdc: limits from each group's first N\npoints (12 or more)")
        .whole_number()
        .type_name("N");
    cmd.option("--improvement", options.improvement,
               "mdc: increase (default), decrease or\nneutral: which way is better")
        .type_name("DIR")
        .one_of({"increase", "decrease", "neutral"});
    cmd.option("--target", a.target, "mdc: the target, for the assurance icon").type_name("T");
    add_format(cmd, options.format);
    cmd.option("--out", a.out,
               "draw the chart instead: FILE.svg, .png,\n.pdf, .xlsx (Excel) or .txt (the scene as\ntext); - for "
               "standard output")
        .type_name("FILE");
    cmd.option("--picture-format", a.picture_format, "with --out -: svg, png, pdf, xlsx or txt")
        .type_name("FORMAT")
        .one_of({"svg", "png", "pdf", "xlsx", "txt"});
    cmd.option("--title", a.title, "the picture's title (default: the chart's\nkind)").type_name("TEXT");
    cmd.option("--definition", a.definition, "the measure's definition, under the title").type_name("TEXT");
    cmd.option("--y-label", a.y_label, "what the values are (\"days\", \"%\")").type_name("TEXT");
    cmd.option("--test-of-change", a.tests_of_change,
               "a test of change from X (a date or number,\nas x) on; repeat for each")
        .type_name("X=LABEL");
    cmd.flag("--two-sigma", a.two_sigma, "draw the 2-sigma lines too (control charts)");
}

void finish_chart_options(const Command& cmd, SpcArgs& a, const ChartOptions& options) {
    const auto kind = app::try_parse_chart_kind(options.chart);
    if (!kind) usage("--chart must be run, i, mr, c, u, p, pp, up, xbar, s or mdc, not '" + options.chart + "'");
    a.chart = *kind;
    if (options.improvement) {
        a.improvement = qi::try_parse_direction(*options.improvement);
        if (!a.improvement)
            usage("--improvement must be increase, decrease or neutral, not '" + *options.improvement + "'");
    }
    a.format = parse_format(options.format);
    a.format_given = cmd.given("--format");
    if (options.screened && options.no_screened) {
        throw Error(ErrorKind::usage, "--screened-mr and --no-screened-mr cannot be combined");
    }
    if (options.screened) a.screened_mr = true;
    if (options.no_screened) a.screened_mr = false;
}

void register_spc(Command& root) {
    struct State {
        SpcArgs args;
        ChartOptions chart;
    };
    auto s = std::make_shared<State>();
    auto c = root.subcommand("spc", "Run chart or control chart of a CSV file: limits and signals");
    c.option("--chart", s->chart.chart,
             "run, i, mr, c, u, p, pp (P'), up (U'), xbar, s,\nor mdc (Making Data Count XmR)")
        .required()
        .type_name("TYPE")
        .one_of({"run", "i", "mr", "c", "u", "p", "pp", "up", "xbar", "s", "mdc"});
    c.option("--input", s->args.input, "the data: CSV with x, y and, for p, u, pp\nand up charts, n")
        .required()
        .type_name("FILE");
    c.option("--part-column", s->args.part_column, "a column of part labels: a new part at\neach new label")
        .type_name("NAME");
    c.option("--facet-column", s->args.facet_column, "a column naming separate series: one\nchart each")
        .type_name("NAME");
    c.option("--multiply", s->args.multiply, "multiply y: 100 for percentages").type_name("M");
    c.option("--agg", s->args.agg, "rows with one x and no n: mean (default),\nmedian or sum")
        .type_name("FUN")
        .one_of({"mean", "median", "sum"});
    add_chart_options(c, s->args, s->chart);
    c.footer(
        with_global_help("Input: a header row, then x (dates YYYY-MM-DD or numbers), y and, where the\n"
                         "chart has a denominator, n. Rows with the same x form one subgroup (one point).\n"
                         "An empty or NA y or n is a missing value. --freeze, --part and --exclude count\n"
                         "points (subgroups in x order) from 1, as qicharts2 does.\n"
                         "JSON: {\"chart\", ..., \"points\": [...], \"parts\": [...]}; for mdc \"groups\" and\n"
                         "\"icons\" instead of \"parts\". With --facet-column: {\"chart\", ..., \"facets\":\n"
                         "[{\"facet\", \"points\", \"parts\" or \"groups\", \"icons\"}]}, in facet name order.\n"
                         "CSV: one row per point, the JSON point fields (facet first). Numbers carry 15\n"
                         "significant digits; missing values are null (JSON) or empty (CSV). The fields\n"
                         "and rules are described in docs/spc.md.\n"
                         "With --out the chart is drawn (SVG, PNG, PDF: one A4 landscape page) or\n"
                         "written as an Excel workbook, and nothing is printed; one series only."));
    c.run([s, c](const Context& ctx) {
        finish_chart_options(c, s->args, s->chart);
        return cmd_spc(ctx, s->args);
    });
}

}  // namespace waymark::cli
