#pragma once
// Who may do what with measures and tests of change (DESIGN.md "Who uses it"). Every signed-in
// role may read aggregates and its council's tests of change; these say who may do more.
#include "app/auth.hpp"

namespace waymark::app {

// Improvement advisors, who run tests of change, and team managers, whose teams try them, may
// create tests, record PDSA cycles and decide. Administrators configure the system and do not
// run improvement work; the other roles read.
bool may_edit_tests_of_change(Role role) noexcept;

// National analysts see measures for every council together or for any one council; every other
// role sees its own council's only.
bool sees_every_council(Role role) noexcept;

}  // namespace waymark::app
