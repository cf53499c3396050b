#include "core/standards.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <span>
#include <utility>

namespace waymark::core {

std::optional<Limit> Limit::try_parse(std::string_view text) noexcept {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    int n = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc{} || n < 0 || n > 1200) return std::nullopt;
    std::string_view unit(p, static_cast<std::size_t>(text.data() + text.size() - p));
    while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
    if (unit == "working day" || unit == "working days") return Limit{n, LimitUnit::working_days};
    if (unit == "day" || unit == "days") return Limit{n, LimitUnit::days};
    if (unit == "week" || unit == "weeks") return Limit{n, LimitUnit::weeks};
    if (unit == "month" || unit == "months") return Limit{n, LimitUnit::months};
    if (unit == "year" || unit == "years") return Limit{n, LimitUnit::years};
    return std::nullopt;
}

namespace {

// d moved by n of the unit (n < 0: back); months and years clamp to the month's end.
Date shifted(Date d, LimitUnit unit, int n) {
    switch (unit) {
        case LimitUnit::days:
            return d + Days{n};
        case LimitUnit::weeks:
            return d + weeks(n);
        case LimitUnit::months:
            return d + Months{n};
        case LimitUnit::years:
            return d + years(n);
        case LimitUnit::working_days:
            break;
    }
    throw Error(ErrorKind::internal, "a limit in working days needs a calendar of bank holidays");
}

}  // namespace

Date Limit::after(Date d) const {
    return shifted(d, unit, count);
}

Date Limit::before(Date d) const {
    return shifted(d, unit, -count);
}

std::string Limit::to_string() const {
    static constexpr const char* singular[] = {"day", "week", "month", "year", "working day"};
    std::string out = std::to_string(count) + " " + singular[static_cast<int>(unit)];
    if (count != 1) out += "s";
    return out;
}

WorkingCalendar::WorkingCalendar(std::string name, Date first, Date last, std::vector<Date> holidays)
    : name_(std::move(name)), first_(first), last_(last), holidays_(std::move(holidays)) {
    std::sort(holidays_.begin(), holidays_.end());
    holidays_.erase(std::unique(holidays_.begin(), holidays_.end()), holidays_.end());
}

bool WorkingCalendar::is_holiday(Date d) const noexcept {
    return std::binary_search(holidays_.begin(), holidays_.end(), d);
}

bool WorkingCalendar::is_working_day(Date d) const noexcept {
    const std::chrono::weekday w{d.sys_days()};
    return w != std::chrono::Saturday && w != std::chrono::Sunday && !is_holiday(d);
}

void WorkingCalendar::outside(Date from, std::int32_t n, bool forwards) const {
    throw Error(ErrorKind::invalid_input,
                "counting " + std::to_string(n) + " working days " + (forwards ? "after " : "before ") + from.iso() +
                    " leaves the days the bank holidays of " + name_ + " cover (" + first_.iso() + " to " +
                    last_.iso() + "): add the missing years to that list");
}

Date WorkingCalendar::after(Date from, std::int32_t n) const {
    if (from < first_ || from > last_) outside(from, n, true);
    Date d = from;
    for (std::int32_t counted = 0; counted < n;) {
        d = d + Days{1};
        if (d > last_) outside(from, n, true);
        if (is_working_day(d)) ++counted;
    }
    return d;
}

Date WorkingCalendar::before(Date from, std::int32_t n) const {
    if (from < first_ || from > last_) outside(from, n, false);
    Date d = from;
    for (std::int32_t counted = 0; counted < n;) {
        d = d - Days{1};
        if (d < first_) outside(from, n, false);
        if (is_working_day(d)) ++counted;
    }
    return d;
}

bool EventMatch::matches(const Event& e) const noexcept {
    if (e.type != type) return false;
    for (const auto& f : where) {
        const auto v = e.attr(f.key);
        if (std::find(f.values.begin(), f.values.end(), v) == f.values.end()) return false;
    }
    return true;
}

namespace {

// An enumeration's names, and the name of a value the table does not name.
template <class E, std::size_t N>
using Names = std::array<std::pair<E, std::string_view>, N>;

template <class E, std::size_t N>
std::string_view name_of(E e, const Names<E, N>& names, std::string_view otherwise) noexcept {
    for (const auto& [value, name] : names) {
        if (value == e) return name;
    }
    return otherwise;
}

constexpr Names<PeriodKind, 4> kPeriodKindNames{{{PeriodKind::none, "none"},
                                                 {PeriodKind::away, "away"},
                                                 {PeriodKind::home, "home"},
                                                 {PeriodKind::looked_after, "looked_after"}}};
constexpr Names<Occurrence, 4> kOccurrenceNames{{{Occurrence::each, "each"},
                                                 {Occurrence::first_in_period, "first_in_period"},
                                                 {Occurrence::later_in_period, "later_in_period"},
                                                 {Occurrence::period_start, "period_start"}}};
constexpr Names<ClockStatus, 8> kClockStatusNames{{{ClockStatus::met, "met"},
                                                   {ClockStatus::met_late, "met_late"},
                                                   {ClockStatus::missed, "missed"},
                                                   {ClockStatus::closed, "closed"},
                                                   {ClockStatus::lapsed, "lapsed"},
                                                   {ClockStatus::overdue, "overdue"},
                                                   {ClockStatus::due_soon, "due_soon"},
                                                   {ClockStatus::open, "open"}}};

}  // namespace

