// The authorisation matrix: every role (and no one) against every route built so far, for a
// child of the user's own council and one of another council. A user of one council never
// learns that another council's child exists: the other council's C1 exists, and is 404.
#include "support/web_fixture.hpp"

namespace {

using waymark::app::Role;
using waymark::test::kOther;
using waymark::test::kOwn;

// Columns: social worker, team manager, reviewing officer, legal, improvement advisor,
// administrator, national analyst, not signed in.
struct Row {
    const char* method;
    const char* target;  // {own} and {other} are replaced by the councils
    int expected[8];
};

constexpr Row kMatrix[] = {
    //                                          sw   tm   iro  leg  ia   adm  nat  anon
    {"GET", "/", {303, 303, 303, 303, 200, 200, 200, 303}},
    {"GET", "/sign-in", {303, 303, 303, 303, 303, 303, 303, 200}},
    {"GET", "/children", {200, 200, 200, 200, 403, 403, 403, 303}},
    {"GET", "/children/{own}/C1", {200, 200, 200, 200, 403, 403, 403, 303}},
    {"GET", "/children/{own}/NOSUCH", {404, 404, 404, 404, 403, 403, 403, 303}},
    {"GET", "/children/{other}/C1", {404, 404, 404, 404, 403, 403, 403, 303}},
    {"GET", "/children/{own}/C1/timeline.pdf", {200, 200, 200, 200, 403, 403, 403, 303}},
    {"GET", "/children/{own}/NOSUCH/timeline.pdf", {404, 404, 404, 404, 403, 403, 403, 303}},
    {"GET", "/children/{other}/C1/timeline.pdf", {404, 404, 404, 404, 403, 403, 403, 303}},
    {"POST", "/sign-out", {303, 303, 303, 303, 303, 303, 303, 303}},
    {"GET", "/api/v1/children", {200, 200, 200, 200, 403, 403, 403, 401}},
    {"GET", "/api/v1/measures", {200, 200, 200, 200, 200, 200, 200, 401}},
    {"GET", "/api/v1/measures/in-drift", {200, 200, 200, 200, 200, 200, 200, 401}},
    {"GET", "/api/v1/children/{own}/C1", {200, 200, 200, 200, 403, 403, 403, 401}},
    {"GET", "/api/v1/children/{own}/NOSUCH", {404, 404, 404, 404, 403, 403, 403, 401}},
    {"GET", "/api/v1/children/{other}/C1", {404, 404, 404, 404, 403, 403, 403, 401}},
    {"GET", "/admin", {403, 403, 403, 403, 403, 200, 403, 303}},
    {"GET", "/admin/users", {403, 403, 403, 403, 403, 200, 403, 303}},
    {"POST", "/admin/users", {403, 403, 403, 403, 403, 400, 403, 303}},  // the form is empty: 400
    {"GET", "/admin/teams", {403, 403, 403, 403, 403, 200, 403, 303}},
    {"GET", "/admin/standards", {403, 403, 403, 403, 403, 200, 403, 303}},
    {"GET", "/admin/audit", {403, 403, 403, 403, 403, 200, 403, 303}},
    {"POST", "/admin/users/{other_user}/unlock", {403, 403, 403, 403, 403, 404, 403, 303}},
    {"POST", "/admin/users/{other_user}/disable", {403, 403, 403, 403, 403, 404, 403, 303}},
    {"POST", "/admin/users/{other_user}/enable", {403, 403, 403, 403, 403, 404, 403, 303}},
    {"POST", "/admin/users/{own_user}/unlock", {403, 403, 403, 403, 403, 303, 403, 303}},
    {"POST", "/admin/users/{own_user}/disable", {403, 403, 403, 403, 403, 303, 403, 303}},
    {"POST", "/admin/users/{own_user}/enable", {403, 403, 403, 403, 403, 303, 403, 303}},
    {"GET", "/import", {403, 200, 403, 403, 403, 200, 403, 303}},
    {"POST", "/import", {403, 400, 403, 403, 403, 400, 403, 303}},  // not multipart: 400
};

std::string fill(std::string target, const std::string& own, const std::string& other,
                 const std::map<std::string, std::string>& users = {}) {
    // Users are named by the council whose administrator acts: {own_user} is of `own`.
    const std::string own_user = users.count(own) ? users.at(own) : "own_user";
    const std::string other_user = users.count(other) ? users.at(other) : "other_user";
    for (const auto& [key, value] : {std::pair<std::string, std::string>{"{own_user}", own_user},
                                     {"{other_user}", other_user},
                                     {"{own}", own},
                                     {"{other}", other}}) {
        if (const auto at = target.find(key); at != std::string::npos) target.replace(at, key.size(), value);
    }
    return target;
}

class Authorisation : public waymark::test::WebTest {
protected:
    // In each council a user whom no column signs in as, for the routes that change a user
    // (its access is taken away once, by its own council's administrator).
    void SetUp() override {
        WebTest::SetUp();
        for (const char* council : {kOwn, kOther}) {
            waymark::app::User u;
            u.name = std::string("victim@") + council;
            u.local_authority = council;
            u.password_hash = "unused";
            victims_[council] = std::to_string(store_->add_user(u));
        }
    }
    std::map<std::string, std::string> victims_;

