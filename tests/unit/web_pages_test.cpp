// The pages and the API through the handlers: security headers on every response, text
// escaped by construction (a hostile given name stays text), the child page's parts and its
// audit entries, assets with long caching, and errors without internals.
#include "support/web_fixture.hpp"
#include "web/routes/assets.hpp"
#include "web/routes/router.hpp"
#include "web/server/serve.hpp"
#include "web/views/html.hpp"

#include <boost/json.hpp>

#include <iostream>
#include <sstream>

namespace {

using waymark::app::Role;
using waymark::test::kHostile;

class Pages : public waymark::test::WebTest {};

void expect_security_headers(const waymark::web::Response& r, const std::string& what) {
    const auto csp = r.header("Content-Security-Policy");
    EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << what;
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << what;
    EXPECT_NE(csp.find("object-src 'none'"), std::string::npos) << what;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << what;
    EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff") << what;
    EXPECT_EQ(r.header("Referrer-Policy"), "no-referrer") << what;
    EXPECT_EQ(r.header("X-Frame-Options"), "DENY") << what;
    EXPECT_FALSE(r.header("Cache-Control").empty()) << what;
}

TEST_F(Pages, EveryResponseCarriesTheSecurityHeaders) {
    const auto s = session_for(user_name(Role::team_manager));
    const auto token = waymark::app::create_api_token(*store_, user_name(Role::team_manager), kNow);
    expect_security_headers(get("/sign-in"), "sign-in page");
    expect_security_headers(get("/children"), "redirect");
    expect_security_headers(get("/children", s.token), "children");
    expect_security_headers(get("/children/S12000049/C1", s.token), "child");
    expect_security_headers(get("/children/S12000033/C1", s.token), "404");
    expect_security_headers(get("/no/such/page"), "404");
    expect_security_headers(send({"DELETE", "/children", {}, {}, {}}), "405");
    expect_security_headers(send({"GET", "bad target", {}, {}, {}}), "400");
    expect_security_headers(api("/api/v1/children", token), "api");
    expect_security_headers(api("/api/v1/children", ""), "api 401");
    expect_security_headers(get("/assets/ds-4.2.0/css/design-system.min.css"), "asset");
    EXPECT_EQ(get("/children", s.token).header("Cache-Control"), "no-store");
}

TEST_F(Pages, NoPageHasInlineScriptOrStyle) {
    const auto s = session_for(user_name(Role::social_worker));
    for (const std::string target : {"/sign-in", "/children", "/children/S12000049/C1"}) {
        const auto body = (target == "/sign-in" ? get(target) : get(target, s.token)).body;
        EXPECT_EQ(body.find("<script>"), std::string::npos) << target;
        EXPECT_EQ(body.find("<style"), std::string::npos) << target;
        EXPECT_EQ(body.find(" style="), std::string::npos) << target;
        EXPECT_EQ(body.find(" onclick="), std::string::npos) << target;
    }
}

TEST_F(Pages, AHostileNameIsShownAsText) {
    const auto s = session_for(user_name(Role::social_worker));
    const auto r = get("/children/S12000049/C1", s.token);
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.body.find(kHostile), std::string::npos);
    EXPECT_NE(r.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    EXPECT_EQ(r.body.find("<b>quickly</b>"), std::string::npos);
    EXPECT_NE(r.body.find("Placed &lt;b&gt;quickly&lt;/b&gt;"), std::string::npos);
    // The same name inside the timeline's SVG is escaped by the SVG writer.
    EXPECT_EQ(r.body.find("<script"), std::string::npos);
}

// U+202E (right-to-left override) in UTF-8: it would reverse the page after it.
constexpr const char* kRlo = "\xE2\x80\xAE";

TEST_F(Pages, ABidiOverrideInANameOrNoteStaysInsideBdiAndNeverReachesTheTitle) {
    namespace app = waymark::app;
    write("bidi_children.csv", std::string("child_id,local_authority,given_name,family_name,date_of_birth\n") +
                                   "C5,S12000049,Anna" + kRlo + "gpj.exe,Bell,2019-03-03\n");
    write("bidi_events.csv", std::string("child_id,local_authority,date,event,details,agency,note\n") +
                                 "C5,S12000049,2026-09-01,accommodated,placement=foster,social_work,Seen " + kRlo +
                                 "today\n");
    app::ImportOptions o;
    o.children_path = (dir_ / "bidi_children.csv").string();
    o.events_path = (dir_ / "bidi_events.csv").string();
    o.today = waymark::core::Date::parse("2026-11-26");
    app::import_files(*store_, standards_.vocabulary, o);
    const std::vector<app::AllocationRequest> mine{{"S12000049", "C5", user_name(Role::social_worker), "", ""}};
    app::allocate(*store_, mine, {"fixture", "2026-11-26T08:00:00Z", "test"});
    const auto s = session_for(user_name(Role::social_worker));
    const auto child = get("/children/S12000049/C5", s.token);
    ASSERT_EQ(child.status, 200) << child.body;
    const std::string name = std::string("Anna") + kRlo + "gpj.exe Bell";
    EXPECT_NE(child.body.find("<h1 class=\"ds_page-header__title\"><bdi>" + name + "</bdi></h1>"), std::string::npos);
    EXPECT_NE(child.body.find("<title>Annagpj.exe Bell - Waymark</title>"), std::string::npos);
    const auto title_end = child.body.find("</title>");
    ASSERT_NE(title_end, std::string::npos);
    EXPECT_EQ(child.body.substr(0, title_end).find(kRlo), std::string::npos);
    EXPECT_NE(child.body.find(std::string("<bdi>Placement: Foster care. Seen ") + kRlo + "today</bdi>"),
              std::string::npos);
    // In one's own caseload, with the names.
    const auto list = get("/children", s.token);
    EXPECT_NE(list.body.find("<td data-title=\"Name\"><bdi>" + name + "</bdi></td>"), std::string::npos);
    // Every override in the page's HTML is inside a <bdi>: none is left open outside one. (The
    // timeline's SVG is drawn text: each label is its own <text>, which no override outlives.)
    for (const auto* body : {&child.body, &list.body}) {
        for (auto at = body->find(kRlo); at != std::string::npos; at = body->find(kRlo, at + 1)) {
            const auto svg = body->rfind("<svg", at);
            if (svg != std::string::npos && body->find("</svg>", svg) > at) continue;
            const auto open = body->rfind("<bdi>", at);
            const auto close = body->rfind("</bdi>", at);
            EXPECT_TRUE(open != std::string::npos && (close == std::string::npos || close < open))
                << "an override outside <bdi> at byte " << at;
        }
    }
}

TEST_F(Pages, TheChildrenListShowsCaseReferencesNotNames) {
    const auto s = session_for(user_name(Role::team_manager));
    const auto r = get("/children", s.token);
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("href=\"/children/S12000049/C1\""), std::string::npos);
    EXPECT_NE(r.body.find("href=\"/children/S12000049/C2\""), std::string::npos);
    EXPECT_EQ(r.body.find("Eilidh"), std::string::npos);
    EXPECT_EQ(r.body.find("alert"), std::string::npos);
    EXPECT_EQ(r.body.find("S12000033"), std::string::npos) << "nothing of another council";
    EXPECT_NE(r.body.find("2 children of Glasgow City"), std::string::npos) << "the council named, not coded";
}

