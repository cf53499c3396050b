// The measures pages through the handlers: the catalogue, a measure's chart (the same series as
// app::measure_report, with the tests of change marked), its filters and their errors, the CSV,
// Excel and PNG downloads, the suppression of small counts, and that no child is named anywhere.
#include "app/csv.hpp"
#include "app/import.hpp"
#include "app/measure_chart.hpp"
#include "support/synthetic.hpp"
#include "support/test_of_change.hpp"
#include "support/web_fixture.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stop_token>

namespace {

using waymark::app::Role;
using waymark::test::kOther;
using waymark::test::kOwn;
namespace app = waymark::app;
namespace core = waymark::core;

struct Named {
    std::string child_id;
    std::string name;  // "given family", or the family name alone
};

// The web fixture and 300 synthetic children of the users' council over several years, so that
// the charts have periods with counts of 5 and more; the other council keeps its one child.
class MeasurePages : public waymark::test::WebTest {
protected:
    void SetUp() override {
        WebTest::SetUp();
        // The synthetic ids are C000001...; the fixture's own C1 and C2 do not clash with them.
        read_names(waymark::test::import_synthetic(*store_, standards_, dir_, 300, 7, kOwn));
        named_.push_back({"C1", "Munro"});
        named_.push_back({"C2", "Eilidh Ross"});
        named_.push_back({"C1", "Ishbel Campbell"});
    }

    void read_names(const std::string& path) {
        auto reader = app::CsvReader(path);
        std::vector<std::string_view> f;
        std::optional<app::CsvProblem> problem;
        reader.next(f, problem);  // header: child_id,local_authority,family_name,given_name,...
        while (reader.next(f, problem)) {
            std::string name =
                std::string(f[3]).empty() ? std::string(f[2]) : std::string(f[3]) + " " + std::string(f[2]);
            named_.push_back({std::string(f[0]), name});
        }
    }

    // Fails the test for any child id (as a whole word) or name in the text.
    void expect_no_child(const std::string& body, const std::string& what) const {
        for (const auto& n : named_) {
            if (n.child_id.size() > 2) {
                EXPECT_EQ(body.find(n.child_id), std::string::npos) << what << " names " << n.child_id;
            }
            if (n.name.find(' ') != std::string::npos) {
                EXPECT_EQ(body.find(n.name), std::string::npos) << what << " names " << n.name;
            }
        }
    }

    static void expect_download(const waymark::web::Response& r, const std::string& type, const std::string& file) {
        EXPECT_EQ(r.status, 200) << r.body;
        EXPECT_EQ(r.header("Content-Type"), type);
        EXPECT_EQ(r.header("Content-Disposition"), "attachment; filename=\"" + file + "\"");
        EXPECT_GT(r.body.size(), 24u);
    }

    std::string as(Role role, const std::string& council = kOwn) { return session_for(user_name(role, council)).token; }

