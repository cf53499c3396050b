#pragma once
// The JSON API under /api/v1/ (docs/api.md), authenticated with bearer tokens.
#include "web/routes/router.hpp"

#include <optional>
#include <string_view>

namespace waymark::web {

void add_api_routes(Router& router);

// {"error": message, "field": field or null}
Response json_error(int status, std::string_view message, std::optional<std::string_view> field);

}  // namespace waymark::web
