// Data preparation (QI.md): rows to subgroups, one per x, and the parts they fall in.
#include "core/qi.hpp"
#include "core/qi_stats.hpp"

#include <algorithm>
#include <cmath>

namespace waymark::core::qi {

using namespace stats;

std::vector<Subgroup> prepare_subgroups(const std::vector<Observation>& rows, const ChartOptions& options) {
    std::vector<const Observation*> sorted;
    sorted.reserve(rows.size());
    for (const Observation& row : rows) {
        if (std::isfinite(row.x)) sorted.push_back(&row);
    }
    // Stable, so that a subgroup's first row (its part label) is the first in input order.
    const auto by_x = [](const Observation* a, const Observation* b) { return a->x < b->x; };
    if (!std::is_sorted(sorted.begin(), sorted.end(), by_x)) std::stable_sort(sorted.begin(), sorted.end(), by_x);

    std::vector<Subgroup> groups;
    groups.reserve(sorted.size());
    std::vector<double> ys;  // one subgroup's values; reused
    for (std::size_t start = 0; start < sorted.size();) {
        std::size_t end = start;
        while (end < sorted.size() && sorted[end]->x == sorted[start]->x) ++end;
        Subgroup g;
        g.x = sorted[start]->x;
        g.part_label = sorted[start]->part_label;
        // One row without a denominator (most series): its value is the row's, whatever the
        // aggregation; no long double arithmetic needed.
        if (end == start + 1 && !options.has_denominator) {
            const auto& y = sorted[start]->y;
            if (y && std::isfinite(*y)) {
                g.y_length = 1;
                g.y_sum = *y;
                g.y_mean = *y;
                g.value = *y;
            }
            groups.push_back(std::move(g));
            start = end;
            continue;
        }
        ys.clear();
        long double n_sum = 0;
        for (std::size_t k = start; k < end; ++k) {
            const Observation& row = *sorted[k];
            const bool y_ok = row.y && std::isfinite(*row.y);
            const bool n_ok = row.n && std::isfinite(*row.n);
            // With a denominator, a row missing either half is missing in both (complete cases).
            if (!y_ok || (options.has_denominator && !n_ok)) continue;
            ys.push_back(*row.y);
            if (options.has_denominator) n_sum += *row.n;
        }
        g.y_length = ys.size();
        if (!ys.empty()) {
            long double sum = 0;
            for (double v : ys) sum += v;
            g.y_sum = static_cast<double>(sum);
            const double mean = mean_of(ys);
            g.y_mean = mean;
            if (ys.size() >= 2) {
                long double squares = 0;
                for (double v : ys)
                    squares += (static_cast<long double>(v) - mean) * (static_cast<long double>(v) - mean);
                g.y_sd = std::sqrt(static_cast<double>(squares / static_cast<long double>(ys.size() - 1)));
            }
            if (options.has_denominator) {
                g.n = static_cast<double>(n_sum);
                // n = 0 gives no proportion or rate: the point is missing (and has no limits).
                if (n_sum != 0) g.value = static_cast<double>(sum / n_sum);
            } else {
                switch (options.aggregation) {
                    case Aggregation::mean:
                        g.value = mean;
                        break;
                    case Aggregation::median:
                        g.value = median_of(ys);
                        break;
                    case Aggregation::sum:
                        g.value = *g.y_sum;
                        break;
                }
            }
        }
        groups.push_back(std::move(g));
        start = end;
    }
    return groups;
}

std::vector<int> parts_from_breaks(const std::vector<std::size_t>& breaks, std::size_t count) {
    // A break at b means points 1..b end a part; breaks outside 1..count-1 change nothing.
    std::vector<bool> starts(count, false);
    for (std::size_t b : breaks) {
        if (b >= 1 && b < count) starts[b] = true;
    }
    std::vector<int> parts(count, 1);
    int part = 1;
    for (std::size_t k = 0; k < count; ++k) {
        if (starts[k]) ++part;
        parts[k] = part;
    }
    return parts;
}

std::vector<int> parts_from_label_list(const std::vector<std::string>& labels) {
    std::vector<int> parts(labels.size(), 1);
    std::vector<std::string> seen;
    int part = 0;
    for (std::size_t k = 0; k < labels.size(); ++k) {
        if (std::find(seen.begin(), seen.end(), labels[k]) == seen.end()) {
            seen.push_back(labels[k]);
            ++part;
        }
        parts[k] = part;
    }
    return parts;
}

}  // namespace waymark::core::qi