TEST_F(Pages, TheChildPageHasTheSummaryTimelineChronologyAndClocksAndIsAudited) {
    const auto s = session_for(user_name(Role::reviewing_officer));
    const auto before = audit_count();
    const auto r = get("/children/S12000049/C2", s.token);
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("<title>Eilidh Ross - Waymark</title>"), std::string::npos);
    EXPECT_NE(r.body.find("ds_summary-list"), std::string::npos);
    EXPECT_NE(r.body.find("<svg", r.body.find("<main")), std::string::npos);
    EXPECT_EQ(r.body.find("<?xml"), std::string::npos) << "inline SVG has no XML declaration";
    EXPECT_NE(r.body.find("<main class=\"ds_layout ds_layout--category-list\""), std::string::npos)
        << "the page takes the full width, so the timeline is not shrunk to the reading column";
    EXPECT_NE(r.body.find("<h2>Chronology</h2>"), std::string::npos);
    EXPECT_NE(r.body.find("What needs doing</h2>"), std::string::npos);
    EXPECT_NE(r.body.find("<h2>Other clocks</h2>"), std::string::npos);
    EXPECT_NE(r.body.find("kinship"), std::string::npos);
    // One entry for the page (its chronology, clocks and inline timeline), written before the
    // page is returned, with who, what and from where.
    const auto lines = audit_lines();
    ASSERT_EQ(lines.size(), before + 1);
    EXPECT_EQ(lines[before], "reviewing_officer@S12000049 view_chronology S12000049 C2 web 192.0.2.1");
}

