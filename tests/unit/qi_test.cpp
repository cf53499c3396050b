// Run charts and control charts (../shared/QI.md): the edge cases of each rule, worked by
// hand. The reference packages' own examples are checked in qi_examples_test.cpp.
#include "core/qi.hpp"

#include "core/error.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <vector>

namespace qi = waymark::core::qi;
using qi::ChartType;

namespace {

constexpr double kTol = 1e-12;
const std::optional<double> kMissing = std::nullopt;

// Rows x = 1, 2, ... with the given values and no denominator.
std::vector<qi::Observation> series(const std::vector<std::optional<double>>& ys) {
    std::vector<qi::Observation> rows;
    for (std::size_t k = 0; k < ys.size(); ++k) rows.push_back({static_cast<double>(k + 1), ys[k], std::nullopt, ""});
    return rows;
}

// Rows x = 1, 2, ... with numerators and denominators.
std::vector<qi::Observation> ratios(const std::vector<double>& ys, const std::vector<double>& ns) {
    std::vector<qi::Observation> rows;
    for (std::size_t k = 0; k < ys.size(); ++k) rows.push_back({static_cast<double>(k + 1), ys[k], ns[k], ""});
    return rows;
}

qi::ChartOptions chart_options(ChartType type) {
    qi::ChartOptions o;
    o.chart = type;
    o.has_denominator = type == ChartType::p || type == ChartType::u || type == ChartType::pp || type == ChartType::up;
    return o;
}

std::vector<std::optional<double>> values(const std::vector<double>& v) {
    return {v.begin(), v.end()};
}

// --- Anhøj rules ----------------------------------------------------------------------------

TEST(QiAnhoej, LimitsTableOfQiMd) {
    struct Row {
        std::size_t n, longest_max, crossings_min;
    };
    // QI.md, "Anhøj rules": n: L_max / C_min.
    const std::vector<Row> table = {{10, 6, 2},    {12, 7, 3},    {16, 7, 4},    {20, 7, 6},  {24, 8, 8},
                                    {30, 8, 10},   {36, 8, 13},   {40, 8, 14},   {50, 9, 19}, {60, 9, 23},
                                    {100, 10, 41}, {200, 11, 88}, {500, 12, 231}};
    for (const Row& r : table) {
        EXPECT_EQ(qi::longest_run_max(r.n), r.longest_max) << "n = " << r.n;
        EXPECT_EQ(qi::crossings_min(r.n), r.crossings_min) << "n = " << r.n;
    }
}

TEST(QiAnhoej, SmallNumbersOfUsefulPoints) {
    // n = 1: Binomial(0, 0.5) is 0 for certain; n = 5: P(X <= 0) = 1/16 >= 0.05.
    EXPECT_EQ(qi::crossings_min(1), 0U);
    EXPECT_EQ(qi::longest_run_max(1), 3U);
    EXPECT_EQ(qi::crossings_min(5), 0U);
    EXPECT_EQ(qi::longest_run_max(5), 5U);  // round(2.32) + 3
    // n = 7: P(X <= 0) = 1/64 < 0.05 <= P(X <= 1) = 7/64.
    EXPECT_EQ(qi::crossings_min(7), 1U);
}

TEST(QiAnhoej, ExactAndLogarithmicBinomialAgreeAcrossTheSwitch) {
    // Around n = 59 the computation moves from whole numbers to logarithms; C_min must keep
    // growing by 0 or 1 and L_max by 0 or 1.
    for (std::size_t n = 2; n <= 300; ++n) {
        const auto step = qi::crossings_min(n) - qi::crossings_min(n - 1);
        EXPECT_LE(step, 1U) << "n = " << n;
        EXPECT_LE(qi::longest_run_max(n) - qi::longest_run_max(n - 1), 1U) << "n = " << n;
    }
}

TEST(QiAnhoej, PointsOnTheCentreAndMissingPointsAreNotUseful) {
    //  value: 1 2 5 5 6 - 9 3   centre 5
    //  side:  - - . . + . + -   (. not useful)
    const auto r = qi::analyse_runs({1, 2, 5, 5, 6, kMissing, 9, 3}, 5.0);
    EXPECT_EQ(r.n_obs, 8U);
    EXPECT_EQ(r.n_useful, 5U);
    EXPECT_EQ(r.longest_run, 2U);
    EXPECT_EQ(r.n_crossings, 2U);  // runs: --, ++, -
}

TEST(QiAnhoej, NoUsefulPointsMeansNoStatisticsAndNoSignal) {
    const auto all_equal = qi::analyse_runs(values({4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4}), 4.0);
    EXPECT_EQ(all_equal.n_obs, 12U);
    EXPECT_EQ(all_equal.n_useful, 0U);
    EXPECT_FALSE(all_equal.longest_run.has_value());
    EXPECT_FALSE(all_equal.longest_run_max.has_value());
    EXPECT_FALSE(all_equal.n_crossings.has_value());
    EXPECT_FALSE(all_equal.n_crossings_min.has_value());
    EXPECT_FALSE(all_equal.runs_signal);

    const auto empty = qi::analyse_runs({}, 1.0);
    EXPECT_EQ(empty.n_obs, 0U);
    EXPECT_FALSE(empty.runs_signal);
    const auto no_centre = qi::analyse_runs(values({1, 2, 3}), std::nullopt);
    EXPECT_EQ(no_centre.n_useful, 0U);
    EXPECT_FALSE(no_centre.runs_signal);
}

TEST(QiAnhoej, LongestRunSignalIsStrict) {
    // 10 useful points: L_max = 6. A run of 6 is not a signal, a run of 7 is.
    //   + + + + + + - + - +   (6 above, then alternating: 4 crossings >= C_min 2)
    const auto six = qi::analyse_runs(values({1, 1, 1, 1, 1, 1, -1, 1, -1, 1}), 0.0);
    EXPECT_EQ(six.longest_run, 6U);
    EXPECT_EQ(six.longest_run_max, 6U);
    EXPECT_FALSE(six.runs_signal);
    //   + + + + + + + - + -
    const auto seven = qi::analyse_runs(values({1, 1, 1, 1, 1, 1, 1, -1, 1, -1}), 0.0);
    EXPECT_EQ(seven.longest_run, 7U);
    EXPECT_TRUE(seven.runs_signal);
}

TEST(QiAnhoej, CrossingsSignalIsStrict) {
    // 12 useful points: C_min = 3, L_max = 7.
    //   + + + - - - + + + - - -   3 crossings: no signal
    const auto three = qi::analyse_runs(values({1, 1, 1, -1, -1, -1, 1, 1, 1, -1, -1, -1}), 0.0);
    EXPECT_EQ(three.n_crossings, 3U);
    EXPECT_EQ(three.n_crossings_min, 3U);
    EXPECT_FALSE(three.runs_signal);
    //   + + + + - - - - - + + +   2 crossings: signal
    const auto two = qi::analyse_runs(values({1, 1, 1, 1, -1, -1, -1, -1, -1, 1, 1, 1}), 0.0);
    EXPECT_EQ(two.n_crossings, 2U);
    EXPECT_EQ(two.longest_run, 5U);
    EXPECT_TRUE(two.runs_signal);
}

TEST(QiAnhoej, FewerThanTenPointsAreStillAnalysed) {
    // 5 useful points: L_max 5, C_min 0; a single run of 5 is no signal, of 6 points (n = 6:
    // L_max = round(2.58) + 3 = 6) neither.
    const auto r = qi::analyse_runs(values({2, 2, 2, 2, 2}), 0.0);
    EXPECT_EQ(r.longest_run, 5U);
    EXPECT_EQ(r.n_crossings, 0U);
    EXPECT_FALSE(r.runs_signal);
}

TEST(QiAnhoej, TheLongestRunIsFoundWhereItLies) {
    // position:  0  1  2  3  4  5  6  7  8  9
    // value:     1 -1  1  1  0  1  -  1 -1 -1     (0 on the centre, - missing)
    // side:      +  -  +  +  .  +  .  +  -  -
    //                  |------ run of 4 -----|    points on the centre and missing points
    //                                             neither count nor break the run
    const auto span = qi::longest_run({1, -1, 1, 1, 0, 1, kMissing, 1, -1, -1}, 0.0);
    ASSERT_TRUE(span.has_value());
    EXPECT_EQ(span->first, 2U);
    EXPECT_EQ(span->last, 7U);
    EXPECT_EQ(span->length, 4U);
    EXPECT_EQ(span->side, 1);
    EXPECT_EQ(span->length, qi::analyse_runs({1, -1, 1, 1, 0, 1, kMissing, 1, -1, -1}, 0.0).longest_run);
    // Of two runs as long, the first; no useful point, no run.
    const auto tie = qi::longest_run(values({-1, -1, 1, 1}), 0.0);
    ASSERT_TRUE(tie.has_value());
    EXPECT_EQ(tie->side, -1);
    EXPECT_FALSE(qi::longest_run(values({0, 0}), 0.0).has_value());
}

// --- IHI rules --------------------------------------------------------------------------------

TEST(QiIhi, ShiftOfSixUsefulPointsIgnoringPointsOnTheMedian) {
    //  index: 0 1 2 3 4 5 6 7 8 9
    //  value: 6 7 5 8 9 6 7 4 6 6   median 5
    //  side:  + + . + + + + - + +   six + with a point on the median inside: flagged, not the median point
    const auto flags = qi::ihi_shift(values({6, 7, 5, 8, 9, 6, 7, 4, 6, 6}), 5.0);
    const std::vector<bool> expected = {true, true, false, true, true, true, true, false, false, false};
    EXPECT_EQ(flags, expected);
}

TEST(QiIhi, FiveUsefulPointsAreNotAShift) {
    const auto flags = qi::ihi_shift({6, 7, kMissing, 8, 9, 6, 4}, 5.0);
    EXPECT_EQ(flags, std::vector<bool>(7, false));
}

TEST(QiIhi, TrendOfFiveRisingPoints) {
    //  1 2 3 4 5 4   five rising: points 0..4 flagged
    EXPECT_EQ(qi::ihi_trend(values({1, 2, 3, 4, 5, 4})), (std::vector<bool>{true, true, true, true, true, false}));
    //  1 2 3 4 3     four: no trend
    EXPECT_EQ(qi::ihi_trend(values({1, 2, 3, 4, 3})), std::vector<bool>(5, false));
}

TEST(QiIhi, EqualValuesNeitherCountNorBreakATrend) {
    //  9 8 8 7 6 5 9   falling 9 8 7 6 5 with a repeated 8: a trend of five, the repeat inside it
    EXPECT_EQ(qi::ihi_trend(values({9, 8, 8, 7, 6, 5, 9})),
              (std::vector<bool>{true, true, true, true, true, true, false}));
    //  1 2 2 3 4 1   only four distinct rising values: no trend
    EXPECT_EQ(qi::ihi_trend(values({1, 2, 2, 3, 4, 1})), std::vector<bool>(6, false));
}

TEST(QiIhi, AValueRepeatedAtTheEndOfATrendIsFlaggedWithIt) {
    // QI.md, IHI trend: "including a value repeated at either end of it (29.4, 29.4 closing a
    // rising trend: both flagged)".
    EXPECT_EQ(qi::ihi_trend(values({25.1, 26.0, 27.3, 28.2, 29.4, 29.4})), std::vector<bool>(6, true));
    //  a repeat at the end, then a fall that is not a trend: the repeat is flagged, the fall not
    EXPECT_EQ(qi::ihi_trend(values({1, 2, 3, 4, 5, 5, 5, 2})),
              (std::vector<bool>{true, true, true, true, true, true, true, false}));
    //  repeated at the start, as before
    EXPECT_EQ(qi::ihi_trend(values({1, 1, 2, 3, 4, 5})), std::vector<bool>(6, true));
    //  the repeat with a missing point between: the missing point is not flagged
    EXPECT_EQ(qi::ihi_trend({1, 2, 3, 4, 5, kMissing, 5}),
              (std::vector<bool>{true, true, true, true, true, false, true}));
    //  a repeated value at the end of four rising points is still no trend
    EXPECT_EQ(qi::ihi_trend(values({1, 2, 3, 4, 4, 4})), std::vector<bool>(6, false));
}

TEST(QiIhi, TheTurningPointBelongsToBothTrends) {
    //  1 2 3 4 5 4 3 2 1
    EXPECT_EQ(qi::ihi_trend(values({1, 2, 3, 4, 5, 4, 3, 2, 1})), std::vector<bool>(9, true));
    //  missing points are skipped: 1 2 - 3 4 5
    EXPECT_EQ(qi::ihi_trend({1, 2, kMissing, 3, 4, 5}), (std::vector<bool>{true, true, false, true, true, true}));
}

TEST(QiIhi, RunsLimitsFromTheExactDistribution) {
    EXPECT_FALSE(qi::ihi_runs_limits(9).has_value());
    struct Row {
        std::size_t n, lower, upper;
    };
    // The values the worked examples use (exact Swed-Eisenhart, balanced split, 2.5 % a tail).
    for (const Row& r : std::vector<Row>{{10, 3, 9},
                                         {12, 4, 10},
                                         {13, 4, 11},
                                         {16, 5, 13},
                                         {19, 6, 15},
                                         {20, 7, 15},
                                         {31, 11, 22},
                                         {32, 12, 22},
                                         {36, 13, 25}}) {
        const auto limits = qi::ihi_runs_limits(r.n);
        ASSERT_TRUE(limits.has_value());
        EXPECT_EQ(limits->lower, r.lower) << "n = " << r.n;
        EXPECT_EQ(limits->upper, r.upper) << "n = " << r.n;
    }
    // With as many points above as below the distribution is symmetric about n/2 + 1, on
    // both sides of the switch from whole numbers to logarithms at 60.
    for (std::size_t n = 10; n <= 200; n += 2) {
        const auto limits = qi::ihi_runs_limits(n);
        ASSERT_TRUE(limits.has_value());
        EXPECT_EQ(limits->lower + limits->upper, n + 2) << "n = " << n;
    }
}

TEST(QiIhi, RunChartReportsTooFewRuns) {
    // 12 points, median 6.5: six below then six above, 2 runs against a lower limit of 4.
    auto o = chart_options(ChartType::run);
    const auto chart = qi::compute_chart(series(values({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})), o);
    ASSERT_EQ(chart.ihi.size(), 1U);
    EXPECT_DOUBLE_EQ(*chart.ihi[0].median, 6.5);
    EXPECT_EQ(chart.ihi[0].n_runs, 2U);
    EXPECT_TRUE(chart.ihi[0].too_few_runs);
    EXPECT_FALSE(chart.ihi[0].too_many_runs);
    EXPECT_TRUE(chart.ihi[0].shift_signal);
    EXPECT_TRUE(chart.ihi[0].trend_signal);
    EXPECT_TRUE(chart.points[0].ihi_shift);
    EXPECT_TRUE(chart.points[11].ihi_trend);
}

// --- Data preparation -------------------------------------------------------------------------

TEST(QiData, RowsWithTheSameXFormOneSubgroupInXOrder) {
    const std::vector<qi::Observation> rows = {
        {3, 10.0, std::nullopt, ""}, {1, 1.0, std::nullopt, ""}, {3, 20.0, std::nullopt, ""},
        {1, 5.0, std::nullopt, ""},  {1, 3.0, std::nullopt, ""}, {2, kMissing, std::nullopt, ""},
    };
    auto o = chart_options(ChartType::run);
    auto groups = qi::prepare_subgroups(rows, o);
    ASSERT_EQ(groups.size(), 3U);
    EXPECT_EQ(groups[0].x, 1);
    EXPECT_DOUBLE_EQ(*groups[0].value, 3);  // mean of 1, 5, 3
    EXPECT_EQ(groups[0].y_length, 3U);
    EXPECT_DOUBLE_EQ(*groups[0].y_sd, 2);
    EXPECT_FALSE(groups[1].value.has_value());  // nothing left: missing
    EXPECT_EQ(groups[1].y_length, 0U);
    EXPECT_DOUBLE_EQ(*groups[2].value, 15);

    o.aggregation = qi::Aggregation::median;
    groups = qi::prepare_subgroups(rows, o);
    EXPECT_DOUBLE_EQ(*groups[0].value, 3);
    EXPECT_DOUBLE_EQ(*groups[2].value, 15);  // mean of the middle two
    o.aggregation = qi::Aggregation::sum;
    groups = qi::prepare_subgroups(rows, o);
    EXPECT_DOUBLE_EQ(*groups[0].value, 9);
    EXPECT_DOUBLE_EQ(*groups[2].value, 30);
    EXPECT_FALSE(groups[1].value.has_value());
}

TEST(QiData, DenominatorsGiveSumOverSumAndIncompleteRowsAreDropped) {
    const std::vector<qi::Observation> rows = {
        {1, 2.0, 10.0, ""},      {1, 3.0, 40.0, ""},  // 5 / 50
        {1, 7.0, kMissing, ""},                       // no n: dropped, y too
        {2, kMissing, 30.0, ""},                      // no y: dropped, n too
        {3, 0.0, 0.0, ""},                            // n = 0: no proportion
    };
    auto o = chart_options(ChartType::p);
    const auto groups = qi::prepare_subgroups(rows, o);
    ASSERT_EQ(groups.size(), 3U);
    EXPECT_DOUBLE_EQ(*groups[0].value, 0.1);
    EXPECT_DOUBLE_EQ(*groups[0].y_sum, 5);
    EXPECT_DOUBLE_EQ(*groups[0].n, 50);
    EXPECT_FALSE(groups[1].value.has_value());
    EXPECT_FALSE(groups[1].n.has_value());
    EXPECT_FALSE(groups[2].value.has_value());
    EXPECT_DOUBLE_EQ(*groups[2].n, 0);
}

TEST(QiData, MultiplyScalesValuesCentreAndLimitsButNotTheRunsAnalysis) {
    auto o = chart_options(ChartType::u);
    o.multiply = 1000;
    const auto chart = qi::compute_chart(ratios({1, 2, 3}, {100, 100, 100}), o);
    EXPECT_DOUBLE_EQ(*chart.points[0].y, 10);
    EXPECT_DOUBLE_EQ(*chart.points[0].cl, 20);
    EXPECT_NEAR(*chart.points[0].ucl, 1000 * (0.02 + 3 * std::sqrt(0.02 / 100)), kTol);
    EXPECT_EQ(chart.runs[0].n_useful, 2U);  // 0.02 is on the centre, multiplied or not
}

TEST(QiData, PartsFromBreaks) {
    EXPECT_EQ(qi::parts_from_breaks({3}, 5), (std::vector<int>{1, 1, 1, 2, 2}));
    // Breaks at 0, at the last point or beyond, and repeated ones change nothing.
    EXPECT_EQ(qi::parts_from_breaks({0, 5, 9, 2, 2}, 5), (std::vector<int>{1, 1, 2, 2, 2}));
    EXPECT_TRUE(qi::parts_from_breaks({1}, 0).empty());
}

TEST(QiData, PartsFromLabelsStartAtTheFirstAppearanceOfEachNewLabel) {
    EXPECT_EQ(qi::parts_from_label_list({"pre", "pre", "post", "post", "pre", "later"}),
              (std::vector<int>{1, 1, 2, 2, 2, 3}));
}

TEST(QiData, EachPartHasItsOwnMedianAndFreezeIsIgnored) {
    auto rows = series(values({1, 2, 3, 10, 20, 30, 40}));
    for (std::size_t k = 0; k < rows.size(); ++k) rows[k].part_label = k < 3 ? "before" : "after";
    auto o = chart_options(ChartType::run);
    o.parts_from_labels = true;
    o.freeze = 2;
    const auto chart = qi::compute_chart(rows, o);
    EXPECT_TRUE(chart.freeze_ignored);
    ASSERT_EQ(chart.runs.size(), 2U);
    EXPECT_DOUBLE_EQ(*chart.points[0].cl, 2);
    EXPECT_DOUBLE_EQ(*chart.points[3].cl, 25);  // mean of the middle two of four
    EXPECT_EQ(chart.points[3].part, 2);
    EXPECT_TRUE(chart.points[6].baseline);
    EXPECT_EQ(chart.runs[0].n_useful, 2U);
    EXPECT_EQ(chart.runs[1].n_useful, 4U);
    EXPECT_EQ(chart.runs[1].part, 2);
}

// --- Run chart --------------------------------------------------------------------------------

TEST(QiRunChart, FreezeTakesTheMedianFromTheBaselineAndJudgesEveryPoint) {
    //  1 3 2 | 9 9 9 9 9 9 9    baseline 1..3: median 2; the analysis covers all ten points
    auto o = chart_options(ChartType::run);
    o.freeze = 3;
    const auto chart = qi::compute_chart(series(values({1, 3, 2, 9, 9, 9, 9, 9, 9, 9})), o);
    EXPECT_DOUBLE_EQ(*chart.points[9].cl, 2);
    EXPECT_FALSE(chart.points[3].baseline);
    EXPECT_EQ(chart.runs[0].n_obs, 10U);
    EXPECT_EQ(chart.runs[0].n_useful, 9U);  // the 2 is on the median
    EXPECT_EQ(chart.runs[0].longest_run, 8U);
    EXPECT_TRUE(chart.runs[0].runs_signal);
    EXPECT_FALSE(chart.points[0].lcl.has_value());
}

TEST(QiRunChart, ExcludedPointsLeaveTheMedianAndTheAnalysisButStayPlotted) {
    auto o = chart_options(ChartType::run);
    o.exclude = {2};
    const auto chart = qi::compute_chart(series(values({1, 100, 3, 5})), o);
    EXPECT_DOUBLE_EQ(*chart.points[0].cl, 3);  // median of 1, 3, 5
    EXPECT_FALSE(chart.points[1].include);
    EXPECT_DOUBLE_EQ(*chart.points[1].y, 100);
    EXPECT_EQ(chart.runs[0].n_obs, 3U);
    EXPECT_EQ(chart.runs[0].n_useful, 2U);
}

TEST(QiRunChart, AllMissingGivesNoCentreAndNoSignal) {
    const auto chart = qi::compute_chart(series({kMissing, kMissing}), chart_options(ChartType::run));
    EXPECT_FALSE(chart.points[0].cl.has_value());
    EXPECT_EQ(chart.runs[0].n_obs, 2U);
    EXPECT_EQ(chart.runs[0].n_useful, 0U);
    EXPECT_FALSE(chart.runs[0].runs_signal);
}

// --- I and MR charts --------------------------------------------------------------------------

TEST(QiIChart, ScreenedAndUnscreenedMovingRanges) {
    //  1 2 1 2 1 2 1 2 1 20: MRs 1 x 8 and 19, AMR 3; screened: 19 >= 3.267 x 3 is dropped, AMR 1.
    const auto ys = values({1, 2, 1, 2, 1, 2, 1, 2, 1, 20});
    auto o = chart_options(ChartType::i);
    const auto screened = qi::compute_chart(series(ys), o);
    EXPECT_TRUE(screened.screened_mr);
    EXPECT_NEAR(*screened.points[0].cl, 3.3, kTol);
    EXPECT_NEAR(*screened.points[0].ucl, 3.3 + 3 / 1.128, kTol);
    EXPECT_NEAR(*screened.points[0].lcl, 3.3 - 3 / 1.128, kTol);
    EXPECT_NEAR(*screened.points[0].ucl_95, 3.3 + 2 / 1.128, kTol);
    EXPECT_TRUE(screened.points[9].sigma_signal);
    o.screened_mr = false;
    const auto unscreened = qi::compute_chart(series(ys), o);
    EXPECT_FALSE(unscreened.screened_mr);
    EXPECT_NEAR(*unscreened.points[0].ucl, 3.3 + 9 / 1.128, kTol);
    EXPECT_TRUE(unscreened.points[9].sigma_signal);  // 20 > 11.28
}

TEST(QiIChart, MovingRangesSpanExcludedPointsButNotMissingOnes) {
    // 1 100 3 with 100 excluded: one MR |3 - 1| = 2; the excluded point is still tested.
    auto o = chart_options(ChartType::i);
    o.exclude = {2};
    const auto excluded = qi::compute_chart(series(values({1, 100, 3})), o);
    EXPECT_DOUBLE_EQ(*excluded.points[0].cl, 2);
    EXPECT_NEAR(*excluded.points[0].ucl, 2 + 3 * 2 / 1.128, kTol);
    EXPECT_TRUE(excluded.points[1].sigma_signal);
    EXPECT_FALSE(excluded.points[1].include);

    // 1 - 3 4: the MRs touching the missing point are missing; only |4 - 3| = 1 is left.
    const auto missing = qi::compute_chart(series({1, kMissing, 3, 4}), chart_options(ChartType::i));
    EXPECT_NEAR(*missing.points[0].cl, 8.0 / 3, kTol);
    EXPECT_NEAR(*missing.points[0].ucl, 8.0 / 3 + 3 / 1.128, kTol);
    EXPECT_FALSE(missing.points[1].y.has_value());
    EXPECT_FALSE(missing.points[1].sigma_signal);
    EXPECT_EQ(missing.runs[0].n_obs, 4U);
    EXPECT_EQ(missing.runs[0].n_useful, 3U);
}

TEST(QiIChart, FreezeWithExclude) {
    //  point: 1 2  3 4 | 5 6 7 8
    //  value: 1 50 2 3 | 9 9 9 9    freeze 4, exclude 2: baseline 1, 2, 3: mean 2, MRs 1 1
    auto o = chart_options(ChartType::i);
    o.freeze = 4;
    o.exclude = {2};
    const auto chart = qi::compute_chart(series(values({1, 50, 2, 3, 9, 9, 9, 9})), o);
    EXPECT_DOUBLE_EQ(*chart.points[7].cl, 2);
    EXPECT_NEAR(*chart.points[7].ucl, 2 + 3 / 1.128, kTol);
    EXPECT_TRUE(chart.points[1].sigma_signal);
    EXPECT_TRUE(chart.points[4].sigma_signal);
    EXPECT_TRUE(chart.points[3].baseline);
    EXPECT_FALSE(chart.points[4].baseline);
    EXPECT_EQ(chart.runs[0].n_obs, 7U);
    EXPECT_EQ(chart.runs[0].n_useful, 6U);  // the 2 is on the centre
}

TEST(QiIChart, ConstantSeriesHasZeroWidthAndNoSignals) {
    for (bool screened : {true, false}) {
        auto o = chart_options(ChartType::i);
        o.screened_mr = screened;
        const auto chart = qi::compute_chart(series(values({5, 5, 5, 5, 5})), o);
        ASSERT_TRUE(chart.points[0].ucl.has_value()) << "screened " << screened;
        EXPECT_DOUBLE_EQ(*chart.points[0].ucl, 5);
        EXPECT_DOUBLE_EQ(*chart.points[0].lcl, 5);
        for (const auto& p : chart.points) EXPECT_FALSE(p.sigma_signal);
    }
}

TEST(QiIChart, SinglePointHasNoLimits) {
    const auto chart = qi::compute_chart(series(values({5})), chart_options(ChartType::i));
    EXPECT_DOUBLE_EQ(*chart.points[0].cl, 5);
    EXPECT_FALSE(chart.points[0].ucl.has_value());
    EXPECT_FALSE(chart.points[0].sigma_signal);
}

TEST(QiMrChart, RangesLimitsAndNoRunsSignal) {
    // 29 zeros then 30: 28 ranges of 0 below the centre and one of 30, a run that would signal
    // on any other chart.
    std::vector<double> ys(30, 0.0);
    ys[29] = 30;
    const auto chart = qi::compute_chart(series(values(ys)), chart_options(ChartType::mr));
    EXPECT_FALSE(chart.points[0].y.has_value());
    EXPECT_DOUBLE_EQ(*chart.points[1].y, 0);
    EXPECT_DOUBLE_EQ(*chart.points[0].cl, 30.0 / 29);
    EXPECT_DOUBLE_EQ(*chart.points[0].ucl, 3.267 * 30 / 29);
    EXPECT_DOUBLE_EQ(*chart.points[0].lcl, 0);
    EXPECT_NEAR(*chart.points[0].ucl_95, 3.267 / 3 * 2 * 30 / 29, kTol);
    EXPECT_TRUE(chart.points[29].sigma_signal);
    EXPECT_EQ(chart.runs[0].n_useful, 29U);
    EXPECT_GT(*chart.runs[0].longest_run, *chart.runs[0].longest_run_max);
    EXPECT_FALSE(chart.runs[0].runs_signal);
}

// --- C, U, P and Laney charts -----------------------------------------------------------------

TEST(QiCChart, ExactlyOnALimitIsNotASignalAndTheLowerLimitIsClampedAtZero) {
    //  4 4 4 4 | 10 11 0   freeze 4: centre 4, UCL 4 + 3 x 2 = 10, LCL 4 - 6 -> 0
    auto o = chart_options(ChartType::c);
    o.freeze = 4;
    const auto chart = qi::compute_chart(series(values({4, 4, 4, 4, 10, 11, 0})), o);
    EXPECT_DOUBLE_EQ(*chart.points[0].ucl, 10);
    EXPECT_DOUBLE_EQ(*chart.points[0].lcl, 0);
    EXPECT_DOUBLE_EQ(*chart.points[0].lcl_95, 0);
    EXPECT_DOUBLE_EQ(*chart.points[0].ucl_95, 8);
    EXPECT_FALSE(chart.points[4].sigma_signal);
    EXPECT_TRUE(chart.points[5].sigma_signal);
    EXPECT_FALSE(chart.points[6].sigma_signal);
}

TEST(QiCChart, RowsWithTheSameXAreCounted) {
    const std::vector<qi::Observation> rows = {
        {1, 2.0, std::nullopt, ""}, {1, 3.0, std::nullopt, ""}, {2, 7.0, std::nullopt, ""}};
    const auto chart = qi::compute_chart(rows, chart_options(ChartType::c));
    EXPECT_DOUBLE_EQ(*chart.points[0].y, 5);  // a count adds up, whatever the aggregation
    EXPECT_DOUBLE_EQ(*chart.points[0].cl, 6);
}

TEST(QiPChart, LimitsAreClampedToZeroAndOne) {
    //  centre 0.5; n = 2: sigma 0.354, UCL 1.56 -> 1, LCL -0.56 -> 0; n = 100: 0.35 .. 0.65
    auto o = chart_options(ChartType::p);
    const auto chart = qi::compute_chart(ratios({1, 50}, {2, 100}), o);
    EXPECT_NEAR(*chart.points[0].cl, 51.0 / 102, kTol);
    EXPECT_DOUBLE_EQ(*chart.points[0].ucl, 1);
    EXPECT_DOUBLE_EQ(*chart.points[0].lcl, 0);
    EXPECT_DOUBLE_EQ(*chart.points[0].ucl_95, 1);
    EXPECT_DOUBLE_EQ(*chart.points[0].lcl_95, 0);
    EXPECT_NEAR(*chart.points[1].ucl, 0.5 + 3 * std::sqrt(0.25 / 100), kTol);
}

TEST(QiPChart, ZeroDenominatorHasNoValueAndNoLimits) {
    auto o = chart_options(ChartType::p);
    const auto chart = qi::compute_chart(ratios({1, 0, 3}, {10, 0, 10}), o);
    EXPECT_FALSE(chart.points[1].y.has_value());
    EXPECT_FALSE(chart.points[1].ucl.has_value());
    EXPECT_FALSE(chart.points[1].lcl.has_value());
    EXPECT_FALSE(chart.points[1].sigma_signal);
    EXPECT_DOUBLE_EQ(*chart.points[1].cl, 0.2);
    EXPECT_DOUBLE_EQ(*chart.points[1].n, 0);
    EXPECT_EQ(chart.runs[0].n_obs, 3U);
    EXPECT_EQ(chart.runs[0].n_useful, 2U);
}

TEST(QiUChart, LowerLimitIsClampedAtZeroOnly) {
    //  centre 1 per unit; n = 1: 1 +- 3 -> LCL 0, UCL 4 (no upper clamp for rates)
    const auto chart = qi::compute_chart(ratios({1, 1}, {1, 1}), chart_options(ChartType::u));
    EXPECT_DOUBLE_EQ(*chart.points[0].lcl, 0);
    EXPECT_DOUBLE_EQ(*chart.points[0].ucl, 4);
    EXPECT_DOUBLE_EQ(*chart.points[0].ucl_95, 3);
}

TEST(QiLaney, PrimeSigmaIsTheMovingRangeOfZScores) {
    //  U': y 10 20 30 per 100 (n = 100 each): centre 0.2, sigma_i = sqrt(0.2 / 100) = 0.04472
    //  z = -2.236, 0, 2.236; MRs 2.236, 2.236; sigma_z = 2.236 / 1.128
    auto o = chart_options(ChartType::up);
    const auto chart = qi::compute_chart(ratios({10, 20, 30}, {100, 100, 100}), o);
    const double sigma = std::sqrt(0.2 / 100);
    const double sigma_z = (0.1 / sigma) / 1.128;
    EXPECT_NEAR(*chart.points[0].ucl, 0.2 + 3 * sigma * sigma_z, kTol);
    EXPECT_NEAR(*chart.points[0].lcl, std::max(0.0, 0.2 - 3 * sigma * sigma_z), kTol);
    // The same for P' with the binomial sigma.
    o.chart = ChartType::pp;
    const auto p = qi::compute_chart(ratios({10, 20, 30}, {100, 100, 100}), o);
    const double p_sigma = std::sqrt(0.2 * 0.8 / 100);
    EXPECT_NEAR(*p.points[0].ucl, 0.2 + 3 * p_sigma * ((0.1 / p_sigma) / 1.128), kTol);
}

// --- Xbar and S charts ------------------------------------------------------------------------

TEST(QiXbarS, ConstantSubgroupSizeUsesTheTabulatedConstants) {
    //  three subgroups of two: (0, 2) (1, 3) (2, 4): means 1 2 3, sd sqrt(2) each
    std::vector<qi::Observation> rows;
    for (int g = 0; g < 3; ++g) {
        rows.push_back({static_cast<double>(g + 1), static_cast<double>(g), std::nullopt, ""});
        rows.push_back({static_cast<double>(g + 1), static_cast<double>(g + 2), std::nullopt, ""});
    }
    const auto xbar = qi::compute_chart(rows, chart_options(ChartType::xbar));
    EXPECT_DOUBLE_EQ(*xbar.points[0].cl, 2);
    EXPECT_NEAR(*xbar.points[0].ucl, 2 + 2.659 * std::sqrt(2.0), 1e-3);  // A3(2) = 2.659
    EXPECT_EQ(xbar.points[0].y_length, 2U);
    const auto s = qi::compute_chart(rows, chart_options(ChartType::s));
    EXPECT_NEAR(*s.points[0].y, std::sqrt(2.0), kTol);
    EXPECT_NEAR(*s.points[0].ucl, 3.267 * std::sqrt(2.0), 1e-3);  // B4(2) = 3.267
    EXPECT_DOUBLE_EQ(*s.points[0].lcl, 0);                        // B3(2) = 0
}

TEST(QiXbarS, SubgroupsOfOneHaveNoLimits) {
    const auto chart = qi::compute_chart(series(values({1, 2, 3})), chart_options(ChartType::xbar));
    EXPECT_FALSE(chart.points[0].ucl.has_value());
    EXPECT_FALSE(chart.points[0].sigma_signal);
}

// --- Options --------------------------------------------------------------------------------

TEST(QiOptions, InvalidOptionsAreRejected) {
    auto o = chart_options(ChartType::run);
    o.multiply = 0;
    EXPECT_THROW(qi::compute_chart(series(values({1})), o), waymark::core::Error);
    o.multiply = 1;
    o.freeze = 0;
    EXPECT_THROW(qi::compute_chart(series(values({1})), o), waymark::core::Error);
    auto p = chart_options(ChartType::p);
    p.has_denominator = false;
    EXPECT_THROW(qi::compute_chart(series(values({1})), p), waymark::core::Error);
}

TEST(QiOptions, NamesRoundTrip) {
    for (auto type : {ChartType::run, ChartType::i, ChartType::mr, ChartType::c, ChartType::u, ChartType::p,
                      ChartType::up, ChartType::pp, ChartType::xbar, ChartType::s}) {
        EXPECT_EQ(qi::try_parse_chart_type(qi::to_string(type)), type);
    }
    EXPECT_FALSE(qi::try_parse_chart_type("g").has_value());
    EXPECT_EQ(qi::try_parse_aggregation("median"), qi::Aggregation::median);
    EXPECT_FALSE(qi::try_parse_aggregation("sd").has_value());
    for (const auto direction :
         {qi::ImprovementDirection::increase, qi::ImprovementDirection::decrease, qi::ImprovementDirection::neutral}) {
        EXPECT_EQ(qi::try_parse_direction(qi::to_string(direction)), direction);
    }
    EXPECT_EQ(qi::to_string(qi::ImprovementDirection::decrease), "decrease");
    EXPECT_FALSE(qi::try_parse_direction("up").has_value());
}

TEST(QiOptions, EmptyInputGivesAnEmptyChart) {
    const auto chart = qi::compute_chart({}, chart_options(ChartType::i));
    EXPECT_TRUE(chart.points.empty());
    EXPECT_TRUE(chart.runs.empty());
}

}  // namespace

