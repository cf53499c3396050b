#include "cli/cmd_import_ssda903.hpp"

#include "app/ssda903.hpp"
#include "cli/environment.hpp"
#include "cli/progress.hpp"

#include <unistd.h>

namespace waymark::cli {

int cmd_import_ssda903(const Context& ctx, const ImportSsda903Args& args) {
    auto standards = ctx.standards();
    app::Ssda903Options options;
    for (const auto& text : args.returns) options.returns.push_back(app::parse_ssda903_return(text));
    options.local_authority = args.local_authority;
    options.include_short_breaks = args.include_short_breaks;
    options.today = ctx.today;
    // Every child the returns name is written to the audit log with the import.
    options.audit = app::AuditEntry{ctx.viewer.at,    ctx.viewer.actor, "import", "", "", "command line SSDA903 import",
                                    ctx.viewer.origin};
    const auto database = ctx.open_database(standards.vocabulary);
    app::Database& store = *database;
    const bool terminal = isatty(STDERR_FILENO) != 0;
    ProgressBar bar(ctx.err, terminal && !args.progress);
    if (args.progress || (terminal && !args.no_progress))
        options.progress = [&](std::size_t d, std::size_t t) { bar(d, t); };
    app::Ssda903Result r;
    try {
        r = app::import_ssda903(store, standards.vocabulary, options);
    } catch (...) {
        bar.finish();
        throw;
    }
    bar.finish();
    ctx.out << app::ssda903_report(r, options.returns) << " into " << ctx.db_path << "\n";
    return 0;
}

}  // namespace waymark::cli
