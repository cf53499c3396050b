// "Due this week" (issue 13, item 3): the iCalendar writer (RFC 5545 folding, escaping, CRLF),
// who must act for each standard, the use case for each role, and the page and its downloads
// through the handlers (support/web_fixture.hpp: today is 2026-11-26).
#include "app/this_week.hpp"
#include "app/icalendar.hpp"
#include "support/web_fixture.hpp"

#include <algorithm>

namespace {

using waymark::app::Actor;
using waymark::app::Role;
using waymark::core::Date;
using waymark::test::kOwn;

// --- iCalendar ---------------------------------------------------------------------------------

TEST(ICalendar, TextIsEscapedAsSection3_3_11Says) {
    EXPECT_EQ(waymark::app::ics_text("a,b;c\\d"), "a\\,b\\;c\\\\d");
    EXPECT_EQ(waymark::app::ics_text("one\ntwo\r\nthree\rfour"), "one\\ntwo\\nthree\\nfour");
    EXPECT_EQ(waymark::app::ics_text("plain: words"), "plain: words");
}

TEST(ICalendar, LinesAreFoldedAt75OctetsWithoutSplittingACharacter) {
    EXPECT_EQ(waymark::app::ics_fold("SUMMARY:short"), "SUMMARY:short\r\n");
    const std::string long_line = "SUMMARY:" + std::string(200, 'x');
    const auto folded = waymark::app::ics_fold(long_line);
    std::size_t at = 0;
    std::string unfolded;
    bool first = true;
    while (at < folded.size()) {
        const auto end = folded.find("\r\n", at);
        ASSERT_NE(end, std::string::npos) << "every line ends CRLF";
        const auto line = folded.substr(at, end - at);
        EXPECT_LE(line.size(), 75U);
        if (!first) {
            ASSERT_EQ(line.front(), ' ') << "a continuation line starts with a space";
        }
        unfolded += first ? line : line.substr(1);
        first = false;
        at = end + 2;
    }
    EXPECT_EQ(unfolded, long_line);
    // "é" is two octets: 74 octets then an é must not be split at the 75th octet.
    const std::string accented = std::string(74, 'a') + "\xC3\xA9" + "b";
    const auto f = waymark::app::ics_fold(accented);
    EXPECT_EQ(f, std::string(74, 'a') + "\r\n \xC3\xA9" + "b\r\n");
}

TEST(ICalendar, ACalendarHasOneAllDayEventEachWithCrlfLineEnds) {
    const std::vector<waymark::app::CalendarEvent> events{
        {"clock-1@waymark", Date::parse("2026-12-07"), "C1: Review, first", "Kind: guidance."}};
    const auto ics = waymark::app::icalendar(events, 1'796'667'060, "Due this week");  // 2026-12-07T18:11:00Z
    EXPECT_TRUE(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
    EXPECT_TRUE(ics.ends_with("END:VCALENDAR\r\n"));
    EXPECT_NE(ics.find("\r\nBEGIN:VEVENT\r\nUID:clock-1@waymark\r\nDTSTAMP:20261207T181100Z\r\n"
                       "DTSTART;VALUE=DATE:20261207\r\nDTEND;VALUE=DATE:20261208\r\nSUMMARY:C1: Review\\, first\r\n"),
              std::string::npos)
        << ics;
    for (std::size_t i = 0; i < ics.size(); ++i) {
        if (ics[i] == '\n') {
            ASSERT_GT(i, 0U);
            EXPECT_EQ(ics[i - 1], '\r') << "a bare LF at " << i;
        }
    }
}

// --- Who must act ------------------------------------------------------------------------------

TEST(WhoMustAct, FollowsTheEventsThatStopTheClock) {
    const auto standards = waymark::app::default_standards();
    const auto actor = [&](std::string_view id) {
        const auto s = std::find_if(standards.standards.begin(), standards.standards.end(),
                                    [&](const auto& x) { return x.id == id; });
        EXPECT_NE(s, standards.standards.end()) << id;
        return waymark::app::who_must_act(*s, standards.vocabulary);
    };
    EXPECT_EQ(actor("lar-first"), Actor::reviewing_officer);
    EXPECT_EQ(actor("home-cso-2y"), Actor::reviewing_officer);
    EXPECT_EQ(actor("pace-court-20w"), Actor::legal);
    EXPECT_EQ(actor("grounds-28d"), Actor::legal);
    EXPECT_EQ(actor("pace-legal-advice-4w"), Actor::legal);
    EXPECT_EQ(actor("pace-legal-request-8w"), Actor::social_worker) << "the worker asks for advice";
    EXPECT_EQ(actor("health-assessment-4w"), Actor::social_worker);
}

// --- The use case and the pages ------------------------------------------------------------------

class ThisWeek : public waymark::test::WebTest {
protected:
    void SetUp() override {
        WebTest::SetUp();
        // C2's court application (20 weeks: due 2026-11-27), a review planned for C1 in the week, a
        // hearing at court planned for C2 in it, and a health assessment planned after it.
        write("more.csv",
              "child_id,local_authority,date,event,details,status\n"
              "C2,S12000049,2026-07-10,court_application_lodged,order=po,occurred\n"
              "C1,S12000049,2026-11-30,lar,kind=standard,planned\n"
              "C2,S12000049,2026-12-01,court_hearing,,planned\n"
              "C1,S12000049,2026-12-05,health_assessment_completed,,planned\n");
        waymark::app::ImportOptions o;
        o.events_path = (dir_ / "more.csv").string();
        o.today = today();
        waymark::app::import_files(*store_, standards_.vocabulary, o);
    }
    static Date today() { return Date::parse("2026-11-26"); }
    waymark::app::ThisWeek week(const std::string& who, const std::string& scope = {},
                                const std::optional<std::string>& from = std::nullopt,
                                const std::optional<std::string>& worker = std::nullopt) {
        const auto user = store_->find_user(who);
        EXPECT_TRUE(user.has_value()) << who;
        waymark::app::WeekQuery q;
        const auto problem = waymark::app::read_week_query(
            [&](std::string_view name) -> std::optional<std::string> {
                if (name == "scope" && !scope.empty()) return scope;
                if (name == "from") return from;
                if (name == "worker") return worker;
                return std::nullopt;
            },
            *user, today(), q);
        EXPECT_FALSE(problem.has_value()) << (problem ? problem->message : "");
        return waymark::app::this_week(*store_, standards_, *user, q, today());
    }
    // "C1 lar-first-ish title" lines: the child and what, for comparing.
    static std::vector<std::string> lines(const waymark::app::ThisWeek& w) {
        std::vector<std::string> out;
        for (const auto& i : w.items) out.push_back(i.child_id + " " + i.what);
        return out;
    }
    static bool has(const waymark::app::ThisWeek& w, const std::string& line) {
        const auto l = lines(w);
        return std::find(l.begin(), l.end(), line) != l.end();
    }
    static constexpr const char* kFirstReview =
        "First looked after review within 6 weeks of a placement away from home";
    static constexpr const char* kCourt = "Court application determined within 20 weeks of lodging";
    static constexpr const char* kHealth = "Health assessment within 4 weeks of a placement away from home";
};

TEST_F(ThisWeek, ASocialWorkerSeesTheirChildrensOverdueAndDueClocksAndPlannedEventsInTheWeek) {
    const auto w = week(user_name(Role::social_worker));
    EXPECT_EQ(w.from, today());
    EXPECT_EQ(w.to, Date::parse("2026-12-02"));
    EXPECT_TRUE(has(w, std::string("C1 ") + kFirstReview)) << "overdue since 13 October";
    EXPECT_TRUE(has(w, std::string("C2 ") + kHealth));
    EXPECT_TRUE(has(w, std::string("C2 ") + kCourt)) << "due tomorrow";
    EXPECT_TRUE(has(w, "C1 Looked after review")) << "planned for 30 November";
    EXPECT_TRUE(has(w, "C2 Court hearing"));
    EXPECT_FALSE(has(w, "C1 Health assessment completed")) << "planned after the week";
    for (const auto& i : w.items) EXPECT_NE(i.child_id, "C3") << "another team's child";
    // Overdue first, by due date.
    EXPECT_TRUE(std::is_sorted(w.items.begin(), w.items.end(),
                               [](const auto& a, const auto& b) { return a.due_on < b.due_on; }));
    const auto court = std::find_if(w.items.begin(), w.items.end(), [](const auto& i) { return i.what == kCourt; });
    ASSERT_NE(court, w.items.end());
    EXPECT_EQ(court->days, 1);
    EXPECT_EQ(waymark::app::week_status_words(*court), "Due in 1 day");
    EXPECT_EQ(court->actor, Actor::legal);
    EXPECT_EQ(waymark::app::actor_line(*court), "Legal (" + user_name(Role::legal) + ")");
    EXPECT_EQ(court->kind, "PACE test of change");
    const auto review = std::find_if(w.items.begin(), w.items.end(),
                                     [](const auto& i) { return i.child_id == "C1" && i.what == kFirstReview; });
    ASSERT_NE(review, w.items.end());
    EXPECT_EQ(waymark::app::week_status_words(*review), "Overdue by 44 days");
    EXPECT_EQ(review->kind, "Statute or regulation");
}

TEST_F(ThisWeek, ASocialWorkersTeamTabHoldsTheTeamsClocks) {
    const auto mine = week("worker_b@S12000049");
    ASSERT_FALSE(mine.items.empty());
    for (const auto& i : mine.items) EXPECT_EQ(i.child_id, "C3");
    const auto team = week(user_name(Role::social_worker), "team");
    for (const auto& i : team.items) EXPECT_TRUE(i.child_id == "C1" || i.child_id == "C2") << i.child_id;
}

TEST_F(ThisWeek, ATeamManagerSeesTheTeamsClocksAndFiltersByWorker) {
    const auto team = week(user_name(Role::team_manager));
    EXPECT_TRUE(has(team, std::string("C1 ") + kFirstReview));
    EXPECT_TRUE(has(team, "C2 Court hearing"));
    for (const auto& i : team.items) {
        EXPECT_EQ(i.worker, user_name(Role::social_worker));
        EXPECT_EQ(i.team, "Team A");
    }
    const auto council = week(user_name(Role::team_manager), "council");
    EXPECT_TRUE(has(council, "C4 Review of the plan within 2 years on a CSO at home"));
    EXPECT_TRUE(week(user_name(Role::team_manager), "team", std::nullopt, "worker_b@S12000049").items.empty());
    const auto b = week("manager_b@S12000049", "team", std::nullopt, "worker_b@S12000049");
    ASSERT_FALSE(b.items.empty());
    for (const auto& i : b.items) EXPECT_EQ(i.child_id, "C3");
}

TEST_F(ThisWeek, AReviewingOfficerSeesOnlyTheReviewsToChair) {
    const auto w = week(user_name(Role::reviewing_officer));
    EXPECT_TRUE(has(w, std::string("C1 ") + kFirstReview));
    EXPECT_TRUE(has(w, "C1 Looked after review"));
    EXPECT_FALSE(has(w, std::string("C2 ") + kCourt));
    EXPECT_FALSE(has(w, std::string("C1 ") + kHealth));
    for (const auto& i : w.items) EXPECT_EQ(i.actor, Actor::reviewing_officer) << i.what;
}

TEST_F(ThisWeek, ALegalWorkerSeesTheirAdviceAndCourtDates) {
    const auto w = week(user_name(Role::legal));
    EXPECT_EQ(lines(w), (std::vector<std::string>{std::string("C2 ") + kCourt, "C2 Court hearing"}));
    EXPECT_EQ(w.items.back().source, waymark::app::WeekItemSource::planned_event);
    EXPECT_EQ(waymark::app::week_status_words(w.items.back()), "Planned in 5 days");
}

TEST_F(ThisWeek, AnotherWeekHoldsWhatIsDueInItButNotWhatIsOverdueToday) {
    const auto w = week(user_name(Role::social_worker), {}, "2026-12-03");
    EXPECT_EQ(lines(w), (std::vector<std::string>{"C1 Health assessment completed"}));
    const auto user = store_->find_user(user_name(Role::social_worker));
    waymark::app::WeekQuery q;
    const auto problem = waymark::app::read_week_query(
        [](std::string_view name) -> std::optional<std::string> {
            if (name == "from") return "2026-02-30";
            return std::nullopt;
        },
        *user, today(), q);
    ASSERT_TRUE(problem.has_value());
    EXPECT_EQ(problem->field, "from");
}

TEST_F(ThisWeek, AUserOfAnotherCouncilSeesNoneOfTheseChildren) {
    for (const auto& i : week(user_name(Role::social_worker, waymark::test::kOther)).items) {
        EXPECT_EQ(i.local_authority, waymark::test::kOther);
    }
}

TEST_F(ThisWeek, ThePageNamesTheChildrenInOneAuditEntry) {
    const auto s = session_for(user_name(Role::social_worker));
    const auto r = get("/this-week", s.token);
    ASSERT_EQ(r.status, 200) << r.body.substr(0, 400);
    EXPECT_NE(r.body.find("<h1"), std::string::npos);
    EXPECT_NE(r.body.find("Due this week"), std::string::npos);
    EXPECT_NE(r.body.find("Eilidh Ross"), std::string::npos) << "C2's name";
    EXPECT_EQ(r.body.find(waymark::test::kHostile), std::string::npos) << "names are escaped";
    EXPECT_NE(r.body.find("26 November 2026"), std::string::npos);
    EXPECT_NE(r.body.find("Overdue by 44 days"), std::string::npos);
    EXPECT_NE(r.body.find("href=\"/children/S12000049/C2\""), std::string::npos);
    EXPECT_NE(r.body.find("wm-noprint"), std::string::npos);
    waymark::app::AuditQuery q;
    q.action = "view_this_week";
    const auto audit = store_->find_audit(q);
    ASSERT_EQ(audit.size(), 1U) << "one entry for the page, not one per child";
    EXPECT_EQ(audit.front().entry.actor, user_name(Role::social_worker));
    EXPECT_NE(audit.front().entry.detail.find("C1, C2"), std::string::npos) << audit.front().entry.detail;
}

TEST_F(ThisWeek, TheCsvHasThePagesColumnsWithNamesAndIsAudited) {
    const auto s = session_for(user_name(Role::legal));
    const auto r = get("/this-week.csv", s.token);
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.header("Content-Type"), "text/csv; charset=utf-8");
    EXPECT_TRUE(r.body.starts_with(
        "case_reference,name,what_is_due,kind,due_date,status,who_must_act,local_authority\n"
        "C2,Eilidh Ross,Court application determined within 20 weeks of lodging,PACE test of change,2026-11-27,"
        "Due in 1 day,Legal (legal@S12000049),S12000049\n"))
        << r.body;
    waymark::app::AuditQuery q;
    q.action = "download_this_week";
    EXPECT_EQ(store_->find_audit(q).size(), 1U);
}

TEST_F(ThisWeek, TheCalendarHasReferencesOnlyAndStableIds) {
    const auto s = session_for(user_name(Role::social_worker));
    const auto r = get("/this-week.ics", s.token);
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.header("Content-Type"), "text/calendar; charset=utf-8");
    EXPECT_TRUE(r.body.starts_with("BEGIN:VCALENDAR\r\n"));
    EXPECT_NE(r.body.find("SUMMARY:C2: Court hearing\r\n"), std::string::npos) << r.body;
    for (const char* personal : {"Eilidh", "Ross", "Munro", "2021-06-01", "20210601", "script"}) {
        EXPECT_EQ(r.body.find(personal), std::string::npos) << personal;
    }
    EXPECT_EQ(get("/this-week.ics", s.token).body, r.body) << "the same UIDs each time";
    waymark::app::AuditQuery q;
    q.action = "view_this_week";
    EXPECT_TRUE(store_->find_audit(q).empty()) << "no names, so no view";
}

TEST_F(ThisWeek, RolesThatSeeNoNamedChildrenAreRefused) {
    const auto s = session_for(user_name(Role::improvement_advisor));
    EXPECT_EQ(get("/this-week", s.token).status, 403);
    EXPECT_EQ(get("/this-week.csv", s.token).status, 403);
    EXPECT_EQ(get("/this-week.ics", s.token).status, 403);
    EXPECT_EQ(get("/this-week").status / 100, 3) << "to the sign-in page";
}

}  // namespace
