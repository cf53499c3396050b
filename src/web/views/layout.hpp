#pragma once
// The page frame and small pieces shared by the view files (pages.cpp, caseload.cpp): the
// whole document with the Design System header and footer, and words for identifiers.
#include "web/views/html.hpp"
#include "web/views/pages.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace waymark::web::views {

// "permanence_planning" -> "permanence planning".
std::string words(std::string_view id);

// A whole page: the header (with the user's navigation when signed in), the title as the
// page's h1, the content, and the footer.
std::string document(const std::optional<Chrome>& chrome, std::string_view title, const Html& content);

}  // namespace waymark::web::views
