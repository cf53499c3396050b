// Micro benchmarks of the children list (GET /children), the page bench/web.sh loads with wrk:
//   BM_StatusReport      app::status_report of one council, worked out afresh (items/s = children/s)
//   BM_StatusCacheHit    the same through app::StatusCache when nothing was written
//   BM_ChildrenPage      the whole request through web::handle: session, rows, HTML; with the
//                        cache (argument 1) or without (0)
// On the database named by WAYMARK_BENCH_DB (bench/web.sh writes one: `synth --children 100000`
// and a council of 1,500, S12000033); WAYMARK_BENCH_COUNCIL names the council (default
// S12000033). A team manager of it is added to a copy of the database, so the file is not changed.
#include "app/measures_file.hpp"
#include "app/reports.hpp"
#include "app/standards_file.hpp"
#include "app/status_cache.hpp"
#include "bench_db.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "web/routes/handlers.hpp"

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

namespace {

using namespace waymark;

const core::Date kAsOf = core::Date::parse("2026-11-26");
constexpr std::int64_t kNow = 1'800'000'000;

struct Fixture {
    std::filesystem::path path;
    std::string council;
    app::StandardSet standards = app::default_standards();
    app::MeasureSet measures = app::default_measures(standards);
    std::unique_ptr<store::SqliteStore> store;
    std::string session;

    Fixture() {
        const char* db = std::getenv("WAYMARK_BENCH_DB");
        if (db == nullptr) throw std::runtime_error("set WAYMARK_BENCH_DB to a database (bench/web.sh makes one)");
        const char* council_env = std::getenv("WAYMARK_BENCH_COUNCIL");
        council = council_env != nullptr ? council_env : "S12000033";
        path = std::filesystem::temp_directory_path() / ("waymark-web-bench-" + std::to_string(::getpid()) + ".db");
        std::filesystem::copy_file(db, path, std::filesystem::copy_options::overwrite_existing);
        store = std::make_unique<store::SqliteStore>(path.string(), standards.vocabulary);
        session = bench::add_signed_in_user(*store, "bench-manager", app::Role::team_manager, council, kNow);
    }
    ~Fixture() {
        store.reset();
        bench::remove_database(path);
    }
    Fixture(const Fixture&) = delete;
    Fixture& operator=(const Fixture&) = delete;
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

void BM_StatusReport(benchmark::State& state) {
    auto& f = fixture();
    std::size_t n = 0;
    for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the library's idiom
        auto rows = app::status_report(*f.store, f.standards, {kAsOf, f.council, std::nullopt});
        n = rows.size();
        benchmark::DoNotOptimize(rows);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}
BENCHMARK(BM_StatusReport)->Unit(benchmark::kMillisecond);

void BM_StatusCacheHit(benchmark::State& state) {
    auto& f = fixture();
    app::StatusCache cache;
    std::size_t n = 0;
    for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the library's idiom
        auto rows = cache.status_report(*f.store, f.standards, {kAsOf, f.council, std::nullopt});
        n = rows->size();
        benchmark::DoNotOptimize(rows);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}
BENCHMARK(BM_StatusCacheHit)->Unit(benchmark::kMicrosecond);

void BM_ChildrenPage(benchmark::State& state) {
    auto& f = fixture();
    app::StatusCache cache;
    web::SignInLimiter limiter;
    web::Request request{"GET", "/children", {{"cookie", "waymark_session=" + f.session}}, {}, "127.0.0.1"};
    std::size_t bytes = 0;
    for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the library's idiom
        web::AppContext ctx{*f.store, *f.store, f.standards, kNow, kAsOf, false, &limiter, {}, {}, &f.measures};
        if (state.range(0) != 0) ctx.status_cache = &cache;
        auto response = web::handle(request, ctx);
        if (response.status != 200) state.SkipWithError("GET /children did not answer 200");
        bytes = response.body.size();
        benchmark::DoNotOptimize(response);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
    state.counters["page_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_ChildrenPage)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
