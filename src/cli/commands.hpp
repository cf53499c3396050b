#pragma once
// The subcommands, one file each. Each registers its options, help and run function
// (register_*, through options.hpp: CLI11 lives only in options.cpp); run.cpp lists them in a
// table, works out the configuration and calls the command given with what it uses.
#include "app/chart_kind.hpp"
#include "app/database.hpp"
#include "app/measure_report.hpp"
#include "app/reports.hpp"
#include "app/spc_input.hpp"
#include "app/standards_file.hpp"
#include "app/tests_of_change.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "core/date.hpp"
#include "core/qi.hpp"
#include "core/qi_mark.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace waymark::cli {

// Opens a connection to the program's database, with the standards' vocabulary: creating and
// migrating it if need be, or throwing core::Error(storage) when it is not a Waymark database or
// is newer than the program. The composition root (src/main.cpp) is the only place that knows
// which store it is; a command opens it when it has checked its arguments and read the
// standards, so a command that needs no database never creates one.
using DatabaseOpener = std::function<std::unique_ptr<app::Database>(const core::Vocabulary&)>;

struct Context {
    std::string db_path;  // for messages ("... into waymark.db")
    DatabaseOpener open_database;
    std::optional<std::string> standards_path;  // else the built-in defaults
    core::Date today;                           // the command line's "today"
    std::ostream& out;
    std::ostream& err;
    app::Viewer viewer;                        // the operating system's user and the time now, for the audit log
    std::optional<std::string> measures_path;  // else the built-in catalogue
    std::int64_t now = 0;                      // Unix seconds, for users, sessions and tokens
    bool today_pinned = false;                 // --today was given (serve: every page's as-of date)

    [[nodiscard]] app::StandardSet standards() const;
    [[nodiscard]] app::MeasureSet measures(const app::StandardSet& standards) const;
};

struct ImportArgs {
    std::optional<std::string> children;
    std::optional<std::string> events;
    bool ignore_unknown_columns = false;
    bool progress = false;  // force progress output even when not on a terminal
    bool no_progress = false;
};
int cmd_import(const Context& ctx, const ImportArgs& args);

struct DueArgs {
    core::Date as_of;
    bool all = false;
    std::optional<std::string> child;
    std::optional<std::string> local_authority;
    std::optional<std::string> standard;
    Format format = Format::table;
};
int cmd_due(const Context& ctx, const DueArgs& args);

struct StatusArgs {
    core::Date as_of;
    std::optional<std::string> child;
    std::optional<std::string> local_authority;
    Format format = Format::table;
};
int cmd_status(const Context& ctx, const StatusArgs& args);

struct ChronologyArgs {
    std::string child;
    std::optional<std::string> local_authority;
    core::Date as_of;
    Format format = Format::table;
};
int cmd_chronology(const Context& ctx, const ChronologyArgs& args);

struct StandardsArgs {
    Format format = Format::table;
    bool all = false;             // include switched-off standards
    bool print_defaults = false;  // print the built-in standards file to copy and edit
};
int cmd_standards(const Context& ctx, const StandardsArgs& args);

struct SynthArgs {
    std::size_t children = 100;
    std::uint64_t seed = 1;
    std::string local_authority = "S12000049";
    core::Date as_of;
    std::string out_dir;
};
int cmd_synth(const Context& ctx, const SynthArgs& args);

struct TimelineArgs {
    std::optional<std::string> child;
    std::optional<std::string> local_authority;
    bool all = false;  // every child of the council, one file each into the --out folder
    core::Date as_of;
    std::string out;             // a .pdf, .svg or .png file; with --all, a folder
    std::string format = "pdf";  // with --all: pdf, svg or png
    std::string paper = "a4";    // a4 or a3
    std::optional<core::Date> from;
    std::optional<core::Date> to;
    bool no_names = false;
    int gap_weeks = 12;
};
int cmd_timeline(const Context& ctx, const TimelineArgs& args);

