// Every default standard's edge cases (DOMAIN.md section 5). Each case is drawn above its
// assertions: A = the start event, x = a stop event, | = the due date, ] = the period's end,
// D = the as-of date.
#include "core/measures.hpp"
#include "journey_builder.hpp"

#include <gtest/gtest.h>

using waymark::test::ClockView;
using waymark::test::J;

namespace {

void expect_clock(const ClockView& c, const std::string& status, const std::string& due,
                  const std::string& stopped = "", std::optional<int> late = std::nullopt) {
    EXPECT_EQ(c.status, status);
    EXPECT_EQ(c.due_on, due);
    EXPECT_EQ(c.stopped_on, stopped);
    EXPECT_EQ(c.days_late, late);
}

J accommodated_5_jan() {
    return J().born("2020-01-01").ev("2026-01-05", "accommodated", "placement=foster");
}

}  // namespace

// lar-first: 6 weeks from accommodation, 5 Jan 2026 -> due 16 Feb 2026.
//
//   A 5 Jan ------------------------| 16 Feb
//                                   x           met (on the due day)
//                                    x          met_late by 1 day
TEST(LarFirst, StopOnTheDueDayIsMetAndTheDayAfterIsLate) {
    auto on_due = accommodated_5_jan().ev("2026-02-16", "lar", "kind=standard").clocks("lar-first", "2026-11-26");
    ASSERT_EQ(on_due.size(), 1u);
    expect_clock(on_due[0], "met", "2026-02-16", "2026-02-16");

    auto late = accommodated_5_jan().ev("2026-02-17", "lar").clocks("lar-first", "2026-11-26");
    ASSERT_EQ(late.size(), 1u);
    expect_clock(late[0], "met_late", "2026-02-16", "2026-02-17", 1);
}

//   A x 5 Jan (same day) -----------| 16 Feb      met
TEST(LarFirst, StopOnTheStartDayCounts) {
    auto c = accommodated_5_jan().ev("2026-01-05", "lar").clocks("lar-first", "2026-11-26");
    ASSERT_EQ(c.size(), 1u);
    expect_clock(c[0], "met", "2026-02-16", "2026-01-05");
}

//   A 5 Jan ------------------------| 16 Feb
//                  D 1 Feb (15 days to go)          open
//                   D 2 Feb (14 days)               due_soon
//                                   D 16 Feb        due_soon (0 days)
//                                    D 17 Feb       overdue by 1
TEST(LarFirst, RunningClockStatusDependsOnTheWarningWindow) {
    expect_clock(accommodated_5_jan().clocks("lar-first", "2026-02-01").at(0), "open", "2026-02-16");
    expect_clock(accommodated_5_jan().clocks("lar-first", "2026-02-02").at(0), "due_soon", "2026-02-16");
    expect_clock(accommodated_5_jan().clocks("lar-first", "2026-02-16").at(0), "due_soon", "2026-02-16");
    expect_clock(accommodated_5_jan().clocks("lar-first", "2026-02-17").at(0), "overdue", "2026-02-16", "", 1);
}

//   A 5 Jan -------] 10 Feb (returned home) ---| 16 Feb     closed on 10 Feb
//   A 5 Jan -------------------------------------| 16 Feb ---] 1 Mar   missed, 13 days late
TEST(LarFirst, EpisodeEndingWithoutAReviewClosesOrMisses) {
    auto closed = accommodated_5_jan().ev("2026-02-10", "returned_home").clocks("lar-first", "2026-11-26");
    expect_clock(closed.at(0), "closed", "2026-02-16", "2026-02-10");

    auto missed = accommodated_5_jan().ev("2026-03-01", "returned_home").clocks("lar-first", "2026-11-26");
    expect_clock(missed.at(0), "missed", "2026-02-16", "2026-03-01", 13);
}

//   A 5 Jan ----] 10 Feb   x 12 Feb (after the episode: does not stop it)   closed
TEST(LarFirst, StopAfterThePeriodEndedDoesNotCount) {
    auto c = accommodated_5_jan()
                 .ev("2026-02-10", "returned_home")
                 .ev("2026-02-12", "lar")
                 .clocks("lar-first", "2026-11-26");
    expect_clock(c.at(0), "closed", "2026-02-16", "2026-02-10");
}

//   A 5 Jan ----------------| 16 Feb  D 20 Feb   x 1 Mar (after D: not yet happened)   overdue by 4
TEST(LarFirst, OccurredEventsAfterTheAsOfDateAreIgnored) {
    auto c = accommodated_5_jan().ev("2026-03-01", "lar").clocks("lar-first", "2026-02-20");
    expect_clock(c.at(0), "overdue", "2026-02-16", "", 4);
}

//   A 5 Jan    A' 20 Jan (a second accommodation ends the first episode that day)
//   first:  A ---] 20 Jan ---| 16 Feb                 closed on 20 Jan
//   second: A' -------------------------| 3 Mar   x 20 Feb   met
TEST(LarFirst, SecondAccommodationStartsANewEpisode) {
    auto c = accommodated_5_jan()
                 .ev("2026-01-20", "accommodated", "placement=residential")
                 .ev("2026-02-20", "lar")
                 .clocks("lar-first", "2026-11-26");
    ASSERT_EQ(c.size(), 2u);
    expect_clock(c[0], "closed", "2026-02-16", "2026-01-20");
    expect_clock(c[1], "met", "2026-03-03", "2026-02-20");
}

