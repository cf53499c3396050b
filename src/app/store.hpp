#pragma once
// The Store port: what the use cases need from storage. The SQLite store implements it now;
// a PostgreSQL store (a later issue) implements the same contract, so app/ and core/ do not
// change. Every write goes through one call that is one transaction.
#include "core/improvement.hpp"
#include "core/journey.hpp"
#include "core/vocabulary.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::app {

using ChildKey = std::int64_t;

struct StoredChild {
    ChildKey key = 0;
    std::string local_authority;
    std::string child_id;
    std::optional<core::Date> date_of_birth;
};

struct WriteCounts {
    std::size_t children_added = 0;
    std::size_t children_updated = 0;
    std::size_t events_added = 0;
    std::size_t events_replaced = 0;
    std::size_t events_unchanged = 0;
};

struct EventToWrite {
    ChildKey child = 0;
    std::string local_authority;  // the child's council
    core::Event event;
    std::int64_t fingerprint = 0;  // event_fingerprint(event, its type's name)
    std::size_t line = 0;          // the row's line in events.csv, for a refusal to name
};

// An event a writer did not write because its event_id is stored for another child of the
// council (DATA.md: an event_id names one event of one child; it never moves an event).
struct RefusedEvent {
    std::size_t line = 0;  // EventToWrite::line
    std::string event_id;
};

// A stable 64-bit fingerprint of what makes an event what it is (date, type, status, details,
// agency, note), by which a store finds a re-imported row that has no event_id. Stores keep
// it, so it must never change. The importer computes it on its reading thread.
std::int64_t event_fingerprint(const core::Event& e, std::string_view type_name);

struct AuditEntry;   // below
struct EventChange;  // below

// The reason of the history entry an import writes for each event it replaces by event_id.
inline constexpr std::string_view kReplacedByImport = "replaced by an import (by its event_id)";

// One write transaction for an import. Nothing is visible to readers until commit();
// destroying the writer without committing rolls everything back, so an import that finds a
// bad row, fails, or is killed leaves the database as it was.
class ImportWriter {
public:
    virtual ~ImportWriter() = default;
    // Inserts the child or, where (local_authority, child_id) is stored, updates it.
    virtual ChildKey put_child(const core::ChildRecord& child) = 0;
    // Who is importing: each event an import replaces gets a history entry by them (action
    // correct_event, reason kReplacedByImport) keeping the version it replaces.
    virtual void set_author(const EventChange& author) = 0;
    // Stores events in the given order. An event with an event_id replaces the stored event
    // with that id in its council (keeping its place among events of its day), after writing
    // the replaced version to the event's history; one without is added unless an identical
    // one is already stored for the child. An event whose event_id is stored for another
    // child is not written but refused (refused_events), checked in the write transaction so
    // that two imports at once cannot slip past it. Taking many at once lets a store write
    // them in few statements.
    virtual void put_events(std::span<const EventToWrite> events) = 0;
    // The events refused so far, in the order given. commit() throws Error(conflict) while
    // there are any.
    [[nodiscard]] virtual std::vector<RefusedEvent> refused_events() const = 0;
    // Appends entries to the audit log in the import's transaction (stored with it or not at all).
    virtual void put_audit(std::span<const AuditEntry> entries) = 0;
    virtual WriteCounts commit() = 0;
};

struct JourneyFilter {
    std::optional<std::string> local_authority;
    std::optional<std::string> child_id;
    bool with_notes = false;  // chronologies need agency, note and event_id; clocks do not
    // If not empty, a store may leave out events of other types (reports over many children
    // name the types their clocks and stages read: core::relevant_event_types).
    std::vector<std::string> event_types;
};

// A child and its events in event order; valid only during the callback.
using JourneyVisitor = std::function<void(const core::ChildRecord&, std::span<const core::Event>)>;
using ParallelJourneyVisitor =
    std::function<void(unsigned worker, const core::ChildRecord&, std::span<const core::Event>)>;

// One line of the audit log: who saw or changed which child's record, when and how.
struct AuditEntry {
    std::string at;      // UTC, ISO 8601 (2026-11-26T09:30:00Z)
    std::string actor;   // the user
    std::string action;  // e.g. view_chronology
    std::string local_authority;
    std::string child_id;
    std::string detail;
    std::string origin = {};  // from where: "command line", or "web ADDRESS" / "api ADDRESS"
};

