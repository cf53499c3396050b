#pragma once
// The import's column guide and templates (issue 13, item 11), made from the importer's own
// column table (app::import_columns) and the event vocabulary, so that they cannot drift
// from what an import accepts.
#include "app/import.hpp"
#include "core/vocabulary.hpp"
#include "web/views/pages.hpp"

#include <string>
#include <string_view>

namespace waymark::web::views {

std::string import_guide_page(const Chrome& chrome, const core::Vocabulary& vocabulary);

// A template: the file's header row and one synthetic example row for `council`.
std::string import_template(app::ImportFile file, std::string_view council);

}  // namespace waymark::web::views
