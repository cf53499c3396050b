// The administration pages and the import page (admin.hpp), in the design system's markup.
#include "web/views/admin.hpp"

#include "web/views/forms.hpp"

#include "web/routes/handlers.hpp"

namespace waymark::web::views {

namespace {

Html number(std::size_t n) {
    return text(static_cast<long long>(n));
}

Html back_to_admin() {
    return Html("<p><a class=\"ds_link\" href=\"/admin\">Back to administration</a></p>");
}

// A long unbroken string (a hash) that may wrap every 8 characters on a narrow screen, so the
// page reflows at 320 CSS pixels (WCAG 1.4.10); copied, it is still one string.
Html breakable(std::string_view s) {
    Html h;
    for (std::size_t i = 0; i < s.size(); i += 8) {
        if (i > 0) h += "<wbr>";
        h += text(s.substr(i, 8));
    }
    return h;
}

// Where the audit page's check began: the latest checkpoint (who recorded it is not shown: it
// may be another council's administrator) or the first row.
Html checked_from(const app::AuditVerification& v) {
    if (!v.from) return Html("the first row");
    return "checkpoint " + text(static_cast<long long>(v.from->id)) + " (row " +
           text(static_cast<long long>(v.from->audit_id)) + ", recorded " + text(v.from->at) + ")";
}

// The head of the log, to copy somewhere outside Waymark.
Html head_section(const app::AuditHead& head) {
    Html h(
        "<h2>The newest row</h2><p>Keep this line somewhere outside Waymark (a ticket, a printed record, "
        "your security log). If the newest rows are ever removed, or the log rewritten, <code>waymark audit "
        "verify --expect-head ");
    h += text(static_cast<long long>(head.id)) + ":" + breakable(head.hash);
    h += "</code> shows it.</p><p class=\"ds_!_margin-bottom--4\"><code id=\"audit-head\">audit head ";
    h += text(static_cast<long long>(head.id)) + " " + breakable(head.hash) + " " + text(head.at) + "</code></p>";
    return h;
}

// A query string for the audit page's links: the filter kept, the page changed.
std::string audit_query(const AuditFilter& f, std::size_t page) {
    std::string q;
    auto add = [&](std::string_view name, const std::string& value) {
        if (value.empty()) return;
        q += (q.empty() ? "?" : "&") + std::string(name) + "=" + path_segment(value);
    };
    add("actor", f.actor);
    add("child", f.child);
    add("action", f.action);
    add("from", f.from);
    add("to", f.to);
    if (page > 1) q += (q.empty() ? "?" : "&") + std::string("page=") + std::to_string(page);
    return "/admin/audit" + q;
}

// Said when a change waits for a second administrator.
Html pending_notice() {
    return Html(
        "<p><strong>It works only once another administrator of your council approves it</strong> on this page (a "
        "council with one administrator asks the service: <code>waymark user approve</code>). Until then they cannot "
        "sign in.</p>");
}

// The name of the user `id` among `users`, or "another administrator".
std::string name_of(const std::vector<app::User>& users, std::int64_t id) {
    for (const auto& u : users) {
        if (u.id == id) return u.name;
    }
    return "another administrator";
}

Html tokens_table(const Chrome& chrome, const UsersPage& page) {
    Html h("<h2 id=\"api-tokens\">API tokens</h2>");
    if (page.tokens.empty()) {
        return h + Html(
                       "<p>No user of your council has an API token (the service issues them with <code>waymark "
                       "token create</code>).</p>");
    }
    h += "<table class=\"ds_table\" data-smallscreen=\"boxes\"><caption>API tokens of your council's users (the tokens "
         "themselves are never shown)</caption><thead><tr><th scope=\"col\">User</th><th scope=\"col\">Created</th><th "
         "scope=\"col\">Expires</th><th scope=\"col\">Last used</th><th scope=\"col\">Actions</th></tr></thead><tbody>";
    for (const auto& t : page.tokens) {
        h += "<tr><th scope=\"row\" data-title=\"User\">" + text(t.user_name) + "</th><td data-title=\"Created\">" +
             when(t.created) + "</td><td data-title=\"Expires\">" + when(t.expires) +
             (t.expires <= page.now ? Html(" <strong class=\"ds_tag ds_tag--grey\">expired</strong>") : Html()) +
             "</td><td data-title=\"Last used\">" + (t.last_used == 0 ? Html("never") : when(t.last_used)) +
             "</td><td data-title=\"Actions\"><form method=\"post\" action=\"/admin/users/" +
             text(std::to_string(t.user)) + "/tokens/" + text(std::to_string(t.id)) + "/revoke\">" +
             csrf_field(chrome.csrf) +
             "<button class=\"ds_button ds_button--secondary ds_button--small\" type=\"submit\">Revoke<span "
             "class=\"visually-hidden\"> the token of " +
             text(t.user_name) + " created " + when(t.created) + "</span></button></form></td></tr>";
    }
    h += "</tbody></table>";
    return h;
}

}  // namespace

std::string admin_index_page(const Chrome& chrome) {
    Html h{"<p class=\"ds_leader\">Administration of "};
    h += text(chrome.local_authority);
    h += ".</p><ul class=\"ds_category-list\">";
    const char* const pages[][3] = {
        {"/admin/users", "Users",
         "Add users, approve them, clear sign-in delays, reset passwords, revoke API tokens, take access away or "
         "restore it."},
        {"/admin/teams", "Teams", "Your council's teams and how many users each has."},
        {"/admin/standards", "Standards in force", "The timescales every clock is measured against."},
        {"/admin/restrictions", "Restricted records",
         "Children whose adoption plan has started, by case reference; lift a restriction, with the reason."},
        {"/admin/audit", "Audit log", "Who viewed or changed what, and whether the log is intact."},
    };
    for (const auto& p : pages) {
        h += "<li class=\"ds_category-item\"><h2 class=\"ds_category-item__title\"><a class=\"ds_category-item__link\" "
             "href=\"";
        h += text(p[0]) + "\">" + text(p[1]) + "</a></h2><p class=\"ds_category-item__summary\">" + text(p[2]) +
             "</p></li>";
    }
    h += "</ul>";
    return document(chrome, "Administration", h);
}

std::string restrictions_page(const Chrome& chrome, const RestrictionsPage& page) {
    Html h = error_summary(page.errors);
    if (!page.done.empty()) {
        h += "<div class=\"ds_inset-text\" role=\"status\"><div class=\"ds_inset-text__text\">" + text(page.done) +
             "</div></div>";
    }
    h += "<p>Once an adoption plan starts (the plan, the permanence recommendation's route, the panel's "
         "recommendation, or an order granted: adoption or a permanence order with authority to adopt), only the "
         "people named on the child's allocation and their team's managers see the child. The record stays "
         "restricted whatever later events say, until an administrator lifts it here. A new restricting event "
         "restricts it again.</p>";
    if (page.rows.empty()) {
        h += "<p>No child of ";
        h += text(chrome.local_authority);
        h += " has been restricted.</p>";
    } else {
        h += "<table class=\"ds_table\" data-smallscreen=\"boxes\"><caption>Restricted records of ";
        h += text(chrome.local_authority);
        h += "</caption><thead><tr><th scope=\"col\">Case reference</th><th scope=\"col\">Restricted by</th><th "
             "scope=\"col\">Now</th><th scope=\"col\">Last lifted</th></tr></thead><tbody>";
        for (const auto& r : page.rows) {
            h += "<tr><th scope=\"row\" data-title=\"Case reference\">" + text(r.child_id) +
                 "</th><td data-title=\"Restricted by\">" + text(words(r.event)) + ", " + text(r.event_date.iso()) +
                 "</td><td data-title=\"Now\">" +
                 (r.restricted ? Html("<strong class=\"ds_tag ds_tag--orange\">restricted</strong>")
                               : Html("<strong class=\"ds_tag ds_tag--grey\">lifted</strong>")) +
                 "</td><td data-title=\"Last lifted\">";
            if (r.lifted_at.empty()) {
                h += "-";
            } else {
                h += text(r.lifted_at) + " by " + text(r.lifted_by) + ": " + text(r.reason);
            }
            h += "</td></tr>";
        }
        h += "</tbody></table>";
    }
    h += "<h2 id=\"lift\">Lift a restriction</h2><form method=\"post\" action=\"/admin/restrictions\" novalidate>";
    h += csrf_field(chrome.csrf);
    h += input({"child", "Case reference", "The child's id in your council, as in the table above.", "off"}, "text",
               "ds_input--fluid-half", page.child, page.errors);
    h +=
        textarea({"reason", "Reason", "Why the record no longer needs to be restricted: it is kept with the decision."},
                 page.reason, page.errors);
    h += "<button class=\"ds_button\" type=\"submit\">Lift the restriction</button></form>";
    h += back_to_admin();
    return document(chrome, "Restricted records", h);
}

std::string users_page(const Chrome& chrome, const UsersPage& page) {
    Html h = error_summary(page.form.errors);
    if (page.added) {
        h += "<div class=\"ds_notification-panel ds_notification-panel--neutral\" role=\"status\"><h2 "
             "class=\"ds_notification-panel__title\">";
        h += user_text(page.added->name) + " added</h2><div class=\"ds_notification-panel__content\">";
        if (page.added->generated_password.empty()) {
            h += "<p>They sign in with the password you set: tell them it yourself, in person or by a secure "
                 "route (never by email). They must change it then, within 7 days.</p>";
        } else {
            h += "<p>Their password, shown only now: give it to them in person or by a secure route.</p>"
                 "<p class=\"ds_notification-panel__reference\"><strong>";
            h += text(page.added->generated_password);
            h += "</strong></p><p>It is a one-time password: they must change it when they first sign in, within 7 "
                 "days.</p>";
        }
        if (page.added->pending) h += pending_notice();
        h += "</div></div>";
    }
    if (page.reset) {
        h += "<div class=\"ds_notification-panel ds_notification-panel--neutral\" role=\"status\"><h2 "
             "class=\"ds_notification-panel__title\">Password reset for ";
        h += user_text(page.reset->name) +
             "</h2><div class=\"ds_notification-panel__content\"><p>Their new one-time "
             "password, shown only now: give it to them in person or by a secure route.</p>"
             "<p class=\"ds_notification-panel__reference\"><strong>";
        h += text(page.reset->password);
        h += "</strong></p><p>They must change it when they sign in. It stops working at " + when(page.reset->expires) +
             ". They were signed out everywhere, their API tokens were revoked, and any sign-in delay is cleared.</p>";
        if (page.reset->pending) h += pending_notice();
        h += "</div></div>";
    }
    if (!page.done.empty()) {
        h += "<div class=\"ds_inset-text\" role=\"status\"><div class=\"ds_inset-text__text\">" + text(page.done) +
             "</div></div>";
    }
    h += "<table class=\"ds_table\" data-smallscreen=\"boxes\"><caption>Users of ";
    h += text(chrome.local_authority);
    h += "</caption><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Role</th><th scope=\"col\">Team</th><th "
         "scope=\"col\">Access</th><th scope=\"col\">Added</th><th scope=\"col\">Actions</th></tr></thead><tbody>";
    for (const auto& u : page.users) {
        const bool locked = u.locked_until > page.now;
        h += "<tr><th scope=\"row\" data-title=\"Name\">" + user_text(u.name) + "</th><td data-title=\"Role\">" +
             text(words(app::to_string(u.role))) + "</td><td data-title=\"Team\">" +
             (u.team.empty() ? Html("-") : user_text(u.team)) + "</td><td data-title=\"Access\">";
        if (u.disabled != 0) {
            h += "<strong class=\"ds_tag ds_tag--grey\">removed</strong>";
        } else if (locked) {
            h += "<strong class=\"ds_tag ds_tag--red\">sign-in delay</strong>";
        } else {
            h += "<strong class=\"ds_tag ds_tag--green\">active</strong>";
        }
        if (u.disabled == 0 && app::approval_pending(u)) {
            h += " <strong class=\"ds_tag ds_tag--orange\">waits for approval</strong> <span class=\"ds_hint-text\">" +
                 text(std::string(u.pending_change == "add" ? "added" : "password reset") + " by " +
                      name_of(page.users, u.pending_by)) +
                 "</span>";
        }
        if (u.disabled == 0 && app::must_change_password(u)) {
            h += u.one_time_until > page.now
                     ? Html(" <strong class=\"ds_tag ds_tag--orange\">one-time password</strong>")
                     : Html(" <strong class=\"ds_tag ds_tag--grey\">one-time password expired</strong>");
        }
        h += "</td><td data-title=\"Added\">" + when(u.created) + "</td><td data-title=\"Actions\">";
        const std::string id = std::to_string(u.id);
        if (u.disabled == 0 && (locked || u.failed_attempts > 0)) {
            h += "<form method=\"post\" action=\"/admin/users/" + text(id) + "/unlock\">" + csrf_field(chrome.csrf) +
                 "<button class=\"ds_button ds_button--secondary ds_button--small\" type=\"submit\">Clear sign-in "
                 "delay<span class=\"visually-hidden\"> for " +
                 text(u.name) + "</span></button></form>";
        }
        if (u.disabled == 0 && app::approval_pending(u) && u.pending_by != page.self) {
            h += "<form method=\"post\" action=\"/admin/users/" + text(id) + "/approve\">" + csrf_field(chrome.csrf) +
                 "<button class=\"ds_button ds_button--small\" type=\"submit\">Approve<span "
                 "class=\"visually-hidden\"> " +
                 user_text(u.name) + "</span></button></form>";
        }
        if (u.disabled != 0) {
            h += "<form method=\"post\" action=\"/admin/users/" + text(id) + "/enable\">" + csrf_field(chrome.csrf) +
                 "<button class=\"ds_button ds_button--secondary ds_button--small\" type=\"submit\">Restore "
                 "access<span class=\"visually-hidden\"> for " +
                 user_text(u.name) + "</span></button></form>";
        }
        if (u.disabled == 0 && u.id != page.self) {
            h += "<form method=\"post\" action=\"/admin/users/" + text(id) + "/reset-password\">" +
                 csrf_field(chrome.csrf) +
                 "<button class=\"ds_button ds_button--secondary ds_button--small\" type=\"submit\">Reset "
                 "password<span class=\"visually-hidden\"> for " +
                 user_text(u.name) + "</span></button></form>";
            h += "<form method=\"post\" action=\"/admin/users/" + text(id) + "/disable\">" + csrf_field(chrome.csrf) +
                 "<button class=\"ds_button ds_button--secondary ds_button--small\" type=\"submit\">Remove access<span "
                 "class=\"visually-hidden\"> for " +
                 user_text(u.name) + "</span></button></form>";
        }
        h += "</td></tr>";
    }
    h += "</tbody></table>";
    h += tokens_table(chrome, page);

    h += "<h2 id=\"add-user\">Add a user</h2><form method=\"post\" action=\"/admin/users\" novalidate>";
    h += csrf_field(chrome.csrf);
    const auto& f = page.form;
    h += input({"name", "User name", "Letters, digits and . _ - @; they sign in with it.", "off"}, "text",
               "ds_input--fluid-half", f.name, f.errors);
    std::vector<Option> roles{{"", "Select a role"}};
    for (app::Role r : app::kAllRoles) {
        if (r == app::Role::national_analyst) continue;  // across councils: added by the service
        roles.push_back({std::string(app::to_string(r)), words(app::to_string(r))});
    }
    h += select({"role", "Role"}, roles, f.role, f.errors);
    h += input({"team", "Team (optional)", "Users of one team share a caseload view.", "off"}, "text",
               "ds_input--fluid-half", f.team, f.errors);
    h += input({"password", "Password (optional)",
                "At least 12 characters. Leave it empty and a password is made and shown to you once. Either way it is "
                "one-time: they change it at first sign-in, within 7 days.",
                "new-password"},
               "password", "ds_input--fluid-half", {}, f.errors);
    h += "<button class=\"ds_button\" type=\"submit\">Add user</button></form>";
    h += back_to_admin();
    return document(chrome, "Users", h);
}

std::string teams_page(const Chrome& chrome, const std::vector<Team>& teams) {
    Html h{"<p>A team is what its users' records say: add a user with a team name to start one.</p>"};
    if (teams.empty()) {
        h += "<p>No user of your council has a team yet.</p>";
    } else {
        h += "<table class=\"ds_table\"><caption>Teams of ";
        h += text(chrome.local_authority);
        h += "</caption><thead><tr><th scope=\"col\">Team</th><th scope=\"col\">Users</th></tr></thead><tbody>";
        for (const auto& t : teams) {
            h += "<tr><th scope=\"row\">" + user_text(t.name) + "</th><td>" + number(t.users) + "</td></tr>";
        }
        h += "</tbody></table>";
    }
    h += "<p><a class=\"ds_link\" href=\"/admin/users#add-user\">Add a user</a></p>";
    h += back_to_admin();
    return document(chrome, "Teams", h);
}

std::string standards_page(const Chrome& chrome, const std::vector<core::Standard>& standards,
                           std::string_view origin) {
    Html h{"<p class=\"ds_leader\">The standards every clock is measured against, from "};
    h += text(origin);
    h += ". They are data: the service changes them with a standards file (waymark --standards).</p>";
    h += "<table class=\"ds_table\" data-smallscreen=\"boxes\"><caption>Standards in force</caption><thead><tr><th "
         "scope=\"col\">Standard</th><th scope=\"col\">Title</th><th scope=\"col\">Basis</th><th "
         "scope=\"col\">Source</th><th scope=\"col\">Limit</th><th scope=\"col\">Warning</th><th "
         "scope=\"col\">In use</th></tr></thead><tbody>";
    for (const auto& s : standards) {
        std::string limit = s.limit.to_string();
        if (s.direction == core::Direction::before) limit += " before";
        h += "<tr><th scope=\"row\" data-title=\"Standard\">" + text(s.id) + "</th><td data-title=\"Title\">" +
             text(s.title) + "</td><td data-title=\"Basis\">" + text(s.basis) + "</td><td data-title=\"Source\">" +
             text(s.source) + "</td><td data-title=\"Limit\">" + text(limit) + "</td><td data-title=\"Warning\">" +
             text(std::to_string(s.warning.count) + " days") + "</td><td data-title=\"In use\">";
        h += s.enabled ? Html("<strong class=\"ds_tag ds_tag--green\">on</strong>")
                       : Html("<strong class=\"ds_tag ds_tag--grey\">off</strong>");
        h += "</td></tr>";
    }
    h += "</tbody></table>";
    h += back_to_admin();
    return document(chrome, "Standards in force", h);
}

std::string audit_page(const Chrome& chrome, const AuditPage& page) {
    Html h = error_summary(page.errors);
    const auto& v = page.verification;
    if (v.intact) {
        h += "<div class=\"ds_inset-text\" role=\"status\"><div class=\"ds_inset-text__text\"><strong class=\"ds_tag "
             "ds_tag--green\">intact</strong> The audit log's hash chain checks out: ";
        h += number(v.rows);
        h += v.rows == 1 ? Html(" row checked from ") : Html(" rows checked from ");
        h += checked_from(v) + ", last hash <code>" + breakable(v.head) + "</code>.";
        if (v.from) h += " Rows before the checkpoint are checked by <code>waymark audit verify --full</code>.";
        h += "</div></div>";
        if (page.head) h += head_section(*page.head);
    } else {
        h += "<div class=\"ds_error-summary\" role=\"alert\" aria-labelledby=\"chain-title\"><h2 "
             "class=\"ds_error-summary__title\" id=\"chain-title\">The audit log has been tampered with</h2><p>The "
             "hash chain breaks at row ";
        h += text(static_cast<long long>(v.first_broken.value_or(0)));
        h += " of " + number(v.rows) + " rows checked from " + checked_from(v) + ": " + text(v.problem) + ".";
        if (page.broken_row_is_own && v.broken_row) {
            const auto& e = v.broken_row->entry;
            h += " As stored, it says " + text(e.at) + ", " + user_text(e.actor) + ", " + text(e.action) + ".";
        } else if (v.broken_row) {  // (none when the row a checkpoint names is missing)
            h += " The row is not one of your council's.";
        }
        h += " Tell your service desk: rows from there on cannot be trusted.</p></div>";
    }

    const auto& f = page.filter;
    h += "<form method=\"get\" action=\"/admin/audit\" novalidate><h2>Filter</h2>";
    h += input({"actor", "User", {}, "off"}, "text", "ds_input--fluid-half", f.actor, page.errors);
    h += input({"child", "Child (case reference)", {}, "off"}, "text", "ds_input--fluid-half", f.child, page.errors);
    h += input({"action", "Action", "For example view_chronology, add_user, import", "off"}, "text",
               "ds_input--fluid-half", f.action, page.errors);
    h += input({"from", "From (YYYY-MM-DD)", {}, "off"}, "text", "ds_input--fixed-10", f.from, page.errors);
    h += input({"to", "To (YYYY-MM-DD)", {}, "off"}, "text", "ds_input--fixed-10", f.to, page.errors);
    h += "<button class=\"ds_button ds_button--secondary\" type=\"submit\">Filter</button></form>";

    h += "<p>" + number(page.total) + (page.total == 1 ? Html(" entry") : Html(" entries")) + ", newest first.</p>";
    if (!page.rows.empty()) {
        h += "<table class=\"ds_table\" data-smallscreen=\"boxes\"><caption>Audit log of ";
        h += text(chrome.local_authority) + ", page " + number(page.page) + " of " + number(page.pages);
        h += "</caption><thead><tr><th scope=\"col\">Row</th><th scope=\"col\">When (UTC)</th><th "
             "scope=\"col\">User</th><th scope=\"col\">Action</th><th scope=\"col\">Child</th><th "
             "scope=\"col\">From</th><th scope=\"col\">Detail</th></tr></thead><tbody>";
        for (const auto& r : page.rows) {
            const auto& e = r.entry;
            h += "<tr><th scope=\"row\" data-title=\"Row\">" + text(static_cast<long long>(r.id)) +
                 "</th><td data-title=\"When\">" + text(e.at) + "</td><td data-title=\"User\">" + user_text(e.actor) +
                 "</td><td data-title=\"Action\">" + text(e.action) + "</td><td data-title=\"Child\">" +
                 (e.child_id.empty() ? Html("-") : text(e.child_id)) + "</td><td data-title=\"From\">" +
                 text(e.origin) + "</td><td data-title=\"Detail\">" + text(e.detail) + "</td></tr>";
        }
        h += "</tbody></table>";
    }
    if (page.pages > 1) {
        h += "<nav class=\"ds_pagination\" aria-label=\"Audit log pages\"><ul class=\"ds_pagination__list\">";
        if (page.page > 1) {
            h +=
                "<li class=\"ds_pagination__item\"><a class=\"ds_pagination__link ds_pagination__link--text\" href=\"" +
                text(audit_query(f, page.page - 1)) + "\">Newer</a></li>";
        }
        h += "<li class=\"ds_pagination__item\"><span class=\"ds_pagination__link ds_current\" aria-current=\"page\">"
             "Page " +
             number(page.page) + " of " + number(page.pages) + "</span></li>";
        if (page.page < page.pages) {
            h +=
                "<li class=\"ds_pagination__item\"><a class=\"ds_pagination__link ds_pagination__link--text\" href=\"" +
                text(audit_query(f, page.page + 1)) + "\">Older</a></li>";
        }
        h += "</ul></nav>";
    }
    h += back_to_admin();
    return document(chrome, "Audit log", h);
}

std::string import_page(const Chrome& chrome, const ImportPage& page) {
    std::vector<FieldError> errors = page.errors;
    for (const auto& p : page.problems) {
        errors.push_back({p.file == "events.csv" ? "events" : "children", p.to_string()});
    }
    if (page.total_problems > page.problems.size()) {
        errors.push_back(
            {"children", "... and " + std::to_string(page.total_problems - page.problems.size()) + " more problems"});
    }
    Html h;
    if (!page.problems.empty()) {
        h += "<div class=\"ds_error-summary\" id=\"error-summary\" aria-labelledby=\"error-summary-title\" "
             "role=\"alert\"><h2 class=\"ds_error-summary__title\" id=\"error-summary-title\">The import was rejected: "
             "nothing was stored</h2><p>";
        h += number(page.total_problems) + (page.total_problems == 1 ? Html(" problem") : Html(" problems"));
        h += " (file:line:column: field: what is wrong)</p><ul class=\"ds_error-summary__list\">";
        for (const auto& e : errors) h += "<li><a href=\"#" + text(e.field) + "\">" + text(e.message) + "</a></li>";
        h += "</ul></div>";
    } else {
        h += error_summary(errors);
    }
    if (page.result) {
        // The command line's report (waymark import), word for word.
        h += "<div class=\"ds_notification-panel ds_notification-panel--neutral\" role=\"status\"><h2 "
             "class=\"ds_notification-panel__title\">Imported</h2><div class=\"ds_notification-panel__content\"><p>";
        h += text(app::import_report(*page.result)) + ".</p></div></div>";
    }
    h += "<p>Upload children.csv, events.csv or both, in the format of DATA.md. Every row is checked first: if any "
         "is wrong nothing is stored, and each problem is listed with its file, line and column. Only children of ";
    h += text(chrome.local_authority);
    h += " may be imported here.</p>";
    h += "<ul><li><a class=\"ds_link\" href=\"/import/guide\">The column guide</a>: what goes in each column, "
         "and the event types with their details</li><li>Templates, with the header row and one example row: "
         "<a class=\"ds_link\" href=\"/import/children.csv\" download>children.csv</a> and "
         "<a class=\"ds_link\" href=\"/import/events.csv\" download>events.csv</a></li></ul>";
    h += "<form method=\"post\" action=\"/import\" enctype=\"multipart/form-data\" novalidate>";
    h += csrf_field(chrome.csrf);
    const std::pair<const char*, const char*> inputs[] = {{"children", "children.csv"}, {"events", "events.csv"}};
    for (const auto& [id, label] : inputs) {
        const FieldError* found = error_for(page.errors, id);
        const std::string* error = found ? &found->message : nullptr;
        h += error ? Html("<div class=\"ds_question ds_question--error\">") : Html("<div class=\"ds_question\">");
        h += "<label class=\"ds_label\" for=\"" + text(id) + "\">" + text(label) + "</label>";
        if (error) {
            h += "<p class=\"ds_question__error-message\" id=\"" + text(std::string(id) + "-error") + "\">" +
                 text(*error) + "</p>";
        }
        h += "<input class=\"ds_file-upload__input";
        if (error) h += " ds_file-upload__input--error";
        h += "\" type=\"file\" id=\"" + text(id) + "\" name=\"" + text(id) + "\" accept=\".csv,text/csv\"";
        if (error) h += " aria-describedby=\"" + text(std::string(id) + "-error") + "\" aria-invalid=\"true\"";
        h += "></div>";
    }
    h += "<button class=\"ds_button\" type=\"submit\">Check and import</button></form>";
    return document(chrome, "Import", h);
}

}  // namespace waymark::web::views
