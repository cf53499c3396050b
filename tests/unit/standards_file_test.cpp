// The standards file: defaults as data, local edits, and errors that name the line.
#include "app/standards_file.hpp"
#include "core/error.hpp"
#include "journey_builder.hpp"

#include <gtest/gtest.h>

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
    EXPECT_EQ(error_of("[[standard]]\nid = \"x\"\ntitle = \"t\"\nstart = \"accommodated\"\nstop = \"lar\"\nlimit = \"6 "
                       "fortnights\"\n"),
              "local.toml:6: limit '6 fortnights' is not like \"6 weeks\" (days, weeks, months or years)");
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
