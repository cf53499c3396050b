#include "app/planned.hpp"

#include <algorithm>
#include <set>

namespace waymark::app {

bool planned_date_passed(const core::Event& event, core::Date today) noexcept {
    return event.status == core::EventStatus::planned && event.date < today;
}

PlannedPassedList planned_passed(Store& store, const StandardSet& standards, const User& user, core::Date today,
                                 const Viewer& viewer, StatusCache* cache) {
    PlannedPassedList out;
    const auto visible = visible_children(store, standards, user, today, cache);
    if (visible.empty()) return out;
    std::set<std::string, std::less<>> ids;
    for (const auto& row : visible) ids.insert(row.status->child.child_id);
    JourneyFilter filter;
    filter.local_authority = user.local_authority;
    store.for_each_journey(filter, [&](const core::ChildRecord& child, std::span<const core::Event> events) {
        if (!ids.contains(child.child_id)) return;
        for (const auto& e : events) {
            if (planned_date_passed(e, today)) out.events.push_back({child.local_authority, child.child_id, e.seq, e});
        }
    });
    if (out.events.empty()) return out;
    std::sort(out.events.begin(), out.events.end(), [](const PlannedPassed& a, const PlannedPassed& b) {
        if (a.event.date != b.event.date) return a.event.date < b.event.date;
        if (a.child_id != b.child_id) return a.child_id < b.child_id;
        return a.key < b.key;
    });
    std::vector<std::string> listed;
    for (const auto& p : out.events) {
        if (std::find(listed.begin(), listed.end(), p.child_id) == listed.end()) listed.push_back(p.child_id);
    }
    std::string detail = "planned events with dates passed, as of " + today.iso() + ", children";
    for (std::size_t i = 0; i < listed.size(); ++i) detail += (i == 0 ? " " : ", ") + listed[i];
    // Audited before a name is read.
    store.record_audit(
        {viewer.at, viewer.actor, "view_planned_passed", user.local_authority, "", detail, viewer.origin});
    out.names = store.child_names(user.local_authority, listed);
    return out;
}

std::vector<StoredEvent> same_plans(JourneyStore& store, const ChildRef& child, const core::Vocabulary& vocabulary,
                                    core::EventTypeId event_type, std::string_view kind) {
    std::vector<StoredEvent> out;
    const auto& spec = vocabulary.spec(event_type);
    const bool has_kind = std::any_of(spec.attributes.begin(), spec.attributes.end(),
                                      [](const core::AttributeSpec& a) { return a.key == "kind"; });
    JourneyFilter filter;
    filter.local_authority = child.local_authority;
    filter.child_id = child.child_id;
    filter.event_types = {spec.name};
    store.for_each_journey(filter, [&](const core::ChildRecord&, std::span<const core::Event> events) {
        for (const auto& e : events) {
            if (e.type != event_type || e.status != core::EventStatus::planned) continue;
            if (has_kind && e.attr("kind") != kind) continue;
            out.push_back({e.seq, child.local_authority, child.child_id, e});
        }
    });
    std::sort(out.begin(), out.end(),
              [](const StoredEvent& a, const StoredEvent& b) { return a.event.date < b.event.date; });
    return out;
}

}  // namespace waymark::app
