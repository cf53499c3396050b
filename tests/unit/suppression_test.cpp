// Secondary suppression (app/suppression.hpp, docs/measures.md "Small numbers"): on small
// tables worked out by hand, on random tables against the linear-algebra check, and through
// app::measure_report on synthetic journeys, where the council's figure less its teams' shown
// figures (or all councils' less the councils') must not give away a hidden count.
#include "app/suppression.hpp"

#include "app/measure_chart.hpp"
#include "app/measure_report.hpp"
#include "support/synthetic.hpp"
#include "support/web_fixture.hpp"

#include <map>
#include <random>

namespace {

namespace app = waymark::app;
namespace core = waymark::core;
using app::SuppressionCell;
using app::SuppressionSum;
using waymark::test::kOwn;

std::vector<SuppressionCell> cells_of(std::initializer_list<std::int64_t> values) {
    std::vector<SuppressionCell> out;
    for (auto v : values) out.push_back({v, true, false, false});
    return out;
}

std::vector<bool> hidden(const std::vector<SuppressionCell>& cells) {
    std::vector<bool> out(cells.size());
    for (std::size_t i = 0; i < cells.size(); ++i) out[i] = cells[i].hidden;
    return out;
}

TEST(Suppression, ALoneSmallPartOfAShownTotalTakesTheSmallestOtherNonZeroPartWithIt) {
    // total 29 = 2 + 0 + 7 + 20: the 2 alone could be worked out as 29 - 0 - 7 - 20.
    auto cells = cells_of({29, 2, 0, 7, 20});
    const std::vector<SuppressionSum> sums{{0, {1, 2, 3, 4}}};
    app::suppress(cells, sums);
    EXPECT_EQ(hidden(cells), (std::vector<bool>{false, true, false, true, false}));
    EXPECT_TRUE(app::determined_cells(cells, sums).empty());
}

TEST(Suppression, ALockedTotalIsNeverChosenAndAHiddenOneMakesAPartHiddenToo) {
    // The total is hidden by its own report (locked): the parts must not add up to it.
    auto cells = cells_of({12, 0, 12});
    cells[0].locked = true;
    cells[0].hidden = true;
    const std::vector<SuppressionSum> sums{{0, {1, 2}}};
    app::suppress(cells, sums);
    EXPECT_EQ(hidden(cells), (std::vector<bool>{true, false, true}));
    // Locked and shown: stays shown even though the one part under 5 is then the only one hidden,
    // which is why the parts are chosen among the others.
    auto shown_total = cells_of({9, 3, 6});
    shown_total[0].locked = true;
    app::suppress(shown_total, sums);
    EXPECT_EQ(hidden(shown_total), (std::vector<bool>{false, true, true}));
}

TEST(Suppression, ADenominatorLessItsNumeratorIsProtectedAndHiddenFirstWhenItIsNotPrinted) {
    // 18 of 20: the 2 not met is small. Numerator, not met, denominator.
    auto cells = cells_of({18, 2, 20});
    cells[1].published = false;
    const std::vector<SuppressionSum> row{{2, {0, 1}}};
    app::suppress(cells, row);
    EXPECT_EQ(hidden(cells), (std::vector<bool>{true, true, false})) << "the smaller printed count goes with it";
    // 3 of 40: the numerator is small; the 37 not met (not printed) goes with it, the 40 stays.
    auto few = cells_of({3, 37, 40});
    few[1].published = false;
    app::suppress(few, row);
    EXPECT_EQ(hidden(few), (std::vector<bool>{true, true, false}));
}

TEST(Suppression, DeterminedCellsFindsWhatSubtractionGivesAway) {
    auto cells = cells_of({29, 2, 7, 20});
    const std::vector<SuppressionSum> sums{{0, {1, 2, 3}}};
    cells[1].hidden = true;
    EXPECT_EQ(app::determined_cells(cells, sums), (std::vector<std::size_t>{1}));
    cells[2].hidden = true;
    EXPECT_TRUE(app::determined_cells(cells, sums).empty());
    // Two tables sharing a cell: a hidden pair in each sum, yet the pair 2+2 is fixed by a
    // third sum over them.
    auto two = cells_of({4, 2, 2});
    two[1].hidden = true;
    two[2].hidden = true;
    EXPECT_TRUE(app::determined_cells(two, {{0, {1, 2}}}).empty());
    EXPECT_EQ(app::determined_cells(two, {{0, {1, 2}}, {1, {2}}}), (std::vector<std::size_t>{1, 2}));
}

// Random tables of groups by (numerator, not met, denominator) with a total row, as a report by
// team is: afterwards nothing hidden is determined, no sum has a lone hidden cell and every
// count from 1 to 4 is hidden.
TEST(Suppression, RandomTablesLeaveNothingToWorkOut) {
    std::mt19937 random(20261126);
    for (int round = 0; round < 500; ++round) {
        const std::size_t groups = 2 + random() % 6;
        std::vector<SuppressionCell> cells(3 * (groups + 1));
        std::vector<SuppressionSum> sums;
        std::int64_t num_total = 0;
        std::int64_t miss_total = 0;
        for (std::size_t g = 1; g <= groups; ++g) {
            const auto num = static_cast<std::int64_t>(random() % 3 == 0 ? random() % 5 : random() % 30);
            const auto miss = static_cast<std::int64_t>(random() % 3 == 0 ? random() % 5 : random() % 30);
            cells[3 * g] = {num, true, false, false};
            cells[3 * g + 1] = {miss, false, false, false};
            cells[3 * g + 2] = {num + miss, true, false, false};
            num_total += num;
            miss_total += miss;
        }
        cells[0] = {num_total, true, false, false};
        cells[1] = {miss_total, false, false, false};
        cells[2] = {num_total + miss_total, true, false, false};
        // The total row as its own report shows it, then locked.
        std::vector<SuppressionCell> total(cells.begin(), cells.begin() + 3);
        app::suppress(total, {{2, {0, 1}}});
        for (std::size_t i = 0; i < 3; ++i) {
            cells[i] = total[i];
            cells[i].locked = true;
        }
        for (std::size_t g = 0; g <= groups; ++g) sums.push_back({3 * g + 2, {3 * g, 3 * g + 1}});
        for (std::size_t c = 0; c < 3; ++c) {
            SuppressionSum column{c, {}};
            for (std::size_t g = 1; g <= groups; ++g) column.parts.push_back(3 * g + c);
            sums.push_back(column);
        }
        app::suppress(cells, sums);
        EXPECT_TRUE(app::determined_cells(cells, sums).empty()) << "round " << round;
        for (std::size_t i = 3; i < cells.size(); ++i) {
            if (app::is_small(cells[i].value)) {
                EXPECT_TRUE(cells[i].hidden) << "round " << round << " cell " << i;
            }
        }
        for (const auto& s : sums) {
            std::size_t n = cells[s.total].hidden ? 1 : 0;
            for (auto p : s.parts) n += cells[p].hidden ? 1 : 0;
            EXPECT_NE(n, 1u) << "round " << round;
        }
    }
}

// The web fixture's councils with 300 synthetic children in kOwn; 150 of them allocated to
// worker_b of Team B, so that Team B's counts are mostly 5 and more while Team A (C1 and C2)
// has only small ones, and kOther (one child) is small beside kOwn.
class ReportSuppression : public waymark::test::WebTest {
protected:
    void SetUp() override {
        WebTest::SetUp();
        waymark::test::import_synthetic(*store_, standards_, dir_, 300, 11, kOwn);
        std::vector<app::AllocationRequest> to_b;
        for (int i = 1; i <= 150; ++i) {
            const std::string digits = std::to_string(i);
            std::string id = "C";
            id.append(6 - digits.size(), '0').append(digits);
            to_b.push_back({kOwn, id, "worker_b@S12000049", "", ""});
        }
        app::allocate(*store_, to_b, {"fixture", "2027-01-14T08:00:00Z", "test"});
    }

