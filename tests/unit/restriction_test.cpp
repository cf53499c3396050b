// Restricted records (issue 11, item 2): which events restrict a child, that a restriction
// stays whatever later events, corrections, cancellations and as-of dates say, and that only
// an administrator's recorded lift takes it off (app/restriction.hpp).
#include "app/restriction.hpp"
#include "app/import.hpp"
#include "app/recording.hpp"
#include "app/reports.hpp"
#include "store/migrations.hpp"
#include "support/web_fixture.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>

namespace {

using waymark::app::Role;
using waymark::core::Date;
using waymark::core::Error;
using waymark::core::ErrorKind;
using waymark::test::kOther;
using waymark::test::kOwn;

constexpr const char* kToday = "2026-11-26";

class Restrictions : public waymark::test::WebTest {
protected:
    // Whether the child of kOwn is restricted in the status report as of `as_of`.
    bool restricted(const std::string& child, const char* as_of = kToday) {
        const auto rows = waymark::app::status_report(*store_, standards_, {Date::parse(as_of), kOwn, child});
        EXPECT_EQ(rows.size(), 1U) << child;
        return !rows.empty() && rows.front().restricted;
    }

    // Imports events (and children, when given) of kOwn.
    void import(const std::string& events, const std::string& children = {}) {
        waymark::app::ImportOptions o;
        if (!children.empty()) {
            write("more_children.csv", "child_id,local_authority,given_name,family_name,date_of_birth\n" + children);
            o.children_path = (dir_ / "more_children.csv").string();
        }
        write("more_events.csv", "child_id,local_authority,date,event,details,status,event_id\n" + events);
        o.events_path = (dir_ / "more_events.csv").string();
        o.today = Date::parse(kToday);
        waymark::app::import_files(*store_, standards_.vocabulary, o);
    }

    // The key of the child's first event of that type.
    std::int64_t key_of(const std::string& child, std::string_view type) {
        std::int64_t key = 0;
        store_->for_each_journey({kOwn, child, true, {}},
                                 [&](const waymark::core::ChildRecord&, std::span<const waymark::core::Event> es) {
                                     for (const auto& e : es) {
                                         if (key == 0 && standards_.vocabulary.name(e.type) == type) key = e.seq;
                                     }
                                 });
        EXPECT_NE(key, 0) << child << " " << type;
        return key;
    }

    // A user as the actor of an administration use case.
    waymark::app::Actor actor(const std::string& name) {
        const auto user = store_->find_user(name);
        EXPECT_TRUE(user.has_value()) << name;
        return {user.value_or(waymark::app::User{}), "2027-01-15T08:00:00Z", "test"};
    }
    void lift(const std::string& child, const std::string& reason = "the adoption plan has ended") {
        waymark::app::lift_restriction(*store_, actor(user_name(Role::administrator)), child, reason);
    }
    // The fields a lift's FormError names.
    std::vector<std::string> lift_problems(const waymark::app::Actor& admin, const std::string& child,
                                           const std::string& reason) {
        std::vector<std::string> fields;
        try {
            waymark::app::lift_restriction(*store_, admin, child, reason);
            ADD_FAILURE() << "lifted " << child;
        } catch (const waymark::app::FormError& e) {
            for (const auto& p : e.problems()) fields.push_back(p.field);
        }
        return fields;
    }
    int page_status(const std::string& child, const std::string& user) {
        return get("/children/S12000049/" + child, session_for(user).token).status;
    }

