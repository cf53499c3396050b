#include "app/audit.hpp"

#include <sodium.h>

#include <array>
#include <stdexcept>

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

AuditVerification verify_audit_chain(Store& store) {
    AuditVerification v;
    std::string prev(audit_genesis_hash());
    store.for_each_audit([&](const AuditRow& row) {
        ++v.rows;
        if (!v.intact) return;
        std::string problem;
        if (row.hash.empty()) {
            problem = "the row is not chained (written before the chain and not yet sealed)";
        } else if (row.prev_hash != prev) {
            problem = "its prev_hash is not the hash of the row before it: a row was removed or inserted here";
        } else if (audit_hash(row.prev_hash, row.entry) != row.hash) {
            problem = "its hash does not match its contents: the row was changed";
        }
        if (!problem.empty()) {
            v.intact = false;
            v.first_broken = row.id;
            v.problem = std::move(problem);
            v.broken_row = row;
            return;
        }
        prev = row.hash;
    });
    if (v.intact) v.head = prev;
    return v;
}

}  // namespace waymark::app
