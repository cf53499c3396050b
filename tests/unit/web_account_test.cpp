// Changing one's password (/account/password) through the handlers, the one-time passwords an
// administrator makes (a user must change one before anything else, their API tokens are
// refused meanwhile, and it expires after 7 days), an administrator's reset, and the
// operator's app::set_password (`waymark user passwd`).
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
using waymark::app::SignInOutcome;
using waymark::test::kOther;
using waymark::test::kOwn;
using waymark::test::kPassword;

constexpr const char* kNewPassword = "a brand new passphrase";

class Account : public waymark::test::WebTest {
protected:
    // A form body: each value with spaces as '+', as a browser sends them.
    static std::string field(const std::string& name, std::string value) {
        for (char& c : value) {
            if (c == ' ') c = '+';
        }
        return "&" + name + "=" + value;
    }
    waymark::web::Response change(const Session& s, const std::string& current, const std::string& password,
                                  const std::string& confirm) {
        return post("/account/password",
                    "csrf=" + s.csrf + field("current-password", current) + field("new-password", password) +
                        field("confirm-password", confirm),
                    "waymark_session=" + s.token);
    }
    SignInOutcome sign_in(const std::string& name, const std::string& password) {
        return waymark::app::sign_in(*store_, name, password, "", now_).outcome;
    }
    std::int64_t id_of(const std::string& name) {
        const auto u = store_->find_user(name);
        EXPECT_TRUE(u.has_value()) << name;
        return u ? u->id : 0;
    }
    // Every audit entry's detail, joined, to show that no password is in any.
    std::string audit_details() {
        std::string all;
        sqlite3* db = nullptr;
        sqlite3_open((dir_ / "w.db").string().c_str(), &db);
        sqlite3_stmt* s = nullptr;
        sqlite3_prepare_v2(db, "SELECT detail FROM audit ORDER BY id", -1, &s, nullptr);
        while (sqlite3_step(s) == SQLITE_ROW)
            all += reinterpret_cast<const char*>(sqlite3_column_text(s, 0)) + std::string("\n");
        sqlite3_finalize(s);
        sqlite3_close(db);
        return all;
    }
    // An administrator of kOwn adds `name` through the users page, a second one approves, and
    // returns the generated one-time password.
    std::string add_with_one_time_password(const std::string& name) {
        const auto admin = session_for(user_name(Role::administrator));
        const auto r = post("/admin/users", "csrf=" + admin.csrf + "&name=" + name + "&role=social_worker&team=Team+A",
                            "waymark_session=" + admin.token);
        EXPECT_EQ(r.status, 200) << r.body;
        EXPECT_EQ(approve(name).status, 303);
        return generated_in(r.body);
    }
    static std::string generated_in(const std::string& body) {
        std::smatch m;
        const std::regex password("<strong>([a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5})</strong>");
        EXPECT_TRUE(std::regex_search(body, m, password)) << body;
        return m.empty() ? std::string() : std::string(m[1]);
    }
    // Whether the server would read a large upload's body from a session of `name`.
    bool may_upload_as(const std::string& name) {
        const auto s = session_for(name);
        const waymark::web::Request head{
            "POST", "/import", {{"cookie", "waymark_session=" + s.token}}, {}, "192.0.2.1"};
        auto c = context();
        return waymark::web::may_upload(head, c);
    }
    // Signs in through the form and returns the session token (empty if refused).
    std::string sign_in_through_form(const std::string& name, const std::string& password) {
        const auto form = sign_in_form();
        const auto r =
            post("/sign-in", "csrf=" + form.token + "&name=" + name + field("password", password), form.cookie);
        return set_cookie_value(r, "waymark_session");
    }
};

