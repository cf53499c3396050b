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
#include <set>

namespace waymark::web {

namespace {

app::ParamLookup query_of(const Request& req) {
    return [&req](std::string_view name) { return req.query_param(name); };
}

bool is_worker(const app::User& u) {
    return u.role == app::Role::social_worker || u.role == app::Role::team_manager;
}

views::CaseloadChoices choices_of(AppContext& ctx, const app::User& user) {
    views::CaseloadChoices c{app::scopes_of(user), {}, {}, &ctx.standards.standards, {}};
    c.staff = ctx.store.caseload().council_users(user.local_authority);
    if (user.role != app::Role::team_manager) return c;
    for (const auto& u : c.staff) {
        if (is_worker(u)) c.workers.push_back(u);
    }
    for (const auto& t : ctx.store.caseload().teams(user.local_authority)) c.teams.push_back(t.name);
    return c;
}

// Where a form returns to after a change: only a path of this site's list of children (or a
// child's page), never another site. Nothing when `sent` is not one: an absolute or
// scheme-relative address ("//elsewhere"), a backslash, a control character or a space, or
// anything not under /children.
std::optional<std::string> safe_return(std::string_view sent) {
    constexpr std::size_t kMaxLength = 2000;
    if (sent.size() > kMaxLength || !sent.starts_with("/children")) return std::nullopt;
    const auto rest = sent.substr(std::string_view("/children").size());
    if (!rest.empty() && rest.front() != '?' && rest.front() != '/') return std::nullopt;
    if (rest.starts_with("//")) return std::nullopt;
    for (const char c : sent) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7f || c == '\\' || u >= 0x80) return std::nullopt;
    }
    return std::string(sent);
}

// The banner's message travels in the address of the list after a move, with a keyed hash
// under the session's secret CSRF token: the list shows it only when the hash is right, so a
// link made elsewhere cannot put words in the banner.
std::string with_banner(const std::string& back, const std::string& message, const app::SignedIn& who) {
    std::string to = back;
    to += back.find('?') == std::string::npos ? '?' : '&';
    return to + "moved=" + path_segment(message) + "&moved_check=" + app::keyed_hash(who.csrf, "moved:" + message);
}

std::string banner_of(const Request& req, const app::SignedIn& who) {
    const auto message = req.query_param("moved");
    const auto check = req.query_param("moved_check");
    if (!message || !check || message->empty() || who.csrf.empty()) return {};
    return app::equal_secrets(*check, app::keyed_hash(who.csrf, "moved:" + *message)) ? *message : std::string{};
}

// "C000123 moved from A. Worker to B. Worker." for each child (at most ten named; more are counted).
std::string moved_words(const std::vector<views::MoveChild>& moved, const std::string& to,
                        const std::vector<app::User>& staff) {
    constexpr std::size_t kNamed = 10;
    const std::string label = views::staff_label(to, staff);
    if (moved.size() > kNamed) return std::to_string(moved.size()) + " children moved to " + label + ".";
    std::string out;
    for (const auto& c : moved) {
        if (!out.empty()) out += " ";
        if (c.worker == to) {
            out += c.child_id + " stays with " + label + ".";
        } else {
            out += c.child_id + " moved from " +
                   (c.worker.empty() ? std::string("no one") : views::staff_label(c.worker, staff)) + " to " + label +
                   ".";
        }
    }
    return out;
}

