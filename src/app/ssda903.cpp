#include "app/ssda903.hpp"

#include "app/csv_table.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

namespace waymark::app {

using core::Date;
using core::ErrorKind;
using core::EventType;

namespace {

constexpr int kFirstYear = 2017;  // the earliest code lists seen (SSDA903.md section 1.3)
constexpr int kLastYear = 2026;   // 2026-27

std::string year_name(int year) {
    const int next = (year + 1) % 100;
    return std::to_string(year) + "-" + (next < 10 ? "0" : "") + std::to_string(next);
}

std::string upper(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// A code and the collection years it is valid in (SSDA903.md section 1.3).
struct Code {
    std::string_view code;
    int from = kFirstYear;
    int to = kLastYear;
};

const std::vector<Code> kRne{{"S"}, {"L"}, {"P"}, {"T"}, {"B"}, {"U"}};
const std::vector<Code> kLs{{"C1"}, {"C2"}, {"D1"}, {"E1"}, {"V2"}, {"V3"}, {"V4"},
                            {"L1"}, {"L2"}, {"L3"}, {"J1"}, {"J2"}, {"J3"}};
const std::vector<Code> kCin{{"N1"}, {"N2"}, {"N3"}, {"N4"}, {"N5"}, {"N6"}, {"N7"}, {"N8"}};
const std::vector<Code> kPlace{{"U1"},        {"U2"},
                               {"U3"},        {"U4"},
                               {"U5"},        {"U6"},
                               {"A3"},        {"A4"},
                               {"A5"},        {"A6"},
                               {"P1"},        {"P2", kFirstYear, 2024},
                               {"P3"},        {"H5", kFirstYear, 2024},
                               {"K1"},        {"K2"},
                               {"K3", 2024},  {"R1"},
                               {"R2"},        {"R3"},
                               {"R5"},        {"S1"},
                               {"T0"},        {"T1"},
                               {"T2"},        {"T3"},
                               {"T4"},        {"Z1", kFirstYear, 2024},
                               {"Z11", 2025}, {"Z12", 2025},
                               {"Z13", 2025}, {"Z14", 2025}};
// E43/E44 are in the 2017 list only; E45-E48 in every list from 2022-23 (their first year was
// not found, and the validator's own 2017 fake returns use them, so they are accepted throughout).
const std::vector<Code> kRec{{"X1"},
                             {"E11"},
                             {"E12"},
                             {"E2"},
                             {"E3"},
                             {"E4A"},
                             {"E4B"},
                             {"E13"},
                             {"E41"},
                             {"E43", kFirstYear, 2021},
                             {"E44", kFirstYear, 2021},
                             {"E45"},
                             {"E46"},
                             {"E47"},
                             {"E48"},
                             {"E5"},
                             {"E6"},
                             {"E7"},
                             {"E8"},
                             {"E9"},
                             {"E14"},
                             {"E15"},
                             {"E16"},
                             {"E17"}};
const std::vector<Code> kSex{{"1", kFirstYear, 2023}, {"2", kFirstYear, 2023}, {"M", 2024}, {"F", 2024}, {"U", 2024}};
const std::vector<Code> kReview{{"PN0"}, {"PN1"}, {"PN2"}, {"PN3"}, {"PN4"}, {"PN5"}, {"PN6"}, {"PN7"}};

// Empty if `value` is a code of `list` in `year`, else what is wrong, in words.
std::string code_problem(const std::vector<Code>& list, std::string_view value, int year) {
    if (value.empty()) return "required";
    std::vector<std::string> valid;
    const Code* found = nullptr;
    for (const auto& c : list) {
        if (year >= c.from && year <= c.to) valid.emplace_back(c.code);
        if (c.code == value) found = &c;
    }
    if (found != nullptr && year >= found->from && year <= found->to) return {};
    std::string why = "'" + std::string(value) + "' is not a code of the " + year_name(year) + " return";
    if (found != nullptr) {
        why += found->to < year ? " (it was used until " + year_name(found->to) + ")"
                                : " (it is used from " + year_name(found->from) + ")";
    }
    return why + " (expected " + join(valid) + ")";
}

// The files of a return, as the Department's validator names them (lower case).
const std::array<std::string_view, 12> kFiles{
    "header",  "episodes",    "reviews", "uasc", "oc2", "oc3", "ad1", "placed_for_adoption", "previous_permanence",
    "missing", "sw_episodes", "dolo"};

const std::vector<std::string> kHeaderColumns{"CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"};
const std::vector<std::string> kHeaderRequired{"CHILD", "SEX", "DOB"};
const std::vector<std::string> kEpisodeColumns{"CHILD",     "DECOM",          "RNE", "LS",  "CIN",
                                               "PLACE",     "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE",
                                               "HOME_POST", "PL_POST",        "URN"};
const std::vector<std::string> kEpisodeRequired{"CHILD", "DECOM", "RNE", "LS", "PLACE", "DEC", "REC"};
const std::vector<std::string> kReviewColumns{"CHILD", "DOB", "REVIEW", "REVIEW_CODE"};
const std::vector<std::string> kReviewRequired{"CHILD", "REVIEW", "REVIEW_CODE"};
const std::vector<std::string> kPlacedColumns{"CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED",
                                              "REASON_PLACED_CEASED"};
const std::vector<std::string> kPlacedRequired{"CHILD", "DATE_PLACED"};
const std::vector<std::string> kAd1Columns{"CHILD",       "DOB",       "DATE_INT",   "DATE_MATCH",
                                           "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"};
const std::vector<std::string> kAd1Required{"CHILD", "DATE_MATCH"};

// One episode of the merged chain: from a file of this import (line > 0) or read back from the
// store's notes (line 0). A dropped episode is a tombstone: the return `year` left it out.
struct Episode {
    std::string child;
    Date decom;
    std::string rne;
    std::string ls;
    std::string cin;
    std::string place;
    std::optional<Date> dec;
    std::string rec;
    int year = 0;
    bool dropped = false;
    std::string file;  // where it was read, for problems
    std::size_t line = 0;
};

struct HeaderRow {
    std::optional<Date> dob;  // unset when header.csv's was wrong (a problem already)
    std::string sex;
    int year = 0;
    std::size_t line = 0;
};

struct Review {
    Date date;
    std::string code;
    int year = 0;
};

// The files of one child (all years of this import).
struct ChildFiles {
    std::optional<HeaderRow> header;
    std::map<Date, Review> reviews;
    std::set<Date> placed;   // PlacedAdoption DATE_PLACED
    std::set<Date> matched;  // AD1 DATE_MATCH
};

// The note of an episode's own event and of the episodes it carries: everything the merge
// needs to read the chain back (docs/interop.md, "What is stored").
std::string episode_fields(const Episode& e) {
    std::string out = "RNE=" + e.rne + " LS=" + e.ls;
    if (!e.cin.empty()) out += " CIN=" + e.cin;
    out += " PLACE=" + e.place;
    if (e.dec) out += " DEC=" + e.dec->iso();
    if (!e.rec.empty()) out += " REC=" + e.rec;
    return out + " RETURN=" + std::to_string(e.year);
}

// Parses the records of a stored episode event's note; `own` is the event's own DECOM.
void parse_note(std::string_view note, const std::string& child, Date own, std::vector<Episode>& out) {
    if (!note.starts_with("SSDA903 ")) return;
    std::size_t start = 0;
    bool first = true;
    while (start <= note.size()) {
        auto end = note.find(" | ", start);
        if (end == std::string_view::npos) end = note.size();
        std::string_view segment = note.substr(start, end - start);
        if (first) segment.remove_prefix(8);
        Episode e;
        e.child = child;
        e.decom = own;
        bool ok = first;
        bool have_year = false;
        std::size_t p = 0;
        while (p < segment.size()) {
            auto q = segment.find(' ', p);
            if (q == std::string_view::npos) q = segment.size();
            const auto token = segment.substr(p, q - p);
            p = q + 1;
            const auto eq = token.find('=');
            if (eq == std::string_view::npos) continue;
            const auto key = token.substr(0, eq);
            const auto value = token.substr(eq + 1);
            if (key == "EPISODE" || key == "DROPPED") {
                auto d = Date::try_parse(value);
                if (!d) break;
                e.decom = *d;
                e.dropped = key == "DROPPED";
                ok = true;
            } else if (key == "RNE") {
                e.rne = value;
            } else if (key == "LS") {
                e.ls = value;
            } else if (key == "CIN") {
                e.cin = value;
            } else if (key == "PLACE") {
                e.place = value;
            } else if (key == "DEC") {
                e.dec = Date::try_parse(value);
            } else if (key == "REC") {
                e.rec = value;
            } else if (key == "RETURN") {
                try {
                    e.year = std::stoi(std::string(value));
                    have_year = true;
                } catch (const std::exception&) {
                    have_year = false;
                }
            }
        }
        if (ok && have_year && (e.dropped || (!e.rne.empty() && !e.ls.empty() && !e.place.empty()))) {
            out.push_back(std::move(e));
        }
        first = false;
        if (end == note.size()) break;
        start = end + 3;
    }
}

bool is_temporary(std::string_view place) {
    return place.size() == 2 && place[0] == 'T';
}
bool is_adoptive(std::string_view place) {
    return place == "A3" || place == "A4" || place == "A5" || place == "A6";
}
bool is_short_break(std::string_view ls) {
    return ls == "V3" || ls == "V4";
}

std::string_view placement_of(std::string_view place) {
    if (place == "U1" || place == "U2" || place == "U3") return "kinship";
    if (place == "U4" || place == "U5" || place == "U6") return "foster";
    if (is_adoptive(place)) return "prospective_adopters";
    if (place == "K1") return "secure";
    if (place == "K2" || place == "R1" || place == "S1") return "residential";
    return "other";
}

std::string_view basis_of(std::string_view ls) {
    if (ls == "V2" || ls == "V3" || ls == "V4") return "s20";
    if (ls == "C1") return "interim_care_order";
    if (ls == "C2") return "care_order";
    if (ls == "L1" || ls == "L2" || ls == "L3") return "emergency";
    if (ls == "J1" || ls == "J2" || ls == "J3") return "youth_justice";
    return "other";  // E1, D1: a placement order is its own event
}

std::string_view destination_of(std::string_view rec) {
    if (rec == "E11" || rec == "E12") return "adoption";
    if (rec == "E4A" || rec == "E4B") return "home";
    if (rec == "E45" || rec == "E47") return "kinship_care_order";
    if (rec == "E43" || rec == "E44" || rec == "E46" || rec == "E48") return "sgo";
    if (rec == "E41") return "cao";
    if (rec == "E5" || rec == "E6") return "independent";
    return "other";
}

std::string_view child_views_of(std::string_view code) {
    if (code == "PN1") return "attended";
    if (code == "PN2" || code == "PN5") return "advocate";
    if (code == "PN3" || code == "PN6") return "written";
    return "not_sought";
}

// An event derived for a child, before it is written.
struct Derived {
    core::Event event;
    bool carrier = false;  // an episode's own placement-type event, which carries records
};

}  // namespace

Ssda903Return parse_ssda903_return(std::string_view text) {
    const auto colon = text.find(':');
    const auto usage = [&] {
        return core::Error(ErrorKind::usage, "--ssda903 '" + core::printable(text) +
                                                 "': expected YEAR:FOLDER, YEAR the collection year's start (" +
                                                 std::to_string(kFirstYear) + " to " + std::to_string(kLastYear) +
                                                 ", 2017 for 1 April 2017 to 31 March 2018)");
    };
    if (colon != 4 || text.size() <= 5) throw usage();
    int year = 0;
    for (char c : text.substr(0, 4)) {
        if (c < '0' || c > '9') throw usage();
        year = year * 10 + (c - '0');
    }
    if (year < kFirstYear || year > kLastYear) throw usage();
    return {year, std::string(text.substr(5))};
}

namespace {

class Importer {
public:
    Importer(Ssda903Ports store, const core::Vocabulary& vocabulary, const Ssda903Options& options)
        : store_(store), vocabulary_(vocabulary), options_(options), problems_{options.max_problems, {}, 0} {}

