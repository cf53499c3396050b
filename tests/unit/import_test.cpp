// Import through the Store port: all or nothing, idempotent, event_id replaces, and a store
// that fails part way leaves nothing written.
#include "app/import.hpp"
#include "app/audit.hpp"
#include "app/event_checks.hpp"
#include "app/event_history.hpp"
#include "app/reports.hpp"
#include "app/standards_file.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using waymark::app::ImportError;
using waymark::core::Date;

namespace {

class ImportTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("waymark-import-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    std::string write(const std::string& name, const std::string& text) {
        const auto p = (dir_ / name).string();
        std::ofstream(p, std::ios::binary) << text;
        return p;
    }
    waymark::app::ImportResult run(waymark::app::ImportPorts store, const std::string& children,
                                   const std::string& events) {
        waymark::app::ImportOptions o;
        if (!children.empty()) o.children_path = write("children.csv", children);
        if (!events.empty()) o.events_path = write("events.csv", events);
        o.today = Date::parse("2026-11-26");
        return waymark::app::import_files(store, set_.vocabulary, o);
    }
    std::string dump(waymark::app::Store& store) {
        std::string out;
        store.for_each_journey({std::nullopt, std::nullopt, true, {}},
                               [&](const waymark::core::ChildRecord& c, std::span<const waymark::core::Event> es) {
                                   out += c.local_authority + "/" + c.child_id + " " + c.given_name + "\n";
                                   for (const auto& e : es) {
                                       out += "  " + e.date.iso() + " " + std::string(set_.vocabulary.name(e.type)) +
                                              " " + std::string(waymark::core::to_string(e.status)) + " " + e.details +
                                              " " + e.event_id + " " + e.note + "\n";
                                   }
                               });
        return out;
    }
    std::string db() const { return (dir_ / "w.db").string(); }

    fs::path dir_;
    waymark::app::StandardSet set_ = waymark::app::default_standards();
};

const std::string kChildren =
    "child_id,local_authority,given_name,family_name,date_of_birth\n"
    "C1,S12000049,Siobhán,Ó Briain,2019-03-03\n"
    "C2,S12000049,Ruairí,MacAoidh,2020-05-05\n";
const std::string kEvents =
    "child_id,date,event,status,details,agency,note,event_id\n"
    "C1,2026-01-05,accommodated,,placement=foster;basis=s25,social_work,\"Placed with foster carers, together\",\n"
    "C1,2026-02-01,lar,planned,kind=standard,social_work,,E1\n"
    "C2,2025-06-01,looked_after_at_home,,,social_work,,\n";

}  // namespace

TEST_F(ImportTest, ReimportingTheSameRowsAddsNothing) {
    waymark::store::SqliteStore store(db(), set_.vocabulary);
    auto first = run(store, kChildren, kEvents);
    EXPECT_EQ(first.written.children_added, 2u);
    EXPECT_EQ(first.written.events_added, 3u);
    const auto before = dump(store);
    auto again = run(store, kChildren, kEvents);
    EXPECT_EQ(again.written.children_added, 0u);
    EXPECT_EQ(again.written.events_added, 0u);
    EXPECT_EQ(again.written.events_unchanged, 3u);
    EXPECT_EQ(dump(store), before);
}

TEST_F(ImportTest, EventIdReplacesTheStoredEventAndEventsCanBeAddedLater) {
    waymark::store::SqliteStore store(db(), set_.vocabulary);
    run(store, kChildren, kEvents);
    auto r = run(store, "",
                 "child_id,date,event,status,details,event_id\nC1,2026-02-03,lar,occurred,kind=standard,E1\nC2,2026-01-"
                 "01,life_event,,impact=positive,\n");
    EXPECT_EQ(r.written.events_replaced, 1u);
    EXPECT_EQ(r.written.events_added, 1u);
    const auto d = dump(store);
    EXPECT_NE(d.find("2026-02-03 lar occurred kind=standard E1"), std::string::npos) << d;
    EXPECT_EQ(d.find("planned kind=standard E1"), std::string::npos) << d;
    EXPECT_NE(d.find("2026-01-01 life_event occurred impact=positive"), std::string::npos) << d;
    EXPECT_NE(d.find("Siobhán"), std::string::npos);
}

