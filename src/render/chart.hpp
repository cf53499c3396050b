#pragma once
// Run charts, Shewhart control charts and Making Data Count charts as one landscape page
// (docs/spc.md, "Pictures"): the title and the measure's definition; the plot with its points
// and line, the centre and limits of each part, the signals marked by shape and colour, the
// tests of change as labelled marks, and the phases named above their parts; what the chart
// says, in words; and the data as a table beside it. Pure layout: the result is a Scene for
// render/svg.hpp or render/cairo/. The statistics are core/qi's, drawn as they are.
#include "core/qi.hpp"
#include "core/qi_findings.hpp"
#include "core/qi_mark.hpp"
#include "render/scene.hpp"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace waymark::render {

// A test of change that starts at x (in the chart's x units: the day serial for dates).
using ChartAnnotation = core::qi::ChartMark;

struct ChartLabels {
    std::string title;       // e.g. the measure's title; the chart's kind when empty
    std::string definition;  // a sentence under the title
    std::string y_label;     // e.g. "days", "% of accommodations"
    bool x_is_date = false;  // x values are day serials (core::Date::serial()); the axis shows months and years
    // Phase names, one per part (for Making Data Count, one per rebase group), in order. A part
    // without a name is "Part 2" (Making Data Count: "From Jul 2018").
    std::vector<std::string> part_labels;
    std::string source;   // the footer: "Source: Waymark · generated 26 November 2026"
    std::string created;  // ISO 8601 date for the PDF metadata (never read from a clock)
    // Run charts: say what the IHI rules find (shift, trend, number of runs) instead of the
    // Anhøj rules.
    bool ihi_rules = false;
    // Draw the 2-sigma lines, faint, where the chart has them.
    bool two_sigma = false;
    // Why the chart is not analysed (a measure's chart whose points are mostly hidden): said
    // instead of what the chart says, and no centre line is drawn from the points left out.
    std::string not_analysed;
};

// One sentence of "What the chart says": about one part (1-based; for Making Data Count the
// rebase group + 1), or about the whole chart (part 0).
struct Finding {
    int part = 0;
    bool signal = false;  // the sentence reports a signal
    std::string text;
};

// The sentences in reading order. Also the scene's description and the Excel export's verdicts.
// What a run or control chart finds is core::qi::find_signals(chart) unless given.
std::vector<Finding> spc_findings(const core::qi::Chart& chart, const ChartLabels& labels);
std::vector<Finding> spc_findings(const core::qi::Chart& chart, const core::qi::Findings& findings,
                                  const ChartLabels& labels);
std::vector<Finding> mdc_findings(const core::qi::MdcChart& chart, const ChartLabels& labels);

// What each part (rebase group) is called: the given label, else "Part 2" (Making Data Count:
// "From Jul 2018"); empty for a chart of one part.
std::vector<std::string> part_names(const core::qi::Chart& chart, const ChartLabels& labels);
std::vector<std::string> mdc_group_names(const core::qi::MdcChart& chart, const ChartLabels& labels);

// The page of a run or control chart and what it finds (core::qi::find_signals(chart) unless given).
Scene spc_chart_scene(const core::qi::Chart& chart, const ChartLabels& labels,
                      std::span<const ChartAnnotation> tests_of_change, const TextMeasurer& m);
Scene spc_chart_scene(const core::qi::Chart& chart, const core::qi::Findings& findings, const ChartLabels& labels,
                      std::span<const ChartAnnotation> tests_of_change, const TextMeasurer& m);
Scene mdc_chart_scene(const core::qi::MdcChart& chart, const ChartLabels& labels,
                      std::span<const ChartAnnotation> tests_of_change, const TextMeasurer& m);

// The Making Data Count icons in words (also the command line's table): "special cause
// improvement (low values)"; "the process will consistently meet the target 45.".
std::string variation_words(core::qi::VariationIcon icon);
std::string assurance_words(core::qi::AssuranceIcon icon, double target);
// A point's type in a word: "common cause", "improvement", "concern" or "neutral".
std::string point_type_words(core::qi::MdcPointType type);

// The command line's table (waymark spc) in words: a part's runs analysis by the Anhøj or the IHI
// rules, with its counts ("Part 1: 24 useful points, longest run 5 (signal above 8), ..."); the
// points outside the limits ("No point outside the limits."); a point's signals ("above UCL,
// shift"); a Making Data Count point's signal ("Above UCL: concern") and group ("From 2024-01-01:
// 20 points, mean 12, limits 3 to 21; 18 common cause, 2 concern.", `from` the group's first x).
std::string anhoej_summary(const core::qi::RunsAnalysis& r, bool mr);
std::string ihi_summary(const core::qi::IhiPart& p);
std::string outside_limits_words(std::size_t outside);
std::string point_signal_words(const core::qi::ChartPoint& p, bool ihi);
std::string mdc_signal_words(const core::qi::MdcPoint& p);
std::string mdc_group_summary(const core::qi::MdcGroup& g, const std::string& from);

// A chart's kind in words: "Run chart", "I chart (individuals)", "P chart (proportions)".
std::string chart_kind(core::qi::ChartType type);

// An x value for people: the date ("Mar 2021" when every x is the first of a month, else
// "3 Mar 2021"), or the number.
std::string x_words(double x, bool is_date, bool monthly);

}  // namespace waymark::render