    Ssda903Result run() {
        if (options_.returns.empty())
            throw core::Error(ErrorKind::usage, "nothing to import: give --ssda903 YEAR:FOLDER");
        if (options_.local_authority.empty()) {
            throw core::Error(ErrorKind::usage, "give --local-authority: the returns do not say whose they are");
        }
        std::set<int> years;
        for (const auto& r : options_.returns) {
            if (!years.insert(r.year).second) {
                throw core::Error(ErrorKind::usage, "the " + year_name(r.year) + " return is given twice");
            }
        }
        read_store();
        // Oldest first, so that a newer return's rows win.
        auto returns = options_.returns;
        std::sort(returns.begin(), returns.end(), [](const auto& a, const auto& b) { return a.year < b.year; });
        for (const auto& r : returns) find_files(r);
        for (const auto& [year, files] : files_) {
            for (const auto& [kind, path] : files) total_bytes_ += std::filesystem::file_size(path);
        }
        for (const auto& r : returns) read_return(r);
        // The merge and its checks run even after a problem, so that every problem is named.
        merge();
        check_chains();
        if (problems_.total > 0) throw ImportError(std::move(problems_.list), problems_.total);
        write();
        return result_;
    }

    [[nodiscard]] const Ssda903Result& result() const { return result_; }

private:
    // --- what is stored ---------------------------------------------------------------------

