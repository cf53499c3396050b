#include "web/views/pages.hpp"

#include "app/admin.hpp"
#include "core/council.hpp"
#include "core/stage.hpp"
#include "core/uk_time.hpp"
#include "web/routes/assets.hpp"
#include "web/routes/handlers.hpp"
#include "web/views/events.hpp"
#include "web/views/layout.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace waymark::web::views {

// "permanence_planning" -> "permanence planning".
std::string words(std::string_view id) {
    std::string s(id);
    for (char& c : s) {
        if (c == '_') c = ' ';
    }
    return s;
}

std::string sentence(std::string_view id) {
    std::string s = words(id);
    if (!s.empty() && s.front() >= 'a' && s.front() <= 'z') s.front() = static_cast<char>(s.front() - 'a' + 'A');
    return s;
}

namespace {

Html asset_href(std::string_view path) {
    return text("/assets/ds-" + std::string(design_system_version()) + "/" + std::string(path));
}

Html nav_link(std::string_view href, std::string_view label) {
    return "<li class=\"ds_site-navigation__item\"><a class=\"ds_site-navigation__link\" href=\"" + text(href) + "\">" +
           text(label) + "</a></li>";
}

// The design system's site search (ds_site-search), to /search; `id` tells the header's apart
// from the menu's.
Html site_search(std::string_view id, std::string_view icons) {
    Html h{
        "<div class=\"ds_site-search\"><form role=\"search\" class=\"ds_site-search__form\" method=\"get\" "
        "action=\"/search\"><label class=\"ds_label visually-hidden\" for=\""};
    h += text(id) + "\">Search for a child</label><div class=\"ds_input__wrapper ds_input__wrapper--has-icon\">";
    h += "<input class=\"ds_input ds_site-search__input\" type=\"search\" name=\"q\" id=\"" + text(id) +
         "\" autocomplete=\"off\" spellcheck=\"false\" placeholder=\"Case reference or name\">"
         "<button class=\"ds_button\" type=\"submit\"><span class=\"visually-hidden\">Search</span>"
         "<svg class=\"ds_icon\" aria-hidden=\"true\" role=\"img\" focusable=\"false\"><use href=\"";
    h += text(icons) + "#search\"></use></svg></button></div></form></div>";
    return h;
}

// The navigation's items, the same on a desktop and in a phone's menu: the pages the role may
// open, then the user (name, role, council), their account and signing out.
Html nav_items(const Chrome& chrome) {
    Html h;
    // With a one-time password nothing else opens until it is changed: no links to it.
    const bool links = !chrome.must_change_password;
    if (links && chrome.sees_children) {
        h += nav_link("/children", "My children");
        h += nav_link("/this-week", "Due this week");
        h += nav_link("/dashboard", "Drift dashboard");
    }
    if (links) {
        h += nav_link("/measures", "Measures");
        h += nav_link("/tests-of-change", "Tests of change");
    }
    if (const auto role = app::parse_role(chrome.role); role && links) {
        if (app::may_import(*role)) h += nav_link("/import", "Import");
        if (app::may_administer(*role)) h += nav_link("/admin", "Administration");
    }
    h += "<li class=\"ds_site-navigation__item wm-nav-user\">";
    h += user_text(chrome.user) + " (" + text(words(chrome.role)) + ", " +
         text(core::council_words(chrome.local_authority)) + ")";
    // Under the name (the header has no width to spare for another item).
    h += "<br><a class=\"ds_link\" href=\"/account/password\">Change password</a>";
    if (links) h += "<br><a class=\"ds_link\" href=\"/account/sessions\">Your sessions</a>";
    h += "</li><li class=\"ds_site-navigation__item wm-nav-signout\"><form method=\"post\" action=\"/sign-out\">"
         "<input type=\"hidden\" name=\"csrf\" value=\"";
    h += text(chrome.csrf);
    h += "\"><button class=\"ds_button ds_button--secondary ds_button--small\" type=\"submit\">Sign "
         "out</button></form></li>";
    return h;
}

// The design system's site header. Signed in, from 768 px the navigation is a row under the
// branding and the search; below it, a "Menu" control opens the same links (and the search)
// without JavaScript: the label toggles a checkbox, and the menu after it shows while it is
// checked (the design system's no-script pattern; the app loads none of its scripts).
Html header(const std::optional<Chrome>& chrome) {
    const std::string icons = "/assets/ds-" + std::string(design_system_version()) + "/images/icons/icons.stack.svg";
    Html h{
        "<div class=\"ds_page__top\"><div class=\"ds_skip-links\"><ul class=\"ds_skip-links__list\">"
        "<li class=\"ds_skip-links__item\"><a class=\"ds_skip-links__link\" href=\"#main-content\">Skip to main "
        "content</a></li></ul></div>"
        "<header class=\"ds_site-header\"><div class=\"ds_wrapper\"><div class=\"ds_site-header__content\">"
        "<div class=\"ds_site-branding\"><a class=\"ds_site-branding__link\" href=\"/\">"
        "<span class=\"ds_site-branding__title\">Waymark</span></a></div>"};
    if (!chrome) return h + "</div></div></header></div>";
    const bool search = chrome->sees_children && !chrome->must_change_password;
    const Html items = nav_items(*chrome);
    h += "<div class=\"ds_site-header__controls\"><label class=\"ds_site-header__control\" for=\"menu\">"
         "<span class=\"ds_site-header__control-text\">Menu</span><svg class=\"ds_icon ds_site-header__control-icon\" "
         "aria-hidden=\"true\" role=\"img\" focusable=\"false\"><use href=\"";
    h += text(icons) +
         "#menu\"></use></svg><svg class=\"ds_icon ds_site-header__control-icon "
         "ds_site-header__control-icon--active-icon\" aria-hidden=\"true\" role=\"img\" "
         "focusable=\"false\"><use href=\"";
    h += text(icons) + "#close\"></use></svg></label></div>";
    h +=
        "<input class=\"ds_site-navigation__toggle\" id=\"menu\" type=\"checkbox\" aria-controls=\"mobile-navigation\">"
        "<nav id=\"mobile-navigation\" class=\"ds_site-navigation ds_site-navigation--mobile\" aria-label=\"Menu\">";
    if (search) h += "<div class=\"wm-menu-search\">" + site_search("menu-search", icons) + "</div>";
    h += "<ul class=\"ds_site-navigation__list\">" + items + "</ul></nav>";
    if (search)
        h += "<div class=\"ds_site-header__search wm-header-search\">" + site_search("site-search", icons) + "</div>";
    h += "</div></div><div class=\"ds_site-header__navigation\"><div class=\"ds_wrapper\"><nav "
         "class=\"ds_site-navigation\" aria-label=\"Main\"><ul class=\"ds_site-navigation__list\">";
    h += items;
    return h + "</ul></nav></div></div></header></div>";
}

}  // namespace

