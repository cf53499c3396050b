// The children pages: the list, a child's page, and the child's timeline as a PDF.
#include "app/journeys.hpp"
#include "app/reports.hpp"
#include "render/cairo/cairo.hpp"
#include "render/svg.hpp"
#include "render/timeline.hpp"
#include "web/routes/respond.hpp"
#include "web/routes/routes.hpp"

#include <algorithm>

namespace waymark::web {

namespace {

Response get_children(const Request& req, AppContext& ctx, const Params&) {
    auto gate = named_children_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    const auto& user = gate.who->user;
    const auto rows = status_rows(ctx, {ctx.today, user.local_authority, std::nullopt});
    return html(200, views::children_page(chrome_of(*gate.who), *rows, ctx.today));
}

// The one-page timeline of a child the user may see, after its view is audited.
render::Scene timeline_of(AppContext& ctx, const std::string& council, const std::string& child_id,
                          const app::Viewer& viewer) {
    const auto records =
        app::journeys_for_view(ctx.store, {council, child_id, true, {}}, ctx.today, viewer, "view_timeline");
    render::TimelineOptions options;
    options.generated = ctx.today;
    return render::timeline_scene(records.front().child, records.front().events, ctx.today, ctx.standards.vocabulary,
                                  ctx.standards.standards, options, render::builtin_metrics());
}

Response get_child(const Request& req, AppContext& ctx, const Params& params) {
    auto c = child_request(req, ctx, params);
    if (c.gate.refusal) return std::move(*c.gate.refusal);
    const auto chronology = app::chronology(ctx.store, ctx.standards, c.child_id, c.council, ctx.today, *c.viewer);
    std::string svg = render::to_svg(timeline_of(ctx, c.council, c.child_id, *c.viewer), {false, "timeline-"});
    return html(200, views::child_page(chrome_of(*c.gate.who), chronology, std::move(svg)));
}

// The timeline as a one-page PDF to print or attach to court papers.
Response get_child_timeline_pdf(const Request& req, AppContext& ctx, const Params& params) {
    auto c = child_request(req, ctx, params);
    if (c.gate.refusal) return std::move(*c.gate.refusal);
    const std::string& council = c.council;
    const std::string& child_id = c.child_id;
    Response r;
    r.body = render::to_pdf(timeline_of(ctx, council, child_id, *c.viewer));
    r.set("Content-Type", "application/pdf");
    // The case reference is letters, digits and - _ . / (DATA.md); '/' cannot go in a file name.
    std::string name = "timeline-" + council + "-" + child_id + ".pdf";
    std::replace(name.begin(), name.end(), '/', '_');
    r.set("Content-Disposition", "attachment; filename=\"" + name + "\"");
    return r;
}

}  // namespace

void add_children_routes(Router& r) {
    r.add("GET", "/children", get_children);
    r.add("GET", "/children/{council}/{child_id}", get_child);
    r.add("GET", "/children/{council}/{child_id}/timeline.pdf", get_child_timeline_pdf);
}

}  // namespace waymark::web
