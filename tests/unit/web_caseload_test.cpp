// "My children", the drift dashboard and reallocation through the handlers (the fixture's
// teams and allocations: support/web_fixture.hpp), and the same rows from the API.
#include "app/caseload_report.hpp"
#include "support/web_fixture.hpp"

#include <boost/json.hpp>

namespace {

using waymark::app::Role;
using waymark::test::kOwn;

class Caseload : public waymark::test::WebTest {
protected:
    static std::vector<std::string> rows(const std::string& body) { return waymark::test::caseload_rows(body); }
    std::vector<std::string> page_rows(const std::string& who, const std::string& query = {}) {
        const auto s = session_for(who);
        const auto r = get("/children" + query, s.token);
        EXPECT_EQ(r.status, 200) << who << " " << query << "\n" << r.body.substr(0, 400);
        return rows(r.body);
    }
    std::vector<std::string> api_rows(const std::string& who, const std::string& query = {}) {
        const auto token = waymark::app::create_api_token(*store_, who, kNow);
        const auto r = api("/api/v1/children" + query, token);
        EXPECT_EQ(r.status, 200) << r.body;
        std::vector<std::string> out;
        const auto body = boost::json::parse(r.body);
        for (const auto& c : body.at("children").as_array()) {
            out.emplace_back(c.at("child_id").as_string());
        }
        return out;
    }
    using Ids = std::vector<std::string>;
};

TEST_F(Caseload, EachRoleSeesItsOwnCaseloadByDefault) {
    EXPECT_EQ(page_rows(user_name(Role::social_worker)), (Ids{"C1", "C2"}));
    EXPECT_EQ(page_rows(user_name(Role::reviewing_officer)), (Ids{"C1", "C2"}));
    EXPECT_EQ(page_rows(user_name(Role::legal)), (Ids{"C1", "C2"}));
    EXPECT_EQ(page_rows(user_name(Role::team_manager)), (Ids{"C1", "C2"})) << "a manager's team by default";
    EXPECT_EQ(page_rows("worker_b@S12000049"), (Ids{"C3"}));
    EXPECT_EQ(page_rows("manager_b@S12000049"), (Ids{"C3"}));
}

TEST_F(Caseload, AManagersCouncilViewHidesOtherTeamsRestrictedChildrenButNotUnallocatedOnes) {
    EXPECT_EQ(page_rows(user_name(Role::team_manager), "?scope=council"), (Ids{"C1", "C2", "C4"}));
    EXPECT_EQ(page_rows("manager_b@S12000049", "?scope=council"), (Ids{"C1", "C2", "C3", "C4"}));
}

TEST_F(Caseload, TheApiListsTheSameRowsWithTheSameAccess) {
    for (const std::string& who : Ids{user_name(Role::social_worker), user_name(Role::team_manager),
                                      "worker_b@S12000049", "manager_b@S12000049"}) {
        for (const std::string& query : Ids{"", "?scope=council", "?sort=next_due&order=desc", "?overdue=1"}) {
            if (query == "?scope=council" && who.starts_with("social_worker")) continue;
            if (query == "?scope=council" && who.starts_with("worker_b")) continue;
            EXPECT_EQ(api_rows(who, query), page_rows(who, query)) << who << query;
        }
    }
    const auto token = waymark::app::create_api_token(*store_, "worker_b@S12000049", kNow);
    const auto body = boost::json::parse(api("/api/v1/children", token).body);
    const auto& c3 = body.at("children").at(0);
    EXPECT_EQ(c3.at("restricted").as_bool(), true);
    EXPECT_EQ(c3.at("worker").as_string(), "worker_b@S12000049");
    EXPECT_EQ(c3.at("team").as_string(), "Team B");
    EXPECT_TRUE(c3.at("next_title").is_string());
    EXPECT_TRUE(c3.at("due_soon").is_int64());
}

TEST_F(Caseload, FiltersAndSortingAsQueryParameters) {
    const auto manager = "manager_b@S12000049";
    EXPECT_EQ(page_rows(manager, "?scope=council&stage=at_home"), (Ids{"C4"}));
    EXPECT_EQ(page_rows(manager, "?scope=council&worker=worker_b%40S12000049"), (Ids{"C3"}));
    EXPECT_EQ(page_rows(manager, "?scope=council&team=Team+A"), (Ids{"C1", "C2"}));
    EXPECT_EQ(page_rows(manager, "?scope=council&long_at_home=1"), (Ids{"C4"}));
    EXPECT_EQ(page_rows(manager, "?scope=council&overdue_standard=home-cso-2y"), (Ids{"C4"}));
    EXPECT_EQ(page_rows(manager, "?scope=council&sort=reference&order=desc"), (Ids{"C4", "C3", "C2", "C1"}));
    // Days in stage: C4 since 2024-01-10, C3 since 2026-03-01, C1 2026-09-01, C2 2026-10-01.
    EXPECT_EQ(page_rows(manager, "?scope=council&sort=days&order=desc"), (Ids{"C4", "C3", "C1", "C2"}));
    EXPECT_EQ(page_rows(manager, "?scope=council&sort=days"), (Ids{"C2", "C1", "C3", "C4"}));
    const auto s = session_for(manager);
    const auto r = get("/children?scope=council&sort=days&order=desc", s.token);
    EXPECT_NE(
        r.body.find("aria-sort=\"descending\"><a class=\"ds_link\" href=\"/children?scope=council&amp;sort=days\">"
                    "Days in stage</a>"),
        std::string::npos)
        << "the sorted column says so, and its link turns the order round";
    EXPECT_NE(r.body.find("<caption>"), std::string::npos);
    EXPECT_NE(r.body.find("<option value=\"days\" selected>"), std::string::npos) << "the form keeps the choice";
}

// The SQLite store reads the names of a page of children in one query; it answers as the
// port's default (one journey a child) does: the council's children asked for, no others.
TEST_F(Caseload, ChildNamesInOneQueryAreTheNamesJourneysGive) {
    const std::vector<std::string> ids{"C4", "C3", "C1", "K1", "no such child"};
    const auto one_query = store_->child_names(kOwn, ids);
    const auto journeys = store_->waymark::app::Store::child_names(kOwn, ids);
    EXPECT_EQ(one_query, journeys);
    EXPECT_EQ(one_query.size(), 3U) << "another council's child and a missing one are not named";
    EXPECT_EQ(one_query.at("C4"), "Calum Gray");
    EXPECT_NE(one_query.at("C1"), "Ishbel Campbell") << "C1 of the council asked for, not the other's C1";
    EXPECT_TRUE(store_->child_names(kOwn, {}).empty());
}

TEST_F(Caseload, TheRowsShowClocksAsTagsAndTheNextAction) {
    const auto s = session_for(user_name(Role::team_manager));
    const auto r = get("/children?scope=council&stage=at_home", s.token);
    EXPECT_NE(r.body.find("<strong class=\"ds_tag ds_tag--red\">1 overdue</strong>"), std::string::npos);
    EXPECT_NE(r.body.find("Review of the plan within 2 years on a CSO at home"), std::string::npos);
    EXPECT_NE(r.body.find("Not allocated"), std::string::npos);
    EXPECT_NE(r.body.find("href=\"/children/S12000049/C4/allocation?return="), std::string::npos);
    EXPECT_NE(r.body.find(">Reallocate<span class=\"visually-hidden\"> C4</span>"), std::string::npos);
    EXPECT_EQ(r.body.find("Calum"), std::string::npos) << "a council's view names no child";
}

TEST_F(Caseload, OnesOwnCaseloadShowsNamesAndAuditsEachChildNamed) {
    const auto s = session_for("worker_b@S12000049");
    const auto before = audit_count();
    const auto mine = get("/children", s.token);
    ASSERT_EQ(mine.status, 200);
    EXPECT_NE(mine.body.find("\">Name</a></th>"), std::string::npos);
    EXPECT_NE(mine.body.find("<td data-title=\"Name\"><bdi>Morag Reid</bdi></td>"), std::string::npos) << mine.body;
    EXPECT_EQ(audit_count(), before + 1) << "C3, the one child named, audited once";
    // The team's view is not one's own caseload: references only, nothing audited.
    const auto manager = session_for(user_name(Role::team_manager));
    const auto before_team = audit_count();
    const auto team = get("/children?scope=council", manager.token);
    EXPECT_EQ(team.body.find("\">Name</a></th>"), std::string::npos);
    EXPECT_EQ(team.body.find("Eilidh"), std::string::npos);
    EXPECT_EQ(audit_count(), before_team);
}

TEST_F(Caseload, ABadParameterIsNamedAndThePageStillWorks) {
    const auto s = session_for(user_name(Role::social_worker));
    for (const auto& [query, field] :
         std::vector<std::pair<std::string, std::string>>{{"?scope=council", "scope"},
                                                          {"?stage=limbo", "stage"},
                                                          {"?sort=age", "sort"},
                                                          {"?due_within=x", "filters"},
                                                          {"?lapsed_within=-1", "filters"},
                                                          {"?overdue_standard=nope", "filters"}}) {
        const auto r = get("/children" + query, s.token);
        EXPECT_EQ(r.status, 400) << query;
        EXPECT_NE(r.body.find("ds_error-summary"), std::string::npos) << query;
        EXPECT_NE(r.body.find("<a href=\"#" + field + "\">"), std::string::npos) << query;
        EXPECT_EQ(rows(r.body), (Ids{"C1", "C2"})) << "the unfiltered caseload below the error";
    }
    const auto token = waymark::app::create_api_token(*store_, user_name(Role::social_worker), kNow);
    const auto r = api("/api/v1/children?stage=limbo", token);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(boost::json::parse(r.body).at("field").as_string(), "stage");
}

TEST_F(Caseload, TheDashboardCountsWhatTheUserMaySeeAndLinksToTheChildren) {
    const auto s = session_for(user_name(Role::team_manager));
    const auto r = get("/dashboard?scope=council", s.token);
    ASSERT_EQ(r.status, 200);
    // Three children (C3 is another team's restricted record): two away, one at home.
    EXPECT_NE(r.body.find("<a class=\"ds_link\" href=\"/children?scope=council\">3</a> children"), std::string::npos);
    EXPECT_NE(r.body.find("href=\"/children?scope=council&amp;stage=at_home\">1</a>"), std::string::npos);
    EXPECT_NE(r.body.find("href=\"/children?scope=council&amp;overdue_standard=home-cso-2y\">1</a>"),
              std::string::npos);
    EXPECT_NE(r.body.find("href=\"/children?scope=council&amp;long_at_home=1\">1</a> child has"), std::string::npos);
    EXPECT_NE(r.body.find("href=\"/children?scope=council&amp;due_within=28\">"), std::string::npos);
    EXPECT_EQ(r.body.find("C3"), std::string::npos);
    EXPECT_EQ(r.body.find("C1"), std::string::npos) << "counts only, no case references";
    // Every link's count is the number of rows it lists.
    const auto ones = page_rows(user_name(Role::team_manager), "?scope=council&stage=at_home");
    EXPECT_EQ(ones.size(), 1U);
    // The header links to it.
    EXPECT_NE(r.body.find("href=\"/dashboard\">Drift dashboard</a>"), std::string::npos);
}

TEST_F(Caseload, TheDashboardSaysWhenNoOrderLapsed) {
    const auto s = session_for(user_name(Role::team_manager));
    const auto r = get("/dashboard?scope=council", s.token);
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("<h2>Orders that lapsed in the last 90 days</h2><p>No interim or compulsory supervision "
                          "order lapsed in the last 90 days.</p>"),
              std::string::npos);
    // The list the count links to reads its filter and keeps it, removably.
    const auto list = get("/children?scope=council&lapsed_within=90", s.token);
    ASSERT_EQ(list.status, 200);
    EXPECT_NE(list.body.find("An order that lapsed in the last 90 days (<a class=\"ds_link\" "
                             "href=\"/children?scope=council\">remove</a>)"),
              std::string::npos);
    EXPECT_NE(list.body.find("No children match."), std::string::npos);
}

