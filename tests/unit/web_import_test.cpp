// Import by upload: the multipart/form-data parser (boundaries, missing parts, limits), and
// /import through the handlers: the same validation and report as `waymark import`, all or
// nothing, rows of the user's own council only, CSRF, and an audit entry.
#include "app/admin.hpp"
#include "core/error.hpp"
#include "support/web_fixture.hpp"
#include "web/routes/multipart.hpp"

namespace {

using waymark::app::Role;
using waymark::web::parse_multipart;

constexpr const char* kType = "multipart/form-data; boundary=XyZ";

TEST(Multipart, ReadsNamedPartsAndFilesAsSent) {
    const std::string body =
        "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc\r\n"
        "--XyZ\r\nContent-Disposition: form-data; name=\"children\"; filename=\"children.csv\"\r\n"
        "Content-Type: text/csv\r\n\r\nchild_id\r\nC1\r\n\r\n"
        "--XyZ\r\ncontent-disposition: form-data; name=events; filename=\"\"\r\n\r\n\r\n"
        "--XyZ--\r\n";
    const auto parts = parse_multipart(kType, body);
    ASSERT_EQ(parts.size(), 3U);
    EXPECT_EQ(parts[0].name, "csrf");
    EXPECT_EQ(parts[0].body, "abc");
    EXPECT_FALSE(parts[0].filename.has_value());
    EXPECT_EQ(parts[1].name, "children");
    EXPECT_EQ(parts[1].filename.value_or("?"), "children.csv");
    EXPECT_EQ(parts[1].content_type, "text/csv");
    EXPECT_EQ(parts[1].body, "child_id\r\nC1\r\n");  // line ends inside a file are kept
    EXPECT_EQ(parts[2].name, "events");
    EXPECT_EQ(parts[2].filename.value_or("?"), "");
    EXPECT_EQ(parts[2].body, "");
    EXPECT_EQ(waymark::web::find_part(parts, "children"), &parts[1]);
    EXPECT_EQ(waymark::web::find_part(parts, "nothing"), nullptr);
}

TEST(Multipart, TakesAQuotedBoundaryAPreambleAndBoundaryLikeText) {
    const std::string body =
        "preamble to ignore\r\n--a'b c\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n--a'b cd but not at a line "
        "start\r\n--a'b\r\n--a'b c--";
    const auto parts = parse_multipart("Multipart/Form-Data; charset=utf-8; boundary=\"a'b c\"", body);
    ASSERT_EQ(parts.size(), 1U);
    EXPECT_EQ(parts[0].body, "--a'b cd but not at a line start\r\n--a'b");
}

void expect_refused(const std::string& type, const std::string& body, const std::string& why,
                    const waymark::web::MultipartLimits& limits = {}) {
    try {
        (void)parse_multipart(type, body, limits);
        ADD_FAILURE() << "accepted: " << why;
    } catch (const waymark::core::Error& e) {
        EXPECT_EQ(e.kind(), waymark::core::ErrorKind::invalid_input);
        EXPECT_NE(std::string(e.what()).find(why), std::string::npos) << e.what();
    }
}

TEST(Multipart, RefusesWhatIsNotAWholeWellFormedBody) {
    const std::string part = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n";
    expect_refused("application/x-www-form-urlencoded", "a=1", "multipart/form-data");
    expect_refused("multipart/form-data", part + "--XyZ--", "boundary");
    expect_refused("multipart/form-data; boundary=" + std::string(71, 'b'), part, "boundary");
    expect_refused(kType, "no boundary here", "does not appear");
    expect_refused(kType, part, "closing boundary");  // cut short
    expect_refused(kType, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n", "do not end");
    expect_refused(kType, "--XyZ\r\nContent-Disposition: form-data\r\n\r\n1\r\n--XyZ--", "no name");
    expect_refused(kType, "--XyZ\r\nContent-Type: text/plain\r\n\r\n1\r\n--XyZ--", "no Content-Disposition");
    expect_refused(kType, "--XyZ\r\nContent-Disposition: attachment; name=a\r\n\r\n1\r\n--XyZ--", "not form-data");
    expect_refused(kType, "--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\n1\r\n--XyZ--", "not closed");
    expect_refused(kType, "--XyZ junk\r\n", "CRLF");
}

TEST(Multipart, LimitsPartsAndHeaderSizes) {
    std::string three;
    for (int i = 0; i < 3; ++i) three += "--XyZ\r\nContent-Disposition: form-data; name=\"p\"\r\n\r\nv\r\n";
    three += "--XyZ--";
    EXPECT_EQ(parse_multipart(kType, three).size(), 3U);
    expect_refused(kType, three, "more than 2 parts", {2, 2048});
    const std::string long_header =
        "--XyZ\r\nContent-Disposition: form-data; name=\"p\"\r\nX-Long: " + std::string(3000, 'a') +
        "\r\n\r\nv\r\n--XyZ--";
    expect_refused(kType, long_header, "longer than 2048 bytes");
    expect_refused(kType, "--XyZ\r\nX-Long: " + std::string(3000, 'a'), "longer than 2048 bytes");
}

TEST(ImportRule, OnlyTeamManagersAndAdministratorsImport) {
    for (Role r : waymark::app::kAllRoles) {
        EXPECT_EQ(waymark::app::may_import(r), r == Role::team_manager || r == Role::administrator)
            << waymark::app::to_string(r);
        EXPECT_EQ(waymark::app::may_administer(r), r == Role::administrator) << waymark::app::to_string(r);
    }
}

class Upload : public waymark::test::WebTest {
protected:
    static constexpr std::size_t kFixtureChildren = 4;  // C1 to C4 of the own council (web_fixture.hpp)
    // A browser's multipart body: the CSRF token and each file given.
    static std::string body(const std::string& csrf, const std::optional<std::string>& children,
                            const std::optional<std::string>& events) {
        std::string b = "--B0undary\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf + "\r\n";
        for (const auto& [name, content] : {std::pair{"children", children}, std::pair{"events", events}}) {
            b += std::string("--B0undary\r\nContent-Disposition: form-data; name=\"") + name + "\"; filename=\"" +
                 (content ? std::string(name) + ".csv" : "") + "\"\r\nContent-Type: text/csv\r\n\r\n" +
                 content.value_or("") + "\r\n";
        }
        return b + "--B0undary--\r\n";
    }
    waymark::web::Response upload(const Session& s, const std::string& b) {
        waymark::web::Request r{
            "POST",
            "/import",
            {{"content-type", "multipart/form-data; boundary=B0undary"}, {"cookie", "waymark_session=" + s.token}},
            b,
            {}};
        return send(r);
    }
    std::size_t children_of(const std::string& council) {
        std::size_t n = 0;
        for (const auto& c : store_->child_index()) n += c.local_authority == council ? 1 : 0;
        return n;
    }
};

TEST_F(Upload, TheFormIsThereForThoseWhoMayImport) {
    const auto tm = session_for(user_name(Role::team_manager));
    const auto r = get("/import", tm.token);
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("enctype=\"multipart/form-data\""), std::string::npos);
    EXPECT_NE(r.body.find("<label class=\"ds_label\" for=\"children\">children.csv</label>"), std::string::npos);
    EXPECT_NE(r.body.find("type=\"file\" id=\"events\" name=\"events\""), std::string::npos);
    EXPECT_NE(r.body.find("name=\"csrf\" value=\"" + tm.csrf + "\""), std::string::npos);
    EXPECT_EQ(get("/import", session_for(user_name(Role::social_worker)).token).status, 403);
}

TEST_F(Upload, ImportsBothFilesAndIsAudited) {
    const auto s = session_for(user_name(Role::team_manager));
    const auto before = audit_count();
    const auto r = upload(s, body(s.csrf,
                                  "child_id,local_authority,date_of_birth\nN1,S12000049,2020-01-01\n"
                                  "N2,S12000049,2021-01-01\n",
                                  "child_id,date,event,details\nN1,2026-10-01,accommodated,placement=foster\n"
                                  "C2,2026-10-20,lar,\n"));
    ASSERT_EQ(r.status, 200) << r.body;
    // The command line's report (waymark import), word for word.
    EXPECT_NE(r.body.find("<p>Imported 2 children rows (2 added, 0 updated) and 2 event rows (2 added, 0 replaced, 0 "
                          "already stored).</p>"),
              std::string::npos);
    EXPECT_EQ(children_of(waymark::test::kOwn), kFixtureChildren + 2);
    // One entry for each child the files name, stored with the import, then the upload's counts.
    const auto lines = audit_lines();
    ASSERT_EQ(lines.size(), before + 4);
    EXPECT_EQ(lines[before], "team_manager@S12000049 import S12000049 C2 web 192.0.2.1");
    EXPECT_EQ(lines[before + 1], "team_manager@S12000049 import S12000049 N1 web 192.0.2.1");
    EXPECT_EQ(lines[before + 2], "team_manager@S12000049 import S12000049 N2 web 192.0.2.1");
    EXPECT_EQ(lines.back(), "team_manager@S12000049 import S12000049  web 192.0.2.1");
    waymark::app::AuditQuery q;
    q.limit = 1;
    EXPECT_EQ(store_->find_audit(q).front().entry.detail,
              "Imported 2 children rows (2 added, 0 updated) and 2 event rows (2 added, 0 replaced, 0 already stored)");
}

TEST_F(Upload, ABadRowIsReportedByFileLineAndColumnAndNothingIsStored) {
    const auto s = session_for(user_name(Role::team_manager));
    const auto before = audit_count();
    const auto r = upload(s, body(s.csrf, "child_id,local_authority,date_of_birth\nN1,S12000049,2020-01-01\n",
                                  "child_id,local_authority,date,event\nN1,S12000049,2026-10-01,accommodated\n"
                                  "N1,S12000049,2026-02-30,accommodated\n"));
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("The import was rejected: nothing was stored"), std::string::npos);
    EXPECT_NE(r.body.find("<a href=\"#events\">events.csv:3:3: date: &#39;2026-02-30&#39; is not a date"),
              std::string::npos)
        << r.body;
    EXPECT_EQ(children_of(waymark::test::kOwn), kFixtureChildren);  // N1 was fine, but all or nothing
    // The attempt is on record: who, and the counts, but no child.
    const auto lines = audit_lines();
    ASSERT_EQ(lines.size(), before + 1);
    EXPECT_EQ(lines.back(), "team_manager@S12000049 import_rejected S12000049  web 192.0.2.1");
    waymark::app::AuditQuery q;
    q.limit = 1;
    EXPECT_EQ(store_->find_audit(q).front().entry.detail, "children.csv 1 row, events.csv 2 rows: 1 problem");
}

