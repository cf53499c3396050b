// The authorisation matrix: every role (and no one) against every route built so far, for a
// child of the user's own council and one of another council. A user of one council never
// learns that another council's child exists: the other council's C1 exists, and is 404.
#include "support/web_fixture.hpp"

namespace {

using waymark::app::Role;
using waymark::test::kOther;
using waymark::test::kOwn;

// Columns: social worker, team manager, reviewing officer, legal, improvement advisor,
// administrator, national analyst, not signed in.
struct Row {
    const char* method;
    const char* target;  // {own} and {other} are replaced by the councils
    int expected[8];
};

constexpr Row kMatrix[] = {
    //                                          sw   tm   iro  leg  ia   adm  nat  anon
    {"GET", "/", {303, 303, 303, 303, 200, 200, 200, 303}},
    {"GET", "/sign-in", {303, 303, 303, 303, 303, 303, 303, 200}},
    {"GET", "/children", {200, 200, 200, 200, 403, 403, 403, 303}},
    {"GET", "/children/{own}/C1", {200, 200, 200, 200, 403, 403, 403, 303}},
    {"GET", "/children/{own}/NOSUCH", {404, 404, 404, 404, 403, 403, 403, 303}},
    {"GET", "/children/{other}/C1", {404, 404, 404, 404, 403, 403, 403, 303}},
    {"GET", "/children/{own}/C1/timeline.pdf", {200, 200, 200, 200, 403, 403, 403, 303}},
    {"GET", "/children/{own}/NOSUCH/timeline.pdf", {404, 404, 404, 404, 403, 403, 403, 303}},
    {"GET", "/children/{other}/C1/timeline.pdf", {404, 404, 404, 404, 403, 403, 403, 303}},
    {"GET", "/children/{own}/C1/chronology.csv", {200, 200, 200, 200, 403, 403, 403, 303}},
    {"GET", "/children/{own}/C1/chronology.pdf", {200, 200, 200, 200, 403, 403, 403, 303}},
    {"GET", "/children/{own}/NOSUCH/chronology.csv", {404, 404, 404, 404, 403, 403, 403, 303}},
    {"GET", "/children/{other}/C1/chronology.csv", {404, 404, 404, 404, 403, 403, 403, 303}},
    {"GET", "/children/{other}/C1/chronology.pdf", {404, 404, 404, 404, 403, 403, 403, 303}},
    {"POST", "/sign-out", {303, 303, 303, 303, 303, 303, 303, 303}},
    {"GET", "/api/v1/children", {200, 200, 200, 200, 403, 403, 403, 401}},
    {"GET", "/api/v1/measures", {200, 200, 200, 200, 200, 200, 200, 401}},
    {"GET", "/api/v1/measures/in-drift", {200, 200, 200, 200, 200, 200, 200, 401}},
    {"GET", "/api/v1/children/{own}/C1", {200, 200, 200, 200, 403, 403, 403, 401}},
    {"GET", "/api/v1/children/{own}/NOSUCH", {404, 404, 404, 404, 403, 403, 403, 401}},
    {"GET", "/api/v1/children/{other}/C1", {404, 404, 404, 404, 403, 403, 403, 401}},
    // Measures: aggregates, for every role.
    {"GET", "/measures", {200, 200, 200, 200, 200, 200, 200, 303}},
    {"GET", "/measures/in-drift", {200, 200, 200, 200, 200, 200, 200, 303}},
    {"GET", "/measures/in-drift.csv", {200, 200, 200, 200, 200, 200, 200, 303}},
    {"GET", "/measures/in-drift.xlsx", {200, 200, 200, 200, 200, 200, 200, 303}},
    {"GET", "/measures/in-drift.png", {200, 200, 200, 200, 200, 200, 200, 303}},
    {"GET", "/measures/no-such-measure", {404, 404, 404, 404, 404, 404, 404, 303}},
    {"GET", "/measures/in-drift.pdf", {404, 404, 404, 404, 404, 404, 404, 303}},
    // Tests of change: every role reads its council's; advisors and team managers change them
    // (a form with nothing but its token comes back with its problems: 400). Each council has a
    // test T-{its code}.
    {"GET", "/tests-of-change", {200, 200, 200, 200, 200, 200, 200, 303}},
    {"GET", "/tests-of-change/new", {403, 200, 403, 403, 200, 403, 403, 303}},
    {"POST", "/tests-of-change", {403, 400, 403, 403, 400, 403, 403, 303}},
    {"GET", "/tests-of-change/T-{own}", {200, 200, 200, 200, 200, 200, 200, 303}},
    {"GET", "/tests-of-change/T-{other}", {404, 404, 404, 404, 404, 404, 404, 303}},
    {"POST", "/tests-of-change/cycles/T-{own}", {403, 400, 403, 403, 400, 403, 403, 303}},
    {"POST", "/tests-of-change/cycles/T-{other}", {403, 404, 403, 403, 404, 403, 403, 303}},
    {"POST", "/tests-of-change/decision/T-{own}", {403, 400, 403, 403, 400, 403, 403, 303}},
    {"POST", "/tests-of-change/decision/T-{other}", {403, 404, 403, 403, 404, 403, 403, 303}},
    // The same in the API (api_tests_of_change.cpp): a POST of {} is a cycle without a plan (422).
    {"GET", "/api/v1/tests-of-change", {200, 200, 200, 200, 200, 200, 200, 401}},
    {"GET", "/api/v1/tests-of-change/T-{own}", {200, 200, 200, 200, 200, 200, 200, 401}},
    {"GET", "/api/v1/tests-of-change/T-{other}", {404, 404, 404, 404, 404, 404, 404, 401}},
    {"POST", "/api/v1/tests-of-change/cycles/T-{own}", {403, 422, 403, 403, 422, 403, 403, 401}},
    {"POST", "/api/v1/tests-of-change/cycles/T-{other}", {403, 404, 403, 403, 404, 403, 403, 401}},
    // Caseloads, the dashboard and reallocation (a social worker, reviewing officer and legal
    // user have no council-wide scope; only a team manager reallocates).
    {"GET", "/children?scope=council", {400, 200, 400, 400, 403, 403, 403, 303}},
    {"GET", "/children?scope=team", {200, 200, 400, 400, 403, 403, 403, 303}},
    {"GET", "/api/v1/children?scope=council", {400, 200, 400, 400, 403, 403, 403, 401}},
    {"GET", "/dashboard", {200, 200, 200, 200, 403, 403, 403, 303}},
    {"GET", "/dashboard?scope=council", {400, 200, 400, 400, 403, 403, 403, 303}},
    {"GET", "/children/{own}/C1/allocation", {403, 200, 403, 403, 403, 403, 403, 303}},
    {"GET", "/children/{own}/NOSUCH/allocation", {404, 404, 404, 404, 403, 403, 403, 303}},
    {"GET", "/children/{other}/C1/allocation", {404, 404, 404, 404, 403, 403, 403, 303}},
    // The matrix posts the CSRF token and no worker: a team manager's form comes back (400).
    {"POST", "/children/{own}/C1/allocation", {403, 400, 403, 403, 403, 403, 403, 303}},
    {"POST", "/children/{other}/C1/allocation", {404, 404, 404, 404, 403, 403, 403, 303}},
    // Recording events (events.cpp): a POST with the session's token but nothing else filled in
    // is an incomplete form (422) for the roles that record; the rest are refused.
    {"GET", "/children/{own}/C1/events/new", {200, 200, 200, 200, 403, 403, 403, 303}},
    {"GET", "/children/{own}/NOSUCH/events/new", {404, 404, 404, 404, 403, 403, 403, 303}},
    {"GET", "/children/{other}/C1/events/new", {404, 404, 404, 404, 403, 403, 403, 303}},
    {"POST", "/children/{own}/C1/events", {422, 422, 422, 422, 403, 403, 403, 303}},
    {"POST", "/children/{other}/C1/events", {404, 404, 404, 404, 403, 403, 403, 303}},
    // The accommodation: social workers and managers change it; reviewing officers and legal
    // services may not (they record reviews, and legal steps).
    {"GET", "/children/{own}/C1/events/{event}/correct", {200, 200, 403, 403, 403, 403, 403, 303}},
    {"GET", "/children/{own}/C1/events/{event}/cancel", {200, 200, 403, 403, 403, 403, 403, 303}},
    {"GET", "/children/{other}/C1/events/{event}/cancel", {404, 404, 404, 404, 403, 403, 403, 303}},
    {"GET", "/children/{own}/C2/events/{event}/cancel", {404, 404, 404, 404, 403, 403, 403, 303}},
    {"POST", "/children/{own}/C1/events/{event}/correct", {422, 422, 403, 403, 403, 403, 403, 303}},
    {"POST", "/children/{own}/C1/events/{event}/cancel", {422, 422, 403, 403, 403, 403, 403, 303}},
    {"POST", "/children/{other}/C1/events/{event}/cancel", {404, 404, 404, 404, 403, 403, 403, 303}},
    {"GET", "/api/v1/children/{own}/C1/events", {200, 200, 200, 200, 403, 403, 403, 401}},
    {"GET", "/api/v1/children/{other}/C1/events", {404, 404, 404, 404, 403, 403, 403, 401}},
    {"POST", "/api/v1/children/{own}/C1/events", {422, 422, 422, 422, 403, 403, 403, 401}},
    {"POST", "/api/v1/children/{other}/C1/events", {404, 404, 404, 404, 403, 403, 403, 401}},
    {"GET", "/api/v1/children/{own}/C1/events/{event}", {200, 200, 200, 200, 403, 403, 403, 401}},
    {"GET", "/api/v1/children/{other}/C1/events/{event}", {404, 404, 404, 404, 403, 403, 403, 401}},
    {"GET", "/api/v1/children/{own}/C1/clocks", {200, 200, 200, 200, 403, 403, 403, 401}},
    {"GET", "/api/v1/children/{other}/C1/clocks", {404, 404, 404, 404, 403, 403, 403, 401}},
    // C3 is restricted and held by Team B's worker alone: none of these users sees it, in the
    // API as on the pages.
    {"GET", "/api/v1/children/{own}/C3/events", {404, 404, 404, 404, 403, 403, 403, 401}},
    {"POST", "/api/v1/children/{own}/C3/events", {404, 404, 404, 404, 403, 403, 403, 401}},
    {"GET", "/api/v1/children/{own}/C3/clocks", {404, 404, 404, 404, 403, 403, 403, 401}},
    // R1-R4 are restricted as C3 is, each by another route (Authorisation::SetUp): the plan's
    // is C3's; a permanence recommendation, a panel's recommendation, an order granted (poa,
    // adoption). Held by Team B's worker alone: none of these users sees them, anywhere.
    {"GET", "/children/{own}/C3", {404, 404, 404, 404, 403, 403, 403, 303}},
    {"GET", "/children/{own}/R1", {404, 404, 404, 404, 403, 403, 403, 303}},
    {"GET", "/children/{own}/R2", {404, 404, 404, 404, 403, 403, 403, 303}},
    {"GET", "/children/{own}/R3", {404, 404, 404, 404, 403, 403, 403, 303}},
    {"GET", "/children/{own}/R4", {404, 404, 404, 404, 403, 403, 403, 303}},
    {"GET", "/children/{own}/R1/timeline.pdf", {404, 404, 404, 404, 403, 403, 403, 303}},
    {"GET", "/children/{own}/R2/timeline.pdf", {404, 404, 404, 404, 403, 403, 403, 303}},
    {"GET", "/children/{own}/R3/timeline.pdf", {404, 404, 404, 404, 403, 403, 403, 303}},
    {"GET", "/children/{own}/R4/timeline.pdf", {404, 404, 404, 404, 403, 403, 403, 303}},
    {"GET", "/children/{own}/R1/chronology.csv", {404, 404, 404, 404, 403, 403, 403, 303}},
    {"GET", "/children/{own}/R1/chronology.pdf", {404, 404, 404, 404, 403, 403, 403, 303}},
    {"GET", "/api/v1/children/{own}/R1/events", {404, 404, 404, 404, 403, 403, 403, 401}},
    {"GET", "/api/v1/children/{own}/R2/events", {404, 404, 404, 404, 403, 403, 403, 401}},
    {"GET", "/api/v1/children/{own}/R3/events", {404, 404, 404, 404, 403, 403, 403, 401}},
    {"GET", "/api/v1/children/{own}/R4/events", {404, 404, 404, 404, 403, 403, 403, 401}},
    {"GET", "/api/v1/children/{own}/R1/clocks", {404, 404, 404, 404, 403, 403, 403, 401}},
    {"GET", "/api/v1/children/{own}/R2/clocks", {404, 404, 404, 404, 403, 403, 403, 401}},
    {"GET", "/api/v1/children/{own}/R3/clocks", {404, 404, 404, 404, 403, 403, 403, 401}},
    {"GET", "/api/v1/children/{own}/R4/clocks", {404, 404, 404, 404, 403, 403, 403, 401}},
    {"GET", "/api/v1/due", {200, 200, 200, 200, 403, 403, 403, 401}},
    // An event's history (event_history.cpp): whoever sees the child sees it.
    {"GET", "/children/{own}/C1/events/{event}/history", {200, 200, 200, 200, 403, 403, 403, 303}},
    {"GET", "/children/{own}/C2/events/{event}/history", {404, 404, 404, 404, 403, 403, 403, 303}},
    {"GET", "/children/{other}/C1/events/{event}/history", {404, 404, 404, 404, 403, 403, 403, 303}},
    {"GET", "/api/v1/children/{own}/C1/events/{event}/history", {200, 200, 200, 200, 403, 403, 403, 401}},
    {"GET", "/api/v1/children/{own}/C2/events/{event}/history", {404, 404, 404, 404, 403, 403, 403, 401}},
    {"GET", "/api/v1/children/{other}/C1/events/{event}/history", {404, 404, 404, 404, 403, 403, 403, 401}},
    // Administration and import by upload.
    {"GET", "/admin", {403, 403, 403, 403, 403, 200, 403, 303}},
    {"GET", "/admin/users", {403, 403, 403, 403, 403, 200, 403, 303}},
    {"POST", "/admin/users", {403, 403, 403, 403, 403, 400, 403, 303}},  // the form is empty: 400
    {"GET", "/admin/teams", {403, 403, 403, 403, 403, 200, 403, 303}},
    {"POST", "/admin/teams", {403, 403, 403, 403, 403, 400, 403, 303}},  // the form is empty: 400
    {"GET", "/admin/standards", {403, 403, 403, 403, 403, 200, 403, 303}},
    {"GET", "/admin/audit", {403, 403, 403, 403, 403, 200, 403, 303}},
    // Restricted records: an administrator lifts one (the form is empty: 400).
    {"GET", "/admin/restrictions", {403, 403, 403, 403, 403, 200, 403, 303}},
    {"POST", "/admin/restrictions", {403, 403, 403, 403, 403, 400, 403, 303}},
    {"POST", "/admin/users/{other_user}/unlock", {403, 403, 403, 403, 403, 404, 403, 303}},
    {"POST", "/admin/users/{other_user}/disable", {403, 403, 403, 403, 403, 404, 403, 303}},
    {"POST", "/admin/users/{other_user}/enable", {403, 403, 403, 403, 403, 404, 403, 303}},
    {"POST", "/admin/users/{own_user}/unlock", {403, 403, 403, 403, 403, 303, 403, 303}},
    {"POST", "/admin/users/{own_user}/disable", {403, 403, 403, 403, 403, 303, 403, 303}},
    {"POST", "/admin/users/{own_user}/enable", {403, 403, 403, 403, 403, 303, 403, 303}},
    // A reset is confirmed on its own page, then redirects (303) to the page that shows the new
    // one-time password once, for the own council only.
    {"GET", "/admin/users/{other_user}/reset-password", {403, 403, 403, 403, 403, 404, 403, 303}},
    {"GET", "/admin/users/{own_user}/reset-password", {403, 403, 403, 403, 403, 200, 403, 303}},
    {"POST", "/admin/users/{other_user}/reset-password", {403, 403, 403, 403, 403, 404, 403, 303}},
    {"POST", "/admin/users/{own_user}/reset-password", {403, 403, 403, 403, 403, 303, 403, 303}},
    {"GET", "/admin/users/{other_user}/password-reset", {403, 403, 403, 403, 403, 404, 403, 303}},
    {"GET", "/admin/users/{own_user}/password-reset", {403, 403, 403, 403, 403, 200, 403, 303}},
    // A user's edit page (role, team, display name); the form is empty: 400.
    {"GET", "/admin/users/{other_user}/edit", {403, 403, 403, 403, 403, 404, 403, 303}},
    {"GET", "/admin/users/{own_user}/edit", {403, 403, 403, 403, 403, 200, 403, 303}},
    {"POST", "/admin/users/{other_user}/edit", {403, 403, 403, 403, 403, 404, 403, 303}},
    {"POST", "/admin/users/{own_user}/edit", {403, 403, 403, 403, 403, 400, 403, 303}},
    // The reset above left the victim (a social worker) waiting for a second administrator: the
    // administrator who reset cannot approve it (403); another council's user is not found.
    {"POST", "/admin/users/{other_user}/approve", {403, 403, 403, 403, 403, 404, 403, 303}},
    {"POST", "/admin/users/{own_user}/approve", {403, 403, 403, 403, 403, 403, 403, 303}},
    // Revoking an API token: an administrator, of a token of their own council's user.
    {"POST", "/admin/users/{other_user}/tokens/999999/revoke", {403, 403, 403, 403, 403, 404, 403, 303}},
    {"POST", "/admin/users/{own_user}/tokens/999999/revoke", {403, 403, 403, 403, 403, 404, 403, 303}},
    // One's own password: every role (a form with nothing but its token comes back: 400).
    {"GET", "/account/password", {200, 200, 200, 200, 200, 200, 200, 303}},
    {"POST", "/account/password", {400, 400, 400, 400, 400, 400, 400, 303}},
    // One's own sessions and API tokens: every role (ASVS V3.3.4); a token not one's own is 404.
    {"GET", "/account/sessions", {200, 200, 200, 200, 200, 200, 200, 303}},
    {"POST", "/account/sessions/end-others", {303, 303, 303, 303, 303, 303, 303, 303}},
    {"POST", "/account/tokens/999999/revoke", {404, 404, 404, 404, 404, 404, 404, 303}},
    {"GET", "/import", {403, 200, 403, 403, 403, 200, 403, 303}},
    {"POST", "/import", {403, 400, 403, 403, 403, 400, 403, 303}},  // not multipart: 400
};

// The restricted children of kOwn, one for each restricting route.
constexpr const char* kRestricted[] = {"C3", "R1", "R2", "R3", "R4"};

// {own_user} and {other_user} are users of those councils whom an administrator acts on;
// {event} is the key of the accommodation of {own}'s C1 (or, for {other}, of own's C1: an event
// of another council under its address is as unknown as the child).
std::string fill(std::string target, const std::string& own, const std::string& other,
                 const std::map<std::string, std::string>& users = {}, const std::string& event = "1") {
    const std::string own_user = users.count(own) ? users.at(own) : "own_user";
    const std::string other_user = users.count(other) ? users.at(other) : "other_user";
    for (const auto& [key, value] : {std::pair<std::string, std::string>{"{own_user}", own_user},
                                     {"{other_user}", other_user},
                                     {"{own}", own},
                                     {"{other}", other},
                                     {"{event}", event}}) {
        if (const auto at = target.find(key); at != std::string::npos) target.replace(at, key.size(), value);
    }
    return target;
}

class Authorisation : public waymark::test::WebTest {
protected:
    void SetUp() override {
        WebTest::SetUp();
        for (const char* council : {kOwn, kOther}) {
            waymark::core::TestOfChange t;
            t.local_authority = council;
            t.reference = std::string("T-") + council;
            t.title = "Huddles";
            t.aim = "Less drift";
            t.change_idea = "Weekly huddles";
            t.start_date = waymark::core::Date::parse("2026-01-05");
            t.measures = {"in-drift"};
            store_->tests_of_change().add_test(t, "2026-01-05T09:00:00Z");
        }
        // Restricted records of kOwn, one for each restricting route other than the plan (C3's),
        // held by Team B's worker alone.
        write("restricted_children.csv",
              "child_id,local_authority,given_name,family_name,date_of_birth\n"
              "R1,S12000049,Rona,Test,2020-01-01\nR2,S12000049,Rhona,Test,2020-01-01\n"
              "R3,S12000049,Ruaridh,Test,2020-01-01\nR4,S12000049,Ross,Test,2020-01-01\n");
        write("restricted_events.csv",
              "child_id,local_authority,date,event,details\n"
              "R1,S12000049,2026-03-01,accommodated,placement=foster\n"
              "R1,S12000049,2026-09-01,permanence_recommendation,route=poa\n"
              "R2,S12000049,2026-03-01,accommodated,placement=foster\n"
              "R2,S12000049,2026-09-01,permanence_panel,recommendation=adoption\n"
              "R3,S12000049,2026-03-01,accommodated,placement=foster\n"
              "R3,S12000049,2026-09-01,order_granted,order=poa\n"
              "R4,S12000049,2026-03-01,accommodated,placement=foster\n"
              "R4,S12000049,2026-09-01,order_granted,order=adoption\n");
        waymark::app::ImportOptions o;
        o.children_path = (dir_ / "restricted_children.csv").string();
        o.events_path = (dir_ / "restricted_events.csv").string();
        o.today = waymark::core::Date::parse("2026-11-26");
        waymark::app::import_files(*store_, standards_.vocabulary, o);
        std::vector<waymark::app::AllocationRequest> held;
        for (const char* child : kRestricted) held.push_back({kOwn, child, "worker_b@S12000049", "", ""});
        waymark::app::allocate(*store_, held, {"fixture", "2027-01-14T08:00:00Z", "test"});
        // In each council a user whom no column signs in as, for the routes that change a user
        // (its access is taken away once, by its own council's administrator).
        for (const char* council : {kOwn, kOther}) {
            waymark::app::User u;
            u.name = std::string("victim@") + council;
            u.local_authority = council;
            u.password_hash = "unused";
            victims_[council] = std::to_string(store_->add_user(u));
        }
    }

