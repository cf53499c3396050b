#include "store/sqlite/tests_of_change.hpp"

#include "store/sqlite/statement.hpp"

#include <map>

namespace waymark::store {

using core::Error;
using core::ErrorKind;
using sqlite::ReadTransaction;
using sqlite::Statement;
using sqlite::WriteTransaction;

namespace {

std::string describe(const app::RecordRef& ref) {
    return "test of change " + ref.reference + " of " + ref.local_authority;
}

std::optional<std::int64_t> find_test_id(sqlite3* db, const app::RecordRef& ref) {
    Statement s(db, "SELECT id FROM tests_of_change WHERE local_authority=?1 AND reference=?2");
    s.bind(1, ref.local_authority);
    s.bind(2, ref.reference);
    if (!s.step()) return std::nullopt;
    return s.integer(0);
}

std::int64_t test_id(sqlite3* db, const app::RecordRef& ref) {
    if (auto id = find_test_id(db, ref)) return *id;
    throw Error(ErrorKind::not_found, "no " + describe(ref));
}

void touch(sqlite3* db, std::int64_t test, std::string_view at) {
    Statement s(db, "UPDATE tests_of_change SET updated_at=?2 WHERE id=?1");
    s.bind(1, test);
    s.bind(2, at);
    s.step();
}

// The columns of a test after its id, in the order of kTestColumns.
void bind_test(Statement& s, const core::TestOfChange& t) {
    s.bind(2, t.local_authority);
    s.bind(3, t.reference);
    s.bind(4, t.title);
    s.bind(5, t.aim);
    s.bind(6, t.agency);
    s.bind(7, t.change_idea);
    s.bind(8, t.rationale);
    s.bind(9, t.prediction);
    s.bind_opt(10, std::optional<core::Date>(t.start_date));
    if (t.decision) {
        s.bind(11, core::to_string(t.decision->decision));
        s.bind_opt(12, std::optional<core::Date>(t.decision->on));
        s.bind(13, t.decision->reason);
    } else {
        s.bind_null(11);
        s.bind_null(12);
        s.bind_null(13);
    }
}

void write_measures(sqlite3* db, std::int64_t test, const std::vector<std::string>& measures) {
    Statement clear(db, "DELETE FROM test_measures WHERE test=?1");
    clear.bind(1, test);
    clear.step();
    Statement insert(db, "INSERT INTO test_measures (test, position, measure_id) VALUES (?1, ?2, ?3)");
    for (std::size_t i = 0; i < measures.size(); ++i) {
        insert.bind(1, test);
        insert.bind(2, static_cast<std::int64_t>(i + 1));
        insert.bind(3, measures[i]);
        insert.step();
        insert.reset();
    }
}

// A cycle's columns, and the cycle from a row of them.
constexpr const char* kCycleSelect =
    "SELECT number, plan, plan_date, do_text, do_date, study, study_date, act, act_date FROM pdsa_cycles";
core::PdsaCycle read_cycle(Statement& s) {
    return {static_cast<int>(s.integer(0)),
            std::string(s.text(1)),
            s.date(2),
            std::string(s.text(3)),
            s.date(4),
            std::string(s.text(5)),
            s.date(6),
            std::string(s.text(7)),
            s.date(8)};
}

// Inserts the cycle or, with `replace`, replaces the one of its number.
void write_cycle(sqlite3* db, std::int64_t test, const core::PdsaCycle& c, bool replace) {
    Statement s(db, replace ? "INSERT OR REPLACE INTO pdsa_cycles (test, number, plan, plan_date, do_text, do_date, "
                              "study, study_date, act, act_date) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)"
                            : "INSERT INTO pdsa_cycles (test, number, plan, plan_date, do_text, do_date, study, "
                              "study_date, act, act_date) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
    s.bind(1, test);
    s.bind(2, std::int64_t{c.number});
    s.bind(3, c.plan);
    s.bind_opt(4, c.plan_date);
    s.bind(5, c.do_text);
    s.bind_opt(6, c.do_date);
    s.bind(7, c.study);
    s.bind_opt(8, c.study_date);
    s.bind(9, c.act);
    s.bind_opt(10, c.act_date);
    s.step();
}

std::int64_t insert_test(sqlite3* db, const core::TestOfChange& t, std::string_view at) {
    Statement s(db,
                "INSERT INTO tests_of_change (created_at, local_authority, reference, title, aim, agency, change_idea, "
                "rationale, prediction, start_date, decision, decision_date, decision_reason, updated_at) "
                "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?1)");
    s.bind(1, at);
    bind_test(s, t);
    s.step();
    const std::int64_t id = sqlite3_last_insert_rowid(db);
    write_measures(db, id, t.measures);
    for (const auto& c : t.cycles) write_cycle(db, id, c, false);
    return id;
}

// Every test the query names, whole. Runs inside the caller's transaction.
std::vector<core::TestOfChange> read_tests(sqlite3* db, const app::TestQuery& q) {
    Statement tests(db,
                    "SELECT id, local_authority, reference, title, aim, agency, change_idea, rationale, prediction, "
                    "start_date, decision, decision_date, decision_reason FROM tests_of_change t "
                    "WHERE (?1 IS NULL OR local_authority=?1) AND (?2 IS NULL OR reference=?2) AND (?3 IS NULL OR "
                    "EXISTS (SELECT 1 FROM test_measures m WHERE m.test=t.id AND m.measure_id=?3)) "
                    "ORDER BY local_authority, start_date, id");
    tests.bind_opt(1, q.local_authority);
    tests.bind_opt(2, q.reference);
    tests.bind_opt(3, q.measure);
    Statement measures(db, "SELECT measure_id FROM test_measures WHERE test=?1 ORDER BY position");
    Statement cycles(db, (std::string(kCycleSelect) + " WHERE test=?1 ORDER BY number").c_str());
    std::vector<core::TestOfChange> out;
    while (tests.step()) {
        core::TestOfChange& t = out.emplace_back();
        const std::int64_t id = tests.integer(0);
        t.local_authority = tests.text(1);
        t.reference = tests.text(2);
        t.title = tests.text(3);
        t.aim = tests.text(4);
        t.agency = tests.text(5);
        t.change_idea = tests.text(6);
        t.rationale = tests.text(7);
        t.prediction = tests.text(8);
        t.start_date = tests.date(9).value_or(core::Date{});
        if (const auto d = core::parse_decision(tests.text(10))) {
            t.decision = core::DecisionRecord{*d, tests.date(11).value_or(core::Date{}), std::string(tests.text(12))};
        }
        measures.bind(1, id);
        while (measures.step()) t.measures.emplace_back(measures.text(0));
        measures.reset();
        cycles.bind(1, id);
        while (cycles.step()) t.cycles.push_back(read_cycle(cycles));
        cycles.reset();
    }
    return out;
}

std::optional<core::TestOfChange> read_test(sqlite3* db, const app::RecordRef& ref) {
    auto found = read_tests(db, {ref.local_authority, ref.reference, std::nullopt});
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
}

std::string decision_words(const std::optional<core::DecisionRecord>& d) {
    if (!d) return "undecided";
    return std::string(core::to_string(d->decision)) + " on " + d->on.iso();
}

}  // namespace

std::vector<core::TestOfChange> SqliteTestsOfChange::find_tests(const app::TestQuery& query) {
    const ReadTransaction snapshot(db_);
    return read_tests(db_, query);
}

void SqliteTestsOfChange::add_test(const core::TestOfChange& test, std::string_view at) {
    WriteTransaction transaction(db_, "storing a test of change");
    if (find_test_id(db_, {test.local_authority, test.reference})) {
        throw Error(ErrorKind::conflict, describe({test.local_authority, test.reference}) + " is already stored");
    }
    insert_test(db_, test, at);
    transaction.commit();
}

int SqliteTestsOfChange::add_cycle(const app::RecordRef& test, const core::PdsaCycle& cycle, std::string_view at) {
    WriteTransaction transaction(db_, "storing a PDSA cycle");
    const std::int64_t id = test_id(db_, test);
    Statement last(db_, "SELECT coalesce(max(number), 0) FROM pdsa_cycles WHERE test=?1");
    last.bind(1, id);
    last.step();
    core::PdsaCycle numbered = cycle;
    numbered.number = static_cast<int>(last.integer(0)) + 1;
    write_cycle(db_, id, numbered, false);
    touch(db_, id, at);
    transaction.commit();
    return numbered.number;
}

void SqliteTestsOfChange::update_cycle(const app::RecordRef& test, const core::PdsaCycle& cycle, std::string_view at) {
    WriteTransaction transaction(db_, "storing a PDSA cycle");
    const std::int64_t id = test_id(db_, test);
    Statement exists(db_, "SELECT 1 FROM pdsa_cycles WHERE test=?1 AND number=?2");
    exists.bind(1, id);
    exists.bind(2, std::int64_t{cycle.number});
    if (!exists.step()) {
        throw Error(ErrorKind::not_found, describe(test) + " has no cycle " + std::to_string(cycle.number));
    }
    write_cycle(db_, id, cycle, true);
    touch(db_, id, at);
    transaction.commit();
}

void SqliteTestsOfChange::decide(const app::RecordRef& test, const core::DecisionRecord& decision, bool replace,
                                 std::string_view at) {
    WriteTransaction transaction(db_, "recording a decision");
    const auto stored = read_test(db_, test);
    if (!stored) throw Error(ErrorKind::not_found, "no " + describe(test));
    if (stored->decision && !replace) {
        throw Error(ErrorKind::conflict,
                    describe(test) + " is already decided (" + decision_words(stored->decision) + ")");
    }
    Statement s(db_,
                "UPDATE tests_of_change SET decision=?2, decision_date=?3, decision_reason=?4, updated_at=?5 "
                "WHERE local_authority=?1 AND reference=?6");
    s.bind(1, test.local_authority);
    s.bind(2, core::to_string(decision.decision));
    s.bind_opt(3, std::optional<core::Date>(decision.on));
    s.bind(4, decision.reason);
    s.bind(5, at);
    s.bind(6, test.reference);
    s.step();
    transaction.commit();
}

app::TestWriteCounts SqliteTestsOfChange::put_tests(std::span<const core::TestOfChange> tests,
                                                    std::span<const app::CycleToWrite> cycles, bool replace_decisions,
                                                    std::string_view at) {
    WriteTransaction transaction(db_, "storing tests of change");
    app::TestWriteCounts counts;
    Statement update(db_,
                     "UPDATE tests_of_change SET local_authority=?2, reference=?3, title=?4, aim=?5, agency=?6, "
                     "change_idea=?7, rationale=?8, prediction=?9, start_date=?10, decision=?11, decision_date=?12, "
                     "decision_reason=?13, updated_at=?14 WHERE id=?1");
    for (const auto& t : tests) {
        const app::RecordRef ref{t.local_authority, t.reference};
        auto stored = read_test(db_, ref);
        if (!stored) {
            core::TestOfChange fields = t;
            fields.cycles.clear();  // cycles come on their own
            insert_test(db_, fields, at);
            ++counts.tests_added;
            continue;
        }
        stored->cycles = t.cycles;  // compared on their own below
        if (*stored == t) {
            ++counts.tests_unchanged;
            continue;
        }
        if (stored->decision && stored->decision != t.decision && !replace_decisions) {
            throw Error(ErrorKind::conflict, describe(ref) + " is already decided (" +
                                                 decision_words(stored->decision) +
                                                 "); an import changes a decision only when told to");
        }
        const std::int64_t id = test_id(db_, ref);
        update.bind(1, id);
        bind_test(update, t);
        update.bind(14, at);
        update.step();
        update.reset();
        write_measures(db_, id, t.measures);
        ++counts.tests_updated;
    }
    Statement stored_cycle(db_, (std::string(kCycleSelect) + " WHERE test=?1 AND number=?2").c_str());
    for (const auto& w : cycles) {
        const std::int64_t id = test_id(db_, w.test);
        stored_cycle.bind(1, id);
        stored_cycle.bind(2, std::int64_t{w.cycle.number});
        std::optional<core::PdsaCycle> before;
        if (stored_cycle.step()) before = read_cycle(stored_cycle);
        stored_cycle.reset();
        if (before == w.cycle) {
            ++counts.cycles_unchanged;
            continue;
        }
        write_cycle(db_, id, w.cycle, true);
        touch(db_, id, at);
        ++(before ? counts.cycles_updated : counts.cycles_added);
    }
    transaction.commit();
    return counts;
}

std::vector<core::DriverDiagram> SqliteTestsOfChange::find_diagrams(const std::optional<std::string>& local_authority) {
    const ReadTransaction snapshot(db_);
    Statement diagrams(db_,
                       "SELECT id, local_authority, reference, aim, coalesce(aim_measure, '') FROM driver_diagrams "
                       "WHERE ?1 IS NULL OR local_authority=?1 ORDER BY local_authority, reference");
    diagrams.bind_opt(1, local_authority);
    Statement nodes(db_, "SELECT id, kind, parent, text FROM driver_nodes WHERE diagram=?1 ORDER BY position");
    Statement links(db_,
                    "SELECT l.node, t.reference FROM change_idea_tests l JOIN driver_nodes n ON n.id = l.node "
                    "JOIN tests_of_change t ON t.id = l.test WHERE n.diagram=?1 ORDER BY n.position, l.position");
    std::vector<core::DriverDiagram> out;
    while (diagrams.step()) {
        core::DriverDiagram& d = out.emplace_back();
        const std::int64_t id = diagrams.integer(0);
        d.local_authority = diagrams.text(1);
        d.reference = diagrams.text(2);
        d.aim = diagrams.text(3);
        d.aim_measure = diagrams.text(4);
        // Nodes come depth first, so each one's parent is the last of the kind above it.
        struct Where {
            std::size_t primary, secondary, idea;
        };
        std::map<std::int64_t, Where> ideas;
        nodes.bind(1, id);
        while (nodes.step()) {
            const auto kind = nodes.text(1);
            std::string text(nodes.text(3));
            if (kind == "primary") {
                d.primaries.push_back({std::move(text), {}});
            } else if (kind == "secondary" && !d.primaries.empty()) {
                d.primaries.back().secondaries.push_back({std::move(text), {}});
            } else if (kind == "change_idea" && !d.primaries.empty() && !d.primaries.back().secondaries.empty()) {
                auto& secondaries = d.primaries.back().secondaries;
                secondaries.back().change_ideas.push_back({std::move(text), {}});
                ideas[nodes.integer(0)] = {d.primaries.size() - 1, secondaries.size() - 1,
                                           secondaries.back().change_ideas.size() - 1};
            }
        }
        nodes.reset();
        links.bind(1, id);
        while (links.step()) {
            if (auto it = ideas.find(links.integer(0)); it != ideas.end()) {
                const Where& w = it->second;
                d.primaries[w.primary].secondaries[w.secondary].change_ideas[w.idea].tests.emplace_back(links.text(1));
            }
        }
        links.reset();
    }
    return out;
}

bool SqliteTestsOfChange::put_diagram(const core::DriverDiagram& diagram, std::string_view at) {
    WriteTransaction transaction(db_, "storing a driver diagram");
    std::optional<std::int64_t> id;
    {
        Statement find(db_, "SELECT id FROM driver_diagrams WHERE local_authority=?1 AND reference=?2");
        find.bind(1, diagram.local_authority);
        find.bind(2, diagram.reference);
        if (find.step()) id = find.integer(0);
    }
    const std::optional<std::string> measure =
        diagram.aim_measure.empty() ? std::nullopt : std::optional<std::string>(diagram.aim_measure);
    if (id) {
        Statement update(db_, "UPDATE driver_diagrams SET aim=?2, aim_measure=?3, updated_at=?4 WHERE id=?1");
        update.bind(1, *id);
        update.bind(2, diagram.aim);
        update.bind_opt(3, measure);
        update.bind(4, at);
        update.step();
        Statement clear(db_, "DELETE FROM driver_nodes WHERE diagram=?1");
        clear.bind(1, *id);
        clear.step();
    } else {
        Statement insert(db_,
                         "INSERT INTO driver_diagrams (local_authority, reference, aim, aim_measure, created_at, "
                         "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)");
        insert.bind(1, diagram.local_authority);
        insert.bind(2, diagram.reference);
        insert.bind(3, diagram.aim);
        insert.bind_opt(4, measure);
        insert.bind(5, at);
        insert.step();
    }
    const std::int64_t diagram_id = id ? *id : sqlite3_last_insert_rowid(db_);
    Statement node(db_, "INSERT INTO driver_nodes (diagram, kind, parent, text, position) VALUES (?1, ?2, ?3, ?4, ?5)");
    Statement link(db_, "INSERT INTO change_idea_tests (node, position, test) VALUES (?1, ?2, ?3)");
    std::int64_t position = 0;
    auto put_node = [&](std::string_view kind, std::optional<std::int64_t> parent, std::string_view text) {
        node.bind(1, diagram_id);
        node.bind(2, kind);
        if (parent) {
            node.bind(3, *parent);
        } else {
            node.bind_null(3);
        }
        node.bind(4, text);
        node.bind(5, ++position);
        node.step();
        node.reset();
        return sqlite3_last_insert_rowid(db_);
    };
    for (const auto& p : diagram.primaries) {
        const auto primary = put_node("primary", std::nullopt, p.text);
        for (const auto& s : p.secondaries) {
            const auto secondary = put_node("secondary", primary, s.text);
            for (const auto& c : s.change_ideas) {
                const auto idea = put_node("change_idea", secondary, c.text);
                for (std::size_t k = 0; k < c.tests.size(); ++k) {
                    link.bind(1, idea);
                    link.bind(2, static_cast<std::int64_t>(k + 1));
                    link.bind(3, test_id(db_, {diagram.local_authority, c.tests[k]}));
                    link.step();
                    link.reset();
                }
            }
        }
    }
    transaction.commit();
    return id.has_value();
}

}  // namespace waymark::store