//   A 5 Jan   (x cancelled 20 Jan)   ---| 16 Feb   D        overdue
//   x 1 Jan (before the start)  A 5 Jan ---| 16 Feb   D     overdue
TEST(LarFirst, CancelledAndEarlierEventsDoNotStop) {
    auto cancelled = accommodated_5_jan().cancelled("2026-01-20", "lar").clocks("lar-first", "2026-03-01");
    expect_clock(cancelled.at(0), "overdue", "2026-02-16", "", 13);
    auto earlier = J().born("2020-01-01")
                       .ev("2026-01-01", "lar")
                       .ev("2026-01-05", "accommodated")
                       .clocks("lar-first", "2026-03-01");
    expect_clock(earlier.at(0), "overdue", "2026-02-16", "", 13);
}

// lar-second starts at the first review of an episode, lar-next at each later one.
//
//   A 5 Jan   L1 19 Jan ----------| 19 Apr (3 months)
//                                 L2 19 Apr ------------------| 19 Oct (6 months)
//                                                              L3 1 Nov (13 days late) ----| 1 May 2027
TEST(LarSecondAndNext, ChainOfReviews) {
    auto j = accommodated_5_jan().ev("2026-01-19", "lar").ev("2026-04-19", "lar").ev("2026-11-01", "lar");
    auto second = j.clocks("lar-second", "2026-11-26");
    ASSERT_EQ(second.size(), 1u);
    expect_clock(second[0], "met", "2026-04-19", "2026-04-19");
    auto next = j.clocks("lar-next", "2026-11-26");
    ASSERT_EQ(next.size(), 2u);
    expect_clock(next[0], "met_late", "2026-10-19", "2026-11-01", 13);
    expect_clock(next[1], "open", "2027-05-01");
}

//   L1 30 Nov 2025 + 3 months -> 28 Feb 2026 (no 30 Feb: the month's last day)
TEST(LarSecondAndNext, MonthsClampToTheEndOfTheMonth) {
    auto c = J().born("2020-01-01")
                 .ev("2025-11-20", "accommodated")
                 .ev("2025-11-30", "lar")
                 .clocks("lar-second", "2026-01-10");
    expect_clock(c.at(0), "open", "2026-02-28");
}

//   L1 and L1' both on 19 Jan: lar-second starts at L1 and needs a review dated after 19 Jan;
//   L1' starts lar-next.
TEST(LarSecondAndNext, SameDayReviewIsNotTheNextOne) {
    auto j = accommodated_5_jan().ev("2026-01-19", "lar").ev("2026-01-19", "lar");
    expect_clock(j.clocks("lar-second", "2026-02-01").at(0), "open", "2026-04-19");
    auto next = j.clocks("lar-next", "2026-02-01");
    ASSERT_EQ(next.size(), 1u);
    expect_clock(next[0], "open", "2026-07-19");
}

//   A 5 Jan  L 19 Jan  ] returned 1 Mar   A' 1 Jun  L 10 Jun: the first review of the new
//   episode starts lar-second again; a review at home starts nothing.
TEST(LarSecondAndNext, EachEpisodeHasItsOwnFirstReview) {
    auto j = accommodated_5_jan()
                 .ev("2026-01-19", "lar")
                 .ev("2026-03-01", "returned_home")
                 .ev("2026-04-01", "lar")
                 .ev("2026-06-01", "accommodated")
                 .ev("2026-06-10", "lar");
    auto second = j.clocks("lar-second", "2026-07-01");
    ASSERT_EQ(second.size(), 2u);
    expect_clock(second[0], "closed", "2026-04-19", "2026-03-01");
    expect_clock(second[1], "open", "2026-09-10");
    EXPECT_TRUE(j.clocks("lar-next", "2026-07-01").empty());
}

//   A 31 Aug 2025 + 6 months -> 28 Feb 2026;  R 28 Feb met,  R 1 Mar met_late 1
TEST(Permanence6m, CalendarMonthsFromAccommodation) {
    auto met = J().born("2020-01-01")
                   .ev("2025-08-31", "accommodated")
                   .ev("2026-02-28", "permanence_recommendation", "route=po");
    expect_clock(met.clocks("permanence-6m", "2026-11-26").at(0), "met", "2026-02-28", "2026-02-28");
    auto late = J().born("2020-01-01")
                    .ev("2025-08-31", "accommodated")
                    .ev("2026-03-01", "permanence_recommendation", "route=po");
    expect_clock(late.clocks("permanence-6m", "2026-11-26").at(0), "met_late", "2026-02-28", "2026-03-01", 1);
}

//   H 10 Jan 2024 (looked after at home) ------------------| 10 Jan 2026
//     x lar kind=standard 1 Jun 2025 (not a plan review: does not stop)
//                                                           x plan_review 11 Jan 2026  met_late 1
TEST(HomeCso2y, OnlyAPlanReviewStopsIt) {
    auto j = J().born("2015-01-01")
                 .ev("2024-01-10", "looked_after_at_home")
                 .ev("2025-06-01", "lar", "kind=standard")
                 .ev("2026-01-11", "lar", "kind=plan_review");
    expect_clock(j.clocks("home-cso-2y", "2026-11-26").at(0), "met_late", "2026-01-10", "2026-01-11", 1);
}

//   H 10 Jan 2024 -----] accommodated 1 Jun 2025 ---| 10 Jan 2026     closed
//   H 10 Jan 2024 -------------------------------| 10 Jan 2026 ... D 26 Nov 2026  overdue 320
TEST(HomeCso2y, AccommodationEndsTheTimeAtHome) {
    auto closed = J().born("2015-01-01").ev("2024-01-10", "looked_after_at_home").ev("2025-06-01", "accommodated");
    expect_clock(closed.clocks("home-cso-2y", "2026-11-26").at(0), "closed", "2026-01-10", "2025-06-01");
    auto drifting = J().born("2015-01-01").ev("2024-01-10", "looked_after_at_home");
    expect_clock(drifting.clocks("home-cso-2y", "2026-11-26").at(0), "overdue", "2026-01-10", "", 320);
}

