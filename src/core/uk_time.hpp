#pragma once
// UK local time (Europe/London) by the rules in force since 1996: Greenwich Mean Time, and
// British Summer Time (GMT + 1 hour) from 01:00 GMT on the last Sunday of March to 01:00 GMT on
// the last Sunday of October. By hand because this compiler's standard library has no time zone
// database (std::chrono::locate_zone). Pure: the caller gives the instant.
#include "core/date.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace waymark::core {

struct UkTime {
    Date date;            // the local date
    int hour = 0;         // 0 to 23, local
    int minute = 0;       // 0 to 59
    bool summer = false;  // BST (else GMT)
};

// The UK local time of an instant (Unix seconds, UTC).
UkTime uk_time(std::int64_t unix_seconds);

// "7 December 2026, 14:05 GMT" (or BST): a time for people, in the web pages.
std::string uk_display(std::int64_t unix_seconds);

// The instant (Unix seconds, UTC) at which a UK local date begins (its 00:00 local time).
std::int64_t uk_start_of_day(Date date);

// Unix seconds from an ISO 8601 UTC time "2026-12-07T14:05:09Z" (the audit log's `at`); none if
// it is not one.
std::optional<std::int64_t> parse_iso_utc(std::string_view text);

}  // namespace waymark::core
