// waymark driver: driver diagrams, imported from TOML, listed, shown as an outline or drawn
// (docs/tests-of-change.md).
#include "app/driver_file.hpp"
#include "cli/commands.hpp"
#include "cli/environment.hpp"
#include "cli/json.hpp"
#include "cli/options.hpp"
#include "cli/picture.hpp"
#include "render/driver_diagram.hpp"

#include <map>
#include <memory>

namespace waymark::cli {

namespace {

std::string counts_text(const core::DriverDiagram& d) {
    const auto c = core::count(d);
    return std::to_string(c.primaries) + " primary and " + std::to_string(c.secondaries) + " secondary drivers, " +
           std::to_string(c.change_ideas) + " change ideas, " + std::to_string(c.tests) + " links to tests of change";
}

// "1.2.3 text [PACE-3 adopted, PACE-4 testing]", wrapped to 80 columns under its number.
void outline_line(std::ostream& out, std::size_t indent, const std::string& number, const std::string& text) {
    const std::size_t hang = indent + number.size() + 1;
    const auto lines = wrap(text, 80 - hang);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        out << std::string(i == 0 ? indent : hang, ' ') << (i == 0 ? number + " " : "") << lines[i] << '\n';
    }
}

void outline(std::ostream& out, const core::DriverDiagram& d, const std::vector<core::TestOfChange>& tests) {
    std::map<std::string, const core::TestOfChange*> by_reference;
    for (const auto& t : tests) by_reference.emplace(t.reference, &t);
    out << "Driver diagram " << d.reference << " of " << d.local_authority << "\n\n";
    outline_line(out, 0, "Aim:", d.aim);
    if (!d.aim_measure.empty()) outline_line(out, 0, "Measure:", d.aim_measure);
    for (std::size_t i = 0; i < d.primaries.size(); ++i) {
        const auto& p = d.primaries[i];
        const std::string n1 = std::to_string(i + 1);
        out << '\n';
        outline_line(out, 0, n1, p.text);
        for (std::size_t j = 0; j < p.secondaries.size(); ++j) {
            const auto& s = p.secondaries[j];
            const std::string n2 = n1 + "." + std::to_string(j + 1);
            outline_line(out, 2, n2, s.text);
            for (std::size_t k = 0; k < s.change_ideas.size(); ++k) {
                const auto& c = s.change_ideas[k];
                std::string linked;
                for (const auto& r : c.tests) {
                    const auto it = by_reference.find(r);
                    linked += (linked.empty() ? "" : ", ") + r +
                              (it == by_reference.end() ? "" : " " + std::string(core::status_words(*it->second)));
                }
                outline_line(out, 6, n2 + "." + std::to_string(k + 1),
                             c.text + " [" + (linked.empty() ? "not yet tested" : linked) + "]");
            }
        }
    }
}

}  // namespace

int cmd_driver_import(const Context& ctx, const DriverImportArgs& args) {
    const auto standards = ctx.standards();
    const auto database = ctx.open_database(standards.vocabulary);
    app::Database& store = *database;
    const auto r = app::import_driver_diagram(store.tests_of_change(), args.file, ctx.viewer);
    ctx.out << (r.replaced ? "Replaced" : "Imported") << " driver diagram " << r.diagram.reference << " of "
            << r.diagram.local_authority << ": " << counts_text(r.diagram) << "\n";
    return 0;
}

int cmd_driver_list(const Context& ctx, const DriverListArgs& args) {
    const auto standards = ctx.standards();
    const auto database = ctx.open_database(standards.vocabulary);
    app::Database& store = *database;
    const auto diagrams = store.tests_of_change().find_diagrams(args.local_authority);
    if (args.format == Format::csv) {
        std::string out =
            "local_authority,reference,aim,aim_measure,primary_drivers,secondary_drivers,change_ideas,tests\n";
        for (const auto& d : diagrams) {
            const auto c = core::count(d);
            csv_row(out, {d.local_authority, d.reference, d.aim, d.aim_measure, std::to_string(c.primaries),
                          std::to_string(c.secondaries), std::to_string(c.change_ideas), std::to_string(c.tests)});
        }
        ctx.out << out;
        return 0;
    }
    if (args.format == Format::json) {
        JsonRecords records(ctx.out);
        for (const auto& d : diagrams) {
            const auto c = core::count(d);
            records.add(boost::json::object{{"local_authority", d.local_authority},
                                            {"reference", d.reference},
                                            {"aim", d.aim},
                                            {"aim_measure", text_or_null(d.aim_measure)},
                                            {"primary_drivers", c.primaries},
                                            {"secondary_drivers", c.secondaries},
                                            {"change_ideas", c.change_ideas},
                                            {"tests", c.tests}});
        }
        records.finish();
        return 0;
    }
    if (diagrams.empty()) {
        ctx.out << "No driver diagrams stored.\n";
        return 0;
    }
    const bool councils =
        several_councils(diagrams, [](const auto& d) -> const std::string& { return d.local_authority; });
    std::vector<std::string> headers{"Diagram", "Primary", "Secondary", "Ideas", "Tests", "Aim"};
    if (councils) headers.insert(headers.begin(), "Council");
    Table table(headers);
    for (const auto& d : diagrams) {
        const auto c = core::count(d);
        std::vector<std::string> row{d.reference,
                                     std::to_string(c.primaries),
                                     std::to_string(c.secondaries),
                                     std::to_string(c.change_ideas),
                                     std::to_string(c.tests),
                                     d.aim};
        if (councils) row.insert(row.begin(), d.local_authority);
        table.add(std::move(row));
    }
    ctx.out << "Driver diagrams (" << diagrams.size() << ")\n\n";
    table.print(ctx.out);
    return 0;
}

