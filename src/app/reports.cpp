#include "app/reports.hpp"

#include "core/error.hpp"

#include <algorithm>

namespace waymark::app {

using core::ClockStatus;

namespace {

bool wanted(const core::Standard& s, const std::optional<std::string>& only) { return s.enabled && (!only || s.id == *only); }

void check_standard(const StandardSet& set, const std::optional<std::string>& id) {
    if (!id) return;
    const bool known = std::any_of(set.standards.begin(), set.standards.end(), [&](const core::Standard& s) { return s.id == *id; });
    if (!known) throw core::Error(core::ErrorKind::invalid_input, "no standard '" + *id + "' (see waymark standards)");
}

}  // namespace

DueReport due_report(Store& store, const StandardSet& standards, const DueQuery& q) {
    check_standard(standards, q.standard);
    DueReport report;
    std::vector<core::Clock> clocks;
    store.for_each_journey({q.local_authority, q.child_id, false}, [&](const core::ChildRecord& child, std::span<const core::Event> events) {
        const core::Journey journey(child, events, q.as_of);
        clocks.clear();
        for (const auto& s : standards.standards) {
            if (wanted(s, q.standard)) core::evaluate_clocks(journey, s, clocks);
        }
        bool any = false;
        const auto index = static_cast<std::uint32_t>(report.children.size());
        for (const auto& c : clocks) {
            if (!q.all && !core::is_running(c.status)) continue;
            any = true;
            report.rows.push_back({index, c.standard, c.starts_on, c.due_on, c.status, c.stopped_on, c.days_late});
        }
        if (any) report.children.push_back({child.local_authority, child.child_id});
    });
    const auto& kids = report.children;
    std::sort(report.rows.begin(), report.rows.end(), [&](const DueRow& a, const DueRow& b) {
        if (a.due_on != b.due_on) return a.due_on < b.due_on;
        const auto& ca = kids[a.child];
        const auto& cb = kids[b.child];
        if (ca.child_id != cb.child_id) return ca.child_id < cb.child_id;
        if (a.standard->id != b.standard->id) return a.standard->id < b.standard->id;
        if (ca.local_authority != cb.local_authority) return ca.local_authority < cb.local_authority;
        return a.starts_on < b.starts_on;
    });
    return report;
}

StatusRow status_of(const core::Journey& journey, const std::vector<core::Clock>& clocks) {
    StatusRow row;
    row.child = {journey.child().local_authority, journey.child().child_id};
    const auto stage = core::compute_stage(journey);
    row.stage = stage.stage;
    row.stage_since = stage.since;
    if (stage.since) row.days_in_stage = (journey.as_of() - *stage.since).count;
    row.looked_after_since = stage.looked_after_since;
    row.placement = stage.placement;
    const core::Clock* next = nullptr;
    for (const auto& c : clocks) {
        if (c.status == ClockStatus::overdue) ++row.overdue;
        if (!core::is_running(c.status)) continue;
        if (next == nullptr || c.due_on < next->due_on || (c.due_on == next->due_on && c.standard->id < next->standard->id)) {
            next = &c;
        }
    }
    if (next != nullptr) {
        row.next_due_on = next->due_on;
        row.next_standard = next->standard->id;
    }
    return row;
}

std::vector<StatusRow> status_report(Store& store, const StandardSet& standards, const StatusQuery& q) {
    std::vector<StatusRow> rows;
    std::vector<core::Clock> clocks;
    store.for_each_journey({q.local_authority, q.child_id, false}, [&](const core::ChildRecord& child, std::span<const core::Event> events) {
        const core::Journey journey(child, events, q.as_of);
        clocks.clear();
        for (const auto& s : standards.standards) core::evaluate_clocks(journey, s, clocks);
        rows.push_back(status_of(journey, clocks));
    });
    return rows;  // the store visits children by council and id
}

Chronology chronology(Store& store, const StandardSet& standards, const std::string& child_id,
                      const std::optional<std::string>& local_authority, core::Date as_of) {
    std::vector<Chronology> found;
    store.for_each_journey({local_authority, child_id, true}, [&](const core::ChildRecord& child, std::span<const core::Event> events) {
        Chronology c;
        c.child = child;
        c.as_of = as_of;
        const core::Journey journey(child, events, as_of);
        for (const auto* e : journey.events()) c.entries.push_back({*e, standards.vocabulary.spec(e->type).label});
        c.clocks = core::evaluate_clocks(journey, standards.standards);
        c.status = status_of(journey, c.clocks);
        std::stable_sort(c.clocks.begin(), c.clocks.end(), [](const core::Clock& a, const core::Clock& b) {
            if (a.due_on != b.due_on) return a.due_on < b.due_on;
            return a.standard->id < b.standard->id;
        });
        // The journey's event pointers die with the callback; clocks keep indices into entries.
        found.push_back(std::move(c));
    });
    if (found.empty()) {
        throw core::Error(core::ErrorKind::not_found,
                          "no child " + child_id + (local_authority ? " of " + *local_authority : std::string()));
    }
    if (found.size() > 1) {
        std::string councils;
        for (const auto& c : found) councils += (councils.empty() ? "" : ", ") + c.child.local_authority;
        throw core::Error(core::ErrorKind::invalid_input,
                          "child " + child_id + " exists in more than one council (" + councils + "): give --local-authority");
    }
    return std::move(found.front());
}

}  // namespace waymark::app
