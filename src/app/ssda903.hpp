#pragma once
// England's SSDA903 returns (children looked after) into Waymark (docs/interop.md): each year's
// folder of CSV files read and checked, every problem named with file, line, column and field;
// the council's episodes merged with what an earlier import stored (the latest return winning
// per episode, episodes a newer return drops or re-dates cancelled) and the journeys derived
// from the merged chain, so that any grouping of the years stores the same journeys; all
// written in one transaction or nothing at all.
//
// The layer for returns that councils already keep: Scotland's CLAS return comes in the same
// way (a reader per format, the same merge and write), once its specification is to hand.
#include "app/import.hpp"
#include "app/store.hpp"

#include <concepts>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace waymark::app {

// One year's return: the collection year's start (2017 = 1 April 2017 to 31 March 2018) and the
// folder holding its CSV files.
struct Ssda903Return {
    int year = 0;
    std::string folder;
};

// Parses "YEAR:PATH" (the command line's --ssda903); throws Error(usage) naming the text.
Ssda903Return parse_ssda903_return(std::string_view text);

struct Ssda903Options {
    std::vector<Ssda903Return> returns;
    std::string local_authority;  // the council whose returns they are (the files do not say)
    bool include_short_breaks = false;
    core::Date today;  // a date after today is a problem
    std::size_t max_problems = 20;
    // Written once for each child the returns name, in the import's transaction (as
    // ImportOptions::audit); a rejected import writes one import_rejected entry.
    std::optional<AuditEntry> audit;
    std::function<void(std::size_t done, std::size_t total)> progress;
};

struct Ssda903Result {
    std::size_t children = 0;         // children in the returns' header files
    std::size_t episodes = 0;         // episode rows read
    std::size_t merged_episodes = 0;  // episodes in the merged chain (stored and new)
    std::size_t events = 0;           // events derived and written
    std::size_t cancelled = 0;        // stored events no longer derived, now cancelled
    WriteCounts written;
};

// The ports an SSDA903 import uses: those of any import (app/import.hpp) and the council's
// stored journeys, which the returns are merged with. Any store that offers all four
// (app::Database) converts to it.
struct Ssda903Ports {
    ChildDirectory& children;
    JourneyStore& journeys;
    ImportStore& imports;
    AuditLog& audit;

    Ssda903Ports(ChildDirectory& c, JourneyStore& j, ImportStore& i, AuditLog& a)
        : children(c), journeys(j), imports(i), audit(a) {}
    template <class S>
    requires std::derived_from<S, ChildDirectory> && std::derived_from<S, JourneyStore> &&
        std::derived_from<S, ImportStore> && std::derived_from<S, AuditLog>
        Ssda903Ports(S& store) : Ssda903Ports(store, store, store, store) {}  // NOLINT(google-explicit-constructor)
};

// Throws ImportError when anything is wrong (nothing is stored), core::Error otherwise.
// Reads the council's journeys (for_each_journey) and writes through begin_import.
Ssda903Result import_ssda903(Ssda903Ports store, const core::Vocabulary& vocabulary, const Ssda903Options& options);

// "Imported SSDA903 returns 2017-18, 2018-19: 3 children (3 added, 0 updated), 9 episodes; 14
// events (12 added, 2 replaced, 0 already stored), 1 cancelled; 0 problems"
std::string ssda903_report(const Ssda903Result& result, const std::vector<Ssda903Return>& returns);

}  // namespace waymark::app
