// waymark pdsa: tests of change and their Plan-Do-Study-Act cycles (docs/tests-of-change.md).
#include "app/tests_of_change_csv.hpp"
#include "cli/commands.hpp"
#include "cli/environment.hpp"
#include "cli/json.hpp"
#include "cli/options.hpp"
#include "cli/picture.hpp"
#include "core/error.hpp"
#include "web/routes/api.hpp"

#include <filesystem>
#include <memory>

namespace waymark::cli {

namespace {

using core::Error;
using core::ErrorKind;

std::string measures_text(const core::TestOfChange& t, const char* separator) {
    std::string out;
    for (const auto& m : t.measures) out += (out.empty() ? "" : separator) + m;
    return out;
}

std::string decision_words(const core::DecisionRecord& d) {
    return std::string(core::past_tense(d.decision)) + " on " + d.on.display();
}

// "Label        text that wraps with a hanging indent"
void labelled(std::ostream& out, const std::string& label, const std::string& text) {
    if (text.empty()) return;
    constexpr std::size_t kIndent = 13;
    const auto lines = wrap(text, 80 - kIndent);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        std::string head = i == 0 ? label : std::string();
        head.append(kIndent - std::min(kIndent - 1, display_width(head)), ' ');
        out << head << lines[i] << '\n';
    }
}

// A test and its cycles as `pdsa show --format json` shows them: the API's fields and
// decision (without its status, count and address) and the API's cycles.
boost::json::object json_test(const core::TestOfChange& t) {
    boost::json::object o = web::test_of_change_json(t);
    o["decision"] = web::decision_json(t);
    boost::json::array cycles;
    for (const auto& c : t.cycles) cycles.emplace_back(web::cycle_json(c));
    o["cycles"] = std::move(cycles);
    return o;
}

}  // namespace

int cmd_pdsa_add(const Context& ctx, const PdsaAddArgs& args) {
    const auto standards = ctx.standards();
    const auto database = ctx.open_database(standards.vocabulary);
    app::Database& store = *database;
    core::TestOfChange t;
    t.local_authority = args.local_authority;
    t.reference = args.reference;
    t.title = args.title;
    t.aim = args.aim;
    t.agency = args.agency;
    t.change_idea = args.change_idea;
    t.rationale = args.rationale;
    t.prediction = args.prediction;
    t.measures = args.measures;
    t.start_date = args.start;
    const auto stored = app::add_test_of_change(store.tests_of_change(), t, ctx.today, ctx.viewer);
    ctx.out << "Added test of change " << stored.reference << " of " << stored.local_authority << ": " << stored.title
            << "\n";
    return 0;
}

