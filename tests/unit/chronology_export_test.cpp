// The whole chronology for download (issue 13, item 10): the CSV in words and the command line's
// CSV from one writer (app/chronology_export.hpp), the A4 pages of the PDF
// (render/chronology_document.hpp), and the web routes that serve them, audited.
#include "app/chronology_export.hpp"
#include "app/event_words.hpp"
#include "render/cairo/cairo.hpp"
#include "render/chronology_document.hpp"
#include "support/web_fixture.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <regex>
#include <string>

namespace {

namespace app = waymark::app;
namespace core = waymark::core;
namespace render = waymark::render;

app::Chronology sample(const core::Vocabulary& v) {
    app::Chronology c;
    c.child.local_authority = "S12000049";
    c.child.child_id = "C1";
    c.as_of = core::Date::parse("2026-12-07");
    auto add = [&](const char* date, const char* type, const char* details, const char* agency, std::string note,
                   core::EventStatus status = core::EventStatus::occurred) {
        core::Event e;
        e.date = core::Date::parse(date);
        e.type = *v.find(type);
        e.details = details;
        e.agency = agency;
        e.note = std::move(note);
        e.status = status;
        c.entries.push_back({e, v.spec(e.type).label});
    };
    add("2026-09-01", "accommodated", "placement=foster;basis=s25", "social_work", "Placed, with her brother");
    add("2026-10-10", "lar", "kind=standard", "social_work", "=HYPERLINK(\"http://evil\")");
    add("2027-01-05", "lar", "kind=standard", "", "", core::EventStatus::planned);
    return c;
}

TEST(ChronologyCsv, EveryEventInWordsWithFormulasGuarded) {
    const auto set = app::default_standards();
    const auto c = sample(set.vocabulary);
    const std::string accommodated = set.vocabulary.spec(*set.vocabulary.find("accommodated")).label;
    const std::string lar = set.vocabulary.spec(*set.vocabulary.find("lar")).label;
    EXPECT_EQ(app::chronology_csv(c, set.vocabulary, app::ChronologyCsvStyle::words),
              "Date,Event,Status,Source,Details,Note\n"
              "1 September 2026," +
                  accommodated +
                  ",Occurred,Social work,Placement: Foster care. Basis: S25,\"Placed, with her brother\"\n"
                  "10 October 2026," +
                  lar +
                  ",Occurred,Social work,Kind of review: Standard review,\"'=HYPERLINK(\"\"http://evil\"\")\"\n"
                  "5 January 2027," +
                  lar + " (planned),Planned,,Kind of review: Standard review,\n");
}

TEST(ChronologyCsv, TheCommandLinesCodesAreKeptAsStored) {
    const auto set = app::default_standards();
    const auto csv = app::chronology_csv(sample(set.vocabulary), set.vocabulary, app::ChronologyCsvStyle::codes);
    EXPECT_TRUE(
        csv.starts_with("date,event,status,source,details,note,event_id\n"
                        "2026-09-01,accommodated,occurred,social_work,placement=foster;basis=s25,\"Placed, "
                        "with her brother\",\n"))
        << csv;
    EXPECT_NE(csv.find("\nstandard,title,basis,starts_on,due_on,status,stopped_on,days_late\n"), std::string::npos);
}

TEST(ChronologyCsv, DetailsInWords) {
    // The vocabulary's words, as the child's page shows them (app::details_words).
    const waymark::core::Vocabulary v;
    const auto& hearing = v.spec(*v.find("childrens_hearing"));
    EXPECT_EQ(app::details_words(hearing, ""), "");
    EXPECT_EQ(app::details_words(hearing, "kind=initial;outcome=cso_continued"),
              "Kind of hearing: First hearing. Outcome: Compulsory supervision order continued");
    EXPECT_EQ(app::code_in_words("social_work"), "Social work");
}

// --- The PDF's pages ---------------------------------------------------------------------------

render::ChronologyDocument long_document(std::size_t rows, std::size_t note_length) {
    render::ChronologyDocument doc;
    doc.heading = "Chronology of Isla Campbell (S12000049 C1)";
    doc.summary =
        "Case reference C1, council S12000049. Isla Campbell, born 3 March 2019. Stage: Away since 1 "
        "September 2026. As of 7 December 2026.";
    doc.made = "Made 7 December 2026";
    doc.created = "2026-12-07";
    for (std::size_t i = 0; i < rows; ++i) {
        doc.rows.push_back({"10 October 2026", "Looked after review", "Social work",
                            "Kind: standard. " + std::string(note_length, 'n')});
    }
    return doc;
}

std::size_t count_of(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

TEST(ChronologyPdf, ALongChronologyTakesManyA4PagesEachWithItsHeaderAndFooter) {
    const auto doc = long_document(300, 20);
    const auto pages = render::chronology_pages(doc, render::builtin_metrics());
    // One line a row, 13 points a row, about 55 rows a page after the first page's summary.
    ASSERT_GE(pages.size(), 5U);
    ASSERT_LE(pages.size(), 7U);
    std::size_t dates = 0;
    for (std::size_t i = 0; i < pages.size(); ++i) {
        const auto dump = render::dump(pages[i]);
        EXPECT_NEAR(pages[i].width, 595.28, 0.01);
        EXPECT_NEAR(pages[i].height, 841.89, 0.01);
        EXPECT_NE(dump.find(doc.heading), std::string::npos) << i;
        EXPECT_NE(dump.find("OFFICIAL-SENSITIVE"), std::string::npos) << i;
        EXPECT_NE(dump.find("Page " + std::to_string(i + 1) + " of " + std::to_string(pages.size())), std::string::npos)
            << i;
        EXPECT_NE(dump.find("Details and note"), std::string::npos) << "column headings on page " << i;
        dates += count_of(dump, "10 October 2026");
        for (const auto& g : pages[i].groups) {
            for (const auto& item : g.items) {
                if (const auto* t = std::get_if<render::Text>(&item)) {
                    EXPECT_TRUE((render::Rect{0, 0, pages[i].width, pages[i].height}.contains(t->bounds()))) << t->text;
                }
            }
        }
    }
    EXPECT_EQ(dates, 300U) << "every row, once";
    EXPECT_NE(render::dump(pages.front()).find("Case reference C1"), std::string::npos);

    // The PDF has as many pages (its page tree's /Count).
    const std::string pdf = render::to_pdf(pages);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(pdf, m, std::regex("/Type /Pages[^>]*/Count ([0-9]+)")));
    EXPECT_EQ(std::stoul(m[1]), pages.size());
}

TEST(ChronologyPdf, ANoteLongerThanAPageGoesOnOverTheNext) {
    const auto pages = render::chronology_pages(long_document(1, 30000), render::builtin_metrics());
    EXPECT_GE(pages.size(), 3U);
    std::string all;
    for (const auto& p : pages) all += render::dump(p);
    EXPECT_GT(count_of(all, "nnnnnnnnnn"), 3U * 50) << "the note's lines run over the pages";
}

TEST(ChronologyPdf, NoEventsIsOnePageSayingSo) {
    const auto pages = render::chronology_pages(long_document(0, 0), render::builtin_metrics());
    ASSERT_EQ(pages.size(), 1U);
    EXPECT_NE(render::dump(pages.front()).find("No events recorded."), std::string::npos);
}

// --- The routes ----------------------------------------------------------------------------------

using ChronologyDownload = waymark::test::WebTest;

TEST_F(ChronologyDownload, TheCsvIsEveryEventInWordsAndAnAuditedView) {
    const auto s = session_for(user_name(app::Role::social_worker));
    const auto before = audit_lines().size();
    const auto r = get("/children/S12000049/C1/chronology.csv", s.token);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.header("Content-Type"), "text/csv; charset=utf-8");
    EXPECT_EQ(r.header("Content-Disposition"), "attachment; filename=\"chronology-S12000049-C1.csv\"");
    EXPECT_TRUE(r.body.starts_with("Date,Event,Status,Source,Details,Note\n1 September 2026,")) << r.body;
    EXPECT_NE(r.body.find(",Occurred,Social work,Placement: Foster care,Placed <b>quickly</b>\n"), std::string::npos)
        << r.body;
    const auto lines = audit_lines();
    ASSERT_EQ(lines.size(), before + 1);
    EXPECT_NE(lines.back().find("view_chronology S12000049 C1"), std::string::npos) << lines.back();
}

