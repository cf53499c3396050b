#pragma once
// Tests of change and driver diagrams as data (DOMAIN.md sections 1 and 4): the third question
// of the Model for Improvement, "what change can we make that will result in improvement?".
// A test of change is tried on a small scale in Plan-Do-Study-Act cycles, then adopted,
// adapted or abandoned; a driver diagram links an aim, through the primary and secondary
// drivers of it, to the change ideas that those tests try. docs/tests-of-change.md describes
// the record and its files.
#include "core/date.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::core {

enum class Decision { adopt, adapt, abandon };
std::string_view to_string(Decision d) noexcept;   // adopt, adapt, abandon
std::string_view past_tense(Decision d) noexcept;  // adopted, adapted, abandoned
std::optional<Decision> parse_decision(std::string_view text) noexcept;

struct DecisionRecord {
    Decision decision = Decision::adopt;
    Date on;
    std::string reason;
    friend bool operator==(const DecisionRecord&, const DecisionRecord&) = default;
};

// One Plan-Do-Study-Act cycle. Stages are recorded in order as the cycle runs: a plan first,
// the other stages (each with the day it happened, if known) as they come.
struct PdsaCycle {
    int number = 0;  // 1, 2, ... within its test
    std::string plan;
    std::optional<Date> plan_date;
    std::string do_text;  // what was done ("do" is a C++ keyword)
    std::optional<Date> do_date;
    std::string study;
    std::optional<Date> study_date;
    std::string act;
    std::optional<Date> act_date;
    friend bool operator==(const PdsaCycle&, const PdsaCycle&) = default;
};

struct TestOfChange {
    std::string local_authority;
    std::string reference;  // stable within its council, e.g. PACE-1
    std::string title;
    std::string aim;
    std::string agency;  // an agency of the event vocabulary (DATA.md), or empty
    std::string change_idea;
    std::string rationale;
    std::string prediction;
    Date start_date;
    std::vector<std::string> measures;  // measure ids (DOMAIN.md section 6), in the order given
    std::optional<DecisionRecord> decision;
    std::vector<PdsaCycle> cycles;  // by number, 1 to n
    friend bool operator==(const TestOfChange&, const TestOfChange&) = default;
};

// How a test stands, for people: adopted, adapted, abandoned, or testing while undecided.
std::string_view status_words(const TestOfChange& test) noexcept;

// A measure's id: lower-case letters and digits in words joined by single hyphens, at most
// 64 characters (first-lar-on-time, england-a1).
bool is_measure_id(std::string_view text) noexcept;

// A problem with one field of a record, named as in the files (plan_date, decision_reason).
struct FieldProblem {
    std::string field;
    std::string message;
};

// The cycle's stages in order: do needs a plan, study needs do, act needs study; a date needs
// its stage; and the dates given do not go backwards.
std::vector<FieldProblem> check_cycle(const PdsaCycle& cycle);

// A test's own fields (not its cycles): what is required, the agency, the measure ids (each
// once), and a decision with a reason, dated from the start of the test up to `today`.
std::vector<FieldProblem> check_test(const TestOfChange& test, Date today);

// --- Driver diagrams ---------------------------------------------------------------------

struct ChangeIdea {
    std::string text;
    std::vector<std::string> tests;  // references of tests of change of the diagram's council
    friend bool operator==(const ChangeIdea&, const ChangeIdea&) = default;
};

struct SecondaryDriver {
    std::string text;
    std::vector<ChangeIdea> change_ideas;
    friend bool operator==(const SecondaryDriver&, const SecondaryDriver&) = default;
};

struct PrimaryDriver {
    std::string text;
    std::vector<SecondaryDriver> secondaries;
    friend bool operator==(const PrimaryDriver&, const PrimaryDriver&) = default;
};

struct DriverDiagram {
    std::string local_authority;
    std::string reference;  // stable within its council, e.g. PACE-DD
    std::string aim;
    std::string aim_measure;  // a measure id, or empty
    std::vector<PrimaryDriver> primaries;
    friend bool operator==(const DriverDiagram&, const DriverDiagram&) = default;
};

struct DriverCounts {
    std::size_t primaries = 0;
    std::size_t secondaries = 0;
    std::size_t change_ideas = 0;
    std::size_t tests = 0;  // links from change ideas to tests of change
};
DriverCounts count(const DriverDiagram& diagram);

}  // namespace waymark::core
