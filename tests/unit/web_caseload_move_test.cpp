// Issue 13, items 6 and 7: the caseload list's heading, panel, sorting, council names and a team
// manager's counts per worker; moving several children at once, reallocation with a reason,
// and the way back to the list (the fixture: support/web_fixture.hpp).
#include "core/council.hpp"
#include "support/web_fixture.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <set>

namespace {

using waymark::app::Role;
using waymark::test::kOwn;

TEST(CouncilNames, TheThirtyTwoCouncilAreasByTheirCodes) {
    using waymark::core::council_name;
    EXPECT_EQ(council_name("S12000049"), "Glasgow City");
    EXPECT_EQ(council_name("S12000033"), "Aberdeen City");
    EXPECT_EQ(council_name("S12000036"), "City of Edinburgh");
    EXPECT_EQ(council_name("S12000005"), "Clackmannanshire");
    EXPECT_EQ(council_name("S12000013"), "Na h-Eileanan Siar");
    EXPECT_EQ(council_name("S12000050"), "North Lanarkshire");
    std::set<std::string> names;
    for (int n = 0; n < 100; ++n) {
        char code[16];
        std::snprintf(code, sizeof code, "S120000%02d", n);
        if (const auto name = council_name(code)) names.emplace(*name);
    }
    EXPECT_EQ(names.size(), 32U) << "32 councils, each named once";
    EXPECT_FALSE(council_name("S12000046").has_value()) << "Glasgow's code before 2018 is not in use";
    EXPECT_FALSE(council_name("E09000001").has_value());
    EXPECT_EQ(waymark::core::council_words("Fife Council"), "Fife Council") << "a name is shown as given";
    EXPECT_EQ(waymark::core::council_words("S12000047"), "Fife");
}

class CaseloadList : public waymark::test::WebTest {
protected:
    static std::vector<std::string> rows(const std::string& body) { return waymark::test::caseload_rows(body); }
    // The number of overdue clocks of each row, in order.
    static std::vector<int> overdue_counts(const std::string& body) {
        std::vector<int> out;
        const std::string row = "<tr><td data-title=\"Move\">";
        for (auto at = body.find(row); at != std::string::npos; at = body.find(row, at + 1)) {
            const auto end = body.find("</tr>", at);
            const auto tag = body.find("ds_tag--red\">", at);
            out.push_back(tag < end ? std::stoi(body.substr(tag + 13)) : 0);
        }
        return out;
    }
    waymark::web::Response page(const std::string& who, const std::string& query = {}) {
        return get("/children" + query, session_for(who).token);
    }
    // The audit entries' details, in order, of one action.
    std::vector<std::string> audit_details(const std::string& action) {
        std::vector<std::string> out;
        sqlite3* db = nullptr;
        sqlite3_open((dir_ / "w.db").string().c_str(), &db);
        sqlite3_stmt* s = nullptr;
        sqlite3_prepare_v2(db, "SELECT child_id || ' ' || detail FROM audit WHERE action = ?1 ORDER BY id", -1, &s,
                           nullptr);
        sqlite3_bind_text(s, 1, action.c_str(), -1, SQLITE_TRANSIENT);
        while (sqlite3_step(s) == SQLITE_ROW)
            out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
        sqlite3_finalize(s);
        sqlite3_close(db);
        return out;
    }
    std::string worker_of(const std::string& child) {
        const auto a = store_->caseload().allocation(kOwn, child);
        return a ? a->worker : std::string{};
    }
    using Ids = std::vector<std::string>;
};

TEST_F(CaseloadList, TheHeadingAndTitleSayWhichViewItIs) {
    const auto mine = page(user_name(Role::social_worker));
    EXPECT_NE(mine.body.find("<title>My children - Waymark</title>"), std::string::npos);
    const auto team = page(user_name(Role::team_manager));
    EXPECT_NE(team.body.find("<title>Team - Waymark</title>"), std::string::npos) << "a manager's default";
    EXPECT_NE(team.body.find("<h1 class=\"ds_page-header__title\"><bdi>Team</bdi></h1>"), std::string::npos);
    const auto council = page(user_name(Role::team_manager), "?scope=council");
    EXPECT_NE(council.body.find("<title>Council - Waymark</title>"), std::string::npos);
    const auto own = page(user_name(Role::team_manager), "?scope=mine");
    EXPECT_NE(own.body.find("<title>My children - Waymark</title>"), std::string::npos);
}

TEST_F(CaseloadList, CouncilsAreNamedNotCoded) {
    const auto r = page(user_name(Role::team_manager), "?scope=council");
    EXPECT_NE(r.body.find("children of Glasgow City (All children of Glasgow City you may see)"), std::string::npos);
    EXPECT_EQ(r.body.find("of S12000049"), std::string::npos);
    const auto form = get("/children/S12000049/C4/allocation", session_for(user_name(Role::team_manager)).token);
    EXPECT_NE(form.body.find("Case reference C4, Glasgow City."), std::string::npos);
}

TEST_F(CaseloadList, TheFiltersAreInAFoldedPanelAndTheListComesFirst) {
    const auto r = page(user_name(Role::team_manager), "?scope=council");
    const auto panel = r.body.find("<details class=\"ds_details\" id=\"filters-panel\">");
    ASSERT_NE(panel, std::string::npos) << "closed: no open attribute";
    EXPECT_LT(r.body.find("<summary class=\"ds_details__summary\">Filter and sort the list</summary>"),
              r.body.find("<form method=\"get\" action=\"/children\""));
    EXPECT_LT(panel, r.body.find("<table"));
    EXPECT_NE(r.body.find("ds_layout--category-list"), std::string::npos) << "the list takes the page's width";
    const auto bad = page(user_name(Role::team_manager), "?stage=limbo");
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.body.find("<details class=\"ds_details\" id=\"filters-panel\" open>"), std::string::npos)
        << "opened when a filter is wrong, so its field can be reached";
}

