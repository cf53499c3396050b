#pragma once
// "My children" and the drift dashboard (issue 5): the caseload a user may see, narrowed by a
// scope and filters and sorted, and the counts of the dashboard over it. Each answer starts from
// app::visible_children (one status report); a due report is read only for the filters and
// counts that are about single clocks.
#include "app/access.hpp"
#include "app/reports.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace waymark::app {

// Whose children: allocated to the user (in any capacity), held by the user's team, or every
// child of the council the user may see.
enum class CaseloadScope : std::uint8_t { mine, team, council };
// By name only in one's own caseload (the one view that shows names); by overdue: the number of
// overdue clocks.
enum class CaseloadSort : std::uint8_t { reference, stage, days_in_stage, next_due, name, overdue };

std::string_view to_string(CaseloadScope s) noexcept;
std::optional<CaseloadScope> parse_scope(std::string_view text) noexcept;
std::string_view to_string(CaseloadSort s) noexcept;
std::optional<CaseloadSort> parse_sort(std::string_view text) noexcept;
std::optional<core::Stage> parse_stage(std::string_view text) noexcept;
// The scopes a role chooses from, the first its default: a team manager's team (when they have
// one), a social worker's own.
std::vector<CaseloadScope> scopes_of(const User& user);

struct CaseloadQuery {
    core::Date as_of;
    CaseloadScope scope = CaseloadScope::mine;
    std::optional<core::Stage> stage;
    bool overdue_only = false;                    // children with an overdue clock
    std::optional<std::string> overdue_standard;  // children with an overdue clock of this standard
    std::optional<std::int32_t> due_within;       // children with a running clock due in 0..N days
    std::optional<std::string> due_standard;      // with due_within: a clock of this standard
    bool long_at_home = false;                    // at home on a CSO for over two years
    std::optional<std::int32_t> lapsed_within;    // children with an order that lapsed in the last N days
    std::optional<std::string> worker;            // allocated to this worker
    std::optional<std::string> team;              // held by this team
    CaseloadSort sort = CaseloadSort::reference;
    bool descending = false;
};

// A problem with a query: the parameter and what is wrong.
struct QueryProblem {
    std::string field;
    std::string message;
};

// Reads a query from named parameters (`get` returns a parameter's value, if given): scope,
// stage, overdue, overdue_standard, due_within, due_standard, long_at_home, lapsed_within,
// worker, team, sort, order. The scope defaults to the user's first; a scope the role does not have is a problem.
using ParamLookup = std::function<std::optional<std::string>(std::string_view)>;
std::optional<QueryProblem> read_caseload_query(const ParamLookup& get, const User& user, const StandardSet& standards,
                                                CaseloadQuery& query);

// The query as parameters, for links: (name, value) pairs, not encoded, only what differs
// from the defaults, `without` left out.
std::vector<std::pair<std::string, std::string>> caseload_query_params(const CaseloadQuery& query, const User& user,
                                                                       std::string_view without = {});

// Whether a child is on a CSO at home for over two years as of `as_of`.
bool long_at_home(const StatusRow& row, core::Date as_of);

// The rows of the user's caseload the query selects, in its order (the status rows from `cache`
// when given, as visible_children). Sorting by name reads the names of the rows (one query),
// only to order them: what a page shows of them is read and audited by caseload_names.
CaseloadRows caseload(Store& store, const StandardSet& standards, const User& user, const CaseloadQuery& query,
                      StatusCache* cache = nullptr);

// The names of the children of a user's own caseload (the `mine` scope, at most
// kMaxNamedRows rows), by child id, for "My children". Showing a name is a view of the child's
// record, so the children named are audited first: one entry (action view_caseload, no
// child_id) whose detail lists them by case reference (caseload_audit_detail, app/audit.hpp). The team's and the
// council's views show case references only: a manager opens a child's page (audited) to see the name.
inline constexpr std::size_t kMaxNamedRows = 200;
std::map<std::string, std::string> caseload_names(Store& store, std::span<const CaseloadRow> rows, const Viewer& viewer,
                                                  core::Date as_of);

// A team's worker and their caseload: the children allocated to them (as worker) among the
// rows given, and how many of those have an overdue clock.
struct WorkerCount {
    std::string worker;  // the user name
    std::int32_t children = 0;
    std::int32_t overdue = 0;
};
// Each social worker and team manager of `team` among `users` (in their order), counted over
// `rows` (a team manager's team scope, unfiltered).
std::vector<WorkerCount> worker_counts(const CaseloadRows& rows, std::span<const User> users, std::string_view team);

// --- Lapsed orders --------------------------------------------------------------------------

// The window of the dashboard's lapsed orders (DOMAIN.md section 5: "orders that lapsed in the
// last 90 days").
inline constexpr std::int32_t kLapsedWindow = 90;

// Whether a report row is an order that lapsed in the `days` days to `as_of`: a lapsed clock
// (an ICSO or CSO not reviewed in time) whose order ceased to have effect at the end of a due
// day (its stopped_on) from as_of - days to as_of.
bool lapsed_within(const DueRow& row, core::Date as_of, std::int32_t days) noexcept;

// The orders of `report` (read with `all`, so that lapsed clocks are in it) that lapsed in the
// `days` days to its as-of date, among the children `visible` names (by child id; the caller's
// visible_children, so that a child the user may not see is never counted), and their children.
struct LapsedOrders {
    std::int32_t orders = 0;
    std::set<std::string, std::less<>> children;  // child ids
};
LapsedOrders lapsed_orders(const DueReport& report, const std::set<std::string, std::less<>>& visible,
                           std::int32_t days);

// --- The drift dashboard -------------------------------------------------------------------

struct StageCount {
    core::Stage stage = core::Stage::not_looked_after;
    std::int32_t children = 0;
    std::optional<std::int32_t> median_days;  // in the stage (children whose stage has a start)
    std::optional<std::int32_t> longest_days;
};
struct StandardCount {
    const core::Standard* standard = nullptr;
    std::int32_t clocks = 0;
    std::int32_t children = 0;
};
struct Dashboard {
    std::int32_t children = 0;
    std::vector<StageCount> stages;      // stages with children, in the order of core::Stage
    std::vector<StandardCount> overdue;  // standards with overdue clocks, most children first
    std::int32_t long_at_home = 0;       // children at home on a CSO over two years
    std::vector<StandardCount> due_28;   // clocks falling due in the next 28 days, by standard
    std::int32_t due_28_children = 0;
    std::int32_t lapsed_orders = 0;    // orders that lapsed in the last kLapsedWindow days
    std::int32_t lapsed_children = 0;  // the children they were made for
};

// The dashboard over the user's scope (the query's scope; its filters are not applied).
Dashboard dashboard(Store& store, const StandardSet& standards, const User& user, const CaseloadQuery& query,
                    StatusCache* cache = nullptr);

}  // namespace waymark::app
