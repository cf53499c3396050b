// Reading a chart's data (app/spc_input): dates or numbers for x, missing values, part labels
// and facets, and problems that name file, line, column and field.
#include "app/spc_input.hpp"
#include "app/chart_kind.hpp"
#include "core/date.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using waymark::app::read_spc_input;
using waymark::app::SpcColumns;
using waymark::app::SpcInputError;
using waymark::app::XKind;

namespace {

class SpcInputTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("waymark-spc-input-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    std::string write(const std::string& text) {
        const auto p = (dir_ / "data.csv").string();
        std::ofstream(p, std::ios::binary) << text;
        return p;
    }
    // The problems of a rejected file, one per line, with the folder's path cut off.
    std::string problems(const std::string& text, const SpcColumns& columns = {}) {
        const std::string path = write(text);
        try {
            read_spc_input(path, columns);
        } catch (const SpcInputError& e) {
            std::string out;
            for (const auto& p : e.problems()) {
                std::string line = p.to_string();
                line.replace(0, path.size(), "data.csv");
                out += line + "\n";
            }
            return out;
        }
        return "(accepted)";
    }
    fs::path dir_;
};

TEST_F(SpcInputTest, DatesBecomeDayNumbers) {
    const auto input = read_spc_input(write("\"x\",\"y\"\n\"2024-01-01\",3\n2024-02-01,4.5\n"), {});
    EXPECT_EQ(input.x_kind, XKind::date);
    ASSERT_EQ(input.rows.size(), 2U);
    EXPECT_EQ(input.rows[0].x, waymark::core::Date::parse("2024-01-01").serial());
    EXPECT_EQ(input.rows[1].y, 4.5);
    EXPECT_FALSE(input.has_n());
    EXPECT_EQ(input.lines, (std::vector<std::size_t>{2, 3}));
}

TEST_F(SpcInputTest, NumbersAndMissingValues) {
    const auto input = read_spc_input(write("y,n,x\n3,10,1\n,10,2\nNA,,3\n -2.5e1 , 4 ,4\n"), {});
    EXPECT_EQ(input.x_kind, XKind::number);
    EXPECT_EQ(input.n_column, 2U);
    ASSERT_EQ(input.rows.size(), 4U);
    EXPECT_FALSE(input.rows[1].y.has_value());
    EXPECT_EQ(input.rows[1].n, 10);
    EXPECT_FALSE(input.rows[2].y.has_value());
    EXPECT_FALSE(input.rows[2].n.has_value());
    EXPECT_EQ(input.rows[3].y, -25);
    EXPECT_EQ(input.rows[3].x, 4);
}

TEST_F(SpcInputTest, PartLabelsAndFacets) {
    const auto input = read_spc_input(write("x,y,period,unit\n1,2,pre,A\n2,3,post,B\n"),
                                      SpcColumns{std::string("period"), std::string("unit")});
    ASSERT_EQ(input.rows.size(), 2U);
    EXPECT_EQ(input.rows[1].part_label, "post");
    EXPECT_EQ(input.facets, (std::vector<std::string>{"A", "B"}));
}

TEST_F(SpcInputTest, HeaderProblems) {
    EXPECT_EQ(problems("x,value\n1,2\n"),
              "data.csv:1:2: value: unknown column (expected x, y, n; --part-column NAME reads part labels; "
              "--facet-column NAME reads separate series)\n"
              "data.csv:1: y: required column is missing from the header\n");
    EXPECT_EQ(problems("x,y,y\n1,2,3\n"), "data.csv:1:3: y: column given twice (first as column 2)\n");
    EXPECT_EQ(problems("x,y\n1,2\n", SpcColumns{std::string("part_label"), std::nullopt}),
              "data.csv:1: part_label: the --part-column is missing from the header\n");
    EXPECT_EQ(problems(""),
              "data.csv:1: the file is empty: expected a header row with x, y and, for a denominator, n\n");
    EXPECT_EQ(problems("x,y\n"), "data.csv: no data rows after the header (a chart needs at least one point)\n");
}

