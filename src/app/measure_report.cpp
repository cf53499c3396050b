#include "app/measure_report.hpp"

#include "app/access.hpp"
#include "core/error.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <map>
#include <set>

namespace waymark::app {

namespace {

constexpr unsigned kWorkers = 2;

bool needs_clocks(const core::Measure& m) {
    return m.kind == core::MeasureKind::on_time || m.kind == core::MeasureKind::overdue_count ||
           m.kind == core::MeasureKind::lapsed_count;
}

// The events the measures, their clocks and the periods read.
JourneyFilter filter_for(const StandardSet& standards, const MeasureQuery& q) {
    std::set<core::EventTypeId> types;
    for (auto t : core::relevant_event_types(standards.standards)) types.insert(t);
    for (const core::Measure* m : q.measures) {
        for (const auto& e : m->start) types.insert(e.type);
        for (const auto& e : m->end) types.insert(e.type);
        for (const auto& e : m->count) types.insert(e.type);
        for (const auto& e : m->outcome) types.insert(e.type);
        for (const auto& e : m->ends_at_previous) types.insert(e.type);
    }
    // Every council's children: even a council's report hides its figure as the report by
    // council does, which needs the others' counts.
    JourneyFilter f{std::nullopt, std::nullopt, false, {}};
    for (auto t : types) f.event_types.emplace_back(standards.vocabulary.name(t));
    return f;
}

// Each child's team as the report groups it: its allocated worker's team, kNoTeam when that
// worker is in none, kNotAllocated when no worker is allocated. Read once, before the journeys;
// the workers only look it up.
class ChildTeams {
public:
    ChildTeams(Store& store, const std::string& local_authority) : access_(store.caseload(), local_authority) {}
    [[nodiscard]] const std::string& of(const std::string& child_id) const {
        static const std::string not_allocated = kNotAllocated;
        static const std::string no_team = kNoTeam;
        const Allocation* a = access_.allocation(child_id);
        if (a == nullptr || a->worker.empty()) return not_allocated;
        const std::string& team = access_.team_of(a->worker);
        return team.empty() ? no_team : team;
    }

private:
    CouncilAccess access_;
};

// Checks the team filter and grouping; the council's teams when either is asked for.
std::vector<std::string> teams_asked_for(Store& store, const MeasureQuery& q) {
    const bool by_team = q.by == MeasureGroups::team;
    if (!q.team && !by_team) return {};
    if (q.team && q.team->empty()) throw core::Error(core::ErrorKind::usage, "--team: give the team's name");
    if (q.team && by_team) throw core::Error(core::ErrorKind::usage, "--team and --by team: choose one");
    if (!q.local_authority) {
        throw core::Error(core::ErrorKind::usage, std::string(by_team ? "--by team" : "--team") +
                                                      " needs --local-authority (teams are a council's)");
    }
    if (q.team) check_team_exists(store.caseload(), *q.local_authority, *q.team);
    std::vector<std::string> names;
    for (auto& t : store.caseload().teams(q.local_authority)) names.push_back(std::move(t.name));
    return names;
}

// The groups that have a series even with no children in them.
std::vector<std::string> groups_asked_for(const MeasureQuery& q, std::vector<std::string> teams) {
    switch (q.by) {
        case MeasureGroups::all:
            return {q.team.value_or("all")};
        case MeasureGroups::council:
            if (q.local_authority) return {*q.local_authority};
            return {};
        case MeasureGroups::team:
            teams.emplace_back(kNotAllocated);
            return teams;
    }
    return {};
}

// Groups of one worker: group -> one tally per measure.
using Tallies = std::map<std::string, std::vector<core::MeasureTally>>;

// --- Suppression (app/suppression.hpp), one period at a time -------------------------------

// The counts of a point the outputs show or that follow from them. Proportions: numerator,
// denominator and what is left of it (not printed); overdue counts: numerator and denominator;
// intervals: the waits ended (numerator), and of the waits begun (denominator) those ended
// (events) and those still waiting.
enum Column : std::uint8_t { numerator, left, denominator, events, waiting, kColumns };

constexpr std::size_t kNoCell = std::numeric_limits<std::size_t>::max();

struct Hidden {
    std::array<bool, kColumns> column{};
};

// A group's series (finished points, or for a total that is not shown only its counts) and
// what suppression hides of them, by series ("" and the split values) and period.
struct Group {
    std::map<std::string, std::vector<core::MeasurePoint>> points;
    std::map<std::string, std::vector<Hidden>> hidden;
};

bool is_proportion(const core::Measure& m) {
    return core::value_kind(m.kind) == core::ValueKind::percentage;
}

std::int64_t count_of(const core::MeasurePoint& p, Column c) {
    switch (c) {
        case numerator:
            return p.numerator;
        case left:
            return p.denominator - p.numerator;
        case denominator:
            return p.denominator;
        case events:
            return static_cast<std::int64_t>(p.cohort.events);
        case waiting:
            return static_cast<std::int64_t>(p.cohort.n - p.cohort.events);
        case kColumns:
            break;
    }
    return 0;
}

// The columns of a series of the measure: a split series of waits has only the waits ended.
std::vector<Column> columns_of(const core::Measure& m, const std::string& series) {
    if (m.kind == core::MeasureKind::interval) {
        if (!series.empty()) return {numerator};
        return {numerator, denominator, events, waiting};
    }
    if (is_proportion(m)) return {numerator, left, denominator};
    return {numerator, denominator};
}

// The sum of groups' counts (numerator, denominator, cohort), series by series.
Group total_of(const std::vector<const Group*>& parts, std::size_t periods) {
    Group out;
    for (const Group* g : parts) {
        for (const auto& [key, points] : g->points) {
            auto& mine = out.points[key];
            if (mine.empty()) {
                mine.resize(periods);
                for (std::size_t i = 0; i < periods; ++i) mine[i].period = i;
            }
            for (std::size_t i = 0; i < points.size(); ++i) {
                mine[i].numerator += points[i].numerator;
                mine[i].denominator += points[i].denominator;
                mine[i].completed += points[i].completed;
                mine[i].cohort.n += points[i].cohort.n;
                mine[i].cohort.events += points[i].cohort.events;
            }
        }
    }
    if (out.points.empty()) out.points[""].resize(periods);
    return out;
}

// A snapshot measure counts the children on a period's last day: a quarter's figure is its
// third month's. The others count what happened in the period: a quarter's is its months' sum.
bool is_snapshot(const core::Measure& m) {
    return core::is_snapshot(m.kind);
}

// The periods decided together: each calendar quarter of the range, as its three months and as
// itself (docs/measures.md "Months and quarters"). In a group's points the months come first
// (3 per quarter), then the quarters.
struct Periods {
    core::PeriodGrid quarters;
    core::PeriodGrid months;
    [[nodiscard]] std::size_t size() const { return months.size() + quarters.size(); }
    // Block q: its months, then the quarter.
    [[nodiscard]] std::array<std::size_t, 4> block(std::size_t q) const {
        return {3 * q, 3 * q + 1, 3 * q + 2, months.size() + q};
    }
};

Periods periods_of(const MeasureQuery& q) {
    core::PeriodGrid quarters(q.from, q.to, core::PeriodLength::quarter);
    core::PeriodGrid months(quarters.start(0), quarters.last_day(quarters.size() - 1), core::PeriodLength::month);
    return {std::move(quarters), std::move(months)};
}

// Decides what of `parts` is hidden, with `total` (their sum) as it is already decided (fixed),
// or, with no parts, what of `total` its own report hides. Each sum is a SuppressionSum: within
// a point the denominator is numerator plus what is left (proportions) and the waits begun are
// those ended plus those still waiting (intervals); the waits ended are those of the split
// series together; each count of the total is the sum of the parts' counts; and each count of a
// quarter is the sum of its months' (or, for a snapshot, its third month's). A quarter and its
// months are decided together, so that whichever period length is asked for shows the same.
void decide(const core::Measure& m, Group& total, const std::vector<Group*>& parts, const Periods& periods) {
    const bool fixed = !parts.empty();
    std::vector<Group*> groups{&total};
    groups.insert(groups.end(), parts.begin(), parts.end());
    for (Group* g : groups) {
        for (const auto& [key, points] : g->points) {
            auto& h = g->hidden[key];
            if (h.size() != points.size()) h.assign(points.size(), Hidden{});
        }
    }
    using Index = std::map<std::string, std::array<std::size_t, kColumns>>;
    for (std::size_t q = 0; q < periods.quarters.size(); ++q) {
        const auto block = periods.block(q);
        std::vector<SuppressionCell> cells;
        std::vector<SuppressionSum> sums;
        // at[b][group][series][column]: the cell, or kNoCell for a column the series does not have.
        std::array<std::vector<Index>, 4> at;
        for (std::size_t b = 0; b < block.size(); ++b) {
            const std::size_t p = block[b];
            at[b].resize(groups.size());
            for (std::size_t gi = 0; gi < groups.size(); ++gi) {
                Group& g = *groups[gi];
                const bool locked = gi == 0 && fixed;
                for (const auto& [key, points] : g.points) {
                    auto& index = at[b][gi][key];
                    index.fill(kNoCell);
                    for (const Column c : columns_of(m, key)) {
                        index[c] = cells.size();
                        cells.push_back(
                            {count_of(points[p], c), c != left, locked, locked && g.hidden[key][p].column[c]});
                    }
                    if (is_proportion(m)) sums.push_back({index[denominator], {index[numerator], index[left]}});
                    if (m.kind == core::MeasureKind::interval && key.empty())
                        sums.push_back({index[denominator], {index[events], index[waiting]}});
                }
                if (m.kind == core::MeasureKind::interval && g.points.size() > 1) {
                    SuppressionSum split{at[b][gi][""][numerator], {}};
                    for (const auto& [key, index] : at[b][gi]) {
                        if (!key.empty()) split.parts.push_back(index[numerator]);
                    }
                    sums.push_back(std::move(split));
                }
            }
            if (fixed) {
                for (const auto& [key, total_index] : at[b][0]) {
                    for (const Column c : columns_of(m, key)) {
                        SuppressionSum column{total_index[c], {}};
                        for (std::size_t gi = 1; gi < groups.size(); ++gi) {
                            const auto it = at[b][gi].find(key);
                            if (it != at[b][gi].end()) column.parts.push_back(it->second[c]);
                        }
                        sums.push_back(std::move(column));
                    }
                }
            }
        }
        // The quarter from its months, group by group.
        for (std::size_t gi = 0; gi < groups.size(); ++gi) {
            for (const auto& [key, quarter_index] : at[3][gi]) {
                for (const Column c : columns_of(m, key)) {
                    SuppressionSum quarter{quarter_index[c], {}};
                    for (std::size_t b = is_snapshot(m) ? 2 : 0; b < 3; ++b) quarter.parts.push_back(at[b][gi][key][c]);
                    sums.push_back(std::move(quarter));
                }
            }
        }
        suppress(cells, sums);
        for (std::size_t b = 0; b < block.size(); ++b) {
            for (std::size_t gi = 0; gi < groups.size(); ++gi) {
                for (const auto& [key, index] : at[b][gi]) {
                    auto& h = groups[gi]->hidden[key][block[b]];
                    for (std::size_t c = 0; c < kColumns; ++c) {
                        if (index[c] != kNoCell) h.column[c] = cells[index[c]].hidden;
                    }
                }
            }
        }
    }
}

SeriesPoint shown(const core::Measure& m, const core::MeasurePoint& p, const Hidden& h, bool partial) {
    SeriesPoint s{p, partial, true, true, true};
    s.numerator_shown = !h.column[numerator];
    s.denominator_shown = !h.column[denominator];
    s.events_shown = !h.column[events];
    s.waiting_shown = !h.column[waiting];
    if (m.kind == core::MeasureKind::interval) {
        s.median_shown = s.numerator_shown;
        s.value_shown = s.median_shown;
        s.cohort_shown = s.denominator_shown;  // the Kaplan-Meier estimate: as the cohort
    } else if (core::value_kind(m.kind) == core::ValueKind::count) {
        s.value_shown = s.numerator_shown;
    } else if (core::value_kind(m.kind) == core::ValueKind::ratio) {
        // Events per case gives away both counts.
        s.value_shown = s.numerator_shown && s.denominator_shown;
    } else {
        // A percentage gives away its numerator and what is left of the denominator.
        s.value_shown = s.numerator_shown && s.denominator_shown && !h.column[left];
    }
    return s;
}

// The finished series of a group's tallies for one measure, its months then its quarters
// (Periods), every series over both ("" even with no data).
Group finished(const core::Measure& m, core::MeasureTally& months, core::MeasureTally& quarters,
               const Periods& periods) {
    Group g;
    months.series[""];
    for (const auto& [key, by_period] : quarters.series) months.series[key];
    for (auto& [key, by_period] : months.series) {
        auto& by_month = by_period;
        auto& by_quarter = quarters.series[key];
        by_month.resize(periods.months.size());
        by_quarter.resize(periods.quarters.size());
        auto points = core::finish(m, by_month);
        for (auto& p : core::finish(m, by_quarter)) points.push_back(p);
        g.points[key] = std::move(points);
    }
    return g;
}

}  // namespace

std::string shown_count(std::int64_t n, bool shown) {
    return shown ? std::to_string(n) : std::string(kSuppressed);
}

MeasureReport measure_report(Store& store, const StandardSet& standards, const MeasureQuery& q) {
    if (q.to < q.from)
        throw core::Error(core::ErrorKind::usage, "--to " + q.to.iso() + " is before --from " + q.from.iso());
    MeasureReport report{core::PeriodGrid(q.from, q.to, q.length), {}};
    const Periods periods = periods_of(q);
    // Where the periods asked for begin in a group's points (Periods: months, then quarters).
    const std::size_t first_shown = q.length == core::PeriodLength::quarter
                                        ? periods.months.size()
                                        : *periods.months.index_of(report.grid.start(0));
    const std::size_t n = q.measures.size();
    const auto asked = groups_asked_for(q, teams_asked_for(store, q));
    const bool by_team = q.team || q.by == MeasureGroups::team;
    std::optional<ChildTeams> teams;
    if (by_team) teams.emplace(store, *q.local_authority);
    // All councils together is decided alone; anything else as a part of all councils.
    const bool one_level = !q.local_authority && q.by == MeasureGroups::all;
    const JourneyFilter filter = filter_for(standards, q);
    const bool any_clocks =
        std::any_of(q.measures.begin(), q.measures.end(), [](const core::Measure* m) { return needs_clocks(*m); });
    const bool any_overdue = std::any_of(q.measures.begin(), q.measures.end(), [](const core::Measure* m) {
        return m->kind == core::MeasureKind::overdue_count;
    });
    struct Worker {
        Tallies councils;  // by council ("all" when one_level); the council's own children when by team are not here
        Tallies teams;     // the council's children by team
        core::Journey journey;
        std::vector<core::Clock> clocks;
        std::vector<std::optional<core::Date>> last_overdue;
    };
    std::vector<Worker> workers(kWorkers);
    static const std::string all_children = "all";
    store.for_each_journey_parallel(
        filter, kWorkers, [&](unsigned w, const core::ChildRecord& child, std::span<const core::Event> events) {
            if (q.stop.stop_requested()) throw Stopped();  // no one waits for it any more
            Worker& k = workers[w];
            const bool in_teams = teams && child.local_authority == *q.local_authority;
            auto& tallies = in_teams    ? k.teams[teams->of(child.child_id)]
                            : one_level ? k.councils[all_children]
                                        : k.councils[child.local_authority];
            k.journey.assign(child, events, q.as_of);
            k.clocks.clear();
            if (any_clocks) {
                for (const auto& s : standards.standards) {
                    if (s.enabled) core::evaluate_clocks(k.journey, s, k.clocks);
                }
            }
            // Once per child for every overdue count, months and quarters.
            k.last_overdue.clear();
            if (any_overdue) k.last_overdue = core::last_overdue_days(k.journey, k.clocks);
            // Each measure by month (i) and by quarter (n + i).
            if (tallies.empty()) tallies.resize(2 * n);
            for (std::size_t i = 0; i < n; ++i) {
                core::tally(*q.measures[i], k.journey, k.clocks, k.last_overdue, periods.months, tallies[i]);
                core::tally(*q.measures[i], k.journey, k.clocks, k.last_overdue, periods.quarters, tallies[n + i]);
            }
        });
    auto merged = [&](Tallies Worker::*which) {
        Tallies all = std::move(workers[0].*which);
        for (std::size_t w = 1; w < workers.size(); ++w) {
            for (auto& [group, tallies] : workers[w].*which) {
                auto& mine = all[group];
                if (mine.empty()) mine.resize(2 * n);
                for (std::size_t i = 0; i < tallies.size(); ++i) mine[i].merge(std::move(tallies[i]));
            }
        }
        return all;
    };
    Tallies councils = merged(&Worker::councils);
    Tallies team_tallies = merged(&Worker::teams);
    if (one_level) councils[all_children];
    if (q.local_authority && !by_team) councils[*q.local_authority];
    if (by_team) {
        for (const auto& group : asked) team_tallies[group];
    }
    for (auto* tallies : {&councils, &team_tallies}) {
        for (auto& [group, t] : *tallies) {
            if (t.empty()) t.resize(2 * n);
        }
    }

    for (std::size_t i = 0; i < n; ++i) {
        const core::Measure& m = *q.measures[i];
        if (m.kind == core::MeasureKind::siblings_together) {
            // A child's looked after siblings may be in another team: each sibling group counts
            // as the council's, months and quarters apart.
            for (const std::size_t which : {i, n + i}) {
                std::vector<core::MeasureTally*> parts;
                for (auto* tallies : {&councils, &team_tallies}) {
                    for (auto& [group, t] : *tallies) parts.push_back(&t[which]);
                }
                core::share_sibling_counts(parts);
            }
        }
        std::map<std::string, Group> council_groups;
        for (auto& [name, t] : councils) council_groups[name] = finished(m, t[i], t[n + i], periods);
        std::map<std::string, Group> team_groups;
        for (auto& [name, t] : team_tallies) team_groups[name] = finished(m, t[i], t[n + i], periods);
        if (by_team) {
            // The council's own figure: the sum of its teams.
            std::vector<const Group*> parts;
            parts.reserve(team_groups.size());
            for (const auto& [name, g] : team_groups) parts.push_back(&g);
            council_groups[*q.local_authority] = total_of(parts, periods.size());
        }
        std::vector<Group*> level;
        std::vector<const Group*> level_parts;
        for (auto& [name, g] : council_groups) {
            level.push_back(&g);
            level_parts.push_back(&g);
        }
        if (one_level) {
            decide(m, council_groups[all_children], {}, periods);
        } else {
            Group all = total_of(level_parts, periods.size());
            decide(m, all, {}, periods);
            decide(m, all, level, periods);
        }
        if (by_team) {
            std::vector<Group*> parts;
            parts.reserve(team_groups.size());
            for (auto& [name, g] : team_groups) parts.push_back(&g);
            decide(m, council_groups[*q.local_authority], parts, periods);
        }
        // The groups asked for, in name order.
        std::vector<std::pair<std::string, const Group*>> out;
        if (by_team) {
            for (const auto& [name, g] : team_groups) {
                if (!q.team || name == *q.team) out.emplace_back(name, &g);
            }
        } else if (one_level) {
            out.emplace_back(all_children, &council_groups[all_children]);
        } else if (q.local_authority) {
            out.emplace_back(q.by == MeasureGroups::council ? *q.local_authority : all_children,
                             &council_groups[*q.local_authority]);
        } else {
            for (const auto& [name, g] : council_groups) out.emplace_back(name, &g);
        }
        for (const auto& [name, g] : out) {
            for (const auto& [key, points] : g->points) {
                MeasureSeries s{&m, name, key, {}};
                const auto& hidden = g->hidden.at(key);
                for (std::size_t p = 0; p < report.grid.size(); ++p) {
                    SeriesPoint sp =
                        shown(m, points[first_shown + p], hidden[first_shown + p], report.grid.last_day(p) > q.as_of);
                    sp.point.period = p;
                    s.points.push_back(sp);
                }
                report.series.push_back(std::move(s));
            }
        }
    }
    return report;
}

std::vector<core::qi::Observation> chart_rows(const MeasureSeries& series, const core::PeriodGrid& grid, bool counts) {
    std::vector<core::qi::Observation> rows;
    rows.reserve(series.points.size());
    for (const SeriesPoint& sp : series.points) {
        core::qi::Observation o;
        o.x = static_cast<double>(grid.start(sp.point.period).serial());
        if (counts) {
            if (sp.value_shown && sp.point.denominator > 0) {
                o.y = static_cast<double>(sp.point.numerator);
                o.n = static_cast<double>(sp.point.denominator);
            }
        } else if (sp.value_shown && sp.point.value) {
            o.y = *sp.point.value;
        }
        rows.push_back(std::move(o));
    }
    return rows;
}

}  // namespace waymark::app
