// Journey stages (DATA.md, "Journey stage"): the first rule that applies, and the date of
// the event that put the child in the stage.
#include "journey_builder.hpp"

#include "core/legal_status.hpp"

#include <gtest/gtest.h>

#include <array>
#include <string>

using waymark::test::J;

namespace {
std::string since(J& j, const char* as_of) {
    auto r = j.stage(as_of);
    return r.since ? r.since->iso() : "";
}
}  // namespace

TEST(Stage, PreBirthUntilBorn) {
    auto j =
        J().ev("2026-09-01", "pre_birth_concern", "expected_birth=2026-12-01").ev("2026-11-15", "scra_early_alert");
    EXPECT_EQ(j.stage_name("2026-11-26"), "pre_birth");
    EXPECT_EQ(since(j, "2026-11-26"), "2026-09-01");
    j.ev("2026-12-01", "birth");
    EXPECT_EQ(j.stage_name("2026-12-01"), "not_looked_after");  // born, never looked after
    EXPECT_EQ(since(j, "2026-12-01"), "");
    auto born = J().born("2026-12-01");
    EXPECT_EQ(born.stage_name("2026-11-30"), "pre_birth");  // the date of birth is after D
}

TEST(Stage, AwayFromHomeFollowsTheLatestRecommendation) {
    auto j = J().born("2020-01-01").ev("2025-01-10", "accommodated", "placement=foster");
    EXPECT_EQ(j.stage_name("2025-02-01"), "away_assessment");
    EXPECT_EQ(since(j, "2025-02-01"), "2025-01-10");
    EXPECT_EQ(j.stage("2025-02-01").placement, "foster");

    j.ev("2025-06-01", "permanence_recommendation", "route=poa");
    EXPECT_EQ(j.stage_name("2025-06-02"), "permanence_planning");
    EXPECT_EQ(since(j, "2025-06-02"), "2025-06-01");

    j.ev("2025-08-01", "permanence_panel", "recommendation=poa");
    EXPECT_EQ(j.stage_name("2025-08-02"), "panel");
    EXPECT_EQ(since(j, "2025-08-02"), "2025-08-01");

    j.ev("2025-08-10", "adm_decision", "decision=agreed");
    EXPECT_EQ(j.stage_name("2025-08-11"), "legal");
    EXPECT_EQ(since(j, "2025-08-11"), "2025-08-10");

    // A permanence order with authority to adopt: still looked after, waiting for adoption.
    j.ev("2026-03-01", "order_granted", "order=poa");
    EXPECT_EQ(j.stage_name("2026-03-01"), "awaiting_adoption");
    EXPECT_EQ(since(j, "2026-03-01"), "2026-03-01");
    // History replays: the same journey as of an earlier date.
    EXPECT_EQ(j.stage_name("2025-07-01"), "permanence_planning");

    // The adoption order is the latest order: permanent since it.
    j.ev("2026-09-01", "order_granted", "order=adoption");
    EXPECT_EQ(j.stage_name("2026-09-01"), "permanent");
    EXPECT_EQ(since(j, "2026-09-01"), "2026-09-01");
    EXPECT_EQ(j.stage_name("2026-08-31"), "awaiting_adoption");
}

// DATA.md rule 2: awaiting_adoption needs the looked after period still open, its latest
// order_granted order=poa or placement_order, and no accommodated or looked_after_at_home after it.
TEST(Stage, AwaitingAdoptionOnlyWhileThePeriodIsOpen) {
    auto j = J().born("2019-05-05")
                 .ev("2024-01-10", "accommodated", "placement=foster")
                 .ev("2025-02-03", "order_granted", "order=poa")
                 .ev("2025-10-20", "ceased_looked_after", "destination=adoption");
    EXPECT_EQ(j.stage_name("2025-10-19"), "awaiting_adoption");
    EXPECT_EQ(since(j, "2025-10-19"), "2025-02-03");
    // The period ended (with an order no later accommodation follows): permanent since the order.
    EXPECT_EQ(j.stage_name("2025-10-20"), "permanent");
    EXPECT_EQ(since(j, "2025-10-20"), "2025-02-03");
}

TEST(Stage, PlacementOrderIsAwaitingAdoption) {
    auto j = J().born("2021-03-01")
                 .ev("2023-06-01", "accommodated", "placement=foster;basis=care_order")
                 .ev("2024-04-15", "order_granted", "order=placement_order");
    EXPECT_EQ(j.stage_name("2024-05-01"), "awaiting_adoption");
    EXPECT_EQ(since(j, "2024-05-01"), "2024-04-15");
    EXPECT_EQ(j.stage("2024-05-01").looked_after_since->iso(), "2023-06-01");
    EXPECT_EQ(j.stage("2024-05-01").placement, "foster");
}

