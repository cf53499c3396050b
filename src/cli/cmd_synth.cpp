#include "cli/commands.hpp"
#include "core/error.hpp"
#include "synth/synth.hpp"

#include <filesystem>
#include <fstream>

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

}  // namespace waymark::cli
