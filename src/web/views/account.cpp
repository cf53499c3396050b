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

std::string sessions_page(const Chrome& chrome, const SessionsPage& page) {
    Html h;
    if (!page.done.empty()) {
        h += "<div class=\"ds_inset-text\" role=\"status\"><div class=\"ds_inset-text__text\"><p>" + text(page.done) +
             "</p></div></div>";
    }
    h +=
        "<p>Where you are signed in now. If you do not know one of them, sign out everywhere else and change your "
        "password.</p>"
        "<div class=\"wm-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Your sessions, table\">"
        "<table class=\"ds_table\" data-smallscreen=\"boxes\"><caption>Your sessions</caption><thead><tr><th "
        "scope=\"col\">Started</th><th scope=\"col\">Last seen</th><th scope=\"col\">This one</th></tr></thead><tbody>";
    std::size_t others = 0;
    for (const auto& s : page.sessions) {
        if (!s.current) ++others;
        h += "<tr><td data-title=\"Started\">" + when(s.created) + "</td><td data-title=\"Last seen\">" +
             when(s.last_seen) + "</td><td data-title=\"This one\">" +
             (s.current ? Html("<strong class=\"ds_tag\">this session</strong>") : Html("another session")) +
             "</td></tr>";
    }
    h += "</tbody></table></div>";
    if (others > 0) {
        h += "<form method=\"post\" action=\"/account/sessions/end-others\">" + csrf_field(chrome.csrf) +
             "<button class=\"ds_button\" type=\"submit\">Sign out every other session</button></form>";
    }
    h += "<h2 id=\"api-tokens\">Your API tokens</h2>";
    if (page.tokens.empty()) {
        h += "<p>You have no API token.</p>";
    } else {
        h += boxes_table("Your API tokens, table",
                         Html("<caption>Your API tokens (the tokens themselves are never shown)</caption>"),
                         {"Created", "Expires", "Last used", "Actions"});
        for (const auto& t : page.tokens) {
            h += "<tr><td data-title=\"Created\">" + when(t.created) + "</td><td data-title=\"Expires\">" +
                 when(t.expires) +
                 (t.expires <= page.now ? Html(" <strong class=\"ds_tag ds_tag--grey\">expired</strong>") : Html()) +
                 "</td><td data-title=\"Last used\">" + (t.last_used == 0 ? Html("never") : when(t.last_used)) +
                 "</td><td data-title=\"Actions\"><form method=\"post\" action=\"/account/tokens/" +
                 text(std::to_string(t.id)) + "/revoke\">" + csrf_field(chrome.csrf) +
                 "<button class=\"ds_button ds_button--secondary ds_button--small\" type=\"submit\">Revoke<span "
                 "class=\"visually-hidden\"> the token created " +
                 when(t.created) + "</span></button></form></td></tr>";
        }
        h += "</tbody></table></div>";
    }
    return document(chrome, "Your sessions", h);
}

}  // namespace waymark::web::views
