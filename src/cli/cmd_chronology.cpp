#include "app/chronology_export.hpp"
#include "app/reports.hpp"
#include "cli/commands.hpp"
#include "cli/environment.hpp"
#include "cli/json.hpp"
#include "cli/options.hpp"
#include "web/routes/api.hpp"

#include <memory>

namespace waymark::cli {

namespace {

std::string full_name(const core::ChildRecord& c) {
    std::string name = c.given_name;
    if (!c.family_name.empty()) name += (name.empty() ? "" : " ") + c.family_name;
    return name;
}

std::string event_text(const app::ChronologyEntry& e) {
    std::string s = e.label;
    if (e.event.status != core::EventStatus::occurred) s += " (" + std::string(core::to_string(e.event.status)) + ")";
    return s;
}

}  // namespace

int cmd_chronology(const Context& ctx, const ChronologyArgs& args) {
    const auto standards = ctx.standards();
    const auto database = ctx.open_database(standards.vocabulary);
    app::Database& store = *database;
    const auto c = app::chronology(store, standards, args.child, args.local_authority, args.as_of, ctx.viewer);
    const auto& s = c.status;

    if (args.format == Format::csv) {
        ctx.out << app::chronology_csv(c, standards.vocabulary, app::ChronologyCsvStyle::codes);
        return 0;
    }
    if (args.format == Format::json) {
        boost::json::array events;
        for (const auto& e : c.entries) events.emplace_back(web::chronology_entry_json(e, standards.vocabulary));
        boost::json::array clocks;
        for (const auto& k : c.clocks) clocks.emplace_back(web::clock_json(k, web::ClockKind::shown));
        const boost::json::object body{{"local_authority", c.child.local_authority},
                                       {"child_id", c.child.child_id},
                                       {"family_name", c.child.family_name},
                                       {"given_name", c.child.given_name},
                                       {"date_of_birth", date_or_null(c.child.date_of_birth)},
                                       {"expected_birth_date", date_or_null(c.child.expected_birth_date)},
                                       {"sibling_group", text_or_null(c.child.sibling_group)},
                                       {"as_of", c.as_of.iso()},
                                       {"stage", core::to_string(s.stage)},
                                       {"stage_since", date_or_null(s.stage_since)},
                                       {"events", std::move(events)},
                                       {"clocks", std::move(clocks)}};
        ctx.out << to_json(body, {1, 2}) << '\n';
        return 0;
    }

    const auto name = full_name(c.child);
    ctx.out << "Chronology of " << (name.empty() ? c.child.child_id : name + " (" + c.child.child_id + ")") << ", "
            << c.child.local_authority << "\n";
    if (c.child.date_of_birth) {
        ctx.out << "Born " << c.child.date_of_birth->display();
    } else if (c.child.expected_birth_date) {
        ctx.out << "Expected " << c.child.expected_birth_date->display();
    }
    ctx.out << "; as of " << c.as_of.display() << ": " << status_words(core::to_string(s.stage));
    if (s.stage_since) ctx.out << " since " << s.stage_since->display() << " (" << *s.days_in_stage << " days)";
    ctx.out << "\n\n";

    Table events({"Date", "Event", "Source", "Details and note"});
    for (const auto& e : c.entries) {
        std::string text = e.event.details;
        if (!e.event.note.empty()) text += (text.empty() ? "" : ". ") + e.event.note;
        events.add({e.event.date.display(), event_text(e), e.event.agency, text});
    }
    if (events.empty()) {
        ctx.out << "No events recorded.\n";
    } else {
        events.print(ctx.out);
    }

    ctx.out << "\nClocks\n\n";
    Table clocks({"Standard", "Due", "Status", "Stopped", "Late", "Kind", "Basis"});
    for (const auto& k : c.clocks) {
        clocks.add({k.standard->id, k.due_on.display(), status_words(core::to_string(k.status)), display(k.stopped_on),
                    number(k.days_late), std::string(core::kind_words(k.standard->kind)), k.standard->basis});
    }
    if (clocks.empty()) {
        ctx.out << "No clocks.\n";
    } else {
        clocks.print(ctx.out);
    }
    return 0;
}

// --- The command line: options, help and what to run (options.hpp) ---

void register_chronology(Command& root) {
    auto s = std::make_shared<Parsed<ChronologyArgs>>();
    auto c = root.subcommand("chronology", "Print a child's chronology and clocks");
    c.option("child", s->args.child, "the child's case reference").required().type_name("ID");
    c.option("--as-of", s->as_of, "the date (default today)").type_name("DATE");
    c.option("--local-authority", s->args.local_authority, "the council, where two share the case\nreference")
        .type_name("CODE");
    add_format(c, s->format);
    c.footer(
        with_global_help("The chronology lists occurred events to the as-of date, then planned and\n"
                         "cancelled ones; the clocks follow with each standard's basis."));
    run_as_of_with_format(c, s, cmd_chronology);
}

}  // namespace waymark::cli
