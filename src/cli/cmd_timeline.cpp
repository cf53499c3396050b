// waymark timeline: the one-page picture of a child's journey, to PDF, SVG or PNG.
#include "app/journeys.hpp"
#include "cli/commands.hpp"
#include "cli/environment.hpp"
#include "cli/options.hpp"
#include "cli/picture.hpp"
#include "core/error.hpp"
#include "render/timeline.hpp"

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

namespace waymark::cli {

namespace {

namespace fs = std::filesystem;
using core::Error;
using core::ErrorKind;

render::Scene scene_of(const app::JourneyRecord& record, const app::StandardSet& standards, const TimelineArgs& args,
                       core::Date generated) {
    render::TimelineOptions options;
    options.paper = args.paper == "a3" ? render::Paper::a3 : render::Paper::a4;
    options.from = args.from;
    options.to = args.to;
    options.names = !args.no_names;
    options.gap_threshold = core::weeks(args.gap_weeks);
    options.generated = generated;
    // Layout measures with the built-in Liberation Sans table: the same widths Pango gives
    // that font less kerning, so every format gets the same layout and text never overruns.
    return render::timeline_scene(record.child, record.events, args.as_of, standards.vocabulary, standards.standards,
                                  options, render::builtin_metrics());
}

// A file name from a case reference: letters, digits, '-', '_' and '.' kept, the rest '_'.
std::string file_stem(const core::ChildRecord& child) {
    std::string s = child.local_authority + "-" + child.child_id;
    for (char& ch : s) {
        const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' ||
                        ch == '_' || ch == '.';
        if (!ok) ch = '_';
    }
    return s;
}

}  // namespace

int cmd_timeline(const Context& ctx, const TimelineArgs& args) {
    if (args.all == args.child.has_value()) throw Error(ErrorKind::usage, "give a CHILD or --all, not both");
    if (args.from && args.to && *args.to <= *args.from) throw Error(ErrorKind::usage, "--to must be after --from");
    if (args.gap_weeks < 1) throw Error(ErrorKind::usage, "--gap-weeks must be at least 1");
    const bool to_stdout = args.out == "-";
    if (args.all && to_stdout) throw Error(ErrorKind::usage, "--all writes files: give --out a folder");
    const std::string format = args.all || to_stdout ? args.format : format_of(args.out, {"pdf", "svg", "png", "txt"});
    if (args.all) {
        std::error_code ec;
        fs::create_directories(args.out, ec);
        if (ec || !fs::is_directory(args.out))
            throw Error(ErrorKind::usage, "--out '" + args.out + "' is not a folder");
    }

    const auto standards = ctx.standards();
    const auto database = ctx.open_database(standards.vocabulary);
    app::Database& store = *database;
    // --all draws one council: the one named, or the database's only one.
    std::optional<std::string> council = args.local_authority;
    if (args.all && !council) {
        std::set<std::string> councils;
        for (const auto& c : store.child_index()) councils.insert(c.local_authority);
        if (councils.size() != 1) {
            std::string names;
            for (const auto& c : councils) names += (names.empty() ? "" : ", ") + c;
            throw Error(ErrorKind::usage,
                        "--all draws one council: give --local-authority" +
                            (names.empty() ? std::string(" (no children are stored)") : " (one of " + names + ")"));
        }
        council = *councils.begin();
    }
    const auto records =
        app::journeys_for_view(store, store, {council, args.child, true, {}}, args.as_of, ctx.viewer, "view_timeline");
    if (!args.all) {
        const std::string bytes = draw(scene_of(records.front(), standards, args, ctx.today), format);
        if (to_stdout) {
            ctx.out << bytes;
        } else {
            write_file(args.out, bytes);
        }
        return 0;
    }

    // Both cores: each thread takes the next child.
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::string failure;
    std::mutex failure_mutex;
    auto work = [&] {
        for (std::size_t i = next++; i < records.size() && !failed; i = next++) {
            try {
                const fs::path path = fs::path(args.out) / (file_stem(records[i].child) + "." + format);
                write_file(path.string(), draw(scene_of(records[i], standards, args, ctx.today), format));
            } catch (const std::exception& e) {
                const std::lock_guard lock(failure_mutex);
                if (!failed.exchange(true)) failure = e.what();
            }
        }
    };
    std::thread helper(work);
    work();
    helper.join();
    if (failed) throw Error(ErrorKind::storage, failure);
    ctx.err << "wrote " << records.size() << (records.size() == 1 ? " timeline" : " timelines") << " to " << args.out
            << "\n";
    return 0;
}

// --- The command line: options, help and what to run (options.hpp) ---

void register_timeline(Command& root) {
    struct State {
        TimelineArgs args;
        std::string as_of;
        std::string from;
        std::string to;
    };
    auto s = std::make_shared<State>();
    auto c = root.subcommand("timeline", "Draw a child's journey on one page (PDF, SVG, PNG)");
    c.option("child", s->args.child, "the child's case reference").type_name("ID");
    c.flag("--all", s->args.all, "every child of the council, one file each\ninto the --out folder");
    c.option("--local-authority", s->args.local_authority,
             "the council (with --all, unless the database\nholds one; or where two share the case\nreference)")
        .type_name("CODE");
    c.option("--as-of", s->as_of, "the date (default today)").type_name("DATE");
    c.option("--out", s->args.out,
             "FILE.pdf, .svg, .png or .txt (the scene as\ntext); - for standard output; with --all,\na folder")
        .required()
        .type_name("PATH");
    c.option("--format", s->args.format, "with --all or --out -: pdf (default),\nsvg, png or txt")
        .type_name("FORMAT")
        .one_of({"pdf", "svg", "png", "txt"});
    c.option("--paper", s->args.paper, "a4 (default) or a3, landscape").type_name("SIZE").one_of({"a4", "a3"});
    c.option("--from", s->from, "start the time axis here (default: birth\nor the pre-birth concern)")
        .type_name("DATE");
    c.option("--to", s->to, "end the time axis here (default: the as-of\ndate or the last planned event)")
        .type_name("DATE");
    c.flag("--no-names", s->args.no_names,
           "the case reference and age instead of\nnames and date of birth (panels, training)");
    c.option("--gap-weeks", s->args.gap_weeks, "mark waits between decisions longer than\nthis (default 12)")
        .type_name("WEEKS");
    c.footer(
        with_global_help("One landscape page: the journey against the child's age, the legal status as a\n"
                         "band, milestones numbered as in the chronology below, waits between decisions\n"
                         "longer than --gap-weeks, and timescales missed or overdue. Marked\n"
                         "OFFICIAL-SENSITIVE. Every timeline drawn is written to the audit log."));
    c.run([s](const Context& ctx) {
        s->args.as_of = as_of_or_today(ctx, s->as_of);
        s->args.from = parse_date_option_if_given(s->from, "--from");
        s->args.to = parse_date_option_if_given(s->to, "--to");
        return cmd_timeline(ctx, s->args);
    });
}

}  // namespace waymark::cli
