#pragma once
// The questions the command line and the web ask of the record, as of a date: what is due,
// each child's stage, a child's chronology with its clocks.
#include "app/standards_file.hpp"
#include "app/store.hpp"
#include "core/stage.hpp"
#include "core/standards.hpp"

#include <climits>
#include <optional>
#include <string>
#include <vector>

namespace waymark::app {

struct ChildRef {
    std::string local_authority;
    std::string child_id;
};

struct DueRow {
    std::uint32_t child = 0;  // into DueReport::children
    const core::Standard* standard = nullptr;
    core::Date starts_on;
    core::Date due_on;
    core::ClockStatus status = core::ClockStatus::open;
    std::optional<core::Date> stopped_on;
    std::optional<std::int32_t> days_late;
};

struct DueQuery {
    core::Date as_of;
    bool all = false;  // include met, met_late, missed, closed and lapsed
    std::optional<std::string> local_authority;
    std::optional<std::string> child_id;
    std::optional<std::string> standard;  // a standard id
};

// A clock as a report row, packed to 24 bytes with the sort key in front, so that a national
// report (1.5 million rows) is sorted and then read in order without chasing pointers.
struct PackedDueRow {
    static constexpr std::int32_t kNoDate = INT32_MIN;
    std::uint64_t key = 0;  // due (days + 2^20) << 32 | child_id rank << 8 | standard rank
    std::int32_t starts = 0;
    std::int32_t stopped = kNoDate;
    std::uint32_t child = 0;    // index into DueReport::children
    std::uint8_t standard = 0;  // index into the standard set
    core::ClockStatus status = core::ClockStatus::open;
    // Among the councils that use the same child_id, this child's council's rank: DATA.md
    // orders by due_on, child_id, standard; the council only breaks what is still tied.
    std::uint16_t council = 0;
    friend bool operator<(const PackedDueRow& a, const PackedDueRow& b) {
        if (a.key != b.key) return a.key < b.key;
        return a.council != b.council ? a.council < b.council : a.starts < b.starts;
    }
};

struct DueReport {
    std::vector<ChildRef> children;
    std::vector<PackedDueRow> packed;  // by due_on, child_id, standard (DATA.md)
    const std::vector<core::Standard>* standards = nullptr;
    core::Date as_of;

    [[nodiscard]] std::size_t size() const noexcept { return packed.size(); }
    // Row i in report order, unpacked.
    [[nodiscard]] DueRow row(std::size_t i) const;
};

DueReport due_report(Store& store, const StandardSet& standards, const DueQuery& query);

struct StatusRow {
    ChildRef child;
    core::Stage stage = core::Stage::not_looked_after;
    std::optional<core::Date> stage_since;
    std::optional<std::int32_t> days_in_stage;
    std::optional<core::Date> looked_after_since;
    std::string placement;
    std::int32_t overdue = 0;
    std::int32_t due_soon = 0;  // clocks due within their standard's warning window
    std::optional<core::Date> next_due_on;
    std::string next_standard;
    std::string next_title;  // the next standard's title: the next action
    // An adoption plan has started: the record is restricted (app/access.hpp), as the store
    // keeps it (core::ChildRecord::restricted), whatever the as-of date.
    bool restricted = false;
};

struct StatusQuery {
    core::Date as_of;
    std::optional<std::string> local_authority;
    std::optional<std::string> child_id;
};

std::vector<StatusRow> status_report(Store& store, const StandardSet& standards, const StatusQuery& query);

struct ChronologyEntry {
    core::Event event;
    std::string label;  // plain-English event name
};

struct Chronology {
    core::ChildRecord child;
    core::Date as_of;
    StatusRow status;
    std::vector<ChronologyEntry> entries;  // as of the date: occurred events to it, planned ones
    std::vector<core::Clock> clocks;       // in due order (their event indices are the journey's, not entries')
    std::vector<core::Event> events;       // the journey's events as stored, all of them (for its timeline)
};

// Who is looking, for the audit log.
struct Viewer {
    std::string actor;
    std::string at;           // UTC, ISO 8601
    std::string origin = {};  // from where (AuditEntry::origin); defaulted, so {actor, at} still builds one
};

// A named child's record: the view is written to the audit log before it is returned, and
// not returned if it cannot be (its detail "as of DATE", then "; " and `how` when given, e.g.
// "downloaded as PDF"). Throws core::Error(not_found) when there is no such child,
// and (invalid_input) when the id is used by more than one council and no council is given.
Chronology chronology(Store& store, const StandardSet& standards, const std::string& child_id,
                      const std::optional<std::string>& local_authority, core::Date as_of, const Viewer& viewer,
                      std::string_view how = {});

// The status row of one journey (shared by status_report and chronology).
StatusRow status_of(const core::Journey& journey, const std::vector<core::Clock>& clocks);

}  // namespace waymark::app
