#pragma once
// Cell suppression of a table of counts tied together by sums (docs/measures.md "Small
// numbers"): the counts from 1 to 4 are hidden (primary suppression), then more counts
// (complementary suppression) until no hidden count can be worked out from the shown ones by
// adding and subtracting along the sums.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace waymark::app {

// Counts from 1 to 4 could identify a child: they are never shown in an aggregate output.
constexpr std::int64_t kSmallCount = 5;
constexpr bool is_small(std::int64_t n) noexcept {
    return n > 0 && n < kSmallCount;
}

// What every output shows for a count or value it hides, whatever the reason (a single mark,
// so that a hidden count gives nothing away by how it is marked: docs/measures.md).
inline constexpr const char* kSuppressed = "[c]";

struct SuppressionCell {
    std::int64_t value = 0;
    // Printed in the outputs. A count that is not (a denominator less its numerator) can be
    // worked out from those that are, so it is protected as well, and is the first choice
    // when one more count must be hidden: hiding it costs nothing to show.
    bool published = true;
    // Decided elsewhere (a total whose own report shows it so): left hidden or shown as it is.
    bool locked = false;
    bool hidden = false;
};

// cells[total] = the sum of cells[parts].
struct SuppressionSum {
    std::size_t total = 0;
    std::vector<std::size_t> parts;
};

// Hides every unlocked count from 1 to 4; then, while a sum has exactly one hidden count, hides
// one more of it; then, while the shown counts and the sums still determine a hidden count
// (see determined_cells), one more in a sum of that count; each time the one chosen is the
// unlocked shown count of the sum that comes first by: not zero, not published, smallest,
// first in `cells`. Deterministic: the same counts give the same pattern.
void suppress(std::vector<SuppressionCell>& cells, const std::vector<SuppressionSum>& sums);

// The hidden cells whose values follow from the shown cells and the sums (linear algebra:
// those fixed in every solution), in order. Empty after suppress().
std::vector<std::size_t> determined_cells(const std::vector<SuppressionCell>& cells,
                                          const std::vector<SuppressionSum>& sums);

}  // namespace waymark::app
