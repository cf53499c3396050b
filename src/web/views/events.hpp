#pragma once
// The pages that record, plan, correct and cancel a child's events, and the child page's
// chronology with its filters and the links to those pages (pages.cpp's child_page shows it).
#include "app/event_words.hpp"
#include "app/reports.hpp"
#include "core/vocabulary.hpp"
#include "web/routes/http.hpp"
#include "web/views/html.hpp"
#include "web/views/pages.hpp"

#include <optional>
#include <string>
#include <vector>

namespace waymark::web::views {

// The chronology's filters, as the GET parameters of the child page: group (of event types),
// agency, from and to (dates, each typed as day, month and year: from-day, from-month,
// from-year; or from=YYYY-MM-DD or DD/MM/YYYY), cancelled ("yes" shows cancelled events).
struct ChronologyFilter {
    struct TypedDate {
        std::string day, month, year;  // as typed
        [[nodiscard]] bool empty() const noexcept { return day.empty() && month.empty() && year.empty(); }
    };
    std::string group;
    std::string agency;
    TypedDate from;
    TypedDate to;
    bool show_cancelled = false;
};

// What the chronology offers the signed-in user: the links to record and change events
// (only those event types `may_change` allows), the filters, and a banner after a change.
struct ChronologyOptions {
    ChronologyFilter filter;
    std::vector<bool> may_change;  // by event type id; empty: the user records nothing
    std::string banner;            // e.g. "Looked after review recorded"; empty for none
    core::Date today;              // planned events before it are shown "Planned, date passed"
    const core::Vocabulary* vocabulary = nullptr;
};

// The date of the design system's three fields (day, month, four-digit year, in numbers), or
// nothing when they are not one.
std::optional<core::Date> typed_date(std::string_view day, std::string_view month, std::string_view year);

// A label inside a sentence: "Looked after review" -> "looked after review".
std::string lower_first(std::string label);

// Attributes and details in words (app/event_words.hpp): one wording for the pages and the
// chronology's downloads.
using app::attribute_label;
using app::attribute_value_words;
using app::details_words;

// The event type groups of the filter: (id, plain-English name), and a type's group id.
const std::vector<std::pair<std::string, std::string>>& event_groups();
std::string_view event_group(const core::Vocabulary& vocabulary, core::EventTypeId type);

// The notification banner, the chronology heading, its record/plan links, filter form and
// table (with Correct and Cancel links), for child_page.
Html chronology_section(const app::Chronology& chronology, const ChronologyOptions& options);
Html notification_banner(std::string_view message);

// A problem with one field of a form: the id of the field it links to, and what is wrong.
struct FormError {
    std::string field_id;
    std::string message;
};

// The form to record, plan, correct or cancel an event: what was typed (kept on an error)
// and the errors.
struct EventForm {
    enum class Kind { record, plan, correct, cancel, happened };
    Kind kind = Kind::record;
    std::string child_id;
    std::string action;  // the address the form posts to
    std::string back;    // the child's page
    std::string csrf;
    const core::EventTypeSpec* spec = nullptr;               // the chosen type; null while choosing one
    std::string event;                                       // its name
    std::vector<std::pair<std::string, std::string>> types;  // (name, label) the user may record, to choose from
    std::string status;                                      // occurred or planned (a correction may change it)
    std::string day, month, year;
    Fields attributes;  // attribute key -> value
    std::string agency;
    std::string note;
    std::string reason;
    std::string version;  // the stored event's version, for a correction or a cancellation
    std::string summary;  // what is corrected or cancelled, in words
    std::vector<FormError> errors;
};

// A plan asked for when the child already has one of the same type (and kind): the warning
// page, which adds the plan anyway when asked again (a hidden field, another=yes) or offers to
// record that the existing one happened instead.
struct ExistingPlan {
    std::int64_t key = 0;
    core::Date date;
};
std::string duplicate_plan_page(const Chrome& chrome, const EventForm& form, const std::vector<ExistingPlan>& plans);

// The planned events whose date has passed, over the user's children, for /planned-passed.
struct PlannedPassedRow {
    std::string child_path;  // /children/COUNCIL/ID
    std::string child_id;
    std::string name;  // may be empty
    std::int64_t key = 0;
    std::string label;    // the event type's label
    std::string details;  // in words
    core::Date date;
    bool may_change = false;  // the user's role records events of its type
};
std::string planned_passed_page(const Chrome& chrome, const std::vector<PlannedPassedRow>& rows, core::Date today);

// The page of the form; while no type is chosen, a first step that chooses one.
std::string event_form_page(const Chrome& chrome, const EventForm& form);

}  // namespace waymark::web::views
