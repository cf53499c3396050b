// Signing in and out through the handlers: Argon2id passwords, the growing wait after five
// failures, the rate limit per address and per name, session cookies (rotated, HttpOnly,
// SameSite=Strict, Secure and __Host- under TLS), the idle and absolute time-outs, and CSRF
// tokens on every form, the sign-in form's bound to a server-side key.
#include "app/audit.hpp"
#include "support/web_fixture.hpp"

namespace {

using waymark::app::Role;
using waymark::test::kPassword;

class SignIn : public waymark::test::WebTest {
protected:
    waymark::web::Response attempt(const std::string& name, const std::string& password,
                                   const std::string& extra_cookie = {}) {
        const auto form = sign_in_form();
        std::string cookie = form.cookie;
        if (!extra_cookie.empty()) cookie += "; " + extra_cookie;
        return post("/sign-in", "csrf=" + form.token + "&name=" + name + "&password=" + password, cookie);
    }
    // Each audit row of sign-in and sign-out as "actor|action|detail|origin|at", in order.
    std::vector<std::string> audit_rows() {
        std::vector<std::string> rows;
        sqlite3* db = nullptr;
        sqlite3_open((dir_ / "w.db").string().c_str(), &db);
        sqlite3_stmt* s = nullptr;
        sqlite3_prepare_v2(db,
                           "SELECT actor || '|' || action || '|' || detail || '|' || origin || '|' || at FROM audit "
                           "WHERE action IN ('sign_in', 'sign_in_failed', 'sign_out') ORDER BY id",
                           -1, &s, nullptr);
        while (sqlite3_step(s) == SQLITE_ROW)
            rows.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
        sqlite3_finalize(s);
        sqlite3_close(db);
        return rows;
    }
    // The audit log's whole chain verifies, as `waymark audit verify` checks it.
    void expect_chain_intact() {
        const auto v = waymark::app::verify_audit_chain(*store_, waymark::app::AuditCheckFrom::first_row);
        EXPECT_TRUE(v.intact) << v.problem;
    }
    static std::string encoded_password() {
        std::string p = kPassword;
        for (char& c : p) {
            if (c == ' ') c = '+';
        }
        return p;
    }
};

TEST_F(SignIn, TheRightPasswordGivesASessionCookie) {
    const auto r = attempt("social_worker@S12000049", encoded_password());
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(r.header("Location"), "/");
    std::string cookie;
    for (const auto& [k, v] : r.headers) {
        if (k == "Set-Cookie" && v.starts_with("waymark_session=")) cookie = v;
    }
    EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("; SameSite=Strict"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("; Path=/"), std::string::npos) << cookie;
    EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "no TLS here: " << cookie;
    const std::string token = set_cookie_value(r, "waymark_session");
    EXPECT_EQ(token.size(), 64U);
    EXPECT_EQ(get("/children", token).status, 200);
}

// ASVS V7.2.1: every sign-in decision is in the audit log, in the sign-in's own transaction,
// with the address it came from; never the password, nor the name typed for an unknown user.
TEST_F(SignIn, ASuccessIsAudited) {
    EXPECT_EQ(attempt("social_worker@S12000049", encoded_password()).status, 303);
    const auto rows = audit_rows();
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(rows[0], "social_worker@S12000049|sign_in||web 192.0.2.1|2027-01-15T08:00:00Z");
    expect_chain_intact();
}

TEST_F(SignIn, AFailureForAKnownUserIsAuditedWithoutThePassword) {
    EXPECT_EQ(attempt("social_worker@S12000049", "not+the+password+typed").status, 200);
    const auto rows = audit_rows();
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(rows[0], "social_worker@S12000049|sign_in_failed|wrong password|web 192.0.2.1|2027-01-15T08:00:00Z");
    EXPECT_EQ(rows[0].find("not the password typed"), std::string::npos);
    expect_chain_intact();
}

TEST_F(SignIn, AFailureForAnUnknownNameIsAuditedWithoutTheNameTyped) {
    const auto r = attempt("my+secret+passphrase", "anything");
    EXPECT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("The user name or password is not right."), std::string::npos);
    const auto rows = audit_rows();
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(rows[0], "|sign_in_failed|unknown name|web 192.0.2.1|2027-01-15T08:00:00Z");
    EXPECT_EQ(rows[0].find("secret"), std::string::npos);
    EXPECT_EQ(rows[0].find("anything"), std::string::npos);
    expect_chain_intact();
}