// Run and control charts of a CSV file (docs/spc.md). Options that do not apply to the chart
// asked for are usage errors; cmd_spc checks them, main.cpp only parses.
struct SpcArgs {
    app::ChartKind chart;  // --chart, parsed at registration: run, i, mr, ..., or mdc (Making Data Count)
    std::string input;     // the CSV file
    std::optional<std::size_t> freeze;
    std::vector<std::size_t> part;  // a new part after each of these points (1-based)
    std::optional<std::string> part_column;
    std::optional<std::string> facet_column;
    std::vector<std::size_t> exclude;
    std::optional<double> multiply;
    std::optional<std::string> agg;                             // mean, median or sum
    std::optional<bool> screened_mr;                            // --screened-mr / --no-screened-mr
    std::optional<std::string> rules;                           // anhoej or ihi
    std::vector<std::string> rebase;                            // mdc: x values (dates or numbers, as the input's x)
    std::optional<std::size_t> fix_after;                       // mdc
    std::optional<core::qi::ImprovementDirection> improvement;  // mdc: --improvement, parsed at registration
    std::optional<double> target;                               // mdc
    Format format = Format::table;
    bool format_given = false;  // --format was given: it is for standard output, not with --out
    // The picture or workbook instead of standard output (docs/spc.md, "Pictures and Excel").
    std::optional<std::string> out;             // FILE.svg, .png, .pdf, .xlsx or .txt; - for standard output
    std::optional<std::string> picture_format;  // with --out -: svg, png, pdf, xlsx or txt
    std::optional<std::string> title;
    std::optional<std::string> definition;
    std::optional<std::string> y_label;
    std::vector<std::string> tests_of_change;  // X=LABEL
    bool two_sigma = false;                    // draw the 2-sigma lines
    // Set by `waymark chart` only (app::MeasureChart::not_analysed): why the chart is not
    // analysed, said instead of the runs and limits sentences; the points come excluded.
    std::string not_analysed;
};
int cmd_spc(const Context& ctx, const SpcArgs& args);
// The rest of cmd_spc once the input is read: `waymark chart` hands it a measure's series.
// What `waymark chart` gives run_spc from the measure, typed: the direction of improvement
// (unless --improvement is given) and the tests of change (unless --test-of-change is given).
struct MeasureGiven {
    std::optional<core::qi::ImprovementDirection> improvement;
    std::vector<core::qi::ChartMark> tests_of_change;
};
int run_spc(const Context& ctx, const SpcArgs& args, const app::SpcInput& input, const MeasureGiven& given = {});

struct MeasuresArgs {
    Format format = Format::table;
    bool print_defaults = false;  // print the built-in measures file to copy and edit
};
int cmd_measures(const Context& ctx, const MeasuresArgs& args);

struct MeasureArgs {
    std::string id;                  // a measure's id, or "all"
    std::optional<core::Date> from;  // default: 24 months before --to
    std::optional<core::Date> to;    // default: the as-of date
    core::Date as_of;
    std::string period = "month";  // month or quarter
    std::string by = "all";        // all, council or team
    std::optional<std::string> local_authority;
    std::optional<std::string> team;  // one team of the council
    Format format = Format::table;
};
int cmd_measure(const Context& ctx, const MeasureArgs& args);

struct ChartArgs {
    MeasureArgs measure;                // which measure, periods and council
    SpcArgs spc;                        // the chart, as for waymark spc (chart empty: run)
    std::optional<std::string> series;  // a split series, e.g. "po"
};
int cmd_chart(const Context& ctx, const ChartArgs& args);

// --- Tests of change (waymark pdsa ...) and driver diagrams (waymark driver ...) -------------

struct PdsaAddArgs {
    std::string local_authority;
    std::string reference;  // empty: the council's next TOC-n
    std::string title;
    std::string aim;
    std::string agency;
    std::string change_idea;
    std::string rationale;
    std::string prediction;
    std::vector<std::string> measures;
    core::Date start;
};
int cmd_pdsa_add(const Context& ctx, const PdsaAddArgs& args);

struct PdsaListArgs {
    std::optional<std::string> local_authority;
    std::optional<std::string> measure;
    Format format = Format::table;
};
int cmd_pdsa_list(const Context& ctx, const PdsaListArgs& args);

struct PdsaShowArgs {
    std::string reference;
    std::optional<std::string> local_authority;
    Format format = Format::table;  // table or json
};
int cmd_pdsa_show(const Context& ctx, const PdsaShowArgs& args);

struct PdsaCycleArgs {
    std::string reference;
    std::optional<std::string> local_authority;
    app::CycleUpdate update;
};
int cmd_pdsa_cycle(const Context& ctx, const PdsaCycleArgs& args);

