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
    fails("[[measure]]\nid = \"x\"\ntitle = \"t\"\ndefinition = \"d\"\nbetter = \"sideways\"\nkind = \"in_drift\"\n",
          "mine.toml:5: better must be up or down");
}

TEST(MeasuresFile, TheCatalogueHoldsDomainSectionSix) {
    for (const char* id :
         {"first-lar-on-time", "days-to-recommendation", "recommendation-6m", "days-recommendation-to-panel",
          "adm-on-time", "days-adm-to-lodging", "court-20w", "days-to-permanence", "home-cso-over-2y",
          "permanence-plan", "advice-continued", "in-drift", "england-a1", "england-a2", "cfsr-permanency-12m"}) {
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