TEST_F(Account, EveryRoleHasThePageLinkedFromTheHeader) {
    for (Role role : waymark::app::kAllRoles) {
        const auto s = session_for(user_name(role));
        const auto r = get("/account/password", s.token);
        ASSERT_EQ(r.status, 200) << waymark::app::to_string(role);
        EXPECT_NE(r.body.find("<h1 class=\"ds_page-header__title\"><bdi>Change your password</bdi></h1>"),
                  std::string::npos);
        for (const char* id : {"current-password", "new-password", "confirm-password"}) {
            EXPECT_NE(r.body.find(std::string("<label class=\"ds_label\" for=\"") + id + "\">"), std::string::npos)
                << id;
        }
        EXPECT_NE(r.body.find("autocomplete=\"current-password\""), std::string::npos);
        EXPECT_NE(r.body.find("autocomplete=\"new-password\""), std::string::npos);
        EXPECT_NE(r.body.find("name=\"csrf\" value=\"" + s.csrf + "\""), std::string::npos);
        EXPECT_EQ(r.body.find("one-time password"), std::string::npos) << "not forced: no such notice";
        // Every page's header links to it.
        EXPECT_NE(get("/measures", s.token).body.find("href=\"/account/password\">Change password</a>"),
                  std::string::npos);
    }
    EXPECT_EQ(get("/account/password").header("Location"), "/sign-in");
}

TEST_F(Account, ChangingEndsTheOtherSessionsRotatesThisOneAndIsAudited) {
    const std::string name = user_name(Role::team_manager);
    const auto here = session_for(name);
    const auto elsewhere = session_for(name);
    const auto colleague = session_for(user_name(Role::social_worker));
    const auto before = without_sign_ins(audit_lines()).size();
    const auto r = change(here, kPassword, kNewPassword, kNewPassword);
    ASSERT_EQ(r.status, 303) << r.body;
    EXPECT_EQ(r.header("Location"), "/");
    // Audited (before any page below adds its own entries), and no password in it.
    ASSERT_EQ(without_sign_ins(audit_lines()).size(), before + 1);
    EXPECT_EQ(without_sign_ins(audit_lines()).back(),
              "team_manager@S12000049 change_password S12000049  web 192.0.2.1");
    const std::string details = audit_details();
    EXPECT_EQ(details.find(kNewPassword), std::string::npos);
    EXPECT_EQ(details.find(kPassword), std::string::npos);
    const std::string rotated = set_cookie_value(r, "waymark_session");
    ASSERT_EQ(rotated.size(), 64U);
    EXPECT_NE(rotated, here.token);
    EXPECT_EQ(get("/children", rotated).status, 200);
    EXPECT_EQ(get("/children", here.token).status, 303) << "the old token of this session ended";
    EXPECT_EQ(get("/children", elsewhere.token).status, 303) << "another session of the user ended";
    EXPECT_EQ(get("/children", colleague.token).status, 200) << "another user's session goes on";
    EXPECT_EQ(sign_in(name, kNewPassword), SignInOutcome::signed_in);
    EXPECT_EQ(sign_in(name, kPassword), SignInOutcome::refused);
    // The new session's forms carry its new CSRF token: the old one is refused.
    EXPECT_EQ(post("/sign-out", "csrf=" + here.csrf, "waymark_session=" + rotated).status, 403);
}

TEST_F(Account, ProblemsAreLinkedToTheirFieldsAndChangeNothing) {
    const std::string name = user_name(Role::legal);
    const auto s = session_for(name);
    const auto before = without_sign_ins(audit_lines()).size();
    struct Case {
        const char* current;
        const char* password;
        const char* confirm;
        std::vector<std::pair<const char*, const char*>> errors;  // field, message
    };
    const Case cases[] = {
        {"", "", "", {{"current-password", "Enter your current password"}, {"new-password", "Enter a new password"}}},
        {kPassword, "too short", "too short", {{"new-password", "Your new password must be at least 12 characters"}}},
        {kPassword,
         kNewPassword,
         "something else entirely",
         {{"confirm-password", "The two new passwords are not the same"}}},
        {kPassword, kNewPassword, "", {{"confirm-password", "Enter your new password again"}}},
        {kPassword,
         kPassword,
         kPassword,
         {{"new-password", "Your new password must be different from your current one"}}},
        {"not my password", kNewPassword, kNewPassword, {{"current-password", "Your current password is not right"}}},
    };
    for (const auto& c : cases) {
        const auto r = change(s, c.current, c.password, c.confirm);
        ASSERT_EQ(r.status, 400) << c.current << " / " << c.password;
        EXPECT_NE(r.body.find("<title>Error: Change your password - Waymark</title>"), std::string::npos);
        EXPECT_NE(r.body.find("class=\"ds_error-summary\""), std::string::npos);
        for (const auto& [id, message] : c.errors) {
            EXPECT_NE(r.body.find(std::string("<a href=\"#") + id + "\">" + message + "</a>"), std::string::npos)
                << message << "\n"
                << r.body;
            EXPECT_NE(r.body.find(std::string("id=\"") + id + "-error\""), std::string::npos) << id;
        }
        // Nothing typed comes back.
        EXPECT_EQ(r.body.find(kNewPassword), std::string::npos);
        EXPECT_EQ(r.body.find("something else entirely"), std::string::npos);
    }
    EXPECT_EQ(without_sign_ins(audit_lines()).size(), before);
    EXPECT_EQ(get("/children", s.token).status, 200) << "the session goes on";
    // One wrong current password so far: the right one still works, and resets the count.
    EXPECT_EQ(sign_in(name, kPassword), SignInOutcome::signed_in);
    EXPECT_EQ(store_->find_user(name)->failed_attempts, 0);
}

