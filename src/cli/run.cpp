// waymark: the command line. Parses arguments (the only file that includes CLI11), works out
// the database, the standards and "today", and hands over to one subcommand.
#include "cli/run.hpp"

#include "app/toml_limits.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"

#include <toml++/toml.h>
#include <CLI/CLI.hpp>

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <iostream>

namespace {

using waymark::core::Date;
using waymark::core::Error;
using waymark::core::ErrorKind;

// Today in local time: the only place the program reads the clock.
Date local_today() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    return Date(tm.tm_year + 1900, static_cast<unsigned>(tm.tm_mon + 1), static_cast<unsigned>(tm.tm_mday));
}

// The operating system's user, for the audit log.
std::string current_user() {
    if (const passwd* pw = getpwuid(geteuid()); pw != nullptr && pw->pw_name != nullptr) return pw->pw_name;
    if (const char* user = std::getenv("USER"); user != nullptr && *user != '\0') return user;
    return "uid " + std::to_string(geteuid());
}

// Now, in UTC, ISO 8601, for the audit log.
std::string utc_now() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

Date parse_date_option(const std::string& text, const char* option) {
    if (auto d = Date::try_parse(text)) return *d;
    throw Error(ErrorKind::usage, std::string(option) + " '" + text + "' is not a date (expected YYYY-MM-DD)");
}

struct Config {
    std::optional<std::string> db;
    std::optional<std::string> standards;
    std::optional<std::string> measures;
};

Config read_config(const std::string& path) {
    Config c;
    toml::table t;
    const std::string text = waymark::app::read_toml_file(path, "config file");
    waymark::app::check_toml_limits(text, path);
    try {
        t = toml::parse(text, path);
    } catch (const toml::parse_error& e) {
        throw Error(ErrorKind::invalid_input,
                    path + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
    }
    for (auto&& [k, v] : t) {
        if (k.str() != "db" && k.str() != "standards" && k.str() != "measures") {
            throw Error(ErrorKind::invalid_input, path + ":" + std::to_string(v.source().begin.line) +
                                                      ": unknown setting '" + std::string(k.str()) +
                                                      "' (expected db, standards, measures)");
        }
        if (!v.is_string())
            throw Error(ErrorKind::invalid_input, path + ": '" + std::string(k.str()) + "' must be a string");
    }
    if (auto v = t["db"].value<std::string>()) c.db = *v;
    if (auto v = t["standards"].value<std::string>()) c.standards = *v;
    if (auto v = t["measures"].value<std::string>()) c.measures = *v;
    return c;
}

const char* kDescription =
    "Waymark: every looked after child's journey to permanence, its timescales as\n"
    "clocks, and drift made visible.";

const char* kFooter =
    "Environment: WAYMARK_DB (the database), WAYMARK_CONFIG (a TOML file with\n"
    "db = \"...\" and standards = \"...\"). Exit codes: 0 success, 2 usage, 3 invalid\n"
    "input, 4 storage, 5 internal. 'waymark COMMAND --help' shows its options.";

// Under every command's own help: the options that go before the command.
const std::string kGlobal =
    "\n\nBefore the command: --db FILE, --config FILE, --standards FILE, --measures FILE,\n"
    "--today DATE (see 'waymark --help'). Exit codes: 0 success, 2 usage, 3 invalid\n"
    "input, 4 storage, 5 internal.";

void add_format(CLI::App* cmd, std::string& format) {
    cmd->add_option("--format", format, "table (for people), csv or json")
        ->type_name("FORMAT")
        ->check(CLI::IsMember({"table", "csv", "json"}));
}

// The options that `spc` and `chart` share: what to compute and how to show it.
struct ScreenedFlags {
    bool screened = false;
    bool no_screened = false;
};

void add_chart_options(CLI::App* cmd, waymark::cli::SpcArgs& a, ScreenedFlags& flags, std::string& format_opt,
                       const CLI::Validator& whole_number) {
    cmd->add_option("--freeze", a.freeze, "centre and limits from points 1 to N only")
        ->check(whole_number)
        ->type_name("N");
    cmd->add_option("--part", a.part, "a new part (own centre, limits and runs)\nafter each of these points")
        ->delimiter(',')
        ->check(whole_number)
        ->type_name("N,...");
    cmd->add_option("--exclude", a.exclude, "points left out of centre, limits and\nruns (still shown)")
        ->delimiter(',')
        ->check(whole_number)
        ->type_name("N,...");
    cmd->add_flag("--screened-mr", flags.screened,
                  "drop moving ranges of 3.267 x AMR or more\n(the default; i, pp, up, mdc)");
    cmd->add_flag("--no-screened-mr", flags.no_screened, "keep every moving range");
    cmd->add_option("--rules", a.rules, "runs rules: anhoej (default) or ihi (run\ncharts)")
        ->type_name("RULES")
        ->check(CLI::IsMember({"anhoej", "ihi"}));
    cmd->add_option("--rebase", a.rebase, "mdc: new limits from each of these x on")
        ->delimiter(',')
        ->type_name("DATE,...");
    cmd->add_option("--fix-after", a.fix_after, "mdc: limits from each group's first N\npoints (12 or more)")
        ->check(whole_number)
        ->type_name("N");
    cmd->add_option("--improvement", a.improvement,
                    "mdc: increase (default), decrease or\nneutral: which way is better")
        ->type_name("DIR")
        ->check(CLI::IsMember({"increase", "decrease", "neutral"}));
    cmd->add_option("--target", a.target, "mdc: the target, for the assurance icon")->type_name("T");
    add_format(cmd, format_opt);
    cmd->add_option("--out", a.out,
                    "draw the chart instead: FILE.svg, .png,\n.pdf, .xlsx (Excel) or .txt (the scene as\ntext); - for "
                    "standard output")
        ->type_name("FILE");
    cmd->add_option("--picture-format", a.picture_format, "with --out -: svg, png, pdf, xlsx or txt")
        ->type_name("FORMAT")
        ->check(CLI::IsMember({"svg", "png", "pdf", "xlsx", "txt"}));
    cmd->add_option("--title", a.title, "the picture's title (default: the chart's\nkind)")->type_name("TEXT");
    cmd->add_option("--definition", a.definition, "the measure's definition, under the title")->type_name("TEXT");
    cmd->add_option("--y-label", a.y_label, "what the values are (\"days\", \"%\")")->type_name("TEXT");
    cmd->add_option("--test-of-change", a.tests_of_change,
                    "a test of change from X (a date or number,\nas x) on; repeat for each")
        ->type_name("X=LABEL");
    cmd->add_flag("--two-sigma", a.two_sigma, "draw the 2-sigma lines too (control charts)");
}

// After parsing: the format and the screened moving range flags into the arguments.
void finish_chart_options(const CLI::App* cmd, waymark::cli::SpcArgs& a, const ScreenedFlags& flags,
                          waymark::cli::Format format) {
    a.format = format;
    a.format_given = cmd->count("--format") > 0;
    if (flags.screened && flags.no_screened) {
        throw Error(ErrorKind::usage, "--screened-mr and --no-screened-mr cannot be combined");
    }
    if (flags.screened) a.screened_mr = true;
    if (flags.no_screened) a.screened_mr = false;
}

}  // namespace

