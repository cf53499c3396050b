// Making Data Count (NHSRplotthedots 0.2.2; XmR only): each rebase group's mean and process
// limits, the special-cause rules, and the variation and assurance icons.
#include "core/error.hpp"
#include "core/qi.hpp"
#include "core/qi_stats.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace waymark::core::qi {

using namespace stats;

namespace {

// The Making Data Count constants: 2.66 (not 3 / 1.128) and the near-limit band at two thirds.
constexpr double kMdcLimit = 2.66;
constexpr double kMdcClose = 2 * (kMdcLimit / 3);

// The rules of one rebase group, on its points [begin, end).
void mdc_group(std::vector<MdcPoint>& points, std::size_t begin, std::size_t end, const MdcOptions& options) {
    const std::size_t count = end - begin;
    std::vector<double> y(count);
    for (std::size_t k = 0; k < count; ++k) y[k] = value_or_na(points[begin + k].y);
    // The limits come from the first m points when fixed, else from all of them.
    const std::size_t fixed = std::min(count, options.fix_after_n_points.value_or(count));
    const std::vector<double> fix_y(y.begin(), y.begin() + static_cast<std::ptrdiff_t>(fixed));
    std::vector<std::size_t> positions(fixed);
    std::iota(positions.begin(), positions.end(), std::size_t{0});
    const double mean = mean_of(fix_y);
    const double amr = average_moving_range(moving_ranges(fix_y, positions), options.screen_outliers);
    const double lpl = mean - kMdcLimit * amr;
    const double upl = mean + kMdcLimit * amr;
    const double near_low = mean - kMdcClose * amr;
    const double near_high = mean + kMdcClose * amr;

    std::vector<int> side(count, 0);
    std::vector<bool> close(count, false);
    for (std::size_t k = 0; k < count; ++k) {
        MdcPoint& p = points[begin + k];
        p.mean = finite_or_none(mean);
        p.lpl = finite_or_none(lpl);
        p.upl = finite_or_none(upl);
        p.short_group_warning = count < 13;
        if (std::isnan(y[k])) continue;
        p.outside_limits = y[k] > upl || y[k] < lpl;
        side[k] = y[k] > mean ? 1 : (y[k] < mean ? -1 : 0);
        p.relative_to_mean = side[k];
        close[k] = !p.outside_limits && (y[k] < near_low || y[k] > near_high);
        p.close_to_limits = close[k];
    }

    // Trend: `trend_length` points each strictly above (below) the one before; equal values
    // and missing ones break it.
    std::vector<int> trend(count, 0);
    const std::size_t trend_length = options.trend_length;
    for (std::size_t last = trend_length - 1; last < count; ++last) {
        int direction = 0;
        bool ok = true;
        for (std::size_t k = last + 1 - trend_length + 1; k <= last && ok; ++k) {
            const int step = y[k] > y[k - 1] ? 1 : (y[k] < y[k - 1] ? -1 : 0);
            if (step == 0 || (direction != 0 && step != direction)) ok = false;
            direction = step;
        }
        if (!ok) continue;
        for (std::size_t k = last + 1 - trend_length; k <= last; ++k) trend[k] = direction;
    }
    // Two of three consecutive points close to a limit, all three on the same side of the mean:
    // the close ones are flagged.
    std::vector<int> two_in_three(count, 0);
    for (std::size_t first = 0; first + 2 < count; ++first) {
        const int s = side[first];
        if (s == 0 || side[first + 1] != s || side[first + 2] != s) continue;
        const int close_count = int{close[first]} + int{close[first + 1]} + int{close[first + 2]};
        if (close_count < 2) continue;
        for (std::size_t k = first; k < first + 3; ++k) {
            if (close[k]) two_in_three[k] = s;
        }
    }
    // Shift: `shift_length` consecutive points on the same side; a point on the mean breaks it.
    std::vector<int> shift(count, 0);
    const std::size_t shift_length = options.shift_length;
    for (std::size_t last = shift_length - 1; last < count; ++last) {
        const int s = side[last];
        bool ok = s != 0;
        for (std::size_t k = last + 1 - shift_length; k < last && ok; ++k) ok = side[k] == s;
        if (!ok) continue;
        for (std::size_t k = last + 1 - shift_length; k <= last; ++k) shift[k] = s;
    }

    const int improvement = options.direction == ImprovementDirection::increase   ? 1
                            : options.direction == ImprovementDirection::decrease ? -1
                                                                                  : 0;
    for (std::size_t k = 0; k < count; ++k) {
        MdcPoint& p = points[begin + k];
        if (p.outside_limits) {
            p.special_cause_type = y[k] > upl ? MdcRule::above_ucl : MdcRule::below_lcl;
        } else if (trend[k] != 0) {
            p.special_cause_type = trend[k] > 0 ? MdcRule::trend_increasing : MdcRule::trend_decreasing;
        } else if (two_in_three[k] != 0) {
            p.special_cause_type = two_in_three[k] > 0 ? MdcRule::two_in_three_above : MdcRule::two_in_three_below;
        } else if (shift[k] != 0) {
            p.special_cause_type = shift[k] > 0 ? MdcRule::shift_above : MdcRule::shift_below;
        }
        p.special_cause_flag = p.special_cause_type != MdcRule::common_cause;
        // Which way the signal points: a trend's own direction (a rising trend below the mean
        // is still rising, as the package reads it), else the point's side of the mean.
        const bool is_trend =
            p.special_cause_type == MdcRule::trend_increasing || p.special_cause_type == MdcRule::trend_decreasing;
        const int signal_side = is_trend ? trend[k] : side[k];
        if (!p.special_cause_flag) {
            p.point_type = MdcPointType::common_cause;
        } else if (improvement == 0) {
            p.point_type =
                signal_side > 0 ? MdcPointType::special_cause_neutral_high : MdcPointType::special_cause_neutral_low;
        } else {
            p.point_type = signal_side == improvement ? MdcPointType::special_cause_improvement
                                                      : MdcPointType::special_cause_concern;
        }
    }
}

VariationIcon variation_icon(const MdcPoint& latest) {
    // High or low as the point type was judged: a trend by its direction, else by the side.
    const bool high = latest.special_cause_type == MdcRule::trend_increasing ||
                      (latest.special_cause_type != MdcRule::trend_decreasing && latest.relative_to_mean > 0);
    switch (latest.point_type) {
        case MdcPointType::common_cause:
            return VariationIcon::common_cause;
        case MdcPointType::special_cause_improvement:
            return high ? VariationIcon::improvement_high : VariationIcon::improvement_low;
        case MdcPointType::special_cause_concern:
            return high ? VariationIcon::concern_high : VariationIcon::concern_low;
        case MdcPointType::special_cause_neutral_high:
            return VariationIcon::neutral_high;
        case MdcPointType::special_cause_neutral_low:
            return VariationIcon::neutral_low;
    }
    return VariationIcon::common_cause;
}

}  // namespace

