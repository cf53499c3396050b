#pragma once
// Each group of pages adds its routes to the one router (handlers.cpp's make_router).
#include "web/routes/router.hpp"

namespace waymark::web {

void add_children_routes(Router& router);  // children.cpp: the list, a child, its timeline PDF
void add_events_routes(Router& router);    // events.cpp: record, plan, correct, cancel a child's events

}  // namespace waymark::web
