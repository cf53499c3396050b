#include "app/tests_of_change_csv.hpp"

#include "app/csv_table.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

namespace waymark::app {

using core::Date;

namespace {

// Column numbers in test_columns() and cycle_columns().
enum TestColumn : std::size_t {
    t_council,
    t_reference,
    t_title,
    t_aim,
    t_agency,
    t_change_idea,
    t_rationale,
    t_prediction,
    t_measures,
    t_start_date,
    t_decision,
    t_decision_date,
    t_decision_reason,
};
enum CycleColumn : std::size_t {
    c_council,
    c_reference,
    c_cycle,
    c_plan,
    c_plan_date,
    c_do,
    c_do_date,
    c_study,
    c_study_date,
    c_act,
    c_act_date,
};

const std::vector<std::string> kTestRequired{"local_authority", "reference", "title", "aim",
                                             "change_idea",     "start_date"};
const std::vector<std::string> kCycleRequired{"local_authority", "reference", "cycle", "plan"};

// A test or cycle's key: council and reference.
std::string key_of(std::string_view council, std::string_view reference) {
    return std::string(council).append(1, '\x1f').append(reference);
}

std::vector<std::string> split_measures(std::string_view text) {
    std::vector<std::string> out;
    while (!text.empty()) {
        const auto semicolon = text.find(';');
        const auto piece = trim(text.substr(0, semicolon));
        if (!piece.empty()) out.emplace_back(piece);
        if (semicolon == std::string_view::npos) break;
        text.remove_prefix(semicolon + 1);
    }
    return out;
}

// Reads a date column of the current row: nullopt when empty (a problem, `required`, if that
// is given) or not a date (a problem); `ok` turns false on a problem.
std::optional<Date> read_date(Table& t, std::size_t k, const std::vector<std::string>& columns, const char* required,
                              bool& ok) {
    const auto text = t.get(k);
    if (text.empty()) {
        if (required != nullptr) {
            t.problem(k, columns, required);
            ok = false;
        }
        return std::nullopt;
    }
    const auto d = Date::try_parse(text, true);
    if (!d) {
        t.problem(k, columns, "'" + std::string(text) + "' is not a date (expected YYYY-MM-DD or DD/MM/YYYY)");
        ok = false;
    } else if (*d < Date(1900, 1, 1)) {
        t.problem(k, columns, d->iso() + " is before 1900");
        ok = false;
        return std::nullopt;
    }
    return d;
}

// Reports the problems core found with a record, each at the column its field names.
void report(Table& t, const std::vector<std::string>& columns, const std::vector<core::FieldProblem>& problems) {
    for (const auto& p : problems) t.problem(Table::column_of(columns, p.field), columns, p.message);
}

// Puts the problems found with one row in the order of its columns, whichever check found
// them first.
class RowProblems {
public:
    explicit RowProblems(Problems& problems) : problems_(problems), first_(problems.list.size()) {}
    ~RowProblems() {
        std::stable_sort(problems_.list.begin() + static_cast<std::ptrdiff_t>(first_), problems_.list.end(),
                         [](const ImportProblem& a, const ImportProblem& b) { return a.column < b.column; });
    }
    RowProblems(const RowProblems&) = delete;
    RowProblems& operator=(const RowProblems&) = delete;

private:
    Problems& problems_;
    std::size_t first_;
};

struct Reader {
    explicit Reader(const TestImportOptions& o) : options(o) {}

    const TestImportOptions& options;
    Problems problems{options.max_problems, {}, 0};
    std::map<std::string, const core::TestOfChange*> stored;  // by key
    std::vector<core::TestOfChange> tests;
    std::map<std::string, std::size_t> test_lines;  // by key: the line it is on
    std::vector<CycleToWrite> cycles;
    std::string tests_file = "the tests file";

