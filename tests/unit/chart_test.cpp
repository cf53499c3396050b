// Run, control and Making Data Count charts as pictures (render/chart.hpp) and workbooks
// (render/xlsx/xlsx.hpp): every worked example of ../shared/qi-examples is drawn legibly (every
// text on the page, no two texts overlapping), what the chart says is said in plain words, and
// the workbook holds the series, the rules and a chart, the same bytes every time. The golden
// scenes are the tests/cases/spc_picture_* cases.
#include "render/chart.hpp"

#include "core/date.hpp"
#include "render/cairo/cairo.hpp"
#include "render/svg.hpp"
#include "render/xlsx/xlsx.hpp"
#include "support/legible.hpp"
#include "support/qi_examples.hpp"
#include "support/tool.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace qi = waymark::core::qi;
namespace render = waymark::render;
namespace ex = waymark::test::examples;
using waymark::core::Date;
using waymark::test::expect_legible;
using waymark::test::Json;
using waymark::test::parse_json;

// --- Small charts built by hand ---------------------------------------------------------------------

// Monthly points from January 2021, one value each.
std::vector<qi::Observation> monthly(const std::vector<double>& ys, const std::vector<std::string>& parts = {}) {
    std::vector<qi::Observation> rows;
    Date d = Date::parse("2021-01-01");
    for (std::size_t k = 0; k < ys.size(); ++k) {
        qi::Observation o;
        o.x = d.serial();
        o.y = ys[k];
        if (k < parts.size()) o.part_label = parts[k];
        rows.push_back(o);
        d = d + waymark::core::Months{1};
    }
    return rows;
}

render::ChartLabels date_labels() {
    render::ChartLabels labels;
    labels.title = "Days from accommodation to the first review";
    labels.definition = "For each child accommodated in the month, the days until the first looked after review.";
    labels.y_label = "days";
    labels.x_is_date = true;
    labels.source = "Source: Waymark \u00b7 generated 26 November 2026";
    labels.created = "2026-11-26";
    return labels;
}

std::vector<std::string> texts_of(const std::vector<render::Finding>& findings) {
    std::vector<std::string> out;
    for (const auto& f : findings) out.push_back(f.text);
    return out;
}

std::string all_text(const render::Scene& scene) {
    std::string out;
    for (const auto& g : scene.groups) {
        for (const auto& item : g.items) {
            if (const auto* t = std::get_if<render::Text>(&item)) out += t->text + "\n";
        }
    }
    return out;
}

const render::Group* group(const render::Scene& scene, const std::string& id) {
    for (const auto& g : scene.groups) {
        if (g.id == id) return &g;
    }
    return nullptr;
}

// A run chart with a frozen baseline whose last nine points sit below the baseline's median: a
// run longer than chance allows.
//   baseline:  10 12 9 13 10 12 9 13 10 12 9 13   median 11, crossing it at every point
//   then:       5  6 5  4  6  5 4  5  6            nine below: over the 7 allowed for 21 points
qi::Chart long_run_chart() {
    qi::ChartOptions o;
    o.chart = qi::ChartType::run;
    o.freeze = 12;
    return qi::compute_chart(monthly({10, 12, 9, 13, 10, 12, 9, 13, 10, 12, 9, 13, 5, 6, 5, 4, 6, 5, 4, 5, 6}), o);
}

TEST(ChartWords, ARunLongerThanChanceIsSaidWithItsSideAndTheLimit) {
    const qi::Chart chart = long_run_chart();
    ASSERT_TRUE(chart.runs[0].runs_signal);
    const auto findings = render::spc_findings(chart, date_labels());
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_TRUE(findings[0].signal);
    EXPECT_NE(findings[0].text.find("A run of 9 points below the median (more than the 7 expected by chance)"),
              std::string::npos)
        << findings[0].text;
    EXPECT_NE(findings[0].text.find(": non-random variation."), std::string::npos);
}

