#pragma once
// A child's legal status through their journey (docs/timeline.md, "Legal status"): a
// permanence order or adoption, when there is one, over the order or agreement the child is
// looked after under (s25, CPO, ICSO, CSO).
#include "core/journey.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace waymark::core {

enum class LegalStatus : std::uint8_t {
    none,  // not looked after and no order
    s25,   // accommodated by agreement (s.25 of the Children (Scotland) Act 1995)
    cpo,
    icso,
    cso,
    poa,              // a permanence order with authority to adopt: awaiting adoption
    placement_order,  // England's authority to adopt: awaiting adoption
    po,
    kinship_care_order,
    adopted
};

// A stretch of one legal status, begun by one event: a CSO continued at a review hearing is a
// new period of the same status.
struct LegalStatusPeriod {
    LegalStatus status = LegalStatus::none;
    Date start;
    std::optional<Date> end;      // the next period's start; nullopt for the last
    std::size_t start_index = 0;  // into the journey's events: the event that began it
};

// The periods in journey order, from the occurred events of the built-in vocabulary (planned
// events change nothing). Starts with the first event that sets a status; periods may be empty
// (several changes on one day).
std::vector<LegalStatusPeriod> legal_status_periods(const Journey& journey);

}  // namespace waymark::core
