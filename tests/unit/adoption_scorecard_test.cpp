// England's adoption scorecard measures counted by outcome (docs/measures.md "England's adoption
// scorecard"): the measures file's checks on `outcome` and `ends_at_previous`, and the edge
// cases of the count on hand-built journeys (the golden case measure_england_adoption has the
// whole catalogue's A1, A2, A3 and A10 on eleven children).
#include "app/measures_file.hpp"
#include "core/error.hpp"
#include "core/measures.hpp"
#include "journey_builder.hpp"

#include <gtest/gtest.h>

namespace {

namespace core = waymark::core;
namespace app = waymark::app;
using core::Date;
using waymark::test::J;

std::string error_of(const std::string& text) {
    try {
        app::parse_measures(text, "mine.toml", waymark::test::defaults());
    } catch (const core::Error& e) {
        return e.what();
    }
    return "no error";
}

const std::string kHead = R"([[measure]]
id = "x"
title = "t"
definition = "d"
better = "down"
start = "accommodated"
end = "matched"
)";

const core::Measure& measure(const char* id) {
    static const app::MeasureSet set = app::default_measures(waymark::test::defaults());
    return *set.find(id);
}

// The one quarter's tally of some journeys as of 2025-12-31.
core::MeasurePoint q1_2025(const core::Measure& m, std::vector<J> children) {
    const core::PeriodGrid grid(Date::parse("2025-01-01"), Date::parse("2025-03-31"), core::PeriodLength::quarter);
    core::MeasureTally tally;
    for (auto& j : children) {
        const core::Journey journey(j.child(), j.events(), Date::parse("2025-12-31"));
        core::tally(m, journey, {}, grid, tally);
    }
    auto& periods = tally.series[""];
    if (periods.empty()) periods.resize(grid.size());
    return core::finish(m, periods).at(0);
}

}  // namespace

TEST(AdoptionScorecardFile, OutcomeNeedsTheLookedAfterPeriodAndItsFirstStart) {
    EXPECT_EQ(
        error_of(kHead + "kind = \"interval\"\noccurrence = \"first_in_period\"\noutcome = \"ceased_looked_after\"\n"),
        "mine.toml:10: 'outcome' counts looked after periods: it needs within = \"looked_after\"");
    EXPECT_EQ(error_of(kHead + "kind = \"interval\"\nwithin = \"looked_after\"\noutcome = \"ceased_looked_after\"\n"),
              "mine.toml:10: 'outcome' counts the first start of a period: it needs occurrence = \"first_in_period\"");
    EXPECT_EQ(error_of(kHead + "kind = \"event_share\"\noutcome = \"ceased_looked_after\"\n"),
              "mine.toml:9: 'outcome' does not apply to kind event_share");
    EXPECT_EQ(error_of(kHead + "kind = \"interval\"\nends_at_previous = \"placement_change\"\n"),
              "mine.toml:9: 'ends_at_previous' does not apply to kind interval");
}

// A child adopted in Q1 2025 after a move to adopters and a match: counted once, by the quarter
// of the adoption, not of the move (Q2 2024). Accommodated 1 Apr 2024, with adopters 1 Jun 2024:
// 30 + 31 = 61 days.
TEST(AdoptionScorecard, CountedInTheQuarterOfTheAdoption) {
    const auto p =
        q1_2025(measure("england-a1"), {J().ev("2024-04-01", "accommodated", "placement=foster")
                                            .ev("2024-06-01", "placement_change", "placement=prospective_adopters")
                                            .ev("2025-02-01", "ceased_looked_after", "destination=adoption")});
    EXPECT_EQ(p.completed, 1u);
    EXPECT_EQ(p.denominator, 1);
    EXPECT_DOUBLE_EQ(*p.value, 61);
}

// A second period of care counts from its own start: accommodated again 1 Jan 2024 after going
// home in 2023, with adopters 1 Mar 2024 (31 + 29 = 60 days), not from the first care in 2022.
TEST(AdoptionScorecard, TheWaitIsInsideThePeriodThatEndedInAdoption) {
    const auto p =
        q1_2025(measure("england-a1"), {J().ev("2022-01-01", "accommodated", "placement=foster")
                                            .ev("2022-03-01", "placement_change", "placement=prospective_adopters")
                                            .ev("2023-01-01", "ceased_looked_after", "destination=home")
                                            .ev("2024-01-01", "accommodated", "placement=foster")
                                            .ev("2024-03-01", "placement_change", "placement=prospective_adopters")
                                            .ev("2025-03-01", "ceased_looked_after", "destination=adoption")});
    EXPECT_EQ(p.completed, 1u);
    EXPECT_DOUBLE_EQ(*p.value, 60);
}

// A3 is "less than 14 months": 1 Jan 2024 + 14 months = 1 Mar 2025. A move to adopters on 28 Feb
// 2025 is less; one on 1 Mar 2025 is not. Both children were adopted in Q1 2025.
TEST(AdoptionScorecard, A3CountsOnlyWaitsShorterThanFourteenMonths) {
    const auto p =
        q1_2025(measure("england-a3"), {J().ev("2024-01-01", "accommodated", "placement=foster")
                                            .ev("2025-02-28", "placement_change", "placement=prospective_adopters")
                                            .ev("2025-03-30", "ceased_looked_after", "destination=adoption"),
                                        J().ev("2024-01-01", "accommodated", "placement=foster")
                                            .ev("2025-03-01", "placement_change", "placement=prospective_adopters")
                                            .ev("2025-03-31", "ceased_looked_after", "destination=adoption")});
    EXPECT_EQ(p.numerator, 1);
    EXPECT_EQ(p.denominator, 2);
    EXPECT_DOUBLE_EQ(*p.value, 50);
}

// A10 ends at the latest placement event before the move, only when it was foster or kinship
// care: from residential care straight to adopters it is A1's wait (1 Jan -> 1 Apr 2024 = 91).
TEST(AdoptionScorecard, A10EndsAtAFosterPlacementOnly) {
    const auto residential =
        q1_2025(measure("england-a10"), {J().ev("2024-01-01", "accommodated", "placement=foster")
                                             .ev("2024-02-01", "placement_change", "placement=residential")
                                             .ev("2024-04-01", "placement_change", "placement=prospective_adopters")
                                             .ev("2025-03-01", "ceased_looked_after", "destination=adoption")});
    EXPECT_DOUBLE_EQ(*residential.value, 91);
    const auto foster =
        q1_2025(measure("england-a10"), {J().ev("2024-01-01", "accommodated", "placement=residential")
                                             .ev("2024-02-01", "placement_change", "placement=foster")
                                             .ev("2024-04-01", "placement_change", "placement=prospective_adopters")
                                             .ev("2025-03-01", "ceased_looked_after", "destination=adoption")});
    EXPECT_DOUBLE_EQ(*foster.value, 31);
}
