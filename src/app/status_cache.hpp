#pragma once
// What pages work out from many journeys, kept between requests: the status rows of a
// council's children (about 25 ms for 1,500 children: every journey read and its clocks
// evaluated), those rows joined with the council's allocations (app/access.hpp), and measure
// reports (seconds at national scale). Each is kept while the store's versions it depends on
// are unchanged: the journeys version (children and events) and, for the last two, the
// caseload version (allocations, teams, users' access).
// Thread-safe: one cache serves every request thread, each with its own store connection.
#include "app/measure_report.hpp"
#include "app/reports.hpp"
#include "app/standards_file.hpp"
#include "app/store.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace waymark::app {

using StatusRows = std::shared_ptr<const std::vector<StatusRow>>;
struct CouncilChildren;  // app/access.hpp

class StatusCache {
public:
    // At most `capacity` queries kept (a council and an as-of date each); the least recently
    // used goes first.
    explicit StatusCache(std::size_t capacity = 64) : capacity_(capacity) {}

    // What status_report(store, standards, query) returns, from the cache when the store's
    // children and events are at the version they were when it was kept. The version is read
    // before the report, so a write racing with it makes the next request work them out again
    // rather than keep stale rows. A store that has no version is asked every time.
    StatusRows status_report(Store& store, const StandardSet& standards, const StatusQuery& query);

    // A council's children joined with their allocations (app/access.hpp), kept while both the
    // journeys version and the caseload version (Store::caseload_version) are as they were;
    // worked out afresh each time from a store that has neither.
    std::shared_ptr<const CouncilChildren> council_children(Store& store, const StandardSet& standards,
                                                            const std::string& local_authority, core::Date as_of);

    // What app::measure_report(store, standards, query) returns, kept while both versions are
    // as they were (a team's figures follow the allocations, and suppression reads every
    // council's children, so a council's page took seconds at national scale).
    std::shared_ptr<const MeasureReport> measure_report(Store& store, const StandardSet& standards,
                                                        const MeasureQuery& query);

    struct Stats {
        std::uint64_t hits = 0;
        std::uint64_t misses = 0;
        std::size_t entries = 0;
        // Of council_children:
        std::uint64_t council_hits = 0;
        std::uint64_t council_misses = 0;
        std::size_t councils = 0;
        // Of measure_report:
        std::uint64_t report_hits = 0;
        std::uint64_t report_misses = 0;
    };
    [[nodiscard]] Stats stats() const;

private:
    using Key = std::tuple<const StandardSet*, std::optional<std::string>, std::optional<std::string>, std::int32_t>;
    struct Entry {
        JourneysVersion version;
        StatusRows rows;
        std::uint64_t used = 0;
    };
    // What is kept under both versions (journeys and caseload).
    template <typename Value>
    struct Versioned {
        JourneysVersion journeys;
        std::int64_t caseload = 0;
        std::shared_ptr<const Value> value;
        std::uint64_t used = 0;
    };
    // The value kept for `key` while both versions are as they were, else `make()`'s (worked out
    // without the lock, then kept); `make()` every time from a store that has no versions.
    template <typename Value, typename K, typename Make>
    std::shared_ptr<const Value> versioned(std::map<K, Versioned<Value>>& kept, K key, Store& store, const Make& make,
                                           std::uint64_t& hits, std::uint64_t& misses);

    using JoinedKey = std::tuple<const StandardSet*, std::string, std::int32_t>;
    // The measures, from, to, as of, period length, council, team, grouping.
    using ReportKey = std::tuple<const StandardSet*, std::vector<const core::Measure*>, std::int32_t, std::int32_t,
                                 std::int32_t, int, std::optional<std::string>, std::optional<std::string>, int>;
    std::size_t capacity_;
    mutable std::mutex mutex_;
    std::map<Key, Entry> entries_;
    std::map<JoinedKey, Versioned<CouncilChildren>> joined_;
    std::map<ReportKey, Versioned<MeasureReport>> reports_;
    std::uint64_t tick_ = 0;
    std::uint64_t hits_ = 0;
    std::uint64_t misses_ = 0;
    std::uint64_t council_hits_ = 0;
    std::uint64_t council_misses_ = 0;
    std::uint64_t report_hits_ = 0;
    std::uint64_t report_misses_ = 0;
};

}  // namespace waymark::app
