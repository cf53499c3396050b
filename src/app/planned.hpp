#pragma once
// Planned events whose date has passed (issue 13, item 4): a planned review dated last week
// either happened (record that it happened), moved (change its date) or will not happen
// (cancel it). The list is for the worker to update, over the children the user may see
// (app/access.hpp), oldest first; reading it is one audit entry listing the children.
#include "app/access.hpp"
#include "app/reports.hpp"
#include "app/store.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace waymark::app {

// Whether an event is planned for a day before `today` (a plan for today is not yet late).
bool planned_date_passed(const core::Event& event, core::Date today) noexcept;

struct PlannedPassed {
    std::string local_authority;
    std::string child_id;
    std::int64_t key = 0;  // the stored event's key (core::Event::seq)
    core::Event event;
};

struct PlannedPassedList {
    std::vector<PlannedPassed> events;         // oldest first, then by child id and key
    std::map<std::string, std::string> names;  // by child id ("given family"), for those listed
};

// The planned events dated before `today` of the children `user` may see as of `today` (from
// `cache` when given). When any are found, one audit entry (action "view_planned_passed", the
// user's council, no child id, the detail naming every child listed) is written before the
// children's names are read; nothing is returned if it cannot be written.
PlannedPassedList planned_passed(Store& store, const StandardSet& standards, const User& user, core::Date today,
                                 const Viewer& viewer, StatusCache* cache = nullptr);

// Planned events of the child of the same type as `event_type` (and, where the type has a
// "kind" attribute, of the same kind as `kind`), not cancelled, in date order: a second plan
// for the same thing is probably a mistake (a warning, not a refusal).
std::vector<StoredEvent> same_plans(JourneyStore& store, const ChildRef& child, const core::Vocabulary& vocabulary,
                                    core::EventTypeId event_type, std::string_view kind);

}  // namespace waymark::app
