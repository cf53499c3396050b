#pragma once
// Driver diagram files (TOML, docs/tests-of-change.md): an aim, its primary drivers, their
// secondary drivers and the change ideas for each, linked to tests of change by reference.
#include "app/reports.hpp"
#include "app/store.hpp"
#include "core/improvement.hpp"

#include <functional>
#include <string>
#include <string_view>

namespace waymark::app {

// Parses a driver diagram. `test_exists` says whether a council has a test of change with a
// reference. Throws Error(invalid_input) naming the file and line of the first problem.
core::DriverDiagram parse_driver_diagram(std::string_view toml_text, const std::string& origin,
                                         const std::function<bool(const RecordRef&)>& test_exists);

struct DriverImport {
    core::DriverDiagram diagram;
    bool replaced = false;  // a diagram of the council with the reference was stored before
};

// Reads the file, checks it against the tests of change stored, and stores the diagram in
// one transaction, replacing the one with its council and reference.
DriverImport import_driver_diagram(TestsOfChangeStore& store, const std::string& path, const Viewer& viewer);

}  // namespace waymark::app
