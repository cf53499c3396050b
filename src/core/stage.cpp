#include "core/stage.hpp"

namespace waymark::core {

std::string_view to_string(Stage s) noexcept {
    switch (s) {
        case Stage::pre_birth:
            return "pre_birth";
        case Stage::awaiting_adoption:
            return "awaiting_adoption";
        case Stage::permanent:
            return "permanent";
        case Stage::not_looked_after:
            return "not_looked_after";
        case Stage::away_assessment:
            return "away_assessment";
        case Stage::returning_home:
            return "returning_home";
        case Stage::legal:
            return "legal";
        case Stage::panel:
            return "panel";
        case Stage::permanence_planning:
            return "permanence_planning";
        case Stage::at_home:
            return "at_home";
    }
    return "not_looked_after";
}

bool is_permanent_destination(std::string_view destination) noexcept {
    return destination == "home" || destination == "kinship_care_order" || destination == "po" ||
           destination == "adoption" || destination == "sgo" || destination == "cao";
}

bool authorises_adoption(std::string_view order) noexcept {
    return order == "poa" || order == "placement_order";
}

bool is_permanence_order(std::string_view order) noexcept {
    return order == "po" || order == "kinship_care_order" || order == "adoption";
}

StageResult compute_stage(const Journey& journey) {
    const auto& events = journey.events();
    const Date as_of = journey.as_of();
    const auto& child = journey.child();
    StageResult r;

    // Only occurred events count here; Journey already dropped those after the as-of date.
    auto occurred = [&](std::size_t i) { return events[i]->status == EventStatus::occurred; };

    // 1. pre_birth
    bool born = child.date_of_birth && *child.date_of_birth <= as_of;
    std::optional<Date> concern;
    for (std::size_t i = 0; i < events.size() && !born; ++i) {
        if (!occurred(i)) continue;
        if (events[i]->is(EventType::birth)) born = true;
        if (events[i]->is(EventType::pre_birth_concern) && !concern) concern = events[i]->date;
    }
    if (!born) {
        r.stage = Stage::pre_birth;
        r.since = concern;
        return r;
    }

    // The placement of the current away episode, whatever the stage (a child can be permanent
    // on an order and still placed away from home).
    const auto& episodes = journey.periods(PeriodKind::away);
    if (!episodes.empty() && !episodes.back().end) {
        for (std::size_t i = episodes.back().start_index; i < events.size(); ++i) {
            if (!occurred(i)) continue;
            const Event& e = *events[i];
            if (e.is(EventType::accommodated) || e.is(EventType::placement_change)) {
                if (auto p = e.attr("placement"); !p.empty()) r.placement = p;
            }
        }
    }

    const auto& las = journey.periods(PeriodKind::looked_after);
    const Period* last_la = las.empty() ? nullptr : &las.back();
    const bool in_la = last_la != nullptr && !last_la->end;
    if (in_la) r.looked_after_since = last_la->start;

    // 2. awaiting_adoption: the period still open, and its latest order (that no later
    // accommodation or looking after at home follows) gives authority to adopt. permanent:
    // an order granted in the current or last looked after period (up to the day it ended)
    // that no later accommodation or looking after at home follows, or a period that ended
    // with a permanent destination.
    if (last_la != nullptr) {
        std::optional<std::size_t> order;
        for (std::size_t i = last_la->start_index; i < events.size(); ++i) {
            if (!occurred(i)) continue;
            const Event& e = *events[i];
            if (e.is(EventType::order_granted)) {
                if (!last_la->end || e.date <= *last_la->end) order = i;
            } else if (e.is(EventType::accommodated) || e.is(EventType::looked_after_at_home)) {
                if (i != last_la->start_index) order.reset();
            }
        }
        if (order) {
            const Event& granted = *events[*order];
            r.stage = in_la && authorises_adoption(granted.attr("order")) ? Stage::awaiting_adoption : Stage::permanent;
            r.since = granted.date;
            return r;
        }
        if (last_la->end && is_permanent_destination(events[last_la->end_index]->attr("destination"))) {
            r.stage = Stage::permanent;
            r.since = last_la->end;
            return r;
        }
    }

    // 3. not_looked_after
    if (!in_la) {
        r.stage = Stage::not_looked_after;
        if (last_la != nullptr) r.since = last_la->end;
        return r;
    }

    // 4. away from home, by the episode's latest permanence recommendation
    const Period* away = episodes.empty() || episodes.back().end ? nullptr : &episodes.back();
    if (away != nullptr) {
        std::optional<std::size_t> rec;
        for (std::size_t i = away->start_index; i < events.size(); ++i) {
            if (!occurred(i)) continue;
            const Event& e = *events[i];
            if (e.is(EventType::permanence_recommendation)) rec = i;
        }
        if (!rec) {
            r.stage = Stage::away_assessment;
            r.since = away->start;
            return r;
        }
        const Event& recommendation = *events[*rec];
        const auto route = recommendation.attr("route");
        if (route == "return_home" || route == "remain_home") {
            r.stage = Stage::returning_home;
            r.since = recommendation.date;
            return r;
        }
        if (route == "kinship_care_order") {
            r.stage = Stage::legal;
            r.since = recommendation.date;
            return r;
        }
        std::optional<Date> adm;
        std::optional<Date> panel;
        for (std::size_t i = *rec + 1; i < events.size(); ++i) {
            if (!occurred(i)) continue;
            const Event& e = *events[i];
            if (!adm && e.is(EventType::adm_decision) && e.attr("decision") == "agreed") adm = e.date;
            if (!panel && e.is(EventType::permanence_panel)) panel = e.date;
        }
        if (adm) {
            r.stage = Stage::legal;
            r.since = adm;
        } else if (panel) {
            r.stage = Stage::panel;
            r.since = panel;
        } else {
            r.stage = Stage::permanence_planning;
            r.since = recommendation.date;
        }
        return r;
    }

    // 5. at home: since the latest of the period's start, a looked_after_at_home or a
    // returned_home.
    r.stage = Stage::at_home;
    r.since = last_la->start;
    for (std::size_t i = last_la->start_index; i < events.size(); ++i) {
        if (!occurred(i)) continue;
        const Event& e = *events[i];
        if (e.is(EventType::looked_after_at_home) || e.is(EventType::returned_home)) r.since = e.date;
    }
    return r;
}

}  // namespace waymark::core
