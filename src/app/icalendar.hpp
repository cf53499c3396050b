#pragma once
// A small iCalendar writer (RFC 5545) for all-day events: "Due this week"'s download
// (app/this_week.hpp). Pure: the caller gives the time stamp.
#include "core/date.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace waymark::app {

struct CalendarEvent {
    std::string uid;          // unique and stable for the same clock or event
    core::Date date;          // all day: DTSTART;VALUE=DATE, DTEND the next day
    std::string summary;      // plain text, escaped here
    std::string description;  // plain text, escaped here ("" for none)
};

// Text escaped as RFC 5545 section 3.3.11 says: backslash, semicolon and comma with a
// backslash before them, a line break as \n (CR LF, CR and LF alike).
std::string ics_text(std::string_view text);

// One content line folded as section 3.1 says: lines of at most 75 octets, each line after
// the first starting with a space, never splitting a UTF-8 character; every line ends CRLF.
std::string ics_fold(std::string_view line);

// A UTC time (Unix seconds) as a DATE-TIME: 20261207T181100Z.
std::string ics_utc(std::int64_t unix_seconds);

// A VCALENDAR (VERSION 2.0, PRODID Waymark) with one VEVENT per event: UID, DTSTAMP (`now`),
// DTSTART;VALUE=DATE, DTEND;VALUE=DATE (the next day), SUMMARY, DESCRIPTION when given and
// TRANSP:TRANSPARENT (a due date does not make anyone busy).
std::string icalendar(std::span<const CalendarEvent> events, std::int64_t now, std::string_view name);

}  // namespace waymark::app
