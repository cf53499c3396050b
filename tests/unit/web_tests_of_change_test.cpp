// The tests of change pages through the handlers: the council's list, a new test, PDSA cycles and
// decisions, each form's problems in an error summary linked to its fields with what was typed
// kept, CSRF, who may change tests (app::may_edit_tests_of_change), and nothing stored on a refusal.
#include "app/improvement_roles.hpp"
#include "support/test_of_change.hpp"
#include "support/web_fixture.hpp"

namespace {

using waymark::app::Role;
using waymark::test::kOther;
using waymark::test::kOwn;
namespace app = waymark::app;
namespace core = waymark::core;

class TestOfChangePages : public waymark::test::WebTest {
protected:
    void SetUp() override {
        WebTest::SetUp();
        auto t = waymark::test::a_test_of_change("PACE-1");
        t.start_date = core::Date::parse("2026-01-05");
        store_->tests_of_change().add_test(t, "2026-01-05T09:00:00Z");
        auto other = waymark::test::a_test_of_change("SECRET-1");
        other.local_authority = kOther;
        store_->tests_of_change().add_test(other, "2026-01-05T09:00:00Z");
        editor_ = session_for(user_name(Role::improvement_advisor));
    }

    std::string cookie() const { return "waymark_session=" + editor_.token; }

    waymark::web::Response send_form(const std::string& target, const std::string& fields, const Session& s) {
        return post(target, "csrf=" + s.csrf + "&" + fields, "waymark_session=" + s.token);
    }
    waymark::web::Response send_form(const std::string& target, const std::string& fields) {
        return send_form(target, fields, editor_);
    }

    core::TestOfChange stored(const std::string& reference) {
        const auto found = store_->tests_of_change().find_tests({kOwn, reference, std::nullopt});
        EXPECT_EQ(found.size(), 1u) << reference;
        return found.empty() ? core::TestOfChange{} : found.front();
    }

    std::size_t count_tests() {
        return store_->tests_of_change().find_tests({kOwn, std::nullopt, std::nullopt}).size();
    }

    Session editor_;
};

TEST(ImprovementRoles, AdvisorsAndTeamManagersChangeTestsOfChangeAndAnalystsSeeEveryCouncil) {
    for (Role role : app::kAllRoles) {
        EXPECT_EQ(app::may_edit_tests_of_change(role), role == Role::improvement_advisor || role == Role::team_manager)
            << app::to_string(role);
        EXPECT_EQ(app::sees_every_council(role), role == Role::national_analyst) << app::to_string(role);
    }
}

TEST_F(TestOfChangePages, TheListShowsTheCouncilsTestsTheirMeasuresAndStatus) {
    for (Role role : app::kAllRoles) {
        const auto r = get("/tests-of-change", session_for(user_name(role)).token);
        ASSERT_EQ(r.status, 200) << app::to_string(role);
        EXPECT_NE(r.body.find("href=\"/tests-of-change/PACE-1\""), std::string::npos);
        EXPECT_NE(r.body.find("href=\"/measures/in-drift\">Children in drift</a>"), std::string::npos);
        EXPECT_NE(r.body.find(">testing</strong>"), std::string::npos);
        EXPECT_EQ(r.body.find("SECRET-1"), std::string::npos) << "another council's test";
        EXPECT_EQ(r.body.find("href=\"/tests-of-change/new\"") != std::string::npos,
                  app::may_edit_tests_of_change(role))
            << app::to_string(role);
    }
}

TEST_F(TestOfChangePages, ATestIsCreatedWithTheNextReferenceAndItsMeasures) {
    const auto form = get("/tests-of-change/new", editor_.token);
    ASSERT_EQ(form.status, 200);
    EXPECT_NE(form.body.find("name=\"csrf\" value=\"" + editor_.csrf + "\""), std::string::npos);
    // The start date offered is today, in the design system's date input.
    EXPECT_NE(form.body.find("id=\"start_date\" name=\"start_date-day\" value=\"26\""), std::string::npos);
    EXPECT_NE(form.body.find("id=\"start_date-month\" name=\"start_date-month\" value=\"11\""), std::string::npos);
    EXPECT_NE(form.body.find("id=\"start_date-year\" name=\"start_date-year\" value=\"2026\""), std::string::npos);
    const auto r = send_form("/tests-of-change",
                             "title=Permanence+huddles&reference=&aim=Fewer+children+in+drift&change_idea=Weekly+"
                             "huddles&rationale=&prediction=Drift+falls&agency=social_work&start_date-day=2&start_date-"
                             "month=3&start_date-year=2026&"
                             "measures=in-drift&measures=days-to-recommendation");
    ASSERT_EQ(r.status, 303) << r.body;
    EXPECT_EQ(r.header("Location"), "/tests-of-change/TOC-1?stored=test");
    const auto t = stored("TOC-1");
    EXPECT_EQ(t.title, "Permanence huddles");
    EXPECT_EQ(t.start_date, core::Date::parse("2026-03-02"));
    EXPECT_EQ(t.measures, (std::vector<std::string>{"in-drift", "days-to-recommendation"}));
    EXPECT_EQ(t.prediction, "Drift falls");
    const auto page = get("/tests-of-change/TOC-1?stored=test", editor_.token);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("The test of change is stored."), std::string::npos);
    EXPECT_NE(page.body.find("href=\"/measures/days-to-recommendation\""), std::string::npos);
}

