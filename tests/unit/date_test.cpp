#include "core/date.hpp"
#include "core/error.hpp"

#include <gtest/gtest.h>

using waymark::core::Date;
using waymark::core::Days;
using waymark::core::Months;

TEST(Date, ParsesIsoAndDayMonthYear) {
    EXPECT_EQ(Date::parse("2026-11-26").iso(), "2026-11-26");
    EXPECT_EQ(Date::parse("26/11/2026", true).iso(), "2026-11-26");
    EXPECT_FALSE(Date::try_parse("26/11/2026"));  // only where allowed
}

TEST(Date, RejectsImpossibleDays) {
    EXPECT_FALSE(Date::try_parse("2023-02-29"));
    EXPECT_TRUE(Date::try_parse("2024-02-29"));
    EXPECT_FALSE(Date::try_parse("2026-13-01"));
    EXPECT_FALSE(Date::try_parse("2026-04-31"));
    EXPECT_FALSE(Date::try_parse("2026-4-1"));
    EXPECT_FALSE(Date::try_parse("31/02/2026", true));
    EXPECT_FALSE(Date::try_parse(""));
    EXPECT_THROW(Date::parse("2026-02-30"), waymark::core::Error);
}

TEST(Date, DisplaysForPeople) {
    EXPECT_EQ(Date::parse("2026-11-26").display(), "26 Nov 2026");
    EXPECT_EQ(Date::parse("2026-01-05").display(), "5 Jan 2026");
    EXPECT_EQ(Date::parse("2026-12-07").long_display(), "7 December 2026");
    EXPECT_EQ(Date::parse("2028-09-30").long_display(), "30 September 2028");
}

// Months are calendar months; a day missing from the target month becomes its last day.
//
//   31 Jan ──+1 month──> 28 Feb (2023)   29 Feb (2024)
//   31 Aug ──+1 month──> 30 Sep
//   29 Feb 2024 ──+1 year──> 28 Feb 2025
TEST(Date, MonthArithmeticClampsToMonthEnd) {
    EXPECT_EQ((Date::parse("2023-01-31") + Months{1}).iso(), "2023-02-28");
    EXPECT_EQ((Date::parse("2024-01-31") + Months{1}).iso(), "2024-02-29");
    EXPECT_EQ((Date::parse("2026-08-31") + Months{1}).iso(), "2026-09-30");
    EXPECT_EQ((Date::parse("2024-02-29") + waymark::core::years(1)).iso(), "2025-02-28");
    EXPECT_EQ((Date::parse("2026-11-15") + Months{3}).iso(), "2027-02-15");
    EXPECT_EQ((Date::parse("2026-03-31") - Months{1}).iso(), "2026-02-28");
}

TEST(Date, DaysAreExact) {
    EXPECT_EQ((Date::parse("2026-12-25") + Days{14}).iso(), "2027-01-08");
    EXPECT_EQ((Date::parse("2026-01-01") + waymark::core::weeks(6)).iso(), "2026-02-12");
    EXPECT_EQ((Date::parse("2026-03-01") - Date::parse("2026-02-01")).count, 28);
}

TEST(Date, AgeInYears) {
    EXPECT_EQ(waymark::core::age_in_years(Date::parse("2020-02-29"), Date::parse("2021-02-28")), 0);
    EXPECT_EQ(waymark::core::age_in_years(Date::parse("2020-02-29"), Date::parse("2021-03-01")), 1);
}
