// Finding a child (issue 13, item 2) through the handlers, over the fixture's two councils
// (support/web_fixture.hpp): by name and by reference, only among the children the user may
// see, an exact reference straight to the child, one audit entry for the results, and the
// words searched for in no log.
#include "app/admin.hpp"
#include "app/search.hpp"
#include "support/web_fixture.hpp"
#include "web/server/serve.hpp"

#include <boost/json.hpp>

namespace {

using waymark::app::Role;
using waymark::test::kOwn;

class Search : public waymark::test::WebTest {
protected:
    // The case references of the results table's rows, in order (the same markup as /children).
    static std::vector<std::string> rows(const std::string& body) { return waymark::test::caseload_rows(body); }
    waymark::web::Response search(const std::string& who, const std::string& query) {
        return get("/search?q=" + query, session_for(who).token);
    }
    std::vector<std::string> found(const std::string& who, const std::string& query) {
        const auto r = search(who, query);
        EXPECT_EQ(r.status, 200) << who << " " << query << "\n" << r.body.substr(0, 400);
        return rows(r.body);
    }
    using Ids = std::vector<std::string>;
};

TEST_F(Search, ByPartOfAFirstOrLastNameInAnyCase) {
    const auto manager = "manager_b@S12000049";
    EXPECT_EQ(found(manager, "eil"), (Ids{"C2"}));
    EXPECT_EQ(found(manager, "ROSS"), (Ids{"C2"}));
    EXPECT_EQ(found(manager, "eilidh+ross"), (Ids{"C2"})) << "each word part of a name";
    EXPECT_EQ(found(manager, "eilidh+reid"), (Ids{}));
    EXPECT_EQ(found(manager, "g"), (Ids{"C3", "C4"})) << "Morag, Gray";
}

TEST_F(Search, ThePageShowsNameDateOfBirthStageAndWorkerInWords) {
    const auto r = search(user_name(Role::team_manager), "ross");
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("Eilidh Ross"), std::string::npos);
    EXPECT_NE(r.body.find("1 June 2021"), std::string::npos);
    EXPECT_NE(r.body.find("<td data-title=\"Stage\">Away assessment</td>"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find(user_name(Role::social_worker)), std::string::npos);
    EXPECT_NE(r.body.find("href=\"/children/S12000049/C2\""), std::string::npos);
    EXPECT_NE(r.body.find("1 child matches"), std::string::npos);
}

// Issue 13, item 7: staff appear by the display name an administrator gave them.
TEST_F(Search, TheWorkerIsShownByDisplayName) {
    const waymark::app::Viewer op{"root", "2027-01-15T08:00:00Z", "command line"};
    waymark::app::set_display_name(*store_, op, user_name(Role::social_worker), "Alex Morgan");
    const auto r = search(user_name(Role::team_manager), "ross");
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("<td data-title=\"Worker\"><bdi>Alex Morgan</bdi>"), std::string::npos) << r.body;
}

TEST_F(Search, AHostileNameIsEscaped) {
    const auto r = search(user_name(Role::social_worker), "munro");
    EXPECT_EQ(rows(r.body), (Ids{"C1"}));
    EXPECT_EQ(r.body.find(waymark::test::kHostile), std::string::npos);
    EXPECT_NE(r.body.find("&lt;script&gt;"), std::string::npos);
}

TEST_F(Search, ByPartOfACaseReference) {
    EXPECT_EQ(found("manager_b@S12000049", "c"), (Ids{"C1", "C2", "C3", "C4"}));
    EXPECT_EQ(found(user_name(Role::social_worker), "c"), (Ids{"C1", "C2"}));
}

TEST_F(Search, AReferenceTypedExactlyGoesToTheChild) {
    const auto r = search(user_name(Role::social_worker), "C2");
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(r.header("Location"), "/children/S12000049/C2");
    EXPECT_EQ(search(user_name(Role::social_worker), "+c2+").header("Location"), "/children/S12000049/C2")
        << "spaces around it and another case";
}

TEST_F(Search, ARestrictedChildOutsideItsAllocationIsNeverFound) {
    // C3 (Morag Reid) is restricted and allocated to worker_b of Team B.
    for (const std::string& who : {user_name(Role::social_worker), user_name(Role::team_manager)}) {
        EXPECT_EQ(found(who, "morag"), (Ids{})) << who;
        EXPECT_EQ(found(who, "C3"), (Ids{})) << who << ": not found, not redirected";
    }
    EXPECT_EQ(found("worker_b@S12000049", "morag"), (Ids{"C3"}));
    EXPECT_EQ(search("worker_b@S12000049", "C3").status, 303);
}

TEST_F(Search, AnotherCouncilsChildIsNeverFound) {
    // kOther's C1 is Ishbel Campbell, allocated to kOther's users, who share the role names.
    for (const std::string& who :
         {user_name(Role::social_worker), user_name(Role::team_manager), std::string("manager_b@S12000049")}) {
        EXPECT_EQ(found(who, "ishbel"), (Ids{})) << who;
        EXPECT_EQ(found(who, "campbell"), (Ids{})) << who;
    }
    EXPECT_EQ(found(user_name(Role::social_worker, waymark::test::kOther), "ishbel"), (Ids{"C1"}));
}

TEST_F(Search, NoMatchGivesAdviceAndABlankSearchAHint) {
    const auto none = search(user_name(Role::team_manager), "zzz");
    EXPECT_EQ(none.status, 200);
    EXPECT_NE(none.body.find("No children match &ldquo;zzz&rdquo;"), std::string::npos);
    EXPECT_NE(none.body.find("Check the spelling"), std::string::npos);
    for (const char* blank : {"", "+++"}) {
        const auto r = search(user_name(Role::team_manager), blank);
        EXPECT_EQ(r.status, 200);
        EXPECT_NE(r.body.find("Type a case reference or part of a name"), std::string::npos);
        EXPECT_TRUE(rows(r.body).empty());
    }
    const auto bare = get("/search", session_for(user_name(Role::team_manager)).token);
    EXPECT_EQ(bare.status, 200);
    EXPECT_NE(bare.body.find("name=\"q\""), std::string::npos);
}