int waymark::cli::run(int argc, char** argv, const OpenDatabase& open) {
    namespace cli = waymark::cli;
    std::ios::sync_with_stdio(false);  // reports write millions of lines through std::cout
    CLI::App app{kDescription, "waymark"};
    app.footer(kFooter);
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("waymark ") + WAYMARK_VERSION);
    app.get_formatter()->column_width(26);

    std::string db_opt;
    std::string config_opt;
    std::string standards_opt;
    std::string measures_opt;
    std::string today_opt;
    app.add_option("--db", db_opt, "database (default $WAYMARK_DB, then the\nconfig file's db, then ./waymark.db)")
        ->type_name("FILE");
    app.add_option("--config", config_opt, "config file (TOML: db, standards);\ndefault $WAYMARK_CONFIG")
        ->type_name("FILE");
    app.add_option("--standards", standards_opt, "standards file (TOML) to use instead of\nthe built-in defaults")
        ->type_name("FILE");
    app.add_option("--measures", measures_opt, "measures file (TOML) to use instead of\nthe built-in catalogue")
        ->type_name("FILE");
    app.add_option("--today", today_opt, "the date taken as today, for replaying\nhistory and for tests")
        ->type_name("DATE");

    cli::ImportArgs import_args;
    auto* import_cmd = app.add_subcommand("import", "Load children.csv and events.csv: all rows or none");
    import_cmd->add_option("--children", import_args.children, "children file (CSV, DATA.md)")->type_name("FILE");
    import_cmd->add_option("--events", import_args.events, "events file (CSV, DATA.md)")->type_name("FILE");
    import_cmd->add_flag("--ignore-unknown-columns", import_args.ignore_unknown_columns,
                         "skip columns Waymark does not read");
    import_cmd->add_flag("--progress", import_args.progress,
                         "report progress on standard error even\nwhen it is not a terminal");
    import_cmd->add_flag("--no-progress", import_args.no_progress, "no progress bar");
    import_cmd->footer(
        "An import is all or nothing: if any row is bad, nothing is stored and the first\n"
        "20 problems are listed with file, line, column and field. Importing the same\n"
        "rows again adds nothing; a row whose event_id is already stored for its council\n"
        "replaces that event." +
        kGlobal);

    std::string as_of_opt;
    std::string format_opt = "table";
    cli::DueArgs due_args;
    auto* due_cmd = app.add_subcommand("due", "List clocks overdue, due soon or open, as of a date");
    due_cmd->add_option("--as-of", as_of_opt, "the date to judge clocks on (default today)")->type_name("DATE");
    due_cmd->add_flag("--all", due_args.all, "every clock: also met, met late, missed,\nclosed and lapsed");
    due_cmd->add_option("--child", due_args.child, "one child's clocks (case reference)")->type_name("ID");
    due_cmd->add_option("--local-authority", due_args.local_authority, "one council's clocks")->type_name("CODE");
    due_cmd->add_option("--standard", due_args.standard, "one standard's clocks\n(see 'waymark standards')")
        ->type_name("ID");
    add_format(due_cmd, format_opt);
    due_cmd->footer(
        "CSV columns: local_authority,child_id,standard,starts_on,due_on,status,\n"
        "stopped_on,days_late, ordered by due_on, child_id, standard. Statuses: met,\n"
        "met_late, missed, closed, overdue, due_soon (due within the warning window,\n"
        "14 days unless the standards file says otherwise) and open." +
        kGlobal);

    cli::StatusArgs status_args;
    auto* status_cmd = app.add_subcommand("status", "List every child and their journey stage, as of a date");
    status_cmd->add_option("--as-of", as_of_opt, "the date (default today)")->type_name("DATE");
    status_cmd->add_option("--child", status_args.child, "one child (case reference)")->type_name("ID");
    status_cmd->add_option("--local-authority", status_args.local_authority, "one council's children")
        ->type_name("CODE");
    add_format(status_cmd, format_opt);
    status_cmd->footer(
        "CSV columns: local_authority,child_id,stage,stage_since,days_in_stage,\n"
        "looked_after_since,placement,overdue,next_due_on,next_standard. Stages:\n"
        "pre_birth, awaiting_adoption, permanent, not_looked_after, away_assessment,\n"
        "returning_home, legal, panel, permanence_planning, at_home." +
        kGlobal);

    cli::ChronologyArgs chron_args;
    auto* chron_cmd = app.add_subcommand("chronology", "Print a child's chronology and clocks");
    chron_cmd->add_option("child", chron_args.child, "the child's case reference")->required()->type_name("ID");
    chron_cmd->add_option("--as-of", as_of_opt, "the date (default today)")->type_name("DATE");
    chron_cmd
        ->add_option("--local-authority", chron_args.local_authority,
                     "the council, where two share the case\nreference")
        ->type_name("CODE");
    add_format(chron_cmd, format_opt);
    chron_cmd->footer(
        "The chronology lists occurred events to the as-of date, then planned and\n"
        "cancelled ones; the clocks follow with each standard's basis." +
        kGlobal);

    cli::TimelineArgs timeline_args;
    std::string from_opt;
    std::string to_opt;
    auto* timeline_cmd = app.add_subcommand("timeline", "Draw a child's journey on one page (PDF, SVG, PNG)");
    timeline_cmd->add_option("child", timeline_args.child, "the child's case reference")->type_name("ID");
    timeline_cmd->add_flag("--all", timeline_args.all,
                           "every child of the council, one file each\ninto the --out folder");
    timeline_cmd
        ->add_option("--local-authority", timeline_args.local_authority,
                     "the council (with --all, unless the database\nholds one; or where two share the case\nreference)")
        ->type_name("CODE");
    timeline_cmd->add_option("--as-of", as_of_opt, "the date (default today)")->type_name("DATE");
    timeline_cmd
        ->add_option("--out", timeline_args.out,
                     "FILE.pdf, .svg, .png or .txt (the scene as\ntext); - for standard output; with --all,\na folder")
        ->required()
        ->type_name("PATH");
    timeline_cmd->add_option("--format", timeline_args.format, "with --all or --out -: pdf (default),\nsvg, png or txt")
        ->type_name("FORMAT")
        ->check(CLI::IsMember({"pdf", "svg", "png", "txt"}));
    timeline_cmd->add_option("--paper", timeline_args.paper, "a4 (default) or a3, landscape")
        ->type_name("SIZE")
        ->check(CLI::IsMember({"a4", "a3"}));
    timeline_cmd->add_option("--from", from_opt, "start the time axis here (default: birth\nor the pre-birth concern)")
        ->type_name("DATE");
    timeline_cmd
        ->add_option("--to", to_opt, "end the time axis here (default: the as-of\ndate or the last planned event)")
        ->type_name("DATE");
    timeline_cmd->add_flag("--no-names", timeline_args.no_names,
                           "the case reference and age instead of\nnames and date of birth (panels, training)");
    timeline_cmd
        ->add_option("--gap-weeks", timeline_args.gap_weeks,
                     "mark waits between decisions longer than\nthis (default 12)")
        ->type_name("WEEKS");
    timeline_cmd->footer(
        "One landscape page: the journey against the child's age, the legal status as a\n"
        "band, milestones numbered as in the chronology below, waits between decisions\n"
        "longer than --gap-weeks, and timescales missed or overdue. Marked\n"
        "OFFICIAL-SENSITIVE. Every timeline drawn is written to the audit log." +
        kGlobal);

    cli::MeasuresArgs measures_args;
    auto* measures_cmd = app.add_subcommand("measures", "List the measures of the system (the catalogue)");
    measures_cmd->add_flag("--print-defaults", measures_args.print_defaults,
                           "print the built-in measures file to copy\nand edit");
    add_format(measures_cmd, format_opt);
    measures_cmd->footer(
        "A council's own measures: waymark measures --print-defaults > mine.toml, edit\n"
        "it, then use --measures mine.toml (or measures = \"mine.toml\" in the config\n"
        "file)." +
        kGlobal);

    cli::MeasureArgs measure_args;
    std::string measure_from;
    std::string measure_to;
    auto* measure_cmd = app.add_subcommand("measure", "Print a measure's series by month or quarter");
    measure_cmd->add_option("id", measure_args.id, "the measure (see 'waymark measures'), or all")
        ->required()
        ->type_name("ID");
    measure_cmd->add_option("--from", measure_from, "first period: the one holding this date\n(default 24 months back)")
        ->type_name("DATE");
    measure_cmd->add_option("--to", measure_to, "last period: the one holding this date\n(default the as-of date)")
        ->type_name("DATE");
    measure_cmd->add_option("--as-of", as_of_opt, "read the record as of this date (default\ntoday)")
        ->type_name("DATE");
    measure_cmd->add_option("--period", measure_args.period, "month (default) or quarter")
        ->type_name("PERIOD")
        ->check(CLI::IsMember({"month", "quarter"}));
    measure_cmd
        ->add_option("--by", measure_args.by,
                     "all (default: every council together),\ncouncil, or team (each team of\n--local-authority, and "
                     "not allocated)")
        ->type_name("GROUP")
        ->check(CLI::IsMember({"all", "council", "team"}));
    measure_cmd->add_option("--local-authority", measure_args.local_authority, "one council only")->type_name("CODE");
    measure_cmd
        ->add_option("--team", measure_args.team,
                     "only the children allocated to a worker of\nthis team of --local-authority")
        ->type_name("NAME");
    add_format(measure_cmd, format_opt);
    measure_cmd->footer(
        "Aggregates only: counts from 1 to 4 are shown as [c], with others where the\n"
        "whole less the shown parts would give one away (docs/measures.md), and values\n"
        "that would reveal them are left out. For waits (days from one event to another) the value\n"
        "is the median of the waits that ended in the period; the waits that began in\n"
        "it also give a Kaplan-Meier median with its 95% interval, counting the children\n"
        "still waiting. CSV columns: measure,group,series,period,period_start,period_end,\n"
        "numerator,denominator,value,completed,median_completed,cohort,cohort_events,\n"
        "km_median,km_lower,km_upper,partial. A child's team is its allocated social\n"
        "worker's team as allocated now (there is no allocation history)." +
        kGlobal);

    cli::StandardsArgs standards_args;
    auto* standards_cmd = app.add_subcommand("standards", "List the standards in force: limit, basis, source");
    standards_cmd->add_flag("--all", standards_args.all, "include standards that are switched off");
    standards_cmd->add_flag("--print-defaults", standards_args.print_defaults,
                            "print the built-in standards file to copy\nand edit");
    add_format(standards_cmd, format_opt);
    standards_cmd->footer(
        "A council's own standards: waymark standards --print-defaults > mine.toml,\n"
        "edit it, then use --standards mine.toml (or standards = \"mine.toml\" in the\n"
        "config file)." +
        kGlobal);

    cli::SynthArgs synth_args;
    auto* synth_cmd = app.add_subcommand("synth", "Write realistic synthetic children.csv and events.csv");
    synth_cmd->add_option("--children", synth_args.children, "how many children")
        ->required()
        ->check(CLI::Range(1, 2000000));
    synth_cmd
        ->add_option("--seed", synth_args.seed, "random seed: the same seed and --as-of\ngive byte-identical files")
        ->required();
    synth_cmd->add_option("--local-authority", synth_args.local_authority, "council code (default S12000049)")
        ->type_name("CODE");
    synth_cmd->add_option("--as-of", as_of_opt, "histories end on this date (default today)")->type_name("DATE");
    synth_cmd->add_option("--out", synth_args.out_dir, "folder to write into")->required()->type_name("DIR");
    synth_cmd->footer(std::string("Only synthetic data belongs in tests and examples.") + kGlobal);

    // CLI11 would read "-1" into a std::size_t as a huge number.
    const CLI::Validator whole_number(
        [](std::string& text) -> std::string {
            if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) {
                return "expected a whole number, not '" + text + "'";
            }
            return {};
        },
        "");
    cli::SpcArgs spc_args;
    ScreenedFlags spc_flags;
    auto* spc_cmd = app.add_subcommand("spc", "Run chart or control chart of a CSV file: limits and signals");
    spc_cmd
        ->add_option("--chart", spc_args.chart,
                     "run, i, mr, c, u, p, pp (P'), up (U'), xbar, s,\nor mdc (Making Data Count XmR)")
        ->required()
        ->type_name("TYPE")
        ->check(CLI::IsMember({"run", "i", "mr", "c", "u", "p", "pp", "up", "xbar", "s", "mdc"}));
    spc_cmd->add_option("--input", spc_args.input, "the data: CSV with x, y and, for p, u, pp\nand up charts, n")
        ->required()
        ->type_name("FILE");
    spc_cmd->add_option("--part-column", spc_args.part_column, "a column of part labels: a new part at\neach new label")
        ->type_name("NAME");
    spc_cmd->add_option("--facet-column", spc_args.facet_column, "a column naming separate series: one\nchart each")
        ->type_name("NAME");
    spc_cmd->add_option("--multiply", spc_args.multiply, "multiply y: 100 for percentages")->type_name("M");
    spc_cmd->add_option("--agg", spc_args.agg, "rows with one x and no n: mean (default),\nmedian or sum")
        ->type_name("FUN")
        ->check(CLI::IsMember({"mean", "median", "sum"}));
    add_chart_options(spc_cmd, spc_args, spc_flags, format_opt, whole_number);
    spc_cmd->footer(
        "Input: a header row, then x (dates YYYY-MM-DD or numbers), y and, where the\n"
        "chart has a denominator, n. Rows with the same x form one subgroup (one point).\n"
        "An empty or NA y or n is a missing value. --freeze, --part and --exclude count\n"
        "points (subgroups in x order) from 1, as qicharts2 does.\n"
        "JSON: {\"chart\", ..., \"points\": [...], \"parts\": [...]}; for mdc \"groups\" and\n"
        "\"icons\" instead of \"parts\". With --facet-column: {\"chart\", ..., \"facets\":\n"
        "[{\"facet\", \"points\", \"parts\" or \"groups\", \"icons\"}]}, in facet name order.\n"
        "CSV: one row per point, the JSON point fields (facet first). Numbers carry 15\n"
        "significant digits; missing values are null (JSON) or empty (CSV). The fields\n"
        "and rules are described in docs/spc.md.\n"
        "With --out the chart is drawn (SVG, PNG, PDF: one A4 landscape page) or\n"
        "written as an Excel workbook, and nothing is printed; one series only." +
        kGlobal);

    cli::ChartArgs chart_args;
    ScreenedFlags chart_flags;
    std::string chart_from;
    std::string chart_to;
    auto* chart_cmd = app.add_subcommand("chart", "Run chart or control chart of a measure, with its tests of change");
    chart_cmd->add_option("measure", chart_args.measure.id, "the measure (see 'waymark measures')")
        ->required()
        ->type_name("ID");
    chart_cmd
        ->add_option("--chart", chart_args.spc.chart,
                     "run (default), i, mr, c, p, pp (P'), or mdc;\np and pp take the counts of % measures")
        ->type_name("TYPE")
        ->check(CLI::IsMember({"run", "i", "mr", "c", "p", "pp", "mdc"}));
    chart_cmd->add_option("--from", chart_from, "first period: the one holding this date\n(default 24 months back)")
        ->type_name("DATE");
    chart_cmd->add_option("--to", chart_to, "last period: the one holding this date\n(default the as-of date)")
        ->type_name("DATE");
    chart_cmd->add_option("--as-of", as_of_opt, "read the record as of this date (default\ntoday)")->type_name("DATE");
    chart_cmd->add_option("--period", chart_args.measure.period, "month (default) or quarter")
        ->type_name("PERIOD")
        ->check(CLI::IsMember({"month", "quarter"}));
    chart_cmd->add_option("--local-authority", chart_args.measure.local_authority, "one council only")
        ->type_name("CODE");
    chart_cmd
        ->add_option("--team", chart_args.measure.team,
                     "only the children allocated to a worker of\nthis team of --local-authority")
        ->type_name("NAME");
    chart_cmd->add_option("--series", chart_args.series, "a split series (e.g. po for days-adm-to-\nlodging)")
        ->type_name("NAME");
    add_chart_options(chart_cmd, chart_args.spc, chart_flags, format_opt, whole_number);
    chart_cmd->footer(
        "The measure's series (as 'waymark measure' computes it, the counts it hides\n"
        "missing) charted with the rules of 'waymark spc'; the tests of\n"
        "change linked to the measure are marked at their start dates. The options\n"
        "after --local-authority are those of 'waymark spc' (docs/spc.md)." +
        kGlobal);

    // Tests of change (docs/tests-of-change.md).
    std::string start_opt;
    std::string plan_date_opt;
    std::string do_date_opt;
    std::string study_date_opt;
    std::string act_date_opt;
    auto* pdsa_cmd = app.add_subcommand("pdsa", "Tests of change: PDSA cycles and decisions");
    pdsa_cmd->require_subcommand(1);
    pdsa_cmd->footer(
        "A test of change tries one change on a small scale in Plan-Do-Study-Act cycles,\n"
        "then is adopted, adapted or abandoned. 'waymark pdsa COMMAND --help' shows its\n"
        "options; docs/tests-of-change.md describes the record and the CSV files." +
        kGlobal);

    cli::PdsaAddArgs pdsa_add;
    auto* pdsa_add_cmd = pdsa_cmd->add_subcommand("add", "Record a new test of change");
    pdsa_add_cmd->add_option("--local-authority", pdsa_add.local_authority, "the council")
        ->required()
        ->type_name("CODE");
    pdsa_add_cmd->add_option("--reference", pdsa_add.reference, "its reference, e.g. PACE-1 (default: the\nnext TOC-n)")
        ->type_name("REF");
    pdsa_add_cmd->add_option("--title", pdsa_add.title, "a short name")->required()->type_name("TEXT");
    pdsa_add_cmd->add_option("--aim", pdsa_add.aim, "what the test is trying to accomplish")
        ->required()
        ->type_name("TEXT");
    pdsa_add_cmd->add_option("--change-idea", pdsa_add.change_idea, "the change being tested")
        ->required()
        ->type_name("TEXT");
    pdsa_add_cmd->add_option("--agency", pdsa_add.agency, "the agency running it (social_work, legal,\nscra, ...)")
        ->type_name("AGENCY");
    pdsa_add_cmd->add_option("--rationale", pdsa_add.rationale, "why this change should help")->type_name("TEXT");
    pdsa_add_cmd->add_option("--prediction", pdsa_add.prediction, "what the team expects to happen")->type_name("TEXT");
    pdsa_add_cmd
        ->add_option("--measure", pdsa_add.measures, "a measure it should move (repeatable),\ne.g. first-lar-on-time")
        ->type_name("ID");
    pdsa_add_cmd->add_option("--start", start_opt, "the day the test starts")->required()->type_name("DATE");
    pdsa_add_cmd->footer(kGlobal.substr(2));

    cli::PdsaListArgs pdsa_list;
    auto* pdsa_list_cmd = pdsa_cmd->add_subcommand("list", "List tests of change");
    pdsa_list_cmd->add_option("--local-authority", pdsa_list.local_authority, "one council's tests")->type_name("CODE");
    pdsa_list_cmd->add_option("--measure", pdsa_list.measure, "only tests linked to this measure")->type_name("ID");
    add_format(pdsa_list_cmd, format_opt);
    pdsa_list_cmd->footer(
        "CSV columns: local_authority,reference,title,start_date,measures,cycles,\n"
        "decision,decision_date, ordered by council, start date and the order stored." +
        kGlobal);

    cli::PdsaShowArgs pdsa_show;
    auto* pdsa_show_cmd = pdsa_cmd->add_subcommand("show", "Show a test of change with its cycles");
    pdsa_show_cmd->add_option("reference", pdsa_show.reference, "the test's reference")->required()->type_name("REF");
    pdsa_show_cmd
        ->add_option("--local-authority", pdsa_show.local_authority, "the council, where two use the\nreference")
        ->type_name("CODE");
    pdsa_show_cmd->add_option("--format", format_opt, "table (for people) or json")
        ->type_name("FORMAT")
        ->check(CLI::IsMember({"table", "json"}));
    pdsa_show_cmd->footer(kGlobal.substr(2));

    cli::PdsaCycleArgs pdsa_cycle;
    int cycle_number = 0;
    std::string plan_opt;
    std::string do_opt;
    std::string study_opt;
    std::string act_opt;
    auto* pdsa_cycle_cmd = pdsa_cmd->add_subcommand("cycle", "Record a PDSA cycle, or fill one in");
    pdsa_cycle_cmd->add_option("reference", pdsa_cycle.reference, "the test's reference")->required()->type_name("REF");
    pdsa_cycle_cmd
        ->add_option("--local-authority", pdsa_cycle.local_authority, "the council, where two use the\nreference")
        ->type_name("CODE");
    auto* number_opt = pdsa_cycle_cmd->add_option("--number", cycle_number, "fill in or correct this stored cycle")
                           ->check(CLI::PositiveNumber)
                           ->type_name("N");
    auto* plan_flag =
        pdsa_cycle_cmd->add_option("--plan", plan_opt, "what will be tried, by whom, and what is\npredicted")
            ->type_name("TEXT");
    pdsa_cycle_cmd->add_option("--plan-date", plan_date_opt, "when it was planned")->type_name("DATE");
    auto* do_flag = pdsa_cycle_cmd->add_option("--do", do_opt, "what was done")->type_name("TEXT");
    pdsa_cycle_cmd->add_option("--do-date", do_date_opt, "when")->type_name("DATE");
    auto* study_flag = pdsa_cycle_cmd->add_option("--study", study_opt, "what the data showed against the\nprediction")
                           ->type_name("TEXT");
    pdsa_cycle_cmd->add_option("--study-date", study_date_opt, "when")->type_name("DATE");
    auto* act_flag = pdsa_cycle_cmd->add_option("--act", act_opt, "what happens next")->type_name("TEXT");
    pdsa_cycle_cmd->add_option("--act-date", act_date_opt, "when")->type_name("DATE");
    pdsa_cycle_cmd->footer(
        "Without --number, a new cycle numbered after the last (it needs --plan). With\n"
        "--number N, the stages given replace those of cycle N, so a cycle is filled in\n"
        "as it runs. The stages come in order: do after plan, study after do, act after\n"
        "study, and their dates do not go backwards." +
        kGlobal);

    cli::PdsaDecideArgs pdsa_decide;
    std::string decision_on_opt;
    auto* pdsa_decide_cmd = pdsa_cmd->add_subcommand("decide", "Adopt, adapt or abandon a test of change");
    pdsa_decide_cmd->add_option("reference", pdsa_decide.reference, "the test's reference")
        ->required()
        ->type_name("REF");
    pdsa_decide_cmd->add_option("decision", pdsa_decide.decision, "adopt, adapt or abandon")
        ->required()
        ->type_name("DECISION")
        ->check(CLI::IsMember({"adopt", "adapt", "abandon"}));
    pdsa_decide_cmd->add_option("--reason", pdsa_decide.reason, "why")->required()->type_name("TEXT");
    pdsa_decide_cmd->add_option("--on", decision_on_opt, "the day it was decided (default today)")->type_name("DATE");
    pdsa_decide_cmd->add_flag("--revise", pdsa_decide.revise, "change a decision already recorded");
    pdsa_decide_cmd
        ->add_option("--local-authority", pdsa_decide.local_authority, "the council, where two use the\nreference")
        ->type_name("CODE");
    pdsa_decide_cmd->footer(kGlobal.substr(2));

    cli::PdsaImportArgs pdsa_import;
    auto* pdsa_import_cmd = pdsa_cmd->add_subcommand("import", "Load tests of change and cycles: all rows or none");
    pdsa_import_cmd->add_option("file", pdsa_import.tests, "tests of change (CSV)")->type_name("FILE");
    pdsa_import_cmd->add_option("--cycles", pdsa_import.cycles, "PDSA cycles (CSV)")->type_name("FILE");
    pdsa_import_cmd->add_flag("--revise", pdsa_import.revise, "let rows change decisions already recorded");
    pdsa_import_cmd->add_flag("--ignore-unknown-columns", pdsa_import.ignore_unknown_columns,
                              "skip columns Waymark does not read");
    pdsa_import_cmd->footer(
        "The formats are those pdsa export writes (docs/tests-of-change.md). A test\n"
        "already stored is updated from its row; a cycle already stored is replaced. If\n"
        "any row is bad, nothing is stored and the first 20 problems are listed with\n"
        "file, line, column and field." +
        kGlobal);

    cli::PdsaExportArgs pdsa_export;
    auto* pdsa_export_cmd = pdsa_cmd->add_subcommand("export", "Write tests of change and cycles as CSV");
    pdsa_export_cmd
        ->add_option("--out", pdsa_export.out_dir,
                     "a folder for tests_of_change.csv and\npdsa_cycles.csv (default: standard\noutput)")
        ->type_name("DIR");
    pdsa_export_cmd->add_flag("--cycles", pdsa_export.cycles, "to standard output: the cycles, not the tests");
    pdsa_export_cmd->add_option("--local-authority", pdsa_export.local_authority, "one council's tests")
        ->type_name("CODE");
    pdsa_export_cmd->footer(std::string("What is exported imports again unchanged (pdsa import).") + kGlobal);

    // Driver diagrams.
    auto* driver_cmd = app.add_subcommand("driver", "Driver diagrams: aim, drivers, change ideas");
    driver_cmd->require_subcommand(1);
    driver_cmd->footer(
        "A driver diagram links an aim, through primary and secondary drivers, to change\n"
        "ideas and the tests of change that try them (docs/tests-of-change.md)." +
        kGlobal);
    cli::DriverImportArgs driver_import;
    auto* driver_import_cmd = driver_cmd->add_subcommand("import", "Load a driver diagram from a TOML file");
    driver_import_cmd->add_option("file", driver_import.file, "the diagram (TOML)")->required()->type_name("FILE");
    driver_import_cmd->footer(
        "A diagram with the file's reference and council replaces the one stored. Its\n"
        "change ideas name tests of change already stored." +
        kGlobal);
    cli::DriverListArgs driver_list;
    auto* driver_list_cmd = driver_cmd->add_subcommand("list", "List driver diagrams");
    driver_list_cmd->add_option("--local-authority", driver_list.local_authority, "one council's diagrams")
        ->type_name("CODE");
    add_format(driver_list_cmd, format_opt);
    driver_list_cmd->footer(kGlobal.substr(2));
    cli::DriverShowArgs driver_show;
    auto* driver_show_cmd = driver_cmd->add_subcommand("show", "Show a driver diagram as an outline or draw it");
    driver_show_cmd->add_option("reference", driver_show.reference, "the diagram's reference")
        ->required()
        ->type_name("REF");
    driver_show_cmd
        ->add_option("--local-authority", driver_show.local_authority, "the council, where two use the\nreference")
        ->type_name("CODE");
    driver_show_cmd
        ->add_option("--out", driver_show.out,
                     "draw it: FILE.pdf, .svg, .png or .txt (the\nscene as text); - for standard output")
        ->type_name("PATH");
    driver_show_cmd->add_option("--format", driver_show.format, "with --out -: pdf (default), svg, png or\ntxt")
        ->type_name("FORMAT")
        ->check(CLI::IsMember({"pdf", "svg", "png", "txt"}));
    driver_show_cmd->footer(
        "Without --out, an outline with each change idea's tests of change and how they\n"
        "stand. Drawn: one landscape A4 page, the aim, primary drivers, secondary drivers\n"
        "and change ideas in columns." +
        kGlobal);

    cli::ServeArgs serve_args;
    serve_args.assets_dir = WAYMARK_ASSETS_DIR;
    auto* serve_cmd = app.add_subcommand("serve", "Run the web application and the JSON API");
    serve_cmd
        ->add_option("--listen", serve_args.listen,
                     "ADDRESS:PORT to listen on (default\n127.0.0.1:8080; port 0: any free port)")
        ->type_name("ADDR:PORT");
    serve_cmd->add_option("--threads", serve_args.threads, "threads serving requests (default 2)")->type_name("N");
    serve_cmd
        ->add_option("--max-connections", serve_args.max_connections,
                     "connections open at once (default 4096);\nbeyond it a new one is answered 503")
        ->type_name("N");
    serve_cmd
        ->add_option("--report-threads", serve_args.report_threads,
                     "threads working out measure reports, apart\nfrom the others (default 2)")
        ->type_name("N");
    serve_cmd
        ->add_option("--report-timeout", serve_args.report_timeout,
                     "seconds a measure report may take before\nit is stopped with 503 (default 20)")
        ->type_name("SECONDS");
    serve_cmd
        ->add_option("--assets", serve_args.assets_dir,
                     "the design system's dist folder (default:\nnode_modules from the build)")
        ->type_name("DIR");
    serve_cmd
        ->add_option("--trusted-proxy", serve_args.trusted_proxy,
                     "the address of a reverse proxy whose\nX-Forwarded-For gives the client's address")
        ->type_name("ADDR");
    serve_cmd
        ->add_option("--tls-cert", serve_args.tls_cert,
                     "serve HTTPS only, with this certificate\n(chain, PEM); needs --tls-key")
        ->type_name("FILE");
    serve_cmd->add_option("--tls-key", serve_args.tls_key, "the certificate's private key (PEM,\nunencrypted)")
        ->type_name("FILE");
    serve_cmd->footer(
        "Pages and the API need users: waymark user add. The as-of date of every page\n"
        "is today (--today pins it). The access log (method, route, status, time; never\n"
        "a child's id) goes to standard error. SIGTERM or Ctrl-C stops it gracefully:\n"
        "requests in progress finish. With --tls-cert and --tls-key it speaks HTTPS only\n"
        "(TLS 1.2 and 1.3); else put it behind a proxy that terminates TLS. See\n"
        "docs/web.md." +
        kGlobal);

    cli::UserAddArgs user_args;
    auto* user_cmd = app.add_subcommand("user", "Manage the web application's users");
    user_cmd->require_subcommand(1);
    auto* user_add_cmd = user_cmd->add_subcommand("add", "Add a user (the password is read from standard input)");
    user_add_cmd->add_option("name", user_args.name, "the user name they sign in with")->required()->type_name("NAME");
    user_add_cmd
        ->add_option("--role", user_args.role,
                     "social_worker, team_manager,\nreviewing_officer, legal,\nimprovement_advisor, "
                     "administrator or\nnational_analyst")
        ->required()
        ->type_name("ROLE");
    user_add_cmd->add_option("--local-authority", user_args.local_authority, "the user's council")
        ->required()
        ->type_name("CODE");
    user_add_cmd->add_option("--team", user_args.team, "the user's team")->type_name("TEAM");
    user_add_cmd
        ->add_option("--display-name", user_args.display_name,
                     "the name people know them by (\"Alex\nMorgan\"), shown instead of the user name")
        ->type_name("TEXT");
    user_add_cmd->add_flag("--password-stdin", user_args.password_stdin,
                           "read the password (12 characters or\nmore) from the first line of standard input");
    user_add_cmd->add_flag("--must-change", user_args.must_change,
                           "a one-time password: the user must change\nit at first sign-in, within 7 days");
    user_add_cmd->footer("Passwords are stored as Argon2id hashes." + kGlobal);
    cli::UserPasswdArgs passwd_args;
    auto* user_passwd_cmd =
        user_cmd->add_subcommand("passwd", "Set a user's password (read from standard input); their sessions end");
    user_passwd_cmd->add_option("name", passwd_args.name, "the user")->required()->type_name("NAME");
    user_passwd_cmd->add_flag("--password-stdin", passwd_args.password_stdin,
                              "read the password (12 characters or\nmore) from the first line of standard input");
    user_passwd_cmd->add_flag("--must-change", passwd_args.must_change,
                              "a one-time password: the user must change\nit at first sign-in, within 7 days");
    user_passwd_cmd->footer(
        "For the operator: recovering the first administrator, or any user. Any sign-in\n"
        "delay is cleared and their API tokens are revoked; the change is audited\n"
        "(set_password). Administrators reset their council's users' passwords on\n"
        "/admin/users." +
        kGlobal);
    std::string approve_name;
    auto* user_approve_cmd = user_cmd->add_subcommand(
        "approve", "Approve a user an administrator added, or whose password they reset, on /admin/users");
    user_approve_cmd->add_option("name", approve_name, "the user")->required()->type_name("NAME");
    user_approve_cmd->footer(
        "For a council with one administrator: a user who sees named children, or an\n"
        "administrator, added or reset on /admin/users cannot sign in until a second\n"
        "administrator approves, or the operator here. Audited (approve_user)." +
        kGlobal);

    std::string display_user;
    std::string display_text;
    auto* user_display_cmd = user_cmd->add_subcommand(
        "display-name", "Set the name a user is shown by (\"Alex Morgan\"); an empty TEXT clears it");
    user_display_cmd->add_option("name", display_user, "the user")->required()->type_name("NAME");
    user_display_cmd->add_option("text", display_text, "the display name (\"\" for none)")
        ->required()
        ->type_name("TEXT");
    user_display_cmd->footer(
        "Shown in the web application's header and lists of staff instead of the user\n"
        "name. Administrators set it on /admin/users. Audited (change_user)." +
        kGlobal);

    cli::TeamAddArgs team_add;
    cli::TeamListArgs team_list;
    auto* team_cmd = app.add_subcommand("team", "Manage a council's teams");
    team_cmd->require_subcommand(1);
    auto* team_add_cmd = team_cmd->add_subcommand("add", "Add a team to a council");
    team_add_cmd->add_option("name", team_add.name, "the team's name")->required()->type_name("NAME");
    team_add_cmd->add_option("--local-authority", team_add.local_authority, "the team's council")
        ->required()
        ->type_name("CODE");
    team_add_cmd->footer("Users join a team with waymark user add --team NAME." + kGlobal);
    auto* team_list_cmd = team_cmd->add_subcommand("list", "List teams");
    team_list_cmd->add_option("--local-authority", team_list.local_authority, "one council's teams")->type_name("CODE");
    add_format(team_list_cmd, format_opt);
    team_list_cmd->footer(kGlobal.substr(2));

    cli::AllocateArgs allocate_args;
    auto* allocate_cmd = app.add_subcommand("allocate", "Allocate a child to a worker (or many, from a CSV file)");
    allocate_cmd->add_option("child", allocate_args.child, "the child's id")->type_name("CHILD");
    allocate_cmd->add_option("--local-authority", allocate_args.local_authority, "the child's council")
        ->type_name("CODE");
    allocate_cmd->add_option("--worker", allocate_args.worker, "the allocated social worker (or team manager)")
        ->type_name("NAME");
    allocate_cmd->add_option("--reviewing-officer", allocate_args.reviewing_officer, "the reviewing officer")
        ->type_name("NAME");
    allocate_cmd->add_option("--legal", allocate_args.legal, "the legal worker")->type_name("NAME");
    allocate_cmd
        ->add_option("--from", allocate_args.from,
                     "allocations.csv: child_id, local_authority,\nworker, reviewing_officer, legal")
        ->type_name("FILE");
    allocate_cmd->footer(
        "Names are user names (waymark user add) of the child's council: the worker a\n"
        "social worker or team manager, the others a reviewing officer and a legal user.\n"
        "Names not given stay as they are; \"\" takes one off. With --from, every row is\n"
        "checked first and nothing is stored if any is wrong. Each change is audited." +
        kGlobal);

    cli::AllocationsListArgs allocations_list;
    auto* allocations_cmd = app.add_subcommand("allocations", "Read a council's allocations");
    allocations_cmd->require_subcommand(1);
    auto* allocations_list_cmd = allocations_cmd->add_subcommand(
        "list", "List who is allocated to each child: worker, reviewing officer, legal");
    allocations_list_cmd->add_option("--local-authority", allocations_list.local_authority, "the council")
        ->required()
        ->type_name("CODE");
    allocations_list_cmd
        ->add_option("--team", allocations_list.team, "only the children whose allocated worker\nis of this team")
        ->type_name("TEAM");
    allocations_list_cmd
        ->add_option("--worker", allocations_list.worker, "only the rows naming this user (in any\nrole)")
        ->type_name("NAME");
    add_format(allocations_list_cmd, format_opt);
    allocations_list_cmd->footer(
        "Columns: child_id, role (worker, reviewing_officer, legal), worker (the user\n"
        "named), team (that user's team), since (when the child's allocation was last\n"
        "set, UTC). One row for each person named for each child, by child." +
        kGlobal);

    cli::RestrictionLiftArgs restriction_lift;
    cli::RestrictionListArgs restriction_list;
    auto* restriction_cmd = app.add_subcommand("restriction", "Restricted records: lift one, or list them");
    restriction_cmd->require_subcommand(1);
    auto* restriction_lift_cmd =
        restriction_cmd->add_subcommand("lift", "Lift a child's restriction: an administrator's decision, audited");
    restriction_lift_cmd->add_option("child", restriction_lift.child, "the child's id")->required()->type_name("CHILD");
    restriction_lift_cmd->add_option("--local-authority", restriction_lift.local_authority, "the child's council")
        ->required()
        ->type_name("CODE");
    restriction_lift_cmd->add_option("--reason", restriction_lift.reason, "why the record need not be restricted")
        ->required()
        ->type_name("TEXT");
    restriction_lift_cmd
        ->add_option("--by", restriction_lift.by, "the administrator of the council whose\ndecision it is")
        ->required()
        ->type_name("NAME");
    restriction_lift_cmd->footer(
        "A child is restricted once an adoption plan starts (docs/web.md \"Restricted\n"
        "records\") and stays so until lifted. The lift is recorded with its reason and\n"
        "audited (lift_restriction); a new restricting event restricts the child again." +
        kGlobal);
    auto* restriction_list_cmd =
        restriction_cmd->add_subcommand("list", "List a council's restricted records, by case reference");
    restriction_list_cmd->add_option("--local-authority", restriction_list.local_authority, "the council")
        ->required()
        ->type_name("CODE");
    add_format(restriction_list_cmd, format_opt);
    restriction_list_cmd->footer(
        "Columns: child_id, state (restricted or lifted), event and event_date (what\n"
        "restricted the child), lifted_by and reason (the latest lift). No names." +
        kGlobal);

    cli::TokenCreateArgs token_create;
    cli::TokenListArgs token_list;
    std::int64_t token_revoke_id = 0;
    auto* token_cmd = app.add_subcommand("token", "Manage API tokens");
    token_cmd->require_subcommand(1);
    auto* token_create_cmd = token_cmd->add_subcommand("create", "Issue an API token for a user (printed last)");
    token_create_cmd->add_option("--user", token_create.user, "the user the token acts as")
        ->required()
        ->type_name("NAME");
    token_create_cmd->add_option("--expires", token_create.days, "days it works, 1 to 366 (default 90)")
        ->type_name("DAYS");
    token_create_cmd->footer(
        "Only the token's hash is stored: copy it now. A token ends when it expires, is\n"
        "revoked, or its user's password is changed or reset or access removed." +
        kGlobal);
    auto* token_list_cmd =
        token_cmd->add_subcommand("list", "List API tokens: id, user, created, expires, last used (never the token)");
    token_list_cmd->add_option("--user", token_list.user, "only this user's tokens")->type_name("NAME");
    token_list_cmd->footer("Revoke one with waymark token revoke ID." + kGlobal);
    auto* token_revoke_cmd = token_cmd->add_subcommand("revoke", "Revoke an API token at once (audited)");
    token_revoke_cmd->add_option("id", token_revoke_id, "the token's id (waymark token list)")
        ->required()
        ->type_name("ID");
    token_revoke_cmd->footer("Find a token's id with waymark token list." + kGlobal);

    cli::AuditListArgs audit_list;
    cli::AuditVerifyArgs audit_verify;
    auto* audit_cmd = app.add_subcommand("audit", "Check and read the audit log");
    audit_cmd->require_subcommand(1);
    auto* audit_verify_cmd =
        audit_cmd->add_subcommand("verify", "Check the audit log's hash chain; name the first broken row");
    audit_verify_cmd->add_flag("--full", audit_verify.full,
                               "check from the first row, and every checkpoint against its row (default: from the "
                               "latest checkpoint)");
    audit_verify_cmd
        ->add_option("--expect-head", audit_verify.expect_head,
                     "also check that this row, noted earlier from `audit head`, is still there with this hash")
        ->type_name("ID:HASH");
    audit_verify_cmd->footer(
        "When the chain is intact, records a checkpoint at its last row: the next check starts\n"
        "there. Rows changed before the latest checkpoint show only with --full.\n"
        "Exit code 4 when the chain is broken or the expected head is not there. Note the\n"
        "head line it prints somewhere else: removing the newest rows shows only against it." +
        kGlobal);
    auto* audit_head_cmd =
        audit_cmd->add_subcommand("head", "Print the audit log's newest row id and hash, to keep outside Waymark");
    audit_head_cmd->footer(
        "Prints `audit head ID HASH TIME`. Kept elsewhere (a ticket, a printed record, a SIEM),\n"
        "`audit verify --expect-head ID:HASH` later shows the newest rows removed or the log\n"
        "rewritten." +
        kGlobal);
    auto* audit_list_cmd = audit_cmd->add_subcommand("list", "List the audit log, newest first (tab-separated)");
    audit_list_cmd->add_option("--local-authority", audit_list.local_authority, "only this council's entries")
        ->type_name("CODE");
    audit_list_cmd->add_option("--actor", audit_list.actor, "only this user's entries")->type_name("NAME");
    audit_list_cmd->add_option("--action", audit_list.action, "only this action (e.g. view_chronology)")
        ->type_name("ACTION");
    audit_list_cmd->add_option("--child", audit_list.child, "only entries about this child id")->type_name("ID");
    audit_list_cmd->add_option("--from", audit_list.from, "entries on or after this day")->type_name("DATE");
    audit_list_cmd->add_option("--to", audit_list.to, "entries on or before this day")->type_name("DATE");
    audit_list_cmd->add_option("--limit", audit_list.limit, "at most this many (0: all; default 100)")->type_name("N");
    audit_list_cmd->footer("Columns: id, time (UTC), actor, action, council, child, origin, detail." + kGlobal);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e, std::cout, std::cerr);
        return rc == 0 ? 0 : 2;
    }

    try {
        const Date today = today_opt.empty() ? local_today() : parse_date_option(today_opt, "--today");
        Config config;
        std::string config_path = config_opt;
        if (config_path.empty()) {
            if (const char* env = std::getenv("WAYMARK_CONFIG"); env != nullptr && *env != '\0') config_path = env;
        }
        if (!config_path.empty()) config = read_config(config_path);
        std::string db = db_opt;
        if (db.empty()) {
            if (const char* env = std::getenv("WAYMARK_DB"); env != nullptr && *env != '\0') db = env;
        }
        if (db.empty()) db = config.db.value_or("waymark.db");
        std::optional<std::string> standards;
        if (!standards_opt.empty()) {
            standards = standards_opt;
        } else {
            standards = config.standards;
        }
        const Date as_of = as_of_opt.empty() ? today : parse_date_option(as_of_opt, "--as-of");
        const auto format = cli::parse_format(format_opt);
        const std::optional<std::string> measures = measures_opt.empty() ? config.measures : measures_opt;
        cli::DatabaseOpener open_database = [&open, db](const waymark::core::Vocabulary& vocabulary) {
            return open(db, vocabulary);
        };
        cli::Context ctx{db,
                         std::move(open_database),
                         standards,
                         today,
                         std::cout,
                         std::cerr,
                         {current_user(), utc_now(), "command line"},
                         measures,
                         static_cast<std::int64_t>(std::time(nullptr))};

        if (*import_cmd) return cli::cmd_import(ctx, import_args);
        if (*due_cmd) {
            due_args.as_of = as_of;
            due_args.format = format;
            return cli::cmd_due(ctx, due_args);
        }
        if (*status_cmd) {
            status_args.as_of = as_of;
            status_args.format = format;
            return cli::cmd_status(ctx, status_args);
        }
        if (*chron_cmd) {
            chron_args.as_of = as_of;
            chron_args.format = format;
            return cli::cmd_chronology(ctx, chron_args);
        }
        if (*timeline_cmd) {
            timeline_args.as_of = as_of;
            if (!from_opt.empty()) timeline_args.from = parse_date_option(from_opt, "--from");
            if (!to_opt.empty()) timeline_args.to = parse_date_option(to_opt, "--to");
            return cli::cmd_timeline(ctx, timeline_args);
        }
        if (*measures_cmd) {
            measures_args.format = format;
            return cli::cmd_measures(ctx, measures_args);
        }
        if (*measure_cmd) {
            measure_args.as_of = as_of;
            measure_args.format = format;
            if (!measure_from.empty()) measure_args.from = parse_date_option(measure_from, "--from");
            if (!measure_to.empty()) measure_args.to = parse_date_option(measure_to, "--to");
            return cli::cmd_measure(ctx, measure_args);
        }
        if (*standards_cmd) {
            standards_args.format = format;
            return cli::cmd_standards(ctx, standards_args);
        }
        if (*spc_cmd) {
            finish_chart_options(spc_cmd, spc_args, spc_flags, format);
            return cli::cmd_spc(ctx, spc_args);
        }
        if (*chart_cmd) {
            finish_chart_options(chart_cmd, chart_args.spc, chart_flags, format);
            chart_args.measure.as_of = as_of;
            if (!chart_from.empty()) chart_args.measure.from = parse_date_option(chart_from, "--from");
            if (!chart_to.empty()) chart_args.measure.to = parse_date_option(chart_to, "--to");
            return cli::cmd_chart(ctx, chart_args);
        }
        auto date_opt = [](const std::string& text, const char* option) {
            return text.empty() ? std::nullopt : std::optional<Date>(parse_date_option(text, option));
        };
        auto text_opt = [](const CLI::Option* given, const std::string& text) {
            return given->count() > 0 ? std::optional<std::string>(text) : std::nullopt;
        };
        if (*pdsa_add_cmd) {
            pdsa_add.start = parse_date_option(start_opt, "--start");
            return cli::cmd_pdsa_add(ctx, pdsa_add);
        }
        if (*pdsa_list_cmd) {
            pdsa_list.format = format;
            return cli::cmd_pdsa_list(ctx, pdsa_list);
        }
        if (*pdsa_show_cmd) {
            pdsa_show.format = format;
            return cli::cmd_pdsa_show(ctx, pdsa_show);
        }
        if (*pdsa_cycle_cmd) {
            auto& u = pdsa_cycle.update;
            if (number_opt->count() > 0) u.number = cycle_number;
            u.plan = text_opt(plan_flag, plan_opt);
            u.do_text = text_opt(do_flag, do_opt);
            u.study = text_opt(study_flag, study_opt);
            u.act = text_opt(act_flag, act_opt);
            u.plan_date = date_opt(plan_date_opt, "--plan-date");
            u.do_date = date_opt(do_date_opt, "--do-date");
            u.study_date = date_opt(study_date_opt, "--study-date");
            u.act_date = date_opt(act_date_opt, "--act-date");
            return cli::cmd_pdsa_cycle(ctx, pdsa_cycle);
        }
        if (*pdsa_decide_cmd) {
            pdsa_decide.on = date_opt(decision_on_opt, "--on");
            return cli::cmd_pdsa_decide(ctx, pdsa_decide);
        }
        if (*pdsa_import_cmd) return cli::cmd_pdsa_import(ctx, pdsa_import);
        if (*pdsa_export_cmd) return cli::cmd_pdsa_export(ctx, pdsa_export);
        if (*driver_import_cmd) return cli::cmd_driver_import(ctx, driver_import);
        if (*driver_list_cmd) {
            driver_list.format = format;
            return cli::cmd_driver_list(ctx, driver_list);
        }
        if (*driver_show_cmd) return cli::cmd_driver_show(ctx, driver_show);
        if (*serve_cmd) {
            if (!today_opt.empty()) serve_args.today = today;
            return cli::cmd_serve(ctx, serve_args);
        }
        if (*user_add_cmd) return cli::cmd_user_add(ctx, user_args, std::cin);
        if (*user_passwd_cmd) return cli::cmd_user_passwd(ctx, passwd_args, std::cin);
        if (*user_approve_cmd) return cli::cmd_user_approve(ctx, approve_name);
        if (*user_display_cmd) return cli::cmd_user_display_name(ctx, display_user, display_text);
        if (*token_create_cmd) return cli::cmd_token_create(ctx, token_create);
        if (*token_list_cmd) {
            token_list.format = format;
            return cli::cmd_token_list(ctx, token_list);
        }
        if (*token_revoke_cmd) return cli::cmd_token_revoke(ctx, token_revoke_id);
        if (*team_add_cmd) return cli::cmd_team_add(ctx, team_add);
        if (*team_list_cmd) {
            team_list.format = format;
            return cli::cmd_team_list(ctx, team_list);
        }
        if (*allocate_cmd) return cli::cmd_allocate(ctx, allocate_args);
        if (*allocations_list_cmd) {
            allocations_list.format = format;
            return cli::cmd_allocations_list(ctx, allocations_list);
        }
        if (*restriction_lift_cmd) return cli::cmd_restriction_lift(ctx, restriction_lift);
        if (*restriction_list_cmd) {
            restriction_list.format = format;
            return cli::cmd_restriction_list(ctx, restriction_list);
        }
        if (*audit_verify_cmd) return cli::cmd_audit_verify(ctx, audit_verify);
        if (*audit_head_cmd) return cli::cmd_audit_head(ctx);
        if (*audit_list_cmd) return cli::cmd_audit_list(ctx, audit_list);
        if (*synth_cmd) {
            synth_args.as_of = as_of;
            return cli::cmd_synth(ctx, synth_args);
        }
        return 2;
    } catch (const Error& e) {
        std::cout.flush();
        std::cerr << "waymark: " << e.what() << "\n";
        return waymark::core::exit_code(e.kind());
    } catch (const std::exception& e) {
        std::cout.flush();
        std::cerr << "waymark: internal error: " << e.what() << "\n";
        return 5;
    }
}