struct PdsaDecideArgs {
    std::string reference;
    std::string decision;  // adopt, adapt or abandon
    std::string reason;
    std::optional<core::Date> on;  // default today
    bool revise = false;
    std::optional<std::string> local_authority;
};
int cmd_pdsa_decide(const Context& ctx, const PdsaDecideArgs& args);

struct PdsaImportArgs {
    std::optional<std::string> tests;
    std::optional<std::string> cycles;
    bool revise = false;
    bool ignore_unknown_columns = false;
};
int cmd_pdsa_import(const Context& ctx, const PdsaImportArgs& args);

struct PdsaExportArgs {
    std::optional<std::string> out_dir;  // else standard output
    bool cycles = false;                 // to standard output: the cycles file, not the tests
    std::optional<std::string> local_authority;
};
int cmd_pdsa_export(const Context& ctx, const PdsaExportArgs& args);

struct DriverImportArgs {
    std::string file;
};
int cmd_driver_import(const Context& ctx, const DriverImportArgs& args);

struct DriverListArgs {
    std::optional<std::string> local_authority;
    Format format = Format::table;
};
int cmd_driver_list(const Context& ctx, const DriverListArgs& args);

struct DriverShowArgs {
    std::string reference;
    std::optional<std::string> local_authority;
    std::optional<std::string> out;  // a .pdf, .svg, .png or .txt file, or - ; none: an outline
    std::string format = "pdf";      // with --out -: pdf, svg, png or txt
};
int cmd_driver_show(const Context& ctx, const DriverShowArgs& args);

// The web application (docs/web.md).
struct ServeArgs {
    std::string listen = "127.0.0.1:8080";
    unsigned threads = 2;
    std::size_t max_connections = 4096;  // open at once; beyond it 503
    unsigned report_threads = 2;         // measure reports' own pool
    unsigned report_timeout = 20;        // seconds a report may take
    std::string assets_dir;
    std::string trusted_proxy;  // whose X-Forwarded-For gives the client's address
    std::string tls_cert;       // HTTPS: certificate chain and private key, PEM
    std::string tls_key;
    std::optional<core::Date> today;  // pins the as-of date of every page (tests, demonstrations)
};
int cmd_serve(const Context& ctx, const ServeArgs& args);

struct UserAddArgs {
    std::string name;
    std::string role;
    std::string local_authority;
    std::string team;
    bool password_stdin = false;
    bool must_change = false;  // a one-time password: changed at first sign-in, within 7 days
    std::string display_name;
};
// Reads the password from `in` (its first line).
int cmd_user_add(const Context& ctx, const UserAddArgs& args, std::istream& in);
struct UserPasswdArgs {
    std::string name;
    bool password_stdin = false;
    bool must_change = false;
};
// Sets a user's password (the first line of `in`), ending their sessions and clearing any lock.
int cmd_user_passwd(const Context& ctx, const UserPasswdArgs& args, std::istream& in);
// Approves what an administrator's change left waiting (a council with one administrator).
int cmd_user_approve(const Context& ctx, const std::string& name);
int cmd_user_display_name(const Context& ctx, const std::string& name, const std::string& display_name);
struct TokenCreateArgs {
    std::string user;
    std::int64_t days = 90;  // --expires
};
int cmd_token_create(const Context& ctx, const TokenCreateArgs& args);
struct TokenListArgs {
    std::string user;  // empty: every user's
    Format format = Format::table;
};
int cmd_token_list(const Context& ctx, const TokenListArgs& args);
int cmd_token_revoke(const Context& ctx, std::int64_t id);

