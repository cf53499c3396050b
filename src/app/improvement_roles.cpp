#include "app/improvement_roles.hpp"

namespace waymark::app {

bool may_edit_tests_of_change(Role role) noexcept {
    return role == Role::improvement_advisor || role == Role::team_manager;
}

bool sees_every_council(Role role) noexcept {
    return role == Role::national_analyst;
}

}  // namespace waymark::app