// The count of lapsed orders (the engine's lapsed clocks, built here as report rows): an order
// counts when its due day is 0 to 90 days before the as-of date, and only for a child the user
// may see; other statuses never count.
TEST(LapsedOrders, CountsOrdersThatLapsedInTheLast90DaysOfChildrenTheUserMaySee) {
    namespace app = waymark::app;
    namespace core = waymark::core;
    using core::ClockStatus;
    std::vector<core::Standard> standards(2);
    standards[0].id = "icso-22d";
    standards[1].id = "cso-review";
    app::DueReport report;
    report.standards = &standards;
    report.as_of = core::Date::parse("2027-01-15");
    report.children = {{"S12000049", "A"}, {"S12000049", "B"}, {"S12000049", "HIDDEN"}};
    const auto add = [&](std::uint32_t child, std::uint8_t standard, const char* due, ClockStatus status) {
        const auto d = core::Date::parse(due);
        app::PackedDueRow r;
        r.key = static_cast<std::uint64_t>(d.serial() + (1 << 20)) << 32;
        r.starts = (d - core::Days{21}).serial();
        r.stopped =
            status == ClockStatus::lapsed || status == ClockStatus::met ? d.serial() : app::PackedDueRow::kNoDate;
        r.child = child;
        r.standard = standard;
        r.status = status;
        report.packed.push_back(r);
    };
    add(0, 0, "2026-10-17", ClockStatus::lapsed);  // 90 days before: counts
    add(0, 1, "2026-10-16", ClockStatus::lapsed);  // 91 days before: too long ago
    add(0, 1, "2027-01-14", ClockStatus::lapsed);  // the day before: counts (same child)
    add(1, 0, "2026-12-01", ClockStatus::met);     // met: never
    add(1, 1, "2027-01-10", ClockStatus::overdue);
    add(2, 0, "2027-01-01", ClockStatus::lapsed);  // a child the user may not see
    const std::set<std::string, std::less<>> visible{"A", "B"};
    const auto lapsed = app::lapsed_orders(report, visible, app::kLapsedWindow);
    EXPECT_EQ(lapsed.orders, 2);
    EXPECT_EQ(lapsed.children, (std::set<std::string, std::less<>>{"A"}));
    // Seen by someone who may see the hidden child too, it counts.
    const auto all = app::lapsed_orders(report, {"A", "B", "HIDDEN"}, app::kLapsedWindow);
    EXPECT_EQ(all.orders, 3);
    EXPECT_EQ(all.children.size(), 2U);
    // The window's edges, one row at a time.
    EXPECT_TRUE(app::lapsed_within(report.row(0), report.as_of, 90));
    EXPECT_FALSE(app::lapsed_within(report.row(0), report.as_of, 89));
    EXPECT_FALSE(app::lapsed_within(report.row(1), report.as_of, 90));
    EXPECT_FALSE(app::lapsed_within(report.row(3), report.as_of, 90));
}

