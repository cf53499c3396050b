// The JSON API (docs/api.md). Boost.JSON builds the bodies, so every string is escaped.
#include "web/routes/api.hpp"

#include "app/access.hpp"
#include "app/auth.hpp"
#include "app/caseload_report.hpp"
#include "app/measure_report.hpp"
#include "app/reports.hpp"
#include "app/search.hpp"
#include "app/status_cache.hpp"
#include "core/stage.hpp"
#include "web/routes/handlers.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace waymark::web {

namespace json = boost::json;

namespace {

json::value date_value(const std::optional<core::Date>& d) {
    return d ? json::value(d->iso()) : json::value(nullptr);
}

template <typename T>
json::value number_value(const std::optional<T>& n) {
    return n ? json::value(*n) : json::value(nullptr);
}

json::object status_json(const app::StatusRow& s) {
    json::object o;
    o["local_authority"] = s.child.local_authority;
    o["child_id"] = s.child.child_id;
    o["stage"] = core::to_string(s.stage);
    o["stage_since"] = date_value(s.stage_since);
    o["days_in_stage"] = number_value(s.days_in_stage);
    o["looked_after_since"] = date_value(s.looked_after_since);
    o["placement"] = s.placement;
    o["overdue"] = s.overdue;
    o["due_soon"] = s.due_soon;
    o["next_due_on"] = date_value(s.next_due_on);
    o["next_standard"] = s.next_standard;
    o["next_title"] = s.next_title;
    o["restricted"] = s.restricted;
    return o;
}

json::object caseload_json(const app::CaseloadRow& r) {
    json::object o = status_json(*r.status);
    o["worker"] = r.allocation->worker;
    o["team"] = *r.team;
    o["reviewing_officer"] = r.allocation->reviewing_officer;
    o["legal"] = r.allocation->legal;
    return o;
}

// The caseload as on /children: the same rows, the same access, the same parameters.
Response get_children(const Request& req, AppContext& ctx, const Params&) {
    auto gate = api_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    // A search (as /search, over every child the user may see): references only, as the list.
    if (const auto typed = req.query_param("q"); typed && !app::search_words(*typed).empty()) {
        const auto found =
            app::search_children(ctx.store, ctx.standards, *gate.user, *typed, ctx.today,
                                 {gate.user->name, iso_utc(ctx.now), "api " + req.client}, ctx.status_cache);
        if (found.problem) return json_error(400, *found.problem, "q");
        json::array children;
        const std::size_t shown = std::min(found.matches.size(), app::kMaxSearchResults);
        for (std::size_t i = 0; i < shown; ++i) children.emplace_back(caseload_json(found.matches[i]));
        json::object body;
        body["as_of"] = ctx.today.iso();
        body["local_authority"] = gate.user->local_authority;
        body["q"] = found.query;
        body["exact"] = found.exact.has_value();
        body["matches"] = found.matches.size();
        body["children"] = std::move(children);
        return json_response(200, body);
    }
    app::CaseloadQuery q;
    q.as_of = ctx.today;
    if (const auto problem = app::read_caseload_query([&req](std::string_view name) { return req.query_param(name); },
                                                      *gate.user, ctx.standards, q)) {
        return json_error(400, problem->message, problem->field);
    }
    const auto rows = app::caseload(ctx.store, ctx.standards, *gate.user, q, ctx.status_cache);
    json::array children;
    children.reserve(rows.size());
    for (const auto& row : rows) children.emplace_back(caseload_json(row));
    json::object body;
    body["as_of"] = ctx.today.iso();
    body["local_authority"] = gate.user->local_authority;
    body["scope"] = app::to_string(q.scope);
    body["children"] = std::move(children);
    return json_response(200, body);
}

Response get_child(const Request& req, AppContext& ctx, const Params& params) {
    auto gate = api_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    const std::string council(find_field(params, "council").value_or(""));
    const std::string child_id(find_field(params, "child_id").value_or(""));
    // A child the user may not see (another council's, not theirs, restricted) is not found,
    // whether it exists or not.
    if (!app::visible_child(ctx.store, ctx.standards, *gate.user, council, child_id, ctx.today)) {
        return json_error(404, "no such child", "child_id");
    }
    const auto c = app::chronology(ctx.store, ctx.standards, child_id, council, ctx.today,
                                   {gate.user->name, iso_utc(ctx.now), "api " + req.client});
    json::object body = status_json(c.status);
    body["family_name"] = c.child.family_name;
    body["given_name"] = c.child.given_name;
    body["date_of_birth"] = date_value(c.child.date_of_birth);
    body["expected_birth_date"] = date_value(c.child.expected_birth_date);
    body["sibling_group"] = c.child.sibling_group.empty() ? json::value(nullptr) : json::value(c.child.sibling_group);
    body["as_of"] = c.as_of.iso();
    json::array events;
    for (const auto& e : c.entries) {
        events.emplace_back(chronology_entry_json(e, ctx.standards.vocabulary));
    }
    body["events"] = std::move(events);
    json::array clocks;
    for (const auto& k : c.clocks) clocks.emplace_back(clock_json(k));
    body["clocks"] = std::move(clocks);
    return json_response(200, body);
}

}  // namespace

