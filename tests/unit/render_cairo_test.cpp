#include "render/cairo/cairo.hpp"

#include "support/scene_builders.hpp"
#include "support/tool.hpp"

// Only to decode the PNG back into pixels (the test links Cairo for that).
#include <cairo.h>

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace waymark::render;

namespace {

using namespace waymark::test::scene;

bool has(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

using waymark::test::run_on;

const std::string kName = "Zoë Ólafsdóttir-Łukasz";

Scene sample() {
    Scene s;
    s.width = 200;
    s.height = 100;
    s.title = "Timeline for " + kName;
    s.metadata = {"Timeline for " + kName, "Journey to permanence", "Eilidh Ní Bhriain", "Waymark", "2026-11-26"};
    Group& g = s.add_group("events", "Events");
    g.items.emplace_back(box({10, 10, 40, 20}, solid({0x33, 0x66, 0x99})));
    g.items.emplace_back(Box{{60, 10, 40, 20}, Fill{{255, 255, 0}, Pattern::diagonal, {0, 0, 0}}, Stroke{}, 0});
    g.items.emplace_back(line({{0, 40}, {200, 40}}, Stroke{{0, 0, 0}, 1, Dash::dashed}));
    g.items.emplace_back(marker({120, 60}, Shape::circle, 10, {255, 0, 0}));
    g.items.emplace_back(Marker{{140, 60}, Shape::diamond, 10, {0, 0, 255}, true, 1});
    g.items.emplace_back(marker({160, 60}, Shape::star, 10, {0, 128, 0}));
    g.items.emplace_back(text({10, 80}, kName, font(12)));
    g.items.emplace_back(text({190, 95}, "H", font(20, true), Anchor::end));
    return s;
}

struct Image {
    int width = 0;
    int height = 0;
    std::vector<std::uint32_t> pixels;  // 0xAARRGGBB
    [[nodiscard]] std::uint32_t at(int x, int y) const {
        return pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)];
    }
};

Image decode_png(const std::string& png) {
    struct Reader {
        const std::string* data;
        std::size_t pos = 0;
    } reader{&png};
    const auto read = [](void* closure, unsigned char* out, unsigned int length) {
        auto* r = static_cast<Reader*>(closure);
        if (r->pos + length > r->data->size()) return CAIRO_STATUS_READ_ERROR;
        r->data->copy(reinterpret_cast<char*>(out), length, r->pos);
        r->pos += length;
        return CAIRO_STATUS_SUCCESS;
    };
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> s(
        cairo_image_surface_create_from_png_stream(read, &reader), cairo_surface_destroy);
    if (cairo_surface_status(s.get()) != CAIRO_STATUS_SUCCESS) throw std::runtime_error("not a PNG");
    Image img{cairo_image_surface_get_width(s.get()), cairo_image_surface_get_height(s.get()), {}};
    const int stride = cairo_image_surface_get_stride(s.get());
    const unsigned char* data = cairo_image_surface_get_data(s.get());
    for (int y = 0; y < img.height; ++y) {
        const auto* row = reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
        img.pixels.insert(img.pixels.end(), row, row + img.width);
    }
    return img;
}

constexpr std::uint32_t kWhite = 0xFFFFFFFF;

// True when any pixel in the rectangle (pixel coordinates, inclusive) is darker than light grey.
bool ink(const Image& img, int x0, int y0, int x1, int y1) {
    for (int y = y0; y <= y1; ++y) {
        for (int x = x0; x <= x1; ++x) {
            if ((img.at(x, y) & 0xFF) < 0xC0) return true;
        }
    }
    return false;
}

// The value of "Key:   value" in pdfinfo's output (its padding depends on the longest key).
std::string field(std::string info, const std::string& key) {
    info.insert(0, "\n");
    const std::size_t at = info.find("\n" + key + ":");
    if (at == std::string::npos) return "(no " + key + ")";
    const std::size_t start = info.find_first_not_of(' ', at + key.size() + 2);
    return info.substr(start, info.find('\n', start) - start);
}

std::uint32_t be32(const std::string& s, std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(s[at + i]);
    return v;
}

}  // namespace