    void read_store() {
        for (auto& c : store_.children.child_index()) {
            if (c.local_authority == options_.local_authority) keys_[c.child_id] = c.key;
        }
        JourneyFilter filter;
        filter.local_authority = options_.local_authority;
        filter.with_notes = true;
        store_.journeys.for_each_journey(
            filter, [&](const core::ChildRecord& child, std::span<const core::Event> events) {
                const std::string prefix = "903:" + child.child_id + ":ep:";
                bool any = false;
                for (const auto& e : events) {
                    if (!e.event_id.starts_with(prefix)) continue;
                    any = true;
                    stored_events_[child.child_id].emplace(e.event_id, e);
                    if (e.status == core::EventStatus::cancelled) continue;
                    const std::string_view rest = std::string_view(e.event_id).substr(prefix.size());
                    if (rest.size() != 10) continue;  // not an episode's own event
                    if (auto own = Date::try_parse(rest)) {
                        std::vector<Episode> parsed;
                        parse_note(e.note, child.child_id, *own, parsed);
                        for (auto& p : parsed) stored_.push_back(std::move(p));
                    }
                }
                if (any || keys_.contains(child.child_id)) stored_children_.emplace(child.child_id, child);
            });
    }

    // --- the files --------------------------------------------------------------------------

    void problem(const std::string& file, std::size_t line, std::size_t column, std::string field,
                 std::string message) {
        problems_.add({file, line, column, std::move(field), std::move(message)});
    }

