// The synthetic data generator (`waymark synth`): its files must import cleanly (DATA.md) and look
// like the journeys of DOMAIN.md section 8. These tests read the output as a stranger would, with
// their own CSV parser and their own copy of the vocabulary, rather than trusting the generator.
#include "app/synth.hpp"

#include "core/date.hpp"
#include "core/error.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

using waymark::app::SynthCounts;
using waymark::app::SynthOptions;
using waymark::app::write_synthetic;
using waymark::core::Date;

using Row = std::vector<std::string>;

struct Output {
    std::string children;
    std::string events;
    SynthCounts counts;
};

Output generate(std::size_t children, std::uint64_t seed, Date as_of = Date(2026, 3, 31)) {
    SynthOptions options;
    options.children = children;
    options.seed = seed;
    options.as_of = as_of;
    std::ostringstream c;
    std::ostringstream e;
    Output out;
    out.counts = write_synthetic(options, c, e);
    out.children = c.str();
    out.events = e.str();
    return out;
}

// RFC 4180 with '\n' line ends: quoted fields may hold commas, doubled quotes and line breaks.
// Fails the test on a stray quote or an unterminated field.
std::vector<Row> parse_csv(std::string_view text) {
    std::vector<Row> rows;
    Row row;
    std::string field;
    bool quoted = false;
    bool after_quote = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c != '"') {
                field.push_back(c);
            } else if (i + 1 < text.size() && text[i + 1] == '"') {
                field.push_back('"');
                ++i;
            } else {
                quoted = false;
                after_quote = true;
            }
            continue;
        }
        if (c == ',') {
            row.push_back(std::move(field));
            field.clear();
            after_quote = false;
        } else if (c == '\n') {
            row.push_back(std::move(field));
            field.clear();
            rows.push_back(std::move(row));
            row.clear();
            after_quote = false;
        } else if (c == '"') {
            EXPECT_TRUE(field.empty() && !after_quote) << "stray quote in row " << rows.size() + 1;
            quoted = true;
        } else {
            EXPECT_FALSE(after_quote) << "text after a closing quote in row " << rows.size() + 1;
            EXPECT_NE(c, '\r') << "line ends must be '\\n'";
            field.push_back(c);
        }
    }
    EXPECT_FALSE(quoted) << "unterminated quoted field";
    EXPECT_TRUE(row.empty() && field.empty()) << "last line has no line end";
    return rows;
}

const std::string kChildrenHeader =
    "child_id,local_authority,family_name,given_name,date_of_birth,expected_birth_date,sex";
const std::string kEventsHeader = "child_id,local_authority,date,event,status,details,agency,note,event_id";

// children.csv columns
enum { c_id, c_council, c_family, c_given, c_dob, c_ebd, c_sex };
// events.csv columns
enum { e_child, e_council, e_date, e_event, e_status, e_details, e_agency, e_note, e_event_id };