TEST_F(Account, WrongCurrentPasswordsMakeTheAccountWaitAsAtSignIn) {
    const std::string name = user_name(Role::reviewing_officer);
    const auto s = session_for(name);
    for (int i = 0; i < 5; ++i)
        ASSERT_EQ(change(s, "a wrong guess " + std::to_string(i), kNewPassword, kNewPassword).status, 400);
    EXPECT_EQ(store_->find_user(name)->locked_until, now_ + 60);
    EXPECT_EQ(sign_in(name, kPassword), SignInOutcome::refused);
    // During the wait even the right current password is refused.
    const auto r = change(s, kPassword, kNewPassword, kNewPassword);
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("Too many wrong passwords: wait a few minutes, then try again"), std::string::npos);
    now_ += 60;
    const auto later = session_for(name);
    EXPECT_EQ(change(later, kPassword, kNewPassword, kNewPassword).status, 303);
}

TEST_F(Account, WithoutTheSessionsCsrfTokenNothingChanges) {
    const std::string name = user_name(Role::social_worker);
    const auto s = session_for(name);
    const auto r = post("/account/password",
                        field("current-password", kPassword).substr(1) + field("new-password", kNewPassword) +
                            field("confirm-password", kNewPassword),
                        "waymark_session=" + s.token);
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(sign_in(name, kPassword), SignInOutcome::signed_in);
    EXPECT_EQ(post("/account/password", "csrf=x", "").header("Location"), "/sign-in");
}

TEST_F(Account, AOneTimePasswordMustBeChangedBeforeAnythingElse) {
    const std::string generated = add_with_one_time_password("new.worker");
    const auto user = store_->find_user("new.worker");
    ASSERT_TRUE(user.has_value());
    EXPECT_EQ(user->one_time_until, now_ + 7L * 24 * 3600);
    const std::string token = sign_in_through_form("new.worker", generated);
    ASSERT_EQ(token.size(), 64U);
    // Every page leads to the password page; so does a form.
    for (const char* target : {"/", "/children", "/dashboard", "/measures", "/tests-of-change", "/sign-in",
                               "/children/S12000049/C1", "/no/such/page/but/a/child"}) {
        const auto r = get(target, token);
        if (std::string(target) == "/no/such/page/but/a/child") {
            EXPECT_EQ(r.status, 404);
            continue;
        }
        EXPECT_EQ(r.status, 303) << target;
        EXPECT_EQ(r.header("Location"), std::string(target) == "/sign-in" ? "/" : "/account/password") << target;
    }
    EXPECT_EQ(post("/children/S12000049/C1/events", "csrf=x", "waymark_session=" + token).header("Location"),
              "/account/password");
    // The page says why, and the header offers nothing else but signing out.
    const auto page = get("/account/password", token);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("You signed in with a one-time password."), std::string::npos);
    EXPECT_NE(page.body.find("stops working on 22 Jan 2027 at 08:00 UTC."), std::string::npos);
    EXPECT_EQ(page.body.find("href=\"/children\""), std::string::npos);
    EXPECT_EQ(page.body.find("href=\"/measures\""), std::string::npos);
    EXPECT_NE(page.body.find("action=\"/sign-out\""), std::string::npos);
    // Assets load (the page needs its stylesheet).
    EXPECT_EQ(
        get("/assets/ds-" + std::string(waymark::web::design_system_version()) + "/css/design-system.min.css", token)
            .status,
        200);
    // The server would not read an upload's large body from them, even of a role that imports.
    EXPECT_TRUE(may_upload_as(user_name(Role::team_manager)));
    store_->set_password(id_of(user_name(Role::team_manager)), "x", now_ + 60, std::nullopt,
                         {"t", "t", "reset_password", kOwn, "", "", ""});
    EXPECT_FALSE(may_upload_as(user_name(Role::team_manager)));
    // The API refuses the user's tokens, saying why.
    const std::string api_token = waymark::app::create_api_token(*store_, "new.worker", now_);
    const auto refused = api("/api/v1/children", api_token);
    EXPECT_EQ(refused.status, 401);
    EXPECT_NE(refused.body.find("one-time password"), std::string::npos) << refused.body;
    EXPECT_EQ(api("/api/v1/measures", api_token).status, 401);
    // Changed: the user lands on their home; the token made before the change ended with it (a
    // new one works).
    const waymark::test::WebTest::Session s{token, store_->find_session(waymark::app::token_hash(token))->csrf};
    const auto changed = change(s, generated, kNewPassword, kNewPassword);
    ASSERT_EQ(changed.status, 303) << changed.body;
    EXPECT_EQ(changed.header("Location"), "/");
    EXPECT_EQ(without_sign_ins(audit_lines()).back(), "new.worker change_password S12000049  web 192.0.2.1");
    EXPECT_EQ(audit_details().find(generated), std::string::npos);
    const std::string rotated = set_cookie_value(changed, "waymark_session");
    EXPECT_EQ(get("/", rotated).header("Location"), "/children");
    EXPECT_EQ(get("/children", rotated).status, 200);
    EXPECT_EQ(store_->find_user("new.worker")->one_time_until, 0);
    EXPECT_EQ(api("/api/v1/children", api_token).status, 401);
    EXPECT_EQ(api("/api/v1/children", waymark::app::create_api_token(*store_, "new.worker", now_)).status, 200);
}

