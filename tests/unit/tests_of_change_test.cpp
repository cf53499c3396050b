// Tests of change and driver diagrams through the use cases (app/tests_of_change.hpp,
// app/tests_of_change_csv.hpp, app/driver_file.hpp) and the SQLite store: records round-trip,
// bad input is refused with file, line, column and field, decisions are not overwritten by
// accident, every write is one transaction (a failure at any row leaves the database as it
// was), and a version 1 database migrates to version 2 in place.
#include "app/tests_of_change.hpp"
#include "app/driver_file.hpp"
#include "app/import.hpp"
#include "app/standards_file.hpp"
#include "app/tests_of_change_csv.hpp"
#include "store/migrations.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "support/temp_dir.hpp"
#include "support/test_of_change.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;
namespace app = waymark::app;
namespace core = waymark::core;
using core::Date;
using core::ErrorKind;

const Date kToday = Date::parse("2026-11-26");
const app::Viewer kViewer{"a.tester", "2026-11-26T09:30:00Z"};

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

const fs::path kExamples = fs::path(WAYMARK_SOURCE_DIR) / "examples" / "pace";

// Runs f and returns the kind of core::Error it throws (failing the test if it throws none).
template <class F>
ErrorKind error_kind(F&& f, std::string* message = nullptr) {
    try {
        f();
    } catch (const core::Error& e) {
        if (message != nullptr) *message = e.what();
        return e.kind();
    }
    ADD_FAILURE() << "no error";
    return ErrorKind::internal;
}

// Runs raw SQL on the database file, beside the store's own connection.
void sql(const std::string& db, const std::string& statements) {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
    char* err = nullptr;
    const int rc = sqlite3_exec(raw, statements.c_str(), nullptr, nullptr, &err);
    EXPECT_EQ(rc, SQLITE_OK) << (err ? err : "") << "\n" << statements;
    sqlite3_free(err);
    sqlite3_close(raw);
}

class TestsOfChange : public ::testing::Test {
protected:
    std::string db() const { return dir_.path("w.db"); }
    app::TestImportResult import(app::Store& store, const std::optional<std::string>& tests,
                                 const std::optional<std::string>& cycles, bool revise = false) {
        app::TestImportOptions o;
        o.tests_path = tests;
        o.cycles_path = cycles;
        o.today = kToday;
        o.revise = revise;
        return app::import_tests_of_change(store.tests_of_change(), o, kViewer);
    }
    app::TestImportResult import_examples(app::Store& store) {
        return import(store, (kExamples / "tests_of_change.csv").string(), (kExamples / "pdsa_cycles.csv").string());
    }
    // Everything stored, as the two export files.
    static std::string everything(app::Store& store) {
        const auto files = app::export_tests_of_change(store.tests_of_change(), {});
        return files.tests_csv + files.cycles_csv;
    }

    waymark::test::TempDir dir_;
    app::StandardSet set_ = app::default_standards();
};

using waymark::test::a_test_of_change;

// --- Use cases --------------------------------------------------------------------------------

