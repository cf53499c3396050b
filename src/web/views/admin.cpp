// The administration pages and the import page (admin.hpp), in the design system's markup.
#include "web/views/admin.hpp"

#include "web/views/forms.hpp"

#include "core/uk_time.hpp"
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
    add("from-day", f.from.day);
    add("from-month", f.from.month);
    add("from-year", f.from.year);
    add("to-day", f.to.day);
    add("to-month", f.to.month);
    add("to-year", f.to.year);
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

// A user as people know them: "Alex Morgan (amorgan)", or the user name alone.
Html user_label(const app::User& u) {
    if (u.display_name.empty()) return user_text(u.name);
    return user_text(u.display_name) + " <span class=\"ds_hint-text\">(" + user_text(u.name) + ")</span>";
}

// The team list of the user forms: the council's teams, never free text.
std::vector<Option> team_options(const std::vector<std::string>& teams) {
    std::vector<Option> options{{"", "No team"}};
    for (const auto& t : teams) options.push_back({t, t});
    return options;
}

// The roles an administrator may give (not national analyst: across councils, the service's).
std::vector<Option> role_options(bool with_prompt) {
    std::vector<Option> roles;
    if (with_prompt) roles.push_back({"", "Select a role"});
    for (app::Role r : app::kAllRoles) {
        if (r == app::Role::national_analyst) continue;
        roles.push_back({std::string(app::to_string(r)), words(app::to_string(r))});
    }
    return roles;
}

Html display_name_input(const std::string& value, const std::vector<FieldError>& errors) {
    return input(
        {"display_name", "Display name (optional)",
         "The name people know them by, for example Alex Morgan. It is shown instead of the user name.", "off"},
        "text", "ds_input--fluid-half", value, errors);
}

// The design system's date input: day, month and year in their own fields (ids ID-day,
// ID-month, ID-year; a problem is reported against ID-day).
Html date_input(std::string_view id, std::string_view legend, const DateParts& d,
                const std::vector<FieldError>& errors) {
    const std::string base(id);
    const FieldError* found = error_for(errors, base + "-day");
    Html h{"<div class=\"ds_question"};
    if (found) h += " ds_question--error";
    h += "\"><fieldset aria-describedby=\"" + text(base + "-hint");
    if (found) h += " " + text(base + "-error");
    h += "\"><legend>" + text(legend) + "</legend><p class=\"ds_hint-text\" id=\"" + text(base + "-hint") +
         "\">For example, 27 3 2026</p>";
    if (found) {
        h += "<p class=\"ds_question__error-message\" id=\"" + text(base + "-error") + "\">" + text(found->message) +
             "</p>";
    }
    h += "<div class=\"ds_field-group ds_field-group--inline\">";
    const struct {
        const char* part;
        const char* label;
        const std::string& value;
        const char* width;
    } parts[] = {{"-day", "Day", d.day, " ds_input--fixed-2"},
                 {"-month", "Month", d.month, " ds_input--fixed-2"},
                 {"-year", "Year", d.year, " ds_input--fixed-4"}};
    for (const auto& p : parts) {
        const std::string field = base + p.part;
        h += "<div><label class=\"ds_label\" for=\"" + text(field) + "\">" + text(p.label) + "</label>";
        h += "<input class=\"ds_input" + text(p.width);
        if (found) h += " ds_input--error";
        h += "\" type=\"text\" inputmode=\"numeric\" id=\"" + text(field) + "\" name=\"" + text(field) + "\" value=\"" +
             text(p.value) + "\"";
        if (found) h += " aria-invalid=\"true\"";
        h += "></div>";
    }
    h += "</div></fieldset></div>";
    return h;
}

// An audit row's time in UK local time ("7 December 2026, 14:05 GMT"); as stored if it is not
// a time the program wrote.
Html audit_when(const std::string& at) {
    const auto t = core::parse_iso_utc(at);
    return t ? text(core::uk_display(*t)) : text(at);
}

// The children an entry is about: its child, or the list a caseload page's one entry names.
Html audit_children(const app::AuditEntry& e) {
    if (!e.child_id.empty()) return text(e.child_id);
    const auto ids = app::caseload_audit_children(e.detail);
    if (ids.empty()) return Html("-");
    Html h{"<ul class=\"ds_no-bullets\">"};
    for (const auto& id : ids) h += "<li>" + text(id) + "</li>";
    return h + "</ul>";
}

