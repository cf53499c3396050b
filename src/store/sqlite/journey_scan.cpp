// The SQLite store's journey reads: one child (or a small council) through the indexes, whole
// councils in one pass over the events table (scan_journeys), split over two connections and
// the workers.
#include "store/sqlite/sqlite_store.hpp"

#include "core/error.hpp"
#include "store/sqlite/events.hpp"
#include "store/sqlite/statement.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <exception>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace waymark::store {

using core::Error;
using core::ErrorKind;

using sqlite::Statement;

namespace {

// One event as read in a whole-table scan: small, with its details in a shared arena.
// A type name read back from the database, to its id: the same few names come again and
// again, so a small direct-mapped cache in front of the vocabulary saves most lookups.
class TypeCache {
public:
    explicit TypeCache(const core::Vocabulary& vocabulary) : vocabulary_(vocabulary) {}
    core::EventTypeId find(std::string_view name) {
        const std::size_t slot =
            name.empty() ? 0
                         : (name.size() * 31 + std::size_t{static_cast<unsigned char>(name[name.size() / 2])} * 7 +
                            static_cast<unsigned char>(name.back())) &
                               (kSlots - 1);
        Entry& e = entries_[slot];
        if (e.name != name) {
            const auto id = vocabulary_.find(name);
            if (!id) {
                throw Error(ErrorKind::storage, "stored event type '" + std::string(name) +
                                                    "' is not in the vocabulary (was it declared by another "
                                                    "standards file?)");
            }
            e.name = name;
            e.id = *id;
        }
        return e.id;
    }

private:
    static constexpr std::size_t kSlots = 128;
    struct Entry {
        std::string name;
        core::EventTypeId id = 0;
    };
    const core::Vocabulary& vocabulary_;
    std::array<Entry, kSlots> entries_;
};

// Dates as stored (always YYYY-MM-DD, written by this program) to days since 1970.
std::int32_t fast_date(std::string_view s) {
    if (s.size() != 10) return core::Date::try_parse(s).value_or(core::Date{}).serial();
    auto d = [&](std::size_t i) { return static_cast<unsigned>(s[i] - '0'); };
    const int y = static_cast<int>(d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3));
    const unsigned m = d(5) * 10 + d(6);
    const unsigned day = d(8) * 10 + d(9);
    if (m < 1 || m > 12 || day < 1 || day > 31) return core::Date::try_parse(s).value_or(core::Date{}).serial();
    return core::Date(std::chrono::sys_days(std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{day}))
        .serial();
}

// A second, read-only connection to the same database that reads the same snapshot as the
// first: every write transaction adds one to meta.writes, so equal counts read inside the
// two transactions mean equal data. Without that (someone wrote in between), not opened.
struct ReadConnection {
    sqlite3* db = nullptr;
    bool in_transaction = false;
    bool open(const std::string& path, sqlite3* first) {
        if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
            return false;
        }
        sqlite3_busy_timeout(db, 5000);
        sqlite3_exec(db, "PRAGMA cache_size=-65536", nullptr, nullptr, nullptr);
        if (sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK) return false;
        in_transaction = true;
        return writes(db) >= 0 && writes(db) == writes(first);
    }
    static std::int64_t writes(sqlite3* conn) {
        Statement s(conn, "SELECT value FROM meta WHERE key='writes'");
        return s.step() ? s.integer(0) : -1;
    }
    ReadConnection() = default;
    ReadConnection(const ReadConnection&) = delete;
    ReadConnection& operator=(const ReadConnection&) = delete;
    ~ReadConnection() {
        if (in_transaction) sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
        sqlite3_close(db);
    }
};

struct ScannedEvent {
    std::uint32_t child;  // index into the children read
    std::int32_t date;
    std::int64_t seq;
    std::uint32_t details_at;
    std::uint32_t details_size;
    core::EventTypeId type;
    core::EventStatus status;
};

struct Scan {
    std::vector<ScannedEvent> events;
    std::string details;  // arena of the events' details
};

constexpr std::uint32_t kNone = ~0U;