TEST_F(TestsOfChange, ATestWithItsCyclesAndDecisionIsStoredWhole) {
    {
        waymark::store::SqliteStore store(db(), set_.vocabulary);
        app::add_test_of_change(store.tests_of_change(), a_test_of_change(), kToday, kViewer);
        app::CycleUpdate first;
        first.plan = "Try it for the next five children";
        first.plan_date = Date::parse("2025-01-06");
        EXPECT_EQ(app::record_cycle(store.tests_of_change(), "PACE-1", std::nullopt, first, kViewer).number, 1);
        app::CycleUpdate second;
        second.plan = "Extend to team B";
        EXPECT_EQ(app::record_cycle(store.tests_of_change(), "PACE-1", std::nullopt, second, kViewer).number, 2);
        // Cycle 1 is filled in as it runs.
        app::CycleUpdate done;
        done.number = 1;
        done.do_text = "Held for 4 of 5";
        done.do_date = Date::parse("2025-02-03");
        const auto filled = app::record_cycle(store.tests_of_change(), "PACE-1", "S12000049", done, kViewer);
        EXPECT_EQ(filled.plan, "Try it for the next five children");
        EXPECT_EQ(filled.do_text, "Held for 4 of 5");
        app::decide_test_of_change(store.tests_of_change(), "PACE-1", std::nullopt,
                                   {core::Decision::adopt, Date::parse("2025-03-03"), "17 of 19"}, false, kToday,
                                   kViewer);
    }
    // Read back through a new connection.
    waymark::store::SqliteStore store(db(), set_.vocabulary);
    const auto t = app::find_test_of_change(store.tests_of_change(), "PACE-1", std::nullopt);
    auto want = a_test_of_change();
    want.decision = core::DecisionRecord{core::Decision::adopt, Date::parse("2025-03-03"), "17 of 19"};
    want.cycles = {{1, "Try it for the next five children", Date::parse("2025-01-06"), "Held for 4 of 5",
                    Date::parse("2025-02-03"), "", std::nullopt, "", std::nullopt},
                   {2, "Extend to team B", std::nullopt, "", std::nullopt, "", std::nullopt, "", std::nullopt}};
    EXPECT_EQ(t, want);
}

TEST_F(TestsOfChange, AReferenceIsTakenOnceInACouncilAndAnEmptyOneGetsTheNextNumber) {
    waymark::store::SqliteStore store(db(), set_.vocabulary);
    app::add_test_of_change(store.tests_of_change(), a_test_of_change(), kToday, kViewer);
    auto again = a_test_of_change();
    again.title = "Something else";
    EXPECT_EQ(error_kind([&] { app::add_test_of_change(store.tests_of_change(), again, kToday, kViewer); }),
              ErrorKind::conflict);
    EXPECT_EQ(app::find_test_of_change(store.tests_of_change(), "PACE-1", std::nullopt).title,
              "72-hour post-admission meeting");

    EXPECT_EQ(app::add_test_of_change(store.tests_of_change(), a_test_of_change(""), kToday, kViewer).reference,
              "TOC-1");
    EXPECT_EQ(app::add_test_of_change(store.tests_of_change(), a_test_of_change("TOC-7"), kToday, kViewer).reference,
              "TOC-7");
    EXPECT_EQ(app::add_test_of_change(store.tests_of_change(), a_test_of_change(""), kToday, kViewer).reference,
              "TOC-8");

    // The same reference in another council is another test; naming it then needs the council.
    auto elsewhere = a_test_of_change();
    elsewhere.local_authority = "S12000033";
    app::add_test_of_change(store.tests_of_change(), elsewhere, kToday, kViewer);
    std::string message;
    EXPECT_EQ(error_kind([&] { app::find_test_of_change(store.tests_of_change(), "PACE-1", std::nullopt); }, &message),
              ErrorKind::invalid_input);
    EXPECT_EQ(message,
              "test of change PACE-1 exists in more than one council (S12000033, S12000049): give --local-authority");
    EXPECT_EQ(app::find_test_of_change(store.tests_of_change(), "PACE-1", "S12000033").local_authority, "S12000033");
    EXPECT_EQ(error_kind([&] { app::find_test_of_change(store.tests_of_change(), "PACE-2", std::nullopt); }),
              ErrorKind::not_found);
}

TEST_F(TestsOfChange, ABadTestIsRefusedNamingEachFieldAndNothingIsStored) {
    waymark::store::SqliteStore store(db(), set_.vocabulary);
    auto t = a_test_of_change();
    t.aim.clear();
    t.measures = {"Days To Permanence"};
    std::string message;
    EXPECT_EQ(error_kind([&] { app::add_test_of_change(store.tests_of_change(), t, kToday, kViewer); }, &message),
              ErrorKind::invalid_input);
    EXPECT_EQ(message,
              "test of change PACE-1 of S12000049 not stored: 2 problems\n"
              "  aim: required: what the test is trying to accomplish\n"
              "  measures: 'Days To Permanence' is not a measure id (lower-case words joined by hyphens, e.g. "
              "first-lar-on-time)");
    EXPECT_TRUE(store.tests_of_change().find_tests({}).empty());
}