// An entry's detail; a caseload page's in words ("Names shown in My children, as of 7 December
// 2026"), its children being listed in the Child column.
Html audit_detail(const app::AuditEntry& e) {
    const auto ids = app::caseload_audit_children(e.detail);
    if (e.action != "view_caseload" || ids.empty()) return text(e.detail);
    const auto of = e.detail.find(" as of ");
    const auto date = of == std::string::npos ? std::nullopt : core::Date::try_parse(e.detail.substr(of + 7, 10));
    return text("Names of " + std::to_string(ids.size()) + (ids.size() == 1 ? " child" : " children") +
                " shown in My children" + (date ? ", as of " + date->long_display() : std::string()));
}

Html tokens_table(const Chrome& chrome, const UsersPage& page) {
    Html h("<h2 id=\"api-tokens\">API tokens</h2>");
    if (page.tokens.empty()) {
        return h + Html(
                       "<p>No user of your council has an API token (the service issues them with <code>waymark "
                       "token create</code>).</p>");
    }
    h += scroll_region("API tokens, table");
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
    h += "</tbody></table></div>";
    return h;
}

}  // namespace

std::string admin_index_page(const Chrome& chrome) {
    Html h{"<p class=\"ds_leader\">Administration of "};
    h += text(chrome.local_authority);
    h += ".</p><ul class=\"ds_category-list\">";
    const char* const pages[][3] = {
        {"/admin/users", "Users",
         "Add users, change their role, team or display name, approve them, clear sign-in delays, reset passwords, "
         "revoke API tokens, take access away or restore it."},
        {"/admin/teams", "Teams", "Add a team; your council's teams and how many users each has."},
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
        h += status_notice(page.done);
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
        h += scroll_region("Restricted records, table");
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
        h += "</tbody></table></div>";
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
    if (!page.done.empty()) {
        h += status_notice(page.done);
    }
    h += scroll_region("Users, table");
    h += "<table class=\"ds_table\" data-smallscreen=\"boxes\"><caption>Users of ";
    h += text(chrome.local_authority);
    h += "</caption><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Role</th><th scope=\"col\">Team</th><th "
         "scope=\"col\">Access</th><th scope=\"col\">Added</th><th scope=\"col\">Actions</th></tr></thead><tbody>";
    for (const auto& u : page.users) {
        const bool locked = u.locked_until > page.now;
        h += "<tr><th scope=\"row\" data-title=\"Name\">" + user_label(u) + "</th><td data-title=\"Role\">" +
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
        h += "<p><a class=\"ds_link\" href=\"/admin/users/" + text(id) +
             "/edit\">Change role, team or name<span "
             "class=\"visually-hidden\"> of " +
             user_text(u.name) + "</span></a></p>";
        if (u.disabled == 0 && u.id != page.self) {
            h += "<p><a class=\"ds_link\" href=\"/admin/users/" + text(id) +
                 "/reset-password\">Reset password<span "
                 "class=\"visually-hidden\"> of " +
                 user_text(u.name) + "</span></a></p>";
            h += "<form method=\"post\" action=\"/admin/users/" + text(id) + "/disable\">" + csrf_field(chrome.csrf) +
                 "<button class=\"ds_button ds_button--secondary ds_button--small\" type=\"submit\">Remove access<span "
                 "class=\"visually-hidden\"> for " +
                 user_text(u.name) + "</span></button></form>";
        }
        h += "</td></tr>";
    }
    h += "</tbody></table></div>";
    h += tokens_table(chrome, page);

    h += "<h2 id=\"add-user\">Add a user</h2><form method=\"post\" action=\"/admin/users\" novalidate>";
    h += csrf_field(chrome.csrf);
    const auto& f = page.form;
    h += input({"name", "User name", "Letters, digits and . _ - @; they sign in with it.", "off"}, "text",
               "ds_input--fluid-half", f.name, f.errors);
    h += display_name_input(f.display_name, f.errors);
    h += select({"role", "Role"}, role_options(true), f.role, f.errors);
    if (page.teams.empty()) {
        h += "<p>Your council has no teams yet: <a class=\"ds_link\" href=\"/admin/teams\">add a team</a> to put "
             "users in one.</p>";
    } else {
        h += select({"team", "Team", "Users of one team share a caseload view."}, team_options(page.teams), f.team,
                    f.errors);
    }
    h += input({"password", "Password (optional)",
                "At least 12 characters. Leave it empty and a password is made and shown to you once. Either way it is "
                "one-time: they change it at first sign-in, within 7 days.",
                "new-password"},
               "password", "ds_input--fluid-half", {}, f.errors);
    h += "<button class=\"ds_button\" type=\"submit\">Add user</button></form>";
    h += back_to_admin();
    return document(chrome, "Users", h);
}

std::string teams_page(const Chrome& chrome, const TeamsPage& page) {
    Html h = error_summary(page.errors);
    if (!page.done.empty()) {
        h += status_notice(page.done);
    }
    h += "<p>Users are put in a team from this list, on the users page. A team's manager sees its children.</p>";
    if (page.teams.empty()) {
        h += "<p>Your council has no teams yet.</p>";
    } else {
        h += "<table class=\"ds_table\"><caption>Teams of ";
        h += text(chrome.local_authority);
        h += "</caption><thead><tr><th scope=\"col\">Team</th><th scope=\"col\">Users</th></tr></thead><tbody>";
        for (const auto& t : page.teams) {
            h += "<tr><th scope=\"row\">" + user_text(t.name) + "</th><td>" + number(t.users) + "</td></tr>";
        }
        h += "</tbody></table>";
    }
    h += "<h2 id=\"add-team\">Add a team</h2><form method=\"post\" action=\"/admin/teams\" novalidate>";
    h += csrf_field(chrome.csrf);
    h += input({"name", "Team name", "As your council calls it, for example Children and Families East.", "off"},
               "text", "ds_input--fluid-half", page.name, page.errors);
    h += "<button class=\"ds_button\" type=\"submit\">Add team</button></form>";
    h += "<p><a class=\"ds_link\" href=\"/admin/users#add-user\">Add a user</a></p>";
    h += back_to_admin();
    return document(chrome, "Teams", h);
}

std::string reset_confirm_page(const Chrome& chrome, const app::User& user) {
    const std::string id = std::to_string(user.id);
    // (The name is in the text, not the heading: a long user name in a heading would not wrap
    // at 320 pixels.)
    Html h{"<p class=\"ds_leader\">Reset the password of "};
    h += user_label(user);
    h += "? They will be signed out everywhere.</p><p>They get a new one-time password, shown to you once, to give "
         "them in person or by a secure route. They will "
         "be signed out everywhere, their API tokens will stop working, and their old password will no longer "
         "work. They must choose their own password when they next sign in, within 7 days.</p>";
    if (app::needs_approval(user.role)) {
        h += "<p>Because their role sees children's records (or administers), the new password works only once "
             "another administrator of your council approves it.</p>";
    }
    h += "<form method=\"post\" action=\"/admin/users/" + text(id) + "/reset-password\">" + csrf_field(chrome.csrf) +
         "<div class=\"ds_button-group\"><button class=\"ds_button ds_button--warning\" type=\"submit\">Reset the "
         "password</button><a class=\"ds_link\" href=\"/admin/users\">Cancel: keep their password</a></div></form>";
    return document(chrome, "Reset a password", h);
}

std::string reset_result_page(const Chrome& chrome, const app::User& user, const std::optional<ResetNotice>& notice) {
    Html h{"<p class=\"ds_leader\">You reset the password of "};
    h += user_label(user) + ".</p>";
    if (notice) {
        h += "<div class=\"ds_notification-panel ds_notification-panel--neutral\" role=\"status\"><h2 "
             "class=\"ds_notification-panel__title\">Their new one-time password</h2><div "
             "class=\"ds_notification-panel__content\"><p>Shown only now: give it to them in person or by a secure "
             "route (never by email). Leaving or reloading this page does not show it again.</p>"
             "<p class=\"ds_notification-panel__reference\" id=\"one-time-password\"><strong>";
        h += text(notice->password);
        h += "</strong></p><p>They must change it when they sign in. It stops working on " +
             text(core::uk_display(notice->expires)) +
             ". They were signed out everywhere, their API tokens were revoked, and any sign-in delay is cleared.</p>";
        if (notice->pending) h += pending_notice();
        h += "</div></div>";
    } else {
        h += "<div class=\"ds_inset-text\" role=\"status\"><div class=\"ds_inset-text__text\">The new password of ";
        h += user_label(user);
        h += " has been shown already, and is not shown again. The password was not reset again. If it was lost "
             "before you gave it to them, reset the password again.</div></div>";
    }
    h += "<p><a class=\"ds_link\" href=\"/admin/users\">Back to users</a></p>";
    return document(chrome, "Password reset", h);
}

std::string edit_user_page(const Chrome& chrome, const EditUserPage& page) {
    const auto& f = page.form;
    Html h = error_summary(f.errors);
    h += "<p class=\"ds_leader\">" + user_label(page.user) + "</p>";
    h += "<p>User name: <strong>" + user_text(page.user.name) +
         "</strong> (they sign in with it; it does not change). Each change is written to the audit log.</p>";
    h += "<form method=\"post\" action=\"/admin/users/" + text(std::to_string(page.user.id)) + "/edit\" novalidate>";
    h += csrf_field(chrome.csrf);
    h += display_name_input(f.display_name, f.errors);
    if (page.self) {
        h += hidden("role", f.role);
        h += "<p>Role: <strong>" + text(words(f.role)) +
             "</strong>. You cannot change your own role: another administrator can.</p>";
    } else {
        h += select({"role", "Role"}, role_options(false), f.role, f.errors);
    }
    h += select({"team", "Team", "Add teams on the Teams page."}, team_options(page.teams), f.team, f.errors);
    h += "<div class=\"ds_button-group\"><button class=\"ds_button\" type=\"submit\">Save changes</button><a "
         "class=\"ds_link\" href=\"/admin/users\">Cancel</a></div></form>";
    return document(chrome, "Change a user", h);
}

std::string standards_page(const Chrome& chrome, const std::vector<core::Standard>& standards,
                           std::string_view origin) {
    Html h{"<p class=\"ds_leader\">The standards every clock is measured against, from "};
    h += text(origin);
    h += ". They are data: the service changes them with a standards file (waymark --standards).</p>";
    h += boxes_table("Standards in force, table", Html("<caption>Standards in force</caption>"),
                     {"Standard", "Title", "Basis", "Source", "Limit", "Warning", "In use"});
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
    h += "</tbody></table></div>";
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
    h += input({"actor", "User name", "The user name they sign in with.", "off"}, "text", "ds_input--fluid-half",
               f.actor, page.errors);
    h += input({"child", "Case reference", "Entries about this child, and caseload pages that listed them.", "off"},
               "text", "ds_input--fluid-half", f.child, page.errors);
    std::vector<Option> actions{{"", "Any action"}};
    for (const auto& a : app::audit_actions()) actions.push_back({std::string(a.id), std::string(a.words)});
    h += select({"action", "Action"}, actions, f.action, page.errors);
    h += date_input("from", "From (UK date, inclusive)", f.from, page.errors);
    h += date_input("to", "To (UK date, inclusive)", f.to, page.errors);
    h += "<button class=\"ds_button ds_button--secondary\" type=\"submit\">Filter</button></form>";

    h += "<p>" + number(page.total) + (page.total == 1 ? Html(" entry") : Html(" entries")) + ", newest first.</p>";
    if (!page.rows.empty()) {
        h += scroll_region("Audit log, table");
        h += "<table class=\"ds_table\" data-smallscreen=\"boxes\"><caption>Audit log of ";
        h += text(chrome.local_authority) + ", page " + number(page.page) + " of " + number(page.pages);
        h += "</caption><thead><tr><th scope=\"col\">Row</th><th scope=\"col\">When (UK time)</th><th "
             "scope=\"col\">User</th><th scope=\"col\">Action</th><th scope=\"col\">Child</th><th "
             "scope=\"col\">From</th><th scope=\"col\">Detail</th></tr></thead><tbody>";
        for (const auto& r : page.rows) {
            const auto& e = r.entry;
            h += "<tr><th scope=\"row\" data-title=\"Row\">" + text(static_cast<long long>(r.id)) +
                 "</th><td data-title=\"When\">" + audit_when(e.at) + "</td><td data-title=\"User\">" +
                 (e.actor.empty() ? Html("-") : user_text(e.actor)) + "</td><td data-title=\"Action\">" +
                 text(app::audit_action_words(e.action)) + "</td><td data-title=\"Child\">" + audit_children(e) +
                 "</td><td data-title=\"From\">" + text(e.origin) + "</td><td data-title=\"Detail\">" +
                 audit_detail(e) + "</td></tr>";
        }
        h += "</tbody></table></div>";
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