TEST_F(Account, AnAdministratorsSetPasswordIsOneTimeToo) {
    const auto admin = session_for(user_name(Role::administrator));
    ASSERT_EQ(post("/admin/users", "csrf=" + admin.csrf + "&name=set.by.admin&role=legal&password=a+long+enough+one",
                   "waymark_session=" + admin.token)
                  .status,
              200);
    ASSERT_EQ(approve("set.by.admin").status, 303);
    const std::string token = sign_in_through_form("set.by.admin", "a long enough one");
    ASSERT_FALSE(token.empty());
    EXPECT_EQ(get("/children", token).header("Location"), "/account/password");
}

TEST_F(Account, AOneTimePasswordExpiresAfterSevenDays) {
    const std::string generated = add_with_one_time_password("late.worker");
    const std::string token = sign_in_through_form("late.worker", generated);
    ASSERT_FALSE(token.empty());
    now_ += 7L * 24 * 3600;
    // A session begun before then ends (it could not outlive 12 hours anyway) ...
    EXPECT_EQ(get("/account/password", token).header("Location"), "/sign-in");
    // ... and signing in with it says what to do; a wrong password says only that it is wrong.
    const auto form = sign_in_form();
    const auto r = post("/sign-in", "csrf=" + form.token + "&name=late.worker&password=" + generated, form.cookie);
    EXPECT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("Your one-time password has expired. Ask your council&#39;s administrator for a new one."),
              std::string::npos)
        << r.body;
    EXPECT_EQ(sign_in("late.worker", "not the password at all"), SignInOutcome::refused);
    EXPECT_EQ(sign_in("late.worker", generated), SignInOutcome::expired);
    // One second before the end it still worked.
    now_ -= 1;
    EXPECT_EQ(sign_in("late.worker", generated), SignInOutcome::signed_in);
}

