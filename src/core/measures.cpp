#include "core/measures.hpp"

#include <algorithm>
#include <array>

namespace waymark::core {

std::string_view to_string(MeasureKind k) noexcept {
    switch (k) {
        case MeasureKind::on_time:
            return "on_time";
        case MeasureKind::interval:
            return "interval";
        case MeasureKind::within:
            return "within";
        case MeasureKind::event_share:
            return "event_share";
        case MeasureKind::overdue_count:
            return "overdue_count";
        case MeasureKind::looked_after_with:
            return "looked_after_with";
        case MeasureKind::lapsed_count:
            return "lapsed_count";
        case MeasureKind::in_period_count:
            return "in_period_count";
        case MeasureKind::events_between:
            return "events_between";
        case MeasureKind::re_entry:
            return "re_entry";
        case MeasureKind::siblings_together:
            return "siblings_together";
    }
    return "interval";
}

std::span<const MeasureKind> all_measure_kinds() noexcept {
    static constexpr std::array kinds{
        MeasureKind::on_time,      MeasureKind::interval,         MeasureKind::within,
        MeasureKind::event_share,  MeasureKind::overdue_count,    MeasureKind::looked_after_with,
        MeasureKind::lapsed_count, MeasureKind::in_period_count,  MeasureKind::events_between,
        MeasureKind::re_entry,     MeasureKind::siblings_together};
    return kinds;
}

ValueKind value_kind(MeasureKind k) noexcept {
    switch (k) {
        case MeasureKind::interval:
            return ValueKind::median_days;
        case MeasureKind::overdue_count:
        case MeasureKind::lapsed_count:
        case MeasureKind::in_period_count:
            return ValueKind::count;
        case MeasureKind::events_between:
            return ValueKind::ratio;
        default:
            return ValueKind::percentage;
    }
}

bool is_snapshot(MeasureKind k) noexcept {
    return k == MeasureKind::overdue_count || k == MeasureKind::looked_after_with ||
           k == MeasureKind::in_period_count || k == MeasureKind::siblings_together;
}

std::string_view to_string(Better b) noexcept {
    return b == Better::up ? "up" : "down";
}

// --- Periods ----------------------------------------------------------------------------------

namespace {

Date period_start(Date d, PeriodLength length) {
    const auto ymd = d.ymd();
    auto month = static_cast<unsigned>(ymd.month());
    if (length == PeriodLength::quarter) month = (month - 1) / 3 * 3 + 1;
    return Date(static_cast<int>(ymd.year()), month, 1);
}

Months step_of(PeriodLength length) {
    return Months{length == PeriodLength::quarter ? 3 : 1};
}

}  // namespace

PeriodGrid::PeriodGrid(Date from, Date to, PeriodLength length) : length_(length) {
    for (Date d = period_start(from, length); d <= to; d = d + step_of(length)) starts_.push_back(d);
    if (starts_.empty()) starts_.push_back(period_start(from, length));
    starts_.push_back(starts_.back() + step_of(length));
}

std::optional<std::size_t> PeriodGrid::index_of(Date d) const {
    if (d < starts_.front() || d >= starts_.back()) return std::nullopt;
    const auto it = std::upper_bound(starts_.begin(), starts_.end(), d);
    return static_cast<std::size_t>(it - starts_.begin()) - 1;
}

std::size_t PeriodGrid::first_ending_from(Date d) const {
    // Period i ends the day before starts_[i + 1].
    const auto it = std::upper_bound(starts_.begin() + 1, starts_.end(), d);
    return static_cast<std::size_t>(it - (starts_.begin() + 1));
}

std::string PeriodGrid::label(std::size_t i) const {
    const auto ymd = starts_[i].ymd();
    const auto month = static_cast<unsigned>(ymd.month());
    std::string out = std::to_string(static_cast<int>(ymd.year()));
    if (length_ == PeriodLength::quarter) return out + "-Q" + std::to_string((month - 1) / 3 + 1);
    return out + (month < 10 ? "-0" : "-") + std::to_string(month);
}

// --- Tallies ----------------------------------------------------------------------------------

void PeriodTally::merge(PeriodTally&& other) {
    numerator += other.numerator;
    denominator += other.denominator;
    completed.insert(completed.end(), other.completed.begin(), other.completed.end());
    cohort.insert(cohort.end(), other.cohort.begin(), other.cohort.end());
    for (const auto& [key, count] : other.siblings) {
        auto& mine = siblings[key];
        mine.looked_after += count.looked_after;
        mine.away += count.away;
        mine.together += count.together;
    }
}

void MeasureTally::merge(MeasureTally&& other) {
    for (auto& [key, periods] : other.series) {
        auto& mine = series[key];
        if (mine.empty()) {
            mine = std::move(periods);
            continue;
        }
        for (std::size_t i = 0; i < periods.size(); ++i) mine[i].merge(std::move(periods[i]));
    }
}

namespace {

bool any_match(const std::vector<EventMatch>& matches, const Event& e) {
    return std::any_of(matches.begin(), matches.end(), [&](const EventMatch& m) { return m.matches(e); });
}

bool named(const Measure& m, const Clock& c) {
    return m.standards.empty() ||
           std::find(m.standards.begin(), m.standards.end(), c.standard->id) != m.standards.end();
}

std::vector<PeriodTally>& periods_of(MeasureTally& out, const std::string& key, const PeriodGrid& grid) {
    auto& v = out.series[key];
    if (v.empty()) v.resize(grid.size());
    return v;
}

void tally_on_time(const Measure& m, std::span<const Clock> clocks, const PeriodGrid& grid, MeasureTally& out) {
    for (const Clock& c : clocks) {
        if (!named(m, c)) continue;
        // A lapsed order is decided and not met, like a missed clock.
        const bool decided = c.status == ClockStatus::met || c.status == ClockStatus::met_late ||
                             c.status == ClockStatus::missed || c.status == ClockStatus::overdue ||
                             c.status == ClockStatus::lapsed;
        if (!decided) continue;
        if (const auto p = grid.index_of(c.due_on)) {
            auto& t = periods_of(out, "", grid)[*p];
            ++t.denominator;
            if (c.status == ClockStatus::met) ++t.numerator;
        }
    }
}

struct Wait {
    Date start;
    Date end;  // when the wait ended, or when it was last seen (censored)
    bool finished = false;
    const Event* ending = nullptr;
};

// Every wait the measure's start events open in this journey.
std::vector<Wait> waits(const Measure& m, const Journey& journey) {
    std::vector<Wait> out;
    const auto& events = journey.events();
    const Period* counted_in = nullptr;  // for first_in_period: the looked after period already counted
    for (std::size_t i = 0; i < events.size(); ++i) {
        const Event& e = *events[i];
        if (e.status != EventStatus::occurred || !any_match(m.start, e)) continue;
        if (m.occurrence != Occurrence::each) {
            const Period* la = journey.period_of(i, PeriodKind::looked_after);
            if (la == nullptr || la == counted_in) continue;
            counted_in = la;
        }
        const Period* within = m.within_period == PeriodKind::none ? nullptr : journey.period_of(i, m.within_period);
        const std::size_t last = within != nullptr && within->end ? within->end_index : events.size() - 1;
        Wait w{e.date, journey.as_of(), false, nullptr};
        if (within != nullptr && within->end) w.end = *within->end;
        for (std::size_t j = i + 1; j <= last && j < events.size(); ++j) {
            const Event& f = *events[j];
            if (f.status == EventStatus::occurred && any_match(m.end, f)) {
                w = {e.date, f.date, true, &f};
                break;
            }
        }
        out.push_back(w);
    }
    return out;
}

// interval and within with an outcome: one wait per looked after period that ended with the
// outcome, tallied in the period of its ending.
void tally_by_outcome(const Measure& m, const Journey& journey, const PeriodGrid& grid, MeasureTally& out) {
    const auto& events = journey.events();
    const auto occurred_match = [&](std::size_t i, const std::vector<EventMatch>& ms) {
        return events[i]->status == EventStatus::occurred && any_match(ms, *events[i]);
    };
    for (const Period& period : journey.periods(PeriodKind::looked_after)) {
        if (!period.end || !occurred_match(period.end_index, m.outcome)) continue;
        const auto at = grid.index_of(*period.end);
        if (!at) continue;
        std::optional<std::size_t> start;
        std::optional<std::size_t> end;
        for (std::size_t i = period.start_index; i <= period.end_index && i < events.size(); ++i) {
            if (!start && occurred_match(i, m.start)) start = i;
            if (!end && occurred_match(i, m.end)) end = i;
        }
        if (!start || !end) continue;
        Date to = events[*end]->date;
        if (!m.ends_at_previous.empty()) {
            for (std::size_t j = *end; j-- > period.start_index;) {
                const Event& e = *events[j];
                if (e.status != EventStatus::occurred) continue;
                const bool named = std::any_of(m.ends_at_previous.begin(), m.ends_at_previous.end(),
                                               [&](const EventMatch& x) { return x.type == e.type; });
                if (!named) continue;
                if (any_match(m.ends_at_previous, e)) to = e.date;
                break;
            }
        }
        const Date from = events[*start]->date;
        const std::int32_t days = to > from ? (to - from).count : 0;
        auto& t = periods_of(out, "", grid)[*at];
        if (m.kind == MeasureKind::within) {
            ++t.denominator;
            if (to < m.limit->after(from)) ++t.numerator;
        } else {
            t.completed.push_back(static_cast<double>(days));
        }
    }
}

void tally_interval(const Measure& m, const Journey& journey, const PeriodGrid& grid, MeasureTally& out) {
    if (!m.outcome.empty()) {
        tally_by_outcome(m, journey, grid, out);
        return;
    }
    for (const Wait& w : waits(m, journey)) {
        const auto days = static_cast<double>((w.end - w.start).count);
        if (const auto p = grid.index_of(w.start)) periods_of(out, "", grid)[*p].cohort.push_back({days, w.finished});
        if (!w.finished) continue;
        if (const auto p = grid.index_of(w.end)) {
            periods_of(out, "", grid)[*p].completed.push_back(days);
            if (!m.split.empty()) {
                const auto value = w.ending->attr(m.split);
                periods_of(out, std::string(value.empty() ? "(none)" : value), grid)[*p].completed.push_back(days);
            }
        }
    }
}

void tally_within(const Measure& m, const Journey& journey, const PeriodGrid& grid, MeasureTally& out) {
    if (!m.outcome.empty()) {
        tally_by_outcome(m, journey, grid, out);
        return;
    }
    for (const Wait& w : waits(m, journey)) {
        const auto p = grid.index_of(w.start);
        if (!p) continue;
        const Date deadline = m.limit->after(w.start);
        auto& t = periods_of(out, "", grid)[*p];
        if (w.finished && w.end <= deadline) {
            ++t.numerator;
            ++t.denominator;
        } else if (deadline <= journey.as_of() || (!w.finished && w.end < journey.as_of())) {
            // The limit has passed, or the child's care ended without it: not achieved.
            ++t.denominator;
        }
        // Otherwise the child may still make it: not counted yet.
    }
}

void tally_event_share(const Measure& m, const Journey& journey, const PeriodGrid& grid, MeasureTally& out) {
    for (const Event* e : journey.events()) {
        if (e->status != EventStatus::occurred || !any_match(m.start, *e)) continue;
        if (const auto p = grid.index_of(e->date)) {
            auto& t = periods_of(out, "", grid)[*p];
            ++t.denominator;
            if (any_match(m.end, *e)) ++t.numerator;
        }
    }
}

// Marks the periods whose last day lies in [first, last] (last empty: open-ended), up to `limit`.
void mark(std::vector<char>& marks, const PeriodGrid& grid, Date first, std::optional<Date> last, std::size_t limit) {
    const std::size_t lo = grid.first_ending_from(first);
    const std::size_t hi = std::min(last ? grid.first_ending_from(*last + Days{1}) : grid.size(), limit);
    for (std::size_t p = lo; p < hi; ++p) marks[p] = 1;
}

// Looked after at the end of day d when the period began by d and had not ended by d: the last
// such day, or nullopt while open; false when the period ended the day it began.
bool last_day_in(const Period& p, std::optional<Date>& last) {
    last = p.end ? std::optional<Date>(*p.end - Days{1}) : std::nullopt;
    return !last || *last >= p.start;
}

// in_period_count: the period ends at which the child is in a period of the measure's kind, up
// to the day before an `end` event in it.
void mark_in_period(const Measure& m, const Journey& journey, const PeriodGrid& grid, std::size_t limit,
                    std::vector<char>& counted) {
    const auto& events = journey.events();
    for (const Period& period : journey.periods(m.within_period)) {
        std::optional<Date> last;
        if (!last_day_in(period, last)) continue;
        const std::size_t stop = period.end ? period.end_index : events.size() - 1;
        for (std::size_t i = period.start_index + 1; i <= stop && i < events.size(); ++i) {
            const Event& e = *events[i];
            if (e.status == EventStatus::occurred && any_match(m.end, e)) {
                if (!last || e.date - Days{1} < *last) last = e.date - Days{1};
                break;
            }
        }
        if (last && *last < period.start) continue;
        mark(counted, grid, period.start, last, limit);
    }
}

// siblings_together: the period ends at which the child is away from home, and those at which
// the latest placement of the away episode says siblings=together.
void mark_placements(const Journey& journey, const PeriodGrid& grid, std::size_t limit, std::vector<char>& away,
                     std::vector<char>& together) {
    const auto& events = journey.events();
    for (const Period& episode : journey.periods(PeriodKind::away)) {
        std::optional<Date> last;
        if (!last_day_in(episode, last)) continue;
        mark(away, grid, episode.start, last, limit);
        const std::size_t stop = episode.end ? episode.end_index : events.size() - 1;
        const Event* placement = nullptr;
        const auto close = [&](std::optional<Date> next) {
            if (placement == nullptr || placement->attr("siblings") != "together") return;
            std::optional<Date> until = last;
            if (next && (!until || *next - Days{1} < *until)) until = *next - Days{1};
            if (!until || *until >= placement->date) mark(together, grid, placement->date, until, limit);
        };
        for (std::size_t i = episode.start_index; i <= stop && i < events.size(); ++i) {
            const Event& e = *events[i];
            if (e.status != EventStatus::occurred) continue;
            if (!e.is(EventType::placement_change) && !(e.is(EventType::accommodated) && i == episode.start_index))
                continue;
            close(e.date);
            placement = &e;
        }
        close(std::nullopt);
    }
}

// Snapshots at each period's end, up to the as-of date: which period ends find the child
// looked after, and (overdue_count) with a clock overdue, (looked_after_with) with the event in
// that period of care, (in_period_count) in a period of the kind, or (siblings_together) away
// from home and placed with their siblings. Each period of care and each clock marks a range of
// period ends, so the cost does not grow with the number of periods times events.
void tally_snapshots(const Measure& m, const Journey& journey, std::span<const Clock> clocks,
                     std::span<const std::optional<Date>> last_overdue, const PeriodGrid& grid, MeasureTally& out) {
    const std::size_t limit = grid.first_ending_from(journey.as_of() + Days{1});  // ends on or before as-of
    if (limit == 0) return;
    const bool siblings = m.kind == MeasureKind::siblings_together;
    if (siblings && journey.child().sibling_group.empty()) return;  // no siblings known
    std::vector<char> looked_after(grid.size(), 0);
    std::vector<char> counted(grid.size(), 0);
    std::vector<char> together;
    const auto& events = journey.events();
    for (const Period& la : journey.periods(PeriodKind::looked_after)) {
        std::optional<Date> last;
        if (!last_day_in(la, last)) continue;
        mark(looked_after, grid, la.start, last, limit);
        if (m.kind != MeasureKind::looked_after_with) continue;
        const std::size_t stop = la.end ? la.end_index : events.size() - 1;
        for (std::size_t i = la.start_index; i <= stop && i < events.size(); ++i) {
            if (events[i]->status == EventStatus::occurred && any_match(m.end, *events[i])) {
                if (!last || events[i]->date <= *last) mark(counted, grid, events[i]->date, last, limit);
                break;
            }
        }
    }
    if (m.kind == MeasureKind::overdue_count) {
        // Overdue at the end of day d when the engine, asked as of d, says so (last_overdue_days).
        for (std::size_t i = 0; i < clocks.size(); ++i) {
            const Clock& c = clocks[i];
            if (c.start_planned || !named(m, c) || !last_overdue[i]) continue;
            mark(counted, grid, first_overdue_day(c), *last_overdue[i], limit);
        }
    }
    if (m.kind == MeasureKind::in_period_count) mark_in_period(m, journey, grid, limit, counted);
    if (siblings) {
        together.assign(grid.size(), 0);
        mark_placements(journey, grid, limit, counted, together);
    }
    auto* periods = &out.series[""];
    const std::string key = siblings ? journey.child().local_authority + '\x1f' + journey.child().sibling_group : "";
    for (std::size_t p = 0; p < limit; ++p) {
        if (!looked_after[p] && !counted[p]) continue;
        if (periods->empty()) periods->resize(grid.size());
        auto& t = (*periods)[p];
        if (siblings) {
            if (!looked_after[p]) continue;
            auto& group = t.siblings[key];
            ++group.looked_after;
            if (counted[p]) ++group.away;
            if (together[p] && counted[p]) ++group.together;
            continue;
        }
        if (looked_after[p]) ++t.denominator;
        if (counted[p]) ++t.numerator;
    }
}

// lapsed_count: the clocks of the named standards by the period of their due day: decided ones
// (not still running) in the denominator, lapsed ones in the numerator.
void tally_lapsed(const Measure& m, std::span<const Clock> clocks, const PeriodGrid& grid, MeasureTally& out) {
    for (const Clock& c : clocks) {
        if (c.start_planned || !named(m, c) || is_running(c.status)) continue;
        if (const auto p = grid.index_of(c.due_on)) {
            auto& t = periods_of(out, "", grid)[*p];
            ++t.denominator;
            if (c.status == ClockStatus::lapsed) ++t.numerator;
        }
    }
}

// events_between: each occurred start event opens a case, closed by the first occurred end event
// after it; a case closed in the period counts once in the denominator, and the occurred `count`
// events between its start and its end in the numerator.
void tally_events_between(const Measure& m, const Journey& journey, const PeriodGrid& grid, MeasureTally& out) {
    const auto& events = journey.events();
    for (std::size_t i = 0; i < events.size(); ++i) {
        if (events[i]->status != EventStatus::occurred || !any_match(m.start, *events[i])) continue;
        std::int64_t between = 0;
        for (std::size_t j = i + 1; j < events.size(); ++j) {
            const Event& e = *events[j];
            if (e.status != EventStatus::occurred) continue;
            if (any_match(m.end, e)) {
                if (const auto p = grid.index_of(e.date)) {
                    auto& t = periods_of(out, "", grid)[*p];
                    ++t.denominator;
                    t.numerator += between;
                }
                break;
            }
            if (any_match(m.count, e)) ++between;
        }
    }
}

// re_entry: each occurred start event is a return home, unless the child is already home from a
// return counted earlier in the same looked after period (a ceasing after a return home). Only
// returns whose limit has passed by the as-of date count: numerator those followed by an
// occurred `end` event (accommodated) by then.
void tally_re_entry(const Measure& m, const Journey& journey, const PeriodGrid& grid, MeasureTally& out) {
    const auto& events = journey.events();
    for (std::size_t i = 0; i < events.size(); ++i) {
        const Event& e = *events[i];
        if (e.status != EventStatus::occurred || !any_match(m.start, e)) continue;
        const Period* la = journey.period_of(i, PeriodKind::looked_after);
        bool home_already = false;
        for (std::size_t k = i; la != nullptr && k-- > la->start_index;) {
            const Event& before = *events[k];
            if (before.status != EventStatus::occurred) continue;
            if (any_match(m.end, before)) break;
            if (any_match(m.start, before)) {
                home_already = true;
                break;
            }
        }
        if (home_already) continue;
        const auto p = grid.index_of(e.date);
        const Date deadline = m.limit->after(e.date);
        if (!p || deadline > journey.as_of()) continue;
        auto& t = periods_of(out, "", grid)[*p];
        ++t.denominator;
        for (std::size_t j = i + 1; j < events.size(); ++j) {
            const Event& f = *events[j];
            if (f.date > deadline) break;
            if (f.status == EventStatus::occurred && any_match(m.end, f)) {
                ++t.numerator;
                break;
            }
        }
    }
}

std::optional<double> median(std::vector<double> v) {
    if (v.empty()) return std::nullopt;
    const std::size_t mid = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
    const double upper = v[mid];
    if (v.size() % 2 == 1) return upper;
    const double lower = *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid));
    return (lower + upper) / 2;
}

}  // namespace