// The children a scan visits, in (council, id) order, and where each one's row id leads.
struct ScanChildren {
    std::vector<core::ChildRecord> records;
    std::vector<std::uint32_t> index_of;  // by children.id: the child's place in records, or kNone
    std::int64_t max_key = 0;
    [[nodiscard]] std::uint32_t place(std::int64_t key) const {
        return key < 0 || key > max_key ? kNone : index_of[static_cast<std::size_t>(key)];
    }
};

// The children in (council, id) order. Read in row id order and sorted here: through the
// (council, id) index it costs a seek per child. Names are not read: reports over many children
// do not show them. The sibling group is (measures count siblings placed together), and is
// empty for most children.
ScanChildren read_children(sqlite3* db, const app::JourneyFilter& filter) {
    Statement children(db, filter.local_authority
                               ? "SELECT id, local_authority, child_id, date_of_birth, sibling_group FROM children "
                                 "WHERE local_authority=?1"
                               : "SELECT id, local_authority, child_id, date_of_birth, sibling_group FROM children");
    if (filter.local_authority) children.bind(1, *filter.local_authority);
    std::vector<core::ChildRecord> records;
    std::vector<std::int64_t> keys;
    while (children.step()) {
        keys.push_back(children.integer(0));
        core::ChildRecord c;
        c.local_authority = children.text(1);
        c.child_id = children.text(2);
        c.date_of_birth = children.date(3);
        c.sibling_group = children.text(4);
        records.push_back(std::move(c));
    }
    std::vector<std::uint32_t> by_name(records.size());
    for (std::uint32_t i = 0; i < by_name.size(); ++i) by_name[i] = i;
    std::sort(by_name.begin(), by_name.end(), [&](std::uint32_t a, std::uint32_t b) {
        const int c = records[a].local_authority.compare(records[b].local_authority);
        return c != 0 ? c < 0 : records[a].child_id < records[b].child_id;
    });
    ScanChildren out;
    out.records.reserve(records.size());
    std::vector<std::int64_t> sorted_keys;
    sorted_keys.reserve(keys.size());
    for (auto i : by_name) {
        out.records.push_back(std::move(records[i]));
        sorted_keys.push_back(keys[i]);
    }
    out.max_key = sorted_keys.empty() ? 0 : *std::max_element(sorted_keys.begin(), sorted_keys.end());
    out.index_of.assign(static_cast<std::size_t>(out.max_key) + 1, kNone);
    for (std::size_t i = 0; i < sorted_keys.size(); ++i)
        out.index_of[static_cast<std::size_t>(sorted_keys[i])] = static_cast<std::uint32_t>(i);
    return out;
}

// Restricted records (migration 0011): few rows, read whole rather than joined per child.
void mark_restricted(sqlite3* db, ScanChildren& children) {
    Statement restricted(db, "SELECT child FROM restrictions WHERE restricted = 1");
    while (restricted.step()) {
        if (const auto place = children.place(restricted.integer(0)); place != kNone)
            children.records[place].restricted = true;
    }
}

// A report must know every stored type: a local one needs the standards file that declared it
// (or its clocks would silently vanish).
void check_stored_types(sqlite3* db, const core::Vocabulary& vocabulary) {
    Statement types(db, "SELECT name FROM event_types");
    while (types.step()) {
        if (!vocabulary.find(types.text(0))) {
            throw Error(ErrorKind::storage, "stored event type '" + std::string(types.text(0)) +
                                                "' is not in the vocabulary (was it declared by another "
                                                "standards file?)");
        }
    }
}

// The events' smallest and largest row ids (high < low when there are none). Two queries:
// SQLite reads a lone min() or max() from the b-tree's edge, but both in one query scan the
// whole table (0.3 s here).
std::pair<std::int64_t, std::int64_t> event_id_range(sqlite3* db) {
    Statement first_id(db, "SELECT min(id) FROM events");
    Statement last_id(db, "SELECT max(id) FROM events");
    if (first_id.step() && !first_id.is_null(0) && last_id.step()) return {first_id.integer(0), last_id.integer(0)};
    return {0, -1};
}

