// Measures (core/measures.hpp) on hand-built cohorts whose answers are worked out here, the
// measures file's checks, and the suppression of small counts.
#include "core/measures.hpp"
#include "app/measure_report.hpp"
#include "app/measures_file.hpp"
#include "core/error.hpp"
#include "journey_builder.hpp"

#include <gtest/gtest.h>

namespace {

using waymark::core::Date;
using waymark::test::J;
namespace core = waymark::core;
namespace app = waymark::app;

const app::MeasureSet& catalogue() {
    static const app::MeasureSet set = app::default_measures(waymark::test::defaults());
    return set;
}

const core::Measure& measure(const char* id) {
    const auto* m = catalogue().find(id);
    if (m == nullptr) throw std::invalid_argument(std::string("no measure ") + id);
    return *m;
}

// Tallies journeys (each with its clocks) into a grid, as the report does.
std::vector<core::MeasurePoint> run(const core::Measure& m, std::vector<J>& children, const char* from, const char* to,
                                    const char* as_of, core::PeriodLength length = core::PeriodLength::quarter) {
    const core::PeriodGrid grid(Date::parse(from), Date::parse(to), length);
    core::MeasureTally tally;
    for (auto& j : children) {
        const core::Journey journey(j.child(), j.events(), Date::parse(as_of));
        const auto clocks = core::evaluate_clocks(journey, waymark::test::defaults().standards);
        core::tally(m, journey, clocks, grid, tally);
    }
    auto& periods = tally.series[""];
    if (periods.empty()) periods.resize(grid.size());
    return core::finish(m, periods);
}

TEST(Measures, DaysToRecommendationOnAHandBuiltCohort) {
    // Quarters of 2025, as of 31 December 2025. Waits from accommodation to recommendation:
    //   A 10 Jan -> 10 Apr: 90 days       E 20 Jan -> 20 Apr: 90 days
    //   B  1 Feb -> 30 Aug: 210 days      G 10 Feb -> 10 Jul: 150 days
    //   C  1 Mar, home 1 May: no recommendation, censored at 61 days (the episode ended)
    //   D 15 Mar, still waiting: censored at 291 days
    //   F  1 Nov 2024 -> 1 May 2025: 181 days (ends in Q2; began before the first quarter)
    std::vector<J> kids(7);
    kids[0]
        .born("2020-01-01")
        .ev("2025-01-10", "accommodated", "placement=foster;basis=s25")
        .ev("2025-04-10", "permanence_recommendation", "route=adoption");
    kids[1]
        .born("2020-01-01")
        .ev("2025-02-01", "accommodated", "placement=foster;basis=s25")
        .ev("2025-08-30", "permanence_recommendation", "route=po");
    kids[2]
        .born("2020-01-01")
        .ev("2025-03-01", "accommodated", "placement=foster;basis=s25")
        .ev("2025-05-01", "returned_home");
    kids[3].born("2020-01-01").ev("2025-03-15", "accommodated", "placement=kinship;basis=s25");
    kids[4]
        .born("2020-01-01")
        .ev("2025-01-20", "accommodated", "placement=foster;basis=s25")
        .ev("2025-04-20", "permanence_recommendation", "route=return_home");
    kids[5]
        .born("2020-01-01")
        .ev("2024-11-01", "accommodated", "placement=foster;basis=s25")
        .ev("2025-05-01", "permanence_recommendation", "route=po");
    kids[6]
        .born("2020-01-01")
        .ev("2025-02-10", "accommodated", "placement=foster;basis=s25")
        .ev("2025-07-10", "permanence_recommendation", "route=adoption");
    const auto points = run(measure("days-to-recommendation"), kids, "2025-01-01", "2025-12-31", "2025-12-31");
    ASSERT_EQ(points.size(), 4u);
    // Q1: nothing ended; the entry cohort is A B C D E G. Kaplan-Meier: C leaves at 61 (5 at
    // risk), two end at 90 (S = 3/5), one at 150 of 3 at risk (S = 0.4 <= 0.5): median 150.
    EXPECT_EQ(points[0].completed, 0u);
    EXPECT_FALSE(points[0].value);
    EXPECT_EQ(points[0].cohort.n, 6u);
    EXPECT_EQ(points[0].cohort.events, 4u);
    ASSERT_TRUE(points[0].cohort.median);
    EXPECT_DOUBLE_EQ(*points[0].cohort.median, 150);
    // Q2: A 90, E 90 and F 181 ended: median 90.
    EXPECT_EQ(points[1].completed, 3u);
    EXPECT_DOUBLE_EQ(*points[1].value, 90);
    EXPECT_EQ(points[1].cohort.n, 0u);
    // Q3: G 150 and B 210: median 180.
    EXPECT_EQ(points[2].completed, 2u);
    EXPECT_DOUBLE_EQ(*points[2].value, 180);
    EXPECT_EQ(points[3].completed, 0u);
}

TEST(Measures, PermanenceWithinTwelveMonthsCountsOnlyDecidedEntries) {
    // Entry cohort of 2024-Q1, as of 1 March 2025:
    //   P entered 5 Jan 2024, order granted 1 Dec 2024: within 12 months       -> yes
    //   Q entered 1 Feb 2024, ceased to independent living 1 Jun 2024            -> no
    //   R entered 1 Mar 2024, still looked after, 12 months passed on 1 Mar 2025 -> no
    //   S entered 20 Mar 2024, still looked after: 12 months not yet passed      -> not counted
    std::vector<J> kids(4);
    kids[0]
        .born("2015-01-01")
        .ev("2024-01-05", "accommodated", "placement=foster;basis=cso")
        .ev("2024-12-01", "order_granted", "order=po");
    kids[1]
        .born("2008-01-01")
        .ev("2024-02-01", "looked_after_at_home")
        .ev("2024-06-01", "ceased_looked_after", "destination=independent");
    kids[2].born("2015-01-01").ev("2024-03-01", "accommodated", "placement=residential;basis=s25");
    kids[3].born("2015-01-01").ev("2024-03-20", "accommodated", "placement=foster;basis=s25");
    const auto points = run(measure("cfsr-permanency-12m"), kids, "2024-01-01", "2024-03-31", "2025-03-01");
    ASSERT_EQ(points.size(), 1u);
    EXPECT_EQ(points[0].numerator, 1);
    EXPECT_EQ(points[0].denominator, 3);
    EXPECT_NEAR(*points[0].value, 100.0 / 3, 1e-12);
}

TEST(Measures, PermanencePlanIsASnapshotAtEachPeriodEnd) {
    // Months Jan-Mar 2025. T looked after from 5 Jan with a plan recorded 10 Feb; U looked
    // after from 1 Dec 2024, no plan; V ceased on 15 Feb (not looked after at the end of Feb).
    std::vector<J> kids(3);
    kids[0]
        .born("2019-01-01")
        .ev("2025-01-05", "accommodated", "placement=foster;basis=s25")
        .ev("2025-02-10", "permanence_plan_recorded", "plan=adoption");
    kids[1].born("2019-01-01").ev("2024-12-01", "looked_after_at_home");
    kids[2]
        .born("2019-01-01")
        .ev("2024-10-01", "accommodated", "placement=foster;basis=s25")
        .ev("2024-11-01", "permanence_plan_recorded", "plan=return_home")
        .ev("2025-02-15", "ceased_looked_after", "destination=home");
    const auto points =
        run(measure("permanence-plan"), kids, "2025-01-01", "2025-03-31", "2025-03-31", core::PeriodLength::month);
    ASSERT_EQ(points.size(), 3u);
    EXPECT_EQ(points[0].denominator, 3);  // 31 Jan: T, U, V looked after; V has a plan
    EXPECT_EQ(points[0].numerator, 1);
    EXPECT_EQ(points[1].denominator, 2);  // 28 Feb: T (plan) and U
    EXPECT_EQ(points[1].numerator, 1);
    EXPECT_DOUBLE_EQ(*points[1].value, 50);
}

TEST(Measures, InDriftCountsChildrenWithAClockOverdueAtThePeriodEnd) {
    // W accommodated 1 Jan 2025: the 72-hour meeting on 3 Jan and the first review on 14 Jan
    // meet pace-72h, pace-lar-2w and lar-first; the health assessment on 20 Jan and the kinship
    // assessment on 1 Apr meet health-assessment-4w and kinship-18w. The second review falls
    // due 3 months after the first, on 14 April, and is not held: overdue at the end of April
    // and of May, not before.
    std::vector<J> kids(1);
    kids[0]
        .born("2019-01-01")
        .ev("2025-01-01", "accommodated", "placement=foster;basis=s25")
        .ev("2025-01-03", "post_admission_meeting")
        .ev("2025-01-14", "lar", "kind=standard")
        .ev("2025-01-20", "health_assessment_completed")
        .ev("2025-04-01", "kinship_assessment_completed", "outcome=ruled_out");
    const auto points =
        run(measure("in-drift"), kids, "2025-01-01", "2025-05-31", "2025-05-31", core::PeriodLength::month);
    ASSERT_EQ(points.size(), 5u);
    for (std::size_t month = 0; month < 3; ++month) EXPECT_EQ(points[month].numerator, 0) << "month " << month + 1;
    EXPECT_EQ(points[3].numerator, 1);
    EXPECT_EQ(points[4].numerator, 1);
    EXPECT_EQ(points[4].denominator, 1);  // looked after at the end of May
    EXPECT_DOUBLE_EQ(*points[4].value, 1);
}

// The standard of the default set with this id.
const core::Standard& standard(const char* id) {
    for (const auto& s : waymark::test::defaults().standards) {
        if (s.id == id) return s;
    }
    throw std::invalid_argument(std::string("no standard ") + id);
}

TEST(Measures, InDriftAtEachMonthEndIsWhatTheEngineSaysAsOfThatDay) {
    // Each month end of 2025 is asked of the engine directly (the journey as of that day, every
    // clock): the children with a clock overdue then must be the measure's numerator. X's
    // meeting is held late, after the first review (a give-up under the revised rules); Y's
    // episode ends with its second review overdue; Z's ICSO is followed by a hearing only
    // after 22 days (a lapse under the revised rules); V's first review is late.
    std::vector<J> kids(4);
    kids[0]
        .born("2019-01-01")
        .ev("2025-01-01", "accommodated", "placement=foster;basis=s25")
        .ev("2025-01-20", "lar", "kind=standard")
        .ev("2025-02-10", "post_admission_meeting");
    kids[1]
        .born("2019-01-01")
        .ev("2025-01-05", "accommodated", "placement=foster;basis=s25")
        .ev("2025-01-06", "post_admission_meeting")
        .ev("2025-01-15", "lar", "kind=standard")
        .ev("2025-06-10", "returned_home");
    kids[2]
        .born("2019-01-01")
        .ev("2025-01-10", "childrens_hearing", "kind=initial;outcome=icso")
        .ev("2025-01-10", "accommodated", "placement=foster;basis=icso")
        .ev("2025-03-20", "childrens_hearing", "kind=other;outcome=cso");
    kids[3]
        .born("2019-01-01")
        .ev("2025-02-01", "accommodated", "placement=kinship;basis=s25")
        .ev("2025-02-02", "post_admission_meeting")
        .ev("2025-05-01", "lar", "kind=standard");
    const char* as_of = "2025-12-31";
    const auto points = run(measure("in-drift"), kids, "2025-01-01", "2025-12-31", as_of, core::PeriodLength::month);
    const core::PeriodGrid grid(Date::parse("2025-01-01"), Date::parse("2025-12-31"), core::PeriodLength::month);
    ASSERT_EQ(points.size(), 12u);
    std::int64_t ever = 0;
    for (std::size_t month = 0; month < 12; ++month) {
        std::int64_t expected = 0;
        for (auto& j : kids) {
            const core::Journey then(j.child(), j.events(), grid.last_day(month));
            const auto clocks = core::evaluate_clocks(then, waymark::test::defaults().standards);
            expected += std::any_of(clocks.begin(), clocks.end(), [](const core::Clock& c) {
                return !c.start_planned && c.status == core::ClockStatus::overdue;
            });
        }
        EXPECT_EQ(points[month].numerator, expected) << "month " << month + 1;
        ever += expected;
    }
    EXPECT_GT(ever, 0) << "the cohort must have some drift to compare";
}

TEST(Measures, OrdersLapsedCountsLapsedClocksByTheirDueDay) {
    // Clocks as the engine gives them (built here: a lapse is the engine's to decide). Months
    // of 2025, as of 30 June. icso-22d made 10 Jan, due 31 Jan, lapsed: counted in January (the
    // order ceased at the end of its due day, the period's last day). cso-review due 15 Mar,
    // lapsed: March. icso-22d due 20 Mar, met: March's denominator only. An adm-14d clock
    // "lapsed" (not an order named by the measure) and a cso-review due 20 Jun still open are
    // not counted; nor a lapsed clock started by a planned event.
    const auto& icso = standard("icso-22d");
    const auto& cso = standard("cso-review");
    const auto& adm = standard("adm-14d");
    const auto clock = [](const core::Standard& s, const char* due, core::ClockStatus status, bool planned = false) {
        core::Clock c;
        c.standard = &s;
        c.due_on = Date::parse(due);
        c.starts_on = c.due_on - core::Days{21};
        c.status = status;
        if (status == core::ClockStatus::lapsed) c.stopped_on = c.due_on;
        c.start_planned = planned;
        return c;
    };
    const std::vector<core::Clock> clocks = {
        clock(icso, "2025-01-31", core::ClockStatus::lapsed), clock(cso, "2025-03-15", core::ClockStatus::lapsed),
        clock(icso, "2025-03-20", core::ClockStatus::met),    clock(adm, "2025-04-10", core::ClockStatus::lapsed),
        clock(cso, "2025-06-20", core::ClockStatus::open),    clock(cso, "2025-05-05", core::ClockStatus::lapsed, true),
    };
    J kid;
    kid.born("2019-01-01").ev("2025-01-10", "childrens_hearing", "kind=initial;outcome=icso");
    const core::Journey journey(kid.child(), kid.events(), Date::parse("2025-06-30"));
    const core::PeriodGrid grid(Date::parse("2025-01-01"), Date::parse("2025-06-30"), core::PeriodLength::month);
    core::MeasureTally tally;
    core::tally(measure("orders-lapsed"), journey, clocks, grid, tally);
    const auto points = core::finish(measure("orders-lapsed"), tally.series[""]);
    ASSERT_EQ(points.size(), 6u);
    EXPECT_EQ(points[0].numerator, 1);
    EXPECT_EQ(points[0].denominator, 1);
    EXPECT_DOUBLE_EQ(*points[0].value, 1);
    EXPECT_EQ(points[1].numerator, 0);
    EXPECT_EQ(points[2].numerator, 1);
    EXPECT_EQ(points[2].denominator, 2);
    EXPECT_EQ(points[3].denominator, 0);
    EXPECT_EQ(points[4].denominator, 0);
    EXPECT_EQ(points[5].denominator, 0);
}

TEST(Measures, ReEntryCountsReturnsWhoseTwelveMonthsHavePassed) {
    // Quarters of 2024, as of 15 March 2025.
    //   A returned home 10 Jan 2024, accommodated again 10 Jan 2025 (12 months to the day): yes
    //   B returned home 1 Feb 2024, then ceased to home 1 Jun 2024 (already home: one return);
    //     accommodated again 1 Jul 2025, after 12 months and after the as-of date: no
    //   C ceased to home from an away episode 1 Mar 2024, never again: no
    //   D returned home 1 Apr 2024, accommodated 2 Apr 2025 (12 months and a day): no (Q2)
    //   E returned home 20 Mar 2024, and 12 months later is 20 Mar 2025, after the as-of date:
    //     not counted yet, though accommodated again 1 May 2024
    //   F ceased to independent living 1 Feb 2024: not a return home
    std::vector<J> kids(6);
    kids[0]
        .born("2015-01-01")
        .ev("2023-06-01", "accommodated", "placement=foster;basis=cso")
        .ev("2024-01-10", "returned_home")
        .ev("2025-01-10", "accommodated", "placement=foster;basis=cso");
    kids[1]
        .born("2015-01-01")
        .ev("2023-06-01", "accommodated", "placement=foster;basis=cso")
        .ev("2024-02-01", "returned_home")
        .ev("2024-06-01", "ceased_looked_after", "destination=home")
        .ev("2025-07-01", "accommodated", "placement=foster;basis=s25");
    kids[2]
        .born("2015-01-01")
        .ev("2023-06-01", "accommodated", "placement=kinship;basis=s25")
        .ev("2024-03-01", "ceased_looked_after", "destination=home");
    kids[3]
        .born("2015-01-01")
        .ev("2023-06-01", "accommodated", "placement=foster;basis=cso")
        .ev("2024-04-01", "returned_home")
        .ev("2025-04-02", "accommodated", "placement=foster;basis=cso");
    kids[4]
        .born("2015-01-01")
        .ev("2023-06-01", "accommodated", "placement=foster;basis=cso")
        .ev("2024-03-20", "returned_home")
        .ev("2024-05-01", "accommodated", "placement=foster;basis=cso");
    kids[5]
        .born("2007-01-01")
        .ev("2023-06-01", "accommodated", "placement=residential;basis=s25")
        .ev("2024-02-01", "ceased_looked_after", "destination=independent");
    const auto points = run(measure("re-entry-12m"), kids, "2024-01-01", "2024-12-31", "2025-03-15");
    ASSERT_EQ(points.size(), 4u);
    EXPECT_EQ(points[0].denominator, 3);  // A, B (1 Feb), C
    EXPECT_EQ(points[0].numerator, 1);    // A
    EXPECT_NEAR(*points[0].value, 100.0 / 3, 1e-12);
    EXPECT_EQ(points[1].denominator, 0) << "D's 12 months end 1 April 2025, after the as-of date";
    // As of 1 May 2025 D's return counts, and its re-entry a day too late does not.
    const auto later = run(measure("re-entry-12m"), kids, "2024-01-01", "2024-12-31", "2025-05-01");
    EXPECT_EQ(later[0].denominator, 4);  // E now too, accommodated again within 12 months
    EXPECT_EQ(later[0].numerator, 2);
    EXPECT_EQ(later[1].denominator, 1);
    EXPECT_EQ(later[1].numerator, 0);
}

TEST(Measures, SiblingsTogetherCountsGroupsAcrossTeams) {
    // Months Jan-Feb 2025, as of 28 Feb. Group g1: P and Q away from home, P placed with all
    // (siblings=together), Q's latest placement (a move on 10 Feb) says apart. Group g2: R away
    // (together), S looked after at home: R has a looked after sister, so R counts. Group g3: T
    // away (together) alone, her brother not looked after: not counted. U has no sibling group.
    // P, Q and R are in one team's tally, S and T in another's: the groups are shared first.
    std::vector<J> kids(6);
    kids[0].born("2015-01-01").ev("2024-10-01", "accommodated", "placement=foster;basis=s25;siblings=together");
    kids[1]
        .born("2016-01-01")
        .ev("2024-10-01", "accommodated", "placement=foster;basis=s25;siblings=together")
        .ev("2025-02-10", "placement_change", "placement=residential;siblings=apart");
    kids[2].born("2014-01-01").ev("2024-11-01", "accommodated", "placement=kinship;basis=s25;siblings=together");
    kids[3].born("2017-01-01").ev("2024-11-01", "looked_after_at_home");
    kids[4].born("2017-01-01").ev("2024-11-01", "accommodated", "placement=foster;basis=s25;siblings=together");
    kids[5].born("2017-01-01").ev("2024-11-01", "accommodated", "placement=foster;basis=s25;siblings=together");
    const char* groups[] = {"g1", "g1", "g2", "g2", "g3", ""};
    std::vector<core::ChildRecord> records;
    for (std::size_t i = 0; i < kids.size(); ++i) {
        records.push_back(kids[i].child());
        records.back().child_id = "C" + std::to_string(i);
        records.back().sibling_group = groups[i];
    }
    const core::PeriodGrid grid(Date::parse("2025-01-01"), Date::parse("2025-02-28"), core::PeriodLength::month);
    const auto& m = measure("siblings-together");
    core::MeasureTally team_a;
    core::MeasureTally team_b;
    for (std::size_t i = 0; i < kids.size(); ++i) {
        const core::Journey journey(records[i], kids[i].events(), Date::parse("2025-02-28"));
        core::tally(m, journey, {}, grid, i < 3 ? team_a : team_b);
    }
    std::vector<core::MeasureTally*> parts = {&team_a, &team_b};
    core::share_sibling_counts(parts);
    team_b.series[""].resize(grid.size());
    const auto a = core::finish(m, team_a.series[""]);
    const auto b = core::finish(m, team_b.series[""]);
    // January: team A has P, Q (together) and R (together): 3 of 3. February: Q apart: 2 of 3.
    EXPECT_EQ(a[0].denominator, 3);
    EXPECT_EQ(a[0].numerator, 3);
    EXPECT_EQ(a[1].denominator, 3);
    EXPECT_EQ(a[1].numerator, 2);
    EXPECT_NEAR(*a[1].value, 200.0 / 3, 1e-12);
    // Team B: S is at home, T has no looked after sibling.
    EXPECT_EQ(b[1].denominator, 0);
    // The council's own tally, all six together, needs no sharing and agrees.
    core::MeasureTally council;
    for (std::size_t i = 0; i < kids.size(); ++i) {
        const core::Journey journey(records[i], kids[i].events(), Date::parse("2025-02-28"));
        core::tally(m, journey, {}, grid, council);
    }
    const auto all = core::finish(m, council.series[""]);
    EXPECT_EQ(all[1].denominator, 3);
    EXPECT_EQ(all[1].numerator, 2);
}

TEST(Measures, ChildViewsCountsMeetingsWithViewsOtherThanNotSought) {
    // Q1 2025: a LAR attended, a LAR not_sought, a hearing with no child_views (not recorded),
    // a hearing with views written, a panel through an advocate, and a post-admission meeting
    // (not a meeting the measure counts): 3 of 5.
    std::vector<J> kids(1);
    kids[0]
        .born("2015-01-01")
        .ev("2025-01-05", "accommodated", "placement=foster;basis=s25")
        .ev("2025-01-06", "post_admission_meeting")
        .ev("2025-01-15", "lar", "kind=standard;child_views=attended")
        .ev("2025-01-20", "childrens_hearing", "kind=initial;outcome=icso")
        .ev("2025-02-05", "childrens_hearing", "kind=review;outcome=cso;child_views=written")
        .ev("2025-03-01", "lar", "kind=standard;child_views=not_sought")
        .ev("2025-03-10", "permanence_panel", "recommendation=po;child_views=advocate");
    const auto points = run(measure("child-views"), kids, "2025-01-01", "2025-03-31", "2025-03-31");
    ASSERT_EQ(points.size(), 1u);
    EXPECT_EQ(points[0].denominator, 5);
    EXPECT_EQ(points[0].numerator, 3);
    EXPECT_DOUBLE_EQ(*points[0].value, 60);
}

TEST(Measures, DaysRecommendationToAdmFromARouteAwayFromHome) {
    // A: recommendation po 1 Feb 2025, ADM 3 Mar: 30 days. B: recommendation return_home 1 Feb
    // (not away from home), ADM 1 Mar: not a wait. C: kinship_care_order 10 Jan, ADM 9 Apr: 89
    // days, ending in Q2. Q1 as of 30 June: A ended (30); Q2: C (89).
    std::vector<J> kids(3);
    kids[0]
        .born("2020-01-01")
        .ev("2024-06-01", "accommodated", "placement=foster;basis=cso")
        .ev("2025-02-01", "permanence_recommendation", "route=po")
        .ev("2025-03-03", "adm_decision", "decision=agreed");
    kids[1]
        .born("2020-01-01")
        .ev("2024-06-01", "accommodated", "placement=foster;basis=cso")
        .ev("2025-02-01", "permanence_recommendation", "route=return_home")
        .ev("2025-03-01", "adm_decision", "decision=agreed");
    kids[2]
        .born("2020-01-01")
        .ev("2024-06-01", "accommodated", "placement=kinship;basis=cso")
        .ev("2025-01-10", "permanence_recommendation", "route=kinship_care_order")
        .ev("2025-04-09", "adm_decision", "decision=agreed");
    const auto points = run(measure("days-recommendation-to-adm"), kids, "2025-01-01", "2025-06-30", "2025-06-30");
    ASSERT_EQ(points.size(), 2u);
    EXPECT_EQ(points[0].completed, 1u);
    EXPECT_DOUBLE_EQ(*points[0].value, 30);
    EXPECT_EQ(points[0].cohort.n, 2u);  // A and C began waiting in Q1
    EXPECT_EQ(points[1].completed, 1u);
    EXPECT_DOUBLE_EQ(*points[1].value, 89);
}

TEST(Measures, HomeCsoChildrenInAHomePeriodAtThePeriodEnd) {
    // Months Jan-Mar 2025, as of 31 March.
    //   H looked after at home since 2024: counted every month.
    //   I at home from 1 Dec 2024, accommodated 15 Feb: January only.
    //   K at home; a hearing discharged the order 10 Mar (ceasing not recorded): Jan and Feb.
    //   L accommodated throughout: looked after, not at home.
    //   M at home from 31 Jan 2025 (counted that day), ceased 31 Mar: January and February.
    std::vector<J> kids(5);
    kids[0].born("2015-01-01").ev("2024-05-01", "looked_after_at_home");
    kids[1]
        .born("2015-01-01")
        .ev("2024-12-01", "looked_after_at_home")
        .ev("2025-02-15", "accommodated", "placement=foster;basis=cso");
    kids[2]
        .born("2015-01-01")
        .ev("2024-06-01", "looked_after_at_home")
        .ev("2025-03-10", "childrens_hearing", "kind=review;outcome=discharged");
    kids[3].born("2015-01-01").ev("2024-06-01", "accommodated", "placement=foster;basis=s25");
    kids[4]
        .born("2015-01-01")
        .ev("2025-01-31", "looked_after_at_home")
        .ev("2025-03-31", "ceased_looked_after", "destination=home");
    const auto points =
        run(measure("home-cso-children"), kids, "2025-01-01", "2025-03-31", "2025-03-31", core::PeriodLength::month);
    ASSERT_EQ(points.size(), 3u);
    EXPECT_EQ(points[0].numerator, 4);  // H, I, K, M
    EXPECT_EQ(points[0].denominator, 5);
    EXPECT_EQ(points[1].numerator, 3);    // H, K, M
    EXPECT_EQ(points[2].numerator, 1);    // H (K discharged, M ceased on 31 March)
    EXPECT_EQ(points[2].denominator, 4);  // H, I, K (its ceasing is not recorded) and L
    EXPECT_DOUBLE_EQ(*points[2].value, 1);
}

TEST(Measures, CourtHearingsPerApplicationDeterminedInThePeriod) {
    // Q1 2025: application A lodged Nov 2024, hearings 1 Dec, 10 Jan, 5 Feb, granted 20 Feb
    // (3 hearings); application B lodged 1 Jan 2025, one hearing 15 Mar, refused 30 Mar (1); a
    // hearing after B's refusal is not B's. Application C lodged 1 Feb, one hearing, still
    // open: not determined. Q1: 4 hearings for 2 applications = 2 per application.
    std::vector<J> kids(3);
    kids[0]
        .born("2020-01-01")
        .ev("2024-11-01", "court_application_lodged", "order=po")
        .ev("2024-12-01", "court_hearing")
        .ev("2025-01-10", "court_hearing")
        .ev("2025-02-05", "court_hearing")
        .ev("2025-02-20", "order_granted", "order=po");
    kids[1]
        .born("2020-01-01")
        .ev("2025-01-01", "court_application_lodged", "order=poa")
        .ev("2025-03-15", "court_hearing")
        .ev("2025-03-30", "order_refused", "order=poa")
        .ev("2025-03-31", "court_hearing");
    kids[2]
        .born("2020-01-01")
        .ev("2025-02-01", "court_application_lodged", "order=po")
        .ev("2025-02-20", "court_hearing");
    const auto points = run(measure("court-hearings-per-application"), kids, "2025-01-01", "2025-03-31", "2025-03-31");
    ASSERT_EQ(points.size(), 1u);
    EXPECT_EQ(points[0].numerator, 4);
    EXPECT_EQ(points[0].denominator, 2);
    EXPECT_DOUBLE_EQ(*points[0].value, 2);
}

TEST(MeasuresFile, ErrorsNameTheLineAndTheProblem) {
    const auto& standards = waymark::test::defaults();
    const auto fails = [&](const char* text, const char* expected) {
        try {
            app::parse_measures(text, "mine.toml", standards);
            ADD_FAILURE() << "accepted: " << text;
        } catch (const core::Error& e) {
            EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
        }
    };
    fails("[[measure]]\nid = \"x\"\ntitle = \"t\"\ndefinition = \"d\"\nbetter = \"up\"\nkind = \"on_time\"\n",
          "mine.toml:1: kind on_time needs 'standards'");
    fails(
        "[[measure]]\nid = \"x\"\ntitle = \"t\"\ndefinition = \"d\"\nbetter = \"up\"\nkind = \"on_time\"\n"
        "standards = [\"nope\"]\n",
        "mine.toml:7: 'nope' is not a standard");
    fails("[[measure]]\nid = \"X y\"\ntitle = \"t\"\ndefinition = \"d\"\nbetter = \"up\"\nkind = \"in_drift\"\n",
          "mine.toml:2: id 'X y' must be lower-case");
    fails(
        "[[measure]]\nid = \"x\"\ntitle = \"t\"\ndefinition = \"d\"\nbetter = \"up\"\nkind = \"interval\"\n"
        "start = \"accommodated\"\nend = \"lar\"\nlimit = \"3 weeks\"\n",
        "mine.toml:9: 'limit' does not apply to kind interval");
    fails(
        "[[measure]]\nid = \"x\"\ntitle = \"t\"\ndefinition = \"d\"\nbetter = \"up\"\nkind = \"events_between\"\n"
        "start = \"court_application_lodged\"\nend = \"order_granted\"\n",
        "mine.toml:1: kind events_between needs 'count'");
    fails(
        "[[measure]]\nid = \"x\"\ntitle = \"t\"\ndefinition = \"d\"\nbetter = \"up\"\nkind = \"in_period_count\"\n"
        "within = \"none\"\n",
        "mine.toml:7: kind in_period_count needs within = away, home or looked_after");
    fails(
        "[[measure]]\nid = \"x\"\ntitle = \"t\"\ndefinition = \"d\"\nbetter = \"up\"\nkind = \"siblings_together\"\n"
        "count = \"lar\"\n",
        "mine.toml:7: 'count' does not apply to kind siblings_together");
    fails("[[measure]]\nid = \"x\"\ntitle = \"t\"\ndefinition = \"d\"\nbetter = \"sideways\"\nkind = \"in_drift\"\n",
          "mine.toml:5: better must be up or down");
}

TEST(MeasuresFile, TheCatalogueHoldsDomainSectionSix) {
    for (const char* id : {"first-lar-on-time",   "days-to-recommendation",
                           "recommendation-6m",   "days-recommendation-to-panel",
                           "adm-on-time",         "days-adm-to-lodging",
                           "court-20w",           "days-to-permanence",
                           "home-cso-over-2y",    "permanence-plan",
                           "advice-continued",    "in-drift",
                           "england-a1",          "england-a2",
                           "england-a3",          "england-a10",
                           "cfsr-permanency-12m", "orders-lapsed",
                           "re-entry-12m",        "siblings-together",
                           "child-views",         "days-recommendation-to-adm",
                           "home-cso-children",   "court-hearings-per-application"}) {
        EXPECT_NE(catalogue().find(id), nullptr) << id;
    }
}

TEST(Suppression, CountsFromOneToFourAreSmall) {
    EXPECT_FALSE(app::is_small(0));
    EXPECT_TRUE(app::is_small(1));
    EXPECT_TRUE(app::is_small(4));
    EXPECT_FALSE(app::is_small(5));
}

}  // namespace

