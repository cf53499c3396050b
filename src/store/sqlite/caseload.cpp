// Teams and allocations (app::CaseloadStore; migration 0004_allocations.sql).
#include "store/sqlite/caseload.hpp"

#include "store/sqlite/audit_chain.hpp"

#include "core/error.hpp"
#include "store/sqlite/statement.hpp"

namespace waymark::store {

using sqlite::Statement;

namespace {

constexpr const char* kAllocationColumns =
    "SELECT local_authority, child_id, worker, reviewing_officer, legal, allocated_by, allocated_at "
    "FROM allocations WHERE local_authority=?1 ";

app::Allocation read_allocation(Statement& s) {
    return {std::string(s.text(0)), std::string(s.text(1)), std::string(s.text(2)), std::string(s.text(3)),
            std::string(s.text(4)), std::string(s.text(5)), std::string(s.text(6))};
}

}  // namespace

void SqliteCaseload::add_team(const app::Team& team, std::int64_t created,
                              const std::optional<app::AuditEntry>& audit) {
    sqlite::write_transaction(db_, [&] {
        Statement find(db_, "SELECT 1 FROM teams WHERE local_authority=?1 AND name=?2");
        find.bind(1, team.local_authority);
        find.bind(2, team.name);
        if (find.step()) {
            throw core::Error(core::ErrorKind::conflict,
                              team.local_authority + " already has a team '" + team.name + "'");
        }
        Statement s(db_, "INSERT INTO teams (local_authority, name, created) VALUES (?1, ?2, ?3)");
        s.bind(1, team.local_authority);
        s.bind(2, team.name);
        s.bind(3, created);
        s.step();
        if (audit) sqlite::append_audit(db_, std::span(&*audit, 1));
    });
}

std::vector<app::Team> SqliteCaseload::teams(const std::optional<std::string>& local_authority) {
    Statement s(statements_,
                "SELECT local_authority, name FROM teams WHERE ?1 IS NULL OR local_authority=?1 "
                "ORDER BY local_authority, name");
    s.bind_opt(1, local_authority);
    std::vector<app::Team> out;
    while (s.step()) out.push_back({std::string(s.text(0)), std::string(s.text(1))});
    return out;
}

std::vector<app::User> SqliteCaseload::council_users(std::string_view local_authority) {
    Statement s(statements_,
                "SELECT id, name, role, team, display_name FROM users WHERE local_authority=?1 ORDER BY name");
    s.bind(1, local_authority);
    std::vector<app::User> out;
    while (s.step()) {
        app::User u;
        u.id = s.integer(0);
        u.name = s.text(1);
        // The table's CHECK admits only known roles.
        u.role = app::parse_role(s.text(2)).value_or(app::Role::social_worker);
        u.local_authority = local_authority;
        u.team = s.text(3);
        u.display_name = s.text(4);
        out.push_back(std::move(u));
    }
    return out;
}

std::optional<app::Allocation> SqliteCaseload::allocation(std::string_view local_authority, std::string_view child_id) {
    static const std::string sql = std::string(kAllocationColumns) + "AND child_id=?2";
    Statement s(statements_, sql);
    s.bind(1, local_authority);
    s.bind(2, child_id);
    if (!s.step()) return std::nullopt;
    return read_allocation(s);
}

std::vector<app::Allocation> SqliteCaseload::allocations(std::string_view local_authority) {
    static const std::string sql = std::string(kAllocationColumns) + "ORDER BY child_id";
    Statement s(statements_, sql);
    s.bind(1, local_authority);
    std::vector<app::Allocation> out;
    while (s.step()) out.push_back(read_allocation(s));
    return out;
}

void SqliteCaseload::put_allocations(std::span<const app::Allocation> allocations,
                                     std::span<const app::AuditEntry> audit) {
    sqlite::write_transaction(
        db_,
        [&] {
            Statement put(db_,
                          "INSERT INTO allocations (local_authority, child_id, worker, reviewing_officer, legal, "
                          "allocated_by, allocated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                          "ON CONFLICT (local_authority, child_id) DO UPDATE SET worker=excluded.worker, "
                          "reviewing_officer=excluded.reviewing_officer, legal=excluded.legal, "
                          "allocated_by=excluded.allocated_by, allocated_at=excluded.allocated_at");
            for (const auto& a : allocations) {
                put.bind(1, a.local_authority);
                put.bind(2, a.child_id);
                put.bind(3, a.worker);
                put.bind(4, a.reviewing_officer);
                put.bind(5, a.legal);
                put.bind(6, a.allocated_by);
                put.bind(7, a.allocated_at);
                put.step();
                put.reset();
            }
            sqlite::append_audit(db_, audit);
        },
        "writing allocations");
}

}  // namespace waymark::store
