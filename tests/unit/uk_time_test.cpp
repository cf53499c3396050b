// UK local time by hand (core/uk_time.hpp): GMT, and BST from 01:00 GMT on the last Sunday of
// March to 01:00 GMT on the last Sunday of October.
#include "core/uk_time.hpp"

#include <gtest/gtest.h>

namespace {

using waymark::core::Date;
using waymark::core::parse_iso_utc;
using waymark::core::uk_display;
using waymark::core::uk_start_of_day;
using waymark::core::uk_time;

std::int64_t at(const char* iso) {
    return parse_iso_utc(iso).value();
}

TEST(UkTime, WinterIsGmt) {
    EXPECT_EQ(uk_display(at("2026-12-07T14:05:09Z")), "7 December 2026, 14:05 GMT");
    EXPECT_EQ(uk_display(at("2027-01-01T00:00:00Z")), "1 January 2027, 00:00 GMT");
}

TEST(UkTime, SummerIsBstAnHourAhead) {
    EXPECT_EQ(uk_display(at("2026-07-01T23:30:00Z")), "2 July 2026, 00:30 BST");
    EXPECT_TRUE(uk_time(at("2026-07-01T12:00:00Z")).summer);
}

// 2026: the last Sunday of March is the 29th, of October the 25th.
TEST(UkTime, BstBeginsAt0100GmtOnTheLastSundayOfMarch) {
    EXPECT_EQ(uk_display(at("2026-03-29T00:59:00Z")), "29 March 2026, 00:59 GMT");
    EXPECT_EQ(uk_display(at("2026-03-29T01:00:00Z")), "29 March 2026, 02:00 BST");
    // Not a Sunday earlier in the month.
    EXPECT_FALSE(uk_time(at("2026-03-22T12:00:00Z")).summer);
}

TEST(UkTime, BstEndsAt0100GmtOnTheLastSundayOfOctober) {
    EXPECT_EQ(uk_display(at("2026-10-25T00:59:00Z")), "25 October 2026, 01:59 BST");
    EXPECT_EQ(uk_display(at("2026-10-25T01:00:00Z")), "25 October 2026, 01:00 GMT");
    EXPECT_TRUE(uk_time(at("2026-10-18T12:00:00Z")).summer);
    // A year whose last Sunday of October is the 31st, and of March the 31st.
    EXPECT_TRUE(uk_time(at("2027-10-31T00:30:00Z")).summer);
    EXPECT_FALSE(uk_time(at("2027-10-31T01:30:00Z")).summer);
    EXPECT_FALSE(uk_time(at("2024-03-31T00:30:00Z")).summer);
    EXPECT_TRUE(uk_time(at("2024-03-31T01:30:00Z")).summer);
}

TEST(UkTime, ADayStartsAtLocalMidnight) {
    EXPECT_EQ(uk_start_of_day(Date(2026, 12, 7)), at("2026-12-07T00:00:00Z"));
    EXPECT_EQ(uk_start_of_day(Date(2026, 7, 2)), at("2026-07-01T23:00:00Z"));
    // The days of the changes start in the time in force at their midnight.
    EXPECT_EQ(uk_start_of_day(Date(2026, 3, 29)), at("2026-03-29T00:00:00Z"));
    EXPECT_EQ(uk_start_of_day(Date(2026, 3, 30)), at("2026-03-29T23:00:00Z"));
    EXPECT_EQ(uk_start_of_day(Date(2026, 10, 25)), at("2026-10-24T23:00:00Z"));
    EXPECT_EQ(uk_start_of_day(Date(2026, 10, 26)), at("2026-10-26T00:00:00Z"));
}

TEST(UkTime, OnlyAnIsoUtcTimeParses) {
    EXPECT_FALSE(parse_iso_utc("2026-12-07 14:05:09"));
    EXPECT_FALSE(parse_iso_utc("2026-13-07T14:05:09Z"));
    EXPECT_FALSE(parse_iso_utc("2026-12-07T24:05:09Z"));
    EXPECT_EQ(parse_iso_utc("1970-01-02T00:00:01Z"), 86401);
}

}  // namespace