TEST(ChartWords, TooFewCrossingsAreCounted) {
    // 0 0 0 0 0 0 1 1 1 1 1 1 ... alternating blocks of six: long runs are not over the limit for
    // 24 points (8), but only 3 crossings where 8 are expected.
    std::vector<double> ys;
    for (int k = 0; k < 24; ++k) ys.push_back((k / 6) % 2 == 0 ? 1 + k % 3 : 10 + k % 3);
    qi::ChartOptions o;
    const qi::Chart chart = qi::compute_chart(monthly(ys), o);
    const auto text = texts_of(render::spc_findings(chart, date_labels()));
    ASSERT_EQ(text.size(), 1u);
    EXPECT_NE(text[0].find("Too few crossings of the median (3, at least 8 expected)"), std::string::npos) << text[0];
}

TEST(ChartWords, RandomVariationSaysWhatWasCounted) {
    qi::ChartOptions o;
    const qi::Chart chart = qi::compute_chart(monthly({5, 7, 4, 8, 6, 5, 7, 4, 8, 6, 5, 7}), o);
    const auto findings = render::spc_findings(chart, date_labels());
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_FALSE(findings[0].signal);
    EXPECT_NE(findings[0].text.find("No unusual run: the longest run is"), std::string::npos) << findings[0].text;
    EXPECT_NE(findings[0].text.find("random variation."), std::string::npos);
}

TEST(ChartWords, IhiShiftsAndPartNamesLeadTheirSentences) {
    qi::ChartOptions o;
    o.parts_from_labels = true;
    std::vector<double> ys = {5, 7, 4, 8, 6, 5, 7, 4, 8, 6, 5, 7, 20, 22, 21, 23, 22, 24, 3, 2, 3, 2, 3, 2};
    std::vector<std::string> parts(12, "Before");
    parts.resize(24, "After 72-hour meetings");
    const qi::Chart chart = qi::compute_chart(monthly(ys, parts), o);
    render::ChartLabels labels = date_labels();
    labels.ihi_rules = true;
    labels.part_labels = {"Before", "After 72-hour meetings"};
    const auto text = texts_of(render::spc_findings(chart, labels));
    ASSERT_EQ(text.size(), 2u);
    EXPECT_EQ(text[0].rfind("Before: ", 0), 0u) << text[0];
    EXPECT_EQ(text[1].rfind("After 72-hour meetings: a shift of 6 points above the median (6 or more signal)", 0), 0u)
        << text[1];
}

TEST(ChartWords, PointsOutsideTheLimitsAreListedBySide) {
    qi::ChartOptions o;
    o.chart = qi::ChartType::i;
    o.freeze = 12;
    const qi::Chart chart =
        qi::compute_chart(monthly({10, 11, 10, 12, 11, 10, 11, 12, 10, 11, 10, 11, 30, 11, -5, 10}), o);
    const auto text = texts_of(render::spc_findings(chart, date_labels()));
    ASSERT_EQ(text.size(), 2u);
    EXPECT_EQ(text[0],
              "2 points outside the control limits: 1 above the upper limit (Jan 2022); 1 below the lower limit "
              "(Mar 2022).");
}

TEST(ChartWords, MakingDataCountSaysEachGroupAndTheIcons) {
    qi::MdcOptions o;
    o.direction = qi::ImprovementDirection::decrease;
    o.target = 3;
    std::vector<double> ys;
    for (int k = 0; k < 20; ++k) ys.push_back(10 + (k % 4));
    for (int k = 0; k < 8; ++k) ys.push_back(4 + (k % 2));
    const qi::MdcChart chart = qi::compute_mdc_chart(monthly(ys), o);
    const auto text = texts_of(render::mdc_findings(chart, date_labels()));
    ASSERT_GE(text.size(), 3u);
    EXPECT_EQ(text[0].rfind("Special cause improvement: ", 0), 0u) << text[0];
    EXPECT_NE(text[0].find(" points below the "), std::string::npos) << text[0];
    EXPECT_EQ(text[text.size() - 2], "Variation (the latest point): special cause improvement (low values).");
    EXPECT_EQ(text.back().rfind("Assurance: ", 0), 0u);
}

