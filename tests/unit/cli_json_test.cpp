// The command line's JSON serialiser (src/cli/json.hpp): today's bytes, spaced and laid out.
#include "cli/json.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <cmath>
#include <limits>
#include <sstream>

namespace waymark::cli {
namespace {

namespace json = boost::json;

TEST(CliJson, EscapesQuotesBackslashesAndControlCharacters) {
    EXPECT_EQ(to_json(json::value("say \"hi\" \\ now")), R"("say \"hi\" \\ now")");
    EXPECT_EQ(to_json(json::value("a\nb\rc\td")), R"("a\nb\rc\td")");
    // \b and \f by number, as the command line always wrote them; every other control too.
    EXPECT_EQ(to_json(json::value("\b\f")), R"("\u0008\u000c")");
    EXPECT_EQ(to_json(json::value(std::string("\x01\x1f", 2))), R"("\u0001\u001f")");
    EXPECT_EQ(to_json(json::value(std::string(1, '\0'))), R"("\u0000")");
    // UTF-8 and '/' as they are.
    EXPECT_EQ(to_json(json::value("Siobhán/Ó")), "\"Siobhán/Ó\"");
}

TEST(CliJson, WritesNumbersAsTheCommandLineDid) {
    EXPECT_EQ(to_json(json::value(0)), "0");
    EXPECT_EQ(to_json(json::value(-42)), "-42");
    EXPECT_EQ(to_json(json::value(std::uint64_t{18446744073709551615U})), "18446744073709551615");
    EXPECT_EQ(to_json(json::value(2.5)), "2.5");
    EXPECT_EQ(to_json(json::value(1.0 / 3.0)), "0.333333333333333");
    EXPECT_EQ(to_json(json::value(100.0)), "100");
    EXPECT_EQ(to_json(json::value(-0.0)), "0");
    EXPECT_EQ(to_json(json::value(1e20)), "1e+20");
    EXPECT_EQ(to_json(json::value(std::numeric_limits<double>::quiet_NaN())), "null");
    EXPECT_EQ(to_json(json::value(std::numeric_limits<double>::infinity())), "null");
    EXPECT_EQ(to_json(json::value(true)), "true");
    EXPECT_EQ(to_json(json::value(nullptr)), "null");
}

TEST(CliJson, KeepsKeyOrderAndSpacesMembers) {
    const json::value v =
        json::object{{"z", 1}, {"a", json::array{1, "two", nullptr}}, {"m", json::object{{"k", false}}}};
    EXPECT_EQ(to_json(v), R"({"z": 1, "a": [1, "two", null], "m": {"k": false}})");
    EXPECT_EQ(to_json(v, {.spacing = JsonSpacing::compact}), R"({"z":1,"a":[1,"two",null],"m":{"k":false}})");
}

TEST(CliJson, LaysOutRecordsOneALine) {
    const json::value records = json::array{json::object{{"a", 1}, {"b", json::array{1, 2}}}, json::object{{"a", 2}}};
    EXPECT_EQ(to_json(records, {0, 1}), "[\n  {\"a\": 1, \"b\": [1, 2]},\n  {\"a\": 2}\n]");
    // An array of scalars stays on one line.
    EXPECT_EQ(to_json(json::array{1, 2}, {0, 1}), "[1, 2]");
}

TEST(CliJson, IndentsByDepthOrByTheOpeningLine) {
    const json::value nested = json::object{
        {"id", "x"}, {"rows", json::array{json::object{{"n", 1}, {"points", json::array{json::array{1}}}}}}};
    EXPECT_EQ(to_json(nested, {1, 2}), "{\n  \"id\": \"x\",\n  \"rows\": [\n    {\"n\": 1, \"points\": [[1]]}\n  ]\n}");
    // The points laid out too: by depth (3 levels in) or two past the row's line.
    EXPECT_EQ(to_json(nested, {1, 4}),
              "{\n  \"id\": \"x\",\n  \"rows\": [\n    {\"n\": 1, \"points\": [\n        [1]\n      ]}\n  ]\n}");
    EXPECT_EQ(to_json(nested, {1, 4, JsonIndent::by_line}),
              "{\n  \"id\": \"x\",\n  \"rows\": [\n    {\"n\": 1, \"points\": [\n      [1]\n    ]}\n  ]\n}");
    // An object on one line whose array is laid out (pdsa show).
    const json::value test = json::object{{"ref", "T"}, {"cycles", json::array{json::object{{"n", 1}}}}};
    EXPECT_EQ(to_json(test, {0, 2}), "{\"ref\": \"T\", \"cycles\": [\n    {\"n\": 1}\n  ]}");
}

TEST(CliJson, WritesEmptyArraysAndObjectsOnOneLine) {
    EXPECT_EQ(to_json(json::array{}, {3, 3}), "[]");
    EXPECT_EQ(to_json(json::object{}, {3, 3}), "{}");
    const json::value v = json::object{{"events", json::array{}}, {"more", json::object{}}};
    EXPECT_EQ(to_json(v, {2, 2}), "{\n  \"events\": [],\n  \"more\": {}\n}");
    EXPECT_EQ(to_json(v, {.spacing = JsonSpacing::compact}), R"({"events":[],"more":{}})");
}

TEST(CliJson, JsonRecordsWritesOneRecordALine) {
    std::ostringstream none;
    JsonRecords(none).finish();
    EXPECT_EQ(none.str(), "[]\n");
    std::ostringstream two;
    JsonRecords records(two);
    records.add(json::object{{"a", json::array{1}}});
    records.add(json::object{{"a", nullptr}});
    records.finish();
    EXPECT_EQ(two.str(), "[\n  {\"a\": [1]},\n  {\"a\": null}\n]\n");
}

TEST(CliJson, OptionalFieldsAreNullWhenAbsent) {
    EXPECT_EQ(to_json(date_or_null(std::nullopt)), "null");
    EXPECT_EQ(to_json(date_or_null(core::Date::parse("2026-01-05"))), "\"2026-01-05\"");
    EXPECT_EQ(to_json(number_or_null(std::nullopt)), "null");
    EXPECT_EQ(to_json(number_or_null(7)), "7");
    EXPECT_EQ(to_json(text_or_null("")), "null");
    EXPECT_EQ(to_json(text_or_null("x")), "\"x\"");
}

}  // namespace
}  // namespace waymark::cli