TEST_F(Caseload, ASocialWorkersDashboardIsTheirOwnCaseload) {
    const auto s = session_for("worker_b@S12000049");
    const auto r = get("/dashboard", s.token);
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("<a class=\"ds_link\" href=\"/children\">1</a> child "), std::string::npos);
    EXPECT_NE(r.body.find("away assessment"), std::string::npos) << "C3's stage";
}

TEST_F(Caseload, RestrictedRecordsAreSeenOnlyByThoseNamedAndTheirTeamsManager) {
    const auto status = [&](const std::string& who, const std::string& child) {
        return get("/children/S12000049/" + child, session_for(who).token).status;
    };
    EXPECT_EQ(status("worker_b@S12000049", "C3"), 200);
    EXPECT_EQ(status("manager_b@S12000049", "C3"), 200);
    for (const Role role : {Role::social_worker, Role::team_manager, Role::reviewing_officer, Role::legal}) {
        EXPECT_EQ(status(user_name(role), "C3"), 404) << waymark::app::to_string(role);
    }
    // The same answer as for a child that does not exist.
    const auto s = session_for(user_name(Role::team_manager));
    EXPECT_EQ(get("/children/S12000049/C3", s.token).body, get("/children/S12000049/NOSUCH", s.token).body);
    // A social worker of another team does not see Team A's children; a manager of any team does.
    EXPECT_EQ(status("worker_b@S12000049", "C1"), 404);
    EXPECT_EQ(status("manager_b@S12000049", "C1"), 200);
    // Unallocated: team managers only.
    EXPECT_EQ(status(user_name(Role::team_manager), "C4"), 200);
    EXPECT_EQ(status(user_name(Role::social_worker), "C4"), 404);
    const auto token = waymark::app::create_api_token(*store_, user_name(Role::team_manager), kNow);
    EXPECT_EQ(api("/api/v1/children/S12000049/C3", token).status, 404);
}