    std::vector<Named> named_;
};

TEST_F(MeasurePages, TheCatalogueListsEveryMeasureForEveryRole) {
    for (Role role : app::kAllRoles) {
        const auto r = get("/measures", as(role));
        ASSERT_EQ(r.status, 200) << app::to_string(role);
        for (const auto& m : measures_.measures) {
            EXPECT_NE(r.body.find("href=\"/measures/" + m.id + "\""), std::string::npos) << m.id;
        }
        EXPECT_NE(r.body.find("<th scope=\"col\">Better</th>"), std::string::npos);
        // The header's navigation leads to the measures and the tests of change.
        EXPECT_NE(r.body.find("href=\"/measures\">Measures</a>"), std::string::npos);
        EXPECT_NE(r.body.find("href=\"/tests-of-change\">Tests of change</a>"), std::string::npos);
    }
    EXPECT_EQ(get("/measures").status, 303);
}

TEST_F(MeasurePages, AMeasurePageShowsTheChartWhatItSaysTheDataAndTheDownloads) {
    const auto r = get("/measures/first-lar-on-time?from=2024-12&to=2026-11", as(Role::improvement_advisor));
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_NE(r.body.find("<svg", r.body.find("<main")), std::string::npos);
    EXPECT_NE(r.body.find("<h2>What the chart says</h2>"), std::string::npos);
    EXPECT_NE(r.body.find("<main class=\"ds_layout ds_layout--category-list\""), std::string::npos)
        << "the page takes the full width, so the chart is not shrunk to the reading column";
    EXPECT_NE(r.body.find("<caption>The data: <bdi>First looked after review on time"), std::string::npos);
    for (const char* ext : {".csv", ".xlsx", ".png"}) {
        EXPECT_NE(r.body.find(std::string("/measures/first-lar-on-time") + ext +
                              "?from=2024-12&amp;to=2026-11&amp;period=month&amp;chart=run"),
                  std::string::npos)
            << ext;
    }
    // One row per month of the range that is over (November 2026 is not), labelled as the CLI
    // labels them.
    std::size_t rows = 0;
    for (auto at = r.body.find("<th scope=\"row\""); at != std::string::npos;
         at = r.body.find("<th scope=\"row\"", at + 1))
        ++rows;
    EXPECT_EQ(rows, 23u);
    EXPECT_NE(r.body.find(">2026-10</th>"), std::string::npos);
    EXPECT_NE(r.body.find("S12000049"), std::string::npos);
    expect_no_child(r.body, "the page");
    EXPECT_EQ(r.body.find(" style="), std::string::npos);
}

TEST_F(MeasurePages, EveryMeasureDrawsAsEveryChartItOffersInABusyCouncilAndAnAlmostEmptyOne) {
    for (const char* council : {kOwn, kOther}) {
        const auto tok = as(Role::improvement_advisor, council);
        for (const auto& m : measures_.measures) {
            for (const auto& chart : app::chart_choices(m)) {
                const auto r = get("/measures/" + m.id + "?chart=" + chart, tok);
                EXPECT_EQ(r.status, 200) << council << " " << m.id << " " << chart;
                EXPECT_NE(r.body.find("<svg", r.body.find("<main")), std::string::npos)
                    << council << " " << m.id << " " << chart;
            }
        }
    }
}

TEST_F(MeasurePages, ThePageShowsWhatMeasureReportComputesWithSmallCountsSuppressed) {
    // The other council has one child: every count is under 5 or 0.
    const auto r = get("/measures/permanence-plan?from=2026-06&to=2026-11", as(Role::improvement_advisor, kOther));
    ASSERT_EQ(r.status, 200) << r.body;
    app::MeasureQuery q;
    q.measures = {measures_.find("permanence-plan")};
    q.from = core::Date::parse("2026-06-01");
    q.to = core::Date::parse("2026-11-01");
    q.as_of = core::Date::parse("2026-11-26");
    q.local_authority = kOther;
    const auto report = app::measure_report(*store_, standards_, q);
    bool small = false;
    for (const auto& sp : report.series.front().points) {
        const auto n = sp.point.denominator;
        if (app::is_small(n)) {
            small = true;
            EXPECT_FALSE(sp.value_shown);
        }
    }
    ASSERT_TRUE(small) << "the fixture should give a count under 5";
    EXPECT_NE(r.body.find("<td data-title=\"Denominator\">[c]</td>"), std::string::npos);
    EXPECT_EQ(r.body.find("<td data-title=\"Denominator\">1</td>"), std::string::npos);
    EXPECT_EQ(r.body.find("<td data-title=\"Value\">100%</td>"), std::string::npos);
    EXPECT_EQ(r.body.find("Ishbel"), std::string::npos);
}

TEST_F(MeasurePages, AChartWhoseValuesAreMostlyHiddenSaysThereAreTooFewPointsToAnalyse) {
    // The other council has one child, looked after from August 2026: every month's percentage
    // rests on a count of 1 and is hidden, so there is nothing to take a median of, and the page
    // says so.
    const auto r = get("/measures/permanence-plan?from=2026-08&to=2026-10", as(Role::improvement_advisor, kOther));
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_NE(r.body.find("<svg", r.body.find("<main")), std::string::npos);
    const auto says = r.body.find("<h2>What the chart says</h2>");
    ASSERT_NE(says, std::string::npos);
    EXPECT_NE(r.body.find("Too few points to analyse: 3 of the 3 months have counts under 5", says), std::string::npos)
        << r.body.substr(says, 400);
    EXPECT_EQ(r.body.find("no useful points"), std::string::npos);
    // The users' own council has counts of 5 and more before the other council's child came (from
    // August, its small counts hide the own council's by difference too): analysed as before.
    const auto own = get("/measures/in-drift?from=2026-01&to=2026-06", as(Role::improvement_advisor));
    ASSERT_EQ(own.status, 200);
    EXPECT_EQ(own.body.find("Too few points to analyse"), std::string::npos)
        << own.body.substr(own.body.find("<tbody"), 900);
}

TEST_F(MeasurePages, TheCsvIsTheReportOfMeasureReportAsTheCommandLinePrintsIt) {
    const auto r =
        get("/measures/days-adm-to-lodging.csv?from=2023-01&to=2026-11&period=quarter", as(Role::national_analyst));
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.header("Content-Type"), "text/csv; charset=utf-8");
    EXPECT_EQ(r.header("Content-Disposition"), "attachment; filename=\"measure-days-adm-to-lodging-all.csv\"");
    app::MeasureQuery q;
    q.measures = {measures_.find("days-adm-to-lodging")};
    q.from = core::Date::parse("2023-01-01");
    q.to = core::Date::parse("2026-09-30");  // the fourth quarter of 2026 is not over: not charted
    q.as_of = core::Date::parse("2026-11-26");
    q.length = core::PeriodLength::quarter;
    const auto report = app::measure_report(*store_, standards_, q);
    EXPECT_EQ(r.body, app::measure_report_csv(report));
    // One line per point of every series (overall, po, poa), after the header.
    std::size_t points = 0;
    for (const auto& s : report.series) points += s.points.size();
    EXPECT_EQ(static_cast<std::size_t>(std::count(r.body.begin(), r.body.end(), '\n')), points + 1);
    EXPECT_GE(report.series.size(), 2u);
    // The small counts are "[c]" and the values that would reveal them are empty.
    std::istringstream lines(r.body);
    std::string line;
    std::getline(lines, line);
    EXPECT_EQ(line.substr(0, 40), "measure,group,series,period,period_start");
    bool saw_small = false;
    for (const auto& s : report.series) {
        for (const auto& sp : s.points) {
            std::getline(lines, line);
            if (app::is_small(sp.point.completed)) {
                saw_small = true;
                EXPECT_NE(line.find(",[c],"), std::string::npos) << line;
            }
        }
    }
    EXPECT_TRUE(saw_small);
    expect_no_child(r.body, "the CSV");
}