MdcChart compute_mdc_chart(const std::vector<Observation>& rows, const MdcOptions& options) {
    if (options.fix_after_n_points && *options.fix_after_n_points < 12) {
        throw Error(ErrorKind::invalid_input, "qi: fix_after_n_points must be at least 12");
    }
    if (options.trend_length < 2 || options.shift_length < 2) {
        throw Error(ErrorKind::invalid_input, "qi: trend and shift lengths must be at least 2");
    }
    ChartOptions prepare;
    prepare.aggregation = Aggregation::mean;
    const std::vector<Subgroup> groups = prepare_subgroups(rows, prepare);

    MdcChart chart;
    chart.options = options;
    chart.points.resize(groups.size());
    int group = 0;
    std::vector<double> rebase = options.rebase_x;
    std::sort(rebase.begin(), rebase.end());
    std::size_t next_rebase = 0;
    for (std::size_t k = 0; k < groups.size(); ++k) {
        // Several rebase dates before one point start one group, not several empty ones.
        bool starts = false;
        while (next_rebase < rebase.size() && rebase[next_rebase] <= groups[k].x) {
            starts = true;
            ++next_rebase;
        }
        if (starts && k > 0) ++group;
        chart.points[k].x = groups[k].x;
        chart.points[k].y = groups[k].value;
        chart.points[k].rebase_group = group;
    }
    for (std::size_t begin = 0; begin < chart.points.size();) {
        std::size_t end = begin;
        while (end < chart.points.size() && chart.points[end].rebase_group == chart.points[begin].rebase_group) ++end;
        mdc_group(chart.points, begin, end, options);
        MdcGroup summary;
        summary.rebase_group = chart.points[begin].rebase_group;
        summary.mean = chart.points[begin].mean;
        summary.lpl = chart.points[begin].lpl;
        summary.upl = chart.points[begin].upl;
        summary.n = end - begin;
        for (std::size_t k = begin; k < end; ++k) {
            switch (chart.points[k].point_type) {
                case MdcPointType::common_cause:
                    ++summary.common_cause;
                    break;
                case MdcPointType::special_cause_improvement:
                    ++summary.special_cause_improvement;
                    break;
                case MdcPointType::special_cause_concern:
                    ++summary.special_cause_concern;
                    break;
                case MdcPointType::special_cause_neutral_high:
                case MdcPointType::special_cause_neutral_low:
                    ++summary.special_cause_neutral;
                    break;
            }
        }
        summary.variation_type = chart.points[end - 1].point_type;
        chart.short_group_warning = chart.short_group_warning || chart.points[begin].short_group_warning;
        chart.groups.push_back(summary);
        begin = end;
    }
    if (!chart.points.empty()) {
        chart.variation_icon = variation_icon(chart.points.back());
        const MdcGroup& latest = chart.groups.back();
        if (options.target && options.direction != ImprovementDirection::neutral && latest.lpl && latest.upl) {
            const bool higher_is_better = options.direction == ImprovementDirection::increase;
            if (*options.target > *latest.upl) {
                chart.assurance_icon = higher_is_better ? AssuranceIcon::fail : AssuranceIcon::pass;
            } else if (*options.target < *latest.lpl) {
                chart.assurance_icon = higher_is_better ? AssuranceIcon::pass : AssuranceIcon::fail;
            } else {
                chart.assurance_icon = AssuranceIcon::inconsistent;
            }
        }
    }
    return chart;
}

}  // namespace waymark::core::qi
