#pragma once
// The audit log's head on the server's standard error, for a log collector (a SIEM, journald
// shipped elsewhere) to keep outside the database: the newest row's id and hash only, never
// what a row says. Removing the newest rows, or rewriting the log, then shows against a line
// kept there (`waymark audit verify --expect-head ID:HASH`). Written when the server starts,
// at most once an hour when rows were written since the line before, and when it stops.
#include "app/store.hpp"

#include <atomic>
#include <cstdint>
#include <mutex>
#include <ostream>

namespace waymark::web {

class AuditHeadLog {
public:
    static constexpr std::int64_t kEverySeconds = 3600;

    explicit AuditHeadLog(std::ostream& out) : out_(out) {}

    // Writes the head now (at start and at shutdown).
    void write(app::AuditLog& store, std::int64_t now);
    // After a request: if an hour has passed since the head was last looked at, looks again and
    // writes it if it moved. Costs one atomic read otherwise; never blocks a request on another.
    void after_request(app::AuditLog& store, std::int64_t now);

private:
    void write_locked(app::AuditLog& store, std::int64_t now, bool only_if_moved);

    std::ostream& out_;
    std::mutex mutex_;
    std::atomic<std::int64_t> looked_at_{0};  // Unix seconds
    std::int64_t written_id_ = -1;            // the head last written (-1: none yet)
};

}  // namespace waymark::web
