#pragma once
// Measure series over many children (`waymark measure`, the web's measures pages): each
// measure per month or quarter, for all councils together or each council, with the small
// counts that could identify a child suppressed (DOMAIN.md section 9).
#include "app/measures_file.hpp"
#include "app/store.hpp"
#include "core/measures.hpp"
#include "core/qi.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace waymark::app {

// Counts from 1 to 4 are shown as "<5" in every aggregate output.
constexpr std::int64_t kSmallCount = 5;
constexpr bool is_small(std::int64_t n) noexcept {
    return n > 0 && n < kSmallCount;
}

struct MeasureQuery {
    std::vector<const core::Measure*> measures;
    core::Date from;
    core::Date to;
    core::Date as_of;  // journeys are read as of this date
    core::PeriodLength length = core::PeriodLength::month;
    std::optional<std::string> local_authority;  // one council only
    bool by_council = false;                     // one series per council, else all together
};

struct SeriesPoint {
    core::MeasurePoint point;
    bool partial = false;  // the period ends after the as-of date
    // What may be shown: false where the value would reveal a count under 5.
    bool value_shown = true;
    bool median_shown = true;
    bool cohort_shown = true;
};

struct MeasureSeries {
    const core::Measure* measure = nullptr;
    std::string group;   // "all" or a council
    std::string series;  // "" for the measure itself, else the split value (e.g. "po")
    std::vector<SeriesPoint> points;
};

struct MeasureReport {
    core::PeriodGrid grid;
    std::vector<MeasureSeries> series;  // by measure (in query order), group, series
};

// Reads every journey once, on both cores. Throws core::Error(usage) for an empty range.
MeasureReport measure_report(Store& store, const StandardSet& standards, const MeasureQuery& query);

// A series as chart input (core::qi), one row per period, x the period's first day (its day
// serial). With `counts`, a proportion's rows carry its numerator as y and its denominator as
// n (for P charts; the caller multiplies by 100); otherwise y is the value. What suppression
// hides is missing, so a chart shows no more than the table.
std::vector<core::qi::Observation> chart_rows(const MeasureSeries& series, const core::PeriodGrid& grid, bool counts);

}  // namespace waymark::app
