#include "app/caseload_report.hpp"

#include "app/audit.hpp"

#include "core/names.hpp"
#include "core/stage.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <set>

namespace waymark::app {

namespace {

constexpr std::array<std::pair<CaseloadScope, std::string_view>, 3> kScopes{
    {{CaseloadScope::mine, "mine"}, {CaseloadScope::team, "team"}, {CaseloadScope::council, "council"}}};
constexpr std::array<std::pair<CaseloadSort, std::string_view>, 6> kSorts{{{CaseloadSort::reference, "reference"},
                                                                           {CaseloadSort::stage, "stage"},
                                                                           {CaseloadSort::days_in_stage, "days"},
                                                                           {CaseloadSort::next_due, "next_due"},
                                                                           {CaseloadSort::name, "name"},
                                                                           {CaseloadSort::overdue, "overdue"}}};
constexpr core::Stage kStages[] = {core::Stage::pre_birth,
                                   core::Stage::awaiting_adoption,
                                   core::Stage::permanent,
                                   core::Stage::not_looked_after,
                                   core::Stage::away_assessment,
                                   core::Stage::returning_home,
                                   core::Stage::legal,
                                   core::Stage::panel,
                                   core::Stage::permanence_planning,
                                   core::Stage::at_home};
constexpr std::int32_t kDueWindow = 28;

using core::find_name;
using core::name_of;

bool has_standard(const StandardSet& standards, std::string_view id) {
    return std::any_of(standards.standards.begin(), standards.standards.end(),
                       [&](const core::Standard& s) { return s.id == id && s.enabled; });
}

bool in_scope(const CaseloadRow& r, const User& user, CaseloadScope scope) {
    const Allocation& a = *r.allocation;
    switch (scope) {
        case CaseloadScope::mine:
            return a.worker == user.name || a.reviewing_officer == user.name || a.legal == user.name;
        case CaseloadScope::team:
            return !user.team.empty() && *r.team == user.team;
        case CaseloadScope::council:
            return true;
    }
    return false;
}

CaseloadRows scoped(Store& store, const StandardSet& standards, const User& user, const CaseloadQuery& q,
                    StatusCache* cache) {
    auto rows = visible_children(store, standards, user, q.as_of, cache);
    std::erase_if(rows.rows, [&](const CaseloadRow& r) { return !in_scope(r, user, q.scope); });
    return rows;
}

}  // namespace

std::string_view to_string(CaseloadScope s) noexcept {
    return name_of(kScopes, s);
}
std::optional<CaseloadScope> parse_scope(std::string_view text) noexcept {
    return find_name(kScopes, text);
}
std::string_view to_string(CaseloadSort s) noexcept {
    return name_of(kSorts, s);
}
std::optional<CaseloadSort> parse_sort(std::string_view text) noexcept {
    return find_name(kSorts, text);
}
std::optional<core::Stage> parse_stage(std::string_view text) noexcept {
    for (const auto s : kStages) {
        if (core::to_string(s) == text) return s;
    }
    return std::nullopt;
}

std::vector<CaseloadScope> scopes_of(const User& user) {
    switch (user.role) {
        case Role::social_worker:
            if (user.team.empty()) return {CaseloadScope::mine};
            return {CaseloadScope::mine, CaseloadScope::team};
        case Role::team_manager:
            if (user.team.empty()) return {CaseloadScope::council, CaseloadScope::mine};
            return {CaseloadScope::team, CaseloadScope::council, CaseloadScope::mine};
        case Role::reviewing_officer:
        case Role::legal:
            return {CaseloadScope::mine};
        case Role::improvement_advisor:
        case Role::administrator:
        case Role::national_analyst:
            return {};
    }
    return {};
}

std::optional<QueryProblem> read_caseload_query(const ParamLookup& get, const User& user, const StandardSet& standards,
                                                CaseloadQuery& q) {
    const auto scopes = scopes_of(user);
    if (scopes.empty()) return QueryProblem{"scope", "your role sees no named children"};
    q.scope = scopes.front();
    if (const auto v = get("scope"); v && !v->empty()) {
        const auto s = parse_scope(*v);
        if (!s || std::find(scopes.begin(), scopes.end(), *s) == scopes.end()) {
            return QueryProblem{"scope", "choose whose children to show from the list"};
        }
        q.scope = *s;
    }
    if (const auto v = get("stage"); v && !v->empty()) {
        q.stage = parse_stage(*v);
        if (!q.stage) return QueryProblem{"stage", "choose a stage from the list"};
    }
    q.overdue_only = get("overdue").value_or("") == "1";
    q.long_at_home = get("long_at_home").value_or("") == "1";
    for (const auto& [field, target] :
         {std::pair<const char*, std::optional<std::string>*>{"overdue_standard", &q.overdue_standard},
          {"due_standard", &q.due_standard}}) {
        if (const auto v = get(field); v && !v->empty()) {
            if (!has_standard(standards, *v)) return QueryProblem{field, "there is no standard '" + *v + "'"};
            *target = *v;
        }
    }
    for (const auto& [field, target] :
         {std::pair<const char*, std::optional<std::int32_t>*>{"due_within", &q.due_within},
          {"lapsed_within", &q.lapsed_within}}) {
        if (const auto v = get(field); v && !v->empty()) {
            std::int32_t n = 0;
            const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
            if (ec != std::errc() || end != v->data() + v->size() || n < 0 || n > 366) {
                return QueryProblem{field, "enter a number of days from 0 to 366"};
            }
            *target = n;
        }
    }
    if (q.due_standard && !q.due_within) q.due_within = kDueWindow;
    for (const auto& [field, target] :
         {std::pair<const char*, std::optional<std::string>*>{"worker", &q.worker}, {"team", &q.team}}) {
        if (const auto v = get(field); v && !v->empty()) *target = *v;
    }
    if (const auto v = get("sort"); v && !v->empty()) {
        const auto s = parse_sort(*v);
        if (!s) return QueryProblem{"sort", "choose what to sort by from the list"};
        q.sort = *s;
    }
    if (const auto v = get("order"); v && !v->empty()) {
        if (*v != "asc" && *v != "desc") return QueryProblem{"order", "order is asc or desc"};
        q.descending = *v == "desc";
    }
    if (q.sort == CaseloadSort::name && q.scope != CaseloadScope::mine) {
        return QueryProblem{"sort", "names are shown only in your own children's list: sort this list another way"};
    }
    return std::nullopt;
}

std::vector<std::pair<std::string, std::string>> caseload_query_params(const CaseloadQuery& q, const User& user,
                                                                       std::string_view without) {
    std::vector<std::pair<std::string, std::string>> out;
    const auto add = [&](std::string_view key, std::string_view value) {
        if (key != without) out.emplace_back(key, value);
    };
    const auto scopes = scopes_of(user);
    if (scopes.empty() || q.scope != scopes.front()) add("scope", to_string(q.scope));
    if (q.stage) add("stage", core::to_string(*q.stage));
    if (q.overdue_only) add("overdue", "1");
    if (q.overdue_standard) add("overdue_standard", *q.overdue_standard);
    if (q.due_within) add("due_within", std::to_string(*q.due_within));
    if (q.due_standard) add("due_standard", *q.due_standard);
    if (q.long_at_home) add("long_at_home", "1");
    if (q.lapsed_within) add("lapsed_within", std::to_string(*q.lapsed_within));
    if (q.worker) add("worker", *q.worker);
    if (q.team) add("team", *q.team);
    if (q.sort != CaseloadSort::reference) add("sort", to_string(q.sort));
    if (q.descending) add("order", "desc");
    return out;
}

bool long_at_home(const StatusRow& row, core::Date as_of) {
    return row.stage == core::Stage::at_home && row.stage_since && *row.stage_since + core::Months{24} <= as_of;
}

CaseloadRows caseload(Store& store, const StandardSet& standards, const User& user, const CaseloadQuery& q,
                      StatusCache* cache) {
    auto result = scoped(store, standards, user, q, cache);
    auto& rows = result.rows;
    std::erase_if(rows, [&](const CaseloadRow& r) {
        const auto& s = *r.status;
        return (q.stage && s.stage != *q.stage) || (q.overdue_only && s.overdue == 0) ||
               (q.long_at_home && !long_at_home(s, q.as_of)) || (q.worker && r.allocation->worker != *q.worker) ||
               (q.team && *r.team != *q.team);
    });
    // Filters on single clocks read the council's clocks once (with the finished clocks only
    // when lapsed orders are asked for).
    if (q.overdue_standard || q.due_within || q.lapsed_within) {
        std::set<std::string, std::less<>> overdue;
        std::set<std::string, std::less<>> due;
        std::set<std::string, std::less<>> lapsed;
        const auto report = due_report(store, standards,
                                       {q.as_of, q.lapsed_within.has_value(), user.local_authority, std::nullopt, {}});
        for (std::size_t i = 0; i < report.size(); ++i) {
            const auto d = report.row(i);
            const auto& id = report.children[d.child].child_id;
            if (q.lapsed_within && lapsed_within(d, q.as_of, *q.lapsed_within)) lapsed.insert(id);
            if (!core::is_running(d.status)) continue;
            if (d.status == core::ClockStatus::overdue && q.overdue_standard && d.standard->id == *q.overdue_standard) {
                overdue.insert(id);
            }
            if (q.due_within && d.status != core::ClockStatus::overdue && d.due_on >= q.as_of &&
                (d.due_on - q.as_of).count <= *q.due_within && (!q.due_standard || d.standard->id == *q.due_standard)) {
                due.insert(id);
            }
        }
        std::erase_if(rows, [&](const CaseloadRow& r) {
            return (q.overdue_standard && !overdue.contains(r.status->child.child_id)) ||
                   (q.due_within && !due.contains(r.status->child.child_id)) ||
                   (q.lapsed_within && !lapsed.contains(r.status->child.child_id));
        });
    }
    // Names only to order the rows (never shown from here): one query for the whole list.
    std::map<std::string, std::string> names;
    if (q.sort == CaseloadSort::name && !rows.empty()) {
        std::vector<std::string> ids;
        ids.reserve(rows.size());
        for (const auto& r : rows) ids.push_back(r.status->child.child_id);
        names = store.child_names(user.local_authority, ids);
    }
    const auto key_less = [&](const CaseloadRow& a, const CaseloadRow& b) {
        const auto& x = *a.status;
        const auto& y = *b.status;
        // Children without a value (no stage start, nothing due) sort after those with one.
        const auto opt_less = [](const auto& m, const auto& n) -> int {
            if (m == n) return 0;
            if (!m) return 1;
            if (!n) return -1;
            return *m < *n ? -1 : 1;
        };
        int c = 0;
        switch (q.sort) {
            case CaseloadSort::reference:
                break;
            case CaseloadSort::name: {
                const auto m = names.find(x.child.child_id);
                const auto n = names.find(y.child.child_id);
                const std::string_view mn = m == names.end() ? std::string_view{} : std::string_view(m->second);
                const std::string_view nn = n == names.end() ? std::string_view{} : std::string_view(n->second);
                c = mn == nn ? 0 : (mn.empty() ? 1 : (nn.empty() ? -1 : (mn < nn ? -1 : 1)));
                break;
            }
            case CaseloadSort::overdue:
                c = x.overdue == y.overdue ? 0 : (x.overdue < y.overdue ? -1 : 1);
                break;
            case CaseloadSort::stage:
                c = x.stage == y.stage ? 0 : (x.stage < y.stage ? -1 : 1);
                break;
            case CaseloadSort::days_in_stage:
                c = opt_less(x.days_in_stage, y.days_in_stage);
                break;
            case CaseloadSort::next_due:
                c = opt_less(x.next_due_on, y.next_due_on);
                break;
        }
        if (c == 0) c = x.child.child_id.compare(y.child.child_id);
        return q.descending ? c > 0 : c < 0;
    };
    // The rows come in child id order (visible_children): sorted by reference they need only
    // checking, and reversing for descending.
    const auto by_id = [](const CaseloadRow& a, const CaseloadRow& b) {
        return a.status->child.child_id < b.status->child.child_id;
    };
    if (q.sort == CaseloadSort::reference && std::is_sorted(rows.begin(), rows.end(), by_id)) {
        if (q.descending) std::reverse(rows.begin(), rows.end());
    } else {
        std::stable_sort(rows.begin(), rows.end(), key_less);
    }
    return result;
}

std::vector<WorkerCount> worker_counts(const CaseloadRows& rows, std::span<const User> users, std::string_view team) {
    std::vector<WorkerCount> out;
    std::map<std::string_view, std::size_t> index;
    for (const auto& u : users) {
        if (team.empty() || u.team != team) continue;
        if (u.role != Role::social_worker && u.role != Role::team_manager) continue;
        index.emplace(u.name, out.size());
        out.push_back({u.name, 0, 0});
    }
    for (const auto& r : rows) {
        const auto at = index.find(r.allocation->worker);
        if (at == index.end()) continue;
        auto& w = out[at->second];
        ++w.children;
        if (r.status->overdue > 0) ++w.overdue;
    }
    return out;
}

bool lapsed_within(const DueRow& row, core::Date as_of, std::int32_t days) noexcept {
    if (row.status != core::ClockStatus::lapsed || !row.stopped_on) return false;
    const std::int32_t ago = (as_of - *row.stopped_on).count;
    return ago >= 0 && ago <= days;
}

LapsedOrders lapsed_orders(const DueReport& report, const std::set<std::string, std::less<>>& visible,
                           std::int32_t days) {
    LapsedOrders out;
    for (std::size_t i = 0; i < report.size(); ++i) {
        if (report.packed[i].status != core::ClockStatus::lapsed) continue;
        const auto r = report.row(i);
        const auto& id = report.children[r.child].child_id;
        if (!visible.contains(id) || !lapsed_within(r, report.as_of, days)) continue;
        ++out.orders;
        out.children.insert(id);
    }
    return out;
}

Dashboard dashboard(Store& store, const StandardSet& standards, const User& user, const CaseloadQuery& q,
                    StatusCache* cache) {
    const auto scope = scoped(store, standards, user, q, cache);
    const auto& rows = scope.rows;
    Dashboard d;
    d.children = static_cast<std::int32_t>(rows.size());
    std::map<core::Stage, std::vector<std::int32_t>> waits;
    std::map<core::Stage, std::int32_t> counts;
    std::set<std::string, std::less<>> ids;
    for (const auto& r : rows) {
        const auto& s = *r.status;
        ++counts[s.stage];
        if (s.days_in_stage) waits[s.stage].push_back(*s.days_in_stage);
        if (long_at_home(s, q.as_of)) ++d.long_at_home;
        ids.insert(s.child.child_id);
    }
    for (const auto stage : kStages) {
        const auto n = counts.find(stage);
        if (n == counts.end()) continue;
        StageCount s{stage, n->second, std::nullopt, std::nullopt};
        if (auto w = waits.find(stage); w != waits.end() && !w->second.empty()) {
            auto& v = w->second;
            std::sort(v.begin(), v.end());
            const std::size_t m = v.size() / 2;
            s.median_days = v.size() % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
            s.longest_days = v.back();
        }
        d.stages.push_back(s);
    }
    if (rows.empty()) return d;
    // Clocks: one due report over the council, kept to the children in scope.
    struct Tally {
        std::int32_t clocks = 0;
        std::set<std::uint32_t> children;
    };
    std::map<const core::Standard*, Tally> overdue;
    std::map<const core::Standard*, Tally> due;
    std::set<std::uint32_t> due_children;
    // With the finished clocks too, for the lapsed orders.
    const auto report = due_report(store, standards, {q.as_of, true, user.local_authority, std::nullopt, {}});
    const auto lapsed = lapsed_orders(report, ids, kLapsedWindow);
    d.lapsed_orders = lapsed.orders;
    d.lapsed_children = static_cast<std::int32_t>(lapsed.children.size());
    for (std::size_t i = 0; i < report.size(); ++i) {
        const auto r = report.row(i);
        if (!core::is_running(r.status) || !ids.contains(report.children[r.child].child_id)) continue;
        if (r.status == core::ClockStatus::overdue) {
            auto& t = overdue[r.standard];
            ++t.clocks;
            t.children.insert(r.child);
        } else if (r.due_on >= q.as_of && (r.due_on - q.as_of).count <= kDueWindow) {
            auto& t = due[r.standard];
            ++t.clocks;
            t.children.insert(r.child);
            due_children.insert(r.child);
        }
    }
    const auto to_counts = [](const std::map<const core::Standard*, Tally>& tallies) {
        std::vector<StandardCount> out;
        out.reserve(tallies.size());
        for (const auto& [standard, t] : tallies) {
            out.push_back({standard, t.clocks, static_cast<std::int32_t>(t.children.size())});
        }
        std::sort(out.begin(), out.end(), [](const StandardCount& a, const StandardCount& b) {
            return a.children != b.children ? a.children > b.children : a.standard->id < b.standard->id;
        });
        return out;
    };
    d.overdue = to_counts(overdue);
    d.due_28 = to_counts(due);
    d.due_28_children = static_cast<std::int32_t>(due_children.size());
    return d;
}

std::map<std::string, std::string> caseload_names(Store& store, std::span<const CaseloadRow> rows, const Viewer& viewer,
                                                  core::Date as_of) {
    if (rows.empty() || rows.size() > kMaxNamedRows) return {};
    std::vector<std::string> ids;
    ids.reserve(rows.size());
    const std::string& council = rows.front().status->child.local_authority;
    for (const auto& r : rows) {
        const auto& child = r.status->child;
        if (child.local_authority != council) continue;  // a caseload is one council's
        ids.push_back(child.child_id);
    }
    // Audited before anything is read: one entry for the page, listing the children.
    store.record_audit(AuditEntry{viewer.at, viewer.actor, "view_caseload", council, "",
                                  caseload_audit_detail(ids, as_of.iso()), viewer.origin});
    return store.child_names(council, ids);
}

}  // namespace waymark::app
