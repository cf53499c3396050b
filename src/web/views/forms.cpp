// The design system's form pieces (layout.hpp): every field labelled, its error message tied to
// it with aria-describedby, and an error summary linking to each field.
#include "web/views/layout.hpp"

namespace waymark::web::views {

Html error_summary(const std::vector<FieldError>& errors) {
    if (errors.empty()) return {};
    Html h{
        "<div class=\"ds_error-summary\" id=\"error-summary\" aria-labelledby=\"error-summary-title\" "
        "role=\"alert\"><h2 class=\"ds_error-summary__title\" id=\"error-summary-title\">There is a problem</h2>"
        "<ul class=\"ds_error-summary__list\">"};
    for (const auto& e : errors) {
        h += "<li><a href=\"#" + text(e.field) + "\">" + text(e.message) + "</a></li>";
    }
    h += "</ul></div>";
    return h;
}

const std::string* error_for(const std::vector<FieldError>& errors, std::string_view field) {
    for (const auto& e : errors) {
        if (e.field == field) return &e.message;
    }
    return nullptr;
}

namespace {

// The opening of a question: its label, hint and error message, and the attributes that tie
// them to the control.
struct Question {
    Html open;
    Html described;  // aria-describedby and aria-invalid for the control
    bool error = false;
};

Question question(std::string_view id, std::string_view label, std::string_view hint, const std::string* error) {
    Question q;
    q.error = error != nullptr;
    q.open = q.error ? Html("<div class=\"ds_question ds_question--error\">") : Html("<div class=\"ds_question\">");
    q.open += "<label class=\"ds_label\" for=\"" + text(id) + "\">" + text(label) + "</label>";
    std::string describedby;
    if (!hint.empty()) {
        q.open += "<p class=\"ds_hint-text\" id=\"" + text(std::string(id) + "-hint") + "\">" + text(hint) + "</p>";
        describedby = std::string(id) + "-hint";
    }
    if (error) {
        q.open += "<p class=\"ds_question__error-message\" id=\"" + text(std::string(id) + "-error") + "\">" +
                  text(*error) + "</p>";
        describedby += (describedby.empty() ? "" : " ") + std::string(id) + "-error";
    }
    if (!describedby.empty()) q.described += " aria-describedby=\"" + text(describedby) + "\"";
    if (error) q.described += " aria-invalid=\"true\"";
    return q;
}

}  // namespace

Html input_field(const InputSpec& spec, std::string_view value, const std::vector<FieldError>& errors) {
    const Question q = question(spec.id, spec.label, spec.hint, error_for(errors, spec.id));
    Html h = q.open;
    h += "<input class=\"ds_input " + text(spec.width);
    if (q.error) h += " ds_input--error";
    h += "\" type=\"" + text(spec.type) + "\" id=\"" + text(spec.id) + "\" name=\"" + text(spec.id) + "\"";
    if (!spec.autocomplete.empty()) h += " autocomplete=\"" + text(spec.autocomplete) + "\"";
    h += q.described;
    if (spec.type != "password") h += " value=\"" + text(value) + "\"";
    h += "></div>";
    return h;
}

Html select_field(std::string_view id, std::string_view label,
                  const std::vector<std::pair<std::string, std::string>>& options, std::string_view selected,
                  const std::vector<FieldError>& errors) {
    const Question q = question(id, label, {}, error_for(errors, id));
    Html h = q.open;
    h += "<div class=\"ds_select-wrapper\"><select class=\"ds_select";
    if (q.error) h += " ds_select--error";
    h += "\" id=\"" + text(id) + "\" name=\"" + text(id) + "\"" + q.described + ">";
    for (const auto& [value, option] : options) {
        h += "<option value=\"" + text(value) + "\"";
        if (value == selected) h += " selected";
        h += ">" + text(option) + "</option>";
    }
    h += "</select><span class=\"ds_select-arrow\" aria-hidden=\"true\"></span></div></div>";
    return h;
}

Html csrf_field(std::string_view csrf) {
    return "<input type=\"hidden\" name=\"csrf\" value=\"" + text(csrf) + "\">";
}

}  // namespace waymark::web::views