// Teams and allocations (cmd_caseload.cpp).
struct TeamAddArgs {
    std::string local_authority;
    std::string name;
};
int cmd_team_add(const Context& ctx, const TeamAddArgs& args);
struct TeamListArgs {
    std::optional<std::string> local_authority;
    Format format = Format::table;
};
int cmd_team_list(const Context& ctx, const TeamListArgs& args);
struct AllocateArgs {
    std::optional<std::string> child;
    std::optional<std::string> local_authority;
    std::optional<std::string> worker;
    std::optional<std::string> reviewing_officer;
    std::optional<std::string> legal;
    std::optional<std::string> from;  // allocations.csv
};
int cmd_allocate(const Context& ctx, const AllocateArgs& args);
struct AllocationsListArgs {
    std::string local_authority;
    std::optional<std::string> team;    // the children whose worker is of this team
    std::optional<std::string> worker;  // the rows naming this user
    Format format = Format::table;
};
int cmd_allocations_list(const Context& ctx, const AllocationsListArgs& args);
// Restricted records (cmd_restriction.cpp): lift one, as an administrator's decision, or list
// a council's by case reference.
struct RestrictionLiftArgs {
    std::string child;
    std::string local_authority;
    std::string reason;
    std::string by;  // the administrator whose decision it is
};
int cmd_restriction_lift(const Context& ctx, const RestrictionLiftArgs& args);
struct RestrictionListArgs {
    std::string local_authority;
    Format format = Format::table;
};
int cmd_restriction_list(const Context& ctx, const RestrictionListArgs& args);
// The audit log (cmd_audit.cpp): verify its hash chain (exit 4 and the first broken row if it
// is broken) from the latest checkpoint or the first row, recording a checkpoint when it is
// intact; print its head; or list it newest first.
struct AuditVerifyArgs {
    bool full = false;                       // from the first row, and every checkpoint checked
    std::optional<std::string> expect_head;  // ID:HASH, as `audit head` printed it
};
int cmd_audit_verify(const Context& ctx, const AuditVerifyArgs& args);
int cmd_audit_head(const Context& ctx);
struct AuditListArgs {
    std::optional<std::string> local_authority;
    std::optional<std::string> actor;
    std::optional<std::string> action;
    std::optional<std::string> child;
    std::optional<std::string> from;  // YYYY-MM-DD, inclusive
    std::optional<std::string> to;
    std::size_t limit = 100;
};
int cmd_audit_list(const Context& ctx, const AuditListArgs& args);

// --- The table of commands (run.cpp), in the order `waymark --help` lists them -------------------
// Each registers its options, help and run function in its cmd_*.cpp.
void register_import(Command& root);
void register_due(Command& root);
void register_status(Command& root);
void register_chronology(Command& root);
void register_timeline(Command& root);
void register_measures(Command& root);
void register_measure(Command& root);
void register_standards(Command& root);
void register_synth(Command& root);
void register_spc(Command& root);
void register_chart(Command& root);
void register_pdsa(Command& root);
void register_driver(Command& root);
void register_serve(Command& root);
void register_user(Command& root);
void register_team(Command& root);
void register_allocate(Command& root);
void register_allocations(Command& root);
void register_restriction(Command& root);
void register_token(Command& root);
void register_audit(Command& root);

// --as-of: the date given, else today.
core::Date as_of_or_today(const Context& ctx, const std::string& text);

// A command's arguments while the command line is parsed, with the text of its --format and
// --as-of, which are checked when it runs.
template <typename Args>
struct Parsed {
    Args args;
    std::string format = "table";
    std::string as_of;
};
// Runs `command` with the arguments and their format.
template <typename Args>
void run_with_format(Command& cmd, const std::shared_ptr<Parsed<Args>>& parsed,
                     int (*command)(const Context&, const Args&)) {
    cmd.run([parsed, command](const Context& ctx) {
        parsed->args.format = parse_format(parsed->format);
        return command(ctx, parsed->args);
    });
}
// The same with the as-of date (the date given, else today) before the format.
template <typename Args>
void run_as_of_with_format(Command& cmd, const std::shared_ptr<Parsed<Args>>& parsed,
                           int (*command)(const Context&, const Args&)) {
    cmd.run([parsed, command](const Context& ctx) {
        parsed->args.as_of = as_of_or_today(ctx, parsed->as_of);
        parsed->args.format = parse_format(parsed->format);
        return command(ctx, parsed->args);
    });
}

// The options that `spc` and `chart` share (cmd_spc.cpp): what to compute and how to show it.
struct ChartOptions {
    bool screened = false;  // --screened-mr
    bool no_screened = false;
    std::string format = "table";
    std::string chart = "run";               // --chart as given, parsed into SpcArgs::chart
    std::optional<std::string> improvement;  // --improvement as given, parsed into SpcArgs::improvement
};
void add_chart_options(Command& cmd, SpcArgs& args, ChartOptions& options);
// After parsing: the chart, the improvement direction, the format and the screened moving range
// flags into the arguments, typed (a usage error for a chart or direction that is none).
void finish_chart_options(const Command& cmd, SpcArgs& args, const ChartOptions& options);

// Human words for a clock status in tables ("due soon", "met late").
std::string status_words(std::string_view status);

}  // namespace waymark::cli
