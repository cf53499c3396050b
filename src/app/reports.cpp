#include "app/reports.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <thread>

namespace waymark::app {

using core::ClockStatus;

namespace {

bool wanted(const core::Standard& s, const std::optional<std::string>& only) {
    return s.enabled && (!only || s.id == *only);
}

void check_standard(const StandardSet& set, const std::optional<std::string>& id) {
    if (!id) return;
    const bool known =
        std::any_of(set.standards.begin(), set.standards.end(), [&](const core::Standard& s) { return s.id == *id; });
    if (!known) throw core::Error(core::ErrorKind::invalid_input, "no standard '" + *id + "' (see waymark standards)");
}

}  // namespace

namespace {
// Reports over whole councils work on both cores (see Store::for_each_journey_parallel).
constexpr unsigned kWorkers = 2;

// What a report over many children reads: only the events its clocks and stages can use.
JourneyFilter report_filter(const StandardSet& standards, const std::optional<std::string>& local_authority,
                            const std::optional<std::string>& child_id) {
    JourneyFilter f{local_authority, child_id, false, {}};
    for (auto t : core::relevant_event_types(standards.standards))
        f.event_types.emplace_back(standards.vocabulary.name(t));
    return f;
}
}  // namespace

DueReport due_report(Store& store, const StandardSet& standards, const DueQuery& q) {
    check_standard(standards, q.standard);
    struct Part {
        std::vector<ChildRef> children;
        std::vector<DueRow> rows;
        std::vector<core::Clock> clocks;
        core::Journey journey;
    };
    std::vector<Part> parts(kWorkers);
    store.for_each_journey_parallel(
        report_filter(standards, q.local_authority, q.child_id), kWorkers,
        [&](unsigned w, const core::ChildRecord& child, std::span<const core::Event> events) {
            Part& p = parts[w];
            p.journey.assign(child, events, q.as_of);
            p.clocks.clear();
            for (const auto& s : standards.standards) {
                if (wanted(s, q.standard)) core::evaluate_clocks(p.journey, s, p.clocks);
            }
            bool any = false;
            const auto index = static_cast<std::uint32_t>(p.children.size());
            for (const auto& c : p.clocks) {
                if (!q.all && !core::is_running(c.status)) continue;
                any = true;
                p.rows.push_back({index, c.standard, c.starts_on, c.due_on, c.status, c.stopped_on, c.days_late});
            }
            if (any) p.children.push_back({child.local_authority, child.child_id});
        });
    DueReport report;
    std::vector<std::uint32_t> child_offset;
    for (auto& p : parts) {
        child_offset.push_back(static_cast<std::uint32_t>(report.children.size()));
        for (auto& c : p.children) report.children.push_back(std::move(c));
    }
    // Sort on ranks rather than strings: children by (child_id, council), standards by id.
    const auto& kids = report.children;
    std::vector<std::uint32_t> order(kids.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        if (kids[a].child_id != kids[b].child_id) return kids[a].child_id < kids[b].child_id;
        return kids[a].local_authority < kids[b].local_authority;
    });
    std::vector<std::uint32_t> child_rank(kids.size());
    for (std::uint32_t r = 0; r < order.size(); ++r) child_rank[order[r]] = r;
    std::vector<const core::Standard*> by_id;
    for (const auto& s : standards.standards) by_id.push_back(&s);
    std::sort(by_id.begin(), by_id.end(),
              [](const core::Standard* a, const core::Standard* b) { return a->id < b->id; });
    auto standard_rank = [&](const core::Standard* s) {
        return static_cast<std::size_t>(
            std::lower_bound(by_id.begin(), by_id.end(), s,
                             [](const core::Standard* a, const core::Standard* b) { return a->id < b->id; }) -
            by_id.begin());
    };
    // (due, child rank, standard rank) then (start, row): a flat pair sorts without chasing
    // pointers. Due and start dates are days since 1970 plus 2^20; 24 bits of child rank
    // (16 million children) and 8 of standard rank (256 standards) are more than enough.
    std::vector<std::uint32_t> rank_of_standard(standards.standards.size());
    for (std::size_t i = 0; i < standards.standards.size(); ++i) {
        rank_of_standard[i] = static_cast<std::uint32_t>(standard_rank(&standards.standards[i]));
    }
    using Key = std::pair<std::uint64_t, std::uint64_t>;
    std::vector<Key> keyed;
    std::size_t total = 0;
    for (const auto& p : parts) total += p.rows.size();
    keyed.reserve(total);
    for (std::size_t w = 0; w < parts.size(); ++w) {
        for (std::size_t i = 0; i < parts[w].rows.size(); ++i) {
            const auto& r = parts[w].rows[i];
            const auto s = static_cast<std::size_t>(r.standard - standards.standards.data());
            // Low 32 bits: the row's worker (top 2) and place in that worker's rows.
            keyed.push_back({(static_cast<std::uint64_t>(r.due_on.serial() + (1 << 20)) << 32) |
                                 (static_cast<std::uint64_t>(child_rank[child_offset[w] + r.child]) << 8) |
                                 rank_of_standard[s],
                             (static_cast<std::uint64_t>(r.starts_on.serial() + (1 << 20)) << 32) |
                                 (static_cast<std::uint64_t>(w) << 30) | i});
        }
    }
    // Two halves sorted on the two cores, then merged.
    const auto middle = keyed.begin() + static_cast<std::ptrdiff_t>(keyed.size() / 2);
    std::thread other([&] { std::sort(middle, keyed.end()); });
    std::sort(keyed.begin(), middle);
    other.join();
    std::inplace_merge(keyed.begin(), middle, keyed.end());
    // Rows keep their place; children are renumbered into the report's list.
    for (std::size_t w = 0; w < parts.size(); ++w) {
        for (auto& r : parts[w].rows) r.child += child_offset[w];
    }
    report.order_.reserve(keyed.size());
    for (const auto& k : keyed) {
        report.order_.push_back(((k.second >> 30) & 3U) << 32 | (k.second & 0x3FFFFFFFU));
    }
    for (auto& p : parts) report.parts_.push_back(std::move(p.rows));
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
        if (next == nullptr || c.due_on < next->due_on ||
            (c.due_on == next->due_on && c.standard->id < next->standard->id)) {
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
    struct Part {
        std::vector<StatusRow> rows;
        std::vector<core::Clock> clocks;
        core::Journey journey;
    };
    std::vector<Part> parts(kWorkers);
    store.for_each_journey_parallel(
        report_filter(standards, q.local_authority, q.child_id), kWorkers,
        [&](unsigned w, const core::ChildRecord& child, std::span<const core::Event> events) {
            Part& p = parts[w];
            p.journey.assign(child, events, q.as_of);
            p.clocks.clear();
            for (const auto& s : standards.standards) core::evaluate_clocks(p.journey, s, p.clocks);
            p.rows.push_back(status_of(p.journey, p.clocks));
        });
    // Workers visit contiguous runs in (council, id) order, so their rows concatenate in order.
    std::vector<StatusRow> rows = std::move(parts[0].rows);
    for (std::size_t w = 1; w < parts.size(); ++w) {
        for (auto& r : parts[w].rows) rows.push_back(std::move(r));
    }
    return rows;
}

Chronology chronology(Store& store, const StandardSet& standards, const std::string& child_id,
                      const std::optional<std::string>& local_authority, core::Date as_of) {
    std::vector<Chronology> found;
    store.for_each_journey({local_authority, child_id, true, {}}, [&](const core::ChildRecord& child,
                                                                      std::span<const core::Event> events) {
        Chronology c;
        c.child = child;
        c.as_of = as_of;
        const core::Journey journey(child, events, as_of);
        // The chronology shows what happened to the as-of date and what is planned or was
        // cancelled (a cancelled review is part of the story of a delay); clocks ignore
        // cancelled events.
        for (const auto& e : events) {
            if (e.status == core::EventStatus::occurred && e.date > as_of) continue;
            c.entries.push_back({e, standards.vocabulary.spec(e.type).label});
        }
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
        throw core::Error(core::ErrorKind::invalid_input, "child " + child_id + " exists in more than one council (" +
                                                              councils + "): give --local-authority");
    }
    return std::move(found.front());
}

}  // namespace waymark::app
