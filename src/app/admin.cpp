#include "app/admin.hpp"

#include "app/caseload.hpp"
#include "core/text.hpp"

#include <sodium.h>

#include <algorithm>
#include <set>

namespace waymark::app {

using core::Error;
using core::ErrorKind;

namespace {

std::string summary_of(const std::vector<FieldProblem>& problems) {
    std::string s;
    for (const auto& p : problems) s += (s.empty() ? "" : "; ") + p.field + ": " + p.message;
    return s;
}

bool valid_user_name(std::string_view name) {
    if (name.empty() || name.size() > 64) return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
               c == '-' || c == '@';
    });
}

void require_administrator(const Actor& admin) {
    if (!may_administer(admin.user.role)) throw Error(ErrorKind::forbidden, "only an administrator may do this");
}

// The user, if they are of the administrator's council; otherwise not found, whether they
// exist or not.
User user_of_council(UserAccounts& store, const Actor& admin, std::int64_t id) {
    auto user = store.user_by_id(id);
    if (!user || user->local_authority != admin.user.local_authority) {
        throw Error(ErrorKind::not_found, "There is no such user in your council.");
    }
    return std::move(*user);
}

// "A sentence." from a password_problem's "the password ...".
std::string sentence(std::string text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text;
}

// What an approval approves, for its audit entry: the change and whose it was.
std::string approval_detail(UserAccounts& store, const User& user) {
    const auto by = store.user_by_id(user.pending_by);
    return "user " + user.name + ", role " + std::string(to_string(user.role)) + ", " +
           (user.pending_change == "add" ? "added" : "password reset") + " by " + (by ? by->name : "an administrator");
}

AuditEntry entry(const Actor& admin, std::string_view action, std::string detail) {
    return {admin.at, admin.user.name,   std::string(action), admin.user.local_authority,
            "",       std::move(detail), admin.origin};
}

std::string trimmed(std::string_view s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t");
    return std::string(s.substr(first, last - first + 1));
}

// A role an administrator may give (not national_analyst: across councils, the service's), or
// the problem with the form's role field.
std::optional<Role> role_to_give(std::string_view text, std::vector<FieldProblem>& problems) {
    const auto role = parse_role(text);
    if (text.empty()) {
        problems.push_back({"role", "Select a role"});
    } else if (!role) {
        problems.push_back({"role", "Select one of the roles listed"});
    } else if (*role == Role::national_analyst) {
        problems.push_back({"role", "A national analyst works across councils and is added by the service"});
    } else {
        return role;
    }
    return std::nullopt;
}

void check_team(const std::string& team, const std::vector<std::string>& teams, std::vector<FieldProblem>& problems) {
    if (!team.empty() && std::find(teams.begin(), teams.end(), team) == teams.end()) {
        problems.push_back({"team", teams.empty() ? "Your council has no teams yet: add one on the Teams page first"
                                                  : "Choose one of your council's teams"});
    }
}

// '"Alex Morgan"', or "none", for an audit entry's before and after.
std::string quoted_or_none(const std::string& s) {
    return s.empty() ? std::string("none") : "\"" + s + "\"";
}

}  // namespace

bool may_administer(Role role) noexcept {
    return role == Role::administrator;
}

bool may_import(Role role) noexcept {
    return role == Role::team_manager || role == Role::administrator;
}

FormError::FormError(std::vector<FieldProblem> problems)
    : Error(ErrorKind::invalid_input, summary_of(problems)), problems_(std::move(problems)) {}

std::string generate_password() {
    if (sodium_init() < 0) throw Error(ErrorKind::internal, "libsodium could not start");
    constexpr std::string_view alphabet = "abcdefghjkmnpqrstuvwxyz23456789";  // no i l o 0 1
    std::string out;
    for (int i = 0; i < 20; ++i) {
        if (i > 0 && i % 5 == 0) out += '-';
        out += alphabet[randombytes_uniform(static_cast<std::uint32_t>(alphabet.size()))];
    }
    return out;
}