// A failure during the account's wait is logged too, and the answer stays the one every
// refusal gets.
TEST_F(SignIn, AFailureDuringTheWaitIsAuditedAndAnsweredAlike) {
    const std::string name = "team_manager@S12000049";
    for (int i = 0; i < 5; ++i) attempt(name, "wrong");
    ASSERT_GT(store_->find_user(name)->locked_until, now_);
    const auto waiting = attempt(name, encoded_password());
    EXPECT_EQ(waiting.status, 200);
    EXPECT_NE(waiting.body.find("The user name or password is not right."), std::string::npos);
    const auto rows = audit_rows();
    ASSERT_EQ(rows.size(), 6U);
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(rows[i], name + "|sign_in_failed|wrong password|web 192.0.2.1|2027-01-15T08:00:00Z");
    EXPECT_EQ(rows[5],
              name + "|sign_in_failed|during the wait after failed sign-ins|web 192.0.2.1|2027-01-15T08:00:00Z");
    expect_chain_intact();
}

TEST_F(SignIn, SignOutIsAudited) {
    const auto r = attempt("social_worker@S12000049", encoded_password());
    const std::string token = set_cookie_value(r, "waymark_session");
    const auto csrf = store_->find_session(waymark::app::token_hash(token))->csrf;
    EXPECT_EQ(post("/sign-out", "csrf=" + csrf, "waymark_session=" + token).status, 303);
    const auto rows = audit_rows();
    ASSERT_EQ(rows.size(), 2U);
    EXPECT_EQ(rows[1], "social_worker@S12000049|sign_out||web 192.0.2.1|2027-01-15T08:00:00Z");
    EXPECT_FALSE(store_->find_session(waymark::app::token_hash(token)).has_value());
    expect_chain_intact();
}

TEST_F(SignIn, UnderTlsTheCookieIsSecure) {
    tls_ = true;
    const auto r = attempt("social_worker@S12000049", encoded_password());
    bool secure = false;
    for (const auto& [k, v] : r.headers) {
        if (k == "Set-Cookie" && v.starts_with("__Host-waymark_session="))
            secure = v.find("; Secure") != std::string::npos;
    }
    EXPECT_TRUE(secure);
    EXPECT_FALSE(r.header("Strict-Transport-Security").empty());
}

// Issue 11, item 6: under TLS both cookies carry the __Host- prefix (Secure, Path=/, no
// Domain), and the session is read only from that name.
TEST_F(SignIn, UnderTlsTheCookiesAreHostPrefixed) {
    tls_ = true;
    const auto page = get("/sign-in");
    bool pre_session = false;
    for (const auto& [k, v] : page.headers) {
        if (k != "Set-Cookie") continue;
        EXPECT_TRUE(v.starts_with("__Host-waymark_signin=")) << v;
        EXPECT_NE(v.find("; Path=/;"), std::string::npos) << v;
        EXPECT_NE(v.find("; Secure"), std::string::npos) << v;
        EXPECT_EQ(v.find("Domain"), std::string::npos) << v;
        pre_session = true;
    }
    EXPECT_TRUE(pre_session);
    const auto r = attempt("social_worker@S12000049", encoded_password());
    ASSERT_EQ(r.status, 303);
    const std::string token = set_cookie_value(r, "__Host-waymark_session");
    ASSERT_EQ(token.size(), 64U);
    for (const auto& [k, v] : r.headers) {
        if (k == "Set-Cookie") {
            EXPECT_TRUE(v.starts_with("__Host-")) << v;
            EXPECT_EQ(v.find("Domain"), std::string::npos) << v;
        }
    }
    auto request = [&](const std::string& cookie) {
        waymark::web::Request q{"GET", "/children", {{"cookie", cookie}}, {}, {}};
        return send(q).status;
    };
    EXPECT_EQ(request("__Host-waymark_session=" + token), 200);
    EXPECT_EQ(request("waymark_session=" + token), 303) << "without the prefix, under TLS, it is no session";
}

TEST_F(SignIn, PasswordsAreArgon2idAndTokensAreStoredOnlyAsHashes) {
    const auto user = store_->find_user("legal@S12000049");
    ASSERT_TRUE(user);
    EXPECT_TRUE(user->password_hash.starts_with("$argon2id$")) << user->password_hash;
    const auto r = attempt("legal@S12000049", encoded_password());
    const std::string token = set_cookie_value(r, "waymark_session");
    EXPECT_FALSE(store_->find_session(token).has_value());
    EXPECT_TRUE(store_->find_session(waymark::app::token_hash(token)).has_value());
}

