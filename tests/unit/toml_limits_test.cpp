// The limits checked before a TOML file is parsed (app/toml_limits.hpp): 32 keys deep and 1 MiB.
// The crashing inputs themselves (100,000 parts) are the golden cases tests/cases/toml_*.
#include "app/toml_limits.hpp"
#include "core/error.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

namespace app = waymark::app;

std::string dotted(std::size_t parts) {
    std::string key = "a";
    for (std::size_t i = 1; i < parts; ++i) key += ".a";
    return key;
}

// The message of the error check_toml_limits throws, or "" when it accepts the text.
std::string refusal(const std::string& text) {
    try {
        app::check_toml_limits(text, "f.toml");
    } catch (const waymark::core::Error& e) {
        return e.what();
    }
    return "";
}

TEST(TomlLimits, ThirtyTwoPartsAreReadAndThirtyThreeRefusedWithTheLine) {
    EXPECT_EQ(refusal(dotted(32) + " = 1\n"), "");
    EXPECT_EQ(refusal("x = 1\n" + dotted(33) + " = 1\n").rfind("f.toml:2: keys nested more than 32 deep", 0), 0u);
    EXPECT_EQ(refusal("[" + dotted(32) + "]\n"), "");
    EXPECT_EQ(refusal("[" + dotted(33) + "]\n").rfind("f.toml:1: ", 0), 0u);
    // An array of tables is one deeper than its name.
    EXPECT_NE(refusal("[[" + dotted(32) + "]]\n"), "");
}

TEST(TomlLimits, DepthAddsUpAcrossHeadersKeysArraysAndInlineTables) {
    EXPECT_NE(refusal("[" + dotted(20) + "]\n" + dotted(13) + " = 1\n"), "");
    EXPECT_EQ(refusal("[" + dotted(20) + "]\n" + dotted(12) + " = 1\n"), "");
    // A new header starts again from its own depth.
    EXPECT_EQ(refusal("[" + dotted(20) + "]\n[b]\n" + dotted(30) + " = 1\n"), "");
    std::string arrays = "x = ";
    for (int i = 0; i < 40; ++i) arrays += "[";
    EXPECT_EQ(refusal(arrays + "\n").rfind("f.toml:1: ", 0), 0u);
    std::string inline_tables = "x = ";
    for (int i = 0; i < 20; ++i) inline_tables += "{" + std::string(1, static_cast<char>('a' + i % 26)) + " = ";
    EXPECT_NE(refusal(inline_tables + "1\n"), "");
    // Arrays spread over lines count where they are.
    EXPECT_EQ(refusal("x = [\n  [1, 2],\n  [3],\n]\ny = {a = {b = [1]}, c = 2}\n"), "");
}

TEST(TomlLimits, DotsAndBracketsInStringsAndCommentsAreNotKeys) {
    const std::string many_dots(200, '.');
    EXPECT_EQ(refusal("x = \"" + many_dots + "[[[[{{{{\"\n# " + many_dots + "[[[[\n"), "");
    EXPECT_EQ(refusal("\"" + many_dots + "\" = 'a.b.c'\n"), "");
    EXPECT_EQ(refusal("x = \"\"\"\n" + many_dots + "\n[[[[\n\"\"\"\ny = '''\n" + many_dots + "'''\n"), "");
    // Lines inside a multi-line string are counted.
    EXPECT_EQ(refusal("x = \"\"\"\n\n\"\"\"\n" + dotted(40) + " = 1\n").rfind("f.toml:4: ", 0), 0u);
    // An escaped quote does not end a string.
    EXPECT_EQ(refusal("x = \"\\\" " + many_dots + "\"\n"), "");
}

TEST(TomlLimits, AFileOverOneMebibyteIsRefused) {
    std::string text = "#" + std::string(app::kMaxTomlBytes - 2, 'x') + "\n";
    EXPECT_EQ(refusal(text), "");
    text += "\n";
    EXPECT_EQ(refusal(text),
              "f.toml: larger than 1 MiB (1048576 bytes): a TOML file Waymark reads may be at most that");
}

}  // namespace
