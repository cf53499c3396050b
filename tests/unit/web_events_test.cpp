// Recording, planning, correcting and cancelling events on the web (web/routes/events.cpp),
// without sockets: a review recorded turns its clock met on the child's page, errors come back
// with everything typed, every change needs the session's CSRF token, and each is audited.
#include "app/event_checks.hpp"
#include "support/web_fixture.hpp"

#include <sqlite3.h>

namespace {

using waymark::app::Role;

std::string enc(std::string_view s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
            c == '.') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

class WebEvents : public waymark::test::WebTest {
protected:
    // A form body from name/value pairs, with the session's CSRF token first.
    static std::string body(const Session& s, std::initializer_list<std::pair<std::string, std::string>> fields) {
        std::string b = "csrf=" + enc(s.csrf);
        for (const auto& [k, v] : fields) b += "&" + enc(k) + "=" + enc(v);
        return b;
    }
    waymark::web::Response post_as(const Session& s, const std::string& target, const std::string& form) {
        return post(target, form, "waymark_session=" + s.token);
    }
    // The stored key of C1's first event of a type (the chronology's Correct/Cancel links use it).
    std::int64_t key_of(std::string_view type, const std::string& child = "C1") {
        std::int64_t key = 0;
        store_->for_each_journey({waymark::test::kOwn, child, true, {}},
                                 [&](const waymark::core::ChildRecord&, std::span<const waymark::core::Event> es) {
                                     for (const auto& e : es) {
                                         if (key == 0 && standards_.vocabulary.name(e.type) == type) key = e.seq;
                                     }
                                 });
        return key;
    }
    // The status tag of a standard's clock: in "What needs doing" (overdue, due soon) or in the
    // other clocks' table.
    static std::string clock_status(const std::string& page, const std::string& standard_title) {
        auto row = page.find("<h3 class=\"waymark-to-do__title\">" + standard_title + "</h3>");
        if (row == std::string::npos) row = page.find("<td data-title=\"Standard\">" + standard_title + "</td>");
        if (row == std::string::npos) return "(no row)";
        const auto tag = page.find("ds_tag", row);
        const auto open = page.find('>', tag);
        return page.substr(open + 1, page.find('<', open) - open - 1);
    }
    std::size_t count(const char* sql) {
        sqlite3* db = nullptr;
        sqlite3_open((dir_ / "w.db").string().c_str(), &db);
        sqlite3_stmt* s = nullptr;
        sqlite3_prepare_v2(db, sql, -1, &s, nullptr);
        std::size_t n = 0;
        if (sqlite3_step(s) == SQLITE_ROW) n = static_cast<std::size_t>(sqlite3_column_int64(s, 0));
        sqlite3_finalize(s);
        sqlite3_close(db);
        return n;
    }
    static constexpr const char* kLarFirst = "First looked after review within 6 weeks of a placement away from home";
};

TEST_F(WebEvents, RecordAReviewAndSeeItsClockTurnMet) {
    const auto s = session_for(user_name(Role::social_worker));
    const auto before = get("/children/S12000049/C1", s.token);
    ASSERT_EQ(before.status, 200);
    EXPECT_NE(before.body.find("href=\"/children/S12000049/C1/events/new\">Record an event"), std::string::npos);
    EXPECT_NE(before.body.find("href=\"/children/S12000049/C1/events/new?status=planned\">Plan an event"),
              std::string::npos);
    EXPECT_EQ(clock_status(before.body, kLarFirst), "overdue");

    // Step one chooses the type; step two shows that type's details.
    const auto choose = get("/children/S12000049/C1/events/new", s.token);
    ASSERT_EQ(choose.status, 200);
    EXPECT_NE(choose.body.find("<option value=\"lar\">Looked after review</option>"), std::string::npos);
    const auto form = get("/children/S12000049/C1/events/new?event=lar", s.token);
    ASSERT_EQ(form.status, 200);
    EXPECT_NE(form.body.find("id=\"date-day\""), std::string::npos);
    EXPECT_NE(form.body.find("id=\"attr-kind\""), std::string::npos);
    EXPECT_NE(form.body.find("<option value=\"permanence\">Permanence review</option>"), std::string::npos);

    const auto audit_before = audit_count();
    const auto r = post_as(s, "/children/S12000049/C1/events",
                           body(s, {{"event", "lar"},
                                    {"status", "occurred"},
                                    {"date-day", "10"},
                                    {"date-month", "10"},
                                    {"date-year", "2026"},
                                    {"attr-kind", "standard"},
                                    {"agency", "social_work"},
                                    {"note", "Chaired by the IRO"}}));
    ASSERT_EQ(r.status, 303) << r.body;
    const std::string location(r.header("Location"));
    EXPECT_TRUE(location.starts_with("/children/S12000049/C1?changed=")) << location;
    EXPECT_NE(location.find("&done=recorded"), std::string::npos);
    const auto lines = audit_lines();
    ASSERT_EQ(lines.size(), audit_before + 1);
    EXPECT_EQ(lines.back(), "social_worker@S12000049 record_event S12000049 C1 web 192.0.2.1");

    const auto after = get(location.substr(0, location.find('#')), s.token);
    ASSERT_EQ(after.status, 200);
    EXPECT_NE(after.body.find("ds_notification"), std::string::npos);
    EXPECT_NE(after.body.find("Looked after review recorded."), std::string::npos);
    EXPECT_NE(after.body.find("Chaired by the IRO"), std::string::npos);
    EXPECT_EQ(clock_status(after.body, kLarFirst), "met");
}

TEST_F(WebEvents, PlanAReview) {
    const auto s = session_for(user_name(Role::reviewing_officer));
    const auto form = get("/children/S12000049/C1/events/new?status=planned&event=lar", s.token);
    ASSERT_EQ(form.status, 200);
    EXPECT_NE(form.body.find("<title>Plan an event - Waymark</title>"), std::string::npos);
    EXPECT_NE(form.body.find("name=\"status\" value=\"planned\""), std::string::npos);
    const auto r = post_as(
        s, "/children/S12000049/C1/events",
        body(
            s,
            {{"event", "lar"}, {"status", "planned"}, {"date-day", "15"}, {"date-month", "1"}, {"date-year", "2027"}}));
    ASSERT_EQ(r.status, 303) << r.body;
    EXPECT_NE(r.header("Location").find("&done=planned"), std::string::npos);
    const auto page = get(std::string(r.header("Location").substr(0, r.header("Location").find('#'))), s.token);
    EXPECT_NE(page.body.find("Looked after review planned."), std::string::npos);
    EXPECT_NE(page.body.find("15 January 2027"), std::string::npos) << "the planned date in the chronology";
    EXPECT_NE(page.body.find("Looked after review <strong class=\"ds_tag ds_tag--grey\">Planned</strong>"),
              std::string::npos);
}

TEST_F(WebEvents, ErrorsComeBackWithEverythingTyped) {
    const auto s = session_for(user_name(Role::social_worker));
    const auto audit_before = audit_count();
    const auto r = post_as(s, "/children/S12000049/C1/events",
                           body(s, {{"event", "lar"},
                                    {"status", "occurred"},
                                    {"date-day", "31"},
                                    {"date-month", "2"},
                                    {"date-year", "2026"},
                                    {"attr-kind", "weekly"},
                                    {"agency", "the_council"},
                                    {"note", "Kept <b>as typed</b>"}}));
    EXPECT_EQ(r.status, 422);
    EXPECT_NE(r.body.find("<title>Error: Record an event - Waymark</title>"), std::string::npos);
    EXPECT_NE(r.body.find("<h1 class=\"ds_page-header__title\"><bdi>Record an event</bdi></h1>"), std::string::npos);
    EXPECT_NE(r.body.find("ds_error-summary"), std::string::npos);
    // Every problem at once, each linked to its field and shown at it.
    EXPECT_NE(r.body.find("<a href=\"#date-day\">There is no such date as 31 2 2026. Check the day and the month</a>"),
              std::string::npos);
    EXPECT_NE(r.body.find("<a href=\"#attr-kind\">"), std::string::npos);
    EXPECT_NE(r.body.find("<a href=\"#agency\">"), std::string::npos);
    EXPECT_NE(r.body.find("id=\"agency-error\""), std::string::npos);
    EXPECT_NE(r.body.find("aria-invalid=\"true\""), std::string::npos);
    // What was typed is all still there.
    EXPECT_NE(r.body.find("name=\"date-day\" value=\"31\""), std::string::npos);
    EXPECT_NE(r.body.find("name=\"date-month\" value=\"2\""), std::string::npos);
    EXPECT_NE(r.body.find("name=\"date-year\" value=\"2026\""), std::string::npos);
    EXPECT_NE(r.body.find(">Kept &lt;b&gt;as typed&lt;/b&gt;</textarea>"), std::string::npos);
    EXPECT_EQ(r.body.find("<b>as typed"), std::string::npos);
    // Nothing was written.
    EXPECT_EQ(audit_count(), audit_before);
    EXPECT_EQ(count("SELECT count(*) FROM event_changes"), 0U);

    // A date after today for an event that has occurred: what to do, at the date.
    const auto later = post_as(s, "/children/S12000049/C1/events",
                               body(s, {{"event", "lar"},
                                        {"status", "occurred"},
                                        {"date-day", "1"},
                                        {"date-month", "12"},
                                        {"date-year", "2026"}}));
    EXPECT_EQ(later.status, 422);
    EXPECT_NE(later.body.find("<a href=\"#date-day\">The date must be today or earlier. If the looked after review "
                              "has not happened yet, choose &#39;Plan an event&#39;</a>"),
              std::string::npos);
    // A missing date is asked for in words.
    const auto missing =
        post_as(s, "/children/S12000049/C1/events", body(s, {{"event", "lar"}, {"status", "occurred"}}));
    EXPECT_EQ(missing.status, 422);
    EXPECT_NE(missing.body.find("<a href=\"#date-day\">Enter the date</a>"), std::string::npos);
}

TEST_F(WebEvents, EveryChangeNeedsTheSessionsCsrfToken) {
    const auto s = session_for(user_name(Role::social_worker));
    const auto key = std::to_string(key_of("accommodated"));
    const std::string fields = "&event=lar&status=occurred&date-day=10&date-month=10&date-year=2026&reason=x";
    for (const std::string& target :
         {std::string("/children/S12000049/C1/events"), "/children/S12000049/C1/events/" + key + "/correct",
          "/children/S12000049/C1/events/" + key + "/cancel"}) {
        EXPECT_EQ(post_as(s, target, "csrf=wrong" + fields).status, 403) << target;
        EXPECT_EQ(post_as(s, target, fields.substr(1)).status, 403) << target;
    }
    EXPECT_EQ(count("SELECT count(*) FROM event_changes"), 0U);
    EXPECT_EQ(count("SELECT count(*) FROM audit WHERE action LIKE '%_event'"), 0U);
}

TEST_F(WebEvents, CorrectAndCancelWithTheReasonKept) {
    const auto s = session_for(user_name(Role::team_manager));
    const std::string key = std::to_string(key_of("accommodated"));
    const std::string base = "/children/S12000049/C1/events/" + key;
    const auto page = get("/children/S12000049/C1", s.token);
    EXPECT_NE(page.body.find("href=\"" + base + "/correct\">Correct"), std::string::npos);
    EXPECT_NE(page.body.find("href=\"" + base + "/cancel\">Cancel"), std::string::npos);

    const auto form = get(base + "/correct", s.token);
    ASSERT_EQ(form.status, 200);
    EXPECT_NE(form.body.find("name=\"date-day\" value=\"1\""), std::string::npos);
    EXPECT_NE(form.body.find("<option value=\"foster\" selected>"), std::string::npos);
    const auto version_at = form.body.find("name=\"version\" value=\"");
    ASSERT_NE(version_at, std::string::npos);
    const auto v0 = version_at + std::string_view("name=\"version\" value=\"").size();
    const std::string version = form.body.substr(v0, form.body.find('"', v0) - v0);
    EXPECT_EQ(audit_lines().back(), "team_manager@S12000049 view_event S12000049 C1 web 192.0.2.1");

    // Without a reason: refused, the correction typed kept.
    const auto no_reason = post_as(s, base + "/correct",
                                   body(s, {{"version", version},
                                            {"status", "occurred"},
                                            {"date-day", "2"},
                                            {"date-month", "9"},
                                            {"date-year", "2026"},
                                            {"attr-placement", "kinship"},
                                            {"agency", "social_work"},
                                            {"reason", " "}}));
    EXPECT_EQ(no_reason.status, 422);
    EXPECT_NE(no_reason.body.find("<a href=\"#reason\">"), std::string::npos);
    EXPECT_NE(no_reason.body.find("<option value=\"kinship\" selected>"), std::string::npos);
    EXPECT_NE(no_reason.body.find("name=\"date-day\" value=\"2\""), std::string::npos);

    const auto corrected = post_as(s, base + "/correct",
                                   body(s, {{"version", version},
                                            {"status", "occurred"},
                                            {"date-day", "2"},
                                            {"date-month", "9"},
                                            {"date-year", "2026"},
                                            {"attr-placement", "kinship"},
                                            {"agency", "social_work"},
                                            {"note", "Placed quickly"},
                                            {"reason", "The placement was with kin"}}));
    ASSERT_EQ(corrected.status, 303) << corrected.body;
    // The same page sent again carries the old version: refused, not overwritten.
    const auto stale = post_as(s, base + "/correct",
                               body(s, {{"version", version},
                                        {"status", "occurred"},
                                        {"date-day", "3"},
                                        {"date-month", "9"},
                                        {"date-year", "2026"},
                                        {"reason", "again"}}));
    EXPECT_EQ(stale.status, 409);
    EXPECT_NE(stale.body.find("Someone else changed this event while you had it open"), std::string::npos);

    const auto cancel_form = get(base + "/cancel", s.token);
    ASSERT_EQ(cancel_form.status, 200);
    EXPECT_NE(cancel_form.body.find("id=\"reason\""), std::string::npos);
    EXPECT_EQ(post_as(s, base + "/cancel", body(s, {{"reason", ""}})).status, 422);
    const auto cancelled = post_as(s, base + "/cancel", body(s, {{"reason", "Recorded against the wrong child"}}));
    ASSERT_EQ(cancelled.status, 303) << cancelled.body;

    EXPECT_EQ(count("SELECT count(*) FROM event_changes WHERE action='correct_event' AND reason='The placement was "
                    "with kin' AND before_details='placement=foster' AND after_details='placement=kinship'"),
              1U);
    EXPECT_EQ(count("SELECT count(*) FROM event_changes WHERE action='cancel_event' AND reason='Recorded against the "
                    "wrong child' AND before_status='occurred' AND after_status='cancelled'"),
              1U);
    const auto lines = audit_lines();
    EXPECT_NE(std::find(lines.begin(), lines.end(), "team_manager@S12000049 correct_event S12000049 C1 web 192.0.2.1"),
              lines.end());
    EXPECT_EQ(lines.back(), "team_manager@S12000049 cancel_event S12000049 C1 web 192.0.2.1");

    // Cancelled events leave the chronology unless asked for; the event itself is kept.
    const auto hidden = get("/children/S12000049/C1", s.token);
    EXPECT_EQ(hidden.body.find("Accommodated <strong class=\"ds_tag ds_tag--grey\">Cancelled</strong>"),
              std::string::npos);
    const auto shown = get("/children/S12000049/C1?cancelled=yes", s.token);
    EXPECT_NE(shown.body.find("Accommodated <strong class=\"ds_tag ds_tag--grey\">Cancelled</strong>"),
              std::string::npos);
    EXPECT_NE(shown.body.find("Placement: Kinship care"), std::string::npos);
}

TEST_F(WebEvents, RolesSeeOnlyWhatTheyMayRecord) {
    // Legal services record legal steps, not reviews or placements.
    const auto legal = session_for(user_name(Role::legal));
    const auto choose = get("/children/S12000049/C1/events/new", legal.token);
    ASSERT_EQ(choose.status, 200);
    EXPECT_NE(choose.body.find("<option value=\"court_hearing\">"), std::string::npos);
    EXPECT_EQ(choose.body.find("<option value=\"lar\">"), std::string::npos);
    const auto page = get("/children/S12000049/C1", legal.token);
    EXPECT_EQ(page.body.find("/correct\">Correct"), std::string::npos) << "the accommodation is not legal's to change";
    const std::string key = std::to_string(key_of("accommodated"));
    EXPECT_EQ(get("/children/S12000049/C1/events/" + key + "/correct", legal.token).status, 403);
    const auto r =
        post_as(legal, "/children/S12000049/C1/events",
                body(legal, {{"event", "lar"}, {"date-day", "10"}, {"date-month", "10"}, {"date-year", "2026"}}));
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(count("SELECT count(*) FROM event_changes"), 0U);
    // Another child's event under this child's address is not found.
    const auto sw = session_for(user_name(Role::social_worker));
    EXPECT_EQ(get("/children/S12000049/C2/events/" + key + "/correct", sw.token).status, 404);
    EXPECT_EQ(get("/children/S12000049/C1/events/99999/cancel", sw.token).status, 404);
    EXPECT_EQ(get("/children/S12000049/C1/events/x/cancel", sw.token).status, 404);
}

TEST_F(WebEvents, TheChronologyFilters) {
    const auto s = session_for(user_name(Role::social_worker));
    const auto all = get("/children/S12000049/C1", s.token);
    EXPECT_NE(all.body.find("<td data-title=\"Event\">Accommodated</td>"), std::string::npos);
    const auto legal = get("/children/S12000049/C1?group=legal", s.token);
    EXPECT_NE(legal.body.find("No events match the filters."), std::string::npos);
    const auto care =
        get("/children/S12000049/C1?group=care&agency=social_work&from=01%2F08%2F2026&to=2026-09-30", s.token);
    EXPECT_NE(care.body.find("<td data-title=\"Event\">Accommodated</td>"), std::string::npos);
    EXPECT_NE(care.body.find("<option value=\"care\" selected>"), std::string::npos);
    const auto typed =
        get("/children/S12000049/C1?from-day=1&from-month=8&from-year=2026&to-day=30&to-month=9&to-year=2026", s.token);
    EXPECT_NE(typed.body.find("<td data-title=\"Event\">Accommodated</td>"), std::string::npos);
    EXPECT_NE(typed.body.find("name=\"from-month\" value=\"8\""), std::string::npos);
    const auto out = get("/children/S12000049/C1?from-day=2&from-month=9&from-year=2026", s.token);
    EXPECT_NE(out.body.find("No events match the filters."), std::string::npos);
    const auto later = get("/children/S12000049/C1?from=2026-10-01", s.token);
    EXPECT_NE(later.body.find("No events match the filters."), std::string::npos);
    const auto bad = get("/children/S12000049/C1?from=soon", s.token);
    EXPECT_NE(bad.body.find("<a href=\"#from-day\">Enter the &#39;from&#39; date"), std::string::npos);
    EXPECT_NE(bad.body.find("<td data-title=\"Event\">Accommodated</td>"), std::string::npos);
}

// A control character in a note or a reason is refused at its field (issue 11); line breaks
// are text.
TEST_F(WebEvents, ControlCharactersInANoteOrAReasonAreRefusedAtTheField) {
    const auto s = session_for(user_name(Role::social_worker));
    const auto before = audit_count();
    auto r = post_as(s, "/children/S12000049/C1/events",
                     body(s, {{"event", "lar"},
                              {"status", "occurred"},
                              {"date-day", "1"},
                              {"date-month", "11"},
                              {"date-year", "2026"},
                              {"attr-kind", "standard"},
                              {"agency", "social_work"},
                              {"note", "Held\r\nwith \x1b[31mred\x1b[0m"}}));
    EXPECT_EQ(r.status, 422);
    EXPECT_NE(r.body.find("<a href=\"#note\">"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("The note has a control character (U+001B) at character 12"), std::string::npos);
    EXPECT_EQ(audit_count(), before);

    const auto tm = session_for(user_name(Role::team_manager));
    const std::string base = "/children/S12000049/C1/events/" + std::to_string(key_of("accommodated"));
    r = post_as(tm, base + "/cancel", body(tm, {{"reason", std::string("Wrong child\0", 12)}}));
    EXPECT_EQ(r.status, 422);
    EXPECT_NE(r.body.find("<a href=\"#reason\">"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("The reason has a control character (U+0000) at character 12"), std::string::npos);
}

// Issue 13, item 4: a planned review that took place is recorded as happened: the same event
// (one stored event, its history a correction with the reason kept), one audited change, and
// the clock that waited on the review is met.
TEST_F(WebEvents, RecordThatAPlannedReviewHappenedMeetsItsClock) {
    const auto s = session_for(user_name(Role::social_worker));
    const auto planned = post_as(s, "/children/S12000049/C1/events",
                                 body(s, {{"event", "lar"},
                                          {"status", "planned"},
                                          {"date-day", "10"},
                                          {"date-month", "10"},
                                          {"date-year", "2026"},
                                          {"attr-kind", "standard"}}));
    ASSERT_EQ(planned.status, 303) << planned.body;
    const std::string key = std::to_string(key_of("lar"));
    const std::string base = "/children/S12000049/C1/events/" + key;
    const auto before = get("/children/S12000049/C1", s.token);
    EXPECT_EQ(clock_status(before.body, kLarFirst), "overdue");
    EXPECT_NE(before.body.find("Looked after review <strong class=\"ds_tag ds_tag--orange\">Planned, date "
                               "passed</strong>"),
              std::string::npos);
    EXPECT_NE(before.body.find("href=\"" + base + "/happened\">Record that it happened"), std::string::npos);

    const auto form = get(base + "/happened", s.token);
    ASSERT_EQ(form.status, 200);
    EXPECT_NE(form.body.find("<title>Record that it happened - Waymark</title>"), std::string::npos);
    EXPECT_NE(form.body.find("Looked after review, planned for 10 October 2026. Kind of review: Standard review"),
              std::string::npos);
    EXPECT_NE(form.body.find("<legend>When did it happen?</legend>"), std::string::npos);
    EXPECT_NE(form.body.find("name=\"date-day\" value=\"10\""), std::string::npos) << "the planned date";
    EXPECT_NE(form.body.find("<option value=\"standard\" selected>Standard review</option>"), std::string::npos);
    EXPECT_NE(form.body.find("<label class=\"ds_label\" for=\"attr-kind\">Kind of review (optional)</label>"),
              std::string::npos);
    EXPECT_EQ(audit_lines().back(), "social_worker@S12000049 view_event S12000049 C1 web 192.0.2.1");
    const auto version_at = form.body.find("name=\"version\" value=\"");
    ASSERT_NE(version_at, std::string::npos);
    const auto v0 = version_at + std::string_view("name=\"version\" value=\"").size();
    const std::string version = form.body.substr(v0, form.body.find('"', v0) - v0);

    // A date after today is refused in words that say what to do; nothing is written.
    const auto audit_before = audit_count();
    const auto later = post_as(s, base + "/happened",
                               body(s, {{"version", version},
                                        {"date-day", "27"},
                                        {"date-month", "11"},
                                        {"date-year", "2026"},
                                        {"attr-kind", "standard"}}));
    EXPECT_EQ(later.status, 422);
    EXPECT_NE(later.body.find("<a href=\"#date-day\">The date must be today or earlier. If the looked after review "
                              "has not happened yet, go back and change the date it is planned for</a>"),
              std::string::npos)
        << later.body;
    EXPECT_EQ(audit_count(), audit_before);

    const auto done = post_as(s, base + "/happened",
                              body(s, {{"version", version},
                                       {"date-day", "12"},
                                       {"date-month", "10"},
                                       {"date-year", "2026"},
                                       {"attr-kind", "standard"},
                                       {"attr-child_views", "attended"},
                                       {"note", "Chaired by the IRO"}}));
    ASSERT_EQ(done.status, 303) << done.body;
    const std::string location(done.header("Location"));
    EXPECT_NE(location.find("&done=happened"), std::string::npos);
    EXPECT_EQ(audit_lines().back(), "social_worker@S12000049 correct_event S12000049 C1 web 192.0.2.1");
    EXPECT_EQ(audit_count(), audit_before + 1);
    // The same event, now occurred: no second one.
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE event = 'lar'"), 1U);
    EXPECT_EQ(count("SELECT count(*) FROM event_changes WHERE action = 'correct_event' AND reason = 'recorded that "
                    "the planned event happened' AND before_status = 'planned' AND after_status = 'occurred'"),
              1U);
    const auto after = get(location.substr(0, location.find('#')), s.token);
    EXPECT_NE(after.body.find("Looked after review recorded as happened."), std::string::npos);
    EXPECT_EQ(clock_status(after.body, kLarFirst), "met");
    EXPECT_NE(after.body.find("<td data-title=\"Date\">12 October 2026</td>"), std::string::npos);
    EXPECT_NE(after.body.find("Kind of review: Standard review. The child&#39;s views: The child took part. Chaired by "
                              "the IRO"),
              std::string::npos);
    EXPECT_EQ(after.body.find(base + "/happened"), std::string::npos) << "it is no longer planned";
    // Its history: the plan, then the review that happened.
    const auto history = get(base + "/history", s.token);
    EXPECT_NE(history.body.find("recorded that the planned event happened"), std::string::npos);
    // Once happened it cannot happen again.
    EXPECT_EQ(get(base + "/happened", s.token).status, 409);
    EXPECT_EQ(post_as(s, base + "/happened", body(s, {{"date-day", "12"}, {"date-month", "10"}, {"date-year", "2026"}}))
                  .status,
              422);
}

// A plan still to come is recorded as happened on today's date unless another is typed.
TEST_F(WebEvents, RecordingThatAFuturePlanHappenedOffersToday) {
    const auto s = session_for(user_name(Role::reviewing_officer));
    ASSERT_EQ(post_as(s, "/children/S12000049/C1/events",
                      body(s, {{"event", "lar"},
                               {"status", "planned"},
                               {"date-day", "15"},
                               {"date-month", "1"},
                               {"date-year", "2027"}}))
                  .status,
              303);
    const auto page = get("/children/S12000049/C1", s.token);
    EXPECT_NE(page.body.find("Looked after review <strong class=\"ds_tag ds_tag--grey\">Planned</strong>"),
              std::string::npos);
    const auto form = get("/children/S12000049/C1/events/" + std::to_string(key_of("lar")) + "/happened", s.token);
    ASSERT_EQ(form.status, 200);
    EXPECT_NE(form.body.find("name=\"date-day\" value=\"26\""), std::string::npos);
    EXPECT_NE(form.body.find("name=\"date-month\" value=\"11\""), std::string::npos);
    // Legal services record no reviews: no form for them.
    const auto legal = session_for(user_name(Role::legal));
    EXPECT_EQ(get("/children/S12000049/C1/events/" + std::to_string(key_of("lar")) + "/happened", legal.token).status,
              403);
}

// A second planned review of the same kind asks first (a warning, not a refusal); another kind
// does not.
TEST_F(WebEvents, ASecondPlanOfTheSameKindAsksFirst) {
    const auto s = session_for(user_name(Role::social_worker));
    const auto plan = [&](const std::string& day, const std::string& kind, bool another) {
        std::string b = body(s, {{"event", "lar"},
                                 {"status", "planned"},
                                 {"date-day", day},
                                 {"date-month", "1"},
                                 {"date-year", "2027"},
                                 {"attr-kind", kind},
                                 {"note", "Room <b>2</b>"}});
        if (another) b += "&another=yes";
        return post_as(s, "/children/S12000049/C1/events", b);
    };
    ASSERT_EQ(plan("14", "standard", false).status, 303);
    const auto audit_before = audit_count();
    const auto warned = plan("20", "standard", false);
    ASSERT_EQ(warned.status, 200) << warned.body;
    EXPECT_NE(warned.body.find("A planned looked after review (Standard review) is already recorded for 14 January "
                               "2027. Add another, or record that one instead?"),
              std::string::npos)
        << warned.body;
    const std::string first = "/children/S12000049/C1/events/" + std::to_string(key_of("lar"));
    EXPECT_NE(warned.body.find("href=\"" + first + "/happened\">"), std::string::npos);
    EXPECT_NE(warned.body.find("name=\"another\" value=\"yes\""), std::string::npos);
    EXPECT_NE(warned.body.find("name=\"date-day\" value=\"20\""), std::string::npos) << "what was typed, kept";
    EXPECT_NE(warned.body.find("name=\"note\" value=\"Room &lt;b&gt;2&lt;/b&gt;\""), std::string::npos);
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE event = 'lar'"), 1U) << "nothing written yet";
    EXPECT_EQ(audit_count(), audit_before + 1) << "the page shows the plan: audited as a view";
    EXPECT_EQ(audit_lines().back(), "social_worker@S12000049 view_event S12000049 C1 web 192.0.2.1");

    ASSERT_EQ(plan("20", "standard", true).status, 303);
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE event = 'lar'"), 2U);
    ASSERT_EQ(plan("21", "permanence", false).status, 303) << "another kind of review: no warning";
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE event = 'lar'"), 3U);
}

// /planned-passed: the planned events dated before today of the user's children, oldest first,
// with one audit entry listing the children.
TEST_F(WebEvents, PlannedEventsWhoseDateHasPassedAreListed) {
    const auto tm = session_for(user_name(Role::team_manager));
    for (const auto& [child, day, month] : {std::tuple<const char*, const char*, const char*>{"C1", "1", "11"},
                                            {"C2", "5", "10"},
                                            {"C1", "1", "12"},
                                            {"C4", "2", "11"}}) {
        ASSERT_EQ(post_as(tm, std::string("/children/S12000049/") + child + "/events",
                          body(tm, {{"event", "post_admission_meeting"},
                                    {"status", "planned"},
                                    {"date-day", day},
                                    {"date-month", month},
                                    {"date-year", "2026"},
                                    {"another", "yes"}}))
                      .status,
                  303);
    }
    // C4 is allocated to no one: the social worker of Team A sees C1 and C2, not C4.
    const auto s = session_for(user_name(Role::social_worker));
    const auto audit_before = audit_count();
    const auto page = get("/planned-passed", s.token);
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_EQ(audit_count(), audit_before + 1);
    EXPECT_EQ(audit_lines().back(), "social_worker@S12000049 view_planned_passed S12000049  web 192.0.2.1");
    EXPECT_EQ(count("SELECT count(*) FROM audit WHERE action = 'view_planned_passed' AND detail LIKE '%children C2, "
                    "C1'"),
              1U);
    const auto c2 = page.body.find(">C2</a>");
    const auto c1 = page.body.find(">C1</a>");
    ASSERT_NE(c2, std::string::npos);
    ASSERT_NE(c1, std::string::npos);
    EXPECT_LT(c2, c1) << "oldest first";
    EXPECT_NE(page.body.find("<td data-title=\"Planned for\">5 October 2026</td>"), std::string::npos);
    EXPECT_NE(page.body.find("<td data-title=\"Planned for\">1 November 2026</td>"), std::string::npos);
    EXPECT_EQ(page.body.find("1 December 2026"), std::string::npos) << "still to come";
    EXPECT_EQ(page.body.find(">C4</a>"), std::string::npos) << "not the social worker's child";
    EXPECT_NE(page.body.find("/happened\">Record that it happened"), std::string::npos);
    EXPECT_NE(page.body.find("/correct\">Change the date"), std::string::npos);
    EXPECT_NE(page.body.find("/cancel\">Cancel it"), std::string::npos);
    EXPECT_NE(page.body.find("Eilidh Ross"), std::string::npos) << "the child's name, audited";
    // The team manager sees the council's children, C4 among them.
    const auto all = get("/planned-passed", tm.token);
    EXPECT_NE(all.body.find(">C4</a>"), std::string::npos);
    // A role that sees no named child has no such list.
    const auto advisor = session_for(user_name(Role::improvement_advisor));
    EXPECT_NE(get("/planned-passed", advisor.token).status, 200);
}

// Issue 13, item 8: attribute values in words wherever the chronology and the forms show them.
TEST_F(WebEvents, AttributesAreShownInWords) {
    const auto s = session_for(user_name(Role::social_worker));
    const auto page = get("/children/S12000049/C2", s.token);
    EXPECT_NE(page.body.find("<td data-title=\"Details\"><bdi>Placement: Kinship care</bdi></td>"), std::string::npos);
    EXPECT_EQ(page.body.find("placement=kinship"), std::string::npos);
    EXPECT_NE(page.body.find("<td data-title=\"Date\">1 October 2026</td>"), std::string::npos);
    const auto form = get("/children/S12000049/C2/events/new?event=placement_change", s.token);
    EXPECT_NE(form.body.find("<option value=\"kinship\">Kinship care</option>"), std::string::npos);
    EXPECT_NE(form.body.find(">Brothers and sisters (optional)</label>"), std::string::npos);
    // A date attribute is typed in the design system's date input.
    const auto pre_birth = get("/children/S12000049/C2/events/new?event=pre_birth_concern", s.token);
    EXPECT_NE(pre_birth.body.find("<legend>Expected date of birth (optional)</legend>"), std::string::npos);
    EXPECT_NE(pre_birth.body.find("id=\"attr-expected_birth-day\""), std::string::npos);
    const auto r = post_as(s, "/children/S12000049/C2/events",
                           body(s, {{"event", "pre_birth_concern"},
                                    {"status", "occurred"},
                                    {"date-day", "2"},
                                    {"date-month", "11"},
                                    {"date-year", "2026"},
                                    {"attr-expected_birth-day", "9"},
                                    {"attr-expected_birth-month", "3"},
                                    {"attr-expected_birth-year", "2027"}}));
    ASSERT_EQ(r.status, 303) << r.body;
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE event = 'pre_birth_concern' AND details = "
                    "'expected_birth=2027-03-09'"),
              1U);
    const auto after = get("/children/S12000049/C2", s.token);
    EXPECT_NE(after.body.find("Expected date of birth: 9 March 2027"), std::string::npos);
}
// Issue 13, item 5: a note longer than the cap is refused at the field, with the count in the
// message; the form says the limit before anyone types.
TEST_F(WebEvents, ANoteLongerThanTheCapIsRefusedAtTheFieldWithTheLimitInItsHint) {
    const auto s = session_for(user_name(Role::social_worker));
    const auto form = get("/children/S12000049/C1/events/new?event=lar", s.token);
    EXPECT_NE(form.body.find("You can enter up to 10,000 characters"), std::string::npos) << form.body;
    const auto before = audit_count();
    const auto r = post_as(s, "/children/S12000049/C1/events",
                           body(s, {{"event", "lar"},
                                    {"status", "occurred"},
                                    {"date-day", "1"},
                                    {"date-month", "11"},
                                    {"date-year", "2026"},
                                    {"attr-kind", "standard"},
                                    {"agency", "social_work"},
                                    {"note", std::string(waymark::app::kMaxNoteCharacters + 1, 'a')}}));
    EXPECT_EQ(r.status, 422);
    EXPECT_NE(r.body.find("<a href=\"#note\">A note must be 10,000 characters or fewer; this one has 10,001."),
              std::string::npos)
        << r.body.substr(0, 3000);
    EXPECT_NE(r.body.find("id=\"note-error\""), std::string::npos);
    EXPECT_EQ(audit_count(), before);
}

}  // namespace

