#pragma once
// Users, roles, sign-in, sessions and API tokens (issue 5). Declares the UserStore port and
// the use cases the web application and the command line share. Nothing here reads the clock:
// `now` (Unix seconds, UTC) is an argument, so tests pin it. Secrets are never stored: passwords
// as Argon2id strings, tokens as BLAKE2b hashes (libsodium).
#include "app/store.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::app {

// DESIGN.md "Who uses it".
enum class Role : std::uint8_t {
    social_worker,
    team_manager,
    reviewing_officer,
    legal,
    improvement_advisor,
    administrator,
    national_analyst,
};
inline constexpr Role kAllRoles[] = {Role::social_worker,   Role::team_manager,        Role::reviewing_officer,
                                     Role::legal,           Role::improvement_advisor, Role::administrator,
                                     Role::national_analyst};

std::string_view to_string(Role role) noexcept;
std::optional<Role> parse_role(std::string_view text) noexcept;
// Whether the role may see a named child's record (improvement advisors, administrators and
// national analysts see aggregates or configuration only).
bool sees_named_children(Role role) noexcept;
// Whether a council administrator's adding such a user, or resetting their password, waits for a
// second administrator's approval: the roles that see named children, and administrators (who
// approve: one who knew a new administrator's password could approve their own changes).
bool needs_approval(Role role) noexcept;

struct User {
    std::int64_t id = 0;
    std::string name;
    Role role = Role::social_worker;
    std::string local_authority;
    std::string team;
    std::string password_hash;
    std::int32_t failed_attempts = 0;
    std::int64_t locked_until = 0;  // sign-in waits until then (failures in a row); 0: no wait
    std::int64_t created = 0;
    std::int64_t disabled = 0;  // when an administrator took the user's access away; 0 if not
    // A one-time password (made or set by an administrator, or given with --must-change): the
    // user must choose their own before anything else, and from this time on it signs no one
    // in. 0 when the user chose their password.
    std::int64_t one_time_until = 0;
    // A change waiting for a second administrator's approval (app/admin.hpp): "add" or "reset",
    // made by the administrator `pending_by`; empty and 0 when nothing waits. While a change
    // waits the user cannot sign in and their sessions and API tokens are refused.
    std::int64_t pending_by = 0;
    std::string pending_change;
    // The name people know them by ("Alex Morgan"), set by an administrator (migration 0014);
    // empty: none, and the user name is shown.
    std::string display_name;
};

// How a member of staff is shown to people (the header, the lists of staff): their display name
// if one is set, else their user name.
inline const std::string& staff_label(const User& user) noexcept {
    return user.display_name.empty() ? user.name : user.display_name;
}

inline bool approval_pending(const User& user) noexcept {
    return !user.pending_change.empty();
}

// How long a one-time password signs in: 7 days, time enough to reach a user on leave for a
// week, short enough that one written down and forgotten soon stops working.
inline constexpr std::int64_t kOneTimePasswordLifetime = 7L * 24 * 60 * 60;

// Whether the user signed in with a one-time password and must change it before anything else.
inline bool must_change_password(const User& user) noexcept {
    return user.one_time_until != 0;
}

// What an administrator's change leaves waiting for approval (User::pending_by, pending_change);
// the default: nothing waits.
struct Approval {
    std::int64_t by = 0;
    std::string change;
};

// An API token as listed: never the token itself, nor its hash.
struct ApiToken {
    std::int64_t id = 0;
    std::int64_t user = 0;
    std::string user_name;
    std::int64_t created = 0;
    std::int64_t expires = 0;
    std::int64_t last_used = 0;  // 0: never used
};
// What the store knows of a token presented to the API.
struct ApiTokenRecord {
    std::int64_t id = 0;
    std::int64_t user = 0;
    std::int64_t expires = 0;
    std::int64_t last_used = 0;
};

struct SessionRecord {
    std::string token_hash;
    std::int64_t user = 0;
    std::int64_t created = 0;
    std::int64_t last_seen = 0;
    std::string csrf;
};