TEST_F(Caseload, ATeamManagerReallocatesWithTheFormAndTheChangeIsAudited) {
    const auto s = session_for(user_name(Role::team_manager));
    const std::string cookie = "waymark_session=" + s.token;
    const auto form = get("/children/S12000049/C4/allocation", s.token);
    ASSERT_EQ(form.status, 200);
    EXPECT_NE(form.body.find("name=\"csrf\" value=\"" + s.csrf + "\""), std::string::npos);
    EXPECT_NE(form.body.find("<label class=\"ds_label\" for=\"worker\">"), std::string::npos);
    EXPECT_NE(form.body.find("<option value=\"worker_b@S12000049\">"), std::string::npos);

    // Without the form's token: refused, nothing stored.
    const auto before = audit_count();
    EXPECT_EQ(post("/children/S12000049/C4/allocation", "csrf=wrong&worker=worker_b%40S12000049", cookie).status, 403);
    // A reviewing officer as the worker: the form again, the field named.
    const auto bad =
        post("/children/S12000049/C4/allocation", "csrf=" + s.csrf + "&worker=reviewing_officer%40S12000049", cookie);
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.body.find("<a href=\"#worker\">"), std::string::npos);
    EXPECT_NE(bad.body.find("ds_question--error"), std::string::npos);
    EXPECT_EQ(audit_count(), before);

    const auto ok = post("/children/S12000049/C4/allocation",
                         "csrf=" + s.csrf +
                             "&worker=worker_b%40S12000049&reviewing_officer=&legal=legal%40S12000049&reason=Team+B+"
                             "takes+the+case",
                         cookie);
    EXPECT_EQ(ok.status, 303);
    const auto lines = audit_lines();
    ASSERT_EQ(lines.size(), before + 1);
    EXPECT_EQ(lines.back(), "team_manager@S12000049 allocate S12000049 C4 web 192.0.2.1");
    const auto stored = store_->caseload().allocation(kOwn, "C4");
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(stored->worker, "worker_b@S12000049");
    EXPECT_EQ(stored->legal, "legal@S12000049");
    EXPECT_EQ(stored->allocated_by, "team_manager@S12000049");
    // Now worker_b sees C4, and Team A's social worker still does not.
    EXPECT_EQ(get("/children/S12000049/C4", session_for("worker_b@S12000049").token).status, 200);
    EXPECT_EQ(get("/children/S12000049/C4", session_for(user_name(Role::social_worker)).token).status, 404);
}

