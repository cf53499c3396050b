#pragma once
// Everything one store offers, as the composition root (the program's main and the web server)
// opens it: the journeys, events, audit log, tests of change, caseload and users. The root opens
// one and hands each use case the narrow port it uses (app/store.hpp, app/auth.hpp); nothing
// below the root names a concrete store.
#include "app/auth.hpp"
#include "app/store.hpp"

#include <functional>
#include <memory>

namespace waymark::app {

class Database : public Store, public UserStore {};

// Opens another connection to the same database: the web server opens one per thread.
using DatabaseFactory = std::function<std::unique_ptr<Database>()>;

}  // namespace waymark::app