TEST_F(MeasurePages, TheExcelDownloadIsAWorkbookWithTheSeriesSheet) {
    const auto r = get("/measures/first-lar-on-time.xlsx?chart=p", as(Role::team_manager));
    expect_download(r, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "measure-first-lar-on-time-S12000049.xlsx");
    EXPECT_EQ(r.body.substr(0, 4), std::string("PK\x03\x04", 4));  // a zip
    EXPECT_NE(r.body.find("xl/worksheets/sheet1.xml"), std::string::npos);
    EXPECT_NE(r.body.find("xl/workbook.xml"), std::string::npos);
}

TEST_F(MeasurePages, ThePngDownloadIsAPicture) {
    const auto r = get("/measures/in-drift.png?chart=i&period=quarter", as(Role::improvement_advisor));
    expect_download(r, "image/png", "measure-in-drift-S12000049.png");
    ASSERT_GT(r.body.size(), 24u);
    EXPECT_EQ(r.body.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
    auto be32 = [&](std::size_t at) {
        std::uint32_t v = 0;
        for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(r.body[at + i]);
        return v;
    };
    // IHDR: a landscape page at two pixels a point.
    EXPECT_GT(be32(16), 1000u);
    EXPECT_GT(be32(16), be32(20));
    expect_no_child(r.body, "the PNG");
}

TEST_F(MeasurePages, TestsOfChangeLinkedToTheMeasureAreMarkedAndListed) {
    auto t = waymark::test::a_test_of_change("HUDDLE-7");
    t.title = "Permanence huddles";
    t.start_date = core::Date::parse("2025-09-01");
    t.measures = {"in-drift"};
    store_->tests_of_change().add_test(t, "2025-09-01T00:00:00Z");
    auto other = waymark::test::a_test_of_change("ELSEWHERE-1");
    other.local_authority = kOther;
    other.measures = {"in-drift"};
    store_->tests_of_change().add_test(other, "2025-09-01T00:00:00Z");

    const auto r = get("/measures/in-drift?from=2025-01&to=2026-11", as(Role::improvement_advisor));
    ASSERT_EQ(r.status, 200);
    // On the chart (the SVG's label) and in the list with a link to the test.
    const auto svg_end = r.body.find("</svg>", r.body.find("<main"));
    ASSERT_NE(svg_end, std::string::npos);
    EXPECT_LT(r.body.find("HUDDLE-7 Permanence huddles"), svg_end);
    EXPECT_NE(r.body.find("href=\"/tests-of-change/HUDDLE-7\""), std::string::npos);
    EXPECT_EQ(r.body.find("ELSEWHERE-1"), std::string::npos);
    // A national analyst sees their own council's tests on its chart.
    const auto own =
        get("/measures/in-drift?from=2025-01&to=2026-11&council=S12000033", as(Role::national_analyst, kOther));
    EXPECT_LT(own.body.find("ELSEWHERE-1"), own.body.find("</svg>", own.body.find("<main")));
    EXPECT_NE(own.body.find("href=\"/tests-of-change/ELSEWHERE-1\""), std::string::npos);
    EXPECT_EQ(own.body.find("HUDDLE-7"), std::string::npos);
    // Before the range, the test is listed but not marked.
    const auto later = get("/measures/in-drift?from=2026-01&to=2026-11", as(Role::improvement_advisor));
    EXPECT_GT(later.body.find("HUDDLE-7"), later.body.find("</svg>", later.body.find("<main")));
}

TEST_F(MeasurePages, ANationalAnalystSeesNoOtherCouncilsTestsOfChangeOnAChart) {
    auto t = waymark::test::a_test_of_change("ELSEWHERE-1");
    t.local_authority = kOther;
    t.title = "Secret huddles of another council";
    t.start_date = core::Date::parse("2025-09-01");
    t.measures = {"in-drift"};
    store_->tests_of_change().add_test(t, "2025-09-01T00:00:00Z");
    const auto tok = as(Role::national_analyst);  // of kOwn
    for (const char* address : {"/measures/in-drift?from=2025-01&to=2026-11&council=S12000033",
                                "/measures/in-drift?from=2025-01&to=2026-11"}) {
        const auto r = get(address, tok);
        ASSERT_EQ(r.status, 200) << address;
        EXPECT_EQ(r.body.find("ELSEWHERE-1"), std::string::npos) << address;
        EXPECT_EQ(r.body.find("Secret huddles"), std::string::npos) << address;
        EXPECT_NE(r.body.find("Only your own council's tests of change are shown"), std::string::npos) << address;
    }
    // The downloads draw the same chart: no mark of another council's test either.
    app::MeasureChartQuery q;
    q.measure = measures_.find("in-drift");
    q.as_of = core::Date::parse("2026-11-26");
    q.to = q.as_of;
    q.from = core::Date::parse("2025-01-01");
    q.local_authority = kOther;
    q.viewer_council = kOwn;
    EXPECT_TRUE(app::measure_chart(*store_, standards_, q).tests.empty());
    q.viewer_council = kOther;
    const auto shown = app::measure_chart(*store_, standards_, q);
    ASSERT_EQ(shown.tests.size(), 1u);
    // Marked where it began, by its reference and title: as data, not a "date=label" string.
    const auto marks = shown.marks();
    ASSERT_EQ(marks.size(), 1u);
    EXPECT_EQ(marks[0].x, static_cast<double>(shown.tests[0].start_date.serial()));
    EXPECT_EQ(marks[0].label, shown.tests[0].reference + " " + shown.tests[0].title);
    q.viewer_council.reset();  // the command line reads the whole database
    EXPECT_EQ(app::measure_chart(*store_, standards_, q).tests.size(), 1u);
    // As in the API, which lists only the analyst's own council's tests.
    const auto token = waymark::app::create_api_token(*store_, user_name(Role::national_analyst), kNow);
    EXPECT_EQ(api("/api/v1/tests-of-change", token).body.find("Secret huddles"), std::string::npos);
    EXPECT_EQ(api("/api/v1/measures/in-drift", token).body.find("Secret huddles"), std::string::npos);
}

TEST_F(MeasurePages, FiltersChooseThePeriodsTheChartAndTheSeries) {
    const auto tok = as(Role::improvement_advisor);
    const auto q = get("/measures/days-adm-to-lodging?from=2024-01&to=2026-11&period=quarter&chart=mdc&series=po", tok);
    ASSERT_EQ(q.status, 200) << q.body;
    EXPECT_NE(q.body.find(">2024-Q1</th>"), std::string::npos);
    EXPECT_NE(q.body.find("<option value=\"mdc\" selected>"), std::string::npos);
    EXPECT_NE(q.body.find("<option value=\"po\" selected>"), std::string::npos);
    EXPECT_NE(q.body.find("<caption>The data: <bdi>Days from agency decision to court application (po)"),
              std::string::npos);
    // A P chart is offered for a percentage only.
    EXPECT_EQ(q.body.find("<option value=\"p\""), std::string::npos);
    EXPECT_EQ(get("/measures/days-adm-to-lodging?chart=p", tok).status, 400);
}

TEST_F(MeasurePages, AMonthNotYetOverIsNeitherPlottedNorAnalysed) {
    // Today is 26 November 2026: November is not over, so the chart and its table end in
    // October (its count on the 26th is not November's), and so do the downloads.
    const auto tok = as(Role::team_manager);
    const auto r = get("/measures/in-drift?from=2026-06&to=2026-11", tok);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_NE(r.body.find(">2026-10</th>"), std::string::npos);
    EXPECT_EQ(r.body.find(">2026-11</th>"), std::string::npos);
    EXPECT_EQ(r.body.find("not complete"), std::string::npos);
    const auto csv = get("/measures/in-drift.csv?from=2026-06&to=2026-11", tok);
    ASSERT_EQ(csv.status, 200);
    EXPECT_NE(csv.body.find(",2026-10,"), std::string::npos);
    EXPECT_EQ(csv.body.find(",2026-11,"), std::string::npos);
    // The default range ends with the current month: it too ends in October.
    const auto by_default = get("/measures/in-drift", tok);
    ASSERT_EQ(by_default.status, 200);
    EXPECT_EQ(by_default.body.find(">2026-11</th>"), std::string::npos);
    // A range of which no month is over has nothing to chart: said on the first month.
    const auto none = get("/measures/in-drift?from=2026-11&to=2026-11", tok);
    EXPECT_EQ(none.status, 400);
    EXPECT_NE(none.body.find("<a href=\"#from\">No month of this range has ended yet"), std::string::npos);
    EXPECT_EQ(none.body.find("<svg", none.body.find("<main")), std::string::npos);
}

TEST_F(MeasurePages, BadFiltersComeBackInAnErrorSummaryLinkedToTheFields) {
    const auto r =
        get("/measures/in-drift?from=last+spring&to=2026-11&period=fortnight&series=nope", as(Role::team_manager));
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("class=\"ds_error-summary\""), std::string::npos);
    EXPECT_NE(r.body.find("<a href=\"#from\">"), std::string::npos);
    EXPECT_NE(r.body.find("<a href=\"#period\">"), std::string::npos);
    EXPECT_NE(r.body.find("value=\"last spring\""), std::string::npos);  // what was typed is kept
    EXPECT_NE(r.body.find("aria-describedby=\"from-hint from-error\""), std::string::npos);
    EXPECT_EQ(r.body.find("<svg", r.body.find("<main")), std::string::npos);

    const auto backwards = get("/measures/in-drift?from=2026-05&to=2026-01", as(Role::team_manager));
    EXPECT_EQ(backwards.status, 400);
    EXPECT_NE(backwards.body.find("<a href=\"#to\">"), std::string::npos);
    const auto series = get("/measures/in-drift?series=nope", as(Role::team_manager));
    EXPECT_EQ(series.status, 400);
    EXPECT_NE(series.body.find("<a href=\"#series\">This measure has no series"), std::string::npos);
    EXPECT_NE(series.body.find("id=\"series\""), std::string::npos);
    EXPECT_EQ(get("/measures/in-drift.csv?period=fortnight", as(Role::team_manager)).status, 400);
    EXPECT_EQ(get("/measures/in-drift.pdf", as(Role::team_manager)).status, 404);
    EXPECT_EQ(get("/measures/no-such-measure", as(Role::team_manager)).status, 404);
}

