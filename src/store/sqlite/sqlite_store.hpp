#pragma once
// The Store over an embedded SQLite database: WAL journal, foreign keys on, versioned
// migrations (PRAGMA user_version), one transaction per write.
#include "app/database.hpp"

#include <memory>
#include <string>

struct sqlite3;

namespace waymark::store {

namespace sqlite {
class StatementCache;  // statement.hpp
}

class SqliteStore final : public app::Database {
public:
    // Opens (creating if need be) and migrates the database at `path`. Throws
    // core::Error(storage) if it cannot, or if the file's schema is newer than this program.
    SqliteStore(const std::string& path, const core::Vocabulary& vocabulary);
    ~SqliteStore() override;
    SqliteStore(const SqliteStore&) = delete;
    SqliteStore& operator=(const SqliteStore&) = delete;

    static int schema_version_supported();
    [[nodiscard]] int schema_version() const;

    std::vector<app::StoredChild> child_index() override;
    std::map<std::string, std::string> child_names(std::string_view local_authority,
                                                   std::span<const std::string> child_ids) override;
    std::vector<app::NamedChild> named_children(std::string_view local_authority,
                                                std::span<const std::string> child_ids) override;
    std::vector<std::string> child_ids_named(std::string_view local_authority,
                                             std::span<const std::string> words) override;
    std::vector<std::string> sibling_ids(std::string_view local_authority, std::string_view sibling_group) override;
    using app::AuditLog::record_audit;
    void record_audit(std::span<const app::AuditEntry> entries) override;
    // The audit log (sqlite_audit.cpp).
    std::vector<app::AuditRow> find_audit(const app::AuditQuery& query) override;
    std::size_t count_audit(const app::AuditQuery& query) override;
    void for_each_audit_from(std::int64_t first_id, const app::AuditVisitor& visit) override;
    std::optional<app::AuditRow> audit_row(std::int64_t id) override;
    std::optional<app::AuditHead> audit_head() override;
    std::vector<app::AuditCheckpoint> audit_checkpoints() override;
    std::optional<std::int64_t> add_audit_checkpoint(const app::AuditCheckpoint& checkpoint) override;
    std::unique_ptr<app::ImportWriter> begin_import() override;
    // Restricted records (restrictions.cpp).
    std::vector<app::Restriction> restrictions(std::string_view local_authority) override;
    bool lift_restriction(std::string_view local_authority, std::string_view child_id, const app::RestrictionLift& lift,
                          const app::AuditEntry& audit) override;
    app::TestsOfChangeStore& tests_of_change() override;
    app::CaseloadStore& caseload() override;
    app::EventStore& events() override;  // events.cpp
    std::optional<app::JourneysVersion> journeys_version() override;
    std::optional<std::int64_t> caseload_version() override;
    void for_each_journey(const app::JourneyFilter& filter, const app::JourneyVisitor& visit) override;
    void for_each_journey_parallel(const app::JourneyFilter& filter, unsigned workers,
                                   const app::ParallelJourneyVisitor& visit) override;

    // app::UserStore (sqlite_users.cpp).
    std::int64_t add_user(const app::User& user) override;
    std::optional<app::User> find_user(std::string_view name) override;
    std::optional<app::User> user_by_id(std::int64_t id) override;
    void set_sign_in_failures(std::int64_t user, std::int32_t failed_attempts, std::int64_t locked_until) override;
    void put_session(const app::SessionRecord& session) override;
    std::optional<app::SessionRecord> find_session(std::string_view token_hash) override;
    void touch_session(std::string_view token_hash, std::int64_t last_seen) override;
    void delete_session(std::string_view token_hash) override;
    void record_sign_in(const app::SignInWrite& write, const app::AuditEntry& audit) override;
    void end_session(std::string_view token_hash, const app::AuditEntry& audit) override;
    [[nodiscard]] std::vector<app::SessionRecord> sessions_of(std::int64_t user) override;
    std::size_t end_other_sessions(std::int64_t user, std::string_view keep_hash, app::AuditEntry audit) override;
    void put_api_token(std::string_view token_hash, std::int64_t user, std::int64_t created,
                       std::int64_t expires) override;
    std::optional<app::ApiTokenRecord> find_api_token(std::string_view token_hash) override;
    void touch_api_token(std::int64_t id, std::int64_t last_used) override;
    std::vector<app::ApiToken> api_tokens(std::int64_t user) override;
    void revoke_api_token(std::int64_t id, const app::AuditEntry& audit) override;
    std::vector<app::User> users_of(std::string_view local_authority) override;
    std::int64_t add_user_audited(const app::User& user, const app::AuditEntry& audit) override;
    void disable_user(std::int64_t user, std::int64_t at, const app::AuditEntry& audit) override;
    void unlock_user(std::int64_t user, const app::AuditEntry& audit) override;
    void approve_user(std::int64_t user, std::int64_t one_time_until, const app::AuditEntry& audit) override;
    void enable_user(std::int64_t user, const app::AuditEntry& audit) override;
    void change_user(const app::User& changed, const app::AuditEntry& audit) override;
    void set_password(std::int64_t user, std::string_view password_hash, std::int64_t one_time_until,
                      const std::optional<app::SessionRecord>& new_session, const app::AuditEntry& audit,
                      const app::Approval& pending = {}) override;

private:
    std::string path_;
    sqlite3* db_ = nullptr;
    // The queries every page asks (session, user, versions, allocations), prepared once.
    std::unique_ptr<sqlite::StatementCache> statements_;
    const core::Vocabulary& vocabulary_;
    std::unique_ptr<app::TestsOfChangeStore> tests_of_change_;
    std::unique_ptr<app::CaseloadStore> caseload_;
    std::unique_ptr<app::EventStore> events_;
    void exec(const char* sql);
    void migrate();
    // Inside a write transaction: appends entries to the audit chain (after chaining any rows
    // that are not yet chained).
    void append_audit(std::span<const app::AuditEntry> entries);
    void chain_unchained_audit();
    std::int64_t insert_user(const app::User& user);  // inside a write transaction
    bool worth_scanning(const app::JourneyFilter& filter);
    void scan_journeys(const app::JourneyFilter& filter, unsigned workers, const app::ParallelJourneyVisitor& visit);
};

}  // namespace waymark::store
