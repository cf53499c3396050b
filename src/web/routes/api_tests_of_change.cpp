// Tests of change in the JSON API (docs/api.md): the user's council's tests with their measures
// and status, one test with its PDSA cycles, and a cycle added or filled in. Tests of change are
// aggregate improvement work and name no child, so every role with a token reads its council's
// (as on the pages, web/routes/tests_of_change.cpp); those app::may_edit_tests_of_change allows
// record cycles, checked as the page's form checks them, each problem naming its field.
#include "app/improvement_roles.hpp"
#include "app/tests_of_change.hpp"
#include "core/error.hpp"
#include "web/routes/api.hpp"
#include "web/routes/handlers.hpp"
#include "web/views/html.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>

namespace waymark::web {

namespace json = boost::json;

namespace {

json::value text_or_null(const std::string& s) {
    return s.empty() ? json::value(nullptr) : json::value(s);
}

json::value date_or_null(const std::optional<core::Date>& d) {
    return d ? json::value(d->iso()) : json::value(nullptr);
}

std::string test_path(const core::TestOfChange& t) {
    return "/api/v1/tests-of-change/" + path_segment(t.reference);
}

// A test's own fields, as `waymark pdsa show --format json` gives them, and its status.
json::object test_json(const core::TestOfChange& t) {
    json::object o = test_of_change_json(t);
    o["status"] = core::status_words(t);
    o["decision"] = decision_json(t);
    o["cycle_count"] = t.cycles.size();
    o["href"] = test_path(t);
    return o;
}

// The council's test the address names (another council's is not found either).
std::optional<core::TestOfChange> test_of(AppContext& ctx, const app::User& user, const Params& params) {
    const std::string reference(find_field(params, "reference").value_or(""));
    auto found = ctx.store.tests_of_change().find_tests({user.local_authority, reference, std::nullopt});
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
}

Response get_tests(const Request& req, AppContext& ctx, const Params&) {
    auto gate = any_role_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    const auto& la = gate.user->local_authority;
    json::array tests;
    for (const auto& t : ctx.store.tests_of_change().find_tests({la, std::nullopt, std::nullopt})) {
        tests.emplace_back(test_json(t));
    }
    return json_response(200, json::object{{"local_authority", la}, {"tests", std::move(tests)}});
}

Response get_test(const Request& req, AppContext& ctx, const Params& params) {
    auto gate = any_role_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    const auto test = test_of(ctx, *gate.user, params);
    if (!test) return json_error(404, "no such test of change in your council", std::string("reference"));
    json::object body = test_json(*test);
    json::array cycles;
    for (const auto& c : test->cycles) cycles.emplace_back(cycle_json(c));
    body["cycles"] = std::move(cycles);
    return json_response(200, body);
}

// {"error", "field"} for the first problem, and every problem in "errors".
Response problems_response(const std::vector<core::FieldProblem>& problems) {
    json::array errors;
    for (const auto& p : problems) errors.emplace_back(json::object{{"error", p.message}, {"field", p.field}});
    return json_response(422, json::object{{"error", problems.front().message},
                                           {"field", problems.front().field},
                                           {"errors", std::move(errors)}});
}

// The body's fields into the update; a problem for each field that is not right.
std::vector<core::FieldProblem> read_cycle(const json::object& body, const core::TestOfChange& test,
                                           app::CycleUpdate& u) {
    std::vector<core::FieldProblem> problems;
    const std::pair<const char*, std::optional<std::string>*> texts[] = {
        {"plan", &u.plan}, {"do", &u.do_text}, {"study", &u.study}, {"act", &u.act}};
    const std::pair<const char*, std::optional<core::Date>*> dates[] = {
        {"plan_date", &u.plan_date}, {"do_date", &u.do_date}, {"study_date", &u.study_date}, {"act_date", &u.act_date}};
    for (const auto& member : body) {
        const std::string key(member.key());
        const json::value& value = member.value();
        if (value.is_null()) continue;  // as not given
        if (key == "cycle") {
            const auto it = std::find_if(test.cycles.begin(), test.cycles.end(), [&](const core::PdsaCycle& c) {
                return value.is_int64() && c.number == value.as_int64();
            });
            if (it == test.cycles.end()) {
                problems.push_back({"cycle",
                                    "cycle must be the number of one of the test's cycles, or null for a new "
                                    "cycle"});
            } else {
                u.number = it->number;
            }
            continue;
        }
        const auto* t = std::find_if(std::begin(texts), std::end(texts), [&](const auto& f) { return key == f.first; });
        const auto* d = std::find_if(std::begin(dates), std::end(dates), [&](const auto& f) { return key == f.first; });
        if (t == std::end(texts) && d == std::end(dates)) {
            problems.push_back({key, "unknown field '" + key +
                                         "' (expected cycle, plan, plan_date, do, do_date, study, study_date, act, "
                                         "act_date)"});
            continue;
        }
        if (!value.is_string()) {
            problems.push_back({key, key + " must be a string"});
            continue;
        }
        std::string_view trimmed = value.as_string();
        while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.front()))) trimmed.remove_prefix(1);
        while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back()))) trimmed.remove_suffix(1);
        if (trimmed.empty()) continue;  // as the form: a stage left empty keeps what is stored
        if (t != std::end(texts)) {
            *t->second = std::string(trimmed);
        } else if (const auto date = core::Date::try_parse(trimmed, true)) {
            *d->second = *date;
        } else {
            problems.push_back({key, key + " must be a real date, for example 2026-03-15 or 15/03/2026"});
        }
    }
    return problems;
}

