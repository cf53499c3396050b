#pragma once
// What a run or control chart finds, as data: per part, the run that is longer than chance
// allows (located), the crossings, the IHI shifts and trends, and the points outside the
// control limits, by side. Computed once from a core::qi::Chart; render/chart_words says it in
// words, render/chart_model marks the points. Pure arithmetic over the chart's points.
#include "core/qi.hpp"

#include <cstddef>
#include <optional>
#include <vector>

namespace waymark::core::qi {

// The included points of one part, in order, as the runs analysis sees them.
struct PartValues {
    std::vector<std::optional<double>> values;
    std::vector<std::size_t> at;  // index into Chart::points
    std::optional<double> centre;
};
PartValues part_values(const Chart& chart, int part);

// Consecutive flagged points of one part (an IHI shift or trend), split where the direction
// turns: 1 above the median or rising, -1 below or falling (0: a trend of equal values).
struct Sequence {
    std::size_t count = 0;
    int direction = 0;
};

struct PartFindings {
    int part = 1;  // as RunsAnalysis::part
    // Anhøj: the longest run is longer than chance allows, and where it lies (positions in
    // part_values(chart, part)) when it is the run the analysis counted.
    bool long_run = false;
    std::optional<RunSpan> long_run_span;
    bool too_few_crossings = false;  // Anhøj: fewer crossings of the centre than chance allows
    // IHI rules (run charts): the shifts and trends, in order.
    std::vector<Sequence> shifts;
    std::vector<Sequence> trends;
    // Control charts: the points outside the limits (index into Chart::points), by side.
    std::vector<std::size_t> above;
    std::vector<std::size_t> below;
    [[nodiscard]] bool outside() const noexcept { return !above.empty() || !below.empty(); }
};

// One per part, in the order of Chart::runs.
struct Findings {
    std::vector<PartFindings> parts;
};

Findings find_signals(const Chart& chart);

}  // namespace waymark::core::qi
