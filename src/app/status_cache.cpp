#include "app/status_cache.hpp"

#include "app/access.hpp"

#include <algorithm>

namespace waymark::app {

namespace {

// Drops the least recently used entries beyond `capacity` (at least one is kept).
template <typename Map>
void keep_at_most(Map& entries, std::size_t capacity) {
    while (entries.size() > std::max<std::size_t>(1, capacity)) {
        const auto oldest = std::min_element(
            entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.second.used < b.second.used; });
        entries.erase(oldest);
    }
}

}  // namespace

StatusRows StatusCache::status_report(Store& store, const StandardSet& standards, const StatusQuery& query) {
    const auto version = store.journeys_version();
    if (!version) return std::make_shared<const std::vector<StatusRow>>(app::status_report(store, standards, query));
    Key key{&standards, query.local_authority, query.child_id, query.as_of.serial()};
    {
        const std::lock_guard lock(mutex_);
        const auto found = entries_.find(key);
        if (found != entries_.end() && found->second.version == *version) {
            ++hits_;
            found->second.used = ++tick_;
            return found->second.rows;
        }
        ++misses_;
    }
    // Worked out without the lock: other councils' requests go on meanwhile (two requests for
    // the same rows may both work them out; the later one is kept).
    auto rows = std::make_shared<const std::vector<StatusRow>>(app::status_report(store, standards, query));
    const std::lock_guard lock(mutex_);
    auto& entry = entries_[std::move(key)];
    entry.version = *version;
    entry.rows = rows;
    entry.used = ++tick_;
    keep_at_most(entries_, capacity_);
    return rows;
}

template <typename Value, typename K, typename Make>
std::shared_ptr<const Value> StatusCache::versioned(std::map<K, Versioned<Value>>& kept, K key, Store& store,
                                                    const Make& make, std::uint64_t& hits, std::uint64_t& misses) {
    // Both versions before the work, as in status_report: a write racing with it makes the
    // next request work it out again.
    const auto caseload = store.caseload_version();
    const auto journeys = store.journeys_version();
    if (!caseload || !journeys) return make();
    {
        const std::lock_guard lock(mutex_);
        const auto found = kept.find(key);
        if (found != kept.end() && found->second.journeys == *journeys && found->second.caseload == *caseload) {
            ++hits;
            found->second.used = ++tick_;
            return found->second.value;
        }
        ++misses;
    }
    auto value = make();
    const std::lock_guard lock(mutex_);
    kept[std::move(key)] = {*journeys, *caseload, value, ++tick_};
    keep_at_most(kept, capacity_);
    return value;
}

std::shared_ptr<const CouncilChildren> StatusCache::council_children(Store& store, const StandardSet& standards,
                                                                     const std::string& local_authority,
                                                                     core::Date as_of) {
    return versioned(
        joined_, JoinedKey{&standards, local_authority, as_of.serial()}, store,
        [&] {
            return std::make_shared<const CouncilChildren>(
                status_report(store, standards, {as_of, local_authority, std::nullopt}), store.caseload(),
                local_authority);
        },
        council_hits_, council_misses_);
}

std::shared_ptr<const MeasureReport> StatusCache::measure_report(Store& store, const StandardSet& standards,
                                                                 const MeasureQuery& query) {
    ReportKey key{&standards,
                  query.measures,
                  query.from.serial(),
                  query.to.serial(),
                  query.as_of.serial(),
                  static_cast<int>(query.length),
                  query.local_authority,
                  query.team,
                  static_cast<int>(query.by)};
    return versioned(
        reports_, std::move(key), store,
        [&] { return std::make_shared<const MeasureReport>(app::measure_report(store, standards, query)); },
        report_hits_, report_misses_);
}

StatusCache::Stats StatusCache::stats() const {
    const std::lock_guard lock(mutex_);
    return {hits_,           misses_,        entries_.size(), council_hits_,
            council_misses_, joined_.size(), report_hits_,    report_misses_};
}

}  // namespace waymark::app