std::string document(const std::optional<Chrome>& chrome, std::string_view title, const Html& content,
                     std::string_view head_title, PageWidth width) {
    Html h{
        "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"};
    h.reserve(content.str().size() + 8192);  // the chrome is under 8 kB
    h += text(without_bidi_controls(head_title.empty() ? title : head_title)) +
         " - Waymark</title><link rel=\"stylesheet\" href=\"";
    h += asset_href("css/design-system.min.css");
    h +=
        "\"><link rel=\"stylesheet\" href=\"" + text(app_stylesheet_path()) + "\"></head><body><div class=\"ds_page\">";
    h += header(chrome);
    // ds_layout--category-list gives its content all twelve columns.
    h += width == PageWidth::wide
             ? Html(
                   "<div class=\"ds_page__middle\"><div class=\"ds_wrapper\"><main class=\"ds_layout "
                   "ds_layout--category-list\" id=\"main-content\">")
             : Html(
                   "<div class=\"ds_page__middle\"><div class=\"ds_wrapper\"><main "
                   "class=\"ds_layout\" id=\"main-content\">");
    h += "<div class=\"ds_layout__header\"><header class=\"ds_page-header\"><h1 class=\"ds_page-header__title\">";
    h += user_text(title);  // a child's name, a test's title: isolated as the page's user text is
    h += "</h1></header></div><div class=\"ds_layout__content\">";
    h += content;
    // The footer's note sits in the design system's copyright area: a bare paragraph in its
    // grid takes one of twelve columns and wraps every word or two.
    h += "</div></main></div></div><footer class=\"ds_site-footer\"><div class=\"ds_wrapper\"><div "
         "class=\"ds_site-footer__content\"><div class=\"ds_site-footer__copyright\"><p>OFFICIAL-SENSITIVE: "
         "children's records. Every view of a child's record is written to the audit log.</p></div></div></div>"
         "</footer></div></body></html>\n";
    return std::move(h).release();
}