// What one pass over the events reads: the rows of the filter's council (all without one),
// keeping the types it names (all without any). Events of types no clock or stage reads (a
// third of them) are dropped after reading only their type: SQLite decodes a column when asked
// for it, and an IN (...) list in the query cost a b-tree lookup a row.
struct EventScan {
    const app::JourneyFilter& filter;
    const core::Vocabulary& vocabulary;
    const ScanChildren& children;
    std::string sql;
    std::vector<bool> wanted_type;

    EventScan(const app::JourneyFilter& f, const core::Vocabulary& v, const ScanChildren& c)
        : filter(f),
          vocabulary(v),
          children(c),
          sql("SELECT event, child, date, status, details, id FROM events WHERE id BETWEEN ?1 AND ?2") {
        if (filter.local_authority) sql += " AND local_authority=?";
        for (const auto& t : filter.event_types) {
            if (auto id = vocabulary.find(t)) {
                if (*id >= wanted_type.size()) wanted_type.resize(*id + 1U, false);
                wanted_type[*id] = true;
            }
        }
    }

    // The events with row ids from..to, on connection db, into `into`.
    void read(sqlite3* db, std::int64_t from, std::int64_t to, Scan& into) const {
        Statement events(db, sql.c_str());
        events.bind(1, from);
        events.bind(2, to);
        int p = 3;
        if (filter.local_authority) events.bind(p++, *filter.local_authority);
        const auto n = static_cast<std::size_t>(std::max<std::int64_t>(to - from + 1, 0));
        into.events.reserve(n);
        into.details.reserve(n * 16);
        TypeCache types(vocabulary);
        while (events.step()) {
            const auto type = types.find(events.text(0));
            if (!wanted_type.empty() && (type >= wanted_type.size() || !wanted_type[type])) continue;
            const auto child = children.place(events.integer(1));
            if (child == kNone) continue;
            ScannedEvent e{};
            e.child = child;
            e.date = fast_date(events.text(2));
            e.type = type;
            e.status = sqlite::stored_status(events.text(3));
            const auto details = events.text(4);
            e.details_at = static_cast<std::uint32_t>(into.details.size());
            e.details_size = static_cast<std::uint32_t>(details.size());
            into.details.append(details);
            e.seq = events.integer(5);
            into.events.push_back(e);
        }
    }
};

// Every event in one pass over the table (a third of the time of reading it in child order
// through the index). With more than one worker and many events, the pass is split by row id
// between this connection (the first half) and a second one reading the same snapshot (the
// second half, on a thread of its own).
std::pair<Scan, Scan> read_events(sqlite3* db, const std::string& path, const EventScan& scan, unsigned workers) {
    // Named variables, not a structured binding: the lambda below captures `high`, which
    // clang (and so clang-tidy) does not allow of a binding before C++20's P1091 lands in it.
    const auto range = event_id_range(db);
    const std::int64_t low = range.first;
    const std::int64_t high = range.second;
    const std::int64_t middle = low + (high - low) / 2;
    Scan head;  // ids up to the middle
    Scan tail;  // ids after it
    ReadConnection other;
    const bool split = workers > 1 && high - low > 100000 && other.open(path, db);
    if (!split) {
        scan.read(db, low, high, head);
        return {std::move(head), std::move(tail)};
    }
    std::exception_ptr failure;
    std::thread helper([&] {
        try {
            scan.read(other.db, middle + 1, high, tail);
        } catch (...) {
            failure = std::current_exception();
        }
    });
    try {
        scan.read(db, low, middle, head);
    } catch (...) {
        helper.join();
        throw;
    }
    helper.join();
    if (failure) std::rethrow_exception(failure);
    return {std::move(head), std::move(tail)};
}

// The events grouped by child (in the children's order), each child's from start[c] to
// start[c + 1], with their details in one arena.
struct Grouped {
    std::vector<ScannedEvent> events;
    std::vector<std::uint32_t> start;
    std::string arena;
};

