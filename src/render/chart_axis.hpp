#pragma once
// Inside render/chart: the scales and ticks of a chart's axes (values with a 1-2-5 step; dates
// in days, months or years, the finest whose labels fit).
#include "render/style.hpp"

#include <string>
#include <vector>

namespace waymark::render::chart_detail {

inline const Font kAxisFont{6.5, false, false};

struct Scale {
    double d0 = 0;
    double d1 = 1;
    double p0 = 0;
    double p1 = 1;
    [[nodiscard]] double at(double v) const { return p0 + (v - d0) * (p1 - p0) / (d1 - d0); }
};

struct Tick {
    double value = 0;
    std::string label;
    std::string year;  // the second row under month and day ticks, where the year changes
};

// Ticks over [lo, hi] with a 1-2-5 step, about `count` of them; whole numbers only when `whole`
// (an x axis of numbers, which may be years: never grouped). On a value axis reaching 10,000
// every label groups its thousands.
std::vector<Tick> number_ticks(double lo, double hi, int count, bool whole);

// The finest date step whose labels fit between the ticks.
std::vector<Tick> date_ticks(const Scale& x, const Writer& w);

}  // namespace waymark::render::chart_detail
