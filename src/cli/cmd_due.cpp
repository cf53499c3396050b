#include "app/reports.hpp"
#include "cli/commands.hpp"
#include "cli/environment.hpp"
#include "cli/json.hpp"
#include "cli/options.hpp"
#include "web/routes/api.hpp"

#include <algorithm>
#include <charconv>
#include <memory>
#include <thread>

namespace waymark::cli {

std::string status_words(std::string_view status) {
    std::string s(status);
    for (auto& c : s) {
        if (c == '_') c = ' ';
    }
    return s;
}

int cmd_due(const Context& ctx, const DueArgs& args) {
    const auto standards = ctx.standards();
    const auto database = ctx.open_database(standards.vocabulary);
    app::Database& store = *database;
    const auto report =
        app::due_report(store, standards, {args.as_of, args.all, args.local_authority, args.child, args.standard});
    const auto& kids = report.children;
    if (args.format == Format::csv) {
        // Millions of rows: each child's and standard's cells are escaped once, dates written
        // without temporaries, and the two halves formatted on the two cores.
        std::vector<std::string> child_cells(kids.size());
        for (std::size_t i = 0; i < kids.size(); ++i) {
            csv_field(child_cells[i], kids[i].local_authority);
            child_cells[i] += ',';
            csv_field(child_cells[i], kids[i].child_id);
            child_cells[i] += ',';
        }
        std::vector<std::string> standard_cells(standards.standards.size());
        for (std::size_t i = 0; i < standards.standards.size(); ++i) {
            csv_field(standard_cells[i], standards.standards[i].id);
            standard_cells[i] += ',';
        }
        auto format = [&](std::size_t from, std::size_t to, std::string& out) {
            // Written through a raw pointer into room made beforehand: a row is at most its
            // two escaped cells plus 3 dates, a status and a number (under 64 characters).
            std::size_t used = out.size();
            for (std::size_t i = from; i < to; ++i) {
                const auto r = report.row(i);
                const auto& who = child_cells[r.child];
                const auto& what = standard_cells[static_cast<std::size_t>(r.standard - standards.standards.data())];
                const std::size_t room = who.size() + what.size() + 64;
                if (out.size() < used + room) out.resize(std::max(out.size() * 2, used + room + (1 << 16)));
                char* p = out.data() + used;
                p = std::copy(who.begin(), who.end(), p);
                p = std::copy(what.begin(), what.end(), p);
                p = core::write_iso(p, r.starts_on);
                *p++ = ',';
                p = core::write_iso(p, r.due_on);
                *p++ = ',';
                const auto status = core::to_string(r.status);
                p = std::copy(status.begin(), status.end(), p);
                *p++ = ',';
                if (r.stopped_on) p = core::write_iso(p, *r.stopped_on);
                *p++ = ',';
                if (r.days_late) p = std::to_chars(p, p + 12, *r.days_late).ptr;
                *p++ = '\n';
                used = static_cast<std::size_t>(p - out.data());
            }
            out.resize(used);
        };
        // In rounds of two chunks, one per core, through two buffers that are used again: the
        // output never sits in memory whole.
        const std::size_t n = report.size();
        constexpr std::size_t kChunk = 65536;
        std::string first = "local_authority,child_id,standard,starts_on,due_on,status,stopped_on,days_late\n";
        std::string second;
        for (std::size_t at = 0; at < n || at == 0; at += 2 * kChunk) {
            const std::size_t mid = std::min(n, at + kChunk);
            const std::size_t end = std::min(n, at + 2 * kChunk);
            std::thread other;
            if (mid < end) other = std::thread([&] { format(mid, end, second); });
            format(at, mid, first);
            if (other.joinable()) other.join();
            ctx.out << first << second;
            first.clear();
            second.clear();
            if (n == 0) break;
        }
        return 0;
    }
    if (args.format == Format::json) {
        JsonRecords records(ctx.out);
        for (std::size_t i = 0; i < report.size(); ++i) {
            const auto r = report.row(i);
            const auto& c = kids[r.child];
            boost::json::object o{{"local_authority", c.local_authority}, {"child_id", c.child_id}};
            for (const auto& m : web::clock_json(
                     {r.standard, r.starts_on, r.due_on, r.status, r.stopped_on, r.days_late, 0, std::nullopt, false},
                     web::ClockKind::shown)) {
                o.emplace(m.key(), m.value());
            }
            records.add(o);
        }
        records.finish();
        return 0;
    }
    const bool councils = several_councils(kids, [](const auto& c) -> const std::string& { return c.local_authority; });
    std::vector<std::string> headers{"Due", "Child", "Standard", "Status", "Late"};
    if (councils) headers.insert(headers.begin() + 1, "Council");
    Table t(headers);
    for (std::size_t i = 0; i < report.size(); ++i) {
        const auto r = report.row(i);
        const auto& c = kids[r.child];
        std::vector<std::string> row{r.due_on.display(), c.child_id, r.standard->id,
                                     status_words(core::to_string(r.status)),
                                     r.days_late ? std::to_string(*r.days_late) + " days" : ""};
        if (councils) row.insert(row.begin() + 1, c.local_authority);
        t.add(std::move(row));
    }
    if (t.empty()) {
        ctx.out << "Nothing " << (args.all ? "" : "running ") << "as of " << args.as_of.display() << ".\n";
        return 0;
    }
    ctx.out << "Clocks as of " << args.as_of.display()
            << (args.all ? "" : " (overdue, due soon and open; --all for every clock)") << "\n\n";
    t.print(ctx.out);
    return 0;
}

// --- The command line: options, help and what to run (options.hpp) ---

void register_due(Command& root) {
    auto s = std::make_shared<Parsed<DueArgs>>();
    auto c = root.subcommand("due", "List clocks overdue, due soon or open, as of a date");
    c.option("--as-of", s->as_of, "the date to judge clocks on (default today)").type_name("DATE");
    c.flag("--all", s->args.all, "every clock: also met, met late, missed,\nclosed and lapsed");
    c.option("--child", s->args.child, "one child's clocks (case reference)").type_name("ID");
    c.option("--local-authority", s->args.local_authority, "one council's clocks").type_name("CODE");
    c.option("--standard", s->args.standard, "one standard's clocks\n(see 'waymark standards')").type_name("ID");
    add_format(c, s->format);
    c.footer(
        with_global_help("CSV columns: local_authority,child_id,standard,starts_on,due_on,status,\n"
                         "stopped_on,days_late, ordered by due_on, child_id, standard. Statuses: met,\n"
                         "met_late, missed, closed, overdue, due_soon (due within the warning window,\n"
                         "14 days unless the standards file says otherwise) and open."));
    run_as_of_with_format(c, s, cmd_due);
}

}  // namespace waymark::cli
