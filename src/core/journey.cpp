#include "core/journey.hpp"

#include <algorithm>

namespace waymark::core {

bool event_order(const Event& a, const Event& b) noexcept {
    if (a.date != b.date) return a.date < b.date;
    return a.seq < b.seq;
}

namespace {

void close(std::vector<Period>& periods, std::uint32_t& open, Date on, std::size_t index) {
    if (open == 0) return;
    auto& p = periods[open - 1];
    p.end = on;
    p.end_index = index;
    open = 0;
}

std::uint32_t open_new(std::vector<Period>& periods, PeriodKind kind, Date on, std::size_t index) {
    periods.push_back(Period{kind, index, on, std::nullopt, 0});
    return static_cast<std::uint32_t>(periods.size());
}

}  // namespace

Journey::Journey(const ChildRecord& child, std::span<const Event> events, Date as_of) {
    assign(child, events, as_of);
}

void Journey::assign(const ChildRecord& child, std::span<const Event> events, Date as_of) {
    child_ = &child;
    as_of_ = as_of;
    events_.clear();
    la_.clear();
    away_.clear();
    home_.clear();
    events_.reserve(events.size());
    for (const auto& e : events) {
        if (e.status == EventStatus::cancelled) continue;
        if (e.status == EventStatus::occurred && e.date > as_of) continue;
        events_.push_back(&e);
    }
    const auto n = events_.size();
    in_la_.assign(n, 0);
    in_away_.assign(n, 0);
    in_home_.assign(n, 0);

    // Group positions by type (a counting sort keeps journey order within each type).
    EventTypeId max_type = 0;
    for (const auto* e : events_) max_type = std::max(max_type, e->type);
    type_start_.assign(n == 0 ? 0 : static_cast<std::size_t>(max_type) + 2, 0);
    for (const auto* e : events_) ++type_start_[e->type + 1];
    for (std::size_t t = 1; t < type_start_.size(); ++t) type_start_[t] += type_start_[t - 1];
    by_type_.resize(n);
    fill_.assign(type_start_.begin(), type_start_.end());
    for (std::size_t i = 0; i < n; ++i) by_type_[fill_[events_[i]->type]++] = static_cast<std::uint32_t>(i);

    std::uint32_t la = 0;
    std::uint32_t away = 0;
    std::uint32_t home = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const Event& e = *events_[i];
        if (e.status != EventStatus::occurred) {
            in_la_[i] = la;
            in_away_[i] = away;
            in_home_[i] = home;
            continue;
        }
        switch (static_cast<EventType>(e.type)) {
            case EventType::looked_after_at_home:
                if (la == 0) la = open_new(la_, PeriodKind::looked_after, e.date, i);
                // A second one inside an open home period ends it that day and starts a new one.
                close(home_, home, e.date, i);
                home = open_new(home_, PeriodKind::home, e.date, i);
                break;
            case EventType::accommodated:
                if (la == 0) la = open_new(la_, PeriodKind::looked_after, e.date, i);
                // The accommodation ends the time at home; it belongs to the new away episode, so a
                // second accommodation inside an open episode ends that one the same day.
                if (home != 0) {
                    in_home_[i] = home;
                    close(home_, home, e.date, i);
                }
                if (away != 0) close(away_, away, e.date, i);
                away = open_new(away_, PeriodKind::away, e.date, i);
                in_la_[i] = la;
                in_away_[i] = away;
                continue;
            default:
                break;
        }
        in_la_[i] = la;
        in_away_[i] = away;
        in_home_[i] = home;
        if (e.is(EventType::returned_home)) {
            // A return home that ends an away episode while the looked after period goes on
            // starts a home period, which the return belongs to.
            if (away != 0 && la != 0 && home == 0) {
                home = open_new(home_, PeriodKind::home, e.date, i);
                in_home_[i] = home;
            }
            close(away_, away, e.date, i);
        } else if (e.is(EventType::ceased_looked_after)) {
            close(away_, away, e.date, i);
            close(home_, home, e.date, i);
            close(la_, la, e.date, i);
        }
    }
}

std::span<const std::uint32_t> Journey::positions(EventTypeId type) const noexcept {
    if (static_cast<std::size_t>(type) + 1 >= type_start_.size()) return {};
    return std::span<const std::uint32_t>(by_type_).subspan(type_start_[type],
                                                            type_start_[type + 1] - type_start_[type]);
}

const std::vector<Period>& Journey::periods(PeriodKind kind) const {
    switch (kind) {
        case PeriodKind::looked_after:
            return la_;
        case PeriodKind::away:
            return away_;
        case PeriodKind::home:
            return home_;
        case PeriodKind::none:
            break;
    }
    static const std::vector<Period> none;
    return none;
}

const Period* Journey::period_of(std::size_t i, PeriodKind kind) const {
    std::uint32_t k = 0;
    switch (kind) {
        case PeriodKind::looked_after:
            k = in_la_.at(i);
            break;
        case PeriodKind::away:
            k = in_away_.at(i);
            break;
        case PeriodKind::home:
            k = in_home_.at(i);
            break;
        case PeriodKind::none:
            return nullptr;
    }
    return k == 0 ? nullptr : &periods(kind)[k - 1];
}

}  // namespace waymark::core
