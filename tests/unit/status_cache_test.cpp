// app::StatusCache: the children list's status rows kept between requests, equal to rows worked
// out afresh, and worked out again as soon as a child or an event is written.
#include "app/status_cache.hpp"
#include "app/access.hpp"
#include "app/measures_file.hpp"
#include "app/restriction.hpp"
#include "support/web_fixture.hpp"

#include <thread>

namespace waymark::test {
namespace {

std::string describe(const std::vector<app::StatusRow>& rows) {
    std::string out;
    for (const auto& r : rows) {
        out += r.child.local_authority + "/" + r.child.child_id + " " + std::string(core::to_string(r.stage)) + " " +
               (r.stage_since ? r.stage_since->iso() : "-") + " " + std::to_string(r.days_in_stage.value_or(-1)) + " " +
               (r.looked_after_since ? r.looked_after_since->iso() : "-") + " " + r.placement + " " +
               std::to_string(r.overdue) + " " + (r.next_due_on ? r.next_due_on->iso() : "-") + " " + r.next_standard +
               "\n";
    }
    return out;
}

class StatusCacheTest : public WebTest {
protected:
    app::StatusQuery own() const { return {core::Date::parse("2026-11-26"), std::string(kOwn), std::nullopt}; }

    // Imports the files written as children2.csv and events2.csv (children2.csv may be just
    // its header).
    void import_more(const std::string& children, const std::string& events) {
        write("children2.csv", "child_id,local_authority,given_name,family_name,date_of_birth\n" + children);
        write("events2.csv", "child_id,local_authority,date,event,details,agency,note,event_id\n" + events);
        app::ImportOptions o;
        o.children_path = (dir_ / "children2.csv").string();
        o.events_path = (dir_ / "events2.csv").string();
        o.today = core::Date::parse("2026-11-26");
        app::import_files(*store_, standards_.vocabulary, o);
    }

    web::Response children_page(app::StatusCache* cache, const std::string& target = "/children") {
        if (manager_.token.empty()) manager_ = session_for(user_name(app::Role::team_manager));
        auto c = context();
        c.status_cache = cache;
        web::Request r{"GET", target, {{"cookie", "waymark_session=" + manager_.token}}, {}, "192.0.2.1"};
        return web::handle(r, c);
    }

