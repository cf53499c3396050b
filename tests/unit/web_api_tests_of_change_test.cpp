// Tests of change in the JSON API (web/routes/api_tests_of_change.cpp): every role reads its own
// council's tests with their measures and status, a test with its cycles, and the editors add or
// fill in a cycle with the page form's checks, each problem naming its field (422).
#include "app/tests_of_change.hpp"
#include "support/test_of_change.hpp"
#include "support/web_fixture.hpp"

#include <boost/json.hpp>

namespace {

using waymark::app::Role;
using waymark::test::kOther;
using waymark::test::kOwn;
namespace core = waymark::core;
namespace json = boost::json;

class ApiTestsOfChange : public waymark::test::WebTest {
protected:
    void SetUp() override {
        WebTest::SetUp();
        auto t = waymark::test::a_test_of_change("PACE-1");
        t.start_date = core::Date::parse("2026-01-05");
        t.cycles.push_back(
            {1, "Five children in team A", core::Date::parse("2026-01-05"), "Four of five", {}, {}, {}, {}, {}});
        store_->tests_of_change().add_test(t, "2026-01-05T09:00:00Z");
        auto decided = waymark::test::a_test_of_change("PACE/2");
        decided.start_date = core::Date::parse("2026-02-01");
        decided.rationale = "";
        decided.decision = core::DecisionRecord{core::Decision::adapt, core::Date::parse("2026-06-01"), "Video"};
        store_->tests_of_change().add_test(decided, "2026-02-01T09:00:00Z");
        auto other = waymark::test::a_test_of_change("SECRET-1");
        other.local_authority = kOther;
        store_->tests_of_change().add_test(other, "2026-01-05T09:00:00Z");
    }
    std::string token(Role role) { return waymark::app::create_api_token(*store_, user_name(role), kNow); }
    static json::object object(const waymark::web::Response& r) { return json::parse(r.body).as_object(); }
    std::vector<core::PdsaCycle> cycles(const std::string& reference) {
        return store_->tests_of_change().find_tests({kOwn, reference, std::nullopt}).front().cycles;
    }
    static constexpr const char* kCycles = "/api/v1/tests-of-change/cycles/PACE-1";
};

TEST_F(ApiTestsOfChange, EveryRoleReadsItsCouncilsTestsWithMeasuresAndStatus) {
    for (Role role : waymark::app::kAllRoles) {
        const auto r = api("/api/v1/tests-of-change", token(role));
        ASSERT_EQ(r.status, 200) << waymark::app::to_string(role);
        const auto body = object(r);
        EXPECT_EQ(body.at("local_authority").as_string(), kOwn);
        const auto& tests = body.at("tests").as_array();
        ASSERT_EQ(tests.size(), 2U) << "another council's test is never listed";
        const auto& first = tests[0].as_object();
        EXPECT_EQ(first.at("reference").as_string(), "PACE-1");
        EXPECT_EQ(first.at("status").as_string(), "testing");
        EXPECT_TRUE(first.at("decision").is_null());
        EXPECT_EQ(first.at("cycle_count").as_int64(), 1);
        EXPECT_EQ(first.at("measures").as_array(), (json::array{"days-to-recommendation", "in-drift"}));
        EXPECT_EQ(first.at("start_date").as_string(), "2026-01-05");
        EXPECT_EQ(first.at("href").as_string(), "/api/v1/tests-of-change/PACE-1");
        const auto& second = tests[1].as_object();
        EXPECT_EQ(second.at("status").as_string(), "adapted");
        EXPECT_EQ(second.at("decision").as_object().at("decision").as_string(), "adapt");
        EXPECT_EQ(second.at("decision").as_object().at("date").as_string(), "2026-06-01");
        EXPECT_TRUE(second.at("rationale").is_null());
        EXPECT_EQ(second.at("href").as_string(), "/api/v1/tests-of-change/PACE%2F2");
        EXPECT_EQ(r.body.find("SECRET"), std::string::npos);
    }
    EXPECT_EQ(api("/api/v1/tests-of-change", "").status, 401);
}

TEST_F(ApiTestsOfChange, OneTestWithItsCycles) {
    const auto t = token(Role::national_analyst);
    const auto r = api("/api/v1/tests-of-change/PACE-1", t);
    ASSERT_EQ(r.status, 200) << r.body;
    const auto body = object(r);
    const auto& cycles = body.at("cycles").as_array();
    ASSERT_EQ(cycles.size(), 1U);
    const auto& c = cycles[0].as_object();
    EXPECT_EQ(c.at("cycle").as_int64(), 1);
    EXPECT_EQ(c.at("plan").as_string(), "Five children in team A");
    EXPECT_EQ(c.at("plan_date").as_string(), "2026-01-05");
    EXPECT_EQ(c.at("do").as_string(), "Four of five");
    EXPECT_TRUE(c.at("do_date").is_null());
    EXPECT_TRUE(c.at("study").is_null());
    // A reference holding '/', encoded or not, and another council's test (404 as no test).
    EXPECT_EQ(api("/api/v1/tests-of-change/PACE%2F2", t).status, 200);
    EXPECT_EQ(api("/api/v1/tests-of-change/PACE/2", t).status, 200);
    const auto secret = api("/api/v1/tests-of-change/SECRET-1", t);
    EXPECT_EQ(secret.status, 404);
    EXPECT_EQ(secret.body, api("/api/v1/tests-of-change/NOSUCH", t).body);
    EXPECT_EQ(object(secret).at("field").as_string(), "reference");
}

TEST_F(ApiTestsOfChange, EditorsAddAndFillInCycles) {
    const auto t = token(Role::improvement_advisor);
    const auto added = post_json(kCycles, t, R"({"plan": " All of team A ", "plan_date": "01/07/2026"})");
    ASSERT_EQ(added.status, 201) << added.body;
    EXPECT_EQ(object(added).at("cycle").as_int64(), 2);
    EXPECT_EQ(object(added).at("plan").as_string(), "All of team A");
    EXPECT_EQ(added.header("Location"), "/api/v1/tests-of-change/PACE-1");
    // Cycle 1 filled in: what is not given (or null, or empty) keeps what is stored.
    const auto filled = post_json(
        kCycles, t,
        R"({"cycle": 1, "do": null, "plan": "", "study": "One placed out of the area", "study_date": "2026-03-06"})");
    ASSERT_EQ(filled.status, 200) << filled.body;
    const auto stored = cycles("PACE-1");
    ASSERT_EQ(stored.size(), 2U);
    EXPECT_EQ(stored[0].plan, "Five children in team A");
    EXPECT_EQ(stored[0].do_text, "Four of five");
    EXPECT_EQ(stored[0].study, "One placed out of the area");
    EXPECT_EQ(stored[0].study_date, core::Date::parse("2026-03-06"));
    EXPECT_EQ(stored[1].plan_date, core::Date::parse("2026-07-01"));
    // A team manager may too.
    EXPECT_EQ(post_json(kCycles, token(Role::team_manager), R"({"plan": "Team B"})").status, 201);
}

TEST_F(ApiTestsOfChange, ProblemsNameTheirFieldAndNothingIsStored) {
    const auto t = token(Role::improvement_advisor);
    const std::pair<const char*, const char*> cases[] = {
        {R"({"plan": "P", "plan_date": "2026-02-30"})", "plan_date"},
        {R"({"plan": "P", "colour": "red"})", "colour"},
        {R"({"plan": 3})", "plan"},
        {R"({"cycle": 7, "plan": "P"})", "cycle"},
        {R"({"cycle": "1", "study": "S"})", "cycle"},
        {R"({"do": "Done without a plan"})", "plan"},  // core::check_cycle: do needs a plan
        {R"({"plan": "P", "plan_date": "2026-03-01", "do": "D", "do_date": "2026-02-01"})", "do_date"},
    };
    for (const auto& [body, field] : cases) {
        const auto r = post_json(kCycles, t, body);
        EXPECT_EQ(r.status, 422) << body << " " << r.body;
        EXPECT_EQ(object(r).at("field").as_string(), field) << body << " " << r.body;
        EXPECT_FALSE(object(r).at("errors").as_array().empty()) << body;
    }
    EXPECT_EQ(post_json(kCycles, t, "{").status, 400);
    EXPECT_EQ(post_json(kCycles, t, "[]").status, 400);
    EXPECT_EQ(cycles("PACE-1").size(), 1U);
}

TEST_F(ApiTestsOfChange, OnlyEditorsOfTheCouncilAddCycles) {
    for (Role role :
         {Role::social_worker, Role::reviewing_officer, Role::legal, Role::administrator, Role::national_analyst}) {
        EXPECT_EQ(post_json(kCycles, token(role), R"({"plan": "P"})").status, 403) << waymark::app::to_string(role);
    }
    EXPECT_EQ(post_json(kCycles, "", R"({"plan": "P"})").status, 401);
    EXPECT_EQ(post_json("/api/v1/tests-of-change/cycles/SECRET-1", token(Role::improvement_advisor), R"({"plan": "P"})")
                  .status,
              404);
    EXPECT_EQ(cycles("PACE-1").size(), 1U);
    EXPECT_EQ(store_->tests_of_change().find_tests({kOther, "SECRET-1", std::nullopt}).front().cycles.size(), 0U);
}

}  // namespace
