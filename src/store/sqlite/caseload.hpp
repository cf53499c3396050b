#pragma once
// Teams and allocations in SQLite (migration 0004_allocations.sql): the CaseloadStore part of
// SqliteStore, over the store's connection.
#include "app/caseload.hpp"
#include "store/sqlite/statement.hpp"

namespace waymark::store {

class SqliteCaseload final : public app::CaseloadStore {
public:
    // Over the statements' connection; the queries of every page come from `statements`.
    explicit SqliteCaseload(sqlite::StatementCache& statements) : db_(statements.db()), statements_(statements) {}

    void add_team(const app::Team& team, std::int64_t created,
                  const std::optional<app::AuditEntry>& audit = std::nullopt) override;
    std::vector<app::Team> teams(const std::optional<std::string>& local_authority) override;
    std::vector<app::User> council_users(std::string_view local_authority) override;
    std::optional<app::Allocation> allocation(std::string_view local_authority, std::string_view child_id) override;
    std::vector<app::Allocation> allocations(std::string_view local_authority) override;
    void put_allocations(std::span<const app::Allocation> allocations, std::span<const app::AuditEntry> audit) override;

private:
    sqlite3* db_;
    sqlite::StatementCache& statements_;
};

}  // namespace waymark::store