json::object chronology_entry_json(const app::ChronologyEntry& e, const core::Vocabulary& vocabulary) {
    return json::object{{"date", e.event.date.iso()}, {"event", vocabulary.name(e.event.type)},
                        {"label", e.label},           {"status", core::to_string(e.event.status)},
                        {"source", e.event.agency},   {"details", e.event.details},
                        {"note", e.event.note},       {"event_id", e.event.event_id}};
}

json::object clock_json(const core::Clock& k, ClockKind kind) {
    json::object o{{"standard", k.standard->id}, {"title", k.standard->title}};
    if (kind == ClockKind::shown) o["kind"] = k.standard->kind;
    o["basis"] = k.standard->basis;
    o["source"] = k.standard->source;
    o["starts_on"] = k.starts_on.iso();
    o["due_on"] = k.due_on.iso();
    o["status"] = core::to_string(k.status);
    o["stopped_on"] = date_value(k.stopped_on);
    o["days_late"] = number_value(k.days_late);
    return o;
}

Response json_response(int status, const json::value& body) {
    Response r;
    r.status = status;
    r.body = json::serialize(body);
    r.body += '\n';
    r.set("Content-Type", "application/json");
    return r;
}

ApiGate api_gate(const Request& req, AppContext& ctx) {
    ApiGate g;
    const std::string_view auth = req.header("authorization");
    constexpr std::string_view kBearer = "Bearer ";
    if (auth.size() > kBearer.size() && auth.substr(0, kBearer.size()) == kBearer) {
        g.user = app::api_token_user(ctx.users, auth.substr(kBearer.size()), ctx.now);
        if (g.user) ctx.user_id = g.user->id;
    }
    if (g.user && app::must_change_password(*g.user)) {
        // A one-time password must not become a lasting one through the API.
        Response r = json_error(401, "the token's user has a one-time password: they must sign in and change it first",
                                std::nullopt);
        r.set("WWW-Authenticate", "Bearer realm=\"waymark\", error=\"invalid_token\"");
        g.user.reset();
        g.refusal = std::move(r);
    } else if (!g.user) {
        Response r = json_error(401, "a valid bearer token is needed (waymark token create)", std::nullopt);
        r.set("WWW-Authenticate", "Bearer realm=\"waymark\"");
        g.refusal = std::move(r);
    } else if (!app::sees_named_children(g.user->role)) {
        g.refusal = json_error(403, "this role sees aggregates only, never a named child", std::nullopt);
    }
    return g;
}

ApiGate any_role_gate(const Request& req, AppContext& ctx) {
    ApiGate g = api_gate(req, ctx);
    if (g.user && g.refusal && g.refusal->status == 403) g.refusal.reset();
    return g;
}

Response json_error(int status, std::string_view message, std::optional<std::string_view> field) {
    json::object body;
    body["error"] = message;
    body["field"] = field ? json::value(*field) : json::value(nullptr);
    return json_response(status, body);
}