TEST_F(SignIn, TheSessionIsRotatedAtSignIn) {
    const auto first = set_cookie_value(attempt("legal@S12000049", encoded_password()), "waymark_session");
    const auto second =
        set_cookie_value(attempt("legal@S12000049", encoded_password(), "waymark_session=" + first), "waymark_session");
    EXPECT_NE(first, second);
    EXPECT_EQ(get("/children", first).status, 303) << "the old session ended";
    EXPECT_EQ(get("/children", second).status, 200);
}

TEST_F(SignIn, AWrongPasswordOrUnknownNameIsRefusedAlike) {
    const auto wrong = attempt("social_worker@S12000049", "not+it");
    const auto unknown = attempt("nobody", "not+it");
    for (const auto& r : {wrong, unknown}) {
        EXPECT_EQ(r.status, 200);
        EXPECT_NE(r.body.find("The user name or password is not right."), std::string::npos);
        EXPECT_NE(r.body.find("ds_error-summary"), std::string::npos);
        EXPECT_TRUE(set_cookie_value(r, "waymark_session").empty());
    }
    EXPECT_NE(wrong.body.find("value=\"social_worker@S12000049\""), std::string::npos) << "the name typed is kept";
}

// Issue 11, item 8: no lock anyone can set, and no answer that tells a name exists. After five
// failures each further one makes the account wait longer (1, 2, 4 ... at most 15 minutes);
// during the wait every attempt, even with the right password, gets the wrong-password answer
// without the password being checked.
TEST_F(SignIn, AfterFiveFailuresTheAccountWaitsLongerEachTimeAndAnswersAsWrong) {
    const std::string name = "team_manager@S12000049";
    for (int i = 0; i < 4; ++i) EXPECT_EQ(attempt(name, "wrong").status, 200);
    EXPECT_EQ(store_->find_user(name)->locked_until, 0) << "four failures: no wait";
    const auto fifth = attempt(name, "wrong");
    EXPECT_EQ(store_->find_user(name)->locked_until, now_ + 60);
    // The right password during the wait: the same answer as a wrong one, or an unknown name.
    const auto waiting = attempt(name, encoded_password());
    const auto unknown = attempt("nobody@S12000049", "wrong");
    const auto wrong = attempt("legal@S12000049", "wrong");
    for (const auto* r : {&fifth, &waiting, &unknown, &wrong}) {
        EXPECT_EQ(r->status, 200);
        EXPECT_NE(r->body.find("The user name or password is not right."), std::string::npos);
        EXPECT_EQ(r->body.find("locked"), std::string::npos);
        EXPECT_TRUE(set_cookie_value(*r, "waymark_session").empty());
    }
    auto without_name = [](std::string body, const std::string& typed) {
        const auto at = body.find("value=\"" + typed + "\"");
        if (at != std::string::npos) body.erase(at, typed.size() + 8);
        const auto csrf = body.find("name=\"csrf\" value=\"");
        if (csrf != std::string::npos) body.erase(csrf, 20 + 64);
        return body;
    };
    EXPECT_EQ(without_name(waiting.body, name), without_name(unknown.body, "nobody@S12000049"));
    EXPECT_EQ(without_name(waiting.body, name), without_name(wrong.body, "legal@S12000049"));
    EXPECT_EQ(store_->find_user(name)->failed_attempts, 5) << "an attempt during the wait is not counted";
    // After the wait the right password works, and clears the count.
    now_ += 60;
    EXPECT_EQ(attempt(name, encoded_password()).status, 303);
    EXPECT_EQ(store_->find_user(name)->failed_attempts, 0);
    EXPECT_EQ(store_->find_user(name)->locked_until, 0);
    // The waits grow: 60, 120, 240 ... and stop at 15 minutes.
    for (int i = 0; i < 5; ++i) attempt(name, "wrong");
    std::int64_t expected = 60;
    for (int i = 0; i < 6; ++i) {
        now_ = store_->find_user(name)->locked_until;
        attempt(name, "wrong");
        expected = std::min<std::int64_t>(expected * 2, 900);
        EXPECT_EQ(store_->find_user(name)->locked_until, now_ + expected) << i;
    }
    EXPECT_EQ(expected, 900);
}

