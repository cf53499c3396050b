#include "core/uk_time.hpp"

#include <charconv>
#include <chrono>

namespace waymark::core {

namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr std::int64_t kHour = 60LL * 60;
constexpr std::int64_t kDay = 24 * kHour;

// 01:00 UTC on the last Sunday of the month, as Unix seconds.
std::int64_t last_sunday_one_am(std::chrono::year year, std::chrono::month month) {
    const sys_days last{year / month / std::chrono::last};
    const std::chrono::weekday wd{last};
    const sys_days sunday = last - (wd - std::chrono::Sunday);
    return static_cast<std::int64_t>(sunday.time_since_epoch().count()) * kDay + kHour;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

bool in_summer(std::int64_t unix_seconds) {
    const std::chrono::year_month_day ymd{sys_days{days{floor_div(unix_seconds, kDay)}}};
    return unix_seconds >= last_sunday_one_am(ymd.year(), std::chrono::March) &&
           unix_seconds < last_sunday_one_am(ymd.year(), std::chrono::October);
}

}  // namespace

UkTime uk_time(std::int64_t unix_seconds) {
    UkTime t;
    t.summer = in_summer(unix_seconds);
    const std::int64_t local = unix_seconds + (t.summer ? kHour : 0);
    const std::int64_t day = floor_div(local, kDay);
    const std::int64_t second = local - day * kDay;
    t.date = Date(sys_days{days{day}});
    t.hour = static_cast<int>(second / kHour);
    t.minute = static_cast<int>((second % kHour) / 60);
    return t;
}

std::string uk_display(std::int64_t unix_seconds) {
    const UkTime t = uk_time(unix_seconds);
    const auto two = [](int n) { return std::string(n < 10 ? "0" : "") + std::to_string(n); };
    return t.date.long_display() + ", " + two(t.hour) + ":" + two(t.minute) + (t.summer ? " BST" : " GMT");
}

std::int64_t uk_start_of_day(Date date) {
    const std::int64_t midnight_utc = static_cast<std::int64_t>(date.serial()) * kDay;
    // Midnight local is 23:00 UTC the day before in summer; the change itself is at 01:00 UTC,
    // so midnight is never inside the change.
    return in_summer(midnight_utc - kHour) ? midnight_utc - kHour : midnight_utc;
}

std::optional<std::int64_t> parse_iso_utc(std::string_view text) {
    // YYYY-MM-DDTHH:MM:SS then Z (fractions of a second are ignored).
    if (text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text.back() != 'Z') {
        return std::nullopt;
    }
    const auto date = Date::try_parse(text.substr(0, 10));
    if (!date) return std::nullopt;
    int parts[3] = {};
    for (int i = 0; i < 3; ++i) {
        const std::string_view p = text.substr(11 + static_cast<std::size_t>(i) * 3, 2);
        const auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), parts[i]);
        if (ec != std::errc() || end != p.data() + p.size()) return std::nullopt;
    }
    if (parts[0] > 23 || parts[1] > 59 || parts[2] > 60) return std::nullopt;
    return static_cast<std::int64_t>(date->serial()) * kDay + parts[0] * kHour + std::int64_t{parts[1]} * 60 + parts[2];
}

}  // namespace waymark::core
