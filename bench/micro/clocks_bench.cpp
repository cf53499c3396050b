// Micro benchmarks of the hot paths behind `waymark due` and `waymark status`, without SQLite:
//   BM_JourneyAndClocks  core::Journey construction + core::evaluate_clocks over every default
//                        standard, per child (items/s = journeys/s)
//   BM_Stage             core::compute_stage over journeys built beforehand (items/s = journeys/s)
//   BM_CsvReader         app::CsvReader over a synthetic events.csv held in memory (bytes/s)
// The journeys are realistic: `waymark synth` output (synth::write_synthetic) written to memory
// and parsed back, as an import would. The argument is the number of synthetic children.
#include "app/csv.hpp"
#include "app/standards_file.hpp"
#include "core/date.hpp"
#include "core/journey.hpp"
#include "core/stage.hpp"
#include "core/standards.hpp"
#include "synth/synth.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace waymark;

const core::Date kAsOf = core::Date::parse("2026-11-26");

struct SynthText {
    std::string children_csv;
    std::string events_csv;
    std::size_t events = 0;
};

const SynthText& synth_text(std::size_t children) {
    static std::map<std::size_t, std::unique_ptr<SynthText>> cache;
    auto& slot = cache[children];
    if (!slot) {
        synth::SynthOptions options;
        options.children = children;
        options.seed = 1;
        options.as_of = kAsOf;
        std::ostringstream c;
        std::ostringstream e;
        const auto counts = synth::write_synthetic(options, c, e);
        slot = std::make_unique<SynthText>(SynthText{c.str(), e.str(), counts.events});
    }
    return *slot;
}

const app::StandardSet& standards() {
    static const app::StandardSet set = app::default_standards();
    return set;
}

// Reads a CSV held in memory; calls row(fields) for each record after the header, with the
// header's column positions.
template <class Row>
void read_csv(const std::string& text, Row row) {
    auto reader = app::CsvReader::from_string(text);
    std::vector<std::string_view> fields;
    std::optional<app::CsvProblem> problem;
    std::vector<std::string> header;
    while (reader.next(fields, problem)) {
        if (problem)
            throw std::runtime_error("synthetic CSV line " + std::to_string(problem->line) + ": " + problem->message);
        if (header.empty()) {
            header.assign(fields.begin(), fields.end());
            continue;
        }
        auto col = [&](std::string_view name) -> std::string_view {
            for (std::size_t i = 0; i < header.size() && i < fields.size(); ++i) {
                if (header[i] == name) return fields[i];
            }
            return {};
        };
        row(col);
    }
}

std::optional<core::Date> optional_date(std::string_view s) {
    if (s.empty()) return std::nullopt;
    return core::Date::parse(s);
}

// Every synthetic child with its events in journey order, as a report reads them.
struct Council {
    std::vector<core::ChildRecord> children;
    std::vector<std::vector<core::Event>> events;  // per child
    std::size_t event_count = 0;
};

const Council& council(std::size_t children) {
    static std::map<std::size_t, std::unique_ptr<Council>> cache;
    auto& slot = cache[children];
    if (slot) return *slot;
    const auto& text = synth_text(children);
    const auto& vocabulary = standards().vocabulary;
    auto out = std::make_unique<Council>();
    std::map<std::string, std::size_t, std::less<>> index;
    read_csv(text.children_csv, [&](auto col) {
        core::ChildRecord c;
        c.child_id = col("child_id");
        c.local_authority = col("local_authority");
        c.date_of_birth = optional_date(col("date_of_birth"));
        c.expected_birth_date = optional_date(col("expected_birth_date"));
        c.sex = col("sex");
        index.emplace(c.child_id, out->children.size());
        out->children.push_back(std::move(c));
    });
    out->events.resize(out->children.size());
    std::int64_t seq = 0;
    read_csv(text.events_csv, [&](auto col) {
        const auto child = index.find(col("child_id"));
        if (child == index.end()) throw std::runtime_error("synthetic event of an unknown child");
        core::Event e;
        e.date = core::Date::parse(col("date"));
        const auto type = vocabulary.find(col("event"));
        if (!type) throw std::runtime_error("synthetic event of an unknown type");
        e.type = *type;
        const auto status = col("status");
        e.status = status.empty() ? core::EventStatus::occurred : core::parse_event_status(status).value();
        e.details = col("details");
        e.event_id = col("event_id");
        e.seq = seq++;
        out->events[child->second].push_back(std::move(e));
        ++out->event_count;
    });
    for (auto& evs : out->events) std::stable_sort(evs.begin(), evs.end(), core::event_order);
    slot = std::move(out);
    return *slot;
}

void BM_JourneyAndClocks(benchmark::State& state) {
    const auto& c = council(static_cast<std::size_t>(state.range(0)));
    const auto& set = standards().standards;
    core::Journey journey;
    std::vector<core::Clock> clocks;
    std::size_t total_clocks = 0;
    for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the library's idiom
        total_clocks = 0;
        for (std::size_t i = 0; i < c.children.size(); ++i) {
            journey.assign(c.children[i], c.events[i], kAsOf);
            clocks.clear();
            for (const auto& s : set) core::evaluate_clocks(journey, s, clocks);
            total_clocks += clocks.size();
            benchmark::DoNotOptimize(clocks.data());
        }
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * c.children.size()));
    state.counters["events"] = static_cast<double>(c.event_count);
    state.counters["clocks"] = static_cast<double>(total_clocks);
}
BENCHMARK(BM_JourneyAndClocks)->Arg(2000)->Unit(benchmark::kMillisecond);

void BM_Stage(benchmark::State& state) {
    const auto& c = council(static_cast<std::size_t>(state.range(0)));
    std::vector<core::Journey> journeys(c.children.size());
    for (std::size_t i = 0; i < c.children.size(); ++i) journeys[i].assign(c.children[i], c.events[i], kAsOf);
    for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the library's idiom
        for (const auto& j : journeys) {
            auto r = core::compute_stage(j);
            benchmark::DoNotOptimize(r);
        }
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * journeys.size()));
}
BENCHMARK(BM_Stage)->Arg(2000)->Unit(benchmark::kMicrosecond);

void BM_CsvReader(benchmark::State& state) {
    const auto& text = synth_text(static_cast<std::size_t>(state.range(0))).events_csv;
    std::vector<std::string_view> fields;
    std::optional<app::CsvProblem> problem;
    std::size_t records = 0;
    for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the library's idiom
        state.PauseTiming();
        std::string copy = text;  // from_string takes its text by value
        state.ResumeTiming();
        auto reader = app::CsvReader::from_string(std::move(copy));
        records = 0;
        while (reader.next(fields, problem)) {
            ++records;
            benchmark::DoNotOptimize(fields.data());
        }
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
    state.counters["records"] = static_cast<double>(records);
}
BENCHMARK(BM_CsvReader)->Arg(2000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