namespace {

TEST(ChartRows, SuppressedPointsAreMissingAndProportionsCarryTheirCounts) {
    const core::PeriodGrid grid(Date::parse("2025-01-01"), Date::parse("2025-03-31"), core::PeriodLength::month);
    app::MeasureSeries s;
    s.measure = &measure("first-lar-on-time");
    core::MeasurePoint shown_point;
    shown_point.period = 0;
    shown_point.numerator = 18;
    shown_point.denominator = 24;
    shown_point.value = 75;
    core::MeasurePoint hidden = shown_point;
    hidden.period = 1;
    hidden.numerator = 3;
    hidden.value = 12.5;
    core::MeasurePoint empty;
    empty.period = 2;
    s.points = {
        {shown_point, false, true, true, true}, {hidden, false, false, true, true}, {empty, false, true, true, true}};
    const auto values = app::chart_rows(s, grid, false);
    ASSERT_EQ(values.size(), 3u);
    EXPECT_EQ(values[0].x, static_cast<double>(Date::parse("2025-01-01").serial()));
    EXPECT_EQ(values[0].y, 75);
    EXPECT_FALSE(values[1].y) << "suppressed";
    EXPECT_FALSE(values[2].y) << "no value";
    const auto counts = app::chart_rows(s, grid, true);
    EXPECT_EQ(counts[0].y, 18);
    EXPECT_EQ(counts[0].n, 24);
    EXPECT_FALSE(counts[1].y);
    EXPECT_FALSE(counts[1].n);
}

}  // namespace
