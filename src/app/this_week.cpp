#include "app/this_week.hpp"

#include "app/csv.hpp"
#include "app/icalendar.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <tuple>

namespace waymark::app {

std::string_view actor_words(Actor a) noexcept {
    switch (a) {
        case Actor::social_worker:
            return "Social worker";
        case Actor::reviewing_officer:
            return "Reviewing officer";
        case Actor::legal:
            return "Legal";
    }
    return "Social worker";
}

Actor who_must_act(core::EventTypeId type, const core::Vocabulary& vocabulary) {
    // A review is chaired by the reviewing officer; advice given and what happens at court
    // (an application, a hearing, the court's decision) are legal's.
    static constexpr std::array<std::string_view, 6> kLegal{"legal_advice_received", "court_application_lodged",
                                                            "court_hearing",         "order_granted",
                                                            "order_refused",         "grounds_hearing"};
    const auto name = vocabulary.name(type);
    if (name == "lar") return Actor::reviewing_officer;
    if (std::find(kLegal.begin(), kLegal.end(), name) != kLegal.end()) return Actor::legal;
    return Actor::social_worker;
}

Actor who_must_act(const core::Standard& standard, const core::Vocabulary& vocabulary) {
    // The first stop event that is not the social worker's decides (a standard's stops are of
    // one kind: a review, or the court's decisions).
    for (const auto& stop : standard.stop) {
        const auto a = who_must_act(stop.type, vocabulary);
        if (a != Actor::social_worker) return a;
    }
    return Actor::social_worker;
}

std::optional<QueryProblem> read_week_query(const ParamLookup& get, const User& user, core::Date today,
                                            WeekQuery& query) {
    // The scope and the worker as "My children" reads them (the other filters do not apply).
    CaseloadQuery q;
    q.as_of = today;
    static const StandardSet none;
    const ParamLookup only = [&get](std::string_view name) -> std::optional<std::string> {
        if (name == "scope" || name == "worker") return get(name);
        return std::nullopt;
    };
    if (auto problem = read_caseload_query(only, user, none, q)) return problem;
    query.scope = q.scope;
    query.worker = q.worker;
    query.from = today;
    if (const auto v = get("from"); v && !v->empty()) {
        const auto d = core::Date::try_parse(*v);
        if (!d) return QueryProblem{"from", "The week must start on a real date, like 2026-12-07."};
        query.from = *d;
    }
    return std::nullopt;
}

namespace {

// "statute or regulation" -> "Statute or regulation", as a table cell starts.
std::string sentence_case(std::string_view words) {
    std::string s(words);
    if (!s.empty() && s.front() >= 'a' && s.front() <= 'z') s.front() = static_cast<char>(s.front() - 'a' + 'A');
    return s;
}

std::string plural_days(std::int32_t n) {
    return std::to_string(n) + (n == 1 ? " day" : " days");
}

const std::string& name_for(Actor a, const Allocation& allocation) {
    switch (a) {
        case Actor::social_worker:
            return allocation.worker;
        case Actor::reviewing_officer:
            return allocation.reviewing_officer;
        case Actor::legal:
            return allocation.legal;
    }
    return allocation.worker;
}

// Whether the role keeps an item whose actor is `a`.
bool keeps(Role role, Actor a) {
    switch (role) {
        case Role::reviewing_officer:
            return a == Actor::reviewing_officer;
        case Role::legal:
            return a == Actor::legal;
        default:
            return true;
    }
}

}  // namespace

std::string week_status_words(const WeekItem& item) {
    if (item.source == WeekItemSource::planned_event) {
        if (item.days == 0) return "Planned for today";
        if (item.days < 0) return "Planned for " + plural_days(-item.days) + " ago";
        return "Planned in " + plural_days(item.days);
    }
    if (item.days == 0) return "Due today";
    if (item.days < 0) return "Overdue by " + plural_days(-item.days);
    return "Due in " + plural_days(item.days);
}

std::string actor_line(const WeekItem& item) {
    return std::string(actor_words(item.actor)) + " (" + (item.actor_name.empty() ? "not named" : item.actor_name) +
           ")";
}

ThisWeek this_week(Store& store, const StandardSet& standards, const User& user, const WeekQuery& query,
                   core::Date today, StatusCache* cache) {
    ThisWeek week{today, query.from, query.from + core::Days{6}, {}};
    CaseloadQuery cq;
    cq.as_of = today;
    cq.scope = query.scope;
    cq.worker = query.worker;
    const auto rows = caseload(store, standards, user, cq, cache);
    if (rows.empty()) return week;
    const std::string council = rows[0].status->child.local_authority;
    std::map<std::string, const CaseloadRow*, std::less<>> listed;  // by child id
    for (const auto& r : rows) {
        if (r.status->child.local_authority == council) listed.emplace(r.status->child.child_id, &r);
    }
    const bool holds_today = week.from <= today && today <= week.to;
    const auto add = [&](const CaseloadRow& row, WeekItemSource source, std::string what, std::string kind,
                         core::Date due, Actor actor, std::string uid) {
        if (!keeps(user.role, actor)) return;
        week.items.push_back({council, row.status->child.child_id, source, std::move(what), std::move(kind), due,
                              (due - today).count, actor, name_for(actor, *row.allocation), row.allocation->worker,
                              *row.team, std::move(uid)});
    };

    // The running clocks: the due report's (the command line's `due`), as of today.
    const auto report = due_report(store, standards, {today, false, council, std::nullopt, std::nullopt});
    for (std::size_t i = 0; i < report.size(); ++i) {
        const auto r = report.row(i);
        const bool in_week = week.from <= r.due_on && r.due_on <= week.to;
        if (!in_week && !(holds_today && r.status == core::ClockStatus::overdue)) continue;
        const auto found = listed.find(report.children[r.child].child_id);
        if (found == listed.end()) continue;
        add(*found->second, WeekItemSource::clock, r.standard->title, sentence_case(core::kind_words(r.standard->kind)),
            r.due_on, who_must_act(*r.standard, standards.vocabulary),
            "clock-" + council + "-" + found->first + "-" + r.standard->id + "-" + r.starts_on.iso() + "@waymark");
    }

    // The planned events dated in the week: one child at a time for a short list, else one read
    // of the council.
    const auto visit = [&](const core::ChildRecord& child, std::span<const core::Event> events) {
        const auto found = listed.find(child.child_id);
        if (found == listed.end()) return;
        for (const auto& e : events) {
            if (e.status != core::EventStatus::planned || e.date < week.from || week.to < e.date) continue;
            add(*found->second, WeekItemSource::planned_event, standards.vocabulary.spec(e.type).label, "Planned event",
                e.date, who_must_act(e.type, standards.vocabulary),
                "event-" + council + "-" + found->first + "-" + std::to_string(e.seq) + "@waymark");
        }
    };
    constexpr std::size_t kOneByOne = 64;
    if (listed.size() <= kOneByOne) {
        for (const auto& [id, row] : listed) store.for_each_journey({council, id, false, {}}, visit);
    } else {
        store.for_each_journey({council, std::nullopt, false, {}}, visit);
    }

    std::sort(week.items.begin(), week.items.end(), [](const WeekItem& a, const WeekItem& b) {
        return std::tie(a.due_on, a.child_id, a.what, a.uid) < std::tie(b.due_on, b.child_id, b.what, b.uid);
    });
    return week;
}

std::map<std::string, std::string> week_names(Store& store, const ThisWeek& week, const Viewer& viewer,
                                              std::string_view action) {
    if (week.items.empty()) return {};
    std::set<std::string> ids;
    for (const auto& item : week.items) ids.insert(item.child_id);
    std::string detail = "names in Due this week, " + week.from.iso() + " to " + week.to.iso() + ": ";
    bool first = true;
    for (const auto& id : ids) {
        if (!first) detail += ", ";
        detail += id;
        first = false;
    }
    // Audited before anything is read: one entry listing the children.
    store.record_audit(
        {viewer.at, viewer.actor, std::string(action), week.items.front().local_authority, "", detail, viewer.origin});
    const std::vector<std::string> list(ids.begin(), ids.end());
    return store.child_names(week.items.front().local_authority, list);
}

std::string this_week_csv(const ThisWeek& week, const std::map<std::string, std::string>& names) {
    std::string out;
    append_csv_row(out, {"case_reference", "name", "what_is_due", "kind", "due_date", "status", "who_must_act",
                         "local_authority"});
    for (const auto& item : week.items) {
        const auto name = names.find(item.child_id);
        append_csv_row(
            out, {item.child_id, name == names.end() ? std::string_view() : std::string_view(name->second), item.what,
                  item.kind, item.due_on.iso(), week_status_words(item), actor_line(item), item.local_authority});
    }
    return out;
}

std::string this_week_ics(const ThisWeek& week, std::int64_t now) {
    std::vector<CalendarEvent> events;
    events.reserve(week.items.size());
    for (const auto& item : week.items) {
        events.push_back({item.uid, item.due_on, item.child_id + ": " + item.what,
                          "Kind: " + item.kind + ". Who must act: " + std::string(actor_words(item.actor)) + "."});
    }
    return icalendar(events, now, "Due this week");
}

}  // namespace waymark::app
