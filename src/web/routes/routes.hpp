#pragma once
// Each group of pages adds its routes to the one router (handlers.cpp's make_router).
#include "web/routes/router.hpp"

namespace waymark::web {

void add_children_routes(Router& router);  // children.cpp: a child, its timeline PDF
void add_caseload_routes(Router& router);  // caseload.cpp: My children, the dashboard, reallocation

}  // namespace waymark::web