TEST_F(MeasurePages, ANationalAnalystSeesEveryCouncilTogetherOrOne) {
    const auto tok = as(Role::national_analyst);
    const auto all = get("/measures/in-drift", tok);
    ASSERT_EQ(all.status, 200);
    EXPECT_NE(all.body.find("every council together"), std::string::npos);
    EXPECT_NE(all.body.find("<option value=\"S12000033\">"), std::string::npos);
    // The CSV of one council is that council's report, as `waymark measure --local-authority` gives it.
    auto csv_of = [&](const std::optional<std::string>& council) {
        app::MeasureQuery q;
        q.measures = {measures_.find("in-drift")};
        q.as_of = core::Date::parse("2026-11-26");
        q.to = core::Date::parse("2026-10-31");  // the page's months, to the last one over
        q.from = core::Date::parse("2024-12-01");
        q.local_authority = council;
        return app::measure_report_csv(app::measure_report(*store_, standards_, q));
    };
    ASSERT_NE(csv_of(kOther), csv_of(kOwn));
    const auto one = get("/measures/in-drift.csv?council=S12000033", tok);
    ASSERT_EQ(one.status, 200);
    EXPECT_EQ(one.body, csv_of(kOther));
    EXPECT_EQ(one.header("Content-Disposition"), "attachment; filename=\"measure-in-drift-S12000033.csv\"");
    EXPECT_EQ(get("/measures/in-drift.csv", tok).body, csv_of(std::nullopt));
    EXPECT_EQ(get("/measures/in-drift?council=S99999999", tok).status, 400);
    // Everyone else sees their own council whatever they ask.
    const auto own = get("/measures/in-drift.csv?council=S12000033", as(Role::improvement_advisor));
    ASSERT_EQ(own.status, 200);
    EXPECT_EQ(own.body, csv_of(kOwn));
    EXPECT_EQ(own.header("Content-Disposition"), "attachment; filename=\"measure-in-drift-S12000049.csv\"");
}