// What needs doing comes first: each overdue or due clock named, with its due date, the days
// late and a link to record the event that stops it, above the timeline and the chronology;
// the clocks met (and the others) folded in a details element below the chronology.
TEST_F(Pages, TheChildPagePutsOverdueAndDueClocksFirstAndFoldsTheRestBelow) {
    namespace app = waymark::app;
    // As of 2026-11-26: accommodated 2026-10-20, so the 2-week LAR is overdue (due 3 Nov, 23
    // days late), the 6-week first LAR due soon (1 Dec), and the 72-hour meeting met.
    write("todo_children.csv",
          "child_id,local_authority,given_name,family_name,date_of_birth\n"
          "C7,S12000049,Ruth,Moss,2018-05-05\n");
    write("todo_events.csv", std::string("child_id,local_authority,date,event,details,agency,note\n") +
                                 "C7,S12000049,2026-10-20,accommodated,placement=foster,social_work,\n"
                                 "C7,S12000049,2026-10-21,post_admission_meeting,,social_work,\n");
    app::ImportOptions o;
    o.children_path = (dir_ / "todo_children.csv").string();
    o.events_path = (dir_ / "todo_events.csv").string();
    o.today = waymark::core::Date::parse("2026-11-26");
    app::import_files(*store_, standards_.vocabulary, o);
    const std::vector<app::AllocationRequest> mine{{"S12000049", "C7", user_name(Role::social_worker), "", ""}};
    app::allocate(*store_, mine, {"fixture", "2026-11-26T08:00:00Z", "test"});
    const auto title = [&](std::string_view id) {
        for (const auto& st : standards_.standards) {
            if (st.id == id) return st.title;
        }
        return std::string("(no standard ") + std::string(id) + ")";
    };
    const auto s = session_for(user_name(Role::social_worker));
    const auto r = get("/children/S12000049/C7", s.token);
    ASSERT_EQ(r.status, 200) << r.body;
    const auto& b = r.body;
    const auto todo = b.find("<h2 id=\"to-do-title\">What needs doing</h2>");
    EXPECT_LT(todo, b.find("<h2>Summary</h2>")) << "first, above the summary";
    const auto timeline = b.find("<h2>Timeline</h2>");
    const auto chronology = b.find("<h2>Chronology</h2>");
    const auto others = b.find("<details class=\"ds_details wm-print-open\" id=\"other-clocks\">");
    ASSERT_NE(todo, std::string::npos);
    ASSERT_NE(others, std::string::npos);
    EXPECT_LT(todo, timeline);
    EXPECT_LT(timeline, chronology);
    EXPECT_LT(chronology, others);
    const std::string to_do = b.substr(todo, timeline - todo);

    // Overdue first, named, with the days late and a link to record the review.
    const auto overdue = to_do.find(">" + title("pace-lar-2w") + "</h3>");
    const auto due = to_do.find(">" + title("lar-first") + "</h3>");
    ASSERT_NE(overdue, std::string::npos) << to_do;
    ASSERT_NE(due, std::string::npos) << to_do;
    EXPECT_LT(overdue, due);
    EXPECT_NE(to_do.find("Was due 3 November 2026: 23 days late."), std::string::npos) << to_do;
    EXPECT_NE(to_do.find("Due 1 December 2026: in 5 days."), std::string::npos) << to_do;
    EXPECT_NE(to_do.find("href=\"/children/S12000049/C7/events/new?event=lar\""), std::string::npos) << to_do;
    // The met clock is not in the list, but folded below.
    EXPECT_EQ(to_do.find(title("pace-72h")), std::string::npos);
    const std::string folded = b.substr(others, b.find("</details>", others) - others);
    EXPECT_NE(folded.find(title("pace-72h")), std::string::npos);
    EXPECT_NE(folded.find("ds_tag--green\">met<"), std::string::npos);
    EXPECT_EQ(folded.find(title("pace-lar-2w")), std::string::npos) << "an overdue clock is not folded away";
    // Every clock says why it is due, naming the kind of its basis (DOMAIN.md section 5).
    EXPECT_NE(to_do.find("Why: statute or regulation: reg 45(2)(a), Looked After Children (Scotland) Regulations 2009"),
              std::string::npos)
        << to_do;
    EXPECT_NE(folded.find("<td data-title=\"Basis\">PACE test of change, CELCIS PACE brochure</td>"), std::string::npos)
        << folded;
    EXPECT_NE(folded.find("<td data-title=\"Basis\">guidance: PACE Aim 2, "), std::string::npos) << folded;
}

TEST_F(Pages, TheTimelineDownloadsAsAOnePagePdfAndIsAudited) {
    const auto s = session_for(user_name(Role::social_worker));
    const auto page = get("/children/S12000049/C2", s.token);
    EXPECT_NE(page.body.find("href=\"/children/S12000049/C2/timeline.pdf\" download"), std::string::npos);
    const auto before = audit_count();
    const auto r = get("/children/S12000049/C2/timeline.pdf", s.token);
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.header("Content-Type"), "application/pdf");
    EXPECT_EQ(r.header("Content-Disposition"), "attachment; filename=\"timeline-S12000049-C2.pdf\"");
    EXPECT_EQ(r.body.rfind("%PDF-", 0), 0u);
    EXPECT_NE(r.header("Content-Security-Policy"), "");
    const auto lines = audit_lines();
    ASSERT_EQ(lines.size(), before + 1);
    EXPECT_EQ(lines[before], "social_worker@S12000049 view_timeline S12000049 C2 web 192.0.2.1");
}

TEST_F(Pages, TheTimelineOpensFullSizeOnItsOwnPageAndIsAudited) {
    const auto s = session_for(user_name(Role::social_worker));
    const auto child = get("/children/S12000049/C2", s.token);
    EXPECT_NE(child.body.find("href=\"/children/S12000049/C2/timeline\">Open the timeline full size</a>"),
              std::string::npos);
    const auto before = audit_count();
    const auto r = get("/children/S12000049/C2/timeline", s.token);
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("<bdi>Timeline of C2</bdi></h1>"), std::string::npos);
    // Drawn at its own size, in points, not fitted to the screen, in a focusable labelled region.
    const auto region = r.body.find(
        "<figure class=\"wm-scroll wm-scroll--picture\" role=\"region\" tabindex=\"0\" "
        "aria-label=\"Timeline, full size\"><svg");
    ASSERT_NE(region, std::string::npos) << r.body;
    EXPECT_EQ(r.body.find("width=\"100%\"", region), std::string::npos);
    const auto lines = audit_lines();
    ASSERT_EQ(lines.size(), before + 1);
    EXPECT_EQ(lines[before], "social_worker@S12000049 view_timeline S12000049 C2 web 192.0.2.1");
    EXPECT_EQ(get("/children/S12000033/C2/timeline", s.token).status, 404) << "another council's child";
}

