#include "core/improvement.hpp"

#include "core/text.hpp"

#include "core/vocabulary.hpp"

#include <algorithm>
#include <array>

namespace waymark::core {

std::string_view to_string(Decision d) noexcept {
    switch (d) {
        case Decision::adopt:
            return "adopt";
        case Decision::adapt:
            return "adapt";
        case Decision::abandon:
            return "abandon";
    }
    return "adopt";
}

std::string_view past_tense(Decision d) noexcept {
    switch (d) {
        case Decision::adopt:
            return "adopted";
        case Decision::adapt:
            return "adapted";
        case Decision::abandon:
            return "abandoned";
    }
    return "adopted";
}

std::optional<Decision> parse_decision(std::string_view text) noexcept {
    for (const Decision d : {Decision::adopt, Decision::adapt, Decision::abandon}) {
        if (text == to_string(d)) return d;
    }
    return std::nullopt;
}

std::string_view status_words(const TestOfChange& test) noexcept {
    return test.decision ? past_tense(test.decision->decision) : "testing";
}

bool is_measure_id(std::string_view text) noexcept {
    if (text.empty() || text.size() > 64 || text.front() == '-' || text.back() == '-') return false;
    char previous = ' ';
    for (const char c : text) {
        const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!word && (c != '-' || previous == '-')) return false;
        previous = c;
    }
    return true;
}

namespace {

struct Stage {
    const char* name;
    const std::string* text;
    const std::optional<Date>* date;
};

// A control character in a free-text field (core/text.hpp), as a problem with the field.
void check_free_text(std::vector<FieldProblem>& out, std::string_view field, const std::string& text) {
    if (auto why = control_character_problem(text, TextKind::free_text)) out.push_back({std::string(field), *why});
}

}  // namespace

std::vector<FieldProblem> check_cycle(const PdsaCycle& cycle) {
    std::vector<FieldProblem> out;
    if (cycle.number < 1) out.push_back({"cycle", "cycle numbers start at 1"});
    const std::array<Stage, 4> stages{{{"plan", &cycle.plan, &cycle.plan_date},
                                       {"do", &cycle.do_text, &cycle.do_date},
                                       {"study", &cycle.study, &cycle.study_date},
                                       {"act", &cycle.act, &cycle.act_date}}};
    if (cycle.plan.empty()) out.push_back({"plan", "required: every cycle starts with a plan"});
    for (const Stage& s : stages) check_free_text(out, s.name, *s.text);
    const Stage* dated = nullptr;  // the latest earlier stage with a date
    for (std::size_t i = 0; i < stages.size(); ++i) {
        const Stage& s = stages[i];
        const std::string date_field = std::string(s.name) + "_date";
        // An empty plan is reported once, above, not again by the stages that follow it.
        if (i > 1 && !s.text->empty() && stages[i - 1].text->empty()) {
            out.push_back({s.name, std::string("comes after ") + stages[i - 1].name + ", which is empty"});
        }
        if (i > 0 && s.date->has_value() && s.text->empty()) {
            out.push_back({date_field, std::string("a date for ") + s.name + ", which is empty"});
        }
        if (!s.date->has_value()) continue;
        if (dated != nullptr && **s.date < **dated->date) {
            out.push_back({date_field, (*s.date)->iso() + " is before " + dated->name + "_date (" +
                                           (*dated->date)->iso() + "): the stages run in order"});
        }
        dated = &s;
    }
    return out;
}

std::vector<FieldProblem> check_test(const TestOfChange& t, Date today) {
    std::vector<FieldProblem> out;
    if (t.local_authority.empty()) out.push_back({"local_authority", "required (a council code or name)"});
    if (!is_reference(t.reference)) {
        out.push_back({"reference", t.reference.empty() ? "required"
                                                        : "'" + t.reference +
                                                              "' is not a reference (1-64 characters of A-Z a-z "
                                                              "0-9 - _ . /, e.g. PACE-1)"});
    }
    if (t.title.empty()) out.push_back({"title", "required"});
    if (t.aim.empty()) out.push_back({"aim", "required: what the test is trying to accomplish"});
    if (t.change_idea.empty()) out.push_back({"change_idea", "required: the change being tested"});
    const auto& agencies = Vocabulary::agencies();
    if (!t.agency.empty() && std::find(agencies.begin(), agencies.end(), t.agency) == agencies.end()) {
        std::string allowed;
        for (const auto& a : agencies) allowed += (allowed.empty() ? "" : ", ") + a;
        out.push_back({"agency", "'" + t.agency + "' is not allowed (expected " + allowed + ")"});
    }
    if (t.start_date < Date(1900, 1, 1)) out.push_back({"start_date", t.start_date.iso() + " is before 1900"});
    for (std::size_t i = 0; i < t.measures.size(); ++i) {
        const auto& m = t.measures[i];
        if (!is_measure_id(m)) {
            out.push_back({"measures", "'" + m +
                                           "' is not a measure id (lower-case words joined by hyphens, e.g. "
                                           "first-lar-on-time)"});
        } else if (std::find(t.measures.begin(), t.measures.begin() + static_cast<std::ptrdiff_t>(i), m) !=
                   t.measures.begin() + static_cast<std::ptrdiff_t>(i)) {
            out.push_back({"measures", m + " is given twice"});
        }
    }
    check_free_text(out, "title", t.title);
    check_free_text(out, "aim", t.aim);
    check_free_text(out, "change_idea", t.change_idea);
    check_free_text(out, "rationale", t.rationale);
    check_free_text(out, "prediction", t.prediction);
    if (t.decision) check_free_text(out, "decision_reason", t.decision->reason);
    if (t.decision) {
        const auto& d = *t.decision;
        if (d.reason.empty()) out.push_back({"decision_reason", "required with a decision: why it was made"});
        if (d.on < t.start_date) {
            out.push_back({"decision_date", d.on.iso() + " is before the test started (" + t.start_date.iso() + ")"});
        } else if (d.on > today) {
            out.push_back({"decision_date", d.on.iso() + " is after today: record a decision once it is made"});
        }
    }
    return out;
}

DriverCounts count(const DriverDiagram& diagram) {
    DriverCounts c;
    c.primaries = diagram.primaries.size();
    for (const auto& p : diagram.primaries) {
        c.secondaries += p.secondaries.size();
        for (const auto& s : p.secondaries) {
            c.change_ideas += s.change_ideas.size();
            for (const auto& idea : s.change_ideas) c.tests += idea.tests.size();
        }
    }
    return c;
}

}  // namespace waymark::core
