#pragma once
// What both fuzz targets share: a database in memory that is put back as it was before each
// input, a private temporary folder, and stopping the run with a message (a finding).
#include <sqlite3.h>
#include <stdlib.h>  // mkdtemp
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace waymark::fuzz {

// A finding: the fuzzer reports the abort with the input that caused it.
[[noreturn]] inline void fail(std::string_view what) {
    std::fprintf(stderr, "fuzz finding: %.*s\n", static_cast<int>(what.size()), what.data());
    std::abort();
}

// An in-memory database that the store opens by its name (SQLite's memdb VFS shares a name
// starting with '/' among the connections of a process). snapshot() keeps its contents once the
// fixture is written and restore() puts them back before each input, so that every input starts
// from the same data and a finding reproduces from its input alone. Construct it before any
// other SQLite call: it lets SQLite read file names as URIs.
class MemoryDatabase {
public:
    explicit MemoryDatabase(const std::string& name) : uri_("file:/" + name + "?vfs=memdb") {
        if (sqlite3_config(SQLITE_CONFIG_URI, 1) != SQLITE_OK) fail("SQLite was initialised before MemoryDatabase");
    }
    ~MemoryDatabase() {
        sqlite3_close(saved_);
        sqlite3_close(live_);
    }
    MemoryDatabase(const MemoryDatabase&) = delete;
    MemoryDatabase& operator=(const MemoryDatabase&) = delete;

    // The name to open the database by (the store's path).
    [[nodiscard]] const std::string& uri() const { return uri_; }

    void snapshot() {
        live_ = open(uri_);
        saved_ = open(":memory:");
        // A backup into an in-memory database needs the same page size (the store's 16 KiB).
        sqlite3_stmt* s = nullptr;
        sqlite3_prepare_v2(live_, "PRAGMA page_size", -1, &s, nullptr);
        const int page_size = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
        sqlite3_finalize(s);
        const std::string pragma = "PRAGMA page_size=" + std::to_string(page_size);
        if (sqlite3_exec(saved_, pragma.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) fail(sqlite3_errmsg(saved_));
        copy(saved_, live_);
    }
    void restore() { copy(live_, saved_); }

private:
    static sqlite3* open(const std::string& path) {
        sqlite3* db = nullptr;
        if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI, nullptr) !=
            SQLITE_OK) {
            fail("cannot open the fuzz database " + path);
        }
        return db;
    }
    static void copy(sqlite3* to, sqlite3* from) {
        sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
        if (b == nullptr) fail(std::string("cannot copy the fuzz database: ") + sqlite3_errmsg(to));
        const int rc = sqlite3_backup_step(b, -1);
        sqlite3_backup_finish(b);
        if (rc != SQLITE_DONE) fail(std::string("cannot copy the fuzz database: ") + sqlite3_errstr(rc));
    }

    std::string uri_;
    sqlite3* live_ = nullptr;
    sqlite3* saved_ = nullptr;
};

// A folder only this process can read, for the files an input is written to (in /dev/shm,
// memory, where there is one). Left behind if the run stops at a finding.
inline std::filesystem::path make_temp_dir() {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path base = fs::is_directory("/dev/shm", ec) ? fs::path("/dev/shm") : fs::temp_directory_path();
    std::string pattern = (base / "waymark-fuzz-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) fail("cannot make a temporary folder");
    return pattern;
}

inline void write_file(const std::filesystem::path& path, std::string_view bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) fail("cannot write " + path.string());
}

}  // namespace waymark::fuzz