AddedUser admin_add_user(UserAccounts& store, const Actor& admin, const NewUser& form,
                         const std::vector<std::string>& teams, std::int64_t now) {
    require_administrator(admin);
    std::vector<FieldProblem> problems;
    if (form.name.empty()) {
        problems.push_back({"name", "Enter a user name"});
    } else if (!valid_user_name(form.name)) {
        problems.push_back({"name", "A user name is 1 to 64 letters, digits and . _ - @"});
    } else if (store.find_user(form.name)) {
        problems.push_back({"name", "That user name is taken: choose another"});
    }
    const auto role = role_to_give(form.role, problems);
    check_team(form.team, teams, problems);
    const std::string display_name = trimmed(form.display_name);
    if (const auto problem = display_name_problem(display_name)) problems.push_back({"display_name", *problem});
    if (!form.password.empty() && form.password.size() < 12) {
        problems.push_back({"password", "A password is at least 12 characters (or leave it empty to generate one)"});
    } else if (const auto problem = form.password.empty() ? std::nullopt : password_problem(form.password)) {
        problems.push_back({"password", sentence(*problem)});
    }
    if (!problems.empty()) throw FormError(std::move(problems));

    AddedUser added;
    const std::string password =
        form.password.empty() ? (added.generated_password = generate_password()) : form.password;
    User& u = added.user;
    u.name = form.name;
    u.role = *role;
    u.local_authority = admin.user.local_authority;
    u.team = form.team;
    u.display_name = display_name;
    u.password_hash = hash_password(password);
    u.created = now;
    // The administrator knows it, whether made or set: the user must choose their own.
    u.one_time_until = now + kOneTimePasswordLifetime;
    added.pending = needs_approval(u.role);
    if (added.pending) {
        u.pending_by = admin.user.id;
        u.pending_change = "add";
    }
    u.id = store.add_user_audited(
        u, entry(admin, "add_user",
                 "user " + u.name + ", role " + std::string(to_string(u.role)) +
                     (u.team.empty() ? "" : ", team " + u.team) + (added.pending ? ", waits for approval" : "")));
    return added;
}

std::optional<std::string> display_name_problem(std::string_view display_name) {
    const std::string name = trimmed(display_name);
    const auto characters = std::count_if(name.begin(), name.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;  // not a UTF-8 continuation byte
    });
    if (characters > 100) {
        return "A display name is at most 100 characters: shorten it";
    }
    if (const auto why = core::control_character_problem(name, core::TextKind::identifier)) {
        return "The display name " + *why;
    }
    return std::nullopt;
}

User admin_user(UserAccounts& store, const Actor& admin, std::int64_t id) {
    require_administrator(admin);
    return user_of_council(store, admin, id);
}

bool admin_change_user(UserAccounts& store, const Actor& admin, std::int64_t id, const UserChanges& form,
                       const std::vector<std::string>& teams) {
    require_administrator(admin);
    const User before = user_of_council(store, admin, id);
    std::vector<FieldProblem> problems;
    const auto role = role_to_give(form.role, problems);
    if (role && *role != before.role) {
        if (before.id == admin.user.id) {
            problems.push_back({"role", "You cannot change your own role: ask another administrator"});
        } else if (needs_approval(*role) && !needs_approval(before.role) && must_change_password(before)) {
            problems.push_back(
                {"role", before.name + " still has a one-time password an administrator knows: give this role once "
                                       "they have chosen their own password"});
        }
    }
    check_team(form.team, teams, problems);
    const std::string display_name = trimmed(form.display_name);
    if (const auto problem = display_name_problem(display_name)) problems.push_back({"display_name", *problem});
    if (!problems.empty()) throw FormError(std::move(problems));

    User after = before;
    after.role = *role;
    after.team = form.team;
    after.display_name = display_name;
    std::string detail;
    const auto change = [&](std::string_view what, const std::string& from, const std::string& to) {
        if (from != to) detail += ", " + std::string(what) + " " + from + " to " + to;
    };
    change("role", std::string(to_string(before.role)), std::string(to_string(after.role)));
    change("team", before.team.empty() ? "none" : before.team, after.team.empty() ? "none" : after.team);
    change("display name", quoted_or_none(before.display_name), quoted_or_none(after.display_name));
    if (detail.empty()) return false;
    store.change_user(after, entry(admin, "change_user", "user " + before.name + detail));
    return true;
}

