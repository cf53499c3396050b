#include "cli/commands.hpp"
#include "cli/environment.hpp"
#include "cli/options.hpp"
#include "core/error.hpp"
#include "synth/synth.hpp"

#include <filesystem>
#include <fstream>
#include <memory>

namespace waymark::cli {

int cmd_synth(const Context& ctx, const SynthArgs& args) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(args.out_dir, ec);
    if (ec) throw core::Error(core::ErrorKind::invalid_input, "cannot create " + args.out_dir + ": " + ec.message());
    const auto children_path = (fs::path(args.out_dir) / "children.csv").string();
    const auto events_path = (fs::path(args.out_dir) / "events.csv").string();
    std::ofstream children(children_path, std::ios::binary);
    std::ofstream events(events_path, std::ios::binary);
    if (!children || !events) throw core::Error(core::ErrorKind::invalid_input, "cannot write in " + args.out_dir);
    synth::SynthOptions options;
    options.children = args.children;
    options.seed = args.seed;
    options.local_authority = args.local_authority;
    options.as_of = args.as_of;
    const auto counts = synth::write_synthetic(options, children, events);
    children.close();
    events.close();
    if (!children || !events)
        throw core::Error(core::ErrorKind::invalid_input, "could not finish writing in " + args.out_dir);
    ctx.out << "Wrote " << counts.children << " children to " << children_path << " and " << counts.events
            << " events to " << events_path << "\n";
    return 0;
}

// --- The command line: options, help and what to run (options.hpp) ---

void register_synth(Command& root) {
    struct State {
        SynthArgs args;
        std::string as_of;
    };
    auto s = std::make_shared<State>();
    auto c = root.subcommand("synth", "Write realistic synthetic children.csv and events.csv");
    c.option("--children", s->args.children, "how many children").required().range(1, 2000000);
    c.option("--seed", s->args.seed, "random seed: the same seed and --as-of\ngive byte-identical files").required();
    c.option("--local-authority", s->args.local_authority, "council code (default S12000049)").type_name("CODE");
    c.option("--as-of", s->as_of, "histories end on this date (default today)").type_name("DATE");
    c.option("--out", s->args.out_dir, "folder to write into").required().type_name("DIR");
    c.footer(with_global_help("Only synthetic data belongs in tests and examples."));
    c.run([s](const Context& ctx) {
        s->args.as_of = as_of_or_today(ctx, s->as_of);
        return cmd_synth(ctx, s->args);
    });
}

}  // namespace waymark::cli
