// The standards file: defaults as data, local edits, and errors that name the line.
#include "app/standards_file.hpp"
#include "core/error.hpp"
#include "journey_builder.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using waymark::app::parse_standards;

namespace {
std::string error_of(const std::string& text) {
    try {
        parse_standards(text, "local.toml");
    } catch (const waymark::core::Error& e) {
        return e.what();
    }
    return "no error";
}
}  // namespace

TEST(StandardsFile, LocalStandardWithItsOwnEventAndFilters) {
    const auto set = parse_standards(R"(
warning_days = 7
[[event]]
name = "sibling_assessment_completed"
label = "Sibling assessment completed"
attributes = { outcome = ["together", "apart"] }

[[standard]]
id = "sibling-12w"
title = "Sibling assessment within 12 weeks of accommodation"
start = { event = "accommodated", where = { placement = ["foster", "kinship"] } }
stop = "sibling_assessment_completed"
limit = "12 weeks"
closes_with = "away"
basis = "local standard"

[[standard]]
id = "lar-first"
title = "First review"
start = "accommodated"
stop = "lar"
limit = "6 weeks"
enabled = false
)",
                                     "local.toml");
    ASSERT_EQ(set.standards.size(), 2u);
    const auto& s = set.standards[0];
    EXPECT_EQ(s.warning.count, 7);
    EXPECT_EQ(s.limit.to_string(), "12 weeks");
    EXPECT_EQ(s.closes_with, waymark::core::PeriodKind::away);
    ASSERT_EQ(s.start.size(), 1u);
    ASSERT_EQ(s.start[0].where.size(), 1u);
    EXPECT_EQ(s.start[0].where[0].values.size(), 2u);
    EXPECT_TRUE(set.vocabulary.find("sibling_assessment_completed").has_value());
    EXPECT_EQ(set.vocabulary.check_details(*set.vocabulary.find("sibling_assessment_completed"), "outcome=apart"), "");
    EXPECT_FALSE(set.standards[1].enabled);
}

TEST(StandardsFile, ErrorsNameTheLineAndTheProblem) {
    EXPECT_EQ(
        error_of(
            "[[standard]]\nid = \"x\"\ntitle = \"t\"\nstart = \"accomodated\"\nstop = \"lar\"\nlimit = \"6 weeks\"\n"),
        "local.toml:4: 'accomodated' is not an event type (DATA.md vocabulary, or declare it in an [[event]] table)");
    EXPECT_EQ(
        error_of("[[standard]]\nid = \"x\"\ntitle = \"t\"\nstart = \"accommodated\"\nstop = \"lar\"\nlimit = \"6 "
                 "fortnights\"\n"),
        "local.toml:6: limit '6 fortnights' is not like \"6 weeks\" (days, weeks, months, years or working days)");
    EXPECT_EQ(error_of("[[standard]]\nid = \"x\"\ntitle = \"t\"\nstart = \"lar\"\nstop = \"lar\"\nlimit = \"1 "
                       "week\"\ncolour = 3\n"),
              "local.toml:7: unknown key 'colour' in [[standard]]");
    EXPECT_EQ(error_of("[[standard]]\nid = \"x\"\ntitle = \"t\"\nstart = { event = \"lar\", where = { kind = "
                       "[\"perm\"] } }\nstop = \"lar\"\nlimit = \"1 week\"\n"),
              "local.toml:4: 'perm' is not a value of lar kind");
    EXPECT_EQ(
        error_of(
            "[[standard]]\nid = \"x\"\ntitle = \"t\"\nstart = \"lar\"\nstop = \"lar\"\nlimit = \"1 "
            "week\"\n[[standard]]\nid = \"x\"\ntitle = \"t\"\nstart = \"lar\"\nstop = \"lar\"\nlimit = \"1 week\"\n"),
        "local.toml:7: standard id 'x' is used twice");
    const auto syntax = error_of("[[standard]\nid = 1\n");
    EXPECT_EQ(syntax.rfind("local.toml:1:", 0), 0u) << syntax;
    EXPECT_EQ(error_of("warning_days = 14\n"), "local.toml: no [[standard]] tables");
}

TEST(StandardsFile, LimitsParse) {
    using waymark::core::Limit;
    EXPECT_EQ(Limit::try_parse("1 year")->to_string(), "1 year");
    EXPECT_EQ(Limit::try_parse("14 days")->to_string(), "14 days");
    EXPECT_FALSE(Limit::try_parse("six weeks"));
    EXPECT_FALSE(Limit::try_parse("-1 days"));
    EXPECT_FALSE(Limit::try_parse("6"));
}

TEST(StandardsFile, ASwitchedOffStandardStartsNoClock) {
    auto set = waymark::app::default_standards();
    waymark::core::Standard s = set.standards.front();
    s.enabled = false;
    auto c = waymark::test::J().born("2020-01-01").ev("2026-01-05", "accommodated").clocks_of(s, "2026-11-26");
    EXPECT_TRUE(c.empty());
}

namespace {
const char* const kMinimal =
    "[[standard]]\nid = \"x\"\ntitle = \"t\"\nstart = \"lar\"\nstop = \"lar\"\nlimit = \"1 week\"\n";
}  // namespace

