// Micro benchmarks of the one-page timeline (issue 3 targets: a 300-event journey to PDF in
// under 20 ms, to SVG in under 5 ms):
//   BM_TimelineLayout  the journey to a scene (layout, label placement, chronology)
//   BM_TimelineSvg     layout + SVG writer
//   BM_TimelinePdf     layout + Cairo/Pango PDF
//   BM_TimelinePng     layout + Cairo/Pango PNG at 144 dpi
//   BM_LongNoteSvg/N   the child page's picture (layout + SVG) when one life event's note is N
//                      characters long (issue 13, item 5: under 20 ms at 30,000 characters)
//   BM_LongNotePdf/N   the same to PDF (GET .../timeline.pdf)
// The journey: 16 years, 300 events (hearings, reviews, moves between foster, residential and
// kinship care, life events), as in tests/unit/timeline_test.cpp.
#include "app/standards_file.hpp"
#include "core/journey.hpp"
#include "render/cairo/cairo.hpp"
#include "render/svg.hpp"
#include "render/timeline.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace waymark;

struct Fixture {
    app::StandardSet set = app::default_standards();
    core::ChildRecord child;
    std::vector<core::Event> events;
    core::Date as_of = core::Date::parse("2026-11-26");

    explicit Fixture(std::size_t long_note = 0) {
        child.local_authority = "S12000049";
        child.child_id = "BENCH-1";
        child.given_name = "Eilidh";
        child.family_name = "Nic a' Phearsain";
        child.date_of_birth = core::Date::parse("2010-03-14");
        add("2010-05-01", "referral_to_reporter", "");
        add("2010-06-10", "childrens_hearing", "kind=initial;outcome=cso");
        add("2010-06-10", "looked_after_at_home", "");
        core::Date d = core::Date::parse("2010-07-01");
        const char* placements[] = {"foster", "residential", "kinship", "foster", "residential"};
        for (int i = 0; i < 296; ++i) {
            if (i == 20) {
                add(d, "accommodated", "placement=foster;basis=cso");
            } else if (i > 20 && i % 12 == 0) {
                add(d, "placement_change", std::string("placement=") + placements[(i / 12) % 5]);
            } else if (i % 5 == 0) {
                add(d, "childrens_hearing", "kind=review;outcome=cso_continued");
            } else if (i % 9 == 0) {
                add(d, "life_event", i % 2 == 0 ? "impact=positive" : "impact=negative");
            } else {
                add(d, "lar", "kind=standard");
            }
            d = d + core::Days{19};
        }
        add("2026-06-01", "permanence_recommendation", "route=po");
        if (long_note > 0) {
            // One note of long_note characters, in words, on a life event: its label on the
            // picture is the note, and the chronology line ends with it.
            add("2025-09-01", "life_event", "impact=positive");
            std::string note;
            const std::string_view words = "Eilidh said she liked her new school and the walk there with her carer. ";
            while (note.size() < long_note) note += words;
            note.resize(long_note);
            events.back().note = note;
            std::stable_sort(events.begin(), events.end(),
                             [](const core::Event& a, const core::Event& b) { return a.date < b.date; });
            for (std::size_t i = 0; i < events.size(); ++i) events[i].seq = static_cast<std::int64_t>(i);
        }
    }
    void add(const char* date, const char* type, const std::string& details) {
        add(core::Date::parse(date), type, details);
    }
    void add(core::Date date, const char* type, const std::string& details) {
        core::Event e;
        e.date = date;
        e.type = *set.vocabulary.find(type);
        e.details = details;
        e.agency = "social_work";
        e.note = "A note of the kind a social worker writes about this event";
        e.seq = static_cast<std::int64_t>(events.size());
        events.push_back(e);
    }

    [[nodiscard]] render::Scene scene() const {
        render::TimelineOptions options;
        options.generated = as_of;
        return render::timeline_scene(child, events, as_of, set.vocabulary, set.standards, options,
                                      render::builtin_metrics());
    }
};

const Fixture& fixture() {
    static const Fixture f;
    return f;
}

const Fixture& long_note_fixture(std::int64_t length) {
    static std::map<std::int64_t, Fixture> fixtures;
    auto it = fixtures.find(length);
    if (it == fixtures.end()) it = fixtures.try_emplace(length, static_cast<std::size_t>(length)).first;
    return it->second;
}

void BM_TimelineLayout(benchmark::State& state) {
    const Fixture& f = fixture();
    for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the library's idiom
        benchmark::DoNotOptimize(f.scene());
    }
    state.counters["events"] = static_cast<double>(f.events.size());
}
BENCHMARK(BM_TimelineLayout)->Unit(benchmark::kMillisecond);

// The fixture's picture drawn by `draw` (a scene to bytes) on every iteration; counts the bytes.
template <class Draw>
void draw_each_time(benchmark::State& state, const Fixture& f, Draw draw) {
    std::size_t bytes = 0;
    for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the library's idiom
        bytes = draw(f.scene()).size();
    }
    state.counters["bytes"] = static_cast<double>(bytes);
}

auto svg = [](const render::Scene& s) { return render::to_svg(s); };
auto pdf = [](const render::Scene& s) { return render::to_pdf(s); };
auto png = [](const render::Scene& s) { return render::to_png(s); };

void BM_TimelineSvg(benchmark::State& state) {
    draw_each_time(state, fixture(), svg);
}
BENCHMARK(BM_TimelineSvg)->Unit(benchmark::kMillisecond);

void BM_TimelinePdf(benchmark::State& state) {
    draw_each_time(state, fixture(), pdf);
}
BENCHMARK(BM_TimelinePdf)->Unit(benchmark::kMillisecond);

void BM_TimelinePng(benchmark::State& state) {
    draw_each_time(state, fixture(), png);
}
BENCHMARK(BM_TimelinePng)->Unit(benchmark::kMillisecond);

void BM_LongNoteSvg(benchmark::State& state) {
    draw_each_time(state, long_note_fixture(state.range(0)), svg);
}
BENCHMARK(BM_LongNoteSvg)->Arg(0)->Arg(10000)->Arg(30000)->Unit(benchmark::kMillisecond);

void BM_LongNotePdf(benchmark::State& state) {
    draw_each_time(state, long_note_fixture(state.range(0)), pdf);
}
BENCHMARK(BM_LongNotePdf)->Arg(0)->Arg(10000)->Arg(30000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
