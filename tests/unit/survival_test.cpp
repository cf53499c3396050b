// Kaplan-Meier (core/survival.hpp) against R's survival package on its own example data, and
// small cases worked by hand.
#include "core/survival.hpp"

#include <gtest/gtest.h>

namespace {

using waymark::core::kaplan_meier;
using waymark::core::kaplan_meier_curve;
using waymark::core::SurvivalObservation;

// survival::aml, the "Maintained" group (censored times marked +):
// 9, 13, 13+, 18, 23, 28+, 31, 34, 45+, 48, 161+.
// R 4.x: survfit(Surv(time, status) ~ x, data = aml) prints
//   x=Maintained     11  7  31  18  NA       (n, events, median, 0.95LCL, 0.95UCL)
//   x=Nonmaintained  12 11  23   8  NA
TEST(KaplanMeier, AgreesWithRSurvivalOnTheAmlData) {
    const std::vector<SurvivalObservation> maintained = {{9, true},   {13, true},  {13, false}, {18, true},
                                                         {23, true},  {28, false}, {31, true},  {34, true},
                                                         {45, false}, {48, true},  {161, false}};
    auto m = kaplan_meier(maintained);
    EXPECT_EQ(m.n, 11u);
    EXPECT_EQ(m.events, 7u);
    ASSERT_TRUE(m.median);
    EXPECT_DOUBLE_EQ(*m.median, 31);
    ASSERT_TRUE(m.lower);
    EXPECT_DOUBLE_EQ(*m.lower, 18);
    EXPECT_FALSE(m.upper);

    const std::vector<SurvivalObservation> nonmaintained = {{5, true},  {5, true},   {8, true},  {8, true},
                                                            {12, true}, {16, false}, {23, true}, {27, true},
                                                            {30, true}, {33, true},  {43, true}, {45, true}};
    auto n = kaplan_meier(nonmaintained);
    EXPECT_EQ(n.events, 11u);
    ASSERT_TRUE(n.median);
    EXPECT_DOUBLE_EQ(*n.median, 23);
    ASSERT_TRUE(n.lower);
    EXPECT_DOUBLE_EQ(*n.lower, 8);
    EXPECT_FALSE(n.upper);
}

TEST(KaplanMeier, CurveAndGreenwoodIntervalOfTheMaintainedGroup) {
    // R: summary(survfit(Surv(time, status) ~ 1, data = aml[aml$x == "Maintained", ]))
    //  time n.risk n.event survival std.err lower 95% CI upper 95% CI
    //     9     11       1    0.909  0.0867        0.754        1.000
    //    13     10       1    0.818  0.1163        0.619        1.000
    //    18      8       1    0.716  0.1397        0.488        1.000
    //    23      7       1    0.614  0.1526        0.377        0.999
    //    31      5       1    0.491  0.1642        0.255        0.946
    const auto curve = kaplan_meier_curve({{9, true},
                                           {13, true},
                                           {13, false},
                                           {18, true},
                                           {23, true},
                                           {28, false},
                                           {31, true},
                                           {34, true},
                                           {45, false},
                                           {48, true},
                                           {161, false}});
    ASSERT_GE(curve.size(), 4u);
    EXPECT_EQ(curve[2].at_risk, 8u);
    EXPECT_NEAR(curve[0].survival, 0.909, 5e-4);
    EXPECT_NEAR(curve[1].lower, 0.619, 5e-4);
    EXPECT_NEAR(curve[2].survival, 0.716, 5e-4);
    EXPECT_NEAR(curve[2].lower, 0.488, 5e-4);
    EXPECT_NEAR(curve[3].lower, 0.377, 5e-4);
    EXPECT_NEAR(curve[3].upper, 0.999, 5e-4);
    EXPECT_NEAR(curve[4].lower, 0.255, 5e-4);
    EXPECT_NEAR(curve[4].upper, 0.946, 5e-4);
}

TEST(KaplanMeier, NoMedianWhileMoreThanHalfAreStillWaiting) {
    // Four waits, one ended on day 10: S = 0.75 afterwards, so no median yet.
    auto s = kaplan_meier({{10, true}, {20, false}, {30, false}, {40, false}});
    EXPECT_FALSE(s.median);
    EXPECT_EQ(s.events, 1u);
}

TEST(KaplanMeier, ExactlyOneHalfTakesTheMiddleOfTheStepAsRDoes) {
    // Events at 10 and 20 of four: S(10) = 0.75, S(20) = 0.5 exactly, S(30) = 0.25.
    auto s = kaplan_meier({{10, true}, {20, true}, {30, true}, {40, true}});
    ASSERT_TRUE(s.median);
    EXPECT_DOUBLE_EQ(*s.median, 25);
}

TEST(KaplanMeier, EmptyAndAllCensored) {
    EXPECT_FALSE(kaplan_meier({}).median);
    EXPECT_EQ(kaplan_meier({}).n, 0u);
    auto s = kaplan_meier({{5, false}, {6, false}});
    EXPECT_FALSE(s.median);
    EXPECT_FALSE(s.lower);
}

}  // namespace
