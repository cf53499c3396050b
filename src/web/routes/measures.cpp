// The measures pages: the catalogue, one measure's chart (what `waymark chart` draws, through the
// same app::measure_chart), and its downloads as CSV, Excel and PNG. Every signed-in role sees
// them: they are aggregates, with the counts that could identify a child suppressed, and never name a child.
#include "web/views/measures.hpp"
#include "app/improvement_roles.hpp"
#include "app/measure_chart.hpp"
#include "core/error.hpp"
#include "render/cairo/cairo.hpp"
#include "render/chart.hpp"
#include "render/style.hpp"
#include "render/svg.hpp"
#include "render/xlsx/xlsx.hpp"
#include "web/routes/respond.hpp"
#include "web/routes/routes.hpp"

#include <algorithm>

namespace waymark::web {

namespace {

using views::FieldError;

// The longest range a page draws: ten years of months.
constexpr int kMaxMonths = 120;

std::string month_of(core::Date d) {
    return d.iso().substr(0, 7);
}

// "2025-04" (a month input) or "2025-04-17": the first day of the month, or the day.
std::optional<core::Date> parse_month(const std::string& text) {
    if (text.size() == 7) return core::Date::try_parse(text + "-01");
    return core::Date::try_parse(text);
}

// What a measure's page or download asks for, checked: the query for app::measure_chart, or the
// problems with the filters.
struct MeasureRequest {
    views::MeasureFilters filters;
    app::MeasureChartQuery query;
    std::vector<FieldError> errors;
    std::vector<std::string> councils;  // national analysts' choice
    std::vector<std::string> teams;     // everyone else's: the teams of their council
};

MeasureRequest read_filters(const Request& req, AppContext& ctx, const app::User& user, const core::Measure& m) {
    MeasureRequest r;
    auto& f = r.filters;
    auto& q = r.query;
    q.measure = &m;
    q.as_of = ctx.today;
    q.viewer_council = user.local_authority;
    q.stop = ctx.stop;
    f.to = req.query_param("to").value_or(month_of(ctx.today));
    const auto to = parse_month(f.to);
    if (!to) r.errors.push_back({"to", "Enter the last month as a year and month, for example 2025-04"});
    q.to = to.value_or(ctx.today);
    f.from = req.query_param("from").value_or(month_of(q.to - core::Months{23}));
    const auto from = parse_month(f.from);
    if (!from) r.errors.push_back({"from", "Enter the first month as a year and month, for example 2024-05"});
    q.from = from.value_or(q.to - core::Months{23});
    if (from && to && *to < *from) r.errors.push_back({"to", "The last month must be the same as or after the first"});
    if (from && to && !(*to < *from) && *from + core::Months{kMaxMonths} <= *to) {
        r.errors.push_back({"from", "Choose at most ten years"});
    }
    f.period = req.query_param("period").value_or("month");
    if (f.period != "month" && f.period != "quarter") r.errors.push_back({"period", "Choose months or quarters"});
    q.length = f.period == "quarter" ? core::PeriodLength::quarter : core::PeriodLength::month;
    if (r.errors.empty() && !app::last_complete_day(q.from, q.to, q.length, q.as_of)) {
        r.errors.push_back({"from", std::string("No ") + (f.period == "quarter" ? "quarter" : "month") +
                                        " of this range has ended yet: a chart shows only periods that are over"});
    }
    const auto choices = app::chart_choices(m);
    f.chart = req.query_param("chart").value_or(choices.front());
    const auto kind = app::try_parse_chart_kind(f.chart);
    if (!kind || std::find(choices.begin(), choices.end(), f.chart) == choices.end()) {
        r.errors.push_back({"chart", "Choose one of the charts offered for this measure"});
    }
    q.chart = kind.value_or(app::ChartKind{});
    f.series = req.query_param("series").value_or("");
    q.series = f.series;
    if (app::sees_every_council(user.role)) {
        r.councils = app::councils_in(ctx.store);
        f.council = req.query_param("council").value_or("");
        if (!f.council.empty() && std::find(r.councils.begin(), r.councils.end(), f.council) == r.councils.end()) {
            r.errors.push_back({"council", "Choose a council from the list, or every council together"});
        }
        if (!f.council.empty()) q.local_authority = f.council;
    } else {
        // A council's own users may narrow it to one of its teams; national analysts see councils only.
        q.local_authority = user.local_authority;
        for (auto& t : ctx.store.caseload().teams(user.local_authority)) r.teams.push_back(std::move(t.name));
        f.team = req.query_param("team").value_or("");
        if (!f.team.empty() && std::find(r.teams.begin(), r.teams.end(), f.team) == r.teams.end()) {
            r.errors.push_back({"team", "Choose a team from the list, or all the council"});
        }
        if (!f.team.empty()) q.team = f.team;
    }
    return r;
}

// The measure the path names ("in-drift", or "in-drift.csv" with `extension` "csv").
const core::Measure* measure_of(AppContext& ctx, const Params& params, std::string& extension) {
    std::string id(find_field(params, "id").value_or(""));
    if (const auto dot = id.rfind('.'); dot != std::string::npos) {
        extension = id.substr(dot + 1);
        id.resize(dot);
    }
    return ctx.measures == nullptr ? nullptr : ctx.measures->find(id);
}

// The chart drawn: its scene (for SVG and PNG), what it says, and the workbook when asked.
struct Drawn {
    render::Scene scene;
    std::vector<render::Finding> findings;
    std::string workbook;
};

Drawn draw(const app::MeasureChart& c, core::Date today, bool workbook) {
    render::ChartLabels labels;
    labels.title = c.title;
    labels.definition = c.definition;
    labels.y_label = c.y_label;
    labels.x_is_date = true;
    labels.source = "Data: " + c.input_name + " \u00b7 drawn by Waymark on " + render::long_date(today);
    labels.created = today.iso();
    labels.not_analysed = c.not_analysed;
    const std::vector<render::ChartAnnotation> marks = c.marks();
    const render::TextMeasurer& metrics = render::builtin_metrics();
    Drawn d;
    const app::ChartResult r = app::chart_result(c);
    if (r.mdc) {
        d.findings = render::mdc_findings(*r.mdc, labels);
        d.scene = render::mdc_chart_scene(*r.mdc, labels, marks, metrics);
        if (workbook) d.workbook = render::mdc_workbook(*r.mdc, labels, marks);
    } else {
        d.findings = render::spc_findings(*r.chart, r.findings, labels);
        d.scene = render::spc_chart_scene(*r.chart, r.findings, labels, marks, metrics);
        if (workbook) d.workbook = render::spc_workbook(*r.chart, r.findings, labels, marks);
    }
    return d;
}

// measure_chart, with an unknown series as a problem with the series field.
std::optional<app::MeasureChart> chart_of(AppContext& ctx, MeasureRequest& r) {
    try {
        return app::measure_chart(ctx.store, ctx.standards, r.query, ctx.status_cache);
    } catch (const core::Error& e) {
        if (e.kind() != core::ErrorKind::usage || r.query.series.empty()) throw;
        r.errors.push_back({"series", "This measure has no series '" + r.query.series + "'"});
        return std::nullopt;
    }
}

Response get_measures(const Request& req, AppContext& ctx, const Params&) {
    auto gate = signed_in_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    static const std::vector<core::Measure> none;
    return html(200, views::measures_page(chrome_of(*gate.who), ctx.measures ? ctx.measures->measures : none));
}

// A team's name as part of a file name: lower-case letters and digits, the rest as single hyphens.
std::string file_name_part(std::string_view name) {
    std::string out;
    for (const char c : name) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            out += c;
        } else if (c >= 'A' && c <= 'Z') {
            out += static_cast<char>(c - 'A' + 'a');
        } else if (!out.empty() && out.back() != '-') {
            out += '-';
        }
    }
    if (!out.empty() && out.back() == '-') out.pop_back();
    return out.empty() ? "team" : out;
}