TEST_F(Pages, WaymarksStylesheetIsServedFromTheProgramAtAHashedAddress) {
    const auto page = get("/sign-in");
    const std::string path(waymark::web::app_stylesheet_path());
    EXPECT_TRUE(path.starts_with("/assets/wm-") && path.ends_with("/waymark.css")) << path;
    EXPECT_NE(page.body.find("<link rel=\"stylesheet\" href=\"" + path + "\">"), std::string::npos);
    const auto css = get(path);
    ASSERT_EQ(css.status, 200);
    EXPECT_EQ(css.header("Content-Type"), "text/css; charset=utf-8");
    EXPECT_EQ(css.header("Cache-Control"), "public, max-age=31536000, immutable");
    EXPECT_NE(css.body.find("@media print"), std::string::npos);
    EXPECT_NE(css.body.find(".wm-noprint"), std::string::npos);
    EXPECT_EQ(get("/assets/wm-0000000000000000/waymark.css").status, 404) << "another version";
}

TEST_F(Pages, TheHeaderHasAMenuForPhonesAndASearchForRolesThatSeeChildren) {
    const auto worker = get("/measures", session_for(user_name(Role::social_worker)).token).body;
    // The design system's no-script menu: a label for a checkbox, the mobile navigation after it.
    EXPECT_NE(worker.find("<label class=\"ds_site-header__control\" for=\"menu\">"), std::string::npos);
    const auto toggle = worker.find("<input class=\"ds_site-navigation__toggle\" id=\"menu\" type=\"checkbox\"");
    const auto menu =
        worker.find("<nav id=\"mobile-navigation\" class=\"ds_site-navigation ds_site-navigation--mobile\"");
    ASSERT_NE(toggle, std::string::npos);
    ASSERT_NE(menu, std::string::npos);
    EXPECT_LT(toggle, menu);
    const auto main = worker.find("aria-label=\"Main\"");
    ASSERT_NE(main, std::string::npos);
    // Both have every link, the search included.
    for (const auto* href : {"/children", "/this-week", "/dashboard", "/measures", "/tests-of-change",
                             "/account/password", "/account/sessions", "/search"}) {
        const std::string attr =
            std::string(href) == "/search" ? "action=\"/search\"" : "href=\"" + std::string(href) + "\"";
        std::size_t count = 0;
        for (auto at = worker.find(attr); at != std::string::npos; at = worker.find(attr, at + 1)) ++count;
        EXPECT_EQ(count, 2u) << href << ": in the menu and in the header";
        EXPECT_NE(worker.find(attr, menu), std::string::npos) << href;
    }
    EXPECT_NE(worker.find("for=\"site-search\">Search for a child</label>"), std::string::npos);
    EXPECT_NE(worker.find("type=\"search\" name=\"q\" id=\"site-search\""), std::string::npos);
    const auto advisor = get("/", session_for(user_name(Role::improvement_advisor)).token).body;
    EXPECT_NE(advisor.find("for=\"menu\""), std::string::npos);
    EXPECT_EQ(advisor.find("/search"), std::string::npos) << "aggregates only: nobody to search for";
    EXPECT_EQ(advisor.find("/this-week"), std::string::npos);
}

TEST_F(Pages, AssetsAreServedWithLongCachingAndNothingOutsideTheirFolder) {
    const auto css = get("/assets/ds-4.2.0/css/design-system.min.css");
    EXPECT_EQ(css.status, 200);
    EXPECT_EQ(css.header("Content-Type"), "text/css; charset=utf-8");
    EXPECT_NE(css.header("Cache-Control").find("max-age=31536000"), std::string::npos);
    EXPECT_EQ(get("/assets/ds-4.2.0/scripts/design-system.js").header("Content-Type"),
              "text/javascript; charset=utf-8");
    EXPECT_EQ(get("/assets/ds-0.0.1/css/design-system.min.css").status, 404) << "another version";
    EXPECT_EQ(get("/assets/ds-4.2.0/../../package.json").status, 404);
    EXPECT_EQ(get("/assets/ds-4.2.0/%2e%2e/%2e%2e/package.json").status, 404);
    EXPECT_EQ(get("/assets/ds-4.2.0/css/nothing.css").status, 404);
}

// Issue 11: HSTS covers the subdomains too, so that a sibling host cannot be used to strip TLS or
// plant cookies; only under TLS (behind a proxy, the proxy sends it).
TEST_F(Pages, UnderTlsEveryResponseAsksForHttpsOnSubdomainsToo) {
    EXPECT_EQ(get("/sign-in").header("Strict-Transport-Security"), "");
    tls_ = true;
    for (const auto& target : {"/sign-in", "/no/such/page", "/assets/ds-4.2.0/css/design-system.min.css"}) {
        EXPECT_EQ(get(target).header("Strict-Transport-Security"), "max-age=31536000; includeSubDomains") << target;
    }
}

