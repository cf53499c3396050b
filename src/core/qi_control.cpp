// Run and Shewhart control charts (QI.md): each part's centre line and limits (I, MR, C, U, P,
// P', U', xbar, s), then the runs analysis and the points outside the limits.
#include "core/error.hpp"
#include "core/qi.hpp"
#include "core/qi_stats.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace waymark::core::qi {

using namespace stats;

namespace {

// Bias correction constants for the standard deviation of a subgroup of n (Montgomery 6.2).
double c4(double n) {
    if (!(n > 1)) return kNa;
    return std::sqrt(2 / (n - 1)) * std::exp(std::lgamma(n / 2) - std::lgamma((n - 1) / 2));
}
double c5(double n) {
    const double c = c4(n);
    return std::sqrt(1 - c * c);
}
double a3(double n, double sigmas) {
    if (!(n > 1)) return kNa;
    return sigmas / (c4(n) * std::sqrt(n));
}
double b3(double n, double sigmas) {
    if (!(n > 1)) return kNa;
    return std::max(0.0, 1 - sigmas * c5(n) / c4(n));
}
double b4(double n, double sigmas) {
    if (!(n > 1)) return kNa;
    return 1 + sigmas * c5(n) / c4(n);
}

// One part's working columns, in the units of the data (multiply comes last, as in
// qicharts2, so that points on the median stay on it).
struct Lines {
    std::vector<double> y;
    double cl = kNa;
    std::vector<double> lcl, ucl, lcl_95, ucl_95;
};

struct PartData {
    std::vector<const Subgroup*> groups;
    std::vector<bool> base;  // baseline and included: what the centre and limits come from
    std::vector<std::size_t> base_positions() const {
        std::vector<std::size_t> positions;
        for (std::size_t k = 0; k < base.size(); ++k) {
            if (base[k]) positions.push_back(k);
        }
        return positions;
    }
};

void symmetric_limits(Lines& lines, const std::vector<double>& sigma) {
    const std::size_t count = sigma.size();
    lines.lcl.assign(count, kNa);
    lines.ucl.assign(count, kNa);
    lines.lcl_95.assign(count, kNa);
    lines.ucl_95.assign(count, kNa);
    for (std::size_t k = 0; k < count; ++k) {
        lines.lcl[k] = lines.cl - 3 * sigma[k];
        lines.ucl[k] = lines.cl + 3 * sigma[k];
        lines.lcl_95[k] = lines.cl - 2 * sigma[k];
        lines.ucl_95[k] = lines.cl + 2 * sigma[k];
    }
}

// Counts cannot be negative and proportions cannot exceed one; infinite limits (n = 0) are
// left alone here and dropped later.
void clamp_limits(Lines& lines, bool upper_at_one) {
    auto clamp_low = [](double& v) {
        if (std::isfinite(v) && v < 0) v = 0;
    };
    auto clamp_high = [](double& v) {
        if (std::isfinite(v) && v > 1) v = 1;
    };
    for (std::size_t k = 0; k < lines.lcl.size(); ++k) {
        clamp_low(lines.lcl[k]);
        clamp_low(lines.lcl_95[k]);
        if (upper_at_one) {
            clamp_high(lines.ucl[k]);
            clamp_high(lines.ucl_95[k]);
        }
    }
}

std::vector<double> column(const PartData& part, std::optional<double> Subgroup::*member) {
    std::vector<double> out;
    out.reserve(part.groups.size());
    for (const Subgroup* g : part.groups) out.push_back(value_or_na(g->*member));
    return out;
}

Lines run_lines(const PartData& part) {
    Lines lines;
    lines.y = column(part, &Subgroup::value);
    lines.cl = median_of(at_positions(lines.y, part.base_positions()));
    const std::size_t count = lines.y.size();
    lines.lcl.assign(count, kNa);
    lines.ucl.assign(count, kNa);
    lines.lcl_95.assign(count, kNa);
    lines.ucl_95.assign(count, kNa);
    return lines;
}

Lines i_lines(const PartData& part, bool screened) {
    Lines lines;
    lines.y = column(part, &Subgroup::value);
    const auto positions = part.base_positions();
    lines.cl = mean_of(at_positions(lines.y, positions));
    const double sigma = average_moving_range(moving_ranges(lines.y, positions), screened) / kD2;
    symmetric_limits(lines, std::vector<double>(lines.y.size(), sigma));
    return lines;
}

Lines mr_lines(const PartData& part) {
    Lines lines;
    const auto values = column(part, &Subgroup::value);
    // The plotted range of point k is against point k - 1 of the part, whatever is excluded
    // (QI.md's table); the centre is the mean of the baseline, included points' ranges.
    lines.y.assign(values.size(), kNa);
    for (std::size_t k = 1; k < values.size(); ++k) lines.y[k] = std::abs(values[k] - values[k - 1]);
    lines.cl = mean_of(at_positions(lines.y, part.base_positions()));
    const std::size_t count = values.size();
    lines.lcl.assign(count, 0.0);
    lines.lcl_95.assign(count, 0.0);
    lines.ucl.assign(count, kD4 * lines.cl);
    lines.ucl_95.assign(count, (kD4 / 3) * 2 * lines.cl);
    return lines;
}

Lines c_lines(const PartData& part) {
    Lines lines;
    lines.y = column(part, &Subgroup::y_sum);  // a count: rows with the same x add up
    lines.cl = mean_of(at_positions(lines.y, part.base_positions()));
    symmetric_limits(lines, std::vector<double>(lines.y.size(), std::sqrt(lines.cl)));
    clamp_limits(lines, false);
    return lines;
}

// U, P and their Laney versions: the centre is sum y / sum n of the baseline.
Lines ratio_lines(const PartData& part, ChartType type, bool screened) {
    Lines lines;
    lines.y = column(part, &Subgroup::value);
    const auto y_sum = column(part, &Subgroup::y_sum);
    const auto n = column(part, &Subgroup::n);
    const auto positions = part.base_positions();
    long double numerator = 0;
    long double denominator = 0;
    for (std::size_t k : positions) {
        if (!std::isnan(y_sum[k])) numerator += y_sum[k];
        if (!std::isnan(n[k])) denominator += n[k];
    }
    lines.cl = static_cast<double>(numerator / denominator);
    const bool proportion = type == ChartType::p || type == ChartType::pp;
    std::vector<double> sigma(lines.y.size());
    for (std::size_t k = 0; k < sigma.size(); ++k) {
        sigma[k] = proportion ? std::sqrt(lines.cl * (1 - lines.cl) / n[k]) : std::sqrt(lines.cl / n[k]);
    }
    if (type == ChartType::pp || type == ChartType::up) {
        // Laney: the between-subgroup variation is the moving range of the z-scores.
        std::vector<double> z(lines.y.size(), kNa);
        for (std::size_t k : positions) z[k] = (lines.y[k] - lines.cl) / sigma[k];
        const double sigma_z = average_moving_range(moving_ranges(z, positions), screened) / kD2;
        for (double& s : sigma) s *= sigma_z;
    }
    symmetric_limits(lines, sigma);
    clamp_limits(lines, proportion);
    return lines;
}

bool sizes_vary(const PartData& part) {
    for (const Subgroup* g : part.groups) {
        if (g->y_length != part.groups.front()->y_length) return true;
    }
    return false;
}

// The pooled standard deviation of the baseline (Montgomery 6.31) when subgroup sizes vary,
// else the mean standard deviation (6.29). Subgroups with no values take no part.
double xbar_s_sigma(const PartData& part) {
    const auto positions = part.base_positions();
    if (!sizes_vary(part)) {
        return mean_of(at_positions(column(part, &Subgroup::y_sd), positions));
    }
    long double numerator = 0;
    long double denominator = 0;
    for (std::size_t k : positions) {
        const Subgroup& g = *part.groups[k];
        if (g.y_length == 0) continue;
        const auto df = static_cast<long double>(g.y_length - 1);
        if (g.y_sd) numerator += df * *g.y_sd * *g.y_sd;
        denominator += df;
    }
    return std::sqrt(static_cast<double>(numerator / denominator));
}

// Limits that depend on each point's subgroup size: bound(size, sigmas, upper), at 3 and 2 sigmas.
template <class Bound>
void limits_by_size(Lines& lines, const PartData& part, Bound bound) {
    const std::size_t count = lines.y.size();
    lines.lcl.resize(count);
    lines.ucl.resize(count);
    lines.lcl_95.resize(count);
    lines.ucl_95.resize(count);
    for (std::size_t k = 0; k < count; ++k) {
        const auto size = static_cast<double>(part.groups[k]->y_length);
        lines.ucl[k] = bound(size, 3, true);
        lines.lcl[k] = bound(size, 3, false);
        lines.ucl_95[k] = bound(size, 2, true);
        lines.lcl_95[k] = bound(size, 2, false);
    }
}

Lines xbar_lines(const PartData& part) {
    Lines lines;
    lines.y = column(part, &Subgroup::value);
    long double weighted = 0;
    long double total = 0;
    for (std::size_t k : part.base_positions()) {
        const Subgroup& g = *part.groups[k];
        if (!g.y_mean) continue;
        weighted += static_cast<long double>(g.y_length) * *g.y_mean;
        total += static_cast<long double>(g.y_length);
    }
    lines.cl = static_cast<double>(weighted / total);
    const double sigma = xbar_s_sigma(part);
    const double cl = lines.cl;
    limits_by_size(lines, part, [cl, sigma](double size, double sigmas, bool upper) {
        return upper ? cl + a3(size, sigmas) * sigma : cl - a3(size, sigmas) * sigma;
    });
    return lines;
}

Lines s_lines(const PartData& part) {
    Lines lines;
    lines.y = column(part, &Subgroup::y_sd);
    lines.cl = xbar_s_sigma(part);
    const double cl = lines.cl;
    limits_by_size(lines, part, [cl](double size, double sigmas, bool upper) {
        return upper ? b4(size, sigmas) * cl : b3(size, sigmas) * cl;
    });
    return lines;
}

Lines chart_lines(const PartData& part, const ChartOptions& options) {
    switch (options.chart) {
        case ChartType::run:
            return run_lines(part);
        case ChartType::i:
            return i_lines(part, options.screened_mr);
        case ChartType::mr:
            return mr_lines(part);
        case ChartType::c:
            return c_lines(part);
        case ChartType::u:
        case ChartType::p:
        case ChartType::up:
        case ChartType::pp:
            return ratio_lines(part, options.chart, options.screened_mr);
        case ChartType::xbar:
            return xbar_lines(part);
        case ChartType::s:
            return s_lines(part);
    }
    return run_lines(part);
}

bool needs_denominator(ChartType type) {
    return type == ChartType::u || type == ChartType::p || type == ChartType::up || type == ChartType::pp;
}

}  // namespace

