// The driver diagram's layout (render/driver_diagram.hpp) and the word wrap it uses
// (render/style.hpp): on the PACE example and on random diagrams of every size, every text is
// on the page and clear of the others, every text sits inside its box, boxes in a column do
// not overlap, and connectors cross no text.
#include "render/driver_diagram.hpp"
#include "app/driver_file.hpp"
#include "app/tests_of_change_csv.hpp"
#include "render/cairo/cairo.hpp"
#include "render/style.hpp"
#include "render/svg.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "support/legible.hpp"
#include "support/tool.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <random>

namespace {

namespace fs = std::filesystem;
namespace render = waymark::render;
namespace core = waymark::core;
using waymark::test::expect_legible;

// --- Word wrap ---------------------------------------------------------------------------------

const render::Font kFont{9, false, false};

std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += (out.empty() ? "" : " ") + l;
    return out;
}

TEST(Wrap, LinesFitAndKeepEveryWordInOrder) {
    const render::Writer w(render::builtin_metrics());
    const std::string text =
        "Legal advice requested 8 weeks before the Permanence LAR;  written advice 4 weeks before it";
    for (double width = 40; width < 400; width += 7) {
        const auto lines = w.wrap(text, kFont, width);
        for (const auto& l : lines) EXPECT_LE(w.width(l, kFont), width) << l;
        if (width >= w.width("Permanence", kFont)) {
            EXPECT_EQ(joined(lines),
                      "Legal advice requested 8 weeks before the Permanence LAR; written advice 4 weeks "
                      "before it")
                << width;
        }
    }
}

TEST(Wrap, AWordWiderThanALineIsBrokenBetweenCharacters) {
    const render::Writer w(render::builtin_metrics());
    const auto lines = w.wrap("days-recommendation-to-panel", kFont, 40);
    ASSERT_GT(lines.size(), 1u);
    std::string whole;
    for (const auto& l : lines) {
        EXPECT_LE(w.width(l, kFont), 40);
        whole += l;
    }
    EXPECT_EQ(whole, "days-recommendation-to-panel");
}

TEST(Wrap, TextLeftOverAfterTheLastLineEndsInAnEllipsis) {
    const render::Writer w(render::builtin_metrics());
    const auto lines = w.wrap("one two three four five six seven eight nine ten", kFont, 50, 2);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[1].substr(lines[1].size() - 3), "\u2026");
    EXPECT_LE(w.width(lines[1], kFont), 50);
    EXPECT_TRUE(w.wrap("", kFont, 50).empty());
    EXPECT_EQ(w.wrap("fits", kFont, 50, 1), std::vector<std::string>{"fits"});
}

// --- The picture -------------------------------------------------------------------------------

// The box each group draws first (every node's group starts with its box).
std::vector<std::pair<std::string, render::Rect>> node_boxes(const render::Scene& scene) {
    std::vector<std::pair<std::string, render::Rect>> out;
    for (const auto& g : scene.groups) {
        if (g.id == "header" || g.id == "headings" || g.id == "connectors" || g.id == "footer") continue;
        const auto* box = std::get_if<render::Box>(&g.items.front());
        EXPECT_NE(box, nullptr) << g.id;
        if (box != nullptr) out.emplace_back(g.id, box->rect);
    }
    return out;
}