TEST(CairoPdf, IsOnePageOfTheSceneSize) {
    const std::string pdf = to_pdf(sample());
    EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);
    const std::string info = run_on("pdfinfo", pdf);
    EXPECT_EQ(field(info, "Pages"), "1");
    EXPECT_EQ(field(info, "Page size"), "200 x 100 pts");
}

TEST(CairoPdf, SameSceneGivesTheSameBytes) {
    const std::string first = to_pdf(sample());
    EXPECT_EQ(first, to_pdf(sample()));
    Scene later = sample();
    later.metadata.created = "2026-11-27";
    EXPECT_NE(first, to_pdf(later));  // the date is in the bytes, so it must come from the scene
    Scene undated = sample();
    undated.metadata.created.clear();
    EXPECT_EQ(to_pdf(undated), to_pdf(undated));
}

TEST(CairoPdf, TextIsExtractable) {
    // pdftotext writes to a file unless told "-" for standard output.
    const std::string out = run_on("sh -c 'pdftotext -enc UTF-8 \"$0\" -'", to_pdf(sample()));
    EXPECT_TRUE(has(out, kName)) << out;
}

TEST(CairoPdf, MetadataIsInTheDocumentInformation) {
    const std::string info = run_on("pdfinfo -enc UTF-8", to_pdf(sample()));
    EXPECT_EQ(field(info, "Title"), "Timeline for " + kName);
    EXPECT_EQ(field(info, "Subject"), "Journey to permanence");
    EXPECT_EQ(field(info, "Author"), "Eilidh Ní Bhriain");
    EXPECT_EQ(field(info, "Creator"), "Waymark");
    EXPECT_EQ(field(info, "CreationDate"), "Thu Nov 26 00:00:00 2026 UTC");
    EXPECT_EQ(field(info, "ModDate"), "Thu Nov 26 00:00:00 2026 UTC");
}

TEST(CairoPdf, InvalidUtf8DoesNotFail) {
    Scene s = sample();
    s.metadata.title = "bad \xC3(";
    s.groups[0].items.emplace_back(text({0, 50}, "bad \xFF text"));
    EXPECT_EQ(to_pdf(s).rfind("%PDF-", 0), 0u);
}

TEST(CairoPng, SignatureAndSize) {
    const std::string png = to_png(sample());
    EXPECT_EQ(png.substr(0, 8), "\x89PNG\r\n\x1A\n");
    EXPECT_EQ(png.substr(12, 4), "IHDR");
    EXPECT_EQ(be32(png, 16), 400u);  // 200 pt at 2 pixels a point
    EXPECT_EQ(be32(png, 20), 200u);
    const std::string small = to_png(sample(), 1.5);
    EXPECT_EQ(be32(small, 16), 300u);
    EXPECT_EQ(be32(small, 20), 150u);
    EXPECT_EQ(png, to_png(sample()));
}

TEST(CairoPng, ShapesLandWhereTheSceneSays) {
    const Image img = decode_png(to_png(sample()));
    EXPECT_EQ(img.at(2, 2), kWhite);           // the background
    EXPECT_EQ(img.at(60, 40), 0xFF336699u);    // inside the first box, at (30, 20) pt
    EXPECT_EQ(img.at(19, 19), kWhite);         // just outside it
    EXPECT_EQ(img.at(240, 120), 0xFFFF0000u);  // the filled circle's centre
    EXPECT_EQ(img.at(280, 120), kWhite);       // the hollow diamond's centre
    EXPECT_EQ(img.at(285, 115), 0xFF0000FFu);  // its outline, half way down the upper right edge
    EXPECT_EQ(img.at(320, 122), 0xFF008000u);  // the star's middle
    // The patterned box holds both the fill and the hairlines.
    bool yellow = false;
    bool dark = false;
    for (int x = 130; x < 190; ++x) {
        yellow = yellow || img.at(x, 40) == 0xFFFFFF00u;
        dark = dark || (img.at(x, 40) & 0xFF) < 0x40;
    }
    EXPECT_TRUE(yellow);
    EXPECT_TRUE(dark);
}

TEST(CairoPng, TextSitsOnItsBaselineAndAnchor) {
    // "H" in bold 20 pt, anchored at its end at (190, 95) pt: ink above the baseline, none below
    // it, and none to the right of the anchor.
    const Image img = decode_png(to_png(sample()));
    EXPECT_TRUE(ink(img, 340, 170, 380, 189));
    EXPECT_FALSE(ink(img, 340, 191, 399, 199));
    EXPECT_FALSE(ink(img, 381, 150, 399, 199));
    EXPECT_TRUE(ink(img, 370, 170, 380, 189));  // it reaches the anchor
}