//   P 2 Mar ---| 16 Mar: ADM 16 Mar met; ADM 17 Mar met_late 1; ceased 10 Mar closed
//   P outside any looked after period: never closes, so overdue
TEST(Adm14d, FourteenDaysFromPanel) {
    auto base = [] {
        return J()
            .born("2020-01-01")
            .ev("2025-06-01", "accommodated")
            .ev("2026-03-02", "permanence_panel", "recommendation=po");
    };
    expect_clock(base().ev("2026-03-16", "adm_decision", "decision=agreed").clocks("adm-14d", "2026-11-26").at(0),
                 "met", "2026-03-16", "2026-03-16");
    expect_clock(base().ev("2026-03-17", "adm_decision").clocks("adm-14d", "2026-11-26").at(0), "met_late",
                 "2026-03-16", "2026-03-17", 1);
    expect_clock(
        base().ev("2026-03-10", "ceased_looked_after", "destination=home").clocks("adm-14d", "2026-11-26").at(0),
        "closed", "2026-03-16", "2026-03-10");
    auto outside = J().born("2020-01-01").ev("2026-03-02", "permanence_panel").ev("2026-03-03", "ceased_looked_after");
    expect_clock(outside.clocks("adm-14d", "2026-04-01").at(0), "overdue", "2026-03-16", "", 16);
}

//   ICSO 5 Jan ---| 26 Jan (22 days counting 5 Jan); a second hearing the same day does not
//   stop it; the next one does. A hearing with outcome=cso starts no icso clock.
TEST(Icso22d, NextHearingMustBeOnALaterDay) {
    auto j = J().born("2020-01-01")
                 .ev("2026-01-05", "childrens_hearing", "outcome=icso")
                 .ev("2026-01-05", "accommodated", "basis=icso")
                 .ev("2026-01-05", "childrens_hearing", "outcome=continued")
                 .ev("2026-01-26", "childrens_hearing", "outcome=cso");
    auto c = j.clocks("icso-22d", "2026-11-26");
    ASSERT_EQ(c.size(), 1u);
    expect_clock(c[0], "met", "2026-01-26", "2026-01-26");
}

//   CSO 1 Mar 2025 -----------| 1 Mar 2026:  continued 20 Feb 2026 met, and starts the next
//   year's clock, due 20 Feb 2027, open on 26 Nov 2026 (86 days to go).
TEST(CsoReview, ContinuationStartsTheNextYear) {
    auto j = J().born("2015-01-01")
                 .ev("2025-03-01", "childrens_hearing", "outcome=cso")
                 .ev("2025-03-01", "looked_after_at_home")
                 .ev("2026-02-20", "childrens_hearing", "kind=review;outcome=cso_continued");
    auto c = j.clocks("cso-review", "2026-11-26");
    ASSERT_EQ(c.size(), 2u);
    expect_clock(c[0], "met", "2026-03-01", "2026-02-20");
    expect_clock(c[1], "open", "2027-02-20");
}

//   CSO 29 Feb 2024 + 1 year -> 28 Feb 2025; unreviewed on 1 Mar 2025 it has lapsed
TEST(CsoReview, LeapDayPlusAYear) {
    auto j = J().born("2015-01-01")
                 .ev("2024-02-29", "looked_after_at_home")
                 .ev("2024-02-29", "childrens_hearing", "outcome=cso");
    expect_clock(j.clocks("cso-review", "2025-02-28").at(0), "due_soon", "2025-02-28");
    expect_clock(j.clocks("cso-review", "2025-03-01").at(0), "lapsed", "2025-02-28", "2025-02-28");
}

//   lodged 1 Feb ---| 1 Mar (28 days); closes with nothing, so ceasing does not close it
TEST(Grounds28d, NoPeriodClosesIt) {
    auto j = J().born("2015-01-01")
                 .ev("2026-02-01", "grounds_application_lodged")
                 .ev("2026-02-10", "looked_after_at_home")
                 .ev("2026-02-15", "ceased_looked_after");
    expect_clock(j.clocks("grounds-28d", "2026-03-02").at(0), "overdue", "2026-03-01", "", 1);
    auto met =
        J().born("2015-01-01").ev("2026-02-01", "grounds_application_lodged").ev("2026-03-01", "grounds_hearing");
    expect_clock(met.clocks("grounds-28d", "2026-03-02").at(0), "met", "2026-03-01", "2026-03-01");
}

//   A 5 Jan ---| 8 Jan (3 days): meeting 8 Jan met, 9 Jan met_late 1
TEST(Pace72h, ThreeDays) {
    expect_clock(accommodated_5_jan().ev("2026-01-08", "post_admission_meeting").clocks("pace-72h", "2026-11-26").at(0),
                 "met", "2026-01-08", "2026-01-08");
    expect_clock(accommodated_5_jan().ev("2026-01-09", "post_admission_meeting").clocks("pace-72h", "2026-11-26").at(0),
                 "met_late", "2026-01-08", "2026-01-09", 1);
}

