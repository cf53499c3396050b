// Micro benchmark of the chart statistics (issue 4 target: the Anhøj and I-chart analysis of
// 2,000 series of 120 points in under 50 ms):
//   BM_IChart        for each of 2,000 series of 120 monthly points: the I chart, its limits
//                    and its Anhøj runs analysis (qicharts2 analyses every chart's runs)
//   BM_RunAndIChart  the same plus the run chart (median centre, Anhøj and IHI rules)
// The series are random but fixed (seeded), some with a shift half way so that rules fire.
#include "core/qi.hpp"

#include <benchmark/benchmark.h>

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

void BM_RunAndIChart(benchmark::State& state) {
    const auto series = make_series(static_cast<std::size_t>(state.range(0)), 120);
    qi::ChartOptions run;
    run.chart = qi::ChartType::run;
    qi::ChartOptions i_chart;
    i_chart.chart = qi::ChartType::i;
    std::size_t signals = 0;
    for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the library's idiom
        signals = 0;
        for (const auto& s : series) {
            const auto r = qi::compute_chart(s, run);
            const auto c = qi::compute_chart(s, i_chart);
            signals += r.runs.front().runs_signal ? 1 : 0;
            signals += c.runs.front().runs_signal ? 1 : 0;
        }
        benchmark::DoNotOptimize(signals);
    }
    state.counters["series"] = static_cast<double>(series.size());
    state.counters["signals"] = static_cast<double>(signals);
}
BENCHMARK(BM_RunAndIChart)->Arg(2000)->Unit(benchmark::kMillisecond);

void BM_IChart(benchmark::State& state) {
    const auto series = make_series(static_cast<std::size_t>(state.range(0)), 120);
    qi::ChartOptions i_chart;
    i_chart.chart = qi::ChartType::i;
    std::size_t signals = 0;
    for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the library's idiom
        signals = 0;
        for (const auto& s : series) {
            const auto c = qi::compute_chart(s, i_chart);
            signals += c.runs.front().runs_signal ? 1 : 0;
        }
        benchmark::DoNotOptimize(signals);
    }
    state.counters["signals"] = static_cast<double>(signals);
}
BENCHMARK(BM_IChart)->Arg(2000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
