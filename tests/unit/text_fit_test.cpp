// Text cut to a width (render::Writer::fit, issue 13 item 5): the result fits its box, ends in
// an ellipsis when cut, is the longest prefix that does, never cuts a UTF-8 character, and costs
// what the part that fits costs: a 30,000-character note is not measured again and again.
#include "render/scene.hpp"
#include "render/style.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>

namespace {

namespace render = waymark::render;

const render::Font kFont{7, false, false};
const std::string kEllipsis = "\u2026";

// The built-in metrics, counting the bytes measured.
class CountingMeasurer : public render::TextMeasurer {
public:
    [[nodiscard]] render::TextExtents measure(std::string_view utf8, const render::Font& font) const override {
        bytes += utf8.size();
        ++calls;
        return render::builtin_metrics().measure(utf8, font);
    }
    mutable std::size_t bytes = 0;
    mutable std::size_t calls = 0;
};

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        }
        i += n;
    }
    return true;
}

std::string long_note(std::size_t length) {
    std::string note;
    const std::string_view words = "Eilidh said she liked her new school and the walk there with her carer. ";
    while (note.size() < length) note += words;
    note.resize(length);
    return note;
}

TEST(TextFit, TextThatFitsIsUnchanged) {
    const render::Writer w(render::builtin_metrics());
    EXPECT_EQ(w.fit("Looked after at home", kFont, 200), "Looked after at home");
    EXPECT_EQ(w.fit("", kFont, 10), "");
}

TEST(TextFit, ACutLabelFitsItsBoxAndEndsInAnEllipsis) {
    const render::Writer w(render::builtin_metrics());
    const std::string note = long_note(30000);
    for (const double box : {20.0, 60.0, 140.0, 230.0, 900.0}) {
        const std::string label = w.fit(note, kFont, box);
        ASSERT_TRUE(label.ends_with(kEllipsis)) << box;
        EXPECT_LE(w.width(label, kFont), box) << box;
        const std::string kept = label.substr(0, label.size() - kEllipsis.size());
        EXPECT_TRUE(note.starts_with(kept)) << label;
        EXPECT_FALSE(kept.ends_with(' ')) << label;
        // The longest: one more character of the note would not fit.
        const std::string longer = note.substr(0, kept.size() + 1) + kEllipsis;
        if (note[kept.size()] != ' ') {
            EXPECT_GT(w.width(longer, kFont), box) << label;
        }
    }
}

TEST(TextFit, NothingButTheEllipsisOrNothingAtAllInATinyBox) {
    const render::Writer w(render::builtin_metrics());
    const double ellipsis = w.width(kEllipsis, kFont);
    EXPECT_EQ(w.fit("Permanence panel", kFont, ellipsis), kEllipsis);
    EXPECT_EQ(w.fit("Permanence panel", kFont, ellipsis / 2), "");
}

TEST(TextFit, NeverCutsInsideAUtf8Character) {
    const render::Writer w(render::builtin_metrics());
    // Two-, three- and four-byte characters: Gaelic accents, curly quotes, an emoji.
    std::string text;
    for (int i = 0; i < 400; ++i) text += "Seòras \u201cMòr\u201d \U0001F600 ";
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> box(1, 600);
    for (int round = 0; round < 300; ++round) {
        const double b = box(rng);
        std::size_t length = 1 + static_cast<std::size_t>(round) * 11;  // then back to a character's start
        while ((static_cast<unsigned char>(text[length]) & 0xC0) == 0x80) --length;
        const std::string label = w.fit(text.substr(0, length), kFont, b);
        EXPECT_TRUE(valid_utf8(label)) << b;
        EXPECT_LE(w.width(label, kFont), b);
    }
}

TEST(TextFit, ALongNoteIsMeasuredInProportionToWhatFitsNotToItsLengthSquared) {
    const CountingMeasurer m;
    const render::Writer w(m);
    const std::string note = long_note(30000);
    const std::string label = w.fit(note, kFont, 140);
    ASSERT_TRUE(label.ends_with(kEllipsis));
    // About 40 characters fit in 140 points: a few dozen measurements of short prefixes. The
    // old loop measured the whole note once for each character it dropped (about 450 million
    // bytes).
    EXPECT_LT(m.calls, 40U);
    EXPECT_LT(m.bytes, 2000U);
}

TEST(TextFit, AWordLongerThanALineIsCutAtACharacterWithoutMeasuringItOverAndOver) {
    const CountingMeasurer m;
    const render::Writer w(m);
    std::string word(20000, 'x');
    word += "\u00e9";
    const auto lines = w.wrap(word, kFont, 100, 2);
    ASSERT_EQ(lines.size(), 2U);
    for (const auto& line : lines) {
        EXPECT_LE(w.width(line, kFont), 100);
        EXPECT_TRUE(valid_utf8(line));
    }
    EXPECT_TRUE(lines.back().ends_with(kEllipsis));
    EXPECT_LT(m.bytes, 200000U);
}

}  // namespace
