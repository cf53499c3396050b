#include "render/svg.hpp"
#include "support/scene_builders.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

using namespace waymark::render;

namespace {

using namespace waymark::test::scene;

std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1)) ++n;
    return n;
}

bool has(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

Scene small_scene() {
    Scene s;
    s.width = 200;
    s.height = 100;
    s.title = "Timeline";
    s.description = "Events from birth to permanence.";
    return s;
}

std::string svg_of(const Item& item, const SvgOptions& options = {}) {
    Scene s = small_scene();
    s.add_group("g", "one item").items.push_back(item);
    return to_svg(s, options);
}

// Runs `xmllint --noout` on the text; returns its diagnostics, or "exit N" on failure.
std::string xmllint_problems(const std::string& xml) {
    char path[] = "/tmp/waymark_svg_XXXXXX";
    const int fd = mkstemp(path);
    if (fd < 0) return "cannot create a temporary file";
    close(fd);
    std::ofstream(path, std::ios::binary) << xml;
    const std::string cmd = std::string("xmllint --noout ") + path + " 2>&1";
    std::string output;
    FILE* p = popen(cmd.c_str(), "r");
    if (p == nullptr) return "cannot run xmllint";
    char buf[512];
    while (std::fgets(buf, sizeof buf, p) != nullptr) output += buf;
    const int status = pclose(p);
    std::remove(path);
    if (status != 0) output += "exit " + std::to_string(status);
    return output;
}

Scene everything() {
    Scene s = small_scene();
    s.title = "Zoë & <Łukasz>";
    Group& decoration = s.add_group("background");
    decoration.items.emplace_back(box({0, 0, 200, 100}, solid({240, 240, 240})));
    Group& g = s.add_group("events", "Events for \"Eilidh\"");
    g.items.emplace_back(Box{{10, 10, 30, 20}, Fill{{200, 0, 0}, Pattern::diagonal, {0, 0, 0}}, Stroke{}, 3});
    g.items.emplace_back(Path{{{0, 50}, {200, 50}}, Stroke{{0, 0, 0}, 1.5, Dash::dashed}, std::nullopt, false});
    g.items.emplace_back(Path{{{50, 60}, {60, 70}, {40, 70}},
                              Stroke{{0, 0, 255}, 1, Dash::dotted},
                              Fill{{0, 200, 0}, Pattern::dots, {255, 255, 255}},
                              true});
    for (Shape shape : {Shape::circle, Shape::square, Shape::diamond, Shape::triangle_up, Shape::triangle_down,
                        Shape::cross, Shape::star}) {
        g.items.emplace_back(Marker{{20.0 + 20 * static_cast<int>(shape), 80}, shape, 8, {0, 0, 128}, false, 1});
    }
    g.items.emplace_back(text({100, 40}, "O'Brien <b>\x01 \xC3( Ní", font(9, true, true), Anchor::middle));
    return s;
}

}  // namespace

