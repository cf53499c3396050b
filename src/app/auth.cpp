#include "app/auth.hpp"

#include "core/error.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <set>
#include <unordered_set>

namespace waymark::app {

extern const char* const kCommonPasswords;  // generated from data/common-passwords.txt

using core::Error;
using core::ErrorKind;

namespace {

void init_sodium() {
    static const int rc = sodium_init();  // thread-safe, idempotent; < 0 only if no entropy source
    if (rc < 0) throw Error(ErrorKind::internal, "libsodium could not be initialised");
}

std::string to_hex(const unsigned char* bytes, std::size_t n) {
    std::string hex(n * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), bytes, n);
    hex.pop_back();
    return hex;
}

// Verified against when the name is unknown, so a refusal takes as long either way.
const std::string& dummy_hash() {
    static const std::string hash = hash_password("not a password anyone has");
    return hash;
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

// data/common-passwords.txt (lower case, one a line), embedded at build time.
const std::unordered_set<std::string_view>& common_passwords() {
    static const std::unordered_set<std::string_view> set = [] {
        std::unordered_set<std::string_view> words;
        const std::string_view all(kCommonPasswords);
        std::size_t start = 0;
        while (start < all.size()) {
            const std::size_t end = std::min(all.find('\n', start), all.size());
            if (end > start) words.insert(all.substr(start, end - start));
            start = end + 1;
        }
        return words;
    }();
    return set;
}

// One character or a short pattern repeated: a shorter part repeated to make the whole
// ("abcabcabcabc"), or fewer than 4 different characters ("aaaaaaaaaaab").
bool repetitive(std::string_view p) {
    for (std::size_t unit = 1; unit <= p.size() / 2; ++unit) {
        if (p.size() % unit != 0) continue;
        bool repeats = true;
        for (std::size_t i = unit; i < p.size() && repeats; ++i) repeats = p[i] == p[i - unit];
        if (repeats) return true;
    }
    std::set<char> distinct(p.begin(), p.end());
    return distinct.size() < 4;
}

}  // namespace

std::string_view to_string(Role role) noexcept {
    switch (role) {
        case Role::social_worker:
            return "social_worker";
        case Role::team_manager:
            return "team_manager";
        case Role::reviewing_officer:
            return "reviewing_officer";
        case Role::legal:
            return "legal";
        case Role::improvement_advisor:
            return "improvement_advisor";
        case Role::administrator:
            return "administrator";
        case Role::national_analyst:
            return "national_analyst";
    }
    return "social_worker";
}

std::optional<Role> parse_role(std::string_view text) noexcept {
    for (Role r : kAllRoles) {
        if (to_string(r) == text) return r;
    }
    return std::nullopt;
}

bool sees_named_children(Role role) noexcept {
    switch (role) {
        case Role::social_worker:
        case Role::team_manager:
        case Role::reviewing_officer:
        case Role::legal:
            return true;
        case Role::improvement_advisor:
        case Role::administrator:
        case Role::national_analyst:
            return false;
    }
    return false;
}

bool needs_approval(Role role) noexcept {
    return sees_named_children(role) || role == Role::administrator;
}

std::string hash_password(std::string_view password) {
    init_sodium();
    std::array<char, crypto_pwhash_STRBYTES> out{};
    if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw Error(ErrorKind::internal, "out of memory hashing a password");
    }
    return out.data();
}

bool verify_password(const std::string& hash, std::string_view password) {
    init_sodium();
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string random_token() {
    init_sodium();
    std::array<unsigned char, 32> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    return to_hex(bytes.data(), bytes.size());
}

std::string token_hash(std::string_view token) {
    init_sodium();
    std::array<unsigned char, crypto_generichash_BYTES> out{};
    crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                       nullptr, 0);
    return to_hex(out.data(), out.size());
}

std::string keyed_hash(std::string_view key, std::string_view message) {
    init_sodium();
    std::array<unsigned char, crypto_generichash_BYTES> out{};
    crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       reinterpret_cast<const unsigned char*>(key.data()),
                       std::min<std::size_t>(key.size(), crypto_generichash_KEYBYTES_MAX));
    return to_hex(out.data(), out.size());
}