// DATA.md "Event vocabulary": each event type and, per attribute, its allowed values ("DATE" for a
// date). Copied by hand so that a change on either side shows up here.
const std::map<std::string, std::map<std::string, std::set<std::string>>>& vocabulary() {
    static const std::map<std::string, std::map<std::string, std::set<std::string>>> v{
        {"pre_birth_concern", {{"expected_birth", {"DATE"}}}},
        {"scra_early_alert", {}},
        {"birth", {}},
        {"referral_to_reporter", {}},
        {"grounds_application_lodged", {}},
        {"grounds_hearing", {}},
        {"childrens_hearing",
         {{"kind", {"initial", "review", "other"}},
          {"outcome", {"cso", "cso_continued", "cso_varied", "icso", "continued", "discharged"}}}},
        {"advice_hearing", {{"outcome", {"given", "continued"}}}},
        {"cpo", {}},
        {"looked_after_at_home", {}},
        {"accommodated",
         {{"placement", {"kinship", "foster", "residential", "prospective_adopters", "secure", "other"}},
          {"basis", {"s25", "cso", "icso", "cpo", "po", "other"}}}},
        {"placement_change",
         {{"placement", {"kinship", "foster", "residential", "prospective_adopters", "secure", "other"}}}},
        {"returned_home", {}},
        {"ceased_looked_after",
         {{"destination", {"home", "kinship_care_order", "po", "adoption", "independent", "other"}}}},
        {"post_admission_meeting", {}},
        {"lar", {{"kind", {"standard", "permanence", "plan_review"}}}},
        {"permanence_plan_recorded",
         {{"plan", {"return_home", "kinship", "long_term_foster", "po", "poa", "adoption", "residential"}}}},
        {"permanence_recommendation",
         {{"route", {"return_home", "remain_home", "kinship_care_order", "po", "poa", "adoption"}}}},
        {"kinship_assessment_completed", {{"outcome", {"ruled_in", "ruled_out"}}}},
        {"legal_advice_requested", {}},
        {"legal_advice_received", {}},
        {"mentoring_meeting", {}},
        {"health_assessment_completed", {}},
        {"permanence_panel", {{"recommendation", {"po", "poa", "adoption", "long_term_foster", "not_agreed"}}}},
        {"adm_decision", {{"decision", {"agreed", "not_agreed"}}}},
        {"matched", {}},
        {"placed_with_permanent_carers", {}},
        {"court_application_lodged", {{"order", {"po", "poa", "adoption", "kinship_care_order"}}}},
        {"court_hearing", {}},
        {"order_granted", {{"order", {"po", "poa", "adoption", "kinship_care_order"}}}},
        {"order_refused", {{"order", {"po", "poa", "adoption", "kinship_care_order"}}}},
        {"life_event", {{"impact", {"positive", "negative", "neutral"}}}},
    };
    return v;
}

const std::set<std::string> kAgencies{"social_work", "health", "education", "legal",  "scra", "hearings",
                                      "court",       "police", "carer",     "family", "other"};
const std::set<std::string> kStatuses{"occurred", "planned", "cancelled"};
const std::set<std::string> kSexes{"female", "male", "other", "unknown"};

std::map<std::string, std::string> details_of(const std::string& text) {
    std::map<std::string, std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find(';', start);
        if (end == std::string::npos) end = text.size();
        const std::string pair = text.substr(start, end - start);
        const std::size_t eq = pair.find('=');
        EXPECT_NE(eq, std::string::npos) << "attribute without '=': " << text;
        if (eq != std::string::npos) {
            EXPECT_TRUE(out.emplace(pair.substr(0, eq), pair.substr(eq + 1)).second) << "repeated key: " << text;
        }
        start = end + 1;
    }
    return out;
}

struct Parsed {
    std::vector<Row> children;                         // without the header
    std::map<std::string, std::vector<Row>> by_child;  // events in file order
    std::size_t events = 0;
};

Parsed parse(const Output& out) {
    Parsed p;
    auto children = parse_csv(out.children);
    auto events = parse_csv(out.events);
    EXPECT_FALSE(children.empty());
    EXPECT_FALSE(events.empty());
    if (children.empty() || events.empty()) return p;
    p.children.assign(children.begin() + 1, children.end());
    for (std::size_t i = 1; i < events.size(); ++i) {
        p.by_child[events[i].at(e_child)].push_back(events[i]);
        ++p.events;
    }
    return p;
}

bool is_before_birth_allowed(const std::string& type) {
    return type == "pre_birth_concern" || type == "scra_early_alert" || type == "referral_to_reporter";
}

