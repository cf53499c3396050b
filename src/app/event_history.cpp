#include "app/event_history.hpp"

#include "core/error.hpp"

namespace waymark::app {

namespace {

// Whether two versions of an event say the same (the fields a change may change).
bool same_version(const core::Event& a, const core::Event& b) {
    return a.date == b.date && a.status == b.status && a.details == b.details && a.agency == b.agency &&
           a.note == b.note;
}

VersionSource source_of(const EventChange& change) {
    const std::string& action = change.action;
    if (action == "record_event") return VersionSource::recorded;
    if (action == "correct_event" && change.reason == kReplacedByImport) return VersionSource::reimported;
    if (action == "cancel_event") return VersionSource::cancelled;
    return VersionSource::corrected;
}

}  // namespace

std::string_view to_string(VersionSource source) noexcept {
    switch (source) {
        case VersionSource::imported:
            return "imported";
        case VersionSource::recorded:
            return "recorded";
        case VersionSource::corrected:
            return "corrected";
        case VersionSource::cancelled:
            return "cancelled";
        case VersionSource::reimported:
            return "reimported";
    }
    return "imported";
}

EventHistory event_history(Store& store, const ChildRef& child, std::int64_t key, const Viewer& viewer) {
    // The event and its history entries are two reads: a change committed between them would
    // look like an import's. They are read again (a few times at most) until no child or event
    // was written in between, where the store can tell.
    std::optional<StoredEvent> current;
    std::vector<EventHistoryEntry> entries;
    for (int attempt = 0; attempt < 3; ++attempt) {
        const auto before = store.journeys_version();
        current = store.events().find_event(child.local_authority, child.child_id, key);
        if (!current) break;
        entries = store.events().event_history(child.local_authority, child.child_id, key);
        if (!before || before == store.journeys_version()) break;
    }
    if (!current) throw core::Error(core::ErrorKind::not_found, "the child has no such event");
    store.record_audit({viewer.at, viewer.actor, "view_event_history", child.local_authority, child.child_id,
                        "event " + std::to_string(key), viewer.origin});
    EventHistory h{std::move(*current), {}};
    const auto add = [&h](VersionSource source, core::Event event, EventChange change) {
        event.seq = h.current.key;
        event.event_id = h.current.event.event_id;
        h.versions.push_back({static_cast<int>(h.versions.size()) + 1, source, std::move(event), std::move(change)});
    };
    // The first version: recorded here, or else imported (what the first change changed, or
    // the event as stored when nothing has changed it).
    if (entries.empty()) {
        add(VersionSource::imported, h.current.event, {});
    } else if (entries.front().before) {
        add(VersionSource::imported, *entries.front().before, {});
    }
    for (const auto& e : entries) add(source_of(e.change), e.after, e.change);
    if (!same_version(h.versions.back().event, h.current.event)) add(VersionSource::reimported, h.current.event, {});
    return h;
}

}  // namespace waymark::app
