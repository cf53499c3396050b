#include "render/placement.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <utility>

namespace waymark::render {

namespace {

struct Interval {
    double lo = 0;
    double hi = 0;
};

// The x in [lo, hi] closest to `preferred` that lies in no open interval of `forbidden`.
std::optional<double> closest_free(double lo, double hi, double preferred, std::vector<Interval>& forbidden) {
    std::sort(forbidden.begin(), forbidden.end(), [](const Interval& a, const Interval& b) { return a.lo < b.lo; });
    std::optional<double> best;
    auto consider = [&](double a, double b) {  // a free segment [a, b]
        a = std::max(a, lo);
        b = std::min(b, hi);
        if (a > b) return;
        const double x = std::clamp(preferred, a, b);
        if (!best || std::abs(x - preferred) < std::abs(*best - preferred)) best = x;
    };
    double start = lo;
    for (const Interval& f : forbidden) {
        if (f.hi <= start) continue;
        if (f.lo > hi) break;
        consider(start, f.lo);
        start = std::max(start, f.hi);
    }
    consider(start, hi);
    return best;
}

// Gravity: each placed label, lowest lanes first, moves down to the lowest lane where it still
// overlaps no label, its leader crosses no label, and it covers no other leader. Filling from
// the top packs dense stretches; this brings sparse ones back beside their markers.
void settle(std::span<const LabelRequest> requests, const LaneSpec& spec,
            std::vector<std::optional<PlacedLabel>>& placed) {
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < placed.size(); ++i) {
        if (placed[i]) order.push_back(i);
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return placed[a]->lane < placed[b]->lane; });
    const auto covers = [&](std::size_t i, double column) {
        return column > placed[i]->x - spec.leader_margin &&
               column < placed[i]->x + requests[i].width + spec.leader_margin;
    };
    for (std::size_t i : order) {
        PlacedLabel& me = *placed[i];
        const double lo = me.x;
        const double hi = me.x + requests[i].width;
        for (int lane = 0; lane < me.lane; ++lane) {
            bool ok = true;
            for (std::size_t j = 0; j < placed.size() && ok; ++j) {
                if (j == i || !placed[j]) continue;
                const PlacedLabel& other = *placed[j];
                const double olo = other.x;
                const double ohi = other.x + requests[j].width;
                if (other.lane == lane && lo < ohi + spec.gap && olo < hi + spec.gap) ok = false;  // overlap
                if (other.lane < lane && covers(j, requests[i].anchor_x)) ok = false;  // my leader crosses it
                if (other.lane > lane && covers(i, requests[j].anchor_x)) ok = false;  // I cover its leader
            }
            if (ok) {
                me.lane = lane;
                break;
            }
        }
    }
}

}  // namespace

LabelLayout place_labels(std::span<const LabelRequest> requests, const LaneSpec& spec) {
    const auto lanes = static_cast<std::size_t>(std::max(spec.lanes, 0));
    std::vector<std::size_t> order(requests.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (requests[a].priority != requests[b].priority) return requests[a].priority > requests[b].priority;
        return requests[a].anchor_x < requests[b].anchor_x;
    });

    std::vector<std::optional<PlacedLabel>> result(requests.size());
    std::vector<std::vector<Interval>> labels(lanes);  // label spans per lane
    std::vector<std::vector<double>> leaders(lanes);   // leader columns passing through each lane
    std::vector<Interval> forbidden;
    // Settling frees the upper lanes, so the labels left over get further tries.
    for (int round = 0; round < 3; ++round) {
        for (auto& l : labels) l.clear();
        for (auto& l : leaders) l.clear();
        for (const auto& p : result) {
            if (!p) continue;
            const auto lane = static_cast<std::size_t>(p->lane);
            labels[lane].push_back({p->x, p->x + requests[p->request].width});
            for (std::size_t below = 0; below < lane; ++below) leaders[below].push_back(requests[p->request].anchor_x);
        }
        bool added = false;
        for (std::size_t index : order) {
            if (result[index]) continue;
            const LabelRequest& r = requests[index];
            const double lo = std::max(spec.min_x, r.anchor_x - r.width);
            const double hi = std::min(r.anchor_x, spec.max_x - r.width);
            if (lo > hi || r.anchor_x < spec.min_x || r.anchor_x > spec.max_x) continue;
            const double preferred = std::clamp(r.anchor_x - spec.reach, lo, hi);
            // The leader rises through every lane below the label's: it may not cross a label there.
            std::size_t highest = lanes;  // lanes [0, highest) are reachable
            for (std::size_t lane = 0; lane < lanes && highest == lanes; ++lane) {
                for (const Interval& s : labels[lane]) {
                    if (r.anchor_x > s.lo - spec.leader_margin && r.anchor_x < s.hi + spec.leader_margin) {
                        highest = lane + 1;  // this lane itself may still hold the label beside that one
                        break;
                    }
                }
            }
            for (std::size_t k = 0; k < highest; ++k) {
                const std::size_t lane = spec.fill_from_top ? highest - 1 - k : k;
                forbidden.clear();
                for (const Interval& s : labels[lane])
                    forbidden.push_back({s.lo - spec.gap - r.width, s.hi + spec.gap});
                for (double c : leaders[lane]) {
                    forbidden.push_back({c - spec.leader_margin - r.width, c + spec.leader_margin});
                }
                if (auto x = closest_free(lo, hi, preferred, forbidden)) {
                    labels[lane].push_back({*x, *x + r.width});
                    for (std::size_t below = 0; below < lane; ++below) leaders[below].push_back(r.anchor_x);
                    result[index] = PlacedLabel{index, *x, static_cast<int>(lane)};
                    added = true;
                    break;
                }
            }
        }
        settle(requests, spec, result);
        if (!added) break;
    }
    LabelLayout out;
    for (std::size_t i = 0; i < result.size(); ++i) {
        if (result[i]) {
            out.placed.push_back(*result[i]);
        } else {
            out.unplaced.push_back(i);
        }
    }
    return out;
}

}  // namespace waymark::render
