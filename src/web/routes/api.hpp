#pragma once
// The JSON API under /api/v1/ (docs/api.md), authenticated with bearer tokens.
#include "app/auth.hpp"
#include "app/reports.hpp"
#include "core/improvement.hpp"
#include "core/standards.hpp"
#include "web/routes/router.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string_view>

namespace waymark::web {

void add_api_routes(Router& router);
void add_api_events_routes(Router& router);  // api_events.cpp: events, clocks, due

Response json_response(int status, const boost::json::value& body);
// A chronology's event as the API and `waymark chronology --format json` show it: date, event,
// label, status, source, details, note and id.
boost::json::object chronology_entry_json(const app::ChronologyEntry& entry, const core::Vocabulary& vocabulary);
// A test of change's own fields (council, reference, title, aim, agency, change idea, rationale,
// prediction, start date, measures) and its decision (null while testing), as the API and
// `waymark pdsa show --format json` show them; and a PDSA cycle.
boost::json::object test_of_change_json(const core::TestOfChange& test);
boost::json::value decision_json(const core::TestOfChange& test);
// A PDSA cycle as the API and `waymark pdsa show --format json` show it.
boost::json::object cycle_json(const core::PdsaCycle& cycle);
// A clock as the API shows it: standard, title, basis, source, dates, status, days late; with
// ClockKind::shown also the standard's kind after its title, as `waymark chronology` and
// `waymark due` show it in JSON.
enum class ClockKind { left_out, shown };
boost::json::object clock_json(const core::Clock& clock, ClockKind kind = ClockKind::left_out);

// The token's user, or the response that refuses the request: 401 without a valid token,
// 403 for a role that never sees a named child (api_gate) ...
struct ApiGate {
    std::optional<app::User> user;
    std::optional<Response> refusal;
};
ApiGate api_gate(const Request& req, AppContext& ctx);
// ... or for any role, for aggregates that name no child.
ApiGate any_role_gate(const Request& req, AppContext& ctx);

// {"error": message, "field": field or null}
Response json_error(int status, std::string_view message, std::optional<std::string_view> field);

}  // namespace waymark::web
