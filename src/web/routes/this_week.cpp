// "Due this week" (issue 13, item 3): the page, its CSV and its calendar file. Who sees which
// child is app/access.hpp's decision (through app::caseload); the page and the CSV show names,
// so each is one audited view of the children listed; the calendar file has case references only.
#include "app/this_week.hpp"
#include "app/caseload_report.hpp"
#include "web/routes/respond.hpp"
#include "web/routes/routes.hpp"
#include "web/views/this_week.hpp"

#include <initializer_list>
#include <utility>

namespace waymark::web {

namespace {

enum class WeekFormat : std::uint8_t { page, csv, ics };

Response week(const Request& req, AppContext& ctx, WeekFormat format) {
    auto gate = named_children_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    const auto& user = gate.who->user;
    views::WeekPage page{user, {}, {}, app::scopes_of(user), {}, {}, {}};
    const app::ParamLookup get = [&req](std::string_view name) { return req.query_param(name); };
    if (const auto problem = app::read_week_query(get, user, ctx.today, page.query)) {
        return error_response(gate.who, 400, problem->message);
    }
    page.week = app::this_week(ctx.store, ctx.standards, user, page.query, ctx.today, ctx.status_cache);
    const app::Viewer viewer{user.name, iso_utc(ctx.now), "web " + req.client};
    Response r;
    if (format == WeekFormat::ics) {
        r.body = app::this_week_ics(page.week, ctx.now);
        r.set("Content-Type", "text/calendar; charset=utf-8");
        r.set("Content-Disposition", "attachment; filename=\"due-" + page.week.from.iso() + ".ics\"");
        return r;
    }
    if (format == WeekFormat::csv) {
        const auto names = app::week_names(ctx.store, page.week, viewer, "download_this_week");
        r.body = app::this_week_csv(page.week, names);
        r.set("Content-Type", "text/csv; charset=utf-8");
        r.set("Content-Disposition", "attachment; filename=\"due-" + page.week.from.iso() + ".csv\"");
        return r;
    }
    page.names = app::week_names(ctx.store, page.week, viewer, "view_this_week");
    page.staff = ctx.store.caseload().council_users(user.local_authority);
    if (user.role == app::Role::team_manager) {
        for (const auto& u : page.staff) {
            if (u.role == app::Role::social_worker || u.role == app::Role::team_manager) page.workers.push_back(u.name);
        }
    }
    return html(200, views::this_week_page(chrome_of(*gate.who), page));
}

}  // namespace

void add_this_week_routes(Router& r) {
    // The week as a page, as CSV and as a calendar: one handler, three formats.
    for (const auto& [path, format] :
         {std::pair{"/this-week", WeekFormat::page}, std::pair{"/this-week.csv", WeekFormat::csv},
          std::pair{"/this-week.ics", WeekFormat::ics}}) {
        r.add("GET", path,
              [f = format](const Request& req, AppContext& ctx, const Params&) { return week(req, ctx, f); });
    }
}

}  // namespace waymark::web
