#pragma once
// Reading named children's journeys for people to look at (the timeline, and later the web
// pages): every child returned has been written to the audit log first.
#include "app/reports.hpp"
#include "app/store.hpp"

#include <string_view>
#include <vector>

namespace waymark::app {

struct JourneyRecord {
    core::ChildRecord child;
    std::vector<core::Event> events;  // in event order, with notes
};

// The journeys the filter names (every event type, with names and notes), after one audit
// entry per child (`action`, detail "as of DATE") has been written in one transaction; if the
// audit cannot be written nothing is returned. Throws core::Error(not_found) when the filter
// names no child, and (invalid_input) when a child id without a council matches several.
std::vector<JourneyRecord> journeys_for_view(JourneyStore& journeys, AuditLog& audit, const JourneyFilter& filter,
                                             core::Date as_of, const Viewer& viewer, std::string_view action);

}  // namespace waymark::app