    void find_files(const Ssda903Return& r) {
        namespace fs = std::filesystem;
        auto& files = files_[r.year];
        std::error_code ec;
        if (!fs::is_directory(r.folder, ec)) {
            problem(r.folder, 0, 0, "", "not a folder (the " + year_name(r.year) + " return's CSV files)");
            return;
        }
        std::vector<fs::path> entries;
        for (const auto& entry : fs::directory_iterator(r.folder, ec)) {
            if (entry.is_regular_file()) entries.push_back(entry.path());
        }
        std::sort(entries.begin(), entries.end());
        std::vector<std::string> expected;
        expected.reserve(std::size(kFiles));
        for (auto f : kFiles) expected.push_back(std::string(f) + ".csv");
        for (const auto& path : entries) {
            std::string name = lower(path.filename().string());
            if (!name.ends_with(".csv")) continue;  // the XML return, licences, notes
            name.resize(name.size() - 4);
            if (name.size() > 5 && name[4] == '-' &&
                std::all_of(name.begin(), name.begin() + 4, [](char c) { return c >= '0' && c <= '9'; })) {
                if (name.substr(0, 4) != std::to_string(r.year)) {
                    problem(path.string(), 0, 0, "",
                            "named for the " + name.substr(0, 4) + " return but given as the " + year_name(r.year) +
                                " return");
                    continue;
                }
                name = name.substr(5);
            }
            if (std::find(kFiles.begin(), kFiles.end(), name) == kFiles.end()) {
                problem(path.string(), 0, 0, "",
                        "not a file of an SSDA903 return (expected " + join(expected) +
                            ", each optionally named YEAR-name)");
                continue;
            }
            if (auto [it, fresh] = files.emplace(name, path.string()); !fresh) {
                problem(path.string(), 0, 0, "",
                        "the return's " + name + " file is given twice (also " + it->second + ")");
            }
        }
        for (const char* required : {"header", "episodes"}) {
            if (!files.contains(required)) {
                problem(r.folder, 0, 0, "",
                        "no " + std::string(required) + ".csv in the " + year_name(r.year) + " return");
            }
        }
    }

    // Reads one file with the shared Table, naming the file by its path in problems.
    template <typename Row>
    void read_file(int year, const std::string& kind, const std::vector<std::string>& columns,
                   const std::vector<std::string>& required, Row row) {
        const auto it = files_[year].find(kind);
        if (it == files_[year].end()) return;
        const std::string& path = it->second;
        Problems local{options_.max_problems, {}, 0};
        Table t(path, columns, required, true, local);
        if (t.ok() && kind == "header") header_read_.insert(year);
        if (t.ok()) {
            std::size_t rows = 0;
            while (t.next()) {
                row(t, local, path);
                if ((++rows & 0x3FF) == 0) progress(t.bytes_read());
            }
            done_bytes_ += t.size();
            progress(0);
        }
        for (auto& p : local.list) {
            p.file = path;
            problems_.add(std::move(p));
        }
        problems_.total += local.total - local.list.size();
    }

    void progress(std::size_t bytes) const {
        if (options_.progress) options_.progress(std::min(done_bytes_ + bytes, total_bytes_), total_bytes_);
    }

    std::optional<Date> date_field(Table& t, std::size_t k, const std::vector<std::string>& columns, bool required) {
        const auto text = t.get(k);
        if (text.empty()) {
            if (required) t.problem(k, columns, "required (a date, DD/MM/YYYY)");
            return std::nullopt;
        }
        auto d = Date::try_parse(text, true);
        if (!d) {
            t.problem(k, columns, "'" + std::string(text) + "' is not a date (expected DD/MM/YYYY)");
        } else if (*d < Date(1900, 1, 1)) {
            t.problem(k, columns, d->iso() + " is before 1900");
            d.reset();
        } else if (*d > options_.today) {
            t.problem(k, columns, d->iso() + " is after today");
            d.reset();
        }
        return d;
    }

    // The child of a row of a file other than header.csv: in that return's header.csv.
    const HeaderRow* child_of(Table& t, const std::vector<std::string>& columns, int year) {
        const std::string id(t.get(0));
        const auto it = headers_[year].find(id);
        if (!header_read_.contains(year)) return nullptr;  // no header.csv: a problem already
        if (it == headers_[year].end()) {
            t.problem(0, columns,
                      id.empty() ? "required" : "child " + id + " is not in the " + year_name(year) + " header.csv");
            return nullptr;
        }
        return &it->second;
    }

    void before_birth(Table& t, std::size_t k, const std::vector<std::string>& columns, const HeaderRow* child,
                      const std::optional<Date>& d) {
        if (child != nullptr && child->dob && d && *d < *child->dob) {
            t.problem(k, columns,
                      d->iso() + " is before the child's date of birth (" + child->dob->iso() + ", header.csv line " +
                          std::to_string(child->line) + ")");
        }
    }

