// Recording, correcting and cancelling a named child's events (app/recording.hpp) over the
// SQLite store: the importer's checks with the field at fault, who may record what, the history
// that keeps every version, and writes that are all or nothing.
#include "app/recording.hpp"
#include "app/import.hpp"
#include "app/standards_file.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using waymark::app::Author;
using waymark::app::ChildRef;
using waymark::app::EventInput;
using waymark::app::InvalidEvent;
using waymark::app::Role;
using waymark::core::Date;
using waymark::core::Error;
using waymark::core::ErrorKind;
using waymark::core::EventStatus;

namespace {

class RecordingTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("waymark-recording-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        std::ofstream(dir_ / "children.csv") << "child_id,local_authority,date_of_birth\nC1,S12000049,2019-03-03\n";
        std::ofstream(dir_ / "events.csv")
            << "child_id,local_authority,date,event,details,agency,note,event_id\n"
               "C1,S12000049,2026-09-01,accommodated,placement=foster,social_work,,\n"
               "C1,S12000049,2026-09-20,lar,kind=standard,social_work,first review,E-7\n";
        store_ = std::make_unique<waymark::store::SqliteStore>(db(), set_.vocabulary);
        import();
    }
    void TearDown() override {
        store_.reset();
        fs::remove_all(dir_);
    }
    void import() {
        waymark::app::ImportOptions o;
        o.children_path = (dir_ / "children.csv").string();
        o.events_path = (dir_ / "events.csv").string();
        o.today = Date::parse("2026-11-26");
        waymark::app::import_files(*store_, set_.vocabulary, o);
    }
    std::string db() const { return (dir_ / "w.db").string(); }