//   A 5 Jan ---| 19 Jan (2 weeks) for the review; ---| 12 Oct (40 weeks) for the decision
TEST(PaceLar2wAndDecision40w, ExactDays) {
    expect_clock(accommodated_5_jan().ev("2026-01-20", "lar").clocks("pace-lar-2w", "2026-11-26").at(0), "met_late",
                 "2026-01-19", "2026-01-20", 1);
    expect_clock(accommodated_5_jan().clocks("pace-decision-40w", "2026-10-12").at(0), "due_soon", "2026-10-12");
    expect_clock(accommodated_5_jan()
                     .ev("2026-10-12", "permanence_recommendation", "route=return_home")
                     .clocks("pace-decision-40w", "2026-11-26")
                     .at(0),
                 "met", "2026-10-12", "2026-10-12");
}

// Before clocks: legal advice requested 8 weeks before the permanence review.
//
//   A 1 May 2026            due 25 Nov 2026 |----------- planned LAR(permanence) 20 Jan 2027
//                                         D 26 Nov                        overdue by 1
//                      x request 20 Nov                                   met
//                                              x request 1 Dec (D 5 Dec)  met_late 6
TEST(PaceLegalRequest8w, PlannedReviewStartsTheClock) {
    auto base = [] {
        return J().born("2020-01-01").ev("2026-05-01", "accommodated").planned("2027-01-20", "lar", "kind=permanence");
    };
    expect_clock(base().clocks("pace-legal-request-8w", "2026-11-26").at(0), "overdue", "2026-11-25", "", 1);
    expect_clock(base().clocks("pace-legal-request-8w", "2026-11-10").at(0), "open", "2026-11-25");  // 15 days to go
    expect_clock(base().clocks("pace-legal-request-8w", "2026-11-11").at(0), "due_soon", "2026-11-25");
    expect_clock(base().ev("2026-11-20", "legal_advice_requested").clocks("pace-legal-request-8w", "2026-11-26").at(0),
                 "met", "2026-11-25", "2026-11-20");
    expect_clock(base().ev("2026-12-01", "legal_advice_requested").clocks("pace-legal-request-8w", "2026-12-05").at(0),
                 "met_late", "2026-11-25", "2026-12-01", 6);
}

//   A 1 May   LAR(permanence) 10 Jun occurred, no request before it, D 26 Nov: missed on 10 Jun,
//   56 days late; a request after the review does not count.
TEST(PaceLegalRequest8w, OccurredReviewWithoutRequestIsMissedOnItsDate) {
    auto j = J().born("2020-01-01")
                 .ev("2026-05-01", "accommodated")
                 .ev("2026-06-10", "lar", "kind=permanence")
                 .ev("2026-06-12", "legal_advice_requested");
    expect_clock(j.clocks("pace-legal-request-8w", "2026-11-26").at(0), "missed", "2026-04-15", "2026-06-10", 56);
}

//   request 20 Apr   A 1 May ------ LAR planned 1 Aug (due 6 Jun): the request came before the
//   episode, so it does not count; D 1 Jun is 5 days before due: due_soon
TEST(PaceLegalRequest8w, StopMustFallInsideTheEpisode) {
    auto j = J().born("2020-01-01")
                 .ev("2026-04-20", "legal_advice_requested")
                 .ev("2026-05-01", "accommodated")
                 .planned("2026-08-01", "lar", "kind=permanence");
    expect_clock(j.clocks("pace-legal-request-8w", "2026-06-01").at(0), "due_soon", "2026-06-06");
}

//   A 5 Jan  planned LAR 1 May (due 6 Mar, never updated)  ] returned 1 Jun: missed on 1 Jun, 87 late
//   A 5 Jan  returned 1 Jun   planned LAR 1 Sep: after the episode, so no clock at all
TEST(PaceLegalRequest8w, PlannedReviewAndTheEpisodeEnding) {
    auto stale = accommodated_5_jan().planned("2026-05-01", "lar", "kind=permanence").ev("2026-06-01", "returned_home");
    expect_clock(stale.clocks("pace-legal-request-8w", "2026-06-15").at(0), "missed", "2026-03-06", "2026-06-01", 87);
    auto after = accommodated_5_jan().ev("2026-06-01", "returned_home").planned("2026-09-01", "lar", "kind=permanence");
    EXPECT_TRUE(after.clocks("pace-legal-request-8w", "2026-06-15").empty());
}

//   planned LAR 20 Jan 2027 - 4 weeks = 23 Dec 2026; advice 23 Dec met
TEST(PaceLegalAdvice4w, FourWeeksBefore) {
    auto j = J().born("2020-01-01")
                 .ev("2026-05-01", "accommodated")
                 .planned("2027-01-20", "lar", "kind=permanence")
                 .ev("2026-12-23", "legal_advice_received");
    expect_clock(j.clocks("pace-legal-advice-4w", "2026-12-30").at(0), "met", "2026-12-23", "2026-12-23");
}

//   R(route=po) 1 Mar ---| 15 Mar mentoring;  ---| 24 May panel (12 weeks). route=return_home starts neither.
TEST(PaceMentoringAndPanel, OnlyRoutesAwayFromHome) {
    auto j = J().born("2020-01-01")
                 .ev("2025-06-01", "accommodated")
                 .ev("2026-03-01", "permanence_recommendation", "route=po")
                 .ev("2026-03-15", "mentoring_meeting")
                 .ev("2026-05-24", "permanence_panel", "recommendation=po");
    expect_clock(j.clocks("pace-mentoring-2w", "2026-11-26").at(0), "met", "2026-03-15", "2026-03-15");
    expect_clock(j.clocks("pace-panel-12w", "2026-11-26").at(0), "met", "2026-05-24", "2026-05-24");
    auto home = J().born("2020-01-01")
                    .ev("2025-06-01", "accommodated")
                    .ev("2026-03-01", "permanence_recommendation", "route=return_home");
    EXPECT_TRUE(home.clocks("pace-mentoring-2w", "2026-11-26").empty());
    EXPECT_TRUE(home.clocks("pace-panel-12w", "2026-11-26").empty());
}

