#include "app/icalendar.hpp"

#include <chrono>
#include <cstdio>

namespace waymark::app {

std::string ics_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\\' || c == ';' || c == ',') {
            out += '\\';
            out += c;
        } else if (c == '\r') {
            out += "\\n";
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

std::string ics_fold(std::string_view line) {
    constexpr std::size_t kOctets = 75;
    std::string out;
    out.reserve(line.size() + line.size() / 32 + 2);
    std::size_t used = 0;  // octets on the current line (the leading space counts)
    for (std::size_t i = 0; i < line.size();) {
        // The whole UTF-8 character starting at i: its lead byte says how long it is.
        const auto lead = static_cast<unsigned char>(line[i]);
        std::size_t n = 1;
        if (lead >= 0xF0) {
            n = 4;
        } else if (lead >= 0xE0) {
            n = 3;
        } else if (lead >= 0xC0) {
            n = 2;
        }
        n = std::min(n, line.size() - i);
        if (used + n > kOctets) {
            out += "\r\n ";
            used = 1;
        }
        out.append(line.substr(i, n));
        used += n;
        i += n;
    }
    out += "\r\n";
    return out;
}

std::string ics_utc(std::int64_t unix_seconds) {
    using namespace std::chrono;
    const sys_seconds t{seconds(unix_seconds)};
    const auto day = floor<days>(t);
    const year_month_day ymd{day};
    const hh_mm_ss hms{t - day};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
    return buf;
}

namespace {
std::string ics_date(core::Date d) {
    std::string iso = d.iso();
    std::erase(iso, '-');
    return iso;
}
}  // namespace

std::string icalendar(std::span<const CalendarEvent> events, std::int64_t now, std::string_view name) {
    std::string out;
    out += ics_fold("BEGIN:VCALENDAR");
    out += ics_fold("VERSION:2.0");
    out += ics_fold("PRODID:-//Waymark//Due this week//EN");
    out += ics_fold("CALSCALE:GREGORIAN");
    out += ics_fold("METHOD:PUBLISH");
    if (!name.empty()) out += ics_fold("X-WR-CALNAME:" + ics_text(name));
    const std::string stamp = "DTSTAMP:" + ics_utc(now);
    for (const auto& e : events) {
        out += ics_fold("BEGIN:VEVENT");
        out += ics_fold("UID:" + ics_text(e.uid));
        out += ics_fold(stamp);
        out += ics_fold("DTSTART;VALUE=DATE:" + ics_date(e.date));
        out += ics_fold("DTEND;VALUE=DATE:" + ics_date(e.date + core::Days{1}));
        out += ics_fold("SUMMARY:" + ics_text(e.summary));
        if (!e.description.empty()) out += ics_fold("DESCRIPTION:" + ics_text(e.description));
        out += ics_fold("TRANSP:TRANSPARENT");
        out += ics_fold("END:VEVENT");
    }
    out += ics_fold("END:VCALENDAR");
    return out;
}

}  // namespace waymark::app
