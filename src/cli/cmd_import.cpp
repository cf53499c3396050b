#include "app/import.hpp"
#include "cli/commands.hpp"
#include "cli/environment.hpp"
#include "cli/options.hpp"

#include <unistd.h>

#include <chrono>
#include <memory>

namespace waymark::cli {

namespace {

// A progress bar on standard error, redrawn at most ten times a second.
class ProgressBar {
public:
    explicit ProgressBar(std::ostream& err, bool terminal) : err_(err), terminal_(terminal) {}
    void operator()(std::size_t done, std::size_t total) {
        const auto now = std::chrono::steady_clock::now();
        if (done < total && now - last_ < std::chrono::milliseconds(100)) return;
        last_ = now;
        const int pct = total == 0 ? 100 : static_cast<int>(done * 100 / total);
        if (terminal_) {
            constexpr int width = 40;
            const int filled = pct * width / 100;
            err_ << "\rImporting [" << std::string(static_cast<std::size_t>(filled), '#')
                 << std::string(static_cast<std::size_t>(width - filled), ' ') << "] " << pct << "%" << std::flush;
            drawn_ = true;
        } else {
            err_ << "progress " << pct << "%\n" << std::flush;
        }
    }
    void finish() {
        if (drawn_) err_ << "\r" << std::string(60, ' ') << "\r" << std::flush;
    }

private:
    std::ostream& err_;
    bool terminal_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point last_{};
};

}  // namespace

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
    auto c = root.subcommand("import", "Load children.csv and events.csv: all rows or none");
    c.option("--children", args->children, "children file (CSV, DATA.md)").type_name("FILE");
    c.option("--events", args->events, "events file (CSV, DATA.md)").type_name("FILE");
    c.flag("--ignore-unknown-columns", args->ignore_unknown_columns, "skip columns Waymark does not read");
    c.flag("--progress", args->progress, "report progress on standard error even\nwhen it is not a terminal");
    c.flag("--no-progress", args->no_progress, "no progress bar");
    c.footer(
        with_global_help("An import is all or nothing: if any row is bad, nothing is stored and the first\n"
                         "20 problems are listed with file, line, column and field. Importing the same\n"
                         "rows again adds nothing; a row whose event_id is already stored for its council\n"
                         "replaces that event."));
    c.run([args](const Context& ctx) { return cmd_import(ctx, *args); });
}

}  // namespace waymark::cli