    void read_return(const Ssda903Return& r) {
        const int year = r.year;
        auto& headers = headers_[year];
        read_file(year, "header", kHeaderColumns, kHeaderRequired, [&](Table& t, Problems&, const std::string&) {
            const std::string id(t.get(0));
            bool ok = true;
            if (!core::is_reference(id)) {
                t.problem(0, kHeaderColumns,
                          id.empty() ? "required"
                                     : "'" + id + "' is not a case reference (1-64 characters of A-Z a-z 0-9 - _ . /)");
                ok = false;
            }
            const std::string sex = upper(t.get(1));
            if (auto why = code_problem(kSex, sex, year); !why.empty()) t.problem(1, kHeaderColumns, why);
            const auto dob = date_field(t, 2, kHeaderColumns, true);
            // Still recorded with a wrong sex or date, so that the child's other rows are checked.
            if (!ok) return;
            auto [it, fresh] = headers.emplace(id, HeaderRow{dob, sex, year, t.line()});
            if (!fresh) {
                t.problem(0, kHeaderColumns, "child " + id + " is already on line " + std::to_string(it->second.line));
            }
        });
        read_file(
            year, "episodes", kEpisodeColumns, kEpisodeRequired, [&](Table& t, Problems&, const std::string& path) {
                ++result_.episodes;
                const HeaderRow* child = child_of(t, kEpisodeColumns, year);
                Episode e;
                e.child = t.get(0);
                e.year = year;
                e.file = path;
                e.line = t.line();
                bool ok = child != nullptr;
                const auto decom = date_field(t, 1, kEpisodeColumns, true);
                before_birth(t, 1, kEpisodeColumns, child, decom);
                const auto code = [&](std::size_t k, const std::vector<Code>& list, std::string& into, bool optional) {
                    into = upper(t.get(k));
                    if (optional && into.empty()) return;
                    if (auto why = code_problem(list, into, year); !why.empty()) {
                        t.problem(k, kEpisodeColumns, why);
                        ok = false;
                    }
                };
                code(2, kRne, e.rne, false);
                code(3, kLs, e.ls, false);
                code(4, kCin, e.cin, true);
                code(5, kPlace, e.place, false);
                e.dec = date_field(t, 7, kEpisodeColumns, false);
                if (!t.get(7).empty() && !e.dec) ok = false;
                // A REC on an open episode is a quirk of real returns: it is kept but does not close it.
                code(8, kRec, e.rec, true);
                if (decom && e.dec && *e.dec < *decom) {
                    t.problem(7, kEpisodeColumns, e.dec->iso() + " is before DECOM (" + decom->iso() + ")");
                    ok = false;
                }
                if (e.dec && e.rec.empty()) {
                    t.problem(8, kEpisodeColumns, "required when DEC is given (the reason the episode ceased)");
                    ok = false;
                }
                if (!decom || !ok) return;
                e.decom = *decom;
                auto& seen = episode_lines_[year][e.child];
                if (auto [it, fresh] = seen.emplace(e.decom, t.line()); !fresh) {
                    t.problem(1, kEpisodeColumns,
                              "child " + e.child + " has an episode starting " + e.decom.iso() + " already on line " +
                                  std::to_string(it->second));
                    return;
                }
                new_.push_back(std::move(e));
            });
        read_file(year, "reviews", kReviewColumns, kReviewRequired, [&](Table& t, Problems&, const std::string&) {
            const HeaderRow* child = child_of(t, kReviewColumns, year);
            const auto date = date_field(t, 2, kReviewColumns, true);
            before_birth(t, 2, kReviewColumns, child, date);
            const std::string code = upper(t.get(3));
            if (auto why = code_problem(kReview, code, year); !why.empty()) {
                t.problem(3, kReviewColumns, why);
                return;
            }
            if (child == nullptr || !date) return;
            files_of_[std::string(t.get(0))].reviews[*date] = Review{*date, code, year};
        });
        read_file(year, "placed_for_adoption", kPlacedColumns, kPlacedRequired,
                  [&](Table& t, Problems&, const std::string&) {
                      const HeaderRow* child = child_of(t, kPlacedColumns, year);
                      const auto date = date_field(t, 2, kPlacedColumns, true);
                      before_birth(t, 2, kPlacedColumns, child, date);
                      const auto ceased = date_field(t, 3, kPlacedColumns, false);
                      if (date && ceased && *ceased < *date) {
                          t.problem(3, kPlacedColumns, ceased->iso() + " is before DATE_PLACED (" + date->iso() + ")");
                      }
                      if (child != nullptr && date) files_of_[std::string(t.get(0))].placed.insert(*date);
                  });
        read_file(year, "ad1", kAd1Columns, kAd1Required, [&](Table& t, Problems&, const std::string&) {
            const HeaderRow* child = child_of(t, kAd1Columns, year);
            const auto date = date_field(t, 3, kAd1Columns, true);
            before_birth(t, 3, kAd1Columns, child, date);
            if (child != nullptr && date) files_of_[std::string(t.get(0))].matched.insert(*date);
        });
        // uasc, oc2, oc3, previous_permanence, missing, sw_episodes and dolo map to nothing
        // (docs/interop.md): they are recognised and not read.
        for (auto& [id, h] : headers) files_of_[id].header = h;  // newer years overwrite older
    }

    // --- the merge --------------------------------------------------------------------------

    void merge() {
        // Every version of each episode, stored or new: the latest return wins; for the same
        // return, the files of this import win over what is stored.
        std::map<std::pair<std::string, Date>, Episode> chosen;
        std::set<int> years;
        const auto offer = [&](Episode&& e) {
            years.insert(e.year);
            auto key = std::make_pair(e.child, e.decom);
            auto it = chosen.find(key);
            if (it == chosen.end()) {
                chosen.emplace(std::move(key), std::move(e));
            } else if (e.year > it->second.year || (e.year == it->second.year && e.line > 0)) {
                it->second = std::move(e);
            }
        };
        for (auto& e : stored_) offer(std::move(e));
        for (auto& e : new_) offer(std::move(e));
        for (const auto& r : options_.returns) years.insert(r.year);
        // An episode that a newer return covers but does not hold was dropped or re-dated
        // by it: the earliest such return drops it.
        for (auto& [key, e] : chosen) {
            if (e.dropped) continue;
            for (int y : years) {
                if (y <= e.year) continue;
                const Date first(y, 4, 1);
                const Date last(y + 1, 3, 31);
                if (e.decom <= last && (!e.dec || *e.dec >= first)) {
                    Episode tomb;
                    tomb.child = e.child;
                    tomb.decom = e.decom;
                    tomb.year = y;
                    tomb.dropped = true;
                    e = std::move(tomb);
                    break;
                }
            }
        }
        for (auto& [key, e] : chosen) {
            if (!e.dropped) ++result_.merged_episodes;
            chains_[key.first].push_back(std::move(e));
        }
    }