Html scroll_region(std::string_view label) {
    return "<div class=\"wm-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"" + text(label) + "\">";
}

Html boxes_table(std::string_view label, const Html& caption, std::initializer_list<std::string_view> columns) {
    Html h = scroll_region(label);
    h += "<table class=\"ds_table\" data-smallscreen=\"boxes\">";
    h += caption;
    h += "<thead><tr>";
    for (const auto column : columns) h += "<th scope=\"col\">" + text(column) + "</th>";
    h += "</tr></thead><tbody>";
    return h;
}

Html status_notice(std::string_view words) {
    return "<div class=\"ds_inset-text\" role=\"status\"><div class=\"ds_inset-text__text\">" + text(words) +
           "</div></div>";
}

Html when(std::int64_t unix_seconds) {
    return text(core::uk_display(unix_seconds));
}

Html summary_row(std::string_view key, const Html& value) {
    Html h{"<li class=\"ds_summary-list__item\"><span class=\"ds_summary-list__key\">"};
    h += text(key);
    h += "</span><span class=\"ds_summary-list__value\"><span class=\"ds_summary-list__answer\">";
    h += value;
    h += "</span></span></li>";
    return h;
}

namespace {

Html date_or_dash(const std::optional<core::Date>& d) {
    return d ? text(d->long_display()) : Html("-");
}

Html clock_tag(core::ClockStatus status) {
    const std::string_view s = core::to_string(status);
    Html h;
    if (s == "overdue" || s == "missed") {
        h = "<strong class=\"ds_tag ds_tag--red\">";
    } else if (s == "due_soon" || s == "met_late") {
        h = "<strong class=\"ds_tag ds_tag--orange\">";
    } else if (s == "met") {
        h = "<strong class=\"ds_tag ds_tag--green\">";
    } else {
        h = "<strong class=\"ds_tag ds_tag--grey\">";
    }
    return h + text(words(s)) + "</strong>";
}

// "Looked after review" -> "looked after review"; "ADM decision" stays as it is.
std::string lower_first(std::string s) {
    if (s.size() > 1 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'a' && s[1] <= 'z')
        s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
}

// A clock that needs doing now: overdue, or due within its standard's warning window.
bool to_act_on(const core::Clock& k) {
    return k.status == core::ClockStatus::overdue || k.status == core::ClockStatus::due_soon;
}

// Why a clock is due, naming the kind of its basis (DOMAIN.md section 5): "statute or
// regulation: reg 45(2)(a), Looked After Children (Scotland) Regulations 2009". A basis that
// already says its kind ("PACE test of change", "local aim (Aberdeen)") is not told it twice.
std::string basis_words(const core::Standard& s) {
    const std::string_view kind = core::kind_words(s.kind);
    const bool says_kind =
        s.basis.size() >= kind.size() && std::equal(kind.begin(), kind.end(), s.basis.begin(), [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        });
    std::string out = says_kind || kind.empty() ? std::string() : std::string(kind) + ": ";
    return out + s.basis + ", " + s.source;
}

Html clock_row(const core::Clock& k) {
    Html h{"<tr><td data-title=\"Standard\">"};
    h += text(k.standard->title) + "</td><td data-title=\"Due\">";
    h += text(k.due_on.long_display()) + "</td><td data-title=\"Status\">" + clock_tag(k.status);
    h += "</td><td data-title=\"Stopped\">" + date_or_dash(k.stopped_on) + "</td><td data-title=\"Days late\">";
    h += k.days_late ? text(static_cast<long long>(*k.days_late)) : Html("-");
    h += "</td><td data-title=\"Basis\">" + text(basis_words(*k.standard));
    return h + "</td></tr>";
}

// What the user does next about a clock: record the event that stops it (the event form, the
// type chosen), when they may record it; nothing otherwise.
Html next_step(const app::Chronology& c, const core::Clock& k, const ChronologyOptions& options) {
    for (const auto& stop : k.standard->stop) {
        if (stop.type >= options.may_change.size() || !options.may_change[stop.type] || options.vocabulary == nullptr) {
            continue;
        }
        const auto& spec = options.vocabulary->spec(stop.type);
        const std::string href = "/children/" + path_segment(c.child.local_authority) + "/" +
                                 path_segment(c.child.child_id) + "/events/new?event=" + path_segment(spec.name);
        return "<a class=\"ds_link\" href=\"" + text(href) + "\">Record the " + text(lower_first(spec.label)) +
               "<span class=\"visually-hidden\"> for " + text(k.standard->title) + "</span></a>";
    }
    return {};
}

// "What needs doing": each overdue or due clock, most urgent first, named, with its due date,
// the days late and the next step.
Html clocks_to_act_on(const app::Chronology& c, const ChronologyOptions& options) {
    std::vector<const core::Clock*> due;
    for (const auto& k : c.clocks) {
        if (to_act_on(k)) due.push_back(&k);
    }
    std::stable_sort(due.begin(), due.end(), [](const core::Clock* a, const core::Clock* b) {
        if (a->status != b->status) return a->status == core::ClockStatus::overdue;
        return a->due_on < b->due_on;
    });
    Html h{"<section id=\"to-do\" aria-labelledby=\"to-do-title\"><h2 id=\"to-do-title\">What needs doing</h2>"};
    if (due.empty()) return h + "<p>Nothing is overdue or due soon.</p></section>";
    h += "<ul class=\"ds_no-bullets waymark-to-do\">";
    for (const auto* k : due) {
        h += "<li><h3 class=\"waymark-to-do__title\">" + text(k->standard->title) + "</h3><p>" + clock_tag(k->status) +
             " ";
        if (k->status == core::ClockStatus::overdue) {
            const auto late = static_cast<long long>(k->days_late.value_or(0));
            h += "Was due " + text(k->due_on.long_display()) + ": " + text(late);
            h += late == 1 ? Markup(" day late.") : Markup(" days late.");
        } else {
            const auto left = static_cast<long long>((k->due_on - c.as_of).count);
            h += "Due " + text(k->due_on.long_display());
            if (left == 0) {
                h += ": today.";
            } else {
                h += ": in " + text(left);
                h += left == 1 ? Markup(" day.") : Markup(" days.");
            }
        }
        h += "</p><p>" + text("Why: " + basis_words(*k->standard)) + "</p>";
        const Html step = next_step(c, *k, options);
        if (!step.str().empty()) h += "<p class=\"wm-noprint\">" + step + "</p>";
        h += "</li>";
    }
    return h + "</ul></section>";
}

// The other clocks (running but not yet due, met, met late, closed, missed, lapsed), folded
// in the design system's details element under the chronology.
Html other_clocks(const app::Chronology& c) {
    std::vector<const core::Clock*> rest;
    for (const auto& k : c.clocks) {
        if (!to_act_on(k)) rest.push_back(&k);
    }
    Html h{"<h2>Other clocks</h2>"};
    if (rest.empty()) return h + "<p>No other clocks.</p>";
    std::array<int, 8> counts{};
    for (const auto* k : rest) ++counts[static_cast<std::size_t>(k->status)];
    std::string summary = "Show " + std::to_string(rest.size()) + (rest.size() == 1 ? " clock" : " clocks") + " (";
    bool first = true;
    for (const auto status : {core::ClockStatus::open, core::ClockStatus::lapsed, core::ClockStatus::missed,
                              core::ClockStatus::met_late, core::ClockStatus::met, core::ClockStatus::closed}) {
        const int n = counts[static_cast<std::size_t>(status)];
        if (n == 0) continue;
        summary += (first ? "" : ", ") + std::to_string(n) + " " +
                   (status == core::ClockStatus::open ? std::string("not yet due") : words(core::to_string(status)));
        first = false;
    }
    summary += ")";
    h += "<details class=\"ds_details wm-print-open\" id=\"other-clocks\"><summary class=\"ds_details__summary\">" +
         text(summary) + "</summary><div class=\"ds_details__text\">";
    h += scroll_region("Other clocks, table");
    h += "<table class=\"ds_table\" data-smallscreen=\"boxes\"><caption class=\"visually-hidden\">Clocks not "
         "overdue or due soon</caption><thead><tr><th scope=\"col\">Standard</th><th scope=\"col\">Due</th><th "
         "scope=\"col\">Status</th><th scope=\"col\">Stopped</th><th scope=\"col\">Days late</th><th "
         "scope=\"col\">Basis</th></tr></thead><tbody>";
    for (const auto* k : rest) h += clock_row(*k);
    return h + "</tbody></table></div></div></details>";
}

}  // namespace

