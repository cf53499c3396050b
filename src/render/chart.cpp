#include "render/chart.hpp"
#include "core/text.hpp"

#include "render/placement.hpp"
#include "render/style.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <utility>

namespace waymark::render {

namespace {

namespace qi = core::qi;

const Font kTitleFont{15, true, false};
const Font kDefinitionFont{8.5, false, false};
const Font kMethodFont{7, false, false};
const Font kHeadingFont{8.5, true, false};
const Font kNoteFont{7.5, false, false};
const Font kAxisFont{6.5, false, false};
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

// "1234567" as "1,234,567" (any sign and decimals kept).
std::string group_thousands(std::string s) {
    const std::size_t start = !s.empty() && s[0] == '-' ? 1 : 0;
    const std::size_t point = s.find('.');
    const std::size_t end = point == std::string::npos ? s.size() : point;
    for (std::size_t k = end; k > start + 3; k -= 3) s.insert(k - 3, ",");
    return s;
}

// A value for people: four significant digits (people_number), thousands grouped from 10,000.
std::string readable(double v) {
    const std::string s = people_number(v);
    return std::abs(v) >= 10000 ? group_thousands(s) : s;
}

std::string capitalised(std::string s) {
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

core::Date date_of(double x) {
    return core::Date::from_serial(static_cast<std::int32_t>(std::lround(x)));
}

// Whether every x is the first of a month (monthly data): then dates read "Mar 2021".
bool monthly(const std::vector<double>& xs, bool is_date) {
    if (!is_date || xs.empty()) return false;
    return std::all_of(xs.begin(), xs.end(),
                       [](double x) { return static_cast<unsigned>(date_of(x).ymd().day()) == 1; });
}

// --- The model both kinds of chart are drawn from -------------------------------------------------

// How a point is marked: the shape and colour carry the same meaning, so that it survives print.
enum class Mark { plain, run, improvement, concern, neutral };

struct PlotPoint {
    double x = 0;
    std::optional<double> y;
    std::size_t part = 0;  // 0-based
    bool excluded = false;
    bool outside = false;  // outside the limits: ringed
    Mark mark = Mark::plain;
    std::optional<double> cl;
    std::optional<double> lcl;
    std::optional<double> ucl;
    std::optional<double> lcl_2;
    std::optional<double> ucl_2;
    std::string signal;  // for the table
    Colour signal_colour = kWarning;
};

struct Model {
    std::string kind;          // "Run chart"
    std::string method;        // the line under the title
    std::string centre;        // "Median", "Centre line", "Mean"
    std::string centre_short;  // right-hand labels: "Median", "CL", "Mean"
    std::string limits;        // "Control limits (3 sigma)", "Process limits"
    std::string lower_short;   // "LCL", "LPL"
    std::string upper_short;   // "UCL", "UPL"
    std::string run_mark;      // the legend's words for Mark::run
    bool mdc = false;
    std::vector<PlotPoint> points;
    std::vector<std::string> part_names;         // empty for one part
    std::vector<bool> part_runs_signal;          // the centre line is drawn in the warning colour
    std::optional<std::size_t> baseline_points;  // the first N points are a frozen baseline
    std::optional<double> target;
    std::vector<Finding> findings;
};

// --- Part names -----------------------------------------------------------------------------------

std::vector<std::string> names_of(const ChartLabels& labels, const std::vector<double>& first_x, bool mdc) {
    if (first_x.size() < 2) return {};
    std::vector<std::string> out;
    for (std::size_t k = 0; k < first_x.size(); ++k) {
        if (k < labels.part_labels.size() && !labels.part_labels[k].empty()) {
            out.push_back(labels.part_labels[k]);
        } else if (mdc) {
            const bool is_monthly = monthly({first_x[k]}, labels.x_is_date);
            out.push_back("From " + x_words(first_x[k], labels.x_is_date, is_monthly));
        } else {
            out.push_back("Part " + std::to_string(k + 1));
        }
    }
    return out;
}

// The name and ": " in front of a sentence about one part, when there are several.
std::string prefix(const std::vector<std::string>& names, std::size_t part) {
    return names.empty() ? std::string() : names[part] + ": ";
}

std::string sentence(const std::string& lead, std::string body) {
    return lead.empty() ? capitalised(std::move(body)) : lead + body;
}

// --- Run and Shewhart charts: what they say ----------------------------------------------------------

// The included points of one part, in order, as the runs analysis sees them.
struct PartValues {
    std::vector<std::optional<double>> values;
    std::vector<std::size_t> at;  // index into chart.points
    std::optional<double> centre;
};

PartValues part_values(const qi::Chart& chart, int part) {
    PartValues out;
    for (std::size_t k = 0; k < chart.points.size(); ++k) {
        const qi::ChartPoint& p = chart.points[k];
        if (p.part != part || !p.include) continue;
        out.values.push_back(p.y);
        out.at.push_back(k);
        if (!out.centre && p.cl) out.centre = p.cl;
    }
    return out;
}

// The points of the longest run when it is longer than chance allows (the Anhøj rule).
std::optional<qi::RunSpan> long_run(const qi::RunsAnalysis& r, const PartValues& v) {
    if (!r.longest_run || !r.longest_run_max || *r.longest_run <= *r.longest_run_max) return std::nullopt;
    const auto span = qi::longest_run(v.values, v.centre);
    // The analysis compares the values before multiplying; a run found here that is not the one it
    // counted is not pointed at.
    if (!span || span->length != *r.longest_run) return std::nullopt;
    return span;
}

std::string side_words(int side) {
    return side > 0 ? "above" : "below";
}

std::string anhoej_sentence(const qi::RunsAnalysis& r, const PartValues& v, bool mr, const std::string& centre) {
    if (r.n_useful == 0 || !r.longest_run || !r.n_crossings) {
        return "no useful points (all missing, excluded or on the " + centre + "), so no runs analysis.";
    }
    const std::string counted = "longest run " + std::to_string(*r.longest_run) + ", " +
                                plural(*r.n_crossings, "crossing", "crossings") + " of the " + centre;
    if (mr) return counted + ": the runs rules do not apply to moving ranges, which are not independent.";
    std::vector<std::string> found;
    if (const auto span = long_run(r, v)) {
        found.push_back("a run of " + std::to_string(span->length) + " points " + side_words(span->side) + " the " +
                        centre + " (more than the " + std::to_string(*r.longest_run_max) + " expected by chance)");
    } else if (r.longest_run_max && *r.longest_run > *r.longest_run_max) {
        found.push_back("a run of " + std::to_string(*r.longest_run) + " points on one side of the " + centre +
                        " (more than the " + std::to_string(*r.longest_run_max) + " expected by chance)");
    }
    if (r.n_crossings_min && *r.n_crossings < *r.n_crossings_min) {
        found.push_back("too few crossings of the " + centre + " (" + std::to_string(*r.n_crossings) + ", at least " +
                        std::to_string(*r.n_crossings_min) + " expected)");
    }
    if (found.empty()) {
        return "no unusual run: the longest run is " + plural(*r.longest_run, "point", "points") + " (over " +
               std::to_string(r.longest_run_max.value_or(0)) + " would signal) and the " + centre + " is crossed " +
               plural(*r.n_crossings, "time", "times") + " (fewer than " +
               std::to_string(r.n_crossings_min.value_or(0)) + " would signal): random variation.";
    }
    return join(found, " and ") + ": non-random variation.";
}

// Consecutive flagged points of one part, split where the direction (side or slope) turns.
struct Sequence {
    std::size_t count = 0;
    int direction = 0;
};

std::vector<Sequence> shifts(const qi::Chart& chart, const PartValues& v) {
    std::vector<Sequence> out;
    bool open = false;
    for (std::size_t j = 0; j < v.at.size(); ++j) {
        const qi::ChartPoint& p = chart.points[v.at[j]];
        if (!p.y || !v.centre || *p.y == *v.centre) continue;  // neither counts nor breaks
        const int side = *p.y > *v.centre ? 1 : -1;
        if (!p.ihi_shift) {
            open = false;
            continue;
        }
        if (!open || out.back().direction != side) out.push_back({0, side});
        open = true;
        ++out.back().count;
    }
    return out;
}

std::vector<Sequence> trends(const qi::Chart& chart, const PartValues& v) {
    std::vector<Sequence> out;
    bool open = false;
    std::optional<double> previous;
    for (std::size_t at : v.at) {
        const qi::ChartPoint& p = chart.points[at];
        if (!p.y) continue;
        const int slope = previous && *p.y != *previous ? (*p.y > *previous ? 1 : -1) : 0;
        previous = p.y;
        if (!p.ihi_trend) {
            open = false;
            continue;
        }
        if (!open) {
            out.push_back({0, 0});
        } else if (slope != 0 && out.back().direction != 0 && slope != out.back().direction) {
            out.push_back({1, 0});  // the turning point ends one trend and starts the next
        }
        open = true;
        ++out.back().count;
        if (slope != 0 && out.back().count > 1) out.back().direction = slope;
    }
    return out;
}

std::string ihi_sentence(const qi::Chart& chart, const qi::IhiPart& h, const PartValues& v) {
    if (h.n_useful == 0) return "no useful points (all missing, excluded or on the median), so no runs analysis.";
    std::vector<std::string> found;
    for (const Sequence& s : shifts(chart, v)) {
        found.push_back("a shift of " + std::to_string(s.count) + " points " + side_words(s.direction) +
                        " the median (6 or more signal)");
    }
    for (const Sequence& s : trends(chart, v)) {
        found.push_back("a trend of " + std::to_string(s.count) + " points " +
                        (s.direction > 0 ? "rising" : "falling") + " (5 or more signal)");
    }
    if (h.runs_limits && h.too_few_runs) {
        found.push_back("too few runs (" + std::to_string(h.n_runs) + ", at least " +
                        std::to_string(h.runs_limits->lower) + " expected)");
    }
    if (h.runs_limits && h.too_many_runs) {
        found.push_back("too many runs (" + std::to_string(h.n_runs) + ", at most " +
                        std::to_string(h.runs_limits->upper) + " expected)");
    }
    if (!found.empty()) return join(found, ", ") + ": non-random variation.";
    if (!h.runs_limits) {
        return "no shift and no trend (with fewer than 10 useful points the number of runs is not judged): random "
               "variation.";
    }
    return "no shift, no trend, and " + plural(h.n_runs, "run", "runs") + " (" + std::to_string(h.runs_limits->lower) +
           " to " + std::to_string(h.runs_limits->upper) + " expected): random variation.";
}

// "Mar 2021, Apr 2021 and Jun 2021", or the first four "and 3 more".
std::string listed(const std::vector<std::string>& items) {
    constexpr std::size_t kMost = 4;
    std::vector<std::string> shown(items.begin(),
                                   items.begin() + static_cast<std::ptrdiff_t>(std::min(items.size(), kMost)));
    if (items.size() > kMost) return join(shown, ", ") + " and " + std::to_string(items.size() - kMost) + " more";
    if (shown.size() < 2) return join(shown, "");
    const std::string last = shown.back();
    shown.pop_back();
    return join(shown, ", ") + " and " + last;
}

std::string sigma_sentence(const qi::Chart& chart, int part, const ChartLabels& labels, bool is_monthly) {
    std::vector<std::string> above;
    std::vector<std::string> below;
    for (const qi::ChartPoint& p : chart.points) {
        if (p.part != part || !p.sigma_signal) continue;
        const bool is_above = p.y && p.ucl && *p.y > *p.ucl;
        (is_above ? above : below)
            .push_back((labels.x_is_date ? "" : "x = ") + x_words(p.x, labels.x_is_date, is_monthly));
    }
    if (above.empty() && below.empty()) return "no point outside the control limits.";
    if (below.empty())
        return plural(above.size(), "point", "points") + " above the upper control limit (" + listed(above) + ").";
    if (above.empty())
        return plural(below.size(), "point", "points") + " below the lower control limit (" + listed(below) + ").";
    std::vector<std::string> sides;
    if (!above.empty())
        sides.push_back(std::to_string(above.size()) + " above the upper limit (" + listed(above) + ")");
    if (!below.empty())
        sides.push_back(std::to_string(below.size()) + " below the lower limit (" + listed(below) + ")");
    return plural(above.size() + below.size(), "point", "points") +
           " outside the control limits: " + join(sides, "; ") + ".";
}

std::vector<double> part_first_x(const qi::Chart& chart) {
    std::vector<double> out;
    for (const qi::ChartPoint& p : chart.points) {
        if (static_cast<std::size_t>(std::max(p.part, 1)) > out.size()) out.push_back(p.x);
    }
    return out;
}

std::vector<double> xs_of(const qi::Chart& chart) {
    std::vector<double> out;
    for (const qi::ChartPoint& p : chart.points) out.push_back(p.x);
    return out;
}

std::string centre_words(qi::ChartType type) {
    return type == qi::ChartType::run ? "median" : "centre line";
}

// --- Making Data Count: what it says -------------------------------------------------------------------

std::string rule_words(qi::MdcRule rule, const qi::MdcOptions& o) {
    const std::string trend = std::to_string(o.trend_length);
    const std::string shift = std::to_string(o.shift_length);
    switch (rule) {
        case qi::MdcRule::above_ucl:
            return "above the upper process limit";
        case qi::MdcRule::below_lcl:
            return "below the lower process limit";
        case qi::MdcRule::trend_increasing:
            return "in a rising trend of " + trend + " or more";
        case qi::MdcRule::trend_decreasing:
            return "in a falling trend of " + trend + " or more";
        case qi::MdcRule::two_in_three_above:
            return "close to the upper limit (2 of 3 in a row)";
        case qi::MdcRule::two_in_three_below:
            return "close to the lower limit (2 of 3 in a row)";
        case qi::MdcRule::shift_above:
            return "above the mean in a run of " + shift + " or more";
        case qi::MdcRule::shift_below:
            return "below the mean in a run of " + shift + " or more";
        case qi::MdcRule::common_cause:
            break;
    }
    return "common cause";
}

std::string type_words(qi::MdcPointType type) {
    if (type == qi::MdcPointType::common_cause) return "common cause";
    const bool neutral =
        type == qi::MdcPointType::special_cause_neutral_high || type == qi::MdcPointType::special_cause_neutral_low;
    return neutral ? "special cause, neither improvement nor concern" : "special cause " + point_type_words(type);
}

std::string short_rule(qi::MdcRule rule) {
    switch (rule) {
        case qi::MdcRule::above_ucl:
            return "above UPL";
        case qi::MdcRule::below_lcl:
            return "below LPL";
        case qi::MdcRule::trend_increasing:
            return "trend up";
        case qi::MdcRule::trend_decreasing:
            return "trend down";
        case qi::MdcRule::two_in_three_above:
            return "2 of 3 high";
        case qi::MdcRule::two_in_three_below:
            return "2 of 3 low";
        case qi::MdcRule::shift_above:
            return "run above";
        case qi::MdcRule::shift_below:
            return "run below";
        case qi::MdcRule::common_cause:
            break;
    }
    return "";
}

std::vector<double> group_first_x(const qi::MdcChart& chart) {
    std::vector<double> out;
    for (const qi::MdcPoint& p : chart.points) {
        if (static_cast<std::size_t>(p.rebase_group) + 1 > out.size()) out.push_back(p.x);
    }
    return out;
}

}  // namespace

// --- Words shared with the command line's table --------------------------------------------------------

std::string variation_words(qi::VariationIcon icon) {
    switch (icon) {
        case qi::VariationIcon::common_cause:
            return "common cause variation";
        case qi::VariationIcon::improvement_high:
            return "special cause improvement (high values)";
        case qi::VariationIcon::improvement_low:
            return "special cause improvement (low values)";
        case qi::VariationIcon::concern_high:
            return "special cause concern (high values)";
        case qi::VariationIcon::concern_low:
            return "special cause concern (low values)";
        case qi::VariationIcon::neutral_high:
            return "special cause, neither improvement nor concern (high values)";
        case qi::VariationIcon::neutral_low:
            return "special cause, neither improvement nor concern (low values)";
    }
    return "common cause variation";
}

std::string assurance_words(qi::AssuranceIcon icon, double target) {
    const std::string t = people_number(target);
    switch (icon) {
        case qi::AssuranceIcon::pass:
            return "the process will consistently meet the target " + t + ".";
        case qi::AssuranceIcon::fail:
            return "the process will consistently fail to meet the target " + t + ".";
        case qi::AssuranceIcon::inconsistent:
            return "the target " + t +
                   " lies within the limits: the process will sometimes meet it and "
                   "sometimes not.";
    }
    return "";
}

std::string point_type_words(qi::MdcPointType type) {
    switch (type) {
        case qi::MdcPointType::special_cause_improvement:
            return "improvement";
        case qi::MdcPointType::special_cause_concern:
            return "concern";
        case qi::MdcPointType::special_cause_neutral_high:
        case qi::MdcPointType::special_cause_neutral_low:
            return "neutral";
        case qi::MdcPointType::common_cause:
            break;
    }
    return "common cause";
}

std::string chart_kind(qi::ChartType type) {
    switch (type) {
        case qi::ChartType::run:
            return "Run chart";
        case qi::ChartType::i:
            return "I chart (individuals)";
        case qi::ChartType::mr:
            return "MR chart (moving ranges)";
        case qi::ChartType::c:
            return "C chart (counts)";
        case qi::ChartType::u:
            return "U chart (rates)";
        case qi::ChartType::p:
            return "P chart (proportions)";
        case qi::ChartType::up:
            return "U' chart (Laney rates)";
        case qi::ChartType::pp:
            return "P' chart (Laney proportions)";
        case qi::ChartType::xbar:
            return "Xbar chart (subgroup means)";
        case qi::ChartType::s:
            return "S chart (subgroup standard deviations)";
    }
    return "Chart";
}

std::string x_words(double x, bool is_date, bool is_monthly) {
    if (!is_date) return people_number(x);
    return is_monthly ? month_year(date_of(x)) : short_date(date_of(x));
}

std::vector<std::string> part_names(const qi::Chart& chart, const ChartLabels& labels) {
    return names_of(labels, part_first_x(chart), false);
}

std::vector<std::string> mdc_group_names(const qi::MdcChart& chart, const ChartLabels& labels) {
    return names_of(labels, group_first_x(chart), true);
}

std::vector<Finding> spc_findings(const qi::Chart& chart, const ChartLabels& labels) {
    if (!labels.not_analysed.empty()) return {{0, false, labels.not_analysed}};
    std::vector<Finding> out;
    const std::vector<std::string> names = part_names(chart, labels);
    const bool is_monthly = monthly(xs_of(chart), labels.x_is_date);
    const bool run = chart.type == qi::ChartType::run;
    const bool mr = chart.type == qi::ChartType::mr;
    for (std::size_t k = 0; k < chart.runs.size(); ++k) {
        const qi::RunsAnalysis& r = chart.runs[k];
        const std::string lead = prefix(names, k);
        const PartValues v = part_values(chart, r.part);
        if (!run) {
            const std::string s = sigma_sentence(chart, r.part, labels, is_monthly);
            const bool outside = std::any_of(chart.points.begin(), chart.points.end(), [&](const qi::ChartPoint& p) {
                return p.part == r.part && p.sigma_signal;
            });
            out.push_back({r.part, outside, sentence(lead, s)});
        }
        if (run && labels.ihi_rules && k < chart.ihi.size()) {
            const qi::IhiPart& h = chart.ihi[k];
            const bool signal = h.too_few_runs || h.too_many_runs || h.shift_signal || h.trend_signal;
            out.push_back({r.part, signal, sentence(lead, ihi_sentence(chart, h, v))});
        } else {
            out.push_back({r.part, r.runs_signal, sentence(lead, anhoej_sentence(r, v, mr, centre_words(chart.type)))});
        }
    }
    return out;
}

std::vector<Finding> mdc_findings(const qi::MdcChart& chart, const ChartLabels& labels) {
    if (!labels.not_analysed.empty()) return {{0, false, labels.not_analysed}};
    std::vector<Finding> out;
    const std::vector<std::string> names = mdc_group_names(chart, labels);
    for (std::size_t k = 0; k < chart.groups.size(); ++k) {
        const qi::MdcGroup& g = chart.groups[k];
        const std::string lead = prefix(names, k);
        // Counts by type, then by rule, in the order of the enums.
        std::map<qi::MdcPointType, std::map<qi::MdcRule, std::size_t>> counts;
        for (const qi::MdcPoint& p : chart.points) {
            if (p.rebase_group == g.rebase_group && p.special_cause_flag) ++counts[p.point_type][p.special_cause_type];
        }
        std::string stats;
        if (g.mean) {
            stats = "Mean " + readable(*g.mean);
            if (g.lpl && g.upl) stats += ", process limits " + readable(*g.lpl) + " to " + readable(*g.upl);
        }
        std::vector<std::string> phrases;
        for (const auto& [type, rules] : counts) {
            std::vector<std::string> parts;
            for (const auto& [rule, n] : rules) {
                parts.push_back(plural(n, "point", "points") + " " + rule_words(rule, chart.options));
            }
            phrases.push_back(type_words(type) + ": " + join(parts, ", "));
        }
        std::string body = (phrases.empty() ? "common cause variation only" : join(phrases, "; ")) + ".";
        if (!stats.empty()) body += " " + stats + ".";
        const bool short_group = std::any_of(chart.points.begin(), chart.points.end(), [&](const qi::MdcPoint& p) {
            return p.rebase_group == g.rebase_group && p.short_group_warning;
        });
        if (short_group) {
            body += " Only " + plural(g.n, "point", "points") + ": trial limits (13 or more make them stable).";
        }
        out.push_back({g.rebase_group + 1, !phrases.empty(), sentence(lead, body)});
    }
    if (chart.variation_icon) {
        out.push_back({0, *chart.variation_icon != qi::VariationIcon::common_cause,
                       "Variation (the latest point): " + variation_words(*chart.variation_icon) + "."});
    }
    if (chart.assurance_icon && chart.options.target) {
        out.push_back({0, *chart.assurance_icon != qi::AssuranceIcon::pass,
                       "Assurance: " + assurance_words(*chart.assurance_icon, *chart.options.target)});
    }
    return out;
}

namespace {

// --- Models --------------------------------------------------------------------------------------------

std::string method_of(const qi::Chart& chart, const ChartLabels& labels) {
    std::vector<std::string> parts{chart_kind(chart.type)};
    switch (chart.type) {
        case qi::ChartType::run:
            parts.emplace_back("centre line: the median");
            break;
        case qi::ChartType::i:
            parts.push_back(std::string("limits: mean \u00b1 3 sigma from the average moving range (") +
                            (chart.screened_mr ? "screened" : "not screened") + ")");
            break;
        case qi::ChartType::mr:
            parts.emplace_back("upper limit: 3.267 \u00d7 the mean moving range");
            break;
        case qi::ChartType::pp:
        case qi::ChartType::up:
            parts.push_back(std::string("limits: 3 sigma, widened by Laney's sigma z (moving ranges ") +
                            (chart.screened_mr ? "screened" : "not screened") + ")");
            break;
        default:
            parts.emplace_back("limits: 3 sigma");
            break;
    }
    const auto frozen =
        std::count_if(chart.points.begin(), chart.points.end(), [](const qi::ChartPoint& p) { return p.baseline; });
    if (static_cast<std::size_t>(frozen) < chart.points.size()) {
        parts.push_back("centre and limits from points 1 to " + std::to_string(frozen) + " (the baseline)");
    }
    const auto excluded =
        std::count_if(chart.points.begin(), chart.points.end(), [](const qi::ChartPoint& p) { return !p.include; });
    if (excluded > 0) {
        parts.push_back(plural(static_cast<std::size_t>(excluded), "point", "points") +
                        " left out of the calculations (hollow)");
    }
    if (chart.type == qi::ChartType::mr) {
        parts.emplace_back("runs rules not applied");
    } else {
        parts.emplace_back(chart.type == qi::ChartType::run && labels.ihi_rules ? "runs: IHI rules"
                                                                                : "runs: Anh\u00f8j rules");
    }
    return join(parts, " \u00b7 ");
}

Model spc_model(const qi::Chart& chart, const ChartLabels& labels) {
    Model m;
    const bool run = chart.type == qi::ChartType::run;
    m.kind = chart_kind(chart.type);
    m.method = method_of(chart, labels);
    m.centre = run ? "Median" : "Centre line";
    m.centre_short = run ? "Median" : "CL";
    m.limits = "Control limits (3 sigma)";
    m.lower_short = "LCL";
    m.upper_short = "UCL";
    m.run_mark = run && labels.ihi_rules ? "In a shift or a trend" : "In a run longer than chance allows";
    m.part_names = part_names(chart, labels);
    m.findings = spc_findings(chart, labels);
    for (const qi::ChartPoint& p : chart.points) {
        PlotPoint q;
        q.x = p.x;
        q.y = p.y;
        q.part = static_cast<std::size_t>(std::max(p.part, 1) - 1);
        q.excluded = !p.include;
        q.outside = p.sigma_signal;
        q.cl = p.cl;
        if (!run) {
            q.lcl = p.lcl;
            q.ucl = p.ucl;
            if (labels.two_sigma) {
                q.lcl_2 = p.lcl_95;
                q.ucl_2 = p.ucl_95;
            }
        }
        if (labels.ihi_rules && run && (p.ihi_shift || p.ihi_trend)) q.mark = Mark::run;
        m.points.push_back(q);
    }
    const bool is_ihi = run && labels.ihi_rules;
    for (const qi::RunsAnalysis& r : chart.runs) {
        m.part_runs_signal.push_back(r.runs_signal && !is_ihi);
        if (is_ihi) continue;
        const PartValues v = part_values(chart, r.part);
        if (const auto span = long_run(r, v)) {
            for (std::size_t j = span->first; j <= span->last; ++j) {
                const qi::ChartPoint& p = chart.points[v.at[j]];
                if (p.y && v.centre && *p.y != *v.centre) m.points[v.at[j]].mark = Mark::run;
            }
        }
    }
    if (is_ihi) {
        for (const qi::IhiPart& h : chart.ihi) {
            m.part_runs_signal[static_cast<std::size_t>(h.part - 1)] = h.too_few_runs || h.too_many_runs;
        }
    }
    for (std::size_t k = 0; k < chart.points.size(); ++k) {
        const qi::ChartPoint& p = chart.points[k];
        PlotPoint& q = m.points[k];
        std::vector<std::string> s;
        if (!p.y) s.emplace_back("missing");
        if (p.sigma_signal) s.emplace_back(p.y && p.ucl && *p.y > *p.ucl ? "above UCL" : "below LCL");
        if (q.mark == Mark::run) {
            if (!is_ihi) s.emplace_back("long run");
            if (is_ihi && p.ihi_shift) s.emplace_back("shift");
            if (is_ihi && p.ihi_trend) s.emplace_back("trend");
        }
        if (!p.include) s.emplace_back("excluded");
        q.signal = join(s, ", ");
        q.signal_colour = p.sigma_signal || q.mark == Mark::run ? kWarning : kGrey;
    }
    const auto baseline = static_cast<std::size_t>(
        std::count_if(chart.points.begin(), chart.points.end(), [](const qi::ChartPoint& p) { return p.baseline; }));
    if (baseline < chart.points.size()) m.baseline_points = baseline;
    return m;
}

std::string mdc_method(const qi::MdcChart& chart) {
    const qi::MdcOptions& o = chart.options;
    std::vector<std::string> parts{"XmR chart (Making Data Count)"};
    parts.push_back(std::string("limits: mean \u00b1 2.66 \u00d7 the average moving range (") +
                    (o.screen_outliers ? "screened" : "not screened") + ")");
    if (o.fix_after_n_points) {
        parts.push_back("limits fixed after " + std::to_string(*o.fix_after_n_points) + " points");
    }
    switch (o.direction) {
        case qi::ImprovementDirection::increase:
            parts.emplace_back("higher is better");
            break;
        case qi::ImprovementDirection::decrease:
            parts.emplace_back("lower is better");
            break;
        case qi::ImprovementDirection::neutral:
            parts.emplace_back("no direction of improvement");
            break;
    }
    if (o.target) parts.push_back("target " + readable(*o.target));
    return join(parts, " \u00b7 ");
}

Model mdc_model(const qi::MdcChart& chart, const ChartLabels& labels) {
    Model m;
    m.mdc = true;
    m.kind = "XmR chart (Making Data Count)";
    m.method = mdc_method(chart);
    m.centre = "Mean";
    m.centre_short = "Mean";
    m.limits = "Process limits";
    m.lower_short = "LPL";
    m.upper_short = "UPL";
    m.part_names = mdc_group_names(chart, labels);
    m.findings = mdc_findings(chart, labels);
    m.target = chart.options.target;
    for (const qi::MdcPoint& p : chart.points) {
        PlotPoint q;
        q.x = p.x;
        q.y = p.y;
        q.part = static_cast<std::size_t>(std::max(p.rebase_group, 0));
        q.outside = p.outside_limits && p.special_cause_flag;
        q.cl = p.mean;
        q.lcl = p.lpl;
        q.ucl = p.upl;
        switch (p.point_type) {
            case qi::MdcPointType::special_cause_improvement:
                q.mark = Mark::improvement;
                q.signal_colour = kBlue;
                break;
            case qi::MdcPointType::special_cause_concern:
                q.mark = Mark::concern;
                q.signal_colour = kOrange;
                break;
            case qi::MdcPointType::special_cause_neutral_high:
            case qi::MdcPointType::special_cause_neutral_low:
                q.mark = Mark::neutral;
                q.signal_colour = kPurple;
                break;
            case qi::MdcPointType::common_cause:
                break;
        }
        if (!p.y) {
            q.signal = "missing";
            q.signal_colour = kGrey;
        } else if (p.special_cause_flag) {
            q.signal = short_rule(p.special_cause_type) + ": " + point_type_words(p.point_type);
        }
        m.points.push_back(q);
    }
    m.part_runs_signal.assign(std::max<std::size_t>(chart.groups.size(), 1), false);
    return m;
}

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

// --- Scales and ticks -------------------------------------------------------------------------------------

struct Scale {
    double d0 = 0;
    double d1 = 1;
    double p0 = 0;
    double p1 = 1;
    [[nodiscard]] double at(double v) const { return p0 + (v - d0) * (p1 - p0) / (d1 - d0); }
};

struct Tick {
    double value = 0;
    std::string label;
    std::string year;  // the second row under month and day ticks, where the year changes
};

// The 1-2-5 step nearest above raw.
double nice_step(double raw) {
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double norm = raw / magnitude;
    const double step = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10;
    return step * magnitude;
}

// A tick value with as many decimals as the step needs; thousands grouped when asked.
std::string tick_text(double v, double step, bool group) {
    const int decimals = std::max(0, static_cast<int>(-std::floor(std::log10(step) + 1e-9)));
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, std::abs(v) < step * 1e-9 ? 0.0 : v);
    return group ? group_thousands(buf) : std::string(buf);
}

// Ticks over [lo, hi] with a 1-2-5 step, about `count` of them; whole numbers only when `whole`
// (an x axis of numbers, which may be years: never grouped). On a value axis reaching 10,000
// every label groups its thousands.
std::vector<Tick> number_ticks(double lo, double hi, int count, bool whole) {
    double step = nice_step((hi - lo) / std::max(count - 1, 1));
    if (whole) step = std::max(step, 1.0);
    const double first = std::floor(lo / step + 1e-9);
    const double last = std::ceil(hi / step - 1e-9);
    const bool group = !whole && std::max(std::abs(first), std::abs(last)) * step >= 10000;
    std::vector<Tick> out;
    const auto n = static_cast<long>(std::lround(last - first));
    for (long k = 0; k <= n; ++k) {
        const double v = (first + static_cast<double>(k)) * step;
        out.push_back({v, tick_text(v, step, group), ""});
    }
    return out;
}

struct DateStep {
    bool months = false;
    int count = 1;
};

std::vector<Tick> date_ticks_for(double d0, double d1, DateStep step) {
    std::vector<Tick> out;
    const core::Date first = date_of(std::ceil(d0));
    const core::Date last = date_of(std::floor(d1));
    if (!step.months) {
        // Day steps of 7 and 14 fall on Mondays (1970-01-05 was one).
        for (core::Date d = first; d <= last; d = d + core::Days{1}) {
            const std::int32_t from_monday = d.serial() - 4;
            if (((from_monday % step.count) + step.count) % step.count != 0) continue;
            const auto ymd = d.ymd();
            out.push_back({static_cast<double>(d.serial()),
                           std::to_string(static_cast<unsigned>(ymd.day())) + " " +
                               std::string(month_short(static_cast<unsigned>(ymd.month()))),
                           std::to_string(static_cast<int>(ymd.year()))});
        }
    } else {
        const auto f = first.ymd();
        core::Date d(static_cast<int>(f.year()), static_cast<unsigned>(f.month()), 1);
        for (; d <= last; d = d + core::Months{1}) {
            if (d < first) continue;
            const auto ymd = d.ymd();
            const int index =
                static_cast<int>(ymd.year()) * 12 + static_cast<int>(static_cast<unsigned>(ymd.month())) - 1;
            if (index % step.count != 0) continue;
            const std::string year = std::to_string(static_cast<int>(ymd.year()));
            if (step.count >= 12) {
                out.push_back({static_cast<double>(d.serial()), year, ""});
            } else {
                out.push_back({static_cast<double>(d.serial()),
                               std::string(month_short(static_cast<unsigned>(ymd.month()))), year});
            }
        }
    }
    // The year row names the year where it changes (and at the first tick).
    std::string previous;
    for (Tick& t : out) {
        if (t.year == previous) {
            const std::string keep = t.year;
            t.year.clear();
            previous = keep;
        } else {
            previous = t.year;
        }
    }
    return out;
}

// The finest date step whose labels fit between the ticks.
std::vector<Tick> date_ticks(const Scale& x, const Writer& w) {
    static constexpr std::array<DateStep, 14> kSteps = {{{false, 1},
                                                         {false, 2},
                                                         {false, 7},
                                                         {false, 14},
                                                         {true, 1},
                                                         {true, 2},
                                                         {true, 3},
                                                         {true, 6},
                                                         {true, 12},
                                                         {true, 24},
                                                         {true, 60},
                                                         {true, 120},
                                                         {true, 240},
                                                         {true, 600}}};
    std::vector<Tick> fallback;
    for (const DateStep& step : kSteps) {
        std::vector<Tick> ticks = date_ticks_for(x.d0, x.d1, step);
        if (ticks.size() < 2 && &step != &kSteps.back()) {
            if (fallback.empty()) fallback = ticks;
            continue;
        }
        bool fits = true;
        for (std::size_t k = 1; k < ticks.size() && fits; ++k) {
            const double gap = x.at(ticks[k].value) - x.at(ticks[k - 1].value);
            const double need = (w.width(ticks[k].label, kAxisFont) + w.width(ticks[k - 1].label, kAxisFont)) / 2 + 6;
            const double need_year =
                ticks[k].year.empty() ? 0 : (w.width(ticks[k].year, kAxisFont) + w.width("0000", kAxisFont)) / 2 + 6;
            fits = gap >= std::max(need, need_year);
        }
        if (fits) return ticks;
    }
    return fallback;
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
    const Model model = spc_model(chart, labels);
    return Page(model, labels, tests, m).build();
}

Scene mdc_chart_scene(const qi::MdcChart& chart, const ChartLabels& labels, std::span<const ChartAnnotation> tests,
                      const TextMeasurer& m) {
    const Model model = mdc_model(chart, labels);
    return Page(model, labels, tests, m).build();
}

}  // namespace waymark::render
