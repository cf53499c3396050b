#include "app/reports.hpp"
#include "cli/commands.hpp"
#include "cli/environment.hpp"
#include "cli/json.hpp"
#include "cli/options.hpp"

#include <memory>

namespace waymark::cli {

int cmd_status(const Context& ctx, const StatusArgs& args) {
    const auto standards = ctx.standards();
    const auto database = ctx.open_database(standards.vocabulary);
    app::Database& store = *database;
    const auto rows = app::status_report(store, standards, {args.as_of, args.local_authority, args.child});
    if (args.format == Format::csv) {
        std::string out =
            "local_authority,child_id,stage,stage_since,days_in_stage,looked_after_since,placement,overdue,next_due_on,"
            "next_standard\n";
        for (const auto& r : rows) {
            const auto overdue = std::to_string(r.overdue);
            csv_row(out, {r.child.local_authority, r.child.child_id, core::to_string(r.stage), iso(r.stage_since),
                          number(r.days_in_stage), iso(r.looked_after_since), r.placement, overdue, iso(r.next_due_on),
                          r.next_standard});
            if (out.size() > (1 << 20)) {
                ctx.out << out;
                out.clear();
            }
        }
        ctx.out << out;
        return 0;
    }
    if (args.format == Format::json) {
        JsonRecords records(ctx.out);
        for (const auto& r : rows) {
            records.add(boost::json::object{{"local_authority", r.child.local_authority},
                                            {"child_id", r.child.child_id},
                                            {"stage", core::to_string(r.stage)},
                                            {"stage_since", date_or_null(r.stage_since)},
                                            {"days_in_stage", number_or_null(r.days_in_stage)},
                                            {"looked_after_since", date_or_null(r.looked_after_since)},
                                            {"placement", text_or_null(r.placement)},
                                            {"overdue", r.overdue},
                                            {"next_due_on", date_or_null(r.next_due_on)},
                                            {"next_standard", text_or_null(r.next_standard)}});
        }
        records.finish();
        return 0;
    }
    const bool councils =
        several_councils(rows, [](const auto& r) -> const std::string& { return r.child.local_authority; });
    std::vector<std::string> headers{"Child", "Stage", "Since", "Days", "Overdue", "Next due"};
    if (councils) headers.insert(headers.begin(), "Council");
    Table t(headers);
    for (const auto& r : rows) {
        std::string next = r.next_due_on ? r.next_due_on->display() + " " + r.next_standard : "";
        std::vector<std::string> row{
            r.child.child_id,        status_words(core::to_string(r.stage)),         display(r.stage_since),
            number(r.days_in_stage), r.overdue > 0 ? std::to_string(r.overdue) : "", next};
        if (councils) row.insert(row.begin(), r.child.local_authority);
        t.add(std::move(row));
    }
    if (t.empty()) {
        ctx.out << "No children stored.\n";
        return 0;
    }
    ctx.out << "Children as of " << args.as_of.display() << "\n\n";
    t.print(ctx.out);
    return 0;
}

// --- The command line: options, help and what to run (options.hpp) ---

void register_status(Command& root) {
    auto s = std::make_shared<Parsed<StatusArgs>>();
    auto c = root.subcommand("status", "List every child and their journey stage, as of a date");
    c.option("--as-of", s->as_of, "the date (default today)").type_name("DATE");
    c.option("--child", s->args.child, "one child (case reference)").type_name("ID");
    c.option("--local-authority", s->args.local_authority, "one council's children").type_name("CODE");
    add_format(c, s->format);
    c.footer(
        with_global_help("CSV columns: local_authority,child_id,stage,stage_since,days_in_stage,\n"
                         "looked_after_since,placement,overdue,next_due_on,next_standard. Stages:\n"
                         "pre_birth, awaiting_adoption, permanent, not_looked_after, away_assessment,\n"
                         "returning_home, legal, panel, permanence_planning, at_home."));
    run_as_of_with_format(c, s, cmd_status);
}

}  // namespace waymark::cli
