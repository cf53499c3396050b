// The API's events, clocks and due list (web/routes/api_events.cpp): a POST is an events.csv
// row as JSON, checked as the importer checks one, with the field at fault in every error.
#include "app/event_checks.hpp"
#include "support/web_fixture.hpp"

#include <boost/json.hpp>

namespace {

using waymark::app::Role;
namespace json = boost::json;

class ApiEvents : public waymark::test::WebTest {
protected:
    std::string token(Role role) { return waymark::app::create_api_token(*store_, user_name(role), kNow); }
    static json::object object(const waymark::web::Response& r) { return json::parse(r.body).as_object(); }
    static constexpr const char* kEvents = "/api/v1/children/S12000049/C1/events";
};

TEST_F(ApiEvents, PostRecordsAnEventsCsvRowAndGetListsIt) {
    const auto t = token(Role::reviewing_officer);
    const auto r = post_json(kEvents, t,
                             R"({"date": "2026-10-10", "event": "lar", "details": "kind=standard",
                                 "agency": "social_work", "note": "By the API", "event_id": "IRO-1",
                                 "child_id": "C1", "local_authority": "S12000049"})");
    ASSERT_EQ(r.status, 201) << r.body;
    const auto stored = object(r);
    EXPECT_EQ(stored.at("event").as_string(), "lar");
    EXPECT_EQ(stored.at("status").as_string(), "occurred");
    EXPECT_EQ(stored.at("event_id").as_string(), "IRO-1");
    const std::string location(r.header("Location"));
    EXPECT_EQ(location, std::string(kEvents) + "/" + std::to_string(stored.at("key").as_int64()));
    EXPECT_EQ(api(location, t).status, 200);
    EXPECT_EQ(audit_lines().at(audit_lines().size() - 2),
              "reviewing_officer@S12000049 record_event S12000049 C1 api 192.0.2.1");

    const auto list = api(kEvents, t);
    ASSERT_EQ(list.status, 200);
    const auto events = object(list).at("events").as_array();
    ASSERT_EQ(events.size(), 2U);
    EXPECT_EQ(events[1].at("note").as_string(), "By the API");
    // Its clock is met.
    const auto clocks = object(api("/api/v1/children/S12000049/C1/clocks", t)).at("clocks").as_array();
    bool met = false;
    for (const auto& k : clocks) {
        if (k.at("standard").as_string() == "lar-first") met = k.at("status").as_string() == "met";
    }
    EXPECT_TRUE(met);
    // The same event_id again is a conflict, not a second event.
    const auto again = post_json(kEvents, t, R"({"date": "2026-10-11", "event": "lar", "event_id": "IRO-1"})");
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(object(again).at("field").as_string(), "event_id");
}

// DATA.md: an event_id names one event of one child. Posting another child's event_id is a
// conflict naming the field; nothing is written to either child.
TEST_F(ApiEvents, AnotherChildsEventIdIsAConflictAndNothingMoves) {
    const auto t = token(Role::social_worker);
    ASSERT_EQ(post_json(kEvents, t, R"({"date": "2026-10-10", "event": "lar", "event_id": "IRO-5"})").status, 201);
    const auto c1_before = api(kEvents, t).body;
    const std::string c2_events = "/api/v1/children/S12000049/C2/events";
    const auto c2_before = api(c2_events, t).body;
    const auto r = post_json(c2_events, t, R"({"date": "2026-10-12", "event": "lar", "event_id": "IRO-5"})");
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(object(r).at("field").as_string(), "event_id");
    EXPECT_EQ(api(kEvents, t).body, c1_before);
    EXPECT_EQ(api(c2_events, t).body, c2_before);
}

// DATA.md: the types a chronology starts with may be dated before the date of birth (C1 was
// born on 3 Mar 2019) when recorded through the API as in an import; other types may not.
TEST_F(ApiEvents, PreBirthTypesMayComeBeforeTheDateOfBirthAndOthersMayNot) {
    const auto t = token(Role::social_worker);
    for (const char* type : {"case_conference", "life_event", "legal_advice_requested", "legal_advice_received"}) {
        const auto r = post_json(kEvents, t, std::string(R"({"date": "2018-12-01", "event": ")") + type + "\"}");
        EXPECT_EQ(r.status, 201) << type << ": " << r.body;
    }
    const auto lar = post_json(kEvents, t, R"({"date": "2018-12-01", "event": "lar"})");
    EXPECT_EQ(lar.status, 422) << lar.body;
    EXPECT_EQ(object(lar).at("field").as_string(), "date");
    EXPECT_EQ(object(api(kEvents, t)).at("events").as_array().size(), 5U);
}

