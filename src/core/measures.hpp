#pragma once
// Measures of the system over time (DOMAIN.md section 6): what each measure counts, the
// calendar periods of a series, and the tally of one child's journey into a series. Pure: the
// measures are data (measures/default.toml, read by app/measures_file), journeys and clocks
// come from the caller, and the as-of date is the journey's.
#include "core/journey.hpp"
#include "core/standards.hpp"
#include "core/survival.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace waymark::core {

enum class MeasureKind : std::uint8_t {
    on_time,            // % of a standard's clocks met on time, by the period they fell due
    interval,           // days from a start event to the first end event after it
    within,             // % of those starting to wait in the period whose wait ended within a limit
    event_share,        // % of the period's events of a kind that match a further filter
    overdue_count,      // children with a clock overdue at the end of the period
    looked_after_with,  // % of children looked after at the end of the period with an event in that care
    lapsed_count,       // orders (clocks of the standards) that lapsed, by the period of their due day
    in_period_count,    // children in a period of a kind (home, away, looked after) at the end of the period
    events_between,     // events of a kind between a start and its end, per end in the period
    re_entry,           // % of returns home in the period followed by an accommodation within a limit
    siblings_together,  // % of children away from home with looked after siblings placed with all of them
};
std::string_view to_string(MeasureKind k) noexcept;
// Every kind, in the order of the enum (for the measures file's parser and its errors).
std::span<const MeasureKind> all_measure_kinds() noexcept;

// What a measure's value is: a percentage of its denominator, a count of children or orders,
// the median of waits in days, or a ratio (events per case).
enum class ValueKind : std::uint8_t { percentage, count, median_days, ratio };
ValueKind value_kind(MeasureKind k) noexcept;
// Counted on the period's last day (a quarter's figure is its third month's), not over the period.
bool is_snapshot(MeasureKind k) noexcept;

enum class Better : std::uint8_t { up, down };
std::string_view to_string(Better b) noexcept;

struct Measure {
    std::string id;
    std::string title;
    std::string definition;
    std::string unit;  // "%", "days", "children"
    Better better = Better::down;
    MeasureKind kind = MeasureKind::interval;
    // on_time, overdue_count and lapsed_count: the standards' ids (overdue_count: empty for every
    // standard).
    std::vector<std::string> standards;
    // interval and within: what starts the wait; event_share: the events counted; events_between:
    // what opens a case; re_entry: the returns home.
    std::vector<EventMatch> start;
    // With first_in_period, only the first start inside a looked after period counts (becoming
    // looked after); `each` counts every start.
    Occurrence occurrence = Occurrence::each;
    // interval and within: what ends the wait; event_share: the events of the numerator;
    // looked_after_with: the event looked for; events_between: what closes a case; re_entry: the
    // accommodation again; in_period_count: an event that ends being counted in that period.
    std::vector<EventMatch> end;
    // interval and within: a wait ends unfinished (censored) when this period of the start
    // event ends (away: the away-from-home episode; looked_after: the looked after period).
    // in_period_count: the kind of period the children are counted in.
    PeriodKind within_period = PeriodKind::none;
    std::optional<Limit> limit;  // within, re_entry
    // events_between: the events counted between a case's start and its end.
    std::vector<EventMatch> count;
    // interval: besides the overall series, one series of completed waits per value of this
    // attribute of the end event (PO and POA side by side).
    std::string split;
    // interval and within, counted by outcome (England's adoption scorecard): only looked after
    // periods whose ending event matches this (ceased_looked_after destination=adoption) count,
    // each once, in the period of that ending. The wait runs from the first `start` event of
    // the looked after period to its first `end` event (0 days when the end came first); within:
    // achieved when the end is before start + limit (less than the limit). Empty: waits as usual.
    std::vector<EventMatch> outcome;
    // With outcome: when the latest event before the end, of the types named here, matches one
    // of these, the wait ends at that event instead (England A10: at the start of the foster
    // placement the child moved to adopters from).
    std::vector<EventMatch> ends_at_previous;
};

enum class PeriodLength : std::uint8_t { month, quarter };

