#include "app/reports.hpp"
#include "cli/commands.hpp"
#include "store/sqlite/sqlite_store.hpp"

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
    store::SqliteStore store(ctx.db_path, standards.vocabulary);
    const auto report =
        app::due_report(store, standards, {args.as_of, args.all, args.local_authority, args.child, args.standard});
    const auto& kids = report.children;
    if (args.format == Format::csv) {
        std::string out = "local_authority,child_id,standard,starts_on,due_on,status,stopped_on,days_late\n";
        out.reserve(report.rows.size() * 80 + out.size());
        for (const auto& r : report.rows) {
            const auto& c = kids[r.child];
            csv_row(out, {c.local_authority, c.child_id, r.standard->id, r.starts_on.iso(), r.due_on.iso(),
                          core::to_string(r.status), iso(r.stopped_on), number(r.days_late)});
            if (out.size() > (1 << 20)) {
                ctx.out << out;
                out.clear();
            }
        }
        ctx.out << out;
        return 0;
    }
    if (args.format == Format::json) {
        std::string out = "[";
        bool first = true;
        for (const auto& r : report.rows) {
            const auto& c = kids[r.child];
            out += first ? "\n  " : ",\n  ";
            first = false;
            out += "{\"local_authority\": " + json_string(c.local_authority) +
                   ", \"child_id\": " + json_string(c.child_id) + ", \"standard\": " + json_string(r.standard->id) +
                   ", \"title\": " + json_string(r.standard->title) + ", \"basis\": " + json_string(r.standard->basis) +
                   ", \"source\": " + json_string(r.standard->source) + ", \"starts_on\": \"" + r.starts_on.iso() +
                   "\", \"due_on\": \"" + r.due_on.iso() + "\", \"status\": \"" +
                   std::string(core::to_string(r.status)) + "\", \"stopped_on\": " + json_date(r.stopped_on) +
                   ", \"days_late\": " + json_number(r.days_late) + "}";
            if (out.size() > (1 << 20)) {
                ctx.out << out;
                out.clear();
            }
        }
        out += first ? "]\n" : "\n]\n";
        ctx.out << out;
        return 0;
    }
    bool several_councils = false;
    for (const auto& c : kids) several_councils = several_councils || c.local_authority != kids.front().local_authority;
    std::vector<std::string> headers{"Due", "Child", "Standard", "Status", "Late"};
    if (several_councils) headers.insert(headers.begin() + 1, "Council");
    Table t(headers);
    for (const auto& r : report.rows) {
        const auto& c = kids[r.child];
        std::vector<std::string> row{r.due_on.display(), c.child_id, r.standard->id,
                                     status_words(core::to_string(r.status)),
                                     r.days_late ? std::to_string(*r.days_late) + " days" : ""};
        if (several_councils) row.insert(row.begin() + 1, c.local_authority);
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

}  // namespace waymark::cli