TEST_F(ApiEvents, BadInputNamesTheField) {
    const auto t = token(Role::social_worker);
    const auto before = audit_count();
    const auto malformed = post_json(kEvents, t, "{\"date\": ");
    EXPECT_EQ(malformed.status, 400);
    EXPECT_TRUE(object(malformed).at("field").is_null());
    EXPECT_EQ(post_json(kEvents, t, "[1, 2]").status, 400);

    const auto invalid = post_json(kEvents, t, R"({"date": "2026-12-01", "event": "lar", "agency": "council"})");
    EXPECT_EQ(invalid.status, 422);
    const auto o = object(invalid);
    EXPECT_EQ(o.at("field").as_string(), "date");
    EXPECT_NE(std::string(o.at("error").as_string()).find("after today"), std::string::npos);
    ASSERT_EQ(o.at("errors").as_array().size(), 2U);
    EXPECT_EQ(o.at("errors").as_array()[1].at("field").as_string(), "agency");

    EXPECT_EQ(object(post_json(kEvents, t, R"({"date": "2026-10-10", "event": "lar", "colour": "red"})"))
                  .at("field")
                  .as_string(),
              "colour");
    EXPECT_EQ(object(post_json(kEvents, t, R"({"date": 20261010, "event": "lar"})")).at("field").as_string(), "date");
    EXPECT_EQ(object(post_json(kEvents, t, R"({"date": "2026-10-10", "event": "lar", "child_id": "C2"})"))
                  .at("field")
                  .as_string(),
              "child_id");
    EXPECT_EQ(object(post_json(kEvents, t, R"({"date": "2026-10-10", "event": "review"})")).at("field").as_string(),
              "event");
    EXPECT_EQ(audit_count(), before) << "nothing was recorded";
}

TEST_F(ApiEvents, WhoMayRecordWhat) {
    // Legal services may not record a review; an improvement advisor records nothing.
    const auto legal = post_json(kEvents, token(Role::legal), R"({"date": "2026-10-10", "event": "lar"})");
    EXPECT_EQ(legal.status, 403);
    EXPECT_EQ(post_json(kEvents, token(Role::legal), R"({"date": "2026-10-10", "event": "court_hearing"})").status,
              201);
    EXPECT_EQ(post_json(kEvents, token(Role::improvement_advisor), R"({"date": "2026-10-10", "event": "lar"})").status,
              403);
    EXPECT_EQ(post_json(kEvents, "", R"({"date": "2026-10-10", "event": "lar"})").status, 401);
    EXPECT_EQ(post_json("/api/v1/children/S12000033/C1/events", token(Role::social_worker),
                        R"({"date": "2026-10-10", "event": "lar"})")
                  .status,
              404);
}

TEST_F(ApiEvents, DueListsTheCouncilsRunningClocksSoonestFirst) {
    const auto t = token(Role::team_manager);
    const auto r = api("/api/v1/due", t);
    ASSERT_EQ(r.status, 200);
    const auto o = object(r);
    EXPECT_EQ(o.at("within_days").as_int64(), 28);
    const auto& due = o.at("due").as_array();
    ASSERT_FALSE(due.empty());
    std::string last;
    for (const auto& row : due) {
        EXPECT_EQ(row.at("local_authority").as_string(), "S12000049");
        const std::string on(row.at("due_on").as_string());
        EXPECT_LE(last, on);
        EXPECT_LE(on, "2026-12-24");
        const std::string status(row.at("status").as_string());
        EXPECT_TRUE(status == "overdue" || status == "due_soon" || status == "open") << status;
        last = on;
    }
    // A longer window holds at least as much; a bad one names the parameter.
    EXPECT_GE(object(api("/api/v1/due?within=366", t)).at("due").as_array().size(), due.size());
    const auto bad = api("/api/v1/due?within=soon", t);
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(object(bad).at("field").as_string(), "within");
}