//   lodged 5 Jan ---| 25 May (20 weeks): refused 26 May met_late 1 (either outcome stops it)
TEST(PaceCourt20w, GrantedOrRefusedStopsIt) {
    auto j = J().born("2020-01-01")
                 .ev("2026-01-05", "court_application_lodged", "order=po")
                 .ev("2026-05-26", "order_refused", "order=po");
    expect_clock(j.clocks("pace-court-20w", "2026-11-26").at(0), "met_late", "2026-05-25", "2026-05-26", 1);
}

//   alert 1 Mar, birth 15 Mar ---| 29 Mar hearing: starts only where the alert came first
TEST(PaceHearing2w, OnlyAfterAnEarlyAlert) {
    auto with_alert = J().ev("2026-03-01", "scra_early_alert")
                          .ev("2026-03-15", "birth")
                          .ev("2026-03-29", "childrens_hearing", "kind=initial;outcome=icso");
    expect_clock(with_alert.clocks("pace-hearing-2w", "2026-11-26").at(0), "met", "2026-03-29", "2026-03-29");
    auto without = J().ev("2026-03-15", "birth");
    EXPECT_TRUE(without.clocks("pace-hearing-2w", "2026-11-26").empty());
    auto alert_after = J().ev("2026-03-15", "birth").ev("2026-03-16", "scra_early_alert");
    EXPECT_TRUE(alert_after.clocks("pace-hearing-2w", "2026-11-26").empty());
}

TEST(StandardsFile, EveryDefaultCarriesItsBasisAndSource) {
    const auto& set = waymark::test::defaults();
    EXPECT_EQ(set.standards.size(), 21u);
    for (const auto& s : set.standards) {
        EXPECT_FALSE(s.basis.empty()) << s.id;
        EXPECT_FALSE(s.source.empty()) << s.id;
        EXPECT_FALSE(s.title.empty()) << s.id;
    }
}

// Gives up at (pace-72h gives up at the first occurred lar after its start).
//
//   A 5 Jan ---| 8 Jan
//              g lar 8 Jan (on the due day)        closed on 8 Jan
//               g lar 9 Jan (the day after)        missed on 9 Jan, 1 day late
TEST(GivesUpAt, GiveUpOnTheDueDayClosesAndAfterItMisses) {
    expect_clock(accommodated_5_jan().ev("2026-01-08", "lar").clocks("pace-72h", "2026-11-26").at(0), "closed",
                 "2026-01-08", "2026-01-08");
    expect_clock(accommodated_5_jan().ev("2026-01-09", "lar").clocks("pace-72h", "2026-11-26").at(0), "missed",
                 "2026-01-08", "2026-01-09", 1);
}

//   A 5 Jan  g lar 6 Jan   x meeting 10 Jan: a stop after the give-up still counts, met_late 2
TEST(GivesUpAt, AStopAfterTheGiveUpStillCounts) {
    auto c = accommodated_5_jan()
                 .ev("2026-01-06", "lar")
                 .ev("2026-01-10", "post_admission_meeting")
                 .clocks("pace-72h", "2026-11-26");
    expect_clock(c.at(0), "met_late", "2026-01-08", "2026-01-10", 2);
}

//   lar and accommodated on one day: the give-up must come after the start in file order.
//   A 9 Jan ---| 12 Jan, D 21 Jan: lar listed first: not after the start, overdue by 9; listed after: closed.
TEST(GivesUpAt, OnTheStartDayOnlyAfterItInFileOrder) {
    auto before = J().born("2020-01-01").ev("2026-01-09", "lar").ev("2026-01-09", "accommodated");
    expect_clock(before.clocks("pace-72h", "2026-01-21").at(0), "overdue", "2026-01-12", "", 9);
    auto after = J().born("2020-01-01").ev("2026-01-09", "accommodated").ev("2026-01-09", "lar");
    expect_clock(after.clocks("pace-72h", "2026-01-21").at(0), "closed", "2026-01-12", "2026-01-09");
}

//   A 5 Jan ---| 8 Jan, D 10 Jan, lar 12 Jan (after D: not yet) -> overdue 2. A lar of an earlier
//   episode does not give up the new one's clock.
TEST(GivesUpAt, OnlyOnOrBeforeTheAsOfDateAndAfterTheStart) {
    expect_clock(accommodated_5_jan().ev("2026-01-12", "lar").clocks("pace-72h", "2026-01-10").at(0), "overdue",
                 "2026-01-08", "", 2);
    auto again = J().born("2020-01-01")
                     .ev("2025-01-05", "accommodated")
                     .ev("2025-01-07", "post_admission_meeting")
                     .ev("2025-02-01", "lar")
                     .ev("2025-03-01", "returned_home")
                     .ev("2026-01-05", "accommodated");
    auto c = again.clocks("pace-72h", "2026-01-10");
    ASSERT_EQ(c.size(), 2u);
    expect_clock(c[0], "met", "2025-01-08", "2025-01-07");
    expect_clock(c[1], "overdue", "2026-01-08", "", 2);
}

