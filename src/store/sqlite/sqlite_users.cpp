// The SQLite store's users, sessions and API tokens (app::UserStore; migrations 0003_users.sql,
// 0006 for disabled, 0009 for one-time passwords, 0012 for approvals and tokens that end).
#include "core/error.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/sqlite/statement.hpp"

namespace waymark::store {

using sqlite::Statement;

namespace {

constexpr const char* kUserColumns =
    "SELECT id, name, role, local_authority, team, password_hash, failed_attempts, locked_until, created, "
    "disabled, one_time_until, pending_by, pending_change, display_name FROM users ";

app::User read_user(Statement& s) {
    app::User u;
    u.id = s.integer(0);
    u.name = s.text(1);
    // The table's CHECK admits only known roles.
    u.role = app::parse_role(s.text(2)).value_or(app::Role::social_worker);
    u.local_authority = s.text(3);
    u.team = s.text(4);
    u.password_hash = s.text(5);
    u.failed_attempts = static_cast<std::int32_t>(s.integer(6));
    u.locked_until = s.integer(7);
    u.created = s.integer(8);
    u.disabled = s.integer(9);
    u.one_time_until = s.integer(10);
    u.pending_by = s.integer(11);
    u.pending_change = s.text(12);
    u.display_name = s.text(13);
    return u;
}

// Inside a write transaction: every session of the user ends.
void end_sessions(sqlite3* db, std::int64_t user) {
    Statement s(db, "DELETE FROM sessions WHERE user=?1");
    s.bind(1, user);
    s.step();
}

// Inside a write transaction: every API token of the user ends.
void end_api_tokens(sqlite3* db, std::int64_t user) {
    Statement s(db, "DELETE FROM api_tokens WHERE user=?1");
    s.bind(1, user);
    s.step();
}

// Inside a write transaction.
void insert_session(sqlite3* db, const app::SessionRecord& session) {
    Statement s(db, "INSERT INTO sessions (token_hash, user, created, last_seen, csrf) VALUES (?1,?2,?3,?4,?5)");
    s.bind(1, session.token_hash);
    s.bind(2, session.user);
    s.bind(3, session.created);
    s.bind(4, session.last_seen);
    s.bind(5, session.csrf);
    s.step();
}

}  // namespace

std::int64_t SqliteStore::add_user(const app::User& user) {
    std::int64_t id = 0;
    sqlite::write_transaction(db_, [&] { id = insert_user(user); });
    return id;
}

std::int64_t SqliteStore::insert_user(const app::User& user) {
    Statement find(db_, "SELECT 1 FROM users WHERE name=?1");
    find.bind(1, user.name);
    if (find.step()) throw core::Error(core::ErrorKind::conflict, "there is already a user " + user.name);
    Statement s(db_,
                "INSERT INTO users (name, role, local_authority, team, password_hash, created, one_time_until, "
                "pending_by, pending_change, display_name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    s.bind(1, user.name);
    s.bind(2, app::to_string(user.role));
    s.bind(3, user.local_authority);
    s.bind(4, user.team);
    s.bind(5, user.password_hash);
    s.bind(6, user.created);
    s.bind(7, user.one_time_until);
    s.bind(8, user.pending_by);
    s.bind(9, user.pending_change);
    s.bind(10, user.display_name);
    s.step();
    return sqlite3_last_insert_rowid(db_);
}

std::vector<app::User> SqliteStore::users_of(std::string_view local_authority) {
    Statement s(db_, (std::string(kUserColumns) + "WHERE local_authority=?1 ORDER BY name").c_str());
    s.bind(1, local_authority);
    std::vector<app::User> users;
    while (s.step()) users.push_back(read_user(s));
    return users;
}

std::int64_t SqliteStore::add_user_audited(const app::User& user, const app::AuditEntry& audit) {
    std::int64_t id = 0;
    sqlite::write_transaction(db_, [&] {
        id = insert_user(user);
        append_audit(std::span(&audit, 1));
    });
    return id;
}

void SqliteStore::disable_user(std::int64_t user, std::int64_t at, const app::AuditEntry& audit) {
    sqlite::write_transaction(db_, [&] {
        Statement s(db_, "UPDATE users SET disabled=?2 WHERE id=?1");
        s.bind(1, user);
        s.bind(2, at);
        s.step();
        if (sqlite3_changes(db_) == 0) throw core::Error(core::ErrorKind::not_found, "there is no such user");
        end_sessions(db_, user);
        end_api_tokens(db_, user);
        append_audit(std::span(&audit, 1));
    });
}

void SqliteStore::change_user(const app::User& changed, const app::AuditEntry& audit) {
    sqlite::write_transaction(db_, [&] {
        Statement s(db_, "UPDATE users SET role=?2, team=?3, display_name=?4 WHERE id=?1");
        s.bind(1, changed.id);
        s.bind(2, app::to_string(changed.role));
        s.bind(3, changed.team);
        s.bind(4, changed.display_name);
        s.step();
        if (sqlite3_changes(db_) == 0) throw core::Error(core::ErrorKind::not_found, "there is no such user");
        append_audit(std::span(&audit, 1));
    });
}

void SqliteStore::unlock_user(std::int64_t user, const app::AuditEntry& audit) {
    sqlite::write_transaction(db_, [&] {
        Statement s(db_, "UPDATE users SET failed_attempts=0, locked_until=0 WHERE id=?1");
        s.bind(1, user);
        s.step();
        if (sqlite3_changes(db_) == 0) throw core::Error(core::ErrorKind::not_found, "there is no such user");
        append_audit(std::span(&audit, 1));
    });
}

std::optional<app::User> SqliteStore::find_user(std::string_view name) {
    Statement s(db_, (std::string(kUserColumns) + "WHERE name=?1").c_str());
    s.bind(1, name);
    if (!s.step()) return std::nullopt;
    return read_user(s);
}

std::optional<app::User> SqliteStore::user_by_id(std::int64_t id) {
    static const std::string sql = std::string(kUserColumns) + "WHERE id=?1";
    Statement s(*statements_, sql);
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_user(s);
}

void SqliteStore::set_sign_in_failures(std::int64_t user, std::int32_t failed_attempts, std::int64_t locked_until) {
    sqlite::write_transaction(db_, [&] {
        Statement s(db_, "UPDATE users SET failed_attempts=?2, locked_until=?3 WHERE id=?1");
        s.bind(1, user);
        s.bind(2, std::int64_t{failed_attempts});
        s.bind(3, locked_until);
        s.step();
    });
}

void SqliteStore::put_session(const app::SessionRecord& session) {
    sqlite::write_transaction(db_, [&] { insert_session(db_, session); });
}

std::optional<app::SessionRecord> SqliteStore::find_session(std::string_view token_hash) {
    Statement s(*statements_, "SELECT token_hash, user, created, last_seen, csrf FROM sessions WHERE token_hash=?1");
    s.bind(1, token_hash);
    if (!s.step()) return std::nullopt;
    return app::SessionRecord{std::string(s.text(0)), s.integer(1), s.integer(2), s.integer(3), std::string(s.text(4))};
}

void SqliteStore::touch_session(std::string_view token_hash, std::int64_t last_seen) {
    sqlite::write_transaction(db_, [&] {
        Statement s(db_, "UPDATE sessions SET last_seen=?2 WHERE token_hash=?1");
        s.bind(1, token_hash);
        s.bind(2, last_seen);
        s.step();
    });
}

void SqliteStore::delete_session(std::string_view token_hash) {
    sqlite::write_transaction(db_, [&] {
        Statement s(db_, "DELETE FROM sessions WHERE token_hash=?1");
        s.bind(1, token_hash);
        s.step();
    });
}

void SqliteStore::record_sign_in(const app::SignInWrite& write, const app::AuditEntry& audit) {
    sqlite::write_transaction(db_, [&] {
        if (write.user != 0 && write.set_failures) {
            Statement s(db_, "UPDATE users SET failed_attempts=?2, locked_until=?3 WHERE id=?1");
            s.bind(1, write.user);
            s.bind(2, std::int64_t{write.failed_attempts});
            s.bind(3, write.locked_until);
            s.step();
        }
        if (write.session) insert_session(db_, *write.session);
        append_audit(std::span(&audit, 1));
    });
}

void SqliteStore::end_session(std::string_view token_hash, const app::AuditEntry& audit) {
    sqlite::write_transaction(db_, [&] {
        Statement s(db_, "DELETE FROM sessions WHERE token_hash=?1");
        s.bind(1, token_hash);
        s.step();
        append_audit(std::span(&audit, 1));
    });
}

std::vector<app::SessionRecord> SqliteStore::sessions_of(std::int64_t user) {
    Statement s(db_, "SELECT token_hash, user, created, last_seen, csrf FROM sessions WHERE user=?1 ORDER BY created");
    s.bind(1, user);
    std::vector<app::SessionRecord> out;
    while (s.step()) {
        out.push_back({std::string(s.text(0)), s.integer(1), s.integer(2), s.integer(3), std::string(s.text(4))});
    }
    return out;
}

std::size_t SqliteStore::end_other_sessions(std::int64_t user, std::string_view keep_hash, app::AuditEntry audit) {
    std::size_t ended = 0;
    sqlite::write_transaction(db_, [&] {
        Statement s(db_, "DELETE FROM sessions WHERE user=?1 AND token_hash<>?2");
        s.bind(1, user);
        s.bind(2, keep_hash);
        s.step();
        ended = static_cast<std::size_t>(sqlite3_changes(db_));
        audit.detail = std::to_string(ended) + (ended == 1 ? " session" : " sessions");
        append_audit(std::span(&audit, 1));
    });
    return ended;
}

void SqliteStore::put_api_token(std::string_view token_hash, std::int64_t user, std::int64_t created,
                                std::int64_t expires) {
    sqlite::write_transaction(db_, [&] {
        Statement s(db_, "INSERT INTO api_tokens (token_hash, user, created, expires) VALUES (?1, ?2, ?3, ?4)");
        s.bind(1, token_hash);
        s.bind(2, user);
        s.bind(3, created);
        s.bind(4, expires);
        s.step();
    });
}

std::optional<app::ApiTokenRecord> SqliteStore::find_api_token(std::string_view token_hash) {
    Statement s(*statements_, "SELECT id, user, expires, last_used FROM api_tokens WHERE token_hash=?1");
    s.bind(1, token_hash);
    if (!s.step()) return std::nullopt;
    return app::ApiTokenRecord{s.integer(0), s.integer(1), s.integer(2), s.integer(3)};
}

void SqliteStore::touch_api_token(std::int64_t id, std::int64_t last_used) {
    sqlite::write_transaction(db_, [&] {
        Statement s(db_, "UPDATE api_tokens SET last_used=?2 WHERE id=?1");
        s.bind(1, id);
        s.bind(2, last_used);
        s.step();
    });
}

std::vector<app::ApiToken> SqliteStore::api_tokens(std::int64_t user) {
    Statement s(db_,
                "SELECT t.id, t.user, u.name, t.created, t.expires, t.last_used FROM api_tokens t "
                "JOIN users u ON u.id = t.user WHERE ?1 = 0 OR t.user = ?1 ORDER BY t.created, t.id");
    s.bind(1, user);
    std::vector<app::ApiToken> tokens;
    while (s.step()) {
        tokens.push_back(
            {s.integer(0), s.integer(1), std::string(s.text(2)), s.integer(3), s.integer(4), s.integer(5)});
    }
    return tokens;
}

void SqliteStore::revoke_api_token(std::int64_t id, const app::AuditEntry& audit) {
    sqlite::write_transaction(db_, [&] {
        Statement s(db_, "DELETE FROM api_tokens WHERE id=?1");
        s.bind(1, id);
        s.step();
        if (sqlite3_changes(db_) == 0) throw core::Error(core::ErrorKind::not_found, "there is no such API token");
        append_audit(std::span(&audit, 1));
    });
}

void SqliteStore::approve_user(std::int64_t user, std::int64_t one_time_until, const app::AuditEntry& audit) {
    sqlite::write_transaction(db_, [&] {
        Statement s(db_, "UPDATE users SET pending_by=0, pending_change='', one_time_until=?2 WHERE id=?1");
        s.bind(1, user);
        s.bind(2, one_time_until);
        s.step();
        if (sqlite3_changes(db_) == 0) throw core::Error(core::ErrorKind::not_found, "there is no such user");
        append_audit(std::span(&audit, 1));
    });
}

void SqliteStore::enable_user(std::int64_t user, const app::AuditEntry& audit) {
    sqlite::write_transaction(db_, [&] {
        Statement s(db_, "UPDATE users SET disabled=0, failed_attempts=0, locked_until=0 WHERE id=?1");
        s.bind(1, user);
        s.step();
        if (sqlite3_changes(db_) == 0) throw core::Error(core::ErrorKind::not_found, "there is no such user");
        append_audit(std::span(&audit, 1));
    });
}

void SqliteStore::set_password(std::int64_t user, std::string_view password_hash, std::int64_t one_time_until,
                               const std::optional<app::SessionRecord>& new_session, const app::AuditEntry& audit,
                               const app::Approval& pending) {
    sqlite::write_transaction(db_, [&] {
        Statement s(db_,
                    "UPDATE users SET password_hash=?2, one_time_until=?3, failed_attempts=0, locked_until=0, "
                    "pending_by=?4, pending_change=?5 WHERE id=?1");
        s.bind(1, user);
        s.bind(2, password_hash);
        s.bind(3, one_time_until);
        s.bind(4, pending.by);
        s.bind(5, pending.change);
        s.step();
        if (sqlite3_changes(db_) == 0) throw core::Error(core::ErrorKind::not_found, "there is no such user");
        end_sessions(db_, user);
        end_api_tokens(db_, user);
        if (new_session) insert_session(db_, *new_session);
        append_audit(std::span(&audit, 1));
    });
}

}  // namespace waymark::store