std::string_view to_string(PeriodKind k) noexcept {
    return name_of(k, kPeriodKindNames, "none");
}

std::string_view to_string(Direction d) noexcept {
    return d == Direction::after ? "after" : "before";
}

std::string_view to_string(Occurrence o) noexcept {
    return name_of(o, kOccurrenceNames, "each");
}

std::string_view to_string(Counting c) noexcept {
    return c == Counting::day_made_is_day_1 ? "day_made_is_day_1" : "next_day_is_day_1";
}

std::string_view kind_words(std::string_view kind) noexcept {
    if (kind == kKindStatutory) return "statute or regulation";
    if (kind == kKindGuidance) return "guidance";
    if (kind == kKindPace) return "PACE test of change";
    if (kind == kKindLocalAim) return "local aim";
    return kind;
}

Date Standard::due_for(Date from) const {
    if (limit.unit == LimitUnit::working_days) {
        if (!calendar) throw Error(ErrorKind::internal, "standard '" + id + "' counts working days with no calendar");
        try {
            return direction == Direction::before ? calendar->before(from, limit.count)
                                                  : calendar->after(from, limit.count);
        } catch (const Error& e) {
            throw Error(e.kind(), "standard '" + id + "': " + e.what());
        }
    }
    const Date due = direction == Direction::before ? limit.before(from) : limit.after(from);
    return counting == Counting::day_made_is_day_1 ? due - Days{1} : due;
}

std::string_view to_string(ClockStatus s) noexcept {
    return name_of(s, kClockStatusNames, "open");
}

namespace {

bool any_match(const std::vector<EventMatch>& ms, const Event& e) noexcept {
    return std::any_of(ms.begin(), ms.end(), [&](const EventMatch& m) { return m.matches(e); });
}

}  // namespace