// A stored audit entry with its place in the hash chain (app/audit.hpp): `hash` is
// audit_hash(prev_hash, entry), and prev_hash the hash of the row before (64 zeros for the
// first). Both are empty for a row written before the chain existed and not yet chained.
struct AuditRow {
    std::int64_t id = 0;  // the order written
    AuditEntry entry;
    std::string prev_hash;
    std::string hash;
};

// Which audit rows to list, newest first. Unset fields do not filter; `from` and `to` are
// dates (YYYY-MM-DD) compared with the day of `at` (UTC), both inclusive; `from_time` and
// `until_time` are instants as `at` is written (ISO 8601 UTC), from_time inclusive, until_time
// not (the web page's UK days). `child_id` also finds the caseload pages that listed the child.
struct AuditQuery {
    std::optional<std::string> local_authority;
    std::optional<std::string> actor;
    std::optional<std::string> action;
    std::optional<std::string> child_id;
    std::optional<std::string> from;
    std::optional<std::string> to;
    std::optional<std::string> from_time;
    std::optional<std::string> until_time;
    std::size_t offset = 0;
    std::size_t limit = 50;  // 0: no limit
};
using AuditVisitor = std::function<void(const AuditRow&)>;

// A verified prefix of the audit log (migration 0008): a check found the chain intact up to row
// audit_id, whose hash was then `hash`. Only written straight after such a check
// (app::record_audit_checkpoint); append-only.
struct AuditCheckpoint {
    std::int64_t id = 0;          // the order recorded
    std::int64_t audit_id = 0;    // the last row the check reached
    std::string hash;             // that row's hash
    bool from_first_row = false;  // the check began at the first row (else at the checkpoint before)
    std::string at;               // when (UTC, ISO 8601)
    std::string actor;            // who ran the check
    std::string origin;           // "command line", or "web ADDRESS"
};

// The newest row of the audit log: noted outside the database, it shows the newest rows being
// removed (which the chain itself cannot show) or the log rewritten.
struct AuditHead {
    std::int64_t id = 0;
    std::string hash;
    std::string at;
};

// --- Tests of change and driver diagrams (docs/tests-of-change.md) -----------------------

// A test of change or a driver diagram is named by its council and its reference.
struct RecordRef {
    std::string local_authority;
    std::string reference;
};

struct TestQuery {
    std::optional<std::string> local_authority;
    std::optional<std::string> reference;
    std::optional<std::string> measure;  // tests linked to this measure id
};

// A cycle of an import, for the test its council and reference name (in the same import or
// already stored).
struct CycleToWrite {
    RecordRef test;
    core::PdsaCycle cycle;
};

struct TestWriteCounts {
    std::size_t tests_added = 0;
    std::size_t tests_updated = 0;
    std::size_t tests_unchanged = 0;
    std::size_t cycles_added = 0;
    std::size_t cycles_updated = 0;
    std::size_t cycles_unchanged = 0;
};

// The part of the store that keeps tests of change (with their measures and PDSA cycles) and
// driver diagrams. Each write is one transaction, stamped `at` (UTC, ISO 8601) as the time of
// the change; the use cases (app/tests_of_change.hpp) check records before they get here, and
// a store refuses what would break its own rules with core::Error (not_found, conflict).
class TestsOfChangeStore {
public:
    virtual ~TestsOfChangeStore() = default;

    // The tests the query names, whole, ordered by council, start date and the order stored.
    [[nodiscard]] virtual std::vector<core::TestOfChange> find_tests(const TestQuery& query) = 0;

    // Stores a new test with its measures and any cycles. Throws Error(conflict) when its
    // council already has a test with its reference.
    virtual void add_test(const core::TestOfChange& test, std::string_view at) = 0;

    // Adds a cycle numbered after the test's last one, and returns its number (the cycle's own
    // number is not read). Throws Error(not_found) when there is no such test.
    virtual int add_cycle(const RecordRef& test, const core::PdsaCycle& cycle, std::string_view at) = 0;
    // Replaces the stored cycle of the test with cycle.number. Throws Error(not_found).
    virtual void update_cycle(const RecordRef& test, const core::PdsaCycle& cycle, std::string_view at) = 0;

    // Records the decision on a test. Unless `replace`, throws Error(conflict) when the test is
    // already decided (so that two people deciding at once cannot both succeed).
    virtual void decide(const RecordRef& test, const core::DecisionRecord& decision, bool replace,
                        std::string_view at) = 0;

