#include "app/measure_chart.hpp"

#include "app/csv.hpp"
#include "core/error.hpp"

#include <algorithm>

namespace waymark::app {

namespace {

using core::Error;
using core::ErrorKind;

std::string y_label_of(const core::Measure& m) {
    if (m.kind == core::MeasureKind::interval) return "Days (median of the waits ended in the period)";
    if (m.unit == "%") return "% of the period's cases";
    return m.unit.empty() ? "Value" : m.unit;
}

std::string opt(const std::optional<double>& v, bool shown) {
    return shown && v ? number15(*v) : "";
}

}  // namespace

ChartResult chart_result(const MeasureChart& chart) {
    if (chart.chart.mdc()) return chart_result(chart.input.rows, chart.mdc_options());
    return chart_result(chart.input.rows, chart.chart_options());
}

bool mostly_hidden(std::size_t hidden, std::size_t points) noexcept {
    return hidden * 2 > points;
}

bool is_percentage(const core::Measure& m) noexcept {
    return core::value_kind(m.kind) == core::ValueKind::percentage;
}

std::vector<std::string> chart_choices(const core::Measure& measure) {
    std::vector<std::string> out = {"run", "i"};
    if (is_percentage(measure)) {
        out.emplace_back("p");
        out.emplace_back("pp");
    }
    out.emplace_back("mdc");
    return out;
}

core::qi::ChartOptions MeasureChart::chart_options() const {
    core::qi::ChartOptions o;
    if (chart.type) o.chart = *chart.type;
    o.has_denominator = input.has_n();
    o.multiply = multiply.value_or(1);
    if (!not_analysed.empty()) {
        for (std::size_t k = 1; k <= input.rows.size(); ++k) o.exclude.push_back(k);
    }
    return o;
}

core::qi::MdcOptions MeasureChart::mdc_options() const {
    core::qi::MdcOptions o;
    if (improvement) o.direction = *improvement;
    return o;
}

std::vector<core::qi::ChartMark> MeasureChart::marks() const {
    std::vector<core::qi::ChartMark> out;
    out.reserve(tests.size());
    for (const auto& t : tests)
        out.push_back({static_cast<double>(t.start_date.serial()), t.reference + " " + t.title});
    return out;
}

bool tests_of_change_shown(const MeasureChartQuery& query) {
    return !query.viewer_council || query.local_authority == query.viewer_council;
}

std::optional<core::Date> last_complete_day(core::Date from, core::Date to, core::PeriodLength length,
                                            core::Date as_of) {
    if (to < from) return std::nullopt;
    const core::PeriodGrid grid(from, to, length);
    std::optional<core::Date> out;
    for (std::size_t p = 0; p < grid.size() && !(as_of < grid.last_day(p)); ++p) out = grid.last_day(p);
    return out;
}

MeasureChart measure_chart(Store& store, const StandardSet& standards, const MeasureChartQuery& query,
                           StatusCache* cache) {
    const core::Measure& m = *query.measure;
    const ChartKind chart = query.chart;
    const bool counts = chart.type == core::qi::ChartType::p || chart.type == core::qi::ChartType::pp;
    if (counts && !is_percentage(m)) {
        throw Error(ErrorKind::usage, "--chart " + std::string(to_string(chart)) + " needs a percentage measure; " +
                                          m.id + " is in " + (m.unit.empty() ? "its own units" : m.unit));
    }
    const auto to = query.to < query.from ? std::optional<core::Date>(query.to)
                                          : last_complete_day(query.from, query.to, query.length, query.as_of);
    if (!to) {
        const char* period = query.length == core::PeriodLength::quarter ? "quarter" : "month";
        throw Error(ErrorKind::usage, std::string("no ") + period + " from " + query.from.iso() + " to " +
                                          query.to.iso() + " is over by the as-of date " + query.as_of.iso() + ": a " +
                                          period + " is charted only once it has ended");
    }
    MeasureQuery q;
    q.measures = {&m};
    q.from = query.from;
    q.to = *to;
    q.as_of = query.as_of;
    q.length = query.length;
    q.local_authority = query.local_authority;
    q.team = query.team;
    q.stop = query.stop;
    MeasureChart out(cache != nullptr ? *cache->measure_report(store, standards, q)
                                      : measure_report(store, standards, q));
    out.chart = chart;
    out.counts = counts;
    const auto& grid = out.report.grid;

    const auto& all = out.report.series;
    const auto it =
        std::find_if(all.begin(), all.end(), [&](const MeasureSeries& s) { return s.series == query.series; });
    if (it == all.end()) {
        std::string have;
        for (const auto& s : all) {
            if (!s.series.empty()) have += (have.empty() ? "" : ", ") + s.series;
        }
        throw Error(ErrorKind::usage, "measure " + m.id + " has no series '" + query.series + "'" +
                                          (have.empty() ? "" : " (it has " + have + ")"));
    }
    out.series_index = static_cast<std::size_t>(it - all.begin());

    const core::Date first = grid.start(0);
    const core::Date last = grid.last_day(grid.size() - 1);
    if (tests_of_change_shown(query)) {
        for (auto& t : tests_of_change_for_measure(store.tests_of_change(), m.id, query.local_authority)) {
            if (t.start_date < first || t.start_date > last) continue;
            out.tests.push_back(std::move(t));
        }
    }

    out.input.x_kind = XKind::date;
    out.input.rows = chart_rows(*it, grid, out.counts);
    for (std::size_t i = 0; i < out.input.rows.size(); ++i) out.input.lines.push_back(i + 1);
    out.hidden = static_cast<std::size_t>(
        std::count_if(it->points.begin(), it->points.end(), [](const SeriesPoint& sp) { return !sp.value_shown; }));
    if (mostly_hidden(out.hidden, it->points.size())) {
        const char* period = query.length == core::PeriodLength::quarter ? "quarters" : "months";
        out.not_analysed = "Too few points to analyse: " + std::to_string(out.hidden) + " of the " +
                           std::to_string(it->points.size()) + " " + period +
                           " have counts under 5 and are not shown, so no centre line, limits or runs analysis "
                           "is drawn from the rest (a chart is analysed when at most half its points are hidden).";
        if (chart.mdc()) {
            for (auto& row : out.input.rows) row.y.reset();
        }
    }
    if (out.counts) {
        out.input.n_column = 3;
        out.multiply = 100;
    }
    const std::string& wanted = query.series;
    const std::string of_team = query.team ? ", " + *query.team : "";
    out.input_name = "measure " + m.id + (wanted.empty() ? "" : " (" + wanted + ")") + of_team;
    out.title = m.title + (wanted.empty() ? "" : " (" + wanted + ")") + of_team;
    out.definition = m.definition + ". Counts under 5 are not shown.";
    out.y_label = y_label_of(m);
    if (out.chart.mdc()) {
        out.improvement = m.better == core::Better::up ? core::qi::ImprovementDirection::increase
                                                       : core::qi::ImprovementDirection::decrease;
    }
    return out;
}

std::vector<std::string> councils_in(ChildDirectory& store) {
    std::vector<std::string> out;
    for (auto& c : store.child_index()) out.push_back(std::move(c.local_authority));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::string measure_report_csv(const MeasureReport& report) {
    const auto& grid = report.grid;
    std::string out =
        "measure,group,series,period,period_start,period_end,numerator,denominator,value,completed,"
        "median_completed,cohort,cohort_events,km_median,km_lower,km_upper,partial\n";
    for (const auto& s : report.series) {
        for (const auto& sp : s.points) {
            const auto& p = sp.point;
            const bool interval = s.measure->kind == core::MeasureKind::interval;
            append_csv_row(out,
                           {s.measure->id, s.group, s.series, grid.label(p.period), grid.start(p.period).iso(),
                            grid.last_day(p.period).iso(), shown_count(p.numerator, sp.numerator_shown),
                            shown_count(p.denominator, sp.denominator_shown), opt(p.value, sp.value_shown),
                            interval ? shown_count(static_cast<std::int64_t>(p.completed), sp.numerator_shown) : "",
                            interval ? opt(p.median_completed, sp.median_shown) : "",
                            interval ? shown_count(static_cast<std::int64_t>(p.cohort.n), sp.denominator_shown) : "",
                            interval ? shown_count(static_cast<std::int64_t>(p.cohort.events), sp.events_shown) : "",
                            interval ? opt(p.cohort.median, sp.cohort_shown) : "",
                            interval ? opt(p.cohort.lower, sp.cohort_shown) : "",
                            interval ? opt(p.cohort.upper, sp.cohort_shown) : "", sp.partial ? "true" : "false"});
        }
    }
    return out;
}

}  // namespace waymark::app
