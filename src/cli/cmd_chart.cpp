// waymark chart MEASURE: a measure's series charted with the rules of waymark spc, its tests of
// change marked. app::measure_chart shapes the series (the web's measure pages use it too).
#include "app/measure_chart.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace waymark::cli {

int cmd_chart(const Context& ctx, const ChartArgs& args) {
    const auto standards = ctx.standards();
    const auto set = ctx.measures(standards);
    const core::Measure* m = set.find(args.measure.id);
    if (m == nullptr) {
        throw core::Error(core::ErrorKind::usage, "no measure '" + args.measure.id + "' (see waymark measures)");
    }
    SpcArgs spc = args.spc;
    if (spc.chart.empty()) spc.chart = "run";
    const auto kind = app::try_parse_chart_kind(spc.chart);
    if (!kind)
        throw core::Error(core::ErrorKind::usage,
                          "--chart must be run, i, mr, c, p, pp or mdc, not '" + spc.chart + "'");

    app::MeasureChartQuery q;
    q.measure = m;
    q.as_of = args.measure.as_of;
    q.to = args.measure.to.value_or(q.as_of);
    q.from = args.measure.from.value_or(q.to - core::Months{23});
    q.length = args.measure.period == "quarter" ? core::PeriodLength::quarter : core::PeriodLength::month;
    q.local_authority = args.measure.local_authority;
    q.team = args.measure.team;
    q.chart = *kind;
    q.series = args.series.value_or("");
    store::SqliteStore store(ctx.db_path, standards.vocabulary);
    const app::MeasureChart chart = app::measure_chart(store, standards, q);

    // The tests of change linked to the measure, marked where they began (pictures only; the
    // command line's own --test-of-change replaces them), and the measure's direction.
    const MeasureGiven given{chart.improvement, chart.marks()};
    if (chart.multiply && !spc.multiply) spc.multiply = chart.multiply;
    spc.input = chart.input_name;
    if (!spc.title) spc.title = chart.title;
    if (!spc.definition) spc.definition = chart.definition;
    if (!spc.y_label) spc.y_label = chart.y_label;
    if (!chart.not_analysed.empty()) {
        // Mostly hidden: every point drawn and listed but left out of the analysis.
        spc.not_analysed = chart.not_analysed;
        if (!kind->mdc()) spc.exclude = chart.chart_options().exclude;
    }
    return run_spc(ctx, spc, chart.input, given);
}

}  // namespace waymark::cli