// POST: {"cycle": N or null, "plan", "plan_date", "do", "do_date", "study", "study_date", "act",
// "act_date"}: a new cycle, or the stages given of stored cycle N.
Response post_cycle(const Request& req, AppContext& ctx, const Params& params) {
    auto gate = any_role_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    const app::User& user = *gate.user;
    if (!app::may_edit_tests_of_change(user.role)) {
        return json_error(403, "this role may read tests of change but not change them", std::nullopt);
    }
    const auto test = test_of(ctx, user, params);
    if (!test) return json_error(404, "no such test of change in your council", std::string("reference"));
    boost::system::error_code ec;
    const json::value body = json::parse(req.body, ec);
    if (ec) return json_error(400, "the body is not JSON: " + ec.message(), std::nullopt);
    if (!body.is_object()) return json_error(400, "the body is not a JSON object (a cycle)", std::nullopt);
    app::CycleUpdate u;
    auto problems = read_cycle(body.as_object(), *test, u);
    if (problems.empty()) problems = core::check_cycle(app::cycle_to_record(*test, u));
    if (!problems.empty()) return problems_response(problems);
    const auto cycle = app::record_cycle(ctx.store.tests_of_change(), test->reference, test->local_authority, u,
                                         {user.name, iso_utc(ctx.now), "api " + req.client});
    Response r = json_response(u.number ? 200 : 201, cycle_json(cycle));
    r.set("Location", test_path(*test));
    return r;
}

}  // namespace

void add_api_tests_of_change_routes(Router& r) {
    r.add("GET", "/api/v1/tests-of-change", get_tests);
    // A reference may hold '/', so it takes the rest of the path, after the cycles' address.
    r.add("POST", "/api/v1/tests-of-change/cycles/{reference...}", post_cycle);
    r.add("GET", "/api/v1/tests-of-change/{reference...}", get_test);
}

json::object test_of_change_json(const core::TestOfChange& t) {
    json::array measures;
    for (const auto& m : t.measures) measures.emplace_back(m);
    return json::object{{"local_authority", t.local_authority},
                        {"reference", t.reference},
                        {"title", t.title},
                        {"aim", t.aim},
                        {"agency", text_or_null(t.agency)},
                        {"change_idea", t.change_idea},
                        {"rationale", text_or_null(t.rationale)},
                        {"prediction", text_or_null(t.prediction)},
                        {"start_date", t.start_date.iso()},
                        {"measures", std::move(measures)}};
}

json::value decision_json(const core::TestOfChange& t) {
    if (!t.decision) return nullptr;
    return json::object{{"decision", core::to_string(t.decision->decision)},
                        {"date", t.decision->on.iso()},
                        {"reason", t.decision->reason}};
}

json::object cycle_json(const core::PdsaCycle& c) {
    return json::object{{"cycle", c.number},
                        {"plan", c.plan},
                        {"plan_date", date_or_null(c.plan_date)},
                        {"do", text_or_null(c.do_text)},
                        {"do_date", date_or_null(c.do_date)},
                        {"study", text_or_null(c.study)},
                        {"study_date", date_or_null(c.study_date)},
                        {"act", text_or_null(c.act)},
                        {"act_date", date_or_null(c.act_date)}};
}

}  // namespace waymark::web
