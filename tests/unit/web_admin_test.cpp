// The administration pages through the handlers: an administrator sees and changes only their
// own council's users; adding a user shows a generated password once; taking access away ends
// sessions and tokens at once; every change is audited; form errors are linked to their fields
// and keep what was typed; the audit page filters, pages and reports the chain's state.
#include "app/admin.hpp"
#include "app/audit.hpp"
#include "app/password.hpp"
#include "support/web_fixture.hpp"

#include <regex>

namespace {

// The audit lines without sign-in's own (sign_in, sign_in_failed: web_auth_test.cpp checks them).
std::vector<std::string> without_sign_ins(std::vector<std::string> lines) {
    std::erase_if(lines, [](const std::string& line) {
        const std::string rest = line.substr(line.find(' ') + 1);
        return rest.starts_with("sign_in ") || rest.starts_with("sign_in_failed ");
    });
    return lines;
}

using waymark::app::Role;
using waymark::test::kOther;
using waymark::test::kOwn;

class Admin : public waymark::test::WebTest {
protected:
    void SetUp() override {
        WebTest::SetUp();
        admin_ = session_for(user_name(Role::administrator));
    }
    std::string cookie() const { return "waymark_session=" + admin_.token; }
    waymark::web::Response admin_post(const std::string& target, const std::string& body = {}) {
        return post(target, "csrf=" + admin_.csrf + (body.empty() ? "" : "&" + body), cookie());
    }
    std::int64_t id_of(const std::string& name) {
        const auto u = store_->find_user(name);
        EXPECT_TRUE(u.has_value()) << name;
        return u ? u->id : 0;
    }
    Session admin_;
};

TEST_F(Admin, TheIndexLinksEveryAdministrationPage) {
    const auto r = get("/admin", admin_.token);
    ASSERT_EQ(r.status, 200);
    for (const char* href : {"/admin/users", "/admin/teams", "/admin/standards", "/admin/audit"}) {
        EXPECT_NE(r.body.find(std::string("href=\"") + href + "\""), std::string::npos) << href;
    }
    // The header offers administration (and import) to an administrator only.
    EXPECT_NE(r.body.find("href=\"/admin\""), std::string::npos);
    const auto worker = session_for(user_name(Role::social_worker));
    EXPECT_EQ(get("/children", worker.token).body.find("href=\"/admin\""), std::string::npos);
}

TEST_F(Admin, TheUsersPageListsOnlyTheOwnCouncilsUsers) {
    const auto r = get("/admin/users", admin_.token);
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("social_worker@S12000049"), std::string::npos);
    EXPECT_EQ(r.body.find("@S12000033"), std::string::npos);
    EXPECT_NE(r.body.find("<caption>Users of S12000049</caption>"), std::string::npos);
    EXPECT_NE(r.body.find("<th scope=\"col\">Role</th>"), std::string::npos);
}

TEST_F(Admin, AddingAUserShowsTheGeneratedPasswordOnceAndIsAudited) {
    const auto before = without_sign_ins(audit_lines()).size();
    const auto r = admin_post("/admin/users", "name=new.worker&role=social_worker&team=Team+A&password=");
    ASSERT_EQ(r.status, 200) << r.body;
    std::smatch m;
    const std::regex password("<strong>([a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5})</strong>");
    ASSERT_TRUE(std::regex_search(r.body, m, password)) << r.body;
    const std::string generated = m[1];
    const auto user = store_->find_user("new.worker");
    ASSERT_TRUE(user.has_value());
    EXPECT_EQ(user->local_authority, kOwn);
    EXPECT_EQ(user->team, "Team A");
    EXPECT_EQ(user->role, Role::social_worker);
    // Shown once: the list afterwards does not have it.
    EXPECT_EQ(get("/admin/users", admin_.token).body.find(generated), std::string::npos);
    ASSERT_EQ(without_sign_ins(audit_lines()).size(), before + 1);
    EXPECT_EQ(without_sign_ins(audit_lines()).back(), "administrator@S12000049 add_user S12000049  web 192.0.2.1");
    ASSERT_EQ(approve("new.worker").status, 303);
    EXPECT_EQ(waymark::app::sign_in(*store_, "new.worker", generated, "", now_).outcome,
              waymark::app::SignInOutcome::signed_in);
}

TEST_F(Admin, AnAdministratorMaySetThePassword) {
    const auto r = admin_post("/admin/users", "name=set.by.admin&role=legal&password=a+long+enough+one");
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("the password you set"), std::string::npos);
    ASSERT_EQ(approve("set.by.admin").status, 303);
    EXPECT_EQ(waymark::app::sign_in(*store_, "set.by.admin", "a long enough one", "", now_).outcome,
              waymark::app::SignInOutcome::signed_in);
}

TEST_F(Admin, FormErrorsAreLinkedToTheirFieldsAndKeepWhatWasTyped) {
    const auto before = without_sign_ins(audit_lines()).size();
    const auto r = admin_post("/admin/users", "name=bad+name%21&role=&team=Team+%3Cb%3E&password=short");
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("ds_error-summary"), std::string::npos);
    EXPECT_NE(r.body.find("<a href=\"#name\">"), std::string::npos);
    EXPECT_NE(r.body.find("<a href=\"#role\">"), std::string::npos);
    EXPECT_NE(r.body.find("<a href=\"#password\">"), std::string::npos);
    EXPECT_NE(r.body.find("aria-invalid=\"true\" aria-describedby=\"name-hint name-error\""), std::string::npos);
    EXPECT_NE(r.body.find("value=\"bad name!\""), std::string::npos);
    EXPECT_NE(r.body.find("<a href=\"#team\">Choose one of your council&#39;s teams</a>"), std::string::npos);
    EXPECT_EQ(r.body.find("short"), std::string::npos);  // a password is never sent back
    EXPECT_FALSE(store_->find_user("bad name!").has_value());
    EXPECT_EQ(without_sign_ins(audit_lines()).size(), before);
}

TEST_F(Admin, ATakenNameAndTheNationalRoleAreRefused) {
    auto r = admin_post("/admin/users", "name=social_worker%40S12000033&role=social_worker");
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("That user name is taken"), std::string::npos);
    r = admin_post("/admin/users", "name=analyst&role=national_analyst");
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("added by the service"), std::string::npos);
    EXPECT_FALSE(store_->find_user("analyst").has_value());
    // The select does not offer it either.
    EXPECT_EQ(r.body.find("<option value=\"national_analyst\""), std::string::npos);
    EXPECT_NE(r.body.find("<option value=\"social_worker\""), std::string::npos);
}