User set_display_name(UserStore& store, const Viewer& operator_, std::string_view name, std::string_view display_name) {
    auto user = store.find_user(name);
    if (!user) throw Error(ErrorKind::not_found, "there is no user " + std::string(name));
    const std::string wanted = trimmed(display_name);
    if (const auto problem = display_name_problem(wanted)) throw Error(ErrorKind::invalid_input, *problem);
    const std::string detail =
        "user " + user->name + ", display name " + quoted_or_none(user->display_name) + " to " + quoted_or_none(wanted);
    user->display_name = wanted;
    store.change_user(
        *user, {operator_.at, operator_.actor, "change_user", user->local_authority, "", detail, operator_.origin});
    return std::move(*user);
}

Team admin_add_team(CaseloadStore& store, const Actor& admin, std::string_view name, std::int64_t now) {
    require_administrator(admin);
    const std::string wanted = trimmed(name);
    if (wanted.empty()) throw FormError(std::vector<FieldProblem>{{"name", "Enter the team's name"}});
    for (const auto& t : store.teams(admin.user.local_authority)) {
        if (t.name == wanted)
            throw FormError(std::vector<FieldProblem>{{"name", "Your council already has a team called " + wanted}});
    }
    try {
        return add_team(store, admin.user.local_authority, wanted, now, entry(admin, "add_team", "team " + wanted));
    } catch (const FormError&) {
        throw;
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::invalid_input) throw;
        // "team name: why" from add_team, as the form's message.
        std::string why = e.what();
        if (const auto colon = why.find(": "); colon != std::string::npos) why = why.substr(colon + 2);
        throw FormError(std::vector<FieldProblem>{{"name", sentence(why)}});
    }
}

void admin_disable_user(UserAccounts& store, const Actor& admin, std::int64_t id, std::int64_t now) {
    require_administrator(admin);
    const User user = user_of_council(store, admin, id);
    if (user.id == admin.user.id) throw Error(ErrorKind::invalid_input, "You cannot take away your own access.");
    if (user.disabled != 0) throw Error(ErrorKind::invalid_input, "That user's access is already taken away.");
    store.disable_user(
        user.id, now,
        entry(admin, "disable_user", "user " + user.name + ", role " + std::string(to_string(user.role))));
}

void admin_unlock_user(UserAccounts& store, const Actor& admin, std::int64_t id) {
    require_administrator(admin);
    const User user = user_of_council(store, admin, id);
    store.unlock_user(user.id, entry(admin, "unlock_user", "user " + user.name));
}

void admin_enable_user(UserAccounts& store, const Actor& admin, std::int64_t id) {
    require_administrator(admin);
    const User user = user_of_council(store, admin, id);
    if (user.disabled == 0) throw Error(ErrorKind::invalid_input, "That user already has access.");
    store.enable_user(user.id, entry(admin, "enable_user", "user " + user.name));
}

void admin_approve_user(UserAccounts& store, const Actor& admin, std::int64_t id, std::int64_t now) {
    require_administrator(admin);
    const User user = user_of_council(store, admin, id);
    if (!approval_pending(user)) throw Error(ErrorKind::invalid_input, "That user has nothing waiting for approval.");
    if (user.pending_by == admin.user.id) {
        throw Error(ErrorKind::forbidden, "Another administrator must approve a change you made.");
    }
    store.approve_user(user.id, must_change_password(user) ? now + kOneTimePasswordLifetime : user.one_time_until,
                       entry(admin, "approve_user", approval_detail(store, user)));
}

