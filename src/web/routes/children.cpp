// The children pages: a child's page, the child's timeline as a PDF, and the whole chronology as
// CSV and PDF.
#include "app/access.hpp"
#include "app/chronology_export.hpp"
#include "app/journeys.hpp"
#include "app/reports.hpp"
#include "core/council.hpp"
#include "render/cairo/cairo.hpp"
#include "render/chronology_document.hpp"
#include "render/svg.hpp"
#include "render/timeline.hpp"
#include "web/routes/events.hpp"
#include "web/routes/respond.hpp"
#include "web/routes/routes.hpp"
#include "web/views/caseload.hpp"

#include <algorithm>

namespace waymark::web {

namespace {

// A download's file name: the case reference is letters, digits and - _ . / (DATA.md); '/'
// cannot go in a file name.
std::string download_name(const std::string& what, const std::string& council, const std::string& child_id,
                          const std::string& extension) {
    std::string name = what + "-" + council + "-" + child_id + "." + extension;
    std::replace(name.begin(), name.end(), '/', '_');
    return name;
}

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
    // Staff by the names people know them by (app::staff_label), as in the lists of children.
    const auto staff = ctx.store.caseload().council_users(c.council);
    const auto label = [&staff](const std::string& n) { return n.empty() ? n : views::staff_label(n, staff); };
    const views::ChildAllocation allocation{label(a.worker), c.row->team, label(a.reviewing_officer), label(a.legal),
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
    const auto records = app::journeys_for_view(ctx.store, ctx.store, {c.council, c.child_id, true, {}}, ctx.today,
                                                *c.viewer, "view_timeline");
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
    const auto records = app::journeys_for_view(ctx.store, ctx.store, {council, child_id, true, {}}, ctx.today,
                                                *c.viewer, "view_timeline");
    r.body = render::to_pdf(timeline_scene(ctx, records.front().child, records.front().events));
    r.set("Content-Type", "application/pdf");
    r.set("Content-Disposition",
          "attachment; filename=\"" + download_name("timeline", council, child_id, "pdf") + "\"");
    return r;
}

// The chronology as an A4 PDF document's text: the summary line, then every event in words.
render::ChronologyDocument chronology_document(const app::Chronology& chronology, const core::Vocabulary& vocabulary,
                                               core::Date today) {
    render::ChronologyDocument doc;
    const auto& child = chronology.child;
    std::string name = child.given_name;
    if (!child.family_name.empty()) name += (name.empty() ? "" : " ") + child.family_name;
    const std::string reference = child.local_authority + " " + child.child_id;
    doc.heading = "Chronology of " + (name.empty() ? reference : name + " (" + reference + ")");
    doc.summary = "Case reference " + child.child_id + ", " + std::string(core::council_words(child.local_authority));
    if (!name.empty()) doc.summary += ". " + name;
    if (child.date_of_birth) {
        doc.summary += ", born " + child.date_of_birth->long_display();
    } else if (child.expected_birth_date) {
        doc.summary += ", expected " + child.expected_birth_date->long_display();
    }
    const auto& s = chronology.status;
    doc.summary += ". Stage: " + app::code_in_words(core::to_string(s.stage));
    if (s.stage_since) doc.summary += " since " + s.stage_since->long_display();
    doc.summary += ". As of " + chronology.as_of.long_display() + ".";
    doc.made = "Made " + today.long_display();
    doc.created = today.iso();
    for (auto& row : app::chronology_in_words(chronology, vocabulary)) {
        std::string text = row.details;
        if (!row.note.empty()) text += (text.empty() ? "" : ". ") + row.note;
        doc.rows.push_back({std::move(row.date), std::move(row.event), std::move(row.source), std::move(text)});
    }
    return doc;
}

enum class Download { csv, pdf };

// The whole chronology as CSV in words (app::chronology_csv, the command line's writer) or as an
// A4 PDF of as many pages as it takes (render/chronology_document). The file leaves Waymark:
// the view is audited ("downloaded as CSV", "downloaded as PDF").
Response chronology_download(const Request& req, AppContext& ctx, const Params& params, Download as) {
    auto c = child_request(req, ctx, params);
    if (c.gate.refusal) return std::move(*c.gate.refusal);
    const bool csv = as == Download::csv;
    const auto chronology = app::chronology(ctx.store, ctx.standards, c.child_id, c.council, ctx.today, *c.viewer,
                                            csv ? "downloaded as CSV" : "downloaded as PDF");
    Response r;
    if (csv) {
        r.body = app::chronology_csv(chronology, ctx.standards.vocabulary, app::ChronologyCsvStyle::words);
        r.set("Content-Type", "text/csv; charset=utf-8");
    } else {
        r.body = render::to_pdf(render::chronology_pages(
            chronology_document(chronology, ctx.standards.vocabulary, ctx.today), render::pango_metrics()));
        r.set("Content-Type", "application/pdf");
    }
    r.set("Content-Disposition",
          "attachment; filename=\"" + download_name("chronology", c.council, c.child_id, csv ? "csv" : "pdf") + "\"");
    return r;
}

Response get_child_chronology_csv(const Request& req, AppContext& ctx, const Params& params) {
    return chronology_download(req, ctx, params, Download::csv);
}

Response get_child_chronology_pdf(const Request& req, AppContext& ctx, const Params& params) {
    return chronology_download(req, ctx, params, Download::pdf);
}

}  // namespace

void add_children_routes(Router& r) {
    r.add("GET", "/children/{council}/{child_id}", get_child);
    r.add("GET", "/children/{council}/{child_id}/timeline", get_child_timeline);
    r.add("GET", "/children/{council}/{child_id}/timeline.pdf", get_child_timeline_pdf);
    r.add("GET", "/children/{council}/{child_id}/chronology.csv", get_child_chronology_csv);
    r.add("GET", "/children/{council}/{child_id}/chronology.pdf", get_child_chronology_pdf);
}

}  // namespace waymark::web