TEST_F(SignIn, AnAdministratorsUnlockClearsTheWait) {
    const std::string name = "team_manager@S12000049";
    for (int i = 0; i < 5; ++i) attempt(name, "wrong");
    ASSERT_GT(store_->find_user(name)->locked_until, now_);
    const auto admin = session_for("administrator@S12000049");
    const auto id = store_->find_user(name)->id;
    ASSERT_EQ(
        post("/admin/users/" + std::to_string(id) + "/unlock", "csrf=" + admin.csrf, "waymark_session=" + admin.token)
            .status,
        303);
    EXPECT_EQ(attempt(name, encoded_password()).status, 303);
}

TEST_F(SignIn, AttemptsFromOneAddressAreRateLimited) {
    limiter_ = std::make_unique<waymark::web::SignInLimiter>(3, 300);
    for (int i = 0; i < 3; ++i) EXPECT_EQ(attempt("nobody", "x").status, 200);
    const auto limited = attempt("legal@S12000049", encoded_password());
    EXPECT_EQ(limited.status, 429);
    EXPECT_EQ(limited.header("Retry-After"), "300");
    now_ += 301;
    EXPECT_EQ(attempt("legal@S12000049", encoded_password()).status, 303);
}

TEST_F(SignIn, WithoutTheFormsTokenSignInIsForbidden) {
    const std::string body = "name=legal@S12000049&password=" + encoded_password();
    EXPECT_EQ(post("/sign-in", body).status, 403);
    EXPECT_EQ(post("/sign-in", "csrf=abc&" + body, "waymark_signin=abd").status, 403);
    EXPECT_EQ(post("/sign-in", "csrf=&" + body, "waymark_signin=").status, 403);
}

// Issue 11, item 5: the double-submit cookie took any value an attacker chose (the same in the
// cookie and the form). The form's token is now a keyed hash of the pre-session under the
// server's key, and a pre-session lasts two hours.
TEST_F(SignIn, TheSignInFormsTokenIsBoundToTheServersKey) {
    const std::string body = "&name=legal@S12000049&password=" + encoded_password();
    const std::string chosen = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    EXPECT_EQ(post("/sign-in", "csrf=" + chosen + body, "waymark_signin=" + chosen).status, 403);
    const std::string with_time = chosen + "." + std::to_string(now_);
    EXPECT_EQ(post("/sign-in", "csrf=" + with_time + body, "waymark_signin=" + with_time).status, 403);
    const auto form = sign_in_form();
    EXPECT_EQ(form.cookie.find(form.token), std::string::npos) << "the token is not the cookie's value";
    EXPECT_EQ(post("/sign-in", "csrf=" + form.token + "x" + body, form.cookie).status, 403);
    EXPECT_EQ(post("/sign-in", "csrf=" + form.token + body, form.cookie + "0").status, 403);
    const auto other = sign_in_form();
    EXPECT_EQ(post("/sign-in", "csrf=" + other.token + body, form.cookie).status, 403) << "another pre-session's";
    now_ += 2 * 60 * 60 + 1;
    EXPECT_EQ(post("/sign-in", "csrf=" + form.token + body, form.cookie).status, 403) << "two hours old";
    now_ -= 2;
    EXPECT_EQ(post("/sign-in", "csrf=" + form.token + body, form.cookie).status, 303);
}