    // An import: each test added or, where its council and reference are stored, updated (its
    // measures replaced, its stored cycles kept); then each cycle added or, where its number is
    // stored, replaced. All in one transaction. Unless `replace_decisions`, throws
    // Error(conflict) for a test whose stored decision would change.
    virtual TestWriteCounts put_tests(std::span<const core::TestOfChange> tests, std::span<const CycleToWrite> cycles,
                                      bool replace_decisions, std::string_view at) = 0;

    // Driver diagrams of one council, or of all, ordered by council and reference.
    [[nodiscard]] virtual std::vector<core::DriverDiagram> find_diagrams(
        const std::optional<std::string>& local_authority) = 0;
    // Stores the diagram, replacing the one with its council and reference if there is one
    // (then returns true). Throws Error(not_found) when a change idea names a test of change
    // its council does not have.
    virtual bool put_diagram(const core::DriverDiagram& diagram, std::string_view at) = 0;
};

class CaseloadStore;  // app/caseload.hpp: teams and allocations

// --- Events recorded, corrected and cancelled one at a time (app/recording.hpp) -------------

// A stored event of a named child. `key` is the store's name for it: it stays the same when an
// import replaces the event by its event_id, and a journey read with notes has it as the
// event's seq.
struct StoredEvent {
    std::int64_t key = 0;
    std::string local_authority;
    std::string child_id;
    core::Event event;
};

// Who changed an event, when, from where and why: a line of the event's history.
struct EventChange {
    std::string action;  // record_event, correct_event or cancel_event (also the audit action)
    std::string at;      // UTC, ISO 8601
    std::string actor;
    std::string origin;  // "web ADDRESS", "api ADDRESS"
    std::string reason;  // required for a correction or a cancellation
};

struct EventHistoryEntry {
    std::int64_t event_key = 0;
    EventChange change;
    std::optional<core::Event> before;  // none when the change recorded the event
    core::Event after;
};

// The part of the store that changes one event at a time. Each call that writes is one
// transaction holding the event, its history entry and its audit entry: all of them or none.
class EventStore {
public:
    virtual ~EventStore() = default;

    // The child of that council and id, if there is one.
    [[nodiscard]] virtual std::optional<StoredChild> find_child(std::string_view local_authority,
                                                                std::string_view child_id) = 0;
    // The event `key` of that child, if there is one.
    [[nodiscard]] virtual std::optional<StoredEvent> find_event(std::string_view local_authority,
                                                                std::string_view child_id, std::int64_t key) = 0;

    // Adds `event` (its seq is not read) to the child. `fingerprint` is event_fingerprint of
    // it, kept as imports keep it. Throws Error(not_found) when there is no such child, and
    // Error(conflict) when the council already has an event with its event_id or, for one
    // without, the child already has an identical event.
    virtual StoredEvent add_event(std::string_view local_authority, std::string_view child_id, const core::Event& event,
                                  std::int64_t fingerprint, const EventChange& change, const AuditEntry& audit) = 0;

    // Replaces the date, status, details, agency and note of stored event `before.key` with
    // those of `after`, provided the stored event is still `before` (else Error(conflict):
    // someone changed it meanwhile). The event keeps its key, type, event_id and fingerprint
    // (so that re-importing the file it came from finds it, and does not bring back what was
    // corrected). Returns the event as stored.
    virtual StoredEvent change_event(const StoredEvent& before, const core::Event& after, const EventChange& change,
                                     const AuditEntry& audit) = 0;

    // The changes made to a child's events (or to one event, given its key), oldest first.
    [[nodiscard]] virtual std::vector<EventHistoryEntry> event_history(std::string_view local_authority,
                                                                       std::string_view child_id,
                                                                       std::optional<std::int64_t> key) = 0;
};

// --- Restricted records (app/restriction.hpp) ----------------------------------------------

// A child whose record a restricting event restricted (app/access.hpp), and whether an
// administrator has lifted it since. Case references only: no names.
struct Restriction {
    std::string local_authority;
    std::string child_id;
    bool restricted = true;  // false: lifted
    std::string event;       // the type of the event that (last) restricted the child
    core::Date event_date;   // and its date
    // The latest lift, if there was one (even if the child was restricted again since).
    std::string lifted_at;  // UTC, ISO 8601; empty when never lifted
    std::string lifted_by;
    std::string reason;
};

