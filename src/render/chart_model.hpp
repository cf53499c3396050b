#pragma once
// Inside render/chart: the model a chart's page is drawn from (render/chart_page.cpp), built from
// core/qi's results (render/chart_model.cpp), and what the words (render/chart_words.cpp) and the
// model share. Not part of render's interface: render/chart.hpp is.
#include "core/date.hpp"
#include "core/qi.hpp"
#include "render/chart.hpp"
#include "render/style.hpp"

#include <optional>
#include <string>
#include <vector>

namespace waymark::render::chart_detail {

// "1234567" as "1,234,567" (any sign and decimals kept).
std::string group_thousands(std::string s);
// A value for people: four significant digits (people_number), thousands grouped from 10,000.
std::string readable(double v);
core::Date date_of(double x);
// Whether every x is the first of a month (monthly data): then dates read "Mar 2021".
bool monthly(const std::vector<double>& xs, bool is_date);

// How a point is marked: the shape and colour carry the same meaning, so that it survives print.
enum class Mark { plain, run, improvement, concern, neutral };

struct PlotPoint {
    double x = 0;
    std::optional<double> y;
    std::size_t part = 0;  // 0-based
    bool excluded = false;
    bool outside = false;  // outside the limits: ringed
    Mark mark = Mark::plain;
    std::optional<double> cl;
    std::optional<double> lcl;
    std::optional<double> ucl;
    std::optional<double> lcl_2;
    std::optional<double> ucl_2;
    std::string signal;  // for the table
    Colour signal_colour = kWarning;
};

struct Model {
    std::string kind;          // "Run chart"
    std::string method;        // the line under the title
    std::string centre;        // "Median", "Centre line", "Mean"
    std::string centre_short;  // right-hand labels: "Median", "CL", "Mean"
    std::string limits;        // "Control limits (3 sigma)", "Process limits"
    std::string lower_short;   // "LCL", "LPL"
    std::string upper_short;   // "UCL", "UPL"
    std::string run_mark;      // the legend's words for Mark::run
    bool mdc = false;
    std::vector<PlotPoint> points;
    std::vector<std::string> part_names;         // empty for one part
    std::vector<bool> part_runs_signal;          // the centre line is drawn in the warning colour
    std::optional<std::size_t> baseline_points;  // the first N points are a frozen baseline
    std::optional<double> target;
    std::vector<Finding> findings;
};

// A Making Data Count rule in the table's few words: "above UPL", "trend up".
std::string short_rule(core::qi::MdcRule rule);

Model spc_model(const core::qi::Chart& chart, const core::qi::Findings& findings, const ChartLabels& labels);
Model mdc_model(const core::qi::MdcChart& chart, const ChartLabels& labels);

}  // namespace waymark::render::chart_detail
