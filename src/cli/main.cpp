// waymark: the command line. Parses arguments (the only file that includes CLI11), works out
// the database, the standards and "today", and hands over to one subcommand.
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
    try {
        t = toml::parse_file(path);
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

}  // namespace

int main(int argc, char** argv) {
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
    due_cmd->add_flag("--all", due_args.all, "every clock: also met, met late, missed\nand closed");
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
        "pre_birth, permanent, not_looked_after, away_assessment, returning_home, legal,\n"
        "panel, permanence_planning, at_home." +
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
                     "the council (needed with --all, or where\ntwo share the case reference)")
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
    measure_cmd->add_option("--by", measure_args.by, "all (default: every council together) or\ncouncil")
        ->type_name("GROUP")
        ->check(CLI::IsMember({"all", "council"}));
    measure_cmd->add_option("--local-authority", measure_args.local_authority, "one council only")->type_name("CODE");
    add_format(measure_cmd, format_opt);
    measure_cmd->footer(
        "Aggregates only: counts from 1 to 4 are shown as <5, and values that would\n"
        "reveal them are left out. For waits (days from one event to another) the value\n"
        "is the median of the waits that ended in the period; the waits that began in\n"
        "it also give a Kaplan-Meier median with its 95% interval, counting the children\n"
        "still waiting. CSV columns: measure,group,series,period,period_start,period_end,\n"
        "numerator,denominator,value,completed,median_completed,cohort,cohort_events,\n"
        "km_median,km_lower,km_upper,partial." +
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
    bool screened_mr = false;
    bool no_screened_mr = false;
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
    spc_cmd->add_option("--freeze", spc_args.freeze, "centre and limits from points 1 to N only")
        ->check(whole_number)
        ->type_name("N");
    spc_cmd->add_option("--part", spc_args.part, "a new part (own centre, limits and runs)\nafter each of these points")
        ->delimiter(',')
        ->check(whole_number)
        ->type_name("N,...");
    spc_cmd->add_option("--part-column", spc_args.part_column, "a column of part labels: a new part at\neach new label")
        ->type_name("NAME");
    spc_cmd->add_option("--facet-column", spc_args.facet_column, "a column naming separate series: one\nchart each")
        ->type_name("NAME");
    spc_cmd->add_option("--exclude", spc_args.exclude, "points left out of centre, limits and\nruns (still shown)")
        ->delimiter(',')
        ->check(whole_number)
        ->type_name("N,...");
    spc_cmd->add_option("--multiply", spc_args.multiply, "multiply y: 100 for percentages")->type_name("M");
    spc_cmd->add_option("--agg", spc_args.agg, "rows with one x and no n: mean (default),\nmedian or sum")
        ->type_name("FUN")
        ->check(CLI::IsMember({"mean", "median", "sum"}));
    spc_cmd->add_flag("--screened-mr", screened_mr,
                      "drop moving ranges of 3.267 x AMR or more\n(the default; i, pp, up, mdc)");
    spc_cmd->add_flag("--no-screened-mr", no_screened_mr, "keep every moving range");
    spc_cmd->add_option("--rules", spc_args.rules, "runs rules: anhoej (default) or ihi (run\ncharts)")
        ->type_name("RULES")
        ->check(CLI::IsMember({"anhoej", "ihi"}));
    spc_cmd->add_option("--rebase", spc_args.rebase, "mdc: new limits from each of these x on")
        ->delimiter(',')
        ->type_name("DATE,...");
    spc_cmd->add_option("--fix-after", spc_args.fix_after, "mdc: limits from each group's first N\npoints (12 or more)")
        ->check(whole_number)
        ->type_name("N");
    spc_cmd
        ->add_option("--improvement", spc_args.improvement,
                     "mdc: increase (default), decrease or\nneutral: which way is better")
        ->type_name("DIR")
        ->check(CLI::IsMember({"increase", "decrease", "neutral"}));
    spc_cmd->add_option("--target", spc_args.target, "mdc: the target, for the assurance icon")->type_name("T");
    add_format(spc_cmd, format_opt);
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
        "and rules are described in docs/spc.md." +
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
        ->add_option("--assets", serve_args.assets_dir,
                     "the design system's dist folder (default:\nnode_modules from the build)")
        ->type_name("DIR");
    serve_cmd
        ->add_option("--trusted-proxy", serve_args.trusted_proxy,
                     "the address of a reverse proxy whose\nX-Forwarded-For gives the client's address")
        ->type_name("ADDR");
    serve_cmd->footer(
        "Pages and the API need users: waymark user add. The as-of date of every page\n"
        "is today (--today pins it). The access log (method, route, status, time; never\n"
        "a child's id) goes to standard error. SIGTERM or Ctrl-C stops it gracefully:\n"
        "requests in progress finish. TLS is not built yet: put it behind a proxy that\n"
        "terminates TLS. See docs/web.md." +
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
    user_add_cmd->add_flag("--password-stdin", user_args.password_stdin,
                           "read the password (12 characters or\nmore) from the first line of standard input");
    user_add_cmd->footer("Passwords are stored as Argon2id hashes." + kGlobal);

    std::string token_user;
    auto* token_cmd = app.add_subcommand("token", "Manage API tokens");
    token_cmd->require_subcommand(1);
    auto* token_create_cmd = token_cmd->add_subcommand("create", "Issue an API token for a user (printed last)");
    token_create_cmd->add_option("--user", token_user, "the user the token acts as")->required()->type_name("NAME");
    token_create_cmd->footer("Only the token's hash is stored: copy it now." + kGlobal);

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
        cli::Context ctx{db,        standards,
                         today,     std::cout,
                         std::cerr, {current_user(), utc_now(), "command line"},
                         measures,  static_cast<std::int64_t>(std::time(nullptr))};

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
            spc_args.format = format;
            if (screened_mr && no_screened_mr) {
                throw Error(ErrorKind::usage, "--screened-mr and --no-screened-mr cannot be combined");
            }
            if (screened_mr) spc_args.screened_mr = true;
            if (no_screened_mr) spc_args.screened_mr = false;
            return cli::cmd_spc(ctx, spc_args);
        }
        if (*serve_cmd) {
            if (!today_opt.empty()) serve_args.today = today;
            return cli::cmd_serve(ctx, serve_args);
        }
        if (*user_add_cmd) return cli::cmd_user_add(ctx, user_args, std::cin);
        if (*token_create_cmd) return cli::cmd_token_create(ctx, token_user);
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
