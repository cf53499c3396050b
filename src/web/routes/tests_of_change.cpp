// The tests of change pages: the council's tests, a new test, a test with its PDSA cycles, and
// the forms that add a cycle and decide. Everyone signed in reads their council's tests; those
// app::may_edit_tests_of_change allows change them, each change one transaction through the use
// cases of app/tests_of_change.hpp. A form with problems comes back with what was typed and an
// error summary linked to the fields.
#include "app/tests_of_change.hpp"
#include "app/improvement_roles.hpp"
#include "core/error.hpp"
#include "web/routes/respond.hpp"
#include "web/routes/routes.hpp"
#include "web/routes/session.hpp"
#include "web/views/tests_of_change.hpp"

#include <algorithm>
#include <cctype>

namespace waymark::web {

namespace {

using core::Error;
using core::ErrorKind;
using views::FieldError;
using views::FormValues;

const std::vector<core::Measure>& catalogue(const AppContext& ctx) {
    static const std::vector<core::Measure> none;
    return ctx.measures ? ctx.measures->measures : none;
}

// The fields of the forms in the order they appear, with what people call them.
constexpr std::pair<std::string_view, std::string_view> kFields[] = {{"title", "Title"},
                                                                     {"reference", "Reference"},
                                                                     {"aim", "Aim"},
                                                                     {"change_idea", "Change idea"},
                                                                     {"rationale", "Rationale"},
                                                                     {"prediction", "Prediction"},
                                                                     {"agency", "Agency"},
                                                                     {"start_date", "Start date"},
                                                                     {"measures", "Measures"},
                                                                     {"cycle", "Which cycle"},
                                                                     {"plan", "Plan"},
                                                                     {"plan_date", "Date of the plan"},
                                                                     {"do", "Do"},
                                                                     {"do_date", "Date done"},
                                                                     {"study", "Study"},
                                                                     {"study_date", "Date studied"},
                                                                     {"act", "Act"},
                                                                     {"act_date", "Date of the act stage"},
                                                                     {"decision", "Decision"},
                                                                     {"decision_reason", "Reason"},
                                                                     {"decision_date", "Date of the decision"},
                                                                     {"revise", "Replace the decision stored"}};

std::size_t position_of(std::string_view field) {
    const auto* it =
        std::find_if(std::begin(kFields), std::end(kFields), [&](const auto& f) { return f.first == field; });
    return static_cast<std::size_t>(it - std::begin(kFields));
}

std::string label_of(std::string_view field) {
    const std::size_t at = position_of(field);
    return std::string(at < std::size(kFields) ? kFields[at].second : field);
}

// The errors in the order of the fields on the page, as the error summary lists them.
std::vector<FieldError> in_form_order(std::vector<FieldError> errors) {
    std::stable_sort(errors.begin(), errors.end(), [](const FieldError& a, const FieldError& b) {
        return position_of(a.field) < position_of(b.field);
    });
    return errors;
}

// A message of core::check_test or check_cycle (shared with the command line and the API) in
// the page's words: each date YYYY-MM-DD as "15 March 2026", each date field by its label.
std::string in_words(std::string_view message) {
    std::string out;
    for (std::size_t i = 0; i < message.size();) {
        if (i + 10 <= message.size()) {
            if (const auto d = core::Date::try_parse(message.substr(i, 10))) {
                out += d->long_display();
                i += 10;
                continue;
            }
        }
        bool named = false;
        for (const auto& [field, label] : kFields) {
            if (field.ends_with("_date") && message.substr(i).starts_with(field)) {
                out += "the " + std::string(1, static_cast<char>(std::tolower(static_cast<unsigned char>(label[0])))) +
                       std::string(label.substr(1));
                i += field.size();
                named = true;
                break;
            }
        }
        if (!named) out += message[i++];
    }
    return out;
}

// A problem found by core::check_test or check_cycle, in words for the error summary.
void add_problems(std::vector<FieldError>& errors, const std::vector<core::FieldProblem>& problems) {
    for (const auto& p : problems) {
        if (views::error_for(errors, p.field) != nullptr) continue;  // one message per field
        const bool required = p.message.starts_with("required");
        errors.push_back({p.field, label_of(p.field) + (required ? " is " : ": ") + in_words(p.message)});
    }
}

// A date typed in the design system's date input (views::date_input: day, month and year):
// nothing when left empty, else the date or a problem with the field.
std::optional<core::Date> date_field(const FormValues& form, std::string_view field, std::vector<FieldError>& errors) {
    auto typed = views::typed_date(form, field, label_of(field));
    if (typed.problem) errors.push_back({std::string(field), std::move(*typed.problem)});
    return typed.date;
}

// The trimmed fields of the posted form, without the CSRF token.
FormValues form_of(const Request& req) {
    FormValues out;
    for (auto [k, v] : req.form()) {
        if (k == "csrf") continue;
        const auto first = v.find_first_not_of(" \t\r\n");
        const auto last = v.find_last_not_of(" \t\r\n");
        v = first == std::string::npos ? std::string() : v.substr(first, last - first + 1);
        out.emplace_back(std::move(k), std::move(v));
    }
    return out;
}

app::Viewer viewer_of(const Request& req, const AppContext& ctx, const app::SignedIn& who) {
    return {who.user.name, iso_utc(ctx.now), "web " + req.client};
}

// A page that changes tests: signed in, the form's token right, and a role that may edit.
Gate editor_gate(const Request& req, AppContext& ctx, bool post) {
    Gate g = signed_in_gate(req, ctx);
    if (g.refusal) return g;
    if (post && !csrf_ok(req, *g.who)) {
        g.refusal = error_response(g.who, 403, "The form had expired. Go back, reload the page and try again.");
    } else if (!app::may_edit_tests_of_change(g.who->user.role)) {
        g.refusal = error_response(g.who, 403, "Your role may read tests of change but not change them.");
    }
    return g;
}

// The council's test the path names, or nothing (another council's test is not found either).
std::optional<core::TestOfChange> test_of(AppContext& ctx, const app::SignedIn& who, const Params& params) {
    const std::string reference(find_field(params, "reference").value_or(""));
    auto found = ctx.store.tests_of_change().find_tests({who.user.local_authority, reference, std::nullopt});
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
}

Response no_such_test(const Gate& g) {
    return error_response(g.who, 404, "There is no such test of change in your council.");
}

std::string test_location(const std::string& reference, std::string_view stored) {
    return "/tests-of-change/" + path_segment(reference) + "?stored=" + std::string(stored);
}

Response get_tests(const Request& req, AppContext& ctx, const Params&) {
    auto gate = signed_in_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    const auto& user = gate.who->user;
    const auto tests = ctx.store.tests_of_change().find_tests({user.local_authority, std::nullopt, std::nullopt});
    return html(200, views::tests_of_change_page(chrome_of(*gate.who), tests, catalogue(ctx),
                                                 app::may_edit_tests_of_change(user.role)));
}

Response get_new_test(const Request& req, AppContext& ctx, const Params&) {
    auto gate = editor_gate(req, ctx, false);
    if (gate.refusal) return std::move(*gate.refusal);
    return html(200, views::new_test_page(chrome_of(*gate.who), {}, catalogue(ctx), ctx.today));
}

Response post_test(const Request& req, AppContext& ctx, const Params&) {
    auto gate = editor_gate(req, ctx, true);
    if (gate.refusal) return std::move(*gate.refusal);
    views::NewTestForm form{form_of(req), {}};
    const auto& v = form.values;
    auto& errors = form.errors;
    core::TestOfChange t;
    t.local_authority = gate.who->user.local_authority;
    t.reference = views::value_of(v, "reference");
    t.title = views::value_of(v, "title");
    t.aim = views::value_of(v, "aim");
    t.agency = views::value_of(v, "agency");
    t.change_idea = views::value_of(v, "change_idea");
    t.rationale = views::value_of(v, "rationale");
    t.prediction = views::value_of(v, "prediction");
    for (const auto& [k, value] : v) {
        if (k != "measures") continue;
        if (ctx.measures == nullptr || ctx.measures->find(value) == nullptr) {
            errors.push_back({"measures", "Choose measures from the list"});
            break;
        }
        t.measures.push_back(value);
    }
    const auto start = date_field(v, "start_date", errors);
    if (!start && views::error_for(errors, "start_date") == nullptr) {
        errors.push_back({"start_date", "Enter the start date"});
    }
    t.start_date = start.value_or(ctx.today);
    auto problems = core::check_test(t, ctx.today);
    // An empty reference is given the council's next TOC-n when stored.
    if (t.reference.empty()) std::erase_if(problems, [](const auto& p) { return p.field == "reference"; });
    add_problems(errors, problems);
    if (t.reference == "new") {  // /tests-of-change/new is the form's address
        errors.push_back({"reference", "Choose another reference: new is kept for the address of this form"});
    }
    if (errors.empty()) {
        try {
            t = app::add_test_of_change(ctx.store.tests_of_change(), t, ctx.today, viewer_of(req, ctx, *gate.who));
            return redirect(test_location(t.reference, "test"));
        } catch (const Error& e) {
            if (e.kind() != ErrorKind::conflict) throw;
            errors.push_back({"reference", "Your council already has a test " + t.reference +
                                               ": choose another "
                                               "reference, or leave it empty for the next TOC number"});
        }
    }
    form.errors = in_form_order(std::move(form.errors));
    return html(400, views::new_test_page(chrome_of(*gate.who), form, catalogue(ctx), ctx.today));
}

Response get_test(const Request& req, AppContext& ctx, const Params& params) {
    auto gate = signed_in_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    auto test = test_of(ctx, *gate.who, params);
    if (!test) return no_such_test(gate);
    views::TestPage page;
    page.test = std::move(*test);
    page.may_edit = app::may_edit_tests_of_change(gate.who->user.role);
    page.today = ctx.today;
    const auto stored = req.query_param("stored").value_or("");
    if (stored == "test") page.notice = "The test of change is stored.";
    if (stored == "cycle") page.notice = "The cycle is recorded.";
    if (stored == "decision") page.notice = "The decision is recorded.";
    return html(200, views::test_page(chrome_of(*gate.who), page, catalogue(ctx)));
}

// The page again with the form that was sent, what was typed and its problems.
Response form_again(const Gate& gate, const AppContext& ctx, core::TestOfChange test, std::string form,
                    FormValues values, std::vector<FieldError> errors) {
    views::TestPage page{
        std::move(test), true, std::move(form), std::move(values), in_form_order(std::move(errors)), {}, ctx.today};
    return html(400, views::test_page(chrome_of(*gate.who), page, catalogue(ctx)));
}

// A form posted about one test: by an editor, of a test of the editor's council.
struct TestForm {
    Gate gate;
    std::optional<core::TestOfChange> test;
    FormValues values;
};

TestForm test_form(const Request& req, AppContext& ctx, const Params& params) {
    TestForm f{editor_gate(req, ctx, true), std::nullopt, {}};
    if (f.gate.refusal) return f;
    f.test = test_of(ctx, *f.gate.who, params);
    if (!f.test) {
        f.gate.refusal = no_such_test(f.gate);
        return f;
    }
    f.values = form_of(req);
    return f;
}

Response post_cycle(const Request& req, AppContext& ctx, const Params& params) {
    TestForm f = test_form(req, ctx, params);
    if (f.gate.refusal) return std::move(*f.gate.refusal);
    auto& [gate, test, v] = f;
    std::vector<FieldError> errors;
    app::CycleUpdate u;
    const std::string number = views::value_of(v, "cycle");
    if (!number.empty()) {
        const auto it = std::find_if(test->cycles.begin(), test->cycles.end(),
                                     [&](const core::PdsaCycle& c) { return std::to_string(c.number) == number; });
        if (it == test->cycles.end()) {
            errors.push_back({"cycle", "Choose a new cycle or one of the cycles listed"});
        } else {
            u.number = it->number;
        }
    }
    // A stage left empty: nothing for a new cycle, and what is stored for one filled in.
    // It names f.values, not v: clang before 16 cannot capture a structured binding.
    auto text = [&values = f.values](std::string_view field) -> std::optional<std::string> {
        std::string s = views::value_of(values, field);
        if (s.empty()) return std::nullopt;
        return s;
    };
    u.plan = text("plan");
    u.do_text = text("do");
    u.study = text("study");
    u.act = text("act");
    u.plan_date = date_field(v, "plan_date", errors);
    u.do_date = date_field(v, "do_date", errors);
    u.study_date = date_field(v, "study_date", errors);
    u.act_date = date_field(v, "act_date", errors);
    if (errors.empty()) add_problems(errors, core::check_cycle(app::cycle_to_record(*test, u)));
    if (!errors.empty()) return form_again(gate, ctx, std::move(*test), "cycle", v, std::move(errors));
    app::record_cycle(ctx.store.tests_of_change(), test->reference, test->local_authority, u,
                      viewer_of(req, ctx, *gate.who));
    return redirect(test_location(test->reference, "cycle"));
}

Response post_decision(const Request& req, AppContext& ctx, const Params& params) {
    TestForm f = test_form(req, ctx, params);
    if (f.gate.refusal) return std::move(*f.gate.refusal);
    auto& [gate, test, v] = f;
    std::vector<FieldError> errors;
    const auto decision = core::parse_decision(views::value_of(v, "decision"));
    if (!decision) errors.push_back({"decision", "Choose adopt, adapt or abandon"});
    const auto on = date_field(v, "decision_date", errors);
    if (!on && views::error_for(errors, "decision_date") == nullptr) {
        errors.push_back({"decision_date", "Enter the date of the decision"});
    }
    const bool revise = views::has_value(v, "revise", "yes");
    if (test->decision && !revise) {
        errors.push_back({"revise", "This test was already " + std::string(core::past_tense(test->decision->decision)) +
                                        " on " + test->decision->on.display() +
                                        ": tick Replace the decision stored to change it"});
    }
    const core::DecisionRecord record{decision.value_or(core::Decision::adopt), on.value_or(ctx.today),
                                      views::value_of(v, "decision_reason")};
    if (errors.empty() || (decision && on)) {
        core::TestOfChange decided = *test;
        decided.decision = record;
        auto problems = core::check_test(decided, ctx.today);
        std::erase_if(problems, [](const auto& p) { return !p.field.starts_with("decision"); });
        add_problems(errors, problems);
    }
    if (!errors.empty()) return form_again(gate, ctx, std::move(*test), "decision", v, std::move(errors));
    try {
        app::decide_test_of_change(ctx.store.tests_of_change(), test->reference, test->local_authority, record, revise,
                                   ctx.today, viewer_of(req, ctx, *gate.who));
    } catch (const Error& e) {
        // Decided by someone else since the page was shown.
        if (e.kind() != ErrorKind::conflict) throw;
        return form_again(gate, ctx, std::move(*test), "decision", v,
                          {{"revise", "This test has just been decided by someone else: reload the page to see it"}});
    }
    return redirect(test_location(test->reference, "decision"));
}

}  // namespace

void add_tests_of_change_routes(Router& r) {
    r.add("GET", "/tests-of-change", get_tests);
    r.add("POST", "/tests-of-change", post_test);
    r.add("GET", "/tests-of-change/new", get_new_test);
    // References may hold '/', so the reference takes the rest of the path, and the forms' own
    // addresses come first.
    r.add("POST", "/tests-of-change/cycles/{reference...}", post_cycle);
    r.add("POST", "/tests-of-change/decision/{reference...}", post_decision);
    r.add("GET", "/tests-of-change/{reference...}", get_test);
}

}  // namespace waymark::web
