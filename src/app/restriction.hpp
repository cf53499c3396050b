#pragma once
// Restricted records (issue 11): once an adoption plan starts, only those named on the
// child's allocation and their team's managers see the child (app/access.hpp). A restricting
// event recorded as occurred restricts the child for good, in the store (app/store.hpp, the
// Store's restrictions): later events, corrections, cancellations and as-of dates do not undo
// it. Only an administrator's recorded decision lifts it: for a child of their own council,
// named by case reference (administrators never see a named child), with a reason, recorded
// and audited (lift_restriction) in one transaction. A new restricting event after a lift
// restricts the child again.
#include "app/admin.hpp"
#include "app/store.hpp"

#include <string_view>
#include <vector>

namespace waymark::app {

// The administrator's council's children ever restricted, by child id (no names). Throws
// Error(forbidden) unless `admin` is an administrator.
std::vector<Restriction> council_restrictions(RestrictionStore& store, const Actor& admin);

// Lifts the restriction of the child `child_id` of the administrator's council. Throws
// Error(forbidden) unless `admin` is an administrator, and FormError (fields child, reason)
// for a missing case reference or reason, or a child of the council not restricted now
// (whether or not it exists).
void lift_restriction(RestrictionStore& store, const Actor& admin, std::string_view child_id, std::string_view reason);

}  // namespace waymark::app
