// An event's history, as a page of the child's record and in the JSON API
// (app/event_history.hpp). The same access as the child's page: a child the user may not see is
// not found, and an event the child does not have is not found either. Each view is audited.
#include "app/event_history.hpp"
#include "app/recording.hpp"
#include "core/error.hpp"
#include "web/routes/api.hpp"
#include "web/routes/respond.hpp"
#include "web/routes/routes.hpp"
#include "web/views/event_history.hpp"

#include <boost/json.hpp>

#include <charconv>

namespace waymark::web {

namespace json = boost::json;

namespace {

std::optional<std::int64_t> key_of(const Params& params, std::string_view name) {
    const std::string_view s = find_field(params, name).value_or("");
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return v;
}

// The history, or nothing when the child has no such event (nothing is audited then).
std::optional<app::EventHistory> history_of(AppContext& ctx, const app::ChildRef& child,
                                            std::optional<std::int64_t> key, const app::Viewer& viewer) {
    if (!key) return std::nullopt;
    try {
        return app::event_history(ctx.store, child, *key, viewer);
    } catch (const core::Error& e) {
        if (e.kind() != core::ErrorKind::not_found) throw;
        return std::nullopt;
    }
}

Response get_history_page(const Request& req, AppContext& ctx, const Params& params) {
    auto c = child_request(req, ctx, params);
    if (c.gate.refusal) return std::move(*c.gate.refusal);
    const auto& who = *c.gate.who;
    const auto history = history_of(ctx, {c.council, c.child_id}, key_of(params, "event"), *c.viewer);
    if (!history) return error_response(who, 404, "The child has no such event.");
    const std::string back = "/children/" + path_segment(c.council) + "/" + path_segment(c.child_id);
    const core::Event& now = history->current.event;
    std::string correct;
    if (app::may_record(who.user.role, now.type) && now.status != core::EventStatus::cancelled) {
        correct = back + "/events/" + std::to_string(history->current.key) + "/correct";
    }
    return html(200, views::event_history_page(chrome_of(who), *history, ctx.standards.vocabulary, back, correct));
}

json::value text_or_null(const std::string& s) {
    return s.empty() ? json::value(nullptr) : json::value(s);
}

Response get_history_api(const Request& req, AppContext& ctx, const Params& params) {
    auto gate = api_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    const app::ChildRef child{std::string(find_field(params, "council").value_or("")),
                              std::string(find_field(params, "child_id").value_or(""))};
    // A child the user may not see is not found, whether it exists or not (as on the pages).
    if (!app::visible_child(ctx.store, ctx.standards, *gate.user, child.local_authority, child.child_id, ctx.today)) {
        return json_error(404, "no such child", std::string("child_id"));
    }
    const auto history =
        history_of(ctx, child, key_of(params, "key"), {gate.user->name, iso_utc(ctx.now), "api " + req.client});
    if (!history) return json_error(404, "no such event of this child", std::string("key"));
    const auto& vocabulary = ctx.standards.vocabulary;
    const core::Event& now = history->current.event;
    json::array versions;
    for (const auto& v : history->versions) {
        versions.emplace_back(json::object{{"version", v.number},
                                           {"source", app::to_string(v.source)},
                                           {"date", v.event.date.iso()},
                                           {"status", core::to_string(v.event.status)},
                                           {"details", v.event.details},
                                           {"agency", v.event.agency},
                                           {"note", v.event.note},
                                           {"actor", text_or_null(v.change.actor)},
                                           {"at", text_or_null(v.change.at)},
                                           {"reason", text_or_null(v.change.reason)}});
    }
    return json_response(200, json::object{{"local_authority", child.local_authority},
                                           {"child_id", child.child_id},
                                           {"key", history->current.key},
                                           {"event", vocabulary.name(now.type)},
                                           {"label", vocabulary.spec(now.type).label},
                                           {"event_id", now.event_id},
                                           {"status", core::to_string(now.status)},
                                           {"version", std::to_string(app::event_version(vocabulary, now))},
                                           {"versions", std::move(versions)}});
}

}  // namespace

void add_event_history_routes(Router& r) {
    r.add("GET", "/children/{council}/{child_id}/events/{event}/history", get_history_page);
    r.add("GET", "/api/v1/children/{council}/{child_id}/events/{key}/history", get_history_api);
}

}  // namespace waymark::web
