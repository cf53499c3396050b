// The audit log's check at a million rows (issue 5: /admin/audit checked the whole chain on
// every load):
//   verify/first_row        app::verify_audit_chain from the first row: what the page did on
//                           every load before checkpoints, and `audit verify --full`
//   verify/checkpoint_9999  from the latest checkpoint with 9,999 rows after it: the most the
//                           page reads (at 10,000 it records a checkpoint)
//   verify/checkpoint_0     from a checkpoint at the newest row
//   page/before             GET /admin/audit through web::handle with the checkpoints ignored (a
//                           trigger drops every insert), so every load checks from the first
//                           row, as before
//   page/checkpoint_9999    GET /admin/audit, 9,999 rows after the latest checkpoint
//   page/checkpoint_0       GET /admin/audit, the checkpoint at the newest row
// Each database is made in a temporary folder: WAYMARK_BENCH_AUDIT_ROWS rows (default
// 1,000,000), of one council, written in batches of 100,000.
#include "app/audit.hpp"
#include "app/measures_file.hpp"
#include "app/standards_file.hpp"
#include "bench_db.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "web/routes/handlers.hpp"

#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using namespace waymark;

const core::Date kAsOf = core::Date::parse("2026-11-26");
constexpr std::int64_t kNow = 1'800'000'000;
constexpr std::int64_t kAfterCheckpoint = 9'999;
const std::string kCouncil = "S12000049";

std::int64_t total_rows() {
    const char* rows = std::getenv("WAYMARK_BENCH_AUDIT_ROWS");
    return rows != nullptr ? std::stoll(rows) : 1'000'000;
}

// Rows of realistic size: a view of a named child from the web.
void append_rows(store::SqliteStore& store, std::int64_t first, std::int64_t count) {
    constexpr std::int64_t kBatch = 100'000;
    std::vector<app::AuditEntry> batch;
    for (std::int64_t done = 0; done < count; done += kBatch) {
        batch.clear();
        for (std::int64_t i = done; i < std::min(count, done + kBatch); ++i) {
            const std::int64_t n = first + i;
            batch.push_back(
                {"2026-11-26T09:" + std::to_string(10 + n % 50) + ":00Z", "social_worker." + std::to_string(n % 300),
                 n % 3 == 0 ? "view_timeline" : "view_chronology", kCouncil, "C" + std::to_string(100000 + n % 1500),
                 "as of 2026-11-26", "web 192.0.2." + std::to_string(n % 200)});
        }
        store.record_audit(batch);
    }
}

void exec(const std::string& path, const char* sql) {
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK || sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        throw std::runtime_error(std::string("audit bench: ") + sql);
    }
    sqlite3_close(db);
}

// How the database is left for the benchmark.
enum class Shape { no_checkpoints, checkpoint_9999, checkpoint_0 };

struct Fixture {
    std::filesystem::path path;
    app::StandardSet standards = app::default_standards();
    app::MeasureSet measures = app::default_measures(standards);
    std::unique_ptr<store::SqliteStore> store;
    std::string session;

    explicit Fixture(Shape shape) {
        path = std::filesystem::temp_directory_path() / ("waymark-audit-bench-" + std::to_string(::getpid()) + "-" +
                                                         std::to_string(static_cast<int>(shape)) + ".db");
        std::filesystem::remove(path);
        if (shape == Shape::no_checkpoints) {
            // Checkpoints ignored: the page checks from the first row on every load, as before.
            { const store::SqliteStore init(path.string(), standards.vocabulary); }
            exec(path.string(),
                 "CREATE TRIGGER bench_ignore_checkpoints BEFORE INSERT ON audit_checkpoint "
                 "BEGIN SELECT RAISE(IGNORE); END;");
        }
        store = std::make_unique<store::SqliteStore>(path.string(), standards.vocabulary);
        const std::int64_t n = total_rows();
        const std::int64_t before = shape == Shape::checkpoint_9999 ? n - kAfterCheckpoint : n;
        append_rows(*store, 0, before);
        if (shape != Shape::no_checkpoints) {
            const auto v = app::verify_audit_chain(*store, app::AuditCheckFrom::first_row);
            if (!app::record_audit_checkpoint(*store, v, "2026-11-26T10:00:00Z", "bench", "command line", 1)) {
                throw std::runtime_error("audit bench: no checkpoint recorded");
            }
        }
        if (before < n) append_rows(*store, before, n - before);
        session = bench::add_signed_in_user(*store, "bench-admin", app::Role::administrator, kCouncil, kNow);
    }
    ~Fixture() {
        store.reset();
        bench::remove_database(path);
    }
    Fixture(const Fixture&) = delete;
    Fixture& operator=(const Fixture&) = delete;
};

Fixture& fixture(Shape shape) {
    // One at a time: a million rows take about 200 MB on disk.
    static std::unique_ptr<Fixture> f;
    static Shape made{};
    if (!f || made != shape) {
        f.reset();
        f = std::make_unique<Fixture>(shape);
        made = shape;
    }
    return *f;
}

void verify(benchmark::State& state, Shape shape, app::AuditCheckFrom from) {
    auto& f = fixture(shape);
    std::size_t rows = 0;
    for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the library's idiom
        const auto v = app::verify_audit_chain(*f.store, from);
        if (!v.intact) state.SkipWithError("the chain is not intact");
        rows = v.rows;
    }
    state.counters["rows_checked"] = static_cast<double>(rows);
}

void page(benchmark::State& state, Shape shape) {
    auto& f = fixture(shape);
    web::SignInLimiter limiter;
    const web::Request request{"GET", "/admin/audit", {{"cookie", "waymark_session=" + f.session}}, {}, "127.0.0.1"};
    std::size_t bytes = 0;
    for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the library's idiom
        web::AppContext ctx{*f.store, *f.store, f.standards, kNow, kAsOf, false, &limiter, {}, {}, &f.measures};
        auto response = web::handle(request, ctx);
        if (response.status != 200 || response.body.find(">intact</strong>") == std::string::npos) {
            state.SkipWithError("GET /admin/audit did not answer 200 with the chain intact");
        }
        bytes = response.body.size();
        benchmark::DoNotOptimize(response);
    }
    state.counters["page_bytes"] = static_cast<double>(bytes);
}

BENCHMARK_CAPTURE(verify, first_row, Shape::no_checkpoints, app::AuditCheckFrom::first_row)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(page, before, Shape::no_checkpoints)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(verify, checkpoint_9999, Shape::checkpoint_9999, app::AuditCheckFrom::latest_checkpoint)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(page, checkpoint_9999, Shape::checkpoint_9999)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(verify, checkpoint_0, Shape::checkpoint_0, app::AuditCheckFrom::latest_checkpoint)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(page, checkpoint_0, Shape::checkpoint_0)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