// Legible, texts in their boxes, boxes apart, connectors clear of every text.
void expect_sound(const render::Scene& scene, const std::string& who) {
    expect_legible(scene, who);
    const auto boxes = node_boxes(scene);
    for (const auto& g : scene.groups) {
        const auto it = std::find_if(boxes.begin(), boxes.end(), [&](const auto& b) { return b.first == g.id; });
        if (it == boxes.end()) continue;
        for (const auto& item : g.items) {
            if (const auto* t = std::get_if<render::Text>(&item)) {
                EXPECT_TRUE(it->second.contains(t->bounds()))
                    << who << ": \"" << t->text << "\" spills out of " << g.id;
            }
        }
    }
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        for (std::size_t j = i + 1; j < boxes.size(); ++j) {
            EXPECT_FALSE(boxes[i].second.overlaps(boxes[j].second))
                << who << ": " << boxes[i].first << " overlaps " << boxes[j].first;
        }
    }
    const auto texts = waymark::test::texts_of(scene);
    for (const auto& g : scene.groups) {
        if (g.id != "connectors") continue;
        for (const auto& item : g.items) {
            const auto& p = std::get<render::Path>(item);
            ASSERT_EQ(p.points.size(), 2u);
            const auto a = p.points[0];
            const auto b = p.points[1];
            // Each segment is level or upright: as a (thin) rectangle it must miss every text.
            const render::Rect segment{std::min(a.x, b.x), std::min(a.y, b.y), std::abs(b.x - a.x) + 0.01,
                                       std::abs(b.y - a.y) + 0.01};
            for (const auto& [bounds, t] : texts) {
                EXPECT_FALSE(segment.overlaps(bounds)) << who << ": a connector crosses \"" << t->text << "\"";
            }
        }
    }
}

render::Scene draw(const core::DriverDiagram& d, std::span<const core::TestOfChange> tests = {}) {
    render::DriverDiagramOptions options;
    options.generated = core::Date::parse("2026-11-26");
    return render::driver_diagram_scene({d, tests}, options, render::builtin_metrics());
}

TEST(DriverDiagram, ThePaceExampleIsSoundAndShowsHowEachTestStands) {
    const fs::path examples = fs::path(WAYMARK_SOURCE_DIR) / "examples" / "pace";
    const fs::path db = fs::temp_directory_path() / ("waymark-driver-" + std::to_string(::getpid()) + ".db");
    fs::remove(db);
    const auto set = waymark::app::default_standards();
    {
        waymark::store::SqliteStore store(db.string(), set.vocabulary);
        waymark::app::TestImportOptions o;
        o.tests_path = (examples / "tests_of_change.csv").string();
        o.cycles_path = (examples / "pdsa_cycles.csv").string();
        o.today = core::Date::parse("2026-11-26");
        waymark::app::import_tests_of_change(store.tests_of_change(), o, {"test", "2026-11-26T09:00:00Z"});
        const auto imported = waymark::app::import_driver_diagram(
            store.tests_of_change(), (examples / "driver_diagram.toml").string(), {"test", "now"});
        const auto tests = store.tests_of_change().find_tests({});
        const auto scene = draw(imported.diagram, tests);
        expect_sound(scene, "PACE");
        const auto dump = render::dump(scene);
        for (const char* chip :
             {"PACE-1 adopted", "PACE-3 adapted", "PACE-7 adopted", "PACE-8 testing", "PACE-14 testing"}) {
            EXPECT_NE(dump.find(chip), std::string::npos) << chip;
        }
        EXPECT_NE(dump.find("Not yet tested"), std::string::npos);
        EXPECT_EQ(dump.find("\u2026"), std::string::npos) << "nothing of the example should be cut short";
    }
    fs::remove(db);
    fs::remove(db.string() + "-wal");
    fs::remove(db.string() + "-shm");
}

std::string words(std::mt19937& rng, int most) {
    static const std::vector<std::string> vocabulary = {
        "review",   "permanence", "legal",   "advice", "hearing", "within", "weeks", "of",        "the",
        "a",        "child",      "carers",  "plan",   "early",   "panel",  "court", "timely",    "decision",
        "Reporter", "meeting",    "support", "agreed", "social",  "work",   "and",   "children's"};
    std::uniform_int_distribution<int> n(1, most);
    std::uniform_int_distribution<std::size_t> pick(0, vocabulary.size() - 1);
    std::string out;
    for (int i = n(rng); i > 0; --i) out += (out.empty() ? "" : " ") + vocabulary[pick(rng)];
    return out;
}

