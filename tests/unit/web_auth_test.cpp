// Signing in and out through the handlers: Argon2id passwords, the lock after five failures,
// the rate limit, session cookies (rotated, HttpOnly, SameSite=Strict, Secure under TLS), the
// idle and absolute time-outs, and CSRF tokens on every form.
#include "support/web_fixture.hpp"

namespace {

using waymark::app::Role;
using waymark::test::kPassword;

class SignIn : public waymark::test::WebTest {
protected:
    // The sign-in form's token, from its cookie (the page carries the same in a hidden field).
    std::string form_token() {
        const auto page = get("/sign-in");
        EXPECT_EQ(page.status, 200);
        const std::string token = set_cookie_value(page, "waymark_signin");
        EXPECT_NE(page.body.find("value=\"" + token + "\""), std::string::npos);
        return token;
    }
    waymark::web::Response attempt(const std::string& name, const std::string& password,
                                   const std::string& extra_cookie = {}) {
        const std::string token = form_token();
        std::string cookie = "waymark_signin=" + token;
        if (!extra_cookie.empty()) cookie += "; " + extra_cookie;
        return post("/sign-in", "csrf=" + token + "&name=" + name + "&password=" + password, cookie);
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

TEST_F(SignIn, UnderTlsTheCookieIsSecure) {
    tls_ = true;
    const auto r = attempt("social_worker@S12000049", encoded_password());
    bool secure = false;
    for (const auto& [k, v] : r.headers) {
        if (k == "Set-Cookie" && v.starts_with("waymark_session=")) secure = v.find("; Secure") != std::string::npos;
    }
    EXPECT_TRUE(secure);
    EXPECT_FALSE(r.header("Strict-Transport-Security").empty());
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

TEST_F(SignIn, FiveFailuresLockTheAccountForFifteenMinutes) {
    for (int i = 0; i < 4; ++i) EXPECT_EQ(attempt("team_manager@S12000049", "wrong").status, 200);
    const auto fifth = attempt("team_manager@S12000049", "wrong");
    EXPECT_NE(fifth.body.find("locked"), std::string::npos);
    // Even the right password is refused while the lock lasts.
    now_ += 14 * 60;
    const auto locked = attempt("team_manager@S12000049", encoded_password());
    EXPECT_TRUE(set_cookie_value(locked, "waymark_session").empty());
    EXPECT_NE(locked.body.find("locked"), std::string::npos);
    now_ += 2 * 60;
    EXPECT_EQ(attempt("team_manager@S12000049", encoded_password()).status, 303);
    EXPECT_EQ(store_->find_user("team_manager@S12000049")->failed_attempts, 0);
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
