#include "app/tests_of_change.hpp"

#include "core/error.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <charconv>

namespace waymark::app {

using core::Error;
using core::ErrorKind;

namespace {

// Throws Error(invalid_input) listing the problems with `what` (a record's fields), if any.
void reject_if_any(const std::string& what, const std::vector<core::FieldProblem>& problems) {
    if (problems.empty()) return;
    std::string message = what + " not stored: ";
    if (problems.size() == 1) {
        message += problems.front().field + ": " + core::printable(problems.front().message);
    } else {
        message += std::to_string(problems.size()) + " problems";
        for (const auto& p : problems) message += "\n  " + p.field + ": " + core::printable(p.message);
    }
    throw Error(ErrorKind::invalid_input, message);
}

// The one record a reference names among those found with it (of any council, or of the one
// given): `what` is "test of change" or "driver diagram".
template <class Record>
Record one_named(std::vector<Record> found, const char* what, const std::string& reference,
                 const std::optional<std::string>& local_authority) {
    if (found.empty()) {
        throw Error(ErrorKind::not_found,
                    std::string("no ") + what + " " + reference + (local_authority ? " of " + *local_authority : ""));
    }
    if (found.size() > 1) {
        std::string councils;
        for (const auto& r : found) councils += (councils.empty() ? "" : ", ") + r.local_authority;
        throw Error(ErrorKind::invalid_input, std::string(what) + " " + reference +
                                                  " exists in more than one council (" + councils +
                                                  "): give --local-authority");
    }
    return std::move(found.front());
}

// The council's next free reference TOC-n (one more than the largest n in use).
std::string next_reference(TestsOfChangeStore& store, const std::string& local_authority) {
    int largest = 0;
    for (const auto& t : store.find_tests({local_authority, std::nullopt, std::nullopt})) {
        const std::string_view r = t.reference;
        if (r.substr(0, 4) != "TOC-") continue;
        int n = 0;
        const auto [end, ec] = std::from_chars(r.data() + 4, r.data() + r.size(), n);
        if (ec == std::errc{} && end == r.data() + r.size()) largest = std::max(largest, n);
    }
    return "TOC-" + std::to_string(largest + 1);
}

std::string name_of(const core::TestOfChange& t) {
    return "test of change " + t.reference + " of " + t.local_authority;
}

}  // namespace

std::vector<TestOfChangeMark> tests_of_change_for_measure(TestsOfChangeStore& store, const std::string& measure_id,
                                                          const std::optional<std::string>& local_authority) {
    auto tests = store.find_tests({local_authority, std::nullopt, measure_id});
    // The store orders by council first; a chart of all councils wants time first.
    std::stable_sort(tests.begin(), tests.end(), [](const core::TestOfChange& a, const core::TestOfChange& b) {
        return a.start_date < b.start_date;
    });
    std::vector<TestOfChangeMark> marks;
    marks.reserve(tests.size());
    for (auto& t : tests) marks.push_back({t.start_date, std::move(t.reference), std::move(t.title)});
    return marks;
}

core::TestOfChange add_test_of_change(TestsOfChangeStore& store, core::TestOfChange test, core::Date today,
                                      const Viewer& viewer) {
    test.cycles.clear();
    std::string name = name_of(test);
    if (test.reference.empty() && !test.local_authority.empty()) {
        test.reference = next_reference(store, test.local_authority);
        name = "new test of change of " + test.local_authority;
    }
    reject_if_any(name, core::check_test(test, today));
    store.add_test(test, viewer.at);
    return test;
}

core::TestOfChange find_test_of_change(TestsOfChangeStore& store, const std::string& reference,
                                       const std::optional<std::string>& local_authority) {
    return one_named(store.find_tests({local_authority, reference, std::nullopt}), "test of change", reference,
                     local_authority);
}

core::PdsaCycle cycle_to_record(const core::TestOfChange& test, const CycleUpdate& update) {
    core::PdsaCycle cycle;
    cycle.number = static_cast<int>(test.cycles.size()) + 1;
    if (update.number) {
        const auto stored = std::find_if(test.cycles.begin(), test.cycles.end(),
                                         [&](const core::PdsaCycle& c) { return c.number == *update.number; });
        if (stored == test.cycles.end()) {
            throw Error(ErrorKind::not_found, name_of(test) + " has no cycle " + std::to_string(*update.number) +
                                                  " (it has " + std::to_string(test.cycles.size()) + ")");
        }
        cycle = *stored;
    }
    auto take = [](auto& field, const auto& given) {
        if (given) field = *given;
    };
    take(cycle.plan, update.plan);
    take(cycle.plan_date, update.plan_date);
    take(cycle.do_text, update.do_text);
    take(cycle.do_date, update.do_date);
    take(cycle.study, update.study);
    take(cycle.study_date, update.study_date);
    take(cycle.act, update.act);
    take(cycle.act_date, update.act_date);
    return cycle;
}

core::PdsaCycle record_cycle(TestsOfChangeStore& store, const std::string& reference,
                             const std::optional<std::string>& local_authority, const CycleUpdate& update,
                             const Viewer& viewer) {
    const auto test = find_test_of_change(store, reference, local_authority);
    core::PdsaCycle cycle = cycle_to_record(test, update);
    reject_if_any(name_of(test) + " cycle " + std::to_string(cycle.number), core::check_cycle(cycle));
    const RecordRef ref{test.local_authority, test.reference};
    if (update.number) {
        store.update_cycle(ref, cycle, viewer.at);
    } else {
        cycle.number = store.add_cycle(ref, cycle, viewer.at);
    }
    return cycle;
}

core::TestOfChange decide_test_of_change(TestsOfChangeStore& store, const std::string& reference,
                                         const std::optional<std::string>& local_authority,
                                         const core::DecisionRecord& decision, bool revise, core::Date today,
                                         const Viewer& viewer) {
    auto test = find_test_of_change(store, reference, local_authority);
    if (test.decision && !revise) {
        const auto& d = *test.decision;
        throw Error(ErrorKind::conflict, name_of(test) + " was already " + std::string(core::past_tense(d.decision)) +
                                             " on " + d.on.iso() + "; give --revise to change the decision");
    }
    test.decision = decision;
    reject_if_any("the decision on " + name_of(test), core::check_test(test, today));
    store.decide({test.local_authority, test.reference}, decision, revise, viewer.at);
    return test;
}

core::DriverDiagram find_driver_diagram(TestsOfChangeStore& store, const std::string& reference,
                                        const std::optional<std::string>& local_authority) {
    auto diagrams = store.find_diagrams(local_authority);
    std::erase_if(diagrams, [&](const core::DriverDiagram& d) { return d.reference != reference; });
    return one_named(std::move(diagrams), "driver diagram", reference, local_authority);
}

}  // namespace waymark::app
