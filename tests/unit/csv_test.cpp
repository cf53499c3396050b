#include "app/csv.hpp"

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