User approve_user(UserAccounts& store, const Viewer& operator_, std::string_view name, std::int64_t now) {
    auto user = store.find_user(name);
    if (!user) throw Error(ErrorKind::not_found, "there is no user " + std::string(name));
    if (!approval_pending(*user)) {
        throw Error(ErrorKind::invalid_input, "user " + user->name + " has nothing waiting for approval");
    }
    const std::string detail = approval_detail(store, *user);
    if (must_change_password(*user)) user->one_time_until = now + kOneTimePasswordLifetime;
    store.approve_user(
        user->id, user->one_time_until,
        {operator_.at, operator_.actor, "approve_user", user->local_authority, "", detail, operator_.origin});
    user->pending_by = 0;
    user->pending_change.clear();
    return std::move(*user);
}

ResetPassword admin_reset_password(UserStore& store, const Actor& admin, std::int64_t id, std::int64_t now) {
    require_administrator(admin);
    const User user = user_of_council(store, admin, id);
    if (user.id == admin.user.id) {
        throw Error(ErrorKind::invalid_input, "Change your own password on the Change your password page.");
    }
    if (user.disabled != 0) throw Error(ErrorKind::invalid_input, "Restore that user's access first.");
    if (user.role == Role::national_analyst) {
        throw Error(ErrorKind::forbidden, "A national analyst's password is reset by the service, not a council.");
    }
    ResetPassword reset{user.name, generate_password(), now + kOneTimePasswordLifetime, needs_approval(user.role)};
    // A user still waiting to be added stays an addition; either way this administrator's change
    // is what waits now.
    const Approval pending =
        reset.pending ? Approval{admin.user.id, user.pending_change == "add" ? "add" : "reset"} : Approval{};
    store.set_password(
        user.id, hash_password(reset.password), reset.expires, std::nullopt,
        entry(admin, "reset_password", "user " + user.name + (reset.pending ? ", waits for approval" : "")), pending);
    return reset;
}

std::vector<ApiToken> admin_user_tokens(UserStore& store, const Actor& admin, std::int64_t id) {
    require_administrator(admin);
    const User user = user_of_council(store, admin, id);
    return store.api_tokens(user.id);
}

void admin_revoke_token(UserStore& store, const Actor& admin, std::int64_t id, std::int64_t token) {
    require_administrator(admin);
    const User user = user_of_council(store, admin, id);
    const auto tokens = store.api_tokens(user.id);
    if (std::none_of(tokens.begin(), tokens.end(), [&](const ApiToken& t) { return t.id == token; })) {
        throw Error(ErrorKind::not_found, "That user has no such API token.");
    }
    store.revoke_api_token(token,
                           entry(admin, "revoke_token", "user " + user.name + ", token " + std::to_string(token)));
}

std::vector<ApiToken> list_api_tokens(UserStore& store, std::string_view name) {
    std::int64_t id = 0;
    if (!name.empty()) {
        const auto user = store.find_user(name);
        if (!user) throw Error(ErrorKind::not_found, "no user " + std::string(name));
        id = user->id;
    }
    return store.api_tokens(id);
}

void revoke_api_token(UserStore& store, const Viewer& operator_, std::int64_t token) {
    const auto tokens = store.api_tokens(0);
    const auto it = std::find_if(tokens.begin(), tokens.end(), [&](const ApiToken& t) { return t.id == token; });
    if (it == tokens.end()) throw Error(ErrorKind::not_found, "there is no API token " + std::to_string(token));
    const auto user = store.user_by_id(it->user);
    store.revoke_api_token(token, {operator_.at, operator_.actor, "revoke_token", user ? user->local_authority : "", "",
                                   "user " + it->user_name + ", token " + std::to_string(token), operator_.origin});
}

std::vector<std::string> council_teams(CaseloadStore& store, std::string_view local_authority) {
    std::vector<std::string> names;
    for (const auto& t : store.teams(std::string(local_authority))) names.push_back(t.name);
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace waymark::app