TEST_F(TestOfChangePages, ABadNewTestComesBackWithWhatWasTypedAndNothingIsStored) {
    const auto before = count_tests();
    const auto r = send_form("/tests-of-change",
                             "title=&reference=PACE+1&aim=An+aim+%3Cb%3Ekept%3C%2Fb%3E&change_idea=&start_date-day=31&"
                             "start_date-month=2&start_date-year=2026&measures=no-such-measure");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(count_tests(), before);
    // Each problem in the summary, linked to its field, in the order of the form.
    const auto title = r.body.find("<a href=\"#title\">Title is required");
    const auto reference = r.body.find("<a href=\"#reference\">Reference: &#39;PACE 1&#39; is not a reference");
    const auto start = r.body.find("<a href=\"#start_date\">Start date: there is no such date as 31 2 2026");
    const auto measures = r.body.find("<a href=\"#measures\">Choose measures from the list");
    ASSERT_NE(title, std::string::npos) << r.body;
    ASSERT_NE(reference, std::string::npos);
    ASSERT_NE(start, std::string::npos);
    ASSERT_NE(measures, std::string::npos);
    EXPECT_LT(title, reference);
    EXPECT_LT(reference, start);
    EXPECT_LT(start, measures);
    EXPECT_NE(r.body.find("<a href=\"#change_idea\">"), std::string::npos);
    // What was typed is there to correct, escaped.
    EXPECT_NE(r.body.find(">An aim &lt;b&gt;kept&lt;/b&gt;</textarea>"), std::string::npos);
    EXPECT_NE(r.body.find("name=\"start_date-day\" value=\"31\" aria-invalid=\"true\""), std::string::npos);
    EXPECT_NE(r.body.find("id=\"title\" name=\"title\" value=\"\" aria-invalid=\"true\""), std::string::npos);

    // A reference the council already has.
    const auto taken = send_form(
        "/tests-of-change",
        "title=T&reference=PACE-1&aim=A&change_idea=C&start_date-day=2&start_date-month=3&start_date-year=2026");
    EXPECT_EQ(taken.status, 400);
    EXPECT_NE(taken.body.find("<a href=\"#reference\">Your council already has a test PACE-1"), std::string::npos);
    const auto reserved =
        send_form("/tests-of-change",
                  "title=T&reference=new&aim=A&change_idea=C&start_date-day=2&start_date-month=3&start_date-year=2026");
    EXPECT_EQ(reserved.status, 400);
    EXPECT_NE(reserved.body.find("<a href=\"#reference\">Choose another reference"), std::string::npos);
    EXPECT_EQ(count_tests(), before);
}

