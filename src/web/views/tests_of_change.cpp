// The tests of change pages (views/tests_of_change.hpp).
#include "web/views/tests_of_change.hpp"

#include "core/vocabulary.hpp"
#include "web/views/layout.hpp"

#include <algorithm>

namespace waymark::web::views {

namespace {

std::string test_href(const core::TestOfChange& t) {
    return "/tests-of-change/" + path_segment(t.reference);
}

// A measure's title, or its id when the catalogue no longer has it.
std::string measure_title(const std::vector<core::Measure>& measures, const std::string& id) {
    const auto it = std::find_if(measures.begin(), measures.end(), [&](const core::Measure& m) { return m.id == id; });
    return it == measures.end() ? id : it->title;
}

Html measure_links(const std::vector<core::Measure>& measures, const std::vector<std::string>& ids) {
    if (ids.empty()) return Html("-");
    Html h{"<ul class=\"ds_no-bullets\">"};
    for (const auto& id : ids) {
        h += "<li><a class=\"ds_link\" href=\"" + text("/measures/" + path_segment(id)) + "\">" +
             text(measure_title(measures, id)) + "</a></li>";
    }
    return h + "</ul>";
}

Html status_tag(const core::TestOfChange& t) {
    if (!t.decision) return Html("<strong class=\"ds_tag ds_tag--grey\">testing</strong>");
    Html h;
    switch (t.decision->decision) {
        case core::Decision::adopt:
            h = "<strong class=\"ds_tag ds_tag--green\">";
            break;
        case core::Decision::adapt:
            h = "<strong class=\"ds_tag ds_tag--orange\">";
            break;
        case core::Decision::abandon:
            h = "<strong class=\"ds_tag ds_tag--red\">";
            break;
    }
    return h + text(core::status_words(t)) + "</strong>";
}

Html optional_text(const std::string& s) {
    return s.empty() ? Html("-") : user_text(s);
}

Html stage(const std::string& what, const std::optional<core::Date>& on) {
    if (what.empty()) return Html("-");
    Html h = user_text(what);
    if (on) h += " <span class=\"ds_hint-text\">(" + text(on->long_display()) + ")</span>";
    return h;
}

std::vector<Option> measure_options(const std::vector<core::Measure>& measures) {
    std::vector<Option> out;
    out.reserve(measures.size());
    for (const auto& m : measures) out.push_back({m.id, m.title});
    return out;
}

// What was typed into a form of the page and its problems: the page's when the form is the one
// that was sent, else nothing.
std::pair<const FormValues&, const std::vector<FieldError>&> sent(const TestPage& p, bool mine) {
    static const FormValues none;
    static const std::vector<FieldError> no_errors;
    return {mine ? p.values : none, mine ? p.errors : no_errors};
}

Html cycle_form(const TestPage& p, std::string_view csrf) {
    const auto& t = p.test;
    const bool mine = p.form == "cycle";
    const auto [v, e] = sent(p, mine);
    Html h{"<h2 id=\"record-a-cycle\">Record a PDSA cycle</h2>"};
    if (mine) h += error_summary(e);
    h += "<form method=\"post\" action=\"" + text("/tests-of-change/cycles/" + path_segment(t.reference)) +
         "\" novalidate>" + csrf_field(csrf);
    std::vector<Option> cycles = {{"", "A new cycle (cycle " + std::to_string(t.cycles.size() + 1) + ")"}};
    for (const auto& c : t.cycles) {
        cycles.push_back({std::to_string(c.number), "Cycle " + std::to_string(c.number) + ": fill in or correct"});
    }
    if (!t.cycles.empty()) {
        h += select({"cycle", "Which cycle", "Stages left empty keep what is stored for a cycle filled in"}, cycles,
                    value_of(v, "cycle"), e);
    }
    h += textarea({"plan", "Plan", "What will be tried, by whom, and what is predicted"}, value_of(v, "plan"), e);
    h += date_input({"plan_date", "Date of the plan"}, v, e);
    h += textarea({"do", "Do", "What was done, and what was seen"}, value_of(v, "do"), e);
    h += date_input({"do_date", "Date done"}, v, e);
    h += textarea({"study", "Study", "What the data showed against the prediction"}, value_of(v, "study"), e);
    h += date_input({"study_date", "Date studied"}, v, e);
    h += textarea({"act", "Act", "What comes next: adopt, adapt or abandon, or another cycle"}, value_of(v, "act"), e);
    h += date_input({"act_date", "Date of the act stage"}, v, e);
    h += "<button class=\"ds_button\" type=\"submit\">Record the cycle</button></form>";
    return h;
}

Html decision_form(const TestPage& p, std::string_view csrf) {
    const auto& t = p.test;
    const bool mine = p.form == "decision";
    const auto [v, e] = sent(p, mine);
    Html h{"<h2 id=\"decide\">"};
    h += t.decision ? Html("Revise the decision") : Html("Decide");
    h += "</h2>";
    if (mine) h += error_summary(e);
    h += "<form method=\"post\" action=\"" + text("/tests-of-change/decision/" + path_segment(t.reference)) +
         "\" novalidate>" + csrf_field(csrf);
    h += radios({"decision", "Decision", ""},
                {{"adopt", "Adopt: make the change part of how the work is done"},
                 {"adapt", "Adapt: change it and test again"},
                 {"abandon", "Abandon: stop testing it"}},
                value_of(v, "decision"), e);
    h += textarea({"decision_reason", "Reason", "Why: what the cycles and the measures showed"},
                  value_of(v, "decision_reason"), e);
    h += date_input({"decision_date", "Date of the decision"}, v, e,
                    mine ? std::nullopt : std::optional<core::Date>(p.today));
    if (t.decision) {
        h += checkboxes({"revise", "This test was already decided",
                         "The decision stored is replaced; the change is kept in the test's history"},
                        {{"yes", "Replace the decision stored"}}, v, e);
    }
    h += "<button class=\"ds_button\" type=\"submit\">Record the decision</button></form>";
    return h;
}

}  // namespace

std::string tests_of_change_page(const Chrome& chrome, const std::vector<core::TestOfChange>& tests,
                                 const std::vector<core::Measure>& measures, bool may_edit) {
    Html h{"<p class=\"ds_leader\">Tests of change of "};
    h += text(chrome.local_authority) +
         ": each tried in Plan-Do-Study-Act cycles, then adopted, adapted or "
         "abandoned.</p>";
    if (may_edit) h += "<p><a class=\"ds_button\" href=\"/tests-of-change/new\">Add a test of change</a></p>";
    if (tests.empty()) {
        h += "<p>No tests of change yet.</p>";
        return document(chrome, "Tests of change", h);
    }
    h += boxes_table("Tests of change, table",
                     Html("<caption class=\"visually-hidden\">Tests of change, their measures, last cycle and "
                          "decision</caption>"),
                     {"Test", "Started", "Measures", "Last cycle", "Status"});
    for (const auto& t : tests) {
        h += "<tr><td data-title=\"Test\"><a class=\"ds_link\" href=\"" + text(test_href(t)) + "\">" +
             text(t.reference) + "</a> " + user_text(t.title) + "</td><td data-title=\"Started\">" +
             text(t.start_date.long_display()) + "</td><td data-title=\"Measures\">" +
             measure_links(measures, t.measures) + "</td><td data-title=\"Last cycle\">";
        if (t.cycles.empty()) {
            h += "none yet";
        } else {
            const auto& c = t.cycles.back();
            const char* at = !c.act.empty() ? "act" : !c.study.empty() ? "study" : !c.do_text.empty() ? "do" : "plan";
            h += "Cycle " + text(static_cast<long long>(c.number)) + ", at " + text(at);
        }
        h += "</td><td data-title=\"Status\">" + status_tag(t);
        if (t.decision) h += " " + text(t.decision->on.long_display());
        h += "</td></tr>";
    }
    h += "</tbody></table></div>";
    return document(chrome, "Tests of change", h);
}

std::string new_test_page(const Chrome& chrome, const NewTestForm& form, const std::vector<core::Measure>& measures,
                          core::Date today) {
    const auto& v = form.values;
    const auto& e = form.errors;
    Html h = error_summary(e);
    h += "<form method=\"post\" action=\"/tests-of-change\" novalidate>" + csrf_field(chrome.csrf);
    h += input({"title", "Title", "A short name, for example Permanence huddles"}, "text", "ds_input--fluid-two-thirds",
               value_of(v, "title"), e);
    h += input({"reference", "Reference (optional)", "Left empty, the next TOC number is given, for example TOC-4"},
               "text", "ds_input--fixed-20", value_of(v, "reference"), e);
    h += textarea({"aim", "Aim", "What the test is trying to accomplish"}, value_of(v, "aim"), e);
    h += textarea({"change_idea", "Change idea", "The change being tested"}, value_of(v, "change_idea"), e);
    h += textarea({"rationale", "Rationale (optional)", "Why it may lead to improvement"}, value_of(v, "rationale"), e);
    h += textarea({"prediction", "Prediction (optional)", "What is expected to happen"}, value_of(v, "prediction"), e);
    std::vector<Option> agencies = {{"", "None"}};
    for (const auto& a : core::Vocabulary::agencies()) agencies.push_back({a, words(a)});
    h += select({"agency", "Agency (optional)", "The agency that runs the test"}, agencies, value_of(v, "agency"), e);
    h += date_input({"start_date", "Start date"}, v, e,
                    form.errors.empty() && v.empty() ? std::optional<core::Date>(today) : std::nullopt);
    h += checkboxes({"measures", "Measures it hopes to move", "Its start is marked on each measure's chart"},
                    measure_options(measures), v, e);
    h += "<button class=\"ds_button\" type=\"submit\">Add the test of change</button></form>";
    return document(chrome, "Add a test of change", h);
}

std::string test_page(const Chrome& chrome, const TestPage& p, const std::vector<core::Measure>& measures) {
    const auto& t = p.test;
    Html h;
    if (!p.notice.empty()) {
        h += status_notice(p.notice);
    }
    h += "<ul class=\"ds_summary-list\">";
    h += summary_row("Reference", text(t.reference));
    h += summary_row("Council", text(t.local_authority));
    h += summary_row("Status", status_tag(t));
    h += summary_row("Aim", user_text(t.aim));
    h += summary_row("Change idea", user_text(t.change_idea));
    h += summary_row("Rationale", optional_text(t.rationale));
    h += summary_row("Prediction", optional_text(t.prediction));
    h += summary_row("Agency", t.agency.empty() ? Html("-") : text(words(t.agency)));
    h += summary_row("Started", text(t.start_date.long_display()));
    h += summary_row("Measures (charts)", measure_links(measures, t.measures));
    if (t.decision) {
        h += summary_row("Decision", text(std::string(core::past_tense(t.decision->decision))) + " on " +
                                         text(t.decision->on.long_display()) + ": " + user_text(t.decision->reason));
    }
    h += "</ul><h2>PDSA cycles</h2>";
    if (t.cycles.empty()) {
        h += "<p>No cycles recorded yet.</p>";
    } else {
        h += scroll_region("PDSA cycles, table");
        h += "<table class=\"ds_table\" data-smallscreen=\"boxes\"><caption class=\"visually-hidden\">The PDSA "
             "cycles of this test</caption><thead><tr><th scope=\"col\">Cycle</th><th scope=\"col\">Plan</th><th "
             "scope=\"col\">Do</th><th scope=\"col\">Study</th><th scope=\"col\">Act</th></tr></thead><tbody>";
        for (const auto& c : t.cycles) {
            h += "<tr><th scope=\"row\" data-title=\"Cycle\">" + text(static_cast<long long>(c.number)) +
                 "</th><td data-title=\"Plan\">" + stage(c.plan, c.plan_date) + "</td><td data-title=\"Do\">" +
                 stage(c.do_text, c.do_date) + "</td><td data-title=\"Study\">" + stage(c.study, c.study_date) +
                 "</td><td data-title=\"Act\">" + stage(c.act, c.act_date) + "</td></tr>";
        }
        h += "</tbody></table></div>";
    }
    if (p.may_edit) {
        h += cycle_form(p, chrome.csrf);
        h += decision_form(p, chrome.csrf);
    }
    h += "<p><a class=\"ds_link\" href=\"/tests-of-change\">All tests of change</a></p>";
    return document(chrome, t.title, h);
}

}  // namespace waymark::web::views
