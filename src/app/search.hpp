#pragma once
// Finding a child (issue 13, item 2): by case reference (exact, or part of it) or by name (part
// of the given or family name), only among the children the user may see (app/access.hpp:
// never another council's child, never a restricted child outside its allocation). A
// reference typed exactly goes straight to the child; otherwise the matches are listed with
// their names, and showing them is one audited view (action view_search) written before any
// name is read for showing. The words searched for are never written to the audit log: they
// may be a name.
#include "app/access.hpp"
#include "app/reports.hpp"
#include "app/store.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::app {

// A results page lists at most this many children, and asks for a narrower search beyond.
inline constexpr std::size_t kMaxSearchResults = 50;
// The longest search accepted, in bytes.
inline constexpr std::size_t kMaxSearchLength = 100;

// The words of a search in lower case (letters A to Z), split at spaces; empty for a blank one.
std::vector<std::string> search_words(std::string_view query);

// Whether every word is part of the given or the family name, letters A to Z in either case.
bool name_matches(std::string_view given_name, std::string_view family_name, std::span<const std::string> words);

struct SearchResult {
    std::string query;                   // as typed, without the spaces around it
    std::optional<std::string> problem;  // a search that cannot be run, in words (nothing searched)
    std::optional<std::string> exact;    // the case reference typed exactly: go to the child's page
    CaseloadRows matches;                // every match, in case reference order (the exact child alone)
    std::vector<NamedChild> shown;       // the first kMaxSearchResults matches' names (audited)
};

// Searches the children of the user's council the user may see, as of `as_of` (the status
// rows from `cache` when given, as visible_children). Reads no name and writes nothing for a
// blank search, a problem or an exact reference; otherwise writes one audit entry (view_search,
// listing the case references shown) before reading the names it shows.
SearchResult search_children(Store& store, const StandardSet& standards, const User& user, std::string_view query,
                             core::Date as_of, const Viewer& viewer, StatusCache* cache = nullptr);

}  // namespace waymark::app