// Team A of the users' council holds C1 and C2 only (the fixture), so its counts are all under 5.
app::MeasureReport team_report(waymark::store::SqliteStore& store, const app::StandardSet& standards,
                               const app::MeasureSet& measures, std::optional<std::string> team,
                               app::MeasureGroups by = app::MeasureGroups::all) {
    app::MeasureQuery q;
    q.measures = {measures.find("permanence-plan")};
    q.as_of = core::Date::parse("2026-11-26");
    q.to = core::Date::parse("2026-10-31");  // the page's months, to the last one over
    q.from = core::Date::parse("2024-12-01");
    q.local_authority = kOwn;
    q.team = std::move(team);
    q.by = by;
    return app::measure_report(store, standards, q);
}

TEST_F(MeasurePages, TheTeamsSeriesAddUpToTheCouncilsAndATeamsSmallCountsAreSuppressed) {
    const auto council = team_report(*store_, standards_, measures_, std::nullopt);
    const auto by_team = team_report(*store_, standards_, measures_, std::nullopt, app::MeasureGroups::team);
    std::vector<std::string> groups;
    for (const auto& s : by_team.series) groups.push_back(s.group);
    EXPECT_EQ(groups, (std::vector<std::string>{"Team A", "Team B", app::kNotAllocated}));
    ASSERT_EQ(council.series.size(), 1u);
    const auto& whole = council.series.front().points;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        std::int64_t numerator = 0;
        std::int64_t denominator = 0;
        for (const auto& s : by_team.series) {
            numerator += s.points.at(i).point.numerator;
            denominator += s.points.at(i).point.denominator;
        }
        EXPECT_EQ(numerator, whole[i].point.numerator) << i;
        EXPECT_EQ(denominator, whole[i].point.denominator) << i;
    }
    // The filter gives the same series as the grouping, and hides every value of Team A's.
    const auto a = team_report(*store_, standards_, measures_, std::string("Team A"));
    ASSERT_EQ(a.series.size(), 1u);
    EXPECT_EQ(a.series.front().group, "Team A");
    bool some = false;
    for (std::size_t i = 0; i < a.series.front().points.size(); ++i) {
        const auto& p = a.series.front().points[i];
        EXPECT_EQ(p.point.denominator, by_team.series.front().points[i].point.denominator);
        EXPECT_LT(p.point.denominator, app::kSmallCount);
        EXPECT_FALSE(p.value_shown && p.point.denominator > 0) << i;
        some = some || p.point.denominator > 0;
    }
    EXPECT_TRUE(some) << "Team A should have children looked after in some month";
    EXPECT_THROW(team_report(*store_, standards_, measures_, std::string("Team Z")), core::Error);
}

