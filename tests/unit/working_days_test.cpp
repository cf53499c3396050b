// Working days (docs/standards.md "Working days"): Monday to Friday, not a bank holiday of
// the list shipped as data (standards/bank-holidays-england-and-wales.toml). The start day is
// day 0; day 1 is the first working day after it. Every expected date below was worked out by
// hand on a calendar, day by day, and is written out in the comment above its assertion.
#include "app/standards_file.hpp"
#include "core/error.hpp"
#include "core/standards.hpp"

#include <gtest/gtest.h>

#include <string>

using waymark::core::Date;
using waymark::core::WorkingCalendar;

namespace {

const std::string kSource = WAYMARK_SOURCE_DIR;

const WorkingCalendar& england_and_wales() {
    static const auto calendar =
        waymark::app::load_standards_file(kSource + "/standards/england.toml").standards.front().calendar;
    return *calendar;
}

Date d(const char* iso) {
    return Date::parse(iso);
}

std::string error_of(const auto& f) {
    try {
        f();
    } catch (const waymark::core::Error& e) {
        return e.what();
    }
    return "no error";
}

}  // namespace

TEST(WorkingDays, TheShippedListCoversTwoThousandToTwentyTwentySeven) {
    const auto& c = england_and_wales();
    EXPECT_EQ(c.first(), d("2000-01-01"));
    EXPECT_EQ(c.last(), d("2027-12-31"));
    // 8 a year, plus the one-off days of 2002, 2011, 2012, 2022 (two) and 2023.
    EXPECT_EQ(c.holidays().size(), 28u * 8u + 6u);
}

// Easter 2026: Good Friday 3 April and Easter Monday 6 April.
// Day 0 Thu 26 Mar; 1 Fri 27, 2-5 Mon 30 Mar to Thu 2 Apr, (Fri 3, Sat, Sun, Mon 6 skipped),
// 6-9 Tue 7 to Fri 10, 10-14 Mon 13 to Fri 17, 15-19 Mon 20 to Fri 24, 20 Mon 27 April.
TEST(WorkingDays, TwentyAcrossEaster) {
    EXPECT_EQ(england_and_wales().after(d("2026-03-26"), 20), d("2026-04-27"));
    // Without the two holidays it would be four weeks on, Thu 23 April.
    const WorkingCalendar weekdays_only("none", d("2026-01-01"), d("2026-12-31"), {});
    EXPECT_EQ(weekdays_only.after(d("2026-03-26"), 20), d("2026-04-23"));
}

// Christmas 2026: Fri 25 Dec, Boxing Day's substitute Mon 28 Dec, New Year's Day Fri 1 Jan 2027.
// Day 0 Wed 23 Dec; 1 Thu 24, (25, 26, 27, 28 skipped), 2-4 Tue 29 to Thu 31, (Fri 1 Jan
// skipped), 5-9 Mon 4 to Fri 8 Jan, 10-14 11 to 15, 15-19 18 to 22, 20 Mon 25 January 2027.
TEST(WorkingDays, TwentyAcrossChristmasAndNewYear) {
    EXPECT_EQ(england_and_wales().after(d("2026-12-23"), 20), d("2027-01-25"));
}

// 2022's one-off days. Spring bank holiday moved to Thu 2 June and the Platinum Jubilee Fri 3
// June: day 0 Wed 1 June; (2, 3, 4, 5 skipped), 1-5 Mon 6 to Fri 10, 6-10 13 to 17, 11-15 20
// to 24, 16-20 Mon 27 June to Fri 1 July.
// The State Funeral, Mon 19 September: day 0 Fri 16 Sep; (17, 18, 19 skipped), 1-4 Tue 20 to
// Fri 23, 5-9 26 to 30, 10-14 3 to 7 Oct, 15-19 10 to 14 Oct, 20 Mon 17 October.
TEST(WorkingDays, TwentyAcrossTheOneOffDaysOf2022) {
    EXPECT_EQ(england_and_wales().after(d("2022-06-01"), 20), d("2022-07-01"));
    EXPECT_EQ(england_and_wales().after(d("2022-09-16"), 20), d("2022-10-17"));
    EXPECT_FALSE(england_and_wales().is_working_day(d("2022-09-19")));
    EXPECT_FALSE(england_and_wales().is_working_day(d("2022-06-02")));
    EXPECT_TRUE(england_and_wales().is_working_day(d("2022-05-30")));  // the day the spring holiday left
}

