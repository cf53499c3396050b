// The audit log's hash chain: appended in order, one chain however many connections write,
// rows written before the chain chained on first open, and tampering found at the row tampered
// with, by the store's verification and by `waymark audit verify`.
#include "app/audit.hpp"
#include "app/standards_file.hpp"
#include "core/error.hpp"
#include "store/migrations.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;
using waymark::app::AuditCheckFrom;
using waymark::app::AuditEntry;
using waymark::app::verify_audit_chain;
using waymark::store::SqliteStore;

namespace {

class AuditChainTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("waymark-audit-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    std::string db() const { return (dir_ / "w.db").string(); }

    static AuditEntry entry(int i, const std::string& actor = "a.worker") {
        return {"2026-11-26T09:30:" + std::string(i < 10 ? "0" : "") + std::to_string(i % 60) + "Z",
                actor,
                "view_chronology",
                "S12000049",
                "C" + std::to_string(i),
                "as of 2026-11-26",
                "web 192.0.2.1"};
    }

    // Runs SQL on a connection of its own, as someone with the file and sqlite3 would.
    void raw(const std::string& sql) const {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open(this->db().c_str(), &db), SQLITE_OK);
        char* err = nullptr;
        const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
        const std::string message = err ? err : "";
        sqlite3_free(err);
        sqlite3_close(db);
        ASSERT_EQ(rc, SQLITE_OK) << sql << ": " << message;
    }

    fs::path dir_;
    waymark::app::StandardSet set_ = waymark::app::default_standards();
};

TEST(AuditHash, IsBlake2b256OverTheCanonicalEncodingAndPinned) {
    const AuditEntry e{"2026-11-26T09:30:00Z", "a.worker",    "view_chronology", "S12000049", "C1",
                       "as of 2026-11-26",     "command line"};
    const std::string h = waymark::app::audit_hash(waymark::app::audit_genesis_hash(), e);
    EXPECT_EQ(h.size(), 64U);
    // Stored hashes depend on it: the value is pinned (Python hashlib.blake2b(digest_size=32) over the
    // encoding app/audit.hpp describes gives the same).
    EXPECT_EQ(h, "1b985695c9c339733c5c85ae37cbf0704e22357acaf1bb0eb3d6a96efa045d47");
    // Each field counts, and moving text from one field to the next changes the hash (lengths
    // are encoded).
    AuditEntry moved = e;
    moved.actor = "a.worke";
    moved.action = "rview_chronology";
    EXPECT_NE(waymark::app::audit_hash(waymark::app::audit_genesis_hash(), moved), h);
    AuditEntry origin = e;
    origin.origin = "web 192.0.2.1";
    EXPECT_NE(waymark::app::audit_hash(waymark::app::audit_genesis_hash(), origin), h);
    EXPECT_NE(waymark::app::audit_hash(h, e), h);
}

TEST_F(AuditChainTest, EachRowChainsToTheOneBefore) {
    SqliteStore store(db(), set_.vocabulary);
    std::vector<AuditEntry> batch{entry(1), entry(2), entry(3)};
    store.record_audit(batch);
    store.record_audit(entry(4));
    const auto v = verify_audit_chain(store, AuditCheckFrom::first_row);
    EXPECT_TRUE(v.intact) << v.problem;
    EXPECT_EQ(v.rows, 4U);
    waymark::app::AuditQuery all;
    all.limit = 0;
    const auto rows = store.find_audit(all);  // newest first
    ASSERT_EQ(rows.size(), 4U);
    EXPECT_EQ(rows.back().prev_hash, waymark::app::audit_genesis_hash());
    for (std::size_t i = 0; i + 1 < rows.size(); ++i) EXPECT_EQ(rows[i].prev_hash, rows[i + 1].hash);
    EXPECT_EQ(rows.front().hash, v.head);
    EXPECT_EQ(rows.front().hash, waymark::app::audit_hash(rows.front().prev_hash, rows.front().entry));
}

TEST_F(AuditChainTest, AnEmptyLogIsIntact) {
    SqliteStore store(db(), set_.vocabulary);
    const auto v = verify_audit_chain(store, AuditCheckFrom::first_row);
    EXPECT_TRUE(v.intact);
    EXPECT_EQ(v.rows, 0U);
}

