#pragma once
// The page layout shared by the view files (pages.cpp, events.cpp, ...): the whole document
// around a page's content, and small helpers for words.
#include "web/views/html.hpp"
#include "web/views/pages.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace waymark::web::views {

// "permanence_planning" -> "permanence planning".
std::string words(std::string_view id);

// A whole page: the design system's header (with the signed-in user's navigation), the title
// as the page's h1 and (unless `head_title` is given: "Error: ...") <title>, and the content.
std::string document(const std::optional<Chrome>& chrome, std::string_view title, const Html& content,
                     std::string_view head_title = {});

}  // namespace waymark::web::views
