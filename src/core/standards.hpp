#pragma once
// Standards as clocks (DOMAIN.md section 5). A standard starts a clock at one event, stops it
// at another and has a limit; evaluate_clocks applies the section's semantics as of a date.
// Nothing here is hard-wired to a timescale: the defaults ship in standards/default.toml.
#include "core/date.hpp"
#include "core/journey.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace waymark::core {

enum class LimitUnit : std::uint8_t { days, weeks, months, years, working_days };

struct Limit {
    std::int32_t count = 0;
    LimitUnit unit = LimitUnit::days;

    // Parses "6 weeks", "14 days", "3 months", "2 years", "1 year", "3 days", "20 working days".
    static std::optional<Limit> try_parse(std::string_view text) noexcept;
    // Calendar units only: working days need a WorkingCalendar (Standard::due_for), and these
    // throw Error(internal) for them.
    [[nodiscard]] Date after(Date d) const;
    [[nodiscard]] Date before(Date d) const;
    [[nodiscard]] std::string to_string() const;  // "6 weeks", "20 working days"
    friend bool operator==(const Limit&, const Limit&) = default;
};

// Working days (DOMAIN.md section 5, docs/standards.md): Monday to Friday, except the bank
// holidays of a list that is data (standards/bank-holidays-england-and-wales.toml, read by
// app/standards_file and handed in here). The list covers the days first() to last(); counting
// that would leave them is an error, never a guess.
class WorkingCalendar {
public:
    // `holidays` need not be sorted; every one must lie in [first, last].
    WorkingCalendar(std::string name, Date first, Date last, std::vector<Date> holidays);

    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    [[nodiscard]] Date first() const noexcept { return first_; }
    [[nodiscard]] Date last() const noexcept { return last_; }
    [[nodiscard]] const std::vector<Date>& holidays() const noexcept { return holidays_; }
    [[nodiscard]] bool is_holiday(Date d) const noexcept;
    // Monday to Friday and not a holiday (outside [first, last] only the weekday is known).
    [[nodiscard]] bool is_working_day(Date d) const noexcept;

    // The nth working day after `from`: `from` is day 0 whether or not it is a working day,
    // day 1 is the first working day after it; n = 0 gives `from`. The result is always a
    // working day (for n >= 1), so a due day never falls on a weekend or a holiday. Throws
    // Error(invalid_input) when `from` or the result lies outside [first, last].
    [[nodiscard]] Date after(Date from, std::int32_t n) const;
    // The nth working day before `from`, counted the same way backwards.
    [[nodiscard]] Date before(Date from, std::int32_t n) const;

private:
    [[noreturn]] void outside(Date from, std::int32_t n, bool forwards) const;
    std::string name_;
    Date first_;
    Date last_;
    std::vector<Date> holidays_;  // sorted, unique
};

enum class Direction : std::uint8_t { after, before };

// Which occurrences of the start event start a clock, counted among the occurred start events
// inside the period the standard closes with. period_start: only a start event that starts
// that period (a returned_home that starts a home period, not one that ends the care).
enum class Occurrence : std::uint8_t { each, first_in_period, later_in_period, period_start };

// How the limit is counted: from the day after the start (due = start + limit), or with the
// day the order was made as day 1 (due = start + limit - 1 day: an ICSO's 22 days).
enum class Counting : std::uint8_t { next_day_is_day_1, day_made_is_day_1 };

struct AttributeFilter {
    std::string key;
    std::vector<std::string> values;  // any of
};

struct EventMatch {
    EventTypeId type = 0;
    std::vector<AttributeFilter> where;  // all of
    [[nodiscard]] bool matches(const Event& e) const noexcept;
};

struct Standard {
    std::string id;
    std::string title;
    std::string basis;   // "reg 45(2)(a)"
    std::string source;  // "Looked After Children (Scotland) Regulations 2009"
    std::string kind;    // statutory, guidance, pace or local_aim (kind_words says it for people)
    bool enabled = true;
    std::vector<EventMatch> start;  // any of
    Occurrence occurrence = Occurrence::each;
    std::optional<EventTypeId> preceded_by;  // only starts after an occurred event of this type
    std::vector<EventMatch> stop;            // any of
    Limit limit;
    Direction direction = Direction::after;
    PeriodKind closes_with = PeriodKind::none;
    Days warning{14};
    // Gives up at (any of): the first occurred such event after the start (date, then file
    // order), inside the clock's period where it closes with one, ends the clock.
    std::vector<EventMatch> gives_up_at;
    // On expiry: lapse. An order's clock: a stop after due does not count, and a clock with no
    // end on or before due is lapsed once due has passed.
    bool lapses = false;
    Counting counting = Counting::next_day_is_day_1;
    // The child's birthday at this age (date_of_birth, or the birth event's date, plus this
    // many years) ends the clock when it falls on or after the start (cso-review: 18).
    std::optional<std::int32_t> ends_at_age;
    // The bank holidays a limit in working days is counted with (shared by the standards of one
    // file); empty for calendar limits.
    std::shared_ptr<const WorkingCalendar> calendar;

    // due for a clock started on `from`: from + limit (or - limit for a before clock),
    // less a day when the day made is day 1. A limit in working days counts with `calendar`
    // (WorkingCalendar::after) and throws Error(invalid_input), naming the standard, when the
    // count leaves the days the calendar covers.
    [[nodiscard]] Date due_for(Date from) const;
};

// The kinds of standard (DOMAIN.md section 5): the values of Standard::kind.
inline constexpr std::string_view kKindStatutory = "statutory";
inline constexpr std::string_view kKindGuidance = "guidance";
inline constexpr std::string_view kKindPace = "pace";
inline constexpr std::string_view kKindLocalAim = "local_aim";
// The kind in the words a user sees: "statute or regulation", "guidance", "PACE test of
// change" or "local aim" (the kind itself when it is none of these).
std::string_view kind_words(std::string_view kind) noexcept;

std::string_view to_string(PeriodKind k) noexcept;  // none, away, home, looked_after
std::string_view to_string(Direction d) noexcept;
std::string_view to_string(Occurrence o) noexcept;
std::string_view to_string(Counting c) noexcept;

// lapsed: an order's clock whose due day passed with no review: the order ceased to have effect.
enum class ClockStatus : std::uint8_t { met, met_late, missed, closed, lapsed, overdue, due_soon, open };
std::string_view to_string(ClockStatus s) noexcept;
// overdue, due_soon and open: the clocks still running.
constexpr bool is_running(ClockStatus s) noexcept {
    return s == ClockStatus::overdue || s == ClockStatus::due_soon || s == ClockStatus::open;
}

struct Clock {
    const Standard* standard = nullptr;
    Date starts_on;
    Date due_on;
    ClockStatus status = ClockStatus::open;
    std::optional<Date> stopped_on;
    std::optional<std::int32_t> days_late;
    std::size_t start_event = 0;  // index into Journey::events()
    std::optional<std::size_t> stop_event;
    bool start_planned = false;
};

// The event types that clocks and stages can depend on: those the enabled standards name and
// those that make periods and stages. A report over many children reads only these.
std::vector<EventTypeId> relevant_event_types(const std::vector<Standard>& standards);

// Every clock of every enabled standard for one child, in the order of the standards, then of
// their start events.
std::vector<Clock> evaluate_clocks(const Journey& journey, const std::vector<Standard>& standards);
// Appends the clocks of one standard.
void evaluate_clocks(const Journey& journey, const Standard& standard, std::vector<Clock>& out);

}  // namespace waymark::core
