#include "core/qi.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <utility>

namespace waymark::core::qi {

namespace {

// Inside the computations a missing value is NaN, because NaN propagates through the
// arithmetic exactly as R's NA does in qicharts2 (a limit from a missing n is missing); the
// public structs carry std::optional instead.
constexpr double kNa = std::numeric_limits<double>::quiet_NaN();

// d2 for moving ranges of two (Montgomery 6.33) and the MR chart's D4, the rounded values the
// reference packages use.
constexpr double kD2 = 1.128;
constexpr double kD4 = 3.267;

double value_or_na(const std::optional<double>& v) {
    return v ? *v : kNa;
}
std::optional<double> finite_or_none(double v) {
    if (std::isfinite(v)) return v;
    return std::nullopt;
}

// The mean of the non-missing values, NaN when there are none. Long double, as R's mean().
double mean_of(const std::vector<double>& values) {
    long double sum = 0;
    std::size_t count = 0;
    for (double v : values) {
        if (std::isnan(v)) continue;
        sum += v;
        ++count;
    }
    if (count == 0) return kNa;
    return static_cast<double>(sum / static_cast<long double>(count));
}

double median_of(std::vector<double> values) {
    std::erase_if(values, [](double v) { return std::isnan(v); });
    if (values.empty()) return kNa;
    std::sort(values.begin(), values.end());
    const std::size_t half = values.size() / 2;
    if (values.size() % 2 == 1) return values[half];
    return (values[half - 1] + values[half]) / 2;
}

// The average moving range of a sequence of moving ranges (NaN ones ignored), screened as
// QI.md says when asked: drop every MR not strictly below 3.267 x AMR and recompute once.
// A zero AMR (a constant series) is left as it is: QI.md wants zero-width limits there,
// whereas screening would drop every range and leave no limits at all.
double average_moving_range(std::vector<double> ranges, bool screened) {
    const double amr = mean_of(ranges);
    if (!screened || !(amr > 0)) return amr;
    const double upper = kD4 * amr;
    std::erase_if(ranges, [upper](double r) { return !std::isnan(r) && !(r < upper); });
    return mean_of(ranges);
}

// |v[k] - v[k - 1]| over the given positions, in order; NaN where either is missing, so that
// a range never spans a missing subgroup (it does span an excluded one, which is simply not
// among the positions).
std::vector<double> moving_ranges(const std::vector<double>& values, const std::vector<std::size_t>& positions) {
    std::vector<double> ranges;
    for (std::size_t k = 1; k < positions.size(); ++k) {
        ranges.push_back(std::abs(values[positions[k]] - values[positions[k - 1]]));
    }
    return ranges;
}

// The values at the given positions, in order.
std::vector<double> at_positions(const std::vector<double>& values, const std::vector<std::size_t>& positions) {
    std::vector<double> out;
    out.reserve(positions.size());
    for (std::size_t k : positions) out.push_back(values[k]);
    return out;
}

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
    const std::size_t count = lines.y.size();
    lines.lcl.resize(count);
    lines.ucl.resize(count);
    lines.lcl_95.resize(count);
    lines.ucl_95.resize(count);
    for (std::size_t k = 0; k < count; ++k) {
        const auto size = static_cast<double>(part.groups[k]->y_length);
        lines.ucl[k] = lines.cl + a3(size, 3) * sigma;
        lines.lcl[k] = lines.cl - a3(size, 3) * sigma;
        lines.ucl_95[k] = lines.cl + a3(size, 2) * sigma;
        lines.lcl_95[k] = lines.cl - a3(size, 2) * sigma;
    }
    return lines;
}

Lines s_lines(const PartData& part) {
    Lines lines;
    lines.y = column(part, &Subgroup::y_sd);
    lines.cl = xbar_s_sigma(part);
    const std::size_t count = lines.y.size();
    lines.lcl.resize(count);
    lines.ucl.resize(count);
    lines.lcl_95.resize(count);
    lines.ucl_95.resize(count);
    for (std::size_t k = 0; k < count; ++k) {
        const auto size = static_cast<double>(part.groups[k]->y_length);
        lines.ucl[k] = b4(size, 3) * lines.cl;
        lines.lcl[k] = b3(size, 3) * lines.cl;
        lines.ucl_95[k] = b4(size, 2) * lines.cl;
        lines.lcl_95[k] = b3(size, 2) * lines.cl;
    }
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

// Exact binomial and runs-distribution arithmetic fits in 64 bits up to these sizes; above
// them long double logarithms are accurate far beyond what the 5 % and 2.5 % cut-offs need.
constexpr std::size_t kExactBinomialMax = 58;
constexpr std::size_t kExactRunsMax = 60;

std::uint64_t choose(std::size_t n, std::size_t k) {
    if (k > n) return 0;
    k = std::min(k, n - k);
    std::uint64_t result = 1;
    for (std::size_t j = 1; j <= k; ++j) result = result * (n - k + j) / j;  // exact at each step
    return result;
}

long double log_choose(std::size_t n, std::size_t k) {
    if (k > n) return -std::numeric_limits<long double>::infinity();
    return std::lgamma(static_cast<long double>(n) + 1) - std::lgamma(static_cast<long double>(k) + 1) -
           std::lgamma(static_cast<long double>(n - k) + 1);
}

// Weight of exactly r runs among n1 points of one kind and n2 of the other (Swed &
// Eisenhart 1943), up to the common factor 1 / C(n1 + n2, n1).
template <typename Choose>
auto runs_weight(std::size_t r, std::size_t n1, std::size_t n2, Choose c) {
    const std::size_t k = r / 2;
    if (r % 2 == 0) return 2 * c(n1 - 1, k - 1) * c(n2 - 1, k - 1);
    return c(n1 - 1, k) * c(n2 - 1, k - 1) + c(n1 - 1, k - 1) * c(n2 - 1, k);
}

}  // namespace

std::string_view to_string(ChartType type) noexcept {
    switch (type) {
        case ChartType::run:
            return "run";
        case ChartType::i:
            return "i";
        case ChartType::mr:
            return "mr";
        case ChartType::c:
            return "c";
        case ChartType::u:
            return "u";
        case ChartType::p:
            return "p";
        case ChartType::up:
            return "up";
        case ChartType::pp:
            return "pp";
        case ChartType::xbar:
            return "xbar";
        case ChartType::s:
            return "s";
    }
    return "run";
}

std::optional<ChartType> try_parse_chart_type(std::string_view text) noexcept {
    constexpr std::array all{ChartType::run, ChartType::i,  ChartType::mr, ChartType::c,    ChartType::u,
                             ChartType::p,   ChartType::up, ChartType::pp, ChartType::xbar, ChartType::s};
    for (ChartType type : all) {
        if (to_string(type) == text) return type;
    }
    return std::nullopt;
}

std::string_view to_string(Aggregation aggregation) noexcept {
    switch (aggregation) {
        case Aggregation::mean:
            return "mean";
        case Aggregation::median:
            return "median";
        case Aggregation::sum:
            return "sum";
    }
    return "mean";
}

std::optional<Aggregation> try_parse_aggregation(std::string_view text) noexcept {
    for (Aggregation a : {Aggregation::mean, Aggregation::median, Aggregation::sum}) {
        if (to_string(a) == text) return a;
    }
    return std::nullopt;
}

std::vector<Subgroup> prepare_subgroups(const std::vector<Observation>& rows, const ChartOptions& options) {
    std::vector<const Observation*> sorted;
    sorted.reserve(rows.size());
    for (const Observation& row : rows) {
        if (std::isfinite(row.x)) sorted.push_back(&row);
    }
    // Stable, so that a subgroup's first row (its part label) is the first in input order.
    const auto by_x = [](const Observation* a, const Observation* b) { return a->x < b->x; };
    if (!std::is_sorted(sorted.begin(), sorted.end(), by_x)) std::stable_sort(sorted.begin(), sorted.end(), by_x);

    std::vector<Subgroup> groups;
    groups.reserve(sorted.size());
    std::vector<double> ys;  // one subgroup's values; reused
    for (std::size_t start = 0; start < sorted.size();) {
        std::size_t end = start;
        while (end < sorted.size() && sorted[end]->x == sorted[start]->x) ++end;
        Subgroup g;
        g.x = sorted[start]->x;
        g.part_label = sorted[start]->part_label;
        // One row without a denominator (most series): its value is the row's, whatever the
        // aggregation; no long double arithmetic needed.
        if (end == start + 1 && !options.has_denominator) {
            const auto& y = sorted[start]->y;
            if (y && std::isfinite(*y)) {
                g.y_length = 1;
                g.y_sum = *y;
                g.y_mean = *y;
                g.value = *y;
            }
            groups.push_back(std::move(g));
            start = end;
            continue;
        }
        ys.clear();
        long double n_sum = 0;
        for (std::size_t k = start; k < end; ++k) {
            const Observation& row = *sorted[k];
            const bool y_ok = row.y && std::isfinite(*row.y);
            const bool n_ok = row.n && std::isfinite(*row.n);
            // With a denominator, a row missing either half is missing in both (complete cases).
            if (!y_ok || (options.has_denominator && !n_ok)) continue;
            ys.push_back(*row.y);
            if (options.has_denominator) n_sum += *row.n;
        }
        g.y_length = ys.size();
        if (!ys.empty()) {
            long double sum = 0;
            for (double v : ys) sum += v;
            g.y_sum = static_cast<double>(sum);
            const double mean = mean_of(ys);
            g.y_mean = mean;
            if (ys.size() >= 2) {
                long double squares = 0;
                for (double v : ys)
                    squares += (static_cast<long double>(v) - mean) * (static_cast<long double>(v) - mean);
                g.y_sd = std::sqrt(static_cast<double>(squares / static_cast<long double>(ys.size() - 1)));
            }
            if (options.has_denominator) {
                g.n = static_cast<double>(n_sum);
                // n = 0 gives no proportion or rate: the point is missing (and has no limits).
                if (n_sum != 0) g.value = static_cast<double>(sum / n_sum);
            } else {
                switch (options.aggregation) {
                    case Aggregation::mean:
                        g.value = mean;
                        break;
                    case Aggregation::median:
                        g.value = median_of(ys);
                        break;
                    case Aggregation::sum:
                        g.value = *g.y_sum;
                        break;
                }
            }
        }
        groups.push_back(std::move(g));
        start = end;
    }
    return groups;
}

std::vector<int> parts_from_breaks(const std::vector<std::size_t>& breaks, std::size_t count) {
    // A break at b means points 1..b end a part; breaks outside 1..count-1 change nothing.
    std::vector<bool> starts(count, false);
    for (std::size_t b : breaks) {
        if (b >= 1 && b < count) starts[b] = true;
    }
    std::vector<int> parts(count, 1);
    int part = 1;
    for (std::size_t k = 0; k < count; ++k) {
        if (starts[k]) ++part;
        parts[k] = part;
    }
    return parts;
}

std::vector<int> parts_from_label_list(const std::vector<std::string>& labels) {
    std::vector<int> parts(labels.size(), 1);
    std::vector<std::string> seen;
    int part = 0;
    for (std::size_t k = 0; k < labels.size(); ++k) {
        if (std::find(seen.begin(), seen.end(), labels[k]) == seen.end()) {
            seen.push_back(labels[k]);
            ++part;
        }
        parts[k] = part;
    }
    return parts;
}

std::size_t longest_run_max(std::size_t n_useful) {
    // log2 of a whole number is never exactly half-way, so R's round-half-even and
    // std::lround agree.
    return static_cast<std::size_t>(std::lround(std::log2(static_cast<double>(n_useful)))) + 3;
}

namespace {

// The limits depend on n alone and cost O(n) lgamma calls beyond the exact range, so each n is
// worked out once: a lock-free memo (0 = not yet known) that threads may fill concurrently.
constexpr std::size_t kMemoSize = 4096;

template <class Compute>
std::uint64_t memoised(std::array<std::atomic<std::uint64_t>, kMemoSize>& memo, std::size_t n, Compute compute) {
    if (n >= kMemoSize) return compute(n);
    std::uint64_t v = memo[n].load(std::memory_order_relaxed);
    if (v == 0) {
        v = compute(n) + 1;
        memo[n].store(v, std::memory_order_relaxed);
    }
    return v - 1;
}

std::size_t crossings_min_uncached(std::size_t n_useful);
std::optional<RunsLimits> ihi_runs_limits_uncached(std::size_t n_useful);

}  // namespace

std::size_t crossings_min(std::size_t n_useful) {
    static std::array<std::atomic<std::uint64_t>, kMemoSize> memo{};
    return static_cast<std::size_t>(
        memoised(memo, n_useful, [](std::size_t n) { return std::uint64_t{crossings_min_uncached(n)}; }));
}

std::optional<RunsLimits> ihi_runs_limits(std::size_t n_useful) {
    if (n_useful < 10) return std::nullopt;
    static std::array<std::atomic<std::uint64_t>, kMemoSize> memo{};
    const std::uint64_t packed = memoised(memo, n_useful, [](std::size_t n) {
        const auto l = ihi_runs_limits_uncached(n);
        return (std::uint64_t{l->lower} << 32) | std::uint64_t{l->upper};
    });
    return RunsLimits{static_cast<std::size_t>(packed >> 32), static_cast<std::size_t>(packed & 0xffffffffU)};
}

namespace {

std::size_t crossings_min_uncached(std::size_t n_useful) {
    if (n_useful <= 1) return 0;
    const std::size_t m = n_useful - 1;
    if (m <= kExactBinomialMax) {
        // P(X <= c) >= 1/20  <=>  20 * sum_{k <= c} C(m, k) >= 2^m, in whole numbers.
        const std::uint64_t total = std::uint64_t{1} << m;
        std::uint64_t cumulative = 0;
        for (std::size_t c = 0; c <= m; ++c) {
            cumulative += choose(m, c);
            if (20 * cumulative >= total) return c;
        }
        return m;
    }
    const long double log_half = std::log(0.5L) * static_cast<long double>(m);
    long double cumulative = 0;
    for (std::size_t c = 0; c <= m; ++c) {
        cumulative += std::exp(log_choose(m, c) + log_half);
        if (cumulative >= 0.05L) return c;
    }
    return m;
}

}  // namespace

namespace {

// The useful points against the centre: their positions in `values` and sides (1 above, -1 below).
struct Useful {
    std::vector<std::size_t> at;
    std::vector<int> sides;
};

Useful useful_points(const std::vector<std::optional<double>>& values, std::optional<double> centre) {
    Useful out;
    if (!centre || !std::isfinite(*centre)) return out;
    for (std::size_t k = 0; k < values.size(); ++k) {
        const auto& v = values[k];
        if (!v || std::isnan(*v) || *v == *centre) continue;
        out.at.push_back(k);
        out.sides.push_back(*v > *centre ? 1 : -1);
    }
    return out;
}

}  // namespace

std::optional<RunSpan> longest_run(const std::vector<std::optional<double>>& values, std::optional<double> centre) {
    const Useful useful = useful_points(values, centre);
    if (useful.sides.empty()) return std::nullopt;
    RunSpan best{useful.at[0], useful.at[0], 1, useful.sides[0]};
    std::size_t start = 0;
    for (std::size_t k = 1; k < useful.sides.size(); ++k) {
        if (useful.sides[k] != useful.sides[k - 1]) start = k;
        if (k - start + 1 > best.length) best = {useful.at[start], useful.at[k], k - start + 1, useful.sides[k]};
    }
    return best;
}

RunsAnalysis analyse_runs(const std::vector<std::optional<double>>& values, std::optional<double> centre) {
    RunsAnalysis result;
    result.n_obs = values.size();
    const std::vector<int> sides = useful_points(values, centre).sides;
    result.n_useful = sides.size();
    if (sides.empty()) return result;
    std::size_t runs = 1;
    std::size_t current = 1;
    std::size_t longest = 1;
    for (std::size_t k = 1; k < sides.size(); ++k) {
        if (sides[k] == sides[k - 1]) {
            ++current;
        } else {
            ++runs;
            current = 1;
        }
        longest = std::max(longest, current);
    }
    result.longest_run = longest;
    result.longest_run_max = longest_run_max(sides.size());
    result.n_crossings = runs - 1;
    result.n_crossings_min = crossings_min(sides.size());
    result.runs_signal = longest > *result.longest_run_max || runs - 1 < *result.n_crossings_min;
    return result;
}

namespace {

std::optional<RunsLimits> ihi_runs_limits_uncached(std::size_t n_useful) {
    if (n_useful < 10) return std::nullopt;
    const std::size_t n1 = n_useful / 2;
    const std::size_t n2 = n_useful - n1;
    RunsLimits limits{2, n_useful};
    if (n_useful <= kExactRunsMax) {
        // Tail of at most 2.5 %: 40 * weight <= C(n, n1), in whole numbers.
        const std::uint64_t total = choose(n_useful, n1);
        std::uint64_t cumulative = 0;
        for (std::size_t r = 2; r <= n_useful; ++r) {
            cumulative += runs_weight(r, n1, n2, choose);
            if (40 * cumulative > total) {
                limits.lower = r;
                break;
            }
        }
        cumulative = 0;
        for (std::size_t r = n_useful; r >= 2; --r) {
            cumulative += runs_weight(r, n1, n2, choose);
            if (40 * cumulative > total) {
                limits.upper = r;
                break;
            }
        }
        return limits;
    }
    const long double log_total = log_choose(n_useful, n1);
    auto probability = [&](std::size_t r) {
        auto c = [](std::size_t n, std::size_t k) { return std::exp(log_choose(n, k)); };
        return runs_weight(r, n1, n2, c) / std::exp(log_total);
    };
    long double cumulative = 0;
    for (std::size_t r = 2; r <= n_useful; ++r) {
        cumulative += probability(r);
        if (cumulative > 0.025L) {
            limits.lower = r;
            break;
        }
    }
    cumulative = 0;
    for (std::size_t r = n_useful; r >= 2; --r) {
        cumulative += probability(r);
        if (cumulative > 0.025L) {
            limits.upper = r;
            break;
        }
    }
    return limits;
}

}  // namespace

std::vector<bool> ihi_shift(const std::vector<std::optional<double>>& values, std::optional<double> centre,
                            std::size_t min_length) {
    std::vector<bool> flags(values.size(), false);
    if (!centre || !std::isfinite(*centre)) return flags;
    std::vector<std::size_t> run;  // positions of the current run of useful points
    int side = 0;
    auto close_run = [&] {
        if (run.size() >= min_length) {
            for (std::size_t k : run) flags[k] = true;
        }
        run.clear();
    };
    for (std::size_t k = 0; k < values.size(); ++k) {
        const auto& v = values[k];
        if (!v || std::isnan(*v) || *v == *centre) continue;
        const int s = *v > *centre ? 1 : -1;
        if (s != side) close_run();
        side = s;
        run.push_back(k);
    }
    close_run();
    return flags;
}

std::vector<bool> ihi_trend(const std::vector<std::optional<double>>& values, std::size_t min_length) {
    std::vector<bool> flags(values.size(), false);
    // Positions of the non-missing values; a step is +1, -1 or 0 (equal: neither counts nor breaks).
    std::vector<std::size_t> positions;
    for (std::size_t k = 0; k < values.size(); ++k) {
        if (values[k] && !std::isnan(*values[k])) positions.push_back(k);
    }
    if (positions.empty()) return flags;
    std::size_t start = positions[0];  // first counted point of the current trend
    std::size_t last = positions[0];   // last counted point
    // The last point equal to `last`: a value repeated at the end of a trend is flagged with it
    // (QI.md: "29.4, 29.4 closing a rising trend: both flagged").
    std::size_t end = positions[0];
    std::size_t counted = 1;
    int direction = 0;
    auto close_trend = [&] {
        if (counted >= min_length) {
            for (std::size_t k = start; k <= end; ++k) flags[k] = values[k].has_value();
        }
    };
    for (std::size_t j = 1; j < positions.size(); ++j) {
        const std::size_t k = positions[j];
        const double previous = *values[last];
        const double current = *values[k];
        if (current == previous) {
            end = k;
            continue;
        }
        const int step = current > previous ? 1 : -1;
        if (direction == 0 || step == direction) {
            ++counted;
        } else {
            // The turning point ends one trend and starts the next.
            close_trend();
            start = last;
            counted = 2;
        }
        direction = step;
        last = k;
        end = k;
    }
    close_trend();
    return flags;
}

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

// --- Making Data Count ----------------------------------------------------------------------

std::string_view to_string(MdcRule rule) noexcept {
    switch (rule) {
        case MdcRule::common_cause:
            return "Common Cause";
        case MdcRule::above_ucl:
            return "Above UCL";
        case MdcRule::below_lcl:
            return "Below LCL";
        case MdcRule::trend_increasing:
            return "7 Point Trend (Increasing)";
        case MdcRule::trend_decreasing:
            return "7 Point Trend (Decreasing)";
        case MdcRule::two_in_three_above:
            return "2 in 3 Above CL";
        case MdcRule::two_in_three_below:
            return "2 in 3 Below CL";
        case MdcRule::shift_above:
            return "7 Points Above CL";
        case MdcRule::shift_below:
            return "7 Points Below CL";
    }
    return "Common Cause";
}

std::string_view to_string(MdcPointType type) noexcept {
    switch (type) {
        case MdcPointType::common_cause:
            return "common_cause";
        case MdcPointType::special_cause_improvement:
            return "special_cause_improvement";
        case MdcPointType::special_cause_concern:
            return "special_cause_concern";
        case MdcPointType::special_cause_neutral_high:
            return "special_cause_neutral_high";
        case MdcPointType::special_cause_neutral_low:
            return "special_cause_neutral_low";
    }
    return "common_cause";
}

std::string_view to_string(VariationIcon icon) noexcept {
    switch (icon) {
        case VariationIcon::common_cause:
            return "common_cause";
        case VariationIcon::improvement_high:
            return "improvement_high";
        case VariationIcon::improvement_low:
            return "improvement_low";
        case VariationIcon::concern_high:
            return "concern_high";
        case VariationIcon::concern_low:
            return "concern_low";
        case VariationIcon::neutral_high:
            return "neutral_high";
        case VariationIcon::neutral_low:
            return "neutral_low";
    }
    return "common_cause";
}

std::string_view to_string(AssuranceIcon icon) noexcept {
    switch (icon) {
        case AssuranceIcon::pass:
            return "pass";
        case AssuranceIcon::fail:
            return "fail";
        case AssuranceIcon::inconsistent:
            return "inconsistent";
    }
    return "inconsistent";
}

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