    // The child's events as stored: "date type status details agency note event_id".
    std::vector<std::string> events() {
        std::vector<std::string> out;
        store_->for_each_journey({"S12000049", "C1", true, {}},
                                 [&](const waymark::core::ChildRecord&, std::span<const waymark::core::Event> es) {
                                     for (const auto& e : es) {
                                         out.push_back(e.date.iso() + " " + std::string(set_.vocabulary.name(e.type)) +
                                                       " " + std::string(waymark::core::to_string(e.status)) + " " +
                                                       e.details + " " + e.agency + " " + e.note + " " + e.event_id);
                                     }
                                 });
        return out;
    }
    std::int64_t key_of(std::string_view type) {
        std::int64_t key = 0;
        store_->for_each_journey({"S12000049", "C1", true, {}},
                                 [&](const waymark::core::ChildRecord&, std::span<const waymark::core::Event> es) {
                                     for (const auto& e : es) {
                                         if (set_.vocabulary.name(e.type) == type) key = e.seq;
                                     }
                                 });
        return key;
    }
    std::vector<std::string> field_errors(const std::function<void()>& f) {
        try {
            f();
        } catch (const InvalidEvent& e) {
            std::vector<std::string> out;
            for (const auto& fe : e.errors()) out.push_back(fe.field);
            return out;
        }
        ADD_FAILURE() << "no InvalidEvent";
        return {};
    }
    std::vector<std::string> table(const char* sql) {
        std::vector<std::string> lines;
        sqlite3* raw = nullptr;
        sqlite3_open(db().c_str(), &raw);
        sqlite3_stmt* s = nullptr;
        sqlite3_prepare_v2(raw, sql, -1, &s, nullptr);
        while (sqlite3_step(s) == SQLITE_ROW)
            lines.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
        sqlite3_finalize(s);
        sqlite3_close(raw);
        return lines;
    }
    void exec(const char* sql) {
        sqlite3* raw = nullptr;
        sqlite3_open(db().c_str(), &raw);
        ASSERT_EQ(sqlite3_exec(raw, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(raw);
        sqlite3_close(raw);
    }

    fs::path dir_;
    waymark::app::StandardSet set_ = waymark::app::default_standards();
    std::unique_ptr<waymark::store::SqliteStore> store_;
    ChildRef child_{"S12000049", "C1"};
    Author worker_{"sw1", Role::social_worker, "2026-11-26T10:00:00Z", "web 192.0.2.1", Date::parse("2026-11-26")};
};

TEST_F(RecordingTest, RecordsAnEventWithItsHistoryAndAuditInOneGo) {
    const auto stored =
        waymark::app::record_event(*store_, set_.vocabulary, child_,
                                   {"2026-11-20", "lar", "", "kind=standard", "social_work", " second ", ""}, worker_);
    EXPECT_GT(stored.key, 0);
    EXPECT_EQ(stored.event.note, "second");  // trimmed as the importer trims
    EXPECT_EQ(events().back(), "2026-11-20 lar occurred kind=standard social_work second ");
    EXPECT_EQ(table("SELECT actor || ' ' || action || ' ' || child_id || ' ' || origin || ' ' || detail FROM audit"),
              std::vector<std::string>{"sw1 record_event C1 web 192.0.2.1 lar occurred on 2026-11-20"});
    const auto history = store_->events().event_history("S12000049", "C1", stored.key);
    ASSERT_EQ(history.size(), 1U);
    EXPECT_EQ(history[0].change.action, "record_event");
    EXPECT_FALSE(history[0].before.has_value());
    EXPECT_EQ(history[0].after.date, Date::parse("2026-11-20"));
}

TEST_F(RecordingTest, PlansAnEventAfterToday) {
    const auto stored = waymark::app::record_event(*store_, set_.vocabulary, child_,
                                                   {"2027-03-01", "lar", "planned", "", "", "", ""}, worker_);
    EXPECT_EQ(stored.event.status, EventStatus::planned);
}

TEST_F(RecordingTest, ChecksEveryFieldAsTheImporterDoesAndNamesEachOne) {
    // An occurred event after today, an unknown attribute value, an unknown agency: all three.
    EXPECT_EQ(field_errors([&] {
                  waymark::app::record_event(*store_, set_.vocabulary, child_,
                                             {"2027-01-01", "lar", "", "kind=weekly", "the_council", "", ""}, worker_);
              }),
              (std::vector<std::string>{"date", "details", "agency"}));
    EXPECT_EQ(field_errors([&] {
                  waymark::app::record_event(*store_, set_.vocabulary, child_,
                                             {"2026-02-30", "", "sometime", "", "", "", "bad id!"}, worker_);
              }),
              (std::vector<std::string>{"event", "status", "date", "event_id"}));
    // Before the date of birth, except for types that may come before it.
    EXPECT_EQ(field_errors([&] {
                  waymark::app::record_event(*store_, set_.vocabulary, child_,
                                             {"2019-01-01", "lar", "", "", "", "", ""}, worker_);
              }),
              std::vector<std::string>{"date"});
    EXPECT_NO_THROW(waymark::app::record_event(*store_, set_.vocabulary, child_,
                                               {"2019-01-01", "referral_to_reporter", "", "", "", "", ""}, worker_));
    // A new event is not recorded as cancelled: a stored one is cancelled, with a reason.
    EXPECT_EQ(field_errors([&] {
                  waymark::app::record_event(*store_, set_.vocabulary, child_,
                                             {"2026-11-01", "lar", "cancelled", "", "", "", ""}, worker_);
              }),
              std::vector<std::string>{"status"});
    EXPECT_EQ(events().size(), 3U);
}

TEST_F(RecordingTest, RolesRecordOnlyWhatTheyMay) {
    using waymark::app::may_record;
    using waymark::core::EventType;
    using waymark::core::id_of;
    EXPECT_TRUE(may_record(Role::social_worker, id_of(EventType::accommodated)));
    EXPECT_TRUE(may_record(Role::team_manager, id_of(EventType::order_granted)));
    EXPECT_TRUE(may_record(Role::reviewing_officer, id_of(EventType::lar)));
    EXPECT_FALSE(may_record(Role::reviewing_officer, id_of(EventType::accommodated)));
    EXPECT_TRUE(may_record(Role::legal, id_of(EventType::court_hearing)));
    EXPECT_TRUE(may_record(Role::legal, id_of(EventType::legal_advice_received)));
    EXPECT_FALSE(may_record(Role::legal, id_of(EventType::lar)));
    for (Role r : {Role::improvement_advisor, Role::administrator, Role::national_analyst}) {
        EXPECT_FALSE(waymark::app::may_record_any(r));
        EXPECT_FALSE(may_record(r, id_of(EventType::lar)));
    }
    for (Role r : {Role::social_worker, Role::team_manager, Role::reviewing_officer, Role::legal}) {
        EXPECT_TRUE(waymark::app::may_record_any(r));
    }
    Author legal = worker_;
    legal.role = Role::legal;
    try {
        waymark::app::record_event(*store_, set_.vocabulary, child_, {"2026-11-20", "lar", "", "", "", "", ""}, legal);
        ADD_FAILURE() << "legal recorded a review";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::forbidden);
    }
    EXPECT_EQ(events().size(), 2U);
}

TEST_F(RecordingTest, CorrectionKeepsTheOldVersionInTheHistory) {
    const auto key = key_of("lar");
    const auto before = store_->events().find_event("S12000049", "C1", key);
    ASSERT_TRUE(before);
    const auto version = waymark::app::event_version(set_.vocabulary, before->event);
    EXPECT_EQ(field_errors([&] {
                  waymark::app::correct_event(
                      *store_, set_.vocabulary, child_, key,
                      {"2026-09-21", "", "", "kind=standard", "social_work", "first review", ""}, "  ", version,
                      worker_);
              }),
              std::vector<std::string>{"reason"});
    const auto after = waymark::app::correct_event(
        *store_, set_.vocabulary, child_, key,
        {"2026-09-21", "accommodated", "", "kind=standard", "social_work", "first review", "IGNORED"},
        "typed the wrong day", version, worker_);
    EXPECT_EQ(after.key, key);
    EXPECT_EQ(set_.vocabulary.name(after.event.type), "lar");  // the type never changes
    EXPECT_EQ(after.event.event_id, "E-7");
    EXPECT_EQ(events()[1], "2026-09-21 lar occurred kind=standard social_work first review E-7");
    const auto history = store_->events().event_history("S12000049", "C1", key);
    ASSERT_EQ(history.size(), 1U);
    EXPECT_EQ(history[0].change.action, "correct_event");
    EXPECT_EQ(history[0].change.reason, "typed the wrong day");
    ASSERT_TRUE(history[0].before);
    EXPECT_EQ(history[0].before->date, Date::parse("2026-09-20"));
    EXPECT_EQ(history[0].after.date, Date::parse("2026-09-21"));
    // The old version no longer matches: a second change from the same page is refused.
    try {
        waymark::app::correct_event(*store_, set_.vocabulary, child_, key, {"2026-09-22", "", "", "", "", "", ""},
                                    "again", version, worker_);
        ADD_FAILURE() << "a stale version was accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::conflict);
    }
}

TEST_F(RecordingTest, CancellationNeedsAReasonAndKeepsTheEvent) {
    const auto key = key_of("lar");
    EXPECT_EQ(field_errors([&] {
                  waymark::app::cancel_event(*store_, set_.vocabulary, child_, key, "", std::nullopt, worker_);
              }),
              std::vector<std::string>{"reason"});
    waymark::app::cancel_event(*store_, set_.vocabulary, child_, key, "held for another child", std::nullopt, worker_);
    EXPECT_EQ(events()[1], "2026-09-20 lar cancelled kind=standard social_work first review E-7");
    EXPECT_EQ(field_errors([&] {
                  waymark::app::cancel_event(*store_, set_.vocabulary, child_, key, "twice", std::nullopt, worker_);
              }),
              std::vector<std::string>{"status"});
    EXPECT_EQ(table("SELECT action || ' ' || reason || ' ' || before_status || ' ' || after_status FROM event_changes"),
              std::vector<std::string>{"cancel_event held for another child occurred cancelled"});
    EXPECT_EQ(table("SELECT action FROM audit"), std::vector<std::string>{"cancel_event"});
}

TEST_F(RecordingTest, AnotherChildsEventIsNotFound) {
    try {
        waymark::app::cancel_event(*store_, set_.vocabulary, {"S12000049", "C2"}, key_of("lar"), "why", std::nullopt,
                                   worker_);
        ADD_FAILURE();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::not_found);
    }
}

