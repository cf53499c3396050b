#include "app/reports.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <climits>
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

namespace {

using PackedRow = PackedDueRow;

// Every child the filter finds, on kWorkers threads: the child's journey as of `as_of` and the
// clocks of the standards `counts` chooses, given to use(part, child, journey, clocks), where
// `part` is the worker's own result. Gives the workers' parts in order.
template <class Part, class Counts, class Use>
std::vector<Part> each_journey_clocks(Store& store, const StandardSet& standards, const JourneyFilter& filter,
                                      core::Date as_of, Counts counts, Use use) {
    struct Worker {
        Part part;
        std::vector<core::Clock> clocks;
        core::Journey journey;
    };
    std::vector<Worker> workers(kWorkers);
    store.for_each_journey_parallel(
        filter, kWorkers, [&](unsigned w, const core::ChildRecord& child, std::span<const core::Event> events) {
            Worker& k = workers[w];
            k.journey.assign(child, events, as_of);
            k.clocks.clear();
            for (const auto& s : standards.standards) {
                if (counts(s)) core::evaluate_clocks(k.journey, s, k.clocks);
            }
            use(k.part, child, k.journey, k.clocks);
        });
    std::vector<Part> parts;
    parts.reserve(workers.size());
    for (auto& k : workers) parts.push_back(std::move(k.part));
    return parts;
}

}  // namespace

DueReport due_report(Store& store, const StandardSet& standards, const DueQuery& q) {
    check_standard(standards, q.standard);
    if (standards.standards.size() > 255) {
        throw core::Error(core::ErrorKind::invalid_input, "more than 255 standards in one standards file");
    }
    struct Part {
        std::vector<ChildRef> children;
        std::vector<PackedRow> rows;
    };
    auto parts = each_journey_clocks<Part>(
        store, standards, report_filter(standards, q.local_authority, q.child_id), q.as_of,
        [&](const core::Standard& s) { return wanted(s, q.standard); },
        [&](Part& p, const core::ChildRecord& child, const core::Journey&, const std::vector<core::Clock>& clocks) {
            bool any = false;
            const auto index = static_cast<std::uint32_t>(p.children.size());
            for (const auto& c : clocks) {
                if (!q.all && !core::is_running(c.status)) continue;
                any = true;
                PackedRow r;
                r.key = static_cast<std::uint64_t>(c.due_on.serial() + (1 << 20)) << 32;
                r.starts = c.starts_on.serial();
                if (c.stopped_on) r.stopped = c.stopped_on->serial();
                r.child = index;
                r.standard = static_cast<std::uint8_t>(c.standard - standards.standards.data());
                r.status = c.status;
                p.rows.push_back(r);
            }
            if (any) p.children.push_back({child.local_authority, child.child_id});
        });
    DueReport report;
    std::vector<std::uint32_t> child_offset;
    for (auto& p : parts) {
        child_offset.push_back(static_cast<std::uint32_t>(report.children.size()));
        for (auto& c : p.children) report.children.push_back(std::move(c));
    }
    // Ranks stand in for strings: children by (child_id, council), standards by id.
    const auto& kids = report.children;
    std::vector<std::uint32_t> order(kids.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        if (kids[a].child_id != kids[b].child_id) return kids[a].child_id < kids[b].child_id;
        return kids[a].local_authority < kids[b].local_authority;
    });
    if (kids.size() >= (1U << 24)) throw core::Error(core::ErrorKind::internal, "too many children for one report");
    // Children who share a child_id (in different councils) share its rank; their councils'
    // order among them breaks the ties that remain (PackedDueRow::council).
    std::vector<std::uint32_t> child_rank(kids.size());
    std::vector<std::uint16_t> council_rank(kids.size());
    std::uint32_t rank = 0;
    std::uint16_t within = 0;
    for (std::uint32_t r = 0; r < order.size(); ++r) {
        if (r > 0 && kids[order[r]].child_id != kids[order[r - 1]].child_id) {
            ++rank;
            within = 0;
        } else if (r > 0) {
            if (within == UINT16_MAX)
                throw core::Error(core::ErrorKind::internal, "too many councils share a case reference");
            ++within;
        }
        child_rank[order[r]] = rank;
        council_rank[order[r]] = within;
    }
    std::vector<std::uint32_t> by_id(standards.standards.size());
    for (std::uint32_t i = 0; i < by_id.size(); ++i) by_id[i] = i;
    std::sort(by_id.begin(), by_id.end(),
              [&](std::uint32_t a, std::uint32_t b) { return standards.standards[a].id < standards.standards[b].id; });
    std::vector<std::uint32_t> standard_rank(by_id.size());
    for (std::uint32_t r = 0; r < by_id.size(); ++r) standard_rank[by_id[r]] = r;

    // Split around a pivot as the rows are gathered (keys below it from the front, the rest
    // from the back) so that the two sides sort on the two cores with nothing left to merge.
    std::size_t total = 0;
    for (const auto& p : parts) total += p.rows.size();
    std::uint64_t pivot = 0;
    {
        std::vector<std::uint64_t> sample;
        for (std::size_t w = 0; w < parts.size(); ++w) {
            const auto& rows = parts[w].rows;
            const std::size_t step = std::max<std::size_t>(1, rows.size() / 512);
            for (std::size_t i = 0; i < rows.size(); i += step) {
                const auto& r = rows[i];
                sample.push_back(r.key | static_cast<std::uint64_t>(child_rank[r.child + child_offset[w]]) << 8);
            }
        }
        if (!sample.empty()) {
            std::nth_element(sample.begin(), sample.begin() + static_cast<std::ptrdiff_t>(sample.size() / 2),
                             sample.end());
            pivot = sample[sample.size() / 2];
        }
    }
    std::vector<PackedRow> rows(total);
    std::size_t low = 0;
    std::size_t high = total;
    for (std::size_t w = 0; w < parts.size(); ++w) {
        for (auto r : parts[w].rows) {
            r.child += child_offset[w];
            r.key |= static_cast<std::uint64_t>(child_rank[r.child]) << 8 | standard_rank[r.standard];
            r.council = council_rank[r.child];
            rows[r.key < pivot ? low++ : --high] = r;
        }
        parts[w].rows = {};
    }
    const auto middle = rows.begin() + static_cast<std::ptrdiff_t>(low);
    std::thread other([&] { std::sort(middle, rows.end()); });
    std::sort(rows.begin(), middle);
    other.join();

    report.packed = std::move(rows);
    report.standards = &standards.standards;
    report.as_of = q.as_of;
    return report;
}

