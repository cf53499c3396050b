// The checks of core/improvement.hpp: measure ids, a cycle's stages in order, a test's fields
// and its decision.
#include "core/improvement.hpp"
#include "support/test_of_change.hpp"

#include <gtest/gtest.h>

namespace {

using waymark::core::Date;
using waymark::core::FieldProblem;

std::string fields(const std::vector<FieldProblem>& problems) {
    std::string out;
    for (const auto& p : problems) out += (out.empty() ? "" : " ") + p.field;
    return out;
}

TEST(MeasureId, IsLowerCaseWordsJoinedBySingleHyphens) {
    for (const char* ok : {"first-lar-on-time", "england-a1", "court-20w", "in-drift", "x"}) {
        EXPECT_TRUE(waymark::core::is_measure_id(ok)) << ok;
    }
    // Named, so that it outlives the loop: a temporary's c_str() in the braced list dangles once
    // the range is made (C++20 extends only the list's own array), which failed now and then.
    const std::string too_long(65, 'a');
    for (const char* bad : {"", "First-lar", "days to", "a--b", "-a", "a-", "a_b", "é", too_long.c_str()}) {
        EXPECT_FALSE(waymark::core::is_measure_id(bad)) << bad;
    }
}

TEST(Decision, ParsesItsThreeWordsOnly) {
    EXPECT_EQ(waymark::core::parse_decision("adapt"), waymark::core::Decision::adapt);
    EXPECT_FALSE(waymark::core::parse_decision("Adopt"));
    EXPECT_FALSE(waymark::core::parse_decision("adopted"));
    EXPECT_EQ(waymark::core::past_tense(waymark::core::Decision::abandon), "abandoned");
}

waymark::core::PdsaCycle cycle() {
    waymark::core::PdsaCycle c;
    c.number = 1;
    c.plan = "Try it with five children";
    c.plan_date = Date::parse("2025-01-06");
    return c;
}

TEST(CheckCycle, StagesComeInOrderAndTheirDatesDoNotGoBackwards) {
    auto c = cycle();
    EXPECT_TRUE(waymark::core::check_cycle(c).empty());
    c.study = "What we learned";  // study without do
    EXPECT_EQ(fields(waymark::core::check_cycle(c)), "study");
    c.do_text = "Done";
    c.do_date = Date::parse("2025-01-05");  // before the plan
    const auto problems = waymark::core::check_cycle(c);
    ASSERT_EQ(fields(problems), "do_date");
    EXPECT_EQ(problems[0].message, "2025-01-05 is before plan_date (2025-01-06): the stages run in order");
    c.do_date.reset();
    c.study_date = Date::parse("2025-01-02");  // compared with the last date given, the plan's
    EXPECT_EQ(fields(waymark::core::check_cycle(c)), "study_date");
    c.study_date = Date::parse("2025-02-01");
    c.act_date = Date::parse("2025-02-02");  // a date for a stage not recorded
    EXPECT_EQ(fields(waymark::core::check_cycle(c)), "act_date");
    c.plan.clear();
    c.number = 0;
    EXPECT_EQ(fields(waymark::core::check_cycle(c)), "cycle plan act_date");
}

TEST(CheckTest, NamesEveryFieldThatIsWrong) {
    const Date today = Date::parse("2026-11-26");
    auto t = waymark::test::a_test_of_change();
    EXPECT_TRUE(waymark::core::check_test(t, today).empty());
    t.reference = "PACE 1";
    t.title.clear();
    t.agency = "police_scotland";
    t.measures = {"in-drift", "Bad Id", "in-drift"};
    EXPECT_EQ(fields(waymark::core::check_test(t, today)), "reference title agency measures measures");
}

TEST(CheckTest, ADecisionHasAReasonAndADateFromTheStartToToday) {
    const Date today = Date::parse("2026-11-26");
    auto t = waymark::test::a_test_of_change();
    t.decision = waymark::core::DecisionRecord{waymark::core::Decision::adopt, Date::parse("2025-06-01"), "It worked"};
    EXPECT_TRUE(waymark::core::check_test(t, today).empty());
    t.decision->reason.clear();
    t.decision->on = Date::parse("2024-12-31");
    EXPECT_EQ(fields(waymark::core::check_test(t, today)), "decision_reason decision_date");
    t.decision->reason = "It worked";
    t.decision->on = Date::parse("2026-11-27");
    const auto problems = waymark::core::check_test(t, today);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].message, "2026-11-27 is after today: record a decision once it is made");
}

TEST(DriverDiagram, CountsItsPartsAndLinks) {
    waymark::core::DriverDiagram d;
    d.primaries = {{"p1", {{"s1", {{"c1", {"A", "B"}}, {"c2", {}}}}, {"s2", {}}}}, {"p2", {}}};
    const auto c = waymark::core::count(d);
    EXPECT_EQ(c.primaries, 2u);
    EXPECT_EQ(c.secondaries, 2u);
    EXPECT_EQ(c.change_ideas, 2u);
    EXPECT_EQ(c.tests, 2u);
}

// Issue 11: a C0 control character (other than tab and line breaks) in any free-text field of a
// test or a cycle is refused, naming the field, whichever way the record comes in (the web
// forms, the API, `waymark pdsa`, the CSV import all check with these).
TEST(CheckTest, ControlCharactersInFreeTextAreRefusedByField) {
    const Date today = Date::parse("2026-11-26");
    auto t = waymark::test::a_test_of_change();
    t.title = "Tabs\tand\r\nline breaks are text";
    EXPECT_TRUE(waymark::core::check_test(t, today).empty());
    t.title = std::string("A\0title", 7);
    t.aim = "An \x1b[2Jaim";
    t.change_idea = "Bell\a";
    t.rationale = "R\x01";
    t.prediction = "P\x7f is DEL, not C0";
    t.decision = waymark::core::DecisionRecord{waymark::core::Decision::adopt, Date::parse("2025-06-01"), "Why\x02"};
    const auto problems = waymark::core::check_test(t, today);
    ASSERT_EQ(fields(problems), "title aim change_idea rationale decision_reason");
    EXPECT_EQ(problems[0].message,
              "has a control character (U+0000) at character 2: remove it (text may have tabs and line breaks, no "
              "other control characters)");

    auto c = cycle();
    c.plan = std::string("Plan\0", 5);
    c.do_text = "D\x1f";
    c.study = "S\x03";
    c.act = "A\x04";
    c.do_date = c.study_date = c.act_date = Date::parse("2025-02-01");
    EXPECT_EQ(fields(waymark::core::check_cycle(c)), "plan do study act");
}

}  // namespace
