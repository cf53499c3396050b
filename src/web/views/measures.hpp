#pragma once
// The measures pages: the catalogue, and one measure's chart with its rules in words, its tests
// of change, its data and its downloads. Aggregates only: nothing here names a child.
#include "app/measure_chart.hpp"
#include "core/improvement.hpp"
#include "render/chart.hpp"
#include "web/views/forms.hpp"
#include "web/views/pages.hpp"

#include <optional>
#include <string>
#include <vector>

namespace waymark::web::views {

std::string measures_page(const Chrome& chrome, const std::vector<core::Measure>& measures);

// The filters as the user gave them (kept as typed, so that nothing is lost on an error).
struct MeasureFilters {
    std::string from;              // YYYY-MM
    std::string to;                // YYYY-MM
    std::string period = "month";  // month or quarter
    std::string chart = "run";
    std::string series;   // "" the measure itself
    std::string council;  // national analysts: "" for every council together
    std::string team;     // everyone else: "" for all the council
    // The query string of the filters, for the download links: "?from=...&to=...".
    [[nodiscard]] std::string query() const;
};

struct MeasurePage {
    const core::Measure* measure = nullptr;
    MeasureFilters filters;
    std::vector<std::string> chart_choices;
    std::vector<std::string> series_choices;  // the measure's split series, besides ""
    std::vector<std::string> councils;        // national analysts' choice; empty for everyone else
    std::vector<std::string> teams;           // the council's teams; empty for national analysts
    std::string group;                        // the council (and team) shown, or "every council"
    std::vector<FieldError> errors;           // set: the form with its errors, no chart
    // Without errors:
    const app::MeasureChart* chart = nullptr;
    std::string svg;                        // render::to_svg of the chart
    std::vector<render::Finding> findings;  // "What the chart says"
    // Linked to the measure, of the user's own council, when the chart is of it (tests_shown).
    std::vector<core::TestOfChange> tests;
    bool tests_shown = true;
    core::Date as_of;
};

std::string measure_page(const Chrome& chrome, const MeasurePage& page);

}  // namespace waymark::web::views