// The fields of issue 12: gives_up_at, on_expiry, counting, ends_at_age, occurrence period_start
// and the four kinds.
TEST(StandardsFile, GiveUpLapseCountingAndAgeFields) {
    const auto set = parse_standards(R"(
[[standard]]
id = "order"
title = "An order reviewed"
kind = "statutory"
start = { event = "childrens_hearing", where = { outcome = ["icso"] } }
stop = "childrens_hearing"
limit = "22 days"
counting = "day_made_is_day_1"
on_expiry = "lapse"
ends_at_age = 18
closes_with = "looked_after"

[[standard]]
id = "meeting"
title = "A meeting"
kind = "pace"
start = ["looked_after_at_home", "returned_home"]
occurrence = "period_start"
stop = "post_admission_meeting"
gives_up_at = ["lar", { event = "permanence_panel", where = { recommendation = ["po"] } }]
limit = "3 days"
closes_with = "home"
)",
                                     "local.toml");
    ASSERT_EQ(set.standards.size(), 2u);
    const auto& order = set.standards[0];
    EXPECT_TRUE(order.lapses);
    EXPECT_EQ(order.counting, waymark::core::Counting::day_made_is_day_1);
    EXPECT_EQ(order.ends_at_age, 18);
    EXPECT_TRUE(order.gives_up_at.empty());
    const auto d = waymark::core::Date::parse("2026-01-05");
    EXPECT_EQ(order.due_for(d).iso(), "2026-01-26");
    const auto& meeting = set.standards[1];
    EXPECT_FALSE(meeting.lapses);
    EXPECT_EQ(meeting.counting, waymark::core::Counting::next_day_is_day_1);
    EXPECT_FALSE(meeting.ends_at_age);
    EXPECT_EQ(meeting.occurrence, waymark::core::Occurrence::period_start);
    ASSERT_EQ(meeting.gives_up_at.size(), 2u);
    EXPECT_EQ(meeting.gives_up_at[1].where.at(0).values, std::vector<std::string>{"po"});
    EXPECT_EQ(meeting.due_for(d).iso(), "2026-01-08");
    // The give-up types are read by reports over many children.
    const auto types = waymark::core::relevant_event_types(set.standards);
    EXPECT_NE(std::find(types.begin(), types.end(), *set.vocabulary.find("lar")), types.end());
}

TEST(StandardsFile, BadNewFieldsNameTheLineAndField) {
    const std::string base = kMinimal;
    EXPECT_EQ(error_of(base + "on_expiry = \"lapses\"\n"), "local.toml:7: on_expiry must be \"lapse\" or \"none\"");
    EXPECT_EQ(error_of(base + "counting = \"day_one\"\n"),
              "local.toml:7: counting must be \"next_day_is_day_1\" or \"day_made_is_day_1\"");
    EXPECT_EQ(error_of(base + "ends_at_age = \"18\"\n"), "local.toml:7: 'ends_at_age' must be a whole number");
    EXPECT_EQ(error_of(base + "ends_at_age = 0\n"), "local.toml:7: 'ends_at_age' must be from 1 to 120");
    EXPECT_EQ(error_of(base + "gives_up_at = \"meeting\"\n"),
              "local.toml:7: 'meeting' is not an event type (DATA.md vocabulary, or declare it in an [[event]] table)");
    EXPECT_EQ(error_of(base + "kind = \"law\"\n"),
              "local.toml:7: kind 'law' must be statutory, guidance, pace or local_aim (or local, an old name for "
              "local_aim)");
    EXPECT_EQ(error_of(base + "direction = \"before\"\ncounting = \"day_made_is_day_1\"\n"),
              "local.toml:8: counting day_made_is_day_1 needs direction after and a limit of 1 or more");
}

// A standards file written for the old format (the default file before issue 12, kept in the
// golden case) still loads: "local" reads as a local aim, and nothing gives up or lapses.
TEST(StandardsFile, AnOldFormatFileStillLoads) {
    const auto set =
        waymark::app::load_standards_file(WAYMARK_SOURCE_DIR "/tests/cases/standards_old_format/standards.toml");
    ASSERT_EQ(set.standards.size(), 18u);
    for (const auto& s : set.standards) {
        EXPECT_TRUE(s.kind == "statutory" || s.kind == "guidance" || s.kind == "local_aim") << s.id;
        EXPECT_FALSE(s.lapses) << s.id;
        EXPECT_TRUE(s.gives_up_at.empty()) << s.id;
        EXPECT_EQ(s.counting, waymark::core::Counting::next_day_is_day_1) << s.id;
    }
    EXPECT_EQ(set.standards.back().kind, "local_aim");
    // The old icso-22d counts 22 days after the day made: 5 Jan -> 27 Jan.
    const auto icso = std::find_if(set.standards.begin(), set.standards.end(),
                                   [](const waymark::core::Standard& s) { return s.id == "icso-22d"; });
    ASSERT_NE(icso, set.standards.end());
    EXPECT_EQ(icso->due_for(waymark::core::Date::parse("2026-01-05")).iso(), "2026-01-27");
}
