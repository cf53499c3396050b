#include "web/views/search.hpp"

#include "core/stage.hpp"
#include "web/views/caseload.hpp"
#include "web/views/forms.hpp"
#include "web/views/layout.hpp"

#include <algorithm>

namespace waymark::web::views {

namespace {

std::string sentence_case(std::string s) {
    if (!s.empty() && s.front() >= 'a' && s.front() <= 'z') s.front() = static_cast<char>(s.front() - 'a' + 'A');
    return s;
}

Html search_form(std::string_view query, const std::optional<std::string>& problem) {
    std::vector<FieldError> errors;
    if (problem) errors.push_back({"q", *problem});
    Html h = error_summary(errors);
    h += "<form method=\"get\" action=\"/search\" role=\"search\">";
    h += input({"q", "Case reference or name",
                "For example C000123, part of a case reference, or part of a child's first or last name.", "off"},
               "search", "ds_input--fixed-20", query, errors);
    h += "<button class=\"ds_button\" type=\"submit\">Search</button></form>";
    return h;
}

}  // namespace

std::string search_page(const Chrome& chrome, const SearchPage& p) {
    const auto& r = p.result;
    Html h = search_form(r.query, r.problem);
    if (!p.searched || r.problem) {
        if (!r.problem) {
            h += "<p>Type a case reference or part of a name, then choose Search. Only the children you may see are "
                 "searched. A case reference typed in full opens the child's page.</p>";
        }
        return document(chrome, "Find a child", h, r.problem ? "Error: Find a child" : "");
    }
    if (r.matches.empty()) {
        h += "<h2 class=\"ds_h3\">No children match &ldquo;" + text(r.query) + "&rdquo;</h2>";
        h += "<p>Check the spelling, or type less: part of the case reference, or part of the first or last "
             "name. Only the children you may see are searched; a child allocated to someone else may not be "
             "yours to see.</p>";
        return document(chrome, "Find a child", h);
    }
    const std::size_t n = r.matches.size();
    h += "<h2 class=\"ds_h3\" id=\"results\">";
    h += n == 1 ? Html("1 child matches") : text(static_cast<long long>(n)) + " children match";
    h += " &ldquo;" + text(r.query) + "&rdquo;</h2>";
    if (n > r.shown.size()) {
        h += "<div class=\"ds_inset-text\"><div class=\"ds_inset-text__text\">The first " +
             text(static_cast<long long>(r.shown.size())) +
             " are shown. Type more of the name or the case reference to narrow the search.</div></div>";
    }
    h += scroll_region("Children matching the search, table");
    h += "<table class=\"ds_table\" data-smallscreen=\"boxes\"><caption class=\"visually-hidden\">Children "
         "matching the search</caption><thead><tr><th scope=\"col\">Case reference</th><th scope=\"col\">Name</th>"
         "<th scope=\"col\">Date of birth</th><th scope=\"col\">Stage</th><th scope=\"col\">Worker</th>"
         "</tr></thead><tbody>";
    for (std::size_t i = 0; i < r.shown.size() && i < n; ++i) {
        const auto& row = r.matches[i];
        const auto& child = row.status->child;
        const auto named = std::find_if(r.shown.begin(), r.shown.end(),
                                        [&](const app::NamedChild& c) { return c.child_id == child.child_id; });
        const std::string href =
            "/children/" + path_segment(child.local_authority) + "/" + path_segment(child.child_id);
        h += "<tr><th scope=\"row\" data-title=\"Case reference\"><a class=\"ds_link\" href=\"" + text(href) + "\">" +
             text(child.child_id) + "</a>";
        if (row.status->restricted) h += " <strong class=\"ds_tag ds_tag--grey\">restricted</strong>";
        h += "</th><td data-title=\"Name\">";
        std::string name;
        if (named != r.shown.end()) {
            name = named->given_name;
            if (!named->family_name.empty()) name += (name.empty() ? "" : " ") + named->family_name;
        }
        h += name.empty() ? Html("Not recorded") : user_text(name);
        h += "</td><td data-title=\"Date of birth\">";
        h += named != r.shown.end() && named->date_of_birth ? text(named->date_of_birth->long_display())
                                                            : Html("Not recorded");
        h += "</td><td data-title=\"Stage\">" + text(sentence_case(words(core::to_string(row.status->stage))));
        h += "</td><td data-title=\"Worker\">";
        h += row.allocation->worker.empty() ? Html("Not allocated")
                                            : user_text(staff_label(row.allocation->worker, p.staff));
        if (!row.team->empty()) h += " (" + user_text(*row.team) + ")";
        h += "</td></tr>";
    }
    h += "</tbody></table></div>";
    return document(chrome, "Find a child", h);
}

}  // namespace waymark::web::views
