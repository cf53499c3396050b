// The timeline's layout (render/timeline.hpp, render/placement.hpp): label placement keeps its
// promises on random input, and on the journeys of `synth` every text on the page is inside
// the page and overlaps no other text.
#include "render/timeline.hpp"
#include "app/import.hpp"
#include "app/journeys.hpp"
#include "core/stage.hpp"
#include "journey_builder.hpp"
#include "render/cairo/cairo.hpp"
#include "render/placement.hpp"
#include "render/svg.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "support/legible.hpp"
#include "support/tool.hpp"
#include "synth/synth.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <random>

namespace {

namespace fs = std::filesystem;
namespace render = waymark::render;
using waymark::core::Date;

// --- place_labels ----------------------------------------------------------------------------

TEST(Placement, RandomLabelsNeverOverlapNorCrossLeadersAndStayInBounds) {
    std::mt19937 rng(42);
    for (int round = 0; round < 200; ++round) {
        std::uniform_real_distribution<double> ax(0, 500);
        std::uniform_real_distribution<double> wd(5, 120);
        std::uniform_int_distribution<int> pr(0, 5);
        std::vector<render::LabelRequest> requests;
        const int n = 1 + round % 80;
        for (int i = 0; i < n; ++i) requests.push_back({ax(rng), wd(rng), pr(rng)});
        render::LaneSpec spec;
        spec.min_x = 0;
        spec.max_x = 500;
        spec.lanes = 1 + round % 6;
        const auto layout = render::place_labels(requests, spec);
        ASSERT_EQ(layout.placed.size() + layout.unplaced.size(), requests.size());
        for (const auto& p : layout.placed) {
            const auto& r = requests[p.request];
            EXPECT_GE(p.x, spec.min_x - 1e-9);
            EXPECT_LE(p.x + r.width, spec.max_x + 1e-9);
            // The leader meets the label: the anchor lies under it.
            EXPECT_LE(p.x, r.anchor_x + 1e-9);
            EXPECT_GE(p.x + r.width, r.anchor_x - 1e-9);
            EXPECT_GE(p.lane, 0);
            EXPECT_LT(p.lane, spec.lanes);
            for (const auto& q : layout.placed) {
                if (&p == &q) continue;
                const auto& s = requests[q.request];
                if (p.lane == q.lane) {
                    const bool apart = p.x + r.width + spec.gap <= q.x + 1e-9 || q.x + s.width + spec.gap <= p.x + 1e-9;
                    EXPECT_TRUE(apart) << "round " << round << ": labels " << p.request << " and " << q.request;
                }
                // q's leader runs up through every lane below q's; it must miss p's label there.
                if (p.lane < q.lane) {
                    const bool misses = s.anchor_x <= p.x - spec.leader_margin + 1e-9 ||
                                        s.anchor_x >= p.x + r.width + spec.leader_margin - 1e-9;
                    EXPECT_TRUE(misses) << "round " << round << ": leader of " << q.request << " crosses " << p.request;
                }
            }
        }
    }
}

TEST(Placement, HigherPriorityWinsTheOnlyPlace) {
    // Two labels at one anchor, one lane: only one fits, and it is the weightier.
    const std::vector<render::LabelRequest> requests = {{100, 80, 1}, {100, 80, 9}};
    render::LaneSpec spec;
    spec.min_x = 0;
    spec.max_x = 200;
    spec.lanes = 1;
    const auto layout = render::place_labels(requests, spec);
    ASSERT_EQ(layout.placed.size(), 1u);
    EXPECT_EQ(layout.placed[0].request, 1u);
    EXPECT_EQ(layout.unplaced, std::vector<std::size_t>{0});
}

TEST(Placement, ALabelStartsAtItsAnchorWhenThereIsRoom) {
    const std::vector<render::LabelRequest> requests = {{100, 40, 0}};
    render::LaneSpec spec;
    spec.min_x = 0;
    spec.max_x = 500;
    const auto layout = render::place_labels(requests, spec);
    ASSERT_EQ(layout.placed.size(), 1u);
    EXPECT_DOUBLE_EQ(layout.placed[0].x, 100 - spec.reach);
    EXPECT_EQ(layout.placed[0].lane, 0);
}

TEST(Placement, NearTheRightEdgeALabelEndsAtItsAnchor) {
    const std::vector<render::LabelRequest> requests = {{495, 40, 0}};
    render::LaneSpec spec;
    spec.min_x = 0;
    spec.max_x = 500;
    const auto layout = render::place_labels(requests, spec);
    ASSERT_EQ(layout.placed.size(), 1u);
    EXPECT_DOUBLE_EQ(layout.placed[0].x, 460);
}

TEST(Placement, ClustersMergeUntilTheirLabelsDoNotOverlap) {
    std::mt19937 rng(7);
    for (int round = 0; round < 100; ++round) {
        std::uniform_real_distribution<double> ax(0, 300);
        std::vector<double> xs(static_cast<std::size_t>(1 + round % 60));
        for (double& x : xs) x = ax(rng);
        std::sort(xs.begin(), xs.end());
        const auto clusters = render::summarise_clusters(xs, 5, 0, 300, 4, [](std::size_t) { return 30.0; });
        ASSERT_FALSE(clusters.empty());
        EXPECT_EQ(clusters.front().first, 0u);
        EXPECT_EQ(clusters.back().last, xs.size() - 1);
        for (std::size_t i = 0; i < clusters.size(); ++i) {
            EXPECT_GE(clusters[i].label_x, 0);
            EXPECT_LE(clusters[i].label_x + clusters[i].label_width, 300 + 1e-9);
            if (i + 1 < clusters.size()) {
                EXPECT_EQ(clusters[i].last + 1, clusters[i + 1].first);
                EXPECT_LE(clusters[i].label_x + clusters[i].label_width + 4, clusters[i + 1].label_x + 1e-9);
            }
        }
    }
}

// --- The timeline -----------------------------------------------------------------------------

render::Scene draw(const waymark::core::ChildRecord& child, const std::vector<waymark::core::Event>& events, Date as_of,
                   render::TimelineOptions options = {}) {
    const auto& set = waymark::test::defaults();
    options.generated = as_of;
    return render::timeline_scene(child, events, as_of, set.vocabulary, set.standards, options,
                                  render::builtin_metrics());
}

TEST(Timeline, EveryTextOfEverySynthJourneyIsOnThePageAndClearOfTheOthers) {
    const fs::path dir = fs::temp_directory_path() / ("waymark-timeline-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    waymark::synth::SynthOptions so;
    so.children = 300;
    so.seed = 20261126;
    so.as_of = Date::parse("2026-11-26");
    {
        std::ofstream c(dir / "children.csv");
        std::ofstream e(dir / "events.csv");
        waymark::synth::write_synthetic(so, c, e);
    }
    const auto& set = waymark::test::defaults();
    waymark::store::SqliteStore store((dir / "w.db").string(), set.vocabulary);
    waymark::app::ImportOptions io;
    io.children_path = (dir / "children.csv").string();
    io.events_path = (dir / "events.csv").string();
    io.today = so.as_of;
    waymark::app::import_files(store, set.vocabulary, io);
    const auto records =
        waymark::app::journeys_for_view(store, store, {}, so.as_of, {"test", "2026-11-26T00:00:00Z"}, "test");
    ASSERT_EQ(records.size(), 300u);
    std::size_t most = 0;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const auto& r = records[i];
        most = std::max(most, r.events.size());
        render::TimelineOptions options;
        options.paper = i % 7 == 0 ? render::Paper::a3 : render::Paper::a4;
        options.names = i % 2 == 0;
        waymark::test::expect_legible(draw(r.child, r.events, so.as_of, options), r.child.child_id);
        if (HasFailure()) break;
    }
    EXPECT_GT(most, 40u) << "the synthetic journeys should include long ones";
    fs::remove_all(dir);
}

// A 16-year journey with 300 events: long residential stretch, many moves and reviews.
std::vector<waymark::core::Event> long_journey(waymark::test::J& j) {
    j.born("2010-03-14")
        .ev("2010-05-01", "referral_to_reporter")
        .ev("2010-06-10", "childrens_hearing", "kind=initial;outcome=cso");
    j.ev("2010-06-10", "looked_after_at_home");
    Date d = Date::parse("2010-07-01");
    const char* placements[] = {"foster", "residential", "kinship", "foster", "residential"};
    for (int i = 0; i < 290; ++i) {
        const std::string date = d.iso();
        if (i == 20) {
            j.ev(date.c_str(), "accommodated", "placement=foster;basis=cso");
        } else if (i > 20 && i % 12 == 0) {
            j.ev(date.c_str(), "placement_change", (std::string("placement=") + placements[(i / 12) % 5]).c_str());
        } else if (i % 5 == 0) {
            j.ev(date.c_str(), "childrens_hearing", "kind=review;outcome=cso_continued");
        } else if (i % 9 == 0) {
            j.ev(date.c_str(), "life_event", i % 2 == 0 ? "impact=positive" : "impact=negative");
        } else {
            j.ev(date.c_str(), "lar", "kind=standard");
        }
        d = d + waymark::core::Days{19};
    }
    j.ev("2026-06-01", "permanence_recommendation", "route=po").planned("2027-01-10", "permanence_panel");
    return j.events();
}

TEST(Timeline, ASixteenYearJourneyOfThreeHundredEventsStaysLegible) {
    waymark::test::J j;
    const auto events = long_journey(j);
    ASSERT_GE(events.size(), 295u);
    for (render::Paper paper : {render::Paper::a4, render::Paper::a3}) {
        render::TimelineOptions options;
        options.paper = paper;
        const auto scene = draw(j.child(), events, Date::parse("2026-11-26"), options);
        waymark::test::expect_legible(scene, paper == render::Paper::a4 ? "A4" : "A3");
        // Events without a label are counted under the axis; none disappears.
        std::size_t labelled = 0;
        std::size_t counted = 0;
        for (const auto& g : scene.groups) {
            if (g.id.starts_with("event-")) {
                labelled += std::count_if(g.items.begin(), g.items.end(),
                                          [](const auto& it) { return std::holds_alternative<render::Text>(it); });
            }
            if (g.id == "dense") {
                for (const auto& it : g.items) {
                    if (const auto* t = std::get_if<render::Text>(&it)) counted += std::stoul(t->text.substr(1));
                }
            }
        }
        EXPECT_EQ(labelled + counted, events.size());
    }
}

TEST(Timeline, NamesAreLeftOutWhenAsked) {
    waymark::test::J j;
    j.born("2019-02-03").ev("2024-01-10", "accommodated", "placement=foster;basis=s25");
    waymark::core::ChildRecord child = j.child();
    child.given_name = "Zoë";
    child.family_name = "Ó Dochartaigh";
    render::TimelineOptions options;
    options.names = false;
    const auto scene = draw(child, j.events(), Date::parse("2026-11-26"), options);
    const std::string text = render::dump(scene);
    EXPECT_EQ(text.find("Zo"), std::string::npos);
    EXPECT_EQ(text.find("Dochartaigh"), std::string::npos);
    EXPECT_EQ(text.find("2019"), text.find("2019 ")) << "no date of birth";
    EXPECT_NE(text.find("Case S12000049 T1"), std::string::npos);
    EXPECT_NE(text.find("Aged 7 years"), std::string::npos);
    options.names = true;
    const std::string named = render::dump(draw(child, j.events(), Date::parse("2026-11-26"), options));
    EXPECT_NE(named.find("Zoë Ó Dochartaigh"), std::string::npos);
}

TEST(Timeline, AWaitBetweenDecisionsOverTheThresholdIsBracketedWithItsLength) {
    waymark::test::J j;
    j.born("2020-01-01")
        .ev("2024-01-01", "accommodated", "placement=foster;basis=s25")
        .ev("2024-02-05", "lar", "kind=standard")   // 5 weeks: no bracket
        .ev("2024-07-01", "lar", "kind=standard");  // 21 weeks: a bracket
    const auto scene = draw(j.child(), j.events(), Date::parse("2024-09-01"));
    const std::string text = render::dump(scene);
    EXPECT_NE(text.find("\"21 wks\""), std::string::npos);
    EXPECT_EQ(text.find("\"5 wks\""), std::string::npos);
    // On 1 September 2024, 9 weeks since the last review: under the threshold, no open wait.
    EXPECT_EQ(text.find("so far"), std::string::npos);
    const std::string later = render::dump(draw(j.child(), j.events(), Date::parse("2024-12-01")));
    EXPECT_NE(later.find("\"22 wks so far\""), std::string::npos);  // 153 days
}

// The texts of a group of a scene, in order.
std::vector<const render::Text*> texts_of(const render::Scene& scene, std::string_view group) {
    std::vector<const render::Text*> out;
    for (const auto& g : scene.groups) {
        if (g.id != group) continue;
        for (const auto& it : g.items) {
            if (const auto* t = std::get_if<render::Text>(&it)) out.push_back(t);
        }
    }
    return out;
}
const render::Group* group_of(const render::Scene& scene, std::string_view id) {
    for (const auto& g : scene.groups) {
        if (g.id == id) return &g;
    }
    return nullptr;
}
// The x of a year's label on the time axis (-1 when it has none).
double year_x(const render::Scene& scene, const std::string& year) {
    for (const auto* t : texts_of(scene, "time-axis")) {
        if (t->text == year) return t->at.x;
    }
    return -1;
}

// Accommodated at 9: the axis from birth would give the 3 years in care a fifth of the page.
// The years before the first involvement are compressed behind a break; birth and the ages
// stay on the page, and the care period takes most of the width.
TEST(TimelineAxis, AChildAccommodatedAtNineGetsABreakAndTheCarePeriodMostOfTheWidth) {
    waymark::test::J j;
    j.born("2012-02-10")
        .ev("2021-01-20", "referral_to_reporter")
        .ev("2021-03-01", "accommodated", "placement=foster;basis=s25")
        .ev("2021-04-05", "lar", "kind=standard")
        .ev("2021-07-01", "lar", "kind=standard")
        .ev("2022-01-10", "childrens_hearing", "kind=initial;outcome=cso")
        .ev("2022-05-01", "permanence_recommendation", "route=po")
        .ev("2023-02-01", "permanence_panel", "recommendation=po");
    const auto scene = draw(j.child(), j.events(), Date::parse("2024-06-01"));
    waymark::test::expect_legible(scene, "accommodated at 9");
    const auto* mark = group_of(scene, "axis-break");
    ASSERT_NE(mark, nullptr);
    EXPECT_NE(mark->label.find("from 10 February 2012 to 20 October 2020"), std::string::npos)
        << mark->label;  // to three months before the referral
    // The years and the age scale from birth are still drawn, compressed on the left.
    const double plot = 817.89 - 94;
    EXPECT_GE(year_x(scene, "2015"), 94);
    EXPECT_LT(year_x(scene, "2015"), 94 + 0.15 * plot);
    const auto ages = texts_of(scene, "age");
    EXPECT_TRUE(std::any_of(ages.begin(), ages.end(), [](const auto* t) { return t->text == "0"; }));
    EXPECT_TRUE(std::any_of(ages.begin(), ages.end(), [](const auto* t) { return t->text == "12"; }));
    // 2022 to 2024 takes over 40% of the plot (drawn from birth it would take 16%), and the
    // scale is the same on each side of each year: linear after the break.
    const double x22 = year_x(scene, "2022");
    const double x23 = year_x(scene, "2023");
    const double x24 = year_x(scene, "2024");
    ASSERT_GT(x22, 0);
    EXPECT_GT(x24 - x22, 0.4 * plot);
    EXPECT_NEAR(x23 - x22, x24 - x23, 0.5);

    // Without a break when asked.
    render::TimelineOptions linear;
    linear.axis_break = false;
    EXPECT_EQ(group_of(draw(j.child(), j.events(), Date::parse("2024-06-01"), linear), "axis-break"), nullptr);
}

TEST(TimelineAxis, NoBreakWhenTheStretchBeforeTheFirstInvolvementIsShort) {
    // Accommodated the day after birth.
    waymark::test::J baby;
    baby.born("2021-08-18").ev("2021-08-19", "accommodated", "placement=foster;basis=cpo");
    EXPECT_EQ(group_of(draw(baby.child(), baby.events(), Date::parse("2024-09-30")), "axis-break"), nullptr);
    // 2 years 9 months before the first involvement (2 years 6 months compressed) in a 13-year
    // page: under a quarter of the width, so the axis stays linear.
    waymark::test::J early;
    early.born("2011-01-01").ev("2013-10-01", "looked_after_at_home").ev("2014-01-01", "lar", "kind=plan_review");
    EXPECT_EQ(group_of(draw(early.child(), early.events(), Date::parse("2024-01-01")), "axis-break"), nullptr);
    // Under two years compressed, whatever its share: no break.
    waymark::test::J toddler;
    toddler.born("2022-01-01").ev("2024-02-01", "accommodated", "placement=kinship;basis=s25");
    EXPECT_EQ(group_of(draw(toddler.child(), toddler.events(), Date::parse("2024-06-01")), "axis-break"), nullptr);
}

// Legal status in its own band, from the events (docs/timeline.md), apart from where the child
// lives; a POA is awaiting adoption, not permanent.
TEST(TimelineBands, LegalStatusHasItsOwnBandApartFromThePlacement) {
    waymark::test::J j;
    j.born("2019-05-05")
        .ev("2020-01-06", "accommodated", "placement=foster;basis=s25")
        .ev("2020-03-02", "cpo")
        .ev("2020-03-04", "childrens_hearing", "kind=initial;outcome=icso")
        .ev("2020-03-20", "childrens_hearing", "kind=other;outcome=cso")
        .ev("2020-09-01", "placement_change", "placement=kinship")
        .ev("2021-03-15", "childrens_hearing", "kind=review;outcome=cso_continued")
        .ev("2022-02-01", "order_granted", "order=poa")
        .ev("2022-03-01", "placement_change", "placement=prospective_adopters");
    const auto scene = draw(j.child(), j.events(), Date::parse("2022-06-01"));
    waymark::test::expect_legible(scene, "legal status");
    const auto* legal = group_of(scene, "legal-status");
    const auto* placement = group_of(scene, "placement");
    ASSERT_NE(legal, nullptr);
    ASSERT_NE(placement, nullptr);
    EXPECT_EQ(legal->label,
              "Legal status: s25 (voluntary) from 6 Jan 2020; CPO from 2 Mar 2020; ICSO from 4 Mar 2020; CSO from 20 "
              "Mar 2020; POA: awaiting adoption from 1 Feb 2022");
    EXPECT_EQ(placement->label,
              "Placement: Foster from 6 Jan 2020; Kinship from 1 Sep 2020; Prospective adopters from 1 Mar 2022");
    EXPECT_EQ(legal->label.find("Permanent"), std::string::npos);

    // A CSO not reviewed within the year (it lapsed: DOMAIN.md section 5), a PO, then the child
    // adopted: PO, then Adopted.
    waymark::test::J k;
    k.born("2015-01-01")
        .ev("2016-01-04", "childrens_hearing", "kind=initial;outcome=cso")
        .ev("2016-01-04", "accommodated", "placement=foster;basis=cso")
        .ev("2018-01-10", "order_granted", "order=po")
        .ev("2018-03-01", "childrens_hearing", "kind=review;outcome=discharged")
        .ev("2020-06-01", "order_granted", "order=adoption")
        .ev("2020-06-01", "ceased_looked_after", "destination=adoption");
    const auto adopted = draw(k.child(), k.events(), Date::parse("2021-01-01"));
    EXPECT_EQ(group_of(adopted, "legal-status")->label,
              "Legal status: CSO from 4 Jan 2016, lapsed at the end of 4 Jan 2017; Lapsed from 5 Jan 2017; PO from 10 "
              "Jan 2018; Adopted from 1 Jun 2020");
    EXPECT_EQ(group_of(adopted, "placement")->label, "Placement: Foster from 4 Jan 2016");
}

// An ICSO whose clock lapsed (a clock built here: the timeline takes the clocks as given) ends
// at its due day with the lapse marked; no order until the next hearing's.
TEST(TimelineBands, ALapsedOrderEndsAtItsDueDayAndIsMarked) {
    waymark::test::J j;
    j.born("2018-04-04")
        .ev("2024-01-10", "childrens_hearing", "kind=initial;outcome=icso")
        .ev("2024-01-10", "accommodated", "placement=foster;basis=icso")
        .ev("2024-03-01", "childrens_hearing", "kind=other;outcome=cso");
    const auto events = j.events();
    const auto as_of = Date::parse("2024-06-01");
    const waymark::core::Journey journey(j.child(), events, as_of);
    const auto& set = waymark::test::defaults();
    const waymark::core::Standard* icso = nullptr;
    for (const auto& st : set.standards) {
        if (st.id == "icso-22d") icso = &st;
    }
    ASSERT_NE(icso, nullptr);
    waymark::core::Clock lapsed;
    lapsed.standard = icso;
    lapsed.starts_on = Date::parse("2024-01-10");
    lapsed.due_on = Date::parse("2024-01-31");  // 22 days counting the day made: 10 Jan is day 1
    lapsed.status = waymark::core::ClockStatus::lapsed;
    lapsed.stopped_on = lapsed.due_on;
    for (std::size_t i = 0; i < journey.events().size(); ++i) {
        if (journey.events()[i]->attr("outcome") == "icso") lapsed.start_event = i;
    }
    const std::vector<waymark::core::Clock> clocks{lapsed};
    render::TimelineOptions options;
    options.generated = as_of;
    const auto scene = render::timeline_scene({journey, set.vocabulary, clocks, waymark::core::compute_stage(journey)},
                                              options, render::builtin_metrics());
    waymark::test::expect_legible(scene, "lapsed");
    const auto* legal = group_of(scene, "legal-status");
    ASSERT_NE(legal, nullptr);
    EXPECT_EQ(legal->label,
              "Legal status: ICSO from 10 Jan 2024, lapsed at the end of 31 Jan 2024; Lapsed from 1 Feb 2024; CSO "
              "from 1 Mar 2024");
    // The mark: a heavy line in the warning colour, at the end of the due day.
    const auto heavy = std::count_if(legal->items.begin(), legal->items.end(), [](const auto& it) {
        const auto* l = std::get_if<render::Path>(&it);
        return l != nullptr && l->stroke && l->stroke->colour == render::kWarning && l->stroke->width == 2;
    });
    EXPECT_EQ(heavy, 1);
    const auto key = texts_of(scene, "legend");
    EXPECT_TRUE(std::any_of(key.begin(), key.end(), [](const auto* t) { return t->text.starts_with("Order lapsed"); }));
    // The engine's own clocks for this journey say the same (the hearing came after day 22).
    const auto engine = draw(j.child(), events, as_of);
    EXPECT_EQ(group_of(engine, "legal-status")->label, legal->label);
    // Reconsidered on day 22 (the engine's clocks): not lapsed, no mark.
    waymark::test::J on_time;
    on_time.born("2018-04-04")
        .ev("2024-01-10", "childrens_hearing", "kind=initial;outcome=icso")
        .ev("2024-01-10", "accommodated", "placement=foster;basis=icso")
        .ev("2024-01-31", "childrens_hearing", "kind=other;outcome=cso");
    const auto plain = draw(on_time.child(), on_time.events(), as_of);
    EXPECT_EQ(group_of(plain, "legal-status")->label, "Legal status: ICSO from 10 Jan 2024; CSO from 31 Jan 2024");
}

// After a permanence order the looked after reviews every six months are the review cycle,
// not waits between decisions; on a POA (awaiting adoption) they are still waits.
TEST(Timeline, RoutineReviewsAfterPermanenceAreNotBracketedAsWaits) {
    const auto journey = [](const char* order) {
        waymark::test::J j;
        j.born("2015-01-01")
            .ev("2016-01-04", "accommodated", "placement=foster;basis=s25")
            .ev("2016-02-01", "lar", "kind=standard")
            .ev("2016-04-01", "permanence_recommendation", "route=po")
            .ev("2016-06-01", "permanence_panel", "recommendation=po")
            .ev("2016-06-10", "adm_decision", "decision=agreed")
            .ev("2016-07-01", "court_application_lodged", "order=po")
            .ev("2016-08-01", "order_granted", (std::string("order=") + order).c_str())
            .ev("2017-02-01", "lar", "kind=standard")   // 26 weeks after the order
            .ev("2017-08-02", "lar", "kind=standard")   // 26 weeks
            .ev("2018-02-01", "lar", "kind=standard");  // 26 weeks
        return j;
    };
    auto po = journey("po");
    const std::string permanent = render::dump(draw(po.child(), po.events(), Date::parse("2018-03-01")));
    EXPECT_EQ(permanent.find("\"26 wks\""), std::string::npos);
    EXPECT_NE(permanent.find("No wait between decisions longer than 12 wks"), std::string::npos);
    auto poa = journey("poa");
    const std::string awaiting = render::dump(draw(poa.child(), poa.events(), Date::parse("2018-03-01")));
    EXPECT_NE(awaiting.find("\"26 wks\""), std::string::npos);
}

}  // namespace