TEST_F(TestsOfChange, DecidingTwiceIsAConflictUnlessRevised) {
    waymark::store::SqliteStore store(db(), set_.vocabulary);
    app::add_test_of_change(store.tests_of_change(), a_test_of_change(), kToday, kViewer);
    const core::DecisionRecord adopt{core::Decision::adopt, Date::parse("2025-03-03"), "It worked"};
    const core::DecisionRecord abandon{core::Decision::abandon, Date::parse("2025-04-01"), "It stopped working"};
    app::decide_test_of_change(store.tests_of_change(), "PACE-1", std::nullopt, adopt, false, kToday, kViewer);
    std::string message;
    EXPECT_EQ(error_kind(
                  [&] {
                      app::decide_test_of_change(store.tests_of_change(), "PACE-1", std::nullopt, abandon, false,
                                                 kToday, kViewer);
                  },
                  &message),
              ErrorKind::conflict);
    EXPECT_EQ(message,
              "test of change PACE-1 of S12000049 was already adopted on 2025-03-03; give --revise to change the "
              "decision");
    EXPECT_EQ(app::find_test_of_change(store.tests_of_change(), "PACE-1", std::nullopt).decision, adopt);
    // The store keeps the rule too, for two people deciding at once.
    EXPECT_EQ(error_kind([&] {
                  store.tests_of_change().decide({"S12000049", "PACE-1"}, abandon, false, "now");
              }),
              ErrorKind::conflict);
    app::decide_test_of_change(store.tests_of_change(), "PACE-1", std::nullopt, abandon, true, kToday, kViewer);
    EXPECT_EQ(app::find_test_of_change(store.tests_of_change(), "PACE-1", std::nullopt).decision, abandon);
    // A decision needs its reason, and a date from the start of the test to today.
    EXPECT_EQ(error_kind([&] {
                  app::decide_test_of_change(store.tests_of_change(), "PACE-1", std::nullopt,
                                             {core::Decision::adapt, Date::parse("2024-12-01"), ""}, true, kToday,
                                             kViewer);
              }),
              ErrorKind::invalid_input);
    EXPECT_EQ(app::find_test_of_change(store.tests_of_change(), "PACE-1", std::nullopt).decision, abandon);
}

TEST_F(TestsOfChange, ACycleOutOfOrderIsRefusedAndTheStoredOneKept) {
    waymark::store::SqliteStore store(db(), set_.vocabulary);
    app::add_test_of_change(store.tests_of_change(), a_test_of_change(), kToday, kViewer);
    app::CycleUpdate plan;
    plan.plan = "Try it";
    plan.plan_date = Date::parse("2025-02-01");
    app::record_cycle(store.tests_of_change(), "PACE-1", std::nullopt, plan, kViewer);
    app::CycleUpdate early;
    early.number = 1;
    early.do_text = "Done";
    early.do_date = Date::parse("2025-01-15");
    std::string message;
    EXPECT_EQ(error_kind([&] { app::record_cycle(store.tests_of_change(), "PACE-1", std::nullopt, early, kViewer); },
                         &message),
              ErrorKind::invalid_input);
    EXPECT_EQ(message,
              "test of change PACE-1 of S12000049 cycle 1 not stored: do_date: 2025-01-15 is before plan_date "
              "(2025-02-01): the stages run in order");
    app::CycleUpdate no_plan;
    no_plan.study = "Learned";
    EXPECT_EQ(error_kind([&] { app::record_cycle(store.tests_of_change(), "PACE-1", std::nullopt, no_plan, kViewer); }),
              ErrorKind::invalid_input);
    app::CycleUpdate missing;
    missing.number = 5;
    missing.act = "Adopt";
    EXPECT_EQ(error_kind([&] { app::record_cycle(store.tests_of_change(), "PACE-1", std::nullopt, missing, kViewer); }),
              ErrorKind::not_found);
    const auto cycles = app::find_test_of_change(store.tests_of_change(), "PACE-1", std::nullopt).cycles;
    ASSERT_EQ(cycles.size(), 1u);
    EXPECT_TRUE(cycles[0].do_text.empty());
}

