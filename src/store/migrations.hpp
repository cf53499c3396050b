#pragma once
// The schema migrations, in order: migrations()[v] takes a database from version v to v + 1.
// The SQL lives in src/store/migrations/*.sql and is embedded at build time.
#include <string>
#include <vector>

namespace waymark::store {
const std::vector<std::string>& migrations();
}
