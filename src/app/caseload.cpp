#include "app/caseload.hpp"

#include "app/csv_table.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace waymark::app {

using core::Error;
using core::ErrorKind;

Team add_team(CaseloadStore& store, std::string_view local_authority, std::string_view name, std::int64_t now,
              const std::optional<AuditEntry>& audit) {
    Team t{std::string(trim(local_authority)), std::string(trim(name))};
    if (t.local_authority.empty()) throw Error(ErrorKind::invalid_input, "--local-authority: a team needs a council");
    if (t.name.empty()) throw Error(ErrorKind::invalid_input, "team name: a team needs a name");
    if (auto why = core::control_character_problem(t.name, core::TextKind::identifier)) {
        throw Error(ErrorKind::invalid_input, "team name: " + *why);
    }
    // Measures by team give the children in no team groups of their own (measure_report.hpp).
    std::string lower = t.name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == kNotAllocated || lower == kNoTeam) {
        throw Error(ErrorKind::invalid_input, "team name: '" + t.name +
                                                  "' is what measures by team call the children in no team; "
                                                  "choose another name");
    }
    store.add_team(t, now, audit);
    return t;
}

void check_team_exists(CaseloadStore& store, std::string_view local_authority, std::string_view team) {
    if (team.empty()) return;
    for (const auto& t : store.teams(std::string(local_authority))) {
        if (t.name == team) return;
    }
    throw Error(ErrorKind::invalid_input, "--team: " + std::string(local_authority) + " has no team '" +
                                              std::string(team) + "' (waymark team add)");
}

AllocationRules::AllocationRules(Store& store, std::string_view local_authority)
    : local_authority_(local_authority), users_(store.caseload().council_users(local_authority)) {
    for (const auto& c : store.child_index()) {
        if (c.local_authority == local_authority) children_.push_back(c.child_id);
    }
    std::sort(children_.begin(), children_.end());
}

std::optional<AllocationProblem> AllocationRules::check(const AllocationRequest& r) const {
    if (r.child_id.empty()) return AllocationProblem{"child_id", "a child id is needed"};
    if (!std::binary_search(children_.begin(), children_.end(), r.child_id)) {
        return AllocationProblem{"child_id", local_authority_ + " has no child " + r.child_id};
    }
    const auto role_of = [&](const std::string& name) -> std::optional<Role> {
        const auto at = std::lower_bound(users_.begin(), users_.end(), name,
                                         [](const User& u, const std::string& n) { return u.name < n; });
        if (at == users_.end() || at->name != name) return std::nullopt;
        return at->role;
    };
    if (r.worker.empty()) return AllocationProblem{"worker", "an allocated worker is needed"};
    struct Named {
        const char* field;
        const std::string& name;
        std::vector<Role> roles;
        const char* role_words;
    };
    for (const Named& n :
         {Named{"worker",
                r.worker,
                {Role::social_worker, Role::team_manager},
                "a social worker or "
                "team manager"},
          Named{"reviewing_officer", r.reviewing_officer, {Role::reviewing_officer}, "a reviewing officer"},
          Named{"legal", r.legal, {Role::legal}, "a legal user"}}) {
        if (n.name.empty()) continue;
        const auto role = role_of(n.name);
        if (!role) return AllocationProblem{n.field, local_authority_ + " has no user " + n.name};
        if (std::find(n.roles.begin(), n.roles.end(), *role) == n.roles.end()) {
            return AllocationProblem{n.field,
                                     n.name + "'s role is " + std::string(to_string(*role)) + ", not " + n.role_words};
        }
    }
    return std::nullopt;
}