// --- Making Data Count ----------------------------------------------------------------------

namespace {

qi::MdcOptions mdc(qi::ImprovementDirection direction) {
    qi::MdcOptions o;
    o.direction = direction;
    return o;
}

// count values alternating a, b, a, b, ...
std::vector<double> alternating(std::size_t count, double a, double b) {
    std::vector<double> ys(count);
    for (std::size_t k = 0; k < count; ++k) ys[k] = k % 2 == 0 ? a : b;
    return ys;
}

}  // namespace

TEST(QiMdc, LimitsUse266AndTheNearBandTwoThirdsOfTheWay) {
    //  10 12 10 12 ... (16 points): mean 11, AMR 2, limits 11 +- 5.32, near band 11 +- 3.5467
    std::vector<double> ys = alternating(16, 10, 12);
    const auto chart = qi::compute_mdc_chart(series(values(ys)), mdc(qi::ImprovementDirection::neutral));
    EXPECT_DOUBLE_EQ(*chart.points[0].mean, 11);
    EXPECT_NEAR(*chart.points[0].upl, 11 + 2.66 * 2, kTol);
    EXPECT_NEAR(*chart.points[0].lpl, 11 - 2.66 * 2, kTol);
    EXPECT_EQ(chart.points[0].relative_to_mean, -1);
    EXPECT_FALSE(chart.points[0].close_to_limits);
    EXPECT_EQ(chart.variation_icon, qi::VariationIcon::common_cause);
    EXPECT_FALSE(chart.assurance_icon.has_value());
    EXPECT_FALSE(chart.short_group_warning);
}