int cmd_pdsa_list(const Context& ctx, const PdsaListArgs& args) {
    const auto standards = ctx.standards();
    const auto database = ctx.open_database(standards.vocabulary);
    app::Database& store = *database;
    const auto tests = store.tests_of_change().find_tests({args.local_authority, std::nullopt, args.measure});
    if (args.format == Format::csv) {
        std::string out = "local_authority,reference,title,start_date,measures,cycles,decision,decision_date\n";
        for (const auto& t : tests) {
            const auto cycles = std::to_string(t.cycles.size());
            csv_row(out,
                    {t.local_authority, t.reference, t.title, t.start_date.iso(), measures_text(t, ";"), cycles,
                     t.decision ? core::to_string(t.decision->decision) : "", t.decision ? t.decision->on.iso() : ""});
        }
        ctx.out << out;
        return 0;
    }
    if (args.format == Format::json) {
        JsonRecords records(ctx.out);
        for (const auto& t : tests) {
            boost::json::array measures;
            for (const auto& m : t.measures) measures.emplace_back(m);
            records.add(boost::json::object{
                {"local_authority", t.local_authority},
                {"reference", t.reference},
                {"title", t.title},
                {"start_date", t.start_date.iso()},
                {"measures", std::move(measures)},
                {"cycles", t.cycles.size()},
                {"decision",
                 t.decision ? boost::json::value(core::to_string(t.decision->decision)) : boost::json::value(nullptr)},
                {"decision_date",
                 t.decision ? boost::json::value(t.decision->on.iso()) : boost::json::value(nullptr)}});
        }
        records.finish();
        return 0;
    }
    std::string what = "Tests of change";
    if (args.local_authority) what += " of " + *args.local_authority;
    if (args.measure) what += " linked to " + *args.measure;
    if (tests.empty()) {
        ctx.out << "No " << (what == "Tests of change" ? std::string("tests of change") : what) << " stored.\n";
        return 0;
    }
    const bool councils =
        several_councils(tests, [](const auto& t) -> const std::string& { return t.local_authority; });
    std::vector<std::string> headers{"Test", "Started", "Cycles", "Status", "Title"};
    if (councils) headers.insert(headers.begin(), "Council");
    Table table(headers);
    for (const auto& t : tests) {
        std::vector<std::string> row{t.reference, t.start_date.display(), std::to_string(t.cycles.size()),
                                     std::string(core::status_words(t)), t.title};
        if (councils) row.insert(row.begin(), t.local_authority);
        table.add(std::move(row));
    }
    ctx.out << what << " (" << tests.size() << ")\n\n";
    table.print(ctx.out);
    return 0;
}

int cmd_pdsa_show(const Context& ctx, const PdsaShowArgs& args) {
    if (args.format == Format::csv) {
        throw Error(ErrorKind::usage, "pdsa show prints a table or JSON; pdsa export writes CSV");
    }
    const auto standards = ctx.standards();
    const auto database = ctx.open_database(standards.vocabulary);
    app::Database& store = *database;
    const auto t = app::find_test_of_change(store.tests_of_change(), args.reference, args.local_authority);
    if (args.format == Format::json) {
        ctx.out << to_json(json_test(t), {0, 2}) << "\n";
        return 0;
    }
    ctx.out << t.reference << ": " << t.title << "\n";
    std::string facts = "Council " + t.local_authority;
    if (!t.agency.empty()) facts += " \u00b7 " + t.agency;
    facts += " \u00b7 started " + t.start_date.display() + " \u00b7 " +
             (t.decision ? decision_words(*t.decision) : std::string("testing"));
    ctx.out << facts << "\n\n";
    labelled(ctx.out, "Aim", t.aim);
    labelled(ctx.out, "Change idea", t.change_idea);
    labelled(ctx.out, "Rationale", t.rationale);
    labelled(ctx.out, "Prediction", t.prediction);
    labelled(ctx.out, "Measures", measures_text(t, ", "));
    if (t.decision) labelled(ctx.out, "Decision", decision_words(*t.decision) + ": " + t.decision->reason);
    if (t.cycles.empty()) {
        ctx.out << "\nNo PDSA cycles recorded.\n";
        return 0;
    }
    ctx.out << "\n";
    Table table({"Cycle", "Stage", "Date", "What"});
    for (const auto& c : t.cycles) {
        const std::array<std::tuple<const char*, const std::string*, const std::optional<core::Date>*>, 4> stages{
            {{"Plan", &c.plan, &c.plan_date},
             {"Do", &c.do_text, &c.do_date},
             {"Study", &c.study, &c.study_date},
             {"Act", &c.act, &c.act_date}}};
        bool first = true;
        for (const auto& [stage, text, date] : stages) {
            if (text->empty()) continue;
            table.add({first ? std::to_string(c.number) : "", stage, display(*date), *text});
            first = false;
        }
    }
    table.print(ctx.out);
    return 0;
}

