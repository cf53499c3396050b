// The server's audit head lines: at start, at most once an hour and only when the head moved,
// and id and hash only (no row's contents).
#include "web/server/audit_head_log.hpp"

#include "app/standards_file.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <string>

namespace fs = std::filesystem;
using waymark::web::AuditHeadLog;

namespace {

TEST(AuditHeadLog, WritesTheHeadAtStartThenHourlyOnlyWhenItMoved) {
    const fs::path dir = fs::temp_directory_path() / ("waymark-head-log-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const auto standards = waymark::app::default_standards();
    {
        waymark::store::SqliteStore store((dir / "w.db").string(), standards.vocabulary);
        std::ostringstream out;
        AuditHeadLog log(out);
        constexpr std::int64_t kStart = 1'800'000'000;
        log.write(store, kStart);
        EXPECT_EQ(out.str(), "waymark serve: audit head 0 (the audit log is empty)\n");
        store.record_audit(waymark::app::AuditEntry{"2026-11-26T09:30:00Z", "a.worker", "view_chronology", "S12000049",
                                                    "C1", "secret detail", "web 192.0.2.1"});
        out.str("");
        log.after_request(store, kStart + 60);  // within the hour: not even looked at
        EXPECT_EQ(out.str(), "");
        log.after_request(store, kStart + AuditHeadLog::kEverySeconds);
        const auto head = store.audit_head();
        ASSERT_TRUE(head.has_value());
        EXPECT_EQ(out.str(), "waymark serve: audit head 1 " + head->hash + "\n");
        EXPECT_EQ(out.str().find("a.worker"), std::string::npos);
        EXPECT_EQ(out.str().find("C1"), std::string::npos);
        out.str("");
        log.after_request(store, kStart + 3 * AuditHeadLog::kEverySeconds);  // nothing written since
        EXPECT_EQ(out.str(), "");
        log.write(store, kStart + 3 * AuditHeadLog::kEverySeconds + 1);  // at shutdown, always
        EXPECT_EQ(out.str(), "waymark serve: audit head 1 " + head->hash + "\n");
    }
    fs::remove_all(dir);
}

}  // namespace