TEST_F(CaseloadList, SortByNumberOverdueAndByName) {
    const auto manager = "manager_b@S12000049";
    const auto most = page(manager, "?scope=council&sort=overdue&order=desc");
    ASSERT_EQ(most.status, 200);
    const auto counts = overdue_counts(most.body);
    ASSERT_EQ(counts.size(), 4U);
    EXPECT_TRUE(std::is_sorted(counts.rbegin(), counts.rend())) << "most overdue first";
    EXPECT_LT(counts.back(), counts.front()) << "the fixture's children differ";
    const auto fewest = overdue_counts(page(manager, "?scope=council&sort=overdue").body);
    EXPECT_TRUE(std::is_sorted(fewest.begin(), fewest.end()));
    EXPECT_NE(most.body.find("aria-sort=\"descending\"><a class=\"ds_link\" "
                             "href=\"/children?scope=council&amp;sort=overdue\">Clocks</a>"),
              std::string::npos)
        << "the sorted column says so, and its link turns the order round";
    // Unsorted by it, the heading's link sorts the most overdue first.
    EXPECT_NE(page(manager, "?scope=council")
                  .body.find("href=\"/children?scope=council&amp;sort=overdue&amp;order=desc\">Clocks</a>"),
              std::string::npos);

    // By name, in one's own caseload: C1 and C2's names in order.
    const std::vector<std::string> ids{"C1", "C2"};
    const auto names = store_->child_names(kOwn, ids);
    const Ids by_name = names.at("C1") < names.at("C2") ? Ids{"C1", "C2"} : Ids{"C2", "C1"};
    const Ids reversed{by_name[1], by_name[0]};
    const auto asc = page(user_name(Role::social_worker), "?sort=name");
    ASSERT_EQ(asc.status, 200);
    EXPECT_EQ(rows(asc.body), by_name);
    EXPECT_NE(asc.body.find("aria-sort=\"ascending\"><a class=\"ds_link\" href=\"/children?sort=name&amp;order=desc\">"
                            "Name</a>"),
              std::string::npos);
    EXPECT_EQ(rows(page(user_name(Role::social_worker), "?sort=name&order=desc").body), reversed);
    // A team's or the council's list shows no names, so it is not sorted by them.
    const auto team = page(user_name(Role::team_manager), "?sort=name");
    EXPECT_EQ(team.status, 400);
    EXPECT_NE(team.body.find("<a href=\"#sort\">names are shown only in your own children"), std::string::npos);
}