// Calendar months or quarters from the one holding `from` to the one holding `to`.
class PeriodGrid {
public:
    PeriodGrid(Date from, Date to, PeriodLength length);
    [[nodiscard]] std::size_t size() const noexcept { return starts_.size() - 1; }
    [[nodiscard]] Date start(std::size_t i) const { return starts_[i]; }
    [[nodiscard]] Date last_day(std::size_t i) const { return starts_[i + 1] - Days{1}; }
    [[nodiscard]] std::optional<std::size_t> index_of(Date d) const;
    // The first period whose last day is on or after d (size() if none).
    [[nodiscard]] std::size_t first_ending_from(Date d) const;
    [[nodiscard]] std::string label(std::size_t i) const;  // 2026-03 or 2026-Q1
    [[nodiscard]] PeriodLength length() const noexcept { return length_; }

private:
    std::vector<Date> starts_;  // size() + 1 boundaries
    PeriodLength length_;
};

// siblings_together: one council's sibling group on a period's last day. Siblings can be in
// different teams, so a group's looked_after is made the council's own count before the tally is
// finished (share_sibling_counts).
struct SiblingCount {
    std::int32_t looked_after = 0;  // children of the group looked after
    std::int32_t away = 0;          // of them, placed away from home
    std::int32_t together = 0;      // of those, placed with all their looked after siblings
    friend bool operator==(const SiblingCount&, const SiblingCount&) = default;
};

struct PeriodTally {
    std::int64_t numerator = 0;
    std::int64_t denominator = 0;
    std::vector<double> completed;            // interval: days of the waits that ended in the period
    std::vector<SurvivalObservation> cohort;  // interval: the waits that started in the period
    // siblings_together: "council<US>sibling_group" -> the group on the period's last day. Only
    // children with a sibling_group who are looked after on that day have an entry, so the map
    // is bounded by the looked after children, not by the periods times the children.
    std::map<std::string, SiblingCount> siblings;
    void merge(PeriodTally&& other);
};

// One measure's tallies: the overall series under "", split series under their value.
struct MeasureTally {
    std::map<std::string, std::vector<PeriodTally>> series;
    void merge(MeasureTally&& other);
};

// The day after a clock fell due, or its start if later: the first day it can be overdue.
Date first_overdue_day(const Clock& c);
// Per clock, the last day on which the standards engine, asked with the journey as of that day,
// calls it overdue (from first_overdue_day), or nullopt if on no such day; the as-of date for a
// clock overdue now. overdue_count counts a child at a period's end from these, so a past month
// says what the engine said then (a clock later lapsed, given up or closed included), and a
// change to the engine's rules reaches the measure without a change here.
std::vector<std::optional<Date>> last_overdue_days(const Journey& journey, std::span<const Clock> clocks);

// Adds one child's journey to the tally. `clocks` are evaluate_clocks(journey, standards)
// with every enabled standard; `last_overdue` is last_overdue_days(journey, clocks), needed by
// overdue_count only (the first form works it out; a report over many measures does it once).
void tally(const Measure& measure, const Journey& journey, std::span<const Clock> clocks, const PeriodGrid& grid,
           MeasureTally& out);
void tally(const Measure& measure, const Journey& journey, std::span<const Clock> clocks,
           std::span<const std::optional<Date>> last_overdue, const PeriodGrid& grid, MeasureTally& out);

struct MeasurePoint {
    std::size_t period = 0;
    std::int64_t numerator = 0;
    std::int64_t denominator = 0;
    std::optional<double> value;  // % for proportions, median days for intervals, a count
    std::size_t completed = 0;
    std::optional<double> median_completed;
    KaplanMeierSummary cohort;  // interval only
};

// siblings_together: makes every group's looked_after, in every part, the sum over the parts
// (the teams and councils of a report), so that a child's siblings in another team count. Call
// with every part of the report before finish.
void share_sibling_counts(std::span<MeasureTally* const> parts);

// The series of one tally, period by period.
std::vector<MeasurePoint> finish(const Measure& measure, const std::vector<PeriodTally>& periods);

}  // namespace waymark::core
