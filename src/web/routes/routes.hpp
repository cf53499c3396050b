#pragma once
// Each group of pages adds its routes to the one router (handlers.cpp's make_router).
#include "web/routes/router.hpp"

namespace waymark::web {

void add_children_routes(Router& router);  // children.cpp: the list, a child, its timeline PDF
void add_admin_routes(Router& router);     // admin.cpp: users, teams, standards, audit log
void add_import_routes(Router& router);    // import.cpp: uploading DATA.md files

}  // namespace waymark::web
