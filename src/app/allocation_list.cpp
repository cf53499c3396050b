#include "app/allocation_list.hpp"

#include "core/error.hpp"

#include <algorithm>

namespace waymark::app {

using core::Error;
using core::ErrorKind;

std::vector<AllocationRow> allocation_rows(CaseloadStore& store, std::string_view local_authority,
                                           const AllocationFilter& filter) {
    const std::string la(local_authority);
    if (filter.team) {
        if (filter.team->empty()) throw Error(ErrorKind::invalid_input, "--team: give the team's name");
        check_team_exists(store, la, *filter.team);
    }
    const auto users = store.council_users(la);
    const auto team_of = [&users](const std::string& name) {
        const auto u = std::find_if(users.begin(), users.end(), [&](const User& x) { return x.name == name; });
        return u == users.end() ? std::string() : u->team;
    };
    if (filter.worker &&
        std::none_of(users.begin(), users.end(), [&](const User& u) { return u.name == *filter.worker; })) {
        throw Error(ErrorKind::invalid_input, "--worker: " + la + " has no user '" + *filter.worker + "'");
    }
    std::vector<AllocationRow> out;
    for (const auto& a : store.allocations(la)) {
        if (filter.team && team_of(a.worker) != *filter.team) continue;
        for (const auto& [role, name] : {std::pair<const char*, const std::string&>{"worker", a.worker},
                                         {"reviewing_officer", a.reviewing_officer},
                                         {"legal", a.legal}}) {
            if (name.empty() || (filter.worker && name != *filter.worker)) continue;
            out.push_back({a.child_id, role, name, team_of(name), a.allocated_at});
        }
    }
    return out;
}

}  // namespace waymark::app
