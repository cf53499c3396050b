// The administration pages: a council administrator's users, teams, standards in force and
// audit log. Only the administrator role, and only their own council: another council's users
// and audit entries are never listed, and acting on one is "not found".
#include "app/admin.hpp"
#include "app/audit.hpp"
#include "app/csv_table.hpp"
#include "app/restriction.hpp"
#include "core/error.hpp"
#include "web/routes/respond.hpp"
#include "web/routes/routes.hpp"
#include "web/routes/session.hpp"
#include "web/views/admin.hpp"

#include "core/uk_time.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <mutex>

namespace waymark::web {

namespace {

constexpr std::size_t kAuditPageSize = 50;
// The audit page records a checkpoint when its check read this many rows past the latest one
// (about 20 ms of checking); `waymark audit verify` records one after every check.
constexpr std::size_t kAuditCheckpointEvery = 10000;

Gate admin_gate(const Request& req, AppContext& ctx) {
    Gate g = signed_in_gate(req, ctx);
    if (g.who && !app::may_administer(g.who->user.role)) {
        g.refusal = error_response(g.who, 403, "Only your council's administrators can see the administration pages.");
    }
    return g;
}

// A POST from the administration pages: an administrator, and the session's CSRF token.
Gate admin_post_gate(const Request& req, AppContext& ctx) {
    Gate g = admin_gate(req, ctx);
    if (!g.refusal && !csrf_ok(req, *g.who)) {
        g.refusal = error_response(g.who, 403, "The form had expired. Reload the page and try again.");
    }
    return g;
}

app::Actor actor_of(const Request& req, const AppContext& ctx, const app::SignedIn& who) {
    return {who.user, iso_utc(ctx.now), "web " + req.client};
}

views::UsersPage users_page_of(AppContext& ctx, const app::SignedIn& who) {
    views::UsersPage page;
    page.users = ctx.users.users_of(who.user.local_authority);
    // The council's users' API tokens (the store's list of every token, kept to this council).
    for (auto& t : ctx.users.api_tokens(0)) {
        if (std::any_of(page.users.begin(), page.users.end(), [&](const app::User& u) { return u.id == t.user; })) {
            page.tokens.push_back(std::move(t));
        }
    }
    page.teams = app::council_teams(ctx.store.caseload(), who.user.local_authority);
    page.self = who.user.id;
    page.now = ctx.now;
    return page;
}

// One-time passwords just made by a reset, held in this process's memory (never stored, never
// in an address) for the administrator's session until the page after the reset's redirect
// shows them, once: a reload of that page, or another tab, finds nothing and says it was shown.
// Keyed by the session's CSRF token (a secret of that session) and the user reset; dropped
// after kHoldFor seconds if never shown.
class ShownOnce {
public:
    static constexpr std::int64_t kHoldFor = 10L * 60;