// Issue 11: a segment starting with '/' once replaced the assets folder, so any readable file of
// an allowed type on the host was served without signing in. Assets come only from the list made
// at start-up; empty segments, dot segments and encoded slashes are refused.
TEST_F(Pages, AssetsComeOnlyFromTheFilesListedAtStartUp) {
    const std::string secret = (dir_ / "secret.json").string();
    write("secret.json", "{\"child\": \"C1\"}");
    std::string encoded;
    for (const char c : secret) encoded += c == '/' ? std::string("%2F") : std::string(1, c);
    for (const std::string& target : std::vector<std::string>{
             "/assets/ds-4.2.0/" + secret,                    // "//tmp/.../secret.json"
             "/assets/ds-4.2.0//" + secret,                   // "///tmp/..."
             "/assets/ds-4.2.0/" + encoded,                   // "%2Ftmp%2F..."
             "/assets/ds-4.2.0/css%2Fdesign-system.min.css",  // an encoded slash
             "/assets/ds-4.2.0/css//design-system.min.css",   // an empty segment
             "/assets/ds-4.2.0/./css/design-system.min.css",  // a dot segment
             "/assets/ds-4.2.0/css/./design-system.min.css", "/assets/ds-4.2.0/css/../css/design-system.min.css",
             "/assets/ds-4.2.0/css/%2e%2e/css/design-system.min.css", "/assets/ds-4.2.0/%2e/css/design-system.min.css",
             "/assets/ds-4.2.0/css/design-system.min.css/", "/assets/ds-4.2.0" + secret,
             "/assets//ds-4.2.0/css/design-system.min.css"}) {
        const auto r = get(target);
        EXPECT_EQ(r.status, 404) << target;
        EXPECT_EQ(r.body.find("C1"), std::string::npos) << target;
    }
    const auto css = get("/assets/ds-4.2.0/css/design-system.min.css");
    EXPECT_EQ(css.status, 200);
    EXPECT_EQ(css.header("Content-Type"), "text/css; charset=utf-8");
    EXPECT_EQ(css.header("Cache-Control"), "public, max-age=31536000, immutable");
    EXPECT_GT(css.body.size(), 1000U);
    const auto head = send({"HEAD", "/assets/ds-4.2.0/css/design-system.min.css", {}, {}, {}});
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.header("Content-Type"), "text/css; charset=utf-8");
}

