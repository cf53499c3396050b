#pragma once
// The pages, server-rendered with the Scottish Government Design System's markup. Every
// function returns a whole document; every piece of data goes through text() (html.hpp).
#include "app/auth.hpp"
#include "app/reports.hpp"
#include "web/views/html.hpp"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace waymark::web::views {

// Who is signed in, for the header (name, role and the sign-out form's CSRF token).
struct Chrome {
    std::string user;  // how the signed-in user is shown: app::staff_label
    std::string role;
    std::string local_authority;
    std::string csrf;
    bool sees_children = false;
    // Signed in with a one-time password: the header offers only signing out (every other page
    // leads to /account/password until it is changed).
    bool must_change_password = false;
};

struct SignInForm {
    std::string csrf;
    std::string name;   // kept after a failure, so nothing typed but the password is lost
    std::string error;  // shown in an error summary linked to the field
};

std::string sign_in_page(const SignInForm& form);
std::string home_page(const Chrome& chrome);
// Who holds a child's case, for its page.
struct ChildAllocation {
    std::string worker;
    std::string team;
    std::string reviewing_officer;
    std::string legal;
    bool may_reallocate = false;  // a team manager: link the reallocation form
};
struct ChronologyOptions;  // events.hpp
// `timeline_svg` is render::to_svg output (inline SVG, no XML declaration). `options`: the
// chronology's filters, links to change events and a banner after a change (none if null).
std::string child_page(const Chrome& chrome, const app::Chronology& chronology, std::string timeline_svg,
                       const ChronologyOptions* options = nullptr,
                       const std::optional<ChildAllocation>& allocation = std::nullopt,
                       std::span<const std::string> siblings = {});
// A child's timeline at its own width (`timeline_svg` drawn at the scene's size, not fluid), in
// a region that scrolls sideways: the child page's is fitted to the screen, a thumbnail on a
// phone. Titled by the case reference; links back to the child's page and to the PDF.
std::string timeline_page(const Chrome& chrome, std::string_view council, std::string_view child_id,
                          std::string timeline_svg);
// An error page: the status's title and a plain message, never internals.
std::string error_page(const std::optional<Chrome>& chrome, int status, std::string_view message);

}  // namespace waymark::web::views
