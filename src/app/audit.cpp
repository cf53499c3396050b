#include "app/audit.hpp"

#include "core/error.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <map>
#include <stdexcept>
#include <vector>

namespace waymark::app {

namespace {

constexpr std::string_view kTag = "waymark-audit-v1";

void put(crypto_generichash_state& state, std::string_view field) {
    std::array<unsigned char, 8> length{};
    auto n = static_cast<std::uint64_t>(field.size());
    for (auto& byte : length) {
        byte = static_cast<unsigned char>(n & 0xFFU);
        n >>= 8U;
    }
    crypto_generichash_update(&state, length.data(), length.size());
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(field.data()), field.size());
}

}  // namespace

namespace {

constexpr AuditAction kActions[] = {
    {"view_chronology", "Viewed a child's record"},
    {"view_timeline", "Viewed a child's timeline"},
    {"view_caseload", "Viewed names in a caseload"},
    {"view_search", "Searched for a child"},
    {"view_this_week", "Viewed what is due this week"},
    {"download_this_week", "Downloaded what is due this week"},
    {"view_planned_passed", "Viewed planned events whose date has passed"},
    {"view_event", "Viewed an event"},
    {"view_event_history", "Viewed an event's history"},
    {"record_event", "Recorded an event"},
    {"correct_event", "Corrected an event"},
    {"cancel_event", "Cancelled an event"},
    {"import", "Imported records"},
    {"import_rejected", "Tried to import (rejected)"},
    {"allocate", "Allocated a child"},
    {"lift_restriction", "Lifted a restriction"},
    {"sign_in", "Signed in"},
    {"sign_in_failed", "Failed to sign in"},
    {"sign_out", "Signed out"},
    {"end_other_sessions", "Signed out other sessions"},
    {"change_password", "Changed their password"},
    {"set_password", "Password set by the service"},
    {"reset_password", "Reset a password"},
    {"add_user", "Added a user"},
    {"change_user", "Changed a user"},
    {"approve_user", "Approved a user"},
    {"disable_user", "Removed a user's access"},
    {"enable_user", "Restored a user's access"},
    {"unlock_user", "Cleared a sign-in delay"},
    {"revoke_token", "Revoked an API token"},
    {"add_team", "Added a team"},
};

constexpr std::string_view kCaseloadPrefix = "names shown in My children, as of ";
constexpr std::string_view kChildrenMark = ": ";

}  // namespace

std::span<const AuditAction> audit_actions() noexcept {
    return kActions;
}

std::string_view audit_action_words(std::string_view id) noexcept {
    for (const auto& a : kActions) {
        if (a.id == id) return a.words;
    }
    return id;
}

std::string caseload_audit_detail(std::span<const std::string> child_ids, std::string_view as_of) {
    std::string detail = std::string(kCaseloadPrefix) + std::string(as_of) + ", " + std::to_string(child_ids.size()) +
                         (child_ids.size() == 1 ? " child" : " children") + std::string(kChildrenMark);
    for (std::size_t i = 0; i < child_ids.size(); ++i) detail += (i == 0 ? "" : ", ") + child_ids[i];
    return detail;
}

std::vector<std::string> caseload_audit_children(std::string_view detail) {
    std::vector<std::string> ids;
    if (!detail.starts_with(kCaseloadPrefix)) return ids;
    const auto mark = detail.find(kChildrenMark, kCaseloadPrefix.size());
    if (mark == std::string_view::npos) return ids;
    std::string_view rest = detail.substr(mark + kChildrenMark.size());
    while (!rest.empty()) {
        const auto comma = rest.find(", ");
        ids.emplace_back(rest.substr(0, comma));
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 2);
    }
    return ids;
}

std::string_view audit_genesis_hash() noexcept {
    return "0000000000000000000000000000000000000000000000000000000000000000";
}