// A child the user may not see is, to every message of the import, a child that does not
// exist: C3 (restricted, of Team B) for Team A's manager, and any stored child for an
// administrator, who sees no child by name. Nothing says its date of birth (2020-05-05).
TEST_F(Upload, NoMessageTellsOfAChildTheUserMayNotSee) {
    const std::string events = "child_id,date,event\nC3,2019-01-01,lar\nNOSUCH,2019-01-01,lar\n";
    for (Role role : {Role::team_manager, Role::administrator}) {
        const auto s = session_for(user_name(role));
        const auto r = upload(s, body(s.csrf, std::nullopt, events));
        EXPECT_EQ(r.status, 400) << to_string(role);
        EXPECT_NE(r.body.find("events.csv:2:1: child_id: no child C3 in children.csv or already stored"),
                  std::string::npos)
            << r.body;
        EXPECT_NE(r.body.find("events.csv:3:1: child_id: no child NOSUCH in children.csv or already stored"),
                  std::string::npos);
        EXPECT_EQ(r.body.find("date of birth"), std::string::npos);
        EXPECT_EQ(r.body.find("2020-05-05"), std::string::npos);
    }
    // The administrator sees C2 no more than C3; its manager does, and is told the date is
    // before its date of birth, without the date of birth.
    const auto admin = session_for(user_name(Role::administrator));
    auto r = upload(admin, body(admin.csrf, std::nullopt, "child_id,date,event\nC2,2021-01-01,lar\n"));
    EXPECT_NE(r.body.find("no child C2 in children.csv or already stored"), std::string::npos) << r.body;
    const auto tm = session_for(user_name(Role::team_manager));
    r = upload(tm, body(tm.csrf, std::nullopt, "child_id,date,event\nC2,2021-01-01,lar\n"));
    EXPECT_NE(r.body.find("events.csv:2:2: date: 2021-01-01 is before the child&#39;s date of birth</a>"),
              std::string::npos)
        << r.body;
    EXPECT_EQ(r.body.find("2021-06-01"), std::string::npos);
}

