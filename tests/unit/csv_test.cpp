#include "app/csv.hpp"
#include "core/text.hpp"

#include <gtest/gtest.h>

using waymark::app::CsvProblem;
using waymark::app::CsvReader;

namespace {
struct Row {
    std::size_t line;
    std::vector<std::string> fields;
    std::string problem;
};
std::vector<Row> read_all(std::string text) {
    auto r = CsvReader::from_string(std::move(text));
    std::vector<Row> rows;
    std::vector<std::string_view> fields;
    std::optional<CsvProblem> problem;
    while (r.next(fields, problem)) {
        rows.push_back(
            {r.line(), std::vector<std::string>(fields.begin(), fields.end()), problem ? problem->message : ""});
    }
    return rows;
}
}  // namespace

TEST(Csv, QuotedFieldsWithCommasQuotesAndNewlines) {
    auto rows = read_all("a,b,c\r\n1,\"x, \"\"y\"\"\",\"two\nlines\"\n2,,last");
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[1].fields, (std::vector<std::string>{"1", "x, \"y\"", "two\nlines"}));
    EXPECT_EQ(rows[1].line, 2u);
    EXPECT_EQ(rows[2].line, 4u);  // the quoted newline moved it down a line
    EXPECT_EQ(rows[2].fields, (std::vector<std::string>{"2", "", "last"}));
    EXPECT_EQ(rows[0].fields[2], "c");  // CRLF removed
}

TEST(Csv, ByteOrderMarkIsSkipped) {
    auto rows = read_all(
        "\xEF\xBB\xBF"
        "child_id\nC1\n");
    EXPECT_EQ(rows[0].fields[0], "child_id");
}

TEST(Csv, FileCutOffInsideAQuote) {
    auto rows = read_all("a,b\n1,\"unfinished\n");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_NE(rows[1].problem.find("not closed before the end of the file"), std::string::npos);
}

TEST(Csv, StrayQuotes) {
    auto rows = read_all("a,b\n1,ab\"c\n2,\"ab\"c\n3,ok\n");
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_NE(rows[1].problem.find("quote inside an unquoted field"), std::string::npos);
    EXPECT_NE(rows[2].problem.find("text after a closing quote"), std::string::npos);
    EXPECT_EQ(rows[3].problem, "");
    EXPECT_EQ(rows[3].fields[1], "ok");
}

TEST(Csv, InvalidUtf8IsReportedWithItsField) {
    auto r = CsvReader::from_string("a,b\nok,bad\xC3(\n");
    std::vector<std::string_view> f;
    std::optional<CsvProblem> p;
    ASSERT_TRUE(r.next(f, p));
    ASSERT_TRUE(r.next(f, p));
    ASSERT_TRUE(p.has_value());
    EXPECT_EQ(p->line, 2u);
    EXPECT_EQ(p->column, 2u);
    EXPECT_NE(p->message.find("invalid UTF-8"), std::string::npos);
    EXPECT_FALSE(waymark::app::find_invalid_utf8("Siobh\xC3\xA1n \xC3\x93 Briain").has_value());
    EXPECT_TRUE(waymark::app::find_invalid_utf8("\xC0\xAF").has_value());      // overlong
    EXPECT_TRUE(waymark::app::find_invalid_utf8("\xED\xA0\x80").has_value());  // surrogate
}