    waymark::app::Author manager() const {
        return {user_name(Role::team_manager), Role::team_manager, "2027-01-15T08:00:00Z", "test", Date::parse(kToday)};
    }
};

struct EventCase {
    const char* event;
    const char* details;
    bool restricts;
};

// Every restricting event (DATA.md: the plan, the recommendation's route, the panel's
// recommendation, the order granted), each next to one of its kind that does not restrict.
constexpr EventCase kEvents[] = {
    {"permanence_plan_recorded", "plan=adoption", true},
    {"permanence_plan_recorded", "plan=poa", true},
    {"permanence_plan_recorded", "plan=long_term_foster", false},
    {"permanence_recommendation", "route=adoption", true},
    {"permanence_recommendation", "route=poa", true},
    {"permanence_recommendation", "route=kinship_care_order", false},
    {"permanence_panel", "recommendation=adoption", true},
    {"permanence_panel", "recommendation=poa", true},
    {"permanence_panel", "recommendation=long_term_foster", false},
    {"order_granted", "order=adoption", true},
    {"order_granted", "order=poa", true},
    {"order_granted", "order=kinship_care_order", false},
    {"order_refused", "order=adoption", false},
    {"court_application_lodged", "order=poa", false},
};

TEST_F(Restrictions, EveryRestrictingEventRestrictsOnceItHasOccurred) {
    std::string children;
    std::string events;
    int n = 0;
    for (const auto& c : kEvents) {
        for (const char* status : {"occurred", "planned", "cancelled"}) {
            const std::string child = "R" + std::to_string(++n);
            children += child + ",S12000049,Test,Child,2020-01-01\n";
            events += child + ",S12000049,2025-01-01,accommodated,placement=foster,occurred,\n";
            // A planned event is dated after today, as a plan is.
            events += child + ",S12000049," + (std::string(status) == "planned" ? "2027-01-01," : "2026-06-01,") +
                      c.event + "," + c.details + "," + status + ",\n";
        }
    }
    import(events, children);
    n = 0;
    for (const auto& c : kEvents) {
        for (const char* status : {"occurred", "planned", "cancelled"}) {
            const std::string child = "R" + std::to_string(++n);
            const bool expected = c.restricts && std::string(status) == "occurred";
            EXPECT_EQ(restricted(child), expected) << c.event << " " << c.details << " " << status;
            // Restricted from the moment it is recorded, as of any date.
            EXPECT_EQ(restricted(child, "2026-01-01"), expected)
                << c.event << " " << c.details << " " << status << ", as of a day before it";
        }
    }
}

TEST_F(Restrictions, CancellingTheRestrictingEventDoesNotLiftIt) {
    ASSERT_TRUE(restricted("C3"));
    waymark::app::cancel_event(*store_, standards_.vocabulary, {kOwn, "C3"}, key_of("C3", "permanence_plan_recorded"),
                               "recorded on the wrong child", std::nullopt, manager());
    EXPECT_TRUE(restricted("C3"));
}

TEST_F(Restrictions, CorrectingItToAnotherPlanDoesNotLiftIt) {
    waymark::app::correct_event(*store_, standards_.vocabulary, {kOwn, "C3"}, key_of("C3", "permanence_plan_recorded"),
                                {"2026-09-01", "", "occurred", "plan=long_term_foster", "social_work", "", ""},
                                "not adoption after all", std::nullopt, manager());
    EXPECT_TRUE(restricted("C3"));
}

TEST_F(Restrictions, ALaterPlanToReturnHomeDoesNotLiftIt) {
    import("C3,S12000049,2026-11-01,permanence_plan_recorded,plan=return_home,occurred,\n");
    EXPECT_TRUE(restricted("C3"));
}

TEST_F(Restrictions, AnAsOfDateBeforeTheRestrictingEventDoesNotLiftIt) {
    EXPECT_TRUE(restricted("C3", "2026-08-01")) << "the adoption plan is dated 2026-09-01";
}

TEST_F(Restrictions, ReimportingTheEventAsAnotherPlanDoesNotLiftIt) {
    import("C2,S12000049,2026-11-01,permanence_recommendation,route=adoption,occurred,REC-1\n");
    ASSERT_TRUE(restricted("C2"));
    import("C2,S12000049,2026-11-01,permanence_recommendation,route=kinship_care_order,occurred,REC-1\n");
    EXPECT_TRUE(restricted("C2"));
    import("C2,S12000049,2026-11-01,permanence_recommendation,route=kinship_care_order,cancelled,REC-1\n");
    EXPECT_TRUE(restricted("C2"));
}

TEST_F(Restrictions, APlannedEventThatNowHasHappenedRestricts) {
    import("C2,S12000049,2027-02-01,permanence_panel,recommendation=poa,planned,PANEL-1\n");
    ASSERT_FALSE(restricted("C2"));
    import("C2,S12000049,2026-11-20,permanence_panel,recommendation=poa,occurred,PANEL-1\n");
    EXPECT_TRUE(restricted("C2"));
}

TEST_F(Restrictions, AnAdministratorLiftsARestrictionWithTheReasonRecordedAndAudited) {
    ASSERT_TRUE(restricted("C3"));
    EXPECT_EQ(page_status("C3", user_name(Role::team_manager)), 404) << "Team A's manager; C3 is Team B's";
    lift("C3", "placement with prospective adopters ended");
    EXPECT_FALSE(restricted("C3"));
    EXPECT_FALSE(restricted("C3", "2026-08-01"));
    EXPECT_EQ(page_status("C3", user_name(Role::team_manager)), 200);
    const auto lines = audit_lines();
    EXPECT_EQ(std::count(lines.begin(), lines.end(), "administrator@S12000049 lift_restriction S12000049 C3 test"), 1);
    const auto rows = store_->restrictions(kOwn);
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(rows[0].child_id, "C3");
    EXPECT_FALSE(rows[0].restricted);
    EXPECT_EQ(rows[0].event, "permanence_plan_recorded");
    EXPECT_EQ(rows[0].event_date, Date::parse("2026-09-01"));
    EXPECT_EQ(rows[0].lifted_by, "administrator@S12000049");
    EXPECT_EQ(rows[0].lifted_at, "2027-01-15T08:00:00Z");
    EXPECT_EQ(rows[0].reason, "placement with prospective adopters ended");
}

TEST_F(Restrictions, OnlyAnAdministratorOfTheChildsCouncilMayLiftIt) {
    const auto before = audit_count();
    for (const Role role : waymark::app::kAllRoles) {
        if (role == Role::administrator) continue;
        try {
            waymark::app::lift_restriction(*store_, actor(user_name(role)), "C3", "because");
            ADD_FAILURE() << waymark::app::to_string(role) << " lifted a restriction";
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::forbidden) << waymark::app::to_string(role);
        }
    }
    // Another council's administrator: their council has no such restricted child.
    EXPECT_EQ(lift_problems(actor(user_name(Role::administrator, kOther)), "C3", "because"),
              std::vector<std::string>{"child"});
    EXPECT_TRUE(restricted("C3"));
    EXPECT_EQ(audit_count(), before);
}

