#pragma once
// A web application over a temporary database for handler tests, without sockets: two
// councils that both have a child C1 (so a user of one can be shown not to see the other's),
// a child whose given name is hostile markup, and a user of every role in each council.
// All of it synthetic.
//
// Teams and allocations (app/access.hpp): in each council the social worker and the team
// manager are in "Team A", and C1 (and C2 of kOwn) are allocated to that council's social
// worker, reviewing officer and legal user. kOwn also has "Team B" (worker_b and manager_b),
// C3, whose adoption plan has started (restricted) and which is allocated to worker_b alone,
// and C4, at home on a CSO since 2024 and not allocated.
#include "app/auth.hpp"
#include "app/caseload.hpp"
#include "app/import.hpp"
#include "app/standards_file.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "web/routes/assets.hpp"
#include "web/routes/handlers.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace waymark::test {

inline constexpr const char* kOwn = "S12000049";    // the users' council in most tests
inline constexpr const char* kOther = "S12000033";  // another council
inline constexpr const char* kPassword = "correct horse battery staple";
inline constexpr const char* kHostile = "<script>alert(1)</script>";

// The case references of the rows of a page's children table (/children), in order.
inline std::vector<std::string> caseload_rows(const std::string& body) {
    static const std::string kRow = "<th scope=\"row\" data-title=\"Case reference\"><a class=\"ds_link\" href=\"";
    std::vector<std::string> out;
    for (auto at = body.find(kRow); at != std::string::npos; at = body.find(kRow, at + 1)) {
        const auto start = body.find('>', at + kRow.size()) + 1;
        out.push_back(body.substr(start, body.find('<', start) - start));
    }
    return out;
}

class WebTest : public ::testing::Test {
protected:
    static constexpr std::int64_t kNow = 1'800'000'000;  // 2027-01-15T08:00:00Z

    void SetUp() override {
        namespace fs = std::filesystem;
        dir_ = fs::temp_directory_path() / ("waymark-web-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        write("children.csv",
              "child_id,local_authority,given_name,family_name,date_of_birth\n"
              "C1,S12000049," +
                  std::string(kHostile) +
                  ",Munro,2019-03-03\n"
                  "C2,S12000049,Eilidh,Ross,2021-06-01\n"
                  "C3,S12000049,Morag,Reid,2020-05-05\n"
                  "C4,S12000049,Calum,Gray,2017-01-09\n"
                  "C1,S12000033,Ishbel,Campbell,2018-02-02\n");
        write("events.csv",
              "child_id,local_authority,date,event,details,agency,note\n"
              "C1,S12000049,2026-09-01,accommodated,placement=foster,social_work,\"Placed <b>quickly</b>\"\n"
              "C2,S12000049,2026-10-01,accommodated,placement=kinship,social_work,\n"
              "C3,S12000049,2026-03-01,accommodated,placement=foster,social_work,\n"
              "C3,S12000049,2026-09-01,permanence_plan_recorded,plan=adoption,social_work,\n"
              "C4,S12000049,2024-01-10,looked_after_at_home,,social_work,\n"
              "C1,S12000033,2026-08-01,accommodated,placement=residential,social_work,\n");
        store_ = std::make_unique<store::SqliteStore>((dir_ / "w.db").string(), standards_.vocabulary);
        app::ImportOptions o;
        o.children_path = (dir_ / "children.csv").string();
        o.events_path = (dir_ / "events.csv").string();
        o.today = core::Date::parse("2026-11-26");
        app::import_files(*store_, standards_.vocabulary, o);
        // One Argon2id hash for every user: each costs about 0.1 s by design.
        static const std::string hash = app::hash_password(kPassword);
        for (const char* council : {kOwn, kOther}) {
            for (app::Role role : app::kAllRoles) {
                app::User u;
                u.name = user_name(role, council);
                u.role = role;
                u.local_authority = council;
                u.password_hash = hash;
                u.created = kNow - 86400;
                if (role == app::Role::social_worker || role == app::Role::team_manager) u.team = "Team A";
                store_->add_user(u);
            }
            store_->caseload().add_team({council, "Team A"}, kNow - 86400);
        }
        store_->caseload().add_team({kOwn, "Team B"}, kNow - 86400);
        for (const auto& [name, role] :
             {std::pair<const char*, app::Role>{"worker_b@S12000049", app::Role::social_worker},
              {"manager_b@S12000049", app::Role::team_manager}}) {
            app::User u;
            u.name = name;
            u.role = role;
            u.local_authority = kOwn;
            u.team = "Team B";
            u.password_hash = hash;
            u.created = kNow - 86400;
            store_->add_user(u);
        }
        const auto allocation = [](const std::string& council, const char* child) {
            return app::AllocationRequest{council, child, user_name(app::Role::social_worker, council),
                                          user_name(app::Role::reviewing_officer, council),
                                          user_name(app::Role::legal, council)};
        };
        const std::vector<app::AllocationRequest> allocations{allocation(kOwn, "C1"),
                                                              allocation(kOwn, "C2"),
                                                              allocation(kOther, "C1"),
                                                              {kOwn, "C3", "worker_b@S12000049", "", ""}};
        app::allocate(*store_, allocations, {"fixture", "2027-01-14T08:00:00Z", "test"});
    }
    void TearDown() override {
        store_.reset();
        std::filesystem::remove_all(dir_);
    }

    static std::string user_name(app::Role role, const std::string& council = kOwn) {
        return std::string(app::to_string(role)) + "@" + council;
    }

