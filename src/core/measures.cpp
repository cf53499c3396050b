#include "core/measures.hpp"

#include <algorithm>

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
    }
    return "interval";
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

void tally_interval(const Measure& m, const Journey& journey, const PeriodGrid& grid, MeasureTally& out) {
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

// Snapshots at each period's end, up to the as-of date: which period ends find the child
// looked after, and (overdue_count) with a clock overdue, or (looked_after_with) with the
// event in that period of care. Each period of care and each clock marks a range of period
// ends, so the cost does not grow with the number of periods times events.
void tally_snapshots(const Measure& m, const Journey& journey, std::span<const Clock> clocks, const PeriodGrid& grid,
                     MeasureTally& out) {
    const std::size_t limit = grid.first_ending_from(journey.as_of() + Days{1});  // ends on or before as-of
    if (limit == 0) return;
    std::vector<char> looked_after(grid.size(), 0);
    std::vector<char> counted(grid.size(), 0);
    const auto& events = journey.events();
    for (const Period& la : journey.periods(PeriodKind::looked_after)) {
        // Looked after at the end of day d when the period began by d and had not ended by d.
        const std::optional<Date> last = la.end ? std::optional<Date>(*la.end - Days{1}) : std::nullopt;
        if (last && *last < la.start) continue;
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
        // Overdue at the end of day d when due before d, started by d and not stopped by d.
        for (const Clock& c : clocks) {
            if (c.start_planned || !named(m, c)) continue;
            const Date first = std::max(c.due_on + Days{1}, c.starts_on);
            const std::optional<Date> last = c.stopped_on ? std::optional<Date>(*c.stopped_on - Days{1}) : std::nullopt;
            if (last && *last < first) continue;
            mark(counted, grid, first, last, limit);
        }
    }
    auto* periods = &out.series[""];
    for (std::size_t p = 0; p < limit; ++p) {
        if (!looked_after[p] && !counted[p]) continue;
        if (periods->empty()) periods->resize(grid.size());
        auto& t = (*periods)[p];
        if (looked_after[p]) ++t.denominator;
        if (counted[p]) ++t.numerator;
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

void tally(const Measure& measure, const Journey& journey, std::span<const Clock> clocks, const PeriodGrid& grid,
           MeasureTally& out) {
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
            tally_snapshots(measure, journey, clocks, grid, out);
            break;
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
                p.denominator = static_cast<std::int64_t>(t.cohort.size());
                break;
            case MeasureKind::overdue_count:
                p.value = static_cast<double>(t.numerator);
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