TEST_F(Account, AnAdministratorResetsAPasswordShownOnce) {
    const std::string name = user_name(Role::social_worker);
    const auto id = id_of(name);
    const auto worker = session_for(name);
    store_->set_sign_in_failures(id, 9, now_ + 900);  // waiting after failed sign-ins
    const auto admin = session_for(user_name(Role::administrator));
    const auto users = get("/admin/users", admin.token);
    EXPECT_NE(users.body.find("href=\"/admin/users/" + std::to_string(id) + "/reset-password\""), std::string::npos);
    EXPECT_NE(users.body.find("Reset password<span class=\"visually-hidden\"> of <bdi>" + name + "</bdi></span>"),
              std::string::npos);
    const auto before = without_sign_ins(audit_lines()).size();
    ASSERT_EQ(post("/admin/users/" + std::to_string(id) + "/reset-password", "csrf=" + admin.csrf,
                   "waymark_session=" + admin.token)
                  .status,
              303);
    const auto r = get("/admin/users/" + std::to_string(id) + "/password-reset", admin.token);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_NE(r.body.find("You reset the password of <bdi>" + name + "</bdi>."), std::string::npos);
    EXPECT_NE(r.body.find("It stops working on 22 January 2027, 08:00 GMT."), std::string::npos);
    const std::string generated = generated_in(r.body);
    EXPECT_EQ(get("/admin/users", admin.token).body.find(generated), std::string::npos) << "shown once";
    EXPECT_NE(get("/admin/users", admin.token).body.find(">one-time password</strong>"), std::string::npos);
    ASSERT_EQ(without_sign_ins(audit_lines()).size(), before + 1);
    EXPECT_EQ(without_sign_ins(audit_lines()).back(),
              "administrator@S12000049 reset_password S12000049  web 192.0.2.1");
    EXPECT_EQ(audit_details().find(generated), std::string::npos);
    EXPECT_EQ(get("/children", worker.token).status, 303) << "their sessions ended";
    EXPECT_EQ(get("/children", worker.token).header("Location"), "/sign-in");
    EXPECT_EQ(sign_in(name, kPassword), SignInOutcome::refused);
    EXPECT_EQ(store_->find_user(name)->locked_until, 0) << "the wait is cleared";
    // A social worker sees named children: the new password works once a second administrator
    // approves.
    EXPECT_TRUE(sign_in_through_form(name, generated).empty());
    ASSERT_EQ(approve(name).status, 303);
    const std::string token = sign_in_through_form(name, generated);
    ASSERT_FALSE(token.empty());
    EXPECT_EQ(get("/children", token).header("Location"), "/account/password");
}

TEST_F(Account, AResetIsOnlyForAnotherActiveUserOfTheOwnCouncil) {
    const auto admin = session_for(user_name(Role::administrator));
    const auto reset = [&](std::int64_t id) {
        return post("/admin/users/" + std::to_string(id) + "/reset-password", "csrf=" + admin.csrf,
                    "waymark_session=" + admin.token);
    };
    const auto before = without_sign_ins(audit_lines()).size();
    EXPECT_EQ(reset(id_of(user_name(Role::social_worker, kOther))).status, 404);
    EXPECT_EQ(reset(999999).status, 404);
    EXPECT_EQ(reset(id_of(user_name(Role::administrator))).status, 400);
    const std::string legal = user_name(Role::legal);
    store_->disable_user(id_of(legal), now_, {"t", "t", "disable_user", kOwn, "", "", ""});
    EXPECT_EQ(reset(id_of(legal)).status, 400);
    EXPECT_EQ(post("/admin/users/" + std::to_string(id_of(user_name(Role::team_manager))) + "/reset-password", "",
                   "waymark_session=" + admin.token)
                  .status,
              403)
        << "no CSRF token";
    EXPECT_EQ(without_sign_ins(audit_lines()).size(), before + 1);  // only the disabling above
    EXPECT_EQ(sign_in(user_name(Role::social_worker, kOther), kPassword), SignInOutcome::signed_in);
    EXPECT_EQ(sign_in(user_name(Role::team_manager), kPassword), SignInOutcome::signed_in);
}