TEST_F(Restrictions, ALiftNeedsACaseReferenceAndAReason) {
    const auto admin = actor(user_name(Role::administrator));
    EXPECT_EQ(lift_problems(admin, " ", "  "), (std::vector<std::string>{"child", "reason"}));
    EXPECT_EQ(lift_problems(admin, "C3", ""), std::vector<std::string>{"reason"});
    EXPECT_EQ(lift_problems(admin, "C1", "not restricted"), std::vector<std::string>{"child"});
    EXPECT_EQ(lift_problems(admin, "NOSUCH", "no such child"), std::vector<std::string>{"child"});
    EXPECT_TRUE(restricted("C3"));
    lift("C3");
    EXPECT_EQ(lift_problems(admin, "C3", "twice"), std::vector<std::string>{"child"}) << "already lifted";
}

TEST_F(Restrictions, ANewRestrictingEventAfterALiftRestrictsAgain) {
    lift("C3");
    // The same file imported again, and a correction of the note of the restricting event, bring
    // no new restricting event.
    waymark::app::ImportOptions o;
    o.children_path = (dir_ / "children.csv").string();
    o.events_path = (dir_ / "events.csv").string();
    o.today = Date::parse(kToday);
    waymark::app::import_files(*store_, standards_.vocabulary, o);
    waymark::app::correct_event(*store_, standards_.vocabulary, {kOwn, "C3"}, key_of("C3", "permanence_plan_recorded"),
                                {"2026-09-01", "", "occurred", "plan=adoption", "social_work", "note added", ""},
                                "a note", std::nullopt, manager());
    EXPECT_FALSE(restricted("C3"));
    import("C3,S12000049,2026-11-20,order_granted,order=poa,occurred,\n");
    EXPECT_TRUE(restricted("C3"));
    EXPECT_EQ(page_status("C3", user_name(Role::team_manager)), 404);
    const auto rows = store_->restrictions(kOwn);
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_TRUE(rows[0].restricted);
    EXPECT_EQ(rows[0].event, "order_granted") << "the event that restricted it again";
    EXPECT_EQ(rows[0].lifted_by, "administrator@S12000049") << "the lift stays on record";
}