TEST_F(MeasurePages, TheTeamFilterOffersTheCouncilsTeamsAndItsDownloadsAreTheTeams) {
    const auto tok = as(Role::improvement_advisor);
    const auto r = get("/measures/permanence-plan?team=Team+A", tok);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_NE(r.body.find("<option value=\"\">All the council</option>"), std::string::npos);
    EXPECT_NE(r.body.find("<option value=\"Team A\" selected>"), std::string::npos);
    EXPECT_NE(r.body.find("<option value=\"Team B\">"), std::string::npos);
    EXPECT_NE(r.body.find("Team A, S12000049"), std::string::npos);
    EXPECT_NE(r.body.find("<td data-title=\"Denominator\">[c]</td>"), std::string::npos);
    EXPECT_EQ(r.body.find("<td data-title=\"Denominator\">2</td>"), std::string::npos);
    EXPECT_NE(r.body.find("/measures/permanence-plan.csv?from="), std::string::npos);
    EXPECT_NE(r.body.find("&amp;team=Team%20A"), std::string::npos);
    expect_no_child(r.body, "the team's page");

    const auto csv = get("/measures/permanence-plan.csv?team=Team%20A", tok);
    ASSERT_EQ(csv.status, 200) << csv.body;
    EXPECT_EQ(csv.header("Content-Disposition"),
              "attachment; filename=\"measure-permanence-plan-S12000049-team-a.csv\"");
    EXPECT_EQ(csv.body, app::measure_report_csv(team_report(*store_, standards_, measures_, std::string("Team A"))));
    EXPECT_NE(csv.body, get("/measures/permanence-plan.csv", tok).body);
    expect_download(get("/measures/permanence-plan.png?team=Team+B", tok), "image/png",
                    "measure-permanence-plan-S12000049-team-b.png");

    // A team the council does not have is an error linked to the field; another council's too.
    const auto bad = get("/measures/permanence-plan?team=Team+Z", tok);
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.body.find("<a href=\"#team\">Choose a team from the list"), std::string::npos);
    EXPECT_EQ(bad.body.find("<svg", bad.body.find("<main")), std::string::npos);
    EXPECT_EQ(get("/measures/permanence-plan.csv?team=Team+B", as(Role::improvement_advisor, kOther)).status, 400);
}

