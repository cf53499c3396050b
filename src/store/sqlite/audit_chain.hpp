#pragma once
// Appending to the audit log's hash chain inside a write transaction that is already open
// (sqlite_audit.cpp): the store's own audit writes, user changes and imports all use it, so
// every row joins the one chain. Internal to store/sqlite/.
#include "app/store.hpp"

#include <span>

struct sqlite3;

namespace waymark::store::sqlite {

// Chains rows that have no hash yet (written before migration 0006), in the order written.
void chain_pending_audit(sqlite3* db);
// Appends entries after the last row (chaining pending rows first).
void append_audit(sqlite3* db, std::span<const app::AuditEntry> entries);

}  // namespace waymark::store::sqlite