TEST_F(Admin, APostWithoutTheSessionsCsrfTokenChangesNothing) {
    auto r = post("/admin/users", "csrf=wrong&name=x.y&role=legal", cookie());
    EXPECT_EQ(r.status, 403);
    EXPECT_FALSE(store_->find_user("x.y").has_value());
    const auto id = id_of(user_name(Role::legal));
    r = post("/admin/users/" + std::to_string(id) + "/disable", "name=x", cookie());
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(store_->find_user(user_name(Role::legal))->disabled, 0);
}

TEST_F(Admin, TakingAccessAwayEndsSessionsAndTokensAtOnce) {
    const std::string name = user_name(Role::social_worker);
    const auto worker = session_for(name);
    const auto token = waymark::app::create_api_token(*store_, name, now_);
    ASSERT_EQ(get("/children", worker.token).status, 200);
    ASSERT_EQ(api("/api/v1/children", token).status, 200);
    const auto before = without_sign_ins(audit_lines()).size();
    const auto r = admin_post("/admin/users/" + std::to_string(id_of(name)) + "/disable");
    ASSERT_EQ(r.status, 303);
    EXPECT_EQ(r.header("Location"), "/admin/users?disabled=" + std::to_string(id_of(name)));
    EXPECT_EQ(get("/children", worker.token).status, 303);  // to the sign-in page
    EXPECT_EQ(api("/api/v1/children", token).status, 401);
    EXPECT_EQ(waymark::app::sign_in(*store_, name, waymark::test::kPassword, "", now_).outcome,
              waymark::app::SignInOutcome::refused);
    // A session or token that reached the store afterwards (written directly) is refused too.
    EXPECT_EQ(get("/children", session_for(name).token).status, 303);
    const std::string late = waymark::app::random_token();
    store_->put_api_token(waymark::app::token_hash(late), id_of(name), now_, now_ + 86400);
    EXPECT_EQ(api("/api/v1/children", late).status, 401);
    EXPECT_THROW(waymark::app::create_api_token(*store_, name, now_), waymark::core::Error);
    ASSERT_EQ(without_sign_ins(audit_lines()).size(), before + 1);
    EXPECT_EQ(without_sign_ins(audit_lines()).back(), "administrator@S12000049 disable_user S12000049  web 192.0.2.1");
    const auto page = get(r.header("Location").data(), admin_.token);
    EXPECT_NE(page.body.find("Access removed for social_worker@S12000049."), std::string::npos);
    EXPECT_NE(page.body.find(">removed</strong>"), std::string::npos);
    // Twice is an error, not a second entry.
    EXPECT_EQ(admin_post("/admin/users/" + std::to_string(id_of(name)) + "/disable").status, 400);
    EXPECT_EQ(without_sign_ins(audit_lines()).size(), before + 1);
    // Restored, they sign in again; the old session stays ended.
    EXPECT_NE(page.body.find("action=\"/admin/users/" + std::to_string(id_of(name)) + "/enable\""), std::string::npos);
    const auto restored = admin_post("/admin/users/" + std::to_string(id_of(name)) + "/enable");
    ASSERT_EQ(restored.status, 303);
    EXPECT_NE(get(restored.header("Location").data(), admin_.token).body.find("Access restored for " + name),
              std::string::npos);
    EXPECT_EQ(without_sign_ins(audit_lines()).back(), "administrator@S12000049 enable_user S12000049  web 192.0.2.1");
    EXPECT_EQ(get("/children", worker.token).status, 303);
    EXPECT_EQ(waymark::app::sign_in(*store_, name, waymark::test::kPassword, "", now_).outcome,
              waymark::app::SignInOutcome::signed_in);
    EXPECT_EQ(admin_post("/admin/users/" + std::to_string(id_of(name)) + "/enable").status, 400);
}

TEST_F(Admin, AnotherCouncilsUserIsNotFoundAndUntouched) {
    const std::string name = user_name(Role::social_worker, kOther);
    const auto before = without_sign_ins(audit_lines()).size();
    EXPECT_EQ(admin_post("/admin/users/" + std::to_string(id_of(name)) + "/disable").status, 404);
    EXPECT_EQ(admin_post("/admin/users/" + std::to_string(id_of(name)) + "/unlock").status, 404);
    EXPECT_EQ(admin_post("/admin/users/" + std::to_string(id_of(name)) + "/enable").status, 404);
    EXPECT_EQ(admin_post("/admin/users/999999/disable").status, 404);
    EXPECT_EQ(admin_post("/admin/users/abc/disable").status, 404);
    EXPECT_EQ(store_->find_user(name)->disabled, 0);
    EXPECT_EQ(without_sign_ins(audit_lines()).size(), before);
    // The done notice names only a user of the own council.
    EXPECT_EQ(get("/admin/users?disabled=" + std::to_string(id_of(name)), admin_.token).body.find(name),
              std::string::npos);
}

TEST_F(Admin, AnAdministratorCannotTakeAwayTheirOwnAccess) {
    const auto id = id_of(user_name(Role::administrator));
    EXPECT_EQ(admin_post("/admin/users/" + std::to_string(id) + "/disable").status, 400);
    EXPECT_EQ(store_->find_user(user_name(Role::administrator))->disabled, 0);
}

TEST_F(Admin, UnlockingClearsTheLockAndIsAudited) {
    const std::string name = user_name(Role::team_manager);
    const auto id = id_of(name);
    store_->set_sign_in_failures(id, 0, now_ + 900);
    const auto page = get("/admin/users", admin_.token);
    EXPECT_NE(page.body.find(">sign-in delay</strong>"), std::string::npos);
    EXPECT_NE(page.body.find(">Clear sign-in delay<span class=\"visually-hidden\"> for " + name + "</span>"),
              std::string::npos);
    EXPECT_NE(page.body.find("action=\"/admin/users/" + std::to_string(id) + "/unlock\""), std::string::npos);
    const auto r = admin_post("/admin/users/" + std::to_string(id) + "/unlock");
    ASSERT_EQ(r.status, 303);
    EXPECT_EQ(store_->find_user(name)->locked_until, 0);
    EXPECT_EQ(without_sign_ins(audit_lines()).back(), "administrator@S12000049 unlock_user S12000049  web 192.0.2.1");
    EXPECT_EQ(waymark::app::sign_in(*store_, name, waymark::test::kPassword, "", now_).outcome,
              waymark::app::SignInOutcome::signed_in);
}