// --- The scene ---------------------------------------------------------------------------------------

TEST(ChartScene, SaysWhatItShowsToScreenReadersAndKeepsTheReadingOrder) {
    const std::vector<render::ChartAnnotation> tests = {
        {static_cast<double>(Date::parse("2021-11-01").serial()), "Reviews booked at accommodation"}};
    const render::Scene scene =
        render::spc_chart_scene(long_run_chart(), date_labels(), tests, render::builtin_metrics());
    expect_legible(scene, "long run");
    EXPECT_EQ(scene.title, "Days from accommodation to the first review");
    EXPECT_EQ(scene.description.rfind("Run chart of days: 21 values from Jan 2021 to Sep 2022. A run of 9 points", 0),
              0u)
        << scene.description;
    std::vector<std::string> ids;
    for (const auto& g : scene.groups) ids.push_back(g.id);
    const std::vector<std::string> expected = {"header", "findings",          "baseline",        "axes",
                                               "parts",  "centre-and-limits", "tests-of-change", "values",
                                               "legend", "data-table",        "footer"};
    EXPECT_EQ(ids, expected);
    const std::string text = all_text(scene);
    EXPECT_NE(text.find("1 Reviews booked at accommodation"), std::string::npos);
    EXPECT_NE(text.find("What the chart says"), std::string::npos);
    EXPECT_NE(text.find("Median 11"), std::string::npos);
}

TEST(ChartScene, SignalPointsDifferInShapeAsWellAsColour) {
    const render::Scene scene = render::spc_chart_scene(long_run_chart(), date_labels(), {}, render::builtin_metrics());
    const render::Group* values = group(scene, "values");
    ASSERT_NE(values, nullptr);
    std::size_t diamonds = 0;
    std::size_t circles = 0;
    for (const auto& item : values->items) {
        if (const auto* m = std::get_if<render::Marker>(&item)) {
            (m->shape == render::Shape::diamond ? diamonds : circles) += 1;
        }
    }
    EXPECT_EQ(diamonds, 9u);  // the run
    EXPECT_EQ(circles, 12u);
}

TEST(ChartScene, ManyPointsKeepTheLatestInTheTableAndSayHowManyAreLeftOut) {
    std::vector<double> ys;
    for (int k = 0; k < 150; ++k) ys.push_back(50 + (k * 37) % 11);
    qi::ChartOptions o;
    o.chart = qi::ChartType::i;
    const qi::Chart chart = qi::compute_chart(monthly(ys), o);
    const render::Scene scene = render::spc_chart_scene(chart, date_labels(), {}, render::builtin_metrics());
    expect_legible(scene, "150 points");
    const std::string text = all_text(scene);
    EXPECT_NE(text.find("earlier points not listed"), std::string::npos);
    EXPECT_NE(text.find("Jun 2033"), std::string::npos) << "the latest point is listed";
}

TEST(ChartScene, TestsOfChangeThatFindNoRoomAreNumberedAndSaidInWords) {
    std::vector<render::ChartAnnotation> tests;
    for (int k = 0; k < 6; ++k) {
        tests.push_back({static_cast<double>(Date::parse("2021-06-01").serial() + k * 3),
                         "A test of change with a long description number " + std::to_string(k + 1)});
    }
    const render::Scene scene =
        render::spc_chart_scene(long_run_chart(), date_labels(), tests, render::builtin_metrics());
    expect_legible(scene, "crowded tests of change");
    const std::string text = all_text(scene);
    for (int k = 1; k <= 6; ++k) {
        EXPECT_NE(text.find("long description number " + std::to_string(k)), std::string::npos) << k;
    }
    EXPECT_NE(text.find("Tests of change without their words on the chart"), std::string::npos);
}