    app::StatusCache cache_;
    Session manager_;
};

TEST_F(StatusCacheTest, CachedRowsEqualRowsWorkedOutAfresh) {
    const auto fresh = app::status_report(*store_, standards_, own());
    const auto first = cache_.status_report(*store_, standards_, own());
    const auto second = cache_.status_report(*store_, standards_, own());
    EXPECT_EQ(describe(*first), describe(fresh));
    EXPECT_EQ(first.get(), second.get()) << "the second request is answered from the cache";
    EXPECT_EQ(cache_.stats().hits, 1U);
    EXPECT_EQ(cache_.stats().misses, 1U);
    ASSERT_EQ(fresh.size(), 4U);
    // Each query is kept apart: another council, another date, one child.
    const app::StatusQuery other{core::Date::parse("2026-11-26"), std::string(kOther), std::nullopt};
    EXPECT_EQ(describe(*cache_.status_report(*store_, standards_, other)),
              describe(app::status_report(*store_, standards_, other)));
    const app::StatusQuery earlier{core::Date::parse("2026-09-15"), std::string(kOwn), std::nullopt};
    EXPECT_EQ(describe(*cache_.status_report(*store_, standards_, earlier)),
              describe(app::status_report(*store_, standards_, earlier)));
    const app::StatusQuery one{core::Date::parse("2026-11-26"), std::string(kOwn), std::string("C2")};
    EXPECT_EQ(describe(*cache_.status_report(*store_, standards_, one)),
              describe(app::status_report(*store_, standards_, one)));
    EXPECT_EQ(cache_.stats().misses, 4U);
    EXPECT_EQ(cache_.stats().entries, 4U);
}

TEST_F(StatusCacheTest, TheChildrenPageIsTheSameWithAndWithoutTheCache) {
    const auto uncached = children_page(nullptr);
    const auto cold = children_page(&cache_);
    const auto warm = children_page(&cache_);
    ASSERT_EQ(uncached.status, 200);
    EXPECT_EQ(cold.body, uncached.body);
    EXPECT_EQ(warm.body, uncached.body);
    EXPECT_EQ(cache_.stats().council_hits, 1U) << "the warm page's children and allocations came from the cache";
}

TEST_F(StatusCacheTest, ANewEventChangesTheListAtOnce) {
    const auto before = cache_.status_report(*store_, standards_, own());
    // C1 moves from foster care to a residential placement.
    import_more("", "C1,S12000049,2026-11-10,placement_change,placement=residential,social_work,,\n");
    const auto after = cache_.status_report(*store_, standards_, own());
    EXPECT_NE(describe(*after), describe(*before));
    EXPECT_EQ(describe(*after), describe(app::status_report(*store_, standards_, own())));
    EXPECT_EQ(cache_.stats().hits, 0U);
    // And through the page, as a manager sees it.
    const auto page = children_page(&cache_);
    EXPECT_EQ(page.body, children_page(nullptr).body);
}

TEST_F(StatusCacheTest, ANewChildChangesTheListAtOnce) {
    ASSERT_EQ(cache_.status_report(*store_, standards_, own())->size(), 4U);
    import_more("C9,S12000049,Morag,Grant,2020-01-01\n", "");
    EXPECT_EQ(cache_.status_report(*store_, standards_, own())->size(), 5U);
}

TEST_F(StatusCacheTest, AReplacedEventChangesTheListAtOnce) {
    import_more("", "C2,S12000049,2026-11-20,placement_change,placement=foster,social_work,,R1\n");
    const auto before = cache_.status_report(*store_, standards_, own());
    const auto version = store_->journeys_version();
    // The same event id with another placement: the stored row is updated, no row is added.
    import_more("", "C2,S12000049,2026-11-20,placement_change,placement=residential,social_work,,R1\n");
    const auto updated = store_->journeys_version();
    ASSERT_TRUE(version && updated);
    EXPECT_EQ(updated->last_event, version->last_event);
    EXPECT_NE(updated->changes, version->changes);
    const auto after = cache_.status_report(*store_, standards_, own());
    EXPECT_NE(describe(*after), describe(*before));
    EXPECT_EQ(describe(*after), describe(app::status_report(*store_, standards_, own())));
}

TEST_F(StatusCacheTest, ALiftedRestrictionChangesTheListAtOnce) {
    // C3 is restricted and held by Team B: Team A's manager does not list it until it is lifted.
    const std::string council = "/children?scope=council";
    const auto before = children_page(&cache_, council);
    ASSERT_EQ(before.status, 200);
    EXPECT_NE(before.body.find("/children/S12000049/C2"), std::string::npos);
    EXPECT_EQ(before.body.find("/children/S12000049/C3"), std::string::npos);
    const auto admin = store_->find_user(user_name(app::Role::administrator));
    ASSERT_TRUE(admin);
    app::lift_restriction(*store_, {*admin, "2027-01-15T08:00:00Z", "test"}, "C3", "adoption plan ended");
    const auto after = children_page(&cache_, council);
    EXPECT_NE(after.body.find("/children/S12000049/C3"), std::string::npos);
    EXPECT_EQ(after.body, children_page(nullptr, council).body);
}

TEST_F(StatusCacheTest, WritesOfOtherRecordsKeepTheRows) {
    const auto first = cache_.status_report(*store_, standards_, own());
    store_->record_audit({"2027-01-15T08:00:00Z", "someone", "view_chronology", kOwn, "C1", "", "web 192.0.2.1"});
    session_for(user_name(app::Role::social_worker));
    // Re-importing what is stored writes nothing.
    import_more("", "C2,S12000049,2026-10-01,accommodated,placement=kinship,social_work,,\n");
    EXPECT_EQ(cache_.status_report(*store_, standards_, own()).get(), first.get());
}

TEST_F(StatusCacheTest, AnotherConnectionsWriteIsSeen) {
    const auto before = cache_.status_report(*store_, standards_, own());
    {
        store::SqliteStore other((dir_ / "w.db").string(), standards_.vocabulary);
        write("events3.csv",
              "child_id,local_authority,date,event,details,agency,note\n"
              "C2,S12000049,2026-11-01,lar,,social_work,\n");
        app::ImportOptions o;
        o.events_path = (dir_ / "events3.csv").string();
        o.today = core::Date::parse("2026-11-26");
        app::import_files(other, standards_.vocabulary, o);
    }
    const auto after = cache_.status_report(*store_, standards_, own());
    EXPECT_NE(describe(*after), describe(*before));
}

// The council's children joined with their allocations: kept until an allocation, a team or a
// user changes who sees what, also when another connection (the command line) writes it.
std::string workers_of(const app::CouncilChildren& c) {
    std::string out;
    for (const auto& r : c.joined) out += r.status->child.child_id + ":" + r.allocation->worker + "/" + *r.team + " ";
    return out;
}

TEST_F(StatusCacheTest, TheCouncilsAllocationsAreKeptUntilOneChanges) {
    const auto date = core::Date::parse("2026-11-26");
    const auto first = cache_.council_children(*store_, standards_, kOwn, date);
    EXPECT_EQ(cache_.council_children(*store_, standards_, kOwn, date).get(), first.get());
    EXPECT_EQ(cache_.stats().council_hits, 1U);
    EXPECT_EQ(workers_of(*first),
              "C1:social_worker@S12000049/Team A C2:social_worker@S12000049/Team A C3:worker_b@S12000049/Team B "
              "C4:/ ");
    {
        store::SqliteStore cli((dir_ / "w.db").string(), standards_.vocabulary);
        const std::vector<app::AllocationRequest> move{{kOwn, "C4", "worker_b@S12000049", "", ""}};
        app::allocate(cli, move, {"cli", "2027-01-15T08:00:00Z", "test"});
    }
    const auto after = cache_.council_children(*store_, standards_, kOwn, date);
    EXPECT_NE(after.get(), first.get());
    EXPECT_EQ(workers_of(*after),
              "C1:social_worker@S12000049/Team A C2:social_worker@S12000049/Team A C3:worker_b@S12000049/Team B "
              "C4:worker_b@S12000049/Team B ");
    EXPECT_EQ(workers_of(*first),
              "C1:social_worker@S12000049/Team A C2:social_worker@S12000049/Team A C3:worker_b@S12000049/Team B "
              "C4:/ ")
        << "what a request in progress holds is not changed under it";
}

TEST_F(StatusCacheTest, TheCaseloadVersionFollowsWhoSeesWhatAndNothingElse) {
    const auto version = [&] { return store_->caseload_version().value_or(-1); };
    const auto v0 = version();
    ASSERT_GE(v0, 0);
    const auto user = store_->find_user(user_name(app::Role::social_worker));
    ASSERT_TRUE(user);
    store_->set_sign_in_failures(user->id, 2, 0);
    session_for(user->name);
    store_->record_audit({"2027-01-15T08:00:00Z", "someone", "view_chronology", kOwn, "C1", "", "web 192.0.2.1"});
    EXPECT_EQ(version(), v0) << "a failed sign-in, a session, an audit entry: nobody sees anything new";
    store_->caseload().add_team({kOwn, "Team C"}, kNow);
    const auto v1 = version();
    EXPECT_GT(v1, v0) << "a team";
    store_->disable_user(user->id, kNow, {"2027-01-15T08:00:00Z", "admin", "disable_user", kOwn, "", "", "test"});
    EXPECT_GT(version(), v1) << "a user's access taken away";
}

std::string describe_report(const app::MeasureReport& r) {
    std::string out;
    for (const auto& s : r.series) {
        out += s.group + "/" + s.series + ":";
        for (const auto& p : s.points) {
            out += " " + std::to_string(p.point.numerator) + "/" + std::to_string(p.point.denominator) +
                   (p.value_shown ? "" : "[c]");
        }
        out += "\n";
    }
    return out;
}

// A measure's report by team: kept until a journey or an allocation changes, as the same query
// worked out afresh would say.
TEST_F(StatusCacheTest, AMeasureReportIsKeptUntilAJourneyOrAnAllocationChanges) {
    const auto measures = app::default_measures(standards_);
    app::MeasureQuery q;
    q.measures = {measures.find("permanence-plan")};
    ASSERT_NE(q.measures.front(), nullptr);
    q.from = core::Date::parse("2026-01-01");
    q.to = core::Date::parse("2026-11-01");
    q.as_of = core::Date::parse("2026-11-26");
    q.local_authority = kOwn;
    q.by = app::MeasureGroups::team;
    const auto first = cache_.measure_report(*store_, standards_, q);
    EXPECT_EQ(describe_report(*first), describe_report(app::measure_report(*store_, standards_, q)));
    EXPECT_EQ(cache_.measure_report(*store_, standards_, q).get(), first.get());
    EXPECT_EQ(cache_.stats().report_hits, 1U);
    app::MeasureQuery all = q;
    all.by = app::MeasureGroups::all;
    EXPECT_NE(cache_.measure_report(*store_, standards_, all).get(), first.get()) << "each query kept apart";

    {
        store::SqliteStore cli((dir_ / "w.db").string(), standards_.vocabulary);
        const std::vector<app::AllocationRequest> move{{kOwn, "C4", "worker_b@S12000049", "", ""}};
        app::allocate(cli, move, {"cli", "2027-01-15T08:00:00Z", "test"});
    }
    const auto reallocated = cache_.measure_report(*store_, standards_, q);
    EXPECT_NE(reallocated.get(), first.get()) << "a team's figures follow the allocations";
    EXPECT_EQ(describe_report(*reallocated), describe_report(app::measure_report(*store_, standards_, q)));

    import_more("", "C4,S12000049,2026-10-01,permanence_plan_recorded,plan=kinship,social_work,,\n");
    const auto recorded = cache_.measure_report(*store_, standards_, q);
    EXPECT_NE(recorded.get(), reallocated.get()) << "a new event";
    EXPECT_EQ(describe_report(*recorded), describe_report(app::measure_report(*store_, standards_, q)));
}

TEST_F(StatusCacheTest, TheLeastRecentlyUsedGoesFirst) {
    app::StatusCache small(2);
    const app::StatusQuery other{core::Date::parse("2026-11-26"), std::string(kOther), std::nullopt};
    const app::StatusQuery earlier{core::Date::parse("2026-09-15"), std::string(kOwn), std::nullopt};
    small.status_report(*store_, standards_, own());
    small.status_report(*store_, standards_, other);
    small.status_report(*store_, standards_, own());    // hit: own is now the most recent
    small.status_report(*store_, standards_, earlier);  // evicts other
    small.status_report(*store_, standards_, own());    // hit
    small.status_report(*store_, standards_, other);    // miss
    EXPECT_EQ(small.stats().hits, 2U);
    EXPECT_EQ(small.stats().misses, 4U);
    EXPECT_EQ(small.stats().entries, 2U);
}

TEST_F(StatusCacheTest, ThreadsShareOneCache) {
    const std::string expected = describe(app::status_report(*store_, standards_, own()));
    std::vector<std::thread> threads;
    threads.reserve(4);
    std::vector<int> wrong(4, 0);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            store::SqliteStore mine((dir_ / "w.db").string(), standards_.vocabulary);
            for (int i = 0; i < 50; ++i) {
                if (describe(*cache_.status_report(mine, standards_, own())) != expected) ++wrong[t];
            }
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(wrong, std::vector<int>(4, 0));
    EXPECT_EQ(cache_.stats().hits + cache_.stats().misses, 200U);
    EXPECT_GE(cache_.stats().hits, 196U);
}

}  // namespace
}  // namespace waymark::test
