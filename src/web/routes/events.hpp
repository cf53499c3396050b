#pragma once
// Recording, planning, correcting and cancelling a child's events on the web (events.cpp),
// and what the child page (children.cpp) shows of it: the chronology's filters, the links for
// the user's role and the banner after a change.
#include "app/auth.hpp"
#include "app/reports.hpp"
#include "web/routes/handlers.hpp"
#include "web/views/events.hpp"

namespace waymark::web {

// The chronology's options for this request (its query: group, agency, from, to, cancelled,
// and changed/done after a change) and this user.
views::ChronologyOptions chronology_options(const Request& request, const AppContext& context, const app::SignedIn& who,
                                            const app::Chronology& chronology);

}  // namespace waymark::web
