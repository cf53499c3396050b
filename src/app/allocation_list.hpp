#pragma once
// A council's allocations as a list (waymark allocations list): for each allocated child, one
// row for each person named for it (its social worker, reviewing officer, legal worker), with
// that person's team and when the child's allocation was last set. Case references and staff
// names only: no child's record is read.
#include "app/caseload.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::app {

struct AllocationRow {
    std::string child_id;
    std::string role;   // worker, reviewing_officer or legal: the allocation's field
    std::string name;   // the user named
    std::string team;   // the user's team; empty for none (or a name that is no user now)
    std::string since;  // when the child's allocation was last set (UTC, ISO 8601)
};

struct AllocationFilter {
    std::optional<std::string> team;    // children whose allocated worker is of this team
    std::optional<std::string> worker;  // the rows naming this user, in any of the three roles
};

// By child id, then worker, reviewing officer, legal. Throws core::Error(invalid_input) naming
// --team for a team the council does not have, and --worker for a name that is no user of it.
std::vector<AllocationRow> allocation_rows(CaseloadStore& store, std::string_view local_authority,
                                           const AllocationFilter& filter);

}  // namespace waymark::app