TEST_F(TestsOfChange, TestsForAChartAreThoseLinkedToTheMeasureByStartDate) {
    waymark::store::SqliteStore store(db(), set_.vocabulary);
    import_examples(store);
    auto other = a_test_of_change("OTHER-1");
    other.local_authority = "S12000033";
    other.start_date = Date::parse("2024-12-01");
    other.measures = {"recommendation-6m"};
    app::add_test_of_change(store.tests_of_change(), other, kToday, kViewer);

    const auto marks = app::tests_of_change_for_measure(store.tests_of_change(), "recommendation-6m", std::nullopt);
    std::string seen;
    for (const auto& m : marks) seen += m.start_date.iso() + " " + m.reference + "\n";
    EXPECT_EQ(seen, "2024-10-07 PACE-2\n2024-11-04 PACE-3\n2024-12-01 OTHER-1\n2025-06-02 PACE-12\n");
    EXPECT_EQ(marks[1].title, "Decision to return home or remain accommodated by 40 weeks");
    EXPECT_EQ(app::tests_of_change_for_measure(store.tests_of_change(), "recommendation-6m", "S12000049").size(), 3u);
    EXPECT_TRUE(app::tests_of_change_for_measure(store.tests_of_change(), "england-a1", std::nullopt).empty());
}

// --- CSV import and export ------------------------------------------------------------------------

TEST_F(TestsOfChange, TheExamplesExportAsTheyAreAndReimportingAddsNothing) {
    const std::string tests_file = read(kExamples / "tests_of_change.csv");
    const std::string cycles_file = read(kExamples / "pdsa_cycles.csv");
    {
        waymark::store::SqliteStore store(db(), set_.vocabulary);
        const auto first = import_examples(store);
        EXPECT_EQ(first.written.tests_added, 14u);
        EXPECT_EQ(first.written.cycles_added, 30u);
        const auto files = app::export_tests_of_change(store.tests_of_change(), {});
        EXPECT_EQ(files.tests_csv, tests_file);
        EXPECT_EQ(files.cycles_csv, cycles_file);
        const auto again = import_examples(store);
        EXPECT_EQ(again.written.tests_unchanged, 14u);
        EXPECT_EQ(again.written.cycles_unchanged, 30u);
        EXPECT_EQ(again.written.tests_added + again.written.tests_updated + again.written.cycles_added +
                      again.written.cycles_updated,
                  0u);
    }
    // Export, then import into an empty database: the same records, the same files.
    waymark::store::SqliteStore first(db(), set_.vocabulary);
    const auto files = app::export_tests_of_change(first.tests_of_change(), {});
    waymark::store::SqliteStore second(dir_.path("second.db"), set_.vocabulary);
    import(second, dir_.write("t.csv", files.tests_csv), dir_.write("c.csv", files.cycles_csv));
    EXPECT_EQ(second.tests_of_change().find_tests({}), first.tests_of_change().find_tests({}));
    EXPECT_EQ(everything(second), everything(first));
}