TEST_F(TestOfChangePages, ChangesNeedTheFormsTokenAndARoleThatMayEdit) {
    const auto before = count_tests();
    const std::string fields = "title=T&aim=A&change_idea=C&start_date-day=2&start_date-month=3&start_date-year=2026";
    EXPECT_EQ(post("/tests-of-change", "csrf=wrong&" + fields, cookie()).status, 403);
    EXPECT_EQ(post("/tests-of-change", fields, cookie()).status, 403);
    for (Role role : {Role::social_worker, Role::administrator, Role::national_analyst, Role::legal}) {
        EXPECT_EQ(send_form("/tests-of-change", fields, session_for(user_name(role))).status, 403);
        EXPECT_EQ(send_form("/tests-of-change/cycles/PACE-1", "plan=P", session_for(user_name(role))).status, 403);
        EXPECT_EQ(
            send_form(
                "/tests-of-change/decision/PACE-1",
                "decision=adopt&decision_reason=R&decision_date-day=1&decision_date-month=11&decision_date-year=2026",
                session_for(user_name(role)))
                .status,
            403);
        const auto page = get("/tests-of-change/PACE-1", session_for(user_name(role)).token);
        EXPECT_EQ(page.status, 200);
        EXPECT_EQ(page.body.find("Record the cycle"), std::string::npos);
    }
    EXPECT_EQ(count_tests(), before);
    EXPECT_TRUE(stored("PACE-1").cycles.empty());
    EXPECT_FALSE(stored("PACE-1").decision);
    EXPECT_EQ(send_form("/tests-of-change", fields, session_for(user_name(Role::team_manager))).status, 303);
}

TEST_F(TestOfChangePages, CyclesAreAddedThenFilledInStageByStage) {
    auto r = send_form("/tests-of-change/cycles/PACE-1",
                       "cycle=&plan=Try+it+with+two+teams&plan_date-day=1&plan_date-month=2&plan_date-year=2026");
    ASSERT_EQ(r.status, 303) << r.body;
    EXPECT_EQ(r.header("Location"), "/tests-of-change/PACE-1?stored=cycle");
    ASSERT_EQ(stored("PACE-1").cycles.size(), 1u);
    // Cycle 1 filled in: the plan left empty keeps what is stored.
    r = send_form("/tests-of-change/cycles/PACE-1",
                  "cycle=1&plan=&do=Two+teams+held+huddles&do_date-day=20&do_date-month=2&do_date-year=2026");
    ASSERT_EQ(r.status, 303) << r.body;
    const auto c = stored("PACE-1").cycles.at(0);
    EXPECT_EQ(c.plan, "Try it with two teams");
    EXPECT_EQ(c.do_text, "Two teams held huddles");
    EXPECT_EQ(c.do_date, core::Date::parse("2026-02-20"));
    const auto page = get("/tests-of-change/PACE-1?stored=cycle", editor_.token);
    EXPECT_NE(page.body.find("The cycle is recorded."), std::string::npos);
    EXPECT_NE(page.body.find("Two teams held huddles"), std::string::npos);
    EXPECT_NE(page.body.find("<option value=\"1\">Cycle 1: fill in or correct</option>"), std::string::npos);
}

TEST_F(TestOfChangePages, ACycleOutOfOrderIsRefusedNamingTheStage) {
    auto r = send_form("/tests-of-change/cycles/PACE-1",
                       "plan=A+plan&plan_date-day=1&plan_date-month=3&plan_date-year=2026&study=Studied+before+doing&"
                       "do_date-day=1&do_date-month=2&do_date-year=2026&act_date-day=soon");
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("<a href=\"#act_date\">Date of the act stage must be a day, a month and a four-digit year in "
                          "numbers, for example 27 3 2026"),
              std::string::npos)
        << r.body;
    EXPECT_NE(r.body.find(">Studied before doing</textarea>"), std::string::npos);
    r = send_form("/tests-of-change/cycles/PACE-1",
                  "plan=A+plan&plan_date-day=1&plan_date-month=3&plan_date-year=2026&study=Studied+before+doing");
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("<a href=\"#study\">Study: comes after do, which is empty"), std::string::npos) << r.body;
    r = send_form("/tests-of-change/cycles/PACE-1", "plan=&do=Done");
    EXPECT_NE(r.body.find("<a href=\"#plan\">Plan is required"), std::string::npos);
    r = send_form("/tests-of-change/cycles/PACE-1", "cycle=7&plan=P");
    EXPECT_NE(r.body.find("<a href=\"#cycle\">"), std::string::npos);
    EXPECT_TRUE(stored("PACE-1").cycles.empty());
    EXPECT_EQ(send_form("/tests-of-change/cycles/SECRET-1", "plan=P").status, 404);
}