// Twelve points alternating 0 and 20, the limits fixed on them: mean 10, AMR 20, limits
// 10 +- 53.2 and the near band from 10 +- 35.47, wide enough that the later points test one
// rule at a time.
std::vector<double> wide_baseline_then(const std::vector<double>& later) {
    std::vector<double> ys = alternating(12, 0, 20);
    ys.insert(ys.end(), later.begin(), later.end());
    return ys;
}

qi::MdcOptions fixed_on_baseline(qi::ImprovementDirection direction) {
    auto o = mdc(direction);
    o.fix_after_n_points = 12;
    return o;
}

TEST(QiMdc, SevenPointTrendEqualValuesBreakItAndTheLengthIsConfigurable) {
    auto o = fixed_on_baseline(qi::ImprovementDirection::decrease);
    //  ... 3 4 5 6 7 8 9: seven rising points, below the mean, with lower values better
    const auto chart = qi::compute_mdc_chart(series(values(wide_baseline_then({3, 4, 5, 6, 7, 8, 9}))), o);
    EXPECT_DOUBLE_EQ(*chart.points[0].mean, 10);
    EXPECT_NEAR(*chart.points[0].upl, 10 + 2.66 * 20, kTol);
    EXPECT_EQ(chart.points[11].special_cause_type, qi::MdcRule::common_cause);
    for (std::size_t k = 12; k < 19; ++k) {
        EXPECT_EQ(chart.points[k].special_cause_type, qi::MdcRule::trend_increasing) << k;
        // a rising trend is a concern when lower is better, whichever side of the mean it is on
        EXPECT_EQ(chart.points[k].point_type, qi::MdcPointType::special_cause_concern) << k;
    }
    EXPECT_EQ(chart.variation_icon, qi::VariationIcon::concern_high);
    //  ... 3 4 5 5 6 7 8 9: the repeated 5 breaks it (the longest rise is 5 6 7 8 9)
    const auto broken = qi::compute_mdc_chart(series(values(wide_baseline_then({3, 4, 5, 5, 6, 7, 8, 9}))), o);
    for (const auto& p : broken.points) EXPECT_NE(p.special_cause_type, qi::MdcRule::trend_increasing);
    //  six rising points are a trend when the length is 6, not when it is 7
    const auto ys = values(wide_baseline_then({7, 8, 9, 11, 12, 13, 1}));  // no shift either
    EXPECT_EQ(qi::compute_mdc_chart(series(ys), o).points[12].special_cause_type, qi::MdcRule::common_cause);
    o.trend_length = 6;
    EXPECT_EQ(qi::compute_mdc_chart(series(ys), o).points[12].special_cause_type, qi::MdcRule::trend_increasing);
}