TEST_F(Account, TheOperatorSetsAPasswordWithOrWithoutAForcedChange) {
    const std::string name = user_name(Role::administrator);
    const auto s = session_for(name);
    store_->set_sign_in_failures(id_of(name), 0, now_ + 900);
    const waymark::app::Viewer op{"root", "2027-01-15T08:00:00Z", "command line"};
    const auto user = waymark::app::set_password(*store_, op, name, kNewPassword, false, now_);
    EXPECT_EQ(user.one_time_until, 0);
    EXPECT_EQ(get("/admin", s.token).status, 303) << "their sessions ended";
    EXPECT_EQ(sign_in(name, kNewPassword), SignInOutcome::signed_in) << "and the lock is cleared";
    EXPECT_EQ(without_sign_ins(audit_lines()).back(), "root set_password S12000049  command line");
    EXPECT_EQ(audit_details().find(kNewPassword), std::string::npos);
    // --must-change: a one-time password.
    waymark::app::set_password(*store_, op, name, "another long password", true, now_);
    EXPECT_EQ(store_->find_user(name)->one_time_until, now_ + 7L * 24 * 3600);
    const std::string token = sign_in_through_form(name, "another long password");
    EXPECT_EQ(get("/admin", token).header("Location"), "/account/password");
    // The rules are user add's.
    EXPECT_THROW(waymark::app::set_password(*store_, op, name, "short", false, now_), waymark::core::Error);
    EXPECT_THROW(waymark::app::set_password(*store_, op, name, std::string(1025, 'x'), false, now_),
                 waymark::core::Error);
    EXPECT_THROW(waymark::app::set_password(*store_, op, "nobody", kNewPassword, false, now_), waymark::core::Error);
    EXPECT_THROW(waymark::app::add_user(*store_, "long.one", Role::legal, kOwn, "", std::string(1025, 'x'), now_),
                 waymark::core::Error);
}

// A request looks its session up once (the one-time password check and the page's gate share
// it), but each request afresh, even on one context.
TEST_F(Account, ASessionIsLookedUpAfreshForEachRequest) {
    const auto s = session_for(user_name(Role::improvement_advisor));
    auto c = context();
    const waymark::web::Request r{"GET", "/measures", {{"cookie", "waymark_session=" + s.token}}, {}, "192.0.2.1"};
    EXPECT_EQ(waymark::web::handle(r, c).status, 200);
    store_->delete_session(waymark::app::token_hash(s.token));
    EXPECT_EQ(waymark::web::handle(r, c).status, 303);
}

}  // namespace

namespace {

// Issue 11, item 6: a token made before a password change does not outlive it.
TEST_F(Account, ChangingYourPasswordRevokesYourApiTokens) {
    const std::string name = user_name(Role::legal);
    const auto token = waymark::app::create_api_token(*store_, name, now_);
    ASSERT_EQ(api("/api/v1/children", token).status, 200);
    const auto s = session_for(name);
    ASSERT_EQ(change(s, kPassword, "a brand new passphrase", "a brand new passphrase").status, 303);
    EXPECT_EQ(api("/api/v1/children", token).status, 401);
}

}  // namespace