namespace {

std::string describe(const Allocation& a) {
    return "worker=" + a.worker + "; reviewing_officer=" + a.reviewing_officer + "; legal=" + a.legal;
}

bool same_people(const Allocation& a, const AllocationRequest& r) {
    return a.worker == r.worker && a.reviewing_officer == r.reviewing_officer && a.legal == r.legal;
}

// Stores the requests that change something, with one audit entry each, in one transaction.
AllocationCounts store_allocations(Store& store, std::span<const AllocationRequest> requests, const Viewer& viewer,
                                   std::string_view reason) {
    std::map<std::string, std::map<std::string, Allocation>> stored;  // council -> child -> allocation
    AllocationCounts counts;
    std::vector<Allocation> changed;
    std::vector<AuditEntry> audit;
    for (const auto& r : requests) {
        auto [council, fresh] = stored.try_emplace(r.local_authority);
        if (fresh) {
            for (auto& a : store.caseload().allocations(r.local_authority)) council->second[a.child_id] = std::move(a);
        }
        const auto before = council->second.find(r.child_id);
        if (before != council->second.end() && same_people(before->second, r)) {
            ++counts.unchanged;
            continue;
        }
        Allocation a{r.local_authority, r.child_id, r.worker, r.reviewing_officer, r.legal, viewer.actor, viewer.at};
        std::string detail = describe(a);
        if (before != council->second.end()) detail += " (was " + describe(before->second) + ")";
        if (!reason.empty()) detail += "; reason: " + std::string(reason);
        audit.push_back({viewer.at, viewer.actor, "allocate", a.local_authority, a.child_id, detail, viewer.origin});
        council->second[r.child_id] = a;
        changed.push_back(std::move(a));
        ++counts.allocated;
    }
    if (!changed.empty()) store.caseload().put_allocations(changed, audit);
    return counts;
}

}  // namespace

AllocationCounts allocate(Store& store, std::span<const AllocationRequest> requests, const Viewer& viewer,
                          std::string_view reason) {
    std::map<std::string, AllocationRules> rules;
    for (const auto& r : requests) {
        auto it = rules.find(r.local_authority);
        if (it == rules.end()) it = rules.try_emplace(r.local_authority, store, r.local_authority).first;
        if (const auto p = it->second.check(r)) throw Error(ErrorKind::invalid_input, p->field + ": " + p->message);
    }
    return store_allocations(store, requests, viewer, trim(reason));
}

std::optional<std::string> reason_problem(std::string_view reason) {
    const auto r = trim(reason);
    if (r.empty()) return "Enter the reason for the change";
    if (r.size() > kMaxReason) return "The reason must be " + std::to_string(kMaxReason) + " characters or fewer";
    if (auto why = core::control_character_problem(r, core::TextKind::identifier)) return "The reason " + *why;
    return std::nullopt;
}

AllocationCounts import_allocations(Store& store, const std::string& path, const Viewer& viewer,
                                    std::size_t max_problems) {
    enum Column : std::size_t { child_id, local_authority, worker, reviewing_officer, legal };
    static const std::vector<std::string> kColumns{"child_id", "local_authority", "worker", "reviewing_officer",
                                                   "legal"};
    static const std::vector<std::string> kRequired{"child_id", "local_authority", "worker"};
    Problems problems{max_problems, {}, 0};
    std::vector<AllocationRequest> requests;
    {
        Table t(path, kColumns, kRequired, false, problems);
        std::map<std::string, AllocationRules> rules;
        std::map<std::pair<std::string, std::string>, std::size_t> lines;  // (council, child) -> line
        while (t.ok() && t.next()) {
            AllocationRequest r{std::string(t.get(local_authority)), std::string(t.get(child_id)),
                                std::string(t.get(worker)), std::string(t.get(reviewing_officer)),
                                std::string(t.get(legal))};
            if (r.local_authority.empty()) {
                t.problem(local_authority, kColumns, "a council is needed");
                continue;
            }
            auto it = rules.find(r.local_authority);
            if (it == rules.end()) it = rules.try_emplace(r.local_authority, store, r.local_authority).first;
            if (const auto p = it->second.check(r)) {
                t.problem(Table::column_of(kColumns, p->field), kColumns, p->message);
                continue;
            }
            const auto [seen, first] = lines.try_emplace({r.local_authority, r.child_id}, t.line());
            if (!first) {
                t.problem(
                    child_id, kColumns,
                    "child " + r.child_id + " is allocated again (first on line " + std::to_string(seen->second) + ")");
                continue;
            }
            requests.push_back(std::move(r));
        }
    }
    if (problems.total > 0) throw ImportError(std::move(problems.list), problems.total);
    return store_allocations(store, requests, viewer, {});
}

}  // namespace waymark::app
