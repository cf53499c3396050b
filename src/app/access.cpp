#include "app/access.hpp"

#include "app/status_cache.hpp"

namespace waymark::app {

namespace {

bool named_on(const User& user, const Allocation* a) noexcept {
    return a != nullptr && (a->worker == user.name || a->reviewing_officer == user.name || a->legal == user.name);
}

bool in_workers_team(const User& user, const ChildFacts& child) noexcept {
    return !user.team.empty() && child.worker_team == user.team;
}

}  // namespace

bool may_see(const User& user, const ChildFacts& child) noexcept {
    if (user.local_authority.empty() || child.local_authority != user.local_authority) return false;
    const Allocation* a = child.allocation;
    switch (user.role) {
        case Role::social_worker:
            if (a != nullptr && a->worker == user.name) return true;
            return !child.restricted && in_workers_team(user, child);
        case Role::team_manager:
            if (!child.restricted || named_on(user, a)) return true;
            return in_workers_team(user, child) || a == nullptr || a->worker.empty();
        case Role::reviewing_officer:
            return a != nullptr && a->reviewing_officer == user.name;
        case Role::legal:
            return a != nullptr && a->legal == user.name;
        case Role::improvement_advisor:
        case Role::administrator:
        case Role::national_analyst:
            return false;
    }
    return false;
}

bool may_reallocate(const User& user, const ChildFacts& child) noexcept {
    return user.role == Role::team_manager && may_see(user, child);
}

CouncilAccess::CouncilAccess(CaseloadStore& store, std::string_view local_authority)
    : local_authority_(local_authority) {
    for (auto& a : store.allocations(local_authority)) {
        std::string id = a.child_id;
        allocations_.emplace(std::move(id), std::move(a));
    }
    for (auto& u : store.council_users(local_authority)) teams_.emplace(std::move(u.name), std::move(u.team));
}

const Allocation* CouncilAccess::allocation(const std::string& child_id) const {
    const auto it = allocations_.find(child_id);
    return it == allocations_.end() ? nullptr : &it->second;
}

const std::string& CouncilAccess::team_of(const std::string& user) const {
    static const std::string kNone;
    const auto it = teams_.find(user);
    return it == teams_.end() ? kNone : it->second;
}

ChildFacts CouncilAccess::facts(const std::string& child_id, bool restricted) const {
    ChildFacts f{local_authority_, restricted, allocation(child_id), {}};
    if (f.allocation != nullptr) f.worker_team = team_of(f.allocation->worker);
    return f;
}

namespace {
const Allocation kNoAllocation;
const std::string kNoTeamName;
}  // namespace

CouncilChildren::CouncilChildren(StatusRows status_rows, CaseloadStore& store, std::string_view local_authority)
    : rows(std::move(status_rows)), access(store, local_authority) {
    joined.reserve(rows->size());
    for (const auto& row : *rows) {
        const Allocation* a = access.allocation(row.child.child_id);
        joined.push_back(
            {&row, a != nullptr ? a : &kNoAllocation, a != nullptr ? &access.team_of(a->worker) : &kNoTeamName});
    }
}

CaseloadRows visible_children(Store& store, const StandardSet& standards, const User& user, core::Date as_of,
                              StatusCache* cache) {
    CaseloadRows out;
    if (!sees_named_children(user.role) || user.local_authority.empty()) return out;
    std::shared_ptr<const CouncilChildren> council;
    if (cache != nullptr) {
        council = cache->council_children(store, standards, user.local_authority, as_of);
    } else {
        council =
            std::make_shared<const CouncilChildren>(std::make_shared<const std::vector<StatusRow>>(status_report(
                                                        store, standards, {as_of, user.local_authority, std::nullopt})),
                                                    store.caseload(), user.local_authority);
    }
    ChildFacts facts{user.local_authority, false, nullptr, {}};
    for (const auto& row : council->joined) {
        facts.restricted = row.status->restricted;
        facts.allocation = row.allocation == &kNoAllocation ? nullptr : row.allocation;
        facts.worker_team = *row.team;
        if (may_see(user, facts)) out.rows.push_back(row);
    }
    out.keep = std::move(council);
    return out;
}

std::optional<ChildCase> visible_child(Store& store, const StandardSet& standards, const User& user,
                                       std::string_view local_authority, const std::string& child_id,
                                       core::Date as_of) {
    if (!sees_named_children(user.role) || local_authority != user.local_authority || child_id.empty()) {
        return std::nullopt;
    }
    auto rows = status_report(store, standards, {as_of, std::string(local_authority), child_id});
    if (rows.size() != 1) return std::nullopt;
    const CouncilAccess access(store.caseload(), local_authority);
    const ChildFacts facts = access.facts(child_id, rows.front().restricted);
    if (!may_see(user, facts)) return std::nullopt;
    return ChildCase{std::move(rows.front()), facts.allocation != nullptr ? *facts.allocation : Allocation{},
                     std::string(facts.worker_team)};
}

}  // namespace waymark::app
