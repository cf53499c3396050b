// The audit log's actions (app/audit.hpp): the one list the audit page's filter is made from
// names every action the program writes, and no other, so that it cannot drift. The program's
// sources are read for the places an audit entry's action is written.
#include "app/audit.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace {

std::set<std::string> actions_written() {
    // The ways the sources write an action: an AuditEntry's third field ({at, actor, "action",
    // ...}), the administrators' entry(admin, "action", ...), an entry's .action set, an event's
    // change (change(..., "action", ...), EventChange{"action", ...}), a view's action and the
    // week's (week_names(..., "action")).
    const std::regex patterns[] = {
        std::regex(R"re(\{\s*[A-Za-z_][\w.>()\-]*\s*,\s*[^{},;]+?\s*,\s*"([a-z_]+)"\s*,)re"),
        std::regex(R"re(entry\(admin,\s*"([a-z_]+)")re"),
        std::regex(R"re(\.action = "([a-z_]+)")re"),
        std::regex(R"re(change\(store, vocabulary, [^;]*?"([a-z_]+)")re"),
        std::regex(R"re(EventChange \w+\{"([a-z_]+)")re"),
        std::regex(R"re(journeys_for_view\([^;]*?"([a-z_]+)"\))re"),
        std::regex(R"re(week_names\([^;]*?"([a-z_]+)"\))re"),
    };
    std::set<std::string> found;
    for (const char* dir : {"src/app", "src/web/routes", "src/cli", "src/store"}) {
        for (const auto& f :
             std::filesystem::recursive_directory_iterator(std::filesystem::path(WAYMARK_SOURCE_DIR) / dir)) {
            if (f.path().extension() != ".cpp" || f.path().filename() == "audit.cpp") continue;
            std::ifstream in(f.path());
            std::stringstream text;
            text << in.rdbuf();
            const std::string source = text.str();
            for (const auto& p : patterns) {
                for (std::sregex_iterator it(source.begin(), source.end(), p), end; it != end; ++it) {
                    found.insert((*it)[1]);
                }
            }
        }
    }
    return found;
}

TEST(AuditActions, TheListNamesEveryActionWrittenAndNoOther) {
    std::set<std::string> listed;
    for (const auto& a : waymark::app::audit_actions()) {
        EXPECT_TRUE(listed.insert(std::string(a.id)).second) << "listed twice: " << a.id;
        EXPECT_FALSE(a.words.empty()) << a.id;
    }
    const auto written = actions_written();
    EXPECT_GE(written.size(), 20U) << "the sources were not read";
    for (const auto& w : written) EXPECT_TRUE(listed.contains(w)) << "written but not listed: " << w;
    for (const auto& l : listed) EXPECT_TRUE(written.contains(l)) << "listed but never written: " << l;
}

TEST(AuditActions, AnUnknownActionIsShownAsStored) {
    EXPECT_EQ(waymark::app::audit_action_words("reset_password"), "Reset a password");
    EXPECT_EQ(waymark::app::audit_action_words("view_x"), "view_x");
}

TEST(AuditActions, ACaseloadEntryListsItsChildren) {
    const std::vector<std::string> ids{"C1", "A, B", "C10"};
    const auto detail = waymark::app::caseload_audit_detail(std::span(ids).first(1), "2026-12-07");
    EXPECT_EQ(detail, "names shown in My children, as of 2026-12-07, 1 child: C1");
    EXPECT_EQ(waymark::app::caseload_audit_children(detail), std::vector<std::string>{"C1"});
    const std::vector<std::string> two{"C1", "C10"};
    EXPECT_EQ(waymark::app::caseload_audit_children(waymark::app::caseload_audit_detail(two, "2026-12-07")), two);
    EXPECT_TRUE(waymark::app::caseload_audit_children("name in My children, as of 2026-12-07").empty());
}

}  // namespace
