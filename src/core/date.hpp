#pragma once
// Calendar dates and the durations a standard's limit is written in.
//
// A Date is a day (no time, no zone) over std::chrono::sys_days. Durations come in two kinds
// that must not be mixed up: exact days (days and weeks are whole days, DOMAIN.md section 5)
// and calendar months (months and years), whose length depends on where they start. Date
// arithmetic with months clamps to the last day of the target month: 31 Jan + 1 month is
// 28 Feb (29 in a leap year).
#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace waymark::core {

// A whole number of days, distinct from a count of months so that one cannot be passed where
// the other is meant.
struct Days {
    std::int32_t count = 0;
    friend constexpr auto operator<=>(Days, Days) = default;
};
struct Months {
    std::int32_t count = 0;
    friend constexpr auto operator<=>(Months, Months) = default;
};
constexpr Days weeks(std::int32_t n) {
    return Days{n * 7};
}
constexpr Months years(std::int32_t n) {
    return Months{n * 12};
}

class Date {
public:
    constexpr Date() = default;
    constexpr explicit Date(std::chrono::sys_days d) : days_(d) {}
    // Throws Error(invalid_input) for a day that does not exist.
    Date(int year, unsigned month, unsigned day);

    // Accepts YYYY-MM-DD and, where `allow_dmy`, DD/MM/YYYY. Returns nullopt for anything
    // else, including impossible days such as 2023-02-29.
    static std::optional<Date> try_parse(std::string_view text, bool allow_dmy = false) noexcept;
    // As try_parse, but throws Error(invalid_input) naming the text.
    static Date parse(std::string_view text, bool allow_dmy = false);
    static constexpr Date from_serial(std::int32_t days_since_1970) {
        return Date(std::chrono::sys_days(std::chrono::days(days_since_1970)));
    }

    [[nodiscard]] constexpr std::int32_t serial() const {
        return static_cast<std::int32_t>(days_.time_since_epoch().count());
    }
    [[nodiscard]] constexpr std::chrono::sys_days sys_days() const { return days_; }
    [[nodiscard]] std::chrono::year_month_day ymd() const { return {days_}; }
    [[nodiscard]] int year() const;

    // 2026-11-26
    [[nodiscard]] std::string iso() const;
    // 26 Nov 2026, for people (the command line's tables)
    [[nodiscard]] std::string display() const;
    // 26 November 2026: the web pages' dates (the design system's and GOV.UK's style)
    [[nodiscard]] std::string long_display() const;

    friend constexpr auto operator<=>(Date, Date) = default;
    friend constexpr Date operator+(Date d, Days n) { return Date(d.days_ + std::chrono::days(n.count)); }
    friend constexpr Date operator-(Date d, Days n) { return Date(d.days_ - std::chrono::days(n.count)); }
    friend constexpr Days operator-(Date a, Date b) { return Days{a.serial() - b.serial()}; }
    // Calendar months, clamped to the end of the target month.
    friend Date operator+(Date d, Months n);
    friend Date operator-(Date d, Months n);

private:
    std::chrono::sys_days days_{};
};

// Writes YYYY-MM-DD (exactly 10 characters) at `out` and returns the end, without building a
// string: reports and synth write millions of dates. For years 0 to 9999 (the year is taken
// modulo 10000 outside them; Date::iso handles those).
char* write_iso(char* out, Date d) noexcept;

// Whole years of age on `on` for someone born on `born` (a 29 Feb birthday turns over on
// 1 Mar in common years).
int age_in_years(Date born, Date on);

}  // namespace waymark::core