// A counting sort by child straight from both halves; the second half's details follow the
// first's in one arena.
Grouped group_by_child(Scan head, Scan tail, std::size_t children) {
    Grouped out;
    const auto tail_offset = static_cast<std::uint32_t>(head.details.size());
    out.arena = std::move(head.details);
    out.arena += tail.details;
    out.start.assign(children + 1, 0);
    for (const auto* half : {&head.events, &tail.events}) {
        for (const auto& e : *half) ++out.start[e.child + 1];
    }
    for (std::size_t i = 1; i < out.start.size(); ++i) out.start[i] += out.start[i - 1];
    out.events.resize(head.events.size() + tail.events.size());
    std::vector<std::uint32_t> fill(out.start.begin(), out.start.end() - 1);
    for (const auto& e : head.events) out.events[fill[e.child]++] = e;
    for (auto e : tail.events) {
        e.details_at += tail_offset;
        out.events[fill[e.child]++] = e;
    }
    return out;
}

// Visits children from..to of `grouped` as worker `worker`: each child's events ordered by
// (date, seq) and made core::Events in a buffer the worker reuses.
void visit_children(Grouped& grouped, const std::vector<core::ChildRecord>& records, unsigned worker, std::size_t from,
                    std::size_t to, const app::ParallelJourneyVisitor& visit) {
    std::vector<core::Event> buffer;
    for (std::size_t c = from; c < to; ++c) {
        auto first = grouped.events.begin() + grouped.start[c];
        auto last = grouped.events.begin() + grouped.start[c + 1];
        std::sort(first, last, [](const ScannedEvent& a, const ScannedEvent& b) {
            return a.date != b.date ? a.date < b.date : a.seq < b.seq;
        });
        const std::size_t n = static_cast<std::size_t>(last - first);
        if (buffer.size() < n) buffer.resize(n);
        for (std::size_t k = 0; k < n; ++k) {
            const ScannedEvent& s = first[static_cast<std::ptrdiff_t>(k)];
            core::Event& e = buffer[k];
            e.date = core::Date::from_serial(s.date);
            e.type = s.type;
            e.status = s.status;
            e.details.assign(grouped.arena, s.details_at, s.details_size);
            e.seq = s.seq;
        }
        visit(worker, records[c], std::span<const core::Event>(buffer.data(), n));
    }
}

// Each worker takes a contiguous run of children with about the same number of events, worker
// 0 on this thread; the first failure of any is rethrown once all are done.
void visit_in_workers(Grouped& grouped, const std::vector<core::ChildRecord>& records, unsigned workers,
                      const app::ParallelJourneyVisitor& visit) {
    workers = std::max(1U, std::min<unsigned>(workers, static_cast<unsigned>(records.size() / 64 + 1)));
    std::vector<std::size_t> bounds{0};
    for (unsigned w = 1; w < workers; ++w) {
        const std::uint32_t target = static_cast<std::uint32_t>(grouped.events.size() * w / workers);
        bounds.push_back(static_cast<std::size_t>(
            std::lower_bound(grouped.start.begin(), grouped.start.end() - 1, target) - grouped.start.begin()));
    }
    bounds.push_back(records.size());
    std::vector<std::thread> threads;
    std::vector<std::exception_ptr> failures(workers);
    for (unsigned w = 1; w < workers; ++w) {
        threads.emplace_back([&, w] {
            try {
                visit_children(grouped, records, w, bounds[w], bounds[w + 1], visit);
            } catch (...) {
                failures[w] = std::current_exception();
            }
        });
    }
    try {
        visit_children(grouped, records, 0, bounds[0], bounds[1], visit);
    } catch (...) {
        failures[0] = std::current_exception();
    }
    for (auto& t : threads) t.join();
    for (auto& f : failures) {
        if (f) std::rethrow_exception(f);
    }
}

}  // namespace