TEST(QiMdc, AFallingTrendIsAnImprovementWhenLowerIsBetter) {
    const auto ys = values(wide_baseline_then({17, 16, 15, 14, 13, 12, 11}));
    const auto chart = qi::compute_mdc_chart(series(ys), fixed_on_baseline(qi::ImprovementDirection::decrease));
    EXPECT_EQ(chart.points[18].special_cause_type, qi::MdcRule::trend_decreasing);
    EXPECT_EQ(chart.points[18].point_type, qi::MdcPointType::special_cause_improvement);
    EXPECT_EQ(chart.variation_icon, qi::VariationIcon::improvement_low);
}

TEST(QiMdc, ShiftOfSevenIsBrokenByAPointOnTheMean) {
    const auto o = fixed_on_baseline(qi::ImprovementDirection::neutral);
    const auto seven = qi::compute_mdc_chart(series(values(wide_baseline_then({11, 11, 11, 11, 11, 11, 11}))), o);
    EXPECT_EQ(seven.points[12].special_cause_type, qi::MdcRule::shift_above);
    EXPECT_EQ(seven.points[18].special_cause_type, qi::MdcRule::shift_above);
    EXPECT_EQ(seven.points[18].point_type, qi::MdcPointType::special_cause_neutral_high);
    EXPECT_EQ(seven.variation_icon, qi::VariationIcon::neutral_high);
    //  three above, one on the mean, three above: no shift
    const auto broken = qi::compute_mdc_chart(series(values(wide_baseline_then({11, 11, 11, 10, 11, 11, 11}))), o);
    EXPECT_EQ(broken.points[15].relative_to_mean, 0);
    for (const auto& p : broken.points) EXPECT_NE(p.special_cause_type, qi::MdcRule::shift_above);
    EXPECT_FALSE(broken.short_group_warning);  // 19 points
}