TEST(ChartScene, ADefinitionTooLongForTwoLinesEndsInAnEllipsis) {
    render::ChartLabels labels = date_labels();
    labels.definition.clear();
    for (int k = 0; k < 60; ++k) labels.definition += "word" + std::to_string(k) + " ";
    const render::Scene scene = render::spc_chart_scene(long_run_chart(), labels, {}, render::builtin_metrics());
    expect_legible(scene, "long definition");
    const render::Group* header = group(scene, "header");
    ASSERT_NE(header, nullptr);
    ASSERT_EQ(header->items.size(), 4u);  // title, two lines of definition, the method
    EXPECT_NE(std::get<render::Text>(header->items[2]).text.find("\u2026"), std::string::npos);
}

TEST(ChartScene, ChartsWithNothingToSayStillDrawLegibly) {
    std::vector<qi::Observation> all_missing = monthly({0, 0, 0});
    for (auto& row : all_missing) row.y.reset();
    const std::vector<std::pair<std::string, std::vector<qi::Observation>>> inputs = {
        {"no rows", {}},
        {"one point", monthly({5})},
        {"all missing", all_missing},
        {"flat", monthly({4, 4, 4, 4, 4, 4})}};
    for (const auto& [name, rows] : inputs) {
        for (qi::ChartType type : {qi::ChartType::run, qi::ChartType::i, qi::ChartType::c}) {
            qi::ChartOptions o;
            o.chart = type;
            const auto scene =
                render::spc_chart_scene(qi::compute_chart(rows, o), date_labels(), {}, render::builtin_metrics());
            expect_legible(scene, name + " " + std::string(qi::to_string(type)));
        }
        const auto mdc = render::mdc_chart_scene(qi::compute_mdc_chart(rows, qi::MdcOptions{}), date_labels(), {},
                                                 render::builtin_metrics());
        expect_legible(mdc, name + " mdc");
    }
}

TEST(ChartScene, SvgIsWellFormedAndPdfIsOnePageWithTheWords) {
    const render::Scene scene = render::spc_chart_scene(long_run_chart(), date_labels(), {}, render::builtin_metrics());
    EXPECT_EQ(waymark::test::run_on("xmllint --noout", render::to_svg(scene)), "");
    const std::string pdf = render::to_pdf(scene);
    const std::string info = waymark::test::run_on("pdfinfo", pdf);
    EXPECT_NE(info.find("Pages:           1\n"), std::string::npos) << info;
    EXPECT_NE(info.find("Page size:       841.89 x 595.28 pts (A4)"), std::string::npos) << info;
    const std::string text = waymark::test::run_on("sh -c 'pdftotext -enc UTF-8 \"$0\" -'", pdf);
    EXPECT_NE(text.find("What the chart says"), std::string::npos) << text;
    EXPECT_NE(text.find("Days from accommodation to the first review"), std::string::npos);
    EXPECT_EQ(render::to_pdf(scene), pdf);
}

// --- Every worked example ----------------------------------------------------------------------------

struct Example {
    std::string name;
    std::string engine;
    std::string exercises;
};

std::vector<Example> examples() {
    std::istringstream in(ex::read_text(ex::kExamples + "/cases.tsv"));
    std::string line;
    std::getline(in, line);
    std::vector<Example> out;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        std::vector<std::string> f;
        std::string field;
        for (char c : line + "\t") {
            if (c == '\t') {
                f.push_back(field);
                field.clear();
            } else {
                field += c;
            }
        }
        if (f.size() >= 5) out.push_back({f[0], f[2], f[4]});
    }
    return out;
}

bool dates_in(const std::string& csv_path) {
    std::istringstream in(ex::read_text(csv_path));
    std::string line;
    std::getline(in, line);
    std::getline(in, line);
    const std::string first = ex::split_csv_line(line).front();
    return first.size() == 10 && first[4] == '-' && first[7] == '-';
}

// Writes a PNG of the scene into $WAYMARK_CHART_PICTURES, when set, for people to look at.
void keep_picture(const render::Scene& scene, const std::string& name) {
    const char* dir = std::getenv("WAYMARK_CHART_PICTURES");
    if (dir == nullptr || *dir == '\0') return;
    std::ofstream(std::filesystem::path(dir) / (name + ".png"), std::ios::binary) << render::to_png(scene, 1.5);
}

