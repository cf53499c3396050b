#include "app/suppression.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

namespace waymark::app {

namespace {

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

std::size_t hidden_in(const std::vector<SuppressionCell>& cells, const SuppressionSum& s) {
    std::size_t n = cells[s.total].hidden ? 1 : 0;
    for (const std::size_t p : s.parts) n += cells[p].hidden ? 1 : 0;
    return n;
}

// Hides the first by (not zero, not published, smallest, first) of the sum's unlocked shown
// cells; false when there is none.
bool hide_one_more(std::vector<SuppressionCell>& cells, const SuppressionSum& s) {
    std::size_t best = kNone;
    auto key = [&](std::size_t i) {
        const auto& c = cells[i];
        return std::make_tuple(c.value == 0, c.published, c.value, i);
    };
    auto consider = [&](std::size_t i) {
        const auto& c = cells[i];
        if (c.locked || c.hidden) return;
        if (best == kNone || key(i) < key(best)) best = i;
    };
    consider(s.total);
    for (const std::size_t p : s.parts) consider(p);
    if (best == kNone) return false;
    cells[best].hidden = true;
    return true;
}

// Until no sum has exactly one hidden cell (or that cell's sum has nothing left to hide).
void close_sums(std::vector<SuppressionCell>& cells, const std::vector<SuppressionSum>& sums) {
    for (bool changed = true; changed;) {
        changed = false;
        for (const auto& s : sums) {
            if (hidden_in(cells, s) == 1 && hide_one_more(cells, s)) changed = true;
        }
    }
}

bool involves(const SuppressionSum& s, std::size_t cell) {
    return s.total == cell || std::find(s.parts.begin(), s.parts.end(), cell) != s.parts.end();
}

}  // namespace

std::vector<std::size_t> determined_cells(const std::vector<SuppressionCell>& cells,
                                          const std::vector<SuppressionSum>& sums) {
    // The hidden cells are the unknowns; each sum is an equation in them (the shown cells are
    // constants). An unknown is fixed in every solution when it is a pivot of the reduced row
    // echelon form whose row has no free unknown in it.
    std::vector<std::size_t> column(cells.size(), kNone);
    std::vector<std::size_t> hidden;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (cells[i].hidden) {
            column[i] = hidden.size();
            hidden.push_back(i);
        }
    }
    if (hidden.empty()) return {};
    const std::size_t n = hidden.size();
    std::vector<std::vector<double>> rows;
    for (const auto& s : sums) {
        std::vector<double> row(n, 0.0);
        bool any = false;
        if (column[s.total] != kNone) {
            row[column[s.total]] += 1.0;
            any = true;
        }
        for (const std::size_t p : s.parts) {
            if (column[p] == kNone) continue;
            row[column[p]] -= 1.0;
            any = true;
        }
        if (any) rows.push_back(std::move(row));
    }
    constexpr double kTiny = 1e-9;
    std::vector<std::size_t> pivot_row(n, kNone);
    std::size_t r = 0;
    for (std::size_t c = 0; c < n && r < rows.size(); ++c) {
        std::size_t best = r;
        for (std::size_t i = r + 1; i < rows.size(); ++i) {
            if (std::abs(rows[i][c]) > std::abs(rows[best][c])) best = i;
        }
        if (std::abs(rows[best][c]) < kTiny) continue;
        std::swap(rows[r], rows[best]);
        const double lead = rows[r][c];
        for (double& x : rows[r]) x /= lead;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if (i == r || std::abs(rows[i][c]) < kTiny) continue;
            const double f = rows[i][c];
            for (std::size_t k = 0; k < n; ++k) rows[i][k] -= f * rows[r][k];
        }
        pivot_row[c] = r++;
    }
    std::vector<std::size_t> out;
    for (std::size_t c = 0; c < n; ++c) {
        if (pivot_row[c] == kNone) continue;  // free: any value will do
        const auto& row = rows[pivot_row[c]];
        bool fixed = true;
        for (std::size_t f = 0; f < n && fixed; ++f) {
            if (pivot_row[f] == kNone && std::abs(row[f]) > kTiny) fixed = false;
        }
        if (fixed) out.push_back(hidden[c]);
    }
    return out;
}

void suppress(std::vector<SuppressionCell>& cells, const std::vector<SuppressionSum>& sums) {
    for (auto& c : cells) {
        if (!c.locked && is_small(c.value)) c.hidden = true;
    }
    for (;;) {
        close_sums(cells, sums);
        bool more = false;
        for (const std::size_t d : determined_cells(cells, sums)) {
            for (const auto& s : sums) {
                if (involves(s, d) && hide_one_more(cells, s)) {
                    more = true;
                    break;
                }
            }
            if (more) break;
        }
        if (!more) return;
    }
}

}  // namespace waymark::app
