// Micro benchmark of the chart statistics (issue 4 target: the Anhøj and I-chart analysis of
// 2,000 series of 120 points in under 50 ms):
//   BM_IChart        for each of 2,000 series of 120 monthly points: the I chart, its limits
//                    and its Anhøj runs analysis (qicharts2 analyses every chart's runs)
//   BM_RunAndIChart  the same plus the run chart (median centre, Anhøj and IHI rules)
// The series are random but fixed (seeded), some with a shift half way so that rules fire.
#include "core/qi.hpp"

#include <benchmark/benchmark.h>

#include <initializer_list>
#include <random>
#include <vector>

namespace {

namespace qi = waymark::core::qi;

std::vector<std::vector<qi::Observation>> make_series(std::size_t count, std::size_t points) {
    std::mt19937_64 rng(20261126);
    std::normal_distribution<double> noise(0, 1);
    std::vector<std::vector<qi::Observation>> all(count);
    for (std::size_t s = 0; s < count; ++s) {
        const double shift = s % 3 == 0 ? 1.5 : 0;
        for (std::size_t i = 0; i < points; ++i) {
            qi::Observation o;
            o.x = static_cast<double>(i + 1);
            o.y = 50 + noise(rng) * 5 + (i >= points / 2 ? shift * 5 : 0);
            all[s].push_back(o);
        }
    }
    return all;
}

using Series = std::vector<std::vector<qi::Observation>>;

// Each chart of `types` for every series, on every iteration; counts the charts whose runs
// analysis signals (in the last iteration).
std::size_t chart_each_time(benchmark::State& state, const Series& series, std::initializer_list<qi::ChartType> types) {
    std::vector<qi::ChartOptions> charts;
    for (const auto type : types) {
        qi::ChartOptions o;
        o.chart = type;
        charts.push_back(o);
    }
    std::size_t signals = 0;
    for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the library's idiom
        signals = 0;
        for (const auto& s : series) {
            for (const auto& o : charts) signals += qi::compute_chart(s, o).runs.front().runs_signal ? 1 : 0;
        }
        benchmark::DoNotOptimize(signals);
    }
    return signals;
}

void BM_RunAndIChart(benchmark::State& state) {
    const auto series = make_series(static_cast<std::size_t>(state.range(0)), 120);
    const std::size_t signals = chart_each_time(state, series, {qi::ChartType::run, qi::ChartType::i});
    state.counters["series"] = static_cast<double>(series.size());
    state.counters["signals"] = static_cast<double>(signals);
}
BENCHMARK(BM_RunAndIChart)->Arg(2000)->Unit(benchmark::kMillisecond);

void BM_IChart(benchmark::State& state) {
    const auto series = make_series(static_cast<std::size_t>(state.range(0)), 120);
    state.counters["signals"] = static_cast<double>(chart_each_time(state, series, {qi::ChartType::i}));
}
BENCHMARK(BM_IChart)->Arg(2000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
