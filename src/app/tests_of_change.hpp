#pragma once
// Tests of change (PDSA) and driver diagrams: the use cases shared by the command line and
// (later) the web (docs/tests-of-change.md). Every record is checked here before the store
// sees it, and every write is one store call, so one transaction: bad input changes nothing.
#include "app/reports.hpp"
#include "app/store.hpp"
#include "core/improvement.hpp"

#include <optional>
#include <string>
#include <vector>

namespace waymark::app {

// Where a test of change began, to mark on a run or control chart of a measure it hopes to
// move (`waymark chart MEASURE`).
struct TestOfChangeMark {
    core::Date start_date;
    std::string reference;
    std::string title;
};

// The tests of change linked to the measure (of one council, or of all), ordered by start
// date (then council and reference).
std::vector<TestOfChangeMark> tests_of_change_for_measure(TestsOfChangeStore& store, const std::string& measure_id,
                                                          const std::optional<std::string>& local_authority);

// Checks and stores a new test (with its measures; cycles come with record_cycle). An empty
// reference becomes the council's next TOC-n. Returns the test as stored. Throws
// Error(invalid_input) naming each field that is wrong, Error(conflict) when the council
// already has the reference.
core::TestOfChange add_test_of_change(TestsOfChangeStore& store, core::TestOfChange test, core::Date today,
                                      const Viewer& viewer);

// The test the reference names, in the council given or else in the only council that has
// one. Throws Error(not_found), or Error(invalid_input) when several councils have it.
core::TestOfChange find_test_of_change(TestsOfChangeStore& store, const std::string& reference,
                                       const std::optional<std::string>& local_authority);

// The stages of a cycle to record; each one given replaces what is stored.
struct CycleUpdate {
    std::optional<int> number;  // a stored cycle to fill in or correct; none: a new cycle
    std::optional<std::string> plan;
    std::optional<core::Date> plan_date;
    std::optional<std::string> do_text;
    std::optional<core::Date> do_date;
    std::optional<std::string> study;
    std::optional<core::Date> study_date;
    std::optional<std::string> act;
    std::optional<core::Date> act_date;
};

// The cycle `update` would store for the test (a new one numbered after its last, or the stored
// one with the stages given replaced), not yet checked. Throws Error(not_found) for no such cycle.
core::PdsaCycle cycle_to_record(const core::TestOfChange& test, const CycleUpdate& update);

// Adds a cycle to the test (numbered after its last) or, with `number`, updates that cycle.
// Returns the cycle as stored. Throws Error(invalid_input) when the stages are out of order
// (core::check_cycle), Error(not_found) for no such test or cycle.
core::PdsaCycle record_cycle(TestsOfChangeStore& store, const std::string& reference,
                             const std::optional<std::string>& local_authority, const CycleUpdate& update,
                             const Viewer& viewer);

// Records the decision on the test and returns the test as now stored. The reason is
// required; the date runs from the test's start to today. A test already decided is a
// conflict unless `revise`.
core::TestOfChange decide_test_of_change(TestsOfChangeStore& store, const std::string& reference,
                                         const std::optional<std::string>& local_authority,
                                         const core::DecisionRecord& decision, bool revise, core::Date today,
                                         const Viewer& viewer);

// The driver diagram the reference names, as find_test_of_change finds a test.
core::DriverDiagram find_driver_diagram(TestsOfChangeStore& store, const std::string& reference,
                                        const std::optional<std::string>& local_authority);

}  // namespace waymark::app
