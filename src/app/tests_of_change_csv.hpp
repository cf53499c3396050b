#pragma once
// Tests of change and their PDSA cycles as CSV files (docs/tests-of-change.md): an import
// that stores all of both files or nothing, listing every problem with file, line, column and
// field, and an export in the same format, so that what is exported imports again unchanged.
#include "app/import.hpp"
#include "app/reports.hpp"
#include "app/store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace waymark::app {

// The columns, in the order an export writes them.
const std::vector<std::string>& test_columns();
const std::vector<std::string>& cycle_columns();

struct TestImportOptions {
    std::optional<std::string> tests_path;   // tests_of_change.csv
    std::optional<std::string> cycles_path;  // pdsa_cycles.csv
    core::Date today;                        // decisions dated after today are refused
    bool ignore_unknown_columns = false;
    bool revise = false;  // an imported row may change a decision already stored
    std::size_t max_problems = 20;
};

struct TestImportResult {
    std::size_t test_rows = 0;
    std::size_t cycle_rows = 0;
    TestWriteCounts written;
};

// Reads and checks both files, then stores them in one transaction. A test already stored
// (same council and reference) is updated from its row, keeping cycles the files do not
// give; a cycle already stored is replaced. After the import each test's cycles must be
// numbered 1, 2, 3 ... without a gap. Throws ImportError listing the problems (nothing is
// stored), core::Error otherwise.
TestImportResult import_tests_of_change(TestsOfChangeStore& store, const TestImportOptions& options,
                                        const Viewer& viewer);

// The tests the query names and their cycles, as the two files.
struct TestFiles {
    std::string tests_csv;
    std::string cycles_csv;
    std::size_t tests = 0;  // rows in each
    std::size_t cycles = 0;
};
TestFiles export_tests_of_change(TestsOfChangeStore& store, const TestQuery& query);

}  // namespace waymark::app