TEST(QiMdc, TwoInThreeFlagsOnlyTheClosePoints) {
    //  alternating 10 / 12 sets mean 11, limits 11 +- 5.32, band from 14.55; then 15 12 15
    std::vector<double> ys = alternating(20, 10, 12);
    ys.insert(ys.end(), {15, 12, 15});
    auto o = mdc(qi::ImprovementDirection::increase);
    o.fix_after_n_points = 20;  // keep the limits of the alternating part
    const auto chart = qi::compute_mdc_chart(series(values(ys)), o);
    EXPECT_EQ(chart.points[20].special_cause_type, qi::MdcRule::two_in_three_above);
    EXPECT_EQ(chart.points[21].special_cause_type, qi::MdcRule::common_cause);
    EXPECT_EQ(chart.points[22].special_cause_type, qi::MdcRule::two_in_three_above);
    EXPECT_EQ(chart.points[22].point_type, qi::MdcPointType::special_cause_improvement);
    EXPECT_EQ(chart.variation_icon, qi::VariationIcon::improvement_high);
}

TEST(QiMdc, RebaseStartsANewGroupAtTheRebasePoint) {
    auto o = mdc(qi::ImprovementDirection::increase);
    o.rebase_x = {4};
    const auto chart = qi::compute_mdc_chart(series(values({1, 2, 3, 10, 20, 30})), o);
    ASSERT_EQ(chart.points.size(), 6U);
    EXPECT_EQ(chart.points[2].rebase_group, 0);
    EXPECT_EQ(chart.points[3].rebase_group, 1);
    ASSERT_EQ(chart.groups.size(), 2U);
    EXPECT_DOUBLE_EQ(*chart.groups[0].mean, 2);
    EXPECT_DOUBLE_EQ(*chart.groups[1].mean, 20);
    EXPECT_EQ(chart.groups[1].n, 3U);
    EXPECT_TRUE(chart.short_group_warning);
}