core::DriverDiagram random_diagram(std::mt19937& rng, int primaries, int most_secondaries, int most_ideas,
                                   int most_words) {
    core::DriverDiagram d;
    d.reference = "R";
    d.local_authority = "S1";
    d.aim = words(rng, 3 * most_words);
    d.aim_measure = "days-to-recommendation";
    std::uniform_int_distribution<int> secondaries(0, most_secondaries);
    std::uniform_int_distribution<int> ideas(0, most_ideas);
    std::uniform_int_distribution<int> tests(0, 3);
    for (int p = 0; p < primaries; ++p) {
        auto& primary = d.primaries.emplace_back(core::PrimaryDriver{words(rng, most_words), {}});
        for (int s = secondaries(rng); s > 0; --s) {
            auto& secondary = primary.secondaries.emplace_back(core::SecondaryDriver{words(rng, most_words), {}});
            for (int c = ideas(rng); c > 0; --c) {
                auto& idea = secondary.change_ideas.emplace_back(core::ChangeIdea{words(rng, most_words), {}});
                for (int t = tests(rng); t > 0; --t) idea.tests.push_back("TEST-" + std::to_string(rng() % 1000));
            }
        }
    }
    return d;
}

TEST(DriverDiagram, RandomDiagramsOfEverySizeAreSound) {
    std::mt19937 rng(11);
    for (int round = 0; round < 60; ++round) {
        const auto d = random_diagram(rng, 1 + round % 7, 1 + round % 5, round % 6, 4 + round % 30);
        expect_sound(draw(d), "round " + std::to_string(round));
        if (::testing::Test::HasFailure()) break;
    }
}

TEST(DriverDiagram, ADiagramTooBigForThePageLeavesOutItsLastIdeasAndSaysSo) {
    std::mt19937 rng(5);
    const auto d = random_diagram(rng, 10, 8, 8, 20);
    ASSERT_GT(core::count(d).change_ideas, 80u);
    const auto scene = draw(d);
    expect_sound(scene, "big");
    const auto dump = render::dump(scene);
    EXPECT_NE(dump.find("Not drawn for want of room: "), std::string::npos);
    EXPECT_NE(dump.find("(waymark driver show R lists them all)"), std::string::npos);
}

TEST(DriverDiagram, TheSameDiagramGivesTheSameScene) {
    std::mt19937 rng(3);
    const auto d = random_diagram(rng, 4, 3, 3, 10);
    EXPECT_EQ(render::dump(draw(d)), render::dump(draw(d)));
}

TEST(DriverDiagram, AsPdfOneA4PageWithItsTextAndAsSvgWellFormedWithRealText) {
    std::mt19937 rng(8);
    auto d = random_diagram(rng, 3, 2, 2, 8);
    d.primaries.front().text = "Legal work ready when decisions are made";
    const auto scene = draw(d);
    const std::string pdf = render::to_pdf(scene);
    const std::string info = waymark::test::run_on("pdfinfo", pdf);
    EXPECT_EQ(waymark::test::field_of(info, "Pages"), "1") << info;
    EXPECT_EQ(waymark::test::field_of(info, "Title"), "Driver diagram R, S1");
    EXPECT_EQ(waymark::test::field_of(info, "Page size"), "841.89 x 595.28 pts (A4)");
    const std::string text = waymark::test::run_on("sh -c 'pdftotext -enc UTF-8 \"$0\" -'", pdf);
    EXPECT_NE(text.find("Legal work ready"), std::string::npos) << text;  // wrapped in its box
    EXPECT_EQ(render::to_pdf(scene), pdf);
    const std::string svg = render::to_svg(scene);
    EXPECT_EQ(waymark::test::run_on("xmllint --noout", svg), "");
    EXPECT_NE(svg.find(">Change ideas and their tests of change<"), std::string::npos);
    EXPECT_NE(svg.find("aria-label=\"Primary driver 1: Legal work ready when decisions are made\""), std::string::npos);
}

}  // namespace
