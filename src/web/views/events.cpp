#include "web/views/events.hpp"

#include "app/event_checks.hpp"
#include "web/views/forms.hpp"
#include "web/views/layout.hpp"

#include <algorithm>

namespace waymark::web::views {

namespace {

using core::EventType;

// The groups of the chronology's filter, and which built-in types are in each; types a
// standards file declares are "other".
struct Group {
    const char* id;
    const char* name;
    std::vector<EventType> types;
};
const std::vector<Group>& groups() {
    static const std::vector<Group> g{
        {"hearings",
         "Hearings and the Reporter",
         {EventType::pre_birth_concern, EventType::scra_early_alert, EventType::referral_to_reporter,
          EventType::grounds_application_lodged, EventType::grounds_hearing, EventType::childrens_hearing,
          EventType::advice_hearing, EventType::cpo}},
        {"care",
         "Care and placements",
         {EventType::birth, EventType::looked_after_at_home, EventType::accommodated, EventType::placement_change,
          EventType::returned_home, EventType::ceased_looked_after}},
        {"reviews",
         "Reviews and meetings",
         {EventType::post_admission_meeting, EventType::lar, EventType::mentoring_meeting,
          EventType::health_assessment_completed}},
        {"permanence",
         "Permanence",
         {EventType::permanence_plan_recorded, EventType::permanence_recommendation,
          EventType::kinship_assessment_completed, EventType::permanence_panel, EventType::adm_decision,
          EventType::matched, EventType::placed_with_permanent_carers}},
        {"legal",
         "Legal advice and court",
         {EventType::legal_advice_requested, EventType::legal_advice_received, EventType::court_application_lodged,
          EventType::court_hearing, EventType::order_granted, EventType::order_refused}},
        {"other", "Other events", {EventType::life_event}},
    };
    return g;
}

std::string child_path(const app::Chronology& c) {
    return "/children/" + path_segment(c.child.local_authority) + "/" + path_segment(c.child.child_id);
}

Html option(std::string_view value, std::string_view label, bool selected) {
    Html h{"<option value=\""};
    h += text(value);
    h += selected ? Html("\" selected>") : Html("\">");
    return h + text(label) + "</option>";
}

Html select(std::string_view id, std::string_view label,
            const std::vector<std::pair<std::string, std::string>>& options, std::string_view value,
            const std::string* error) {
    Html h{"<div class=\"ds_question"};
    if (error) h += " ds_question--error";
    h += "\"><label class=\"ds_label\" for=\"" + text(id) + "\">" + text(label) + "</label>";
    if (error) {
        h += "<p class=\"ds_question__error-message\" id=\"" + text(id) + "-error\">" + text(*error) + "</p>";
    }
    h += "<div class=\"ds_select-wrapper\"><select class=\"ds_select";
    if (error) h += " ds_input--error";
    h += "\" id=\"" + text(id) + "\" name=\"" + text(id) + "\"";
    if (error) h += " aria-invalid=\"true\" aria-describedby=\"" + text(id) + "-error\"";
    h += ">";
    for (const auto& [v, l] : options) h += option(v, l, v == value);
    h += "</select><span class=\"ds_select-arrow\" aria-hidden=\"true\"></span></div></div>";
    return h;
}

Html textarea(std::string_view id, std::string_view label, std::string_view hint, std::string_view value,
              const std::string* error) {
    Html h{"<div class=\"ds_question"};
    if (error) h += " ds_question--error";
    h += "\"><label class=\"ds_label\" for=\"" + text(id) + "\">" + text(label) + "</label>";
    std::string described;
    if (!hint.empty()) {
        h += "<p class=\"ds_hint-text\" id=\"" + text(id) + "-hint\">" + text(hint) + "</p>";
        described = std::string(id) + "-hint";
    }
    if (error) {
        h += "<p class=\"ds_question__error-message\" id=\"" + text(id) + "-error\">" + text(*error) + "</p>";
        described += (described.empty() ? "" : " ") + std::string(id) + "-error";
    }
    h += "<textarea class=\"ds_input";
    if (error) h += " ds_input--error";
    h += "\" id=\"" + text(id) + "\" name=\"" + text(id) + "\" rows=\"4\"";
    if (!described.empty()) h += " aria-describedby=\"" + text(described) + "\"";
    if (error) h += " aria-invalid=\"true\"";
    h += ">" + text(value) + "</textarea></div>";
    return h;
}

const std::string* error_for(const EventForm& form, std::string_view id) {
    for (const auto& e : form.errors) {
        if (e.field_id == id) return &e.message;
    }
    return nullptr;
}

Html error_summary(const std::vector<FormError>& errors) {
    Html h{
        "<div class=\"ds_error-summary\" aria-labelledby=\"error-summary-title\" role=\"alert\">"
        "<h2 class=\"ds_error-summary__title\" id=\"error-summary-title\">There is a problem</h2>"
        "<ul class=\"ds_error-summary__list\">"};
    for (const auto& e : errors) h += "<li><a href=\"#" + text(e.field_id) + "\">" + text(e.message) + "</a></li>";
    return h + "</ul></div>";
}

// The design system's pattern for a date people know: day, month and year in their own fields.
Html date_fields(const EventForm& form) {
    const std::string* error = error_for(form, "date-day");
    Html h{"<div class=\"ds_question"};
    if (error) h += " ds_question--error";
    h += "\"><fieldset aria-describedby=\"date-hint";
    if (error) h += " date-error";
    h += "\"><legend>";
    h += form.kind == EventForm::Kind::plan ? Html("When is it planned for?") : Html("Date");
    h += "</legend><p class=\"ds_hint-text\" id=\"date-hint\">For example, 27 3 2026</p>";
    if (error) h += "<p class=\"ds_question__error-message\" id=\"date-error\">" + text(*error) + "</p>";
    h += "<div class=\"ds_field-group ds_field-group--inline\">";
    const struct {
        const char* id;
        const char* label;
        const std::string& value;
        Markup width;
    } parts[] = {{"date-day", "Day", form.day, " ds_input--fixed-2"},
                 {"date-month", "Month", form.month, " ds_input--fixed-2"},
                 {"date-year", "Year", form.year, " ds_input--fixed-4"}};
    for (const auto& p : parts) {
        h += "<div><label class=\"ds_label\" for=\"" + text(p.id) + "\">" + text(p.label) + "</label>";
        h += "<input class=\"ds_input" + Html(p.width);
        if (error) h += " ds_input--error";
        h += "\" type=\"text\" inputmode=\"numeric\" id=\"" + text(p.id) + "\" name=\"" + text(p.id) + "\" value=\"" +
             text(p.value) + "\"";
        if (error) h += " aria-invalid=\"true\"";
        h += "></div>";
    }
    h += "</div></fieldset></div>";
    return h;
}

Html status_radios(const EventForm& form) {
    Html h{"<div class=\"ds_question\"><fieldset><legend>Has it happened?</legend>"};
    for (const auto& [value, label] :
         {std::pair<const char*, const char*>{"occurred", "Yes, it has happened"}, {"planned", "No, it is planned"}}) {
        const std::string id = std::string("status-") + value;
        h += "<div class=\"ds_radio\"><input class=\"ds_radio__input\" type=\"radio\" name=\"status\" id=\"" +
             text(id) + "\" value=\"" + text(value) + "\"";
        if (form.status == value) h += " checked";
        h += "><label class=\"ds_radio__label\" for=\"" + text(id) + "\">" + text(label) + "</label></div>";
    }
    return h + "</fieldset></div>";
}

Html attribute_fields(const EventForm& form) {
    Html h;
    for (const auto& a : form.spec->attributes) {
        const std::string id = "attr-" + a.key;
        const std::string value(find_field(form.attributes, a.key).value_or(""));
        const std::string label = words(a.key) + " (optional)";
        if (a.is_date) {
            const std::string* error = error_for(form, id);
            h += "<div class=\"ds_question";
            if (error) h += " ds_question--error";
            h += "\"><label class=\"ds_label\" for=\"" + text(id) + "\">" + text(label) +
                 "</label><p class=\"ds_hint-text\" id=\"" + text(id) + "-hint\">For example, 27/03/2026</p>";
            if (error) {
                h += "<p class=\"ds_question__error-message\" id=\"" + text(id) + "-error\">" + text(*error) + "</p>";
            }
            h += "<input class=\"ds_input ds_input--fixed-10\" type=\"text\" id=\"" + text(id) + "\" name=\"" +
                 text(id) + "\" value=\"" + text(value) + "\" aria-describedby=\"" + text(id) + "-hint\"></div>";
            continue;
        }
        std::vector<std::pair<std::string, std::string>> options{{"", "Not given"}};
        for (const auto& v : a.values) options.emplace_back(v, words(v));
        h += select(id, label, options, value, error_for(form, id));
    }
    return h;
}

std::string_view title_of(EventForm::Kind kind) {
    switch (kind) {
        case EventForm::Kind::record:
            return "Record an event";
        case EventForm::Kind::plan:
            return "Plan an event";
        case EventForm::Kind::correct:
            return "Correct an event";
        case EventForm::Kind::cancel:
            return "Cancel an event";
    }
    return "Record an event";
}

}  // namespace

const std::vector<std::pair<std::string, std::string>>& event_groups() {
    static const std::vector<std::pair<std::string, std::string>> out = [] {
        std::vector<std::pair<std::string, std::string>> v;
        for (const auto& g : groups()) v.emplace_back(g.id, g.name);
        return v;
    }();
    return out;
}

std::string_view event_group(const core::Vocabulary& vocabulary, core::EventTypeId type) {
    (void)vocabulary;
    for (const auto& g : groups()) {
        if (std::any_of(g.types.begin(), g.types.end(), [&](EventType t) { return core::id_of(t) == type; })) {
            return g.id;
        }
    }
    return "other";
}

Html notification_banner(std::string_view message) {
    Html h{
        "<div class=\"ds_notification ds_notification--success\" role=\"status\"><div "
        "class=\"ds_notification__content\"><h2 class=\"visually-hidden\">Done</h2><div "
        "class=\"ds_notification__text\"><p>"};
    return h + text(message) + "</p></div></div></div>";
}

namespace {

Html chronology_content(const app::Chronology& c, const ChronologyOptions& o) {
    const std::string base = child_path(c);
    const bool may_record = std::find(o.may_change.begin(), o.may_change.end(), true) != o.may_change.end();
    Html h{"<h2>Chronology</h2>"};
    if (may_record) {
        h += "<ul class=\"ds_no-bullets\"><li><a class=\"ds_link\" href=\"" + text(base) +
             "/events/new\">Record an event</a></li><li><a class=\"ds_link\" href=\"" + text(base) +
             "/events/new?status=planned\">Plan an event</a></li></ul>";
    }
    // The filters: a GET form, so that a filtered chronology has an address of its own.
    const auto& f = o.filter;
    std::optional<core::Date> from;
    std::optional<core::Date> to;
    std::vector<FormError> errors;
    if (!f.from.empty() && !(from = core::Date::try_parse(f.from, true))) {
        errors.push_back({"from", "'" + f.from + "' is not a date (for example 27/03/2026): it was not used"});
    }
    if (!f.to.empty() && !(to = core::Date::try_parse(f.to, true))) {
        errors.push_back({"to", "'" + f.to + "' is not a date (for example 27/03/2026): it was not used"});
    }
    h += "<details class=\"ds_details\"";
    if (!f.group.empty() || !f.agency.empty() || !f.from.empty() || !f.to.empty() || f.show_cancelled) h += " open";
    h += "><summary class=\"ds_details__summary\">Filter the chronology</summary><div class=\"ds_details__text\">";
    if (!errors.empty()) h += error_summary(errors);
    h += "<form method=\"get\" action=\"" + text(base) + "#chronology\">";
    std::vector<std::pair<std::string, std::string>> group_options{{"", "All events"}};
    for (const auto& g : event_groups()) group_options.push_back(g);
    h += select("group", "Events", group_options, f.group, nullptr);
    std::vector<std::pair<std::string, std::string>> agency_options{{"", "Any source"}};
    for (const auto& a : core::Vocabulary::agencies()) agency_options.emplace_back(a, words(a));
    h += select("agency", "Source", agency_options, f.agency, nullptr);
    for (const auto& [field, label, value] :
         {std::tuple<const char*, const char*, const std::string&>{"from", "From", f.from}, {"to", "To", f.to}}) {
        const std::string_view id = field;  // a lambda cannot capture a structured binding (before C++20 in clang)
        const auto it =
            std::find_if(errors.begin(), errors.end(), [&](const FormError& e) { return e.field_id == id; });
        h += "<div class=\"ds_question";
        if (it != errors.end()) h += " ds_question--error";
        h += "\"><label class=\"ds_label\" for=\"" + text(id) + "\">" + text(label) +
             "</label><p class=\"ds_hint-text\" id=\"" + text(id) + "-hint\">For example, 27/03/2026</p>";
        if (it != errors.end()) {
            h += "<p class=\"ds_question__error-message\" id=\"" + text(id) + "-error\">" + text(it->message) + "</p>";
        }
        h += "<input class=\"ds_input ds_input--fixed-10\" type=\"text\" id=\"" + text(id) + "\" name=\"" + text(id) +
             "\" value=\"" + text(value) + "\" aria-describedby=\"" + text(id) + "-hint\"></div>";
    }
    h += "<div class=\"ds_checkbox ds_checkbox--small\"><input class=\"ds_checkbox__input\" type=\"checkbox\" "
         "id=\"cancelled\" name=\"cancelled\" value=\"yes\"";
    if (f.show_cancelled) h += " checked";
    h += "><label class=\"ds_checkbox__label\" for=\"cancelled\">Show cancelled events</label></div>"
         "<button class=\"ds_button ds_button--secondary ds_button--small\" type=\"submit\">Filter</button> "
         "<a class=\"ds_link\" href=\"" +
         text(base) + "#chronology\">Clear the filters</a></form></div></details>";

    std::vector<const app::ChronologyEntry*> shown;
    for (const auto& e : c.entries) {
        if (!f.show_cancelled && e.event.status == core::EventStatus::cancelled) continue;
        if (!f.agency.empty() && e.event.agency != f.agency) continue;
        if (!f.group.empty() && o.vocabulary && event_group(*o.vocabulary, e.event.type) != f.group) continue;
        if (from && e.event.date < *from) continue;
        if (to && e.event.date > *to) continue;
        shown.push_back(&e);
    }
    if (shown.empty()) {
        h += c.entries.empty() ? Html("<p>No events recorded.</p>") : Html("<p>No events match the filters.</p>");
        return h;
    }
    h += "<table class=\"ds_table\" data-smallscreen=\"boxes\"><caption class=\"visually-hidden\">The child's "
         "events, oldest first</caption><thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Event</th><th "
         "scope=\"col\">Source</th><th scope=\"col\">Details and note</th>";
    h += may_record ? Html("<th scope=\"col\">Change</th>") : Html("<th scope=\"col\">History</th>");
    h += "</tr></thead><tbody>";
    for (const auto* e : shown) {
        h += "<tr><td data-title=\"Date\">" + text(e->event.date.display()) + "</td><td data-title=\"Event\">";
        h += text(e->label);
        if (e->event.status != core::EventStatus::occurred) h += " (" + text(core::to_string(e->event.status)) + ")";
        h += "</td><td data-title=\"Source\">" + text(words(e->event.agency)) + "</td><td data-title=\"Details\">";
        std::string details = e->event.details;
        if (!e->event.note.empty()) details += (details.empty() ? "" : ". ") + e->event.note;
        h += user_text(details) + "</td>";
        h += may_record ? Html("<td data-title=\"Change\">") : Html("<td data-title=\"History\">");
        const std::string event_path = base + "/events/" + std::to_string(e->event.seq);
        const std::string what = " the " + e->label + " of " + e->event.date.display();
        const bool may = e->event.type < o.may_change.size() && o.may_change[e->event.type];
        if (may_record && may && e->event.status != core::EventStatus::cancelled) {
            h += "<a class=\"ds_link\" href=\"" + text(event_path) +
                 "/correct\">Correct<span "
                 "class=\"visually-hidden\">" +
                 text(what) + "</span></a> <a class=\"ds_link\" href=\"" + text(event_path) +
                 "/cancel\">Cancel<span class=\"visually-hidden\">" + text(what) + "</span></a> ";
        }
        // Every event's versions, for everyone who sees the child (event_history.cpp).
        h += "<a class=\"ds_link\" href=\"" + text(event_path) + "/history\">History<span class=\"visually-hidden\">" +
             text(" of" + what) + "</span></a></td></tr>";
    }
    h += "</tbody></table>";
    return h;
}

}  // namespace

Html chronology_section(const app::Chronology& chronology, const ChronologyOptions& options) {
    return "<section id=\"chronology\">" + chronology_content(chronology, options) + "</section>";
}

std::string event_form_page(const Chrome& chrome, const EventForm& form) {
    const std::string title(title_of(form.kind));
    const std::string head = (form.errors.empty() ? "" : "Error: ") + title;
    Html h;
    if (!form.errors.empty()) h += error_summary(form.errors);
    h += "<p class=\"ds_leader\">Case reference " + text(form.child_id) + ".</p>";
    if (!form.summary.empty()) h += "<p>" + text(form.summary) + "</p>";
    if (form.kind == EventForm::Kind::correct || form.kind == EventForm::Kind::cancel) {
        // .../events/KEY/correct -> .../events/KEY/history
        const std::string history = form.action.substr(0, form.action.rfind('/')) + "/history";
        h += "<p><a class=\"ds_link\" href=\"" + text(history) +
             "\">The event's history</a> (every version, who "
             "changed it and why)</p>";
    }

    if (form.spec == nullptr) {
        // First step: choose the type, so that the next step shows the right details.
        h += "<form method=\"get\" action=\"" + text(form.action) + "\" novalidate>";
        if (form.kind == EventForm::Kind::plan) h += hidden("status", "planned");
        std::vector<std::pair<std::string, std::string>> options{{"", "Choose an event"}};
        for (const auto& t : form.types) options.push_back(t);
        h += select("event", "What kind of event?", options, form.event, error_for(form, "event"));
        h += "<button class=\"ds_button\" type=\"submit\">Continue</button></form>";
        h += "<p><a class=\"ds_link\" href=\"" + text(form.back) + "\">Back to the child</a></p>";
        return document(chrome, title, h, head);
    }

    h += "<form method=\"post\" action=\"" + text(form.action) + "\" novalidate>";
    h += hidden("csrf", form.csrf);
    if (!form.version.empty()) h += hidden("version", form.version);
    h += "<div class=\"ds_question\"><p class=\"ds_label\">Event</p><p>" + text(form.spec->label);
    if (form.kind == EventForm::Kind::record || form.kind == EventForm::Kind::plan) {
        h += hidden("event", form.event);
        h += hidden("status", form.status);
        h += " <a class=\"ds_link\" href=\"" + text(form.action) + "/new";
        if (form.kind == EventForm::Kind::plan) h += "?status=planned";
        h += "\">Change<span class=\"visually-hidden\"> the kind of event</span></a>";
    }
    h += "</p></div>";
    if (form.kind == EventForm::Kind::cancel) {
        h += textarea("reason", "Why is it cancelled?", "The reason is kept with the event's history.", form.reason,
                      error_for(form, "reason"));
        h += "<button class=\"ds_button ds_button--secondary\" type=\"submit\">Cancel the event</button></form>";
        h += "<p><a class=\"ds_link\" href=\"" + text(form.back) + "\">Back to the child, keeping the event</a></p>";
        return document(chrome, title, h, head);
    }
    if (form.kind == EventForm::Kind::correct) h += status_radios(form);
    h += date_fields(form);
    h += attribute_fields(form);
    std::vector<std::pair<std::string, std::string>> agencies{{"", "Not given"}};
    for (const auto& a : core::Vocabulary::agencies()) agencies.emplace_back(a, words(a));
    h += select("agency", "Source (optional)", agencies, form.agency, error_for(form, "agency"));
    static_assert(app::kMaxNoteCharacters == 10'000, "the note's hint says 10,000");
    h += textarea("note", "Note (optional)",
                  "You can enter up to 10,000 characters. A longer report belongs in the case file.", form.note,
                  error_for(form, "note"));
    if (form.kind == EventForm::Kind::correct) {
        h += textarea("reason", "Why is it corrected?", "The event as it was, and the reason, are kept.", form.reason,
                      error_for(form, "reason"));
    }
    h += "<button class=\"ds_button\" type=\"submit\">";
    h += form.kind == EventForm::Kind::correct ? Html("Save the correction") : Html("Save");
    h += "</button></form><p><a class=\"ds_link\" href=\"" + text(form.back) + "\">Back to the child</a></p>";
    return document(chrome, title, h, head);
}

}  // namespace waymark::web::views
