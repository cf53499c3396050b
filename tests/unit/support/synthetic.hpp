#pragma once
// Synthetic children (synth/synth.hpp) written beside a test's database and imported into it, for
// tests that need periods with counts of 5 and more. All of it synthetic.
#include "app/import.hpp"
#include "app/standards_file.hpp"
#include "synth/synth.hpp"

#include <filesystem>
#include <fstream>
#include <string>

namespace waymark::test {

// Writes dir/synth_children.csv and dir/synth_events.csv of `children` children of the council
// (ids C000001...), their histories up to 2026-11-26, and imports them (today that date).
// Returns the children file's path.
inline std::string import_synthetic(app::Store& store, const app::StandardSet& standards,
                                    const std::filesystem::path& dir, std::size_t children_count, std::uint64_t seed,
                                    const std::string& local_authority) {
    synth::SynthOptions o;
    o.children = children_count;
    o.seed = seed;
    o.local_authority = local_authority;
    o.as_of = core::Date::parse("2026-11-26");
    const auto children_path = dir / "synth_children.csv";
    const auto events_path = dir / "synth_events.csv";
    {
        std::ofstream children(children_path, std::ios::binary);
        std::ofstream events(events_path, std::ios::binary);
        synth::write_synthetic(o, children, events);
    }
    app::ImportOptions io;
    io.children_path = children_path.string();
    io.events_path = events_path.string();
    io.today = o.as_of;
    app::import_files(store, standards.vocabulary, io);
    return children_path.string();
}

}  // namespace waymark::test