TEST(Stage, AccommodationAfterAPoaIsNotAwaitingAdoption) {
    auto j = J().born("2016-01-01")
                 .ev("2020-01-01", "accommodated", "placement=prospective_adopters")
                 .ev("2021-01-01", "order_granted", "order=poa")
                 .ev("2022-01-01", "accommodated", "placement=residential");
    EXPECT_EQ(j.stage_name("2021-06-01"), "awaiting_adoption");
    EXPECT_EQ(j.stage_name("2022-02-01"), "away_assessment");
    EXPECT_EQ(since(j, "2022-02-01"), "2022-01-01");
}

TEST(Stage, PoThenPoaIsAwaitingAdoptionAndPoaThenPoIsPermanent) {
    auto po_first = J().born("2016-01-01")
                        .ev("2020-01-01", "accommodated")
                        .ev("2021-01-01", "order_granted", "order=po")
                        .ev("2022-03-01", "order_granted", "order=poa");
    EXPECT_EQ(po_first.stage_name("2021-06-01"), "permanent");
    EXPECT_EQ(po_first.stage_name("2022-03-01"), "awaiting_adoption");
    EXPECT_EQ(since(po_first, "2022-03-01"), "2022-03-01");
    auto poa_first = J().born("2016-01-01")
                         .ev("2020-01-01", "accommodated")
                         .ev("2021-01-01", "order_granted", "order=poa")
                         .ev("2022-03-01", "order_granted", "order=kinship_care_order");
    EXPECT_EQ(poa_first.stage_name("2022-03-01"), "permanent");
    EXPECT_EQ(since(poa_first, "2022-03-01"), "2022-03-01");
}

// DATA.md: "the current or last looked after period has an order_granted": an order dated
// after the period ended (on its last day still counts) is not the period's.
TEST(Stage, AnOrderAfterThePeriodEndedIsNotThePeriods) {
    auto later = J().born("2012-01-01")
                     .ev("2020-01-01", "accommodated")
                     .ev("2024-01-01", "ceased_looked_after", "destination=independent")
                     .ev("2024-03-01", "order_granted", "order=kinship_care_order");
    EXPECT_EQ(later.stage_name("2024-06-01"), "not_looked_after");
    EXPECT_EQ(since(later, "2024-06-01"), "2024-01-01");
    auto same_day = J().born("2012-01-01")
                        .ev("2020-01-01", "accommodated")
                        .ev("2024-01-01", "ceased_looked_after", "destination=other")
                        .ev("2024-01-01", "order_granted", "order=adoption");
    EXPECT_EQ(same_day.stage_name("2024-06-01"), "permanent");
    EXPECT_EQ(since(same_day, "2024-06-01"), "2024-01-01");
}

// DATA.md: a period that ended with destination sgo or cao (England) is permanent.
TEST(Stage, EnglishDestinationsArePermanent) {
    for (const char* d : {"destination=sgo", "destination=cao"}) {
        auto j = J().born("2015-01-01")
                     .ev("2024-01-01", "accommodated", "placement=kinship")
                     .ev("2025-01-01", "ceased_looked_after", d);
        EXPECT_EQ(j.stage_name("2025-02-01"), "permanent") << d;
        EXPECT_EQ(since(j, "2025-02-01"), "2025-01-01") << d;
    }
}

TEST(Stage, AdmNotAgreedStaysAtPanel) {
    auto j = J().born("2020-01-01")
                 .ev("2025-01-10", "accommodated")
                 .ev("2025-06-01", "permanence_recommendation", "route=po")
                 .ev("2025-08-01", "permanence_panel")
                 .ev("2025-08-10", "adm_decision", "decision=not_agreed");
    EXPECT_EQ(j.stage_name("2025-09-01"), "panel");
}

TEST(Stage, KinshipCareOrderRouteIsLegalFromTheRecommendation) {
    auto j = J().born("2020-01-01")
                 .ev("2025-01-10", "accommodated", "placement=kinship")
                 .ev("2025-05-01", "permanence_recommendation", "route=kinship_care_order");
    EXPECT_EQ(j.stage_name("2025-06-01"), "legal");
    EXPECT_EQ(since(j, "2025-06-01"), "2025-05-01");
}

