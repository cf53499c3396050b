// The model of a chart's page from core/qi's results: each point's mark, levels and signal, the
// parts, the baseline and the method line under the title.
#include "render/chart_model.hpp"
#include "core/text.hpp"

#include <algorithm>

namespace waymark::render::chart_detail {

namespace qi = core::qi;
using core::join;
using core::plural;

namespace {

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

}  // namespace

Model spc_model(const qi::Chart& chart, const qi::Findings& findings, const ChartLabels& labels) {
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
    m.findings = spc_findings(chart, findings, labels);
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
    for (std::size_t k = 0; k < chart.runs.size(); ++k) {
        const qi::RunsAnalysis& r = chart.runs[k];
        m.part_runs_signal.push_back(r.runs_signal && !is_ihi);
        if (is_ihi) continue;
        const qi::PartValues v = qi::part_values(chart, r.part);
        if (const auto& span = findings.parts.at(k).long_run_span) {
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

}  // namespace waymark::render::chart_detail