    // The key of the council's C1's accommodation (the fixture's one event of that child).
    std::int64_t accommodation(const std::string& council) {
        std::int64_t key = 0;
        store_->for_each_journey(
            {council, "C1", true, {}},
            [&](const waymark::core::ChildRecord&, std::span<const waymark::core::Event> es) { key = es.front().seq; });
        return key;
    }
    std::map<std::string, std::string> victims_;

    int status(const Row& row, std::optional<Role> role, const std::string& own, const std::string& other) {
        const std::string target = fill(row.target, own, other, victims_, std::to_string(accommodation(own)));
        if (target.starts_with("/api/")) {
            const std::string token =
                role ? waymark::app::create_api_token(*store_, user_name(*role, own), kNow) : std::string();
            if (std::string(row.method) == "POST") {
                waymark::web::Request r{"POST", target, {{"content-type", "application/json"}}, "{}", {}};
                if (!token.empty()) r.headers.emplace_back("authorization", "Bearer " + token);
                return send(r).status;
            }
            return api(target, token).status;
        }
        Session s;
        if (role) s = session_for(user_name(*role, own));
        if (std::string(row.method) == "POST") {
            return post(target, "csrf=" + s.csrf, s.token.empty() ? "" : "waymark_session=" + s.token).status;
        }
        return get(target, s.token).status;
    }
};

TEST_F(Authorisation, EveryRoleAgainstEveryRouteInBothCouncils) {
    // Each council's users against their own council and the other: the table holds both ways.
    for (const auto& [own, other] : {std::pair<std::string, std::string>{kOwn, kOther}, {kOther, kOwn}}) {
        for (const Row& row : kMatrix) {
            for (std::size_t col = 0; col < 8; ++col) {
                const std::optional<Role> role =
                    col < 7 ? std::optional<Role>(waymark::app::kAllRoles[col]) : std::nullopt;
                EXPECT_EQ(status(row, role, own, other), row.expected[col])
                    << row.method << " " << fill(row.target, own, other, victims_) << " as "
                    << (role ? waymark::app::to_string(*role) : "no one") << " of " << own;
            }
        }
    }
}

TEST_F(Authorisation, ARestrictedChildIsSeenOnlyByThoseNamedAndTheirTeamsManager) {
    // Team A's manager and worker are of the council but not of the holder's team; Team B's
    // worker holds the children and Team B's manager manages that worker.
    const std::pair<std::string, int> users[] = {{user_name(Role::team_manager), 404},
                                                 {user_name(Role::social_worker), 404},
                                                 {"worker_b@S12000049", 200},
                                                 {"manager_b@S12000049", 200}};
    for (const char* child : kRestricted) {
        std::int64_t event = 0;
        store_->for_each_journey({kOwn, child, true, {}},
                                 [&](const waymark::core::ChildRecord&, std::span<const waymark::core::Event> es) {
                                     event = es.back().seq;  // the restricting event
                                 });
        ASSERT_NE(event, 0) << child;
        const std::string base = std::string("/children/") + kOwn + "/" + child;
        const std::string history = "/events/" + std::to_string(event) + "/history";
        for (const auto& [name, expected] : users) {
            const auto s = session_for(name);
            for (const std::string& page : {base, base + "/timeline.pdf", base + history}) {
                EXPECT_EQ(get(page, s.token).status, expected) << name << " " << page;
            }
            const auto token = waymark::app::create_api_token(*store_, name, kNow);
            for (const std::string& call : {"/api/v1" + base, "/api/v1" + base + "/events",
                                            "/api/v1" + base + "/clocks", "/api/v1" + base + history}) {
                EXPECT_EQ(api(call, token).status, expected) << name << " " << call;
            }
        }
    }
}

TEST_F(Authorisation, AnotherCouncilsChildLooksExactlyLikeNoChild) {
    const auto s = session_for(user_name(Role::social_worker));
    const auto exists_elsewhere = get(std::string("/children/") + kOther + "/C1", s.token);
    const auto exists_nowhere = get(std::string("/children/") + kOther + "/NOSUCH", s.token);
    EXPECT_EQ(exists_elsewhere.status, 404);
    EXPECT_EQ(exists_elsewhere.body, exists_nowhere.body);
    EXPECT_EQ(exists_elsewhere.body.find("Ishbel"), std::string::npos);
    const auto token = waymark::app::create_api_token(*store_, user_name(Role::social_worker), kNow);
    EXPECT_EQ(api(std::string("/api/v1/children/") + kOther + "/C1", token).body,
              api(std::string("/api/v1/children/") + kOther + "/NOSUCH", token).body);
}

TEST_F(Authorisation, AnImprovementAdvisorNeverSeesANameAndNothingIsAudited) {
    const auto s = session_for(user_name(Role::improvement_advisor));
    const auto before = audit_count();
    for (const std::string target : {"/", "/children", "/children/S12000049/C1", "/children/S12000049/C2", "/measures",
                                     "/measures/in-drift", "/measures/in-drift.csv", "/tests-of-change"}) {
        const auto r = get(target, s.token);
        EXPECT_EQ(r.body.find("Eilidh"), std::string::npos) << target;
        EXPECT_EQ(r.body.find("Munro"), std::string::npos) << target;
        EXPECT_EQ(r.body.find("C1"), std::string::npos) << target;
    }
    EXPECT_EQ(audit_count(), before);
}

}  // namespace
