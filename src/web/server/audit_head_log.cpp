#include "web/server/audit_head_log.hpp"

#include <string>

namespace waymark::web {

void AuditHeadLog::write(app::AuditLog& store, std::int64_t now) {
    const std::lock_guard lock(mutex_);
    write_locked(store, now, false);
}

void AuditHeadLog::after_request(app::AuditLog& store, std::int64_t now) {
    if (now - looked_at_.load(std::memory_order_relaxed) < kEverySeconds) return;
    const std::unique_lock lock(mutex_, std::try_to_lock);
    if (!lock.owns_lock() || now - looked_at_.load(std::memory_order_relaxed) < kEverySeconds) return;
    write_locked(store, now, true);
}

void AuditHeadLog::write_locked(app::AuditLog& store, std::int64_t now, bool only_if_moved) {
    looked_at_.store(now, std::memory_order_relaxed);
    const auto head = store.audit_head();
    const std::int64_t id = head ? head->id : 0;
    if (only_if_moved && id == written_id_) return;
    written_id_ = id;
    // One write of one line, so that lines of other threads do not cut into it.
    const std::string line = head ? "waymark serve: audit head " + std::to_string(head->id) + " " + head->hash + "\n"
                                  : std::string("waymark serve: audit head 0 (the audit log is empty)\n");
    out_ << line << std::flush;
}

}  // namespace waymark::web