// Issue 11: a 500's log line once carried the exception's text, which may quote a row (a child's
// id and name). The log says an error reference, its kind and the route's pattern; the page
// gives the same reference for the service desk.
TEST_F(Pages, AFaultIsLoggedWithoutTheChildItNamed) {
    const auto s = session_for(user_name(Role::social_worker));
    sqlite3* db = nullptr;
    sqlite3_open((dir_ / "w.db").string().c_str(), &db);
    ASSERT_EQ(sqlite3_exec(db,
                           "CREATE TRIGGER no_audit BEFORE INSERT ON audit BEGIN "
                           "SELECT RAISE(ABORT, 'cannot audit C2 Eilidh Ross born 2021-06-01'); END",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
    std::ostringstream log;
    auto* const was = std::cerr.rdbuf(log.rdbuf());
    const auto r = get("/children/S12000049/C2", s.token);
    const auto token = waymark::app::create_api_token(*store_, user_name(Role::social_worker), kNow);
    const auto j = api("/api/v1/children/S12000049/C2", token);
    std::cerr.rdbuf(was);
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(j.status, 500);
    const std::string text = log.str();
    for (const char* secret : {"C2", "Eilidh", "Ross", "2021-06-01"}) {
        EXPECT_EQ(text.find(secret), std::string::npos) << secret << " in the log: " << text;
        EXPECT_EQ(r.body.find(secret), std::string::npos) << secret << " on the page";
        EXPECT_EQ(j.body.find(secret), std::string::npos) << secret << " in the API's answer";
    }
    EXPECT_NE(text.find("/children/{council}/{child_id} (storage)"), std::string::npos) << text;
    // The reference on the page is the one in the log.
    const auto at = text.find("error ");
    ASSERT_NE(at, std::string::npos) << text;
    const std::string reference = text.substr(at + 6, text.find(' ', at + 6) - at - 6);
    EXPECT_EQ(reference.size(), 8U) << text;
    EXPECT_NE(r.body.find(reference), std::string::npos) << r.body;
}

TEST_F(Pages, ErrorsShowNoInternals) {
    const auto s = session_for(user_name(Role::social_worker));
    // A database that cannot be read: the page says sorry, not SQL.
    sqlite3* db = nullptr;
    sqlite3_open((dir_ / "w.db").string().c_str(), &db);
    sqlite3_exec(db, "DROP VIEW chronology; ALTER TABLE events RENAME TO events_gone", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    const auto r = get("/children", s.token);
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(r.body.find("events"), std::string::npos) << r.body;
    EXPECT_EQ(r.body.find("SQL"), std::string::npos);
    EXPECT_EQ(r.body.find("sqlite"), std::string::npos);
    const auto token = waymark::app::create_api_token(*store_, user_name(Role::social_worker), kNow);
    const auto j = api("/api/v1/children", token);
    EXPECT_EQ(j.status, 500);
    EXPECT_EQ(j.body.find("events"), std::string::npos) << j.body;
}

TEST_F(Pages, UnknownMethodsAndPaths) {
    const auto r = send({"DELETE", "/children", {}, {}, {}});
    EXPECT_EQ(r.status, 405);
    EXPECT_EQ(r.header("Allow"), "GET");
    EXPECT_EQ(get("/nothing-here").status, 404);
    EXPECT_EQ(get("/api/v1/nothing").header("Content-Type"), "application/json");
    const auto head = send({"HEAD", "/sign-in", {}, {}, {}});
    EXPECT_EQ(head.status, 200);
    EXPECT_TRUE(head.body.empty());
}

class Api : public waymark::test::WebTest {};

TEST_F(Api, WithoutAValidTokenIs401AsJson) {
    for (const std::string token : {"", "not-a-token"}) {
        const auto r = api("/api/v1/children", token);
        EXPECT_EQ(r.status, 401);
        EXPECT_EQ(r.header("Content-Type"), "application/json");
        EXPECT_FALSE(r.header("WWW-Authenticate").empty());
        const auto body = boost::json::parse(r.body).as_object();
        EXPECT_TRUE(body.at("error").is_string());
        EXPECT_TRUE(body.at("field").is_null());
    }
    const auto s = session_for(user_name(Role::social_worker));
    EXPECT_EQ(get("/api/v1/children", s.token).status, 401) << "a session cookie is not a token";
}

TEST_F(Api, TheChildrenOfTheTokensCouncil) {
    const auto token = waymark::app::create_api_token(*store_, user_name(Role::team_manager), kNow);
    const auto r = api("/api/v1/children", token);
    ASSERT_EQ(r.status, 200) << r.body;
    const auto body = boost::json::parse(r.body).as_object();
    EXPECT_EQ(body.at("local_authority").as_string(), "S12000049");
    EXPECT_EQ(body.at("as_of").as_string(), "2026-11-26");
    const auto& children = body.at("children").as_array();
    ASSERT_EQ(children.size(), 2U);
    EXPECT_EQ(children[0].at("child_id").as_string(), "C1");
    EXPECT_FALSE(children[0].as_object().contains("given_name")) << "no names in lists";
    EXPECT_TRUE(children[0].at("stage").is_string());
}

TEST_F(Api, OneChildWithItsStageEventsAndClocksIsAudited) {
    const auto token = waymark::app::create_api_token(*store_, user_name(Role::legal), kNow);
    const auto before = audit_count();
    const auto r = api("/api/v1/children/S12000049/C1", token);
    ASSERT_EQ(r.status, 200) << r.body;
    const auto body = boost::json::parse(r.body).as_object();
    EXPECT_EQ(body.at("given_name").as_string(), kHostile) << "JSON carries the name as it is";
    EXPECT_TRUE(body.at("stage").is_string());
    EXPECT_EQ(body.at("events").as_array().size(), 1U);
    EXPECT_TRUE(body.at("clocks").is_array());
    ASSERT_EQ(audit_count(), before + 1);
    EXPECT_EQ(audit_lines().back(), "legal@S12000049 view_chronology S12000049 C1 api 192.0.2.1");
    const auto missing = api("/api/v1/children/S12000033/C1", token);
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(boost::json::parse(missing.body).at("field").as_string(), "child_id");
}

// DATA.md children.csv sibling_group: the child's page names the group and links the brothers
// and sisters in it whom the user may see (C3, restricted and worker_b's, is not linked for the
// social worker); the API gives the group.
TEST_F(Pages, TheSiblingGroupLinksTheSiblingsTheUserMaySee) {
    namespace app = waymark::app;
    write("siblings.csv",
          "child_id,local_authority,date_of_birth,sibling_group\n"
          "C1,S12000049,2019-03-03,G-7\n"
          "C2,S12000049,2021-06-01,G-7\n"
          "C3,S12000049,2020-05-05,G-7\n"
          "C1,S12000033,2018-02-02,G-7\n");
    app::ImportOptions o;
    o.children_path = (dir_ / "siblings.csv").string();
    o.today = waymark::core::Date::parse("2026-11-26");
    app::import_files(*store_, standards_.vocabulary, o);

    const auto s = session_for(user_name(Role::social_worker));
    const auto c1 = get("/children/S12000049/C1", s.token);
    ASSERT_EQ(c1.status, 200) << c1.body;
    EXPECT_NE(c1.body.find("<span class=\"ds_summary-list__key\">Sibling group</span><span "
                           "class=\"ds_summary-list__value\"><span class=\"ds_summary-list__answer\">G-7: <a "
                           "class=\"ds_link\" href=\"/children/S12000049/C2\">C2</a></span>"),
              std::string::npos)
        << c1.body;
    EXPECT_EQ(c1.body.find("/children/S12000049/C3"), std::string::npos) << "C3 is not the social worker's to see";
    EXPECT_EQ(c1.body.find("/children/S12000033/"), std::string::npos) << "another council's child is never linked";
    // A child with no group has no such line.
    const auto c4_session = session_for(user_name(Role::team_manager));
    const auto c2 = get("/children/S12000049/C2", s.token);
    ASSERT_EQ(c2.status, 200);
    EXPECT_NE(c2.body.find("href=\"/children/S12000049/C1\">C1</a>"), std::string::npos);
    const auto c4 = get("/children/S12000049/C4", c4_session.token);
    ASSERT_EQ(c4.status, 200) << c4.body;
    EXPECT_EQ(c4.body.find("Sibling group"), std::string::npos);

    const auto token = app::create_api_token(*store_, user_name(Role::legal), kNow);
    const auto api_c1 = boost::json::parse(api("/api/v1/children/S12000049/C1", token).body).as_object();
    EXPECT_EQ(api_c1.at("sibling_group").as_string(), "G-7");
}

TEST(ClientAddress, OnlyTheTrustedProxysForwardedForIsBelieved) {
    using waymark::web::client_address;
    EXPECT_EQ(client_address("10.0.0.1", "", "10.0.0.1"), "10.0.0.1");
    EXPECT_EQ(client_address("10.0.0.1", "192.0.2.7", "10.0.0.1"), "192.0.2.7");
    // The client wrote the first; the proxy appended the last.
    EXPECT_EQ(client_address("10.0.0.1", "6.6.6.6, 192.0.2.7", "10.0.0.1"), "192.0.2.7");
    EXPECT_EQ(client_address("192.0.2.9", "6.6.6.6", "10.0.0.1"), "192.0.2.9") << "not from the proxy";
    EXPECT_EQ(client_address("192.0.2.9", "6.6.6.6", ""), "192.0.2.9") << "no proxy trusted";
}

TEST(Html, TextIsEscapedAndLiteralsAreMarkup) {
    using waymark::web::Html;
    Html h{"<p class=\"x\">"};
    h += waymark::web::text("<a href='x'>&\"");
    h += "</p>";
    EXPECT_EQ(h.str(), "<p class=\"x\">&lt;a href=&#39;x&#39;&gt;&amp;&quot;</p>");
    EXPECT_EQ(waymark::web::path_segment("C 1/é"), "C%201%2F%C3%A9");
}

// A case reference may hold '/' (DATA.md): its link encodes it as %2F within one segment, and
// the router must split the path before decoding, or the child is out of reach.
TEST(Router, SegmentsAreDecodedAfterTheSplit) {
    waymark::web::Router r;
    r.add("GET", "/children/{council}/{child_id}", nullptr);
    r.add("GET", "/assets/{path...}", nullptr);
    auto m = r.match("GET", "/children/S1/2019%2F044");
    ASSERT_NE(m.route, nullptr);
    EXPECT_EQ(m.params, (waymark::web::Params{{"council", "S1"}, {"child_id", "2019/044"}}));
    m = r.match("GET", "/children/S%31/A%20B");
    ASSERT_NE(m.route, nullptr);
    EXPECT_EQ(m.params, (waymark::web::Params{{"council", "S1"}, {"child_id", "A B"}}));
    EXPECT_EQ(r.match("GET", "/children/S1/A%00B").route, nullptr) << "no NUL in a parameter";
    EXPECT_EQ(r.match("GET", "/children/S1/A%2").route, nullptr) << "a broken escape matches nothing";
    m = r.match("GET", "/assets/css/a%20b.css");
    ASSERT_NE(m.route, nullptr);
    EXPECT_EQ(m.params, (waymark::web::Params{{"path", "css/a b.css"}}));
}

TEST(Request, PathIsTheEncodedPath) {
    const waymark::web::Request r{"GET", "/children/S1/2019%2F044?x=1", {}, {}, {}};
    EXPECT_EQ(r.path(), std::optional<std::string>("/children/S1/2019%2F044"));
}

TEST(Router, PatternsParamsAndMethods) {
    waymark::web::Router r;
    r.add("GET", "/children/{council}/{child_id}", nullptr);
    r.add("POST", "/children/{council}/{child_id}", nullptr);
    r.add("GET", "/assets/{path...}", nullptr);
    auto m = r.match("GET", "/children/S1/C9");
    ASSERT_NE(m.route, nullptr);
    EXPECT_EQ(m.params, (waymark::web::Params{{"council", "S1"}, {"child_id", "C9"}}));
    EXPECT_EQ(r.match("GET", "/children/S1").route, nullptr);
    EXPECT_EQ(r.match("GET", "/children/S1/C9/x").route, nullptr);
    EXPECT_EQ(r.match("GET", "/children//C9").route, nullptr);
    m = r.match("PUT", "/children/S1/C9");
    EXPECT_EQ(m.route, nullptr);
    EXPECT_EQ(m.allowed, (std::vector<std::string>{"GET", "POST"}));
    m = r.match("GET", "/assets/a/b/c.css");
    ASSERT_NE(m.route, nullptr);
    EXPECT_EQ(m.params.front().second, "a/b/c.css");
}

TEST(Request, FormsCookiesAndPaths) {
    waymark::web::Request r{
        "POST", "/a%20b?x=1", {{"cookie", "a=1; waymark_session=tok; b=2"}}, "name=Ann+Smith&pw=%3D%26x&bad=%zz", {}};
    EXPECT_EQ(r.path(), "/a%20b") << "decoded by the router, segment by segment";
    EXPECT_EQ(r.cookie("waymark_session"), "tok");
    EXPECT_FALSE(r.cookie("missing"));
    const auto form = r.form();
    EXPECT_EQ(waymark::web::find_field(form, "name"), "Ann Smith");
    EXPECT_EQ(waymark::web::find_field(form, "pw"), "=&x");
    EXPECT_FALSE(waymark::web::find_field(form, "bad"));
    r.target = "no-slash";
    EXPECT_FALSE(r.path());
}

}  // namespace

TEST_F(Api, MeasuresAreAggregatesForEveryRoleWithSmallCountsSuppressed) {
    // An improvement advisor never sees a named child, but does see measures.
    const auto token = waymark::app::create_api_token(*store_, user_name(Role::improvement_advisor), kNow);
    const auto list = api("/api/v1/measures", token);
    ASSERT_EQ(list.status, 200) << list.body;
    const auto parsed = boost::json::parse(list.body);
    const auto& measures = parsed.as_array();
    EXPECT_GE(measures.size(), 15U);
    EXPECT_EQ(measures[0].at("id").as_string(), "first-lar-on-time");

    const auto r = api("/api/v1/measures/in-drift?from=2026-01-01&to=2026-10-31&period=quarter", token);
    ASSERT_EQ(r.status, 200) << r.body;
    const auto body = boost::json::parse(r.body).as_object();
    EXPECT_EQ(body.at("group").as_string(), "S12000049");
    EXPECT_EQ(body.at("suppressed_below").as_int64(), 5);
    const auto& points = body.at("series").as_array().at(0).at("points").as_array();
    ASSERT_EQ(points.size(), 4U);
    EXPECT_EQ(points[0].at("period").as_string(), "2026-Q1");
    // Two children in the fixture's council: any count they give is under 5.
    for (const auto& p : points) {
        const auto& d = p.at("denominator");
        EXPECT_TRUE((d.is_int64() && d.as_int64() == 0) || (d.is_string() && d.as_string() == "[c]")) << p;
        EXPECT_TRUE(p.at("value").is_null() || p.at("numerator").as_int64() == 0) << p;
    }
    const auto unknown = api("/api/v1/measures/no-such-measure", token);
    EXPECT_EQ(unknown.status, 404);
    const auto bad = api("/api/v1/measures/in-drift?from=yesterday", token);
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(boost::json::parse(bad.body).at("field").as_string(), "from");
    EXPECT_EQ(api("/api/v1/measures", "not-a-token").status, 401);
}

namespace {

// ASVS V13.1.5: a form is read only as a form (and a multipart upload at /import); any other
// body type is refused with 415, as a page, before anything is done.
TEST_F(Pages, AFormSentAsAnotherTypeIs415) {
    const auto s = session_for(user_name(Role::social_worker));
    for (const std::string type : {"application/json", "text/plain", "", "multipart/form-data; boundary=x"}) {
        waymark::web::Request r{"POST", "/sign-out", {{"cookie", "waymark_session=" + s.token}}, "csrf=" + s.csrf, {}};
        if (!type.empty()) r.headers.emplace_back("content-type", type);
        const auto answer = send(r);
        EXPECT_EQ(answer.status, 415) << type;
        EXPECT_EQ(answer.header("Content-Type"), "text/html; charset=utf-8") << type;
    }
    EXPECT_EQ(get("/children", s.token).status, 200) << "still signed in";
    waymark::web::Request form{"POST",
                               "/sign-out",
                               {{"cookie", "waymark_session=" + s.token},
                                {"content-type", "Application/X-WWW-Form-Urlencoded; charset=UTF-8"}},
                               "csrf=" + s.csrf,
                               {}};
    EXPECT_EQ(send(form).status, 303);
}

// ASVS V14.4.1: every response has a type with a charset, a redirect's included.
TEST_F(Pages, ARedirectHasATypeWithACharset) {
    const auto r = get("/");
    ASSERT_EQ(r.status, 303);
    EXPECT_EQ(r.header("Content-Type"), "text/plain; charset=utf-8");
}

// The access log's user: the session's user's id number, never their name.
TEST_F(Pages, TheAnswerNamesItsUserByNumberForTheLog) {
    const auto s = session_for(user_name(Role::social_worker));
    const auto user = store_->find_user(user_name(Role::social_worker));
    ASSERT_TRUE(user);
    EXPECT_EQ(get("/children", s.token).user, user->id);
    EXPECT_EQ(get("/sign-in").user, 0);
}

}  // namespace

namespace {

// ASVS V7.1.4: when, from where, who (by number), what and the outcome; no path, no name.
TEST(AccessLog, ALineSaysWhenWhereWhoWhatAndTheOutcome) {
    using waymark::web::access_line;
    EXPECT_EQ(access_line({1796657487, "192.0.2.1", 12, "GET", "/children/{council}/{child_id}", 200, 1234}),
              "2026-12-07T15:31:27Z 192.0.2.1 user=12 GET /children/{council}/{child_id} 200 1.2ms\n");
    EXPECT_EQ(access_line({1796657487, "2001:db8::1", 0, "-", "(refused by the server)", 431, std::nullopt}),
              "2026-12-07T15:31:27Z 2001:db8::1 user=- - (refused by the server) 431 -\n");
}

}  // namespace