// An administrator's decision to lift a restriction: when, who, from where and why.
struct RestrictionLift {
    std::string at;  // UTC, ISO 8601
    std::string actor;
    std::string origin;  // "command line", "web ADDRESS"
    std::string reason;
};

// A child's names and date of birth, for a list of children that shows them.
struct NamedChild {
    std::string child_id;
    std::string given_name;
    std::string family_name;
    std::optional<core::Date> date_of_birth;
};

// What a store's children and events are at. Two equal versions read at different times mean
// that no child or event was written in between, so what was worked out from them still holds.
struct JourneysVersion {
    std::int64_t changes = 0;  // updates and deletes
    std::int64_t last_child = 0;
    std::int64_t last_event = 0;
    friend bool operator==(const JourneysVersion&, const JourneysVersion&) = default;
};

// --- The narrow ports the use cases take (issue 14): each what some use cases need, no more.
// Every write goes through one transaction; a store may rely on that (the SQLite store counts
// write transactions so that two connections can tell they read the same snapshot).

// Children by council and id: the index an import resolves rows by, and names for the pages
// that show them (reading a name is a view of the child: the caller audits first).
class ChildDirectory {
public:
    virtual ~ChildDirectory() = default;
    // Every stored child's key, council, id and date of birth (for resolving import rows).
    [[nodiscard]] virtual std::vector<StoredChild> child_index() = 0;

    // The names ("given family", either may be empty) of those of `child_ids` the council has,
    // by child id. Reading a name is a view of the child: the caller audits (caseload_names).
    [[nodiscard]] virtual std::map<std::string, std::string> child_names(std::string_view local_authority,
                                                                         std::span<const std::string> child_ids) = 0;
    // The names and date of birth of those of `child_ids` the council has, in id order. Reading
    // them is a view of the children: the caller audits first (app/search.hpp).
    [[nodiscard]] virtual std::vector<NamedChild> named_children(std::string_view local_authority,
                                                                 std::span<const std::string> child_ids) = 0;
    // The ids of the council's children whose given or family name holds each of `words`
    // (lower case; letters A to Z compared in either case), in id order: a search by name
    // (app/search.hpp). The caller narrows them to the children the user may see and shows
    // nothing else.
    [[nodiscard]] virtual std::vector<std::string> child_ids_named(std::string_view local_authority,
                                                                   std::span<const std::string> words) = 0;
    // The ids of the council's children whose sibling_group is `sibling_group` (not empty), in
    // id order. Case references only; the caller decides which of them a user may see.
    [[nodiscard]] virtual std::vector<std::string> sibling_ids(std::string_view local_authority,
                                                               std::string_view sibling_group) = 0;
};

// The journeys: children with their events, read for reports and pages, and what they are at.
class JourneyStore {
public:
    virtual ~JourneyStore() = default;
    // The version of the children and events, read outside any transaction (the latest
    // committed), or none if the store cannot tell (then nothing is kept between requests).
    [[nodiscard]] virtual std::optional<JourneysVersion> journeys_version() { return std::nullopt; }
    // Visits journeys in (local_authority, child_id) order. Without with_notes, a store may
    // leave out what only a person reads: names, sex, agency, note, event_id.
    virtual void for_each_journey(const JourneyFilter& filter, const JourneyVisitor& visit) = 0;

    // As for_each_journey, but a store may call `visit` from up to `workers` threads at once,
    // each with its own worker number, over contiguous runs of children: every child that
    // worker w visits comes, in (local_authority, child_id) order, before those of worker
    // w + 1, and each worker visits its run in order. Reports over whole councils use it to
    // work on both cores. By default, one worker visits all.
    virtual void for_each_journey_parallel(const JourneyFilter& filter, unsigned workers,
                                           const ParallelJourneyVisitor& visit) {
        (void)workers;
        for_each_journey(filter, [&](const core::ChildRecord& c, std::span<const core::Event> e) { visit(0, c, e); });
    }
};

