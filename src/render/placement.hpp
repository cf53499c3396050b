#pragma once
// Label placement for timelines and charts: pure geometry, no drawing.
//
// Labels sit in lanes above a horizontal axis, each joined to its point on the axis by a
// vertical leader line. place_labels guarantees that no two labels overlap, that no leader
// crosses a label, and that every label lies within [min_x, max_x]; the labels it cannot place
// are returned so the caller can summarise them (summarise_clusters).
#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace waymark::render {

struct LabelRequest {
    double anchor_x = 0;  // where the leader meets the axis
    double width = 0;     // the label's measured width
    int priority = 0;     // higher is placed first
};

struct PlacedLabel {
    std::size_t request = 0;  // index into the requests
    double x = 0;             // left edge
    int lane = 0;             // 0 is nearest the axis
};

struct LabelLayout {
    std::vector<PlacedLabel> placed;    // in request order
    std::vector<std::size_t> unplaced;  // request indices, ascending
};

struct LaneSpec {
    double min_x = 0;
    double max_x = 0;
    int lanes = 1;
    double gap = 3;              // space kept between labels in a lane
    double leader_margin = 1.5;  // space kept between a leader and a label it passes
    double reach = 2;            // how far the label's end may sit past its anchor
    // Try the highest reachable lane first: a high label blocks other leaders only along its
    // own thin leader, where a low one blocks every leader under its whole width.
    bool fill_from_top = true;
};

LabelLayout place_labels(std::span<const LabelRequest> requests, const LaneSpec& spec);

// Groups points on a line into clusters whose summary labels do not overlap: each cluster's
// label (its width from `label_width(count)`) is centred on the cluster's span, clamped to
// [min_x, max_x], and neighbouring clusters merge until no two labels overlap. Points must be
// sorted by x.
struct Cluster {
    std::size_t first = 0;  // index into the points
    std::size_t last = 0;   // inclusive
    double label_x = 0;     // left edge of the label
    double label_width = 0;
};

template <class WidthFn>
std::vector<Cluster> summarise_clusters(std::span<const double> xs, double join_distance, double min_x, double max_x,
                                        double gap, WidthFn label_width);

}  // namespace waymark::render

#include "render/placement_impl.hpp"