// What one sign-in writes (UserStore::record_sign_in).
struct SignInWrite {
    std::int64_t user = 0;  // 0: an unknown name
    bool set_failures = false;
    std::int32_t failed_attempts = 0;
    std::int64_t locked_until = 0;
    std::optional<SessionRecord> session;
};

// The ports of users, sign-in and API tokens. Each call is one transaction.

// The users: who they are, and a council administrator's changes to them (app/admin.hpp),
// each with its audit entry.
class UserAccounts {
public:
    virtual ~UserAccounts() = default;
    // Throws core::Error(conflict) if the name is taken.
    virtual std::int64_t add_user(const User& user) = 0;
    [[nodiscard]] virtual std::optional<User> find_user(std::string_view name) = 0;
    [[nodiscard]] virtual std::optional<User> user_by_id(std::int64_t id) = 0;
    // The users of one council, by name.
    [[nodiscard]] virtual std::vector<User> users_of(std::string_view local_authority) = 0;
    // As add_user, with the audit entry written in the same transaction.
    virtual std::int64_t add_user_audited(const User& user, const AuditEntry& audit) = 0;
    // Ends what waits for approval (pending_by, pending_change) and sets one_time_until.
    virtual void approve_user(std::int64_t user, std::int64_t one_time_until, const AuditEntry& audit) = 0;
    // Marks the user disabled at `at` and deletes their sessions and API tokens.
    virtual void disable_user(std::int64_t user, std::int64_t at, const AuditEntry& audit) = 0;
    // Clears failed sign-ins and any wait.
    virtual void unlock_user(std::int64_t user, const AuditEntry& audit) = 0;
    // Gives a disabled user their access back (they sign in again; old sessions and tokens
    // stay ended).
    virtual void enable_user(std::int64_t user, const AuditEntry& audit) = 0;
    // Stores the user's role, team and display name as `changed` has them (nothing else of it),
    // with the audit entry. Error(not_found) if there is no user changed.id.
    virtual void change_user(const User& changed, const AuditEntry& audit) = 0;
};

// Signing in and staying signed in (app/auth.hpp, app/password.hpp): failed attempts and their
// waits, sessions, passwords.
class SignInStore {
public:
    virtual ~SignInStore() = default;
    virtual void set_sign_in_failures(std::int64_t user, std::int32_t failed_attempts, std::int64_t locked_until) = 0;
    virtual void put_session(const SessionRecord& session) = 0;
    [[nodiscard]] virtual std::optional<SessionRecord> find_session(std::string_view token_hash) = 0;
    virtual void touch_session(std::string_view token_hash, std::int64_t last_seen) = 0;
    virtual void delete_session(std::string_view token_hash) = 0;
    // A sign-in's outcome (sign_in) with its audit entry, in one transaction: for `user` (not 0)
    // the failures count and wait set to `failed_attempts` and `locked_until` if `set_failures`,
    // and `session` started if given; the audit entry always, even when nothing else is written
    // (an unknown name, an account in its wait).
    virtual void record_sign_in(const SignInWrite& write, const AuditEntry& audit) = 0;
    // Ends a session with its audit entry (sign_out), in one transaction.
    virtual void end_session(std::string_view token_hash, const AuditEntry& audit) = 0;
    // The sessions of one user, oldest first.
    [[nodiscard]] virtual std::vector<SessionRecord> sessions_of(std::int64_t user) = 0;
    // Ends every session of the user but the one of `keep_hash`, with the audit entry (whose
    // detail gets the number ended), in one transaction. The number ended.
    virtual std::size_t end_other_sessions(std::int64_t user, std::string_view keep_hash, AuditEntry audit) = 0;
    // A new password (app/password.hpp): stores the hash, one_time_until and what waits for
    // approval (`pending`; nothing by default), clears failed sign-ins and any delay, ends every
    // session and API token of the user and then, if given, starts `new_session` (the changer's
    // own, rotated); with the audit entry, in one transaction. Error(not_found) if there is no
    // such user.
    virtual void set_password(std::int64_t user, std::string_view password_hash, std::int64_t one_time_until,
                              const std::optional<SessionRecord>& new_session, const AuditEntry& audit,
                              const Approval& pending = {}) = 0;
};