TEST(QiMdc, AssuranceComparesTheTargetWithTheLatestLimits) {
    std::vector<double> ys = alternating(16, 10, 12);  // limits 5.68 .. 16.32
    auto o = mdc(qi::ImprovementDirection::increase);
    o.target = 20;
    EXPECT_EQ(qi::compute_mdc_chart(series(values(ys)), o).assurance_icon, qi::AssuranceIcon::fail);
    o.target = 2;
    EXPECT_EQ(qi::compute_mdc_chart(series(values(ys)), o).assurance_icon, qi::AssuranceIcon::pass);
    o.target = 11;
    EXPECT_EQ(qi::compute_mdc_chart(series(values(ys)), o).assurance_icon, qi::AssuranceIcon::inconsistent);
    o.direction = qi::ImprovementDirection::decrease;
    o.target = 20;
    EXPECT_EQ(qi::compute_mdc_chart(series(values(ys)), o).assurance_icon, qi::AssuranceIcon::pass);
    o.direction = qi::ImprovementDirection::neutral;
    EXPECT_FALSE(qi::compute_mdc_chart(series(values(ys)), o).assurance_icon.has_value());
}

TEST(QiMdc, TheChartKeepsTheOptionsItWasComputedWith) {
    auto o = mdc(qi::ImprovementDirection::decrease);
    o.target = 11;
    o.rebase_x = {9};
    const auto chart = qi::compute_mdc_chart(series(values(alternating(16, 10, 12))), o);
    EXPECT_EQ(chart.options.direction, qi::ImprovementDirection::decrease);
    EXPECT_EQ(chart.options.target, 11);
    EXPECT_EQ(chart.options.rebase_x, std::vector<double>{9});
}

TEST(QiMdc, InvalidOptionsAreRejected) {
    auto o = mdc(qi::ImprovementDirection::increase);
    o.fix_after_n_points = 11;
    EXPECT_THROW(qi::compute_mdc_chart(series(values({1, 2})), o), waymark::core::Error);
    o.fix_after_n_points.reset();
    o.trend_length = 1;
    EXPECT_THROW(qi::compute_mdc_chart(series(values({1, 2})), o), waymark::core::Error);
}

TEST(QiMdc, LabelsAreThePackagesNames) {
    EXPECT_EQ(qi::to_string(qi::MdcRule::trend_decreasing), "7 Point Trend (Decreasing)");
    EXPECT_EQ(qi::to_string(qi::MdcRule::two_in_three_below), "2 in 3 Below CL");
    EXPECT_EQ(qi::to_string(qi::MdcRule::common_cause), "Common Cause");
    EXPECT_EQ(qi::to_string(qi::MdcPointType::special_cause_neutral_low), "special_cause_neutral_low");
    EXPECT_EQ(qi::to_string(qi::VariationIcon::concern_low), "concern_low");
    EXPECT_EQ(qi::to_string(qi::AssuranceIcon::inconsistent), "inconsistent");
}
