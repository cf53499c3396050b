#pragma once
// What the command line takes from outside the arguments: the configuration (config file, the
// environment, --db/--standards/--measures), the clock and the operating system's user. The
// only place the command line reads the clock.
#include "core/date.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace waymark::cli {

// Today in local time.
core::Date local_today();
// Now: Unix seconds, and in UTC as ISO 8601 (for the audit log).
std::int64_t now_seconds();
std::string utc_now();
// The operating system's user, for the audit log.
std::string current_user();

// A date option's value; a usage error naming the option if it is not YYYY-MM-DD.
core::Date parse_date_option(const std::string& text, const char* option);
// An optional date option: none when not given (empty).
std::optional<core::Date> parse_date_option_if_given(const std::string& text, const char* option);

// The program's options that go before the command, as given (empty: not given).
struct GlobalOptions {
    std::string db;
    std::string config;
    std::string standards;
    std::string measures;
    std::string today;
};

// Where the database, standards and measures are: the option, else the environment
// ($WAYMARK_DB; the config file from --config or $WAYMARK_CONFIG), else the config file's
// setting, else ./waymark.db and the built-in standards and measures.
struct Settings {
    std::string db;
    std::optional<std::string> standards;
    std::optional<std::string> measures;
};
Settings resolve_settings(const GlobalOptions& options);

}  // namespace waymark::cli