    void read_tests(const std::string& path) {
        const auto& columns = test_columns();
        Table t(path, columns, kTestRequired, options.ignore_unknown_columns, problems);
        tests_file = t.name();
        while (t.ok() && t.next()) {
            const RowProblems in_order(problems);
            core::TestOfChange x;
            x.local_authority = t.get(t_council);
            x.reference = t.get(t_reference);
            x.title = t.get(t_title);
            x.aim = t.get(t_aim);
            x.agency = t.get(t_agency);
            x.change_idea = t.get(t_change_idea);
            x.rationale = t.get(t_rationale);
            x.prediction = t.get(t_prediction);
            x.measures = split_measures(t.get(t_measures));
            bool start_ok = true;
            // An unreadable start leaves the earliest date, against which nothing else fails.
            x.start_date = read_date(t, t_start_date, columns, "required", start_ok).value_or(Date(1900, 1, 1));

            bool decision_ok = true;
            const auto decision_text = t.get(t_decision);
            const auto decision = core::parse_decision(decision_text);
            if (!decision_text.empty() && !decision) {
                t.problem(t_decision, columns,
                          "'" + std::string(decision_text) + "' is not allowed (expected adopt, adapt or abandon)");
                decision_ok = false;
            }
            const auto on = read_date(t, t_decision_date, columns,
                                      decision_text.empty() ? nullptr : "required with a decision", decision_ok);
            if (decision_text.empty()) {
                for (const std::size_t k : {std::size_t{t_decision_date}, std::size_t{t_decision_reason}}) {
                    if (!t.get(k).empty()) {
                        t.problem(k, columns, "given without a decision");
                        decision_ok = false;
                    }
                }
            } else if (decision) {
                // Without its date, the start stands in, so that the reason is still checked.
                x.decision =
                    core::DecisionRecord{*decision, on.value_or(x.start_date), std::string(t.get(t_decision_reason))};
            }
            report(t, columns, core::check_test(x, options.today));

            const std::string key = key_of(x.local_authority, x.reference);
            if (const auto [it, fresh] = test_lines.emplace(key, t.line()); !fresh) {
                t.problem(
                    t_reference, columns,
                    x.reference + " of " + x.local_authority + " is already on line " + std::to_string(it->second));
            }
            if (const auto it = stored.find(key); it != stored.end() && decision_ok && !options.revise) {
                const auto& was = it->second->decision;
                if (was && was != x.decision) {
                    t.problem(t_decision, columns,
                              x.reference + " is stored as " + std::string(core::past_tense(was->decision)) + " on " +
                                  was->on.iso() + "; --revise lets an import change a decision already recorded");
                }
            }
            tests.push_back(std::move(x));
        }
    }

