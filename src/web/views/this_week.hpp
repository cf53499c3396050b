#pragma once
// "Due this week" (issue 13, item 3): the user's clocks and planned events for a week, with the
// week's links, a manager's worker filter and the downloads. Plain links and a GET form: no
// JavaScript.
#include "app/this_week.hpp"
#include "web/views/pages.hpp"

#include <map>
#include <string>
#include <vector>

namespace waymark::web::views {

struct WeekPage {
    app::User user;
    app::WeekQuery query;
    app::ThisWeek week;
    std::vector<app::CaseloadScope> scopes;    // the role's; the first is the default
    std::vector<std::string> workers;          // for managers: the council's workers
    std::map<std::string, std::string> names;  // by child id (audited)
    std::vector<app::User> staff;              // the council's users, by name: staff by staff_label
};

// The query as a query string ("?from=...&scope=..."), only what differs from the defaults;
// `from` replaced when given (the week links).
std::string week_query_string(const WeekPage& page, const std::optional<core::Date>& from = std::nullopt);

std::string this_week_page(const Chrome& chrome, const WeekPage& page);

}  // namespace waymark::web::views