// The journey stage of DATA.md, from occurred events on or before the as-of date.
std::string stage_of(const Row& child, const std::vector<Row>& events, const std::string& as_of) {
    bool born = !child[c_dob].empty() && child[c_dob] <= as_of;
    bool in_period = false;
    bool in_away = false;
    bool ever = false;
    bool order = false;
    std::string ended_with;
    std::string route;
    bool panel = false;
    bool adm = false;
    for (const Row& e : events) {
        if (e[e_status] != "occurred" || e[e_date] > as_of) continue;
        const std::string& t = e[e_event];
        const auto d = details_of(e[e_details]);
        if (t == "birth") {
            born = true;
        } else if (t == "looked_after_at_home" || t == "accommodated") {
            if (!in_period) {
                in_period = ever = true;
                ended_with.clear();
            }
            order = false;
            if (t == "accommodated") {
                in_away = true;
                route.clear();
                panel = adm = false;
            }
        } else if (t == "returned_home") {
            in_away = false;
        } else if (t == "ceased_looked_after") {
            if (in_period) ended_with = d.at("destination");
            in_period = in_away = false;
        } else if (t == "order_granted") {
            if (in_period) order = true;
        } else if (t == "permanence_recommendation" && in_away) {
            route = d.at("route");
            panel = adm = false;
        } else if (t == "permanence_panel" && in_away && !route.empty()) {
            panel = true;
        } else if (t == "adm_decision" && in_away && !route.empty() && d.at("decision") == "agreed") {
            adm = true;
        }
    }
    if (!born) return "pre_birth";
    if (ever && (order || ended_with == "home" || ended_with == "kinship_care_order" || ended_with == "po" ||
                 ended_with == "adoption")) {
        return "permanent";
    }
    if (!in_period) return "not_looked_after";
    if (in_away) {
        if (route.empty()) return "away_assessment";
        if (route == "return_home" || route == "remain_home") return "returning_home";
        if (route == "kinship_care_order" || adm) return "legal";
        if (panel) return "panel";
        return "permanence_planning";
    }
    return "at_home";
}

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
        }
        i += n;
    }
    return true;
}

TEST(Synth, SameSeedGivesIdenticalBytes) {
    const Output a = generate(300, 42);
    const Output b = generate(300, 42);
    EXPECT_EQ(a.children, b.children);
    EXPECT_EQ(a.events, b.events);
    EXPECT_EQ(a.counts.events, b.counts.events);
}

TEST(Synth, DifferentSeedGivesDifferentData) {
    const Output a = generate(300, 1);
    const Output b = generate(300, 2);
    EXPECT_NE(a.children, b.children);
    EXPECT_NE(a.events, b.events);
}

TEST(Synth, HeaderRowsAreExactlyTheImportColumns) {
    const Output out = generate(5, 1);
    EXPECT_EQ(out.children.substr(0, out.children.find('\n')), kChildrenHeader);
    EXPECT_EQ(out.events.substr(0, out.events.find('\n')), kEventsHeader);
}

TEST(Synth, NoChildrenGivesHeadersOnly) {
    const Output out = generate(0, 1);
    EXPECT_EQ(out.children, kChildrenHeader + "\n");
    EXPECT_EQ(out.events, kEventsHeader + "\n");
    EXPECT_EQ(out.counts.children, 0u);
    EXPECT_EQ(out.counts.events, 0u);
}

TEST(Synth, EveryRowHasTheHeadersFieldCount) {
    const Output out = generate(500, 3);
    const auto children = parse_csv(out.children);
    const auto events = parse_csv(out.events);
    ASSERT_EQ(children.size(), 501u);
    EXPECT_EQ(events.size(), out.counts.events + 1);
    EXPECT_EQ(out.counts.children, 500u);
    for (std::size_t i = 0; i < children.size(); ++i) ASSERT_EQ(children[i].size(), 7u) << "children row " << i + 1;
    for (std::size_t i = 0; i < events.size(); ++i) ASSERT_EQ(events[i].size(), 9u) << "events row " << i + 1;
}

TEST(Synth, NotesExerciseQuoting) {
    const Output out = generate(200, 1);
    const Parsed p = parse(out);
    bool comma = false;
    bool quote = false;
    for (const auto& [id, events] : p.by_child) {
        for (const Row& e : events) {
            comma = comma || e[e_note].find(',') != std::string::npos;
            quote = quote || e[e_note].find('"') != std::string::npos;
        }
    }
    EXPECT_TRUE(comma);
    EXPECT_TRUE(quote);
}

