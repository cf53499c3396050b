#include "cli/commands.hpp"
#include "cli/environment.hpp"
#include "cli/json.hpp"
#include "cli/options.hpp"

#include <memory>

namespace waymark::cli {

namespace {

std::string limit_text(const core::Standard& s) {
    return s.limit.to_string() + (s.direction == core::Direction::before ? " before" : "") +
           (s.counting == core::Counting::day_made_is_day_1 ? ", the day made is day 1" : "") +
           (s.lapses ? ", then lapses" : "");
}

std::string start_text(const app::StandardSet& set, const std::vector<core::EventMatch>& ms) {
    std::string out;
    for (const auto& m : ms) {
        if (!out.empty()) out += " or ";
        out += set.vocabulary.name(m.type);
        for (const auto& f : m.where) {
            out += " " + f.key + "=";
            for (std::size_t i = 0; i < f.values.size(); ++i) out += (i ? "/" : "") + f.values[i];
        }
    }
    return out;
}

}  // namespace

int cmd_standards(const Context& ctx, const StandardsArgs& args) {
    if (args.print_defaults) {
        ctx.out << app::default_standards_text();
        return 0;
    }
    const auto set = ctx.standards();
    std::vector<const core::Standard*> shown;
    for (const auto& s : set.standards) {
        if (s.enabled || args.all) shown.push_back(&s);
    }
    if (args.format == Format::csv) {
        std::string out =
            "standard,title,kind,start,occurrence,preceded_by,stop,limit,direction,closes_with,warning_days,basis,"
            "source,enabled,gives_up_at,on_expiry,counting,ends_at_age\n";
        for (const auto* s : shown) {
            const auto warning = std::to_string(s->warning.count);
            const auto start = start_text(set, s->start);
            const auto stop = start_text(set, s->stop);
            const std::string_view preceded =
                s->preceded_by ? set.vocabulary.name(*s->preceded_by) : std::string_view{};
            csv_row(out, {s->id, s->title, s->kind, start, core::to_string(s->occurrence), preceded, stop,
                          s->limit.to_string(), core::to_string(s->direction), core::to_string(s->closes_with), warning,
                          s->basis, s->source, s->enabled ? "true" : "false", start_text(set, s->gives_up_at),
                          s->lapses ? "lapse" : "none", core::to_string(s->counting),
                          s->ends_at_age ? std::to_string(*s->ends_at_age) : std::string()});
        }
        ctx.out << out;
        return 0;
    }
    if (args.format == Format::json) {
        JsonRecords records(ctx.out);
        for (const auto* s : shown) {
            records.add(boost::json::object{
                {"standard", s->id},
                {"title", s->title},
                {"kind", s->kind},
                {"start", start_text(set, s->start)},
                {"occurrence", core::to_string(s->occurrence)},
                {"preceded_by", s->preceded_by ? boost::json::value(set.vocabulary.name(*s->preceded_by))
                                               : boost::json::value(nullptr)},
                {"stop", start_text(set, s->stop)},
                {"limit", s->limit.to_string()},
                {"direction", core::to_string(s->direction)},
                {"closes_with", core::to_string(s->closes_with)},
                {"warning_days", s->warning.count},
                {"basis", s->basis},
                {"source", s->source},
                {"enabled", s->enabled},
                {"gives_up_at", start_text(set, s->gives_up_at)},
                {"on_expiry", s->lapses ? "lapse" : "none"},
                {"counting", core::to_string(s->counting)},
                {"ends_at_age", s->ends_at_age ? boost::json::value(*s->ends_at_age) : boost::json::value(nullptr)}});
        }
        records.finish();
        return 0;
    }
    ctx.out << "Standards in force (" << set.origin << ")\n\n";
    Table t({"Standard", "Limit", "Kind", "Basis and source"});
    for (const auto* s : shown) {
        std::string why = s->basis;
        if (!s->source.empty()) why += ", " + s->source;
        if (!s->enabled) why += " [switched off]";
        t.add({s->id, limit_text(*s), std::string(core::kind_words(s->kind)), why});
    }
    t.print(ctx.out);
    return 0;
}

// --- The command line: options, help and what to run (options.hpp) ---

void register_standards(Command& root) {
    auto s = std::make_shared<Parsed<StandardsArgs>>();
    auto c = root.subcommand("standards", "List the standards in force: limit, basis, source");
    c.flag("--all", s->args.all, "include standards that are switched off");
    c.flag("--print-defaults", s->args.print_defaults, "print the built-in standards file to copy\nand edit");
    add_format(c, s->format);
    c.footer(
        with_global_help("A council's own standards: waymark standards --print-defaults > mine.toml,\n"
                         "edit it, then use --standards mine.toml (or standards = \"mine.toml\" in the\n"
                         "config file)."));
    run_with_format(c, s, cmd_standards);
}

}  // namespace waymark::cli