// A children.csv row would change a stored child it names: refused for one the user may not
// see, and the child is as it was.
TEST_F(Upload, AChildTheUserMayNotSeeIsNotChangedByItsRow) {
    const auto s = session_for(user_name(Role::team_manager));
    const auto r = upload(
        s,
        body(s.csrf, "child_id,local_authority,given_name,date_of_birth\nC3,S12000049,X,2020-05-05\n", std::nullopt));
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("children.csv:2:1: child_id: child C3 of S12000049 may be changed only by someone who may "
                          "see the child"),
              std::string::npos)
        << r.body;
    EXPECT_EQ(store_->child_names(waymark::test::kOwn, std::vector<std::string>{"C3"}).at("C3"), "Morag Reid");
}

// Control characters are refused by field, and the report shows them escaped (a NUL in an
// event_id was stored, and cut the report short).
TEST_F(Upload, ControlCharactersAreRefusedAndShownEscaped) {
    const auto s = session_for(user_name(Role::team_manager));
    const std::string events = std::string("child_id,date,event,note,event_id\nC1,2026-11-01,lar,,E1") + '\0' +
                               "\nC1,2026-11-0" + '\0' + ",lar,a\x1b[2Jb,\n";
    const auto r = upload(s, body(s.csrf, std::nullopt, events));
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("events.csv:2:5: event_id: has a control character (U+0000) at character 3"),
              std::string::npos)
        << r.body;
    EXPECT_NE(r.body.find("events.csv:3:2: date: &#39;2026-11-0\\x00&#39; is not a date"), std::string::npos);
    EXPECT_NE(r.body.find("events.csv:3:4: note: has a control character (U+001B) at character 2"), std::string::npos);
    EXPECT_EQ(r.body.find('\0'), std::string::npos);
    EXPECT_EQ(r.body.find('\x1b'), std::string::npos);
}

