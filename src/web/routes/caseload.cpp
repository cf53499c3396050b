// "My children", the drift dashboard and reallocation (issue 5). Who may see which child is
// decided by app/access.hpp; these routes only ask it.
#include "app/caseload.hpp"
#include "app/access.hpp"
#include "app/caseload_report.hpp"
#include "core/error.hpp"
#include "web/routes/respond.hpp"
#include "web/routes/routes.hpp"
#include "web/routes/session.hpp"
#include "web/views/caseload.hpp"

#include <charconv>

namespace waymark::web {

namespace {

app::ParamLookup query_of(const Request& req) {
    return [&req](std::string_view name) { return req.query_param(name); };
}

views::CaseloadChoices choices_of(AppContext& ctx, const app::User& user) {
    views::CaseloadChoices c{app::scopes_of(user), {}, {}, &ctx.standards.standards};
    if (user.role != app::Role::team_manager) return c;
    for (const auto& u : ctx.store.caseload().council_users(user.local_authority)) {
        if (u.role == app::Role::social_worker || u.role == app::Role::team_manager) c.workers.push_back(u.name);
    }
    for (const auto& t : ctx.store.caseload().teams(user.local_authority)) c.teams.push_back(t.name);
    return c;
}

Response get_children(const Request& req, AppContext& ctx, const Params&) {
    auto gate = named_children_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    const auto& user = gate.who->user;
    views::CaseloadPage page{user, {}, {}, choices_of(ctx, user), std::nullopt, {}};
    page.query.as_of = ctx.today;
    page.problem = app::read_caseload_query(query_of(req), user, ctx.standards, page.query);
    if (page.problem) {
        // The page again with no filter, and the problem at the top.
        page.query = {};
        page.query.as_of = ctx.today;
        page.query.scope = page.choices.scopes.front();
    }
    page.rows = app::caseload(ctx.store, ctx.standards, user, page.query, ctx.status_cache);
    if (const auto n = req.query_param("page"); n && !page.problem) {
        std::size_t wanted = 0;
        const auto [end, ec] = std::from_chars(n->data(), n->data() + n->size(), wanted);
        if (ec != std::errc() || end != n->data() + n->size() || wanted < 1 ||
            wanted > views::page_count(page.rows.size())) {
            page.problem = app::QueryProblem{
                "page", "page must be a page of the list, 1 to " + std::to_string(views::page_count(page.rows.size()))};
        } else {
            page.page = wanted;
        }
    }
    if (page.query.scope == app::CaseloadScope::mine) {
        // Only the names shown on this page are read, and audited.
        const std::span<const app::CaseloadRow> all(page.rows.rows);
        const std::size_t first = (page.page - 1) * views::kRowsPerPage;
        page.names =
            app::caseload_names(ctx.store, all.subspan(first, std::min(views::kRowsPerPage, all.size() - first)),
                                {user.name, iso_utc(ctx.now), "web " + req.client}, ctx.today);
    }
    return html(page.problem ? 400 : 200, views::caseload_page(chrome_of(*gate.who), page));
}

Response get_dashboard(const Request& req, AppContext& ctx, const Params&) {
    auto gate = named_children_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    const auto& user = gate.who->user;
    views::DashboardPage page{user, {}, {}, app::scopes_of(user)};
    page.query.as_of = ctx.today;
    if (const auto problem = app::read_caseload_query(query_of(req), user, ctx.standards, page.query)) {
        return error_response(gate.who, 400, problem->field + ": " + problem->message);
    }
    page.dashboard = app::dashboard(ctx.store, ctx.standards, user, page.query, ctx.status_cache);
    return html(200, views::dashboard_page(chrome_of(*gate.who), page));
}

// A child a team manager may reallocate: else the refusal (404 when they may not see it, 403
// when they see it but do not manage allocations).
struct Reallocation {
    ChildRequest child;
    std::optional<Response> refusal;
};
Reallocation reallocation(const Request& req, AppContext& ctx, const Params& params) {
    Reallocation r{child_request(req, ctx, params), std::nullopt};
    if (r.child.gate.refusal) {
        r.refusal = std::move(r.child.gate.refusal);
    } else if (r.child.gate.who->user.role != app::Role::team_manager) {
        r.refusal = error_response(r.child.gate.who, 403, "Only a team manager reallocates children.");
    }
    return r;
}

views::AllocationForm form_of(AppContext& ctx, const std::string& council, const std::string& child_id) {
    views::AllocationForm f{council, child_id,    ctx.store.caseload().allocation(council, child_id), {}, {}, {},
                            {},      std::nullopt};
    f.values.local_authority = council;
    f.values.child_id = child_id;
    if (f.current) {
        f.values.worker = f.current->worker;
        f.values.reviewing_officer = f.current->reviewing_officer;
        f.values.legal = f.current->legal;
    }
    for (const auto& u : ctx.store.caseload().council_users(council)) {
        if (u.role == app::Role::social_worker || u.role == app::Role::team_manager) f.workers.push_back(u.name);
        if (u.role == app::Role::reviewing_officer) f.reviewing_officers.push_back(u.name);
        if (u.role == app::Role::legal) f.legal.push_back(u.name);
    }
    return f;
}

Response get_allocation(const Request& req, AppContext& ctx, const Params& params) {
    auto r = reallocation(req, ctx, params);
    if (r.refusal) return std::move(*r.refusal);
    return html(200,
                views::allocation_page(chrome_of(*r.child.gate.who), form_of(ctx, r.child.council, r.child.child_id)));
}

Response post_allocation(const Request& req, AppContext& ctx, const Params& params) {
    auto r = reallocation(req, ctx, params);
    if (r.refusal) return std::move(*r.refusal);
    const auto& who = *r.child.gate.who;
    if (!csrf_ok(req, who)) {
        return error_response(r.child.gate.who, 403, "The form had expired. Reload the page and try again.");
    }
    const Fields sent = req.form();
    auto form = form_of(ctx, r.child.council, r.child.child_id);
    form.values.worker = find_field(sent, "worker").value_or("");
    form.values.reviewing_officer = find_field(sent, "reviewing_officer").value_or("");
    form.values.legal = find_field(sent, "legal").value_or("");
    form.problem = app::AllocationRules(ctx.store, r.child.council).check(form.values);
    if (form.problem) return html(400, views::allocation_page(chrome_of(who), form));
    app::allocate(ctx.store, std::span<const app::AllocationRequest>(&form.values, 1), *r.child.viewer);
    return redirect("/children?scope=council");
}

}  // namespace

void add_caseload_routes(Router& r) {
    r.add("GET", "/children", get_children);
    r.add("GET", "/dashboard", get_dashboard);
    r.add("GET", "/children/{council}/{child_id}/allocation", get_allocation);
    r.add("POST", "/children/{council}/{child_id}/allocation", post_allocation);
}

}  // namespace waymark::web