TEST_F(Restrictions, ALiftIsForThatChildOnly) {
    import("C2,S12000049,2026-11-01,permanence_panel,recommendation=adoption,occurred,\n");
    lift("C3");
    EXPECT_TRUE(restricted("C2"));
}

TEST_F(Restrictions, TheMigrationRestrictsFromWhatWasStoredBeforeIt) {
    // C2's poa recommendation was corrected away before the migration: its history still holds it.
    import("C2,S12000049,2026-11-01,permanence_recommendation,route=poa,occurred,REC-1\n");
    waymark::app::correct_event(*store_, standards_.vocabulary, {kOwn, "C2"}, key_of("C2", "permanence_recommendation"),
                                {"2026-11-01", "", "occurred", "route=kinship_care_order", "", "", ""}, "typed wrong",
                                std::nullopt, manager());
    // Back to the database as it was before migration 0011: its tables and triggers gone.
    store_.reset();
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / "w.db").string().c_str(), &db), SQLITE_OK);
    std::vector<std::pair<std::string, std::string>> objects;
    {
        sqlite3_stmt* s = nullptr;
        sqlite3_prepare_v2(db,
                           "SELECT type, name FROM sqlite_master WHERE name LIKE '%restrict%' AND type IN "
                           "('trigger', 'index', 'table') ORDER BY CASE type WHEN 'trigger' THEN 0 WHEN 'index' THEN "
                           "1 ELSE 2 END",
                           -1, &s, nullptr);
        while (sqlite3_step(s) == SQLITE_ROW) {
            objects.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)),
                                 reinterpret_cast<const char*>(sqlite3_column_text(s, 1)));
        }
        sqlite3_finalize(s);
    }
    EXPECT_GE(objects.size(), 3U);
    for (const auto& [type, name] : objects) {
        const std::string drop = "DROP " + type + " " + name;
        EXPECT_EQ(sqlite3_exec(db, drop.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << drop;
    }
    // Migration 0011 (migrations()[10]) run again over what was stored.
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db, waymark::store::migrations().at(10).c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << (error != nullptr ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
    store_ = std::make_unique<waymark::store::SqliteStore>((dir_ / "w.db").string(), standards_.vocabulary);
    EXPECT_TRUE(restricted("C3")) << "its adoption plan";
    EXPECT_TRUE(restricted("C2")) << "a version of its recommendation";
    EXPECT_FALSE(restricted("C1"));
}

TEST_F(Restrictions, TheAdministrationPageListsByCaseReferenceAndLiftsWithTheFormsToken) {
    const auto admin = session_for(user_name(Role::administrator));
    const std::string cookie = "waymark_session=" + admin.token;
    const auto page = get("/admin/restrictions", admin.token);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find(">C3<"), std::string::npos);
    EXPECT_EQ(page.body.find("Morag"), std::string::npos) << "no names";
    EXPECT_EQ(page.body.find("Reid"), std::string::npos) << "no names";
    EXPECT_EQ(post("/admin/restrictions", "child=C3&reason=ended", cookie).status, 403) << "no CSRF token";
    EXPECT_TRUE(restricted("C3"));
    const auto empty = post("/admin/restrictions", "csrf=" + admin.csrf + "&child=&reason=", cookie);
    EXPECT_EQ(empty.status, 400);
    EXPECT_NE(empty.body.find("href=\"#child\""), std::string::npos);
    EXPECT_NE(empty.body.find("href=\"#reason\""), std::string::npos);
    EXPECT_TRUE(restricted("C3"));
    const auto lifted =
        post("/admin/restrictions", "csrf=" + admin.csrf + "&child=C3&reason=adoption+plan+ended", cookie);
    EXPECT_EQ(lifted.status, 200);
    EXPECT_NE(lifted.body.find("Restriction lifted for C3."), std::string::npos);
    EXPECT_NE(lifted.body.find("adoption plan ended"), std::string::npos);
    EXPECT_FALSE(restricted("C3"));
    const auto lines = audit_lines();
    EXPECT_EQ(
        std::count(lines.begin(), lines.end(), "administrator@S12000049 lift_restriction S12000049 C3 web 192.0.2.1"),
        1);
}

}  // namespace
