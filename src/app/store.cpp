// The Store port's default implementations (app/store.hpp).
#include "app/store.hpp"

#include "app/search.hpp"

#include <algorithm>

namespace waymark::app {

std::map<std::string, std::string> Store::child_names(std::string_view local_authority,
                                                      std::span<const std::string> child_ids) {
    std::map<std::string, std::string> names;
    for (const auto& id : child_ids) {
        for_each_journey({std::string(local_authority), id, true, {}},
                         [&](const core::ChildRecord& c, std::span<const core::Event>) {
                             std::string name = c.given_name;
                             if (!c.family_name.empty()) name += (name.empty() ? "" : " ") + c.family_name;
                             names[c.child_id] = std::move(name);
                         });
    }
    return names;
}

std::vector<NamedChild> Store::named_children(std::string_view local_authority,
                                              std::span<const std::string> child_ids) {
    std::vector<NamedChild> out;
    for (const auto& id : child_ids) {
        for_each_journey({std::string(local_authority), id, true, {}},
                         [&](const core::ChildRecord& c, std::span<const core::Event>) {
                             out.push_back({c.child_id, c.given_name, c.family_name, c.date_of_birth});
                         });
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.child_id < b.child_id; });
    return out;
}

std::vector<std::string> Store::child_ids_named(std::string_view local_authority, std::span<const std::string> words) {
    std::vector<std::string> ids;
    for_each_journey({std::string(local_authority), std::nullopt, true, {"birth"}},
                     [&](const core::ChildRecord& c, std::span<const core::Event>) {
                         if (name_matches(c.given_name, c.family_name, words)) ids.push_back(c.child_id);
                     });
    return ids;
}

std::vector<std::string> Store::sibling_ids(std::string_view local_authority, std::string_view sibling_group) {
    std::vector<std::string> ids;
    if (sibling_group.empty()) return ids;
    for_each_journey({std::string(local_authority), std::nullopt, false, {"birth"}},
                     [&](const core::ChildRecord& c, std::span<const core::Event>) {
                         if (c.sibling_group == sibling_group) ids.push_back(c.child_id);
                     });
    return ids;
}

}  // namespace waymark::app