    web::AppContext context() {
        web::AppContext c{*store_, *store_,        standards_, now_, core::Date::parse("2026-11-26"),
                          tls_,    limiter_.get(), &assets(),  {},   &measures_};
        return c;
    }

    web::Response send(web::Request request) {
        if (request.client.empty()) request.client = "192.0.2.1";
        auto c = context();
        return web::handle(request, c);
    }

    web::Response get(const std::string& target, const std::string& session = {}) {
        web::Request r{"GET", target, {}, {}, {}};
        if (!session.empty()) r.headers.emplace_back("cookie", "waymark_session=" + session);
        return send(r);
    }

    web::Response post(const std::string& target, const std::string& body, const std::string& cookie = {}) {
        web::Request r{"POST", target, {{"content-type", "application/x-www-form-urlencoded"}}, body, {}};
        if (!cookie.empty()) r.headers.emplace_back("cookie", cookie);
        return send(r);
    }

    web::Response api(const std::string& target, const std::string& token) {
        web::Request r{"GET", target, {}, {}, {}};
        if (!token.empty()) r.headers.emplace_back("authorization", "Bearer " + token);
        return send(r);
    }

    // A POST to the API with a JSON body, as the token's user (none without a token).
    web::Response post_json(const std::string& target, const std::string& token, const std::string& body) {
        web::Request r{"POST", target, {{"content-type", "application/json"}}, body, {}};
        if (!token.empty()) r.headers.emplace_back("authorization", "Bearer " + token);
        return send(r);
    }

    struct Session {
        std::string token;
        std::string csrf;
    };
    // A session made directly in the store (sign-in itself is tested in web_auth_test.cpp).
    Session session_for(const std::string& name) {
        const auto user = store_->find_user(name);
        EXPECT_TRUE(user.has_value()) << name;
        Session s{app::random_token(), app::random_token()};
        store_->put_session({app::token_hash(s.token), user ? user->id : 0, now_, now_, s.csrf});
        return s;
    }

    // The sign-in page's pre-session cookie ("waymark_signin=VALUE", or the __Host- name under
    // TLS) and its form's token (a keyed hash of the cookie's value, not the value).
    struct SignInForm {
        std::string cookie;
        std::string token;
    };
    SignInForm sign_in_form() {
        const auto page = get("/sign-in");
        EXPECT_EQ(page.status, 200);
        const std::string name = tls_ ? "__Host-waymark_signin" : "waymark_signin";
        const std::string value = set_cookie_value(page, name);
        const std::string field = "name=\"csrf\" value=\"";
        const auto at = page.body.find(field);
        EXPECT_NE(at, std::string::npos);
        const auto start = at + field.size();
        return {name + "=" + value, page.body.substr(start, page.body.find('"', start) - start)};
    }

    // A second administrator of kOwn (added on first use), who approves what the first one's
    // changes leave waiting (app/admin.hpp).
    Session second_admin() {
        if (!store_->find_user("admin_b@S12000049")) {
            app::User u = *store_->find_user(user_name(app::Role::administrator));
            u.id = 0;
            u.name = "admin_b@S12000049";
            store_->add_user(u);
        }
        return session_for("admin_b@S12000049");
    }
    // The second administrator approves what waits for `name` on the users page.
    web::Response approve(const std::string& name) {
        const auto s = second_admin();
        const auto user = store_->find_user(name);
        EXPECT_TRUE(user.has_value()) << name;
        return post("/admin/users/" + std::to_string(user ? user->id : 0) + "/approve", "csrf=" + s.csrf,
                    "waymark_session=" + s.token);
    }

    static std::string set_cookie_value(const web::Response& r, const std::string& name) {
        for (const auto& [k, v] : r.headers) {
            if (k == "Set-Cookie" && v.starts_with(name + "="))
                return v.substr(name.size() + 1, v.find(';') - name.size() - 1);
        }
        return {};
    }

    std::size_t audit_count() { return audit_lines().size(); }

    // "actor action council child origin" for each audit entry, in order.
    std::vector<std::string> audit_lines() {
        std::vector<std::string> lines;
        sqlite3* db = nullptr;
        sqlite3_open((dir_ / "w.db").string().c_str(), &db);
        sqlite3_stmt* s = nullptr;
        sqlite3_prepare_v2(db,
                           "SELECT actor || ' ' || action || ' ' || local_authority || ' ' || child_id || ' ' || "
                           "origin FROM audit ORDER BY id",
                           -1, &s, nullptr);
        while (sqlite3_step(s) == SQLITE_ROW)
            lines.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
        sqlite3_finalize(s);
        sqlite3_close(db);
        return lines;
    }

    void write(const std::string& name, const std::string& text) const {
        std::ofstream(dir_ / name, std::ios::binary) << text;
    }

    std::filesystem::path dir_;
    app::StandardSet standards_ = app::default_standards();
    app::MeasureSet measures_ = app::default_measures(standards_);
    std::unique_ptr<store::SqliteStore> store_;
    std::unique_ptr<web::SignInLimiter> limiter_ = std::make_unique<web::SignInLimiter>(1000);
    std::int64_t now_ = kNow;
    bool tls_ = false;
    // The design system's files, read once for all the tests, as the server reads them at start-up.
    static const web::Assets& assets() {
        static const web::Assets files =
            web::Assets::load(WAYMARK_SOURCE_DIR "/node_modules/@scottish-government/design-system/dist");
        return files;
    }
};

}  // namespace waymark::test