TEST(Stage, ReturningHomeThenAtHome) {
    auto j = J().born("2020-01-01")
                 .ev("2025-01-10", "accommodated")
                 .ev("2025-04-01", "permanence_recommendation", "route=return_home");
    EXPECT_EQ(j.stage_name("2025-04-02"), "returning_home");
    j.ev("2025-05-01", "returned_home");
    EXPECT_EQ(j.stage_name("2025-05-02"), "at_home");
    EXPECT_EQ(since(j, "2025-05-02"), "2025-05-01");
    EXPECT_EQ(j.stage("2025-05-02").placement, "");
    j.ev("2025-11-01", "ceased_looked_after", "destination=home");
    EXPECT_EQ(j.stage_name("2025-11-02"), "permanent");
    EXPECT_EQ(since(j, "2025-11-02"), "2025-11-01");
}

TEST(Stage, AtHomeOnACso) {
    auto j = J().born("2018-01-01").ev("2024-03-01", "looked_after_at_home");
    EXPECT_EQ(j.stage_name("2026-11-26"), "at_home");
    EXPECT_EQ(since(j, "2026-11-26"), "2024-03-01");
    EXPECT_EQ(j.stage("2026-11-26").looked_after_since->iso(), "2024-03-01");
}

TEST(Stage, CeasedToOtherDestinationIsNotLookedAfter) {
    auto j = J().born("2008-01-01")
                 .ev("2020-01-01", "accommodated")
                 .ev("2026-01-01", "ceased_looked_after", "destination=independent");
    EXPECT_EQ(j.stage_name("2026-11-26"), "not_looked_after");
    EXPECT_EQ(since(j, "2026-11-26"), "2026-01-01");
}

TEST(Stage, ReaccommodationAfterAnOrderUndoesPermanence) {
    auto j = J().born("2015-01-01")
                 .ev("2020-01-01", "accommodated")
                 .ev("2022-01-01", "order_granted", "order=po")
                 .ev("2024-01-01", "accommodated", "placement=residential");
    EXPECT_EQ(j.stage_name("2023-01-01"), "permanent");
    EXPECT_EQ(j.stage_name("2024-02-01"), "away_assessment");
    EXPECT_EQ(since(j, "2024-02-01"), "2024-01-01");
    EXPECT_EQ(j.stage("2024-02-01").placement, "residential");
}

TEST(Stage, PlacementIsTheLatestInTheEpisode) {
    auto j = J().born("2015-01-01")
                 .ev("2025-01-01", "accommodated", "placement=foster")
                 .ev("2025-03-01", "placement_change", "placement=kinship");
    EXPECT_EQ(j.stage("2025-02-01").placement, "foster");
    EXPECT_EQ(j.stage("2025-04-01").placement, "kinship");
}

// Periods (DATA.md): a second accommodation inside an open episode ends it that day; a return
// home while still looked after starts a home period.
TEST(Periods, EpisodesAndLookedAfterPeriods) {
    waymark::core::ChildRecord child;
    const auto& v = waymark::test::defaults().vocabulary;
    std::vector<waymark::core::Event> events;
    auto add = [&](const char* date, const char* type) {
        waymark::core::Event e;
        e.date = waymark::core::Date::parse(date);
        e.type = *v.find(type);
        e.seq = static_cast<std::int64_t>(events.size());
        events.push_back(e);
    };
    add("2025-01-01", "looked_after_at_home");
    add("2025-02-01", "accommodated");
    add("2025-03-01", "accommodated");
    add("2025-04-01", "returned_home");
    add("2025-05-01", "ceased_looked_after");
    waymark::core::Journey j(child, events, waymark::core::Date::parse("2026-01-01"));
    using waymark::core::PeriodKind;
    ASSERT_EQ(j.periods(PeriodKind::looked_after).size(), 1u);
    EXPECT_EQ(j.periods(PeriodKind::looked_after)[0].end->iso(), "2025-05-01");
    ASSERT_EQ(j.periods(PeriodKind::away).size(), 2u);
    EXPECT_EQ(j.periods(PeriodKind::away)[0].end->iso(), "2025-03-01");
    EXPECT_EQ(j.periods(PeriodKind::away)[1].end->iso(), "2025-04-01");
    // The return home on 1 Apr, while still looked after, starts a second home period.
    ASSERT_EQ(j.periods(PeriodKind::home).size(), 2u);
    EXPECT_EQ(j.periods(PeriodKind::home)[0].end->iso(), "2025-02-01");
    EXPECT_EQ(j.periods(PeriodKind::home)[1].start.iso(), "2025-04-01");
    EXPECT_EQ(j.periods(PeriodKind::home)[1].end->iso(), "2025-05-01");
    EXPECT_EQ(j.period_of(2, PeriodKind::away), &j.periods(PeriodKind::away)[1]);
    EXPECT_EQ(j.period_of(1, PeriodKind::home), &j.periods(PeriodKind::home)[0]);
}

