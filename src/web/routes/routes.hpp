#pragma once
// Each group of pages adds its routes to the one router (handlers.cpp's make_router).
#include "web/routes/router.hpp"

namespace waymark::web {

void add_children_routes(Router& router);             // children.cpp: a child, its timeline PDF
void add_measures_routes(Router& router);             // measures.cpp: the catalogue, a measure's chart and downloads
void add_tests_of_change_routes(Router& router);      // tests_of_change.cpp: tests, PDSA cycles, decisions
void add_caseload_routes(Router& router);             // caseload.cpp: My children, the dashboard, reallocation
void add_search_routes(Router& router);               // search.cpp: finding a child
void add_events_routes(Router& router);               // events.cpp: record, plan, correct, cancel a child's events
void add_admin_routes(Router& router);                // admin.cpp: users, teams, standards, audit log
void add_import_routes(Router& router);               // import.cpp: uploading DATA.md files
void add_event_history_routes(Router& router);        // event_history.cpp: an event's versions, page and API
void add_api_tests_of_change_routes(Router& router);  // api_tests_of_change.cpp: tests, cycles in the API
void add_this_week_routes(Router& router);            // this_week.cpp: Due this week, its CSV and calendar file

}  // namespace waymark::web