TEST_F(TestOfChangePages, DecidingTwiceNeedsAnExplicitRevise) {
    auto r = send_form("/tests-of-change/decision/PACE-1",
                       "decision=adapt&decision_reason=Works+for+one+team&decision_date-day=1&decision_date-month=10&"
                       "decision_date-year=2026");
    ASSERT_EQ(r.status, 303) << r.body;
    EXPECT_EQ(stored("PACE-1").decision->decision, core::Decision::adapt);
    auto page = get("/tests-of-change/PACE-1", editor_.token);
    EXPECT_NE(page.body.find(">adapted</strong>"), std::string::npos);
    EXPECT_NE(page.body.find("Revise the decision"), std::string::npos);

    r = send_form("/tests-of-change/decision/PACE-1",
                  "decision=adopt&decision_reason=Both+teams+now&decision_date-day=20&decision_date-month=11&decision_"
                  "date-year=2026");
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("<a href=\"#revise\">This test was already adapted on 1 Oct 2026"), std::string::npos);
    EXPECT_NE(r.body.find(">Both teams now</textarea>"), std::string::npos);
    EXPECT_EQ(stored("PACE-1").decision->decision, core::Decision::adapt);

    r = send_form("/tests-of-change/decision/PACE-1",
                  "decision=adopt&decision_reason=Both+teams+now&decision_date-day=20&decision_date-month=11&decision_"
                  "date-year=2026&revise=yes");
    ASSERT_EQ(r.status, 303) << r.body;
    const auto d = *stored("PACE-1").decision;
    EXPECT_EQ(d.decision, core::Decision::adopt);
    EXPECT_EQ(d.reason, "Both teams now");
    EXPECT_EQ(d.on, core::Date::parse("2026-11-20"));
}

TEST_F(TestOfChangePages, ADecisionNeedsAChoiceAReasonAndADateInTheTestsTime) {
    auto r =
        send_form("/tests-of-change/decision/PACE-1",
                  "decision=&decision_reason=&decision_date-day=25&decision_date-month=12&decision_date-year=2026");
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("<a href=\"#decision\">Choose adopt, adapt or abandon"), std::string::npos);
    r = send_form(
        "/tests-of-change/decision/PACE-1",
        "decision=abandon&decision_reason=&decision_date-day=25&decision_date-month=12&decision_date-year=2026");
    EXPECT_NE(r.body.find("<a href=\"#decision_reason\">Reason is required"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("<a href=\"#decision_date\">Date of the decision: 25 December 2026 is after today"),
              std::string::npos);
    EXPECT_NE(r.body.find("value=\"abandon\" checked"), std::string::npos);
    r = send_form(
        "/tests-of-change/decision/PACE-1",
        "decision=abandon&decision_reason=R&decision_date-day=1&decision_date-month=12&decision_date-year=2025");
    EXPECT_NE(r.body.find("Date of the decision: 1 December 2025 is before the test started (5 January 2026)"),
              std::string::npos);
    EXPECT_FALSE(stored("PACE-1").decision);
}

TEST_F(TestOfChangePages, AnotherCouncilsTestIsNotFound) {
    EXPECT_EQ(get("/tests-of-change/SECRET-1", editor_.token).status, 404);
    EXPECT_EQ(get("/tests-of-change/NOSUCH", editor_.token).status, 404);
    EXPECT_EQ(
        send_form("/tests-of-change/decision/SECRET-1",
                  "decision=adopt&decision_reason=R&decision_date-day=1&decision_date-month=11&decision_date-year=2026")
            .status,
        404);
}

// A control character in a form's free text is refused at its field (issue 11).
TEST_F(TestOfChangePages, ControlCharactersAreRefusedAtTheirField) {
    const auto before = count_tests();
    auto r =
        send_form("/tests-of-change",
                  "title=A%01title&reference=PACE-50&aim=An+aim%0D%0Aon+two+lines&change_idea=C%1B%5B2J&start_date-day="
                  "2&start_date-month=3&start_date-year=2026");
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("<a href=\"#title\">Title: has a control character (U+0001) at character 2"),
              std::string::npos)
        << r.body;
    EXPECT_NE(r.body.find("<a href=\"#change_idea\">"), std::string::npos);
    EXPECT_EQ(r.body.find("<a href=\"#aim\">"), std::string::npos);  // CR LF is text
    EXPECT_EQ(count_tests(), before);
    r = send_form("/tests-of-change/cycles/PACE-1", "plan=A+plan%00");
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("<a href=\"#plan\">Plan: has a control character (U+0000)"), std::string::npos) << r.body;
    EXPECT_TRUE(stored("PACE-1").cycles.empty());
}

}  // namespace