namespace {

// --- Measures: aggregates, for every role with a token ------------------------------------------

json::object measure_json(const core::Measure& m) {
    json::object o;
    o["id"] = m.id;
    o["title"] = m.title;
    o["definition"] = m.definition;
    o["unit"] = m.unit;
    o["better"] = std::string(core::to_string(m.better));
    o["kind"] = std::string(core::to_string(m.kind));
    return o;
}

// A count as aggregate outputs may show it: the number, or app::kSuppressed.
json::value count_value(std::int64_t n, bool shown) {
    return shown ? json::value(n) : json::value(app::kSuppressed);
}

Response get_measures(const Request& req, AppContext& ctx, const Params&) {
    auto gate = any_role_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    json::array out;
    for (const auto& m : ctx.measures->measures) out.push_back(measure_json(m));
    return json_response(200, out);
}

// ?from=DATE&to=DATE&period=month|quarter&team=NAME. The user's council, or one of its teams; a
// national analyst's series is every council together (no team).
Response get_measure(const Request& req, AppContext& ctx, const Params& params) {
    auto gate = any_role_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    const std::string id(find_field(params, "id").value_or(""));
    const core::Measure* m = ctx.measures->find(id);
    if (m == nullptr) return json_error(404, "no measure '" + id + "'", std::nullopt);
    app::MeasureQuery q;
    q.measures = {m};
    q.as_of = ctx.today;
    q.stop = ctx.stop;
    q.to = ctx.today;
    for (const char* field : {"from", "to"}) {
        if (const auto text = req.query_param(field)) {
            const auto d = core::Date::try_parse(*text);
            if (!d) return json_error(400, "'" + *text + "' is not a date (YYYY-MM-DD)", std::string(field));
            (std::string_view(field) == "from" ? q.from : q.to) = *d;
        }
    }
    if (!req.query_param("from")) q.from = q.to - core::Months{23};
    if (q.to < q.from) return json_error(400, "to is before from", std::string("to"));
    const auto period = req.query_param("period").value_or("month");
    if (period != "month" && period != "quarter") {
        return json_error(400, "period must be month or quarter", std::string("period"));
    }
    q.length = period == "quarter" ? core::PeriodLength::quarter : core::PeriodLength::month;
    if (gate.user->role != app::Role::national_analyst) q.local_authority = gate.user->local_authority;
    if (const auto team = req.query_param("team"); team && !team->empty()) {
        if (!q.local_authority) {
            return json_error(422, "a national analyst's series is every council together: there is no team filter",
                              std::string("team"));
        }
        const auto teams = ctx.store.caseload().teams(q.local_authority);
        if (std::none_of(teams.begin(), teams.end(), [&](const app::Team& t) { return t.name == *team; })) {
            return json_error(422, *q.local_authority + " has no team '" + *team + "'", std::string("team"));
        }
        q.team = *team;
    }
    const auto kept =
        ctx.status_cache != nullptr
            ? ctx.status_cache->measure_report(ctx.store, ctx.standards, q)
            : std::make_shared<const app::MeasureReport>(app::measure_report(ctx.store, ctx.standards, q));
    const auto& report = *kept;
    json::object body = measure_json(*m);
    body["group"] = q.local_authority.value_or("all");
    body["team"] = q.team ? json::value(*q.team) : json::value(nullptr);
    body["period"] = period;
    body["suppressed_below"] = app::kSmallCount;
    json::array series;
    for (const auto& s : report.series) {
        json::object so;
        so["series"] = s.series;
        json::array points;
        for (const auto& sp : s.points) {
            const auto& p = sp.point;
            json::object po;
            po["period"] = report.grid.label(p.period);
            po["period_start"] = report.grid.start(p.period).iso();
            po["numerator"] = count_value(p.numerator, sp.numerator_shown);
            po["denominator"] = count_value(p.denominator, sp.denominator_shown);
            po["value"] = sp.value_shown ? number_value(p.value) : json::value(nullptr);
            if (m->kind == core::MeasureKind::interval) {
                po["km_median"] = sp.cohort_shown ? number_value(p.cohort.median) : json::value(nullptr);
                po["km_lower"] = sp.cohort_shown ? number_value(p.cohort.lower) : json::value(nullptr);
                po["km_upper"] = sp.cohort_shown ? number_value(p.cohort.upper) : json::value(nullptr);
            }
            po["partial"] = sp.partial;
            points.push_back(std::move(po));
        }
        so["points"] = std::move(points);
        series.push_back(std::move(so));
    }
    body["series"] = std::move(series);
    return json_response(200, body);
}

}  // namespace

void add_api_routes(Router& router) {
    router.add("GET", "/api/v1/children", get_children);
    router.add("GET", "/api/v1/children/{council}/{child_id}", get_child);
    router.add("GET", "/api/v1/measures", get_measures);
    router.add("GET", "/api/v1/measures/{id}", get_measure);
}

}  // namespace waymark::web
