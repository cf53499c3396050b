#include "web/views/events.hpp"

#include "app/event_checks.hpp"
#include "app/planned.hpp"
#include "web/views/forms.hpp"
#include "web/views/layout.hpp"

#include <algorithm>

namespace waymark::web::views {

std::optional<core::Date> typed_date(std::string_view day, std::string_view month, std::string_view year) {
    const auto digits = [](std::string_view v, std::size_t max) {
        return !v.empty() && v.size() <= max &&
               std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (!digits(day, 2) || !digits(month, 2) || year.size() != 4 || !digits(year, 4)) return std::nullopt;
    const std::string iso = std::string(year) + "-" + (month.size() == 1 ? "0" : "") + std::string(month) + "-" +
                            (day.size() == 1 ? "0" : "") + std::string(day);
    return core::Date::try_parse(iso);
}

std::string lower_first(std::string label) {
    if (!label.empty() && label.front() >= 'A' && label.front() <= 'Z') {
        label.front() = static_cast<char>(label.front() - 'A' + 'a');
    }
    return label;
}

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

// The design system's pattern for a date people know: day, month and year in their own fields
// (ID-day, ID-month, ID-year), in a fieldset whose legend asks the question.
struct DateParts {
    std::string_view day, month, year;
};
Html date_input(std::string_view id, std::string_view legend, DateParts value, const std::string* error) {
    const std::string hint = std::string(id) + "-hint";
    const std::string error_id = std::string(id) + "-error";
    Html h{"<div class=\"ds_question"};
    if (error) h += " ds_question--error";
    h += "\"><fieldset aria-describedby=\"" + text(hint);
    if (error) h += " " + text(error_id);
    h += "\"><legend>" + text(legend) + "</legend><p class=\"ds_hint-text\" id=\"" + text(hint) +
         "\">For example, 27 3 2026</p>";
    if (error) h += "<p class=\"ds_question__error-message\" id=\"" + text(error_id) + "\">" + text(*error) + "</p>";
    h += "<div class=\"ds_field-group ds_field-group--inline\">";
    const struct {
        const char* part;
        const char* label;
        std::string_view value;
        Markup width;
    } parts[] = {{"-day", "Day", value.day, " ds_input--fixed-2"},
                 {"-month", "Month", value.month, " ds_input--fixed-2"},
                 {"-year", "Year", value.year, " ds_input--fixed-4"}};
    for (const auto& p : parts) {
        const std::string part_id = std::string(id) + p.part;
        h += "<div><label class=\"ds_label\" for=\"" + text(part_id) + "\">" + text(p.label) + "</label>";
        h += "<input class=\"ds_input" + Html(p.width);
        if (error) h += " ds_input--error";
        h += "\" type=\"text\" inputmode=\"numeric\" id=\"" + text(part_id) + "\" name=\"" + text(part_id) +
             "\" value=\"" + text(p.value) + "\"";
        if (error) h += " aria-invalid=\"true\"";
        h += "></div>";
    }
    h += "</div></fieldset></div>";
    return h;
}

Html date_fields(const EventForm& form) {
    std::string_view legend = "When did it happen?";
    if (form.kind == EventForm::Kind::plan) legend = "When is it planned for?";
    if (form.kind == EventForm::Kind::correct) legend = "Date";
    return date_input("date", legend, {form.day, form.month, form.year}, error_for(form, "date-day"));
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
        const std::string label = attribute_label(*form.spec, a.key) + " (optional)";
        if (a.is_date) {
            const auto part = [&](const char* p) { return find_field(form.attributes, a.key + p).value_or(""); };
            h += date_input(id, label, {part("-day"), part("-month"), part("-year")}, error_for(form, id + "-day"));
            continue;
        }
        const std::string value(find_field(form.attributes, a.key).value_or(""));
        std::vector<std::pair<std::string, std::string>> options{{"", "Not given"}};
        for (const auto& v : a.values) options.emplace_back(v, attribute_value_words(*form.spec, a.key, v));
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
        case EventForm::Kind::happened:
            return "Record that it happened";
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
        h += "<ul class=\"ds_no-bullets wm-noprint\"><li><a class=\"ds_link\" href=\"" + text(base) +
             "/events/new\">Record an event</a></li><li><a class=\"ds_link\" href=\"" + text(base) +
             "/events/new?status=planned\">Plan an event</a></li></ul>";
    }
    // The filters: a GET form, so that a filtered chronology has an address of its own.
    const auto& f = o.filter;
    std::vector<FormError> errors;
    const auto filter_date = [&errors](const ChronologyFilter::TypedDate& d, const char* id,
                                       const char* which) -> std::optional<core::Date> {
        if (d.empty()) return std::nullopt;
        if (auto date = typed_date(d.day, d.month, d.year)) return date;
        errors.push_back({std::string(id) + "-day", "Enter the " + std::string(which) +
                                                        " date as a day, a month and a four-digit year in numbers, "
                                                        "for example 27 3 2026. It was not used."});
        return std::nullopt;
    };
    const auto from = filter_date(f.from, "from", "'from'");
    const auto to = filter_date(f.to, "to", "'to'");
    h += "<details class=\"ds_details wm-noprint\"";
    if (!f.group.empty() || !f.agency.empty() || !f.from.empty() || !f.to.empty() || f.show_cancelled) h += " open";
    h += "><summary class=\"ds_details__summary\">Filter the chronology</summary><div class=\"ds_details__text\">";
    if (!errors.empty()) h += error_summary(errors);
    h += "<form method=\"get\" action=\"" + text(base) + "#chronology\">";
    std::vector<std::pair<std::string, std::string>> group_options{{"", "All events"}};
    for (const auto& g : event_groups()) group_options.push_back(g);
    h += select("group", "Events", group_options, f.group, nullptr);
    std::vector<std::pair<std::string, std::string>> agency_options{{"", "Any source"}};
    for (const auto& a : core::Vocabulary::agencies()) agency_options.emplace_back(a, sentence(a));
    h += select("agency", "Source", agency_options, f.agency, nullptr);
    const auto error_at = [&errors](std::string_view id) -> const std::string* {
        const auto it =
            std::find_if(errors.begin(), errors.end(), [&](const FormError& e) { return e.field_id == id; });
        return it == errors.end() ? nullptr : &it->message;
    };
    h += date_input("from", "From (optional)", {f.from.day, f.from.month, f.from.year}, error_at("from-day"));
    h += date_input("to", "To (optional)", {f.to.day, f.to.month, f.to.year}, error_at("to-day"));
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
    h += scroll_region("Chronology, table");
    h += "<table class=\"ds_table\" data-smallscreen=\"boxes\"><caption class=\"visually-hidden\">The child's "
         "events, oldest first</caption><thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Event</th><th "
         "scope=\"col\">Source</th><th scope=\"col\">Details and note</th>";
    h += may_record ? Html("<th scope=\"col\" class=\"wm-noprint\">Change</th>")
                    : Html("<th scope=\"col\" class=\"wm-noprint\">History</th>");
    h += "</tr></thead><tbody>";
    for (const auto* e : shown) {
        h += "<tr><td data-title=\"Date\">" + text(e->event.date.long_display()) + "</td><td data-title=\"Event\">";
        h += text(e->label);
        if (app::planned_date_passed(e->event, o.today)) {
            h += " <strong class=\"ds_tag ds_tag--orange\">Planned, date passed</strong>";
        } else if (e->event.status == core::EventStatus::planned) {
            h += " <strong class=\"ds_tag ds_tag--grey\">Planned</strong>";
        } else if (e->event.status == core::EventStatus::cancelled) {
            h += " <strong class=\"ds_tag ds_tag--grey\">Cancelled</strong>";
        }
        h += "</td><td data-title=\"Source\">" + text(e->event.agency.empty() ? "" : sentence(e->event.agency)) +
             "</td><td data-title=\"Details\">";
        std::string details =
            o.vocabulary ? details_words(o.vocabulary->spec(e->event.type), e->event.details) : e->event.details;
        if (!e->event.note.empty()) details += (details.empty() ? "" : ". ") + e->event.note;
        h += user_text(details) + "</td>";
        h += may_record ? Html("<td data-title=\"Change\" class=\"wm-noprint\">")
                        : Html("<td data-title=\"History\" class=\"wm-noprint\">");
        const std::string event_path = base + "/events/" + std::to_string(e->event.seq);
        const std::string what = " the " + e->label + " of " + e->event.date.long_display();
        const bool may = e->event.type < o.may_change.size() && o.may_change[e->event.type];
        if (may_record && may && e->event.status == core::EventStatus::planned) {
            h += "<a class=\"ds_link\" href=\"" + text(event_path) + "/happened\">Record that it happened<span " +
                 "class=\"visually-hidden\">:" + text(what) + "</span></a> ";
        }
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
    h += "</tbody></table></div>";
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
    if (form.kind == EventForm::Kind::correct || form.kind == EventForm::Kind::cancel ||
        form.kind == EventForm::Kind::happened) {
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
    for (const auto& a : core::Vocabulary::agencies()) agencies.emplace_back(a, sentence(a));
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
    if (form.kind == EventForm::Kind::correct) {
        h += "Save the correction";
    } else if (form.kind == EventForm::Kind::happened) {
        h += "Save: it happened";
    } else {
        h += "Save";
    }
    h += "</button></form><p><a class=\"ds_link\" href=\"" + text(form.back) + "\">Back to the child</a></p>";
    return document(chrome, title, h, head);
}

std::string duplicate_plan_page(const Chrome& chrome, const EventForm& form, const std::vector<ExistingPlan>& plans) {
    const std::string what = lower_first(form.spec->label);
    Html h{"<p class=\"ds_leader\">Case reference "};
    h += text(form.child_id) + ".</p>";
    h += "<div class=\"ds_inset-text\"><div class=\"ds_inset-text__text\"><p>";
    std::string dates;
    for (std::size_t i = 0; i < plans.size(); ++i) {
        if (i > 0) dates += i + 1 == plans.size() ? " and " : ", ";
        dates += plans[i].date.long_display();
    }
    const std::string kind_words = [&] {
        const auto kind = find_field(form.attributes, "kind");
        return kind && !kind->empty() ? " (" + attribute_value_words(*form.spec, "kind", *kind) + ")" : std::string();
    }();
    h += text("A planned " + what + kind_words + " is already recorded for " + dates +
              ". Add another, or record that one instead?");
    h += "</p></div></div>";
    // Add another: the same form again, with everything typed, and another=yes.
    h += "<form method=\"post\" action=\"" + text(form.action) + "\" novalidate>";
    h += hidden("csrf", form.csrf);
    h += hidden("event", form.event);
    h += hidden("status", form.status);
    h += hidden("another", "yes");
    h += hidden("date-day", form.day);
    h += hidden("date-month", form.month);
    h += hidden("date-year", form.year);
    for (const auto& [key, value] : form.attributes) h += hidden("attr-" + key, value);
    h += hidden("agency", form.agency);
    h += hidden("note", form.note);
    h += "<button class=\"ds_button\" type=\"submit\">Add another planned " + text(what) + "</button></form>";
    h += "<h2>Or change the plan already recorded</h2><ul class=\"ds_no-bullets\">";
    for (const auto& p : plans) {
        const std::string event_path = form.back + "/events/" + std::to_string(p.key);
        const std::string of = " for " + p.date.long_display();
        h += "<li><a class=\"ds_link\" href=\"" + text(event_path) + "/happened\">Record that the " + text(what) +
             text(of) + " happened</a></li><li><a class=\"ds_link\" href=\"" + text(event_path) +
             "/correct\">Change the date of the " + text(what) + text(of) + "</a></li>";
    }
    h += "</ul><p><a class=\"ds_link\" href=\"" + text(form.back) + "\">Back to the child, adding nothing</a></p>";
    return document(chrome, "A " + what + " is already planned", h);
}

std::string planned_passed_page(const Chrome& chrome, const std::vector<PlannedPassedRow>& rows, core::Date today) {
    Html h{"<p class=\"ds_leader\">Planned events of your children whose date is before today, "};
    h += text(today.long_display()) + ". Record that each one happened, change its date, or cancel it.</p>";
    if (rows.empty()) {
        h += "<p>None: every planned event of your children is dated today or later.</p>";
        return document(chrome, "Planned events whose date has passed", h);
    }
    h += scroll_region("Planned events whose date has passed, table");
    h += "<table class=\"ds_table\" data-smallscreen=\"boxes\"><caption class=\"visually-hidden\">Planned events "
         "whose date has passed, oldest first</caption><thead><tr><th scope=\"col\">Planned for</th><th "
         "scope=\"col\">Child</th><th scope=\"col\">Event</th><th scope=\"col\">What to do</th></tr></thead><tbody>";
    for (const auto& r : rows) {
        const std::string event_path = r.child_path + "/events/" + std::to_string(r.key);
        const std::string what = " the " + r.label + " of " + r.child_id + " planned for " + r.date.long_display();
        h += "<tr><td data-title=\"Planned for\">" + text(r.date.long_display()) + "</td><td data-title=\"Child\">";
        h += "<a class=\"ds_link\" href=\"" + text(r.child_path) + "\">" + text(r.child_id) + "</a>";
        if (!r.name.empty()) h += "<br>" + user_text(r.name);
        h += "</td><td data-title=\"Event\">" + text(r.label);
        if (!r.details.empty()) h += "<br>" + user_text(r.details);
        h += "</td><td data-title=\"What to do\">";
        if (r.may_change) {
            h += "<ul class=\"ds_no-bullets\"><li><a class=\"ds_link\" href=\"" + text(event_path) +
                 "/happened\">Record that it happened<span class=\"visually-hidden\">:" + text(what) +
                 "</span></a></li><li><a class=\"ds_link\" href=\"" + text(event_path) +
                 "/correct\">Change the date<span class=\"visually-hidden\"> of" + text(what) +
                 "</span></a></li><li><a class=\"ds_link\" href=\"" + text(event_path) +
                 "/cancel\">Cancel it<span class=\"visually-hidden\">:" + text(what) + "</span></a></li></ul>";
        } else {
            h += "Ask the child's worker to update it.";
        }
        h += "</td></tr>";
    }
    h += "</tbody></table></div>";
    return document(chrome, "Planned events whose date has passed", h);
}

}  // namespace waymark::web::views