TEST_F(ImportTest, ABadRowRejectsEverythingAndListsEveryProblem) {
    waymark::store::SqliteStore store(db(), set_.vocabulary);
    run(store, kChildren, kEvents);
    const auto before = dump(store);
    std::string events = "child_id,date,event,details\n";
    events += "C1,2026-03-01,lar,kind=standard\n";   // good, but must not be stored
    events += "C1,2023-02-29,lar,\n";                // impossible date
    events += "C9,2026-03-01,lar,\n";                // no such child
    events += "C1,2026-03-01,larr,\n";               // not in the vocabulary
    events += "C1,2026-03-01,lar,kind=weekly\n";     // bad attribute value
    events += "C1,2999-01-01,lar,\n";                // occurred, after today
    events += "C1,2019-01-01,lar,\n";                // before the date of birth
    events += "C1,2019-01-01,pre_birth_concern,\n";  // allowed before birth
    try {
        run(store, "", events);
        FAIL() << "expected the import to be rejected";
    } catch (const ImportError& e) {
        ASSERT_EQ(e.total(), 6u) << e.what();
        EXPECT_EQ(e.problems()[0].to_string(),
                  "events.csv:3:2: date: '2023-02-29' is not a date (expected YYYY-MM-DD or DD/MM/YYYY)");
        EXPECT_EQ(e.problems()[1].to_string(),
                  "events.csv:4:1: child_id: no child C9 in children.csv or already stored");
        EXPECT_EQ(e.problems()[2].field, "event");
        EXPECT_EQ(e.problems()[3].field, "details");
        EXPECT_EQ(e.problems()[4].to_string(),
                  "events.csv:7:2: date: 2999-01-01 is after today for an event that has occurred (status planned?)");
        EXPECT_EQ(e.problems()[5].to_string(), "events.csv:8:2: date: 2019-01-01 is before the child's date of birth");
    }
    EXPECT_EQ(dump(store), before);
}

// Issue 13, item 5: a note longer than app::kMaxNoteCharacters (counted in characters, not
// bytes) is refused at its file, line and column, and nothing is stored.
TEST_F(ImportTest, ANoteLongerThanTheCapIsRefusedAtItsLineAndColumn) {
    waymark::store::SqliteStore store(db(), set_.vocabulary);
    run(store, kChildren, kEvents);
    const auto before = dump(store);
    std::string at_cap;  // 10,000 characters of two bytes each: at the cap, so accepted
    for (std::size_t i = 0; i < waymark::app::kMaxNoteCharacters; ++i) at_cap += "\u00e9";
    const std::string over(waymark::app::kMaxNoteCharacters + 1, 'a');
    std::string events = "child_id,date,event,details,agency,note\n";
    events += "C1,2026-03-01,lar,kind=standard,social_work," + at_cap + "\n";
    events += "C1,2026-03-02,lar,kind=standard,social_work," + over + "\n";
    try {
        run(store, "", events);
        FAIL() << "expected the import to be rejected";
    } catch (const ImportError& e) {
        ASSERT_EQ(e.total(), 1u) << e.what();
        EXPECT_EQ(e.problems()[0].to_string(),
                  "events.csv:3:6: note: A note must be 10,000 characters or fewer; this one has 10,001. Shorten it, "
                  "or keep the full text in the case file and summarise it here");
    }
    EXPECT_EQ(dump(store), before);
    run(store, "",
        "child_id,date,event,details,agency,note\nC1,2026-03-01,lar,kind=standard,social_work," + at_cap + "\n");
    EXPECT_NE(dump(store).find(at_cap), std::string::npos);
}

