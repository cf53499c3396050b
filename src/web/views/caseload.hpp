#pragma once
// "My children" (the caseload with filters and sorting), the drift dashboard and the
// reallocation form (issue 5). Plain forms with GET parameters: no JavaScript.
#include "app/caseload.hpp"
#include "app/caseload_report.hpp"
#include "web/views/pages.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace waymark::web::views {

// The choices of the filter form.
struct CaseloadChoices {
    std::vector<app::CaseloadScope> scopes;  // the first is the default
    std::vector<std::string> workers;        // for managers: the council's workers
    std::vector<std::string> teams;          // for managers: the council's teams
    const std::vector<core::Standard>* standards = nullptr;
};

struct CaseloadPage {
    app::User user;
    app::CaseloadQuery query;
    app::CaseloadRows rows;
    CaseloadChoices choices;
    std::optional<app::QueryProblem> problem;  // a bad parameter: shown in an error summary
    std::map<std::string, std::string> names;  // by child id: the own caseload's names (audited)
    std::size_t page = 1;                      // of kRowsPerPage rows, from 1
};
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
    std::vector<std::string> workers;
    std::vector<std::string> reviewing_officers;
    std::vector<std::string> legal;
    std::optional<app::AllocationProblem> problem;
};
std::string allocation_page(const Chrome& chrome, const AllocationForm& form);

}  // namespace waymark::web::views