    app::MeasureReport report(const char* id, std::optional<std::string> council, app::MeasureGroups by,
                              std::optional<std::string> team = std::nullopt,
                              core::PeriodLength length = core::PeriodLength::month, int months_back = 35) {
        app::MeasureQuery q;
        q.measures = {measures_.find(id)};
        q.as_of = core::Date::parse("2026-11-26");
        q.to = q.as_of;
        q.from = q.to - core::Months{months_back};
        q.length = length;
        q.local_authority = std::move(council);
        q.team = std::move(team);
        q.by = by;
        return app::measure_report(*store_, standards_, q);
    }
};

struct Count {
    std::int64_t value;
    bool shown;
};

// The counts an output shows of a point, by name.
std::vector<std::pair<const char*, Count>> counts_of(const app::SeriesPoint& sp) {
    const auto& p = sp.point;
    std::vector<std::pair<const char*, Count>> out{{"numerator", {p.numerator, sp.numerator_shown}},
                                                   {"denominator", {p.denominator, sp.denominator_shown}}};
    out.push_back({"cohort events", {static_cast<std::int64_t>(p.cohort.events), sp.events_shown}});
    out.push_back({"still waiting", {static_cast<std::int64_t>(p.cohort.n - p.cohort.events), sp.waiting_shown}});
    return out;
}

// The subtraction attack: where the whole's count is shown and exactly one part's is hidden,
// the whole less the shown parts is that part's count. Returns how many hidden counts of the
// parts were seen (so that a test can insist there were some to protect).
std::size_t expect_no_difference_gives_away(const app::MeasureSeries& whole,
                                            const std::vector<app::MeasureSeries>& parts, const std::string& what) {
    std::size_t hidden_seen = 0;
    for (std::size_t i = 0; i < whole.points.size(); ++i) {
        const auto total = counts_of(whole.points[i]);
        for (std::size_t k = 0; k < total.size(); ++k) {
            std::size_t hidden_parts = 0;
            for (const auto& part : parts) {
                if (!counts_of(part.points.at(i))[k].second.shown) ++hidden_parts;
            }
            hidden_seen += hidden_parts;
            if (total[k].second.shown) {
                EXPECT_NE(hidden_parts, 1u)
                    << what << ": " << total[k].first << " of period " << i << " is the whole less the shown parts";
            }
        }
    }
    return hidden_seen;
}

// The same counts and values shown, point by point.
void expect_same_pattern(const app::MeasureSeries& a, const app::MeasureSeries& b, const std::string& what) {
    ASSERT_EQ(a.points.size(), b.points.size()) << what;
    for (std::size_t i = 0; i < a.points.size(); ++i) {
        const auto x = counts_of(a.points[i]);
        const auto y = counts_of(b.points[i]);
        for (std::size_t k = 0; k < x.size(); ++k) {
            EXPECT_EQ(x[k].second.shown, y[k].second.shown) << what << " period " << i << " " << x[k].first;
        }
        EXPECT_EQ(a.points[i].value_shown, b.points[i].value_shown) << what << " period " << i;
    }
}

std::vector<app::MeasureSeries> overall(const app::MeasureReport& r) {
    std::vector<app::MeasureSeries> out;
    for (const auto& s : r.series) {
        if (s.series.empty()) out.push_back(s);
    }
    return out;
}

TEST_F(ReportSuppression, TheCouncilLessItsOtherTeamsDoesNotGiveAwayATeamsHiddenCount) {
    for (const char* id : {"permanence-plan", "in-drift", "first-lar-on-time", "days-to-recommendation"}) {
        const auto council = overall(report(id, std::string(kOwn), app::MeasureGroups::all));
        const auto teams = overall(report(id, std::string(kOwn), app::MeasureGroups::team));
        ASSERT_EQ(council.size(), 1u);
        ASSERT_GE(teams.size(), 3u);
        EXPECT_GT(expect_no_difference_gives_away(council.front(), teams, std::string(id) + " by team"), 0u) << id;
    }
}

TEST_F(ReportSuppression, AllCouncilsLessTheOtherCouncilsDoesNotGiveAwayACouncilsHiddenCount) {
    for (const char* id : {"permanence-plan", "in-drift", "first-lar-on-time", "days-to-recommendation"}) {
        const auto all = overall(report(id, std::nullopt, app::MeasureGroups::all));
        const auto councils = overall(report(id, std::nullopt, app::MeasureGroups::council));
        ASSERT_EQ(all.size(), 1u);
        ASSERT_EQ(councils.size(), 2u);
        EXPECT_GT(expect_no_difference_gives_away(all.front(), councils, std::string(id) + " by council"), 0u) << id;
        // A council's own report shows what the report by council shows of it.
        for (const auto& c : councils) {
            const auto own = overall(report(id, c.group, app::MeasureGroups::all));
            ASSERT_EQ(own.size(), 1u);
            expect_same_pattern(own.front(), c, std::string(id) + " " + c.group);
        }
    }
}

TEST_F(ReportSuppression, OneTeamShowsWhatTheReportByTeamShowsOfIt) {
    for (const char* id : {"permanence-plan", "in-drift", "days-to-recommendation"}) {
        const auto teams = overall(report(id, std::string(kOwn), app::MeasureGroups::team));
        for (const auto& t : teams) {
            if (t.group == app::kNotAllocated || t.group == app::kNoTeam) continue;
            const auto one = overall(report(id, std::string(kOwn), app::MeasureGroups::all, t.group));
            ASSERT_EQ(one.size(), 1u);
            ASSERT_EQ(one.front().group, t.group);
            expect_same_pattern(one.front(), t, std::string(id) + " " + t.group);
        }
    }
}

TEST_F(ReportSuppression, AShownPercentageHasItsCountsShownAndNoneOfThemSmall) {
    for (const char* id : {"permanence-plan", "first-lar-on-time"}) {
        for (const auto by : {app::MeasureGroups::all, app::MeasureGroups::team}) {
            for (const auto& s : overall(report(id, std::string(kOwn), by))) {
                for (const auto& sp : s.points) {
                    const auto& p = sp.point;
                    // The denominator less the numerator is not shown as such, but follows from the two.
                    if (sp.numerator_shown && sp.denominator_shown) {
                        EXPECT_FALSE(app::is_small(p.denominator - p.numerator)) << id << " " << s.group;
                    }
                    if (sp.value_shown) {
                        EXPECT_TRUE(sp.numerator_shown && sp.denominator_shown);
                    }
                    if (app::is_small(p.numerator)) {
                        EXPECT_FALSE(sp.numerator_shown);
                    }
                    if (app::is_small(p.denominator)) {
                        EXPECT_FALSE(sp.denominator_shown);
                    }
                }
            }
        }
    }
}

TEST_F(ReportSuppression, ASplitSeriesDoesNotGiveAwayItsHiddenPartByDifferenceFromTheWhole) {
    for (const auto by : {app::MeasureGroups::all, app::MeasureGroups::council}) {
        const auto r = report("days-adm-to-lodging", std::nullopt, by);
        std::map<std::string, std::vector<app::MeasureSeries>> splits;
        std::map<std::string, app::MeasureSeries> whole;
        for (const auto& s : r.series) {
            if (s.series.empty()) {
                whole[s.group] = s;
            } else {
                splits[s.group].push_back(s);
            }
        }
        ASSERT_FALSE(splits.empty());
        for (const auto& [group, parts] : splits) {
            for (std::size_t i = 0; i < whole[group].points.size(); ++i) {
                std::size_t hidden_parts = 0;
                for (const auto& part : parts) hidden_parts += part.points.at(i).numerator_shown ? 0 : 1;
                if (whole[group].points[i].numerator_shown) {
                    EXPECT_NE(hidden_parts, 1u) << group << " period " << i;
                }
            }
        }
    }
}

TEST_F(ReportSuppression, OutputsMarkEveryHiddenCountAlike) {
    const auto r = report("permanence-plan", std::string(kOwn), app::MeasureGroups::team);
    const std::string csv = app::measure_report_csv(r);
    EXPECT_EQ(csv.find("<5"), std::string::npos);
    bool complementary = false;
    for (const auto& s : r.series) {
        for (const auto& sp : s.points) {
            if ((!sp.numerator_shown && !app::is_small(sp.point.numerator)) ||
                (!sp.denominator_shown && !app::is_small(sp.point.denominator))) {
                complementary = true;
            }
        }
    }
    EXPECT_TRUE(complementary) << "the fixture should need a complementary suppression";
    EXPECT_NE(csv.find(std::string(",") + app::kSuppressed + ","), std::string::npos);
}

// Months against quarters (docs/measures.md "Months and quarters"). A quarter of counted
// events (on time, waits, shares) is the sum of its three months: 6, 6, [c] by month and 15 by
// quarter gives the [c] away as 3. A quarter of a snapshot (looked after, overdue at the
// period's end) is its third month. Every grouping a user can ask for is checked: all councils,
// each council, the council by team and each team alone.
struct Reports {
    std::string what;
    app::MeasureReport months;
    app::MeasureReport quarters;
};

// The quarter's count from its months: the hidden ones that the shown ones give away.
void expect_months_do_not_give_away_quarters(const Reports& r, bool snapshot, std::size_t& checked) {
    const auto months = overall(r.months);
    const auto quarters = overall(r.quarters);
    ASSERT_EQ(months.size(), quarters.size()) << r.what;
    for (std::size_t s = 0; s < months.size(); ++s) {
        ASSERT_EQ(months[s].group, quarters[s].group) << r.what;
        // 36 months from 2023-12 to 2026-11: the quarters 2023-Q4 to 2026-Q4, 2023-12 is the
        // third month of 2023-Q4.
        for (std::size_t qi = 1; qi < quarters[s].points.size(); ++qi) {
            const std::size_t first = 1 + 3 * (qi - 1);
            if (first + 2 >= months[s].points.size()) break;
            const auto q = counts_of(quarters[s].points[qi]);
            for (std::size_t k = 0; k < q.size(); ++k) {
                std::vector<Count> m;
                for (std::size_t i = 0; i < 3; ++i) m.push_back(counts_of(months[s].points[first + i])[k].second);
                const std::string where = r.what + " " + months[s].group + " quarter " + std::to_string(qi) + " " +
                                          q[k].first + " (months " + std::to_string(m[0].value) + ", " +
                                          std::to_string(m[1].value) + ", " + std::to_string(m[2].value) +
                                          "; quarter " + std::to_string(q[k].second.value) + ")";
                ++checked;
                if (snapshot) {
                    EXPECT_EQ(q[k].second.value, m[2].value) << where;
                    EXPECT_EQ(q[k].second.shown, m[2].shown) << where;
                    continue;
                }
                EXPECT_EQ(q[k].second.value, m[0].value + m[1].value + m[2].value) << where;
                const std::size_t hidden =
                    (q[k].second.shown ? 0 : 1) + (m[0].shown ? 0 : 1) + (m[1].shown ? 0 : 1) + (m[2].shown ? 0 : 1);
                EXPECT_NE(hidden, 1u) << where << ": one hidden count is the others' difference";
            }
        }
    }
}

TEST_F(ReportSuppression, MonthsAndQuartersShareOneSuppressionSo6And6AndHiddenBeside15GivesNothingAway) {
    std::size_t checked = 0;
    for (const char* id : {"permanence-plan", "in-drift", "first-lar-on-time", "days-to-recommendation"}) {
        const bool snapshot = std::string(id) == "permanence-plan" || std::string(id) == "in-drift";
        auto both = [&](const std::string& what, std::optional<std::string> council, app::MeasureGroups by,
                        std::optional<std::string> team = std::nullopt) {
            return Reports{std::string(id) + " " + what, report(id, council, by, team, core::PeriodLength::month),
                           report(id, council, by, team, core::PeriodLength::quarter)};
        };
        expect_months_do_not_give_away_quarters(both("all councils", std::nullopt, app::MeasureGroups::all), snapshot,
                                                checked);
        expect_months_do_not_give_away_quarters(both("by council", std::nullopt, app::MeasureGroups::council), snapshot,
                                                checked);
        expect_months_do_not_give_away_quarters(both("own council", std::string(kOwn), app::MeasureGroups::all),
                                                snapshot, checked);
        expect_months_do_not_give_away_quarters(both("by team", std::string(kOwn), app::MeasureGroups::team), snapshot,
                                                checked);
        expect_months_do_not_give_away_quarters(
            both("one team", std::string(kOwn), app::MeasureGroups::all, std::string("Team A")), snapshot, checked);
    }
    EXPECT_GT(checked, 100u);
}

TEST_F(ReportSuppression, AMonthIsHiddenAlikeWhateverRangeIsAskedFor) {
    // A range that begins in the middle of a quarter must not decide its months differently from
    // one that begins with the quarter: the pattern of a month is the pattern of its quarter.
    for (const char* id : {"first-lar-on-time", "days-to-recommendation"}) {
        const auto longer = overall(
            report(id, std::string(kOwn), app::MeasureGroups::team, std::nullopt, core::PeriodLength::month, 35));
        const auto shorter = overall(
            report(id, std::string(kOwn), app::MeasureGroups::team, std::nullopt, core::PeriodLength::month, 30));
        ASSERT_EQ(longer.size(), shorter.size());
        for (std::size_t s = 0; s < longer.size(); ++s) {
            ASSERT_EQ(longer[s].points.size(), shorter[s].points.size() + 5);
            for (std::size_t i = 0; i < shorter[s].points.size(); ++i) {
                const auto a = counts_of(longer[s].points[i + 5]);
                const auto b = counts_of(shorter[s].points[i]);
                for (std::size_t k = 0; k < a.size(); ++k) {
                    EXPECT_EQ(a[k].second.shown, b[k].second.shown)
                        << id << " " << longer[s].group << " month " << i << " " << a[k].first;
                }
            }
        }
    }
}

}  // namespace