TEST_F(Admin, TeamsAreTheOwnCouncilsTeamsWithTheirUsers) {
    store_->caseload().add_team({kOther, "Secret"}, kNow);
    store_->caseload().add_team({kOwn, "Empty"}, kNow);
    for (const auto& [name, council, team] : {std::tuple{"a", kOwn, "Team A"}, std::tuple{"d", kOther, "Secret"}}) {
        waymark::app::User u;
        u.name = name;
        u.local_authority = council;
        u.team = team;
        u.password_hash = "x";
        store_->add_user(u);
    }
    std::size_t in_a = 0;
    for (const auto& u : store_->users_of(kOwn)) in_a += u.team == "Team A" ? 1 : 0;
    const auto r = get("/admin/teams", admin_.token);
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("<th scope=\"row\"><bdi>Team A</bdi></th><td>" + std::to_string(in_a) + "</td>"),
              std::string::npos)
        << r.body;
    EXPECT_NE(r.body.find("<th scope=\"row\"><bdi>Empty</bdi></th><td>0</td>"), std::string::npos);
    EXPECT_EQ(r.body.find("Secret"), std::string::npos);
    EXPECT_EQ(waymark::app::council_teams(store_->caseload(), kOwn),
              (std::vector<std::string>{"Empty", "Team A", "Team B"}));
    // A user can join only one of the council's own teams.
    const auto refused = admin_post("/admin/users", "name=new.worker&role=social_worker&team=Secret&password=");
    EXPECT_EQ(refused.status, 400);
    EXPECT_NE(refused.body.find("<a href=\"#team\">Choose one of your council&#39;s teams</a>"), std::string::npos)
        << refused.body;
    EXPECT_FALSE(store_->find_user("new.worker"));
}

TEST_F(Admin, TheStandardsPageListsTheStandardsInForce) {
    auto standards = standards_;
    standards.standards.front().enabled = false;
    standards_ = standards;
    const auto r = get("/admin/standards", admin_.token);
    ASSERT_EQ(r.status, 200);
    for (const auto& s : standards_.standards) {
        EXPECT_NE(r.body.find("<th scope=\"row\" data-title=\"Standard\">" + s.id + "</th>"), std::string::npos)
            << s.id;
    }
    EXPECT_NE(r.body.find(">off</strong>"), std::string::npos);
    EXPECT_NE(r.body.find(">on</strong>"), std::string::npos);
    EXPECT_NE(r.body.find("<caption>Standards in force</caption>"), std::string::npos);
}

TEST_F(Admin, TheAuditPageShowsTheOwnCouncilNewestFirstAndTheChainIntact) {
    get("/children/S12000049/C1", session_for(user_name(Role::social_worker)).token);
    get("/children/S12000033/C1", session_for(user_name(Role::social_worker, kOther)).token);
    admin_post("/admin/users", "name=late.comer&role=legal&password=a+long+enough+one");
    const auto r = get("/admin/audit", admin_.token);
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find(">intact</strong>"), std::string::npos);
    EXPECT_EQ(r.body.find("social_worker@S12000033"), std::string::npos);
    const auto table = r.body.find("<tbody>");  // (the action filter's list names them all before)
    const auto add = r.body.find(">Added a user<", table);
    const auto view = r.body.find(">Viewed a child&#39;s record<", table);
    ASSERT_NE(add, std::string::npos);
    ASSERT_NE(view, std::string::npos);
    EXPECT_LT(add, view);  // newest first
    EXPECT_NE(r.body.find("<th scope=\"col\">When (UK time)</th>"), std::string::npos);
    // The last hash may wrap on a narrow screen (found by the browser tests' reflow check).
    const auto code = r.body.find("<code>");
    ASSERT_NE(code, std::string::npos);
    const auto hash = r.body.substr(code + 6, r.body.find("</code>", code) - code - 6);
    EXPECT_NE(hash.find("<wbr>"), std::string::npos) << hash;
    EXPECT_EQ(hash.find_first_not_of("0123456789abcdef<wbr>"), std::string::npos) << hash;
}

TEST_F(Admin, TheAuditPageFiltersAndPages) {
    std::vector<waymark::app::AuditEntry> entries;
    entries.reserve(120);
    for (int i = 0; i < 120; ++i) {
        entries.push_back({"2026-11-2" + std::to_string(i % 3) + "T10:00:00Z", i % 2 == 0 ? "even" : "odd", "view_x",
                           kOwn, "C" + std::to_string(i), "", "web 192.0.2.9"});
    }
    store_->record_audit(entries);
    auto r = get("/admin/audit?actor=even", admin_.token);
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("60 entries"), std::string::npos);
    EXPECT_NE(r.body.find("page 1 of 2"), std::string::npos);
    EXPECT_NE(r.body.find("href=\"/admin/audit?actor=even&amp;page=2\""), std::string::npos);
    EXPECT_EQ(r.body.find(">odd<"), std::string::npos);
    r = get("/admin/audit?actor=even&page=2", admin_.token);
    EXPECT_NE(r.body.find("page 2 of 2"), std::string::npos);
    EXPECT_NE(r.body.find(">C0<"), std::string::npos);  // the oldest is on the last page
    r = get("/admin/audit?from-day=22&from-month=11&from-year=2026&to-day=22&to-month=11&to-year=2026&child=C2",
            admin_.token);
    EXPECT_NE(r.body.find("1 entry"), std::string::npos);
    r = get("/admin/audit?page=99", admin_.token);
    EXPECT_EQ(r.status, 200);
}

TEST_F(Admin, ABadDateInTheFilterIsLinkedToItsField) {
    auto r = get("/admin/audit?from-day=31&from-month=2&from-year=2026&actor=kept", admin_.token);
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("<a href=\"#from-day\">From: there is no such date as 31 2 2026. Check the day and the "
                          "month</a>"),
              std::string::npos)
        << r.body;
    EXPECT_NE(r.body.find("value=\"kept\""), std::string::npos);
    EXPECT_NE(r.body.find("id=\"from-day\" name=\"from-day\" value=\"31\" aria-invalid=\"true\""), std::string::npos);
    r = get("/admin/audit?to-day=1&to-month=Dec&to-year=2026", admin_.token);
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("<a href=\"#to-day\">To: enter the date as a day, a month and a four-digit year in numbers"),
              std::string::npos);
}

