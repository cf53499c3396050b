#pragma once
// Run and control charts as an Excel workbook (libxlsxwriter; the only place it appears): the
// sheet "Series" (one row per point: x as a real Excel date where x is a date, the value, the
// part, the centre and limits, the signals), the sheet "Rules" (the runs analysis of each part, or
// the Making Data Count groups and icons, with the verdict in words; the tests of change), and
// the chart sheet "Chart" (a native Excel chart of the values, centre and limits).
//
// The same chart and labels give the same bytes: the workbook's creation time is
// labels.created (midnight UTC; 1 January 2000 when empty), never the clock.
#include "core/qi.hpp"
#include "render/chart.hpp"

#include <span>
#include <string>

namespace waymark::render {

// What a run or control chart finds is core::qi::find_signals(chart) unless given.
std::string spc_workbook(const core::qi::Chart& chart, const ChartLabels& labels,
                         std::span<const ChartAnnotation> tests_of_change);
std::string spc_workbook(const core::qi::Chart& chart, const core::qi::Findings& findings, const ChartLabels& labels,
                         std::span<const ChartAnnotation> tests_of_change);
std::string mdc_workbook(const core::qi::MdcChart& chart, const ChartLabels& labels,
                         std::span<const ChartAnnotation> tests_of_change);

}  // namespace waymark::render
