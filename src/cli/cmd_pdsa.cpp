// waymark pdsa: tests of change and their Plan-Do-Study-Act cycles (docs/tests-of-change.md).
#include "app/tests_of_change_csv.hpp"
#include "cli/commands.hpp"
#include "cli/picture.hpp"
#include "core/error.hpp"

#include <filesystem>

namespace waymark::cli {

namespace {

using core::Error;
using core::ErrorKind;

std::string json_text(std::string_view s) {
    return s.empty() ? "null" : json_string(s);
}

std::string measures_text(const core::TestOfChange& t, const char* separator) {
    std::string out;
    for (const auto& m : t.measures) out += (out.empty() ? "" : separator) + m;
    return out;
}

std::string json_measures(const core::TestOfChange& t) {
    std::string out = "[";
    for (const auto& m : t.measures) out += (out.size() > 1 ? ", " : "") + json_string(m);
    return out + "]";
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

std::string json_test(const core::TestOfChange& t) {
    std::string out =
        "{\"local_authority\": " + json_string(t.local_authority) + ", \"reference\": " + json_string(t.reference) +
        ", \"title\": " + json_string(t.title) + ", \"aim\": " + json_string(t.aim) +
        ", \"agency\": " + json_text(t.agency) + ", \"change_idea\": " + json_string(t.change_idea) +
        ", \"rationale\": " + json_text(t.rationale) + ", \"prediction\": " + json_text(t.prediction) +
        ", \"start_date\": " + json_date(t.start_date) + ", \"measures\": " + json_measures(t) + ", \"decision\": ";
    if (t.decision) {
        out += "{\"decision\": \"" + std::string(core::to_string(t.decision->decision)) +
               "\", \"date\": " + json_date(t.decision->on) + ", \"reason\": " + json_string(t.decision->reason) + "}";
    } else {
        out += "null";
    }
    out += ", \"cycles\": [";
    for (std::size_t i = 0; i < t.cycles.size(); ++i) {
        const auto& c = t.cycles[i];
        out += (i > 0 ? ",\n    " : "\n    ");
        out += "{\"cycle\": " + std::to_string(c.number) + ", \"plan\": " + json_string(c.plan) +
               ", \"plan_date\": " + json_date(c.plan_date) + ", \"do\": " + json_text(c.do_text) +
               ", \"do_date\": " + json_date(c.do_date) + ", \"study\": " + json_text(c.study) +
               ", \"study_date\": " + json_date(c.study_date) + ", \"act\": " + json_text(c.act) +
               ", \"act_date\": " + json_date(c.act_date) + "}";
    }
    return out + (t.cycles.empty() ? "]}" : "\n  ]}");
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
    const auto stored = app::add_test_of_change(store, t, ctx.today, ctx.viewer);
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
        std::string out = "[";
        for (std::size_t i = 0; i < tests.size(); ++i) {
            const auto& t = tests[i];
            out += (i > 0 ? ",\n  " : "\n  ");
            out += "{\"local_authority\": " + json_string(t.local_authority) +
                   ", \"reference\": " + json_string(t.reference) + ", \"title\": " + json_string(t.title) +
                   ", \"start_date\": " + json_date(t.start_date) + ", \"measures\": " + json_measures(t) +
                   ", \"cycles\": " + std::to_string(t.cycles.size()) + ", \"decision\": " +
                   (t.decision ? "\"" + std::string(core::to_string(t.decision->decision)) + "\"" : "null") +
                   ", \"decision_date\": " +
                   json_date(t.decision ? std::optional<core::Date>(t.decision->on) : std::nullopt) + "}";
        }
        ctx.out << out << (tests.empty() ? "]\n" : "\n]\n");
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
    const auto t = app::find_test_of_change(store, args.reference, args.local_authority);
    if (args.format == Format::json) {
        ctx.out << json_test(t) << "\n";
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
    const auto c = app::record_cycle(store, args.reference, args.local_authority, args.update, ctx.viewer);
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
    const auto t = app::decide_test_of_change(store, args.reference, args.local_authority, record, args.revise,
                                              ctx.today, ctx.viewer);
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
    const auto r = app::import_tests_of_change(store, options, ctx.viewer);
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
    const auto files = app::export_tests_of_change(store, {args.local_authority, std::nullopt, std::nullopt});
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

}  // namespace waymark::cli