TEST_F(CaseloadList, ATeamManagerSeesEachWorkersCaseloadAndOverdueCount) {
    // Team A: the social worker holds C1 and C2; the team manager none.
    const auto r = page(user_name(Role::team_manager), "?scope=council&stage=at_home");
    const auto table = r.body.find("<caption>Children allocated to each worker of Team A");
    ASSERT_NE(table, std::string::npos) << "whatever the list's filters";
    const auto sw = r.body.find(
        "<a class=\"ds_link\" href=\"/children?worker=social_worker%40S12000049\"><bdi>social_worker@S12000049</bdi>"
        "</a></th><td data-title=\"Children\">2</td>",
        table);
    EXPECT_NE(sw, std::string::npos) << r.body.substr(table, 1500);
    EXPECT_NE(r.body.find("<bdi>team_manager@S12000049</bdi></a></th><td data-title=\"Children\">0</td>", table),
              std::string::npos);
    EXPECT_EQ(r.body.find("worker_b@S12000049</bdi></a></th>", table), std::string::npos) << "not of Team A";
    // The worker's link lists their children.
    EXPECT_EQ(rows(page(user_name(Role::team_manager), "?worker=social_worker%40S12000049").body), (Ids{"C1", "C2"}));
    EXPECT_EQ(page(user_name(Role::social_worker)).body.find("by worker</h2>"), std::string::npos)
        << "a social worker gets no counts per worker";
}

TEST_F(CaseloadList, ATeamManagerMovesThreeChildrenAtOnceWithAReasonAndReturnsToTheList) {
    const auto s = session_for("manager_b@S12000049");
    const std::string cookie = "waymark_session=" + s.token;
    const auto list = get("/children?scope=council&sort=days", s.token);
    EXPECT_NE(list.body.find("<form method=\"post\" action=\"/children/move\" id=\"move\" novalidate>"),
              std::string::npos);
    EXPECT_NE(list.body.find("<input class=\"ds_checkbox__input\" type=\"checkbox\" name=\"child\" id=\"move-0\" "
                             "value=\"C2\">"),
              std::string::npos);
    EXPECT_NE(list.body.find("name=\"return\" value=\"/children?scope=council&amp;sort=days\""), std::string::npos);

    const std::string form = "csrf=" + s.csrf +
                             "&return=%2Fchildren%3Fscope%3Dcouncil%26sort%3Ddays&child=C1&child=C2&child=C4"
                             "&worker=worker_b%40S12000049&reason=Caseloads+balanced+after+a+leaver";
    const auto before = audit_details("allocate").size();
    // First the check: the children, who holds them now, the new worker and the reason.
    const auto check = post("/children/move", form, cookie);
    ASSERT_EQ(check.status, 200) << check.body;
    EXPECT_NE(check.body.find("Check the move, then confirm it."), std::string::npos);
    EXPECT_NE(check.body.find("<th scope=\"row\">C4</th><td>Not allocated</td>"), std::string::npos);
    EXPECT_NE(check.body.find("Move 3 children"), std::string::npos);
    EXPECT_NE(check.body.find("<ul class=\"ds_summary-list\"><li class=\"ds_summary-list__item\">"), std::string::npos)
        << "the summary list's items in a list (axe)";
    EXPECT_EQ(audit_details("allocate").size(), before) << "nothing changes before it is confirmed";
    EXPECT_EQ(worker_of("C1"), user_name(Role::social_worker));

    const auto done = post("/children/move", form + "&confirm=yes", cookie);
    ASSERT_EQ(done.status, 303) << done.body;
    const std::string location(done.header("Location"));
    EXPECT_TRUE(location.starts_with("/children?scope=council&sort=days&moved=")) << location;
    for (const char* c : {"C1", "C2", "C4"}) EXPECT_EQ(worker_of(c), "worker_b@S12000049") << c;
    const auto details = audit_details("allocate");
    ASSERT_EQ(details.size(), before + 3) << "each child's move audited";
    for (std::size_t i = before; i < details.size(); ++i) {
        EXPECT_NE(details[i].find("worker=worker_b@S12000049"), std::string::npos) << details[i];
        EXPECT_NE(details[i].find("; reason: Caseloads balanced after a leaver"), std::string::npos) << details[i];
    }
    EXPECT_NE(details[before].find("(was worker=social_worker@S12000049"), std::string::npos);

    // Back on the list as it was, with the banner saying what changed.
    const auto back = get(location, s.token);
    ASSERT_EQ(back.status, 200);
    EXPECT_NE(back.body.find("ds_notification--success"), std::string::npos);
    EXPECT_NE(back.body.find("C1 moved from social_worker@S12000049 to worker_b@S12000049. C2 moved from "
                             "social_worker@S12000049 to worker_b@S12000049. C4 moved from no one to "
                             "worker_b@S12000049."),
              std::string::npos);
    EXPECT_NE(back.body.find("<option value=\"days\" selected>"), std::string::npos) << "its sort kept";
}