// The rules others use (the timeline, the synthetic generator) come from core, once.
TEST(Stage, PermanentDestinationsAndOrders) {
    using namespace waymark::core;
    for (const char* d : {"home", "kinship_care_order", "po", "adoption", "sgo", "cao"}) {
        EXPECT_TRUE(is_permanent_destination(d)) << d;
    }
    for (const char* d : {"independent", "other", "poa", ""}) EXPECT_FALSE(is_permanent_destination(d)) << d;
    EXPECT_TRUE(authorises_adoption("poa"));
    EXPECT_TRUE(authorises_adoption("placement_order"));
    EXPECT_FALSE(authorises_adoption("po"));
    for (const char* o : {"po", "kinship_care_order", "adoption"}) EXPECT_TRUE(is_permanence_order(o)) << o;
    for (const char* o : {"poa", "placement_order", "sgo"}) EXPECT_FALSE(is_permanence_order(o)) << o;
}

namespace {
// "status from start (event index)" for each legal status period.
std::string legal_periods(J& j, const char* as_of) {
    const waymark::core::Journey journey(j.child(), j.events(), waymark::core::Date::parse(as_of));
    std::string out;
    for (const auto& p : waymark::core::legal_status_periods(journey)) {
        static constexpr std::array<const char*, 10> kNames{
            "none", "s25", "cpo", "icso", "cso", "poa", "placement_order", "po", "kco", "adopted"};
        out += std::string(out.empty() ? "" : ", ") + kNames.at(static_cast<std::size_t>(p.status)) + " " +
               p.start.iso() + " (" + std::to_string(p.start_index) + ")";
    }
    return out;
}
}  // namespace

// docs/timeline.md, "Legal status, from the events": an order over the care status, a CSO
// continued is a new period, a basis that names the order already made starts nothing, and
// a ceasing ends the care status and any order but a PO kept by destination=po.
TEST(LegalStatus, PeriodsFollowTheOrdersAndTheCareStatus) {
    auto j = J().born("2020-01-01")
                 .ev("2024-01-10", "childrens_hearing", "kind=initial;outcome=icso")
                 .ev("2024-01-10", "accommodated", "placement=foster;basis=icso")
                 .ev("2024-02-01", "childrens_hearing", "kind=other;outcome=cso")
                 .planned("2024-03-01", "lar", "kind=standard")
                 .ev("2024-12-01", "childrens_hearing", "kind=review;outcome=cso_continued")
                 .ev("2025-06-01", "order_granted", "order=poa")
                 .ev("2025-07-01", "childrens_hearing", "kind=review;outcome=discharged")
                 .ev("2026-01-01", "ceased_looked_after", "destination=adoption");
    EXPECT_EQ(legal_periods(j, "2026-03-31"),
              "icso 2024-01-10 (0), cso 2024-02-01 (2), cso 2024-12-01 (4), poa 2025-06-01 (5), "
              "adopted 2026-01-01 (7)");
    // As of an earlier date the later events do not count; planned events change nothing.
    EXPECT_EQ(legal_periods(j, "2024-06-30"), "icso 2024-01-10 (0), cso 2024-02-01 (2)");

    // A KCO shows until the child is looked after again.
    auto kco = J().born("2015-01-01")
                   .ev("2023-01-01", "accommodated", "placement=kinship;basis=s25")
                   .ev("2024-01-01", "order_granted", "order=kinship_care_order")
                   .ev("2025-01-01", "ceased_looked_after", "destination=kinship_care_order")
                   .ev("2025-06-01", "accommodated", "placement=foster;basis=s25");
    EXPECT_EQ(legal_periods(kco, "2026-03-31"),
              "s25 2023-01-01 (0), kco 2024-01-01 (1), kco 2025-01-01 (2), s25 2025-06-01 (3)");
    // A PO is kept by destination=po and by a later accommodation.
    auto po = J().born("2015-01-01")
                  .ev("2023-01-01", "accommodated", "placement=foster;basis=s25")
                  .ev("2024-01-01", "order_granted", "order=po")
                  .ev("2025-01-01", "ceased_looked_after", "destination=po")
                  .ev("2025-06-01", "accommodated", "placement=foster;basis=s25");
    EXPECT_EQ(legal_periods(po, "2026-03-31"), "s25 2023-01-01 (0), po 2024-01-01 (1)");
}