std::string sign_in_page(const SignInForm& form) {
    Html h;
    if (!form.error.empty()) {
        h += "<div class=\"ds_error-summary\" aria-labelledby=\"error-summary-title\" role=\"alert\">"
             "<h2 class=\"ds_error-summary__title\" id=\"error-summary-title\">There is a problem</h2>"
             "<ul class=\"ds_error-summary__list\"><li><a href=\"#name\">";
        h += text(form.error);
        h += "</a></li></ul></div>";
    }
    h += "<form method=\"post\" action=\"/sign-in\" novalidate><input type=\"hidden\" name=\"csrf\" value=\"";
    h += text(form.csrf);
    h += "\"><div class=\"ds_question\"><label class=\"ds_label\" for=\"name\">User name</label>"
         "<input class=\"ds_input ds_input--fluid-half\" type=\"text\" id=\"name\" name=\"name\" "
         "autocomplete=\"username\" spellcheck=\"false\" value=\"";
    h += text(form.name);
    h += "\"></div><div class=\"ds_question\"><label class=\"ds_label\" for=\"password\">Password</label>"
         "<input class=\"ds_input ds_input--fluid-half\" type=\"password\" id=\"password\" name=\"password\" "
         "autocomplete=\"current-password\"></div>"
         "<button class=\"ds_button\" type=\"submit\">Sign in</button></form>";
    return document(std::nullopt, "Sign in", h);
}

