// What a chart says, in words: the sentences of "What the chart says" (the page, the web page
// and the workbook's verdicts), the Making Data Count icons and point types, chart kinds, parts
// and x values for people.
#include "core/text.hpp"
#include "render/chart.hpp"
#include "render/chart_model.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace waymark::render {

namespace chart_detail {

namespace qi = core::qi;

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

}  // namespace chart_detail

namespace {

using namespace chart_detail;
using core::join;
using core::plural;

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

std::string side_words(int side) {
    return side > 0 ? "above" : "below";
}

std::string anhoej_sentence(const qi::RunsAnalysis& r, const qi::PartFindings& f, bool mr, const std::string& centre) {
    if (r.n_useful == 0 || !r.longest_run || !r.n_crossings) {
        return "no useful points (all missing, excluded or on the " + centre + "), so no runs analysis.";
    }
    const std::string counted = "longest run " + std::to_string(*r.longest_run) + ", " +
                                plural(*r.n_crossings, "crossing", "crossings") + " of the " + centre;
    if (mr) return counted + ": the runs rules do not apply to moving ranges, which are not independent.";
    std::vector<std::string> found;
    if (const auto& span = f.long_run_span) {
        found.push_back("a run of " + std::to_string(span->length) + " points " + side_words(span->side) + " the " +
                        centre + " (more than the " + std::to_string(*r.longest_run_max) + " expected by chance)");
    } else if (f.long_run) {
        found.push_back("a run of " + std::to_string(*r.longest_run) + " points on one side of the " + centre +
                        " (more than the " + std::to_string(*r.longest_run_max) + " expected by chance)");
    }
    if (f.too_few_crossings) {
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

std::string ihi_sentence(const qi::IhiPart& h, const qi::PartFindings& f) {
    if (h.n_useful == 0) return "no useful points (all missing, excluded or on the median), so no runs analysis.";
    std::vector<std::string> found;
    for (const qi::Sequence& s : f.shifts) {
        found.push_back("a shift of " + std::to_string(s.count) + " points " + side_words(s.direction) +
                        " the median (6 or more signal)");
    }
    for (const qi::Sequence& s : f.trends) {
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

std::string sigma_sentence(const qi::Chart& chart, const qi::PartFindings& f, const ChartLabels& labels,
                           bool is_monthly) {
    const auto words = [&](const std::vector<std::size_t>& at) {
        std::vector<std::string> out;
        out.reserve(at.size());
        for (const std::size_t k : at) {
            out.push_back((labels.x_is_date ? "" : "x = ") + x_words(chart.points[k].x, labels.x_is_date, is_monthly));
        }
        return out;
    };
    const std::vector<std::string> above = words(f.above);
    const std::vector<std::string> below = words(f.below);
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

// --- The command line's table ------------------------------------------------------------------------

std::string anhoej_summary(const core::qi::RunsAnalysis& r, bool mr) {
    std::string out = "Part " + std::to_string(r.part) + ": ";
    if (r.n_useful == 0 || !r.longest_run || !r.n_crossings) {
        return out + "no useful points (all missing, excluded or on the centre line), so no runs analysis.";
    }
    out += plural(r.n_useful, "useful point", "useful points") + ", longest run " + std::to_string(*r.longest_run);
    if (!mr && r.longest_run_max) out += " (signal above " + std::to_string(*r.longest_run_max) + ")";
    out += ", " + plural(*r.n_crossings, "crossing", "crossings");
    if (!mr && r.n_crossings_min) out += " (signal below " + std::to_string(*r.n_crossings_min) + ")";
    if (mr) return out + "; the runs rules do not apply to moving ranges.";
    return out + (r.runs_signal ? ": non-random variation." : ": random variation.");
}

std::string ihi_summary(const core::qi::IhiPart& p) {
    std::string out = "Part " + std::to_string(p.part) + ": ";
    if (p.n_useful == 0) return out + "no useful points (all missing, excluded or on the median), so no runs analysis.";
    out += plural(p.n_useful, "useful point", "useful points") + ", " + plural(p.n_runs, "run", "runs");
    if (p.runs_limits) {
        out += " (signal below " + std::to_string(p.runs_limits->lower) + " or above " +
               std::to_string(p.runs_limits->upper) + ")";
    } else {
        out += " (fewer than 10 useful points: the number of runs is not judged)";
    }
    std::vector<std::string> found;
    if (p.too_few_runs) found.emplace_back("too few runs");
    if (p.too_many_runs) found.emplace_back("too many runs");
    if (p.shift_signal) found.emplace_back("a shift (6 or more points on one side of the median)");
    if (p.trend_signal) found.emplace_back("a trend (5 or more points rising or falling)");
    if (found.empty()) return out + ", no shift, no trend: random variation.";
    return out + ": " + join(found, ", ") + ": non-random variation.";
}

std::string point_signal_words(const core::qi::ChartPoint& p, bool ihi) {
    std::vector<std::string> s;
    if (!p.y) s.emplace_back("missing");
    if (!p.include) s.emplace_back("excluded");
    if (p.sigma_signal) s.emplace_back(p.y && p.ucl && *p.y > *p.ucl ? "above UCL" : "below LCL");
    if (ihi && p.ihi_shift) s.emplace_back("shift");
    if (ihi && p.ihi_trend) s.emplace_back("trend");
    return join(s, ", ");
}

std::string outside_limits_words(std::size_t outside) {
    return outside == 0 ? "No point outside the limits." : plural(outside, "point", "points") + " outside the limits.";
}

std::string mdc_signal_words(const core::qi::MdcPoint& p) {
    return std::string(core::qi::to_string(p.special_cause_type)) + ": " + point_type_words(p.point_type);
}

std::string mdc_group_summary(const core::qi::MdcGroup& g, const std::string& from) {
    const auto people = [](const std::optional<double>& v) { return v ? people_number(*v) : std::string(); };
    std::string words = "From " + from + ": " + plural(g.n, "point", "points");
    if (g.mean) {
        words += ", mean " + people(g.mean);
        if (g.lpl && g.upl) words += ", limits " + people(g.lpl) + " to " + people(g.upl);
    }
    std::vector<std::string> counts{std::to_string(g.common_cause) + " common cause"};
    if (g.special_cause_improvement > 0) counts.push_back(std::to_string(g.special_cause_improvement) + " improvement");
    if (g.special_cause_concern > 0) counts.push_back(std::to_string(g.special_cause_concern) + " concern");
    if (g.special_cause_neutral > 0) counts.push_back(std::to_string(g.special_cause_neutral) + " neutral");
    return words + "; " + join(counts, ", ") + ".";
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
    return spc_findings(chart, qi::find_signals(chart), labels);
}

std::vector<Finding> spc_findings(const qi::Chart& chart, const qi::Findings& findings, const ChartLabels& labels) {
    if (!labels.not_analysed.empty()) return {{0, false, labels.not_analysed}};
    std::vector<Finding> out;
    const std::vector<std::string> names = part_names(chart, labels);
    const bool is_monthly = monthly(xs_of(chart), labels.x_is_date);
    const bool run = chart.type == qi::ChartType::run;
    const bool mr = chart.type == qi::ChartType::mr;
    for (std::size_t k = 0; k < chart.runs.size(); ++k) {
        const qi::RunsAnalysis& r = chart.runs[k];
        const std::string lead = prefix(names, k);
        const qi::PartFindings& f = findings.parts.at(k);
        if (!run) out.push_back({r.part, f.outside(), sentence(lead, sigma_sentence(chart, f, labels, is_monthly))});
        if (run && labels.ihi_rules && k < chart.ihi.size()) {
            const qi::IhiPart& h = chart.ihi[k];
            const bool signal = h.too_few_runs || h.too_many_runs || h.shift_signal || h.trend_signal;
            out.push_back({r.part, signal, sentence(lead, ihi_sentence(h, f))});
        } else {
            out.push_back({r.part, r.runs_signal, sentence(lead, anhoej_sentence(r, f, mr, centre_words(chart.type)))});
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

}  // namespace waymark::render
