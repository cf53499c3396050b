#include "app/measure_report.hpp"

#include "app/access.hpp"
#include "core/error.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace waymark::app {

namespace {

constexpr unsigned kWorkers = 2;

bool needs_clocks(const core::Measure& m) {
    return m.kind == core::MeasureKind::on_time || m.kind == core::MeasureKind::overdue_count;
}

// The events the measures, their clocks and the periods read.
JourneyFilter filter_for(const StandardSet& standards, const MeasureQuery& q) {
    std::set<core::EventTypeId> types;
    for (auto t : core::relevant_event_types(standards.standards)) types.insert(t);
    for (const core::Measure* m : q.measures) {
        for (const auto& e : m->start) types.insert(e.type);
        for (const auto& e : m->end) types.insert(e.type);
    }
    JourneyFilter f{q.local_authority, std::nullopt, false, {}};
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

SeriesPoint shown(const core::Measure& m, const core::MeasurePoint& p, bool partial) {
    SeriesPoint s{p, partial, true, true, true};
    if (m.kind == core::MeasureKind::interval) {
        s.median_shown = !is_small(static_cast<std::int64_t>(p.completed));
        s.value_shown = s.median_shown;
        s.cohort_shown = !is_small(static_cast<std::int64_t>(p.cohort.n));
    } else if (m.kind == core::MeasureKind::overdue_count) {
        s.value_shown = !is_small(p.numerator);
    } else {
        // A percentage gives away its numerator and what is left of the denominator.
        s.value_shown = !is_small(p.numerator) && !is_small(p.denominator) && !is_small(p.denominator - p.numerator);
    }
    return s;
}

}  // namespace

MeasureReport measure_report(Store& store, const StandardSet& standards, const MeasureQuery& q) {
    if (q.to < q.from)
        throw core::Error(core::ErrorKind::usage, "--to " + q.to.iso() + " is before --from " + q.from.iso());
    MeasureReport report{core::PeriodGrid(q.from, q.to, q.length), {}};
    const auto groups = groups_asked_for(q, teams_asked_for(store, q));
    std::optional<ChildTeams> teams;
    if (q.team || q.by == MeasureGroups::team) teams.emplace(store, *q.local_authority);
    static const std::string all_children = "all";
    const bool any_clocks =
        std::any_of(q.measures.begin(), q.measures.end(), [](const core::Measure* m) { return needs_clocks(*m); });
    struct Worker {
        Tallies tallies;
        core::Journey journey;
        std::vector<core::Clock> clocks;
    };
    std::vector<Worker> workers(kWorkers);
    store.for_each_journey_parallel(
        filter_for(standards, q), kWorkers,
        [&](unsigned w, const core::ChildRecord& child, std::span<const core::Event> events) {
            const std::string* team = teams ? &teams->of(child.child_id) : nullptr;
            if (q.team && (team == nullptr || *team != *q.team)) return;  // another team's child: nothing computed
            Worker& k = workers[w];
            k.journey.assign(child, events, q.as_of);
            k.clocks.clear();
            if (any_clocks) {
                for (const auto& s : standards.standards) {
                    if (s.enabled) core::evaluate_clocks(k.journey, s, k.clocks);
                }
            }
            const std::string& group = q.by == MeasureGroups::council ? child.local_authority
                                       : team != nullptr              ? *team
                                                                      : all_children;
            auto& tallies = k.tallies[group];
            if (tallies.empty()) tallies.resize(q.measures.size());
            for (std::size_t i = 0; i < q.measures.size(); ++i) {
                core::tally(*q.measures[i], k.journey, k.clocks, report.grid, tallies[i]);
            }
        });
    Tallies all = std::move(workers[0].tallies);
    for (std::size_t w = 1; w < workers.size(); ++w) {
        for (auto& [group, tallies] : workers[w].tallies) {
            auto& mine = all[group];
            if (mine.empty()) mine.resize(q.measures.size());
            for (std::size_t i = 0; i < tallies.size(); ++i) mine[i].merge(std::move(tallies[i]));
        }
    }
    for (const auto& group : groups) {
        auto& tallies = all[group];
        if (tallies.empty()) tallies.resize(q.measures.size());
    }
    for (std::size_t i = 0; i < q.measures.size(); ++i) {
        const core::Measure& m = *q.measures[i];
        for (auto& [group, tallies] : all) {
            auto& by_series = tallies[i].series;
            if (by_series.empty()) by_series[""].resize(report.grid.size());  // no data: still a series
            for (const auto& [key, periods] : by_series) {
                MeasureSeries s{&m, group, key, {}};
                for (const auto& p : core::finish(m, periods)) {
                    s.points.push_back(shown(m, p, report.grid.last_day(p.period) > q.as_of));
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