int cmd_driver_show(const Context& ctx, const DriverShowArgs& args) {
    const bool to_stdout = args.out && *args.out == "-";
    const std::string format = !args.out   ? ""
                               : to_stdout ? args.format
                                           : format_of(*args.out, {"pdf", "svg", "png", "txt"});
    const auto standards = ctx.standards();
    const auto database = ctx.open_database(standards.vocabulary);
    app::Database& store = *database;
    const auto diagram = app::find_driver_diagram(store.tests_of_change(), args.reference, args.local_authority);
    const auto tests = store.tests_of_change().find_tests({diagram.local_authority, std::nullopt, std::nullopt});
    if (!args.out) {
        outline(ctx.out, diagram, tests);
        return 0;
    }
    render::DriverDiagramOptions options;
    options.generated = ctx.today;
    // Laid out with the built-in Liberation Sans table, as the timeline is: the same layout in
    // every format, and text never overruns its box where Pango kerns.
    const auto scene = render::driver_diagram_scene({diagram, tests}, options, render::builtin_metrics());
    const std::string bytes = draw(scene, format);
    if (to_stdout) {
        ctx.out << bytes;
    } else {
        write_file(*args.out, bytes);
    }
    return 0;
}

// --- The command line: options, help and what to run (options.hpp) ---

void register_driver(Command& root) {
    auto group = root.subcommand("driver", "Driver diagrams: aim, drivers, change ideas");
    group.require_subcommand();
    group.footer(
        with_global_help("A driver diagram links an aim, through primary and secondary drivers, to change\n"
                         "ideas and the tests of change that try them (docs/tests-of-change.md)."));
    {
        struct State {
            DriverImportArgs args;
        };
        auto s = std::make_shared<State>();
        auto c = group.subcommand("import", "Load a driver diagram from a TOML file");
        c.option("file", s->args.file, "the diagram (TOML)").required().type_name("FILE");
        c.footer(
            with_global_help("A diagram with the file's reference and council replaces the one stored. Its\n"
                             "change ideas name tests of change already stored."));
        c.run([s](const Context& ctx) { return cmd_driver_import(ctx, s->args); });
    }
    {
        auto s = std::make_shared<Parsed<DriverListArgs>>();
        auto c = group.subcommand("list", "List driver diagrams");
        c.option("--local-authority", s->args.local_authority, "one council's diagrams").type_name("CODE");
        add_format(c, s->format);
        c.footer(with_global_help(""));
        run_with_format(c, s, cmd_driver_list);
    }
    {
        struct State {
            DriverShowArgs args;
        };
        auto s = std::make_shared<State>();
        auto c = group.subcommand("show", "Show a driver diagram as an outline or draw it");
        c.option("reference", s->args.reference, "the diagram's reference").required().type_name("REF");
        c.option("--local-authority", s->args.local_authority, "the council, where two use the\nreference")
            .type_name("CODE");
        c.option("--out", s->args.out,
                 "draw it: FILE.pdf, .svg, .png or .txt (the\nscene as text); - for standard output")
            .type_name("PATH");
        c.option("--format", s->args.format, "with --out -: pdf (default), svg, png or\ntxt")
            .type_name("FORMAT")
            .one_of({"pdf", "svg", "png", "txt"});
        c.footer(
            with_global_help("Without --out, an outline with each change idea's tests of change and how they\n"
                             "stand. Drawn: one landscape A4 page, the aim, primary drivers, secondary drivers\n"
                             "and change ideas in columns."));
        c.run([s](const Context& ctx) { return cmd_driver_show(ctx, s->args); });
    }
}

}  // namespace waymark::cli
