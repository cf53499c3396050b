#!/usr/bin/env bash
# The journey stage rules and the permanent destinations live in core/ only (issue 14, item 3):
# core/stage.hpp exports the stage enum, is_permanent_destination, authorises_adoption and
# is_permanence_order, and core/legal_status.hpp the legal status periods. Fails if a copy of them
# appears anywhere else under src/ or tests/unit/:
#   1. an `enum class Stage` (the synthetic generator had its own);
#   2. a line comparing a value with two or more of the orders and destinations (a destination
#      list: `d == "home" || d == "kinship_care_order" || ...`);
#   3. under src/ (outside core/), any comparison with an order or a permanent destination other
#      than "home" ("home" is also a period kind): the legal status derived from raw events again;
#   4. a stage name returned as a string literal (a stage function of one's own), for the names
#      that are nothing but stages ("legal", "panel" and "permanent" are ordinary words too).
set -u
root=$1
fail=0
values='(home|kinship_care_order|po|poa|adoption|sgo|cao|placement_order)'
report() {
  if [ -n "$2" ]; then
    echo "$1"
    echo "$2"
    fail=1
  fi
}
outside_core() { grep -rnE --include='*.cpp' --include='*.hpp' "$1" "$root/src" "$root/tests/unit" | grep -v "^$root/src/core/"; }
report "A stage enum outside src/core (use core::Stage):" "$(outside_core 'enum class Stage\b')"
report "A list of orders or destinations outside src/core (use core/stage.hpp):" \
  "$(outside_core "== *\"$values\".*== *\"$values\"")"
report "An order or a permanent destination compared outside src/core (use core/stage.hpp, core/legal_status.hpp):" \
  "$(grep -rnE --include='*.cpp' --include='*.hpp' '== *"(kinship_care_order|po|poa|adoption|sgo|cao|placement_order)"' "$root/src" | grep -v "^$root/src/core/")"
report "A stage name returned outside src/core (use core::compute_stage and core::to_string):" \
  "$(outside_core 'return "(awaiting_adoption|not_looked_after|away_assessment|returning_home|permanence_planning)"')"
[ $fail -eq 0 ] && echo "the stage rules and destination lists are only in src/core"
exit $fail