Date first_overdue_day(const Clock& c) {
    return std::max(c.due_on + Days{1}, c.starts_on);
}

// A stop or an end, once dated, stays, so the days on which the engine calls a clock overdue are
// one run, from first_overdue_day to the day before its first stop or end. The clock as of the
// as-of date names one of those (its stopped_on), but an end can come before a stop that still
// counts (a give-up before a meeting held late: met late), so the engine is asked again with the
// journey as of the day before, until it says overdue or that the clock never was. Only clocks
// met late are asked again: a missed clock's stopped_on is its end with no stop by then, and
// met on time, closed and lapsed clocks stop by their due day.
std::vector<std::optional<Date>> last_overdue_days(const Journey& journey, std::span<const Clock> clocks) {
    std::vector<std::optional<Date>> out(clocks.size());
    std::vector<Event> events;  // the journey's events, copied once when the engine is asked again
    std::vector<Clock> past_clocks;
    for (std::size_t i = 0; i < clocks.size(); ++i) {
        const Clock& c = clocks[i];
        const Date first = first_overdue_day(c);
        if (c.status == ClockStatus::overdue) {
            out[i] = journey.as_of();
            continue;
        }
        if (!c.stopped_on || *c.stopped_on - Days{1} < first) continue;
        Date d = *c.stopped_on - Days{1};
        if (c.status != ClockStatus::met_late) {
            out[i] = d;
            continue;
        }
        if (events.empty()) {
            events.reserve(journey.events().size());
            for (const Event* e : journey.events()) events.push_back(*e);
        }
        while (d >= first) {
            // The events up to the clock's start keep their places as of d: found by its start.
            const Journey past(journey.child(), events, d);
            past_clocks.clear();
            evaluate_clocks(past, *c.standard, past_clocks);
            const auto it = std::find_if(past_clocks.begin(), past_clocks.end(), [&](const Clock& x) {
                return x.start_event == c.start_event && x.starts_on == c.starts_on;
            });
            if (it == past_clocks.end()) break;
            if (it->status == ClockStatus::overdue) {
                out[i] = d;
                break;
            }
            if (!it->stopped_on || *it->stopped_on - Days{1} >= d) break;
            d = *it->stopped_on - Days{1};
        }
    }
    return out;
}