TEST_F(TestsOfChange, ABadFileListsEveryProblemByFileLineColumnAndFieldAndStoresNothing) {
    waymark::store::SqliteStore store(db(), set_.vocabulary);
    import_examples(store);
    const auto before = everything(store);
    const std::string tests =
        "local_authority,reference,title,aim,change_idea,start_date,measures,decision,decision_date,decision_reason\n"
        "S12000049,NEW-1,A good row,Aim,Idea,2025-01-01,in-drift,,,\n"
        "S12000049,NEW-2,,Aim,Idea,2025-02-30,,,,\n"
        "S12000049,NEW-3,T,Aim,Idea,2025-01-01,Bad Measure,adopted,2025-02-01,\n"
        "S12000049,NEW-1,Twice,Aim,Idea,2025-01-01,,,2025-02-01,\n"
        "S12000049,PACE-1,72-hour post-admission meeting,Aim,Idea,2024-09-02,,,,\n";
    const std::string cycles =
        "local_authority,reference,cycle,plan,plan_date,do,do_date\n"
        "S12000049,NEW-1,1,Plan,2025-01-01,,\n"
        "S12000049,NEW-1,3,Plan,,,\n"
        "S12000049,NEW-9,1,Plan,,,\n"
        "S12000049,PACE-8,3,,,Done,2025-01-01\n"
        "S12000049,PACE-8,x,Plan,,,\n";
    try {
        import(store, dir_.write("tests_of_change.csv", tests), dir_.write("pdsa_cycles.csv", cycles));
        FAIL() << "the import was not refused";
    } catch (const app::ImportError& e) {
        std::string listed;
        for (const auto& p : e.problems()) listed += p.to_string() + "\n";
        EXPECT_EQ(listed,
                  "tests_of_change.csv:3:3: title: required\n"
                  "tests_of_change.csv:3:6: start_date: '2025-02-30' is not a date (expected YYYY-MM-DD or "
                  "DD/MM/YYYY)\n"
                  "tests_of_change.csv:4:7: measures: 'Bad Measure' is not a measure id (lower-case words joined by "
                  "hyphens, e.g. first-lar-on-time)\n"
                  "tests_of_change.csv:4:8: decision: 'adopted' is not allowed (expected adopt, adapt or abandon)\n"
                  "tests_of_change.csv:5:2: reference: NEW-1 of S12000049 is already on line 2\n"
                  "tests_of_change.csv:5:9: decision_date: given without a decision\n"
                  "tests_of_change.csv:6:8: decision: PACE-1 is stored as adopted on 2025-03-03; --revise lets an "
                  "import change a decision already recorded\n"
                  "pdsa_cycles.csv:4:2: reference: no test of change NEW-9 of S12000049 in tests_of_change.csv or "
                  "already stored\n"
                  "pdsa_cycles.csv:5:4: plan: required: every cycle starts with a plan\n"
                  "pdsa_cycles.csv:6:3: cycle: 'x' is not a cycle number (1, 2, 3 ...)\n"
                  "pdsa_cycles.csv:3:3: cycle: cycle 3 of NEW-1 follows no cycle 2 (a test's cycles are numbered 1, "
                  "2, 3 ...)\n");
        EXPECT_EQ(e.total(), 11u);
        EXPECT_EQ(std::string(e.what()).substr(0, 53), "import rejected, nothing was stored: 11 problems\n  te");
    }
    EXPECT_EQ(everything(store), before);
}

TEST_F(TestsOfChange, AnImportChangesADecisionOnlyWhenToldTo) {
    waymark::store::SqliteStore store(db(), set_.vocabulary);
    import_examples(store);
    std::string tests = read(kExamples / "tests_of_change.csv");
    const std::string adopted = "adopt,2025-03-03,";
    tests.replace(tests.find(adopted), adopted.size(), "abandon,2025-03-03,");
    const auto path = dir_.write("tests_of_change.csv", tests);
    EXPECT_THROW(import(store, path, std::nullopt), app::ImportError);
    EXPECT_TRUE(app::find_test_of_change(store.tests_of_change(), "PACE-1", std::nullopt).decision->decision ==
                core::Decision::adopt);
    const auto r = import(store, path, std::nullopt, true);
    EXPECT_EQ(r.written.tests_updated, 1u);
    EXPECT_EQ(r.written.tests_unchanged, 13u);
    EXPECT_TRUE(app::find_test_of_change(store.tests_of_change(), "PACE-1", std::nullopt).decision->decision ==
                core::Decision::abandon);
    // The store keeps the rule itself.
    auto t = app::find_test_of_change(store.tests_of_change(), "PACE-1", std::nullopt);
    t.decision.reset();
    EXPECT_EQ(error_kind([&] { store.tests_of_change().put_tests({&t, 1}, {}, false, "now"); }), ErrorKind::conflict);
}