std::string audit_hash(std::string_view prev_hash, const AuditEntry& entry) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not start");
    crypto_generichash_state state;
    std::array<unsigned char, crypto_generichash_BYTES> digest{};
    crypto_generichash_init(&state, nullptr, 0, digest.size());
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(kTag.data()), kTag.size());
    for (std::string_view field :
         {prev_hash, std::string_view(entry.at), std::string_view(entry.actor), std::string_view(entry.action),
          std::string_view(entry.local_authority), std::string_view(entry.child_id), std::string_view(entry.detail),
          std::string_view(entry.origin)}) {
        put(state, field);
    }
    crypto_generichash_final(&state, digest.data(), digest.size());
    std::string hex(digest.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    hex.pop_back();
    return hex;
}

namespace {

std::string checkpoint_name(const AuditCheckpoint& c) {
    return "checkpoint " + std::to_string(c.id) + " (recorded " + c.at + ")";
}

// What is wrong with a row, given the hash the row before it has (none: the row before was not
// read, as the check began at this row).
std::string row_problem(const AuditRow& row, const std::optional<std::string>& prev) {
    if (row.hash.empty()) return "the row is not chained (written before the chain and not yet sealed)";
    if (prev && row.prev_hash != *prev) {
        return "its prev_hash is not the hash of the row before it: a row was removed or inserted here";
    }
    if (audit_hash(row.prev_hash, row.entry) != row.hash)
        return "its hash does not match its contents: the row was changed";
    return {};
}

}  // namespace

AuditVerification verify_audit_chain(AuditLog& store, AuditCheckFrom from) {
    AuditVerification v;
    const std::vector<AuditCheckpoint> checkpoints = store.audit_checkpoints();
    // From the first row: every checkpoint, by its row, to be compared as that row is read.
    std::multimap<std::int64_t, const AuditCheckpoint*> pending;
    std::int64_t first_id = 0;
    if (from == AuditCheckFrom::latest_checkpoint && !checkpoints.empty()) {
        v.from = checkpoints.back();
        first_id = v.from->audit_id;
    } else if (from == AuditCheckFrom::first_row) {
        for (const auto& c : checkpoints) pending.emplace(c.audit_id, &c);
    }
    const auto broken = [&](std::int64_t id, const AuditRow* row, const AuditCheckpoint* checkpoint,
                            std::string problem) {
        v.intact = false;
        v.first_broken = id;
        if (row != nullptr) v.broken_row = *row;
        if (checkpoint != nullptr) v.checkpoint = checkpoint->id;
        v.problem = std::move(problem);
    };
    std::optional<std::string> prev;  // none until a row is read, when checking from a checkpoint
    if (!v.from) prev = std::string(audit_genesis_hash());
    store.for_each_audit_from(first_id, [&](const AuditRow& row) {
        ++v.rows;
        if (!v.intact) return;
        if (v.from && !prev) {
            // The checkpoint's row: still stored, with the hash recorded.
            if (row.id != v.from->audit_id) {
                return broken(v.from->audit_id, nullptr, &*v.from,
                              checkpoint_name(*v.from) + " names a row that is missing: rows were removed");
            }
            if (row.hash != v.from->hash) {
                return broken(
                    row.id, &row, &*v.from,
                    "its hash is not the one " + checkpoint_name(*v.from) + " noted: the log was rewritten up to here");
            }
        }
        if (std::string problem = row_problem(row, prev); !problem.empty()) {
            return broken(row.id, &row, nullptr, std::move(problem));
        }
        // Checkpoints whose row is before this one name a row that is gone.
        if (!pending.empty() && pending.begin()->first < row.id) {
            const AuditCheckpoint& c = *pending.begin()->second;
            return broken(c.audit_id, nullptr, &c,
                          checkpoint_name(c) + " names a row that is missing: rows were removed");
        }
        for (auto at = pending.find(row.id); at != pending.end() && at->first == row.id; at = pending.erase(at)) {
            if (at->second->hash != row.hash) {
                return broken(row.id, &row, at->second,
                              "its hash is not the one " + checkpoint_name(*at->second) +
                                  " noted: the log was rewritten up to here");
            }
            ++v.checkpoints_checked;
        }
        prev = row.hash;
        v.head_id = row.id;
    });
    if (v.intact && v.from && !prev) {
        broken(v.from->audit_id, nullptr, &*v.from,
               checkpoint_name(*v.from) + " names a row that is missing: the log was cut back past it");
    }
    if (v.intact && !pending.empty()) {
        const AuditCheckpoint& c = *pending.begin()->second;
        broken(c.audit_id, nullptr, &c,
               checkpoint_name(c) + " names a row that is missing: the log was cut back past it");
    }
    if (v.intact) v.head = prev.value_or(std::string(audit_genesis_hash()));
    return v;
}