// What one record may hold (issue 11): past a limit the record comes back with the problem at
// the field where it went past, and nothing more of the file is read. A row of millions of
// empty fields is refused after its 1,000th, not held in memory.
TEST(Csv, ARecordPastALimitIsReportedWhereItStartsAndReadingStops) {
    const auto limited = [](std::string text) {
        auto rows = read_all("a,b\n" + std::move(text) + "\nlast,row\n");
        EXPECT_EQ(rows.size(), 2u) << "the row after it was read";
        return rows.back();
    };
    auto many = limited("1" + std::string(5'000'000, ','));
    EXPECT_EQ(many.problem, "more than 1000 fields in one row (the limit): the rest of the file was not read");
    EXPECT_LE(many.fields.size(), CsvReader::kMaxFields);

    EXPECT_EQ(limited("1," + std::string(CsvReader::kMaxFieldBytes + 1, 'x')).problem,
              "a field of more than 65536 bytes (the limit): the rest of the file was not read");
    EXPECT_EQ(limited("1,\"" + std::string(CsvReader::kMaxFieldBytes + 1, 'x') + "\"").problem,
              "a field of more than 65536 bytes (the limit): the rest of the file was not read");
    std::string wide;
    for (int i = 0; i < 20; ++i) wide += std::string(60'000, 'y') + ",";
    EXPECT_EQ(limited(wide).problem, "a row of more than 1048576 bytes (the limit): the rest of the file was not read");

    // At the limits, all is well.
    const auto rows = read_all("a\n" + std::string(CsvReader::kMaxFields - 1, ',') + "\n" +
                               std::string(CsvReader::kMaxFieldBytes, 'z') + "\n");
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[1].fields.size(), CsvReader::kMaxFields);
    EXPECT_EQ(rows[1].problem, "");
    EXPECT_EQ(rows[2].fields[0].size(), CsvReader::kMaxFieldBytes);
    EXPECT_EQ(rows[2].problem, "");
}

TEST(Csv, AProblemShowsItsControlCharactersAsEscapes) {
    EXPECT_EQ(waymark::core::printable(std::string_view("a\0b\x1b[2J\x7f\tc\n", 11)),
              "a\\x00b\\x1B[2J\\x7F\\x09c\\x0A");
}

TEST(Csv, FreeTextMayHaveTabsAndLineBreaksButNoOtherControlCharacter) {
    using waymark::core::control_character_problem;
    using waymark::core::TextKind;
    EXPECT_FALSE(control_character_problem("Placed\twith carers\r\nand siblings\n", TextKind::free_text));
    EXPECT_EQ(control_character_problem(std::string_view("Siobh\xC3\xA1n\0", 9), TextKind::free_text).value_or(""),
              "has a control character (U+0000) at character 8: remove it (text may have tabs and line breaks, no "
              "other control characters)");
    EXPECT_TRUE(control_character_problem("a\rb", TextKind::free_text));  // a CR alone
    EXPECT_TRUE(control_character_problem("\x1b[31m", TextKind::free_text));
    EXPECT_EQ(control_character_problem("E\t1", TextKind::identifier).value_or(""),
              "has a control character (U+0009) at character 2: remove it");
    EXPECT_FALSE(control_character_problem("E-1/2", TextKind::identifier));
}

namespace {
std::string written(std::string_view v) {
    std::string out;
    waymark::app::append_csv_field(out, v);
    return out;
}
}  // namespace

TEST(Csv, ATextCellASpreadsheetWouldRunAsAFormulaIsGuardedWithAnApostrophe) {
    EXPECT_EQ(written("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
    EXPECT_EQ(written("+44 7700 900000"), "'+44 7700 900000");
    EXPECT_EQ(written("-2+3"), "'-2+3");
    EXPECT_EQ(written("@SUM(A1)"), "'@SUM(A1)");
    EXPECT_EQ(written("\tcmd"), "'\tcmd");
    EXPECT_EQ(written("\r=1"), "\"'\r=1\"");
    EXPECT_EQ(written("-"), "'-");
    EXPECT_EQ(written("'=already"), "''=already");
    // Numbers as written stay numbers: an SPC value, a negative count of days.
    for (const char* n : {"-12", "-0.5", "+3", "-1e-5", "-1E+3", "-.5", "0", "2026-11-26"}) EXPECT_EQ(written(n), n);
    // Ordinary text, and an apostrophe before it, as it is.
    EXPECT_EQ(written("Team A"), "Team A");
    EXPECT_EQ(written("'tis"), "'tis");
    EXPECT_EQ(written(""), "");
}

TEST(Csv, WhatTheWriterGuardsTheReaderReadsBackAsItWas) {
    const std::vector<std::string> values{"=1+1", "'=1+1", "''@x", "-5", "-", "'", "'plain", "+a,b", "\t", "x=1"};
    std::string text;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) text += ',';
        waymark::app::append_csv_field(text, values[i]);
    }
    const auto rows = read_all(text + "\n");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].fields, values);
}