DueRow DueReport::row(std::size_t i) const {
    const auto& r = packed[i];
    DueRow d;
    d.child = r.child;
    d.standard = &(*standards)[r.standard];
    d.starts_on = core::Date::from_serial(r.starts);
    d.due_on = core::Date::from_serial(static_cast<std::int32_t>(r.key >> 32) - (1 << 20));
    d.status = r.status;
    if (r.stopped != PackedDueRow::kNoDate) d.stopped_on = core::Date::from_serial(r.stopped);
    // DOMAIN.md: stopped_on - due for met_late and missed, as_of - due for overdue.
    if (r.status == core::ClockStatus::met_late || r.status == core::ClockStatus::missed) {
        d.days_late = (*d.stopped_on - d.due_on).count;
    } else if (r.status == core::ClockStatus::overdue) {
        d.days_late = (as_of - d.due_on).count;
    }
    return d;
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
        if (c.status == ClockStatus::due_soon) ++row.due_soon;
        if (!core::is_running(c.status)) continue;
        if (next == nullptr || c.due_on < next->due_on ||
            (c.due_on == next->due_on && c.standard->id < next->standard->id)) {
            next = &c;
        }
    }
    if (next != nullptr) {
        row.next_due_on = next->due_on;
        row.next_standard = next->standard->id;
        row.next_title = next->standard->title;
    }
    row.restricted = journey.child().restricted;
    return row;
}

std::vector<StatusRow> status_report(Store& store, const StandardSet& standards, const StatusQuery& q) {
    struct Part {
        std::vector<StatusRow> rows;
    };
    auto parts = each_journey_clocks<Part>(
        store, standards, report_filter(standards, q.local_authority, q.child_id), q.as_of,
        [](const core::Standard&) { return true; },
        [](Part& p, const core::ChildRecord&, const core::Journey& journey, const std::vector<core::Clock>& clocks) {
            p.rows.push_back(status_of(journey, clocks));
        });
    // Workers visit contiguous runs in (council, id) order, so their rows concatenate in order.
    std::vector<StatusRow> rows = std::move(parts[0].rows);
    for (std::size_t w = 1; w < parts.size(); ++w) {
        for (auto& r : parts[w].rows) rows.push_back(std::move(r));
    }
    return rows;
}

Chronology chronology(Store& store, const StandardSet& standards, const std::string& child_id,
                      const std::optional<std::string>& local_authority, core::Date as_of, const Viewer& viewer,
                      std::string_view how) {
    std::vector<Chronology> found;
    store.for_each_journey({local_authority, child_id, true, {}}, [&](const core::ChildRecord& child,
                                                                      std::span<const core::Event> events) {
        Chronology c;
        c.child = child;
        c.as_of = as_of;
        c.events.assign(events.begin(), events.end());
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
    store.record_audit({viewer.at, viewer.actor, "view_chronology", found.front().child.local_authority,
                        found.front().child.child_id,
                        "as of " + as_of.iso() + (how.empty() ? "" : "; " + std::string(how)), viewer.origin});
    return std::move(found.front());
}

}  // namespace waymark::app
