#pragma once
// What the web benchmarks share: a signed-in user added to a benchmark's database, and the
// database file removed with SQLite's write-ahead log and shared-memory files.
#include "app/auth.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <cstdint>
#include <filesystem>
#include <string>

namespace waymark::bench {

// Adds a user of this role and council and a session for it; returns the session's token.
inline std::string add_signed_in_user(store::SqliteStore& store, const std::string& name, app::Role role,
                                      const std::string& council, std::int64_t now) {
    app::User u;
    u.name = name;
    u.role = role;
    u.local_authority = council;
    u.password_hash = "unused";
    u.created = now;
    const auto id = store.add_user(u);
    std::string session = app::random_token();
    store.put_session({app::token_hash(session), id, now, now, app::random_token()});
    return session;
}

inline void remove_database(const std::filesystem::path& path) {
    std::filesystem::remove(path);
    std::filesystem::remove(path.string() + "-wal");
    std::filesystem::remove(path.string() + "-shm");
}

}  // namespace waymark::bench
