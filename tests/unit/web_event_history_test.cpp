// An event's history (app/event_history.hpp, web/routes/event_history.cpp): every version of
// an event, on a page and in the API, with the access of the child's page, each view audited.
#include "app/event_history.hpp"
#include "app/recording.hpp"
#include "support/web_fixture.hpp"

#include <boost/json.hpp>

namespace {

using waymark::app::Role;
using waymark::test::kHostile;
using waymark::test::kOwn;
namespace json = boost::json;

class EventHistory : public waymark::test::WebTest {
protected:
    // The key of the fixture's one event of the council's child (its accommodation, or C4's
    // looked after at home).
    std::int64_t first_event(const std::string& child, const std::string& council = kOwn) {
        std::int64_t key = 0;
        store_->for_each_journey(
            {council, child, true, {}},
            [&](const waymark::core::ChildRecord&, std::span<const waymark::core::Event> es) { key = es.front().seq; });
        return key;
    }
    waymark::app::Author author(Role role, const std::string& at) {
        return {user_name(role), role, at, "web 192.0.2.9", waymark::core::Date::parse("2026-11-26")};
    }
    // C1's accommodation corrected (placement and note), then cancelled, by the team manager.
    std::int64_t correct_then_cancel() {
        const auto key = first_event("C1");
        const waymark::app::ChildRef c1{kOwn, "C1"};
        waymark::app::correct_event(*store_, standards_.vocabulary, c1, key,
                                    {"2026-09-02", "", "occurred", "placement=kinship", "social_work", "With kin", ""},
                                    "The placement was with kin", std::nullopt,
                                    author(Role::team_manager, "2027-01-10T09:15:00Z"));
        waymark::app::cancel_event(*store_, standards_.vocabulary, c1, key, kHostile, std::nullopt,
                                   author(Role::social_worker, "2027-01-11T14:30:00Z"));
        return key;
    }
    std::string page_of(std::int64_t key, const std::string& child = "C1") {
        return "/children/S12000049/" + child + "/events/" + std::to_string(key) + "/history";
    }
    std::string api_of(std::int64_t key, const std::string& child = "C1") { return "/api/v1" + page_of(key, child); }
    std::string token(Role role) { return waymark::app::create_api_token(*store_, user_name(role), kNow); }
};

TEST_F(EventHistory, EveryVersionWithWhoWhenAndWhy) {
    const auto key = correct_then_cancel();
    const auto s = session_for(user_name(Role::reviewing_officer));
    const auto before = audit_count();
    const auto r = get(page_of(key), s.token);
    ASSERT_EQ(r.status, 200) << r.body;
    const std::string& b = r.body;
    EXPECT_NE(b.find("Event history: Accommodated, 2 Sep 2026"), std::string::npos);
    // Imported first (as the fixture's file said), then corrected, then cancelled: oldest first.
    const auto v1 = b.find("<th scope=\"row\" data-title=\"Version\">1</th>");
    const auto v2 = b.find("<th scope=\"row\" data-title=\"Version\">2</th>");
    const auto v3 = b.find("<th scope=\"row\" data-title=\"Version\">3 (now)</th>");
    ASSERT_NE(v1, std::string::npos);
    ASSERT_NE(v2, std::string::npos);
    ASSERT_NE(v3, std::string::npos);
    EXPECT_LT(v1, v2);
    EXPECT_LT(v2, v3);
    const std::string first = b.substr(v1, v2 - v1);
    EXPECT_NE(first.find("1 Sep 2026"), std::string::npos);
    EXPECT_NE(first.find("placement=foster. Placed &lt;b&gt;quickly&lt;/b&gt;"), std::string::npos);
    EXPECT_NE(first.find("Imported from a file"), std::string::npos);
    const std::string second = b.substr(v2, v3 - v2);
    EXPECT_NE(second.find("placement=kinship. With kin"), std::string::npos);
    EXPECT_NE(second.find("Corrected by team_manager@S12000049, 10 Jan 2027 at 09:15 UTC"), std::string::npos);
    EXPECT_NE(second.find("The placement was with kin"), std::string::npos);
    const std::string third = b.substr(v3);
    EXPECT_NE(third.find("cancelled"), std::string::npos);
    EXPECT_NE(third.find("Cancelled by social_worker@S12000049, 11 Jan 2027 at 14:30 UTC"), std::string::npos);
    // The reason is the user's text: escaped, never markup.
    EXPECT_NE(third.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    EXPECT_EQ(b.find(kHostile), std::string::npos);
    // The table is labelled for screen readers, and the page names no address of a change.
    EXPECT_NE(b.find("<caption class=\"visually-hidden\">Every version of the event, oldest first</caption>"),
              std::string::npos);
    EXPECT_EQ(b.find("192.0.2.9"), std::string::npos);
    // A cancelled event is not offered for correction.
    EXPECT_EQ(b.find("/correct\""), std::string::npos);
    ASSERT_EQ(audit_count(), before + 1);
    EXPECT_EQ(audit_lines().back(), "reviewing_officer@S12000049 view_event_history S12000049 C1 web 192.0.2.1");
}

TEST_F(EventHistory, AnEventNeverChangedHasOneVersionAndTheRecorderIsOfferedTheCorrection) {
    const auto key = first_event("C2");
    const auto s = session_for(user_name(Role::social_worker));
    const auto r = get(page_of(key, "C2"), s.token);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_NE(r.body.find("<th scope=\"row\" data-title=\"Version\">1 (now)</th>"), std::string::npos);
    EXPECT_EQ(r.body.find("data-title=\"Version\">2"), std::string::npos);
    EXPECT_NE(r.body.find("href=\"/children/S12000049/C2/events/" + std::to_string(key) + "/correct\""),
              std::string::npos);
    // A reviewing officer does not change an accommodation: the history, without the link.
    const auto iro = session_for(user_name(Role::reviewing_officer));
    const auto ro = get(page_of(key, "C2"), iro.token);
    ASSERT_EQ(ro.status, 200);
    EXPECT_EQ(ro.body.find("/correct\""), std::string::npos);
}

TEST_F(EventHistory, AnEventRecordedHereStartsRecordedAndAnImportThatReplacesItShows) {
    const waymark::app::ChildRef c2{kOwn, "C2"};
    const auto stored =
        waymark::app::record_event(*store_, standards_.vocabulary, c2,
                                   {"2026-11-01", "lar", "occurred", "kind=standard", "social_work", "", "L-1"},
                                   author(Role::reviewing_officer, "2027-01-12T10:00:00Z"));
    // The case system's file, loaded later, has the review (by its event_id) a day later.
    write("events2.csv",
          "child_id,local_authority,date,event,details,agency,event_id\n"
          "C2,S12000049,2026-11-02,lar,kind=standard,social_work,L-1\n");
    waymark::app::ImportOptions o;
    o.events_path = (dir_ / "events2.csv").string();
    o.today = waymark::core::Date::parse("2026-11-26");
    waymark::app::import_files(*store_, standards_.vocabulary, o);

    const auto h = waymark::app::event_history(*store_, c2, stored.key, {"tester", "2027-01-15T08:00:00Z", "test"});
    ASSERT_EQ(h.versions.size(), 2U);
    EXPECT_EQ(h.versions[0].source, waymark::app::VersionSource::recorded);
    EXPECT_EQ(h.versions[0].change.actor, "reviewing_officer@S12000049");
    EXPECT_EQ(h.versions[0].event.date.iso(), "2026-11-01");
    EXPECT_EQ(h.versions[1].source, waymark::app::VersionSource::reimported);
    EXPECT_EQ(h.versions[1].event.date.iso(), "2026-11-02");
    EXPECT_EQ(h.versions[1].number, 2);
    EXPECT_EQ(h.current.key, stored.key);
    EXPECT_EQ(audit_lines().back(), "tester view_event_history S12000049 C2 test");
}

TEST_F(EventHistory, TheApiGivesTheSameVersions) {
    const auto key = correct_then_cancel();
    const auto r = api(api_of(key), token(Role::team_manager));
    ASSERT_EQ(r.status, 200) << r.body;
    const auto body = json::parse(r.body).as_object();
    EXPECT_EQ(body.at("key").as_int64(), key);
    EXPECT_EQ(body.at("event").as_string(), "accommodated");
    EXPECT_EQ(body.at("status").as_string(), "cancelled");
    const auto& versions = body.at("versions").as_array();
    ASSERT_EQ(versions.size(), 3U);
    const auto& v1 = versions[0].as_object();
    EXPECT_EQ(v1.at("version").as_int64(), 1);
    EXPECT_EQ(v1.at("source").as_string(), "imported");
    EXPECT_EQ(v1.at("date").as_string(), "2026-09-01");
    EXPECT_EQ(v1.at("details").as_string(), "placement=foster");
    EXPECT_TRUE(v1.at("actor").is_null());
    EXPECT_TRUE(v1.at("reason").is_null());
    const auto& v2 = versions[1].as_object();
    EXPECT_EQ(v2.at("source").as_string(), "corrected");
    EXPECT_EQ(v2.at("date").as_string(), "2026-09-02");
    EXPECT_EQ(v2.at("actor").as_string(), "team_manager@S12000049");
    EXPECT_EQ(v2.at("at").as_string(), "2027-01-10T09:15:00Z");
    EXPECT_EQ(v2.at("reason").as_string(), "The placement was with kin");
    const auto& v3 = versions[2].as_object();
    EXPECT_EQ(v3.at("source").as_string(), "cancelled");
    EXPECT_EQ(v3.at("status").as_string(), "cancelled");
    EXPECT_EQ(v3.at("reason").as_string(), kHostile);
    EXPECT_EQ(v3.find("origin"), v3.end()) << "where a change came from is for the audit log";
    EXPECT_EQ(audit_lines().back(), "team_manager@S12000049 view_event_history S12000049 C1 api 192.0.2.1");
}

TEST_F(EventHistory, AChildTheUserMayNotSeeOrAnEventItDoesNotHaveIsNotFoundAndNotAudited) {
    // C3 is restricted and allocated to Team B's worker: Team A's social worker may not see it.
    const auto c3 = first_event("C3");
    const auto c1 = first_event("C1");
    const auto sw = session_for(user_name(Role::social_worker));
    const auto sw_token = token(Role::social_worker);
    const auto before = audit_count();
    EXPECT_EQ(get(page_of(c3, "C3"), sw.token).status, 404);
    EXPECT_EQ(api(api_of(c3, "C3"), sw_token).status, 404);
    // C1's event under C2's address, no such key, not a number.
    for (const std::string& key : {std::to_string(c1), std::string("99999"), std::string("x")}) {
        const std::string child = key == std::to_string(c1) ? "C2" : "C1";
        const std::string page = "/children/S12000049/" + child + "/events/" + key + "/history";
        EXPECT_EQ(get(page, sw.token).status, 404) << page;
        const auto a = api("/api/v1" + page, sw_token);
        EXPECT_EQ(a.status, 404) << page;
        EXPECT_EQ(json::parse(a.body).as_object().at("field").as_string(), "key") << page;
    }
    // The other council's C1 exists, and looks exactly like no child at all.
    const auto other =
        api("/api/v1/children/S12000033/C1/events/" + std::to_string(first_event("C1", "S12000033")) + "/history",
            sw_token);
    const auto nowhere = api("/api/v1/children/S12000033/NOSUCH/events/1/history", sw_token);
    EXPECT_EQ(other.status, 404);
    EXPECT_EQ(other.body, nowhere.body);
    EXPECT_EQ(audit_count(), before);
    // Team B's worker, who holds C3, sees it.
    const auto b = session_for("worker_b@S12000049");
    EXPECT_EQ(get(page_of(c3, "C3"), b.token).status, 200);
}

TEST_F(EventHistory, TheChronologyAndTheCorrectPageLinkToIt) {
    const auto key = first_event("C1");
    const std::string link = "href=\"" + page_of(key) + "\">History";
    // Legal services change no accommodation, but see its history.
    const auto legal = session_for(user_name(Role::legal));
    EXPECT_NE(get("/children/S12000049/C1", legal.token).body.find(link), std::string::npos);
    const auto tm = session_for(user_name(Role::team_manager));
    EXPECT_NE(get("/children/S12000049/C1", tm.token).body.find(link), std::string::npos);
    const auto correct = get("/children/S12000049/C1/events/" + std::to_string(key) + "/correct", tm.token);
    EXPECT_NE(correct.body.find("href=\"" + page_of(key) + "\">The event's history"), std::string::npos);
}

}  // namespace
