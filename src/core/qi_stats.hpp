#pragma once
// The arithmetic the run, control and Making Data Count charts share (core/qi's own; not part
// of its interface): missing values as NaN inside the computations, means and medians as R
// computes them, and average moving ranges with their screening.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <vector>

namespace waymark::core::qi::stats {

// Inside the computations a missing value is NaN, because NaN propagates through the
// arithmetic exactly as R's NA does in qicharts2 (a limit from a missing n is missing); the
// public structs carry std::optional instead.
constexpr double kNa = std::numeric_limits<double>::quiet_NaN();

// d2 for moving ranges of two (Montgomery 6.33) and the MR chart's D4, the rounded values the
// reference packages use.
constexpr double kD2 = 1.128;
constexpr double kD4 = 3.267;

inline double value_or_na(const std::optional<double>& v) {
    return v ? *v : kNa;
}
inline std::optional<double> finite_or_none(double v) {
    if (std::isfinite(v)) return v;
    return std::nullopt;
}

// The mean of the non-missing values, NaN when there are none. Long double, as R's mean().
inline double mean_of(const std::vector<double>& values) {
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
inline double median_of(std::vector<double> values) {
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
inline double average_moving_range(std::vector<double> ranges, bool screened) {
    const double amr = mean_of(ranges);
    if (!screened || !(amr > 0)) return amr;
    const double upper = kD4 * amr;
    std::erase_if(ranges, [upper](double r) { return !std::isnan(r) && !(r < upper); });
    return mean_of(ranges);
}

// |v[k] - v[k - 1]| over the given positions, in order; NaN where either is missing, so that
// a range never spans a missing subgroup (it does span an excluded one, which is simply not
// among the positions).
inline std::vector<double> moving_ranges(const std::vector<double>& values, const std::vector<std::size_t>& positions) {
    std::vector<double> ranges;
    for (std::size_t k = 1; k < positions.size(); ++k) {
        ranges.push_back(std::abs(values[positions[k]] - values[positions[k - 1]]));
    }
    return ranges;
}

// The values at the given positions, in order.
inline std::vector<double> at_positions(const std::vector<double>& values, const std::vector<std::size_t>& positions) {
    std::vector<double> out;
    out.reserve(positions.size());
    for (std::size_t k : positions) out.push_back(values[k]);
    return out;
}

}  // namespace waymark::core::qi::stats