namespace {

// Issue 11, item 9: twelve spaces, one character or a short pattern repeated, and the common
// passwords (data/common-passwords.txt, any case) are refused wherever a password is chosen.
TEST_F(Account, WhitespaceRepeatedAndCommonPasswordsAreRefused) {
    const auto s = session_for(user_name(Role::legal));
    const std::pair<const char*, const char*> cases[] = {
        {"            ", "Your new password must not be only spaces"},
        {"\t \t \t \t \t \t ", "Your new password must not be only spaces"},
        {"aaaaaaaaaaaa", "Your new password must not be one character or a short pattern repeated"},
        {"abcabcabcabc", "Your new password must not be one character or a short pattern repeated"},
        {"passwordpassword", "Your new password must not be one character or a short pattern repeated"},
        {"aaaaaaaaaaab", "Your new password must not be one character or a short pattern repeated"},
        {"1qaz2wsx3edc", "Your new password must not be one of the 30,000 most common passwords"},
        {"QwertyUIOP123", "Your new password must not be one of the 30,000 most common passwords"},
    };
    for (const auto& [password, message] : cases) {
        const auto r = change(s, kPassword, password, password);
        ASSERT_EQ(r.status, 400) << password;
        EXPECT_NE(r.body.find(std::string("<a href=\"#new-password\">") + message + "</a>"), std::string::npos)
            << password << "\n"
            << r.body;
    }
    EXPECT_EQ(sign_in(user_name(Role::legal), kPassword), SignInOutcome::signed_in) << "nothing changed";
    // The same rules for the operator, an administrator's form and the app's one check.
    const waymark::app::Viewer op{"root", "2027-01-15T08:00:00Z", "command line"};
    EXPECT_THROW(waymark::app::set_password(*store_, op, user_name(Role::legal), "            ", false, now_),
                 waymark::core::Error);
    EXPECT_THROW(waymark::app::add_user(*store_, "x.y", Role::legal, kOwn, "", "zzzzzzzzzzzzzzzz", now_),
                 waymark::core::Error);
    const auto admin = session_for(user_name(Role::administrator));
    const auto added = post("/admin/users", "csrf=" + admin.csrf + "&name=x.z&role=legal&password=1QAZ2WSX3EDC",
                            "waymark_session=" + admin.token);
    EXPECT_EQ(added.status, 400);
    EXPECT_NE(added.body.find("The password must not be one of the 30,000 most common passwords"), std::string::npos);
    EXPECT_FALSE(store_->find_user("x.z").has_value());
    // A phrase of words, and a generated password, are fine.
    EXPECT_FALSE(waymark::app::password_problem(kPassword).has_value());
    EXPECT_FALSE(waymark::app::password_problem(waymark::app::generate_password()).has_value());
}

// ASVS V2.1.1 and V2.1.2: a password's length is counted in characters, not bytes of UTF-8,
// with a run of spaces counted as one; 12 to 128 characters.
TEST(PasswordLength, IsCountedInCharactersWithRunsOfSpacesAsOne) {
    using waymark::app::password_problem;
    const std::string kTooShort = "the password must be at least 12 characters";
    EXPECT_EQ(password_problem("").value_or(""), kTooShort);
    // Four characters of three bytes each are 12 bytes but 4 characters.
    EXPECT_EQ(password_problem("\u6c34\u706b\u98a8\u7a7a").value_or(""), kTooShort);
    // Eleven Gaelic letters with accents (two bytes each): 22 bytes, 11 characters.
    EXPECT_EQ(password_problem("\u00e0\u00e8\u00ec\u00f2\u00f9\u00c0\u00c8\u00cc\u00d2\u00d9x").value_or(""),
              kTooShort);
    EXPECT_FALSE(password_problem("\u00e0\u00e8\u00ec\u00f2\u00f9\u00c0\u00c8\u00cc\u00d2\u00d9xy").has_value());
    // Runs of spaces count once: "kelp  forest" (double space) is 11.
    EXPECT_EQ(password_problem("kelp  forest").value_or(""), kTooShort);
    EXPECT_FALSE(password_problem("kelp forests").has_value());
    // 128 characters (192 bytes: 64 of them two bytes each) are allowed, 129 are not.
    std::string long_one;
    for (unsigned c = 0xC0; c <= 0xFF; ++c) {  // U+00C0 to U+00FF, as UTF-8
        long_one += static_cast<char>(0xC0U | (c >> 6U));
        long_one += static_cast<char>(0x80U | (c & 0x3FU));
    }
    long_one += "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,";
    EXPECT_FALSE(password_problem(long_one).has_value());
    EXPECT_EQ(password_problem(long_one + "q").value_or(""), "the password must be at most 128 characters");
}

// ASVS V3.3.4: a user sees their sessions (started, last seen, this one marked, never a token)
// on /account/sessions, linked from every page's header.
TEST_F(Account, TheSessionsPageListsOnesSessionsAndMarksThisOne) {
    const std::string name = user_name(Role::social_worker);
    const auto first = session_for(name);
    now_ += 600;
    const auto second = session_for(name);
    const auto someone_else = session_for(user_name(Role::legal));
    const auto r = get("/account/sessions", second.token);
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("<h1"), std::string::npos);
    EXPECT_NE(r.body.find("15 January 2027, 08:00 GMT"), std::string::npos) << "the first one's start";
    EXPECT_NE(r.body.find("15 January 2027, 08:10 GMT"), std::string::npos) << "this one's start";
    const auto count = [&](const std::string& what) {
        std::size_t n = 0;
        for (auto at = r.body.find(what); at != std::string::npos; at = r.body.find(what, at + 1)) ++n;
        return n;
    };
    EXPECT_EQ(count(">this session<"), 1U);
    EXPECT_EQ(count(">another session<"), 1U) << "not the other user's";
    for (const auto& s : {first, second, someone_else}) {
        EXPECT_EQ(r.body.find(s.token), std::string::npos);
        EXPECT_EQ(r.body.find(waymark::app::token_hash(s.token)), std::string::npos);
    }
    EXPECT_NE(get("/children", second.token).body.find("href=\"/account/sessions\""), std::string::npos)
        << "linked from the header";
}