// Makes every row written to the tables of tests of change and driver diagrams count down, and
// the n-th fail as a full disk would, inside whatever transaction is writing it.
void fail_at_write(const std::string& db, int n) {
    static const char* tables[] = {"tests_of_change", "test_measures", "pdsa_cycles",
                                   "driver_diagrams", "driver_nodes",  "change_idea_tests"};
    std::string s =
        "CREATE TABLE IF NOT EXISTS countdown (n INTEGER); DELETE FROM countdown; INSERT INTO countdown "
        "VALUES (" +
        std::to_string(n) + ");";
    for (const char* t : tables) {
        for (const char* op : {"INSERT", "UPDATE"}) {
            s += std::string("CREATE TRIGGER IF NOT EXISTS fail_") + op + "_" + t + " BEFORE " + op + " ON " + t +
                 " BEGIN UPDATE countdown SET n = n - 1; SELECT RAISE(ABORT, 'disk full (simulated)') WHERE (SELECT n "
                 "FROM countdown) <= 0; END;";
        }
    }
    sql(db, s);
}

TEST_F(TestsOfChange, AnImportFailingAtAnyRowLeavesTheDatabaseAsItWas) {
    waymark::store::SqliteStore store(db(), set_.vocabulary);
    // First the header and the first two tests, so that the import both adds and finds stored.
    const std::string all = read(kExamples / "tests_of_change.csv");
    std::size_t end = 0;
    for (int line = 0; line < 3; ++line) end = all.find('\n', end) + 1;
    import(store, dir_.write("first.csv", all.substr(0, end)), std::nullopt);
    const auto before = everything(store);
    ASSERT_NE(before.find("PACE-1"), std::string::npos);
    int n = 1;
    for (;; ++n) {
        fail_at_write(db(), n);
        try {
            import_examples(store);
            break;
        } catch (const core::Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::storage) << e.what();
            EXPECT_NE(std::string(e.what()).find("disk full (simulated)"), std::string::npos) << e.what();
        }
        ASSERT_EQ(everything(store), before) << "after failing at row " << n;
    }
    EXPECT_GT(n, 40) << "every row of the import should have had its turn to fail";
    EXPECT_EQ(app::export_tests_of_change(store.tests_of_change(), {}).cycles, 30u);
}

// --- Driver diagrams ----------------------------------------------------------------------------

const std::string kDiagram = R"(reference = "DD-1"
local_authority = "S12000049"
aim = "A permanence recommendation within 6 months"
aim_measure = "recommendation-6m"

[[primary]]
text = "Early plans"

[[primary.secondary]]
text = "Reviews on fixed dates"

[[primary.secondary.change]]
text = "First LAR at two weeks"
tests = ["PACE-2", "PACE-1"]

[[primary.secondary.change]]
text = "Not tested yet"
)";

TEST_F(TestsOfChange, ADriverDiagramIsStoredWholeAndReplacedByItsReference) {
    waymark::store::SqliteStore store(db(), set_.vocabulary);
    import_examples(store);
    const auto first = app::import_driver_diagram(store.tests_of_change(), dir_.write("d.toml", kDiagram), kViewer);
    EXPECT_FALSE(first.replaced);
    EXPECT_EQ(app::find_driver_diagram(store.tests_of_change(), "DD-1", std::nullopt), first.diagram);
    const auto& idea = first.diagram.primaries.at(0).secondaries.at(0).change_ideas.at(0);
    EXPECT_EQ(idea.tests, (std::vector<std::string>{"PACE-2", "PACE-1"}));

    std::string changed = kDiagram;
    changed.replace(changed.find("Early plans"), 11, "Plans made early");
    const auto second = app::import_driver_diagram(store.tests_of_change(), dir_.write("d2.toml", changed), kViewer);
    EXPECT_TRUE(second.replaced);
    const auto all = store.tests_of_change().find_diagrams(std::nullopt);
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].primaries.at(0).text, "Plans made early");
    EXPECT_EQ(core::count(all[0]).change_ideas, 2u);

    const auto example =
        app::import_driver_diagram(store.tests_of_change(), (kExamples / "driver_diagram.toml").string(), kViewer);
    EXPECT_EQ(app::find_driver_diagram(store.tests_of_change(), "PACE-DD", "S12000049"), example.diagram);
    EXPECT_EQ(core::count(example.diagram).tests, 14u);
}