Response get_children(const Request& req, AppContext& ctx, const Params&) {
    auto gate = named_children_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    const auto& user = gate.who->user;
    views::CaseloadPage page{user, {}, {}, choices_of(ctx, user), std::nullopt, {}, 1, {}, banner_of(req, *gate.who)};
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
    if (user.role == app::Role::team_manager && !user.team.empty()) {
        // The team's workers and their caseloads, over the whole team whatever the filters.
        app::CaseloadQuery team;
        team.as_of = ctx.today;
        team.scope = app::CaseloadScope::team;
        const auto rows = page.query.scope == app::CaseloadScope::team && page.rows.size() > 0 && !page.query.stage &&
                                  !page.query.overdue_only && !page.query.overdue_standard && !page.query.due_within &&
                                  !page.query.long_at_home && !page.query.lapsed_within && !page.query.worker &&
                                  !page.query.team
                              ? page.rows
                              : app::caseload(ctx.store, ctx.standards, user, team, ctx.status_cache);
        for (auto& w : app::worker_counts(rows, page.choices.staff, user.team)) page.workers.push_back(std::move(w));
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
    views::AllocationForm f{
        council, child_id,    ctx.store.caseload().allocation(council, child_id), {}, {}, {}, {}, {}, {},
        {},      std::nullopt};
    f.values.local_authority = council;
    f.values.child_id = child_id;
    if (f.current) {
        f.values.worker = f.current->worker;
        f.values.reviewing_officer = f.current->reviewing_officer;
        f.values.legal = f.current->legal;
    }
    f.staff = ctx.store.caseload().council_users(council);
    for (const auto& u : f.staff) {
        if (is_worker(u)) f.workers.push_back(u);
        if (u.role == app::Role::reviewing_officer) f.reviewing_officers.push_back(u);
        if (u.role == app::Role::legal) f.legal.push_back(u);
    }
    return f;
}

constexpr std::string_view kBadReturn =
    "The page to go back to must be a page of this site's list of children. Go back to the list and try again.";

Response get_allocation(const Request& req, AppContext& ctx, const Params& params) {
    auto r = reallocation(req, ctx, params);
    if (r.refusal) return std::move(*r.refusal);
    auto form = form_of(ctx, r.child.council, r.child.child_id);
    if (const auto back = req.query_param("return"); back && !back->empty()) {
        const auto safe = safe_return(*back);
        if (!safe) return error_response(r.child.gate.who, 400, kBadReturn);
        form.back = *safe;
    }
    return html(200, views::allocation_page(chrome_of(*r.child.gate.who), form));
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
    std::string back = "/children?scope=council";
    if (const auto b = find_field(sent, "return"); b && !b->empty()) {
        const auto safe = safe_return(*b);
        if (!safe) return error_response(r.child.gate.who, 400, kBadReturn);
        back = *safe;
        form.back = *safe;
    }
    form.values.worker = find_field(sent, "worker").value_or("");
    form.values.reviewing_officer = find_field(sent, "reviewing_officer").value_or("");
    form.values.legal = find_field(sent, "legal").value_or("");
    form.reason = find_field(sent, "reason").value_or("");
    form.problem = app::AllocationRules(ctx.store, r.child.council).check(form.values);
    if (!form.problem) {
        if (auto why = app::reason_problem(form.reason)) form.problem = app::AllocationProblem{"reason", *why};
    }
    if (form.problem) return html(400, views::allocation_page(chrome_of(who), form));
    const std::string was = form.current ? form.current->worker : std::string{};
    app::allocate(ctx.store, std::span<const app::AllocationRequest>(&form.values, 1), *r.child.viewer, form.reason);
    std::string message;
    if (was == form.values.worker) {
        message = form.child_id + "'s allocation changed; " + views::staff_label(was, form.staff) + " keeps the case.";
    } else {
        message = moved_words({{form.child_id, was}}, form.values.worker, form.staff);
    }
    return redirect(with_banner(back, message, who));
}

// Several children moved to one worker by a team manager (the list's form): checked, shown to
// be confirmed, then stored in one transaction, each child's move audited with the reason.
Response post_move(const Request& req, AppContext& ctx, const Params&) {
    auto gate = named_children_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    const auto& who = *gate.who;
    const auto& user = who.user;
    if (user.role != app::Role::team_manager)
        return error_response(gate.who, 403, "Only a team manager moves children.");
    if (!csrf_ok(req, who))
        return error_response(gate.who, 403, "The form had expired. Reload the page and try again.");
    const Fields sent = req.form();
    views::MoveForm form;
    form.back = "/children";
    if (const auto b = find_field(sent, "return"); b && !b->empty()) {
        const auto safe = safe_return(*b);
        if (!safe) return error_response(gate.who, 400, kBadReturn);
        form.back = *safe;
    }
    form.worker = find_field(sent, "worker").value_or("");
    form.reason = find_field(sent, "reason").value_or("");
    form.staff = ctx.store.caseload().council_users(user.local_authority);
    for (const auto& u : form.staff) {
        if (is_worker(u)) form.workers.push_back(u);
    }
    // Only children the manager may see, each once; the others are refused as not on the list.
    const auto visible = app::visible_children(ctx.store, ctx.standards, user, ctx.today, ctx.status_cache);
    std::map<std::string_view, const app::CaseloadRow*> by_id;
    for (const auto& row : visible) by_id.emplace(row.status->child.child_id, &row);
    std::set<std::string, std::less<>> seen;
    for (const auto& [key, value] : sent) {
        if (key != "child" || !seen.insert(value).second) continue;
        const auto at = by_id.find(value);
        if (at == by_id.end()) {
            form.problems.push_back({"back", value + " is not one of the children you may move. Go back to the list "
                                                     "and tick children there."});
            break;
        }
        form.children.push_back({value, at->second->allocation->worker});
    }
    if (form.children.empty() && form.problems.empty()) {
        form.problems.push_back({"back", "Tick the children to move in the list, then choose their new worker."});
    }
    std::vector<app::AllocationRequest> requests;
    if (!form.children.empty()) {
        const app::AllocationRules rules(ctx.store, user.local_authority);
        for (const auto& c : form.children) {
            const auto& a = *by_id.at(c.child_id)->allocation;
            requests.push_back({user.local_authority, c.child_id, form.worker, a.reviewing_officer, a.legal});
        }
        if (form.worker.empty()) {
            form.problems.push_back({"worker", "Choose the new worker"});
        } else {
            for (const auto& request : requests) {
                const auto p = rules.check(request);
                if (!p) continue;
                if (p->field == "worker") {
                    form.problems.push_back({"worker", "Choose the new worker from the list"});
                } else {
                    form.problems.push_back({"back", request.child_id + ": " + p->message +
                                                         ". Change the child's allocation on its own first."});
                }
                break;
            }
        }
        if (auto why = app::reason_problem(form.reason)) form.problems.push_back({"reason", *why});
    }
    const bool confirmed = find_field(sent, "confirm").value_or("") == "yes";
    if (!form.problems.empty() || !confirmed) {
        return html(form.problems.empty() ? 200 : 400, views::move_page(chrome_of(who), form));
    }
    app::allocate(ctx.store, requests, {user.name, iso_utc(ctx.now), "web " + req.client}, form.reason);
    return redirect(with_banner(form.back, moved_words(form.children, form.worker, form.staff), who));
}

}  // namespace

void add_caseload_routes(Router& r) {
    r.add("GET", "/children", get_children);
    r.add("GET", "/dashboard", get_dashboard);
    r.add("GET", "/children/{council}/{child_id}/allocation", get_allocation);
    r.add("POST", "/children/{council}/{child_id}/allocation", post_allocation);
    r.add("POST", "/children/move", post_move);
}

}  // namespace waymark::web
