// The runs rules (QI.md): Anhøj's longest run and crossings, and the IHI shift, trend and
// number of runs, with their limits worked out exactly where whole numbers allow.
#include "core/qi.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <limits>

namespace waymark::core::qi {

namespace {

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

}  // namespace waymark::core::qi
