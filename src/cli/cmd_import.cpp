#include "app/import.hpp"
#include "cli/cmd_import_ssda903.hpp"
#include "cli/commands.hpp"
#include "cli/environment.hpp"
#include "cli/options.hpp"
#include "cli/progress.hpp"

#include <unistd.h>

#include <memory>

namespace waymark::cli {

int cmd_import(const Context& ctx, const ImportArgs& args) {
    auto standards = ctx.standards();
    const auto database = ctx.open_database(standards.vocabulary);
    app::Database& store = *database;
    app::ImportOptions options;
    options.children_path = args.children;
    options.events_path = args.events;
    options.today = ctx.today;
    options.ignore_unknown_columns = args.ignore_unknown_columns;
    // Every child the files name is written to the audit log with the import.
    options.audit =
        app::AuditEntry{ctx.viewer.at, ctx.viewer.actor, "import", "", "", "command line import", ctx.viewer.origin};
    const bool terminal = isatty(STDERR_FILENO) != 0;
    ProgressBar bar(ctx.err, terminal && !args.progress);
    if (args.progress || (terminal && !args.no_progress))
        options.progress = [&](std::size_t d, std::size_t t) { bar(d, t); };
    app::ImportResult r;
    try {
        r = app::import_files(store, standards.vocabulary, options);
    } catch (...) {
        bar.finish();
        throw;
    }
    bar.finish();
    ctx.out << app::import_report(r) << " into " << ctx.db_path << "\n";
    return 0;
}

// --- The command line: options, help and what to run (options.hpp) ---

void register_import(Command& root) {
    auto args = std::make_shared<ImportArgs>();
    auto ssda903 = std::make_shared<ImportSsda903Args>();
    auto c = root.subcommand("import", "Load children.csv and events.csv: all rows or none");
    c.option("--children", args->children, "children file (CSV, DATA.md)").type_name("FILE");
    c.option("--events", args->events, "events file (CSV, DATA.md)").type_name("FILE");
    c.flag("--ignore-unknown-columns", args->ignore_unknown_columns, "skip columns Waymark does not read");
    c.flag("--progress", args->progress, "report progress on standard error even\nwhen it is not a terminal");
    c.flag("--no-progress", args->no_progress, "no progress bar");
    c.option("--ssda903", ssda903->returns,
             "an SSDA903 return (England): the folder of\nthe year starting 1 April YEAR (docs/interop.md)")
        .type_name("YEAR:FOLDER");
    c.option("--local-authority", ssda903->local_authority, "the council whose SSDA903 returns they are")
        .type_name("CODE");
    c.flag("--include-short-breaks", ssda903->include_short_breaks, "keep SSDA903 periods of short breaks (LS V3/V4)");
    c.footer(
        with_global_help("An import is all or nothing: if any row is bad, nothing is stored and the first\n"
                         "20 problems are listed with file, line, column and field. Importing the same\n"
                         "rows again adds nothing; a row whose event_id is already stored for its council\n"
                         "replaces that event."));
    c.run([args, ssda903](const Context& ctx) {
        if (ssda903->returns.empty()) return cmd_import(ctx, *args);
        if (args->children || args->events)
            throw core::Error(core::ErrorKind::usage, "give --ssda903 or --children/--events, not both");
        ssda903->progress = args->progress;
        ssda903->no_progress = args->no_progress;
        return cmd_import_ssda903(ctx, *ssda903);
    });
}

}  // namespace waymark::cli