TEST_F(ChronologyDownload, ThePdfIsAuditedAndLinkedFromTheChildPage) {
    const auto s = session_for(user_name(app::Role::social_worker));
    const auto before = audit_lines().size();
    const auto r = get("/children/S12000049/C1/chronology.pdf", s.token);
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.header("Content-Type"), "application/pdf");
    EXPECT_EQ(r.header("Content-Disposition"), "attachment; filename=\"chronology-S12000049-C1.pdf\"");
    EXPECT_TRUE(r.body.starts_with("%PDF-"));
    EXPECT_EQ(audit_lines().size(), before + 1);
    const auto page = get("/children/S12000049/C1", s.token);
    EXPECT_NE(page.body.find("href=\"/children/S12000049/C1/chronology.pdf\" download>Download the chronology (PDF)"),
              std::string::npos);
    EXPECT_NE(page.body.find("href=\"/children/S12000049/C1/chronology.csv\" download>Download the chronology (CSV)"),
              std::string::npos);
}

// A note longer than the cap, stored before there was one, still displays: whole in the
// chronology and the CSV, cut short on the picture; the page stays quick to make.
TEST_F(ChronologyDownload, ANoteLongerThanTheCapStoredBeforeItStillDisplays) {
    std::string note;
    while (note.size() < 30000) note += "She said she liked the new school. ";
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / "w.db").string().c_str(), &db), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "UPDATE events SET note = ?1 WHERE note LIKE 'Placed%'", -1, &st, nullptr),
              SQLITE_OK);
    sqlite3_bind_text(st, 1, note.c_str(), static_cast<int>(note.size()), SQLITE_TRANSIENT);
    ASSERT_EQ(sqlite3_step(st), SQLITE_DONE);
    EXPECT_EQ(sqlite3_changes(db), 1);
    sqlite3_finalize(st);
    sqlite3_close(db);
    const auto s = session_for(user_name(app::Role::social_worker));
    const auto page = get("/children/S12000049/C1", s.token);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find(note.substr(0, note.find_last_not_of(' ') + 1)), std::string::npos)
        << "the whole note in the chronology";
    EXPECT_NE(page.body.find("\u2026"), std::string::npos) << "cut short on the picture";
    const auto csv = get("/children/S12000049/C1/chronology.csv", s.token);
    EXPECT_NE(csv.body.find(note.substr(0, note.find_last_not_of(' ') + 1)), std::string::npos);
}

}  // namespace