    int status(const Row& row, std::optional<Role> role, const std::string& own, const std::string& other) {
        const std::string target = fill(row.target, own, other, victims_);
        if (target.starts_with("/api/")) {
            const std::string token =
                role ? waymark::app::create_api_token(*store_, user_name(*role, own), kNow) : std::string();
            return api(target, token).status;
        }
        Session s;
        if (role) s = session_for(user_name(*role, own));
        if (std::string(row.method) == "POST") {
            return post(target, "csrf=" + s.csrf, s.token.empty() ? "" : "waymark_session=" + s.token).status;
        }
        return get(target, s.token).status;
    }
};

TEST_F(Authorisation, EveryRoleAgainstEveryRouteInBothCouncils) {
    // Each council's users against their own council and the other: the table holds both ways.
    for (const auto& [own, other] : {std::pair<std::string, std::string>{kOwn, kOther}, {kOther, kOwn}}) {
        for (const Row& row : kMatrix) {
            for (std::size_t col = 0; col < 8; ++col) {
                const std::optional<Role> role =
                    col < 7 ? std::optional<Role>(waymark::app::kAllRoles[col]) : std::nullopt;
                EXPECT_EQ(status(row, role, own, other), row.expected[col])
                    << row.method << " " << fill(row.target, own, other, victims_) << " as "
                    << (role ? waymark::app::to_string(*role) : "no one") << " of " << own;
            }
        }
    }
}

TEST_F(Authorisation, AnotherCouncilsChildLooksExactlyLikeNoChild) {
    const auto s = session_for(user_name(Role::social_worker));
    const auto exists_elsewhere = get(std::string("/children/") + kOther + "/C1", s.token);
    const auto exists_nowhere = get(std::string("/children/") + kOther + "/NOSUCH", s.token);
    EXPECT_EQ(exists_elsewhere.status, 404);
    EXPECT_EQ(exists_elsewhere.body, exists_nowhere.body);
    EXPECT_EQ(exists_elsewhere.body.find("Ishbel"), std::string::npos);
    const auto token = waymark::app::create_api_token(*store_, user_name(Role::social_worker), kNow);
    EXPECT_EQ(api(std::string("/api/v1/children/") + kOther + "/C1", token).body,
              api(std::string("/api/v1/children/") + kOther + "/NOSUCH", token).body);
}

TEST_F(Authorisation, AnImprovementAdvisorNeverSeesANameAndNothingIsAudited) {
    const auto s = session_for(user_name(Role::improvement_advisor));
    const auto before = audit_count();
    for (const std::string target : {"/", "/children", "/children/S12000049/C1", "/children/S12000049/C2"}) {
        const auto r = get(target, s.token);
        EXPECT_EQ(r.body.find("Eilidh"), std::string::npos) << target;
        EXPECT_EQ(r.body.find("Munro"), std::string::npos) << target;
        EXPECT_EQ(r.body.find("C1"), std::string::npos) << target;
    }
    EXPECT_EQ(audit_count(), before);
}

}  // namespace
