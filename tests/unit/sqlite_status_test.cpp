// A stored event status the program does not know (DATA.md: occurred, planned or cancelled) is
// a storage error wherever the SQLite store reads it, not an event that occurred; and the schema
// (migration 0015) refuses to store one.
#include "app/import.hpp"
#include "app/standards_file.hpp"
#include "core/error.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

namespace fs = std::filesystem;
using waymark::core::Error;
using waymark::core::ErrorKind;

namespace {

class SqliteStatusTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("waymark-status-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        std::ofstream(dir_ / "children.csv") << "child_id,local_authority,date_of_birth\nC1,S12000049,2019-03-03\n";
        std::ofstream(dir_ / "events.csv") << "child_id,local_authority,date,event,details,agency,note,event_id\n"
                                              "C1,S12000049,2026-09-01,accommodated,placement=foster,social_work,,\n"
                                              "C1,S12000049,2026-09-20,lar,kind=standard,social_work,,E-7\n";
        {
            waymark::store::SqliteStore store(db(), set_.vocabulary);
            waymark::app::ImportOptions o;
            o.children_path = (dir_ / "children.csv").string();
            o.events_path = (dir_ / "events.csv").string();
            o.today = waymark::core::Date::parse("2026-11-26");
            waymark::app::import_files(store, set_.vocabulary, o);
        }
    }
    void TearDown() override { fs::remove_all(dir_); }
    std::string db() const { return (dir_ / "w.db").string(); }

    // The first column of the first row sql gives, on its own connection.
    std::string value(const char* sql) {
        sqlite3* raw = nullptr;
        sqlite3_open(db().c_str(), &raw);
        sqlite3_stmt* s = nullptr;
        sqlite3_prepare_v2(raw, sql, -1, &s, nullptr);
        std::string out = sqlite3_step(s) == SQLITE_ROW ? reinterpret_cast<const char*>(sqlite3_column_text(s, 0)) : "";
        sqlite3_finalize(s);
        sqlite3_close(raw);
        return out;
    }
    // Runs sql on its own connection; the result code and message.
    std::pair<int, std::string> exec(const std::string& sql) {
        sqlite3* raw = nullptr;
        sqlite3_open(db().c_str(), &raw);
        char* message = nullptr;
        const int rc = sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, &message);
        std::string text = message != nullptr ? message : "";
        sqlite3_free(message);
        sqlite3_close(raw);
        return {rc, text};
    }

    // Writes a status the program does not know into the stored event E-7, as a database
    // written by hand (or by another program) might have it: past the schema's check.
    void store_unknown_status() {
        ASSERT_EQ(exec("DROP TRIGGER IF EXISTS events_status_updated").first, SQLITE_OK);
        ASSERT_EQ(exec("UPDATE events SET status='ocurred' WHERE event_id='E-7'").first, SQLITE_OK);
    }

    // The storage error a read throws, or "" if it throws none.
    static std::string storage_error(const std::function<void()>& read) {
        try {
            read();
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::storage) << e.what();
            return e.what();
        }
        return "";
    }

    fs::path dir_;
    waymark::app::StandardSet set_ = waymark::app::default_standards();
};

TEST_F(SqliteStatusTest, AnUnknownStatusIsAStorageErrorOnEveryRead) {
    store_unknown_status();
    waymark::store::SqliteStore store(db(), set_.vocabulary);
    const auto nothing = [](const waymark::core::ChildRecord&, std::span<const waymark::core::Event>) {};
    // One child through its index, with and without notes.
    EXPECT_NE(storage_error([&] {
                  store.for_each_journey({"S12000049", "C1", true, {}}, nothing);
              }).find("'ocurred'"),
              std::string::npos);
    EXPECT_NE(storage_error([&] {
                  store.for_each_journey({"S12000049", "C1", false, {}}, nothing);
              }).find("'ocurred'"),
              std::string::npos);
    // Every child in one pass over the table (the reports' scan).
    EXPECT_NE(storage_error([&] { store.for_each_journey({}, nothing); }).find("'ocurred'"), std::string::npos);
    // One event, as the forms read it.
    const auto child = store.events().find_child("S12000049", "C1");
    ASSERT_TRUE(child);
    std::int64_t key = 0;
    {
        sqlite3* raw = nullptr;
        sqlite3_open(db().c_str(), &raw);
        sqlite3_stmt* s = nullptr;
        sqlite3_prepare_v2(raw, "SELECT id FROM events WHERE event_id='E-7'", -1, &s, nullptr);
        ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
        key = sqlite3_column_int64(s, 0);
        sqlite3_finalize(s);
        sqlite3_close(raw);
    }
    EXPECT_NE(storage_error([&] { (void)store.events().find_event("S12000049", "C1", key); }).find("'ocurred'"),
              std::string::npos);
}

TEST_F(SqliteStatusTest, AnImportReplacingAnEventWithAnUnknownStatusFailsAndWritesNothing) {
    store_unknown_status();
    waymark::store::SqliteStore store(db(), set_.vocabulary);
    std::ofstream(dir_ / "events.csv") << "child_id,local_authority,date,event,details,agency,note,event_id\n"
                                          "C1,S12000049,2026-09-20,lar,kind=standard,social_work,moved,E-7\n";
    waymark::app::ImportOptions o;
    o.children_path = (dir_ / "children.csv").string();
    o.events_path = (dir_ / "events.csv").string();
    o.today = waymark::core::Date::parse("2026-11-26");
    EXPECT_NE(storage_error([&] { waymark::app::import_files(store, set_.vocabulary, o); }).find("'ocurred'"),
              std::string::npos);
    EXPECT_EQ(value("SELECT status || '|' || note FROM events WHERE event_id='E-7'"), "ocurred|");
    EXPECT_EQ(value("SELECT count(*) FROM event_changes"), "0");
}

TEST_F(SqliteStatusTest, TheSchemaRefusesAnUnknownStatus) {
    const auto inserted = exec(
        "INSERT INTO events (child, local_authority, date, event, status, details, content_hash) "
        "SELECT id, local_authority, '2026-10-01', 'lar', 'done', '', 42 FROM children");
    EXPECT_EQ(inserted.first, SQLITE_CONSTRAINT) << inserted.second;
    EXPECT_NE(inserted.second.find("status"), std::string::npos) << inserted.second;
    const auto updated = exec("UPDATE events SET status='Occurred' WHERE event_id='E-7'");
    EXPECT_EQ(updated.first, SQLITE_CONSTRAINT) << updated.second;
    // The three statuses DATA.md names are stored as ever.
    EXPECT_EQ(exec("UPDATE events SET status='planned' WHERE event_id='E-7'").first, SQLITE_OK);
    EXPECT_EQ(exec("UPDATE events SET status='cancelled' WHERE event_id='E-7'").first, SQLITE_OK);
    EXPECT_EQ(exec("UPDATE events SET status='occurred' WHERE event_id='E-7'").first, SQLITE_OK);
}

}  // namespace