    // Overlaps are problems, named at a row of this import's files.
    void check_chains() {
        std::vector<ImportProblem> found;
        for (const auto& [child, chain] : chains_) {
            const Episode* prev = nullptr;
            for (const auto& e : chain) {
                if (e.dropped) continue;
                if (prev != nullptr && (!prev->dec || *prev->dec > e.decom)) {
                    const Episode& at = e.line > 0 ? e : *prev;
                    if (at.line > 0) {
                        const auto where = [](const Episode& x) {
                            return x.line > 0 ? x.file + " line " + std::to_string(x.line)
                                              : "stored from the " + year_name(x.year) + " return";
                        };
                        const Episode& other = &at == &e ? *prev : e;
                        std::string message =
                            "child " + child + "'s episode starting " + e.decom.iso() +
                            (prev->dec ? " begins before the episode starting " + prev->decom.iso() + " ended (" +
                                             prev->dec->iso() + ")"
                                       : " begins while the episode starting " + prev->decom.iso() + " has no DEC") +
                            " (" + where(other) + "): the episodes overlap";
                        found.push_back({at.file, at.line, 2, "DECOM", std::move(message)});
                    }
                }
                prev = &e;
            }
        }
        // In the order of the files, not of the children.
        std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
            return std::tie(a.file, a.line) < std::tie(b.file, b.line);
        });
        for (auto& p : found) problems_.add(std::move(p));
    }

    // --- the events -------------------------------------------------------------------------

    core::Event make(Date date, EventType type, const std::string& details, std::string_view agency, std::string note,
                     std::string id) const {
        core::Event e;
        e.date = date;
        e.type = core::id_of(type);
        e.details = details.empty() ? details : vocabulary_.canonical_details(e.type, details);
        e.agency = agency;
        e.note = std::move(note);
        e.event_id = std::move(id);
        return e;
    }