TEST_F(Admin, TheAuditPageNamesTheFirstTamperedRow) {
    get("/children/S12000049/C1", session_for(user_name(Role::social_worker)).token);
    get("/children/S12000049/C2", session_for(user_name(Role::social_worker)).token);
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / "w.db").string().c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "DROP TRIGGER audit_append_only_update; UPDATE audit SET actor = 'nobody' WHERE id = "
                           "(SELECT min(id) FROM audit)",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
    const auto r = get("/admin/audit", admin_.token);
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("The audit log has been tampered with"), std::string::npos);
    EXPECT_NE(r.body.find("breaks at row 1 of"), std::string::npos);
    EXPECT_NE(r.body.find("the row was changed"), std::string::npos);
}

TEST_F(Admin, TheAuditPageChecksFromTheLatestCheckpointAndShowsTheHead) {
    // Past 10,000 rows since the last checkpoint (here none), the page records one after its check.
    std::vector<waymark::app::AuditEntry> entries(
        10'001, waymark::app::AuditEntry{"2026-11-26T10:00:00Z", "someone", "view_x", kOwn, "C1", "", "web 192.0.2.9"});
    store_->record_audit(entries);
    auto r = get("/admin/audit", admin_.token);
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("rows checked from the first row"), std::string::npos);
    const auto checkpoints = store_->audit_checkpoints();
    ASSERT_EQ(checkpoints.size(), 1U);
    EXPECT_EQ(checkpoints[0].actor, user_name(Role::administrator));
    EXPECT_EQ(checkpoints[0].origin, "web 192.0.2.1");
    const auto head = store_->audit_head();
    ASSERT_TRUE(head.has_value());
    EXPECT_EQ(checkpoints[0].audit_id, head->id);
    // The next load starts there, and the head is shown to be copied.
    r = get("/admin/audit", admin_.token);
    ASSERT_EQ(r.status, 200);
    const std::string from = "1 row checked from checkpoint 1 (row " + std::to_string(head->id) + ", recorded ";
    EXPECT_NE(r.body.find(from), std::string::npos);
    EXPECT_NE(r.body.find("Rows before the checkpoint are checked by <code>waymark audit verify --full</code>"),
              std::string::npos);
    std::string wrapped;
    for (std::size_t i = 0; i < head->hash.size(); i += 8) wrapped += (i > 0 ? "<wbr>" : "") + head->hash.substr(i, 8);
    EXPECT_NE(r.body.find("<code id=\"audit-head\">audit head " + std::to_string(head->id) + " " + wrapped + " " +
                          head->at + "</code>"),
              std::string::npos);
    EXPECT_EQ(store_->audit_checkpoints().size(), 1U);  // not one per page view
    // A row changed after the checkpoint is named from there.
    get("/children/S12000049/C1", session_for(user_name(Role::social_worker)).token);
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / "w.db").string().c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           ("DROP TRIGGER audit_append_only_update; UPDATE audit SET actor = 'nobody' WHERE id = " +
                            std::to_string(head->id + 1))
                               .c_str(),
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
    r = get("/admin/audit", admin_.token);
    EXPECT_NE(r.body.find("The audit log has been tampered with"), std::string::npos);
    const std::int64_t checked = store_->audit_head()->id - head->id + 1;  // the checkpoint's row and those after
    EXPECT_NE(r.body.find("breaks at row " + std::to_string(head->id + 1) + " of " + std::to_string(checked) +
                          " rows checked from checkpoint 1 (row " + std::to_string(head->id) + ", recorded "),
              std::string::npos);
    EXPECT_EQ(r.body.find("id=\"audit-head\""), std::string::npos);  // no head to copy from a broken log
}

TEST_F(Admin, TheAuditPageStillAnswersWhenItsCheckpointCannotBeWritten) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / "w.db").string().c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "CREATE TRIGGER refuse BEFORE INSERT ON audit_checkpoint BEGIN SELECT RAISE(ABORT, "
                           "'refused'); END;",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
    std::vector<waymark::app::AuditEntry> entries(
        10'001, waymark::app::AuditEntry{"2026-11-26T10:00:00Z", "someone", "view_x", kOwn, "C1", "", "web 192.0.2.9"});
    store_->record_audit(entries);
    const auto r = get("/admin/audit", admin_.token);
    EXPECT_EQ(r.status, 200);
    EXPECT_NE(r.body.find(">intact</strong>"), std::string::npos);
    EXPECT_TRUE(store_->audit_checkpoints().empty());
}

}  // namespace

