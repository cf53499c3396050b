// The worked examples of ../shared/qi-examples (outputs of qicharts2 0.8.1 and NHSRplotthedots
// 0.2.2): for every folder, compute the chart from input.csv with the options in expected.json
// and compare every expected column, the runs analysis, the IHI rules, and the Making Data
// Count summaries and icons to 1e-9 (relative, absolute below 1), as the folder's README says.
#include "support/qi_examples.hpp"
#include "core/qi.hpp"
#include "support/json.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace qi = waymark::core::qi;
using waymark::test::Json;
using waymark::test::parse_json;
using namespace waymark::test::examples;

namespace {

// Every folder checked here, named one by one so that none can drop out unnoticed.
const std::vector<std::string> kImplemented = {
    "run_cdi",
    "run_cdi_freeze24",
    "run_cdi_part_period",
    "run_gtt_rate",
    "run_gtt_harmed",
    "run_nhs_accidents",
    "run_cabg_age_mean_agg",
    "run_ae_rrk_breaches",
    "i_montgomery_6_5_freeze20",
    "mr_montgomery_6_5_freeze20",
    "i_complaints",
    "i_cabg_los_mean_agg",
    "i_ae_rrk_breaches_part",
    "i_ae_rrk_stable_unscreened",
    "p_nhs_accidents",
    "pp_nhs_accidents",
    "p_gtt_harmed",
    "p_montgomery_7_1",
    "p_montgomery_tbl7_4",
    "p_cabg_death_agg",
    "u_hai_all_agg",
    "u_hai_bfh_bac",
    "up_hai_all_agg",
    "u_gtt_rate",
    "u_cdi_part_period",
    "u_montgomery_7_4",
    "u_montgomery_7_5_mult50",
    "c_cdi24",
    "c_cdi_freeze24",
    "c_cdi_part_period",
    "c_montgomery_7_3",
    "xbar_montgomery_6_3",
    "s_montgomery_6_3",
    "xbar_montgomery_6_4",
    "s_montgomery_6_4",
};

// NHSRplotthedots 0.2.2 (Making Data Count).
const std::vector<std::string> kImplementedMdc = {
    "ptd_ae_rrk_stable", "ptd_ae_rrk_rebase", "ptd_ae_total_rebase2", "ptd_ae_six_orgs_facets", "ptd_ae_rjz_example",
};

// --- Comparison ----------------------------------------------------------------------------

bool close(double actual, double expected) {
    return std::abs(actual - expected) <= 1e-9 * std::max(1.0, std::abs(expected));
}

std::string show(const std::optional<double>& v) {
    if (!v) return "null";
    std::ostringstream s;
    s.precision(17);
    s << *v;
    return s.str();
}

void expect_number(const std::optional<double>& actual, const Json& expected, const std::string& where) {
    if (expected.kind == Json::Kind::null) {
        EXPECT_FALSE(actual.has_value()) << where << ": expected null, got " << show(actual);
        return;
    }
    ASSERT_EQ(expected.kind, Json::Kind::number) << where;
    ASSERT_TRUE(actual.has_value()) << where << ": expected " << show(expected.number) << ", got null";
    EXPECT_TRUE(close(*actual, expected.number))
        << where << ": expected " << show(expected.number) << ", got " << show(actual);
}

void expect_bool(bool actual, const Json& expected, const std::string& where) {
    ASSERT_EQ(expected.kind, Json::Kind::boolean) << where;
    EXPECT_EQ(actual, expected.boolean) << where;
}

std::optional<double> as_number(std::optional<std::size_t> v) {
    if (!v) return std::nullopt;
    return static_cast<double>(*v);
}

void compare_points(const qi::Chart& chart, const Json& points) {
    for (std::size_t column = 0; column < points.keys.size(); ++column) {
        const std::string& name = points.keys[column];
        const Json& values = points.members[column];
        ASSERT_EQ(values.array.size(), chart.points.size()) << "column " << name;
        for (std::size_t k = 0; k < chart.points.size(); ++k) {
            const qi::ChartPoint& p = chart.points[k];
            const Json& e = values.array[k];
            const std::string where = name + "[" + std::to_string(k + 1) + "]";
            if (name == "x") {
                const double x = e.kind == Json::Kind::string ? x_value(e.string) : e.number;
                EXPECT_EQ(p.x, x) << where;
            } else if (name == "y") {
                expect_number(p.y, e, where);
            } else if (name == "n") {
                expect_number(p.n, e, where);
            } else if (name == "y_length") {
                expect_number(static_cast<double>(p.y_length), e, where);
            } else if (name == "part") {
                expect_number(static_cast<double>(p.part), e, where);
            } else if (name == "baseline") {
                expect_bool(p.baseline, e, where);
            } else if (name == "include") {
                expect_bool(p.include, e, where);
            } else if (name == "cl") {
                expect_number(p.cl, e, where);
            } else if (name == "lcl") {
                expect_number(p.lcl, e, where);
            } else if (name == "ucl") {
                expect_number(p.ucl, e, where);
            } else if (name == "lcl_95") {
                expect_number(p.lcl_95, e, where);
            } else if (name == "ucl_95") {
                expect_number(p.ucl_95, e, where);
            } else if (name == "sigma_signal") {
                expect_bool(p.sigma_signal, e, where);
            } else {
                ADD_FAILURE() << "expected column not checked by this test: " << name;
                return;
            }
        }
    }
}

void compare_runs(const qi::Chart& chart, const Json& runs) {
    ASSERT_EQ(runs.array.size(), chart.runs.size()) << "number of parts";
    for (std::size_t k = 0; k < chart.runs.size(); ++k) {
        const qi::RunsAnalysis& r = chart.runs[k];
        const Json& e = runs.array[k];
        const std::string where = "runs part " + std::to_string(k + 1) + " ";
        ASSERT_EQ(e.keys.size(), 8U) << where << "has fields this test does not check";
        expect_number(static_cast<double>(r.part), e.at("part"), where + "part");
        expect_number(static_cast<double>(r.n_obs), e.at("n_obs"), where + "n_obs");
        expect_number(static_cast<double>(r.n_useful), e.at("n_useful"), where + "n_useful");
        expect_number(as_number(r.longest_run), e.at("longest_run"), where + "longest_run");
        expect_number(as_number(r.longest_run_max), e.at("longest_run_max"), where + "longest_run_max");
        expect_number(as_number(r.n_crossings), e.at("n_crossings"), where + "n_crossings");
        expect_number(as_number(r.n_crossings_min), e.at("n_crossings_min"), where + "n_crossings_min");
        expect_bool(r.runs_signal, e.at("runs_signal"), where + "runs_signal");
    }
}

void compare_ihi(const qi::Chart& chart, const Json& ihi) {
    const Json& parts = ihi.at("parts");
    ASSERT_EQ(parts.array.size(), chart.ihi.size()) << "IHI parts";
    for (std::size_t k = 0; k < chart.ihi.size(); ++k) {
        const qi::IhiPart& p = chart.ihi[k];
        const Json& e = parts.array[k];
        const std::string where = "ihi part " + std::to_string(k + 1) + " ";
        ASSERT_EQ(e.keys.size(), 10U) << where << "has fields this test does not check";
        expect_number(static_cast<double>(p.part), e.at("part"), where + "part");
        expect_number(p.median, e.at("median"), where + "median");
        expect_number(static_cast<double>(p.n_useful), e.at("n_useful"), where + "n_useful");
        expect_number(static_cast<double>(p.n_runs), e.at("n_runs"), where + "n_runs");
        expect_number(p.runs_limits ? std::optional<double>(static_cast<double>(p.runs_limits->lower)) : std::nullopt,
                      e.at("runs_lower"), where + "runs_lower");
        expect_number(p.runs_limits ? std::optional<double>(static_cast<double>(p.runs_limits->upper)) : std::nullopt,
                      e.at("runs_upper"), where + "runs_upper");
        expect_bool(p.too_few_runs, e.at("too_few_runs"), where + "too_few_runs");
        expect_bool(p.too_many_runs, e.at("too_many_runs"), where + "too_many_runs");
        expect_bool(p.shift_signal, e.at("shift_signal"), where + "shift_signal");
        expect_bool(p.trend_signal, e.at("trend_signal"), where + "trend_signal");
    }
    const Json& shift = ihi.at("shift");
    const Json& trend = ihi.at("trend");
    ASSERT_EQ(shift.array.size(), chart.points.size());
    ASSERT_EQ(trend.array.size(), chart.points.size());
    for (std::size_t k = 0; k < chart.points.size(); ++k) {
        expect_bool(chart.points[k].ihi_shift, shift.array[k], "ihi shift[" + std::to_string(k + 1) + "]");
        expect_bool(chart.points[k].ihi_trend, trend.array[k], "ihi trend[" + std::to_string(k + 1) + "]");
    }
}

void check_chart(const qi::Chart& chart, const Json& expected) {
    ASSERT_EQ(static_cast<double>(chart.points.size()), expected.at("n_points").number);
    compare_points(chart, expected.at("points"));
    compare_runs(chart, expected.at("runs"));
    if (const Json* ihi = expected.find("ihi")) {
        compare_ihi(chart, *ihi);
    } else {
        EXPECT_TRUE(chart.type != qi::ChartType::run) << "a run chart example without IHI results";
    }
}

class QiExample : public testing::TestWithParam<std::string> {};

TEST_P(QiExample, MatchesTheReference) {
    const std::string dir = kExamples + "/" + GetParam();
    const Json expected = parse_json(read_text(dir + "/expected.json"));
    const Input input = read_input(dir + "/input.csv");
    ASSERT_EQ(expected.at("engine").string, "qicharts2");
    const Json& options = expected.at("options");
    const qi::ChartOptions o = options_from(options, input);
    {
        SCOPED_TRACE(GetParam() + " (parts by index)");
        check_chart(qi::compute_chart(input.rows, o), expected);
    }
    if (options.find("part_labels") != nullptr) {
        // The same parts given as labels in the input must give the same chart.
        ASSERT_TRUE(input.has_labels) << "part_labels without a part_label column";
        qi::ChartOptions by_label = o;
        by_label.part_breaks.clear();
        by_label.parts_from_labels = true;
        SCOPED_TRACE(GetParam() + " (parts by label)");
        check_chart(qi::compute_chart(input.rows, by_label), expected);
    }
    std::cout << "[ checked  ] " << GetParam() << " (" << qi::to_string(o.chart) << ", "
              << expected.at("n_points").number << " points)\n";
}

INSTANTIATE_TEST_SUITE_P(Folders, QiExample, testing::ValuesIn(kImplemented),
                         [](const testing::TestParamInfo<std::string>& param_info) { return param_info.param; });

// --- NHSRplotthedots ----------------------------------------------------------------------------

struct MdcResult {
    std::vector<std::string> facet;  // per point
    std::vector<qi::MdcPoint> points;
    std::vector<std::pair<std::string, qi::MdcGroup>> groups;
    std::vector<std::pair<std::string, qi::MdcChart>> charts;
};

MdcResult compute_mdc(const Input& input, const qi::MdcOptions& options) {
    // Facets in name order, as the package arranges them; "no facet" without a facet column.
    std::vector<std::string> names = input.facets;
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    if (names.empty()) names.emplace_back("no facet");
    MdcResult result;
    for (const std::string& name : names) {
        std::vector<qi::Observation> rows;
        for (std::size_t k = 0; k < input.rows.size(); ++k) {
            if (input.facets.empty() || input.facets[k] == name) rows.push_back(input.rows[k]);
        }
        qi::MdcChart chart = qi::compute_mdc_chart(rows, options);
        for (const qi::MdcPoint& p : chart.points) {
            result.facet.push_back(name);
            result.points.push_back(p);
        }
        for (const qi::MdcGroup& g : chart.groups) result.groups.emplace_back(name, g);
        result.charts.emplace_back(name, std::move(chart));
    }
    return result;
}

void expect_string(std::string_view actual, const Json& expected, const std::string& where) {
    ASSERT_EQ(expected.kind, Json::Kind::string) << where;
    EXPECT_EQ(actual, expected.string) << where;
}

void compare_mdc_points(const MdcResult& result, const Json& points) {
    for (std::size_t column = 0; column < points.keys.size(); ++column) {
        const std::string& name = points.keys[column];
        const Json& values = points.members[column];
        ASSERT_EQ(values.array.size(), result.points.size()) << "column " << name;
        for (std::size_t k = 0; k < result.points.size(); ++k) {
            const qi::MdcPoint& p = result.points[k];
            const Json& e = values.array[k];
            const std::string where = name + "[" + std::to_string(k + 1) + "]";
            if (name == "facet") {
                expect_string(result.facet[k], e, where);
            } else if (name == "x") {
                EXPECT_EQ(p.x, x_value(e.string)) << where;
            } else if (name == "y") {
                expect_number(p.y, e, where);
            } else if (name == "rebase_group") {
                expect_number(static_cast<double>(p.rebase_group), e, where);
            } else if (name == "mean") {
                expect_number(p.mean, e, where);
            } else if (name == "lpl") {
                expect_number(p.lpl, e, where);
            } else if (name == "upl") {
                expect_number(p.upl, e, where);
            } else if (name == "outside_limits") {
                expect_bool(p.outside_limits, e, where);
            } else if (name == "relative_to_mean") {
                expect_number(static_cast<double>(p.relative_to_mean), e, where);
            } else if (name == "close_to_limits") {
                expect_bool(p.close_to_limits, e, where);
            } else if (name == "special_cause_type") {
                expect_string(qi::to_string(p.special_cause_type), e, where);
            } else if (name == "special_cause_flag") {
                expect_bool(p.special_cause_flag, e, where);
            } else if (name == "point_type") {
                expect_string(qi::to_string(p.point_type), e, where);
            } else if (name == "short_group_warning") {
                expect_bool(p.short_group_warning, e, where);
            } else {
                ADD_FAILURE() << "expected column not checked by this test: " << name;
                return;
            }
        }
    }
}

void compare_mdc_summary(const MdcResult& result, const Json& summary) {
    ASSERT_EQ(summary.array.size(), result.groups.size()) << "summary rows";
    for (std::size_t k = 0; k < result.groups.size(); ++k) {
        const auto& [facet, g] = result.groups[k];
        const Json& e = summary.array[k];
        const std::string where = "summary " + std::to_string(k + 1) + " ";
        std::size_t checked = 8;
        if (const Json* f = e.find("f")) {
            expect_string(facet, *f, where + "f");
            ++checked;
        }
        if (const Json* r = e.find("rebase_group")) {
            expect_number(static_cast<double>(g.rebase_group), *r, where + "rebase_group");
            ++checked;
        }
        ASSERT_EQ(e.keys.size(), checked) << where << "has fields this test does not check";
        expect_number(g.mean, e.at("mean"), where + "mean");
        expect_number(g.lpl, e.at("lpl"), where + "lpl");
        expect_number(g.upl, e.at("upl"), where + "upl");
        expect_number(static_cast<double>(g.n), e.at("n"), where + "n");
        expect_number(static_cast<double>(g.common_cause), e.at("common_cause"), where + "common_cause");
        expect_number(static_cast<double>(g.special_cause_improvement), e.at("special_cause_improvement"),
                      where + "special_cause_improvement");
        expect_number(static_cast<double>(g.special_cause_concern), e.at("special_cause_concern"),
                      where + "special_cause_concern");
        expect_string(qi::to_string(g.variation_type), e.at("variation_type"), where + "variation_type");
    }
}

void compare_mdc_icons(const MdcResult& result, const Json& icons) {
    std::size_t expected_count = 0;
    for (const auto& [facet, chart] : result.charts) {
        if (chart.variation_icon) ++expected_count;
        if (chart.assurance_icon) ++expected_count;
    }
    ASSERT_EQ(icons.array.size(), expected_count) << "icons";
    for (const Json& icon : icons.array) {
        const std::string& facet = icon.at("facet").string;
        const auto it = std::find_if(result.charts.begin(), result.charts.end(),
                                     [&](const auto& entry) { return entry.first == facet; });
        ASSERT_NE(it, result.charts.end()) << "icon for unknown facet " << facet;
        const std::string& type = icon.at("type").string;
        if (type == "variation") {
            ASSERT_TRUE(it->second.variation_icon.has_value()) << facet;
            expect_string(qi::to_string(*it->second.variation_icon), icon.at("icon"), facet + " variation icon");
        } else {
            ASSERT_EQ(type, "assurance") << facet;
            ASSERT_TRUE(it->second.assurance_icon.has_value()) << facet;
            expect_string(qi::to_string(*it->second.assurance_icon), icon.at("icon"), facet + " assurance icon");
        }
    }
}

class QiMdcExample : public testing::TestWithParam<std::string> {};

TEST_P(QiMdcExample, MatchesTheReference) {
    const std::string dir = kExamples + "/" + GetParam();
    const Json expected = parse_json(read_text(dir + "/expected.json"));
    const Input input = read_input(dir + "/input.csv");
    ASSERT_EQ(expected.at("engine").string, "NHSRplotthedots");
    const MdcResult result = compute_mdc(input, mdc_options_from(expected.at("options")));
    ASSERT_EQ(static_cast<double>(result.points.size()), expected.at("n_points").number);
    compare_mdc_points(result, expected.at("points"));
    compare_mdc_summary(result, expected.at("summary"));
    compare_mdc_icons(result, expected.at("icons"));
    // The package warns about short groups exactly when some point carries the flag.
    bool any_short = false;
    for (const auto& [facet, chart] : result.charts) any_short = any_short || chart.short_group_warning;
    EXPECT_EQ(any_short, expected.at("warning").kind == Json::Kind::string) << "short group warning";
    std::cout << "[ checked  ] " << GetParam() << " (Making Data Count, " << result.points.size() << " points)\n";
}

INSTANTIATE_TEST_SUITE_P(Folders, QiMdcExample, testing::ValuesIn(kImplementedMdc),
                         [](const testing::TestParamInfo<std::string>& param_info) { return param_info.param; });

TEST(QiExamples, EveryFolderInCasesTsvIsCheckedExactlyOnce) {
    // Fails, clearly, when the examples are missing rather than skipping them.
    std::istringstream cases(read_text(kExamples + "/cases.tsv"));
    std::string line;
    std::getline(cases, line);
    ASSERT_EQ(line.substr(0, 5), "name\t") << "cases.tsv header";
    std::vector<std::string> names;
    while (std::getline(cases, line)) {
        if (line.empty()) continue;
        names.push_back(line.substr(0, line.find('\t')));
    }
    EXPECT_EQ(names.size(), kImplemented.size() + kImplementedMdc.size());
    for (const std::string& name : names) {
        const bool shewhart = std::find(kImplemented.begin(), kImplemented.end(), name) != kImplemented.end();
        const bool mdc = std::find(kImplementedMdc.begin(), kImplementedMdc.end(), name) != kImplementedMdc.end();
        EXPECT_TRUE(shewhart != mdc) << name << " must be listed exactly once";
    }
    std::cout << "[ examples ] " << kImplemented.size() << " qicharts2 and " << kImplementedMdc.size()
              << " NHSRplotthedots folders checked\n";
}

TEST(QiExamplesJson, ReaderIsStrict) {
    EXPECT_THROW(parse_json("{\"a\": 1,}"), std::runtime_error);
    EXPECT_THROW(parse_json("[1 2]"), std::runtime_error);
    EXPECT_THROW(parse_json("01"), std::runtime_error);
    EXPECT_THROW(parse_json("1."), std::runtime_error);
    EXPECT_THROW(parse_json("nul"), std::runtime_error);
    EXPECT_THROW(parse_json("\"abc"), std::runtime_error);
    EXPECT_THROW(parse_json("{\"a\":1,\"a\":2}"), std::runtime_error);
    EXPECT_THROW(parse_json("1 2"), std::runtime_error);
    const Json v = parse_json(R"({"a": [1, -2.5e3, true, false, null, "x\"\u0041"], "b": {}})");
    ASSERT_EQ(v.at("a").array.size(), 6U);
    EXPECT_EQ(v.at("a").array[1].number, -2500);
    EXPECT_TRUE(v.at("a").array[2].boolean);
    EXPECT_EQ(v.at("a").array[4].kind, Json::Kind::null);
    EXPECT_EQ(v.at("a").array[5].string, "x\"A");
    EXPECT_EQ(v.at("b").kind, Json::Kind::object);
}

TEST(QiExamplesJson, ToleranceIsRelativeAboveOneAndAbsoluteBelow) {
    EXPECT_TRUE(close(1000.0 + 1e-7, 1000.0));
    EXPECT_FALSE(close(1000.0 + 1e-5, 1000.0));
    EXPECT_TRUE(close(0.5 + 5e-10, 0.5));
    EXPECT_FALSE(close(0.5 + 5e-9, 0.5));
}

}  // namespace
