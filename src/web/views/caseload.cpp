#include "web/views/caseload.hpp"

#include "core/council.hpp"
#include "core/stage.hpp"
#include "core/uk_time.hpp"
#include "web/views/events.hpp"
#include "web/views/forms.hpp"
#include "web/views/layout.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <utility>

namespace waymark::web::views {

namespace {

using app::CaseloadScope;
using app::CaseloadSort;
using Options = std::vector<std::pair<std::string, std::string>>;  // value, label

Html number(std::int64_t n) {
    return text(static_cast<long long>(n));
}

std::string scope_words(CaseloadScope s, const app::User& user) {
    switch (s) {
        case CaseloadScope::mine:
            return "Allocated to you";
        case CaseloadScope::team:
            return "Your team (" + user.team + ")";
        case CaseloadScope::council:
            return "All children of " + std::string(core::council_words(user.local_authority)) + " you may see";
    }
    return {};
}

// A select whose name is its id, unless `name` is given.
Html select(std::string_view id, std::string_view label, const Options& options, std::string_view selected,
            std::string_view name = {}) {
    Html h{"<div class=\"ds_question\"><label class=\"ds_label\" for=\""};
    h += text(id) + "\">" + text(label) + "</label><div class=\"ds_select-wrapper\"><select class=\"ds_select\" id=\"";
    h += text(id) + "\" name=\"" + text(name.empty() ? id : name) + "\">";
    for (const auto& [value, words_] : options) {
        h += "<option value=\"" + text(value) + "\"";
        if (value == selected) h += " selected";
        h += ">" + text(words_) + "</option>";
    }
    h += "</select><span class=\"ds_select-arrow\" aria-hidden=\"true\"></span></div></div>";
    return h;
}

Html error_summary(std::string_view field, std::string_view message) {
    Html h{
        "<div class=\"ds_error-summary\" aria-labelledby=\"error-summary-title\" role=\"alert\">"
        "<h2 class=\"ds_error-summary__title\" id=\"error-summary-title\">There is a problem</h2>"
        "<ul class=\"ds_error-summary__list\"><li><a href=\"#"};
    h += text(field) + "\">" + text(message) + "</a></li></ul></div>";
    return h;
}

Html scope_options(const std::vector<CaseloadScope>& scopes, CaseloadScope selected, const app::User& user) {
    if (scopes.size() < 2) return {};
    Options o;
    for (const auto s : scopes) o.emplace_back(std::string(app::to_string(s)), scope_words(s, user));
    return select("scope", "Whose children", o, app::to_string(selected));
}

// /children with the query's parameters (but `without`).
std::string children_href(const app::CaseloadQuery& q, const app::User& user, std::string_view without = {}) {
    std::string href = "/children";
    char separator = '?';
    for (const auto& [key, value] : app::caseload_query_params(q, user, without)) {
        href += separator + key + "=" + path_segment(value);
        separator = '&';
    }
    return href;
}

// The design system's pagination: previous, the pages (the first, the last and two either side
// of the current one, with ellipses between), next.
Html pagination(const CaseloadPage& p) {
    const std::size_t pages = page_count(p.rows.size());
    if (pages < 2) return {};
    std::string base = children_href(p.query, p.user);
    base += base.find('?') == std::string::npos ? "?page=" : "&page=";
    const auto item = [&](std::size_t n, std::string_view label, std::string_view aria, Markup extra, bool is_current) {
        Html h{"<li class=\"ds_pagination__item\"><a class=\"ds_pagination__link"};
        h += extra;
        h += "\" href=\"" + text(base + std::to_string(n)) + "\" aria-label=\"" + text(aria) + "\"";
        if (is_current) h += " aria-current=\"page\"";
        h += "><span class=\"ds_pagination__link-label\">" + text(label) + "</span></a></li>";
        return h;
    };
    Html h{"<nav class=\"ds_pagination\" aria-label=\"Pages of children\"><ul class=\"ds_pagination__list\">"};
    if (p.page > 1) h += item(p.page - 1, "Previous", "Previous page", " ds_pagination__link--text", false);
    bool gap = false;
    for (std::size_t n = 1; n <= pages; ++n) {
        const bool shown = n == 1 || n == pages || (n + 2 >= p.page && n <= p.page + 2);
        if (!shown) {
            if (!gap) {
                h += "<li class=\"ds_pagination__item\" aria-hidden=\"true\"><span class=\"ds_pagination__link "
                     "ds_pagination__link--ellipsis\">&hellip;</span></li>";
            }
            gap = true;
            continue;
        }
        gap = false;
        const std::string label = std::to_string(n);
        h += n == p.page ? item(n, label, "Page " + label, " ds_current", true)
                         : item(n, label, "Page " + label, "", false);
    }
    if (p.page < pages) h += item(p.page + 1, "Next", "Next page", " ds_pagination__link--text", false);
    h += "</ul></nav>";
    return h;
}

// A column heading that sorts by `key`: a link, and aria-sort on the column sorted by.
Html sort_heading(std::string_view label, CaseloadSort key, const app::CaseloadQuery& q, const app::User& user) {
    app::CaseloadQuery next = q;
    next.sort = key;
    // The number overdue is read most first; the rest from the smallest or earliest.
    next.descending = q.sort == key ? !q.descending : key == CaseloadSort::overdue;
    Html h{"<th scope=\"col\""};
    if (q.sort == key) h += q.descending ? Markup(" aria-sort=\"descending\"") : Markup(" aria-sort=\"ascending\"");
    h += "><a class=\"ds_link\" href=\"" + text(children_href(next, user)) + "\">" + text(label) + "</a></th>";
    return h;
}

Html clock_tags(const app::StatusRow& s) {
    Html h;
    if (s.overdue > 0) h += "<strong class=\"ds_tag ds_tag--red\">" + number(s.overdue) + " overdue</strong> ";
    if (s.due_soon > 0) h += "<strong class=\"ds_tag ds_tag--orange\">" + number(s.due_soon) + " due soon</strong>";
    if (s.overdue == 0 && s.due_soon == 0) h += "None";
    return h;
}

const core::Standard* standard_of(const std::vector<core::Standard>* standards, const std::string& id) {
    if (standards == nullptr) return nullptr;
    const auto it = std::find_if(standards->begin(), standards->end(), [&](const auto& s) { return s.id == id; });
    return it == standards->end() ? nullptr : &*it;
}

std::string standard_words(const std::vector<core::Standard>* standards, const std::string& id) {
    const auto* s = standard_of(standards, id);
    return s != nullptr ? s->title : id;
}

// An ISO 8601 UTC time ("2026-11-26T10:05:00Z") in UK local time (core::uk_display); as given
// when it is not such a time.
std::string uk_time(const std::string& iso) {
    const auto at = core::parse_iso_utc(iso);
    return at ? core::uk_display(*at) : iso;
}

bool is_manager(const app::User& user) {
    return user.role == app::Role::team_manager;
}

}  // namespace

std::string staff_label(std::string_view name, const std::vector<app::User>& staff) {
    const auto at = std::lower_bound(staff.begin(), staff.end(), name,
                                     [](const app::User& u, std::string_view n) { return u.name < n; });
    if (at != staff.end() && at->name == name) return app::staff_label(*at);
    return std::string(name);
}

std::string_view caseload_heading(CaseloadScope scope) {
    switch (scope) {
        case CaseloadScope::mine:
            return "My children";
        case CaseloadScope::team:
            return "Team";
        case CaseloadScope::council:
            return "Council";
    }
    return "My children";
}

std::string caseload_href(const CaseloadPage& p) {
    std::string href = children_href(p.query, p.user);
    if (p.page > 1) href += (href.find('?') == std::string::npos ? "?page=" : "&page=") + std::to_string(p.page);
    return href;
}

std::string caseload_page(const Chrome& chrome, const CaseloadPage& p) {
    const auto& q = p.query;
    const auto& user = p.user;
    const auto& staff = p.choices.staff;
    const std::string heading(caseload_heading(q.scope));
    Html h;
    if (p.problem) {
        const bool in_form = p.problem->field == "scope" || p.problem->field == "stage" || p.problem->field == "sort" ||
                             p.problem->field == "order";
        h += error_summary(in_form ? p.problem->field : "filters", p.problem->message);
    }
    if (!p.banner.empty()) h += notification_banner(p.banner);
    h += "<p class=\"ds_leader\">" + number(static_cast<std::int64_t>(p.rows.size()));
    h += p.rows.size() == 1 ? Markup(" child of ") : Markup(" children of ");
    h += text(core::council_words(user.local_authority)) + " (" + text(scope_words(q.scope, user)) + ") as of " +
         text(q.as_of.long_display()) + ".";
    const std::size_t first = (p.page - 1) * kRowsPerPage;
    const std::size_t last = std::min(p.rows.size(), first + kRowsPerPage);
    if (page_count(p.rows.size()) > 1) {
        h += " Showing " + number(static_cast<std::int64_t>(first + 1)) + " to " +
             number(static_cast<std::int64_t>(last)) + ".";
    }
    h += "</p>";

    // The filters: a plain GET form, folded in the design system's details (no script needed),
    // so that the list comes first. Open after a problem with them.
    h += "<details class=\"ds_details\" id=\"filters-panel\"";
    if (p.problem) h += " open";
    h += "><summary class=\"ds_details__summary\">Filter and sort the list</summary><div class=\"ds_details__text\">";
    h += "<form method=\"get\" action=\"/children\" id=\"filters\" class=\"ds_!_margin-bottom--4\">"
         "<fieldset><legend>Show and sort</legend>";
    h += scope_options(p.choices.scopes, q.scope, user);
    Options stages{{"", "Any stage"}};
    for (const auto s : {core::Stage::pre_birth, core::Stage::away_assessment, core::Stage::returning_home,
                         core::Stage::permanence_planning, core::Stage::panel, core::Stage::legal, core::Stage::at_home,
                         core::Stage::awaiting_adoption, core::Stage::permanent, core::Stage::not_looked_after}) {
        stages.emplace_back(std::string(core::to_string(s)), sentence(words(core::to_string(s))));
    }
    h += select("stage", "Stage", stages, q.stage ? core::to_string(*q.stage) : "");
    if (is_manager(user)) {
        Options workers{{"", "Any worker"}};
        for (const auto& w : p.choices.workers) workers.emplace_back(w.name, staff_label(w));
        h += select("worker", "Allocated worker", workers, q.worker.value_or(""));
        Options teams{{"", "Any team"}};
        for (const auto& t : p.choices.teams) teams.emplace_back(t, t);
        h += select("team", "Team", teams, q.team.value_or(""));
    }
    h += "<div class=\"ds_checkbox ds_checkbox--small\"><input class=\"ds_checkbox__input\" type=\"checkbox\" "
         "id=\"overdue\" name=\"overdue\" value=\"1\"";
    if (q.overdue_only) h += " checked";
    h += "><label class=\"ds_checkbox__label\" for=\"overdue\">Only children with an overdue clock</label></div>";
    Options sorts;
    if (q.scope == CaseloadScope::mine) sorts.emplace_back("name", "Name");
    for (const auto& o : Options{{"reference", "Case reference"},
                                 {"stage", "Stage"},
                                 {"days", "Days in stage"},
                                 {"overdue", "Number overdue"},
                                 {"next_due", "Next due date"}}) {
        sorts.push_back(o);
    }
    h += select("sort", "Sort by", sorts, app::to_string(q.sort));
    h += select("order", "Order",
                {{"asc", "Smallest or earliest first (A to Z)"}, {"desc", "Largest or latest first (Z to A)"}},
                q.descending ? "desc" : "asc");
    // Filters set from the dashboard's links are kept, and each can be removed.
    Html also;
    const auto keep = [&](std::string_view key, const std::string& value, const std::string& what) {
        h += hidden(key, value);
        also += "<li>" + text(what) + " (<a class=\"ds_link\" href=\"" + text(children_href(q, user, key)) +
                "\">remove</a>)</li>";
    };
    if (q.overdue_standard) {
        keep("overdue_standard", *q.overdue_standard,
             "Overdue: " + standard_words(p.choices.standards, *q.overdue_standard));
    }
    if (q.due_within) {
        keep("due_within", std::to_string(*q.due_within),
             "A clock due in the next " + std::to_string(*q.due_within) + " days");
    }
    if (q.due_standard) {
        keep("due_standard", *q.due_standard, "Due: " + standard_words(p.choices.standards, *q.due_standard));
    }
    if (q.long_at_home) keep("long_at_home", "1", "At home on a CSO for over two years");
    if (q.lapsed_within) {
        keep("lapsed_within", std::to_string(*q.lapsed_within),
             "An order that lapsed in the last " + std::to_string(*q.lapsed_within) + " days");
    }
    h +=
        "<button class=\"ds_button ds_button--small\" type=\"submit\">Apply</button></fieldset></form></div></details>";
    if (!also.str().empty()) h += "<p>Also filtered by:</p><ul class=\"ds_no-bullets\">" + also + "</ul>";

    const std::string here = caseload_href(p);
    if (p.rows.empty()) {
        h += "<p>No children match.</p>";
    } else {
        const bool show_worker = q.scope != CaseloadScope::mine || is_manager(user);
        const bool mover = is_manager(user);
        if (mover) {
            // One form around the list: tick children, choose the worker and give a reason below it.
            h += "<form method=\"post\" action=\"/children/move\" id=\"move\" novalidate>" + csrf_field(chrome.csrf) +
                 hidden("return", here);
        }
        h += scroll_region("Children, table");
        h += "<table class=\"ds_table\" data-smallscreen=\"boxes\"><caption>" + text(scope_words(q.scope, user)) +
             ": stage, clocks and next action</caption><thead><tr>";
        if (mover) h += "<th scope=\"col\"><span class=\"visually-hidden\">Move</span></th>";
        const bool named = !p.names.empty();
        if (named) h += sort_heading("Name", CaseloadSort::name, q, user);
        h += sort_heading("Case reference", CaseloadSort::reference, q, user);
        h += sort_heading("Stage", CaseloadSort::stage, q, user);
        h += sort_heading("Days in stage", CaseloadSort::days_in_stage, q, user);
        h += sort_heading("Clocks", CaseloadSort::overdue, q, user);
        h += "<th scope=\"col\">Next action</th>";
        h += sort_heading("Due", CaseloadSort::next_due, q, user);
        if (show_worker) h += "<th scope=\"col\">Worker</th>";
        if (mover) h += "<th scope=\"col\"><span class=\"visually-hidden\">Allocation</span></th>";
        h += "</tr></thead><tbody>";
        for (std::size_t i = first; i < last; ++i) {
            const auto& r = p.rows[i];
            const auto& s = *r.status;
            const std::string href =
                "/children/" + path_segment(s.child.local_authority) + "/" + path_segment(s.child.child_id);
            h += "<tr>";
            if (mover) {
                const std::string id = "move-" + std::to_string(i);
                h += "<td data-title=\"Move\"><div class=\"ds_checkbox ds_checkbox--small\"><input "
                     "class=\"ds_checkbox__input\" type=\"checkbox\" name=\"child\" id=\"" +
                     text(id) + "\" value=\"" + text(s.child.child_id) +
                     "\"><label class=\"ds_checkbox__label\" for=\"" + text(id) +
                     "\"><span class=\"visually-hidden\">Move " + text(s.child.child_id) + "</span></label></div></td>";
            }
            if (named) {
                const auto name = p.names.find(s.child.child_id);
                h += "<td data-title=\"Name\">" +
                     (name == p.names.end() || name->second.empty() ? Html("-") : user_text(name->second)) + "</td>";
            }
            h += "<th scope=\"row\" data-title=\"Case reference\"><a class=\"ds_link\" href=\"" + text(href) + "\">";
            h += text(s.child.child_id) + "</a>";
            if (s.restricted) h += " <strong class=\"ds_tag ds_tag--grey\">restricted</strong>";
            h += "</th><td data-title=\"Stage\">" + text(sentence(words(core::to_string(s.stage))));
            h += "</td><td data-title=\"Days in stage\">";
            h += s.days_in_stage ? number(*s.days_in_stage) : Html("-");
            h += "</td><td data-title=\"Clocks\">" + clock_tags(s) + "</td><td data-title=\"Next action\">";
            h += s.next_title.empty() ? Html("-") : text(s.next_title);
            h += "</td><td data-title=\"Due\">";
            h += s.next_due_on ? text(s.next_due_on->long_display()) : Html("-");
            h += "</td>";
            if (show_worker) {
                h += "<td data-title=\"Worker\">";
                h += r.allocation->worker.empty() ? Html("Not allocated")
                                                  : user_text(staff_label(r.allocation->worker, staff));
                if (!r.team->empty()) h += " (" + user_text(*r.team) + ")";
                h += "</td>";
            }
            if (mover) {
                h += "<td data-title=\"Allocation\"><a class=\"ds_link\" href=\"" +
                     text(href + "/allocation?return=" + path_segment(here)) +
                     "\">Reallocate<span class=\"visually-hidden\"> " + text(s.child.child_id) + "</span></a></td>";
            }
            h += "</tr>";
        }
        h += "</tbody></table></div>";
        h += pagination(p);
        if (mover) {
            h += "<fieldset class=\"ds_!_margin-top--4\"><legend>Move the children you ticked to another "
                 "worker</legend>";
            Options workers{{"", "Choose a worker"}};
            for (const auto& w : p.choices.workers) workers.emplace_back(w.name, staff_label(w));
            h += select("move-worker", "New worker", workers, "", "worker");
            h += "<div class=\"ds_question\"><label class=\"ds_label\" for=\"move-reason\">Reason for the "
                 "change</label><p class=\"ds_hint-text\" id=\"move-reason-hint\">Kept in the audit log with each "
                 "child's move.</p><input class=\"ds_input\" type=\"text\" id=\"move-reason\" name=\"reason\" "
                 "aria-describedby=\"move-reason-hint\" autocomplete=\"off\"></div>";
            h += "<button class=\"ds_button ds_button--secondary\" type=\"submit\">Move children</button></fieldset>"
                 "</form>";
        }
    }
    if (!p.workers.empty()) {
        h += "<h2>" + text(user.team) + " by worker</h2>";
        h += "<table class=\"ds_table\"><caption>Children allocated to each worker of " + text(user.team) +
             ", and how many have an overdue clock</caption><thead><tr><th scope=\"col\">Worker</th>"
             "<th scope=\"col\">Children</th><th scope=\"col\">With an overdue clock</th></tr></thead><tbody>";
        for (const auto& w : p.workers) {
            app::CaseloadQuery to;
            to.as_of = q.as_of;
            to.scope = CaseloadScope::team;
            to.worker = w.worker;
            app::CaseloadQuery overdue = to;
            overdue.overdue_only = true;
            h += "<tr><th scope=\"row\"><a class=\"ds_link\" href=\"" + text(children_href(to, user)) + "\">" +
                 user_text(staff_label(w.worker, staff)) + "</a></th><td data-title=\"Children\">" +
                 number(w.children) + "</td><td data-title=\"With an overdue clock\">";
            if (w.overdue > 0) {
                h += "<a class=\"ds_link\" href=\"" + text(children_href(overdue, user)) + "\">" + number(w.overdue) +
                     "<span class=\"visually-hidden\"> of " + user_text(staff_label(w.worker, staff)) +
                     "'s children</span></a>";
            } else {
                h += "0";
            }
            h += "</td></tr>";
        }
        h += "</tbody></table>";
    }
    return document(chrome, heading, h, {}, PageWidth::wide);
}

std::string move_page(const Chrome& chrome, const MoveForm& f) {
    Html h;
    const bool ready = f.problems.empty();
    h += error_summary(f.problems);
    if (ready) {
        h += "<p class=\"ds_leader\">Check the move, then confirm it.</p>";
    }
    if (!f.children.empty()) {
        h += "<table class=\"ds_table\"><caption>";
        h += f.children.size() == 1 ? Markup("The child to move") : Markup("The children to move");
        h += "</caption><thead><tr><th scope=\"col\">Case reference</th><th scope=\"col\">Allocated now to</th>";
        if (ready) h += "<th scope=\"col\">Moving to</th>";
        h += "</tr></thead><tbody>";
        for (const auto& c : f.children) {
            h += "<tr><th scope=\"row\">" + text(c.child_id) + "</th><td>";
            h += c.worker.empty() ? Html("Not allocated") : user_text(staff_label(c.worker, f.staff));
            h += "</td>";
            if (ready) h += "<td>" + user_text(staff_label(f.worker, f.staff)) + "</td>";
            h += "</tr>";
        }
        h += "</tbody></table>";
    }
    h += "<form method=\"post\" action=\"/children/move\" novalidate>" + csrf_field(chrome.csrf) +
         hidden("return", f.back);
    for (const auto& c : f.children) h += hidden("child", c.child_id);
    if (ready) {
        h += "<ul class=\"ds_summary-list\">" + summary_row("New worker", user_text(staff_label(f.worker, f.staff))) +
             summary_row("Reason", user_text(f.reason)) + "</ul>";
        h += hidden("worker", f.worker) + hidden("reason", f.reason) + hidden("confirm", "yes");
        h += "<div class=\"ds_button-group\"><button class=\"ds_button\" type=\"submit\">";
        h += f.children.size() == 1
                 ? Markup("Move 1 child")
                 : Markup("Move ") + number(static_cast<std::int64_t>(f.children.size())) + " children";
        h += "</button>";
    } else {
        std::vector<Option> workers{{"", "Choose a worker"}};
        for (const auto& w : f.workers) workers.push_back({w.name, staff_label(w)});
        h += views::select({"worker", "New worker"}, workers, f.worker, f.problems);
        h += input({"reason", "Reason for the change", "Kept in the audit log with each child's move.", "off"}, "text",
                   "", f.reason, f.problems);
        h += "<div class=\"ds_button-group\">";
        if (!f.children.empty()) h += "<button class=\"ds_button\" type=\"submit\">Continue</button>";
    }
    h += "<a class=\"ds_link\" id=\"back\" href=\"" + text(f.back) +
         "\">Cancel and go back to the list</a></div></form>";
    return document(chrome, "Move children", h);
}

std::string dashboard_page(const Chrome& chrome, const DashboardPage& p) {
    const auto& d = p.dashboard;
    const auto& user = p.user;
    // Links to /children keep the dashboard's scope and add one filter.
    const auto link = [&](const auto& set, std::int64_t count) {
        app::CaseloadQuery q;
        q.as_of = p.query.as_of;
        q.scope = p.query.scope;
        set(q);
        return "<a class=\"ds_link\" href=\"" + text(children_href(q, user)) + "\">" + number(count) + "</a>";
    };
    Html h{"<p class=\"ds_leader\">"};
    h += link([](app::CaseloadQuery&) {}, d.children);
    h += d.children == 1 ? Markup(" child") : Markup(" children");
    h += " (" + text(scope_words(p.query.scope, user)) + ") as of " + text(p.query.as_of.display()) + ".</p>";
    if (p.scopes.size() > 1) {
        h += "<form method=\"get\" action=\"/dashboard\">";
        h += scope_options(p.scopes, p.query.scope, user);
        h += "<button class=\"ds_button ds_button--small\" type=\"submit\">Show</button></form>";
    }

    h += "<h2>Children by stage</h2>";
    if (d.stages.empty()) {
        h += "<p>No children.</p>";
    } else {
        h += scroll_region("Children by stage, table");
        h +=
            "<table class=\"ds_table\"><caption>Children by stage, and how long they have waited in it (days)</caption>"
            "<thead><tr><th scope=\"col\">Stage</th><th scope=\"col\">Children</th><th scope=\"col\">Median "
            "wait</th><th scope=\"col\">Longest wait</th></tr></thead><tbody>";
        for (const auto& s : d.stages) {
            h += "<tr><th scope=\"row\">" + text(words(core::to_string(s.stage))) + "</th><td>";
            h += link([&](app::CaseloadQuery& q) { q.stage = s.stage; }, s.children);
            h += "</td><td>" + (s.median_days ? number(*s.median_days) : Html("-")) + "</td><td>";
            if (s.longest_days) {
                h += link(
                    [&](app::CaseloadQuery& q) {
                        q.stage = s.stage;
                        q.sort = CaseloadSort::days_in_stage;
                        q.descending = true;
                    },
                    *s.longest_days);
            } else {
                h += "-";
            }
            h += "</td></tr>";
        }
        h += "</tbody></table></div>";
    }

    // A table of standards: its clocks, and its children linking to them.
    const auto by_standard = [&](Markup caption, Markup clocks_heading, const std::vector<app::StandardCount>& counts,
                                 const auto& filter) {
        Html t = scroll_region(std::string(caption.view()) + ", table");
        t += "<table class=\"ds_table\"><caption>";
        t += Html(caption) + "</caption><thead><tr><th scope=\"col\">Standard</th><th scope=\"col\">" + clocks_heading +
             "</th><th scope=\"col\">Children</th></tr></thead><tbody>";
        for (const auto& s : counts) {
            t += "<tr><th scope=\"row\">" + text(s.standard->title) + "</th><td>" + number(s.clocks) + "</td><td>";
            t += link([&](app::CaseloadQuery& q) { filter(q, s.standard->id); }, s.children) + "</td></tr>";
        }
        return t + "</tbody></table></div>";
    };

    h += "<h2>Overdue clocks by standard</h2>";
    if (d.overdue.empty()) {
        h += "<p>No clock is overdue.</p>";
    } else {
        h += by_standard("Overdue clocks by standard", "Overdue clocks", d.overdue,
                         [](app::CaseloadQuery& q, const std::string& id) { q.overdue_standard = id; });
    }

    // A lapsed order is a legal fact the team must see (DOMAIN.md section 5): the children the
    // user may see whose interim or compulsory supervision order ceased to have effect.
    h += "<h2>Orders that lapsed in the last " + number(app::kLapsedWindow) + " days</h2><p>";
    if (d.lapsed_orders == 0) {
        h += "No interim or compulsory supervision order lapsed in the last " + number(app::kLapsedWindow) +
             " days.</p>";
    } else {
        h += number(d.lapsed_orders);
        h += d.lapsed_orders == 1 ? Markup(" order lapsed") : Markup(" orders lapsed");
        h += " (not reviewed at a hearing by its due date) for ";
        h += link([](app::CaseloadQuery& q) { q.lapsed_within = app::kLapsedWindow; }, d.lapsed_children);
        h += d.lapsed_children == 1 ? Markup(" child") : Markup(" children");
        h += " since " + text((p.query.as_of - core::Days{app::kLapsedWindow}).display()) + ".</p>";
    }

    h += "<h2>At home on a CSO for over two years</h2><p>";
    h += link([](app::CaseloadQuery& q) { q.long_at_home = true; }, d.long_at_home);
    h += d.long_at_home == 1 ? Markup(" child has") : Markup(" children have");
    h += " been looked after at home for over two years.</p>";

    h += "<h2>Falling due in the next 28 days</h2><p>";
    h += link([](app::CaseloadQuery& q) { q.due_within = 28; }, d.due_28_children);
    h += d.due_28_children == 1 ? Markup(" child has") : Markup(" children have");
    h += " a clock falling due by " + text((p.query.as_of + core::Days{28}).display()) + ".</p>";
    if (!d.due_28.empty()) {
        h += by_standard("Clocks falling due in the next 28 days, by standard", "Clocks", d.due_28,
                         [](app::CaseloadQuery& q, const std::string& id) {
                             q.due_within = 28;
                             q.due_standard = id;
                         });
    }
    return document(chrome, "Drift dashboard", h);
}

std::string allocation_page(const Chrome& chrome, const AllocationForm& f) {
    Html h;
    if (f.problem) h += error_summary(f.problem->field, f.problem->message);
    h += "<p class=\"ds_leader\">Case reference " + text(f.child_id) + ", " +
         text(core::council_words(f.local_authority)) + ".</p>";
    if (f.current) {
        h += "<p>Allocated by " + user_text(staff_label(f.current->allocated_by, f.staff)) + " on " +
             text(uk_time(f.current->allocated_at)) + ".</p>";
    } else {
        h += "<p>Not allocated yet.</p>";
    }
    const std::string action =
        "/children/" + path_segment(f.local_authority) + "/" + path_segment(f.child_id) + "/allocation";
    h += "<form method=\"post\" action=\"" + text(action) + "\" novalidate>" + hidden("csrf", chrome.csrf);
    if (!f.back.empty()) h += hidden("return", f.back);
    // The field in error: the design system's error state, with its message above it.
    const auto marked = [&](std::string_view id, const Html& field) {
        if (!f.problem || f.problem->field != id) return field;
        Html m{"<div class=\"ds_question ds_question--error\"><p class=\"ds_question__error-message\" id=\""};
        m += text(std::string(id) + "-error") + "\">" + text(f.problem->message) + "</p>";
        return m + field + "</div>";
    };
    const auto people = [&](const char* id, const char* label, const std::vector<app::User>& users,
                            const std::string& selected, const char* none) {
        Options o;
        if (none != nullptr) o.emplace_back("", none);
        for (const auto& u : users) o.emplace_back(u.name, staff_label(u));
        return marked(id, select(id, label, o, selected));
    };
    h += people("worker", "Social worker", f.workers, f.values.worker, nullptr);
    h += people("reviewing_officer", "Reviewing officer", f.reviewing_officers, f.values.reviewing_officer, "None");
    h += people("legal", "Legal worker", f.legal, f.values.legal, "None");
    Html reason{
        "<div class=\"ds_question\"><label class=\"ds_label\" for=\"reason\">Reason for the change</label>"
        "<p class=\"ds_hint-text\" id=\"reason-hint\">Kept in the audit log.</p><input class=\"ds_input\" "
        "type=\"text\" id=\"reason\" name=\"reason\" aria-describedby=\"reason-hint\" autocomplete=\"off\" "
        "value=\""};
    reason += text(f.reason) + "\"></div>";
    h += marked("reason", reason);
    h += "<div class=\"ds_button-group\"><button class=\"ds_button\" type=\"submit\">Save allocation</button>";
    if (!f.back.empty()) h += "<a class=\"ds_link\" href=\"" + text(f.back) + "\">Cancel and go back to the list</a>";
    h += "</div></form>";
    return document(chrome, "Allocation", h);
}

}  // namespace waymark::web::views