TEST_F(Search, ATooLongSearchIsRefusedInWords) {
    const auto before = audit_count();
    const auto r = search(user_name(Role::team_manager), std::string(101, 'a'));
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("Type at most 100 characters"), std::string::npos);
    EXPECT_EQ(audit_count(), before);
}

TEST_F(Search, RolesThatSeeNoNamedChildrenAreRefused) {
    for (Role role : {Role::improvement_advisor, Role::administrator, Role::national_analyst}) {
        EXPECT_EQ(search(user_name(role), "ross").status, 403) << waymark::app::to_string(role);
    }
    EXPECT_EQ(get("/search?q=ross").status, 303) << "signed out: to the sign-in page";
}

TEST_F(Search, ResultsAreOneAuditEntryListingTheChildrenShownWithoutTheQuery) {
    const auto before = audit_count();
    EXPECT_EQ(found("manager_b@S12000049", "g"), (Ids{"C3", "C4"}));
    const auto lines = audit_lines();
    ASSERT_EQ(lines.size(), before + 1);
    EXPECT_EQ(lines.back(), "manager_b@S12000049 view_search S12000049  web 192.0.2.1");
    const auto rows = store_->find_audit({kOwn, std::nullopt, std::string("view_search"), {}, {}, {}, {}, {}, 0, 10});
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(rows.front().entry.detail, "search results: C3, C4");
    // No match and an exact reference write nothing here (the child's page audits itself).
    found("manager_b@S12000049", "zzz");
    search("manager_b@S12000049", "C2");
    EXPECT_EQ(audit_count(), before + 1);
}

TEST_F(Search, AtMostFiftyAreShownWithAMessageToNarrowTheSearch) {
    std::string children = "child_id,local_authority,given_name,family_name,date_of_birth\n";
    std::string events = "child_id,local_authority,date,event,details,agency,note\n";
    for (int i = 0; i < 60; ++i) {
        const std::string id = "M" + std::to_string(100 + i);
        children += id + ",S12000049,Ann,Smith,2020-01-01\n";
        events += id + ",S12000049,2026-09-01,accommodated,placement=foster,social_work,\n";
    }
    write("more-children.csv", children);
    write("more-events.csv", events);
    waymark::app::ImportOptions o;
    o.children_path = (dir_ / "more-children.csv").string();
    o.events_path = (dir_ / "more-events.csv").string();
    o.today = waymark::core::Date::parse("2026-11-26");
    waymark::app::import_files(*store_, standards_.vocabulary, o);
    const auto r = search("manager_b@S12000049", "smith");
    EXPECT_EQ(rows(r.body).size(), waymark::app::kMaxSearchResults);
    EXPECT_NE(r.body.find("60 children match"), std::string::npos);
    EXPECT_NE(r.body.find("The first 50 are shown. Type more"), std::string::npos);
}

// The access log names the route's pattern: never the words searched for, which may be a name.
TEST_F(Search, TheAccessLogHasNoQuery) {
    const auto r = search(user_name(Role::team_manager), "eilidh");
    EXPECT_EQ(r.route, "/search");
    const auto line = waymark::web::access_line({kNow, "192.0.2.1", r.user, "GET", r.route, r.status, 1000});
    EXPECT_EQ(line.find("eilidh"), std::string::npos) << line;
    EXPECT_EQ(line.find('?'), std::string::npos) << line;
}

TEST_F(Search, TheApiSearchesTheSameChildrenWithoutNames) {
    const auto token = waymark::app::create_api_token(*store_, "manager_b@S12000049", kNow);
    const auto ids = [&](const std::string& q) {
        const auto r = api("/api/v1/children?q=" + q, token);
        EXPECT_EQ(r.status, 200) << r.body;
        Ids out;
        const auto body = boost::json::parse(r.body);
        for (const auto& c : body.at("children").as_array()) out.emplace_back(c.at("child_id").as_string());
        EXPECT_EQ(r.body.find("Ross"), std::string::npos) << "no names";
        return out;
    };
    EXPECT_EQ(ids("g"), (Ids{"C3", "C4"}));
    EXPECT_EQ(ids("ross"), (Ids{"C2"}));
    EXPECT_EQ(ids("C2"), (Ids{"C2"}));
    EXPECT_EQ(boost::json::parse(api("/api/v1/children?q=C2", token).body).at("exact").as_bool(), true);
    EXPECT_EQ(ids("ishbel"), (Ids{}));
    const auto worker = waymark::app::create_api_token(*store_, user_name(Role::social_worker), kNow);
    EXPECT_EQ(api("/api/v1/children?q=morag", worker).body.find("C3"), std::string::npos);
    EXPECT_EQ(api("/api/v1/children?q=" + std::string(101, 'a'), token).status, 400);
}

TEST(SearchWords, NamesMatchEveryWordInEitherName) {
    using waymark::app::name_matches;
    using waymark::app::search_words;
    EXPECT_EQ(search_words("  Eilidh   ROSS "), (std::vector<std::string>{"eilidh", "ross"}));
    EXPECT_TRUE(name_matches("Eilidh", "Ross", search_words("ross eil")));
    EXPECT_FALSE(name_matches("Eilidh", "Ross", search_words("ross morag")));
    EXPECT_FALSE(name_matches("Eilidh", "Ross", {}));
}

}  // namespace
