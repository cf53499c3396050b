#pragma once
// A measure charted: what `waymark chart MEASURE` and the web's measure pages share. One
// measure's series over months or quarters (app/measure_report.hpp, small counts suppressed),
// as rows for the run and control charts of core/qi, with its labels and the tests of change
// linked to it; and the series as the CSV that `waymark measure --format csv` prints.
#include "app/chart_kind.hpp"
#include "app/chart_result.hpp"
#include "app/measure_report.hpp"
#include "app/spc_input.hpp"
#include "app/status_cache.hpp"
#include "app/tests_of_change.hpp"
#include "core/qi.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace waymark::app {

struct MeasureChartQuery {
    const core::Measure* measure = nullptr;
    core::Date from;
    core::Date to;
    core::Date as_of;
    core::PeriodLength length = core::PeriodLength::month;
    std::optional<std::string> local_authority;  // none: every council together
    std::optional<std::string> team;             // one team of that council (MeasureQuery::team)
    ChartKind chart;                             // as waymark spc --chart (run, i, p, pp, mdc, ...)
    std::string series;                          // "" for the measure itself, else a split series ("po")
    // The council of the user who asks (the web): only its own tests of change are marked and
    // listed, on a chart of that council or one of its teams (tests_of_change_shown). None: the
    // command line, which marks the query's council's tests, or every council's.
    std::optional<std::string> viewer_council;
    std::stop_token stop{};  // MeasureQuery::stop
};

// Whether a chart of the query shows tests of change: those of query.local_authority (every
// council's when it is empty). A user sees only their own council's tests, as the tests of
// change pages and API show them: not on another council's chart nor on every council's.
bool tests_of_change_shown(const MeasureChartQuery& query);

struct MeasureChart {
    explicit MeasureChart(MeasureReport r) : report(std::move(r)) {}

    MeasureReport report;
    std::size_t series_index = 0;  // the series charted, in report.series
    SpcInput input;                // one row per period, x the period's first day
    ChartKind chart;               // as asked
    bool counts = false;           // p and pp charts: y the numerator, n the denominator
    std::optional<double> multiply;
    std::string input_name;  // "measure in-drift (po)", for messages and the picture's footer
    std::string title;
    std::string definition;
    std::string y_label;
    // mdc: increase or decrease, from the measure's better direction.
    std::optional<core::qi::ImprovementDirection> improvement;
    // Too few points to analyse: more than half the periods charted have their value hidden
    // (counts under 5), so the visible ones are a minority chosen by their size, and their
    // median or mean would not be the process's centre (docs/spc.md, "Charts of measures").
    // Then `not_analysed` says so, in words, and every point is left out of the centre, limits
    // and runs analysis (drawn, and listed, but not analysed); a Making Data Count chart,
    // which has no exclusions, is given no values. Empty when the chart is analysed.
    std::size_t hidden = 0;  // the periods whose value is hidden
    std::string not_analysed;
    // The tests of change linked to the measure (of the query's council, or of all; none when
    // !tests_of_change_shown) that began inside the periods charted, by start date.
    std::vector<TestOfChangeMark> tests;

    // The tests of change as the chart marks them: at their start date, "TOC-3 Huddles".
    [[nodiscard]] std::vector<core::qi::ChartMark> marks() const;

    [[nodiscard]] const MeasureSeries& series() const { return report.series.at(series_index); }
    // The options of a run or control chart (!chart.mdc()) and of a Making Data Count chart;
    // with not_analysed, every point excluded.
    [[nodiscard]] core::qi::ChartOptions chart_options() const;
    [[nodiscard]] core::qi::MdcOptions mdc_options() const;
};

// The measure's chart computed once (as asked: a run or control chart, or Making Data Count).
ChartResult chart_result(const MeasureChart& chart);

// Whether a chart of `points` periods of which `hidden` have their value hidden is mostly
// hidden: more than half of them.
bool mostly_hidden(std::size_t hidden, std::size_t points) noexcept;

// Whether the measure's values are percentages of the period's cases (p and pp charts apply).
bool is_percentage(const core::Measure& measure) noexcept;

// The charts a measure may be drawn as, first the default: run, i and mdc for every measure,
// p and pp too for a percentage.
std::vector<std::string> chart_choices(const core::Measure& measure);

// The last day of the last period of [from, to] that is over by the as-of date (its last day on
// or before it): where a chart's series ends. A period not yet over is never plotted nor
// analysed (its count is not the period's). None when no period of the range is over.
std::optional<core::Date> last_complete_day(core::Date from, core::Date to, core::PeriodLength length,
                                            core::Date as_of);

// Reads the measure's report and shapes the series as chart input, cut at last_complete_day
// (Error(usage) when no period of the range is over by the as-of date). Throws Error(usage) for a
// chart the measure does not allow (p or pp of a measure that is not a percentage) and for a
// series the measure does not have (naming those it has).
// With `cache`, the report comes from it (app/status_cache.hpp).
MeasureChart measure_chart(Store& store, const StandardSet& standards, const MeasureChartQuery& query,
                           StatusCache* cache = nullptr);

// The councils that have children in the store, in order (a national analyst's choice of council).
std::vector<std::string> councils_in(ChildDirectory& store);

// The report as `waymark measure --format csv` prints it: one row per point, hidden counts as
// kSuppressed and hidden values left empty.
std::string measure_report_csv(const MeasureReport& report);

}  // namespace waymark::app
