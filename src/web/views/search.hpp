#pragma once
// Finding a child (issue 13, item 2): the search form and its results (app/search.hpp).
#include "app/search.hpp"
#include "web/views/pages.hpp"

#include <string>

namespace waymark::web::views {

struct SearchPage {
    bool searched = false;  // a search was typed (else the form and a hint)
    app::SearchResult result;
    std::vector<app::User> staff;  // the council's users, by name: workers by staff_label
};
std::string search_page(const Chrome& chrome, const SearchPage& page);

}  // namespace waymark::web::views