//   R(po) 1 Mar ---| 15 Mar: panel 15 Mar closed; panel 16 Mar missed 1 (pace-mentoring-2w)
TEST(GivesUpAt, MentoringGivesUpAtThePanel) {
    auto base = [] {
        return J()
            .born("2020-01-01")
            .ev("2025-06-01", "accommodated")
            .ev("2026-03-01", "permanence_recommendation", "route=po");
    };
    expect_clock(base().ev("2026-03-15", "permanence_panel").clocks("pace-mentoring-2w", "2026-11-26").at(0), "closed",
                 "2026-03-15", "2026-03-15");
    expect_clock(base().ev("2026-03-16", "permanence_panel").clocks("pace-mentoring-2w", "2026-11-26").at(0), "missed",
                 "2026-03-15", "2026-03-16", 1);
}

// Orders lapse; an ICSO counts the day it was made (due = made + 21 days).
//
//   ICSO 5 Jan ---| 26 Jan
//                 x hearing 26 Jan                   met
//                  x hearing (icso) 27 Jan           lapsed on 26 Jan, and a new clock due 17 Feb
TEST(Lapse, IcsoReviewedOnTheDueDayIsMetAndTheDayAfterLapses) {
    auto base = [] {
        return J()
            .born("2020-01-01")
            .ev("2026-01-05", "accommodated")
            .ev("2026-01-05", "childrens_hearing", "outcome=icso");
    };
    expect_clock(base().ev("2026-01-26", "childrens_hearing", "outcome=icso").clocks("icso-22d", "2026-11-26").at(0),
                 "met", "2026-01-26", "2026-01-26");
    auto late = base().ev("2026-01-27", "childrens_hearing", "outcome=icso").clocks("icso-22d", "2026-02-01");
    ASSERT_EQ(late.size(), 2u);
    expect_clock(late[0], "lapsed", "2026-01-26", "2026-01-26");
    expect_clock(late[1], "open", "2026-02-17");
}

//   ICSO 5 Jan ---| 26 Jan: D 26 Jan due_soon (0 days); D 27 Jan lapsed (never overdue)
TEST(Lapse, LapsesTheDayAfterDue) {
    auto j =
        J().born("2020-01-01").ev("2026-01-05", "accommodated").ev("2026-01-05", "childrens_hearing", "outcome=icso");
    expect_clock(j.clocks("icso-22d", "2026-01-26").at(0), "due_soon", "2026-01-26");
    expect_clock(j.clocks("icso-22d", "2026-01-27").at(0), "lapsed", "2026-01-26", "2026-01-26");
}

//   ICSO 5 Jan ---] ceased 26 Jan (the due day): closed, not lapsed; ceased 27 Jan: lapsed
TEST(Lapse, APeriodEndingOnTheDueDayClosesIt) {
    auto base = [] {
        return J()
            .born("2020-01-01")
            .ev("2026-01-05", "accommodated")
            .ev("2026-01-05", "childrens_hearing", "outcome=icso");
    };
    expect_clock(base().ev("2026-01-26", "ceased_looked_after").clocks("icso-22d", "2026-11-26").at(0), "closed",
                 "2026-01-26", "2026-01-26");
    expect_clock(base().ev("2026-01-27", "ceased_looked_after").clocks("icso-22d", "2026-11-26").at(0), "lapsed",
                 "2026-01-26", "2026-01-26");
}

//   ICSO 8 Feb 2028 + 21 days = 29 Feb 2028 (leap year); 8 Feb 2027 + 21 days = 1 Mar 2027
TEST(Lapse, IcsoCountingAcrossTheTwentyNinthOfFebruary) {
    auto leap = J().born("2020-01-01").ev("2028-02-08", "childrens_hearing", "outcome=icso");
    expect_clock(leap.clocks("icso-22d", "2028-02-20").at(0), "due_soon", "2028-02-29");
    auto common = J().born("2020-01-01").ev("2027-02-08", "childrens_hearing", "outcome=icso");
    expect_clock(common.clocks("icso-22d", "2027-02-20").at(0), "due_soon", "2027-03-01");
}

//   CSO 1 Mar 2025 ---| 1 Mar 2026
//     deferred hearing (continued) 20 Feb 2026: reviews nothing -> lapsed on 1 Mar 2026
//     discharged 10 Mar 2026 (late): lapsed, not met_late
//     discharged 20 Feb 2026: met
TEST(CsoReview, OnlyAHearingThatDecidesTheOrderStopsIt) {
    auto base = [] {
        return J()
            .born("2012-01-01")
            .ev("2025-03-01", "looked_after_at_home")
            .ev("2025-03-01", "childrens_hearing", "outcome=cso");
    };
    auto deferred =
        base().ev("2026-02-20", "childrens_hearing", "outcome=continued").clocks("cso-review", "2026-11-26");
    ASSERT_EQ(deferred.size(), 1u);
    expect_clock(deferred[0], "lapsed", "2026-03-01", "2026-03-01");
    expect_clock(
        base().ev("2026-03-10", "childrens_hearing", "outcome=discharged").clocks("cso-review", "2026-11-26").at(0),
        "lapsed", "2026-03-01", "2026-03-01");
    expect_clock(
        base().ev("2026-02-20", "childrens_hearing", "outcome=discharged").clocks("cso-review", "2026-11-26").at(0),
        "met", "2026-03-01", "2026-02-20");
}

