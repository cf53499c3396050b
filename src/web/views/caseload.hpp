#pragma once
// "My children" (the caseload with filters and sorting), the drift dashboard and the
// reallocation form (issue 5). Plain forms with GET parameters: no JavaScript.
#include "app/caseload.hpp"
#include "app/caseload_report.hpp"
#include "web/views/forms.hpp"
#include "web/views/pages.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace waymark::web::views {

// How a member of staff is shown on a page: app::staff_label, the one place that decides it
// (their display name if an administrator set one, else their user name).
using app::staff_label;
// The same for a user name: the label of the user of that name among `staff`, else the name.
std::string staff_label(std::string_view name, const std::vector<app::User>& staff);

// The choices of the filter form.
struct CaseloadChoices {
    std::vector<app::CaseloadScope> scopes;  // the first is the default
    std::vector<app::User> workers;          // for managers: the council's social workers and managers
    std::vector<std::string> teams;          // for managers: the council's teams
    const std::vector<core::Standard>* standards = nullptr;
    std::vector<app::User> staff;  // the council's users, by name, to show staff by staff_label
};

struct CaseloadPage {
    app::User user;
    app::CaseloadQuery query;
    app::CaseloadRows rows;
    CaseloadChoices choices;
    std::optional<app::QueryProblem> problem;  // a bad parameter: shown in an error summary
    std::map<std::string, std::string> names;  // by child id: the own caseload's names (audited)
    std::size_t page = 1;                      // of kRowsPerPage rows, from 1
    std::vector<app::WorkerCount> workers;     // a team manager's: their team's workers' caseloads
    std::string banner;                        // after a move: what changed
};
// The heading of the list (and its <title>): "My children", "Team" or "Council".
std::string_view caseload_heading(app::CaseloadScope scope);
// The address of the list as the page shows it (filters, sort and page), for coming back to it.
std::string caseload_href(const CaseloadPage& page);
// A council's list runs to 1,500 children: a page shows this many (the sort and the filters
// apply to them all).
inline constexpr std::size_t kRowsPerPage = 100;
// The number of pages `rows` rows take (at least 1).
inline std::size_t page_count(std::size_t rows) {
    return rows == 0 ? 1 : (rows + kRowsPerPage - 1) / kRowsPerPage;
}
std::string caseload_page(const Chrome& chrome, const CaseloadPage& page);

struct DashboardPage {
    app::User user;
    app::CaseloadQuery query;  // its scope
    app::Dashboard dashboard;
    std::vector<app::CaseloadScope> scopes;
};
std::string dashboard_page(const Chrome& chrome, const DashboardPage& page);

struct AllocationForm {
    std::string local_authority;
    std::string child_id;
    std::optional<app::Allocation> current;
    app::AllocationRequest values;  // what the form shows (after a refusal: what was sent)
    std::vector<app::User> workers;
    std::vector<app::User> reviewing_officers;
    std::vector<app::User> legal;
    std::vector<app::User> staff;  // the council's users, for staff_label
    std::string reason;
    std::string back;  // the list to return to (a checked /children address)
    std::optional<app::AllocationProblem> problem;
};
std::string allocation_page(const Chrome& chrome, const AllocationForm& form);

// Moving several children to another worker: the children ticked on the list, the new worker
// and the reason; shown to be confirmed, or with what is wrong.
struct MoveChild {
    std::string child_id;
    std::string worker;  // allocated now (empty: no one)
};
struct MoveForm {
    std::vector<MoveChild> children;
    std::string worker;  // the new worker
    std::string reason;
    std::string back;                  // the list to return to
    std::vector<app::User> workers;    // to choose from
    std::vector<app::User> staff;      // for staff_label
    std::vector<FieldError> problems;  // none: ready to confirm
};
std::string move_page(const Chrome& chrome, const MoveForm& form);

}  // namespace waymark::web::views