    std::vector<Derived> derive(const std::string& child, const std::vector<Episode>& chain,
                                const ChildFiles* files) const {
        std::vector<Derived> out;
        const std::string base = "903:" + child + ":ep:";
        std::vector<const Episode*> live;
        for (const auto& e : chain) {
            if (!e.dropped) live.push_back(&e);
        }
        // Which live episode has its own event (the rest are carried in another's note).
        std::map<Date, std::size_t> own;  // DECOM -> index into out
        std::size_t i = 0;
        while (i < live.size()) {
            // A period of care: from here to the first episode that ceases other than X1.
            std::size_t j = i;
            while (j + 1 < live.size()) {
                const Episode& a = *live[j];
                const Episode& b = *live[j + 1];
                if (!a.dec || a.rec != "X1" || *a.dec != b.decom || b.rne == "S") break;
                ++j;
            }
            bool short_breaks = true;
            for (std::size_t k = i; k <= j; ++k) short_breaks = short_breaks && is_short_break(live[k]->ls);
            if (short_breaks && !options_.include_short_breaks) {
                i = j + 1;
                continue;
            }
            std::optional<std::string> effective;  // the PLACE of the last non-temporary episode
            bool adoptive = false;
            bool placement_order = false;
            for (std::size_t k = i; k <= j; ++k) {
                const Episode& e = *live[k];
                const std::string id = base + e.decom.iso();
                const std::string raw = "SSDA903 RNE=" + e.rne + " LS=" + e.ls + " PLACE=" + e.place;
                if (!is_temporary(e.place)) {
                    std::optional<core::Event> start;
                    const bool home = e.place == "P1";
                    if (!effective) {
                        start = home ? make(e.decom, EventType::looked_after_at_home, "", "social_work", "", id)
                                     : make(e.decom, EventType::accommodated,
                                            "placement=" + std::string(placement_of(e.place)) +
                                                ";basis=" + std::string(basis_of(e.ls)),
                                            "social_work", "", id);
                    } else if (*effective == "P1" && !home) {
                        start = make(
                            e.decom, EventType::accommodated,
                            "placement=" + std::string(placement_of(e.place)) + ";basis=" + std::string(basis_of(e.ls)),
                            "social_work", "", id);
                    } else if (*effective != "P1" && home) {
                        start = make(e.decom, EventType::returned_home, "", "social_work", "", id);
                    } else if (!home &&
                               (e.rne == "P" || e.rne == "B" || placement_of(e.place) != placement_of(*effective))) {
                        start = make(e.decom, EventType::placement_change,
                                     "placement=" + std::string(placement_of(e.place)), "social_work", "", id);
                    }
                    if (start) {
                        own[e.decom] = out.size();
                        out.push_back({std::move(*start), true});
                    }
                    if (is_adoptive(e.place) && !adoptive) {
                        out.push_back({make(e.decom, EventType::placed_with_permanent_carers, "", "social_work", raw,
                                            id + ":placed"),
                                       false});
                    }
                    adoptive = adoptive || is_adoptive(e.place);
                    effective = e.place;
                }
                const bool order = e.ls == "E1" || e.ls == "D1";
                if (order && !placement_order) {
                    out.push_back({make(e.decom, EventType::order_granted, "order=placement_order", "court", raw,
                                        id + ":placement_order"),
                                   false});
                }
                placement_order = order;
                if (k == j && e.dec && e.rec != "X1" && effective) {
                    const std::string ended = "SSDA903 REC=" + e.rec;
                    if (e.rec == "E11" || e.rec == "E12") {
                        out.push_back(
                            {make(*e.dec, EventType::order_granted, "order=adoption", "court", ended, id + ":order"),
                             false});
                    }
                    out.push_back(
                        {make(*e.dec, EventType::ceased_looked_after,
                              "destination=" + std::string(destination_of(e.rec)), "social_work", ended, id + ":end"),
                         false});
                }
            }
            i = j + 1;
        }
        // The notes: each episode's own event holds its record; every other record (episodes
        // with no event of their own, and those a newer return dropped) is carried by the
        // latest own event that starts on or before it, or else by the first.
        if (!own.empty()) {
            std::map<std::size_t, std::vector<const Episode*>> carried;
            for (const auto& e : chain) {
                if (!e.dropped && own.contains(e.decom)) continue;
                auto it = own.upper_bound(e.decom);
                const std::size_t at = it == own.begin() ? own.begin()->second : std::prev(it)->second;
                carried[at].push_back(&e);
            }
            for (const auto& entry : own) {
                const Date decom = entry.first;
                const std::size_t index = entry.second;
                const auto self = std::find_if(chain.begin(), chain.end(),
                                               [&](const Episode& e) { return !e.dropped && e.decom == decom; });
                std::string note = "SSDA903 " + episode_fields(*self);
                for (const Episode* c : carried[index]) {
                    note += c->dropped ? " | DROPPED=" + c->decom.iso() + " RETURN=" + std::to_string(c->year)
                                       : " | EPISODE=" + c->decom.iso() + " " + episode_fields(*c);
                }
                out[index].event.note = std::move(note);
            }
        }
        std::stable_sort(out.begin(), out.end(),
                         [](const Derived& a, const Derived& b) { return a.event.date < b.event.date; });
        if (files != nullptr) {
            std::vector<Derived> more;
            const std::string id = "903:" + child;
            for (const auto& [date, review] : files->reviews) {
                more.push_back(
                    {make(date, EventType::lar, "kind=standard;child_views=" + std::string(child_views_of(review.code)),
                          "social_work", "SSDA903 REVIEW_CODE=" + review.code, id + ":review:" + date.iso()),
                     false});
            }
            for (const auto& date : files->placed) {
                more.push_back({make(date, EventType::permanence_recommendation, "route=adoption", "social_work",
                                     "SSDA903: inferred from the PlacedAdoption decision (the return has no "
                                     "recommendation date)",
                                     id + ":adm:" + date.iso() + ":recommendation"),
                                false});
                more.push_back({make(date, EventType::adm_decision, "decision=agreed", "social_work",
                                     "SSDA903 PlacedAdoption DATE_PLACED", id + ":adm:" + date.iso()),
                                false});
            }
            for (const auto& date : files->matched) {
                more.push_back({make(date, EventType::matched, "", "social_work", "SSDA903 AD1 DATE_MATCH",
                                     id + ":match:" + date.iso()),
                                false});
            }
            // Episode events first on a day, then the others, in the order made.
            std::vector<Derived> merged;
            merged.reserve(out.size() + more.size());
            std::merge(std::make_move_iterator(out.begin()), std::make_move_iterator(out.end()),
                       std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()),
                       std::back_inserter(merged),
                       [](const Derived& a, const Derived& b) { return a.event.date < b.event.date; });
            out = std::move(merged);
        }
        return out;
    }

    // --- the write --------------------------------------------------------------------------

