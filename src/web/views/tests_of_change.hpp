#pragma once
// The tests of change pages: the council's list, the form for a new test, and a test with its
// PDSA cycles and the forms to add a cycle and to decide. No child is named here.
#include "core/improvement.hpp"
#include "core/measures.hpp"
#include "web/views/forms.hpp"
#include "web/views/pages.hpp"

#include <string>
#include <vector>

namespace waymark::web::views {

std::string tests_of_change_page(const Chrome& chrome, const std::vector<core::TestOfChange>& tests,
                                 const std::vector<core::Measure>& measures, bool may_edit);

// The form for a new test: what was typed and its problems (none on a first showing).
struct NewTestForm {
    FormValues values;
    std::vector<FieldError> errors;
};
std::string new_test_page(const Chrome& chrome, const NewTestForm& form, const std::vector<core::Measure>& measures,
                          core::Date today);

// A test, and (for those who may edit) the cycle and decision forms with what was typed into the
// one that was sent and its problems.
struct TestPage {
    core::TestOfChange test;
    bool may_edit = false;
    std::string form;  // "cycle" or "decision": the form `values` and `errors` belong to
    FormValues values;
    std::vector<FieldError> errors;
    std::string notice;  // after a change: what was stored
    core::Date today;
};
std::string test_page(const Chrome& chrome, const TestPage& page, const std::vector<core::Measure>& measures);

}  // namespace waymark::web::views