void SqliteStore::scan_journeys(const app::JourneyFilter& filter, unsigned workers,
                                const app::ParallelJourneyVisitor& visit) {
    exec("BEGIN");  // one consistent snapshot for the whole report
    try {
        ScanChildren children = read_children(db_, filter);
        mark_restricted(db_, children);
        check_stored_types(db_, vocabulary_);
        auto [head, tail] = read_events(db_, path_, EventScan(filter, vocabulary_, children), workers);
        Grouped grouped = group_by_child(std::move(head), std::move(tail), children.records.size());
        visit_in_workers(grouped, children.records, workers, visit);
        exec("COMMIT");
    } catch (...) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

bool SqliteStore::worth_scanning(const app::JourneyFilter& filter) {
    if (filter.child_id || filter.with_notes) return false;
    if (!filter.local_authority) return true;
    // One council of many is read child by child through the indexes; one that holds a
    // quarter of the children or more, in one pass over the table.
    Statement council(db_, "SELECT count(*) FROM children WHERE local_authority=?1");
    council.bind(1, *filter.local_authority);
    Statement all(db_, "SELECT count(*) FROM children");
    return council.step() && all.step() && council.integer(0) * 4 >= all.integer(0);
}

void SqliteStore::for_each_journey_parallel(const app::JourneyFilter& filter, unsigned workers,
                                            const app::ParallelJourneyVisitor& visit) {
    // Whole councils are read in one pass over the table; one child through its index.
    if (worth_scanning(filter)) {
        scan_journeys(filter, workers, visit);
        return;
    }
    for_each_journey(filter, [&](const core::ChildRecord& c, std::span<const core::Event> e) { visit(0, c, e); });
}

void SqliteStore::for_each_journey(const app::JourneyFilter& filter, const app::JourneyVisitor& visit) {
    if (worth_scanning(filter)) {
        scan_journeys(filter, 1,
                      [&](unsigned, const core::ChildRecord& c, std::span<const core::Event> e) { visit(c, e); });
        return;
    }
    std::string where;
    if (filter.local_authority) where += " AND c.local_authority=?1";
    if (filter.child_id) where += " AND c.child_id=?2";
    const std::string child_sql =
        "SELECT c.id, c.local_authority, c.child_id, c.family_name, c.given_name, c.date_of_birth, "
        "c.expected_birth_date, c.sex, EXISTS (SELECT 1 FROM restrictions r WHERE r.child = c.id AND r.restricted = "
        "1), "
        "c.sibling_group FROM children c WHERE 1" +
        where + " ORDER BY c.local_authority, c.child_id";
    const std::string event_sql =
        filter.with_notes ? "SELECT e.date, e.event, e.status, e.details, e.id, e.agency, e.note, "
                            "coalesce(e.event_id, '') FROM events e WHERE e.child=?1 ORDER BY e.date, e.id"
                          : "SELECT e.date, e.event, e.status, e.details, e.id FROM events e WHERE e.child=?1 ORDER BY "
                            "e.date, e.id";
    Statement children(db_, child_sql.c_str());
    if (filter.local_authority) children.bind(1, *filter.local_authority);
    if (filter.child_id) children.bind(2, *filter.child_id);
    Statement events(db_, event_sql.c_str());

    exec("BEGIN");  // one consistent snapshot for the whole report
    try {
        core::ChildRecord child;
        std::vector<core::Event> buffer;
        while (children.step()) {
            const auto key = children.integer(0);
            child.local_authority = children.text(1);
            child.child_id = children.text(2);
            child.family_name = children.text(3);
            child.given_name = children.text(4);
            child.date_of_birth = children.date(5);
            child.expected_birth_date = children.date(6);
            child.sex = children.text(7);
            child.restricted = children.integer(8) != 0;
            child.sibling_group = children.text(9);
            std::size_t n = 0;
            events.bind(1, key);
            while (events.step()) {
                if (n == buffer.size()) buffer.emplace_back();
                core::Event& e = buffer[n++];
                e.date = core::Date::try_parse(events.text(0)).value_or(core::Date{});
                const auto type = vocabulary_.find(events.text(1));
                if (!type) {
                    throw Error(ErrorKind::storage, "stored event type '" + std::string(events.text(1)) +
                                                        "' is not in the vocabulary (was it declared by another "
                                                        "standards file?)");
                }
                e.type = *type;
                e.status = sqlite::stored_status(events.text(2));
                e.details = events.text(3);
                e.seq = events.integer(4);
                if (filter.with_notes) {
                    e.agency = events.text(5);
                    e.note = events.text(6);
                    e.event_id = events.text(7);
                }
            }
            events.reset();
            visit(child, std::span<const core::Event>(buffer.data(), n));
        }
        exec("COMMIT");
    } catch (...) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

}  // namespace waymark::store