TEST_F(CaseloadList, AMoveIsAllOrNothingAndNeedsAWorkerAReasonAndChildrenTheManagerMaySee) {
    const auto s = session_for(user_name(Role::team_manager));
    const std::string cookie = "waymark_session=" + s.token;
    const auto before = audit_count();
    // C3 is Team B's restricted child, which Team A's manager may not see.
    const auto hidden =
        post("/children/move", "csrf=" + s.csrf + "&child=C1&child=C3&worker=worker_b%40S12000049&reason=r&confirm=yes",
             cookie);
    EXPECT_EQ(hidden.status, 400);
    EXPECT_NE(hidden.body.find("C3 is not one of the children you may move"), std::string::npos);
    const auto no_reason =
        post("/children/move", "csrf=" + s.csrf + "&child=C1&worker=worker_b%40S12000049&reason=+&confirm=yes", cookie);
    EXPECT_EQ(no_reason.status, 400);
    EXPECT_NE(no_reason.body.find("<a href=\"#reason\">Enter the reason for the change</a>"), std::string::npos);
    const auto no_worker = post("/children/move", "csrf=" + s.csrf + "&child=C1&reason=r&confirm=yes", cookie);
    EXPECT_EQ(no_worker.status, 400);
    EXPECT_NE(no_worker.body.find("<a href=\"#worker\">Choose the new worker</a>"), std::string::npos);
    const auto not_a_worker =
        post("/children/move", "csrf=" + s.csrf + "&child=C1&worker=legal%40S12000049&reason=r&confirm=yes", cookie);
    EXPECT_EQ(not_a_worker.status, 400);
    const auto none = post("/children/move", "csrf=" + s.csrf + "&worker=worker_b%40S12000049&reason=r", cookie);
    EXPECT_EQ(none.status, 400);
    EXPECT_NE(none.body.find("Tick the children to move in the list"), std::string::npos);
    EXPECT_EQ(
        post("/children/move", "csrf=wrong&child=C1&worker=worker_b%40S12000049&reason=r&confirm=yes", cookie).status,
        403);
    const auto sw = session_for(user_name(Role::social_worker));
    EXPECT_EQ(post("/children/move", "csrf=" + sw.csrf + "&child=C1&worker=worker_b%40S12000049&reason=r&confirm=yes",
                   "waymark_session=" + sw.token)
                  .status,
              403);
    EXPECT_EQ(audit_count(), before);
    EXPECT_EQ(worker_of("C1"), user_name(Role::social_worker)) << "nothing moved";
}