TEST(Svg, RootHasSizeViewBoxLanguageAndOneFontFamily) {
    const std::string svg = to_svg(small_scene());
    EXPECT_EQ(svg.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ", 0), 0u);
    EXPECT_TRUE(has(svg, "xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\""));
    EXPECT_TRUE(has(svg, "width=\"200pt\" height=\"100pt\" viewBox=\"0 0 200 100\""));
    EXPECT_TRUE(has(svg, " lang=\"en-GB\" xml:lang=\"en-GB\""));
    EXPECT_TRUE(has(svg, "font-family=\"'Liberation Sans', Arial, Helvetica, sans-serif\""));
    EXPECT_EQ(count(svg, "font-family"), 1u);
    EXPECT_EQ(svg.substr(svg.size() - 7), "</svg>\n");
}

TEST(Svg, TitleAndDescriptionNameTheRootWhichIsNotAnImage) {
    const std::string svg = to_svg(small_scene());
    EXPECT_FALSE(has(svg, "role=\"img\""));  // that would hide every text element from screen readers
    EXPECT_TRUE(has(svg, "role=\"group\" aria-labelledby=\"svg_title\" aria-describedby=\"svg_desc\""));
    EXPECT_TRUE(has(svg, "<title id=\"svg_title\">Timeline</title>\n<desc id=\"svg_desc\">Events from birth"));
    EXPECT_LT(svg.find("<title"), svg.find("<desc"));

    Scene no_desc = small_scene();
    no_desc.description.clear();
    const std::string svg2 = to_svg(no_desc);
    EXPECT_FALSE(has(svg2, "<desc"));
    EXPECT_FALSE(has(svg2, "aria-describedby"));
}

TEST(Svg, OptionsDropTheDeclarationAndPrefixEveryId) {
    Scene s = everything();
    const std::string svg = to_svg(s, {false, "c42-"});
    EXPECT_EQ(svg.rfind("<svg ", 0), 0u);
    EXPECT_TRUE(has(svg, "aria-labelledby=\"c42-svg_title\" aria-describedby=\"c42-svg_desc\""));
    EXPECT_TRUE(has(svg, "<title id=\"c42-svg_title\">"));
    EXPECT_TRUE(has(svg, "<g id=\"c42-events\""));
    EXPECT_TRUE(has(svg, "<pattern id=\"c42-svg_pattern_diagonal_c80000_000000\""));
    EXPECT_TRUE(has(svg, "fill=\"url(#c42-svg_pattern_diagonal_c80000_000000)\""));
    EXPECT_EQ(count(svg, " id=\""), count(svg, " id=\"c42-"));
}

TEST(Svg, FluidTakesItsContainersWidthAndKeepsTheViewBox) {
    const Scene s = small_scene();
    EXPECT_TRUE(has(to_svg(s, {false, "", false}), "width=\"200pt\" height=\"100pt\" viewBox=\"0 0 200 100\""));
    const std::string fluid = to_svg(s, {false, "", true});
    EXPECT_TRUE(has(fluid, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"100%\" viewBox=\"0 0 "));
    EXPECT_FALSE(has(fluid.substr(0, fluid.find('>')), " height=\""));
}

TEST(Svg, EscapesMarkupCharactersEverywhere) {
    Scene s = small_scene();
    const std::string nasty = "Tom & \"Jerry\" <O'Brien>";
    const std::string escaped = "Tom &amp; &quot;Jerry&quot; &lt;O&#39;Brien&gt;";
    s.title = nasty;
    s.description = nasty;
    s.add_group("g", nasty).items.emplace_back(text({1, 2}, nasty));
    const std::string svg = to_svg(s);
    EXPECT_TRUE(has(svg, "<title id=\"svg_title\">" + escaped + "</title>"));
    EXPECT_TRUE(has(svg, "<desc id=\"svg_desc\">" + escaped + "</desc>"));
    EXPECT_TRUE(has(svg, "aria-label=\"" + escaped + "\""));
    EXPECT_TRUE(has(svg, ">" + escaped + "</text>"));
    EXPECT_FALSE(has(svg, "O'Brien"));
    EXPECT_EQ(xmllint_problems(svg), "");
}

TEST(Svg, NonAsciiNamesPassThroughUnchanged) {
    for (const std::string name : {"Eilidh Mhàiri Ní Bhriain", "Zoë", "Łukasz", "Ólafsdóttir", "😀 emoji"}) {
        const std::string svg = svg_of(text({0, 0}, name));
        EXPECT_TRUE(has(svg, ">" + name + "</text>")) << name;
        EXPECT_EQ(xmllint_problems(svg), "") << name;
    }
}

TEST(Svg, InvalidUtf8BecomesReplacementCharacters) {
    const std::string r = "\xEF\xBF\xBD";  // U+FFFD
    const struct {
        std::string in;
        std::string out;
    } cases[] = {
        {"a\xC3(b", "a" + r + "(b"},                // a lead byte without its continuation
        {"\x80z", r + "z"},                         // a lone continuation byte
        {"\xC0\xAF", r + r},                        // an overlong '/'
        {"\xED\xA0\x80", r + r + r},                // a UTF-16 surrogate
        {"\xF4\x90\x80\x80", r + r + r + r},        // above U+10FFFF
        {"end\xE2\x82", "end" + r},                 // cut off: one replacement for the whole stub
        {"\xE2\x82\xAC ok", "\xE2\x82\xAC ok"},     // a valid euro sign stays
        {"bell\x07 tab\t", "bell" + r + " tab\t"},  // XML cannot carry most control characters
        {"\xEF\xBF\xBE", r},                        // nor U+FFFE
        {"\xFF\xFE", r + r},                        // bytes that never start a sequence
    };
    for (const auto& c : cases) {
        const std::string svg = svg_of(text({0, 0}, c.in));
        EXPECT_TRUE(has(svg, ">" + c.out + "</text>")) << c.in;
        EXPECT_EQ(xmllint_problems(svg), "") << c.in;
    }
}

TEST(Svg, GroupsInOrderWithLabelsAndHiddenDecoration) {
    Scene s = small_scene();
    s.add_group("header", "Header").items.emplace_back(text({0, 10}, "Title"));
    s.add_group("rules").items.emplace_back(line({{0, 0}, {10, 0}}, Stroke{}));
    s.add_group("caption").items.emplace_back(text({0, 90}, "Unlabelled but readable"));
    s.add_group("m-1", "Placement 3 March 2026").items.emplace_back(marker({50, 50}));
    const std::string svg = to_svg(s);
    const std::size_t header = svg.find("<g id=\"header\" role=\"group\" aria-label=\"Header\">");
    const std::size_t rules = svg.find("<g id=\"rules\" aria-hidden=\"true\">");
    const std::size_t caption = svg.find("<g id=\"caption\">");
    const std::size_t marker = svg.find("<g id=\"m-1\" role=\"group\" aria-label=\"Placement 3 March 2026\">");
    ASSERT_NE(header, std::string::npos);
    ASSERT_NE(rules, std::string::npos);
    ASSERT_NE(caption, std::string::npos);
    ASSERT_NE(marker, std::string::npos);
    EXPECT_LT(header, rules);
    EXPECT_LT(rules, caption);
    EXPECT_LT(caption, marker);
    EXPECT_EQ(count(svg, "aria-hidden"), 1u);
    EXPECT_EQ(count(svg, "<g "), count(svg, "</g>"));
}

TEST(Svg, BoxesAndPaths) {
    EXPECT_TRUE(has(svg_of(Box{{1, 2, 30, 40}, solid({255, 0, 0}), Stroke{{0, 0, 255}, 2, Dash::solid}, 5}),
                    "<rect x=\"1\" y=\"2\" width=\"30\" height=\"40\" rx=\"5\" ry=\"5\" fill=\"#ff0000\" "
                    "stroke=\"#0000ff\" stroke-width=\"2\"/>"));
    // No fill is fill="none" (SVG's default is black); the radius is clamped to half the height.
    EXPECT_TRUE(has(svg_of(Box{{0, 0, 30, 4}, std::nullopt, Stroke{}, 10}),
                    "<rect x=\"0\" y=\"0\" width=\"30\" height=\"4\" rx=\"2\" ry=\"2\" fill=\"none\" "
                    "stroke=\"#000000\" stroke-width=\"1\"/>"));
    // A negative size is turned round: SVG would not draw it.
    EXPECT_TRUE(has(svg_of(box({10, 10, -4, -6}, Fill{})), "<rect x=\"6\" y=\"4\" width=\"4\" height=\"6\""));
    EXPECT_TRUE(has(svg_of(line({{0, 0}, {10, 5}, {20, 0}}, Stroke{})),
                    "<polyline points=\"0,0 10,5 20,0\" fill=\"none\" stroke=\"#000000\" stroke-width=\"1\"/>"));
    EXPECT_TRUE(has(svg_of(Path{{{0, 0}, {10, 5}, {20, 0}}, std::nullopt, solid({0, 128, 0}), true}),
                    "<polygon points=\"0,0 10,5 20,0\" fill=\"#008000\"/>"));
}

TEST(Svg, DashesScaleWithTheLineWidth) {
    EXPECT_TRUE(has(svg_of(line({{0, 0}, {1, 0}}, Stroke{{}, 1, Dash::dashed})), "stroke-dasharray=\"4 2\""));
    EXPECT_TRUE(has(svg_of(line({{0, 0}, {1, 0}}, Stroke{{}, 1.5, Dash::dashed})), "stroke-dasharray=\"6 3\""));
    EXPECT_TRUE(has(svg_of(line({{0, 0}, {1, 0}}, Stroke{{}, 1, Dash::dotted})), "stroke-dasharray=\"1 2\""));
    EXPECT_TRUE(has(svg_of(line({{0, 0}, {1, 0}}, Stroke{{}, 2, Dash::dotted})), "stroke-dasharray=\"2 4\""));
    EXPECT_FALSE(has(svg_of(line({{0, 0}, {1, 0}}, Stroke{{}, 1, Dash::solid})), "stroke-dasharray"));
}

TEST(Svg, EachMarkerShapeIsCentredInItsSquare) {
    const auto marker = [](Shape shape) { return svg_of(Marker{{50, 20}, shape, 10, {255, 0, 0}, false, 1}); };
    const std::string paint = " fill=\"#ff0000\" stroke=\"#ff0000\" stroke-width=\"1\"/>";
    EXPECT_TRUE(has(marker(Shape::circle), "<circle cx=\"50\" cy=\"20\" r=\"5\"" + paint));
    EXPECT_TRUE(has(marker(Shape::square), "<rect x=\"45\" y=\"15\" width=\"10\" height=\"10\"" + paint));
    EXPECT_TRUE(has(marker(Shape::diamond), "<polygon points=\"50,15 55,20 50,25 45,20\"" + paint));
    EXPECT_TRUE(has(marker(Shape::triangle_up), "<polygon points=\"50,15 55,25 45,25\"" + paint));
    EXPECT_TRUE(has(marker(Shape::triangle_down), "<polygon points=\"45,15 55,15 50,25\"" + paint));
    EXPECT_TRUE(has(marker(Shape::cross), "<path d=\"M45 15L55 25M45 25L55 15\" fill=\"none\" stroke=\"#ff0000\""));
    // A star's bounding box is centred: its top point is 5 above its circumcentre, which sits
    // 0.48 below the marker's centre.
    const std::string star = marker(Shape::star);
    EXPECT_TRUE(has(star, "<polygon points=\"50,15.48 "));
    EXPECT_EQ(count(star.substr(star.find("<polygon")), ","), 10u);
}

TEST(Svg, HollowMarkersAreWhiteInsideWithAColouredOutline) {
    const std::string svg = svg_of(Marker{{5, 5}, Shape::diamond, 6, {0, 0, 255}, true, 1.25});
    EXPECT_TRUE(has(svg, "fill=\"#ffffff\" stroke=\"#0000ff\" stroke-width=\"1.25\"/>"));
}

TEST(Svg, TextCarriesAnchorFontAndColour) {
    EXPECT_TRUE(has(svg_of(Text{{10, 20}, "a", Font{9, true, false}, {17, 34, 51}, Anchor::middle, 0, 0, 0}),
                    "<text x=\"10\" y=\"20\" text-anchor=\"middle\" font-size=\"9\" font-weight=\"bold\" "
                    "font-style=\"normal\" fill=\"#112233\">a</text>"));
    EXPECT_TRUE(has(svg_of(text({0, 0}, "b", font(10.5, false, true), Anchor::end)),
                    "text-anchor=\"end\" font-size=\"10.5\" font-weight=\"normal\" font-style=\"italic\""));
}

TEST(Svg, PatternsAreDefinedOncePerFillAndReferenced) {
    Scene s = small_scene();
    const Fill red_diagonal{{255, 0, 0}, Pattern::diagonal, {0, 0, 0}};
    const Fill red_dots{{255, 0, 0}, Pattern::dots, {0, 0, 0}};
    Group& g = s.add_group("bars", "Bars");
    g.items.emplace_back(box({0, 0, 10, 10}, red_diagonal));
    g.items.emplace_back(box({20, 0, 10, 10}, red_dots));
    g.items.emplace_back(Path{{{0, 0}, {5, 5}, {0, 5}}, std::nullopt, red_diagonal, true});
    s.add_group("more").items.emplace_back(box({40, 0, 10, 10}, red_diagonal));
    const std::string svg = to_svg(s);
    EXPECT_EQ(count(svg, "<defs>"), 1u);
    EXPECT_EQ(count(svg, "<pattern "), 2u);
    EXPECT_LT(svg.find("</defs>"), svg.find("<g "));
    const std::string diagonal = "svg_pattern_diagonal_ff0000_000000";
    const std::string dots = "svg_pattern_dots_ff0000_000000";
    EXPECT_LT(svg.find("<pattern id=\"" + diagonal), svg.find("<pattern id=\"" + dots));  // order of first use
    EXPECT_EQ(count(svg, "fill=\"url(#" + diagonal + ")\""), 3u);
    EXPECT_EQ(count(svg, "fill=\"url(#" + dots + ")\""), 1u);
    EXPECT_TRUE(has(svg, "<pattern id=\"" + diagonal +
                             "\" patternUnits=\"userSpaceOnUse\" width=\"4\" height=\"4\" "
                             "patternTransform=\"rotate(-45)\">\n<rect width=\"4\" height=\"4\" fill=\"#ff0000\"/>\n"
                             "<path d=\"M0 2H4\" stroke=\"#000000\" stroke-width=\"0.5\"/>\n</pattern>"));
    EXPECT_TRUE(has(svg, "<circle cx=\"2\" cy=\"2\" r=\"0.75\" fill=\"#000000\"/>"));
    EXPECT_FALSE(has(to_svg(small_scene()), "<defs>"));
}

TEST(Svg, EveryPatternKindHasItsHairlines) {
    const auto pattern = [](Pattern p) {
        const std::string svg = svg_of(box({0, 0, 10, 10}, Fill{{}, p, {}}));
        return svg.substr(svg.find("<pattern"), svg.find("</pattern>") - svg.find("<pattern"));
    };
    EXPECT_TRUE(has(pattern(Pattern::back_diagonal), "patternTransform=\"rotate(45)\""));
    EXPECT_TRUE(has(pattern(Pattern::horizontal), "d=\"M0 2H4\""));
    EXPECT_TRUE(has(pattern(Pattern::vertical), "d=\"M2 0V4\""));
    EXPECT_TRUE(has(pattern(Pattern::cross), "d=\"M0 2H4M2 0V4\""));
    EXPECT_FALSE(has(pattern(Pattern::horizontal), "patternTransform"));
}

TEST(Svg, NumbersAreCompact) {
    const auto rect = [](double x, double y, double w, double h) { return svg_of(box({x, y, w, h}, Fill{})); };
    EXPECT_TRUE(has(rect(12.0, 12.5, 0.333, 1.005), "x=\"12\" y=\"12.5\" width=\"0.33\""));
    EXPECT_TRUE(has(rect(-0.001, -2.25, 100.10, 7.999), "x=\"0\" y=\"-2.25\" width=\"100.1\" height=\"8\""));
    EXPECT_FALSE(has(rect(-0.004, 0, 1, 1), "-0"));
    EXPECT_TRUE(has(rect(1e300, 0, 1, 1), "x=\"1000000000\""));  // clamped, not 300 digits
}

TEST(Svg, WellFormedAndDeterministic) {
    const std::string svg = to_svg(everything());
    EXPECT_EQ(xmllint_problems(svg), "");
    EXPECT_EQ(xmllint_problems(to_svg(everything(), {false, "x-"})), "");
    EXPECT_EQ(svg, to_svg(everything()));
}

TEST(Svg, NoScriptsStylesOrExternalReferences) {
    // It goes inline in pages served with a strict Content-Security-Policy.
    const std::string svg = to_svg(everything());
    for (const char* banned :
         {"<script", "<style", " style=", "href", "<image", "<foreignObject", "onload", "javascript:"}) {
        EXPECT_FALSE(has(svg, banned)) << banned;
    }
    EXPECT_EQ(count(svg, "http"), 1u);  // the namespace name only
    EXPECT_EQ(count(svg, "url("), count(svg, "url(#"));
}