void tally(const Measure& measure, const Journey& journey, std::span<const Clock> clocks, const PeriodGrid& grid,
           MeasureTally& out) {
    const auto last_overdue = measure.kind == MeasureKind::overdue_count ? last_overdue_days(journey, clocks)
                                                                         : std::vector<std::optional<Date>>{};
    tally(measure, journey, clocks, last_overdue, grid, out);
}

void tally(const Measure& measure, const Journey& journey, std::span<const Clock> clocks,
           std::span<const std::optional<Date>> last_overdue, const PeriodGrid& grid, MeasureTally& out) {
    switch (measure.kind) {
        case MeasureKind::on_time:
            tally_on_time(measure, clocks, grid, out);
            break;
        case MeasureKind::interval:
            tally_interval(measure, journey, grid, out);
            break;
        case MeasureKind::within:
            tally_within(measure, journey, grid, out);
            break;
        case MeasureKind::event_share:
            tally_event_share(measure, journey, grid, out);
            break;
        case MeasureKind::overdue_count:
        case MeasureKind::looked_after_with:
        case MeasureKind::in_period_count:
        case MeasureKind::siblings_together:
            tally_snapshots(measure, journey, clocks, last_overdue, grid, out);
            break;
        case MeasureKind::lapsed_count:
            tally_lapsed(measure, clocks, grid, out);
            break;
        case MeasureKind::events_between:
            tally_events_between(measure, journey, grid, out);
            break;
        case MeasureKind::re_entry:
            tally_re_entry(measure, journey, grid, out);
            break;
    }
}