TEST_F(ImportTest, OnlyTheFirstTwentyProblemsAreListed) {
    waymark::store::SqliteStore store(db(), set_.vocabulary);
    std::string events = "child_id,date,event\n";
    for (int i = 0; i < 25; ++i) events += "C1,not-a-date,lar\n";
    try {
        run(store, kChildren, events);
        FAIL();
    } catch (const ImportError& e) {
        EXPECT_EQ(e.total(), 25u);
        EXPECT_EQ(e.problems().size(), 20u);
        EXPECT_NE(std::string(e.what()).find("... and 5 more"), std::string::npos);
    }
    EXPECT_EQ(dump(store), "");
}

// Imports whose writer fails on the n-th write: the import must leave nothing behind.
class FailingImports : public waymark::app::ImportStore {
public:
    FailingImports(waymark::app::ImportStore& real, int fail_at) : real_(real), fail_at_(fail_at) {}
    std::unique_ptr<waymark::app::ImportWriter> begin_import() override {
        struct Writer : waymark::app::ImportWriter {
            std::unique_ptr<waymark::app::ImportWriter> inner;
            int left;
            void tick() {
                if (--left == 0) throw waymark::core::Error(waymark::core::ErrorKind::storage, "disk full (simulated)");
            }
            waymark::app::ChildKey put_child(const waymark::core::ChildRecord& c) override {
                tick();
                return inner->put_child(c);
            }
            void put_events(std::span<const waymark::app::EventToWrite> events) override {
                // Write one at a time so that the failure can fall between any two events.
                for (const auto& e : events) {
                    tick();
                    inner->put_events({&e, 1});
                }
            }
            void set_author(const waymark::app::EventChange& author) override { inner->set_author(author); }
            [[nodiscard]] std::vector<waymark::app::RefusedEvent> refused_events() const override {
                return inner->refused_events();
            }
            void put_audit(std::span<const waymark::app::AuditEntry> entries) override {
                tick();
                inner->put_audit(entries);
            }
            waymark::app::WriteCounts commit() override {
                tick();
                return inner->commit();
            }
        };
        auto w = std::make_unique<Writer>();
        w->inner = real_.begin_import();
        w->left = fail_at_;
        return w;
    }

private:
    waymark::app::ImportStore& real_;
    int fail_at_;
};

TEST_F(ImportTest, AStoreFailingAtAnyWriteLeavesTheDatabaseAsItWas) {
    waymark::store::SqliteStore store(db(), set_.vocabulary);
    run(store, kChildren, kEvents);
    const auto before = dump(store);
    const std::string more_children = kChildren + "C3,S12000049,Eilidh,Scott,2021-01-01\n";
    const std::string more_events =
        kEvents + "C3,2026-04-01,accommodated,,placement=kinship,,,\nC1,2026-04-01,lar,,,,,\n";
    // 3 children, 5 events, and the commit: fail at each of the 9 writes in turn.
    for (int n = 1; n <= 9; ++n) {
        FailingImports failing(store, n);
        EXPECT_THROW(run({store, failing, store}, more_children, more_events), waymark::core::Error) << "write " << n;
        EXPECT_EQ(dump(store), before) << "after failing at write " << n;
    }
}

TEST_F(ImportTest, SchemaVersionNewerThanTheProgramIsRefused) {
    {
        waymark::store::SqliteStore store(db(), set_.vocabulary);
        EXPECT_EQ(store.schema_version(), waymark::store::SqliteStore::schema_version_supported());
    }
    // Bump the version as a newer program would have.
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db().c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, "PRAGMA user_version=99", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(raw);
    try {
        waymark::store::SqliteStore store(db(), set_.vocabulary);
        FAIL() << "opened a database from the future";
    } catch (const waymark::core::Error& e) {
        EXPECT_EQ(e.kind(), waymark::core::ErrorKind::storage);
        EXPECT_NE(std::string(e.what()).find("schema version 99"), std::string::npos) << e.what();
    }
}

