// The API's events of a child (GET lists them, POST records one as an events.csv row), its
// clocks, and what falls due in the user's council (docs/api.md).
#include "app/access.hpp"
#include "app/recording.hpp"
#include "app/reports.hpp"
#include "web/routes/api.hpp"
#include "web/routes/handlers.hpp"
#include "web/views/html.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <charconv>

namespace waymark::web {

namespace json = boost::json;

namespace {

// The child the address names, if the token's user may see it (app/access.hpp, as on the
// pages): another council's child, or one not theirs or restricted, is not found, whether it
// exists or not.
struct ApiChild {
    ApiGate gate;
    app::ChildRef child;
    std::optional<Response> refusal;
};
ApiChild api_child(const Request& req, AppContext& ctx, const Params& params) {
    ApiChild c{api_gate(req, ctx),
               {std::string(find_field(params, "council").value_or("")),
                std::string(find_field(params, "child_id").value_or(""))},
               std::nullopt};
    if (c.gate.refusal) {
        c.refusal = std::move(c.gate.refusal);
    } else if (!app::visible_child(ctx.store, ctx.standards, *c.gate.user, c.child.local_authority, c.child.child_id,
                                   ctx.today)) {
        c.refusal = json_error(404, "no such child", std::string("child_id"));
    }
    return c;
}

app::Viewer viewer_of(const Request& req, const AppContext& ctx, const app::User& user) {
    return {user.name, iso_utc(ctx.now), "api " + req.client};
}

std::string events_path(const app::ChildRef& c) {
    return "/api/v1/children/" + path_segment(c.local_authority) + "/" + path_segment(c.child_id) + "/events";
}

json::object event_json(const core::Vocabulary& vocabulary, const core::Event& e) {
    return json::object{{"key", e.seq},
                        {"date", e.date.iso()},
                        {"event", vocabulary.name(e.type)},
                        {"label", vocabulary.spec(e.type).label},
                        {"status", core::to_string(e.status)},
                        {"details", e.details},
                        {"agency", e.agency},
                        {"note", e.note},
                        {"event_id", e.event_id},
                        {"version", std::to_string(app::event_version(vocabulary, e))}};
}

Response get_event(const Request& req, AppContext& ctx, const Params& params) {
    auto c = api_child(req, ctx, params);
    if (c.refusal) return std::move(*c.refusal);
    const std::string_view text = find_field(params, "key").value_or("");
    std::int64_t key = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), key);
    std::optional<app::StoredEvent> stored;
    if (ec == std::errc() && end == text.data() + text.size()) {
        stored = ctx.store.events().find_event(c.child.local_authority, c.child.child_id, key);
    }
    if (!stored) return json_error(404, "no such event of this child", std::string("key"));
    const auto viewer = viewer_of(req, ctx, *c.gate.user);
    const std::array keys{stored->key};
    app::audit_event_view(ctx.store, viewer, {c.child.local_authority, c.child.child_id}, keys);
    return json_response(200, event_json(ctx.standards.vocabulary, stored->event));
}

// POST: one JSON object with the fields of an events.csv row, each a string (or null).
Response post_event(const Request& req, AppContext& ctx, const Params& params) {
    auto c = api_child(req, ctx, params);
    if (c.refusal) return std::move(*c.refusal);
    const app::User& user = *c.gate.user;
    if (!app::may_record_any(user.role)) return json_error(403, "this role does not record events", std::nullopt);
    boost::system::error_code ec;
    const json::value body = json::parse(req.body, ec);
    if (ec) return json_error(400, "the body is not JSON: " + ec.message(), std::nullopt);
    if (!body.is_object()) return json_error(400, "the body is not a JSON object (an events.csv row)", std::nullopt);
    app::EventInput input;
    const std::pair<const char*, std::string*> fields[] = {
        {"date", &input.date},     {"event", &input.event}, {"status", &input.status},    {"details", &input.details},
        {"agency", &input.agency}, {"note", &input.note},   {"event_id", &input.event_id}};
    for (const auto& member : body.as_object()) {
        const std::string_view key = member.key();
        const json::value& value = member.value();
        const auto* f =
            std::find_if(std::begin(fields), std::end(fields), [&](const auto& field) { return key == field.first; });
        if (f == std::end(fields)) {
            // The row's child and council may be given, but must be the address's.
            const std::string& expected = key == "child_id"          ? c.child.child_id
                                          : key == "local_authority" ? c.child.local_authority
                                                                     : std::string();
            if (!expected.empty() && value.is_string() && value.as_string() == expected) continue;
            if (!expected.empty()) {
                return json_error(422, std::string(key) + " is not the address's (" + expected + ")", std::string(key));
            }
            return json_error(422,
                              "unknown field '" + std::string(key) +
                                  "' (expected date, event, status, details, agency, note, event_id)",
                              std::string(key));
        }
        if (value.is_null()) continue;
        if (!value.is_string()) return json_error(422, std::string(key) + " must be a string", std::string(key));
        *f->second = value.as_string();
    }
    try {
        const auto stored = app::record_event(ctx.store, ctx.standards.vocabulary, c.child, input,
                                              {user.name, user.role, iso_utc(ctx.now), "api " + req.client, ctx.today});
        Response r = json_response(201, event_json(ctx.standards.vocabulary, stored.event));
        r.set("Location", events_path(c.child) + "/" + std::to_string(stored.key));
        return r;
    } catch (const app::InvalidEvent& e) {
        // As every API error ({"error", "field"}: the first problem), and every problem too.
        json::array errors;
        for (const auto& fe : e.errors()) errors.emplace_back(json::object{{"error", fe.message}, {"field", fe.field}});
        return json_response(422, json::object{{"error", e.errors().front().message},
                                               {"field", e.errors().front().field},
                                               {"errors", std::move(errors)}});
    } catch (const core::Error& e) {
        if (e.kind() == core::ErrorKind::conflict) return json_error(409, e.what(), std::string("event_id"));
        if (e.kind() == core::ErrorKind::forbidden) return json_error(403, e.what(), std::string("event"));
        throw;
    }
}