TEST_F(CaseloadList, AReturnAddressElsewhereIsRefused) {
    const auto s = session_for(user_name(Role::team_manager));
    const std::string cookie = "waymark_session=" + s.token;
    const auto before = audit_count();
    for (const std::string target :
         {"https%3A%2F%2Fevil.example%2Fchildren", "%2F%2Fevil.example%2Fchildren", "%2F%5Cevil.example",
          "%2Fchildren.evil.example", "%2Fchildrenx", "%2Fchildren%2F%2Fevil.example",
          "%2Fchildren%0D%0ASet-Cookie%3A+x%3Dy", "javascript%3Aalert(1)", "%2Fadmin"}) {
        const auto move = post(
            "/children/move",
            "csrf=" + s.csrf + "&child=C1&worker=worker_b%40S12000049&reason=r&confirm=yes&return=" + target, cookie);
        EXPECT_EQ(move.status, 400) << target;
        EXPECT_TRUE(move.header("Location").empty()) << target;
        const auto one = post("/children/S12000049/C4/allocation",
                              "csrf=" + s.csrf + "&worker=worker_b%40S12000049&reason=r&return=" + target, cookie);
        EXPECT_EQ(one.status, 400) << target;
        EXPECT_EQ(get("/children/S12000049/C4/allocation?return=" + target, s.token).status, 400) << target;
    }
    EXPECT_EQ(audit_count(), before) << "nothing moved";
    const auto ok =
        post("/children/S12000049/C4/allocation",
             "csrf=" + s.csrf + "&worker=worker_b%40S12000049&reason=r&return=%2Fchildren%3Fstage%3Dat_home", cookie);
    EXPECT_EQ(ok.status, 303);
    EXPECT_TRUE(std::string(ok.header("Location")).starts_with("/children?stage=at_home&moved=C4%20moved%20from"))
        << ok.header("Location");
}

TEST_F(CaseloadList, OneChildsReallocationAsksForAReasonAndConfirmsWhatChanged) {
    const auto s = session_for(user_name(Role::team_manager));
    const std::string cookie = "waymark_session=" + s.token;
    const auto form = get("/children/S12000049/C1/allocation?return=%2Fchildren%3Fscope%3Dcouncil", s.token);
    ASSERT_EQ(form.status, 200);
    EXPECT_NE(form.body.find("<label class=\"ds_label\" for=\"reason\">Reason for the change</label>"),
              std::string::npos);
    EXPECT_NE(form.body.find("name=\"return\" value=\"/children?scope=council\""), std::string::npos);
    EXPECT_NE(form.body.find("Allocated by <bdi>fixture</bdi> on 14 January 2027, 08:00 GMT."), std::string::npos)
        << "in UK time: GMT in January";
    const auto before = audit_count();
    const auto no_reason = post("/children/S12000049/C1/allocation",
                                "csrf=" + s.csrf + "&worker=worker_b%40S12000049&return=%2Fchildren", cookie);
    EXPECT_EQ(no_reason.status, 400);
    EXPECT_NE(no_reason.body.find("<a href=\"#reason\">Enter the reason for the change</a>"), std::string::npos);
    EXPECT_NE(no_reason.body.find("name=\"return\" value=\"/children\""), std::string::npos) << "the way back kept";
    EXPECT_EQ(audit_count(), before);
    const auto ok = post("/children/S12000049/C1/allocation",
                         "csrf=" + s.csrf +
                             "&worker=worker_b%40S12000049&reason=Moved+to+Team+B&return=%2Fchildren%3F"
                             "scope%3Dcouncil",
                         cookie);
    ASSERT_EQ(ok.status, 303);
    const auto details = audit_details("allocate");
    EXPECT_NE(details.back().find("C1 worker=worker_b@S12000049"), std::string::npos);
    EXPECT_NE(details.back().find("; reason: Moved to Team B"), std::string::npos) << details.back();
    const auto back = get(std::string(ok.header("Location")), s.token);
    EXPECT_NE(back.body.find("C1 moved from social_worker@S12000049 to worker_b@S12000049."), std::string::npos);
}

TEST_F(CaseloadList, TheBannerCannotBeWrittenByALinkFromElsewhere) {
    const auto s = session_for(user_name(Role::team_manager));
    const auto forged = get("/children?moved=C1%20moved%20to%20Mallory.&moved_check=00", s.token);
    EXPECT_EQ(forged.status, 200);
    EXPECT_EQ(forged.body.find("Mallory"), std::string::npos);
    // A banner made for another session is not shown in this one.
    const auto other = session_for("manager_b@S12000049");
    const auto moved = post("/children/S12000049/C4/allocation",
                            "csrf=" + other.csrf + "&worker=worker_b%40S12000049&reason=r&return=%2Fchildren",
                            "waymark_session=" + other.token);
    ASSERT_EQ(moved.status, 303);
    const std::string location(moved.header("Location"));
    EXPECT_NE(get(location, other.token).body.find("C4 moved from no one"), std::string::npos);
    EXPECT_EQ(get(location, s.token).body.find("C4 moved from no one"), std::string::npos);
}

}  // namespace