// Issue 11, item 5: attempts are limited per name as well as per address, an IPv6 address by
// its /64, and a full table is never emptied to make room.
TEST_F(SignIn, AttemptsAreLimitedPerNameAndPerIpv6Slash64) {
    limiter_ = std::make_unique<waymark::web::SignInLimiter>(3, 300);
    auto from = [&](const std::string& client, const std::string& name) {
        const auto form = sign_in_form();
        waymark::web::Request r{"POST",
                                "/sign-in",
                                {{"content-type", "application/x-www-form-urlencoded"}, {"cookie", form.cookie}},
                                "csrf=" + form.token + "&name=" + name + "&password=wrong",
                                client};
        return send(r).status;
    };
    // One name from three addresses: the fourth attempt waits, from anywhere.
    EXPECT_EQ(from("192.0.2.10", "legal@S12000049"), 200);
    EXPECT_EQ(from("192.0.2.11", "legal@S12000049"), 200);
    EXPECT_EQ(from("192.0.2.12", "LEGAL@S12000049"), 200);
    EXPECT_EQ(from("192.0.2.13", "legal@S12000049"), 429);
    // Addresses of one /64 count as one; another /64 is another.
    EXPECT_EQ(from("2001:db8:1:2::1", "a"), 200);
    EXPECT_EQ(from("2001:db8:1:2:ffff::2", "b"), 200);
    EXPECT_EQ(from("2001:0db8:0001:0002:1:2:3:4", "c"), 200);
    EXPECT_EQ(from("2001:db8:1:2::99", "d"), 429);
    EXPECT_EQ(from("2001:db8:1:3::1", "e"), 200);
    EXPECT_EQ(waymark::web::SignInLimiter::address_key("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::/64");
    EXPECT_EQ(waymark::web::SignInLimiter::address_key("::ffff:192.0.2.1"), "192.0.2.1");
    EXPECT_EQ(waymark::web::SignInLimiter::address_key("192.0.2.1"), "192.0.2.1");
}

TEST_F(SignIn, AFullLimiterTableKeepsEveryLiveWait) {
    waymark::web::SignInLimiter limiter(2, 300, 900, 900, 10);
    const std::int64_t t = 1000;
    EXPECT_EQ(limiter.attempt("192.0.2.1", "x", t), 0);
    EXPECT_EQ(limiter.attempt("192.0.2.1", "y", t), 0);
    EXPECT_EQ(limiter.attempt("192.0.2.1", "z", t), 300) << "the address waits";
    // An attacker fills the table with other addresses and names ...
    for (int i = 0; i < 1000; ++i) limiter.attempt("198.51.100." + std::to_string(i % 250), std::to_string(i), t + 1);
    // ... and the wait is still there; and when the table is full, new keys share one.
    EXPECT_GT(limiter.attempt("192.0.2.1", "fresh", t + 2), 0);
    // Keys long quiet are dropped to make room; live ones never.
    EXPECT_EQ(limiter.attempt("203.0.113.1", "n1", t + 2000), 0);
    EXPECT_EQ(limiter.attempt("203.0.113.1", "n2", t + 2000), 0);
    EXPECT_EQ(limiter.attempt("203.0.113.1", "n3", t + 2000), 300);
}

TEST_F(SignIn, SignOutNeedsTheSessionsCsrfToken) {
    const auto s = session_for("social_worker@S12000049");
    EXPECT_EQ(post("/sign-out", "csrf=wrong", "waymark_session=" + s.token).status, 403);
    EXPECT_EQ(post("/sign-out", "", "waymark_session=" + s.token).status, 403);
    const auto other = session_for("legal@S12000049");
    EXPECT_EQ(post("/sign-out", "csrf=" + other.csrf, "waymark_session=" + s.token).status, 403)
        << "another session's token";
    EXPECT_EQ(get("/children", s.token).status, 200) << "still signed in";
    const auto out = post("/sign-out", "csrf=" + s.csrf, "waymark_session=" + s.token);
    EXPECT_EQ(out.status, 303);
    EXPECT_EQ(get("/children", s.token).status, 303) << "signed out";
}

TEST_F(SignIn, EveryPageFormCarriesTheSessionsCsrfToken) {
    const auto s = session_for("social_worker@S12000049");
    for (const std::string target : {"/children", "/children/S12000049/C2"}) {
        const auto r = get(target, s.token);
        EXPECT_NE(r.body.find("name=\"csrf\" value=\"" + s.csrf + "\""), std::string::npos) << target;
    }
}

TEST_F(SignIn, ASessionEndsAfterThirtyIdleMinutes) {
    const auto s = session_for("social_worker@S12000049");
    now_ += 29 * 60;
    EXPECT_EQ(get("/children", s.token).status, 200);
    now_ += 29 * 60;
    EXPECT_EQ(get("/children", s.token).status, 200) << "the last request counts, not the sign-in";
    now_ += 31 * 60;
    EXPECT_EQ(get("/children", s.token).status, 303);
    now_ -= 31 * 60;
    EXPECT_EQ(get("/children", s.token).status, 303) << "a timed-out session is deleted";
}

TEST_F(SignIn, ASessionEndsTwelveHoursAfterSignInHoweverBusy) {
    const auto s = session_for("social_worker@S12000049");
    for (int i = 0; i < 12 * 4 - 1; ++i) {
        now_ += 15 * 60;
        ASSERT_EQ(get("/children", s.token).status, 200) << i;
    }
    now_ += 15 * 60 + 1;
    EXPECT_EQ(get("/children", s.token).status, 303);
}

}  // namespace