// Tests of change at a third and two thirds of the way, and one at the last point.
std::vector<render::ChartAnnotation> tests_for(const std::vector<qi::Observation>& rows) {
    double lo = rows.front().x;
    double hi = rows.front().x;
    for (const auto& r : rows) {
        lo = std::min(lo, r.x);
        hi = std::max(hi, r.x);
    }
    return {{lo + (hi - lo) / 3, "Huddles started"},
            {lo + 2 * (hi - lo) / 3, "Second test of change, with a longer name"},
            {hi, "Latest"}};
}

TEST(ChartExamples, EveryExampleDrawsLegibly) {
    const auto all = examples();
    ASSERT_EQ(all.size(), 40u);
    std::size_t scenes = 0;
    for (const Example& e : all) {
        SCOPED_TRACE(e.name);
        const std::string dir = ex::kExamples + "/" + e.name;
        const Json expected = parse_json(ex::read_text(dir + "/expected.json"));
        const ex::Input input = ex::read_input(dir + "/input.csv");
        render::ChartLabels labels;
        labels.title = e.name;
        labels.definition = e.exercises;
        labels.y_label = "y";
        labels.x_is_date = dates_in(dir + "/input.csv");
        labels.source = "Source: ../shared/qi-examples/" + e.name;
        labels.created = "2026-11-26";
        const auto tests = tests_for(input.rows);
        if (e.engine == "qicharts2") {
            const qi::Chart chart = qi::compute_chart(input.rows, ex::options_from(expected.at("options"), input));
            for (bool ihi : {false, true}) {
                if (ihi && chart.type != qi::ChartType::run) continue;
                labels.ihi_rules = ihi;
                labels.two_sigma = !ihi;
                const render::Scene scene = render::spc_chart_scene(chart, labels, tests, render::builtin_metrics());
                expect_legible(scene, e.name + (ihi ? " (IHI)" : ""));
                keep_picture(scene, e.name + (ihi ? "_ihi" : ""));
                ++scenes;
            }
        } else {
            const qi::MdcOptions o = ex::mdc_options_from(expected.at("options"));
            std::vector<std::string> facets = input.facets;
            std::sort(facets.begin(), facets.end());
            facets.erase(std::unique(facets.begin(), facets.end()), facets.end());
            if (facets.empty()) facets.emplace_back();
            for (const std::string& facet : facets) {
                std::vector<qi::Observation> rows;
                for (std::size_t k = 0; k < input.rows.size(); ++k) {
                    if (input.facets.empty() || input.facets[k] == facet) rows.push_back(input.rows[k]);
                }
                const qi::MdcChart chart = qi::compute_mdc_chart(rows, o);
                const render::Scene scene = render::mdc_chart_scene(chart, labels, tests, render::builtin_metrics());
                expect_legible(scene, e.name + " " + facet);
                keep_picture(scene, e.name + (facet.empty() ? "" : "_" + facet));
                ++scenes;
            }
        }
        if (HasFailure()) break;
    }
    EXPECT_GE(scenes, 53u);
}

// --- The workbook ------------------------------------------------------------------------------------

// The text of one file of the workbook (a zip), by `unzip -p`.
std::string part_of(const std::string& xlsx, const std::string& name) {
    return waymark::test::run_on("sh -c 'unzip -p \"$0\" " + name + "'", xlsx);
}

