#include "app/import.hpp"
#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <unistd.h>

namespace waymark::cli {

int cmd_import(const Context& ctx, const ImportArgs& args) {
    auto standards = ctx.standards();
    store::SqliteStore store(ctx.db_path, standards.vocabulary);
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

}  // namespace waymark::cli