std::string home_page(const Chrome& chrome) {
    Html h{"<p class=\"ds_leader\">You are signed in as "};
    h += user_text(chrome.user) + " (" + text(words(chrome.role)) + ").</p>";
    h += "<p>Your role sees aggregates only, never a named child.</p><ul class=\"ds_no-bullets\"><li><a "
         "class=\"ds_link\" href=\"/measures\">Measures</a>: each measure's run or control chart</li><li><a "
         "class=\"ds_link\" href=\"/tests-of-change\">Tests of change</a>: PDSA cycles and decisions</li></ul>";
    return document(chrome, "Waymark", h);
}

std::string child_page(const Chrome& chrome, const app::Chronology& c, std::string timeline_svg,
                       const ChronologyOptions* chronology_options, const std::optional<ChildAllocation>& allocation,
                       std::span<const std::string> siblings) {
    static const ChronologyOptions kNoOptions;
    const ChronologyOptions& options = chronology_options ? *chronology_options : kNoOptions;
    const auto& s = c.status;
    std::string name = c.child.given_name;
    if (!c.child.family_name.empty()) name += (name.empty() ? "" : " ") + c.child.family_name;
    const std::string title = name.empty() ? c.child.child_id : name;

    Html summary{"<ul class=\"ds_summary-list\">"};
    summary += summary_row("Case reference", text(c.child.child_id));
    summary += summary_row("Council", text(core::council_words(c.child.local_authority)));
    if (c.child.date_of_birth) {
        summary += summary_row("Date of birth", text(c.child.date_of_birth->long_display()));
    } else if (c.child.expected_birth_date) {
        summary += summary_row("Expected", text(c.child.expected_birth_date->long_display()));
    }
    if (!c.child.sibling_group.empty()) {
        // The group, and links to the brothers and sisters in it whom the user may see.
        Html group = text(c.child.sibling_group);
        for (std::size_t i = 0; i < siblings.size(); ++i) {
            group += (i == 0 ? Html(": ") : Html(", ")) + "<a class=\"ds_link\" href=\"/children/" +
                     text(path_segment(c.child.local_authority)) + "/" + text(path_segment(siblings[i])) + "\">" +
                     text(siblings[i]) + "</a>";
        }
        summary += summary_row("Sibling group", group);
    }
    Html stage = text(sentence(words(core::to_string(s.stage))));
    if (s.stage_since) {
        stage += " since " + text(s.stage_since->long_display()) + " (" +
                 text(static_cast<long long>(s.days_in_stage.value_or(0))) + " days)";
    }
    summary += summary_row("Stage", stage);
    summary += summary_row("Looked after since", date_or_dash(s.looked_after_since));
    // The placement in words from the vocabulary ("Kinship care"), as the chronology shows it.
    std::string placement = words(s.placement);
    if (const auto accommodated = options.vocabulary ? options.vocabulary->find("accommodated") : std::nullopt) {
        placement = attribute_value_words(options.vocabulary->spec(*accommodated), "placement", s.placement);
    }
    summary += summary_row("Placement", s.placement.empty() ? Html("-") : text(placement));
    summary += summary_row("Overdue clocks", text(static_cast<long long>(s.overdue)));
    if (allocation) {
        const auto name_or_dash = [](const std::string& n) { return n.empty() ? Html("-") : user_text(n); };
        Html worker = allocation->worker.empty() ? Html("Not allocated") : user_text(allocation->worker);
        if (!allocation->team.empty()) worker += " (" + user_text(allocation->team) + ")";
        if (allocation->may_reallocate) {
            worker += " <a class=\"ds_link\" href=\"/children/" + text(path_segment(c.child.local_authority)) + "/" +
                      text(path_segment(c.child.child_id)) + "/allocation\">Reallocate</a>";
        }
        summary += summary_row("Social worker", worker);
        summary += summary_row("Reviewing officer", name_or_dash(allocation->reviewing_officer));
        summary += summary_row("Legal worker", name_or_dash(allocation->legal));
    }
    summary += "</ul>";

    Html h;
    if (!options.banner.empty()) h += notification_banner(options.banner);
    h += "<p class=\"ds_leader\">As of " + text(c.as_of.long_display()) + ".</p>";
    // What needs doing comes first, above the summary, the timeline and the chronology; the
    // rest of the clocks are folded away at the foot of the page.
    h += clocks_to_act_on(c, options);
    h += "<h2>Summary</h2>" + summary;
    h += "<h2>Timeline</h2><figure class=\"waymark-timeline\">";
    h += trusted_svg(std::move(timeline_svg));
    h += "</figure><p class=\"wm-noprint\"><a class=\"ds_link\" href=\"/children/";
    h += text(path_segment(c.child.local_authority)) + "/" + text(path_segment(c.child.child_id));
    h += "/timeline.pdf\" download>Download the timeline (PDF, one page, OFFICIAL-SENSITIVE)</a></p>";
    // On a phone the inline timeline is a thumbnail: its own page shows it at its width.
    h += "<p class=\"wm-noprint\"><a class=\"ds_link\" href=\"/children/";
    h += text(path_segment(c.child.local_authority)) + "/" + text(path_segment(c.child.child_id));
    h += "/timeline\">Open the timeline full size</a></p>";
    // The whole chronology to keep or send on (OFFICIAL-SENSITIVE too): every event, in words.
    const Html chronology_href = "/children/" + text(path_segment(c.child.local_authority)) + "/" +
                                 text(path_segment(c.child.child_id)) + "/chronology";
    h += "<p class=\"wm-noprint\"><a class=\"ds_link\" href=\"" + chronology_href +
         ".pdf\" download>Download the chronology (PDF)</a></p><p class=\"wm-noprint\"><a class=\"ds_link\" href=\"" +
         chronology_href + ".csv\" download>Download the chronology (CSV)</a></p>";
    h += chronology_section(c, options);
    h += other_clocks(c);
    return document(chrome, title, h, {}, PageWidth::wide);
}