// GET .../events (every event, cancelled ones too) or .../clocks: the child's chronology, its
// view audited.
Response get_chronology_part(const Request& req, AppContext& ctx, const Params& params, bool clocks) {
    auto c = api_child(req, ctx, params);
    if (c.refusal) return std::move(*c.refusal);
    const auto chronology = app::chronology(ctx.store, ctx.standards, c.child.child_id, c.child.local_authority,
                                            ctx.today, viewer_of(req, ctx, *c.gate.user));
    json::array out;
    if (clocks) {
        for (const auto& k : chronology.clocks) out.emplace_back(clock_json(k));
    } else {
        for (const auto& e : chronology.entries) out.emplace_back(event_json(ctx.standards.vocabulary, e.event));
    }
    return json_response(200, json::object{{"as_of", ctx.today.iso()},
                                           {"local_authority", c.child.local_authority},
                                           {"child_id", c.child.child_id},
                                           {clocks ? "clocks" : "events", std::move(out)}});
}

Response get_events(const Request& req, AppContext& ctx, const Params& params) {
    return get_chronology_part(req, ctx, params, false);
}

Response get_clocks(const Request& req, AppContext& ctx, const Params& params) {
    return get_chronology_part(req, ctx, params, true);
}

// ?within=DAYS (28 unless given, 0 to 366): the running clocks of the user's council that are
// overdue or due within that many days, soonest first.
Response get_due(const Request& req, AppContext& ctx, const Params&) {
    auto gate = api_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    std::int32_t within = 28;
    if (const auto text = req.query_param("within")) {
        const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), within);
        if (ec != std::errc() || end != text->data() + text->size() || within < 0 || within > 366) {
            return json_error(400, "within must be a number of days from 0 to 366", std::string("within"));
        }
    }
    const auto report = app::due_report(ctx.store, ctx.standards,
                                        {ctx.today, false, gate.user->local_authority, std::nullopt, std::nullopt});
    const core::Date until = ctx.today + core::Days{within};
    json::array due;
    for (std::size_t i = 0; i < report.size(); ++i) {
        const auto row = report.row(i);
        if (!core::is_running(row.status) || row.due_on > until) continue;
        json::object o = clock_json({row.standard, row.starts_on, row.due_on, row.status, row.stopped_on, row.days_late,
                                     0, std::nullopt, false});
        o["local_authority"] = report.children[row.child].local_authority;
        o["child_id"] = report.children[row.child].child_id;
        due.push_back(std::move(o));
    }
    return json_response(200, json::object{{"as_of", ctx.today.iso()},
                                           {"local_authority", gate.user->local_authority},
                                           {"within_days", within},
                                           {"due", std::move(due)}});
}

}  // namespace

void add_api_events_routes(Router& r) {
    r.add("GET", "/api/v1/children/{council}/{child_id}/events", get_events);
    r.add("POST", "/api/v1/children/{council}/{child_id}/events", post_event);
    r.add("GET", "/api/v1/children/{council}/{child_id}/events/{key}", get_event);
    r.add("GET", "/api/v1/children/{council}/{child_id}/clocks", get_clocks);
    r.add("GET", "/api/v1/due", get_due);
}

}  // namespace waymark::web