TEST_F(MeasurePages, ANationalAnalystHasNoTeamFilter) {
    const auto tok = as(Role::national_analyst);
    const auto r = get("/measures/permanence-plan?team=Team+A", tok);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.body.find("id=\"team\""), std::string::npos);
    EXPECT_EQ(r.body.find("Team A"), std::string::npos);
    EXPECT_EQ(get("/measures/permanence-plan.csv?team=Team+A", tok).body,
              get("/measures/permanence-plan.csv", tok).body);
}

TEST_F(MeasurePages, TheApiTakesATeamOfTheCouncilAndRefusesOthersWith422) {
    const auto token = waymark::app::create_api_token(*store_, user_name(Role::team_manager), kNow);
    const auto r = api("/api/v1/measures/permanence-plan?team=Team%20A", token);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_NE(r.body.find("\"team\":\"Team A\""), std::string::npos);
    EXPECT_NE(r.body.find("\"denominator\":\"[c]\""), std::string::npos);
    EXPECT_EQ(r.body.find("\"denominator\":2"), std::string::npos);
    const auto all = api("/api/v1/measures/permanence-plan", token);
    EXPECT_NE(all.body.find("\"team\":null"), std::string::npos);
    const auto bad = api("/api/v1/measures/permanence-plan?team=Team%20Z", token);
    EXPECT_EQ(bad.status, 422);
    EXPECT_NE(bad.body.find("\"field\":\"team\""), std::string::npos);
    const auto analyst = waymark::app::create_api_token(*store_, user_name(Role::national_analyst), kNow);
    const auto refused = api("/api/v1/measures/permanence-plan?team=Team%20A", analyst);
    EXPECT_EQ(refused.status, 422);
    EXPECT_NE(refused.body.find("\"field\":\"team\""), std::string::npos);
}