TEST(ChartWorkbook, HoldsTheSeriesTheRulesAndANativeChartTheSameBytesEveryTime) {
    const qi::Chart chart = long_run_chart();
    const std::vector<render::ChartAnnotation> tests = {
        {static_cast<double>(Date::parse("2021-11-01").serial()), "Reviews booked at accommodation"}};
    const std::string xlsx = render::spc_workbook(chart, date_labels(), tests);
    ASSERT_EQ(xlsx.substr(0, 2), "PK");
    EXPECT_EQ(render::spc_workbook(chart, date_labels(), tests), xlsx);
    const std::string list = waymark::test::run_on("unzip -l", xlsx);
    for (const char* part : {"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/chartsheets/sheet1.xml",
                             "xl/charts/chart1.xml", "docProps/core.xml"}) {
        EXPECT_NE(list.find(part), std::string::npos) << part << "\n" << list;
    }
    const std::string workbook = part_of(xlsx, "xl/workbook.xml");
    EXPECT_NE(workbook.find("<sheet name=\"Series\""), std::string::npos) << workbook;
    EXPECT_NE(workbook.find("<sheet name=\"Rules\""), std::string::npos);
    EXPECT_NE(workbook.find("<sheet name=\"Chart\""), std::string::npos);
    EXPECT_NE(part_of(xlsx, "docProps/core.xml").find("2026-11-26T00:00:00Z"), std::string::npos);

    // Series: the header frozen; x as an Excel date (1 January 2021 is day 44197); y; the median.
    const std::string series = part_of(xlsx, "xl/worksheets/sheet1.xml");
    EXPECT_NE(series.find("<pane ySplit=\"1\""), std::string::npos) << series.substr(0, 800);
    EXPECT_NE(series.find("<v>44197</v></c><c r=\"B2\"><v>10</v></c>"), std::string::npos) << series.substr(0, 2000);
    EXPECT_NE(series.find("<c r=\"G2\"><v>11</v></c>"), std::string::npos);

    // Rules: the runs analysis and the verdict in words; the tests of change.
    const std::string strings = part_of(xlsx, "xl/sharedStrings.xml");
    EXPECT_NE(strings.find("A run of 9 points below the median (more than the 7 expected by chance)"),
              std::string::npos);
    EXPECT_NE(strings.find("Reviews booked at accommodation"), std::string::npos);
    const std::string rules = part_of(xlsx, "xl/worksheets/sheet2.xml");
    EXPECT_NE(rules.find("<c r=\"E2\"><v>9</v></c><c r=\"F2\"><v>7</v></c>"), std::string::npos) << rules;

    // The chart: a scatter chart of the sheet's columns.
    const std::string chart_xml = part_of(xlsx, "xl/charts/chart1.xml");
    EXPECT_NE(chart_xml.find("<c:scatterChart>"), std::string::npos);
    EXPECT_NE(chart_xml.find("Series!$B$2:$B$22"), std::string::npos);
    EXPECT_NE(chart_xml.find("Series!$G$2:$G$22"), std::string::npos);
    for (const char* part : {"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/charts/chart1.xml"}) {
        EXPECT_EQ(waymark::test::run_on("sh -c 'unzip -p \"$0\" " + std::string(part) + " | xmllint --noout -'", xlsx),
                  "")
            << part;
    }
}

TEST(ChartWorkbook, MakingDataCountHasTheGroupsAndTheIcons) {
    qi::MdcOptions o;
    o.direction = qi::ImprovementDirection::increase;
    o.target = 30;
    std::vector<double> ys;
    for (int k = 0; k < 24; ++k) ys.push_back(10 + (k % 5));
    o.rebase_x.push_back(Date::parse("2022-01-01").serial());
    const qi::MdcChart chart = qi::compute_mdc_chart(monthly(ys), o);
    const std::string xlsx = render::mdc_workbook(chart, date_labels(), {});
    const std::string strings = part_of(xlsx, "xl/sharedStrings.xml");
    EXPECT_NE(strings.find("Variation icon"), std::string::npos);
    EXPECT_NE(strings.find("Assurance icon"), std::string::npos);
    EXPECT_NE(strings.find("fail"), std::string::npos) << "a target of 30 lies above every upper limit";
    EXPECT_NE(strings.find("From Jan 2022"), std::string::npos);
    EXPECT_NE(part_of(xlsx, "xl/charts/chart1.xml").find("Target"), std::string::npos);
}

}  // namespace
