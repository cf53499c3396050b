// Form controls (views/forms.hpp).
#include "web/views/forms.hpp"

#include <algorithm>

namespace waymark::web::views {

namespace {

// A question's opening: the ds_question (in its error state when it has one), label, hint, error.
Html question(const Control& c, const FieldError* error, bool legend) {
    Html h = error ? Html("<div class=\"ds_question ds_question--error\">") : Html("<div class=\"ds_question\">");
    if (legend) {
        h += "<fieldset><legend class=\"ds_label\">" + text(c.label) + "</legend>";
    } else {
        h += "<label class=\"ds_label\" for=\"" + text(c.id) + "\">" + text(c.label) + "</label>";
    }
    if (!c.hint.empty())
        h += "<p class=\"ds_hint-text\" id=\"" + text(std::string(c.id) + "-hint") + "\">" + text(c.hint) + "</p>";
    if (error) {
        h += "<p class=\"ds_question__error-message\" id=\"" + text(std::string(c.id) + "-error") + "\">" +
             text(error->message) + "</p>";
    }
    return h;
}

// The attributes that tie a control to its hint and error.
Html described(const Control& c, const FieldError* error) {
    std::string by;
    if (!c.hint.empty()) by += std::string(c.id) + "-hint";
    if (error) by += (by.empty() ? "" : " ") + std::string(c.id) + "-error";
    Html h;
    if (error) h += " aria-invalid=\"true\"";
    if (!by.empty()) h += " aria-describedby=\"" + text(by) + "\"";
    return h;
}

Html choices(const Control& c, std::string_view kind, const std::vector<Option>& options,
             const std::vector<std::string_view>& chosen, const std::vector<FieldError>& errors) {
    const FieldError* error = error_for(errors, c.id);
    Html h = question(c, error, true);
    const bool radio = kind == "radio";
    for (std::size_t i = 0; i < options.size(); ++i) {
        const auto& o = options[i];
        const std::string id = i == 0 ? std::string(c.id) : std::string(c.id) + "-" + std::to_string(i);
        h += radio ? Html("<div class=\"ds_radio\"><input class=\"ds_radio__input\" type=\"radio\"")
                   : Html("<div class=\"ds_checkbox\"><input class=\"ds_checkbox__input\" type=\"checkbox\"");
        h += " id=\"" + text(id) + "\" name=\"" + text(c.id) + "\" value=\"" + text(o.value) + "\"";
        if (i == 0) h += described(c, error);
        if (std::find(chosen.begin(), chosen.end(), o.value) != chosen.end()) h += " checked";
        h += radio ? Html("><label class=\"ds_radio__label\" for=\"")
                   : Html("><label class=\"ds_checkbox__label\" for=\"");
        h += text(id) + "\">" + text(o.label) + "</label></div>";
    }
    h += "</fieldset></div>";
    return h;
}

}  // namespace

std::string value_of(const FormValues& values, std::string_view name) {
    for (const auto& [k, v] : values) {
        if (k == name) return v;
    }
    return {};
}

bool has_value(const FormValues& values, std::string_view name, std::string_view value) {
    return std::any_of(values.begin(), values.end(),
                       [&](const auto& kv) { return kv.first == name && kv.second == value; });
}

Html error_summary(const std::vector<FieldError>& errors) {
    if (errors.empty()) return {};
    Html h{
        "<div class=\"ds_error-summary\" id=\"error-summary\" aria-labelledby=\"error-summary-title\" "
        "role=\"alert\"><h2 class=\"ds_error-summary__title\" id=\"error-summary-title\">There is a "
        "problem</h2><ul class=\"ds_error-summary__list\">"};
    for (const auto& e : errors) h += "<li><a href=\"#" + text(e.field) + "\">" + text(e.message) + "</a></li>";
    h += "</ul></div>";
    return h;
}

const FieldError* error_for(const std::vector<FieldError>& errors, std::string_view field) {
    const auto it = std::find_if(errors.begin(), errors.end(), [&](const FieldError& e) { return e.field == field; });
    return it == errors.end() ? nullptr : &*it;
}

Html select(const Control& c, const std::vector<Option>& options, std::string_view chosen,
            const std::vector<FieldError>& errors) {
    const FieldError* error = error_for(errors, c.id);
    Html h = question(c, error, false);
    h += "<div class=\"ds_select-wrapper\"><select class=\"ds_select\" id=\"" + text(c.id) + "\" name=\"" + text(c.id) +
         "\"" + described(c, error) + ">";
    for (const auto& o : options) {
        h += "<option value=\"" + text(o.value) + "\"";
        if (o.value == chosen) h += " selected";
        h += ">" + text(o.label) + "</option>";
    }
    h += "</select><span class=\"ds_select-arrow\" aria-hidden=\"true\"></span></div></div>";
    return h;
}

Html input(const Control& c, std::string_view type, std::string_view width, std::string_view value,
           const std::vector<FieldError>& errors) {
    const FieldError* error = error_for(errors, c.id);
    Html h = question(c, error, false);
    h += "<input class=\"ds_input";
    if (!width.empty()) h += " " + text(width);
    if (error) h += " ds_input--error";
    h += "\" type=\"" + text(type) + "\" id=\"" + text(c.id) + "\" name=\"" + text(c.id) + "\"";
    if (type != "password") h += " value=\"" + text(value) + "\"";
    if (!c.autocomplete.empty()) h += " autocomplete=\"" + text(c.autocomplete) + "\"";
    h += described(c, error) + "></div>";
    return h;
}

Html textarea(const Control& c, std::string_view value, const std::vector<FieldError>& errors) {
    const FieldError* error = error_for(errors, c.id);
    Html h = question(c, error, false);
    h += "<textarea class=\"ds_input";
    if (error) h += " ds_input--error";
    h += "\" rows=\"3\" id=\"" + text(c.id) + "\" name=\"" + text(c.id) + "\"" + described(c, error) + ">" +
         text(value) + "</textarea></div>";
    return h;
}

Html checkboxes(const Control& c, const std::vector<Option>& options, const FormValues& values,
                const std::vector<FieldError>& errors) {
    std::vector<std::string_view> chosen;
    for (const auto& [k, v] : values) {
        if (k == c.id) chosen.emplace_back(v);
    }
    return choices(c, "checkbox", options, chosen, errors);
}

Html radios(const Control& c, const std::vector<Option>& options, std::string_view chosen,
            const std::vector<FieldError>& errors) {
    return choices(c, "radio", options, {chosen}, errors);
}

Html hidden(std::string_view name, std::string_view value) {
    return "<input type=\"hidden\" name=\"" + text(name) + "\" value=\"" + text(value) + "\">";
}

Html csrf_field(std::string_view token) {
    return hidden("csrf", token);
}

Html date_input(const Control& c, const FormValues& values, const std::vector<FieldError>& errors,
                const std::optional<core::Date>& shown) {
    const FieldError* error = error_for(errors, c.id);
    const std::string id(c.id);
    const auto part = [&](std::string_view which, int number) {
        return shown ? std::to_string(number) : value_of(values, id + "-" + std::string(which));
    };
    Html h = error ? Html("<div class=\"ds_question ds_question--error\">") : Html("<div class=\"ds_question\">");
    const std::string hint = c.hint.empty() ? std::string("For example, 27 3 2026") : std::string(c.hint);
    h += "<fieldset aria-describedby=\"" + text(id + "-hint");
    if (error) h += " " + text(id + "-error");
    h += "\"><legend class=\"ds_label\">" + text(c.label) + "</legend><p class=\"ds_hint-text\" id=\"" +
         text(id + "-hint") + "\">" + text(hint) + "</p>";
    if (error) {
        h += "<p class=\"ds_question__error-message\" id=\"" + text(id + "-error") + "\">" + text(error->message) +
             "</p>";
    }
    h += "<div class=\"ds_field-group ds_field-group--inline\">";
    const auto ymd = shown ? shown->ymd() : std::chrono::year_month_day{};
    const struct {
        const char* which;
        const char* label;
        std::string value;
        Markup width;
    } parts[] = {
        {"day", "Day", part("day", static_cast<int>(static_cast<unsigned>(ymd.day()))), " ds_input--fixed-2"},
        {"month", "Month", part("month", static_cast<int>(static_cast<unsigned>(ymd.month()))), " ds_input--fixed-2"},
        {"year", "Year", part("year", static_cast<int>(ymd.year())), " ds_input--fixed-4"}};
    for (const auto& p : parts) {
        const std::string name = id + "-" + p.which;
        const std::string field_id = std::string(p.which) == "day" ? id : name;
        h += "<div><label class=\"ds_label\" for=\"" + text(field_id) + "\">" + text(p.label) + "</label>";
        h += "<input class=\"ds_input" + Html(p.width);
        if (error) h += " ds_input--error";
        h += "\" type=\"text\" inputmode=\"numeric\" id=\"" + text(field_id) + "\" name=\"" + text(name) +
             "\" value=\"" + text(p.value) + "\"";
        if (error) h += " aria-invalid=\"true\"";
        h += "></div>";
    }
    h += "</div></fieldset></div>";
    return h;
}

TypedDate typed_date(const FormValues& values, std::string_view id, std::string_view label) {
    const std::string base(id);
    const std::string day = value_of(values, base + "-day");
    const std::string month = value_of(values, base + "-month");
    const std::string year = value_of(values, base + "-year");
    if (day.empty() && month.empty() && year.empty()) return {};
    const auto digits = [](const std::string& s, std::size_t most) {
        return !s.empty() && s.size() <= most &&
               std::all_of(s.begin(), s.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    };
    if (!digits(day, 2) || !digits(month, 2) || year.size() != 4 || !digits(year, 4)) {
        return {std::nullopt,
                std::string(label) + " must be a day, a month and a four-digit year in numbers, for example 27 3 2026"};
    }
    const std::string iso =
        year + "-" + (month.size() == 1 ? "0" : "") + month + "-" + (day.size() == 1 ? "0" : "") + day;
    const auto date = core::Date::try_parse(iso);
    if (!date)
        return {std::nullopt, std::string(label) + ": there is no such date as " + day + " " + month + " " + year};
    return {date, std::nullopt};
}

}  // namespace waymark::web::views