TEST(Synth, ChildrenAreValidForImport) {
    const Output out = generate(2000, 5);
    const Parsed p = parse(out);
    std::set<std::string> ids;
    std::size_t unborn = 0;
    for (const Row& c : p.children) {
        const std::string& id = c[c_id];
        EXPECT_TRUE(ids.insert(id).second) << "duplicate child " << id;
        EXPECT_TRUE(!id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char ch) {
            return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' ||
                   ch == '_' || ch == '.' || ch == '/';
        })) << id;
        EXPECT_EQ(c[c_council], "S12000049");
        EXPECT_TRUE(kSexes.count(c[c_sex])) << c[c_sex];
        // Exactly one of date of birth and expected birth date.
        EXPECT_NE(c[c_dob].empty(), c[c_ebd].empty()) << id;
        if (!c[c_dob].empty()) {
            const auto dob = Date::try_parse(c[c_dob]);
            ASSERT_TRUE(dob) << c[c_dob];
            EXPECT_LE(*dob, Date(2026, 3, 31)) << id;
            EXPECT_GE(waymark::core::age_in_years(*dob, Date(2026, 3, 31)), 0);
            EXPECT_LE(waymark::core::age_in_years(*dob, Date(2026, 3, 31)), 17) << id;
        } else {
            const auto ebd = Date::try_parse(c[c_ebd]);
            ASSERT_TRUE(ebd) << c[c_ebd];
            EXPECT_GT(*ebd, Date(2026, 3, 31)) << id;
            ++unborn;
        }
    }
    EXPECT_GT(unborn, 0u) << "some children are not yet born on the as-of date";
    for (const auto& [id, events] : p.by_child) EXPECT_TRUE(ids.count(id)) << "events for unknown child " << id;
}

// What the importer enforces on every row (DATA.md; app/import.cpp).
TEST(Synth, EventsAreValidForImport) {
    for (const Date as_of : {Date(2026, 3, 31), Date(2019, 2, 28), Date(1925, 6, 1)}) {
        const Output out = generate(1500, 11, as_of);
        const Parsed p = parse(out);
        const std::string as_of_text = as_of.iso();
        std::set<std::string> event_ids;
        std::map<std::string, const Row*> children;
        for (const Row& c : p.children) children[c[c_id]] = &c;
        for (const auto& [id, events] : p.by_child) {
            const Row& child = *children.at(id);
            std::string previous;
            for (const Row& e : events) {
                const auto date = Date::try_parse(e[e_date]);
                ASSERT_TRUE(date) << e[e_date];
                EXPECT_GE(*date, Date(1900, 1, 1));
                EXPECT_EQ(date->iso(), e[e_date]);
                EXPECT_TRUE(kStatuses.count(e[e_status])) << e[e_status];
                if (e[e_status] == "occurred") {
                    EXPECT_LE(e[e_date], as_of_text) << id << " " << e[e_event];
                }
                EXPECT_GE(e[e_date], previous) << id << ": rows are in date order";
                previous = e[e_date];
                EXPECT_TRUE(kAgencies.count(e[e_agency])) << e[e_agency];
                EXPECT_FALSE(e[e_note].empty());
                EXPECT_EQ(e[e_council], "S12000049");
                EXPECT_TRUE(event_ids.insert(e[e_event_id]).second) << "duplicate event_id " << e[e_event_id];
                if (child[c_dob].empty()) {
                    EXPECT_TRUE(is_before_birth_allowed(e[e_event])) << id << " not yet born: " << e[e_event];
                } else if (e[e_date] < child[c_dob] && e[e_status] != "planned") {
                    EXPECT_TRUE(is_before_birth_allowed(e[e_event])) << id << " before birth: " << e[e_event];
                }
            }
        }
    }
}

TEST(Synth, EventTypesAndDetailsAreFromTheVocabulary) {
    const Output out = generate(2000, 7);
    const Parsed p = parse(out);
    std::set<std::string> seen;
    for (const auto& [id, events] : p.by_child) {
        for (const Row& e : events) {
            const auto type = vocabulary().find(e[e_event]);
            ASSERT_NE(type, vocabulary().end()) << "unknown event type " << e[e_event];
            seen.insert(e[e_event]);
            for (const auto& [key, value] : details_of(e[e_details])) {
                const auto allowed = type->second.find(key);
                ASSERT_NE(allowed, type->second.end()) << e[e_event] << " has no attribute " << key;
                if (allowed->second.count("DATE")) {
                    EXPECT_TRUE(Date::try_parse(value)) << e[e_event] << " " << key << "=" << value;
                } else {
                    EXPECT_TRUE(allowed->second.count(value)) << e[e_event] << " " << key << "=" << value;
                }
            }
        }
    }
    // Every type of the vocabulary is used somewhere in 2,000 children.
    for (const auto& [type, attributes] : vocabulary()) EXPECT_TRUE(seen.count(type)) << type << " never generated";
}