std::int64_t sign_in_delay_until(std::int32_t failures, std::int64_t now, const AuthPolicy& policy) {
    if (failures < policy.free_failures) return 0;
    std::int64_t delay = policy.first_delay;
    for (std::int32_t i = policy.free_failures; i < failures && delay < policy.max_delay; ++i) delay *= 2;
    return now + std::min(delay, policy.max_delay);
}

bool equal_secrets(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

namespace {

// A password's length in characters (UTF-8 code points, not bytes), a run of spaces counted
// once (ASVS V2.1.1), so that four three-byte characters are not twelve.
std::size_t password_length(std::string_view password) noexcept {
    std::size_t n = 0;
    bool after_space = false;
    for (const char c : password) {
        if ((static_cast<unsigned char>(c) & 0xC0U) == 0x80U) continue;  // a continuation byte
        if (c == ' ' && after_space) continue;
        after_space = c == ' ';
        ++n;
    }
    return n;
}

}  // namespace

std::optional<std::string> password_problem(std::string_view password) {
    if (!password.empty() &&
        std::all_of(password.begin(), password.end(), [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); })) {
        return "the password must not be only spaces";
    }
    const std::size_t length = password_length(password);
    if (length < 12) return "the password must be at least 12 characters";
    if (length > 128) return "the password must be at most 128 characters";
    if (repetitive(password)) return "the password must not be one character or a short pattern repeated";
    if (common_passwords().contains(ascii_lower(password))) {
        return "the password must not be one of the 30,000 most common passwords";
    }
    return std::nullopt;
}

User add_user(UserAccounts& store, std::string_view name, Role role, std::string_view local_authority,
              std::string_view team, std::string_view password, std::int64_t now, bool must_change,
              std::string_view display_name) {
    if (name.empty()) throw Error(ErrorKind::invalid_input, "a user needs a name");
    if (local_authority.empty()) throw Error(ErrorKind::invalid_input, "a user needs a local authority");
    if (const auto problem = password_problem(password)) throw Error(ErrorKind::invalid_input, *problem);
    if (store.find_user(name)) throw Error(ErrorKind::conflict, "there is already a user " + std::string(name));
    User u;
    u.name = name;
    u.role = role;
    u.local_authority = local_authority;
    u.team = team;
    u.display_name = display_name;
    u.password_hash = hash_password(password);
    u.created = now;
    if (must_change) u.one_time_until = now + kOneTimePasswordLifetime;
    u.id = store.add_user(u);
    return u;
}

SignInResult sign_in(UserStore& store, std::string_view name, std::string_view password,
                     std::string_view previous_token, std::int64_t now, const AuthPolicy& policy,
                     const AuthWhere& where) {
    if (!previous_token.empty()) store.delete_session(token_hash(previous_token));
    const auto user = store.find_user(name);
    const auto refused = [&](std::string actor, std::string detail, const SignInWrite& write = {}) {
        store.record_sign_in(write,
                             {where.at, std::move(actor), "sign_in_failed", "", "", std::move(detail), where.origin});
        return SignInResult{};
    };
    if (!user) {
        (void)verify_password(dummy_hash(), password);
        return refused("", "unknown name");
    }
    // During the account's wait nothing is checked, but the time taken is the same.
    if (user->disabled != 0 || approval_pending(*user) || user->locked_until > now) {
        (void)verify_password(dummy_hash(), password);
        return refused(user->name, user->disabled != 0       ? "access taken away"
                                   : approval_pending(*user) ? "waits for approval"
                                                             : "during the wait after failed sign-ins");
    }
    if (!verify_password(user->password_hash, password)) {
        const std::int32_t failures = user->failed_attempts + 1;
        return refused(user->name, "wrong password",
                       {user->id, true, failures, sign_in_delay_until(failures, now, policy), std::nullopt});
    }
    const bool clear = user->failed_attempts != 0 || user->locked_until != 0;
    if (must_change_password(*user) && now >= user->one_time_until) {
        store.record_sign_in({user->id, clear, 0, 0, std::nullopt}, {where.at, user->name, "sign_in_failed", "", "",
                                                                     "one-time password expired", where.origin});
        return {SignInOutcome::expired, {}, {}};
    }
    SignInResult r{SignInOutcome::signed_in, random_token(), random_token()};
    store.record_sign_in(
        {user->id, clear, 0, 0, SessionRecord{token_hash(r.session_token), user->id, now, now, r.csrf}},
        {where.at, user->name, "sign_in", "", "", "", where.origin});
    return r;
}