void evaluate_clocks(const Journey& journey, const Standard& s, std::vector<Clock>& out) {
    if (!s.enabled) return;
    const auto& events = journey.events();
    const Date as_of = journey.as_of();
    const bool before = s.direction == Direction::before;

    // The candidate starts: events of the start types, in journey order.
    std::span<const std::uint32_t> starts;
    // Kept between calls, so that a standard with several start types allocates nothing per child.
    thread_local std::vector<std::uint32_t> merged;
    if (s.start.size() == 1) {
        starts = journey.positions(s.start.front().type);
    } else {
        merged.clear();
        for (const auto& m : s.start) {
            const auto p = journey.positions(m.type);
            merged.insert(merged.end(), p.begin(), p.end());
        }
        std::sort(merged.begin(), merged.end());
        merged.erase(std::unique(merged.begin(), merged.end()), merged.end());
        starts = merged;
    }
    if (starts.empty()) return;

    // A clock with a precondition starts only after an occurred event of that type.
    std::size_t preceded_at = 0;
    if (s.preceded_by) {
        preceded_at = events.size();
        for (auto p : journey.positions(*s.preceded_by)) {
            if (events[p]->status == EventStatus::occurred) {
                preceded_at = p;
                break;
            }
        }
    }

    // The birthday that ends the clock (cso-review: the 18th), from the date of birth or else
    // the first occurred birth event.
    std::optional<Date> birthday_end;
    if (s.ends_at_age) {
        std::optional<Date> born = journey.child().date_of_birth;
        if (!born) {
            for (auto p : journey.positions(id_of(EventType::birth))) {
                if (events[p]->status == EventStatus::occurred) {
                    born = events[p]->date;
                    break;
                }
            }
        }
        if (born) birthday_end = *born + years(*s.ends_at_age);
    }

    // Occurred starts seen so far in the current period (for first/later occurrences).
    const Period* counted_period = nullptr;
    int count_in_period = 0;

    for (const std::uint32_t i : starts) {
        const Event& e = *events[i];
        if (!any_match(s.start, e)) continue;
        const bool occurred = e.status == EventStatus::occurred;
        if (!occurred && !(before && e.status == EventStatus::planned)) continue;
        if (s.preceded_by && !(preceded_at < i)) continue;

        // The clock belongs to the period open at its start event.
        const Period* period = s.closes_with == PeriodKind::none ? nullptr : journey.period_of(i, s.closes_with);
        if (s.closes_with == PeriodKind::away && period == nullptr) continue;

        if (s.occurrence == Occurrence::period_start) {
            if (period == nullptr || period->start_index != i) continue;
        } else if (s.occurrence != Occurrence::each) {
            if (period == nullptr || !occurred) continue;  // "first of an episode" needs an episode
            if (period != counted_period) {
                counted_period = period;
                count_in_period = 0;
            }
            ++count_in_period;
            const bool first = count_in_period == 1;
            if ((s.occurrence == Occurrence::first_in_period) != first) continue;
        }

        Clock c;
        c.standard = &s;
        c.starts_on = e.date;
        c.start_event = i;
        c.start_planned = !occurred;
        c.due_on = s.due_for(e.date);

        // The stop: the first occurred stop event in journey order that qualifies.
        std::optional<std::uint32_t> stop;
        for (const auto& m : s.stop) {
            for (const std::uint32_t j : journey.positions(m.type)) {
                if (stop && j >= *stop) break;
                const Event& x = *events[j];
                if (j == i || x.status != EventStatus::occurred || !m.matches(x)) continue;
                if (before) {
                    if (x.date > e.date) break;
                    if (period != nullptr && x.date < period->start) continue;
                } else {
                    if (x.date < e.date) continue;
                    // "next" (a stop of the start's own type) must be dated after the start
                    if (x.type == e.type && x.date <= e.date) continue;
                    if (period != nullptr && period->end && x.date > *period->end) break;
                }
                stop = j;
                break;
            }
        }
        // An order that lapses is not revived by a hearing after its due day.
        if (stop && s.lapses && events[*stop]->date > c.due_on) stop.reset();
        c.stop_event = stop;

        // The end: the earliest of the period's end, the first give-up event after the start,
        // and the birthday that ends the clock; it counts only when dated on or before D.
        bool has_end = false;
        Date end;
        const auto earliest = [&](Date d) {
            if (!has_end || d < end) end = d;
            has_end = true;
        };
        if (period != nullptr && period->end) earliest(*period->end);
        for (const auto& m : s.gives_up_at) {
            for (const std::uint32_t j : journey.positions(m.type)) {
                if (j <= i) continue;
                const Event& x = *events[j];
                if (x.status != EventStatus::occurred || !m.matches(x)) continue;
                earliest(x.date);
                break;
            }
        }
        if (birthday_end && *birthday_end >= e.date) earliest(*birthday_end);
        if (has_end && end > as_of) has_end = false;

        if (c.stop_event) {
            const Date stopped = events[*c.stop_event]->date;
            c.stopped_on = stopped;
            if (stopped <= c.due_on) {
                c.status = ClockStatus::met;
            } else {
                c.status = ClockStatus::met_late;
                c.days_late = (stopped - c.due_on).count;
            }
        } else if (before && occurred && e.date < as_of) {
            // A before clock whose start has happened with nothing before it is missed on the
            // start's date, whatever its period did afterwards.
            c.status = ClockStatus::missed;
            c.stopped_on = e.date;
            c.days_late = (e.date - c.due_on).count;
        } else if (s.lapses && !(has_end && end <= c.due_on) && as_of > c.due_on) {
            // The order ceased to have effect at the end of its due day.
            c.status = ClockStatus::lapsed;
            c.stopped_on = c.due_on;
        } else if (has_end) {
            c.stopped_on = end;
            if (end <= c.due_on) {
                c.status = ClockStatus::closed;
            } else {
                c.status = ClockStatus::missed;
                c.days_late = (end - c.due_on).count;
            }
        } else if (as_of > c.due_on) {
            c.status = ClockStatus::overdue;
            c.days_late = (as_of - c.due_on).count;
        } else if ((c.due_on - as_of).count <= s.warning.count) {
            c.status = ClockStatus::due_soon;
        } else {
            c.status = ClockStatus::open;
        }
        out.push_back(c);
    }
}

std::vector<EventTypeId> relevant_event_types(const std::vector<Standard>& standards) {
    // What Journey (periods) and compute_stage read.
    std::vector<EventTypeId> out;
    for (auto t : {EventType::looked_after_at_home, EventType::accommodated, EventType::placement_change,
                   EventType::returned_home, EventType::ceased_looked_after, EventType::birth,
                   EventType::pre_birth_concern, EventType::order_granted, EventType::permanence_recommendation,
                   EventType::permanence_panel, EventType::adm_decision}) {
        out.push_back(id_of(t));
    }
    for (const auto& s : standards) {
        if (!s.enabled) continue;
        for (const auto& m : s.start) out.push_back(m.type);
        for (const auto& m : s.stop) out.push_back(m.type);
        for (const auto& m : s.gives_up_at) out.push_back(m.type);
        if (s.preceded_by) out.push_back(*s.preceded_by);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<Clock> evaluate_clocks(const Journey& journey, const std::vector<Standard>& standards) {
    std::vector<Clock> out;
    for (const auto& s : standards) evaluate_clocks(journey, s, out);
    return out;
}

}  // namespace waymark::core
