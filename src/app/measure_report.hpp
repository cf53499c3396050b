#pragma once
// Measure series over many children (`waymark measure`, the web's measures pages): each
// measure per month or quarter, for all councils together, each council, one council's team or
// each of its teams, with the small counts that could identify a child suppressed (DOMAIN.md
// section 9), and with more hidden so that none of those can be worked out by subtraction
// (app/suppression.hpp, docs/measures.md "Small numbers").
#include "app/caseload.hpp"
#include "app/measures_file.hpp"
#include "app/store.hpp"
#include "app/suppression.hpp"
#include "core/measures.hpp"
#include "core/qi.hpp"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <vector>

namespace waymark::app {

// How the children are grouped into series.
enum class MeasureGroups : std::uint8_t {
    all,      // one group: "all", or the team of MeasureQuery::team
    council,  // one group per council
    team,     // one group per team of the council, kNotAllocated and (if any) kNoTeam
};

struct MeasureQuery {
    std::vector<const core::Measure*> measures;
    core::Date from;
    core::Date to;
    core::Date as_of;  // journeys are read as of this date
    core::PeriodLength length = core::PeriodLength::month;
    std::optional<std::string> local_authority;  // one council only
    // Only the children whose allocated social worker is in this team of the council (as
    // allocated now: there is no allocation history). Needs local_authority.
    std::optional<std::string> team;
    MeasureGroups by = MeasureGroups::all;  // by team needs local_authority and no team
    // Requested when no one waits for the report any more (the web's time limit): the report
    // then throws Stopped at the next child it reads.
    std::stop_token stop{};
};

// The report was stopped (MeasureQuery::stop): not a fault, and nothing of it is kept.
class Stopped : public std::runtime_error {
public:
    Stopped() : std::runtime_error("the report was stopped before it was done") {}
};

struct SeriesPoint {
    core::MeasurePoint point;
    bool partial = false;  // the period ends after the as-of date
    // What may be shown; what is not is shown as kSuppressed. A value is shown when every count
    // it rests on is: a percentage its numerator, denominator and their difference; a median
    // its waits ended (completed); a Kaplan-Meier estimate its cohort (the waits begun).
    bool value_shown = true;
    bool median_shown = true;
    bool cohort_shown = true;
    bool numerator_shown = true;    // interval: completed
    bool denominator_shown = true;  // interval: cohort.n
    bool events_shown = true;       // interval: cohort.events
    bool waiting_shown = true;      // interval: cohort.n - cohort.events
};

// A count as every output shows it: the number, or kSuppressed.
std::string shown_count(std::int64_t n, bool shown);

struct MeasureSeries {
    const core::Measure* measure = nullptr;
    std::string group;   // "all", a council, or a team (kNotAllocated, kNoTeam)
    std::string series;  // "" for the measure itself, else the split value (e.g. "po")
    std::vector<SeriesPoint> points;
};

struct MeasureReport {
    core::PeriodGrid grid;
    std::vector<MeasureSeries> series;  // by measure (in query order), group, series
};

// Reads every journey once, on both cores; a team filter or grouping reads the council's
// allocations once first. Every group asked for has its series, also with no children (each
// team of the council, the team filtered on, "all").
//
// Suppression is decided level by level, each level's total as its own report shows it and
// fixed: all councils together; then every council (so a council's figure reads every
// council's children, whichever is asked for); then, with --team or --by team, every team of
// the council (so one team is hidden exactly as in the report by team). Each calendar quarter of
// the range is decided with its three months, by month or by quarter alike (a quarter's counts
// are its months' sum, or its third month's for a snapshot), so that the months asked for and the
// quarters asked for show nothing hidden by difference; the range is read as whole quarters. Throws core::Error(usage)
// for an empty range, a team or team grouping without a council, or both; core::Error(invalid_input) naming --team for
// a team the council does not have.
MeasureReport measure_report(Store& store, const StandardSet& standards, const MeasureQuery& query);

// A series as chart input (core::qi), one row per period, x the period's first day (its day
// serial). With `counts`, a proportion's rows carry its numerator as y and its denominator as
// n (for P charts; the caller multiplies by 100); otherwise y is the value. What suppression
// hides is missing, so a chart shows no more than the table.
std::vector<core::qi::Observation> chart_rows(const MeasureSeries& series, const core::PeriodGrid& grid, bool counts);

}  // namespace waymark::app