std::string timeline_page(const Chrome& chrome, std::string_view council, std::string_view child_id,
                          std::string timeline_svg) {
    const std::string child = "/children/" + path_segment(council) + "/" + path_segment(child_id);
    Html h{"<p class=\"wm-noprint\"><a class=\"ds_link\" href=\""};
    h += text(child) + "\">Back to the child's page</a></p>";
    h += "<p>The timeline at its full size: scroll sideways to see all of it.</p>";
    h += "<figure class=\"wm-scroll wm-scroll--picture\" role=\"region\" tabindex=\"0\" aria-label=\"Timeline, "
         "full size\">";
    h += trusted_svg(std::move(timeline_svg));
    h += "</figure><p><a class=\"ds_link\" href=\"" + text(child) +
         "/timeline.pdf\" download>Download the timeline (PDF, one page, OFFICIAL-SENSITIVE)</a></p>";
    return document(chrome, "Timeline of " + std::string(child_id), h, {}, PageWidth::wide);
}

std::string error_page(const std::optional<Chrome>& chrome, int status, std::string_view message) {
    std::string title;
    switch (status) {
        case 400:
            title = "The request was not understood";
            break;
        case 403:
            title = "You cannot see this page";
            break;
        case 404:
            title = "Page not found";
            break;
        case 405:
            title = "That cannot be done here";
            break;
        case 415:
            title = "The form could not be read";
            break;
        case 429:
            title = "Too many attempts";
            break;
        default:
            title = "Sorry, there is a problem with the service";
    }
    Html h{"<p>"};
    h += text(message) + "</p>";
    return document(chrome, title, h);
}

}  // namespace waymark::web::views
