#include "app/status_cache.hpp"

#include <algorithm>

namespace waymark::app {

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
    while (entries_.size() > std::max<std::size_t>(1, capacity_)) {
        const auto oldest = std::min_element(entries_.begin(), entries_.end(), [](const auto& a, const auto& b) {
            return a.second.used < b.second.used;
        });
        entries_.erase(oldest);
    }
    return rows;
}

StatusCache::Stats StatusCache::stats() const {
    const std::lock_guard lock(mutex_);
    return {hits_, misses_, entries_.size()};
}

}  // namespace waymark::app
