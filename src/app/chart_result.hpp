#pragma once
// What a chart says, typed and computed once: the chart of core/qi (a run or control chart with
// what it finds, or a Making Data Count chart with its direction of improvement), which the
// command line's picture, the web's chart page, the PDF/SVG/PNG page and the workbook all take.
// render/chart_words says it in words.
#include "app/chart_kind.hpp"
#include "core/qi.hpp"
#include "core/qi_findings.hpp"

#include <optional>
#include <vector>

namespace waymark::app {

struct ChartResult {
    ChartKind kind;
    std::optional<core::qi::Chart> chart;   // a run or control chart
    core::qi::Findings findings;            // what it finds (core::qi::find_signals)
    std::optional<core::qi::MdcChart> mdc;  // Making Data Count: the direction is mdc->options.direction
};

inline ChartResult chart_result(const std::vector<core::qi::Observation>& rows, const core::qi::ChartOptions& options) {
    ChartResult out;
    out.kind = ChartKind{options.chart};
    out.chart = core::qi::compute_chart(rows, options);
    out.findings = core::qi::find_signals(*out.chart);
    return out;
}

inline ChartResult chart_result(const std::vector<core::qi::Observation>& rows, const core::qi::MdcOptions& options) {
    ChartResult out;
    out.kind = ChartKind{std::nullopt};
    out.mdc = core::qi::compute_mdc_chart(rows, options);
    return out;
}

}  // namespace waymark::app