void share_sibling_counts(std::span<MeasureTally* const> parts) {
    std::vector<std::map<std::string, std::int32_t>> totals;
    for (MeasureTally* part : parts) {
        const auto it = part->series.find("");
        if (it == part->series.end()) continue;
        if (totals.size() < it->second.size()) totals.resize(it->second.size());
        for (std::size_t p = 0; p < it->second.size(); ++p) {
            for (const auto& [key, count] : it->second[p].siblings) totals[p][key] += count.looked_after;
        }
    }
    for (MeasureTally* part : parts) {
        const auto it = part->series.find("");
        if (it == part->series.end()) continue;
        for (std::size_t p = 0; p < it->second.size(); ++p) {
            for (auto& [key, count] : it->second[p].siblings) count.looked_after = totals[p][key];
        }
    }
}

std::vector<MeasurePoint> finish(const Measure& measure, const std::vector<PeriodTally>& periods) {
    std::vector<MeasurePoint> out;
    out.reserve(periods.size());
    for (std::size_t i = 0; i < periods.size(); ++i) {
        const PeriodTally& t = periods[i];
        MeasurePoint p;
        p.period = i;
        p.numerator = t.numerator;
        p.denominator = t.denominator;
        switch (measure.kind) {
            case MeasureKind::interval:
                p.completed = t.completed.size();
                p.median_completed = median(t.completed);
                p.value = p.median_completed;
                p.cohort = kaplan_meier(t.cohort);
                p.numerator = static_cast<std::int64_t>(t.completed.size());
                // Counted by outcome, there is no entry cohort: the waits are those that ended.
                p.denominator =
                    static_cast<std::int64_t>(measure.outcome.empty() ? t.cohort.size() : t.completed.size());
                break;
            case MeasureKind::overdue_count:
            case MeasureKind::lapsed_count:
            case MeasureKind::in_period_count:
                p.value = static_cast<double>(t.numerator);
                break;
            case MeasureKind::events_between:
                if (t.denominator > 0) p.value = static_cast<double>(t.numerator) / static_cast<double>(t.denominator);
                break;
            case MeasureKind::siblings_together:
                // The children away from home with a looked after brother or sister.
                p.numerator = 0;
                p.denominator = 0;
                for (const auto& [key, group] : t.siblings) {
                    if (group.looked_after < 2) continue;
                    p.numerator += group.together;
                    p.denominator += group.away;
                }
                if (p.denominator > 0)
                    p.value = 100.0 * static_cast<double>(p.numerator) / static_cast<double>(p.denominator);
                break;
            default:
                if (t.denominator > 0)
                    p.value = 100.0 * static_cast<double>(t.numerator) / static_cast<double>(t.denominator);
        }
        out.push_back(p);
    }
    return out;
}

}  // namespace waymark::core