TEST_F(RecordingTest, ReimportingTheSourceFileDoesNotUndoACorrection) {
    // The accommodation came from a file without event_id, the review with one: after both
    // are corrected, importing the same file again finds them and changes nothing.
    const auto placed = key_of("accommodated");
    waymark::app::correct_event(*store_, set_.vocabulary, child_, placed,
                                {"2026-09-02", "", "", "placement=kinship", "social_work", "", ""}, "wrong placement",
                                std::nullopt, worker_);
    waymark::app::cancel_event(*store_, set_.vocabulary, child_, key_of("lar"), "did not happen", std::nullopt,
                               worker_);
    const auto corrected = events();
    import();
    EXPECT_EQ(events(), corrected);
}

TEST_F(RecordingTest, TheSameEventTwiceIsAConflictNotADuplicate) {
    const EventInput input{"2026-11-20", "lar", "", "", "", "", ""};
    waymark::app::record_event(*store_, set_.vocabulary, child_, input, worker_);
    try {
        waymark::app::record_event(*store_, set_.vocabulary, child_, input, worker_);
        ADD_FAILURE();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::conflict);
    }
    try {
        waymark::app::record_event(*store_, set_.vocabulary, child_, {"2026-11-21", "lar", "", "", "", "", "E-7"},
                                   worker_);
        ADD_FAILURE();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::conflict);
    }
    EXPECT_EQ(events().size(), 3U);
    EXPECT_EQ(table("SELECT count(*) FROM event_changes"), std::vector<std::string>{"1"});
}