Response download(const app::MeasureChart& c, const std::string& extension, core::Date today,
                  const std::string& group) {
    Response r;
    if (extension == "csv") {
        r.body = app::measure_report_csv(c.report);
        r.set("Content-Type", "text/csv; charset=utf-8");
    } else if (extension == "xlsx") {
        r.body = draw(c, today, true).workbook;
        r.set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    } else {
        r.body = render::to_png(draw(c, today, false).scene);
        r.set("Content-Type", "image/png");
    }
    // Measure ids and council codes are letters, digits and hyphens: safe in a file name.
    r.set("Content-Disposition",
          "attachment; filename=\"measure-" + c.series().measure->id + "-" + group + "." + extension + "\"");
    return r;
}

Response get_measure(const Request& req, AppContext& ctx, const Params& params) {
    auto gate = signed_in_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    std::string extension;
    const core::Measure* m = measure_of(ctx, params, extension);
    if (m == nullptr || (!extension.empty() && extension != "csv" && extension != "xlsx" && extension != "png")) {
        return error_response(gate.who, 404, "There is no such measure. The Measures page lists them all.");
    }
    MeasureRequest r = read_filters(req, ctx, gate.who->user, *m);
    std::optional<app::MeasureChart> chart;
    if (r.errors.empty()) chart = chart_of(ctx, r);
    std::string group = r.query.local_authority.value_or("all");
    if (r.query.team) group += "-" + file_name_part(*r.query.team);
    if (!extension.empty()) {
        if (!r.errors.empty()) return error_response(gate.who, 400, r.errors.front().message + ".");
        return download(*chart, extension, ctx.today, group);
    }
    views::MeasurePage page;
    page.measure = m;
    page.filters = r.filters;
    page.chart_choices = app::chart_choices(*m);
    page.councils = r.councils;
    page.teams = r.teams;
    page.group = r.query.local_authority.value_or("every council together");
    if (r.query.team) page.group = *r.query.team + ", " + page.group;
    page.errors = r.errors;
    page.as_of = ctx.today;
    if (chart) {
        for (const auto& s : chart->report.series) {
            if (!s.series.empty()) page.series_choices.push_back(s.series);
        }
        const Drawn d = draw(*chart, ctx.today, false);
        page.svg = render::to_svg(d.scene, {false, "chart-", true});
        page.findings = d.findings;
        page.chart = &*chart;
        page.tests_shown = app::tests_of_change_shown(r.query);
        if (page.tests_shown) {
            page.tests = ctx.store.tests_of_change().find_tests({r.query.local_authority, std::nullopt, m->id});
        }
    }
    return html(r.errors.empty() ? 200 : 400, views::measure_page(chrome_of(*gate.who), page));
}

}  // namespace

void add_measures_routes(Router& r) {
    r.add("GET", "/measures", get_measures);
    r.add("GET", "/measures/{id}", get_measure);  // also {id}.csv, {id}.xlsx and {id}.png
}

}  // namespace waymark::web
