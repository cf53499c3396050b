#include "app/restriction.hpp"

#include "app/csv_table.hpp"
#include "core/error.hpp"

namespace waymark::app {

namespace {

void require_administrator(const Actor& admin) {
    if (!may_administer(admin.user.role) || admin.user.local_authority.empty()) {
        throw core::Error(core::ErrorKind::forbidden, "only an administrator may lift a restriction");
    }
}

}  // namespace

std::vector<Restriction> council_restrictions(RestrictionStore& store, const Actor& admin) {
    require_administrator(admin);
    return store.restrictions(admin.user.local_authority);
}

void lift_restriction(RestrictionStore& store, const Actor& admin, std::string_view child_id, std::string_view reason) {
    require_administrator(admin);
    const auto child = trim(child_id);
    const auto why = trim(reason);
    std::vector<FieldProblem> problems;
    if (child.empty()) problems.push_back({"child", "Enter the child's case reference"});
    if (why.empty()) problems.push_back({"reason", "Enter the reason for lifting the restriction"});
    if (!problems.empty()) throw FormError(std::move(problems));
    const std::string& council = admin.user.local_authority;
    const RestrictionLift lift{admin.at, admin.user.name, admin.origin, std::string(why)};
    const AuditEntry audit{admin.at, admin.user.name, "lift_restriction", council, std::string(child),
                           "",       admin.origin};
    if (!store.lift_restriction(council, child, lift, audit)) {
        throw FormError({{"child", "No child with this case reference is restricted in " + council}});
    }
}

}  // namespace waymark::app
