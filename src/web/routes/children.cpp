// The children pages: a child's page and the child's timeline as a PDF.
#include "app/access.hpp"
#include "app/journeys.hpp"
#include "app/reports.hpp"
#include "render/cairo/cairo.hpp"
#include "render/svg.hpp"
#include "render/timeline.hpp"
#include "web/routes/events.hpp"
#include "web/routes/respond.hpp"
#include "web/routes/routes.hpp"

#include <algorithm>

namespace waymark::web {

namespace {

render::Scene timeline_scene(AppContext& ctx, const core::ChildRecord& child, std::span<const core::Event> events) {
    render::TimelineOptions options;
    options.generated = ctx.today;
    return render::timeline_scene(child, events, ctx.today, ctx.standards.vocabulary, ctx.standards.standards, options,
                                  render::builtin_metrics());
}

// The child's page: one read of the journey, one audit entry (view_chronology) for all the
// page shows, the inline timeline included.
Response get_child(const Request& req, AppContext& ctx, const Params& params) {
    auto c = child_request(req, ctx, params);
    if (c.gate.refusal) return std::move(*c.gate.refusal);
    const auto chronology = app::chronology(ctx.store, ctx.standards, c.child_id, c.council, ctx.today, *c.viewer);
    std::string svg =
        render::to_svg(timeline_scene(ctx, chronology.child, chronology.events), {false, "timeline-", true});
    const auto& a = c.row->allocation;
    const views::ChildAllocation allocation{a.worker, c.row->team, a.reviewing_officer, a.legal,
                                            c.gate.who->user.role == app::Role::team_manager};
    const auto options = chronology_options(req, ctx, *c.gate.who, chronology);
    // The other children of the sibling group whom this user may see (case references only).
    std::vector<std::string> siblings;
    for (auto& id : ctx.store.sibling_ids(c.council, chronology.child.sibling_group)) {
        if (id != c.child_id &&
            app::visible_child(ctx.store, ctx.standards, c.gate.who->user, c.council, id, ctx.today)) {
            siblings.push_back(std::move(id));
        }
    }
    return html(200,
                views::child_page(chrome_of(*c.gate.who), chronology, std::move(svg), &options, allocation, siblings));
}

// The timeline at its full width, on a page of its own (a phone shows the child page's as a
// thumbnail). Audited as the PDF is (view_timeline).
Response get_child_timeline(const Request& req, AppContext& ctx, const Params& params) {
    auto c = child_request(req, ctx, params);
    if (c.gate.refusal) return std::move(*c.gate.refusal);
    const auto records =
        app::journeys_for_view(ctx.store, {c.council, c.child_id, true, {}}, ctx.today, *c.viewer, "view_timeline");
    std::string svg =
        render::to_svg(timeline_scene(ctx, records.front().child, records.front().events), {false, "timeline-", false});
    return html(200, views::timeline_page(chrome_of(*c.gate.who), c.council, c.child_id, std::move(svg)));
}

// The timeline as a one-page PDF to print or attach to court papers.
Response get_child_timeline_pdf(const Request& req, AppContext& ctx, const Params& params) {
    auto c = child_request(req, ctx, params);
    if (c.gate.refusal) return std::move(*c.gate.refusal);
    const std::string& council = c.council;
    const std::string& child_id = c.child_id;
    Response r;
    // The PDF can leave Waymark: its own audit entry (view_timeline).
    const auto records =
        app::journeys_for_view(ctx.store, {council, child_id, true, {}}, ctx.today, *c.viewer, "view_timeline");
    r.body = render::to_pdf(timeline_scene(ctx, records.front().child, records.front().events));
    r.set("Content-Type", "application/pdf");
    // The case reference is letters, digits and - _ . / (DATA.md); '/' cannot go in a file name.
    std::string name = "timeline-" + council + "-" + child_id + ".pdf";
    std::replace(name.begin(), name.end(), '/', '_');
    r.set("Content-Disposition", "attachment; filename=\"" + name + "\"");
    return r;
}

}  // namespace

void add_children_routes(Router& r) {
    r.add("GET", "/children/{council}/{child_id}", get_child);
    r.add("GET", "/children/{council}/{child_id}/timeline", get_child_timeline);
    r.add("GET", "/children/{council}/{child_id}/timeline.pdf", get_child_timeline_pdf);
}

}  // namespace waymark::web