namespace {

using waymark::app::SignInOutcome;

// Issue 11, item 5: an administrator never sees a named child, so a user they add who would (or
// an administrator), with a password they know, waits for a second administrator's approval.
TEST_F(Admin, ANamedRoleAddedByAnAdministratorWaitsForASecondOne) {
    const auto before = without_sign_ins(audit_lines()).size();
    const auto r = admin_post("/admin/users", "name=tm.by.admin&role=team_manager&password=a+long+enough+one");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_NE(r.body.find("It works only once another administrator of your council approves it"), std::string::npos);
    EXPECT_NE(r.body.find("tell them it yourself, in person or by a secure route"), std::string::npos);
    // Pending: no sign-in (answered as a wrong password), no API token.
    EXPECT_EQ(waymark::app::sign_in(*store_, "tm.by.admin", "a long enough one", "", now_).outcome,
              SignInOutcome::refused);
    EXPECT_THROW(waymark::app::create_api_token(*store_, "tm.by.admin", now_), waymark::core::Error);
    const auto id = id_of("tm.by.admin");
    const auto page = get("/admin/users", admin_.token);
    EXPECT_NE(page.body.find(">waits for approval</strong>"), std::string::npos);
    EXPECT_NE(page.body.find("added by administrator@S12000049"), std::string::npos);
    // The administrator who added them cannot approve: no button, and the POST is refused.
    EXPECT_EQ(page.body.find("action=\"/admin/users/" + std::to_string(id) + "/approve\""), std::string::npos);
    EXPECT_EQ(admin_post("/admin/users/" + std::to_string(id) + "/approve").status, 403);
    EXPECT_TRUE(store_->find_user("tm.by.admin")->pending_change == "add");
    // A second administrator sees the button, approves, and the user signs in.
    const auto second = second_admin();
    EXPECT_NE(get("/admin/users", second.token).body.find("action=\"/admin/users/" + std::to_string(id) + "/approve\""),
              std::string::npos);
    const auto approved = approve("tm.by.admin");
    ASSERT_EQ(approved.status, 303);
    EXPECT_EQ(approved.header("Location"), "/admin/users?approved=" + std::to_string(id));
    EXPECT_EQ(waymark::app::sign_in(*store_, "tm.by.admin", "a long enough one", "", now_).outcome,
              SignInOutcome::signed_in);
    const auto lines = without_sign_ins(audit_lines());
    ASSERT_EQ(lines.size(), before + 2);
    EXPECT_EQ(lines[before], "administrator@S12000049 add_user S12000049  web 192.0.2.1");
    EXPECT_EQ(lines[before + 1], "admin_b@S12000049 approve_user S12000049  web 192.0.2.1");
    // Nothing waits now: a second approval is refused.
    EXPECT_EQ(approve("tm.by.admin").status, 400);
}

TEST_F(Admin, AnAdministratorAddedByAnotherWaitsTooAndAnAdvisorDoesNot) {
    ASSERT_EQ(admin_post("/admin/users", "name=new.admin&role=administrator&password=a+long+enough+one").status, 200);
    EXPECT_EQ(waymark::app::sign_in(*store_, "new.admin", "a long enough one", "", now_).outcome,
              SignInOutcome::refused);
    ASSERT_EQ(admin_post("/admin/users", "name=new.advisor&role=improvement_advisor&password=a+long+enough+one").status,
              200);
    EXPECT_EQ(waymark::app::sign_in(*store_, "new.advisor", "a long enough one", "", now_).outcome,
              SignInOutcome::signed_in);
}

TEST_F(Admin, AResetOfACaseworkersPasswordWorksOnlyOnceAnotherAdministratorApproves) {
    const std::string name = user_name(Role::social_worker);
    const auto id = id_of(name);
    const auto token = waymark::app::create_api_token(*store_, name, now_);
    ASSERT_EQ(admin_post("/admin/users/" + std::to_string(id) + "/reset-password").status, 303);
    const auto r = get("/admin/users/" + std::to_string(id) + "/password-reset", admin_.token);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_NE(r.body.find("It works only once another administrator of your council approves it"), std::string::npos);
    std::smatch m;
    const std::regex password("<strong>([a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5})</strong>");
    ASSERT_TRUE(std::regex_search(r.body, m, password)) << r.body;
    const std::string generated = m[1];
    // Neither the old password nor the one the administrator read signs in; the token is revoked.
    EXPECT_EQ(waymark::app::sign_in(*store_, name, generated, "", now_).outcome, SignInOutcome::refused);
    EXPECT_EQ(waymark::app::sign_in(*store_, name, waymark::test::kPassword, "", now_).outcome, SignInOutcome::refused);
    EXPECT_EQ(api("/api/v1/children", token).status, 401);
    EXPECT_EQ(admin_post("/admin/users/" + std::to_string(id) + "/approve").status, 403);
    ASSERT_EQ(approve(name).status, 303);
    EXPECT_EQ(waymark::app::sign_in(*store_, name, generated, "", now_).outcome, SignInOutcome::signed_in);
    EXPECT_EQ(without_sign_ins(audit_lines()).back(), "admin_b@S12000049 approve_user S12000049  web 192.0.2.1");
}

TEST_F(Admin, ACouncilAdministratorCannotResetANationalAnalyst) {
    const std::string name = user_name(Role::national_analyst);
    const auto before = without_sign_ins(audit_lines()).size();
    EXPECT_EQ(admin_post("/admin/users/" + std::to_string(id_of(name)) + "/reset-password").status, 403);
    EXPECT_EQ(without_sign_ins(audit_lines()).size(), before);
    EXPECT_EQ(waymark::app::sign_in(*store_, name, waymark::test::kPassword, "", now_).outcome,
              SignInOutcome::signed_in);
}

TEST_F(Admin, TheOperatorApprovesOnTheCommandLine) {
    ASSERT_EQ(admin_post("/admin/users", "name=lone.worker&role=social_worker&password=a+long+enough+one").status, 200);
    const waymark::app::Viewer op{"root", "2027-01-15T08:00:00Z", "command line"};
    const auto user = waymark::app::approve_user(*store_, op, "lone.worker", now_ + 3600);
    EXPECT_FALSE(waymark::app::approval_pending(user));
    // The one-time password's seven days run from the approval.
    EXPECT_EQ(store_->find_user("lone.worker")->one_time_until, now_ + 3600 + 7L * 24 * 3600);
    EXPECT_EQ(without_sign_ins(audit_lines()).back(), "root approve_user S12000049  command line");
    EXPECT_EQ(waymark::app::sign_in(*store_, "lone.worker", "a long enough one", "", now_).outcome,
              SignInOutcome::signed_in);
    EXPECT_THROW(waymark::app::approve_user(*store_, op, "lone.worker", now_), waymark::core::Error);
    EXPECT_THROW(waymark::app::approve_user(*store_, op, "nobody", now_), waymark::core::Error);
}

// Issue 11, item 6: API tokens are listed (never the token) and revoked, audited.
TEST_F(Admin, TheUsersPageListsTokensAndRevokesOneAudited) {
    const std::string name = user_name(Role::team_manager);
    const auto id = id_of(name);
    const auto token = waymark::app::create_api_token(*store_, name, now_);
    const auto other = waymark::app::create_api_token(*store_, user_name(Role::team_manager, kOther), now_);
    ASSERT_EQ(api("/api/v1/children", token).status, 200);  // last used now
    const auto tokens = store_->api_tokens(id);
    ASSERT_EQ(tokens.size(), 1U);
    EXPECT_EQ(tokens[0].expires, now_ + 90L * 24 * 3600);
    EXPECT_EQ(tokens[0].last_used, now_);
    const auto page = get("/admin/users", admin_.token);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("<h2 id=\"api-tokens\">API tokens</h2>"), std::string::npos);
    EXPECT_NE(page.body.find("15 April 2027, 09:00 BST"), std::string::npos) << "expires in 90 days";
    EXPECT_EQ(page.body.find(token), std::string::npos);
    EXPECT_EQ(page.body.find(waymark::app::token_hash(token)), std::string::npos);
    const std::string action =
        "/admin/users/" + std::to_string(id) + "/tokens/" + std::to_string(tokens[0].id) + "/revoke";
    EXPECT_NE(page.body.find("action=\"" + action + "\""), std::string::npos);
    // Another council's token is neither listed nor revoked from here.
    const auto other_id = store_->api_tokens(id_of(user_name(Role::team_manager, kOther)))[0].id;
    EXPECT_EQ(page.body.find("/tokens/" + std::to_string(other_id) + "/revoke"), std::string::npos);
    EXPECT_EQ(admin_post("/admin/users/" + std::to_string(id_of(user_name(Role::team_manager, kOther))) + "/tokens/" +
                         std::to_string(other_id) + "/revoke")
                  .status,
              404);
    EXPECT_EQ(
        admin_post("/admin/users/" + std::to_string(id) + "/tokens/" + std::to_string(other_id) + "/revoke").status,
        404);
    EXPECT_EQ(post(action, "csrf=wrong", cookie()).status, 403);
    const auto before = without_sign_ins(audit_lines()).size();
    const auto r = admin_post(action);
    ASSERT_EQ(r.status, 303);
    EXPECT_EQ(api("/api/v1/children", token).status, 401);
    EXPECT_EQ(api("/api/v1/children", other).status, 200);
    ASSERT_EQ(without_sign_ins(audit_lines()).size(), before + 1);
    EXPECT_EQ(without_sign_ins(audit_lines()).back(), "administrator@S12000049 revoke_token S12000049  web 192.0.2.1");
    EXPECT_NE(get(r.header("Location").data(), admin_.token).body.find("API token revoked for " + name),
              std::string::npos);
}

