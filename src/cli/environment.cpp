#include "cli/environment.hpp"

#include "app/toml_limits.hpp"
#include "core/error.hpp"

#include <toml++/toml.h>

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>

namespace waymark::cli {

using core::Date;
using core::Error;
using core::ErrorKind;

Date local_today() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    return Date(tm.tm_year + 1900, static_cast<unsigned>(tm.tm_mon + 1), static_cast<unsigned>(tm.tm_mday));
}

std::int64_t now_seconds() {
    return static_cast<std::int64_t>(std::time(nullptr));
}

std::string utc_now() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string current_user() {
    if (const passwd* pw = getpwuid(geteuid()); pw != nullptr && pw->pw_name != nullptr) return pw->pw_name;
    if (const char* user = std::getenv("USER"); user != nullptr && *user != '\0') return user;
    return "uid " + std::to_string(geteuid());
}

Date parse_date_option(const std::string& text, const char* option) {
    if (auto d = Date::try_parse(text)) return *d;
    throw Error(ErrorKind::usage, std::string(option) + " '" + text + "' is not a date (expected YYYY-MM-DD)");
}

std::optional<Date> parse_date_option_if_given(const std::string& text, const char* option) {
    return text.empty() ? std::nullopt : std::optional<Date>(parse_date_option(text, option));
}

namespace {

struct Config {
    std::optional<std::string> db;
    std::optional<std::string> standards;
    std::optional<std::string> measures;
};

Config read_config(const std::string& path) {
    Config c;
    toml::table t;
    const std::string text = app::read_toml_file(path, "config file");
    app::check_toml_limits(text, path);
    try {
        t = toml::parse(text, path);
    } catch (const toml::parse_error& e) {
        throw Error(ErrorKind::invalid_input,
                    path + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
    }
    for (auto&& [k, v] : t) {
        if (k.str() != "db" && k.str() != "standards" && k.str() != "measures") {
            throw Error(ErrorKind::invalid_input, path + ":" + std::to_string(v.source().begin.line) +
                                                      ": unknown setting '" + std::string(k.str()) +
                                                      "' (expected db, standards, measures)");
        }
        if (!v.is_string())
            throw Error(ErrorKind::invalid_input, path + ": '" + std::string(k.str()) + "' must be a string");
    }
    if (auto v = t["db"].value<std::string>()) c.db = *v;
    if (auto v = t["standards"].value<std::string>()) c.standards = *v;
    if (auto v = t["measures"].value<std::string>()) c.measures = *v;
    return c;
}

std::string environment(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr ? value : "";
}

}  // namespace

Settings resolve_settings(const GlobalOptions& options) {
    Config config;
    std::string config_path = options.config.empty() ? environment("WAYMARK_CONFIG") : options.config;
    if (!config_path.empty()) config = read_config(config_path);
    Settings settings;
    settings.db = options.db.empty() ? environment("WAYMARK_DB") : options.db;
    if (settings.db.empty()) settings.db = config.db.value_or("waymark.db");
    settings.standards = options.standards.empty() ? config.standards : options.standards;
    settings.measures = options.measures.empty() ? config.measures : options.measures;
    return settings;
}

}  // namespace waymark::cli