namespace {

// The journey of tests/cases/timeline_prebirth_to_adoption, shortened.
render::Scene adoption_scene() {
    waymark::test::J j;
    j.born("2021-08-18")
        .ev("2021-03-01", "pre_birth_concern", "expected_birth=2021-08-20")
        .ev("2021-08-19", "accommodated", "placement=foster;basis=cpo")
        .ev("2022-04-20", "permanence_recommendation", "route=adoption")
        .ev("2022-09-14", "permanence_panel", "recommendation=adoption")
        .ev("2024-02-15", "order_granted", "order=adoption");
    waymark::core::ChildRecord child = j.child();
    child.given_name = "Siobhán";
    child.family_name = "Ó Briain";
    return draw(child, j.events(), Date::parse("2024-09-30"));
}

TEST(TimelinePdf, OnePageWithTheNameAndTheMarkingAsTextAndTheSameBytesEveryTime) {
    const std::string pdf = render::to_pdf(adoption_scene());
    const std::string info = waymark::test::run_on("pdfinfo", pdf);
    // pdfinfo's "Name:    value" lines.
    const auto field = [&](const std::string& name) {
        const auto at = info.find(name + ":");
        if (at == std::string::npos) return std::string("(missing)");
        const auto start = info.find_first_not_of(' ', at + name.size() + 1);
        return info.substr(start, info.find('\n', start) - start);
    };
    EXPECT_EQ(field("Pages"), "1") << info;
    EXPECT_EQ(field("Title"), "Timeline: Siobhán Ó Briain, as of 30 September 2024");
    EXPECT_EQ(field("Page size"), "841.89 x 595.28 pts (A4)");
    const std::string text = waymark::test::run_on("sh -c 'pdftotext -enc UTF-8 \"$0\" -'", pdf);
    EXPECT_NE(text.find("Siobhán Ó Briain"), std::string::npos) << text;
    EXPECT_NE(text.find("OFFICIAL-SENSITIVE"), std::string::npos);
    EXPECT_NE(text.find("Panel: adoption"), std::string::npos);
    EXPECT_EQ(render::to_pdf(adoption_scene()), pdf);
}

TEST(TimelineSvg, IsWellFormedWithTitleDescriptionAndRealText) {
    const std::string svg = render::to_svg(adoption_scene());
    EXPECT_EQ(waymark::test::run_on("xmllint --noout", svg), "");
    EXPECT_NE(svg.find("<title id=\"svg_title\">Timeline: Siobhán Ó Briain, as of 30 September 2024</title>"),
              std::string::npos);
    EXPECT_NE(svg.find("<desc"), std::string::npos);
    EXPECT_NE(svg.find(">Panel: adoption<"), std::string::npos);
}

TEST(TimelineAudit, EveryChildDrawnIsAuditedBeforeItIsReturned) {
    const fs::path dir = fs::temp_directory_path() / ("waymark-timeline-audit-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "children.csv") << "child_id,local_authority,date_of_birth\nA1,S12000049,2020-01-01\n"
                                           "A2,S12000049,2021-01-01\nB1,S12000033,2019-05-05\n";
    const auto& set = waymark::test::defaults();
    {
        waymark::store::SqliteStore store((dir / "w.db").string(), set.vocabulary);
        waymark::app::ImportOptions io;
        io.children_path = (dir / "children.csv").string();
        io.today = Date::parse("2026-11-26");
        waymark::app::import_files(store, set.vocabulary, io);
        const auto one = waymark::app::journeys_for_view(store, store, {std::nullopt, "A2", true, {}},
                                                         Date::parse("2026-11-26"), {"ann", "T1"}, "view_timeline");
        ASSERT_EQ(one.size(), 1u);
        const auto council = waymark::app::journeys_for_view(store, store, {"S12000049", std::nullopt, true, {}},
                                                             Date::parse("2026-11-26"), {"bob", "T2"}, "view_timeline");
        EXPECT_EQ(council.size(), 2u);
        EXPECT_THROW(waymark::app::journeys_for_view(store, store, {"S12000049", "B1", true, {}},
                                                     Date::parse("2026-11-26"), {"eve", "T3"}, "view_timeline"),
                     waymark::core::Error);
    }
    std::string out;
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir / "w.db").string().c_str(), &db), SQLITE_OK);
    sqlite3_exec(
        db, "SELECT actor, action, local_authority, child_id, detail FROM audit ORDER BY id",
        [](void* sink, int n, char** values, char**) {
            auto& text = *static_cast<std::string*>(sink);
            for (int i = 0; i < n; ++i) text += std::string(i > 0 ? "|" : "") + (values[i] != nullptr ? values[i] : "");
            text += "\n";
            return 0;
        },
        &out, nullptr);
    sqlite3_close(db);
    EXPECT_EQ(out,
              "ann|view_timeline|S12000049|A2|as of 2026-11-26\n"
              "bob|view_timeline|S12000049|A1|as of 2026-11-26\n"
              "bob|view_timeline|S12000049|A2|as of 2026-11-26\n");
    fs::remove_all(dir);
}

}  // namespace
