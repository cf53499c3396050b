#pragma once
// What every page route needs: responses, the signed-in user's page chrome, and the gates that
// decide whether a request may go on. Each route file (children, events, measures, admin, ...)
// builds on these, so that who may see what is decided in one place.
#include "app/access.hpp"
#include "app/auth.hpp"
#include "app/journeys.hpp"
#include "web/routes/handlers.hpp"
#include "web/routes/router.hpp"
#include "web/views/pages.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace waymark::web {

Response html(int status, std::string body);
Response redirect(std::string location);

// A cookie the browser keeps for the whole site: HttpOnly, SameSite=Strict, Secure under TLS.
std::string cookie(std::string_view name, std::string_view value, const AppContext& ctx, bool expire = false);

views::Chrome chrome_of(const app::SignedIn& s);
Response error_response(const std::optional<app::SignedIn>& who, int status, std::string_view message);

// A record's id in an address: a positive whole number, nothing else.
std::optional<std::int64_t> parse_id(std::string_view text);

// A page for the signed in: `who` is set, or `refusal` is the response (to the sign-in page).
struct Gate {
    std::optional<app::SignedIn> who;
    std::optional<Response> refusal;
};
Gate signed_in_gate(const Request& req, AppContext& ctx);
// A page of named children: signed in, and a role that may see them (else 403).
Gate named_children_gate(const Request& req, AppContext& ctx);

// A request for one named child: the user may see it (app/access.hpp: council, role,
// allocation, restricted records). A child the user may not see is not found, whether it exists
// or not.
struct ChildRequest {
    Gate gate;
    std::string council;
    std::string child_id;
    std::optional<app::Viewer> viewer;  // set when the request may go on
    std::optional<app::ChildCase> row;  // its status and allocation, likewise
};
ChildRequest child_request(const Request& req, AppContext& ctx, const Params& params);

}  // namespace waymark::web
