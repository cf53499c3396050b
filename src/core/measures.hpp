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
};
std::string_view to_string(MeasureKind k) noexcept;

enum class Better : std::uint8_t { up, down };
std::string_view to_string(Better b) noexcept;

struct Measure {
    std::string id;
    std::string title;
    std::string definition;
    std::string unit;  // "%", "days", "children"
    Better better = Better::down;
    MeasureKind kind = MeasureKind::interval;
    // on_time and overdue_count: the standards' ids (overdue_count: empty for every standard).
    std::vector<std::string> standards;
    // interval and within: what starts the wait; event_share: the events counted.
    std::vector<EventMatch> start;
    // With first_in_period, only the first start inside a looked after period counts (becoming
    // looked after); `each` counts every start.
    Occurrence occurrence = Occurrence::each;
    // interval and within: what ends the wait; event_share: the events of the numerator;
    // looked_after_with: the event looked for.
    std::vector<EventMatch> end;
    // interval and within: a wait ends unfinished (censored) when this period of the start
    // event ends (away: the away-from-home episode; looked_after: the looked after period).
    PeriodKind within_period = PeriodKind::none;
    std::optional<Limit> limit;  // within
    // interval: besides the overall series, one series of completed waits per value of this
    // attribute of the end event (PO and POA side by side).
    std::string split;
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

struct PeriodTally {
    std::int64_t numerator = 0;
    std::int64_t denominator = 0;
    std::vector<double> completed;            // interval: days of the waits that ended in the period
    std::vector<SurvivalObservation> cohort;  // interval: the waits that started in the period
    void merge(PeriodTally&& other);
};

// One measure's tallies: the overall series under "", split series under their value.
struct MeasureTally {
    std::map<std::string, std::vector<PeriodTally>> series;
    void merge(MeasureTally&& other);
};

// Adds one child's journey to the tally. `clocks` are evaluate_clocks(journey, standards)
// with every enabled standard.
void tally(const Measure& measure, const Journey& journey, std::span<const Clock> clocks, const PeriodGrid& grid,
           MeasureTally& out);

struct MeasurePoint {
    std::size_t period = 0;
    std::int64_t numerator = 0;
    std::int64_t denominator = 0;
    std::optional<double> value;  // % for proportions, median days for intervals, a count
    std::size_t completed = 0;
    std::optional<double> median_completed;
    KaplanMeierSummary cohort;  // interval only
};

// The series of one tally, period by period.
std::vector<MeasurePoint> finish(const Measure& measure, const std::vector<PeriodTally>& periods);

}  // namespace waymark::core
