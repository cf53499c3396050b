#include "app/search.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <set>

namespace waymark::app {

namespace {

char lower(char c) noexcept {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lowered(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), lower);
    return out;
}

bool contains(std::string_view text, std::string_view word) {
    return std::search(text.begin(), text.end(), word.begin(), word.end(),
                       [](char a, char b) { return lower(a) == lower(b); }) != text.end();
}

std::string trimmed(std::string_view s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    return std::string(s.substr(first, s.find_last_not_of(" \t") - first + 1));
}

}  // namespace

std::vector<std::string> search_words(std::string_view query) {
    std::vector<std::string> words;
    std::size_t at = 0;
    while (at < query.size()) {
        const auto start = query.find_first_not_of(" \t", at);
        if (start == std::string_view::npos) break;
        const auto end = std::min(query.find_first_of(" \t", start), query.size());
        words.push_back(lowered(query.substr(start, end - start)));
        at = end;
    }
    return words;
}

bool name_matches(std::string_view given_name, std::string_view family_name, std::span<const std::string> words) {
    return !words.empty() && std::all_of(words.begin(), words.end(), [&](const std::string& w) {
        return contains(given_name, w) || contains(family_name, w);
    });
}

SearchResult search_children(Store& store, const StandardSet& standards, const User& user, std::string_view query,
                             core::Date as_of, const Viewer& viewer, StatusCache* cache) {
    SearchResult r;
    r.query = trimmed(query);
    if (r.query.empty()) return r;
    if (r.query.size() > kMaxSearchLength) {
        r.problem = "The search is too long. Type at most " + std::to_string(kMaxSearchLength) +
                    " characters: a case reference or part of a name.";
        return r;
    }
    if (core::control_character_problem(r.query, core::TextKind::identifier)) {
        r.problem =
            "The search has a character that cannot be searched for. Type a case reference or part of a "
            "name, in letters, digits and spaces.";
        return r;
    }
    const auto visible = visible_children(store, standards, user, as_of, cache);
    if (visible.empty()) return r;
    // A reference typed exactly (or in another case, when only one child has it) goes to the child.
    std::vector<const CaseloadRow*> same_but_case;
    for (const auto& row : visible) {
        const auto& id = row.status->child.child_id;
        if (id == r.query) {
            r.exact = id;
            r.matches.rows.push_back(row);
            r.matches.keep = visible.keep;
            return r;
        }
        if (id.size() == r.query.size() && lowered(id) == lowered(r.query)) same_but_case.push_back(&row);
    }
    if (same_but_case.size() == 1) {
        r.exact = same_but_case.front()->status->child.child_id;
        r.matches.rows.push_back(*same_but_case.front());
        r.matches.keep = visible.keep;
        return r;
    }
    const auto words = search_words(r.query);
    const auto named = store.child_ids_named(user.local_authority, words);
    const std::set<std::string_view> by_name(named.begin(), named.end());
    for (const auto& row : visible) {
        const auto& id = row.status->child.child_id;
        if (contains(id, r.query) || by_name.contains(id)) r.matches.rows.push_back(row);
    }
    r.matches.keep = visible.keep;
    if (r.matches.empty()) return r;
    std::vector<std::string> ids;
    std::string detail = "search results:";
    for (std::size_t i = 0; i < std::min(kMaxSearchResults, r.matches.size()); ++i) {
        ids.push_back(r.matches[i].status->child.child_id);
        detail += (i == 0 ? " " : ", ") + ids.back();
    }
    if (r.matches.size() > ids.size()) {
        detail += " (" + std::to_string(ids.size()) + " of " + std::to_string(r.matches.size()) + " shown)";
    }
    // Audited before any name is read for showing; the search's words are not written.
    store.record_audit(AuditEntry{viewer.at, viewer.actor, "view_search", user.local_authority,
                                  ids.size() == 1 ? ids.front() : std::string(), detail, viewer.origin});
    r.shown = store.named_children(user.local_authority, ids);
    return r;
}

}  // namespace waymark::app
