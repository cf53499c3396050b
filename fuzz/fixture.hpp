#pragma once
// The data the fuzz targets start from, all synthetic: two councils that both have a child C1,
// children at different stages (one whose name is markup), a user of every role in each
// council, and a user who must change a one-time password. Every user has a session and an API
// token whose values the seed corpus uses (so that the fuzzer reaches past sign-in):
//   Cookie: waymark_session=fuzz-ROLE@COUNCIL   (e.g. fuzz-social_worker@S12000049)
//   a form's csrf field: fuzz-csrf
//   Authorization: Bearer fuzz-api-ROLE@COUNCIL
#include "app/auth.hpp"
#include "app/caseload.hpp"
#include "app/import.hpp"
#include "app/standards_file.hpp"
#include "fuzz/support.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace waymark::fuzz {

inline constexpr const char* kOwn = "S12000049";
inline constexpr const char* kOther = "S12000033";
inline constexpr std::int64_t kNow = 1'800'000'000;  // 2027-01-15T08:00:00Z
inline constexpr const char* kToday = "2026-11-26";
inline constexpr const char* kCsrf = "fuzz-csrf";

inline constexpr const char* kChildrenCsv =
    "child_id,local_authority,given_name,family_name,date_of_birth\n"
    "C1,S12000049,<script>alert(1)</script>,Munro,2019-03-03\n"
    "C2,S12000049,Eilidh,Ross,2021-06-01\n"
    "C3,S12000049,Morag,Reid,2020-05-05\n"
    "C4,S12000049,Calum,Gray,2017-01-09\n"
    "C1,S12000033,Ishbel,Campbell,2018-02-02\n";

inline constexpr const char* kEventsCsv =
    "child_id,local_authority,date,event,details,agency,note\n"
    "C1,S12000049,2026-09-01,accommodated,placement=foster,social_work,\"Placed <b>quickly</b>\"\n"
    "C1,S12000049,2026-09-20,lar,kind=standard,social_work,\n"
    "C2,S12000049,2026-10-01,accommodated,placement=kinship,social_work,\n"
    "C3,S12000049,2026-03-01,accommodated,placement=foster,social_work,\n"
    "C3,S12000049,2026-09-01,permanence_plan_recorded,plan=adoption,social_work,\n"
    "C4,S12000049,2024-01-10,looked_after_at_home,,social_work,\n"
    "C1,S12000033,2026-08-01,accommodated,placement=residential,social_work,\n";

inline std::string user_name(app::Role role, const std::string& council) {
    return std::string(app::to_string(role)) + "@" + council;
}

// Writes the fixture into an empty store.
inline void write_fixture(store::SqliteStore& store, const app::StandardSet& standards) {
    const auto dir = make_temp_dir();
    write_file(dir / "children.csv", kChildrenCsv);
    write_file(dir / "events.csv", kEventsCsv);
    app::ImportOptions o;
    o.children_path = (dir / "children.csv").string();
    o.events_path = (dir / "events.csv").string();
    o.today = core::Date::parse(kToday);
    app::import_files(store, standards.vocabulary, o);
    std::filesystem::remove_all(dir);

    const std::string hash = app::hash_password("correct horse battery staple");
    const auto add = [&](const std::string& name, app::Role role, const std::string& council, const char* team,
                         std::int64_t one_time_until) {
        app::User u;
        u.name = name;
        u.role = role;
        u.local_authority = council;
        u.team = team;
        u.password_hash = hash;
        u.created = kNow - 86400;
        u.one_time_until = one_time_until;
        const std::int64_t id = store.add_user(u);
        store.put_session({app::token_hash("fuzz-" + name), id, kNow - 60, kNow - 60, kCsrf});
        store.put_api_token(app::token_hash("fuzz-api-" + name), id, kNow - 60, kNow + 90 * 86400);
    };
    for (const char* council : {kOwn, kOther}) {
        store.caseload().add_team({council, "Team A"}, kNow - 86400);
        for (const app::Role role : app::kAllRoles) {
            const bool in_team = role == app::Role::social_worker || role == app::Role::team_manager;
            add(user_name(role, council), role, council, in_team ? "Team A" : "", 0);
        }
    }
    add("fresh@S12000049", app::Role::social_worker, kOwn, "Team A", kNow + 7 * 86400);
    const auto allocation = [](const std::string& council, const char* child) {
        return app::AllocationRequest{council, child, user_name(app::Role::social_worker, council),
                                      user_name(app::Role::reviewing_officer, council),
                                      user_name(app::Role::legal, council)};
    };
    const std::vector<app::AllocationRequest> allocations{allocation(kOwn, "C1"), allocation(kOwn, "C2"),
                                                          allocation(kOther, "C1")};
    app::allocate(store, allocations, {"fixture", "2027-01-14T08:00:00Z", "fuzz"});
}

}  // namespace waymark::fuzz