    void write() {
        auto writer = store_.imports.begin_import();
        if (options_.audit) {
            writer->set_author({"correct_event", options_.audit->at, options_.audit->actor, options_.audit->origin,
                                std::string(kReplacedByImport)});
        }
        // Every child the files or the store hold, in order.
        std::set<std::string> children;
        for (const auto& [id, f] : files_of_) {
            if (f.header) children.insert(id);
        }
        for (const auto& [id, chain] : chains_) children.insert(id);
        for (const auto& [id, c] : stored_children_) {
            if (stored_events_.contains(id)) children.insert(id);
        }
        std::vector<EventToWrite> batch;
        std::vector<AuditEntry> audit;
        std::int64_t seq = 0;
        for (const auto& id : children) {
            const auto files = files_of_.find(id);
            const ChildFiles* f = files == files_of_.end() ? nullptr : &files->second;
            ChildKey key = 0;
            if (f != nullptr && f->header) {
                core::ChildRecord c;
                if (auto s = stored_children_.find(id); s != stored_children_.end()) c = s->second;
                c.local_authority = options_.local_authority;
                c.child_id = id;
                c.date_of_birth = f->header->dob;  // set: the import has no problems
                c.expected_birth_date.reset();
                const auto& sex = f->header->sex;
                c.sex = sex == "1" || sex == "M" ? "male" : sex == "2" || sex == "F" ? "female" : "unknown";
                key = writer->put_child(c);
                ++result_.children;
                if (options_.audit) {
                    AuditEntry& a = audit.emplace_back(*options_.audit);
                    a.local_authority = options_.local_authority;
                    a.child_id = id;
                }
            } else if (auto k = keys_.find(id); k != keys_.end()) {
                key = k->second;
            } else {
                continue;  // episodes of a child in no header: reported when read
            }
            static const std::vector<Episode> kNone;
            const auto chain = chains_.find(id);
            auto derived = derive(id, chain == chains_.end() ? kNone : chain->second, f);
            std::set<std::string> ids;
            for (auto& d : derived) {
                ids.insert(d.event.event_id);
                EventToWrite& w = batch.emplace_back();
                w.child = key;
                w.local_authority = options_.local_authority;
                w.event = std::move(d.event);
                w.event.seq = seq++;
                w.fingerprint = event_fingerprint(w.event, vocabulary_.name(w.event.type));
                ++result_.events;
            }
            // Stored episode events no longer derived: cancelled under their id.
            if (auto s = stored_events_.find(id); s != stored_events_.end()) {
                for (const auto& [event_id, e] : s->second) {
                    if (ids.contains(event_id) || e.status == core::EventStatus::cancelled) continue;
                    EventToWrite& w = batch.emplace_back();
                    w.child = key;
                    w.local_authority = options_.local_authority;
                    w.event = e;
                    w.event.status = core::EventStatus::cancelled;
                    w.event.note =
                        "SSDA903: no longer in the returns (a newer return dropped, re-dated or changed "
                        "its episode)";
                    w.event.seq = seq++;
                    w.fingerprint = event_fingerprint(w.event, vocabulary_.name(w.event.type));
                    ++result_.cancelled;
                }
            }
            if (batch.size() >= 4096) {
                writer->put_events(batch);
                batch.clear();
            }
        }
        writer->put_events(batch);
        if (const auto refused = writer->refused_events(); !refused.empty()) {
            for (const auto& r : refused) {
                problem("(the store)", 0, 0, "event_id",
                        r.event_id + " is stored for another child of " + options_.local_authority);
            }
            throw ImportError(std::move(problems_.list), problems_.total);
        }
        if (!audit.empty()) writer->put_audit(audit);
        result_.written = writer->commit();
    }

    Ssda903Ports store_;
    const core::Vocabulary& vocabulary_;
    const Ssda903Options& options_;
    Problems problems_;
    Ssda903Result result_;
    std::size_t total_bytes_ = 0;
    std::size_t done_bytes_ = 0;

    std::unordered_map<std::string, ChildKey> keys_;
    std::map<std::string, core::ChildRecord> stored_children_;
    std::map<std::string, std::map<std::string, core::Event>> stored_events_;
    std::vector<Episode> stored_;
    std::vector<Episode> new_;
    std::map<int, std::map<std::string, std::string>> files_;  // year -> kind -> path
    std::map<int, std::unordered_map<std::string, HeaderRow>> headers_;
    std::map<int, std::unordered_map<std::string, std::map<Date, std::size_t>>> episode_lines_;
    std::map<std::string, ChildFiles> files_of_;
    std::set<int> header_read_;  // the years whose header.csv could be read
    std::map<std::string, std::vector<Episode>> chains_;
};

}  // namespace

Ssda903Result import_ssda903(Ssda903Ports store, const core::Vocabulary& vocabulary, const Ssda903Options& options) {
    Importer importer(store, vocabulary, options);
    try {
        return importer.run();
    } catch (const ImportError& e) {
        if (options.audit) {
            AuditEntry entry = *options.audit;
            entry.action = "import_rejected";
            entry.local_authority = options.local_authority;
            entry.child_id.clear();
            entry.detail = "SSDA903 returns, " + std::to_string(importer.result().episodes) +
                           " episode rows: " + core::plural(e.total(), "problem", "problems");
            store.audit.record_audit({&entry, 1});
        }
        throw;
    }
}

std::string ssda903_report(const Ssda903Result& r, const std::vector<Ssda903Return>& returns) {
    std::vector<std::string> years;
    years.reserve(returns.size());
    for (const auto& ret : returns) years.push_back(year_name(ret.year));
    std::sort(years.begin(), years.end());
    const auto& w = r.written;
    return "Imported SSDA903 " + std::string(returns.size() == 1 ? "return " : "returns ") + join(years) + ": " +
           core::plural(r.children, "child", "children") + " (" + std::to_string(w.children_added) + " added, " +
           std::to_string(w.children_updated) + " updated), " + core::plural(r.episodes, "episode", "episodes") + " (" +
           std::to_string(r.merged_episodes) + " in the merged history); " + core::plural(r.events, "event", "events") +
           " (" + std::to_string(w.events_added) + " added, " + std::to_string(w.events_replaced) + " replaced, " +
           std::to_string(w.events_unchanged) + " already stored), " + std::to_string(r.cancelled) +
           " cancelled; 0 problems";
}

}  // namespace waymark::app