// DATA.md: an event_id names one event of one child. The web form never takes an event_id: one
// posted with a new event of another child is not stored, and the event that has it stays
// with its child.
TEST_F(WebEvents, AnEventIdPostedWithTheFormNeverMovesAnotherChildsEvent) {
    write("ids.csv",
          "child_id,local_authority,date,event,details,event_id\n"
          "C1,S12000049,2026-10-10,lar,kind=standard,E-77\n");
    waymark::app::ImportOptions o;
    o.events_path = (dir_ / "ids.csv").string();
    o.today = waymark::core::Date::parse("2026-11-26");
    waymark::app::import_files(*store_, standards_.vocabulary, o);
    const auto s = session_for(user_name(Role::social_worker));
    const auto r = post_as(s, "/children/S12000049/C2/events",
                           body(s, {{"event", "lar"},
                                    {"status", "occurred"},
                                    {"date-day", "11"},
                                    {"date-month", "10"},
                                    {"date-year", "2026"},
                                    {"attr-kind", "standard"},
                                    {"event_id", "E-77"}}));
    ASSERT_EQ(r.status, 303) << r.body;
    EXPECT_EQ(count("SELECT count(*) FROM events e JOIN children c ON c.id = e.child WHERE e.event_id = 'E-77' AND "
                    "c.child_id = 'C1' AND e.date = '2026-10-10'"),
              1U);
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE event_id = 'E-77'"), 1U);
    EXPECT_EQ(count("SELECT count(*) FROM events e JOIN children c ON c.id = e.child WHERE c.child_id = 'C2' AND "
                    "c.local_authority = 'S12000049' AND e.event = 'lar' AND e.event_id IS NULL"),
              1U);
}
