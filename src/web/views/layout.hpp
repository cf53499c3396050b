#pragma once
// The page frame and small pieces every group of pages shares (defined in pages.cpp), and the
// form pieces of the design system (forms.cpp): labelled inputs with their error messages, and
// the error summary whose links take the user to each field.
#include "web/views/html.hpp"
#include "web/views/pages.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace waymark::web::views {

// "permanence_planning" -> "permanence planning".
std::string words(std::string_view id);
// A whole document: the header for `chrome` (none on the sign-in page), `title` as the page's
// h1 and <title>, and `content` in the main column.
std::string document(const std::optional<Chrome>& chrome, std::string_view title, const Html& content);
// One row of a ds_summary-list.
Html summary_row(std::string_view key, const Html& value);

// --- Forms (forms.cpp) ------------------------------------------------------------------------

// A problem with one field: the field's id, to link to, and the message.
struct FieldError {
    std::string field;
    std::string message;
};
// "There is a problem" with a link to each field; empty markup when there are none.
Html error_summary(const std::vector<FieldError>& errors);
// The message for a field, if any.
const std::string* error_for(const std::vector<FieldError>& errors, std::string_view field);

struct InputSpec {
    std::string_view id;  // also the name
    std::string_view label;
    std::string_view hint = {};
    std::string_view type = "text";
    std::string_view autocomplete = {};
    std::string_view width = "ds_input--fluid-half";
};
// A ds_question with its label, hint, error message and input (value kept).
Html input_field(const InputSpec& spec, std::string_view value, const std::vector<FieldError>& errors);
// A ds_select with options (value, label); `selected` is kept.
Html select_field(std::string_view id, std::string_view label,
                  const std::vector<std::pair<std::string, std::string>>& options, std::string_view selected,
                  const std::vector<FieldError>& errors);
// The hidden CSRF field every form carries.
Html csrf_field(std::string_view csrf);

}  // namespace waymark::web::views
