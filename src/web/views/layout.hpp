#pragma once
// The page frame and small pieces of markup shared by the view files (pages.cpp, measures.cpp,
// tests_of_change.cpp, ...).
#include "web/views/html.hpp"
#include "web/views/pages.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace waymark::web::views {

// "permanence_planning" -> "permanence planning".
std::string words(std::string_view id);

// The whole document: the header with the signed-in user's navigation, the title as the h1, the
// content, the footer.
std::string document(const std::optional<Chrome>& chrome, std::string_view title, const Html& content);

// One row of a ds_summary-list.
Html summary_row(std::string_view key, const Html& value);

}  // namespace waymark::web::views
