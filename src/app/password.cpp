#include "app/password.hpp"

#include <vector>

namespace waymark::app {

using core::Error;
using core::ErrorKind;

PasswordChanged change_password(UserStore& store, const Actor& who, const PasswordChange& form, std::int64_t now,
                                const AuthPolicy& policy) {
    // The stored user as it is now (failures and lock may have changed since the session was read).
    const auto stored = store.user_by_id(who.user.id);
    if (!stored || stored->disabled != 0) throw Error(ErrorKind::forbidden, "You are not signed in.");
    const User& user = *stored;
    if (user.locked_until > now) {
        throw FormError(std::vector<FieldProblem>{
            {"current-password", "Too many wrong passwords: wait a few minutes, then try again"}});
    }
    std::vector<FieldProblem> problems;
    bool current_right = false;
    if (form.current.empty()) {
        problems.push_back({"current-password", "Enter your current password"});
    } else if (!(current_right = verify_password(user.password_hash, form.current))) {
        const std::int32_t failures = user.failed_attempts + 1;
        const std::int64_t until = sign_in_delay_until(failures, now, policy);
        store.set_sign_in_failures(user.id, failures, until);
        problems.push_back({"current-password", until != 0 ? "Your current password is not right, too many times: "
                                                             "wait a few minutes, then try again"
                                                           : "Your current password is not right"});
    }
    if (form.password.empty()) {
        problems.push_back({"new-password", "Enter a new password"});
    } else if (const auto problem = password_problem(form.password)) {
        // "the password must ..." as "Your new password must ...".
        problems.push_back({"new-password", "Your new" + problem->substr(3)});
    } else if (current_right && form.password == form.current) {
        problems.push_back({"new-password", "Your new password must be different from your current one"});
    }
    if (form.confirm.empty()) {
        if (!form.password.empty()) problems.push_back({"confirm-password", "Enter your new password again"});
    } else if (form.confirm != form.password) {
        problems.push_back({"confirm-password", "The two new passwords are not the same"});
    }
    if (!problems.empty()) throw FormError(std::move(problems));

    PasswordChanged changed{random_token(), random_token()};
    const SessionRecord session{token_hash(changed.session_token), user.id, now, now, changed.csrf};
    store.set_password(
        user.id, hash_password(form.password), 0, session,
        {who.at, user.name, "change_password", user.local_authority, "",
         must_change_password(user) ? "one-time password replaced; other sessions ended" : "other sessions ended",
         who.origin});
    return changed;
}

User set_password(UserStore& store, const Viewer& operator_, std::string_view name, std::string_view password,
                  bool must_change, std::int64_t now) {
    if (const auto problem = password_problem(password)) throw Error(ErrorKind::invalid_input, *problem);
    auto user = store.find_user(name);
    if (!user) throw Error(ErrorKind::not_found, "there is no user " + std::string(name));
    user->one_time_until = must_change ? now + kOneTimePasswordLifetime : 0;
    store.set_password(user->id, hash_password(password), user->one_time_until, std::nullopt,
                       {operator_.at, operator_.actor, "set_password", user->local_authority, "",
                        "user " + user->name + (must_change ? ", one-time (must change)" : ""), operator_.origin});
    return std::move(*user);
}

}  // namespace waymark::app
