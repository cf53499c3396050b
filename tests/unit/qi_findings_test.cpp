// What a run or control chart finds, as data (core/qi_findings.hpp): the long run located, too
// few crossings, the IHI shifts and trends, and the points outside the limits by side.
#include "core/qi_findings.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <vector>

namespace qi = waymark::core::qi;

namespace {

std::vector<qi::Observation> series(const std::vector<double>& ys) {
    std::vector<qi::Observation> rows;
    for (std::size_t k = 0; k < ys.size(); ++k) rows.push_back({static_cast<double>(k + 1), ys[k], std::nullopt, ""});
    return rows;
}

qi::Chart chart_of(qi::ChartType type, const std::vector<double>& ys) {
    qi::ChartOptions o;
    o.chart = type;
    return qi::compute_chart(series(ys), o);
}

}  // namespace

TEST(QiFindings, ALongRunIsLocatedAndFewCrossingsFound) {
    // 12 points, median 6.5: six below then six above. The longest run, 6, is not over the 7
    // chance allows for 12 useful points; 1 crossing is fewer than the 3 expected.
    const qi::Chart chart = chart_of(qi::ChartType::run, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
    const qi::Findings f = qi::find_signals(chart);
    ASSERT_EQ(f.parts.size(), 1U);
    EXPECT_EQ(f.parts[0].part, 1);
    EXPECT_FALSE(f.parts[0].long_run);
    EXPECT_FALSE(f.parts[0].long_run_span.has_value());
    EXPECT_TRUE(f.parts[0].too_few_crossings);
    // The IHI rules: one shift below, one above; one rising trend of all twelve.
    ASSERT_EQ(f.parts[0].shifts.size(), 2U);
    EXPECT_EQ(f.parts[0].shifts[0].count, 6U);
    EXPECT_EQ(f.parts[0].shifts[0].direction, -1);
    EXPECT_EQ(f.parts[0].shifts[1].direction, 1);
    ASSERT_EQ(f.parts[0].trends.size(), 1U);
    EXPECT_EQ(f.parts[0].trends[0].count, 12U);
    EXPECT_EQ(f.parts[0].trends[0].direction, 1);
    EXPECT_FALSE(f.parts[0].outside());
}

TEST(QiFindings, ARunLongerThanChanceIsFoundWhereItLies) {
    // 16 points, median 6: eight above in a row (positions 6 to 13), more than the 7 allowed.
    const qi::Chart chart =
        chart_of(qi::ChartType::run, {1, 2, 1, 2, 1, 2, 10, 10.5, 11, 11.5, 12, 12.5, 13, 13.5, 1, 2});
    const qi::Findings f = qi::find_signals(chart);
    ASSERT_EQ(f.parts.size(), 1U);
    EXPECT_TRUE(f.parts[0].long_run);
    ASSERT_TRUE(f.parts[0].long_run_span.has_value());
    EXPECT_EQ(f.parts[0].long_run_span->side, 1);
    EXPECT_EQ(f.parts[0].long_run_span->first, 6U);
    EXPECT_EQ(f.parts[0].long_run_span->length, 8U);
}

TEST(QiFindings, PointsOutsideTheLimitsBySide) {
    // An I chart of steady values with one high and one low point.
    const qi::Chart chart = chart_of(
        qi::ChartType::i, {10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 40, 10, 11, 10, 11, 10, 11, -20, 10, 11});
    const qi::Findings f = qi::find_signals(chart);
    ASSERT_EQ(f.parts.size(), 1U);
    ASSERT_EQ(f.parts[0].above.size(), 1U);
    EXPECT_EQ(f.parts[0].above[0], 12U);
    ASSERT_EQ(f.parts[0].below.size(), 1U);
    EXPECT_EQ(f.parts[0].below[0], 19U);
    EXPECT_TRUE(f.parts[0].outside());
}