// DOMAIN.md section 8: 20% of looked after children are looked after at home.
TEST(Synth, AboutOneInFiveLookedAfterChildrenIsAtHome) {
    const Output out = generate(2000, 9);
    const Parsed p = parse(out);
    std::size_t looked_after = 0;
    std::size_t at_home = 0;
    for (const auto& [id, events] : p.by_child) {
        bool any = false;
        bool home = false;
        for (const Row& e : events) {
            if (e[e_status] != "occurred") continue;
            any = any || e[e_event] == "looked_after_at_home" || e[e_event] == "accommodated";
            home = home || e[e_event] == "looked_after_at_home";
        }
        looked_after += any ? 1 : 0;
        at_home += home ? 1 : 0;
    }
    ASSERT_GT(looked_after, 1000u);
    const double share = static_cast<double>(at_home) / static_cast<double>(looked_after);
    EXPECT_GE(share, 0.12);
    EXPECT_LE(share, 0.28);
}

TEST(Synth, NamesIncludeNonAsciiScottishNames) {
    const Output out = generate(500, 1);
    ASSERT_TRUE(valid_utf8(out.children));
    ASSERT_TRUE(valid_utf8(out.events));
    const Parsed p = parse(out);
    std::size_t non_ascii = 0;
    for (const Row& c : p.children) {
        const std::string names = c[c_family] + c[c_given];
        if (std::any_of(names.begin(), names.end(), [](char ch) { return static_cast<unsigned char>(ch) >= 0x80; })) {
            ++non_ascii;
        }
    }
    EXPECT_GT(non_ascii, 10u);
}

// Even the default 100 children hold a child in every journey stage on the as-of date.
TEST(Synth, EveryStageIsPresentInASmallFile) {
    for (const std::uint64_t seed : {1u, 2u, 3u}) {
        const Output out = generate(100, seed);
        const Parsed p = parse(out);
        std::map<std::string, int> stages;
        for (const Row& c : p.children) {
            static const std::vector<Row> none;
            const auto it = p.by_child.find(c[c_id]);
            ++stages[stage_of(c, it == p.by_child.end() ? none : it->second, "2026-03-31")];
        }
        for (const char* stage : {"pre_birth", "away_assessment", "permanence_planning", "panel", "legal",
                                  "returning_home", "at_home", "permanent", "not_looked_after"}) {
            EXPECT_GT(stages[stage], 0) << "seed " << seed << ": no child in stage " << stage;
        }
    }
}

TEST(Synth, SomeEventsArePlannedAheadAndSomeCancelled) {
    const Output out = generate(500, 1);
    const Parsed p = parse(out);
    std::size_t planned_permanence_lar = 0;
    std::size_t planned_lar = 0;
    std::size_t planned_court = 0;
    std::size_t cancelled = 0;
    for (const auto& [id, events] : p.by_child) {
        for (const Row& e : events) {
            if (e[e_status] == "planned") {
                EXPECT_GT(e[e_date], std::string("2026-03-31"));
                planned_lar += e[e_event] == "lar" ? 1 : 0;
                planned_permanence_lar += e[e_event] == "lar" && e[e_details] == "kind=permanence" ? 1 : 0;
                planned_court += e[e_event] == "court_hearing" ? 1 : 0;
            }
            cancelled += e[e_status] == "cancelled" ? 1 : 0;
        }
    }
    EXPECT_GT(planned_lar, 0u);
    EXPECT_GT(planned_permanence_lar, 0u);
    EXPECT_GT(planned_court, 0u);
    EXPECT_GT(cancelled, 0u);
}

TEST(Synth, AverageEventsPerChildIsRealistic) {
    const Output out = generate(2000, 13);
    const double per_child = static_cast<double>(out.counts.events) / 2000.0;
    EXPECT_GE(per_child, 20.0);
    EXPECT_LE(per_child, 40.0);
}

TEST(Synth, RejectsOptionsItCannotHonour) {
    SynthOptions options;
    options.as_of = Date(2026, 3, 31);
    options.local_authority.clear();
    std::ostringstream c;
    std::ostringstream e;
    EXPECT_THROW(write_synthetic(options, c, e), waymark::core::Error);
    options.local_authority = "S12000049";
    options.as_of = Date(1910, 1, 1);
    EXPECT_THROW(write_synthetic(options, c, e), waymark::core::Error);
}

}  // namespace