// The audit log (append-only, hash-chained: app/audit.hpp) and its checkpoints.
class AuditLog {
public:
    virtual ~AuditLog() = default;
    // Appends entries to the audit log (append-only), all in one transaction of their own.
    virtual void record_audit(std::span<const AuditEntry> entries) = 0;
    void record_audit(const AuditEntry& entry) { record_audit(std::span<const AuditEntry>(&entry, 1)); }
    // The audit rows the query names, newest first, and how many it names in all (for pages).
    [[nodiscard]] virtual std::vector<AuditRow> find_audit(const AuditQuery& query) = 0;
    [[nodiscard]] virtual std::size_t count_audit(const AuditQuery& query) = 0;
    // Every audit row in the order written, from one snapshot (for checking the chain).
    void for_each_audit(const AuditVisitor& visit) { for_each_audit_from(0, visit); }
    // The audit rows from row first_id on (id >= first_id) in the order written, from one snapshot.
    virtual void for_each_audit_from(std::int64_t first_id, const AuditVisitor& visit) = 0;
    // The audit row with this id, if stored.
    [[nodiscard]] virtual std::optional<AuditRow> audit_row(std::int64_t id) = 0;
    // The newest audit row's id, hash and time; none while the log is empty.
    [[nodiscard]] virtual std::optional<AuditHead> audit_head() = 0;
    // The audit log's checkpoints, oldest first.
    [[nodiscard]] virtual std::vector<AuditCheckpoint> audit_checkpoints() = 0;
    // Records a checkpoint in a transaction of its own (its id is ignored) and returns its id;
    // none, and nothing written, when a checkpoint at or after its row is already recorded.
    // Throws core::Error (storage) if the row is not stored with that hash.
    virtual std::optional<std::int64_t> add_audit_checkpoint(const AuditCheckpoint& checkpoint) = 0;
};

// Imports: one write transaction each (ImportWriter). An importer resolves its rows against
// ChildDirectory::child_index and compares with what for_each_journey reads.
class ImportStore {
public:
    virtual ~ImportStore() = default;
    // Starts the one transaction of an import.
    [[nodiscard]] virtual std::unique_ptr<ImportWriter> begin_import() = 0;
};

// Restricted records (app/restriction.hpp).
class RestrictionStore {
public:
    virtual ~RestrictionStore() = default;
    // Restricted records. A store restricts a child in the transaction of any write that stores
    // a restricting event as occurred (an adoption or a permanence order with authority to adopt
    // as the permanence_plan_recorded plan, the permanence_recommendation route or the
    // permanence_panel recommendation, or an order_granted of adoption, poa or placement_order),
    // or that makes a stored event one: an import, a recording, a correction. Nothing but
    // lift_restriction takes it off; journeys read the child with ChildRecord::restricted.
    // The council's children ever restricted, by child id.
    [[nodiscard]] virtual std::vector<Restriction> restrictions(std::string_view local_authority) = 0;
    // Lifts the child's restriction, recording the decision and its audit entry in one
    // transaction. False, and nothing written, when the council has no such child restricted now.
    virtual bool lift_restriction(std::string_view local_authority, std::string_view child_id,
                                  const RestrictionLift& lift, const AuditEntry& audit) = 0;
};

// The journeys, names, audit log, imports and restrictions of one store, with its other parts:
// what the use cases that read and show children's records take until each takes only the
// ports it uses (issue 14; the composition root holds app::Database, app/database.hpp).
class Store : public ChildDirectory, public JourneyStore, public AuditLog, public ImportStore, public RestrictionStore {
public:
    // By default the names are read with the journeys (one journey read a child, or the
    // council's journeys); a store may read each in one query.
    [[nodiscard]] std::map<std::string, std::string> child_names(std::string_view local_authority,
                                                                 std::span<const std::string> child_ids) override;
    [[nodiscard]] std::vector<NamedChild> named_children(std::string_view local_authority,
                                                         std::span<const std::string> child_ids) override;
    [[nodiscard]] std::vector<std::string> child_ids_named(std::string_view local_authority,
                                                           std::span<const std::string> words) override;
    [[nodiscard]] std::vector<std::string> sibling_ids(std::string_view local_authority,
                                                       std::string_view sibling_group) override;

    // Tests of change and driver diagrams.
    [[nodiscard]] virtual TestsOfChangeStore& tests_of_change() = 0;

    // Teams and who holds each child's case (app/caseload.hpp).
    [[nodiscard]] virtual CaseloadStore& caseload() = 0;
    // Events recorded, corrected and cancelled one at a time.
    [[nodiscard]] virtual EventStore& events() = 0;
    // What allocations, teams and users (who sees which child) are at: a number that every
    // such write changes, or none if the store cannot tell (as JourneyStore::journeys_version).
    [[nodiscard]] virtual std::optional<std::int64_t> caseload_version() { return std::nullopt; }
};

}  // namespace waymark::app