std::optional<SignedIn> session_user(UserStore& store, std::string_view token, std::int64_t now,
                                     const AuthPolicy& policy) {
    if (token.empty()) return std::nullopt;
    const std::string hash = token_hash(token);
    const auto session = store.find_session(hash);
    if (!session) return std::nullopt;
    if (now - session->last_seen > policy.idle_timeout || now - session->created > policy.absolute_timeout) {
        store.delete_session(hash);
        return std::nullopt;
    }
    auto user = store.user_by_id(session->user);
    if (!user || user->disabled != 0 || approval_pending(*user)) return std::nullopt;
    if (must_change_password(*user) && now >= user->one_time_until) return std::nullopt;
    if (now - session->last_seen >= policy.touch_interval) store.touch_session(hash, now);
    return SignedIn{std::move(*user), session->csrf};
}

void sign_out(UserStore& store, std::string_view token, const AuthWhere& where) {
    if (token.empty()) return;
    const std::string hash = token_hash(token);
    const auto session = store.find_session(hash);
    if (!session) return;
    const auto user = store.user_by_id(session->user);
    store.end_session(hash, {where.at, user ? user->name : "", "sign_out", "", "", "", where.origin});
}

std::vector<SessionSummary> own_sessions(SignInStore& store, const User& user, std::string_view token, std::int64_t now,
                                         const AuthPolicy& policy) {
    const std::string current = token_hash(token);
    std::vector<SessionSummary> out;
    for (const auto& s : store.sessions_of(user.id)) {
        if (now - s.last_seen > policy.idle_timeout || now - s.created > policy.absolute_timeout) continue;
        out.push_back({s.created, s.last_seen, equal_secrets(s.token_hash, current)});
    }
    return out;
}

std::size_t end_other_sessions(SignInStore& store, const User& user, std::string_view token, const AuthWhere& where) {
    return store.end_other_sessions(user.id, token_hash(token),
                                    {where.at, user.name, "end_other_sessions", "", "", "", where.origin});
}

std::vector<ApiToken> own_api_tokens(ApiTokenStore& store, const User& user) {
    return store.api_tokens(user.id);
}

void revoke_own_api_token(ApiTokenStore& store, const User& user, std::int64_t token, const AuthWhere& where) {
    const auto tokens = store.api_tokens(user.id);
    if (std::none_of(tokens.begin(), tokens.end(), [&](const ApiToken& t) { return t.id == token; })) {
        throw Error(ErrorKind::not_found, "You have no such API token.");
    }
    store.revoke_api_token(token, {where.at, user.name, "revoke_token", "", "",
                                   "user " + user.name + ", token " + std::to_string(token), where.origin});
}

std::string create_api_token(UserStore& store, std::string_view user_name, std::int64_t now, std::int64_t days) {
    if (days < 1 || days > kApiTokenMaxDays) {
        throw Error(ErrorKind::invalid_input, "--expires: a token works for 1 to " + std::to_string(kApiTokenMaxDays) +
                                                  " days, not " + std::to_string(days));
    }
    const auto user = store.find_user(user_name);
    if (!user) throw Error(ErrorKind::not_found, "no user " + std::string(user_name));
    if (user->disabled != 0) {
        throw Error(ErrorKind::invalid_input, "user " + std::string(user_name) + " has had their access taken away");
    }
    if (approval_pending(*user)) {
        throw Error(ErrorKind::invalid_input, "user " + std::string(user_name) +
                                                  " waits for approval (waymark user approve " +
                                                  std::string(user_name) + ")");
    }
    std::string token = random_token();
    store.put_api_token(token_hash(token), user->id, now, now + days * 24 * 60 * 60);
    return token;
}

std::optional<User> api_token_user(UserStore& store, std::string_view token, std::int64_t now) {
    if (token.empty()) return std::nullopt;
    const auto record = store.find_api_token(token_hash(token));
    if (!record || now >= record->expires) return std::nullopt;
    auto user = store.user_by_id(record->user);
    if (!user || user->disabled != 0 || approval_pending(*user)) return std::nullopt;
    // Written at most once a minute, so that reading the API does not write on every request.
    if (now - record->last_used >= 60) store.touch_api_token(record->id, now);
    return user;
}

}  // namespace waymark::app