TEST_F(Admin, ATokenExpires) {
    const std::string name = user_name(Role::team_manager);
    const auto token = waymark::app::create_api_token(*store_, name, now_, 1);
    EXPECT_EQ(api("/api/v1/children", token).status, 200);
    now_ += 24 * 3600 - 1;
    EXPECT_EQ(api("/api/v1/children", token).status, 200);
    now_ += 1;
    EXPECT_EQ(api("/api/v1/children", token).status, 401);
    EXPECT_THROW(waymark::app::create_api_token(*store_, name, now_, 0), waymark::core::Error);
    EXPECT_THROW(waymark::app::create_api_token(*store_, name, now_, 367), waymark::core::Error);
}

TEST_F(Admin, ChangingOrResettingAPasswordRevokesTheUsersTokens) {
    const std::string name = user_name(Role::improvement_advisor);
    const waymark::app::Viewer op{"root", "2027-01-15T08:00:00Z", "command line"};
    auto token = waymark::app::create_api_token(*store_, name, now_);
    ASSERT_EQ(api("/api/v1/measures", token).status, 200);
    waymark::app::set_password(*store_, op, name, "another long password", false, now_);
    EXPECT_EQ(api("/api/v1/measures", token).status, 401) << "waymark user passwd";
    token = waymark::app::create_api_token(*store_, name, now_);
    ASSERT_EQ(admin_post("/admin/users/" + std::to_string(id_of(name)) + "/reset-password").status, 303);
    EXPECT_EQ(api("/api/v1/measures", token).status, 401) << "an administrator's reset";
    EXPECT_TRUE(store_->api_tokens(id_of(name)).empty());
}

// Issue 13, item 9: a reset is confirmed first, and its answer is safe to reload.
TEST_F(Admin, AResetIsConfirmedFirstAndItsPasswordShownOnceAfterARedirect) {
    const std::string name = user_name(Role::improvement_advisor);
    const auto id = std::to_string(id_of(name));
    const auto before = without_sign_ins(audit_lines()).size();
    // The users page links to the confirmation; the confirmation changes nothing.
    EXPECT_NE(get("/admin/users", admin_.token).body.find("href=\"/admin/users/" + id + "/reset-password\""),
              std::string::npos);
    const auto confirm = get("/admin/users/" + id + "/reset-password", admin_.token);
    ASSERT_EQ(confirm.status, 200);
    EXPECT_NE(confirm.body.find("Reset the password of <bdi>" + name + "</bdi>? They will be signed out everywhere"),
              std::string::npos)
        << confirm.body;
    EXPECT_NE(confirm.body.find("They will be signed out everywhere"), std::string::npos);
    EXPECT_NE(confirm.body.find("<form method=\"post\" action=\"/admin/users/" + id + "/reset-password\">"),
              std::string::npos);
    EXPECT_EQ(without_sign_ins(audit_lines()).size(), before);
    EXPECT_EQ(waymark::app::sign_in(*store_, name, waymark::test::kPassword, "", now_).outcome,
              SignInOutcome::signed_in);

    // The reset: a redirect (303) to the page that shows the password, never the password itself.
    const auto reset = admin_post("/admin/users/" + id + "/reset-password");
    ASSERT_EQ(reset.status, 303);
    std::string location;
    for (const auto& [k, v] : reset.headers) {
        if (k == "Location") location = v;
    }
    EXPECT_EQ(location, "/admin/users/" + id + "/password-reset");
    ASSERT_EQ(without_sign_ins(audit_lines()).size(), before + 1);
    EXPECT_EQ(without_sign_ins(audit_lines()).back(),
              "administrator@S12000049 reset_password S12000049  web 192.0.2.1");

    const auto shown = get(location, admin_.token);
    ASSERT_EQ(shown.status, 200);
    std::smatch m;
    const std::regex password(
        "id=\"one-time-password\"><strong>([a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5})</strong>");
    ASSERT_TRUE(std::regex_search(shown.body, m, password)) << shown.body;
    const std::string generated = m[1];
    bool no_store = false;
    for (const auto& [k, v] : shown.headers) no_store = no_store || (k == "Cache-Control" && v == "no-store");
    EXPECT_TRUE(no_store);
    EXPECT_NE(shown.body.find("It stops working on 22 January 2027, 08:00 GMT"), std::string::npos) << shown.body;

    // A reload: not shown again, not reset again.
    const auto again = get(location, admin_.token);
    ASSERT_EQ(again.status, 200);
    EXPECT_EQ(again.body.find(generated), std::string::npos);
    EXPECT_NE(again.body.find("has been shown already, and is not shown again"), std::string::npos);
    EXPECT_EQ(without_sign_ins(audit_lines()).size(), before + 1);
    EXPECT_EQ(waymark::app::sign_in(*store_, name, generated, "", now_).outcome, SignInOutcome::signed_in);

    // Another administrator's session never sees it.
    ASSERT_EQ(admin_post("/admin/users/" + id + "/reset-password").status, 303);
    const auto other = second_admin();
    EXPECT_EQ(get(location, other.token).body.find("one-time-password"), std::string::npos);
}