TEST(CairoPng, BadSizesThrow) {
    EXPECT_THROW((void)to_png(sample(), 0), std::invalid_argument);
    EXPECT_THROW((void)to_png(sample(), 1e6), std::invalid_argument);
    Scene empty = sample();
    empty.width = 0;
    EXPECT_THROW((void)to_pdf(empty), std::invalid_argument);
}

// The built-in table lays pages out (and runs in layout tests without Pango); Pango draws them.
// If the font or Pango changes, this says the table must be regenerated (tools/font-metrics).
TEST(CairoPangoMetrics, AgreeWithTheBuiltInTableWithinThreePercent) {
    const std::vector<std::string> texts = {
        kName,
        "Eilidh Mhàiri Ní Bhriain",
        "Zoë",
        "Łukasz Nowak",
        "Mohammed Al-Rashid",
        "26 Nov 2026",
        "2026-11-26",
        "03/04/2025",
        "Permanence order granted",
        "Looked after and accommodated",
        "Children's hearing (CSO)",
        "Review: independent reviewing officer",
        "Placement 3 of 5",
        "Week 26",
        "Matching panel",
        "Drift: 142 days",
    };
    for (const Font& font : {font(9), font(9, true), font(12), font(7.5, true)}) {
        for (const std::string& t : texts) {
            const TextExtents pango = pango_metrics().measure(t, font);
            const TextExtents builtin = builtin_metrics().measure(t, font);
            EXPECT_NEAR(builtin.width, pango.width, 0.03 * pango.width) << t << (font.bold ? " bold" : "");
            EXPECT_NEAR(builtin.ascent, pango.ascent, 0.03 * pango.ascent) << t;
            EXPECT_NEAR(builtin.descent, pango.descent, 0.03 * pango.descent) << t;
        }
    }
}

TEST(CairoPangoMetrics, ScaleWithSizeAndCountBold) {
    const TextExtents nine = pango_metrics().measure("Permanence", font(9));
    const TextExtents eighteen = pango_metrics().measure("Permanence", font(18));
    EXPECT_NEAR(eighteen.width, 2 * nine.width, 0.01);
    EXPECT_GT(pango_metrics().measure("Permanence", font(9, true)).width, nine.width);
    EXPECT_EQ(pango_metrics().measure("", font(9)).width, 0);
}

// The web server renders and measures on several threads at once.
TEST(CairoRender, ThreadsDrawTheSameBytes) {
    const std::string png = to_png(sample(), 1);
    const std::string pdf = to_pdf(sample());
    std::vector<int> same(4, 0);
    std::vector<std::thread> threads;
    threads.reserve(same.size());
    for (int& ok : same) {
        threads.emplace_back([&png, &pdf, &ok] {
            for (int round = 0; round < 5; ++round) ok += to_png(sample(), 1) == png && to_pdf(sample()) == pdf ? 1 : 0;
        });
    }
    for (auto& th : threads) th.join();
    for (int ok : same) EXPECT_EQ(ok, 5);
}

TEST(CairoPangoMetrics, SameAnswersFromManyThreads) {
    const std::vector<std::string> texts = {"Zoë", "Łukasz", "Permanence order granted", "26 Nov 2026"};
    std::vector<double> expected;
    expected.reserve(texts.size());
    for (const auto& t : texts) expected.push_back(pango_metrics().measure(t, font(9)).width);
    std::vector<std::vector<double>> got(4);
    std::vector<std::thread> threads;
    threads.reserve(got.size());
    for (auto& out : got) {
        threads.emplace_back([&texts, &out] {
            for (int round = 0; round < 50; ++round) {
                for (const auto& t : texts) out.push_back(pango_metrics().measure(t, font(9)).width);
            }
        });
    }
    for (auto& th : threads) th.join();
    for (const auto& out : got) {
        ASSERT_EQ(out.size(), 50 * texts.size());
        for (std::size_t i = 0; i < out.size(); ++i) EXPECT_EQ(out[i], expected[i % texts.size()]);
    }
}