TEST_F(RecordingTest, AFailingWriteLeavesNothingHalfWritten) {
    // Each of the three writes of a change (the event, its history, its audit entry) fails in
    // turn; each time nothing of the change is left.
    const auto before = events();
    const auto key = key_of("lar");
    for (const char* table_name : {"events", "event_changes", "audit"}) {
        const std::string trigger = std::string("CREATE TRIGGER fail_") + table_name + " BEFORE INSERT ON " +
                                    table_name + " BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END;" +
                                    "CREATE TRIGGER fail_update_" + table_name + " BEFORE UPDATE ON " + table_name +
                                    " BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END;";
        exec(trigger.c_str());
        EXPECT_THROW(waymark::app::record_event(*store_, set_.vocabulary, child_,
                                                {"2026-11-20", "lar", "", "", "", "", ""}, worker_),
                     Error)
            << table_name;
        EXPECT_THROW(waymark::app::correct_event(*store_, set_.vocabulary, child_, key,
                                                 {"2026-09-21", "", "", "", "", "", ""}, "why", std::nullopt, worker_),
                     Error)
            << table_name;
        EXPECT_THROW(waymark::app::cancel_event(*store_, set_.vocabulary, child_, key, "why", std::nullopt, worker_),
                     Error)
            << table_name;
        EXPECT_EQ(events(), before) << table_name;
        EXPECT_EQ(table("SELECT count(*) FROM event_changes"), std::vector<std::string>{"0"}) << table_name;
        EXPECT_EQ(table("SELECT count(*) FROM audit"), std::vector<std::string>{"0"}) << table_name;
        exec((std::string("DROP TRIGGER fail_") + table_name + "; DROP TRIGGER fail_update_" + table_name).c_str());
    }
    // And with nothing failing, the same change goes through.
    EXPECT_NO_THROW(waymark::app::cancel_event(*store_, set_.vocabulary, child_, key, "why", std::nullopt, worker_));
}

TEST_F(RecordingTest, HistoryIsAppendOnly) {
    waymark::app::cancel_event(*store_, set_.vocabulary, child_, key_of("lar"), "why", std::nullopt, worker_);
    sqlite3* raw = nullptr;
    sqlite3_open(db().c_str(), &raw);
    EXPECT_NE(sqlite3_exec(raw, "UPDATE event_changes SET reason='x'", nullptr, nullptr, nullptr), SQLITE_OK);
    EXPECT_NE(sqlite3_exec(raw, "DELETE FROM event_changes", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(raw);
}

}  // namespace