int cmd_pdsa_cycle(const Context& ctx, const PdsaCycleArgs& args) {
    const auto standards = ctx.standards();
    const auto database = ctx.open_database(standards.vocabulary);
    app::Database& store = *database;
    const auto c =
        app::record_cycle(store.tests_of_change(), args.reference, args.local_authority, args.update, ctx.viewer);
    std::string stages = "plan";
    if (!c.do_text.empty()) stages += ", do";
    if (!c.study.empty()) stages += ", study";
    if (!c.act.empty()) stages += ", act";
    ctx.out << "Recorded cycle " << c.number << " of " << args.reference << " (" << stages << ")\n";
    return 0;
}

int cmd_pdsa_decide(const Context& ctx, const PdsaDecideArgs& args) {
    const auto decision = core::parse_decision(args.decision);
    if (!decision)
        throw Error(ErrorKind::usage, "the decision is adopt, adapt or abandon, not '" + args.decision + "'");
    const auto standards = ctx.standards();
    const auto database = ctx.open_database(standards.vocabulary);
    app::Database& store = *database;
    const core::DecisionRecord record{*decision, args.on.value_or(ctx.today), args.reason};
    const auto t = app::decide_test_of_change(store.tests_of_change(), args.reference, args.local_authority, record,
                                              args.revise, ctx.today, ctx.viewer);
    ctx.out << "Test of change " << t.reference << " of " << t.local_authority << " " << decision_words(record) << "\n";
    return 0;
}

int cmd_pdsa_import(const Context& ctx, const PdsaImportArgs& args) {
    const auto standards = ctx.standards();
    const auto database = ctx.open_database(standards.vocabulary);
    app::Database& store = *database;
    app::TestImportOptions options;
    options.tests_path = args.tests;
    options.cycles_path = args.cycles;
    options.today = ctx.today;
    options.revise = args.revise;
    options.ignore_unknown_columns = args.ignore_unknown_columns;
    const auto r = app::import_tests_of_change(store.tests_of_change(), options, ctx.viewer);
    const auto& w = r.written;
    ctx.out << "Imported " << r.test_rows << " test rows (" << w.tests_added << " added, " << w.tests_updated
            << " updated, " << w.tests_unchanged << " unchanged) and " << r.cycle_rows << " cycle rows ("
            << w.cycles_added << " added, " << w.cycles_updated << " updated, " << w.cycles_unchanged
            << " unchanged) into " << ctx.db_path << "\n";
    return 0;
}

int cmd_pdsa_export(const Context& ctx, const PdsaExportArgs& args) {
    if (args.out_dir && args.cycles) {
        throw Error(ErrorKind::usage, "--out writes both files; --cycles picks the one for standard output");
    }
    const auto standards = ctx.standards();
    const auto database = ctx.open_database(standards.vocabulary);
    app::Database& store = *database;
    const auto files =
        app::export_tests_of_change(store.tests_of_change(), {args.local_authority, std::nullopt, std::nullopt});
    if (!args.out_dir) {
        ctx.out << (args.cycles ? files.cycles_csv : files.tests_csv);
        return 0;
    }
    const std::filesystem::path dir(*args.out_dir);
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec || !std::filesystem::is_directory(dir)) {
        throw Error(ErrorKind::usage, "--out '" + *args.out_dir + "' is not a folder");
    }
    write_file((dir / "tests_of_change.csv").string(), files.tests_csv);
    write_file((dir / "pdsa_cycles.csv").string(), files.cycles_csv);
    ctx.out << "Wrote tests_of_change.csv (" << files.tests << " tests) and pdsa_cycles.csv (" << files.cycles
            << " cycles) to " << *args.out_dir << "\n";
    return 0;
}

// --- The command line: options, help and what to run (options.hpp) ---

