// waymark chart MEASURE: a measure's series charted with the rules of waymark spc, its tests of
// change marked.
#include "app/measure_report.hpp"
#include "app/tests_of_change.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <algorithm>

namespace waymark::cli {

namespace {

using core::Error;
using core::ErrorKind;

bool is_percentage(const core::Measure& m) {
    return m.kind != core::MeasureKind::interval && m.kind != core::MeasureKind::overdue_count;
}

std::string y_label_of(const core::Measure& m) {
    if (m.kind == core::MeasureKind::interval) return "Days (median of the waits ended in the period)";
    if (m.unit == "%") return "% of the period's cases";
    return m.unit.empty() ? "Value" : m.unit;
}

}  // namespace

int cmd_chart(const Context& ctx, const ChartArgs& args) {
    const auto standards = ctx.standards();
    const auto set = ctx.measures(standards);
    const core::Measure* m = set.find(args.measure.id);
    if (m == nullptr) throw Error(ErrorKind::usage, "no measure '" + args.measure.id + "' (see waymark measures)");
    SpcArgs spc = args.spc;
    if (spc.chart.empty()) spc.chart = "run";
    const bool counts = spc.chart == "p" || spc.chart == "pp";
    if (counts && !is_percentage(*m)) {
        throw Error(ErrorKind::usage, "--chart " + spc.chart + " needs a percentage measure; " + m->id + " is in " +
                                          (m->unit.empty() ? "its own units" : m->unit));
    }

    app::MeasureQuery q;
    q.measures = {m};
    q.as_of = args.measure.as_of;
    q.to = args.measure.to.value_or(q.as_of);
    q.from = args.measure.from.value_or(q.to - core::Months{23});
    q.length = args.measure.period == "quarter" ? core::PeriodLength::quarter : core::PeriodLength::month;
    q.local_authority = args.measure.local_authority;
    store::SqliteStore store(ctx.db_path, standards.vocabulary);
    const auto report = app::measure_report(store, standards, q);
    // The tests of change linked to the measure, marked where they began (pictures only; the
    // command line's own --test-of-change replaces them).
    if (spc.out && spc.tests_of_change.empty()) {
        const core::Date first = report.grid.start(0);
        const core::Date last = report.grid.last_day(report.grid.size() - 1);
        for (const auto& t : app::tests_of_change_for_measure(store, m->id, q.local_authority)) {
            if (t.start_date < first || t.start_date > last) continue;
            spc.tests_of_change.push_back(t.start_date.iso() + "=" + t.reference + " " + t.title);
        }
    }
    const std::string wanted = args.series.value_or("");
    const auto it = std::find_if(report.series.begin(), report.series.end(),
                                 [&](const app::MeasureSeries& s) { return s.series == wanted; });
    if (it == report.series.end()) {
        std::string have;
        for (const auto& s : report.series) {
            if (!s.series.empty()) have += (have.empty() ? "" : ", ") + s.series;
        }
        throw Error(ErrorKind::usage, "measure " + m->id + " has no series '" + wanted + "'" +
                                          (have.empty() ? "" : " (it has " + have + ")"));
    }

    app::SpcInput input;
    input.x_kind = app::XKind::date;
    input.rows = app::chart_rows(*it, report.grid, counts);
    for (std::size_t i = 0; i < input.rows.size(); ++i) input.lines.push_back(i + 1);
    if (counts) {
        input.n_column = 3;
        if (!spc.multiply) spc.multiply = 100;
    }
    spc.input = "measure " + m->id + (wanted.empty() ? "" : " (" + wanted + ")");
    if (!spc.title) spc.title = m->title + (wanted.empty() ? "" : " (" + wanted + ")");
    if (!spc.definition) spc.definition = m->definition + ". Counts under 5 are not shown.";
    if (!spc.y_label) spc.y_label = y_label_of(*m);
    if (spc.chart == "mdc" && !spc.improvement)
        spc.improvement = m->better == core::Better::up ? "increase" : "decrease";
    return run_spc(ctx, spc, input);
}

}  // namespace waymark::cli