TEST_F(SpcInputTest, RowProblemsNameLineColumnAndField) {
    EXPECT_EQ(problems("x,y,n\n1,abc,3\n2,+4,5\n3,inf,1\n,1,1\n4,1\n5,1,2,3\n"),
              "data.csv:2:2: y: 'abc' is not a number\n"
              "data.csv:3:2: y: '+4' is not a number (write it without the '+')\n"
              "data.csv:4:2: y: 'inf' is not a number\n"
              "data.csv:5:1: x: required (a date YYYY-MM-DD or a number)\n"
              "data.csv:6: expected 3 fields as in the header, found 2 (is the row cut off?)\n"
              "data.csv:7: expected 3 fields as in the header, found 4 (an unquoted comma?)\n");
}

TEST_F(SpcInputTest, MixedDatesAndNumbersNameTheLine) {
    EXPECT_EQ(problems("x,y\n2024-01-01,1\n2024-02-30,2\n3,3\nJan 2024,4\n"),
              "data.csv:3:1: x: '2024-02-30' is not a date (no such day)\n"
              "data.csv:4:1: x: '3' is a number, but x on line 2 is a date: x must be all dates (YYYY-MM-DD) or "
              "all numbers\n"
              "data.csv:5:1: x: 'Jan 2024' is not a date (YYYY-MM-DD) or a number\n");
}

TEST_F(SpcInputTest, EmptyLabelsAreProblems) {
    EXPECT_EQ(problems("x,y,part_label\n1,2,\n", SpcColumns{std::string("part_label"), std::nullopt}),
              "data.csv:2:3: part_label: required: the part label of the row\n");
}

TEST_F(SpcInputTest, ManyProblemsAreCountedAndTheFirst20Listed) {
    std::string text = "x,y\n";
    for (int k = 0; k < 25; ++k) text += std::to_string(k) + ",bad\n";
    try {
        read_spc_input(write(text), {});
        FAIL() << "accepted";
    } catch (const SpcInputError& e) {
        EXPECT_EQ(e.total(), 25U);
        EXPECT_EQ(e.problems().size(), 20U);
        EXPECT_NE(std::string(e.what()).find("has 25 problems"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("... and 5 more"), std::string::npos);
    }
}

TEST(SpcInputParse, XValuesOfEachKind) {
    EXPECT_EQ(waymark::app::parse_x("2018-07-01", XKind::date), waymark::core::Date::parse("2018-07-01").serial());
    EXPECT_FALSE(waymark::app::parse_x("2018-07-01", XKind::number).has_value());
    EXPECT_FALSE(waymark::app::parse_x("12", XKind::date).has_value());
    EXPECT_EQ(waymark::app::parse_x(" 12 ", XKind::number), 12);
    EXPECT_FALSE(waymark::app::parse_number("nan").has_value());
    EXPECT_FALSE(waymark::app::parse_number("1e999").has_value());
}

}  // namespace

// --chart and the web's chart field are parsed once, into a core::qi::ChartType or Making Data Count.
TEST(ChartKind, EveryChartTypeAndMdcReadBackAndNothingElse) {
    namespace app = waymark::app;
    namespace core = waymark::core;
    for (const char* name : {"run", "i", "mr", "c", "u", "p", "pp", "up", "xbar", "s", "mdc"}) {
        const auto kind = app::try_parse_chart_kind(name);
        ASSERT_TRUE(kind.has_value()) << name;
        EXPECT_EQ(app::to_string(*kind), name);
    }
    EXPECT_TRUE(app::try_parse_chart_kind("mdc")->mdc());
    EXPECT_EQ(app::try_parse_chart_kind("pp")->type, core::qi::ChartType::pp);
    EXPECT_FALSE(app::ChartKind{}.mdc());
    EXPECT_EQ(app::to_string(app::ChartKind{}), "run");
    EXPECT_FALSE(app::try_parse_chart_kind("g").has_value());
    EXPECT_FALSE(app::try_parse_chart_kind("").has_value());
}
