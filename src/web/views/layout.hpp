#pragma once
// The page frame and small pieces of markup shared by the view files (pages.cpp, measures.cpp,
// tests_of_change.cpp, events.cpp, caseload.cpp, admin.cpp, ...). Form controls are in forms.hpp.
#include "web/views/html.hpp"
#include "web/views/pages.hpp"

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace waymark::web::views {

// "permanence_planning" -> "permanence planning".
std::string words(std::string_view id);
// "kinship_care" (or "kinship care") -> "Kinship care": words() with a capital, for a value
// that stands alone (a table cell, a summary's answer).
std::string sentence(std::string_view id);

// How wide a page's content is from tablets up: the design system's reading column (8 of 12),
// or the whole width, for pages whose pictures (a child's timeline, a measure's chart) are
// drawn at the width of the printed page and would otherwise be shrunk to two thirds.
enum class PageWidth : std::uint8_t { reading, wide };

// A whole page: the design system's header (with the signed-in user's navigation), the title
// as the page's h1 and (unless `head_title` is given: "Error: ...") <title>, and the content.
std::string document(const std::optional<Chrome>& chrome, std::string_view title, const Html& content,
                     std::string_view head_title = {}, PageWidth width = PageWidth::reading);

// Opens a region that a wide table (or picture) scrolls in, sideways, so that it never widens
// the page (WCAG 1.4.10): focusable (tabindex 0) for the keyboard and labelled by `label` for a
// screen reader ("Children, table"). The caller closes it with "</div>".
Html scroll_region(std::string_view label);

// A table in a scroll region (`label`, as scroll_region) that a small screen shows as boxes:
// its caption (the whole <caption> element) and column headings, up to and with <tbody>. The
// caller adds the rows and closes it with "</tbody></table></div>".
Html boxes_table(std::string_view label, const Html& caption, std::initializer_list<std::string_view> columns);

// What was just done, said in a status region (an inset text), e.g. "Changes saved for Ann.".
Html status_notice(std::string_view words);

// A dated time of a user record (Unix seconds) in UK local time: "15 January 2027, 08:00 GMT".
Html when(std::int64_t unix_seconds);

// One row of a ds_summary-list.
Html summary_row(std::string_view key, const Html& value);

}  // namespace waymark::web::views
