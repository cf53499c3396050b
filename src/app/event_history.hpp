#pragma once
// An event's history (issue 5): each version of one stored event of a named child, oldest
// first, with who made it, when, from where and why. The versions come from the event's
// history entries (migration 0005, written by app/recording.hpp) and the event as stored now:
// an event imported from a file has no history entry for its first version, and each version an
// import replaced (by its event_id) has its entry (reason kReplacedByImport); a replacement
// made before imports wrote entries shows as a last version without one. Reading it is a view of
// the child's record, audited before anything is returned.
#include "app/reports.hpp"
#include "app/store.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace waymark::app {

// How a version came to be.
enum class VersionSource {
    imported,   // loaded from a file (waymark import, the web's import upload): no entry says who
    recorded,   // record_event
    corrected,  // correct_event
    cancelled,  // cancel_event
    reimported  // an import replaced the event by its event_id after the last entry
};
std::string_view to_string(VersionSource source) noexcept;  // imported, recorded, corrected, ...

struct EventVersion {
    int number = 1;  // 1, 2, ... oldest first
    VersionSource source = VersionSource::imported;
    core::Event event;   // what the event said from then on (its seq is the event's key)
    EventChange change;  // who, when, from where and why; empty for an import
};

struct EventHistory {
    StoredEvent current;                 // the event as stored now (its key, council and child)
    std::vector<EventVersion> versions;  // oldest first; the last one is the current event
};

// The history of event `key` of the child. Writes the audit entry (action "view_event_history",
// detail "event KEY", by `viewer`) before it returns, and returns nothing if it cannot. Throws
// core::Error(not_found) when the child has no such event. The caller has decided that the
// viewer may see the child (app/access.hpp).
EventHistory event_history(Store& store, const ChildRef& child, std::int64_t key, const Viewer& viewer);

}  // namespace waymark::app