TEST_F(Admin, TeamsAreAddedOnTheTeamsPageAudited) {
    const auto before = without_sign_ins(audit_lines()).size();
    const auto added = admin_post("/admin/teams", "name=+North+East+");
    ASSERT_EQ(added.status, 303);
    const auto page = get("/admin/teams?added=North%20East", admin_.token);
    EXPECT_NE(page.body.find("Team North East added."), std::string::npos) << page.body;
    EXPECT_NE(page.body.find("<th scope=\"row\"><bdi>North East</bdi></th><td>0</td>"), std::string::npos);
    ASSERT_EQ(without_sign_ins(audit_lines()).size(), before + 1);
    EXPECT_EQ(without_sign_ins(audit_lines()).back(), "administrator@S12000049 add_team S12000049  web 192.0.2.1");
    EXPECT_EQ(waymark::app::council_teams(store_->caseload(), kOwn),
              (std::vector<std::string>{"North East", "Team A", "Team B"}));
    // The same name again, an empty one and the name kept for children in no team: the field named.
    for (const auto& [body, message] :
         {std::pair{"name=North+East", "Your council already has a team called North East"},
          {"name=", "Enter the team&#39;s name"},
          {"name=No+team", "is what measures by team call the children in no team"}}) {
        const auto r = admin_post("/admin/teams", body);
        EXPECT_EQ(r.status, 400) << body;
        EXPECT_NE(r.body.find("<a href=\"#name\">"), std::string::npos) << body;
        EXPECT_NE(r.body.find(message), std::string::npos) << r.body;
    }
    EXPECT_EQ(without_sign_ins(audit_lines()).size(), before + 1);
    // Another council's administrator does not see it, nor is a team of theirs named back.
    EXPECT_EQ(get("/admin/teams?added=North%20East", session_for(user_name(Role::administrator, kOther)).token)
                  .body.find("North East"),
              std::string::npos);
}

TEST_F(Admin, TheUserFormsChooseTheTeamFromTheCouncilsList) {
    const auto r = get("/admin/users", admin_.token);
    EXPECT_NE(r.body.find("<select class=\"ds_select\" id=\"team\" name=\"team\""), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("<option value=\"Team B\">Team B</option>"), std::string::npos);
    EXPECT_EQ(r.body.find("type=\"text\" id=\"team\""), std::string::npos);
    const auto added =
        admin_post("/admin/users", "name=new.advisor&role=improvement_advisor&team=Team+B&display_name=Ann+Other");
    ASSERT_EQ(added.status, 200) << added.body;
    const auto user = store_->find_user("new.advisor");
    ASSERT_TRUE(user);
    EXPECT_EQ(user->team, "Team B");
    EXPECT_EQ(user->display_name, "Ann Other");
}

TEST_F(Admin, ARolesTeamAndDisplayNameAreChangedOnTheEditPageAudited) {
    const std::string name = user_name(Role::improvement_advisor);
    const auto id = std::to_string(id_of(name));
    const auto page = get("/admin/users/" + id + "/edit", admin_.token);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("<option value=\"improvement_advisor\" selected>"), std::string::npos) << page.body;
    EXPECT_EQ(page.body.find("<option value=\"national_analyst\""), std::string::npos);
    const auto before = without_sign_ins(audit_lines()).size();
    const auto saved = admin_post("/admin/users/" + id + "/edit", "role=legal&team=Team+B&display_name=Alex+Morgan");
    ASSERT_EQ(saved.status, 303) << saved.body;
    const auto user = store_->find_user(name);
    EXPECT_EQ(user->role, Role::legal);
    EXPECT_EQ(user->team, "Team B");
    EXPECT_EQ(user->display_name, "Alex Morgan");
    const auto rows = store_->find_audit({kOwn, std::nullopt, std::string("change_user"), {}, {}, {}, {}, {}, 0, 0});
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(rows.front().entry.detail, "user " + name +
                                             ", role improvement_advisor to legal, team none to Team B, display name "
                                             "none to \"Alex Morgan\"");
    EXPECT_EQ(without_sign_ins(audit_lines()).size(), before + 1);
    EXPECT_NE(get("/admin/users?changed=" + id, admin_.token).body.find("Changes saved for Alex Morgan."),
              std::string::npos);
    // Saving it unchanged writes nothing.
    ASSERT_EQ(admin_post("/admin/users/" + id + "/edit", "role=legal&team=Team+B&display_name=Alex+Morgan").status,
              303);
    EXPECT_EQ(without_sign_ins(audit_lines()).size(), before + 1);
}

TEST_F(Admin, AnAdministratorCannotRaiseTheirOwnRoleNorGiveTheNationalOne) {
    const auto admin_id = id_of(user_name(Role::administrator));
    const auto self = std::to_string(admin_id);
    auto r = admin_post("/admin/users/" + self + "/edit", "role=team_manager&team=&display_name=");
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("<a href=\"#role\">You cannot change your own role"), std::string::npos) << r.body;
    EXPECT_EQ(store_->user_by_id(admin_id)->role, Role::administrator);
    // Their own display name they may change; the page does not offer their role.
    EXPECT_EQ(get("/admin/users/" + self + "/edit", admin_.token).body.find("<select class=\"ds_select\" id=\"role\""),
              std::string::npos);
    EXPECT_EQ(admin_post("/admin/users/" + self + "/edit", "role=administrator&team=&display_name=Sam").status, 303);
    EXPECT_EQ(store_->user_by_id(admin_id)->display_name, "Sam");

    const auto legal = std::to_string(id_of(user_name(Role::legal)));
    r = admin_post("/admin/users/" + legal + "/edit", "role=national_analyst&team=&display_name=");
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("added by the service"), std::string::npos);
    r = admin_post("/admin/users/" + legal + "/edit", "role=legal&team=Secret&display_name=");
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("<a href=\"#team\">"), std::string::npos);
    r = admin_post("/admin/users/" + legal + "/edit", "role=legal&team=&display_name=" + std::string(101, 'x'));
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("<a href=\"#display_name\">A display name is at most 100 characters"), std::string::npos);
    EXPECT_EQ(store_->find_user(user_name(Role::legal))->role, Role::legal);
    // Another council's user: not found.
    const auto other = std::to_string(id_of(user_name(Role::legal, kOther)));
    EXPECT_EQ(admin_post("/admin/users/" + other + "/edit", "role=social_worker&team=&display_name=").status, 404);
    EXPECT_EQ(get("/admin/users/" + other + "/edit", admin_.token).status, 404);
}

