// waymark chart MEASURE: a measure's series charted with the rules of waymark spc, its tests of
// change marked. app::measure_chart shapes the series (the web's measure pages use it too).
#include "app/measure_chart.hpp"
#include "cli/commands.hpp"
#include "cli/environment.hpp"
#include "cli/options.hpp"
#include "core/error.hpp"

#include <memory>

namespace waymark::cli {

int cmd_chart(const Context& ctx, const ChartArgs& args) {
    const auto standards = ctx.standards();
    const auto set = ctx.measures(standards);
    const core::Measure* m = set.find(args.measure.id);
    if (m == nullptr) {
        throw core::Error(core::ErrorKind::usage, "no measure '" + args.measure.id + "' (see waymark measures)");
    }
    SpcArgs spc = args.spc;
    const app::ChartKind kind = spc.chart;  // run unless --chart says otherwise

    app::MeasureChartQuery q;
    q.measure = m;
    q.as_of = args.measure.as_of;
    q.to = args.measure.to.value_or(q.as_of);
    q.from = args.measure.from.value_or(q.to - core::Months{23});
    q.length = args.measure.period == "quarter" ? core::PeriodLength::quarter : core::PeriodLength::month;
    q.local_authority = args.measure.local_authority;
    q.team = args.measure.team;
    q.chart = kind;
    q.series = args.series.value_or("");
    const auto database = ctx.open_database(standards.vocabulary);
    app::Database& store = *database;
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
        if (!kind.mdc()) spc.exclude = chart.chart_options().exclude;
    }
    return run_spc(ctx, spc, chart.input, given);
}

// --- The command line: options, help and what to run (options.hpp) ---

void register_chart(Command& root) {
    struct State {
        ChartArgs args;
        std::string as_of;
        ChartOptions chart;
        std::string from;
        std::string to;
    };
    auto s = std::make_shared<State>();
    auto c = root.subcommand("chart", "Run chart or control chart of a measure, with its tests of change");
    c.option("measure", s->args.measure.id, "the measure (see 'waymark measures')").required().type_name("ID");
    c.option("--chart", s->chart.chart,
             "run (default), i, mr, c, p, pp (P'), or mdc;\np and pp take the counts of % measures")
        .type_name("TYPE")
        .one_of({"run", "i", "mr", "c", "p", "pp", "mdc"});
    c.option("--from", s->from, "first period: the one holding this date\n(default 24 months back)").type_name("DATE");
    c.option("--to", s->to, "last period: the one holding this date\n(default the as-of date)").type_name("DATE");
    c.option("--as-of", s->as_of, "read the record as of this date (default\ntoday)").type_name("DATE");
    c.option("--period", s->args.measure.period, "month (default) or quarter")
        .type_name("PERIOD")
        .one_of({"month", "quarter"});
    c.option("--local-authority", s->args.measure.local_authority, "one council only").type_name("CODE");
    c.option("--team", s->args.measure.team,
             "only the children allocated to a worker of\nthis team of --local-authority")
        .type_name("NAME");
    c.option("--series", s->args.series, "a split series (e.g. po for days-adm-to-\nlodging)").type_name("NAME");
    add_chart_options(c, s->args.spc, s->chart);
    c.footer(
        with_global_help("The measure's series (as 'waymark measure' computes it, the counts it hides\n"
                         "missing) charted with the rules of 'waymark spc'; the tests of\n"
                         "change linked to the measure are marked at their start dates. The options\n"
                         "after --local-authority are those of 'waymark spc' (docs/spc.md)."));
    c.run([s, c](const Context& ctx) {
        s->args.measure.as_of = as_of_or_today(ctx, s->as_of);
        finish_chart_options(c, s->args.spc, s->chart);
        s->args.measure.from = parse_date_option_if_given(s->from, "--from");
        s->args.measure.to = parse_date_option_if_given(s->to, "--to");
        return cmd_chart(ctx, s->args);
    });
}

}  // namespace waymark::cli
