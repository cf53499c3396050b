#pragma once
// A test of change marked on a run or control chart where it starts: what app finds (the tests of
// change linked to a measure, or --test-of-change) and render draws, as data.
#include <string>

namespace waymark::core::qi {

struct ChartMark {
    double x = 0;       // in the chart's x units: the day serial (core::Date::serial()) for dates
    std::string label;  // "TOC-3 Huddles"
};

}  // namespace waymark::core::qi