// Issue 11: a report is worked out on the server's pool for long requests, with a time limit. Past
// it the request's stop is requested: the report stops at its next child and the user gets a 503
// that says the report took too long (page, download and API alike).
TEST_F(MeasurePages, AReportWhoseStopIsRequestedEndsWith503ThatSaysItTookTooLong) {
    const auto s = session_for(user_name(Role::team_manager));
    const auto token = app::create_api_token(*store_, user_name(Role::team_manager), kNow);
    std::stop_source stop;
    stop.request_stop();
    const auto stopped = [&](waymark::web::Request r) {
        r.client = "192.0.2.1";
        auto c = context();
        c.stop = stop.get_token();
        return waymark::web::handle(r, c);
    };
    const std::string cookie = "waymark_session=" + s.token;
    for (const char* target : {"/measures/in-drift", "/measures/in-drift.csv"}) {
        const auto r = stopped({"GET", target, {{"cookie", cookie}}, {}, {}});
        EXPECT_EQ(r.status, 503) << target;
        EXPECT_NE(r.body.find("took too long"), std::string::npos) << target;
        EXPECT_EQ(r.header("Retry-After"), "60") << target;
        EXPECT_EQ(r.header("Cache-Control"), "no-store") << target;
    }
    const auto j = stopped({"GET", "/api/v1/measures/in-drift", {{"authorization", "Bearer " + token}}, {}, {}});
    EXPECT_EQ(j.status, 503);
    EXPECT_NE(j.body.find("took too long"), std::string::npos) << j.body;
    // Without a stop the same page is worked out.
    EXPECT_EQ(get("/measures/in-drift", s.token).status, 200);
}

TEST_F(MeasurePages, MeasureReportsAreTheRequestsThatRunLong) {
    using waymark::web::runs_long;
    const auto request = [](const char* target) { return waymark::web::Request{"GET", target, {}, {}, {}}; };
    EXPECT_TRUE(runs_long(request("/measures/in-drift")));
    EXPECT_TRUE(runs_long(request("/measures/in-drift.png")));
    EXPECT_TRUE(runs_long(request("/api/v1/measures/in-drift?from=2020-01-01")));
    EXPECT_FALSE(runs_long(request("/measures")));
    EXPECT_FALSE(runs_long(request("/api/v1/measures")));
    EXPECT_FALSE(runs_long(request("/children")));
    EXPECT_FALSE(runs_long(request("/children/S12000049/C1")));
    EXPECT_FALSE(runs_long(request("not a target")));
}

}  // namespace