// API tokens (app/auth.hpp, app/admin.hpp).
class ApiTokenStore {
public:
    virtual ~ApiTokenStore() = default;
    virtual void put_api_token(std::string_view token_hash, std::int64_t user, std::int64_t created,
                               std::int64_t expires) = 0;
    [[nodiscard]] virtual std::optional<ApiTokenRecord> find_api_token(std::string_view token_hash) = 0;
    virtual void touch_api_token(std::int64_t id, std::int64_t last_used) = 0;
    // The tokens of one user (`user` not 0) or of everyone, oldest first.
    [[nodiscard]] virtual std::vector<ApiToken> api_tokens(std::int64_t user) = 0;
    // Deletes one token, with its audit entry; Error(not_found) if there is no such token.
    virtual void revoke_api_token(std::int64_t id, const AuditEntry& audit) = 0;
};

// All three: what the web's sign-in, account and administration pages are handed
// (web::AppContext::users) until each of their use cases takes only the ports it uses.
class UserStore : public UserAccounts, public SignInStore, public ApiTokenStore {};

struct AuthPolicy {
    std::int64_t idle_timeout = 30L * 60;           // seconds without a request
    std::int64_t absolute_timeout = 12L * 60 * 60;  // seconds since sign-in
    // Failed sign-ins in a row before each further one makes the account wait: first_delay
    // seconds after the free_failures-th, doubling with each failure after it, at most
    // max_delay. There is no lock: the wait ends by itself, and a success clears the count.
    std::int32_t free_failures = 5;
    std::int64_t first_delay = 60;
    std::int64_t max_delay = 15L * 60;
    // last_seen is written at most this often, so that reading pages does not write on every
    // request; the idle time-out is therefore exact to within this many seconds.
    std::int64_t touch_interval = 60;
};

// Argon2id (libsodium's crypto_pwhash_str with the interactive limits).
std::string hash_password(std::string_view password);
bool verify_password(const std::string& hash, std::string_view password);
// 32 random bytes as 64 hex digits, and the hex BLAKE2b-256 of a token.
std::string random_token();
std::string token_hash(std::string_view token);
// Compares in time independent of where the strings differ.
bool equal_secrets(std::string_view a, std::string_view b) noexcept;

// What is wrong with a password a user or an administrator chooses, if anything ("the password
// must ..."): it is 12 to 128 characters (UTF-8 code points, a run of spaces counted once;
// any characters; a phrase of words is as good as any), not only spaces, not one character or a short pattern repeated
// (nor fewer than 4 different characters), and not one of the 30,000 most common passwords (data/common-passwords.txt,
// compared without regard to case).
std::optional<std::string> password_problem(std::string_view password);

// Creates a user; throws core::Error(invalid_input) for an empty name or a password with a
// password_problem, (conflict) for a name already taken. With `must_change` the password is a
// one-time password (kOneTimePasswordLifetime from `now`). `display_name` (trimmed; empty: none)
// is checked by the caller (display_name_problem, app/admin.hpp).
User add_user(UserAccounts& store, std::string_view name, Role role, std::string_view local_authority,
              std::string_view team, std::string_view password, std::int64_t now, bool must_change = false,
              std::string_view display_name = {});

// Until when an account waits after `failures` failed sign-ins in a row (0: no wait).
std::int64_t sign_in_delay_until(std::int32_t failures, std::int64_t now, const AuthPolicy& policy);

// A keyed BLAKE2b-256 (libsodium crypto_generichash with a key) of `message`, as hex: a MAC.
std::string keyed_hash(std::string_view key, std::string_view message);

