// waymark: the command line. Parses arguments (the only file that includes CLI11), works out
// the database, the standards and "today", and hands over to one subcommand.
#include "cli/commands.hpp"
#include "core/error.hpp"

#include <toml++/toml.h>
#include <CLI/CLI.hpp>

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

Date parse_date_option(const std::string& text, const char* option) {
    if (auto d = Date::try_parse(text)) return *d;
    throw Error(ErrorKind::usage, std::string(option) + " '" + text + "' is not a date (expected YYYY-MM-DD)");
}

struct Config {
    std::optional<std::string> db;
    std::optional<std::string> standards;
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
        if (k.str() != "db" && k.str() != "standards") {
            throw Error(ErrorKind::invalid_input, path + ":" + std::to_string(v.source().begin.line) +
                                                      ": unknown setting '" + std::string(k.str()) +
                                                      "' (expected db, standards)");
        }
        if (!v.is_string())
            throw Error(ErrorKind::invalid_input, path + ": '" + std::string(k.str()) + "' must be a string");
    }
    if (auto v = t["db"].value<std::string>()) c.db = *v;
    if (auto v = t["standards"].value<std::string>()) c.standards = *v;
    return c;
}

const char* kDescription =
    "Waymark: every looked after child's journey to permanence, its timescales as clocks, and\n"
    "drift made visible. Exit codes: 0 success, 2 usage, 3 invalid input, 4 storage, 5 internal.";

const char* kFooter =
    "Environment: WAYMARK_DB (database, default ./waymark.db), WAYMARK_CONFIG (config file with\n"
    "db = \"...\" and standards = \"...\"). Run 'waymark COMMAND --help' for a command's options.";

}  // namespace

int main(int argc, char** argv) {
    namespace cli = waymark::cli;
    CLI::App app{kDescription, "waymark"};
    app.footer(kFooter);
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("waymark ") + WAYMARK_VERSION);

    std::string db_opt;
    std::string config_opt;
    std::string standards_opt;
    std::string today_opt;
    app.add_option("--db", db_opt,
                   "SQLite database file (default $WAYMARK_DB, else the config file's db, else ./waymark.db)");
    app.add_option("--config", config_opt, "config file (TOML: db, standards); default $WAYMARK_CONFIG");
    app.add_option("--standards", standards_opt, "standards file (TOML) to use instead of the built-in defaults");
    app.add_option("--today", today_opt, "the date taken as today (YYYY-MM-DD), for replaying history and for tests");

    cli::ImportArgs import_args;
    auto* import_cmd =
        app.add_subcommand("import", "Load children.csv and events.csv (DATA.md format): all rows or none");
    import_cmd->add_option("--children", import_args.children, "children file (CSV)");
    import_cmd->add_option("--events", import_args.events, "events file (CSV)");
    import_cmd->add_flag("--ignore-unknown-columns", import_args.ignore_unknown_columns,
                         "skip columns Waymark does not read");
    import_cmd->add_flag("--progress", import_args.progress,
                         "report progress on standard error even when it is not a terminal");
    import_cmd->add_flag("--no-progress", import_args.no_progress, "no progress bar");
    import_cmd->footer(
        "An import is all or nothing: if any row is bad, nothing is stored and the first 20 problems\n"
        "are listed with file, line, column and field. Importing the same rows again adds nothing;\n"
        "a row whose event_id is already stored for its council replaces that event.");

    std::string as_of_opt;
    std::string format_opt = "table";
    cli::DueArgs due_args;
    auto* due_cmd = app.add_subcommand("due", "List clocks that are overdue, due soon or open, as of a date");
    due_cmd->add_option("--as-of", as_of_opt, "the date to judge clocks on (YYYY-MM-DD; default today)");
    due_cmd->add_flag("--all", due_args.all, "every clock: also met, met late, missed and closed");
    due_cmd->add_option("--child", due_args.child, "one child's clocks (case reference)");
    due_cmd->add_option("--local-authority", due_args.local_authority, "one council's clocks");
    due_cmd->add_option("--standard", due_args.standard, "one standard's clocks (see 'waymark standards')");
    due_cmd->add_option("--format", format_opt, "table (for people), csv or json")
        ->check(CLI::IsMember({"table", "csv", "json"}));
    due_cmd->footer(
        "CSV columns: local_authority,child_id,standard,starts_on,due_on,status,stopped_on,days_late\n"
        "ordered by due_on, child_id, standard. Statuses: met, met_late, missed, closed, overdue,\n"
        "due_soon (due within the warning window, 14 days by default) and open.");

    cli::StatusArgs status_args;
    auto* status_cmd = app.add_subcommand("status", "List every child with their journey stage, as of a date");
    status_cmd->add_option("--as-of", as_of_opt, "the date (YYYY-MM-DD; default today)");
    status_cmd->add_option("--child", status_args.child, "one child (case reference)");
    status_cmd->add_option("--local-authority", status_args.local_authority, "one council's children");
    status_cmd->add_option("--format", format_opt, "table (for people), csv or json")
        ->check(CLI::IsMember({"table", "csv", "json"}));
    status_cmd->footer(
        "CSV columns: local_authority,child_id,stage,stage_since,days_in_stage,looked_after_since,\n"
        "placement,overdue,next_due_on,next_standard. Stages: pre_birth, permanent, not_looked_after,\n"
        "away_assessment, returning_home, legal, panel, permanence_planning, at_home.");

    cli::ChronologyArgs chron_args;
    auto* chron_cmd = app.add_subcommand("chronology", "Print a child's chronology and clocks");
    chron_cmd->add_option("child", chron_args.child, "the child's case reference")->required();
    chron_cmd->add_option("--as-of", as_of_opt, "the date (YYYY-MM-DD; default today)");
    chron_cmd->add_option("--local-authority", chron_args.local_authority,
                          "the council, where two share the case reference");
    chron_cmd->add_option("--format", format_opt, "table (for people), csv or json")
        ->check(CLI::IsMember({"table", "csv", "json"}));

    cli::StandardsArgs standards_args;
    auto* standards_cmd = app.add_subcommand("standards", "List the standards in force with limit, basis and source");
    standards_cmd->add_flag("--all", standards_args.all, "include standards that are switched off");
    standards_cmd->add_flag("--print-defaults", standards_args.print_defaults,
                            "print the built-in standards file, to copy and edit");
    standards_cmd->add_option("--format", format_opt, "table (for people), csv or json")
        ->check(CLI::IsMember({"table", "csv", "json"}));

    cli::SynthArgs synth_args;
    auto* synth_cmd = app.add_subcommand("synth", "Write realistic synthetic import files (children.csv, events.csv)");
    synth_cmd->add_option("--children", synth_args.children, "how many children")
        ->required()
        ->check(CLI::Range(1, 2000000));
    synth_cmd->add_option("--seed", synth_args.seed, "random seed: the same seed and --as-of give byte-identical files")
        ->required();
    synth_cmd->add_option("--local-authority", synth_args.local_authority, "council code (default S12000049)");
    synth_cmd->add_option("--as-of", as_of_opt, "histories end on this date (default today)");
    synth_cmd->add_option("--out", synth_args.out_dir, "folder to write into")->required();

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
        cli::Context ctx{db, standards, today, std::cout, std::cerr};

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
        if (*standards_cmd) {
            standards_args.format = format;
            return cli::cmd_standards(ctx, standards_args);
        }
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
