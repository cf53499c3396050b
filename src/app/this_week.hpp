#pragma once
// "Due this week" (issue 13, item 3): what falls to a user in a week (by default today and the
// six days after it) among the children they may see, and what is already overdue: the running
// clocks of the due report (app/reports.hpp) and the planned events dated in the week, each with
// who must act. A social worker's own children or their team's; a team manager's team, the
// council or their own, by worker; a reviewing officer's reviews to chair; a legal worker's
// advice, court applications and hearings. The children are the caseload's (app::caseload), so
// who sees which child is app/access.hpp's decision, as everywhere.
#include "app/caseload_report.hpp"
#include "app/reports.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::app {

// Who must act on a clock or a planned event. The standards have no owner field, so it follows
// from the events: a clock that a looked after review stops (and a planned review) is the
// reviewing officer's to chair; one that legal advice received, a court's decision or a
// hearing at court stops (and such a planned event) is legal's; the rest are the social
// worker's.
enum class Actor : std::uint8_t { social_worker, reviewing_officer, legal };
std::string_view actor_words(Actor a) noexcept;  // "Social worker", "Reviewing officer", "Legal"
Actor who_must_act(core::EventTypeId type, const core::Vocabulary& vocabulary);
Actor who_must_act(const core::Standard& standard, const core::Vocabulary& vocabulary);

struct WeekQuery {
    core::Date from;  // the week's first day; it runs to from + 6
    CaseloadScope scope = CaseloadScope::mine;
    std::optional<std::string> worker;  // a manager's filter: the children allocated to this worker
};

// Reads a week's query from named parameters: from (YYYY-MM-DD; default `today`), scope (the
// role's, as "My children": the first is the default) and worker (team managers). A bad value
// is a problem naming the parameter.
std::optional<QueryProblem> read_week_query(const ParamLookup& get, const User& user, core::Date today,
                                            WeekQuery& query);

enum class WeekItemSource : std::uint8_t { clock, planned_event };

struct WeekItem {
    std::string local_authority;
    std::string child_id;
    WeekItemSource source = WeekItemSource::clock;
    std::string what;  // the standard's title, or the planned event's label
    std::string kind;  // the standard's kind in words (core::kind_words, "Statute or regulation"), or "Planned event"
    core::Date due_on;
    std::int32_t days = 0;  // due_on - today: below 0 overdue by -days days
    Actor actor = Actor::social_worker;
    std::string actor_name;  // the user the child's allocation names for the actor ("" if none)
    std::string worker;      // the child's allocated worker ("" if none)
    std::string team;        // that worker's team
    // Stable across requests and days, for a calendar: the clock's council, child, standard and
    // start, or the planned event's council, child and stored key. Case references only.
    std::string uid;
};

// "Overdue by 3 days", "Due today", "Due in 1 day", "Due 2 days ago"... as of today: for a
// clock "Overdue by N days" / "Due today" / "Due in N days"; for a planned event "Planned for
// today" / "Planned in N days".
std::string week_status_words(const WeekItem& item);
// Who must act in words: "Legal (legal@S12000049)", "Reviewing officer (not named)".
std::string actor_line(const WeekItem& item);

struct ThisWeek {
    core::Date today;
    core::Date from;
    core::Date to;                // from + 6
    std::vector<WeekItem> items;  // by due date (overdue first), case reference, what
};

// The user's week. Running clocks due in the week, and, when the week holds today, every clock
// already overdue; planned events dated in the week. A reviewing officer's and a legal worker's
// lists keep only what is theirs to act on (Actor); a social worker's and a team manager's keep
// all of it. Reads no names: see week_names.
ThisWeek this_week(Store& store, const StandardSet& standards, const User& user, const WeekQuery& query,
                   core::Date today, StatusCache* cache = nullptr);

// The names of the children listed, by child id. Showing them is a view of the named children:
// ONE audit entry (action `action`: view_this_week for the page, download_this_week for the CSV)
// lists their case references, written before any name is read.
std::map<std::string, std::string> week_names(Store& store, const ThisWeek& week, const Viewer& viewer,
                                              std::string_view action);

// The week as CSV, the page's columns: case reference, name, what is due, kind, due date, status,
// who must act (and the council). Dates as YYYY-MM-DD, for spreadsheets.
std::string this_week_csv(const ThisWeek& week, const std::map<std::string, std::string>& names);

// The week as an iCalendar file (app/icalendar.hpp): one all-day event per item, case
// references only (no names, no dates of birth). `now` is the DTSTAMP (UTC, Unix seconds).
std::string this_week_ics(const ThisWeek& week, std::int64_t now);

}  // namespace waymark::app