void register_pdsa(Command& root) {
    auto group = root.subcommand("pdsa", "Tests of change: PDSA cycles and decisions");
    group.require_subcommand();
    group.footer(
        with_global_help("A test of change tries one change on a small scale in Plan-Do-Study-Act cycles,\n"
                         "then is adopted, adapted or abandoned. 'waymark pdsa COMMAND --help' shows its\n"
                         "options; docs/tests-of-change.md describes the record and the CSV files."));
    {
        struct State {
            PdsaAddArgs args;
            std::string start;
        };
        auto s = std::make_shared<State>();
        auto c = group.subcommand("add", "Record a new test of change");
        c.option("--local-authority", s->args.local_authority, "the council").required().type_name("CODE");
        c.option("--reference", s->args.reference, "its reference, e.g. PACE-1 (default: the\nnext TOC-n)")
            .type_name("REF");
        c.option("--title", s->args.title, "a short name").required().type_name("TEXT");
        c.option("--aim", s->args.aim, "what the test is trying to accomplish").required().type_name("TEXT");
        c.option("--change-idea", s->args.change_idea, "the change being tested").required().type_name("TEXT");
        c.option("--agency", s->args.agency, "the agency running it (social_work, legal,\nscra, ...)")
            .type_name("AGENCY");
        c.option("--rationale", s->args.rationale, "why this change should help").type_name("TEXT");
        c.option("--prediction", s->args.prediction, "what the team expects to happen").type_name("TEXT");
        c.option("--measure", s->args.measures, "a measure it should move (repeatable),\ne.g. first-lar-on-time")
            .type_name("ID");
        c.option("--start", s->start, "the day the test starts").required().type_name("DATE");
        c.footer(with_global_help(""));
        c.run([s](const Context& ctx) {
            s->args.start = parse_date_option(s->start, "--start");
            return cmd_pdsa_add(ctx, s->args);
        });
    }
    {
        auto s = std::make_shared<Parsed<PdsaListArgs>>();
        auto c = group.subcommand("list", "List tests of change");
        c.option("--local-authority", s->args.local_authority, "one council's tests").type_name("CODE");
        c.option("--measure", s->args.measure, "only tests linked to this measure").type_name("ID");
        add_format(c, s->format);
        c.footer(
            with_global_help("CSV columns: local_authority,reference,title,start_date,measures,cycles,\n"
                             "decision,decision_date, ordered by council, start date and the order stored."));
        run_with_format(c, s, cmd_pdsa_list);
    }
    {
        auto s = std::make_shared<Parsed<PdsaShowArgs>>();
        auto c = group.subcommand("show", "Show a test of change with its cycles");
        c.option("reference", s->args.reference, "the test's reference").required().type_name("REF");
        c.option("--local-authority", s->args.local_authority, "the council, where two use the\nreference")
            .type_name("CODE");
        c.option("--format", s->format, "table (for people) or json").type_name("FORMAT").one_of({"table", "json"});
        c.footer(with_global_help(""));
        run_with_format(c, s, cmd_pdsa_show);
    }
    {
        struct State {
            PdsaCycleArgs args;
            int number = 0;
            std::string plan;
            std::string do_text;
            std::string study;
            std::string act;
            std::string plan_date;
            std::string do_date;
            std::string study_date;
            std::string act_date;
        };
        auto s = std::make_shared<State>();
        auto c = group.subcommand("cycle", "Record a PDSA cycle, or fill one in");
        c.option("reference", s->args.reference, "the test's reference").required().type_name("REF");
        c.option("--local-authority", s->args.local_authority, "the council, where two use the\nreference")
            .type_name("CODE");
        const Option number =
            c.option("--number", s->number, "fill in or correct this stored cycle").positive().type_name("N");
        const Option plan =
            c.option("--plan", s->plan, "what will be tried, by whom, and what is\npredicted").type_name("TEXT");
        c.option("--plan-date", s->plan_date, "when it was planned").type_name("DATE");
        const Option done = c.option("--do", s->do_text, "what was done").type_name("TEXT");
        c.option("--do-date", s->do_date, "when").type_name("DATE");
        const Option study =
            c.option("--study", s->study, "what the data showed against the\nprediction").type_name("TEXT");
        c.option("--study-date", s->study_date, "when").type_name("DATE");
        const Option act = c.option("--act", s->act, "what happens next").type_name("TEXT");
        c.option("--act-date", s->act_date, "when").type_name("DATE");
        c.footer(
            with_global_help("Without --number, a new cycle numbered after the last (it needs --plan). With\n"
                             "--number N, the stages given replace those of cycle N, so a cycle is filled in\n"
                             "as it runs. The stages come in order: do after plan, study after do, act after\n"
                             "study, and their dates do not go backwards."));
        c.run([s, number, plan, done, study, act](const Context& ctx) {
            auto& u = s->args.update;
            if (number.given()) u.number = s->number;
            u.plan = given_text(plan, s->plan);
            u.do_text = given_text(done, s->do_text);
            u.study = given_text(study, s->study);
            u.act = given_text(act, s->act);
            u.plan_date = parse_date_option_if_given(s->plan_date, "--plan-date");
            u.do_date = parse_date_option_if_given(s->do_date, "--do-date");
            u.study_date = parse_date_option_if_given(s->study_date, "--study-date");
            u.act_date = parse_date_option_if_given(s->act_date, "--act-date");
            return cmd_pdsa_cycle(ctx, s->args);
        });
    }
    {
        struct State {
            PdsaDecideArgs args;
            std::string on;
        };
        auto s = std::make_shared<State>();
        auto c = group.subcommand("decide", "Adopt, adapt or abandon a test of change");
        c.option("reference", s->args.reference, "the test's reference").required().type_name("REF");
        c.option("decision", s->args.decision, "adopt, adapt or abandon")
            .required()
            .type_name("DECISION")
            .one_of({"adopt", "adapt", "abandon"});
        c.option("--reason", s->args.reason, "why").required().type_name("TEXT");
        c.option("--on", s->on, "the day it was decided (default today)").type_name("DATE");
        c.flag("--revise", s->args.revise, "change a decision already recorded");
        c.option("--local-authority", s->args.local_authority, "the council, where two use the\nreference")
            .type_name("CODE");
        c.footer(with_global_help(""));
        c.run([s](const Context& ctx) {
            s->args.on = parse_date_option_if_given(s->on, "--on");
            return cmd_pdsa_decide(ctx, s->args);
        });
    }
    {
        struct State {
            PdsaImportArgs args;
        };
        auto s = std::make_shared<State>();
        auto c = group.subcommand("import", "Load tests of change and cycles: all rows or none");
        c.option("file", s->args.tests, "tests of change (CSV)").type_name("FILE");
        c.option("--cycles", s->args.cycles, "PDSA cycles (CSV)").type_name("FILE");
        c.flag("--revise", s->args.revise, "let rows change decisions already recorded");
        c.flag("--ignore-unknown-columns", s->args.ignore_unknown_columns, "skip columns Waymark does not read");
        c.footer(
            with_global_help("The formats are those pdsa export writes (docs/tests-of-change.md). A test\n"
                             "already stored is updated from its row; a cycle already stored is replaced. If\n"
                             "any row is bad, nothing is stored and the first 20 problems are listed with\n"
                             "file, line, column and field."));
        c.run([s](const Context& ctx) { return cmd_pdsa_import(ctx, s->args); });
    }
    {
        struct State {
            PdsaExportArgs args;
        };
        auto s = std::make_shared<State>();
        auto c = group.subcommand("export", "Write tests of change and cycles as CSV");
        c.option("--out", s->args.out_dir,
                 "a folder for tests_of_change.csv and\npdsa_cycles.csv (default: standard\noutput)")
            .type_name("DIR");
        c.flag("--cycles", s->args.cycles, "to standard output: the cycles, not the tests");
        c.option("--local-authority", s->args.local_authority, "one council's tests").type_name("CODE");
        c.footer(with_global_help("What is exported imports again unchanged (pdsa import)."));
        c.run([s](const Context& ctx) { return cmd_pdsa_export(ctx, s->args); });
    }
}

}  // namespace waymark::cli
