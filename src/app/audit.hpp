#pragma once
// The audit log's hash chain (issue 5): every row carries the hash of the row before it, so a
// row changed, removed or slipped in afterwards shows. Shared by the store (which computes the
// chain as it appends, under its write lock), `waymark audit verify` and /admin/audit.
#include "app/store.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace waymark::app {

// The prev_hash of the first row: 64 zeros.
std::string_view audit_genesis_hash() noexcept;

// BLAKE2b-256 (libsodium crypto_generichash) of the canonical encoding of (prev_hash, at,
// actor, action, local_authority, child_id, detail, origin), as 64 lower-case hex digits. The
// encoding is the eight fields in that order, each as its length in bytes (8 bytes, little
// endian) followed by its bytes, after the tag "waymark-audit-v1", so no two different rows
// encode alike. It must never change: stored hashes depend on it.
std::string audit_hash(std::string_view prev_hash, const AuditEntry& entry);

struct AuditVerification {
    bool intact = true;
    std::size_t rows = 0;                      // rows checked
    std::optional<std::int64_t> first_broken;  // the id of the first row whose hash is wrong
    std::string problem;                       // what is wrong with it
    std::optional<AuditRow> broken_row;        // that row as stored
    std::string head;                          // the last row's hash (note it down to detect truncation)
};

// Recomputes the chain from the first row. Broken at a row whose prev_hash is not the hash of
// the row before it (a row removed or inserted there), or whose hash is not audit_hash of its
// own fields (the row changed). Removing the newest rows cannot show in the chain itself: the
// head hash, noted elsewhere, shows it.
AuditVerification verify_audit_chain(Store& store);

}  // namespace waymark::app