// Stores keep the fingerprint, so a change to it would make every re-import look new.
TEST(EventFingerprint, IsStableAndCoversTheContent) {
    waymark::core::Event e;
    e.date = Date::parse("2026-01-05");
    e.details = "placement=foster;basis=s25";
    e.agency = "social_work";
    e.note = "Placed with foster carers";
    const auto base = waymark::app::event_fingerprint(e, "accommodated");
    EXPECT_EQ(base, waymark::app::event_fingerprint(e, "accommodated"));
    auto other = e;
    other.note = "Placed with foster carers.";
    EXPECT_NE(base, waymark::app::event_fingerprint(other, "accommodated"));
    other = e;
    other.date = Date::parse("2026-01-06");
    EXPECT_NE(base, waymark::app::event_fingerprint(other, "accommodated"));
    EXPECT_NE(base, waymark::app::event_fingerprint(e, "placement_change"));
    other = e;
    other.status = waymark::core::EventStatus::planned;
    EXPECT_NE(base, waymark::app::event_fingerprint(other, "accommodated"));
    // The value itself is pinned: it is stored in every database.
    EXPECT_EQ(base, std::int64_t{6492288610495909056});
}

// Every view of a named child is written to an append-only audit log.
TEST_F(ImportTest, ViewingAChronologyIsAuditedAndTheAuditLogIsAppendOnly) {
    waymark::store::SqliteStore store(db(), set_.vocabulary);
    run(store, kChildren, kEvents);
    const auto c = waymark::app::chronology(store, set_, "C1", std::nullopt, Date::parse("2026-11-26"),
                                            {"a.worker", "2026-11-26T09:30:00Z"});
    EXPECT_EQ(c.child.given_name, "Siobhán");
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db().c_str(), &raw), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(raw, "SELECT at, actor, action, local_authority, child_id, detail FROM audit", -1, &st,
                                 nullptr),
              SQLITE_OK);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    std::string row;
    for (int i = 0; i < 6; ++i) row += std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, i))) + "|";
    EXPECT_EQ(row, "2026-11-26T09:30:00Z|a.worker|view_chronology|S12000049|C1|as of 2026-11-26|");
    EXPECT_EQ(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    char* err = nullptr;
    EXPECT_NE(sqlite3_exec(raw, "UPDATE audit SET actor = 'someone else'", nullptr, nullptr, &err), SQLITE_OK);
    EXPECT_NE(std::string(err ? err : "").find("append-only"), std::string::npos);
    sqlite3_free(err);
    EXPECT_NE(sqlite3_exec(raw, "DELETE FROM audit", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(raw);
}

namespace {

// An import with `audit` set writes one entry per child it names, in its own transaction: a
// rejected import writes none of them but one import_rejected entry naming no child, and the
// entries join the audit log's hash chain.
TEST_F(ImportTest, AnAuditedImportWritesOneEntryPerChildWithTheImport) {
    waymark::store::SqliteStore store(db(), set_.vocabulary);
    waymark::app::ImportOptions o;
    o.children_path = write("children.csv",
                            "child_id,local_authority,date_of_birth\nA1,S12000049,2020-01-01\n"
                            "A2,S12000049,2020-01-01\n");
    o.events_path = write("events.csv",
                          "child_id,date,event\nA2,2026-01-01,accommodated\nA2,2026-02-01,lar\n"
                          "A1,2026-02-30,lar\n");
    o.today = Date::parse("2026-11-26");
    o.audit = waymark::app::AuditEntry{"2026-11-26T09:30:00Z", "a.manager", "import", "", "", "upload", "web 1"};
    EXPECT_THROW(waymark::app::import_files(store, set_.vocabulary, o), ImportError);
    waymark::app::AuditQuery all;
    all.limit = 0;
    const auto rejected = store.find_audit(all);
    ASSERT_EQ(rejected.size(), 1U);
    EXPECT_EQ(rejected[0].entry.action, "import_rejected");
    EXPECT_EQ(rejected[0].entry.actor, "a.manager");
    EXPECT_EQ(rejected[0].entry.child_id, "");
    EXPECT_EQ(rejected[0].entry.detail, "children.csv 2 rows, events.csv 3 rows: 1 problem");
    o.events_path = write("events.csv",
                          "child_id,date,event\nA2,2026-01-01,accommodated\nA2,2026-02-01,lar\n"
                          "A1,2026-02-03,lar\n");
    waymark::app::import_files(store, set_.vocabulary, o);
    auto rows = store.find_audit(all);
    rows.pop_back();  // the rejected import's
    ASSERT_EQ(rows.size(), 2U);
    EXPECT_EQ(rows[1].entry.child_id, "A1");
    EXPECT_EQ(rows[0].entry.child_id, "A2");
    EXPECT_EQ(rows[0].entry.local_authority, "S12000049");
    EXPECT_EQ(rows[0].entry.actor, "a.manager");
    EXPECT_TRUE(waymark::app::verify_audit_chain(store, waymark::app::AuditCheckFrom::first_row).intact);
}

// An event_id names one event of one child (DATA.md): a row whose event_id is stored for
// another child is refused by line and column, and neither event moves.
TEST_F(ImportTest, AnEventIdStoredForAnotherChildIsRefusedAndNothingMoves) {
    waymark::store::SqliteStore store(db(), set_.vocabulary);
    run(store, kChildren, kEvents);
    const auto before = dump(store);
    try {
        run(store, "", "child_id,date,event,status,details,event_id\nC2,2026-03-01,lar,occurred,kind=standard,E1\n");
        FAIL() << "an event of C1 was moved to C2";
    } catch (const ImportError& e) {
        ASSERT_EQ(e.problems().size(), 1U);
        EXPECT_EQ(e.problems()[0].to_string(),
                  "events.csv:2:6: event_id: E1 is stored for another child: an event_id names one event of one "
                  "child (give this row its own event_id)");
        // Whose it is is not said.
        EXPECT_EQ(std::string(e.what()).find("C1"), std::string::npos);
    }
    EXPECT_EQ(dump(store), before);
}

// The check is the store's, inside the import's write transaction: a writer given such an
// event (as a second import started after the first committed would be) writes nothing of it,
// names its line, and will not commit.
TEST_F(ImportTest, TheWriterRefusesAnEventIdOfAnotherChildInsideItsTransaction) {
    waymark::store::SqliteStore store(db(), set_.vocabulary);
    run(store, kChildren, kEvents);
    const auto before = dump(store);
    std::int64_t c2 = 0;
    for (const auto& c : store.child_index()) {
        if (c.child_id == "C2") c2 = c.key;
    }
    {
        auto writer = store.begin_import();
        waymark::app::EventToWrite w;
        w.child = c2;
        w.local_authority = "S12000049";
        w.event.date = Date::parse("2026-03-01");
        w.event.type = *set_.vocabulary.find("lar");
        w.event.status = waymark::core::EventStatus::occurred;
        w.event.event_id = "E1";
        w.fingerprint = waymark::app::event_fingerprint(w.event, "lar");
        w.line = 7;
        writer->put_events({&w, 1});
        const auto refused = writer->refused_events();
        ASSERT_EQ(refused.size(), 1U);
        EXPECT_EQ(refused[0].line, 7U);
        EXPECT_EQ(refused[0].event_id, "E1");
        EXPECT_THROW(writer->commit(), waymark::core::Error);
    }
    EXPECT_EQ(dump(store), before);
}

// Each version an import replaces stays in the event's history: importing E1 three times with
// three dates shows all three, the two replacements by the import.
TEST_F(ImportTest, EveryVersionAnImportReplacesIsKeptInTheEventsHistory) {
    waymark::store::SqliteStore store(db(), set_.vocabulary);
    run(store, kChildren, kEvents);
    const std::string head = "child_id,date,event,status,details,event_id\n";
    run(store, "", head + "C1,2026-02-08,lar,planned,kind=standard,E1\n");
    run(store, "", head + "C1,2026-02-09,lar,occurred,kind=standard,E1\n");
    std::int64_t key = 0;
    store.for_each_journey({std::nullopt, std::string("C1"), true, {}},
                           [&](const waymark::core::ChildRecord&, std::span<const waymark::core::Event> es) {
                               for (const auto& e : es) {
                                   if (e.event_id == "E1") key = e.seq;
                               }
                           });
    ASSERT_NE(key, 0);
    const auto h = waymark::app::event_history(store, {"S12000049", "C1"}, key, {"tester", "2026-11-26T10:00:00Z"});
    ASSERT_EQ(h.versions.size(), 3U);
    EXPECT_EQ(h.versions[0].source, waymark::app::VersionSource::imported);
    EXPECT_EQ(h.versions[0].event.date.iso(), "2026-02-01");
    EXPECT_EQ(h.versions[1].source, waymark::app::VersionSource::reimported);
    EXPECT_EQ(h.versions[1].event.date.iso(), "2026-02-08");
    EXPECT_EQ(h.versions[2].source, waymark::app::VersionSource::reimported);
    EXPECT_EQ(h.versions[2].event.date.iso(), "2026-02-09");
    EXPECT_EQ(h.versions[2].event.status, waymark::core::EventStatus::occurred);
}

}  // namespace

// DATA.md: occurred events dated before the date of birth are allowed for the types a
// chronology starts with (a pre-birth case conference, a life event, legal advice sought
// before the birth); every other type is an error naming file, line and column.
TEST_F(ImportTest, ThePreBirthTypesOfDataMdMayComeBeforeTheDateOfBirth) {
    waymark::store::SqliteStore store(db(), set_.vocabulary);
    run(store, kChildren, kEvents);
    std::string allowed = "child_id,date,event,details\n";
    for (const char* type : {"pre_birth_concern", "scra_early_alert", "referral_to_reporter", "case_conference",
                             "life_event", "legal_advice_requested", "legal_advice_received"}) {
        allowed += std::string("C1,2018-12-01,") + type + ",\n";
    }
    allowed += "C1,2018-12-02,case_conference,kind=pre_birth;outcome=registered\n";
    allowed += "C1,2018-12-03,life_event,impact=negative\n";
    const auto r = run(store, "", allowed);
    EXPECT_EQ(r.written.events_added, 9u);
    const auto d = dump(store);
    EXPECT_NE(d.find("2018-12-02 case_conference occurred kind=pre_birth;outcome=registered"), std::string::npos) << d;

    const auto before = dump(store);
    std::string refused = "child_id,date,event,details\n";
    refused += "C1,2018-12-04,life_event,impact=positive\n";  // good, but must not be stored
    for (const char* type :
         {"birth", "accommodated", "lar", "childrens_hearing", "court_hearing", "mentoring_meeting"}) {
        refused += std::string("C1,2019-03-02,") + type + ",\n";
    }
    try {
        run(store, "", refused);
        FAIL() << "expected the import to be rejected";
    } catch (const ImportError& e) {
        ASSERT_EQ(e.total(), 6u) << e.what();
        for (std::size_t i = 0; i < 6; ++i) {
            EXPECT_EQ(e.problems()[i].to_string(), "events.csv:" + std::to_string(i + 3) +
                                                       ":2: date: 2019-03-02 is before the child's date of birth");
        }
    }
    EXPECT_EQ(dump(store), before);
}

// Every value of DATA.md's vocabulary table that issue 12 added (England's orders, bases
// and destinations) is accepted.
TEST_F(ImportTest, TheVocabularyHasDataMdsEnglishValues) {
    waymark::store::SqliteStore store(db(), set_.vocabulary);
    run(store, kChildren, kEvents);
    std::string events = "child_id,date,event,details\n";
    for (const char* basis : {"s20", "care_order", "interim_care_order", "emergency", "youth_justice"}) {
        events += std::string("C2,2026-03-01,accommodated,basis=") + basis + ";siblings=some\n";
    }
    events += "C2,2026-03-02,court_application_lodged,order=kinship_care_order\n";
    events += "C2,2026-03-03,order_refused,order=placement_order\n";
    events += "C2,2026-03-04,order_granted,order=placement_order\n";
    events += "C2,2026-03-05,ceased_looked_after,destination=sgo\n";
    events += "C2,2026-03-06,ceased_looked_after,destination=cao\n";
    events += "C2,2026-03-07,lar,kind=standard;child_views=advocate\n";
    const auto r = run(store, "", events);
    EXPECT_EQ(r.written.events_added, 11u);
}

// DATA.md children.csv: an optional sibling_group, stored and read back wherever children are
// read: one child with its notes, and every child in one pass (reports).
TEST_F(ImportTest, SiblingGroupIsStoredAndReadBack) {
    waymark::store::SqliteStore store(db(), set_.vocabulary);
    run(store,
        "child_id,local_authority,date_of_birth,sibling_group\n"
        "C1,S12000049,2019-03-03,G-12\n"
        "C2,S12000049,2020-05-05,G-12\n"
        "C3,S12000049,2021-07-07,\n",
        kEvents);
    auto groups = [&](const waymark::app::JourneyFilter& filter) {
        std::string out;
        store.for_each_journey(filter, [&](const waymark::core::ChildRecord& c, std::span<const waymark::core::Event>) {
            out += c.child_id + "=" + c.sibling_group + " ";
        });
        return out;
    };
    EXPECT_EQ(groups({}), "C1=G-12 C2=G-12 C3= ");
    EXPECT_EQ(groups({std::nullopt, std::nullopt, true, {}}), "C1=G-12 C2=G-12 C3= ");
    EXPECT_EQ(groups({std::string("S12000049"), std::string("C2"), true, {}}), "C2=G-12 ");
    // A later children.csv that gives another group changes it.
    const auto r =
        run(store, "child_id,local_authority,date_of_birth,sibling_group\nC3,S12000049,2021-07-07,G-12\n", "");
    EXPECT_EQ(r.written.children_updated, 1u);
    EXPECT_EQ(groups({}), "C1=G-12 C2=G-12 C3=G-12 ");
}

// The sibling_group follows child_id's character rules; a bad one names file, line and column.
TEST_F(ImportTest, ABadSiblingGroupIsRefusedByLineAndColumn) {
    waymark::store::SqliteStore store(db(), set_.vocabulary);
    run(store, kChildren, kEvents);
    const auto before = dump(store);
    try {
        run(store,
            "child_id,local_authority,date_of_birth,sibling_group\n"
            "C1,S12000049,2019-03-03,G 12\n"
            "C2,S12000049,2020-05-05," +
                std::string(65, 'g') + "\n",
            "");
        FAIL() << "expected the import to be rejected";
    } catch (const ImportError& e) {
        ASSERT_EQ(e.total(), 2u) << e.what();
        EXPECT_EQ(e.problems()[0].to_string(),
                  "children.csv:2:4: sibling_group: 'G 12' is not a sibling group (1-64 characters of A-Z a-z 0-9 - _ "
                  ". /)");
        EXPECT_EQ(e.problems()[1].field, "sibling_group");
        EXPECT_EQ(e.problems()[1].line, 3u);
    }
    EXPECT_EQ(dump(store), before);
}
