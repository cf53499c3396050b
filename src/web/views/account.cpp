// The account pages (account.hpp), in the design system's markup.
#include "web/views/account.hpp"

#include "core/date.hpp"
#include "web/routes/handlers.hpp"

namespace waymark::web::views {

std::string password_page(const Chrome& chrome, const PasswordPage& page) {
    Html h = error_summary(page.errors);
    if (page.forced) {
        // "2027-01-22T08:00:00Z" -> "22 Jan 2027 at 08:00 UTC".
        const std::string iso = iso_utc(page.expires);
        const std::string expires =
            core::Date::parse(iso.substr(0, 10)).display() + " at " + iso.substr(11, 5) + " UTC";
        h += "<div class=\"ds_inset-text\"><div class=\"ds_inset-text__text\"><p>You signed in with a one-time "
             "password. Choose your own password before you go on: nobody else should know it.</p><p>The one-time "
             "password stops working on ";
        h += text(expires);
        h += ".</p></div></div>";
    }
    h += "<form method=\"post\" action=\"/account/password\" novalidate>";
    h += csrf_field(chrome.csrf);
    h += input({"current-password", "Current password",
                page.forced ? "The one-time password you signed in with." : std::string_view{}, "current-password"},
               "password", "ds_input--fluid-half", {}, page.errors);
    h += input({"new-password", "New password",
                "At least 12 characters. A few unrelated words make a password that is long, easy to remember and "
                "hard to guess.",
                "new-password"},
               "password", "ds_input--fluid-half", {}, page.errors);
    h += input({"confirm-password", "Confirm new password", {}, "new-password"}, "password", "ds_input--fluid-half", {},
               page.errors);
    h += "<p>Changing it signs you out everywhere else (other browsers and devices).</p>"
         "<button class=\"ds_button\" type=\"submit\">Change password</button></form>";
    return document(chrome, "Change your password", h, page.errors.empty() ? "" : "Error: Change your password");
}

}  // namespace waymark::web::views
