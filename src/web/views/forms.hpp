#pragma once
// Form controls in the design system's markup, each with its label, hint and error message tied
// to it (aria-describedby, aria-invalid), and the error summary whose links go to the fields.
#include "core/date.hpp"
#include "web/views/html.hpp"

#include <optional>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace waymark::web::views {

// A problem with one field of a form, shown in the error summary and at the field (whose id is
// `field`).
struct FieldError {
    std::string field;
    std::string message;
};

// What the user typed, by field name (a name may repeat, as checkboxes do), to show again.
using FormValues = std::vector<std::pair<std::string, std::string>>;
std::string value_of(const FormValues& values, std::string_view name);
bool has_value(const FormValues& values, std::string_view name, std::string_view value);

// The error summary of a form (nothing when there are no errors): each message a link to its field.
Html error_summary(const std::vector<FieldError>& errors);
// The message at a field, when it has one.
const FieldError* error_for(const std::vector<FieldError>& errors, std::string_view field);

struct Option {
    std::string value;
    std::string label;
};

struct Control {
    std::string_view id;  // also the name
    std::string_view label;
    std::string_view hint = {};          // may be empty
    std::string_view autocomplete = {};  // the input's purpose (WCAG 1.3.5), e.g. "username"; "off"
};

Html select(const Control& c, const std::vector<Option>& options, std::string_view chosen,
            const std::vector<FieldError>& errors);
// <input type=...>; `width` a design-system class such as "ds_input--fixed-10" (may be empty). A
// password is never written back into the page.
Html input(const Control& c, std::string_view type, std::string_view width, std::string_view value,
           const std::vector<FieldError>& errors);
Html textarea(const Control& c, std::string_view value, const std::vector<FieldError>& errors);
// A fieldset of checkboxes named c.id; the first box has the id c.id (the error summary's link).
Html checkboxes(const Control& c, const std::vector<Option>& options, const FormValues& values,
                const std::vector<FieldError>& errors);
// A fieldset of radio buttons, as checkboxes.
Html radios(const Control& c, const std::vector<Option>& options, std::string_view chosen,
            const std::vector<FieldError>& errors);

// The design system's date input, as the event form has it: a fieldset (c.label its legend)
// of day, month and year fields named c.id + "-day", "-month" and "-year". The day field's id
// is c.id, where the error summary's link for c.id goes. Shows `shown` when given (a default),
// else what was typed (`values`). The hint defaults to "For example, 27 3 2026".
Html date_input(const Control& c, const FormValues& values, const std::vector<FieldError>& errors,
                const std::optional<core::Date>& shown = std::nullopt);

// What was typed into date_input(id)'s three fields: nothing when all three are empty, else
// the date or a problem in words starting with `label` ("Start date must be ...").
struct TypedDate {
    std::optional<core::Date> date;
    std::optional<std::string> problem;
};
TypedDate typed_date(const FormValues& values, std::string_view id, std::string_view label);

// A hidden field, for what a form carries along unseen (a filter kept, a version).
Html hidden(std::string_view name, std::string_view value);
// The hidden CSRF field of every form that changes something.
Html csrf_field(std::string_view token);

}  // namespace waymark::web::views