Chart compute_chart(const std::vector<Observation>& rows, const ChartOptions& options) {
    if (!std::isfinite(options.multiply) || !(options.multiply > 0)) {
        throw Error(ErrorKind::invalid_input, "qi: multiply must be a finite, positive number");
    }
    if (options.freeze && *options.freeze == 0) {
        throw Error(ErrorKind::invalid_input, "qi: freeze must be at least 1 point");
    }
    if (needs_denominator(options.chart) && !options.has_denominator) {
        throw Error(ErrorKind::invalid_input,
                    "qi: a " + std::string(to_string(options.chart)) + " chart needs a denominator");
    }
    const std::vector<Subgroup> groups = prepare_subgroups(rows, options);
    const std::size_t count = groups.size();

    Chart chart;
    chart.type = options.chart;
    chart.screened_mr = options.screened_mr;

    std::vector<int> parts;
    if (options.parts_from_labels) {
        std::vector<std::string> labels;
        labels.reserve(count);
        for (const Subgroup& g : groups) labels.push_back(g.part_label);
        parts = parts_from_label_list(labels);
    } else {
        parts = parts_from_breaks(options.part_breaks, count);
    }
    const bool parts_given = options.parts_from_labels || !options.part_breaks.empty();
    // Points 1..baseline_end are the baseline (all of them without a freeze).
    std::size_t baseline_end = std::numeric_limits<std::size_t>::max();
    if (options.freeze) {
        if (parts_given) {
            chart.freeze_ignored = true;
        } else {
            baseline_end = *options.freeze;
        }
    }

    chart.points.resize(count);
    for (std::size_t k = 0; k < count; ++k) {
        ChartPoint& p = chart.points[k];
        p.x = groups[k].x;
        p.n = groups[k].n;
        p.y_length = groups[k].y_length;
        p.part = parts[k];
        p.baseline = k + 1 <= baseline_end;
        p.include = std::find(options.exclude.begin(), options.exclude.end(), k + 1) == options.exclude.end();
    }

    for (std::size_t start = 0; start < count;) {
        std::size_t end = start;
        while (end < count && parts[end] == parts[start]) ++end;
        PartData part;
        for (std::size_t k = start; k < end; ++k) {
            part.groups.push_back(&groups[k]);
            part.base.push_back(chart.points[k].baseline && chart.points[k].include);
        }
        const Lines lines = chart_lines(part, options);

        // The runs analysis covers every included point of the part, frozen or not, in the
        // data's own units.
        std::vector<std::optional<double>> included;
        std::vector<std::size_t> included_at;
        for (std::size_t k = start; k < end; ++k) {
            if (!chart.points[k].include) continue;
            included.push_back(finite_or_none(lines.y[k - start]));
            included_at.push_back(k);
        }
        const std::optional<double> centre = finite_or_none(lines.cl);
        RunsAnalysis runs = analyse_runs(included, centre);
        runs.part = parts[start];
        if (options.chart == ChartType::mr) runs.runs_signal = false;
        chart.runs.push_back(runs);

        if (options.chart == ChartType::run) {
            const auto shift = ihi_shift(included, centre);
            const auto trend = ihi_trend(included);
            IhiPart ihi;
            ihi.part = parts[start];
            ihi.median = centre ? std::optional<double>(*centre * options.multiply) : std::nullopt;
            ihi.n_useful = runs.n_useful;
            ihi.n_runs = runs.n_crossings ? *runs.n_crossings + 1 : 0;
            ihi.runs_limits = ihi_runs_limits(runs.n_useful);
            if (ihi.runs_limits) {
                ihi.too_few_runs = ihi.n_runs < ihi.runs_limits->lower;
                ihi.too_many_runs = ihi.n_runs > ihi.runs_limits->upper;
            }
            for (std::size_t j = 0; j < included_at.size(); ++j) {
                chart.points[included_at[j]].ihi_shift = shift[j];
                chart.points[included_at[j]].ihi_trend = trend[j];
                ihi.shift_signal = ihi.shift_signal || shift[j];
                ihi.trend_signal = ihi.trend_signal || trend[j];
            }
            chart.ihi.push_back(ihi);
        }

        const double m = options.multiply;
        for (std::size_t k = start; k < end; ++k) {
            ChartPoint& p = chart.points[k];
            const std::size_t j = k - start;
            p.y = finite_or_none(lines.y[j] * m);
            p.cl = finite_or_none(lines.cl * m);
            p.lcl = finite_or_none(lines.lcl[j] * m);
            p.ucl = finite_or_none(lines.ucl[j] * m);
            p.lcl_95 = finite_or_none(lines.lcl_95[j] * m);
            p.ucl_95 = finite_or_none(lines.ucl_95[j] * m);
            p.sigma_signal = p.y && ((p.ucl && *p.y > *p.ucl) || (p.lcl && *p.y < *p.lcl));
        }
        start = end;
    }
    return chart;
}

}  // namespace waymark::core::qi