TEST_F(TestsOfChange, ADriverFileProblemNamesTheFileAndLine) {
    const auto exists = [](const app::RecordRef& r) { return r.reference == "PACE-1"; };
    auto problem = [&](const std::string& text) {
        try {
            app::parse_driver_diagram(text, "d.toml", exists);
        } catch (const core::Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::invalid_input);
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    EXPECT_EQ(problem(kDiagram),
              "d.toml:14: 'PACE-2' is not a test of change of S12000049 (import the tests first: "
              "waymark pdsa import)");
    std::string text = kDiagram;
    text.replace(text.find("text = \"Reviews"), 4, "txt ");
    EXPECT_EQ(problem(text), "d.toml:10: unknown key 'txt' in [[primary.secondary]] (expected text, change)");
    EXPECT_EQ(problem("reference = \"D\"\nlocal_authority = \"S1\"\naim = \"A\"\naim_measure = \"Days\"\n"),
              "d.toml:4: aim_measure 'Days' is not a measure id (lower-case words joined by hyphens)");
    EXPECT_EQ(problem("reference = \"D\"\nlocal_authority = \"S1\"\naim = \"A\"\n"),
              "d.toml: no [[primary]] drivers: a driver diagram needs at least one");
    EXPECT_EQ(problem("reference = \"D\"\naim = [1\n"),
              "d.toml:2:10: Error while parsing array: encountered end-of-file");
    EXPECT_EQ(problem("reference = \"D\"\nlocal_authority = \"S1\"\naim = \"A\"\n[[primary]]\ntext = \"\"\n"),
              "d.toml:5: the text of a [[primary]] must not be empty");
}

TEST_F(TestsOfChange, ReplacingADiagramThatFailsPartWayKeepsTheOldOne) {
    waymark::store::SqliteStore store(db(), set_.vocabulary);
    import_examples(store);
    app::import_driver_diagram(store.tests_of_change(), (kExamples / "driver_diagram.toml").string(), kViewer);
    const auto before = store.tests_of_change().find_diagrams(std::nullopt);
    std::string changed = read(kExamples / "driver_diagram.toml");
    changed.replace(changed.find("Legal work ready"), 16, "Legal work early");
    const auto path = dir_.write("changed.toml", changed);
    int n = 1;
    for (;; ++n) {
        fail_at_write(db(), n);
        try {
            app::import_driver_diagram(store.tests_of_change(), path, kViewer);
            break;
        } catch (const core::Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::storage) << e.what();
        }
        ASSERT_EQ(store.tests_of_change().find_diagrams(std::nullopt), before) << "after failing at row " << n;
    }
    EXPECT_GT(n, 30);
    EXPECT_EQ(store.tests_of_change().find_diagrams(std::nullopt).at(0).primaries.at(1).text,
              "Legal work early when decisions are made");
}

TEST_F(TestsOfChange, TheStoreRefusesALinkToATestItDoesNotHave) {
    waymark::store::SqliteStore store(db(), set_.vocabulary);
    core::DriverDiagram d;
    d.local_authority = "S12000049";
    d.reference = "DD";
    d.aim = "Aim";
    d.primaries = {{"p", {{"s", {{"c", {"PACE-1"}}}}}}};
    EXPECT_EQ(error_kind([&] { store.tests_of_change().put_diagram(d, "now"); }), ErrorKind::not_found);
    EXPECT_TRUE(store.tests_of_change().find_diagrams(std::nullopt).empty());
}

