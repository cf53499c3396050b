#include "web/views/import.hpp"

#include "web/views/layout.hpp"

#include <map>

namespace waymark::web::views {

namespace {

// The allowed values of a column whose values the program lists, in words.
std::string values_of(std::string_view column) {
    std::vector<std::string> values;
    if (column == "sex") values = core::Vocabulary::sexes();
    if (column == "agency") values = core::Vocabulary::agencies();
    if (column == "status") {
        for (const auto s : {core::EventStatus::occurred, core::EventStatus::planned, core::EventStatus::cancelled}) {
            values.emplace_back(core::to_string(s));
        }
    }
    std::string out;
    for (std::size_t i = 0; i < values.size(); ++i) {
        out += (i == 0 ? "" : i + 1 == values.size() ? " or " : ", ") + values[i];
    }
    return out;
}

Html columns_table(app::ImportFile file, std::string_view name) {
    Html h = scroll_region(std::string(name) + ", table");
    h += "<table class=\"ds_table\" data-smallscreen=\"boxes\"><caption>" + text(name) +
         "</caption><thead><tr><th scope=\"col\">Column</th><th scope=\"col\">Required</th>"
         "<th scope=\"col\">What goes in it</th></tr></thead><tbody>";
    for (const auto& c : app::import_columns(file)) {
        h += "<tr><th scope=\"row\" data-title=\"Column\"><code>" + text(c.name) +
             "</code></th><td data-title=\"Required\">" + (c.required ? Html("Required") : Html("Optional")) +
             "</td><td data-title=\"What goes in it\">" + text(c.meaning);
        if (const auto values = values_of(c.name); !values.empty()) h += " One of: " + text(values) + ".";
        h += "</td></tr>";
    }
    h += "</tbody></table></div>";
    return h;
}

Html attribute_words(const core::AttributeSpec& a) {
    Html h = "<code>" + text(a.key) + "</code>: ";
    if (a.is_date) return h + "a date, YYYY-MM-DD";
    if (a.values.empty()) return h + "any text";
    for (std::size_t i = 0; i < a.values.size(); ++i) {
        h += (i == 0 ? Html() : Html(", ")) + "<code>" + text(a.values[i]) + "</code>";
    }
    return h;
}

// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
std::string csv_field(std::string_view s) {
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
    std::string out = "\"";
    for (const char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

}  // namespace

std::string import_guide_page(const Chrome& chrome, const core::Vocabulary& vocabulary) {
    Html h{
        "<p class=\"ds_leader\">What goes in each column of children.csv and events.csv.</p>"
        "<p>The files are CSV in UTF-8, comma separated, with a header row naming the columns (in any order). "
        "Put a value holding a comma or a quote in double quotes. Dates are YYYY-MM-DD (2026-12-07) or "
        "DD/MM/YYYY (07/12/2026). Every row is checked before anything is stored: if any row is wrong, "
        "nothing is stored and each problem is listed with its file, line and column.</p>"
        "<p>Templates with the header row and one example row: <a class=\"ds_link\" "
        "href=\"/import/children.csv\" download>children.csv</a> and <a class=\"ds_link\" "
        "href=\"/import/events.csv\" download>events.csv</a>.</p>"};
    h += "<h2>children.csv</h2><p>One row for each child.</p>" +
         columns_table(app::ImportFile::children, "The columns of children.csv");
    h += "<h2>events.csv</h2><p>One row for each event of a child's journey.</p>" +
         columns_table(app::ImportFile::events, "The columns of events.csv");
    h += "<h2 id=\"event-types\">Event types</h2><p>The <code>event</code> column holds one of these; the "
         "<code>details</code> column holds the type's details as <code>key=value;key=value</code>, for example "
         "<code>placement=foster</code>.</p>";
    h += scroll_region("Event types and their details, table");
    h += "<table class=\"ds_table\" data-smallscreen=\"boxes\"><caption>Event types and their details</caption>"
         "<thead><tr><th scope=\"col\">event</th><th scope=\"col\">What it is</th><th scope=\"col\">details</th>"
         "</tr></thead><tbody>";
    for (std::size_t i = 0; i < vocabulary.size(); ++i) {
        const auto& spec = vocabulary.spec(static_cast<core::EventTypeId>(i));
        h += "<tr><th scope=\"row\" data-title=\"event\"><code>" + text(spec.name) +
             "</code></th><td data-title=\"What it is\">" + text(spec.label) + "</td><td data-title=\"details\">";
        if (spec.attributes.empty()) h += "None";
        if (!spec.attributes.empty()) h += "<ul class=\"ds_no-bullets\">";
        for (const auto& a : spec.attributes) h += "<li>" + attribute_words(a) + "</li>";
        if (!spec.attributes.empty()) h += "</ul>";
        h += "</td></tr>";
    }
    h += "</tbody></table></div><p><a class=\"ds_link\" href=\"/import\">Back to the import</a></p>";
    return document(chrome, "Import: the column guide", h);
}

std::string import_template(app::ImportFile file, std::string_view council) {
    // Synthetic: no real child. The same child in both files, so that the two import together.
    const std::map<std::string, std::string, std::less<>> children{
        {"child_id", "EX-0001"}, {"local_authority", std::string(council)}, {"family_name", "Example"},
        {"given_name", "Sam"},   {"date_of_birth", "2020-01-15"},           {"sex", "unknown"}};
    const std::map<std::string, std::string, std::less<>> events{
        {"child_id", "EX-0001"},      {"local_authority", std::string(council)},
        {"date", "2026-01-10"},       {"event", "accommodated"},
        {"status", "occurred"},       {"details", "placement=foster"},
        {"agency", "social_work"},    {"note", "Example: accommodated with foster carers"},
        {"event_id", "EX-EVENT-0001"}};
    const auto& example = file == app::ImportFile::children ? children : events;
    std::string header;
    std::string row;
    bool first = true;
    for (const auto& c : app::import_columns(file)) {
        header += (first ? "" : ",") + c.name;
        const auto v = example.find(c.name);
        row += (first ? "" : ",") + (v == example.end() ? std::string() : csv_field(v->second));
        first = false;
    }
    return header + "\r\n" + row + "\r\n";
}

}  // namespace waymark::web::views