// The start day is day 0 even when it is not a working day: from Good Friday 2026, day 1 is
// the first working day after it, Tue 7 April (Sat, Sun and Easter Monday skipped); 0 days is
// the start itself. Backwards: 5 working days before Tue 7 April are Thu 2 (1), Wed 1 (2), Tue
// 31 Mar (3), Mon 30 (4), Fri 27 March (5).
TEST(WorkingDays, TheStartDayIsDayZero) {
    EXPECT_EQ(england_and_wales().after(d("2026-04-03"), 1), d("2026-04-07"));
    EXPECT_EQ(england_and_wales().after(d("2026-04-03"), 0), d("2026-04-03"));
    EXPECT_EQ(england_and_wales().before(d("2026-04-07"), 5), d("2026-03-27"));
}

// From Mon 20 Dec 2027: 21-24 Dec are days 1-4, 27 and 28 Dec are holidays, 29-31 are 5-7, and
// day 8 would be in 2028, which the list does not cover: an error, not a date.
TEST(WorkingDays, CountingPastTheListIsAnError) {
    EXPECT_EQ(england_and_wales().after(d("2027-12-20"), 7), d("2027-12-31"));
    const auto past = error_of([] { (void)england_and_wales().after(d("2027-12-20"), 20); });
    EXPECT_NE(past.find("counting 20 working days after 2027-12-20"), std::string::npos) << past;
    EXPECT_NE(past.find("2000-01-01 to 2027-12-31"), std::string::npos) << past;
    EXPECT_NE(past.find("bank-holidays-england-and-wales.toml"), std::string::npos) << past;
    EXPECT_NE(error_of([] { (void)england_and_wales().after(d("1999-12-30"), 1); }), "no error");
    EXPECT_NE(error_of([] { (void)england_and_wales().before(d("2000-01-05"), 5); }), "no error");
}

TEST(WorkingDays, EnglandsFirstReviewClockNamesItselfWhenItRunsOffTheList) {
    const auto set = waymark::app::load_standards_file(kSource + "/standards/england.toml");
    const auto& first = set.standards.front();
    EXPECT_EQ(first.id, "england-review-first");
    EXPECT_EQ(first.limit.to_string(), "20 working days");
    EXPECT_EQ(first.due_for(d("2026-03-26")), d("2026-04-27"));
    const auto e = error_of([&] { (void)first.due_for(d("2027-12-20")); });
    EXPECT_EQ(e.rfind("standard 'england-review-first': counting 20 working days", 0), 0u) << e;
}

TEST(WorkingDays, ALimitInWorkingDaysNeedsTheList) {
    const auto e = error_of([] {
        waymark::app::parse_standards(R"([[standard]]
id = "x"
title = "x"
start = "accommodated"
stop = "lar"
limit = "20 working days"
)",
                                      "local.toml");
    });
    EXPECT_EQ(
        e,
        "local.toml:6: a limit in working days needs the list of bank holidays: bank_holidays = \"FILE\" at the top");
}

TEST(WorkingDays, TheListNamesItsProblemsByLine) {
    const auto e = error_of([] {
        waymark::app::parse_bank_holidays(R"(first = "2020-01-01"
last = "2020-12-31"
[[holiday]]
date = "2020-12-25"
[[holiday]]
date = "2021-01-01"
)",
                                          "h.toml");
    });
    EXPECT_EQ(e, "h.toml:6: holiday 2021-01-01 is outside the days the list covers (2020-01-01 to 2020-12-31)");
    const auto path = error_of([] {
        waymark::app::parse_standards("bank_holidays = \"../secret.toml\"\n[[standard]]\n", "local.toml",
                                      [](const std::string&) { return std::string(); });
    });
    EXPECT_EQ(path, "local.toml:1: bank_holidays '../secret.toml' must be a file name in the standards file's folder");
}

TEST(WorkingDays, MeasuresRefuseThem) {
    EXPECT_EQ(waymark::core::Limit::try_parse("20 working days"),
              (waymark::core::Limit{20, waymark::core::LimitUnit::working_days}));
    EXPECT_NE(error_of([] {
                  (void)waymark::core::Limit{20, waymark::core::LimitUnit::working_days}.after(d("2026-01-01"));
              }),
              "no error");
}