//   CSO 1 Mar 2025 ---| 1 Mar 2026: 18th birthday 1 Mar 2026 (the due day) -> closed on it;
//   18th birthday 2 Mar 2026 -> lapsed (the end is after due); 18th birthday 1 Oct 2025, D 1 Sep
//   2025 -> not yet an end: open
TEST(CsoReview, EndsAtTheEighteenthBirthday) {
    auto cso = [](const char* born) {
        return J()
            .born(born)
            .ev("2025-03-01", "looked_after_at_home")
            .ev("2025-03-01", "childrens_hearing", "outcome=cso");
    };
    expect_clock(cso("2008-03-01").clocks("cso-review", "2026-11-26").at(0), "closed", "2026-03-01", "2026-03-01");
    expect_clock(cso("2008-03-02").clocks("cso-review", "2026-11-26").at(0), "lapsed", "2026-03-01", "2026-03-01");
    expect_clock(cso("2007-10-01").clocks("cso-review", "2025-09-01").at(0), "open", "2026-03-01");
    expect_clock(cso("2007-10-01").clocks("cso-review", "2026-11-26").at(0), "closed", "2026-03-01", "2025-10-01");
}

//   No date of birth: the birth event's date + 18 years; a 29 Feb birthday turns 18 on 28 Feb.
//   A birthday before the clock's start does not end it.
TEST(CsoReview, EighteenthBirthdayFromTheBirthEvent) {
    auto j = J().ev("2008-02-29", "birth")
                 .ev("2025-03-01", "looked_after_at_home")
                 .ev("2025-03-01", "childrens_hearing", "outcome=cso");
    expect_clock(j.clocks("cso-review", "2026-11-26").at(0), "closed", "2026-03-01", "2026-02-28");
    auto adult = J().born("2006-01-01")
                     .ev("2025-03-01", "looked_after_at_home")
                     .ev("2025-03-01", "childrens_hearing", "outcome=cso");
    expect_clock(adult.clocks("cso-review", "2026-11-26").at(0), "lapsed", "2026-03-01", "2026-03-01");
}

//   CSO made 28 Feb 2027 -> due 28 Feb 2028; made 29 Feb 2028 -> due 28 Feb 2029
TEST(CsoReview, TwentyNinthOfFebruary) {
    auto a = J().born("2015-01-01").ev("2027-02-28", "childrens_hearing", "outcome=cso");
    expect_clock(a.clocks("cso-review", "2027-03-01").at(0), "open", "2028-02-28");
    auto b = J().born("2015-01-01").ev("2028-02-29", "childrens_hearing", "outcome=cso");
    expect_clock(b.clocks("cso-review", "2028-03-01").at(0), "open", "2029-02-28");
}

// Home periods: home-cso-2y starts at a returned_home while the child is still looked after.
//
//   A 10 Jan 2024 ---] returned home 1 Jun 2024 (home period starts) ---| 1 Jun 2026, D 26 Nov 2026
TEST(HomeCso2y, StartsAtAReturnHomeWhileStillLookedAfter) {
    auto j = J().born("2015-01-01").ev("2024-01-10", "accommodated").ev("2024-06-01", "returned_home");
    auto c = j.clocks("home-cso-2y", "2026-11-26");
    ASSERT_EQ(c.size(), 1u);
    expect_clock(c[0], "overdue", "2026-06-01", "", 178);
    // A return home that is also the end of care (ceased the same day, after it) closes it at once.
    auto ceased = J().born("2015-01-01")
                      .ev("2024-01-10", "accommodated")
                      .ev("2024-06-01", "returned_home")
                      .ev("2024-06-01", "ceased_looked_after", "destination=home");
    expect_clock(ceased.clocks("home-cso-2y", "2026-11-26").at(0), "closed", "2026-06-01", "2024-06-01");
    // A returned_home outside an away episode (after the care ended) starts nothing.
    auto after = J().born("2015-01-01")
                     .ev("2024-01-10", "accommodated")
                     .ev("2024-05-01", "ceased_looked_after", "destination=home")
                     .ev("2024-06-01", "returned_home");
    EXPECT_TRUE(after.clocks("home-cso-2y", "2026-11-26").empty());
}

//   H 10 Jan 2024 ---] A 1 Jun 2024 ---] returned 1 Sep 2024 ---| 1 Sep 2026: two clocks
//   H 10 Jan 2024 ---] H 10 Jan 2025 (a second one ends the first period, starts another)
TEST(HomeCso2y, EachHomePeriodHasItsOwnClock) {
    auto j = J().born("2015-01-01")
                 .ev("2024-01-10", "looked_after_at_home")
                 .ev("2024-06-01", "accommodated")
                 .ev("2024-09-01", "returned_home");
    auto c = j.clocks("home-cso-2y", "2026-11-26");
    ASSERT_EQ(c.size(), 2u);
    expect_clock(c[0], "closed", "2026-01-10", "2024-06-01");
    expect_clock(c[1], "overdue", "2026-09-01", "", 86);
    auto twice =
        J().born("2015-01-01").ev("2024-01-10", "looked_after_at_home").ev("2025-01-10", "looked_after_at_home");
    auto t = twice.clocks("home-cso-2y", "2026-11-26");
    ASSERT_EQ(t.size(), 2u);
    expect_clock(t[0], "closed", "2026-01-10", "2025-01-10");
    expect_clock(t[1], "open", "2027-01-10");
}