// --- Schema -------------------------------------------------------------------------------------

TEST_F(TestsOfChange, AVersionOneDatabaseMigratesInPlace) {
    // A database as version 1 of the program left it, with a child and an event.
    sql(db(), waymark::store::migrations().at(0) +
                  "PRAGMA user_version=1;"
                  "INSERT INTO children (local_authority, child_id, date_of_birth) VALUES ('S12000049', 'C1', "
                  "'2020-01-01');"
                  "INSERT INTO events (child, local_authority, date, event, content_hash) VALUES (1, 'S12000049', "
                  "'2026-01-05', 'accommodated', 42);");
    waymark::store::SqliteStore store(db(), set_.vocabulary);
    // Every later migration runs too: the database ends at the newest version.
    EXPECT_EQ(store.schema_version(), waymark::store::SqliteStore::schema_version_supported());
    EXPECT_GE(store.schema_version(), 2);
    std::size_t events = 0;
    store.for_each_journey({}, [&](const core::ChildRecord& c, std::span<const core::Event> e) {
        EXPECT_EQ(c.child_id, "C1");
        events += e.size();
    });
    EXPECT_EQ(events, 1u);
    import_examples(store);
    EXPECT_EQ(store.tests_of_change().find_tests({}).size(), 14u);
}

TEST_F(TestsOfChange, TheSchemaRefusesWhatTheProgramWouldNeverWrite) {
    { waymark::store::SqliteStore store(db(), set_.vocabulary); }
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db().c_str(), &raw), SQLITE_OK);
    sqlite3_exec(raw, "PRAGMA foreign_keys=ON", nullptr, nullptr, nullptr);
    const std::string row =
        "INSERT INTO tests_of_change (local_authority, reference, title, aim, change_idea, start_date, created_at, "
        "updated_at, decision, decision_date, decision_reason) VALUES ('S1', 'R', 'T', 'A', 'C', '2025-01-01', 'x', "
        "'x', ";
    EXPECT_EQ(sqlite3_exec(raw, (row + "NULL, NULL, NULL)").c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    for (const std::string& bad : {
             row + "'maybe', '2025-02-01', 'why')",           // not a decision
             row + "'adopt', '2025-02-01', NULL)",            // no reason
             row + "'adopt', '2024-02-01', 'before start')",  // before the start
         }) {
        std::string again = bad;
        again.replace(again.find("'R'"), 3, "'R2'");
        EXPECT_NE(sqlite3_exec(raw, again.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << bad;
    }
    const char* bad_rows[] = {
        "INSERT INTO test_measures (test, position, measure_id) VALUES (1, 1, 'Not A Slug')",
        "INSERT INTO test_measures (test, position, measure_id) VALUES (99, 1, 'in-drift')",
        "INSERT INTO pdsa_cycles (test, number, plan) VALUES (1, 0, 'p')",
        "INSERT INTO driver_nodes (diagram, kind, parent, text, position) VALUES (1, 'primary', NULL, 't', 1)",
    };
    for (const char* bad : bad_rows) EXPECT_NE(sqlite3_exec(raw, bad, nullptr, nullptr, nullptr), SQLITE_OK) << bad;
    // A change idea hangs from a secondary driver, not straight from a primary one.
    ASSERT_EQ(
        sqlite3_exec(raw,
                     "INSERT INTO driver_diagrams (local_authority, reference, aim, created_at, updated_at) VALUES "
                     "('S1', 'D', 'A', 'x', 'x');"
                     "INSERT INTO driver_nodes (diagram, kind, parent, text, position) VALUES (1, 'primary', "
                     "NULL, 'p', 1);",
                     nullptr, nullptr, nullptr),
        SQLITE_OK);
    EXPECT_NE(sqlite3_exec(raw,
                           "INSERT INTO driver_nodes (diagram, kind, parent, text, position) VALUES (1, "
                           "'change_idea', 1, 'c', 2)",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(raw);
}

}  // namespace
