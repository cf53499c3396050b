#pragma once
// The page of an event's history (app/event_history.hpp): every version of one event of a named
// child, what it said, how it came to be, by whom, when and why.
#include "app/event_history.hpp"
#include "core/vocabulary.hpp"
#include "web/views/pages.hpp"

#include <string>

namespace waymark::web::views {

// `back` is the child's page; `correct` the event's correct page, or empty when the user may
// not change the event (or it is cancelled).
std::string event_history_page(const Chrome& chrome, const app::EventHistory& history,
                               const core::Vocabulary& vocabulary, const std::string& back, const std::string& correct);

// "2027-01-15T08:00:00Z" -> "15 Jan 2027 at 08:00 UTC" (as stored when it is not that shape).
std::string when_words(std::string_view at);

}  // namespace waymark::web::views
