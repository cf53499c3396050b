// What a run or control chart finds, as data (core/qi_findings.hpp).
#include "core/qi_findings.hpp"

#include <utility>

namespace waymark::core::qi {

PartValues part_values(const Chart& chart, int part) {
    PartValues out;
    for (std::size_t k = 0; k < chart.points.size(); ++k) {
        const ChartPoint& p = chart.points[k];
        if (p.part != part || !p.include) continue;
        out.values.push_back(p.y);
        out.at.push_back(k);
        if (!out.centre && p.cl) out.centre = p.cl;
    }
    return out;
}

namespace {

// The points of the longest run when it is longer than chance allows (the Anhøj rule).
std::optional<RunSpan> long_run(const RunsAnalysis& r, const PartValues& v) {
    if (!r.longest_run || !r.longest_run_max || *r.longest_run <= *r.longest_run_max) return std::nullopt;
    const auto span = longest_run(v.values, v.centre);
    // The analysis compares the values before multiplying; a run found here that is not the one it
    // counted is not pointed at.
    if (!span || span->length != *r.longest_run) return std::nullopt;
    return span;
}

std::vector<Sequence> shifts(const Chart& chart, const PartValues& v) {
    std::vector<Sequence> out;
    bool open = false;
    for (std::size_t j = 0; j < v.at.size(); ++j) {
        const ChartPoint& p = chart.points[v.at[j]];
        if (!p.y || !v.centre || *p.y == *v.centre) continue;  // neither counts nor breaks
        const int side = *p.y > *v.centre ? 1 : -1;
        if (!p.ihi_shift) {
            open = false;
            continue;
        }
        if (!open || out.back().direction != side) out.push_back({0, side});
        open = true;
        ++out.back().count;
    }
    return out;
}

std::vector<Sequence> trends(const Chart& chart, const PartValues& v) {
    std::vector<Sequence> out;
    bool open = false;
    std::optional<double> previous;
    for (std::size_t at : v.at) {
        const ChartPoint& p = chart.points[at];
        if (!p.y) continue;
        const int slope = previous && *p.y != *previous ? (*p.y > *previous ? 1 : -1) : 0;
        previous = p.y;
        if (!p.ihi_trend) {
            open = false;
            continue;
        }
        if (!open) {
            out.push_back({0, 0});
        } else if (slope != 0 && out.back().direction != 0 && slope != out.back().direction) {
            out.push_back({1, 0});  // the turning point ends one trend and starts the next
        }
        open = true;
        ++out.back().count;
        if (slope != 0 && out.back().count > 1) out.back().direction = slope;
    }
    return out;
}

}  // namespace

Findings find_signals(const Chart& chart) {
    Findings out;
    for (const RunsAnalysis& r : chart.runs) {
        PartFindings f;
        f.part = r.part;
        const PartValues v = part_values(chart, r.part);
        f.long_run = r.longest_run && r.longest_run_max && *r.longest_run > *r.longest_run_max;
        f.long_run_span = long_run(r, v);
        f.too_few_crossings = r.n_crossings && r.n_crossings_min && *r.n_crossings < *r.n_crossings_min;
        f.shifts = shifts(chart, v);
        f.trends = trends(chart, v);
        for (std::size_t k = 0; k < chart.points.size(); ++k) {
            const ChartPoint& p = chart.points[k];
            if (p.part != r.part || !p.sigma_signal) continue;
            (p.y && p.ucl && *p.y > *p.ucl ? f.above : f.below).push_back(k);
        }
        out.parts.push_back(std::move(f));
    }
    return out;
}

}  // namespace waymark::core::qi
