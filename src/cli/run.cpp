// waymark: the command line. The table of commands, each registering its own options (options.hpp;
// CLI11 lives only in options.cpp), then the configuration, the standards and "today", and one
// command run.
#include "cli/run.hpp"

#include "cli/commands.hpp"
#include "cli/environment.hpp"
#include "cli/options.hpp"
#include "core/error.hpp"

#include <iostream>

namespace waymark::cli {

namespace {

using core::Error;

const char* const kDescription =
    "Waymark: every looked after child's journey to permanence, its timescales as\n"
    "clocks, and drift made visible.";

const char* const kFooter =
    "Environment: WAYMARK_DB (the database), WAYMARK_CONFIG (a TOML file with\n"
    "db = \"...\" and standards = \"...\"). Exit codes: 0 success, 2 usage, 3 invalid\n"
    "input, 4 storage, 5 internal. 'waymark COMMAND --help' shows its options.";

// The commands, in the order `waymark --help` lists them.
using Register = void (*)(Command&);
constexpr Register kCommands[] = {
    register_import,   register_due,      register_status,      register_chronology,  register_timeline,
    register_measures, register_measure,  register_standards,   register_synth,       register_spc,
    register_chart,    register_pdsa,     register_driver,      register_serve,       register_user,
    register_team,     register_allocate, register_allocations, register_restriction, register_token,
    register_audit,
};

void add_global_options(Command& root, GlobalOptions& options) {
    root.option("--db", options.db, "database (default $WAYMARK_DB, then the\nconfig file's db, then ./waymark.db)")
        .type_name("FILE");
    root.option("--config", options.config, "config file (TOML: db, standards);\ndefault $WAYMARK_CONFIG")
        .type_name("FILE");
    root.option("--standards", options.standards, "standards file (TOML) to use instead of\nthe built-in defaults")
        .type_name("FILE");
    root.option("--measures", options.measures, "measures file (TOML) to use instead of\nthe built-in catalogue")
        .type_name("FILE");
    root.option("--today", options.today, "the date taken as today, for replaying\nhistory and for tests")
        .type_name("DATE");
}

}  // namespace

int run(int argc, char** argv, const OpenDatabase& open) {
    std::ios::sync_with_stdio(false);  // reports write millions of lines through std::cout
    Program program(kDescription, kFooter, std::string("waymark ") + WAYMARK_VERSION);
    Command root = program.root();
    GlobalOptions global;
    add_global_options(root, global);
    for (const Register add : kCommands) add(root);
    if (const auto exit = program.parse(argc, argv)) return *exit;

    try {
        const bool pinned = !global.today.empty();
        const core::Date today = pinned ? parse_date_option(global.today, "--today") : local_today();
        const Settings settings = resolve_settings(global);
        const Context ctx{
            .db_path = settings.db,
            .open_database = [&open,
                              db = settings.db](const core::Vocabulary& vocabulary) { return open(db, vocabulary); },
            .standards_path = settings.standards,
            .today = today,
            .out = std::cout,
            .err = std::cerr,
            .viewer = {current_user(), utc_now(), "command line"},
            .measures_path = settings.measures,
            .now = now_seconds(),
            .today_pinned = pinned,
        };
        const RunCommand* command = program.chosen();
        return command != nullptr ? (*command)(ctx) : 2;
    } catch (const Error& e) {
        std::cout.flush();
        std::cerr << "waymark: " << e.what() << "\n";
        return core::exit_code(e.kind());
    } catch (const std::exception& e) {
        std::cout.flush();
        std::cerr << "waymark: internal error: " << e.what() << "\n";
        return 5;
    }
}

}  // namespace waymark::cli
