// The SQLite store's statement cache (store/sqlite/statement.hpp): a statement is prepared once
// and reused; one taken twice at once (nested) gets a second; and giving one back ends its read,
// so that a kept statement never holds an old snapshot of the database.
#include "store/sqlite/statement.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace {

using waymark::store::sqlite::Statement;
using waymark::store::sqlite::StatementCache;

class StatementCacheTest : public ::testing::Test {
protected:
    void SetUp() override {
        path_ = (std::filesystem::temp_directory_path() /
                 ("waymark-statement-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db"))
                    .string();
        std::filesystem::remove(path_);
        ASSERT_EQ(sqlite3_open(path_.c_str(), &db_), SQLITE_OK);
        ASSERT_EQ(sqlite3_open(path_.c_str(), &other_), SQLITE_OK);
        exec(db_, "PRAGMA journal_mode=WAL; CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1)");
    }
    void TearDown() override {
        sqlite3_close(db_);
        sqlite3_close(other_);
        std::filesystem::remove(path_);
        std::filesystem::remove(path_ + "-wal");
        std::filesystem::remove(path_ + "-shm");
    }
    static void exec(sqlite3* db, const char* sql) {
        ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK);
    }

    std::string path_;
    sqlite3* db_ = nullptr;
    sqlite3* other_ = nullptr;
};

TEST_F(StatementCacheTest, AStatementIsPreparedOnceAndReused) {
    StatementCache cache(db_);
    sqlite3_stmt* first = nullptr;
    {
        Statement s(cache, "SELECT count(*) FROM t");
        first = s.get();
        ASSERT_TRUE(s.step());
        EXPECT_EQ(s.integer(0), 1);
    }
    Statement again(cache, "SELECT count(*) FROM t");
    EXPECT_EQ(again.get(), first);
    ASSERT_TRUE(again.step());
    EXPECT_EQ(again.integer(0), 1);
}

TEST_F(StatementCacheTest, TheSameQueryNestedGetsASecondStatement) {
    StatementCache cache(db_);
    Statement outer(cache, "SELECT v FROM t WHERE v >= ?1");
    outer.bind(1, std::int64_t{0});
    ASSERT_TRUE(outer.step());
    Statement inner(cache, "SELECT v FROM t WHERE v >= ?1");
    EXPECT_NE(inner.get(), outer.get());
    inner.bind(1, std::int64_t{2});
    EXPECT_FALSE(inner.step());
    EXPECT_EQ(outer.integer(0), 1) << "the outer statement's row is untouched";
}

TEST_F(StatementCacheTest, AStatementGivenBackSeesWhatWasWrittenSince) {
    StatementCache cache(db_);
    {
        Statement s(cache, "SELECT count(*) FROM t");
        ASSERT_TRUE(s.step());  // left on its row: given back without stepping to the end
        EXPECT_EQ(s.integer(0), 1);
    }
    exec(other_, "INSERT INTO t VALUES (2)");
    Statement s(cache, "SELECT count(*) FROM t");
    ASSERT_TRUE(s.step());
    EXPECT_EQ(s.integer(0), 2) << "a kept statement must not hold its old snapshot";
}

TEST_F(StatementCacheTest, ABadQueryIsAStorageError) {
    StatementCache cache(db_);
    EXPECT_THROW(Statement(cache, "SELECT nothing FROM nowhere"), waymark::core::Error);
    // And the cache still works afterwards.
    Statement s(cache, "SELECT 1");
    EXPECT_TRUE(s.step());
}

}  // namespace
