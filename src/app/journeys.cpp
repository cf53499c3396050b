#include "app/journeys.hpp"

#include "core/error.hpp"

namespace waymark::app {

std::vector<JourneyRecord> journeys_for_view(JourneyStore& journeys, AuditLog& audit, const JourneyFilter& filter,
                                             core::Date as_of, const Viewer& viewer, std::string_view action) {
    JourneyFilter f = filter;
    f.with_notes = true;
    f.event_types.clear();
    std::vector<JourneyRecord> out;
    journeys.for_each_journey(f, [&](const core::ChildRecord& child, std::span<const core::Event> events) {
        out.push_back({child, {events.begin(), events.end()}});
    });
    const std::string who = filter.child_id ? "child " + *filter.child_id : "children";
    const std::string where = filter.local_authority ? " of " + *filter.local_authority : std::string();
    if (out.empty()) throw core::Error(core::ErrorKind::not_found, "no " + who + where);
    if (filter.child_id && !filter.local_authority && out.size() > 1) {
        std::string councils;
        for (const auto& r : out) councils += (councils.empty() ? "" : ", ") + r.child.local_authority;
        throw core::Error(core::ErrorKind::invalid_input, "child " + *filter.child_id +
                                                              " exists in more than one council (" + councils +
                                                              "): give --local-authority");
    }
    std::vector<AuditEntry> entries;
    entries.reserve(out.size());
    for (const auto& r : out) {
        entries.push_back({viewer.at, viewer.actor, std::string(action), r.child.local_authority, r.child.child_id,
                           "as of " + as_of.iso(), viewer.origin});
    }
    audit.record_audit(entries);
    return out;
}

}  // namespace waymark::app
