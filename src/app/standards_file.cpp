#include "app/standards_file.hpp"

#include "app/toml_input.hpp"
#include "app/toml_read.hpp"
#include "core/error.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <set>

namespace waymark::app {

extern const char* const kDefaultStandardsToml;  // generated from standards/default.toml

using namespace toml_read;

namespace {

const std::set<std::string> kStandardKeys{"id",           "title",     "kind",        "start",      "stop",
                                          "limit",        "direction", "closes_with", "occurrence", "preceded_by",
                                          "warning_days", "basis",     "source",      "enabled",    "gives_up_at",
                                          "on_expiry",    "counting",  "ends_at_age"};

core::Date get_date(const std::string& origin, const toml::table& t, const char* key) {
    const auto text = get_string(origin, t, key, true);
    const auto d = core::Date::try_parse(text);
    if (!d) bad(origin, t.get(key), std::string(key) + " '" + text + "' is not a date (YYYY-MM-DD)");
    return *d;
}

// A bank-holiday list's file name: letters, digits, '-', '_' and '.', not starting with '.'
// (so never a path out of the standards file's folder).
bool plain_file_name(const std::string& name) {
    return !name.empty() && name.front() != '.' && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
               c == '.';
    });
}

}  // namespace

std::shared_ptr<const core::WorkingCalendar> parse_bank_holidays(std::string_view text, const std::string& origin) {
    const toml::table root = toml_input::parse(text, origin);
    for (auto&& [k, node] : root) {
        const auto key = k.str();
        if (key != "name" && key != "first" && key != "last" && key != "holiday")
            bad(origin, &node, "unknown key '" + std::string(key) + "' (expected name, first, last, [[holiday]])");
    }
    const auto name = get_string(origin, root, "name", false);
    const core::Date first = get_date(origin, root, "first");
    const core::Date last = get_date(origin, root, "last");
    if (last < first) bad(origin, root.get("last"), "last " + last.iso() + " is before first " + first.iso());
    std::vector<core::Date> days;
    if (const auto* holidays = root.get("holiday")) {
        const auto* arr = holidays->as_array();
        if (arr == nullptr) bad(origin, holidays, "'holiday' must be an array of tables ([[holiday]])");
        for (const auto& item : *arr) {
            const auto* t = item.as_table();
            if (t == nullptr) bad(origin, &item, "each [[holiday]] must be a table");
            for (auto&& [k, node] : *t) {
                if (k.str() != "date" && k.str() != "name")
                    bad(origin, &node,
                        "unknown key '" + std::string(k.str()) + "' in [[holiday]] (expected date, name)");
            }
            const core::Date d = get_date(origin, *t, "date");
            if (d < first || d > last)
                bad(origin, t->get("date"),
                    "holiday " + d.iso() + " is outside the days the list covers (" + first.iso() + " to " +
                        last.iso() + ")");
            if (std::find(days.begin(), days.end(), d) != days.end())
                bad(origin, t->get("date"), "holiday " + d.iso() + " is listed twice");
            days.push_back(d);
        }
    }
    const auto file = std::filesystem::path(origin).filename().string();
    return std::make_shared<const core::WorkingCalendar>(name.empty() ? file : name + " (" + file + ")", first, last,
                                                         std::move(days));
}