std::optional<AuditCheckpoint> record_audit_checkpoint(AuditLog& store, const AuditVerification& checked,
                                                       std::string_view at, std::string_view actor,
                                                       std::string_view origin, std::size_t min_new_rows) {
    if (!checked.intact || checked.head_id == 0) return std::nullopt;
    // Checking from a checkpoint reads its row again: it is not new.
    const std::size_t new_rows = checked.from ? checked.rows - 1 : checked.rows;
    if (new_rows == 0 || new_rows < min_new_rows) return std::nullopt;
    AuditCheckpoint c{
        0, checked.head_id, checked.head, !checked.from, std::string(at), std::string(actor), std::string(origin)};
    const auto id = store.add_audit_checkpoint(c);
    if (!id) return std::nullopt;
    c.id = *id;
    return c;
}

std::string audit_head_line(const std::optional<AuditHead>& head) {
    if (!head) return {};
    return "audit head " + std::to_string(head->id) + " " + head->hash + " " + head->at;
}

std::optional<ExpectedHead> parse_expected_head(std::string_view text) {
    const auto colon = text.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    ExpectedHead e;
    const std::string_view id = text.substr(0, colon);
    const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), e.id);
    if (ec != std::errc() || end != id.data() + id.size() || e.id <= 0) return std::nullopt;
    const std::string_view hash = text.substr(colon + 1);
    if (hash.size() != audit_genesis_hash().size()) return std::nullopt;
    for (const char ch : hash) {
        if (std::isxdigit(static_cast<unsigned char>(ch)) == 0) return std::nullopt;
        e.hash += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
    return e;
}

std::string check_audit_head(AuditLog& store, const ExpectedHead& expected) {
    const auto row = store.audit_row(expected.id);
    const std::string head = "the head noted, row " + std::to_string(expected.id) + " with hash " + expected.hash;
    if (!row) {
        const auto now = store.audit_head();
        return head + ", is no longer in the audit log (" +
               (now ? "its last row is now " + std::to_string(now->id) : std::string("it is now empty")) +
               "): the log was cut back past it, or the row removed";
    }
    if (row->hash != expected.hash) {
        return head + ", now has hash " + row->hash + ": the log was rewritten up to it";
    }
    return {};
}

AuditLogPage audit_log_page(AuditLog& log, const Viewer& viewer, std::optional<AuditQuery> query, std::size_t page,
                            std::size_t page_size, std::size_t checkpoint_every) {
    AuditLogPage out;
    out.verification = verify_audit_chain(log, AuditCheckFrom::latest_checkpoint);
    try {
        record_audit_checkpoint(log, out.verification, viewer.at, viewer.actor, viewer.origin, checkpoint_every);
    } catch (const core::Error&) {
        // The checkpoint only saves the next load work: a database too busy to take it (or a
        // row changed since this check, which the next check names) must not cost the page.
    }
    if (out.verification.head_id > 0) {
        if (auto row = log.audit_row(out.verification.head_id)) {
            out.head = AuditHead{row->id, std::move(row->hash), std::move(row->entry.at)};
        }
    }
    if (!query) return out;
    out.total = log.count_audit(*query);
    out.pages = std::max<std::size_t>(1, (out.total + page_size - 1) / page_size);
    out.page = std::min(page, out.pages);
    query->limit = page_size;
    query->offset = (out.page - 1) * page_size;
    out.rows = log.find_audit(*query);
    return out;
}

}  // namespace waymark::app
