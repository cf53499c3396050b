#pragma once
// Everything one store offers, as the composition root (the program's main and the web server)
// opens it: every narrow port of app/store.hpp and app/auth.hpp (children, journeys, audit log,
// imports, restrictions, through app::Store with its tests of change, caseload and events; users,
// sign-in and API tokens through app::UserStore). The root opens one and hands each use case
// the narrow port it uses; nothing below the root names a concrete store.
#include "app/auth.hpp"
#include "app/store.hpp"

#include <functional>
#include <memory>

namespace waymark::app {

class Database : public Store, public UserStore {};

// Opens another connection to the same database: the web server opens one per thread.
using DatabaseFactory = std::function<std::unique_ptr<Database>()>;

}  // namespace waymark::app
