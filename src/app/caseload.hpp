#pragma once
// Teams and allocations (issue 5): which social worker holds each child's case, and which
// reviewing officer and legal worker are named for it. The import files (DATA.md) carry none
// of this; a council loads it from its case system (allocations.csv, `waymark allocate
// --from`) or sets it one child at a time (`waymark allocate`, the web's reallocation form).
// Who may see which child follows from it: app/access.hpp.
#include "app/auth.hpp"
#include "app/import.hpp"
#include "app/reports.hpp"
#include "app/store.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::app {

struct Team {
    std::string local_authority;
    std::string name;
};

// The groups of children that are in no team, in measures by team (app/measure_report.hpp):
// not allocated to a worker, or allocated to a worker who is in no team. No team may be called
// either (in any case).
inline constexpr const char* kNotAllocated = "not allocated";
inline constexpr const char* kNoTeam = "no team";

// A child's allocation: user names, empty where no one is named.
struct Allocation {
    std::string local_authority;
    std::string child_id;
    std::string worker;  // the allocated social worker (or a team manager holding the case)
    std::string reviewing_officer;
    std::string legal;
    std::string allocated_by;  // who made this allocation
    std::string allocated_at;  // UTC, ISO 8601
};

// The port. Each write is one transaction; the use cases below check what they write.
class CaseloadStore {
public:
    virtual ~CaseloadStore() = default;
    // Throws core::Error(conflict) when the council already has the team. With the audit entry,
    // if given, in the same transaction.
    virtual void add_team(const Team& team, std::int64_t created,
                          const std::optional<AuditEntry>& audit = std::nullopt) = 0;
    // The teams of one council (or of all), by council and name.
    [[nodiscard]] virtual std::vector<Team> teams(const std::optional<std::string>& local_authority) = 0;
    // The users of one council, by name (no secrets are read).
    [[nodiscard]] virtual std::vector<User> council_users(std::string_view local_authority) = 0;
    [[nodiscard]] virtual std::optional<Allocation> allocation(std::string_view local_authority,
                                                               std::string_view child_id) = 0;
    // The council's allocations, by child id.
    [[nodiscard]] virtual std::vector<Allocation> allocations(std::string_view local_authority) = 0;
    // Stores each allocation, replacing the child's stored one, and appends the audit entries,
    // all in one transaction.
    virtual void put_allocations(std::span<const Allocation> allocations, std::span<const AuditEntry> audit) = 0;
};

// Adds a team; throws core::Error(invalid_input) for an empty council or name or a name kept for
// the children in no team (kNotAllocated, kNoTeam, in any case), (conflict) when it exists.
// The audit entry, if given, is written with the team.
Team add_team(CaseloadStore& store, std::string_view local_authority, std::string_view name, std::int64_t now,
              const std::optional<AuditEntry>& audit = std::nullopt);

// Throws core::Error(invalid_input), naming --team, unless the council has the team (an empty
// team is no team and passes).
void check_team_exists(CaseloadStore& store, std::string_view local_authority, std::string_view team);

// One allocation asked for: the child and the three names (empty: no one).
struct AllocationRequest {
    std::string local_authority;
    std::string child_id;
    std::string worker;
    std::string reviewing_officer;
    std::string legal;
};

// A problem with one request: the field (child_id, worker, reviewing_officer or legal) and
// what is wrong, in words.
struct AllocationProblem {
    std::string field;
    std::string message;
};

// What a council's allocations are checked against: its children and its users.
class AllocationRules {
public:
    AllocationRules(Store& store, std::string_view local_authority);
    // Nothing when the request may be stored; else the first problem. The child must be one
    // of the council's; the worker a social worker or team manager of the council (required);
    // the reviewing officer a reviewing officer and the legal worker a legal user of it.
    [[nodiscard]] std::optional<AllocationProblem> check(const AllocationRequest& request) const;
    [[nodiscard]] const std::string& local_authority() const noexcept { return local_authority_; }

private:
    std::string local_authority_;
    std::vector<std::string> children_;  // sorted
    std::vector<User> users_;            // by name
};

struct AllocationCounts {
    std::size_t allocated = 0;  // new or changed
    std::size_t unchanged = 0;
};

// Checks and stores allocations of one council in one transaction, each change audited
// (action "allocate", by `viewer`, with `reason` when one is given: the web's reallocation asks
// for one). Throws core::Error(invalid_input) naming the field for the first bad request
// (nothing is stored).
AllocationCounts allocate(Store& store, std::span<const AllocationRequest> requests, const Viewer& viewer,
                          std::string_view reason = {});

// The reason given for a reallocation, checked: nothing when it will do, else what to do, in
// words. Required, at most kMaxReason characters, no control characters but line breaks.
inline constexpr std::size_t kMaxReason = 1000;
std::optional<std::string> reason_problem(std::string_view reason);

// Reads allocations.csv (child_id, local_authority, worker, reviewing_officer, legal; the last
// two optional), checks every row against its council and throws ImportError listing the
// problems with file:line:column (nothing is stored); else stores them all in one transaction.
AllocationCounts import_allocations(Store& store, const std::string& path, const Viewer& viewer,
                                    std::size_t max_problems = 20);

}  // namespace waymark::app