TEST_F(Admin, ARoleThatSeesChildrenWaitsUntilTheOneTimePasswordIsChanged) {
    ASSERT_EQ(admin_post("/admin/users", "name=new.advisor&role=improvement_advisor&password=").status, 200);
    const auto id = std::to_string(id_of("new.advisor"));
    const auto r = admin_post("/admin/users/" + id + "/edit", "role=social_worker&team=&display_name=");
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("still has a one-time password an administrator knows"), std::string::npos) << r.body;
    EXPECT_EQ(store_->find_user("new.advisor")->role, Role::improvement_advisor);
}

TEST_F(Admin, TheHeaderShowsTheDisplayName) {
    const std::string name = user_name(Role::social_worker);
    const auto s = session_for(name);
    EXPECT_NE(get("/children", s.token).body.find(name), std::string::npos);
    const waymark::app::Viewer op{"root", "2027-01-15T08:00:00Z", "command line"};
    waymark::app::set_display_name(*store_, op, name, "  Jo Bloggs ");
    EXPECT_EQ(audit_lines().back(), "root change_user S12000049  command line");
    const auto r = get("/children", s.token);
    EXPECT_NE(r.body.find("<bdi>Jo Bloggs</bdi> (social worker, Glasgow City)"), std::string::npos) << r.body;
    EXPECT_EQ(waymark::app::staff_label(*store_->find_user(name)), "Jo Bloggs");
    EXPECT_THROW(waymark::app::set_display_name(*store_, op, name, "bad\x01"), waymark::core::Error);
    waymark::app::set_display_name(*store_, op, name, "");
    EXPECT_EQ(waymark::app::staff_label(*store_->find_user(name)), name);
}

TEST_F(Admin, TheAuditActionFilterIsAListInWordsAndTimesAreUkLocal) {
    store_->record_audit(std::vector<waymark::app::AuditEntry>{
        {"2026-07-01T22:30:00Z", "a", "reset_password", kOwn, "", "", "web 192.0.2.9"},
        {"2026-12-01T22:30:00Z", "a", "view_chronology", kOwn, "C1", "", "web 192.0.2.9"}});
    auto r = get("/admin/audit", admin_.token);
    EXPECT_NE(r.body.find("<select class=\"ds_select\" id=\"action\" name=\"action\""), std::string::npos) << r.body;
    for (const auto& a : waymark::app::audit_actions()) {
        EXPECT_NE(r.body.find("<option value=\"" + std::string(a.id) + "\">"), std::string::npos) << a.id;
    }
    EXPECT_NE(r.body.find("<option value=\"reset_password\">Reset a password</option>"), std::string::npos);
    // BST in July: 22:30 UTC is 23:30 on the same day; GMT in December.
    EXPECT_NE(r.body.find("1 July 2026, 23:30 BST"), std::string::npos);
    EXPECT_NE(r.body.find("1 December 2026, 22:30 GMT"), std::string::npos);
    r = get("/admin/audit?action=reset_password", admin_.token);
    EXPECT_NE(r.body.find("<option value=\"reset_password\" selected>"), std::string::npos);
    EXPECT_NE(r.body.find("1 July 2026, 23:30 BST"), std::string::npos);
    EXPECT_EQ(r.body.find("1 December 2026"), std::string::npos);
    // UK days: 2 July 2026 (UK) starts at 23:00 UTC on 1 July, so the July entry is not in it...
    r = get("/admin/audit?from-day=2&from-month=7&from-year=2026&to-day=2&to-month=7&to-year=2026", admin_.token);
    EXPECT_NE(r.body.find("0 entries"), std::string::npos) << r.body;
    // ... and 1 July (UK) has it.
    r = get("/admin/audit?from-day=1&from-month=7&from-year=2026&to-day=1&to-month=7&to-year=2026", admin_.token);
    EXPECT_NE(r.body.find("1 entry"), std::string::npos);
    EXPECT_NE(r.body.find("<legend>From (UK date, inclusive)</legend>"), std::string::npos);
}

TEST_F(Admin, OneCaseloadPageWritesOneAuditEntryListingTheChildren) {
    const auto s = session_for(user_name(Role::social_worker));
    const auto before = audit_lines().size();
    ASSERT_EQ(get("/children", s.token).status, 200);
    const auto lines = audit_lines();
    ASSERT_EQ(lines.size(), before + 1) << "one entry for the page";
    EXPECT_EQ(lines.back(), "social_worker@S12000049 view_caseload S12000049  web 192.0.2.1");
    const auto rows = store_->find_audit({kOwn, std::nullopt, std::string("view_caseload"), {}, {}, {}, {}, {}, 0, 0});
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(waymark::app::caseload_audit_children(rows.front().entry.detail), (std::vector<std::string>{"C1", "C2"}));
    // The audit page lists the children, and a child's filter finds the page that named them.
    auto r = get("/admin/audit?action=view_caseload", admin_.token);
    EXPECT_NE(r.body.find("<ul class=\"ds_no-bullets\"><li>C1</li><li>C2</li></ul>"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("Names of 2 children shown in My children, as of"), std::string::npos);
    r = get("/admin/audit?action=view_caseload&child=C2", admin_.token);
    EXPECT_NE(r.body.find("1 entry"), std::string::npos);
    r = get("/admin/audit?action=view_caseload&child=C", admin_.token);
    EXPECT_NE(r.body.find("0 entries"), std::string::npos);
}

}  // namespace
