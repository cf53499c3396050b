#include "app/driver_file.hpp"

#include "app/toml_input.hpp"

#include <algorithm>
#include <set>

namespace waymark::app {

namespace {

using toml_input::bad;

// Refuses keys other than `allowed` in a table (a misspelt key would otherwise be lost).
void only_keys(const std::string& origin, const toml::table& t, std::initializer_list<std::string_view> allowed,
               const char* where) {
    for (auto&& [k, node] : t) {
        if (std::find(allowed.begin(), allowed.end(), k.str()) != allowed.end()) continue;
        std::string expected;
        for (const auto a : allowed) expected += (expected.empty() ? "" : ", ") + std::string(a);
        bad(origin, &node, "unknown key '" + std::string(k.str()) + "' in " + where + " (expected " + expected + ")");
    }
}

// The tables of an array of tables ([[key]]), or none when the key is absent.
std::vector<const toml::table*> tables(const std::string& origin, const toml::table& t, const char* key,
                                       const std::string& name) {
    std::vector<const toml::table*> out;
    const toml::node* n = t.get(key);
    if (n == nullptr) return out;
    const auto* array = n->as_array();
    if (array == nullptr) bad(origin, n, "'" + std::string(key) + "' must be an array of tables ([[" + name + "]])");
    for (const auto& item : *array) {
        const auto* table = item.as_table();
        if (table == nullptr) bad(origin, &item, "each [[" + name + "]] must be a table");
        out.push_back(table);
    }
    return out;
}

std::string text_of(const std::string& origin, const toml::table& t, const std::string& name) {
    auto text = toml_input::get_string(origin, t, "text", true);
    if (text.empty()) bad(origin, t.get("text"), "the text of a [[" + name + "]] must not be empty");
    return text;
}

}  // namespace

core::DriverDiagram parse_driver_diagram(std::string_view toml_text, const std::string& origin,
                                         const std::function<bool(const RecordRef&)>& test_exists) {
    const toml::table root = toml_input::parse(toml_text, origin);
    only_keys(origin, root, {"reference", "local_authority", "aim", "aim_measure", "primary"}, "the diagram");
    core::DriverDiagram d;
    d.reference = toml_input::get_string(origin, root, "reference", true);
    if (!core::is_reference(d.reference)) {
        bad(origin, root.get("reference"),
            "reference '" + d.reference + "' is not a reference (1-64 characters of A-Z a-z 0-9 - _ . /)");
    }
    d.local_authority = toml_input::get_string(origin, root, "local_authority", true);
    if (d.local_authority.empty()) bad(origin, root.get("local_authority"), "'local_authority' must not be empty");
    d.aim = toml_input::get_string(origin, root, "aim", true);
    if (d.aim.empty()) bad(origin, root.get("aim"), "'aim' must not be empty");
    d.aim_measure = toml_input::get_string(origin, root, "aim_measure", false);
    if (!d.aim_measure.empty() && !core::is_measure_id(d.aim_measure)) {
        bad(origin, root.get("aim_measure"),
            "aim_measure '" + d.aim_measure + "' is not a measure id (lower-case words joined by hyphens)");
    }
    const auto primaries = tables(origin, root, "primary", "primary");
    if (primaries.empty()) bad(origin, nullptr, "no [[primary]] drivers: a driver diagram needs at least one");
    for (const auto* p : primaries) {
        only_keys(origin, *p, {"text", "secondary"}, "[[primary]]");
        auto& primary = d.primaries.emplace_back(core::PrimaryDriver{text_of(origin, *p, "primary"), {}});
        for (const auto* s : tables(origin, *p, "secondary", "primary.secondary")) {
            only_keys(origin, *s, {"text", "change"}, "[[primary.secondary]]");
            auto& secondary =
                primary.secondaries.emplace_back(core::SecondaryDriver{text_of(origin, *s, "primary.secondary"), {}});
            for (const auto* c : tables(origin, *s, "change", "primary.secondary.change")) {
                only_keys(origin, *c, {"text", "tests"}, "[[primary.secondary.change]]");
                auto& idea = secondary.change_ideas.emplace_back(
                    core::ChangeIdea{text_of(origin, *c, "primary.secondary.change"), {}});
                const toml::node* tests = c->get("tests");
                if (tests == nullptr) continue;
                const auto* list = tests->as_array();
                if (list == nullptr) bad(origin, tests, "'tests' must be a list of references, e.g. [\"PACE-1\"]");
                for (const auto& item : *list) {
                    if (!item.is_string()) bad(origin, &item, "each test is a reference in quotes, e.g. \"PACE-1\"");
                    std::string reference = *item.value<std::string>();
                    if (!test_exists({d.local_authority, reference})) {
                        bad(origin, &item,
                            "'" + reference + "' is not a test of change of " + d.local_authority +
                                " (import the tests first: waymark pdsa import)");
                    }
                    if (std::find(idea.tests.begin(), idea.tests.end(), reference) != idea.tests.end()) {
                        bad(origin, &item, "'" + reference + "' is given twice for this change idea");
                    }
                    idea.tests.push_back(std::move(reference));
                }
            }
        }
    }
    return d;
}

DriverImport import_driver_diagram(TestsOfChangeStore& store, const std::string& path, const Viewer& viewer) {
    const std::string text = toml_input::read_file(path, "driver diagram file");
    std::set<std::pair<std::string, std::string>> known;
    for (const auto& t : store.find_tests({})) known.emplace(t.local_authority, t.reference);
    DriverImport out;
    out.diagram = parse_driver_diagram(text, path, [&](const RecordRef& r) {
        return known.contains({r.local_authority, r.reference});
    });
    out.replaced = store.put_diagram(out.diagram, viewer.at);
    return out;
}

}  // namespace waymark::app