// A row of millions of empty fields (issue 11: 1.2 GB and 9 s) is refused at its 1,001st.
TEST_F(Upload, ARowOfMillionsOfFieldsIsRefusedAtTheLimit) {
    const auto s = session_for(user_name(Role::team_manager));
    const auto r = upload(s, body(s.csrf, std::nullopt, "child_id,date,event\n" + std::string(5'000'000, ',') + "\n"));
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("events.csv:2:1001: more than 1000 fields in one row (the limit): the rest of the file was "
                          "not read"),
              std::string::npos)
        << r.body.substr(0, 2000);
}

TEST_F(Upload, AnotherCouncilsRowRefusesTheWholeFileNamingTheLine) {
    const auto s = session_for(user_name(Role::team_manager));
    const auto r = upload(s, body(s.csrf,
                                  "child_id,local_authority,date_of_birth\nN1,S12000049,2020-01-01\n"
                                  "N2,S12000033,2020-01-01\n",
                                  std::nullopt));
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("children.csv:3:2: local_authority: &#39;S12000033&#39; is not your council"),
              std::string::npos)
        << r.body;
    EXPECT_EQ(children_of(waymark::test::kOwn), kFixtureChildren);
    EXPECT_EQ(children_of(waymark::test::kOther), 1U);
}

TEST_F(Upload, AnEventWithoutACouncilIsResolvedInTheOwnCouncilOnly) {
    // C1 exists in both councils: without the restriction it would be ambiguous, and the
    // message would tell of the other council's child.
    const auto s = session_for(user_name(Role::team_manager));
    auto r = upload(s, body(s.csrf, std::nullopt, "child_id,date,event\nC1,2026-11-01,lar\n"));
    ASSERT_EQ(r.status, 200) << r.body;
    r = upload(s, body(s.csrf, std::nullopt, "child_id,local_authority,date,event\nC1,S12000033,2026-11-01,lar\n"));
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("events.csv:2:2: local_authority:"), std::string::npos) << r.body;
    // A child only the other council has is simply not there.
    r = upload(s, body(s.csrf, std::nullopt, "child_id,date,event\nNOSUCH,2026-11-01,lar\n"));
    EXPECT_NE(r.body.find("no child NOSUCH in children.csv or already stored"), std::string::npos);
}

TEST_F(Upload, WithoutTheSessionsCsrfTokenNothingIsImported) {
    const auto s = session_for(user_name(Role::team_manager));
    const std::string children = "child_id,local_authority,date_of_birth\nN1,S12000049,2020-01-01\n";
    EXPECT_EQ(upload(s, body("wrong", children, std::nullopt)).status, 403);
    std::string no_csrf = body("", children, std::nullopt);
    no_csrf.replace(0, no_csrf.find("--B0undary", 2), "");
    EXPECT_EQ(upload(s, no_csrf).status, 403);
    EXPECT_EQ(children_of(waymark::test::kOwn), kFixtureChildren);
}

TEST_F(Upload, NoFileOrABrokenBodyIsAFormErrorLinkedToTheField) {
    const auto s = session_for(user_name(Role::team_manager));
    auto r = upload(s, body(s.csrf, std::nullopt, std::nullopt));
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("<a href=\"#children\">Choose children.csv, events.csv or both</a>"), std::string::npos);
    r = upload(s, "--B0undary\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + s.csrf);
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("closing boundary"), std::string::npos);
}