TEST_F(AuditChainTest, TheDatabaseRefusesChangesAndUnchainedRows) {
    {
        SqliteStore store(db(), set_.vocabulary);
        store.record_audit(entry(1));
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(this->db().c_str(), &db), SQLITE_OK);
    EXPECT_NE(sqlite3_exec(db, "UPDATE audit SET actor = 'x'", nullptr, nullptr, nullptr), SQLITE_OK);
    EXPECT_NE(sqlite3_exec(db, "UPDATE audit SET hash = 'x'", nullptr, nullptr, nullptr), SQLITE_OK);
    EXPECT_NE(sqlite3_exec(db, "DELETE FROM audit", nullptr, nullptr, nullptr), SQLITE_OK);
    EXPECT_NE(sqlite3_exec(db,
                           "INSERT INTO audit (at, actor, action, local_authority, child_id) "
                           "VALUES ('2026-11-26T10:00:00Z', 'x', 'view', 'S12000049', 'C9')",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
}

TEST_F(AuditChainTest, VerifyNamesTheRowChangedBehindTheTriggersBack) {
    {
        SqliteStore store(db(), set_.vocabulary);
        for (int i = 1; i <= 5; ++i) store.record_audit(entry(i));
    }
    raw("DROP TRIGGER audit_append_only_update; UPDATE audit SET actor = 'someone else' WHERE id = 3");
    SqliteStore store(db(), set_.vocabulary);
    const auto v = verify_audit_chain(store, AuditCheckFrom::first_row);
    EXPECT_FALSE(v.intact);
    ASSERT_TRUE(v.first_broken.has_value());
    EXPECT_EQ(*v.first_broken, 3);
    EXPECT_NE(v.problem.find("changed"), std::string::npos) << v.problem;
    EXPECT_EQ(v.rows, 5U);
}

TEST_F(AuditChainTest, VerifyNamesTheRowAfterOneRemoved) {
    {
        SqliteStore store(db(), set_.vocabulary);
        for (int i = 1; i <= 5; ++i) store.record_audit(entry(i));
    }
    raw("DROP TRIGGER audit_append_only_delete; DELETE FROM audit WHERE id = 2");
    SqliteStore store(db(), set_.vocabulary);
    const auto v = verify_audit_chain(store, AuditCheckFrom::first_row);
    EXPECT_FALSE(v.intact);
    ASSERT_TRUE(v.first_broken.has_value());
    EXPECT_EQ(*v.first_broken, 3);
    EXPECT_NE(v.problem.find("removed or inserted"), std::string::npos) << v.problem;
}

TEST_F(AuditChainTest, ARowRechainedByHandBreaksTheNextRow) {
    {
        SqliteStore store(db(), set_.vocabulary);
        for (int i = 1; i <= 4; ++i) store.record_audit(entry(i));
    }
    // A forger who recomputes row 2's own hash still breaks the link to row 3.
    SqliteStore store(db(), set_.vocabulary);
    waymark::app::AuditQuery q;
    q.limit = 0;
    auto rows = store.find_audit(q);
    auto row2 = rows[2];
    ASSERT_EQ(row2.id, 2);
    row2.entry.detail = "nothing to see";
    const std::string forged = waymark::app::audit_hash(row2.prev_hash, row2.entry);
    raw("DROP TRIGGER audit_append_only_update; UPDATE audit SET detail = 'nothing to see', hash = '" + forged +
        "' WHERE id = 2");
    const auto v = verify_audit_chain(store, AuditCheckFrom::first_row);
    EXPECT_FALSE(v.intact);
    EXPECT_EQ(v.first_broken.value_or(0), 3);
}

// Two connections (as the web server's pool has) appending at once keep one chain: each
// append holds SQLite's write lock (BEGIN IMMEDIATE) from reading the last hash to inserting.
TEST_F(AuditChainTest, TwoConnectionsWritingAtOnceKeepOneChain) {
    { SqliteStore init(db(), set_.vocabulary); }
    constexpr int kEach = 150;
    auto writer = [&](const std::string& actor) {
        SqliteStore store(db(), set_.vocabulary);
        for (int i = 0; i < kEach; ++i) {
            std::vector<AuditEntry> batch{entry(i, actor), entry(i + 1, actor)};
            store.record_audit(batch);
        }
    };
    std::thread a(writer, "writer.a");
    std::thread b(writer, "writer.b");
    a.join();
    b.join();
    SqliteStore store(db(), set_.vocabulary);
    const auto v = verify_audit_chain(store, AuditCheckFrom::first_row);
    EXPECT_TRUE(v.intact) << "broken at " << v.first_broken.value_or(0) << ": " << v.problem;
    EXPECT_EQ(v.rows, static_cast<std::size_t>(4 * kEach));
}

// A database made before the chain (migration 0006) has unchained rows: the first open after
// the migration chains them, in the order written.
TEST_F(AuditChainTest, RowsWrittenBeforeTheChainAreChainedOnFirstOpen) {
    const auto& all = waymark::store::migrations();
    std::size_t chain = 0;
    while (chain < all.size() && all[chain].find("audit_chained_insert") == std::string::npos) ++chain;
    ASSERT_LT(chain, all.size());
    std::string sql;
    for (std::size_t v = 0; v < chain; ++v) sql += all[v] + "\n";
    sql += "PRAGMA user_version=" + std::to_string(chain) + ";";
    for (int i = 1; i <= 3; ++i) {
        const auto e = entry(i);
        sql += "INSERT INTO audit (at, actor, action, local_authority, child_id, detail, origin) VALUES ('" + e.at +
               "', '" + e.actor + "', '" + e.action + "', '" + e.local_authority + "', '" + e.child_id + "', '" +
               e.detail + "', '" + e.origin + "');";
    }
    raw(sql);
    SqliteStore store(db(), set_.vocabulary);
    EXPECT_EQ(store.schema_version(), SqliteStore::schema_version_supported());
    store.record_audit(entry(4));
    const auto v = verify_audit_chain(store, AuditCheckFrom::first_row);
    EXPECT_TRUE(v.intact) << v.problem;
    EXPECT_EQ(v.rows, 4U);
    waymark::app::AuditQuery q;
    q.limit = 0;
    const auto rows = store.find_audit(q);
    EXPECT_EQ(rows.back().prev_hash, waymark::app::audit_genesis_hash());
    EXPECT_EQ(rows.back().entry.child_id, "C1");
}

TEST_F(AuditChainTest, FindFiltersNewestFirstWithPages) {
    SqliteStore store(db(), set_.vocabulary);
    for (int i = 1; i <= 7; ++i) store.record_audit(entry(i, i % 2 == 0 ? "even" : "odd"));
    AuditEntry other = entry(8);
    other.local_authority = "S12000033";
    other.at = "2026-11-27T08:00:00Z";
    store.record_audit(other);
    waymark::app::AuditQuery q;
    q.local_authority = "S12000049";
    q.actor = "odd";
    q.limit = 2;
    auto rows = store.find_audit(q);
    ASSERT_EQ(rows.size(), 2U);
    EXPECT_EQ(rows[0].entry.child_id, "C7");
    EXPECT_EQ(rows[1].entry.child_id, "C5");
    EXPECT_EQ(store.count_audit(q), 4U);
    q.offset = 2;
    rows = store.find_audit(q);
    ASSERT_EQ(rows.size(), 2U);
    EXPECT_EQ(rows[0].entry.child_id, "C3");
    waymark::app::AuditQuery day;
    day.from = "2026-11-27";
    EXPECT_EQ(store.count_audit(day), 1U);
    day.from.reset();
    day.to = "2026-11-26";
    EXPECT_EQ(store.count_audit(day), 7U);
    waymark::app::AuditQuery child;
    child.child_id = "C2";
    EXPECT_EQ(store.count_audit(child), 1U);
}

}  // namespace

// --- Checkpoints (migration 0008) and the head noted outside the database -----------------

using waymark::app::check_audit_head;
using waymark::app::parse_expected_head;
using waymark::app::record_audit_checkpoint;

// A check that found the chain broken at `row`, saying `words`.
void expect_broken(const waymark::app::AuditVerification& v, std::int64_t row, const std::string& words) {
    EXPECT_FALSE(v.intact);
    EXPECT_EQ(v.first_broken.value_or(0), row);
    EXPECT_NE(v.problem.find(words), std::string::npos) << v.problem;
}

class AuditCheckpointTest : public AuditChainTest {
protected:
    // Rows 1..n, then a checkpoint at row n from a full check.
    void rows_and_checkpoint(int n) {
        SqliteStore store(db(), set_.vocabulary);
        for (int i = 1; i <= n; ++i) store.record_audit(entry(i));
        const auto v = verify_audit_chain(store, AuditCheckFrom::first_row);
        ASSERT_TRUE(v.intact) << v.problem;
        const auto c = record_audit_checkpoint(store, v, "2026-11-26T10:00:00Z", "an.admin", "command line", 1);
        ASSERT_TRUE(c.has_value());
        EXPECT_EQ(c->audit_id, n);
        EXPECT_TRUE(c->from_first_row);
    }
    void more_rows(int from, int to) {
        SqliteStore store(db(), set_.vocabulary);
        for (int i = from; i <= to; ++i) store.record_audit(entry(i));
    }
    // Rows 1..5, a checkpoint at row 5, rows 6..8.
    void checkpoint_at_5_of_8() {
        rows_and_checkpoint(5);
        more_rows(6, 8);
    }
    // Changes row id's actor behind the triggers' back, leaving its hashes as they were.
    void change_actor(int id) {
        raw("DROP TRIGGER audit_append_only_update; UPDATE audit SET actor = 'someone else' WHERE id = " +
            std::to_string(id));
    }
    // Sets row id's detail and recomputes its own hash, as a forger with sqlite3 and this code would.
    void rewrite_row(std::int64_t id) {
        SqliteStore store(db(), set_.vocabulary);
        auto row = store.audit_row(id);
        ASSERT_TRUE(row.has_value());
        row->entry.detail = "nothing to see";
        const std::string forged = waymark::app::audit_hash(row->prev_hash, row->entry);
        raw("DROP TRIGGER IF EXISTS audit_append_only_update; UPDATE audit SET detail = 'nothing to see', hash = '" +
            forged + "' WHERE id = " + std::to_string(id));
    }
};

TEST_F(AuditCheckpointTest, TheNextCheckStartsAtTheLatestCheckpoint) {
    checkpoint_at_5_of_8();
    SqliteStore store(db(), set_.vocabulary);
    const auto v = verify_audit_chain(store, AuditCheckFrom::latest_checkpoint);
    EXPECT_TRUE(v.intact) << v.problem;
    ASSERT_TRUE(v.from.has_value());
    EXPECT_EQ(v.from->audit_id, 5);
    EXPECT_EQ(v.from->actor, "an.admin");
    EXPECT_EQ(v.rows, 4U);  // the checkpoint's row and the three after it
    EXPECT_EQ(v.head_id, 8);
    EXPECT_EQ(v.head, store.audit_head()->hash);
    // The next checkpoint is at row 8, from a check that began at a checkpoint.
    const auto c = record_audit_checkpoint(store, v, "2026-11-26T11:00:00Z", "an.admin", "command line", 1);
    ASSERT_TRUE(c.has_value());
    EXPECT_EQ(c->audit_id, 8);
    EXPECT_FALSE(c->from_first_row);
    ASSERT_EQ(store.audit_checkpoints().size(), 2U);
    // Nothing new: no checkpoint. A full check reads every row and both checkpoints.
    const auto again = verify_audit_chain(store, AuditCheckFrom::latest_checkpoint);
    EXPECT_EQ(again.rows, 1U);
    EXPECT_FALSE(record_audit_checkpoint(store, again, "2026-11-26T12:00:00Z", "an.admin", "command line", 1));
    const auto full = verify_audit_chain(store, AuditCheckFrom::first_row);
    EXPECT_TRUE(full.intact) << full.problem;
    EXPECT_EQ(full.rows, 8U);
    EXPECT_EQ(full.checkpoints_checked, 2U);
    EXPECT_FALSE(full.from.has_value());
}

TEST_F(AuditCheckpointTest, FewerNewRowsThanAskedRecordNoCheckpoint) {
    rows_and_checkpoint(3);
    more_rows(4, 6);
    SqliteStore store(db(), set_.vocabulary);
    const auto v = verify_audit_chain(store, AuditCheckFrom::latest_checkpoint);
    EXPECT_FALSE(record_audit_checkpoint(store, v, "2026-11-26T11:00:00Z", "web.admin", "web 192.0.2.1", 4));
    EXPECT_TRUE(record_audit_checkpoint(store, v, "2026-11-26T11:00:00Z", "web.admin", "web 192.0.2.1", 3));
}

TEST_F(AuditCheckpointTest, ARowChangedAfterTheCheckpointIsNamed) {
    checkpoint_at_5_of_8();
    change_actor(7);
    SqliteStore store(db(), set_.vocabulary);
    const auto v = verify_audit_chain(store, AuditCheckFrom::latest_checkpoint);
    expect_broken(v, 7, "the row was changed");
    ASSERT_TRUE(v.broken_row.has_value());
    EXPECT_EQ(v.broken_row->entry.actor, "someone else");
    // No checkpoint after a broken check.
    EXPECT_FALSE(record_audit_checkpoint(store, v, "2026-11-26T11:00:00Z", "an.admin", "command line", 1));
}

TEST_F(AuditCheckpointTest, ARowChangedBeforeTheCheckpointShowsOnlyInAFullCheck) {
    checkpoint_at_5_of_8();
    change_actor(3);
    SqliteStore store(db(), set_.vocabulary);
    const auto v = verify_audit_chain(store, AuditCheckFrom::latest_checkpoint);
    EXPECT_TRUE(v.intact) << v.problem;  // the documented limit of starting at a checkpoint
    const auto full = verify_audit_chain(store, AuditCheckFrom::first_row);
    expect_broken(full, 3, "the row was changed");
}

TEST_F(AuditCheckpointTest, ACheckpointsRowWhoseHashChangedIsNamedByBothChecks) {
    checkpoint_at_5_of_8();
    rewrite_row(5);  // consistent in itself, and with row 4: only the checkpoint (and row 6) know
    SqliteStore store(db(), set_.vocabulary);
    const auto v = verify_audit_chain(store, AuditCheckFrom::latest_checkpoint);
    EXPECT_FALSE(v.intact);
    EXPECT_EQ(v.first_broken.value_or(0), 5);
    EXPECT_EQ(v.checkpoint.value_or(0), 1);
    EXPECT_NE(v.problem.find("not the one checkpoint 1 (recorded 2026-11-26T10:00:00Z) noted"), std::string::npos)
        << v.problem;
    const auto full = verify_audit_chain(store, AuditCheckFrom::first_row);
    EXPECT_FALSE(full.intact);
    EXPECT_EQ(full.first_broken.value_or(0), 5);
    EXPECT_EQ(full.checkpoint.value_or(0), 1);
}

TEST_F(AuditCheckpointTest, ALogCutBackPastTheCheckpointIsFound) {
    rows_and_checkpoint(8);
    raw("DROP TRIGGER audit_append_only_delete; DELETE FROM audit WHERE id >= 6");
    SqliteStore store(db(), set_.vocabulary);
    const auto v = verify_audit_chain(store, AuditCheckFrom::latest_checkpoint);
    EXPECT_FALSE(v.intact);
    EXPECT_EQ(v.first_broken.value_or(0), 8);
    EXPECT_FALSE(v.broken_row.has_value());
    EXPECT_NE(v.problem.find("cut back past it"), std::string::npos) << v.problem;
    const auto full = verify_audit_chain(store, AuditCheckFrom::first_row);
    expect_broken(full, 8, "cut back past it");
}

TEST_F(AuditCheckpointTest, TheNewestRowsRemovedShowOnlyAgainstTheHeadNoted) {
    rows_and_checkpoint(5);
    more_rows(6, 10);
    waymark::app::ExpectedHead noted;
    {
        SqliteStore store(db(), set_.vocabulary);
        const auto head = store.audit_head();
        ASSERT_TRUE(head.has_value());
        EXPECT_EQ(head->id, 10);
        EXPECT_EQ(waymark::app::audit_head_line(head), "audit head 10 " + head->hash + " " + entry(10).at);
        const auto parsed = parse_expected_head("10:" + head->hash);
        ASSERT_TRUE(parsed.has_value());
        noted = *parsed;
        EXPECT_EQ(check_audit_head(store, noted), "");
    }
    raw("DROP TRIGGER audit_append_only_delete; DELETE FROM audit WHERE id > 7");
    SqliteStore store(db(), set_.vocabulary);
    // What is left still verifies, from the checkpoint and from the first row...
    EXPECT_TRUE(verify_audit_chain(store, AuditCheckFrom::latest_checkpoint).intact);
    EXPECT_TRUE(verify_audit_chain(store, AuditCheckFrom::first_row).intact);
    // ...but the head noted is gone.
    const std::string problem = check_audit_head(store, noted);
    EXPECT_NE(problem.find("row 10 with hash " + noted.hash), std::string::npos) << problem;
    EXPECT_NE(problem.find("is no longer in the audit log (its last row is now 7)"), std::string::npos) << problem;
}

TEST_F(AuditCheckpointTest, AHeadRowRewrittenIsFound) {
    rows_and_checkpoint(4);
    waymark::app::ExpectedHead noted;
    {
        SqliteStore store(db(), set_.vocabulary);
        noted = {4, store.audit_head()->hash};
    }
    rewrite_row(4);
    SqliteStore store(db(), set_.vocabulary);
    const std::string problem = check_audit_head(store, noted);
    EXPECT_NE(problem.find("now has hash"), std::string::npos) << problem;
    EXPECT_NE(problem.find("rewritten"), std::string::npos) << problem;
}

TEST_F(AuditCheckpointTest, CheckpointsAreAppendOnlyAndNameAStoredRowWithItsHash) {
    rows_and_checkpoint(3);
    SqliteStore store(db(), set_.vocabulary);
    const std::string hash2 = store.audit_row(2)->hash;
    // At or before the latest: not written, not an error.
    EXPECT_FALSE(store.add_audit_checkpoint({0, 2, hash2, true, "t", "a", "command line"}).has_value());
    store.record_audit(entry(4));
    // A row that is not stored, or a hash that is not the row's: refused by the database.
    EXPECT_THROW(store.add_audit_checkpoint({0, 9, hash2, true, "t", "a", "command line"}), waymark::core::Error);
    EXPECT_THROW(store.add_audit_checkpoint({0, 4, hash2, true, "t", "a", "command line"}), waymark::core::Error);
    EXPECT_EQ(store.audit_checkpoints().size(), 1U);
    sqlite3* raw_db = nullptr;
    ASSERT_EQ(sqlite3_open(db().c_str(), &raw_db), SQLITE_OK);
    EXPECT_NE(sqlite3_exec(raw_db, "UPDATE audit_checkpoint SET audit_id = 1", nullptr, nullptr, nullptr), SQLITE_OK);
    EXPECT_NE(sqlite3_exec(raw_db, "DELETE FROM audit_checkpoint", nullptr, nullptr, nullptr), SQLITE_OK);
    EXPECT_NE(sqlite3_exec(raw_db,
                           ("INSERT INTO audit_checkpoint (audit_id, hash, from_first_row, at, actor, origin) "
                            "VALUES (2, '" +
                            hash2 + "', 1, 't', 'a', 'sqlite3')")
                               .c_str(),
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(raw_db);
    EXPECT_EQ(store.audit_checkpoints().size(), 1U);
}

TEST(AuditExpectedHead, ParsesIdColonHashOnly) {
    const std::string hash(64, 'a');
    const auto ok = parse_expected_head("12:" + std::string(64, 'A'));
    ASSERT_TRUE(ok.has_value());
    EXPECT_EQ(ok->id, 12);
    EXPECT_EQ(ok->hash, hash);  // hex compared in lower case, as stored
    const std::vector<std::string> bad_ones{"",
                                            "12",
                                            "12:",
                                            ":" + hash,
                                            "0:" + hash,
                                            "-1:" + hash,
                                            "x:" + hash,
                                            "12:" + hash + "0",
                                            "12:" + std::string(63, 'a') + "g",
                                            "12 :" + hash};
    for (const auto& bad : bad_ones) {
        EXPECT_FALSE(parse_expected_head(bad).has_value()) << bad;
    }
}