TEST_F(Account, SigningOutEveryOtherSessionEndsThemAndIsAudited) {
    const std::string name = user_name(Role::social_worker);
    const auto other1 = session_for(name);
    const auto other2 = session_for(name);
    const auto current = session_for(name);
    const auto someone_else = session_for(user_name(Role::legal));
    const auto before = without_sign_ins(audit_lines()).size();
    EXPECT_EQ(post("/account/sessions/end-others", "csrf=" + other1.csrf, "waymark_session=" + current.token).status,
              403)
        << "another session's CSRF token";
    EXPECT_EQ(get("/account/sessions", other1.token).status, 200) << "nothing ended";
    const auto r = post("/account/sessions/end-others", "csrf=" + current.csrf, "waymark_session=" + current.token);
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(r.header("Location"), "/account/sessions?ended=1");
    EXPECT_EQ(get("/account/sessions", other1.token).status, 303);
    EXPECT_EQ(get("/account/sessions", other2.token).status, 303);
    EXPECT_EQ(get("/account/sessions", current.token).status, 200) << "this one goes on";
    EXPECT_EQ(get("/account/sessions", someone_else.token).status, 200) << "another user's session is theirs";
    ASSERT_EQ(without_sign_ins(audit_lines()).size(), before + 1);
    EXPECT_EQ(without_sign_ins(audit_lines()).back(), name + " end_other_sessions   web 192.0.2.1");
    EXPECT_NE(audit_details().find("2 sessions"), std::string::npos);
    const auto page = get("/account/sessions?ended=1", current.token);
    EXPECT_NE(page.body.find("You are signed out everywhere else."), std::string::npos);
    EXPECT_EQ(page.body.find(">another session<"), std::string::npos);
    EXPECT_TRUE(waymark::app::verify_audit_chain(*store_, waymark::app::AuditCheckFrom::first_row).intact);
}

TEST_F(Account, OnesOwnApiTokensAreListedAndRevokedAudited) {
    const std::string name = user_name(Role::social_worker);
    const std::string token = waymark::app::create_api_token(*store_, name, now_, 30);
    const std::string others = waymark::app::create_api_token(*store_, user_name(Role::legal), now_);
    const auto s = session_for(name);
    const auto page = get("/account/sessions", s.token);
    EXPECT_EQ(page.body.find(token), std::string::npos);
    EXPECT_NE(page.body.find("14 February 2027, 08:00 GMT"), std::string::npos) << "expires in 30 days";
    const auto mine = store_->api_tokens(id_of(name));
    const auto theirs = store_->api_tokens(id_of(user_name(Role::legal)));
    ASSERT_EQ(mine.size(), 1U);
    ASSERT_EQ(theirs.size(), 1U);
    EXPECT_NE(page.body.find("action=\"/account/tokens/" + std::to_string(mine[0].id) + "/revoke\""),
              std::string::npos);
    EXPECT_EQ(page.body.find("/account/tokens/" + std::to_string(theirs[0].id) + "/"), std::string::npos);
    const auto before = without_sign_ins(audit_lines()).size();
    // Another user's token is not one's own: 404, and it goes on working.
    EXPECT_EQ(post("/account/tokens/" + std::to_string(theirs[0].id) + "/revoke", "csrf=" + s.csrf,
                   "waymark_session=" + s.token)
                  .status,
              404);
    EXPECT_EQ(api("/api/v1/measures", others).status, 200);
    EXPECT_EQ(
        post("/account/tokens/" + std::to_string(mine[0].id) + "/revoke", "csrf=wrong", "waymark_session=" + s.token)
            .status,
        403);
    EXPECT_EQ(api("/api/v1/measures", token).status, 200);
    const auto r = post("/account/tokens/" + std::to_string(mine[0].id) + "/revoke", "csrf=" + s.csrf,
                        "waymark_session=" + s.token);
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(api("/api/v1/measures", token).status, 401);
    ASSERT_EQ(without_sign_ins(audit_lines()).size(), before + 1);
    EXPECT_EQ(without_sign_ins(audit_lines()).back(), name + " revoke_token   web 192.0.2.1");
    EXPECT_NE(get("/account/sessions?revoked=1", s.token).body.find("You have no API token."), std::string::npos);
}

}  // namespace
