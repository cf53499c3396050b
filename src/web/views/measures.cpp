// The measures pages (views/measures.hpp).
#include "web/views/measures.hpp"

#include "render/style.hpp"
#include "web/views/layout.hpp"

#include <algorithm>

namespace waymark::web::views {

namespace {

Html count(std::int64_t n, bool shown) {
    return shown ? text(static_cast<long long>(n)) : text(app::kSuppressed);
}

Html number(const std::optional<double>& v, bool shown, std::string_view unit = "") {
    if (!shown) return text(app::kSuppressed);
    if (!v) return Html("-");
    return text(render::people_number(*v) + std::string(unit));
}

std::string better_words(const core::Measure& m) {
    return m.better == core::Better::up ? "higher" : "lower";
}

std::string chart_name(std::string_view chart) {
    if (chart == "run") return "Run chart";
    if (chart == "i") return "I chart (individuals, XmR)";
    if (chart == "p") return "P chart (proportions)";
    if (chart == "pp") return "P' chart (Laney, for large denominators)";
    if (chart == "mdc") return "Making Data Count (XmR with icons)";
    return std::string(chart);
}

Html measure_href(const core::Measure& m) {
    return text("/measures/" + path_segment(m.id));
}

Html month_input(std::string_view id, std::string_view label, std::string_view value,
                 const std::vector<FieldError>& errors) {
    return input({id, label, "Year and month, for example 2025-04"}, "month", "ds_input--fixed-10", value, errors);
}

Html filters_form(const MeasurePage& p) {
    const auto& f = p.filters;
    Html h{"<form method=\"get\" action=\""};
    h += measure_href(*p.measure) + "\" novalidate><fieldset><legend class=\"ds_label\">Periods and chart</legend>";
    h += month_input("from", "From", f.from, p.errors);
    h += month_input("to", "To", f.to, p.errors);
    h += select({"period", "Periods", ""}, {{"month", "Months"}, {"quarter", "Quarters"}}, f.period, p.errors);
    std::vector<Option> charts;
    for (const auto& c : p.chart_choices) charts.push_back({c, chart_name(c)});
    h += select({"chart", "Chart", ""}, charts, f.chart, p.errors);
    if (!p.series_choices.empty() || !f.series.empty()) {
        std::vector<Option> series = {{"", "The measure itself"}};
        for (const auto& s : p.series_choices) series.push_back({s, "Only " + s});
        if (!f.series.empty() &&
            std::find(p.series_choices.begin(), p.series_choices.end(), f.series) == p.series_choices.end()) {
            series.push_back({f.series, f.series});
        }
        h += select({"series", "Series", "Waits ended by each route, as well as all together"}, series, f.series,
                    p.errors);
    }
    if (!p.councils.empty()) {
        std::vector<Option> councils = {{"", "Every council together"}};
        for (const auto& c : p.councils) councils.push_back({c, c});
        h += select({"council", "Council", ""}, councils, f.council, p.errors);
    }
    if (!p.teams.empty() || !f.team.empty()) {
        std::vector<Option> teams = {{"", "All the council"}};
        for (const auto& t : p.teams) teams.push_back({t, t});
        h += select({"team", "Team", "The children allocated to a worker of the team, as allocated now"}, teams, f.team,
                    p.errors);
    }
    h += "</fieldset><button class=\"ds_button\" type=\"submit\">Show the chart</button></form>";
    return h;
}

Html data_table(const app::MeasureChart& c) {
    const auto& m = *c.series().measure;
    const auto& grid = c.report.grid;
    const bool interval = m.kind == core::MeasureKind::interval;
    const std::string unit = m.unit == "%" ? "%" : "";
    Html h = scroll_region("The data: " + c.title);
    h += Html{"<table class=\"ds_table\" data-smallscreen=\"boxes\"><caption>The data: "};
    h += user_text(c.title) +
         ", counts that could identify a child shown as [c]</caption><thead><tr><th scope=\"col\">Period</th>";
    if (interval) {
        h += "<th scope=\"col\">Waits ended</th><th scope=\"col\">Median days</th><th scope=\"col\">Waits "
             "started</th><th scope=\"col\">Still waiting</th>";
    } else {
        h += "<th scope=\"col\">Numerator</th><th scope=\"col\">Denominator</th><th scope=\"col\">Value</th>";
    }
    h += "</tr></thead><tbody>";
    bool partial = false;
    for (const auto& sp : c.series().points) {
        const auto& p = sp.point;
        partial = partial || sp.partial;
        h += "<tr><th scope=\"row\" data-title=\"Period\">" + text(grid.label(p.period));
        if (sp.partial) h += " (not complete)";
        h += "</th>";
        if (interval) {
            const auto waiting = static_cast<std::int64_t>(p.cohort.n - p.cohort.events);
            h += "<td data-title=\"Waits ended\">" + count(static_cast<std::int64_t>(p.completed), sp.numerator_shown) +
                 "</td>";
            h += "<td data-title=\"Median days\">" + number(p.median_completed, sp.median_shown) + "</td>";
            h += "<td data-title=\"Waits started\">" +
                 count(static_cast<std::int64_t>(p.cohort.n), sp.denominator_shown) + "</td>";
            h += "<td data-title=\"Still waiting\">" + count(waiting, sp.waiting_shown) + "</td>";
        } else {
            h += "<td data-title=\"Numerator\">" + count(p.numerator, sp.numerator_shown) +
                 "</td><td data-title=\"Denominator\">" + count(p.denominator, sp.denominator_shown) +
                 "</td><td data-title=\"Value\">" + number(p.value, sp.value_shown, unit) + "</td>";
        }
        h += "</tr>";
    }
    h += "</tbody></table></div>";
    if (partial) h += "<p>A period marked not complete ends after the as-of date.</p>";
    return h;
}

// The user's own council's tests (tests_of_change_shown), each linked to its page.
Html tests_table(const std::vector<core::TestOfChange>& tests) {
    Html h = scroll_region("Tests of change linked to this measure, table");
    h += Html{
        "<table class=\"ds_table\" data-smallscreen=\"boxes\"><caption>Tests of change linked to this "
        "measure</caption><thead><tr><th scope=\"col\">Test</th><th scope=\"col\">Started</th><th "
        "scope=\"col\">Cycles</th><th scope=\"col\">Status</th></tr></thead><tbody>"};
    for (const auto& t : tests) {
        h += "<tr><td data-title=\"Test\"><a class=\"ds_link\" href=\"" +
             text("/tests-of-change/" + path_segment(t.reference)) + "\">" + text(t.reference) + "</a> " +
             user_text(t.title) + "</td><td data-title=\"Started\">" + text(t.start_date.display()) +
             "</td><td data-title=\"Cycles\">" + text(static_cast<long long>(t.cycles.size())) +
             "</td><td data-title=\"Status\">" + text(core::status_words(t)) + "</td></tr>";
    }
    h += "</tbody></table></div>";
    return h;
}

}  // namespace

std::string MeasureFilters::query() const {
    std::string q = "?from=" + path_segment(from) + "&to=" + path_segment(to) + "&period=" + path_segment(period) +
                    "&chart=" + path_segment(chart);
    if (!series.empty()) q += "&series=" + path_segment(series);
    if (!council.empty()) q += "&council=" + path_segment(council);
    if (!team.empty()) q += "&team=" + path_segment(team);
    return q;
}

std::string measures_page(const Chrome& chrome, const std::vector<core::Measure>& measures) {
    Html h{
        "<p class=\"ds_leader\">What the council measures to see whether its changes are improvements. Each "
        "measure counts children together; counts that could identify a child (from 1 to 4, and others that would give "
        "them away by subtraction) are never shown.</p>"};
    h += scroll_region("Measures, table");
    h += "<table class=\"ds_table\" data-smallscreen=\"boxes\"><caption class=\"visually-hidden\">The measures, what "
         "each counts, its unit and which direction is better</caption><thead><tr><th scope=\"col\">Measure</th><th "
         "scope=\"col\">Definition</th><th scope=\"col\">Unit</th><th scope=\"col\">Better</th></tr></thead><tbody>";
    for (const auto& m : measures) {
        h += "<tr><td data-title=\"Measure\"><a class=\"ds_link\" href=\"" + measure_href(m) + "\">" + text(m.title) +
             "</a></td><td data-title=\"Definition\">" + text(m.definition) + "</td><td data-title=\"Unit\">" +
             text(m.unit.empty() ? "-" : m.unit) + "</td><td data-title=\"Better\">" + text(better_words(m)) +
             "</td></tr>";
    }
    h += "</tbody></table></div>";
    return document(chrome, "Measures", h);
}

std::string measure_page(const Chrome& chrome, const MeasurePage& p) {
    const auto& m = *p.measure;
    Html h = error_summary(p.errors);
    h += "<p class=\"ds_leader\">" + text(m.definition) + ".</p><ul class=\"ds_summary-list\">";
    h += summary_row("Unit", text(m.unit.empty() ? "-" : m.unit));
    h += summary_row("Better", text(better_words(m)));
    h += summary_row("Children of", text(p.group));
    h += summary_row("As of", text(p.as_of.display()));
    h += "</ul>";
    h += filters_form(p);
    if (p.chart != nullptr) {
        const auto& c = *p.chart;
        h += "<h2>" + text(chart_name(app::to_string(c.chart))) + "</h2><figure class=\"waymark-chart\">" +
             trusted_svg(p.svg) + "</figure>";
        h += "<h2>What the chart says</h2>";
        if (p.findings.empty()) {
            h += "<p>Nothing to say: too few periods have a value.</p>";
        } else {
            h += "<ul>";
            for (const auto& f : p.findings) {
                h += "<li>";
                if (f.signal) h += "<strong class=\"ds_tag ds_tag--orange\">Signal</strong> ";
                h += text(f.text) + "</li>";
            }
            h += "</ul>";
        }
        h += "<h2>Tests of change</h2>";
        if (!p.tests_shown) {
            h += "<p>Only your own council's tests of change are shown, on its chart: choose it under Council.</p>";
        } else if (p.tests.empty()) {
            h += "<p>No test of change is linked to this measure.</p>";
        } else {
            h += "<p>Each test is marked on the chart where it began, when that is inside the periods shown.</p>";
            h += tests_table(p.tests);
        }
        h += "<h2>Data</h2>" + data_table(c);
        const std::string base = "/measures/" + path_segment(m.id);
        const std::string q = p.filters.query();
        h += "<h2>Download</h2><ul><li><a class=\"ds_link\" href=\"" + text(base + ".csv" + q) +
             "\" download>The data (CSV)</a></li><li><a class=\"ds_link\" href=\"" + text(base + ".xlsx" + q) +
             "\" download>The chart and data (Excel)</a></li><li><a class=\"ds_link\" href=\"" +
             text(base + ".png" + q) + "\" download>The chart (PNG picture)</a></li></ul>";
    }
    return document(chrome, m.title, h, {}, PageWidth::wide);
}

}  // namespace waymark::web::views
