// waymark measures: the catalogue; waymark measure ID: a measure's series over time.
#include "app/measure_chart.hpp"
#include "app/measure_report.hpp"
#include "cli/commands.hpp"
#include "cli/environment.hpp"
#include "cli/json.hpp"
#include "cli/options.hpp"
#include "core/error.hpp"

#include <algorithm>
#include <memory>

namespace waymark::cli {

namespace {

using core::Error;
using core::ErrorKind;

// A count as aggregate outputs may show it.
std::string count(std::int64_t n, bool shown) {
    return app::shown_count(n, shown);
}
boost::json::value json_count(std::int64_t n, bool shown) {
    return shown ? boost::json::value(n) : boost::json::value(app::kSuppressed);
}
boost::json::value json_opt(const std::optional<double>& v, bool shown) {
    return shown && v ? boost::json::value(*v) : boost::json::value(nullptr);
}
std::string people(const std::optional<double>& v, bool shown, const std::string& unit = "") {
    if (!shown) return app::kSuppressed;
    if (!v) return "";
    return people_number(*v) + unit;
}

}  // namespace

int cmd_measures(const Context& ctx, const MeasuresArgs& args) {
    if (args.print_defaults) {
        ctx.out << app::default_measures_text();
        return 0;
    }
    const auto standards = ctx.standards();
    const auto set = ctx.measures(standards);
    if (args.format == Format::csv) {
        std::string out = "id,title,unit,better,kind,definition\n";
        for (const auto& m : set.measures) {
            csv_row(out, {m.id, m.title, m.unit, core::to_string(m.better), core::to_string(m.kind), m.definition});
        }
        ctx.out << out;
        return 0;
    }
    if (args.format == Format::json) {
        JsonRecords records(ctx.out);
        for (const auto& m : set.measures) {
            records.add(boost::json::object{{"id", m.id},
                                            {"title", m.title},
                                            {"unit", m.unit},
                                            {"better", core::to_string(m.better)},
                                            {"kind", core::to_string(m.kind)},
                                            {"definition", m.definition}});
        }
        records.finish();
        return 0;
    }
    Table t({"Measure", "Better", "Title"});
    for (const auto& m : set.measures) t.add({m.id, m.better == core::Better::up ? "higher" : "lower", m.title});
    t.print(ctx.out);
    ctx.out << "\n"
            << set.measures.size() << " measures from " << set.origin
            << ". 'waymark measure ID' prints one's series; definitions in --format csv.\n";
    return 0;
}

int cmd_measure(const Context& ctx, const MeasureArgs& args) {
    const auto standards = ctx.standards();
    const auto set = ctx.measures(standards);
    app::MeasureQuery q;
    if (args.id == "all") {
        for (const auto& m : set.measures) q.measures.push_back(&m);
    } else if (const auto* m = set.find(args.id)) {
        q.measures.push_back(m);
    } else {
        throw Error(ErrorKind::usage, "no measure '" + args.id + "' (see waymark measures)");
    }
    q.as_of = args.as_of;
    q.to = args.to.value_or(args.as_of);
    q.from = args.from.value_or(q.to - core::Months{23});
    q.length = args.period == "quarter" ? core::PeriodLength::quarter : core::PeriodLength::month;
    q.local_authority = args.local_authority;
    q.team = args.team;
    if (args.by == "council") q.by = app::MeasureGroups::council;
    if (args.by == "team") q.by = app::MeasureGroups::team;
    const auto database = ctx.open_database(standards.vocabulary);
    app::Database& store = *database;
    const auto report = app::measure_report(store, standards, q);
    const auto& grid = report.grid;

    if (args.format == Format::csv) {
        ctx.out << app::measure_report_csv(report);
        return 0;
    }
    if (args.format == Format::json) {
        boost::json::array series;
        for (const auto& s : report.series) {
            const bool interval = s.measure->kind == core::MeasureKind::interval;
            boost::json::array points;
            for (const auto& sp : s.points) {
                const auto& p = sp.point;
                boost::json::object o{{"period", grid.label(p.period)},
                                      {"period_start", grid.start(p.period).iso()},
                                      {"period_end", grid.last_day(p.period).iso()},
                                      {"numerator", json_count(p.numerator, sp.numerator_shown)},
                                      {"denominator", json_count(p.denominator, sp.denominator_shown)},
                                      {"value", json_opt(p.value, sp.value_shown)}};
                if (interval) {
                    o["completed"] = json_count(static_cast<std::int64_t>(p.completed), sp.numerator_shown);
                    o["median_completed"] = json_opt(p.median_completed, sp.median_shown);
                    o["cohort"] = json_count(static_cast<std::int64_t>(p.cohort.n), sp.denominator_shown);
                    o["km_median"] = json_opt(p.cohort.median, sp.cohort_shown);
                    o["km_lower"] = json_opt(p.cohort.lower, sp.cohort_shown);
                    o["km_upper"] = json_opt(p.cohort.upper, sp.cohort_shown);
                }
                o["partial"] = sp.partial;
                points.emplace_back(std::move(o));
            }
            series.emplace_back(boost::json::object{{"measure", s.measure->id},
                                                    {"title", s.measure->title},
                                                    {"unit", s.measure->unit},
                                                    {"better", core::to_string(s.measure->better)},
                                                    {"group", s.group},
                                                    {"series", s.series},
                                                    {"points", std::move(points)}});
        }
        const boost::json::object body{{"as_of", q.as_of.iso()},
                                       {"period", args.period},
                                       {"suppressed_below", app::kSmallCount},
                                       {"series", std::move(series)}};
        ctx.out << to_json(body, {1, 4, JsonIndent::by_line}) << '\n';
        return 0;
    }
    for (const auto& s : report.series) {
        const auto& m = *s.measure;
        ctx.out << m.title << (s.series.empty() ? "" : " (" + s.series + ")")
                << (s.group == "all" ? "" : ", " + s.group) << "\n"
                << m.definition << ". Better: " << (m.better == core::Better::up ? "higher" : "lower")
                << ". Counts that could identify a child shown as " << app::kSuppressed << ".\n\n";
        const bool interval = m.kind == core::MeasureKind::interval;
        const std::string unit = m.unit == "%" ? "%" : "";
        Table t(interval ? std::vector<std::string>{"Period", "Ended", "Median days", "Started", "Still waiting",
                                                    "KM median (95% CI)"}
                         : std::vector<std::string>{"Period", "Numerator", "Denominator", "Value"});
        for (const auto& sp : s.points) {
            const auto& p = sp.point;
            std::string period = grid.label(p.period) + (sp.partial ? "*" : "");
            if (!interval) {
                t.add({period, count(p.numerator, sp.numerator_shown), count(p.denominator, sp.denominator_shown),
                       people(p.value, sp.value_shown, unit)});
                continue;
            }
            std::string km;
            if (!sp.cohort_shown) {
                km = app::kSuppressed;
            } else if (p.cohort.median) {
                km = people_number(*p.cohort.median) + " (" + (p.cohort.lower ? people_number(*p.cohort.lower) : "-") +
                     " to " + (p.cohort.upper ? people_number(*p.cohort.upper) : "-") + ")";
            } else if (p.cohort.n > 0) {
                km = "not reached";
            }
            const auto waiting = static_cast<std::int64_t>(p.cohort.n - p.cohort.events);
            t.add({period, count(static_cast<std::int64_t>(p.completed), sp.numerator_shown),
                   people(p.median_completed, sp.median_shown),
                   count(static_cast<std::int64_t>(p.cohort.n), sp.denominator_shown), count(waiting, sp.waiting_shown),
                   km});
        }
        t.print(ctx.out);
        ctx.out << "\n";
    }
    const bool partial = std::any_of(report.series.begin(), report.series.end(), [](const app::MeasureSeries& s) {
        return std::any_of(s.points.begin(), s.points.end(), [](const app::SeriesPoint& p) { return p.partial; });
    });
    if (partial) ctx.out << "* the period ends after the as-of date " << q.as_of.iso() << ": not complete.\n";
    return 0;
}

// --- The command line: options, help and what to run (options.hpp) ---

void register_measures(Command& root) {
    auto s = std::make_shared<Parsed<MeasuresArgs>>();
    auto c = root.subcommand("measures", "List the measures of the system (the catalogue)");
    c.flag("--print-defaults", s->args.print_defaults, "print the built-in measures file to copy\nand edit");
    add_format(c, s->format);
    c.footer(
        with_global_help("A council's own measures: waymark measures --print-defaults > mine.toml, edit\n"
                         "it, then use --measures mine.toml (or measures = \"mine.toml\" in the config\n"
                         "file)."));
    run_with_format(c, s, cmd_measures);
}

void register_measure(Command& root) {
    struct State {
        MeasureArgs args;
        std::string as_of;
        std::string format = "table";
        std::string from;
        std::string to;
    };
    auto s = std::make_shared<State>();
    auto c = root.subcommand("measure", "Print a measure's series by month or quarter");
    c.option("id", s->args.id, "the measure (see 'waymark measures'), or all").required().type_name("ID");
    c.option("--from", s->from, "first period: the one holding this date\n(default 24 months back)").type_name("DATE");
    c.option("--to", s->to, "last period: the one holding this date\n(default the as-of date)").type_name("DATE");
    c.option("--as-of", s->as_of, "read the record as of this date (default\ntoday)").type_name("DATE");
    c.option("--period", s->args.period, "month (default) or quarter").type_name("PERIOD").one_of({"month", "quarter"});
    c.option("--by", s->args.by,
             "all (default: every council together),\ncouncil, or team (each team of\n--local-authority, and "
             "not allocated)")
        .type_name("GROUP")
        .one_of({"all", "council", "team"});
    c.option("--local-authority", s->args.local_authority, "one council only").type_name("CODE");
    c.option("--team", s->args.team, "only the children allocated to a worker of\nthis team of --local-authority")
        .type_name("NAME");
    add_format(c, s->format);
    c.footer(
        with_global_help("Aggregates only: counts from 1 to 4 are shown as [c], with others where the\n"
                         "whole less the shown parts would give one away (docs/measures.md), and values\n"
                         "that would reveal them are left out. For waits (days from one event to another) the value\n"
                         "is the median of the waits that ended in the period; the waits that began in\n"
                         "it also give a Kaplan-Meier median with its 95% interval, counting the children\n"
                         "still waiting. CSV columns: measure,group,series,period,period_start,period_end,\n"
                         "numerator,denominator,value,completed,median_completed,cohort,cohort_events,\n"
                         "km_median,km_lower,km_upper,partial. A child's team is its allocated social\n"
                         "worker's team as allocated now (there is no allocation history)."));
    c.run([s](const Context& ctx) {
        s->args.as_of = as_of_or_today(ctx, s->as_of);
        s->args.format = parse_format(s->format);
        s->args.from = parse_date_option_if_given(s->from, "--from");
        s->args.to = parse_date_option_if_given(s->to, "--to");
        return cmd_measure(ctx, s->args);
    });
}

}  // namespace waymark::cli
