#pragma once
// The audit log's hash chain (issue 5): every row carries the hash of the row before it, so a
// row changed, removed or slipped in afterwards shows. Shared by the store (which computes the
// chain as it appends, under its write lock), `waymark audit verify` and /admin/audit.
#include "app/reports.hpp"
#include "app/store.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::app {

// Every action the program writes to the audit log, with what it means in words: the one list
// the audit log page's action filter and its rows are made from (a new action is added here;
// tests/unit/audit_actions_test.cpp checks the program's sources name no other).
struct AuditAction {
    std::string_view id;     // as stored, e.g. "view_chronology"
    std::string_view words;  // "Viewed a child's record"
};
std::span<const AuditAction> audit_actions() noexcept;
// The words for an action id, or the id itself for one not in the list (an older program's).
std::string_view audit_action_words(std::string_view id) noexcept;

// The caseload page's one entry for the names it showed (action view_caseload): the children by
// case reference, in the order shown.
std::string caseload_audit_detail(std::span<const std::string> child_ids, std::string_view as_of);
// The children a view_caseload entry lists (none for another action, or an older entry written
// one per child, whose child is its child_id).
std::vector<std::string> caseload_audit_children(std::string_view detail);

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
    std::optional<AuditCheckpoint> from;       // the checkpoint the check began at; none: the first row
    std::size_t checkpoints_checked = 0;       // checkpoints checked against the rows (a full check)
    std::optional<std::int64_t> first_broken;  // the id of the first row whose hash is wrong
    std::optional<std::int64_t> checkpoint;    // the checkpoint that row breaks, if a checkpoint it is
    std::string problem;                       // what is wrong with it
    std::optional<AuditRow> broken_row;        // that row as stored (none if it is missing)
    std::int64_t head_id = 0;                  // the last row checked (0: none)
    std::string head;                          // its hash (note it down to detect truncation)
};

// Where a check begins.
enum class AuditCheckFrom {
    latest_checkpoint,  // the latest checkpoint's row (which must still have the recorded hash)
    first_row,          // the first row; every checkpoint is also checked against the rows
};

// Checks the chain. Broken at a row whose prev_hash is not the hash of the row before it (a row
// removed or inserted there), or whose hash is not audit_hash of its own fields (the row
// changed). From the latest checkpoint, also broken if the checkpoint's row is missing or its
// hash is no longer the one recorded (the log was rewritten up to there); rows before the
// checkpoint are not read. From the first row, every checkpoint's row must be stored with the
// hash the checkpoint recorded. Removing the newest rows cannot show in the chain itself: the
// head, noted elsewhere (check_audit_head), shows it.
AuditVerification verify_audit_chain(AuditLog& store, AuditCheckFrom from);

// After a check that found the chain intact: records a checkpoint at the last row it reached,
// if that is at least min_new_rows rows past the checkpoint it began at (the page records one
// only every so many rows; the command line after every check). The checkpoint written, if any.
// `at`, `actor` and `origin` say when the check ran, who ran it and from where.
std::optional<AuditCheckpoint> record_audit_checkpoint(AuditLog& store, const AuditVerification& checked,
                                                       std::string_view at, std::string_view actor,
                                                       std::string_view origin, std::size_t min_new_rows);

// The line to note outside the database: "audit head ID HASH AT" (AT the row's time), or "" for
// an empty log.
std::string audit_head_line(const std::optional<AuditHead>& head);

// A head noted earlier, as given on the command line: "ID:HASH".
struct ExpectedHead {
    std::int64_t id = 0;
    std::string hash;
};
// Parses "ID:HASH" (ID a positive whole number, HASH 64 hex digits); none if it is not that.
std::optional<ExpectedHead> parse_expected_head(std::string_view text);

// Whether the row noted as the head is still stored with the hash noted: an empty problem if so,
// else what is wrong (the row is gone: the log was cut back past it; or its hash differs: the log
// was rewritten).
std::string check_audit_head(AuditLog& store, const ExpectedHead& expected);

// The audit log as an administrator reads it (the web's audit page): the chain checked from the
// latest checkpoint (the page costs the rows written since, not the whole log), a checkpoint
// recorded after that check when it read at least `checkpoint_every` new rows (by `viewer`; a
// database too busy to take it does not cost the page), the last row checked, and page `page`
// (from 1; past the last, the last) of `page_size` rows of what `query` names, newest first,
// with how many it names in all. No rows are read without a query (the filter was not valid).
struct AuditLogPage {
    AuditVerification verification;
    std::optional<AuditHead> head;  // the last row checked, when there is one
    std::vector<AuditRow> rows;
    std::size_t total = 0;
    std::size_t page = 1;
    std::size_t pages = 1;
};
AuditLogPage audit_log_page(AuditLog& log, const Viewer& viewer, std::optional<AuditQuery> query, std::size_t page,
                            std::size_t page_size, std::size_t checkpoint_every);

}  // namespace waymark::app
