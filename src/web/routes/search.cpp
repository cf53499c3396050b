// Finding a child (issue 13, item 2): GET /search?q=, the header's search form. The query is
// never written to a log (the access log names the route's pattern only) nor to the audit log.
#include "app/search.hpp"
#include "web/routes/respond.hpp"
#include "web/routes/routes.hpp"
#include "web/views/search.hpp"

namespace waymark::web {

namespace {

Response get_search(const Request& req, AppContext& ctx, const Params&) {
    auto gate = named_children_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    const auto& user = gate.who->user;
    views::SearchPage page;
    const auto q = req.query_param("q");
    page.searched = q.has_value() && !app::search_words(*q).empty();
    page.result = app::search_children(ctx.store, ctx.standards, user, q.value_or(""), ctx.today,
                                       {user.name, iso_utc(ctx.now), "web " + req.client}, ctx.status_cache);
    if (page.result.exact) {
        return redirect("/children/" + path_segment(user.local_authority) + "/" + path_segment(*page.result.exact));
    }
    if (!page.result.shown.empty()) page.staff = ctx.store.caseload().council_users(user.local_authority);
    return html(page.result.problem ? 400 : 200, views::search_page(chrome_of(*gate.who), page));
}

}  // namespace

void add_search_routes(Router& r) {
    r.add("GET", "/search", get_search);
}

}  // namespace waymark::web