// `expired`: the right one-time password, after its time (an administrator resets it).
enum class SignInOutcome { signed_in, refused, expired };
struct SignInResult {
    SignInOutcome outcome = SignInOutcome::refused;
    std::string session_token;  // for the cookie; empty unless signed in
    std::string csrf;
};
// Checks the password (against a dummy hash when there is no such user, so timing does not
// tell whether a name exists). An unknown name, a wrong password, a disabled user, one
// waiting for approval and an account in its wait are all `refused`, alike. After
// policy.free_failures failures in a row each failure makes the account wait
// (sign_in_delay_until); during the wait every attempt is refused without the password being
// checked (a dummy hash is, for the time). The right one-time password after its
// one_time_until is `expired`.
// `previous_token` (the cookie the browser sent, if any) is ended, so the session is rotated.
// Every outcome is written to the audit log (ASVS V7.2.1) in the same transaction as the
// sign-in's own write: `sign_in` for a success, `sign_in_failed` for anything else, by the
// account's name only when it is a known user (the name typed for an unknown one is never
// written: people type passwords into it; the detail says "unknown name"), with `where`'s time
// and address. The password never is.
struct AuthWhere {
    std::string at;      // UTC, ISO 8601
    std::string origin;  // "web ADDRESS"
};
SignInResult sign_in(UserStore& store, std::string_view name, std::string_view password,
                     std::string_view previous_token, std::int64_t now, const AuthPolicy& policy = {},
                     const AuthWhere& where = {});

struct SignedIn {
    User user;
    std::string csrf;
};
// The user of a session token, or nothing if it is unknown or timed out (a timed-out session
// is deleted) or its user disabled, or their one-time password has expired since.
std::optional<SignedIn> session_user(UserStore& store, std::string_view token, std::int64_t now,
                                     const AuthPolicy& policy = {});
// Ends the session, audited as `sign_out` by its user (nothing if there is no such session).
void sign_out(UserStore& store, std::string_view token, const AuthWhere& where = {});

// A session as its user sees it on /account/sessions (ASVS V3.3.4): never its token.
struct SessionSummary {
    std::int64_t created = 0;
    std::int64_t last_seen = 0;
    bool current = false;  // the session of the request
};
// The user's sessions that have not timed out, oldest first, the one of `token` marked.
std::vector<SessionSummary> own_sessions(SignInStore& store, const User& user, std::string_view token, std::int64_t now,
                                         const AuthPolicy& policy = {});
// Ends every other session of the user (the one of `token` goes on), audited as
// `end_other_sessions` with the number ended. The number ended.
std::size_t end_other_sessions(SignInStore& store, const User& user, std::string_view token, const AuthWhere& where);
// The user's own API tokens, oldest first, and a revoke of one of them, audited as `revoke_token`;
// Error(not_found) unless the token is the user's.
std::vector<ApiToken> own_api_tokens(ApiTokenStore& store, const User& user);
void revoke_own_api_token(ApiTokenStore& store, const User& user, std::int64_t token, const AuthWhere& where);

// How long an API token works unless `waymark token create --expires DAYS` says otherwise, and
// the longest it may.
inline constexpr std::int64_t kApiTokenDays = 90;
inline constexpr std::int64_t kApiTokenMaxDays = 366;

// Issues an API token for the named user, working for `days` days (throws core::Error(not_found)
// if there is no such user, and (invalid_input) if the user is disabled or waits for approval,
// or `days` is not 1 to kApiTokenMaxDays); the token is returned once and only its hash kept.
std::string create_api_token(UserStore& store, std::string_view user_name, std::int64_t now,
                             std::int64_t days = kApiTokenDays);
// The token's user; nothing if the token is unknown or expired, or its user disabled or waiting
// for approval. Records when it was last used (at most once a minute). (The API also refuses a
// user who must_change_password: api_gate.)
std::optional<User> api_token_user(UserStore& store, std::string_view token, std::int64_t now);

}  // namespace waymark::app