TEST_F(Caseload, TheChildPageSaysWhoHoldsTheCase) {
    const auto tm = get("/children/S12000049/C1", session_for(user_name(Role::team_manager)).token);
    EXPECT_NE(tm.body.find("<bdi>social_worker@S12000049</bdi> (<bdi>Team A</bdi>) <a class=\"ds_link\" "
                           "href=\"/children/S12000049/C1/allocation\">Reallocate</a>"),
              std::string::npos);
    EXPECT_NE(tm.body.find("reviewing_officer@S12000049"), std::string::npos);
    const auto sw = get("/children/S12000049/C1", session_for(user_name(Role::social_worker)).token);
    EXPECT_NE(sw.body.find("<bdi>social_worker@S12000049</bdi> (<bdi>Team A</bdi>)"), std::string::npos);
    EXPECT_EQ(sw.body.find("/allocation"), std::string::npos) << "only managers reallocate";
}

TEST_F(Caseload, OnlyATeamManagerWhoSeesTheChildMayReallocateIt) {
    const auto sw = session_for(user_name(Role::social_worker));
    EXPECT_EQ(get("/children/S12000049/C1/allocation", sw.token).status, 403);
    EXPECT_EQ(post("/children/S12000049/C1/allocation", "csrf=" + sw.csrf + "&worker=social_worker%40S12000049",
                   "waymark_session=" + sw.token)
                  .status,
              403);
    const auto tm = session_for(user_name(Role::team_manager));
    EXPECT_EQ(get("/children/S12000049/C3/allocation", tm.token).status, 404) << "another team's restricted child";
}

}  // namespace

namespace {

class Restriction : public waymark::test::WebTest {
protected:
    bool restricted(const std::string& child) {
        const auto rows =
            waymark::app::status_report(*store_, standards_, {waymark::core::Date::parse("2026-11-26"), kOwn, child});
        EXPECT_EQ(rows.size(), 1U);
        return !rows.empty() && rows.front().restricted;
    }
    void add_events(const std::string& csv) {
        write("more.csv", "child_id,local_authority,date,event,details,status\n" + csv);
        waymark::app::ImportOptions o;
        o.events_path = (dir_ / "more.csv").string();
        o.today = waymark::core::Date::parse("2026-11-26");
        waymark::app::import_files(*store_, standards_.vocabulary, o);
    }
};

TEST_F(Restriction, AnAdoptionPlanRestrictsTheRecordOnceItHasHappened) {
    EXPECT_TRUE(restricted("C3")) << "plan=adoption";
    EXPECT_FALSE(restricted("C1"));
    add_events(
        "C1,S12000049,2026-12-01,permanence_plan_recorded,plan=adoption,planned\n"
        "C2,S12000049,2026-11-01,permanence_plan_recorded,plan=long_term_foster,occurred\n");
    EXPECT_FALSE(restricted("C1")) << "a planned adoption plan has not started";
    EXPECT_FALSE(restricted("C2")) << "another plan";
    add_events("C2,S12000049,2026-11-20,permanence_plan_recorded,plan=poa,occurred\n");
    EXPECT_TRUE(restricted("C2")) << "a permanence order with authority to adopt";
    // Restricted from that day: Team B's manager no longer sees C2; those named on it do.
    EXPECT_EQ(get("/children/S12000049/C2", session_for("manager_b@S12000049").token).status, 404);
    EXPECT_EQ(get("/children/S12000049/C2", session_for(user_name(Role::social_worker)).token).status, 200)
        << "allocated to them";
    EXPECT_EQ(get("/children/S12000049/C2", session_for(user_name(Role::legal)).token).status, 200) << "named as legal";
}

}  // namespace