    void hold(const std::string& session, std::int64_t user, views::ResetNotice notice, std::int64_t now) {
        const std::lock_guard lock(mutex_);
        std::erase_if(held_, [&](const auto& h) { return h.second.at + kHoldFor < now; });
        held_[key(session, user)] = {std::move(notice), now};
    }
    std::optional<views::ResetNotice> take(const std::string& session, std::int64_t user, std::int64_t now) {
        const std::lock_guard lock(mutex_);
        const auto it = held_.find(key(session, user));
        if (it == held_.end()) return std::nullopt;
        std::optional<views::ResetNotice> notice;
        if (it->second.at + kHoldFor >= now) notice = std::move(it->second.notice);
        held_.erase(it);
        return notice;
    }

private:
    struct Held {
        views::ResetNotice notice;
        std::int64_t at = 0;
    };
    static std::string key(const std::string& session, std::int64_t user) {
        return session + ":" + std::to_string(user);
    }
    std::mutex mutex_;
    std::map<std::string, Held> held_;
};

ShownOnce& shown_once() {
    static ShownOnce held;
    return held;
}

Response get_admin(const Request& req, AppContext& ctx, const Params&) {
    auto gate = admin_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    return html(200, views::admin_index_page(chrome_of(*gate.who)));
}

Response get_users(const Request& req, AppContext& ctx, const Params&) {
    auto gate = admin_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    auto page = users_page_of(ctx, *gate.who);
    // After a change, the redirect names the user changed (by id, of this council only).
    for (const auto& [param, done] : {std::pair{"disabled", "Access removed for "},
                                      {"unlocked", "Sign-in delay cleared for "},
                                      {"enabled", "Access restored for "},
                                      {"approved", "Approved: they can sign in now, "},
                                      {"revoked", "API token revoked for "},
                                      {"changed", "Changes saved for "},
                                      {"unchanged", "Nothing was changed for "}}) {
        const auto id = parse_id(req.query_param(param).value_or(""));
        if (!id) continue;
        for (const auto& u : page.users) {
            if (u.id == *id) page.done = done + app::staff_label(u) + ".";
        }
    }
    return html(200, views::users_page(chrome_of(*gate.who), page));
}

// The add-user form's fields (each empty where the form left it out).
app::NewUser new_user_of(const Fields& form) {
    auto field = [&](std::string_view name) { return std::string(find_field(form, name).value_or("")); };
    app::NewUser user;
    user.name = field("name");
    user.role = field("role");
    user.team = field("team");
    user.password = field("password");
    user.display_name = field("display_name");
    return user;
}

Response post_users(const Request& req, AppContext& ctx, const Params&) {
    auto gate = admin_post_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    const app::NewUser user = new_user_of(req.form());
    try {
        const auto added =
            app::admin_add_user(ctx.users, actor_of(req, ctx, *gate.who), user,
                                app::council_teams(ctx.store.caseload(), gate.who->user.local_authority), ctx.now);
        auto page = users_page_of(ctx, *gate.who);
        page.added = views::AddedNotice{added.user.name, added.generated_password, added.pending};
        return html(200, views::users_page(chrome_of(*gate.who), page));
    } catch (const app::FormError& e) {
        auto page = users_page_of(ctx, *gate.who);
        page.form = {user.name, user.role, user.team, user.display_name, {}};
        for (const auto& p : e.problems()) page.form.errors.push_back({p.field, p.message});
        return html(400, views::users_page(chrome_of(*gate.who), page));
    }
}

// A change to one user of the council (/admin/users/{id}/ACTION): `change` makes it, and the
// users page it redirects to says what was done (?DONE=id).
enum class UserChange { disable, unlock, enable, approve };

Response post_user_change(const Request& req, AppContext& ctx, const Params& params, UserChange change) {
    auto gate = admin_post_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    const auto id = parse_id(find_field(params, "id").value_or(""));
    if (!id) return error_response(gate.who, 404, "There is no such user in your council.");
    const app::Actor actor = actor_of(req, ctx, *gate.who);
    std::string done;
    switch (change) {
        case UserChange::disable:
            app::admin_disable_user(ctx.users, actor, *id, ctx.now);
            done = "disabled";
            break;
        case UserChange::unlock:
            app::admin_unlock_user(ctx.users, actor, *id);
            done = "unlocked";
            break;
        case UserChange::enable:
            app::admin_enable_user(ctx.users, actor, *id);
            done = "enabled";
            break;
        case UserChange::approve:
            app::admin_approve_user(ctx.users, actor, *id, ctx.now);
            done = "approved";
            break;
    }
    return redirect("/admin/users?" + done + "=" + std::to_string(*id));
}

// A page or form about one user of the council (/admin/users/{id}/...): the administrator (and,
// for a POST, the form's CSRF token) and the user, or the refusal (404 for a user of another
// council, as for none: app::admin_user).
struct UserRequest {
    Gate gate;
    std::optional<app::User> user;
};
UserRequest user_request(const Request& req, AppContext& ctx, const Params& params, bool post) {
    UserRequest r{post ? admin_post_gate(req, ctx) : admin_gate(req, ctx), std::nullopt};
    if (r.gate.refusal) return r;
    const auto id = parse_id(find_field(params, "id").value_or(""));
    if (!id) {
        r.gate.refusal = error_response(r.gate.who, 404, "There is no such user in your council.");
        return r;
    }
    r.user = app::admin_user(ctx.users, actor_of(req, ctx, *r.gate.who), *id);
    return r;
}

// "Reset the password of ...?": a reset is only ever the answer to this page's form.
Response get_reset_password(const Request& req, AppContext& ctx, const Params& params) {
    auto r = user_request(req, ctx, params, false);
    if (r.gate.refusal) return std::move(*r.gate.refusal);
    return html(200, views::reset_confirm_page(chrome_of(*r.gate.who), *r.user));
}

// A new one-time password for a user of the council: held for this session and redirected to
// (303) the page that shows it once, so a reload neither resets again nor shows it again.
Response post_reset_password(const Request& req, AppContext& ctx, const Params& params) {
    auto gate = admin_post_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    const auto id = parse_id(find_field(params, "id").value_or(""));
    if (!id) return error_response(gate.who, 404, "There is no such user in your council.");
    const auto reset = app::admin_reset_password(ctx.users, actor_of(req, ctx, *gate.who), *id, ctx.now);
    shown_once().hold(gate.who->csrf, *id, views::ResetNotice{reset.name, reset.password, reset.expires, reset.pending},
                      ctx.now);
    return redirect("/admin/users/" + std::to_string(*id) + "/password-reset");
}

Response get_password_reset(const Request& req, AppContext& ctx, const Params& params) {
    auto r = user_request(req, ctx, params, false);
    if (r.gate.refusal) return std::move(*r.gate.refusal);
    const auto& who = *r.gate.who;
    Response answer =
        html(200, views::reset_result_page(chrome_of(who), *r.user, shown_once().take(who.csrf, r.user->id, ctx.now)));
    answer.set("Cache-Control", "no-store");
    return answer;
}

views::EditUserPage edit_page_of(AppContext& ctx, const app::SignedIn& who, const app::User& user) {
    views::EditUserPage page;
    page.user = user;
    page.self = user.id == who.user.id;
    page.teams = app::council_teams(ctx.store.caseload(), who.user.local_authority);
    page.form = {user.name, std::string(app::to_string(user.role)), user.team, user.display_name, {}};
    return page;
}

Response get_edit_user(const Request& req, AppContext& ctx, const Params& params) {
    auto r = user_request(req, ctx, params, false);
    if (r.gate.refusal) return std::move(*r.gate.refusal);
    return html(200, views::edit_user_page(chrome_of(*r.gate.who), edit_page_of(ctx, *r.gate.who, *r.user)));
}

Response post_edit_user(const Request& req, AppContext& ctx, const Params& params) {
    auto r = user_request(req, ctx, params, true);
    if (r.gate.refusal) return std::move(*r.gate.refusal);
    const auto& gate = r.gate;
    const app::User& user = *r.user;
    const auto id = std::optional<std::int64_t>(user.id);
    const app::Actor actor = actor_of(req, ctx, *gate.who);
    const Fields form = req.form();
    app::UserChanges changes{std::string(find_field(form, "role").value_or("")),
                             std::string(find_field(form, "team").value_or("")),
                             std::string(find_field(form, "display_name").value_or(""))};
    try {
        const bool changed = app::admin_change_user(
            ctx.users, actor, *id, changes, app::council_teams(ctx.store.caseload(), actor.user.local_authority));
        return redirect(std::string("/admin/users?") + (changed ? "changed=" : "unchanged=") + std::to_string(*id));
    } catch (const app::FormError& e) {
        auto page = edit_page_of(ctx, *gate.who, user);
        page.form = {user.name, changes.role, changes.team, changes.display_name, {}};
        for (const auto& p : e.problems()) page.form.errors.push_back({p.field, p.message});
        return html(400, views::edit_user_page(chrome_of(*gate.who), page));
    }
}

Response restrictions_response(AppContext& ctx, const app::SignedIn& who, const app::Actor& actor, int status,
                               views::RestrictionsPage page) {
    page.rows = app::council_restrictions(ctx.store, actor);
    return html(status, views::restrictions_page(chrome_of(who), page));
}

Response get_restrictions(const Request& req, AppContext& ctx, const Params&) {
    auto gate = admin_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    return restrictions_response(ctx, *gate.who, actor_of(req, ctx, *gate.who), 200, {});
}

// Lifts a restriction, by case reference and with a reason. The answer is the page itself (no
// redirect: the case reference stays out of addresses and so out of the access log).
Response post_restrictions(const Request& req, AppContext& ctx, const Params&) {
    auto gate = admin_post_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    const Fields form = req.form();
    views::RestrictionsPage page;
    page.child = find_field(form, "child").value_or("");
    page.reason = find_field(form, "reason").value_or("");
    const app::Actor actor = actor_of(req, ctx, *gate.who);
    try {
        app::lift_restriction(ctx.store, actor, page.child, page.reason);
    } catch (const app::FormError& e) {
        for (const auto& p : e.problems()) page.errors.push_back({p.field, p.message});
        return restrictions_response(ctx, *gate.who, actor, 400, std::move(page));
    }
    page.done = "Restriction lifted for " + std::string(app::trim(page.child)) + ".";
    page.child.clear();
    page.reason.clear();
    return restrictions_response(ctx, *gate.who, actor, 200, std::move(page));
}

// Revokes one API token of a user of the council (/admin/users/{id}/tokens/{token}/revoke).
Response post_revoke_token(const Request& req, AppContext& ctx, const Params& params) {
    auto gate = admin_post_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    const auto id = parse_id(find_field(params, "id").value_or(""));
    const auto token = parse_id(find_field(params, "token").value_or(""));
    if (!id || !token) return error_response(gate.who, 404, "There is no such user in your council.");
    app::admin_revoke_token(ctx.users, actor_of(req, ctx, *gate.who), *id, *token);
    return redirect("/admin/users?revoked=" + std::to_string(*id));
}

views::TeamsPage teams_page_of(AppContext& ctx, const app::SignedIn& who) {
    std::map<std::string, std::size_t> counts;
    for (const auto& name : app::council_teams(ctx.store.caseload(), who.user.local_authority)) counts[name] = 0;
    for (const auto& u : ctx.users.users_of(who.user.local_authority)) {
        if (!u.team.empty()) ++counts[u.team];
    }
    views::TeamsPage page;
    page.teams.reserve(counts.size());
    for (const auto& [name, n] : counts) page.teams.push_back({name, n});
    return page;
}

Response get_teams(const Request& req, AppContext& ctx, const Params&) {
    auto gate = admin_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    auto page = teams_page_of(ctx, *gate.who);
    if (const auto added = req.query_param("added")) {
        // Only a team of this council is named back.
        for (const auto& t : page.teams) {
            if (t.name == *added) page.done = "Team " + t.name + " added.";
        }
    }
    return html(200, views::teams_page(chrome_of(*gate.who), page));
}

Response post_teams(const Request& req, AppContext& ctx, const Params&) {
    auto gate = admin_post_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    const Fields form = req.form();
    const std::string name(find_field(form, "name").value_or(""));
    try {
        const auto team = app::admin_add_team(ctx.store.caseload(), actor_of(req, ctx, *gate.who), name, ctx.now);
        return redirect("/admin/teams?added=" + path_segment(team.name));
    } catch (const app::FormError& e) {
        auto page = teams_page_of(ctx, *gate.who);
        page.name = name;
        for (const auto& p : e.problems()) page.errors.push_back({p.field, p.message});
        return html(400, views::teams_page(chrome_of(*gate.who), page));
    }
}

Response get_standards(const Request& req, AppContext& ctx, const Params&) {
    auto gate = admin_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    return html(200, views::standards_page(chrome_of(*gate.who), ctx.standards.standards, ctx.standards.origin));
}

// The date of an audit filter's date input, or none (empty, or a problem added to `errors`
// against ID-day).
std::optional<core::Date> audit_date(const views::DateParts& d, const std::string& id, std::string_view label,
                                     std::vector<views::FieldError>& errors) {
    if (d.empty()) return std::nullopt;
    const auto digits = [](const std::string& s, std::size_t max) {
        return !s.empty() && s.size() <= max &&
               std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (!digits(d.day, 2) || !digits(d.month, 2) || d.year.size() != 4 || !digits(d.year, 4)) {
        errors.push_back({id + "-day", std::string(label) +
                                           ": enter the date as a day, a month and a four-digit year in numbers, for "
                                           "example 27 3 2026"});
        return std::nullopt;
    }
    const auto date = core::Date::try_parse(d.year + "-" + (d.month.size() == 1 ? "0" : "") + d.month + "-" +
                                            (d.day.size() == 1 ? "0" : "") + d.day);
    if (!date) {
        errors.push_back({id + "-day", std::string(label) + ": there is no such date as " + d.day + " " + d.month +
                                           " " + d.year + ". Check the day and the month"});
    }
    return date;
}

Response get_audit(const Request& req, AppContext& ctx, const Params&) {
    auto gate = admin_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    const std::string& council = gate.who->user.local_authority;
    views::AuditPage page;
    auto& f = page.filter;
    f.actor = req.query_param("actor").value_or("");
    f.child = req.query_param("child").value_or("");
    f.action = req.query_param("action").value_or("");
    const auto parts = [&](const std::string& id) {
        return views::DateParts{std::string(app::trim(req.query_param(id + "-day").value_or(""))),
                                std::string(app::trim(req.query_param(id + "-month").value_or(""))),
                                std::string(app::trim(req.query_param(id + "-year").value_or("")))};
    };
    f.from = parts("from");
    f.to = parts("to");
    app::AuditQuery q;
    q.local_authority = council;
    if (!f.actor.empty()) q.actor = f.actor;
    if (!f.child.empty()) q.child_id = f.child;
    if (!f.action.empty()) q.action = f.action;
    // UK days: from the start of `from` (UK time) to the start of the day after `to`.
    if (const auto d = audit_date(f.from, "from", "From", page.errors)) {
        q.from_time = iso_utc(core::uk_start_of_day(*d));
    }
    if (const auto d = audit_date(f.to, "to", "To", page.errors)) {
        q.until_time = iso_utc(core::uk_start_of_day(*d + core::Days{1}));
    }
    std::size_t n = 1;
    if (const auto p = req.query_param("page")) {
        if (const auto parsed = parse_id(*p)) n = static_cast<std::size_t>(*parsed);
    }
    const app::Viewer viewer{gate.who->user.name, iso_utc(ctx.now), "web " + req.client};
    auto read = app::audit_log_page(ctx.store, viewer, page.errors.empty() ? std::optional(q) : std::nullopt, n,
                                    kAuditPageSize, kAuditCheckpointEvery);
    page.verification = std::move(read.verification);
    page.head = std::move(read.head);
    if (page.verification.broken_row) {
        page.broken_row_is_own = page.verification.broken_row->entry.local_authority == council;
    }
    page.rows = std::move(read.rows);
    page.total = read.total;
    page.page = read.page;
    page.pages = read.pages;
    return html(page.errors.empty() ? 200 : 400, views::audit_page(chrome_of(*gate.who), page));
}

}  // namespace

void add_admin_routes(Router& r) {
    r.add("GET", "/admin", get_admin);
    r.add("GET", "/admin/users", get_users);
    r.add("POST", "/admin/users", post_users);
    for (const auto& [action, change] : {std::pair{"disable", UserChange::disable},
                                         {"unlock", UserChange::unlock},
                                         {"enable", UserChange::enable},
                                         {"approve", UserChange::approve}}) {
        r.add("POST", std::string("/admin/users/{id}/") + action,
              [c = change](const Request& req, AppContext& ctx, const Params& params) {
                  return post_user_change(req, ctx, params, c);
              });
    }
    r.add("GET", "/admin/users/{id}/reset-password", get_reset_password);
    r.add("POST", "/admin/users/{id}/reset-password", post_reset_password);
    r.add("GET", "/admin/users/{id}/password-reset", get_password_reset);
    r.add("GET", "/admin/users/{id}/edit", get_edit_user);
    r.add("POST", "/admin/users/{id}/edit", post_edit_user);
    r.add("POST", "/admin/users/{id}/tokens/{token}/revoke", post_revoke_token);
    r.add("GET", "/admin/teams", get_teams);
    r.add("POST", "/admin/teams", post_teams);
    r.add("GET", "/admin/standards", get_standards);
    r.add("GET", "/admin/restrictions", get_restrictions);
    r.add("POST", "/admin/restrictions", post_restrictions);
    r.add("GET", "/admin/audit", get_audit);
}

}  // namespace waymark::web