TEST_F(Upload, OtherRolesAreRefused) {
    for (Role role : {Role::social_worker, Role::reviewing_officer, Role::legal, Role::improvement_advisor,
                      Role::national_analyst}) {
        const auto s = session_for(user_name(role));
        const auto r =
            upload(s, body(s.csrf, "child_id,local_authority,date_of_birth\nN1,S12000049,2020-01-01\n", std::nullopt));
        EXPECT_EQ(r.status, 403) << waymark::app::to_string(role);
    }
    EXPECT_EQ(children_of(waymark::test::kOwn), kFixtureChildren);
}

TEST_F(Upload, TheFormLinksTheColumnGuideAndTheTemplates) {
    const auto r = get("/import", session_for(user_name(Role::team_manager)).token);
    EXPECT_NE(r.body.find("href=\"/import/guide\""), std::string::npos);
    EXPECT_NE(r.body.find("href=\"/import/children.csv\" download"), std::string::npos);
    EXPECT_NE(r.body.find("href=\"/import/events.csv\" download"), std::string::npos);
}

// The guide is made from the importer's own columns and the vocabulary: every column and every
// event type with every attribute and value is on it.
TEST_F(Upload, TheColumnGuideListsEveryColumnAndEveryEventTypeWithItsDetails) {
    const auto r = get("/import/guide", session_for(user_name(Role::administrator)).token);
    ASSERT_EQ(r.status, 200);
    for (const auto file : {waymark::app::ImportFile::children, waymark::app::ImportFile::events}) {
        for (const auto& c : waymark::app::import_columns(file)) {
            EXPECT_NE(r.body.find("<code>" + c.name + "</code></th><td data-title=\"Required\">" +
                                  (c.required ? "Required" : "Optional")),
                      std::string::npos)
                << c.name;
            EXPECT_FALSE(c.meaning.empty()) << c.name;
        }
    }
    const auto& vocabulary = standards_.vocabulary;
    for (waymark::core::EventTypeId id = 0; id < vocabulary.size(); ++id) {
        const auto& spec = vocabulary.spec(id);
        const auto at = r.body.find("<th scope=\"row\" data-title=\"event\"><code>" + spec.name + "</code>");
        ASSERT_NE(at, std::string::npos) << spec.name;
        const auto row = r.body.substr(at, r.body.find("</tr>", at) - at);
        for (const auto& a : spec.attributes) {
            EXPECT_NE(row.find("<code>" + a.key + "</code>"), std::string::npos) << spec.name << " " << a.key;
            for (const auto& v : a.values) EXPECT_NE(row.find("<code>" + v + "</code>"), std::string::npos) << v;
        }
    }
    EXPECT_NE(r.body.find("One of: social_work, health"), std::string::npos);
    EXPECT_NE(r.body.find("One of: female, male, other or unknown."), std::string::npos);
    EXPECT_EQ(get("/import/guide", session_for(user_name(Role::social_worker)).token).status, 403);
}

// The templates are attachments with the header row and an example row that imports as it is.
TEST_F(Upload, TheTemplatesDownloadAndImportAsTheyAre) {
    const auto s = session_for(user_name(Role::team_manager));
    const auto children = get("/import/children.csv", s.token);
    const auto events = get("/import/events.csv", s.token);
    for (const auto* r : {&children, &events}) {
        ASSERT_EQ(r->status, 200);
        EXPECT_EQ(r->header("Content-Type"), "text/csv; charset=utf-8");
    }
    EXPECT_EQ(children.header("Content-Disposition"), "attachment; filename=\"children.csv\"");
    EXPECT_EQ(events.header("Content-Disposition"), "attachment; filename=\"events.csv\"");
    EXPECT_TRUE(children.body.starts_with(
        "child_id,local_authority,family_name,given_name,date_of_birth,expected_birth_date,sex,sibling_group\r\n"
        "EX-0001,S12000049,"))
        << children.body;
    EXPECT_TRUE(events.body.starts_with("child_id,local_authority,date,event,status,details,agency,note,event_id\r\n"))
        << events.body;
    const auto r = upload(s, body(s.csrf, children.body, events.body));
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_NE(r.body.find("Imported 1 children rows (1 added, 0 updated) and 1 event rows (1 added"),
              std::string::npos);
    EXPECT_EQ(get("/import/events.csv", session_for(user_name(Role::legal)).token).status, 403);
}

}  // namespace
