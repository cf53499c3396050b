#include "app/toml_read.hpp"

#include "core/error.hpp"

#include <algorithm>

namespace waymark::app::toml_read {

core::EventTypeId event_type(const std::string& origin, const toml::node* n, const core::Vocabulary& v,
                             const std::string& name) {
    auto id = v.find(name);
    if (!id)
        bad(origin, n, "'" + name + "' is not an event type (DATA.md vocabulary, or declare it in an [[event]] table)");
    return *id;
}

core::EventMatch parse_match(const std::string& origin, const toml::node& n, const core::Vocabulary& v) {
    core::EventMatch m;
    if (n.is_string()) {
        m.type = event_type(origin, &n, v, *n.value<std::string>());
        return m;
    }
    const auto* t = n.as_table();
    if (t == nullptr) bad(origin, &n, "expected an event type or a table { event = \"...\", where = { ... } }");
    for (auto&& [k, _] : *t) {
        if (k.str() != "event" && k.str() != "where")
            bad(origin, &n, "unknown key '" + std::string(k.str()) + "' (expected event, where)");
    }
    m.type = event_type(origin, &n, v, get_string(origin, *t, "event", true));
    if (const auto* where = t->get("where")) {
        const auto* wt = where->as_table();
        if (wt == nullptr) bad(origin, where, "'where' must be a table of attribute = [values]");
        const auto& spec = v.spec(m.type);
        for (auto&& [key, values] : *wt) {
            core::AttributeFilter f;
            f.key = std::string(key.str());
            const auto attr = std::find_if(spec.attributes.begin(), spec.attributes.end(),
                                           [&](const core::AttributeSpec& a) { return a.key == f.key; });
            if (attr == spec.attributes.end())
                bad(origin, &values, "'" + f.key + "' is not an attribute of " + spec.name);
            auto add = [&](const toml::node& x) {
                if (!x.is_string()) bad(origin, &x, "attribute values must be strings");
                std::string s = *x.value<std::string>();
                if (!attr->is_date && std::find(attr->values.begin(), attr->values.end(), s) == attr->values.end()) {
                    bad(origin, &x, "'" + s + "' is not a value of " + spec.name + " " + f.key);
                }
                f.values.push_back(std::move(s));
            };
            if (const auto* arr = values.as_array()) {
                for (const auto& x : *arr) add(x);
            } else {
                add(values);
            }
            m.where.push_back(std::move(f));
        }
    }
    return m;
}

std::vector<core::EventMatch> parse_matches(const std::string& origin, const toml::table& t, const char* key,
                                            const core::Vocabulary& v) {
    const toml::node* n = t.get(key);
    if (n == nullptr) bad(origin, &t, std::string("'") + key + "' is required");
    std::vector<core::EventMatch> out;
    if (const auto* arr = n->as_array()) {
        if (arr->empty()) bad(origin, n, std::string("'") + key + "' lists no events");
        for (const auto& x : *arr) out.push_back(parse_match(origin, x, v));
    } else {
        out.push_back(parse_match(origin, *n, v));
    }
    return out;
}

std::int64_t get_int(const std::string& origin, const toml::node* n, const char* key, std::int64_t lo,
                     std::int64_t hi) {
    if (!n->is_integer()) bad(origin, n, std::string("'") + key + "' must be a whole number");
    const auto v = *n->value<std::int64_t>();
    if (v < lo || v > hi)
        bad(origin, n, std::string("'") + key + "' must be from " + std::to_string(lo) + " to " + std::to_string(hi));
    return v;
}

}  // namespace waymark::app::toml_read
