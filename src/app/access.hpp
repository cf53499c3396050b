#pragma once
// Who may see which named child (issue 5, DESIGN.md "Who uses it"): decided here and only
// here, for the pages, the API and the command line alike.
//
//   - Never a child of another council; never a named child for a role that sees aggregates
//     only (improvement advisor, administrator, national analyst).
//   - A team manager sees every child of the council; a social worker the children allocated
//     to them or to a worker of their team; a reviewing officer and a legal worker the children
//     they are named for in that capacity.
//   - Restricted records: once an adoption plan starts (a restricting event recorded as
//     occurred, kept by the store until an administrator lifts it: app/restriction.hpp,
//     StatusRow::restricted), only the users named on the child's allocation and the team
//     managers of the allocated worker's team see the child. A restricted child with no
//     allocated worker is seen by the council's team managers, so that someone can allocate it.
// Whoever may not see a child is told there is no such child (404, not 403), so that its
// existence does not leak.
#include "app/auth.hpp"
#include "app/caseload.hpp"
#include "app/reports.hpp"
#include "app/status_cache.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::app {

// What the rules read about a child.
struct ChildFacts {
    std::string local_authority;
    bool restricted = false;                 // an adoption plan has started
    const Allocation* allocation = nullptr;  // none: not allocated
    std::string_view worker_team;            // the allocated worker's team ("" if none)
};

bool may_see(const User& user, const ChildFacts& child) noexcept;
// A team manager who may see the child may reallocate it.
bool may_reallocate(const User& user, const ChildFacts& child) noexcept;

// One council's allocations and its users' teams, read once for deciding over many children.
class CouncilAccess {
public:
    CouncilAccess(CaseloadStore& store, std::string_view local_authority);
    [[nodiscard]] ChildFacts facts(const std::string& child_id, bool restricted) const;
    [[nodiscard]] const Allocation* allocation(const std::string& child_id) const;
    // The user's team, "" for none or no such user.
    [[nodiscard]] const std::string& team_of(const std::string& user) const;
    [[nodiscard]] const std::string& local_authority() const noexcept { return local_authority_; }

private:
    std::string local_authority_;
    std::map<std::string, Allocation, std::less<>> allocations_;  // by child id
    std::map<std::string, std::string, std::less<>> teams_;       // user -> team
};

// A row of a list of children: the child's status, its allocation and the worker's team. It
// points into what the list keeps alive (CaseloadRows::keep): a council's list is 1,500 rows,
// asked for on every visit, and the rows are the status cache's, so they are not copied.
struct CaseloadRow {
    const StatusRow* status = nullptr;
    const Allocation* allocation = nullptr;  // never null: an empty one when not allocated
    const std::string* team = nullptr;       // never null: "" when none
};

struct CaseloadRows {
    std::vector<CaseloadRow> rows;
    std::shared_ptr<const void> keep;  // the status rows and the council's access the rows point into

    [[nodiscard]] std::size_t size() const noexcept { return rows.size(); }
    [[nodiscard]] bool empty() const noexcept { return rows.empty(); }
    [[nodiscard]] const CaseloadRow& operator[](std::size_t i) const { return rows[i]; }
    [[nodiscard]] auto begin() const noexcept { return rows.begin(); }
    [[nodiscard]] auto end() const noexcept { return rows.end(); }
};

// A council's children as of a date joined with their allocations and workers' teams: what
// visible_children narrows to each user. Built in place (the rows point into it) and kept
// between requests by StatusCache::council_children.
struct CouncilChildren {
    CouncilChildren(StatusRows status_rows, CaseloadStore& store, std::string_view local_authority);
    CouncilChildren(const CouncilChildren&) = delete;
    CouncilChildren& operator=(const CouncilChildren&) = delete;
    CouncilChildren(CouncilChildren&&) = delete;
    CouncilChildren& operator=(CouncilChildren&&) = delete;
    ~CouncilChildren() = default;

    StatusRows rows;
    CouncilAccess access;
    std::vector<CaseloadRow> joined;  // one per status row, in its order
};

// The children of the user's council the user may see, as of `as_of`, in (council, child id)
// order: the council's children (from `cache` when given: app/status_cache.hpp) narrowed by
// may_see.
CaseloadRows visible_children(Store& store, const StandardSet& standards, const User& user, core::Date as_of,
                              StatusCache* cache = nullptr);

// One child, with its own copy of everything.
struct ChildCase {
    StatusRow status;
    Allocation allocation;  // empty names when not allocated
    std::string team;       // the allocated worker's team
};

// One named child of the user's council as a caseload row, or nothing when the user may not
// see it (or there is no such child): callers answer "not found" either way.
std::optional<ChildCase> visible_child(Store& store, const StandardSet& standards, const User& user,
                                       std::string_view local_authority, const std::string& child_id, core::Date as_of);

}  // namespace waymark::app