// A case reference may hold '/' (DATA.md): the list links to it with %2F, and the link works.
TEST_F(Caseload, AChildWhoseReferenceHasASlashIsReachedFromTheList) {
    write("slash.csv",
          "child_id,local_authority,given_name,family_name,date_of_birth\n"
          "2019/044,S12000049,Ailsa,Bain,2019-04-04\n");
    write("slash_events.csv",
          "child_id,local_authority,date,event,details\n"
          "2019/044,S12000049,2026-10-01,accommodated,placement=foster\n");
    waymark::app::ImportOptions o;
    o.children_path = (dir_ / "slash.csv").string();
    o.events_path = (dir_ / "slash_events.csv").string();
    o.today = waymark::core::Date::parse("2026-11-26");
    waymark::app::import_files(*store_, standards_.vocabulary, o);
    const auto s = session_for(user_name(Role::team_manager));
    const auto list = get("/children?scope=council", s.token);
    const std::string href = "/children/S12000049/2019%2F044";
    ASSERT_NE(list.body.find("href=\"" + href + "\""), std::string::npos) << list.body;
    const auto page = get(href, s.token);
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Ailsa Bain"), std::string::npos);
    EXPECT_EQ(get(href + "/timeline.pdf", s.token).status, 200);
}

// A council's list runs to 1,500 children: 100 a page, sorted and filtered across them all.
TEST_F(Caseload, ALongListComesInPagesOfAHundred) {
    std::string children = "child_id,local_authority,date_of_birth\n";
    std::string events = "child_id,local_authority,date,event,details\n";
    for (int i = 0; i < 150; ++i) {
        const std::string id = "P" + std::to_string(1000 + i);
        children += id + ",S12000049,2019-01-01\n";
        events += id + ",S12000049,2026-10-01,accommodated,placement=foster\n";
    }
    write("many.csv", children);
    write("many_events.csv", events);
    waymark::app::ImportOptions o;
    o.children_path = (dir_ / "many.csv").string();
    o.events_path = (dir_ / "many_events.csv").string();
    o.today = waymark::core::Date::parse("2026-11-26");
    waymark::app::import_files(*store_, standards_.vocabulary, o);
    const auto s = session_for(user_name(Role::team_manager));
    const auto first = get("/children?scope=council", s.token);
    const auto second = get("/children?scope=council&page=2", s.token);
    ASSERT_EQ(first.status, 200);
    ASSERT_EQ(second.status, 200);
    const auto one = rows(first.body);
    const auto two = rows(second.body);
    EXPECT_EQ(one.size(), 100U);
    EXPECT_EQ(two.size(), 53U) << "150, and C1, C2 and C4 (C3 is restricted to another team)";
    EXPECT_EQ(one.front(), "C1");
    EXPECT_EQ(two.back(), "P1149");
    EXPECT_NE(first.body.find("Showing 1 to 100."), std::string::npos);
    EXPECT_NE(first.body.find("<nav class=\"ds_pagination\" aria-label=\"Pages of children\">"), std::string::npos);
    EXPECT_NE(first.body.find("href=\"/children?scope=council&amp;page=2\" aria-label=\"Next page\""),
              std::string::npos)
        << first.body;
    EXPECT_NE(second.body.find("aria-label=\"Page 2\" aria-current=\"page\""), std::string::npos);
    for (const std::string bad : {"0", "3", "x", "1x"}) {
        const auto r = get("/children?scope=council&page=" + bad, s.token);
        EXPECT_EQ(r.status, 400) << bad;
        EXPECT_NE(r.body.find("page must be a page of the list, 1 to 2"), std::string::npos) << bad;
    }
}
