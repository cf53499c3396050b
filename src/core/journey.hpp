#pragma once
// A child and the dated events of their journey, and the periods derived from them
// (DATA.md, "Periods derived from events").
#include "core/date.hpp"
#include "core/vocabulary.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace waymark::core {

struct ChildRecord {
    std::string local_authority;
    std::string child_id;
    std::string family_name;
    std::string given_name;
    std::optional<Date> date_of_birth;
    std::optional<Date> expected_birth_date;
    std::string sex;
    // The council's identifier of a group of brothers and sisters (DATA.md children.csv);
    // children who share it are siblings. Empty when not given.
    std::string sibling_group;
    // The record is restricted (an adoption plan has started: app/access.hpp). Kept by the
    // store, not derived from the events: once restricted, a child stays restricted whatever
    // later events say, until an administrator lifts it (app/restriction.hpp).
    bool restricted = false;
};

struct Event {
    Date date;
    EventTypeId type = 0;
    EventStatus status = EventStatus::occurred;
    std::string details;  // canonical key=value;key=value
    std::string agency;
    std::string note;
    std::string event_id;
    std::int64_t seq = 0;  // file order: orders events dated on one day

    [[nodiscard]] bool is(EventType t) const noexcept { return type == id_of(t); }
    [[nodiscard]] std::string_view attr(std::string_view key) const noexcept { return detail_value(details, key); }
};

// Events ordered by (date, seq), as a journey is read.
bool event_order(const Event& a, const Event& b) noexcept;

enum class PeriodKind : std::uint8_t { none, looked_after, away, home };

struct Period {
    PeriodKind kind = PeriodKind::none;
    std::size_t start_index = 0;  // into the journey's event list
    Date start;
    std::optional<Date> end;    // the day the ending event is dated; nullopt while open
    std::size_t end_index = 0;  // valid when end is set
};

// The events that count as of a date, with each event's period of each kind.
//
// Holds the events that any report reads as of D: cancelled events and occurred events dated
// after D are dropped (DATA.md: history can be replayed), planned events are kept whatever
// their date. Periods come from occurred events only.
class Journey {
public:
    // `events` must be in event_order.
    Journey(const ChildRecord& child, std::span<const Event> events, Date as_of);
    Journey() = default;
    // Makes this the journey of another child, reusing its buffers (reports walk 100,000s).
    void assign(const ChildRecord& child, std::span<const Event> events, Date as_of);

    [[nodiscard]] const ChildRecord& child() const noexcept { return *child_; }
    [[nodiscard]] Date as_of() const noexcept { return as_of_; }
    [[nodiscard]] const std::vector<const Event*>& events() const noexcept { return events_; }
    [[nodiscard]] const std::vector<Period>& periods(PeriodKind kind) const;
    // The period of `kind` that event i belongs to (the one open at it, events on one day in
    // file order; an event that starts a period belongs to it, one that ends a period too).
    [[nodiscard]] const Period* period_of(std::size_t event_index, PeriodKind kind) const;
    // Positions in events() of the events of one type, in journey order: the standards engine
    // looks only at the events a standard names.
    [[nodiscard]] std::span<const std::uint32_t> positions(EventTypeId type) const noexcept;

private:
    const ChildRecord* child_ = nullptr;
    Date as_of_;
    std::vector<const Event*> events_;
    std::vector<Period> la_, away_, home_;
    // Per event, index+1 into la_/away_/home_, 0 for none.
    std::vector<std::uint32_t> in_la_, in_away_, in_home_;
    std::vector<std::uint32_t> by_type_;     // positions grouped by type
    std::vector<std::uint32_t> type_start_;  // type -> first index in by_type_ (size types + 1)
    std::vector<std::uint32_t> fill_;
};

}  // namespace waymark::core