// A control character in the JSON's text is refused naming the field (issue 11).
TEST_F(ApiEvents, ControlCharactersAreRefusedNamingTheField) {
    const auto t = token(Role::social_worker);
    const auto r = post_json(kEvents, t, R"({"date": "2026-10-10", "event": "lar", "note": "a\u0000b"})");
    EXPECT_EQ(r.status, 422);
    const auto o = object(r);
    EXPECT_EQ(o.at("field").as_string(), "note");
    EXPECT_NE(std::string(o.at("error").as_string()).find("control character (U+0000)"), std::string::npos);
    EXPECT_EQ(post_json(kEvents, t, R"({"date": "2026-10-10", "event": "lar", "event_id": "E\u00011"})").status, 422);
}

// Issue 13, item 5: a note longer than the cap is refused naming the field, as other bad fields.
TEST_F(ApiEvents, ANoteLongerThanTheCapIsRefusedNamingTheField) {
    const auto t = token(Role::social_worker);
    const std::string over(waymark::app::kMaxNoteCharacters + 1, 'a');
    const auto r = post_json(kEvents, t, R"({"date": "2026-10-10", "event": "lar", "note": ")" + over + R"("})");
    EXPECT_EQ(r.status, 422);
    const auto o = object(r);
    EXPECT_EQ(o.at("field").as_string(), "note");
    EXPECT_NE(std::string(o.at("error").as_string()).find("10,000 characters or fewer; this one has 10,001"),
              std::string::npos);
    const std::string at_cap(waymark::app::kMaxNoteCharacters, 'a');
    EXPECT_EQ(post_json(kEvents, t, R"({"date": "2026-10-10", "event": "lar", "note": ")" + at_cap + R"("})").status,
              201);
}

}  // namespace

namespace {

// ASVS V13.1.5, V13.2.5: a body that is not JSON is refused with 415 before anything is read.
TEST_F(ApiEvents, ABodyThatIsNotJsonIs415) {
    const auto t = token(Role::reviewing_officer);
    const std::string body = R"({"date": "2026-10-10", "event": "lar", "event_id": "IRO-9"})";
    for (const std::string type : {"text/plain", "application/x-www-form-urlencoded", "", "application/jsonx"}) {
        waymark::web::Request r{"POST", kEvents, {{"authorization", "Bearer " + t}}, body, {}};
        if (!type.empty()) r.headers.emplace_back("content-type", type);
        const auto answer = send(r);
        EXPECT_EQ(answer.status, 415) << type;
        EXPECT_EQ(answer.header("Content-Type"), "application/json") << type;
        EXPECT_TRUE(object(answer).at("error").is_string()) << type;
    }
    EXPECT_EQ(object(api(kEvents, t)).at("events").as_array().size(), 1U) << "nothing was recorded";
    // Parameters and any case are fine.
    waymark::web::Request ok{"POST",
                             kEvents,
                             {{"authorization", "Bearer " + t}, {"content-type", "Application/JSON; charset=utf-8"}},
                             body,
                             {}};
    EXPECT_EQ(send(ok).status, 201);
}

// ASVS V14.4.2: every API answer, errors included, is an attachment, never rendered as a page.
TEST_F(ApiEvents, EveryAnswerIsAnAttachment) {
    const auto t = token(Role::reviewing_officer);
    for (const auto& r : {api(kEvents, t), api(kEvents, ""), api("/api/v1/nothing", t),
                          post_json(kEvents, t, "not json"), send({"DELETE", kEvents, {}, {}, {}})}) {
        EXPECT_EQ(r.header("Content-Disposition"), "attachment; filename=\"api.json\"") << r.status;
    }
    EXPECT_EQ(get("/sign-in").header("Content-Disposition"), "") << "pages are shown";
}

// The access log's user: the token's user's id number.
TEST_F(ApiEvents, TheAnswerNamesItsUserByNumberForTheLog) {
    const auto t = token(Role::reviewing_officer);
    const auto user = store_->find_user(user_name(Role::reviewing_officer));
    ASSERT_TRUE(user);
    EXPECT_EQ(api(kEvents, t).user, user->id);
    EXPECT_EQ(api(kEvents, "").user, 0);
}

}  // namespace
