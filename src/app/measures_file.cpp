#include "app/measures_file.hpp"

#include "app/toml_read.hpp"
#include "core/error.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <set>

namespace waymark::app {

extern const char* const kDefaultMeasuresToml;  // generated from measures/default.toml

using namespace toml_read;

namespace {

const std::set<std::string> kKeys{"id",      "title",           "definition", "unit",   "better", "kind",  "standards",
                                  "start",   "occurrence",      "end",        "within", "limit",  "split", "count",
                                  "outcome", "ends_at_previous"};

core::MeasureKind parse_kind(const std::string& origin, const toml::table& t) {
    const std::string k = get_string(origin, t, "kind", true);
    std::string names;
    for (const auto kind : core::all_measure_kinds()) {
        if (core::to_string(kind) == k) return kind;
        names += (names.empty() ? "" : ", ") + std::string(core::to_string(kind));
    }
    bad(origin, t.get("kind"), "kind '" + k + "' is not one of " + names);
}

core::PeriodKind parse_within(const std::string& origin, const toml::table& t) {
    const std::string w = get_string(origin, t, "within", false, "none");
    if (w == "away") return core::PeriodKind::away;
    if (w == "looked_after") return core::PeriodKind::looked_after;
    if (w == "home") return core::PeriodKind::home;
    if (w == "none") return core::PeriodKind::none;
    bad(origin, t.get("within"), "within must be away, home, looked_after or none");
}

std::vector<std::string> parse_standards(const std::string& origin, const toml::table& t, const StandardSet& set) {
    std::vector<std::string> out;
    const toml::node* n = t.get("standards");
    if (n == nullptr) return out;
    const auto* arr = n->as_array();
    if (arr == nullptr) bad(origin, n, "'standards' must be a list of standard ids");
    for (const auto& x : *arr) {
        if (!x.is_string()) bad(origin, &x, "standard ids must be strings");
        const std::string id = *x.value<std::string>();
        const auto it = std::find_if(set.standards.begin(), set.standards.end(),
                                     [&](const core::Standard& s) { return s.id == id; });
        if (it == set.standards.end()) bad(origin, &x, "'" + id + "' is not a standard (see waymark standards)");
        if (!it->enabled) bad(origin, &x, "standard '" + id + "' is switched off in " + set.origin);
        out.push_back(id);
    }
    return out;
}

// What each kind needs, and nothing it would ignore.
void check_kind(const std::string& origin, const toml::table& t, const core::Measure& m) {
    const auto needs = [&](const char* key) {
        if (t.get(key) == nullptr)
            bad(origin, &t, "kind " + std::string(core::to_string(m.kind)) + " needs '" + key + "'");
    };
    const auto refuses = [&](const char* key) {
        if (const auto* n = t.get(key)) {
            bad(origin, n, "'" + std::string(key) + "' does not apply to kind " + std::string(core::to_string(m.kind)));
        }
    };
    using K = core::MeasureKind;
    const K k = m.kind;
    const bool waits = k == K::interval || k == K::within;
    const bool with_start = waits || k == K::event_share || k == K::events_between || k == K::re_entry;
    const bool standards = k == K::on_time || k == K::overdue_count || k == K::lapsed_count;
    if (k == K::on_time || k == K::lapsed_count) needs("standards");
    if (!standards) refuses("standards");
    if (with_start) needs("start");
    if (!with_start) refuses("start");
    if (with_start || k == K::looked_after_with) needs("end");
    if (!with_start && k != K::looked_after_with && k != K::in_period_count) refuses("end");
    if (!waits) refuses("occurrence");
    if (k == K::in_period_count) needs("within");
    if (!waits && k != K::in_period_count) refuses("within");
    if (k == K::within || k == K::re_entry) needs("limit");
    if (k != K::within && k != K::re_entry) refuses("limit");
    if (k == K::events_between) needs("count");
    if (k != K::events_between) refuses("count");
    if (k != K::interval) refuses("split");
    if (!waits) refuses("outcome");
    if (t.get("outcome") == nullptr) refuses("ends_at_previous");
}

core::Measure parse_one(const std::string& origin, const toml::table& t, const StandardSet& set) {
    for (auto&& [k, v] : t) {
        if (!kKeys.contains(std::string(k.str()))) bad(origin, &v, "unknown key '" + std::string(k.str()) + "'");
    }
    core::Measure m;
    m.id = get_string(origin, t, "id", true);
    const bool slug = !m.id.empty() && std::all_of(m.id.begin(), m.id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
    if (!slug) bad(origin, t.get("id"), "id '" + m.id + "' must be lower-case letters, digits and '-'");
    m.title = get_string(origin, t, "title", true);
    m.definition = get_string(origin, t, "definition", true);
    m.unit = get_string(origin, t, "unit", false);
    const std::string better = get_string(origin, t, "better", true);
    if (better != "up" && better != "down") bad(origin, t.get("better"), "better must be up or down");
    m.better = better == "up" ? core::Better::up : core::Better::down;
    m.kind = parse_kind(origin, t);
    check_kind(origin, t, m);
    m.standards = parse_standards(origin, t, set);
    if (t.get("start") != nullptr) m.start = parse_matches(origin, t, "start", set.vocabulary);
    if (t.get("end") != nullptr) m.end = parse_matches(origin, t, "end", set.vocabulary);
    if (t.get("count") != nullptr) m.count = parse_matches(origin, t, "count", set.vocabulary);
    const std::string occurrence = get_string(origin, t, "occurrence", false, "each");
    if (occurrence == "first_in_period") {
        m.occurrence = core::Occurrence::first_in_period;
    } else if (occurrence != "each") {
        bad(origin, t.get("occurrence"), "occurrence must be each or first_in_period");
    }
    m.within_period = parse_within(origin, t);
    if (m.kind == core::MeasureKind::in_period_count && m.within_period == core::PeriodKind::none)
        bad(origin, t.get("within"), "kind in_period_count needs within = away, home or looked_after");
    if (t.get("limit") != nullptr) {
        const std::string text = get_string(origin, t, "limit", true);
        m.limit = core::Limit::try_parse(text);
        if (!m.limit) bad(origin, t.get("limit"), "limit '" + text + "' is not like \"12 months\" or \"20 weeks\"");
        if (m.limit->unit == core::LimitUnit::working_days)
            bad(origin, t.get("limit"), "limit '" + text + "': working days are for standards, not measures");
    }
    if (t.get("outcome") != nullptr) {
        m.outcome = parse_matches(origin, t, "outcome", set.vocabulary);
        // Counted by outcome, a wait is the first start to the first end of the looked after period.
        if (m.within_period != core::PeriodKind::looked_after)
            bad(origin, t.get("outcome"), "'outcome' counts looked after periods: it needs within = \"looked_after\"");
        if (m.occurrence != core::Occurrence::first_in_period)
            bad(origin, t.get("outcome"),
                "'outcome' counts the first start of a period: it needs occurrence = \"first_in_period\"");
        if (t.get("split") != nullptr) bad(origin, t.get("split"), "'split' does not apply with 'outcome'");
    }
    if (t.get("ends_at_previous") != nullptr)
        m.ends_at_previous = parse_matches(origin, t, "ends_at_previous", set.vocabulary);
    m.split = get_string(origin, t, "split", false);
    if (!m.split.empty()) {
        for (const auto& e : m.end) {
            const auto& attrs = set.vocabulary.spec(e.type).attributes;
            if (std::none_of(attrs.begin(), attrs.end(),
                             [&](const core::AttributeSpec& a) { return a.key == m.split; })) {
                bad(origin, t.get("split"),
                    "'" + m.split + "' is not an attribute of " + set.vocabulary.spec(e.type).name);
            }
        }
    }
    return m;
}

}  // namespace

const core::Measure* MeasureSet::find(std::string_view id) const {
    const auto it = std::find_if(measures.begin(), measures.end(), [&](const core::Measure& m) { return m.id == id; });
    return it == measures.end() ? nullptr : &*it;
}

MeasureSet parse_measures(std::string_view text, const std::string& origin, const StandardSet& standards) {
    const toml::table doc = toml_input::parse(text, origin);
    MeasureSet set;
    set.origin = origin;
    for (auto&& [k, v] : doc) {
        if (k.str() != "measure")
            bad(origin, &v, "unknown table '" + std::string(k.str()) + "' (expected [[measure]])");
    }
    const auto* list = doc.get_as<toml::array>("measure");
    if (list == nullptr || list->empty()) bad(origin, nullptr, "no [[measure]] tables");
    for (const auto& node : *list) {
        const auto* t = node.as_table();
        if (t == nullptr) bad(origin, &node, "each measure must be a [[measure]] table");
        core::Measure m = parse_one(origin, *t, standards);
        if (set.find(m.id) != nullptr) bad(origin, t->get("id"), "measure '" + m.id + "' is defined twice");
        set.measures.push_back(std::move(m));
    }
    return set;
}

MeasureSet load_measures_file(const std::string& path, const StandardSet& standards) {
    return parse_measures(toml_input::read_file(path, "measures file"), path, standards);
}

std::string_view default_measures_text() {
    return kDefaultMeasuresToml;
}

MeasureSet default_measures(const StandardSet& standards) {
    return parse_measures(kDefaultMeasuresToml, "built-in measures/default.toml", standards);
}

}  // namespace waymark::app
