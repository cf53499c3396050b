#include "web/views/this_week.hpp"

#include "web/views/caseload.hpp"
#include "web/views/forms.hpp"
#include "web/views/layout.hpp"

namespace waymark::web::views {

namespace {

using app::CaseloadScope;

std::string scope_tab_words(CaseloadScope s, const app::User& user) {
    switch (s) {
        case CaseloadScope::mine:
            return user.role == app::Role::social_worker ? "My children" : "Allocated to me";
        case CaseloadScope::team:
            return "My team";
        case CaseloadScope::council:
            return "The council";
    }
    return {};
}

bool shows_worker(const WeekPage& p) {
    return p.query.scope != CaseloadScope::mine || p.user.role == app::Role::team_manager;
}

}  // namespace

std::string week_query_string(const WeekPage& p, const std::optional<core::Date>& from) {
    std::vector<std::pair<std::string, std::string>> params;
    const core::Date week = from.value_or(p.query.from);
    if (week != p.week.today) params.emplace_back("from", week.iso());
    if (!p.scopes.empty() && p.query.scope != p.scopes.front()) {
        params.emplace_back("scope", std::string(app::to_string(p.query.scope)));
    }
    if (p.query.worker) params.emplace_back("worker", *p.query.worker);
    std::string q;
    for (const auto& [key, value] : params) q += (q.empty() ? "?" : "&") + key + "=" + path_segment(value);
    return q;
}

std::string this_week_page(const Chrome& chrome, const WeekPage& p) {
    const auto& w = p.week;
    Html h{"<p class=\"ds_leader\">"};
    h += "From " + text(w.from.long_display()) + " to " + text(w.to.long_display());
    if (w.from <= w.today && w.today <= w.to) h += ", and what is already overdue";
    h += ".</p>";

    // Whose: the role's scopes as links (not printed).
    if (p.scopes.size() > 1) {
        h += "<nav class=\"wm-noprint\" aria-label=\"Whose children\"><ul class=\"ds_no-bullets\">";
        for (const auto s : p.scopes) {
            WeekPage other = p;
            other.query.scope = s;
            other.query.worker.reset();
            h += "<li><a class=\"ds_link\" href=\"" + text("/this-week" + week_query_string(other)) + "\"";
            if (s == p.query.scope) h += " aria-current=\"page\"";
            h += ">" + text(scope_tab_words(s, p.user)) + "</a>";
            if (s == p.query.scope) h += " (shown)";
            h += "</li>";
        }
        h += "</ul></nav>";
    }
    if (p.user.role == app::Role::team_manager && !p.workers.empty()) {
        h += "<form method=\"get\" action=\"/this-week\" class=\"wm-noprint\">";
        if (p.query.from != w.today) h += hidden("from", p.query.from.iso());
        if (!p.scopes.empty() && p.query.scope != p.scopes.front()) h += hidden("scope", app::to_string(p.query.scope));
        std::vector<Option> workers{{"", "Every worker"}};
        for (const auto& name : p.workers) workers.push_back({name, staff_label(name, p.staff)});
        h += select({"worker", "Allocated worker"}, workers, p.query.worker.value_or(""), {});
        h += "<button class=\"ds_button ds_button--small ds_button--secondary\" type=\"submit\">Show</button></form>";
    }

    // The weeks either side, and the downloads (not printed).
    h += "<ul class=\"ds_no-bullets wm-noprint\">";
    h += "<li><a class=\"ds_link\" href=\"" + text("/this-week" + week_query_string(p, w.from - core::Days{7})) +
         "\">Previous week</a></li>";
    h += "<li><a class=\"ds_link\" href=\"" + text("/this-week" + week_query_string(p, w.from + core::Days{7})) +
         "\">Next week</a></li>";
    if (w.from != w.today) {
        h += "<li><a class=\"ds_link\" href=\"" + text("/this-week" + week_query_string(p, w.today)) +
             "\">This week</a></li>";
    }
    h += "<li><a class=\"ds_link\" href=\"" + text("/this-week.csv" + week_query_string(p)) +
         "\" download>Download as a spreadsheet (CSV)</a></li>";
    h += "<li><a class=\"ds_link\" href=\"" + text("/this-week.ics" + week_query_string(p)) +
         "\" download>Download for your calendar (iCalendar, case references only)</a></li>";
    h += "<li><a class=\"ds_link\" href=\"/planned-passed\">Planned events whose date has passed</a></li>";
    h += "</ul>";

    if (w.items.empty()) {
        h += "<p>Nothing is due or planned for you in this week, and nothing is overdue.</p>";
        return document(chrome, "Due this week", h, {}, PageWidth::wide);
    }
    const bool worker = shows_worker(p);
    h += scroll_region("What is due, table");
    h += "<table class=\"ds_table\" data-smallscreen=\"boxes\"><caption>Due from " + text(w.from.long_display()) +
         " to " + text(w.to.long_display()) + " (" + text(static_cast<long long>(w.items.size())) +
         ")</caption><thead><tr><th scope=\"col\">Case reference</th><th scope=\"col\">Name</th>"
         "<th scope=\"col\">What is due</th><th scope=\"col\">Kind</th><th scope=\"col\">Due date</th>"
         "<th scope=\"col\">Status</th><th scope=\"col\">Who must act</th>";
    if (worker) h += "<th scope=\"col\">Worker</th>";
    h += "</tr></thead><tbody>";
    for (const auto& item : w.items) {
        const std::string href = "/children/" + path_segment(item.local_authority) + "/" + path_segment(item.child_id);
        h += "<tr><th scope=\"row\" data-title=\"Case reference\"><a class=\"ds_link\" href=\"" + text(href) + "\">" +
             text(item.child_id) + "</a></th><td data-title=\"Name\">";
        const auto name = p.names.find(item.child_id);
        h += name == p.names.end() || name->second.empty() ? Html("-") : user_text(name->second);
        h += "</td><td data-title=\"What is due\">" + text(item.what) + "</td><td data-title=\"Kind\">" +
             text(item.kind) + "</td><td data-title=\"Due date\">" + text(item.due_on.long_display()) +
             "</td><td data-title=\"Status\">";
        if (item.days < 0 && item.source == app::WeekItemSource::clock) {
            h += "<strong>" + text(app::week_status_words(item)) + "</strong>";
        } else {
            h += text(app::week_status_words(item));
        }
        h += "</td><td data-title=\"Who must act\">" + text(app::actor_words(item.actor)) + " (";
        h += item.actor_name.empty() ? Html("not named") : user_text(staff_label(item.actor_name, p.staff));
        h += ")</td>";
        if (worker) {
            h += "<td data-title=\"Worker\">";
            h += item.worker.empty() ? Html("Not allocated") : user_text(staff_label(item.worker, p.staff));
            if (!item.team.empty()) h += " (" + user_text(item.team) + ")";
            h += "</td>";
        }
        h += "</tr>";
    }
    h += "</tbody></table></div>";
    return document(chrome, "Due this week", h, {}, PageWidth::wide);
}

}  // namespace waymark::web::views