StandardSet parse_standards(std::string_view text, const std::string& origin,
                            const BankHolidaysReader& read_bank_holidays) {
    const toml::table root = toml_input::parse(text, origin);
    StandardSet set;
    set.origin = origin;
    for (auto&& [k, node] : root) {
        const auto key = k.str();
        if (key != "warning_days" && key != "standard" && key != "event" && key != "bank_holidays") {
            bad(origin, &node,
                "unknown key '" + std::string(key) +
                    "' (expected warning_days, bank_holidays, [[standard]], [[event]])");
        }
    }
    std::shared_ptr<const core::WorkingCalendar> calendar;
    if (const auto* b = root.get("bank_holidays")) {
        const auto name = get_string(origin, root, "bank_holidays", true);
        if (!plain_file_name(name))
            bad(origin, b, "bank_holidays '" + name + "' must be a file name in the standards file's folder");
        if (!read_bank_holidays) bad(origin, b, "bank_holidays names a file, but this standards file has no folder");
        calendar = parse_bank_holidays(read_bank_holidays(name),
                                       (std::filesystem::path(origin).parent_path() / name).string());
    }
    core::Days warning{14};
    if (const auto* w = root.get("warning_days"))
        warning = core::Days{static_cast<std::int32_t>(get_int(origin, w, "warning_days", 0, 365))};

    if (const auto* events = root.get("event")) {
        const auto* arr = events->as_array();
        if (arr == nullptr) bad(origin, events, "'event' must be an array of tables ([[event]])");
        for (const auto& item : *arr) {
            const auto* t = item.as_table();
            if (t == nullptr) bad(origin, &item, "each [[event]] must be a table");
            const auto name = get_string(origin, *t, "name", true);
            if (name.empty() || !std::all_of(name.begin(), name.end(), [](char c) {
                    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                })) {
                bad(origin, t, "event name '" + name + "' must be lower-case letters, digits and _");
            }
            const auto id = set.vocabulary.declare_event(name, get_string(origin, *t, "label", false, name));
            if (const auto* attrs = t->get("attributes")) {
                const auto* at = attrs->as_table();
                if (at == nullptr) bad(origin, attrs, "'attributes' must be a table of key = [values]");
                for (auto&& [ak, av] : *at) {
                    std::vector<std::string> values;
                    const auto* va = av.as_array();
                    if (va == nullptr) bad(origin, &av, "attribute values must be an array of strings");
                    for (const auto& x : *va) {
                        if (!x.is_string()) bad(origin, &x, "attribute values must be strings");
                        values.push_back(*x.value<std::string>());
                    }
                    set.vocabulary.declare_attribute(id, std::string(ak.str()), values);
                }
            }
        }
    }

    const auto* standards = root.get("standard");
    if (standards == nullptr) bad(origin, nullptr, "no [[standard]] tables");
    const auto* arr = standards->as_array();
    if (arr == nullptr) bad(origin, standards, "'standard' must be an array of tables ([[standard]])");
    std::set<std::string> ids;
    for (const auto& item : *arr) {
        const auto* t = item.as_table();
        if (t == nullptr) bad(origin, &item, "each [[standard]] must be a table");
        for (auto&& [k, node] : *t) {
            if (!kStandardKeys.contains(std::string(k.str())))
                bad(origin, &node, "unknown key '" + std::string(k.str()) + "' in [[standard]]");
        }
        core::Standard s;
        s.id = get_string(origin, *t, "id", true);
        if (s.id.empty()) bad(origin, t, "'id' must not be empty");
        if (!ids.insert(s.id).second) bad(origin, t, "standard id '" + s.id + "' is used twice");
        s.title = get_string(origin, *t, "title", true);
        s.kind = get_string(origin, *t, "kind", false, std::string(core::kKindLocalAim));
        // "local", the old files' word for a council's own standard, is a local aim.
        if (s.kind == "local") s.kind = core::kKindLocalAim;
        if (s.kind != core::kKindStatutory && s.kind != core::kKindGuidance && s.kind != core::kKindPace &&
            s.kind != core::kKindLocalAim) {
            bad(origin, t->get("kind"),
                "kind '" + s.kind +
                    "' must be statutory, guidance, pace or local_aim (or local, an old name for local_aim)");
        }
        s.basis = get_string(origin, *t, "basis", false);
        s.source = get_string(origin, *t, "source", false);
        s.start = parse_matches(origin, *t, "start", set.vocabulary);
        s.stop = parse_matches(origin, *t, "stop", set.vocabulary);
        const auto limit_text = get_string(origin, *t, "limit", true);
        auto limit = core::Limit::try_parse(limit_text);
        if (!limit)
            bad(origin, t->get("limit"),
                "limit '" + limit_text + "' is not like \"6 weeks\" (days, weeks, months, years or working days)");
        s.limit = *limit;
        const auto direction = get_string(origin, *t, "direction", false, "after");
        if (direction == "after") {
            s.direction = core::Direction::after;
        } else if (direction == "before") {
            s.direction = core::Direction::before;
        } else {
            bad(origin, t->get("direction"), "direction must be \"after\" or \"before\"");
        }
        const auto closes = get_string(origin, *t, "closes_with", false, "none");
        if (closes == "away") {
            s.closes_with = core::PeriodKind::away;
        } else if (closes == "home") {
            s.closes_with = core::PeriodKind::home;
        } else if (closes == "looked_after") {
            s.closes_with = core::PeriodKind::looked_after;
        } else if (closes == "none") {
            s.closes_with = core::PeriodKind::none;
        } else {
            bad(origin, t->get("closes_with"), "closes_with must be away, home, looked_after or none");
        }
        const auto occurrence = get_string(origin, *t, "occurrence", false, "each");
        if (occurrence == "each") {
            s.occurrence = core::Occurrence::each;
        } else if (occurrence == "first_in_period") {
            s.occurrence = core::Occurrence::first_in_period;
        } else if (occurrence == "later_in_period") {
            s.occurrence = core::Occurrence::later_in_period;
        } else if (occurrence == "period_start") {
            s.occurrence = core::Occurrence::period_start;
        } else {
            bad(origin, t->get("occurrence"),
                "occurrence must be each, first_in_period, later_in_period or period_start");
        }
        if (s.occurrence != core::Occurrence::each && s.closes_with == core::PeriodKind::none) {
            bad(origin, t->get("occurrence"), "occurrence " + occurrence + " needs a period (closes_with)");
        }
        if (const auto* p = t->get("preceded_by")) {
            if (!p->is_string()) bad(origin, p, "'preceded_by' must be an event type");
            s.preceded_by = event_type(origin, p, set.vocabulary, *p->value<std::string>());
        }
        if (t->get("gives_up_at") != nullptr) s.gives_up_at = parse_matches(origin, *t, "gives_up_at", set.vocabulary);
        const auto expiry = get_string(origin, *t, "on_expiry", false, "none");
        if (expiry == "lapse") {
            s.lapses = true;
        } else if (expiry != "none") {
            bad(origin, t->get("on_expiry"), "on_expiry must be \"lapse\" or \"none\"");
        }
        const auto counting = get_string(origin, *t, "counting", false, "next_day_is_day_1");
        if (counting == "day_made_is_day_1") {
            s.counting = core::Counting::day_made_is_day_1;
        } else if (counting != "next_day_is_day_1") {
            bad(origin, t->get("counting"), "counting must be \"next_day_is_day_1\" or \"day_made_is_day_1\"");
        }
        if (s.limit.unit == core::LimitUnit::working_days) {
            if (!calendar)
                bad(origin, t->get("limit"),
                    "a limit in working days needs the list of bank holidays: bank_holidays = \"FILE\" at the top");
            if (s.counting == core::Counting::day_made_is_day_1)
                bad(origin, t->get("counting"), "counting day_made_is_day_1 is for limits in calendar days");
            s.calendar = calendar;
        }
        if (s.counting == core::Counting::day_made_is_day_1 &&
            (s.direction == core::Direction::before || s.limit.count == 0)) {
            bad(origin, t->get("counting"),
                "counting day_made_is_day_1 needs direction after and a limit of 1 or more");
        }
        if (const auto* age = t->get("ends_at_age"))
            s.ends_at_age = static_cast<std::int32_t>(get_int(origin, age, "ends_at_age", 1, 120));
        s.warning = warning;
        if (const auto* w = t->get("warning_days"))
            s.warning = core::Days{static_cast<std::int32_t>(get_int(origin, w, "warning_days", 0, 365))};
        if (const auto* en = t->get("enabled")) {
            if (!en->is_boolean()) bad(origin, en, "'enabled' must be true or false");
            s.enabled = *en->value<bool>();
        }
        set.standards.push_back(std::move(s));
    }
    return set;
}

StandardSet load_standards_file(const std::string& path) {
    const auto folder = std::filesystem::path(path).parent_path();
    return parse_standards(toml_input::read_file(path, "standards file"), path, [&](const std::string& name) {
        return toml_input::read_file((folder / name).string(), "bank holidays file");
    });
}

std::string_view default_standards_text() {
    return kDefaultStandardsToml;
}

StandardSet default_standards() {
    auto set = parse_standards(kDefaultStandardsToml, "built-in standards/default.toml");
    set.origin = "built-in defaults";
    return set;
}

}  // namespace waymark::app