// New standards: health-assessment-4w, pace-advice-2w, kinship-18w.
TEST(NewStandards, HealthAssessmentAdviceHearingAndKinship) {
    //   A 5 Jan ---| 2 Feb (4 weeks): assessment 3 Feb met_late 1
    expect_clock(accommodated_5_jan()
                     .ev("2026-02-03", "health_assessment_completed")
                     .clocks("health-assessment-4w", "2026-11-26")
                     .at(0),
                 "met_late", "2026-02-02", "2026-02-03", 1);
    //   A 5 Jan ---| 11 May (18 weeks): ruled out 11 May met
    expect_clock(accommodated_5_jan()
                     .ev("2026-05-11", "kinship_assessment_completed", "outcome=ruled_out")
                     .clocks("kinship-18w", "2026-11-26")
                     .at(0),
                 "met", "2026-05-11", "2026-05-11");
    //   advice continued 1 Mar ---| 15 Mar: next advice hearing 15 Mar met; outcome=given starts none
    auto advice = J().born("2020-01-01")
                      .ev("2026-03-01", "advice_hearing", "outcome=continued")
                      .ev("2026-03-15", "advice_hearing", "outcome=given");
    auto c = advice.clocks("pace-advice-2w", "2026-11-26");
    ASSERT_EQ(c.size(), 1u);
    expect_clock(c[0], "met", "2026-03-15", "2026-03-15");
}

TEST(Kinds, TheBasisNamesItsKind) {
    using waymark::core::kind_words;
    EXPECT_EQ(kind_words("statutory"), "statute or regulation");
    EXPECT_EQ(kind_words("guidance"), "guidance");
    EXPECT_EQ(kind_words("pace"), "PACE test of change");
    EXPECT_EQ(kind_words("local_aim"), "local aim");
    for (const auto& s : waymark::test::defaults().standards) {
        const bool pace = s.basis == "PACE test of change";
        EXPECT_EQ(s.kind == "pace", pace) << s.id;
    }
}

// On-time measures: a lapsed order is decided and not met (like a missed clock), so it counts
// in the denominator of the month it fell due. ICSOs due 26 Jan 2026: one met, one lapsed.
TEST(Lapse, ALapsedOrderCountsAsNotOnTime) {
    namespace core = waymark::core;
    core::Measure m;
    m.id = "icso-on-time";
    m.kind = core::MeasureKind::on_time;
    m.standards = {"icso-22d"};
    const core::PeriodGrid grid(core::Date::parse("2026-01-01"), core::Date::parse("2026-01-31"),
                                core::PeriodLength::month);
    core::MeasureTally tally;
    auto icso = [] {
        return J()
            .born("2020-01-01")
            .ev("2026-01-05", "accommodated")
            .ev("2026-01-05", "childrens_hearing", "outcome=icso");
    };
    std::vector<J> kids{icso().ev("2026-01-26", "childrens_hearing", "outcome=cso"), icso()};
    for (auto& j : kids) {
        const core::Journey journey(j.child(), j.events(), core::Date::parse("2026-03-01"));
        const auto clocks = core::evaluate_clocks(journey, waymark::test::defaults().standards);
        core::tally(m, journey, clocks, grid, tally);
    }
    const auto& t = tally.series.at("").at(0);
    EXPECT_EQ(t.numerator, 1);
    EXPECT_EQ(t.denominator, 2);
}

// Periods derived from events (DATA.md): home periods start at looked_after_at_home, or at a
// returned_home that ends an away episode while the looked after period goes on.
namespace {

using waymark::core::Journey;
using waymark::core::PeriodKind;

struct Span {
    std::string start, end;
    friend bool operator==(const Span&, const Span&) = default;
};

std::vector<Span> home_periods(J& j, const char* as_of) {
    const Journey journey(j.child(), j.events(), waymark::core::Date::parse(as_of));
    std::vector<Span> out;
    for (const auto& p : journey.periods(PeriodKind::home)) out.push_back({p.start.iso(), p.end ? p.end->iso() : ""});
    return out;
}

}  // namespace

//   A 10 Jan ---] returned 1 Jun [--- home --- ] ceased 1 Sep
TEST(JourneyHomePeriods, AReturnHomeWhileLookedAfterStartsOne) {
    J j;
    j.born("2015-01-01")
        .ev("2024-01-10", "accommodated")
        .ev("2024-06-01", "returned_home")
        .ev("2024-09-01", "ceased_looked_after", "destination=home");
    EXPECT_EQ(home_periods(j, "2026-11-26"), (std::vector<Span>{{"2024-06-01", "2024-09-01"}}));
    // The return belongs to the home period it starts.
    const Journey journey(j.child(), j.events(), waymark::core::Date::parse("2026-11-26"));
    const auto* p = journey.period_of(1, PeriodKind::home);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->start_index, 1u);
}

//   ceased 1 May, then a returned_home 1 Jun outside any away episode: no home period
TEST(JourneyHomePeriods, AReturnHomeAfterTheCareEndedStartsNone) {
    J j;
    j.born("2015-01-01")
        .ev("2024-01-10", "accommodated")
        .ev("2024-05-01", "ceased_looked_after", "destination=home")
        .ev("2024-06-01", "returned_home");
    EXPECT_TRUE(home_periods(j, "2026-11-26").empty());
}

//   H 10 Jan 2024, H again 10 Jan 2025: the second ends the first that day and starts a new one;
//   an accommodation ends the time at home.
TEST(JourneyHomePeriods, ASecondLookedAfterAtHomeStartsANewOne) {
    J j;
    j.born("2015-01-01")
        .ev("2024-01-10", "looked_after_at_home")
        .ev("2025-01-10", "looked_after_at_home")
        .ev("2025-06-01", "accommodated")
        .ev("2025-09-01", "returned_home");
    EXPECT_EQ(home_periods(j, "2026-11-26"),
              (std::vector<Span>{{"2024-01-10", "2025-01-10"}, {"2025-01-10", "2025-06-01"}, {"2025-09-01", ""}}));
}
