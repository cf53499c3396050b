#pragma once
// Template definitions for render/placement.hpp.
#include <algorithm>

namespace waymark::render {

template <class WidthFn>
std::vector<Cluster> summarise_clusters(std::span<const double> xs, double join_distance, double min_x, double max_x,
                                        double gap, WidthFn label_width) {
    std::vector<Cluster> out;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        if (!out.empty() && xs[i] - xs[out.back().last] <= join_distance) {
            out.back().last = i;
        } else {
            out.push_back({i, i, 0, 0});
        }
    }
    auto settle = [&](Cluster& c) {
        c.label_width = label_width(c.last - c.first + 1);
        const double mid = (xs[c.first] + xs[c.last]) / 2;
        c.label_x = std::clamp(mid - c.label_width / 2, min_x, std::max(min_x, max_x - c.label_width));
    };
    for (Cluster& c : out) settle(c);
    // Merge the first overlapping neighbours until none overlap; each merge removes a cluster,
    // so this ends, at worst with one cluster for all the points.
    for (bool merged = true; merged && out.size() > 1;) {
        merged = false;
        for (std::size_t i = 0; i + 1 < out.size(); ++i) {
            if (out[i].label_x + out[i].label_width + gap > out[i + 1].label_x) {
                out[i].last = out[i + 1].last;
                settle(out[i]);
                out.erase(out.begin() + static_cast<std::ptrdiff_t>(i) + 1);
                merged = true;
                break;
            }
        }
    }
    return out;
}

}  // namespace waymark::render