    void read_cycles(const std::string& path) {
        const auto& columns = cycle_columns();
        Table t(path, columns, kCycleRequired, options.ignore_unknown_columns, problems);
        // Per test: the cycle numbers of this file, with their lines.
        std::map<std::string, std::map<int, std::size_t>> numbers;
        while (t.ok() && t.next()) {
            const RowProblems in_order(problems);
            CycleToWrite w;
            w.test = {std::string(t.get(c_council)), std::string(t.get(c_reference))};
            core::PdsaCycle& c = w.cycle;
            const auto number_text = t.get(c_cycle);
            const auto [end, ec] =
                std::from_chars(number_text.data(), number_text.data() + number_text.size(), c.number);
            const bool number_ok =
                !number_text.empty() && ec == std::errc{} && end == number_text.data() + number_text.size();
            if (!number_ok) {
                t.problem(c_cycle, columns,
                          number_text.empty()
                              ? "required"
                              : "'" + std::string(number_text) + "' is not a cycle number (1, 2, 3 ...)");
                c.number = 1;  // so that check_cycle does not report it again
            }
            bool dates_ok = true;
            c.plan = t.get(c_plan);
            c.plan_date = read_date(t, c_plan_date, columns, nullptr, dates_ok);
            c.do_text = t.get(c_do);
            c.do_date = read_date(t, c_do_date, columns, nullptr, dates_ok);
            c.study = t.get(c_study);
            c.study_date = read_date(t, c_study_date, columns, nullptr, dates_ok);
            c.act = t.get(c_act);
            c.act_date = read_date(t, c_act_date, columns, nullptr, dates_ok);
            report(t, columns, core::check_cycle(c));

            const std::string key = key_of(w.test.local_authority, w.test.reference);
            if (w.test.local_authority.empty()) {
                t.problem(c_council, columns, "required (a council code or name)");
            } else if (w.test.reference.empty()) {
                t.problem(c_reference, columns, "required");
            } else if (!test_lines.contains(key) && !stored.contains(key)) {
                t.problem(c_reference, columns,
                          "no test of change " + w.test.reference + " of " + w.test.local_authority + " in " +
                              tests_file + " or already stored");
            } else if (number_ok && c.number >= 1) {
                if (const auto [it, fresh] = numbers[key].emplace(c.number, t.line()); !fresh) {
                    t.problem(c_cycle, columns,
                              "cycle " + std::to_string(c.number) + " of " + w.test.reference + " is already on line " +
                                  std::to_string(it->second));
                }
            }
            cycles.push_back(std::move(w));
        }
        // Each test's cycles, stored and imported, are numbered 1, 2, 3 ... without a gap.
        for (const auto& [key, lines] : numbers) {
            std::set<int> all;
            for (const auto& [n, line] : lines) all.insert(n);
            if (const auto it = stored.find(key); it != stored.end()) {
                for (const auto& c : it->second->cycles) all.insert(c.number);
            }
            const auto reference = key.substr(key.find('\x1f') + 1);
            for (const auto& [n, line] : lines) {
                if (n > 1 && !all.contains(n - 1)) {
                    t.problem_at(line, c_cycle, columns,
                                 "cycle " + std::to_string(n) + " of " + reference + " follows no cycle " +
                                     std::to_string(n - 1) + " (a test's cycles are numbered 1, 2, 3 ...)");
                }
            }
        }
    }
};

void add_row(std::string& out, std::initializer_list<std::string_view> fields) {
    bool first = true;
    for (const auto f : fields) {
        if (!first) out.push_back(',');
        first = false;
        append_csv_field(out, f);
    }
    out.push_back('\n');
}

std::string header(const std::vector<std::string>& columns) {
    std::string out;
    for (const auto& c : columns) out += (out.empty() ? "" : ",") + c;
    return out + "\n";
}

std::string iso(const std::optional<Date>& d) {
    return d ? d->iso() : std::string();
}

}  // namespace

const std::vector<std::string>& test_columns() {
    static const std::vector<std::string> columns{
        "local_authority", "reference", "title",      "aim",      "agency",        "change_idea",    "rationale",
        "prediction",      "measures",  "start_date", "decision", "decision_date", "decision_reason"};
    return columns;
}

const std::vector<std::string>& cycle_columns() {
    static const std::vector<std::string> columns{"local_authority", "reference", "cycle",   "plan",
                                                  "plan_date",       "do",        "do_date", "study",
                                                  "study_date",      "act",       "act_date"};
    return columns;
}

TestImportResult import_tests_of_change(TestsOfChangeStore& store, const TestImportOptions& options,
                                        const Viewer& viewer) {
    if (!options.tests_path && !options.cycles_path) {
        throw core::Error(core::ErrorKind::usage, "nothing to import: give a tests file, --cycles FILE or both");
    }
    const auto stored = store.find_tests({});
    Reader reader{options};
    for (const auto& t : stored) reader.stored.emplace(key_of(t.local_authority, t.reference), &t);
    if (options.tests_path) reader.read_tests(*options.tests_path);
    if (options.cycles_path) reader.read_cycles(*options.cycles_path);
    if (reader.problems.total > 0) throw ImportError(std::move(reader.problems.list), reader.problems.total);

    TestImportResult result;
    result.test_rows = reader.tests.size();
    result.cycle_rows = reader.cycles.size();
    result.written = store.put_tests(reader.tests, reader.cycles, options.revise, viewer.at);
    return result;
}

TestFiles export_tests_of_change(TestsOfChangeStore& store, const TestQuery& query) {
    TestFiles out{header(test_columns()), header(cycle_columns()), 0, 0};
    for (const auto& t : store.find_tests(query)) {
        ++out.tests;
        out.cycles += t.cycles.size();
        std::string measures;
        for (const auto& m : t.measures) measures += (measures.empty() ? "" : ";") + m;
        const auto start = t.start_date.iso();
        const auto decided = t.decision ? t.decision->on.iso() : std::string();
        add_row(out.tests_csv,
                {t.local_authority, t.reference, t.title, t.aim, t.agency, t.change_idea, t.rationale, t.prediction,
                 measures, start, t.decision ? core::to_string(t.decision->decision) : std::string_view{}, decided,
                 t.decision ? std::string_view(t.decision->reason) : std::string_view{}});
        for (const auto& c : t.cycles) {
            const auto number = std::to_string(c.number);
            add_row(out.cycles_csv, {t.local_authority, t.reference, number, c.plan, iso(c.plan_date), c.do_text,
                                     iso(c.do_date), c.study, iso(c.study_date), c.act, iso(c.act_date)});
        }
    }
    return out;
}

}  // namespace waymark::app
