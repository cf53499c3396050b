// `waymark spc` against the worked examples of ../shared/qi-examples (qicharts2 0.8.1 and
// NHSRplotthedots 0.2.2): for every folder, run the real program with the options of its
// expected.json turned into a command line, parse the JSON it prints and compare every expected
// column of the points, the runs analysis, the IHI rules, the Making Data Count groups and icons
// to 1e-9 (relative, absolute below 1), as the folder's README says. Where qi_examples_test.cpp
// checks core/qi, this checks what users get: input parsing, options, and the printed numbers.
#include "support/json.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using waymark::test::Json;
using waymark::test::parse_json;

const std::string kExamples = WAYMARK_SOURCE_DIR "/../shared/qi-examples";
const std::string kWaymark = WAYMARK_BINARY;

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Every folder of the examples, in name order; empty when they are missing (which the test
// EveryFolderIsChecked reports).
std::vector<std::string> example_folders() {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(kExamples, ec)) {
        if (entry.is_directory()) out.push_back(entry.path().filename().string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

// --- Running the program ----------------------------------------------------------------------

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') {
            out += "'\\''";
        } else {
            out += c;
        }
    }
    return out + "'";
}

struct Result {
    int exit_code = -1;
    std::string out;
    std::string err;
    std::string command;
};

Result run_waymark(const std::vector<std::string>& args) {
    static int counter = 0;
    const std::string err_path =
        (std::filesystem::temp_directory_path() /
         ("waymark_spc_cli_test." + std::to_string(getpid()) + "." + std::to_string(++counter) + ".err"))
            .string();
    Result run;
    run.command = shell_quote(kWaymark);
    for (const std::string& a : args) run.command += " " + shell_quote(a);
    FILE* pipe = popen((run.command + " 2>" + shell_quote(err_path)).c_str(), "r");
    if (pipe == nullptr) throw std::runtime_error("cannot run " + run.command);
    char buf[65536];
    std::size_t got = 0;
    while ((got = std::fread(buf, 1, sizeof buf, pipe)) > 0) run.out.append(buf, got);
    const int status = pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.err = read_text(err_path);
    std::filesystem::remove(err_path);
    return run;
}

// --- The command line from expected.json's options ----------------------------------------------

std::string number_arg(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.15g", v);
    return buf;
}

// A number or an array of numbers, as "a,b,c".
std::string list_arg(const Json& v) {
    if (v.kind == Json::Kind::number) return number_arg(v.number);
    std::string out;
    for (const Json& e : v.array) {
        if (!out.empty()) out += ",";
        out += e.kind == Json::Kind::string ? e.string : number_arg(e.number);
    }
    return out;
}

std::vector<std::string> header_of(const std::string& csv_path) {
    std::istringstream in(read_text(csv_path));
    std::string line;
    std::getline(in, line);
    std::vector<std::string> names;
    std::string name;
    for (char c : line + ",") {
        if (c == ',') {
            names.push_back(name);
            name.clear();
        } else if (c != '"' && c != '\r') {
            name += c;
        }
    }
    return names;
}

void check_known(const Json& options, const std::vector<std::string>& known) {
    for (const std::string& key : options.keys) {
        if (std::find(known.begin(), known.end(), key) == known.end()) {
            throw std::runtime_error("option not understood by this test: " + key);
        }
    }
}

// The arguments that give the chart of one example, as qi_examples_test.cpp maps the same
// options to ChartOptions and MdcOptions.
std::vector<std::string> spc_args(const std::string& dir, const Json& expected) {
    const Json& options = expected.at("options");
    const std::vector<std::string> header = header_of(dir + "/input.csv");
    auto has_column = [&](const std::string& name) {
        return std::find(header.begin(), header.end(), name) != header.end();
    };
    std::vector<std::string> args{"spc", "--input", dir + "/input.csv", "--format", "json"};
    if (has_column("facet")) args.insert(args.end(), {"--facet-column", "facet"});
    const std::string& engine = expected.at("engine").string;
    if (engine == "qicharts2") {
        check_known(options,
                    {"chart", "freeze", "part", "part_labels", "exclude", "multiply", "agg_fun", "screened_mr"});
        args.insert(args.end(), {"--chart", options.at("chart").string});
        if (const Json* f = options.find("freeze")) args.insert(args.end(), {"--freeze", list_arg(*f)});
        if (options.find("part_labels") != nullptr) {
            // The same parts as the indices in `part`, given as labels in the input.
            if (!has_column("part_label")) throw std::runtime_error("part_labels without a part_label column");
            args.insert(args.end(), {"--part-column", "part_label"});
        } else if (const Json* p = options.find("part")) {
            args.insert(args.end(), {"--part", list_arg(*p)});
        }
        if (const Json* e = options.find("exclude")) args.insert(args.end(), {"--exclude", list_arg(*e)});
        if (options.at("multiply").number != 1) {
            args.insert(args.end(), {"--multiply", number_arg(options.at("multiply").number)});
        }
        if (options.at("agg_fun").string != "mean") args.insert(args.end(), {"--agg", options.at("agg_fun").string});
        if (!options.at("screened_mr").boolean) args.emplace_back("--no-screened-mr");
    } else if (engine == "NHSRplotthedots") {
        check_known(options, {"improvement_direction", "rebase", "screen_outliers", "fix_after_n_points", "target"});
        args.insert(args.end(), {"--chart", "mdc", "--improvement", options.at("improvement_direction").string});
        if (const Json* r = options.find("rebase")) {
            args.insert(args.end(), {"--rebase", r->kind == Json::Kind::string ? r->string : list_arg(*r)});
        }
        if (const Json* f = options.find("fix_after_n_points")) {
            args.insert(args.end(), {"--fix-after", list_arg(*f)});
        }
        if (const Json* t = options.find("target")) {
            if (t->kind != Json::Kind::number) throw std::runtime_error("per-facet targets are not read by this test");
            args.insert(args.end(), {"--target", number_arg(t->number)});
        }
        if (!options.at("screen_outliers").boolean) args.emplace_back("--no-screened-mr");
    } else {
        throw std::runtime_error("unknown engine " + engine);
    }
    return args;
}

// --- Comparison ---------------------------------------------------------------------------------

bool close(double actual, double expected) {
    return std::abs(actual - expected) <= 1e-9 * std::max(1.0, std::abs(expected));
}

std::string show(const Json& v) {
    switch (v.kind) {
        case Json::Kind::null:
            return "null";
        case Json::Kind::boolean:
            return v.boolean ? "true" : "false";
        case Json::Kind::number: {
            std::ostringstream s;
            s.precision(17);
            s << v.number;
            return s.str();
        }
        case Json::Kind::string:
            return "\"" + v.string + "\"";
        default:
            return "(array or object)";
    }
}

// Same kind and value; numbers to the tolerance; null equals only null.
void expect_same(const Json* actual, const Json& expected, const std::string& where) {
    ASSERT_NE(actual, nullptr) << where << ": missing from the output";
    ASSERT_EQ(actual->kind, expected.kind) << where << ": expected " << show(expected) << ", got " << show(*actual);
    switch (expected.kind) {
        case Json::Kind::number:
            EXPECT_TRUE(close(actual->number, expected.number))
                << where << ": expected " << show(expected) << ", got " << show(*actual);
            break;
        case Json::Kind::boolean:
            EXPECT_EQ(actual->boolean, expected.boolean) << where;
            break;
        case Json::Kind::string:
            EXPECT_EQ(actual->string, expected.string) << where;
            break;
        default:
            break;
    }
}

// The output's records of one kind ("points", "parts", "groups") over all facets, each with its
// facet's name ("no facet" without facets, as the package names it).
struct Flat {
    std::vector<std::string> facet;
    std::vector<const Json*> records;
};

Flat flatten(const Json& output, const std::string& key) {
    Flat flat;
    auto add = [&](const std::string& facet, const Json& series) {
        for (const Json& r : series.at(key).array) {
            flat.facet.push_back(facet);
            flat.records.push_back(&r);
        }
    };
    if (const Json* facets = output.find("facets")) {
        EXPECT_EQ(output.find("points"), nullptr) << "a faceted output has points outside its facets";
        for (const Json& f : facets->array) add(f.at("facet").string, f);
    } else {
        add("no facet", output);
    }
    return flat;
}

// The name of an expected column in the output.
std::string output_name(const std::string& expected_name) {
    if (expected_name == "include") return "included";
    if (expected_name == "n_crossings") return "crossings";
    if (expected_name == "n_crossings_min") return "crossings_min";
    if (expected_name == "special_cause_type") return "special_cause";
    if (expected_name == "f") return "facet";
    return expected_name;
}

void compare_points(const Flat& points, const Json& expected_points) {
    for (std::size_t column = 0; column < expected_points.keys.size(); ++column) {
        const std::string& name = expected_points.keys[column];
        const Json& values = expected_points.members[column];
        ASSERT_EQ(values.array.size(), points.records.size()) << "column " << name;
        for (std::size_t k = 0; k < points.records.size(); ++k) {
            const std::string where = "points " + name + "[" + std::to_string(k + 1) + "]";
            if (name == "facet") {
                EXPECT_EQ(points.facet[k], values.array[k].string) << where;
            } else {
                expect_same(points.records[k]->find(output_name(name)), values.array[k], where);
            }
        }
    }
}

// Rows of objects (runs, IHI parts, Making Data Count summary) against the output's records.
void compare_rows(const Flat& actual, const Json& expected, const std::string& what,
                  const std::vector<std::string>& skip = {}) {
    ASSERT_EQ(actual.records.size(), expected.array.size()) << what << " rows";
    for (std::size_t k = 0; k < expected.array.size(); ++k) {
        const Json& e = expected.array[k];
        for (std::size_t m = 0; m < e.keys.size(); ++m) {
            const std::string& name = e.keys[m];
            if (std::find(skip.begin(), skip.end(), name) != skip.end()) continue;
            const std::string where = what + " " + std::to_string(k + 1) + " " + name;
            if (name == "f") {
                EXPECT_EQ(actual.facet[k], e.members[m].string) << where;
            } else {
                expect_same(actual.records[k]->find(output_name(name)), e.members[m], where);
            }
        }
    }
}

void compare_ihi(const Json& output, const Json& ihi) {
    const Flat parts = flatten(output, "parts");
    compare_rows(parts, ihi.at("parts"), "ihi part", {"median"});
    // The median of each part is the centre line of its points.
    const Flat points = flatten(output, "points");
    for (const Json& part : ihi.at("parts").array) {
        for (const Json* p : points.records) {
            if (p->at("part").number != part.at("part").number) continue;
            expect_same(p->find("cl"), part.at("median"), "ihi median of part " + show(part.at("part")));
        }
    }
    const Json& shift = ihi.at("shift");
    const Json& trend = ihi.at("trend");
    ASSERT_EQ(shift.array.size(), points.records.size());
    ASSERT_EQ(trend.array.size(), points.records.size());
    for (std::size_t k = 0; k < points.records.size(); ++k) {
        expect_same(points.records[k]->find("shift"), shift.array[k], "shift[" + std::to_string(k + 1) + "]");
        expect_same(points.records[k]->find("trend"), trend.array[k], "trend[" + std::to_string(k + 1) + "]");
    }
}

void compare_icons(const Json& output, const Json& icons) {
    std::vector<std::pair<std::string, const Json*>> facets;  // name, icons object
    if (const Json* f = output.find("facets")) {
        for (const Json& one : f->array) facets.emplace_back(one.at("facet").string, &one.at("icons"));
    } else {
        facets.emplace_back("no facet", &output.at("icons"));
    }
    std::size_t given = 0;
    for (const auto& [name, icon] : facets) {
        for (const char* type : {"variation", "assurance"}) {
            if (icon->at(type).kind != Json::Kind::null) ++given;
        }
    }
    EXPECT_EQ(given, icons.array.size()) << "icons";
    for (const Json& icon : icons.array) {
        const std::string& facet = icon.at("facet").string;
        const auto it = std::find_if(facets.begin(), facets.end(), [&](const auto& f) { return f.first == facet; });
        ASSERT_NE(it, facets.end()) << "icon for unknown facet " << facet;
        expect_same(it->second->find(icon.at("type").string), icon.at("icon"),
                    facet + " " + icon.at("type").string + " icon");
    }
}

Json run_json(const std::vector<std::string>& args, Result& run) {
    run = run_waymark(args);
    if (run.exit_code != 0)
        throw std::runtime_error(run.command + " exited " + std::to_string(run.exit_code) + ": " + run.err);
    return parse_json(run.out);
}

class SpcCli : public testing::TestWithParam<std::string> {};

TEST_P(SpcCli, MatchesTheReference) {
    const std::string dir = kExamples + "/" + GetParam();
    const Json expected = parse_json(read_text(dir + "/expected.json"));
    const std::vector<std::string> args = spc_args(dir, expected);
    Result run;
    const Json output = run_json(args, run);
    SCOPED_TRACE(run.command);
    const bool mdc = expected.at("engine").string == "NHSRplotthedots";
    EXPECT_EQ(output.at("chart").string, mdc ? "mdc" : expected.at("options").at("chart").string);

    const Flat points = flatten(output, "points");
    ASSERT_EQ(static_cast<double>(points.records.size()), expected.at("n_points").number);
    compare_points(points, expected.at("points"));
    if (mdc) {
        compare_rows(flatten(output, "groups"), expected.at("summary"), "summary");
        compare_icons(output, expected.at("icons"));
        // The package warns about short groups; so does the program, on standard error.
        EXPECT_EQ(run.err.find("warning:") != std::string::npos, expected.at("warning").kind == Json::Kind::string)
            << "short group warning: " << run.err;
    } else {
        compare_rows(flatten(output, "parts"), expected.at("runs"), "runs part");
        EXPECT_EQ(run.err, "");
        for (const Json* p : points.records) EXPECT_EQ(p->find("shift"), nullptr) << "IHI flags without --rules ihi";
    }

    if (const Json* ihi = expected.find("ihi")) {
        std::vector<std::string> with_ihi = args;
        with_ihi.insert(with_ihi.end(), {"--rules", "ihi"});
        Result ihi_run;
        const Json ihi_output = run_json(with_ihi, ihi_run);
        SCOPED_TRACE(ihi_run.command);
        // The same chart, with the IHI rules added.
        compare_points(flatten(ihi_output, "points"), expected.at("points"));
        compare_rows(flatten(ihi_output, "parts"), expected.at("runs"), "runs part");
        compare_ihi(ihi_output, *ihi);
    } else {
        EXPECT_TRUE(mdc || expected.at("options").at("chart").string != "run") << "a run chart example without IHI";
    }
    std::cout << "[ checked  ] " << GetParam() << " through waymark spc (" << points.records.size() << " points)\n";
}

INSTANTIATE_TEST_SUITE_P(Examples, SpcCli, testing::ValuesIn(example_folders()),
                         [](const testing::TestParamInfo<std::string>& param_info) {
                             std::string name = param_info.param;
                             for (char& c : name) {
                                 if (std::isalnum(static_cast<unsigned char>(c)) == 0) c = '_';
                             }
                             return name;
                         });

TEST(SpcCliExamples, EveryFolderIsChecked) {
    // Every folder is a test above; this fails, clearly, when the examples are missing or when a
    // folder and cases.tsv disagree.
    const std::vector<std::string> folders = example_folders();
    ASSERT_FALSE(folders.empty()) << "no worked examples in " << kExamples;
    std::istringstream cases(read_text(kExamples + "/cases.tsv"));
    std::string line;
    std::getline(cases, line);
    std::set<std::string> listed;
    while (std::getline(cases, line)) {
        if (!line.empty()) listed.insert(line.substr(0, line.find('\t')));
    }
    EXPECT_EQ(std::set<std::string>(folders.begin(), folders.end()), listed) << "folders and cases.tsv";
    for (const std::string& f : folders) {
        EXPECT_TRUE(std::filesystem::exists(kExamples + "/" + f + "/expected.json")) << f;
        EXPECT_TRUE(std::filesystem::exists(kExamples + "/" + f + "/input.csv")) << f;
    }
    std::cout << "[ examples ] " << folders.size() << " folders checked through waymark spc\n";
}

// --- Details of the printed numbers ---------------------------------------------------------------

class SpcCliNumbers : public testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("waymark_spc_numbers." + std::to_string(getpid()) + "." +
                                                         testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::string write(const std::string& name, const std::string& text) {
        const std::string path = (dir_ / name).string();
        std::ofstream(path, std::ios::binary) << text;
        return path;
    }
    std::filesystem::path dir_;
};

TEST_F(SpcCliNumbers, NegativeZeroPrintsAsZeroAndFifteenDigits) {
    const std::string csv = write("z.csv", "x,y\n1,-0\n2,0.1\n3,0.2\n4,123456789.123456789\n5,1e-7\n");
    const Result run = run_waymark({"spc", "--chart", "i", "--input", csv, "--format", "csv"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(run.out.find("-0,"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("\n1,0,"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("\n4,123456789.123457,"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("\n5,1e-07,"), std::string::npos) << run.out;
    // And the JSON is valid, numbers and nulls alike.
    const Result json = run_waymark({"spc", "--chart", "i", "--input", csv, "--format", "json"});
    ASSERT_EQ(json.exit_code, 0) << json.err;
    const Json output = parse_json(json.out);
    EXPECT_EQ(output.at("points").array.size(), 5U);
    EXPECT_EQ(output.at("points").array[0].at("n").kind, Json::Kind::null);
}

TEST_F(SpcCliNumbers, MissingValuesAreNull) {
    const std::string csv = write("m.csv", "x,y,n\n2024-01-01,3,10\n2024-02-01,,10\n2024-03-01,NA,\n2024-04-01,4,8\n");
    const Result run = run_waymark({"spc", "--chart", "p", "--input", csv, "--format", "json"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const Json output = parse_json(run.out);
    const Json& points = output.at("points");
    ASSERT_EQ(points.array.size(), 4U);
    EXPECT_EQ(points.array[1].at("x").string, "2024-02-01");
    EXPECT_EQ(points.array[1].at("y").kind, Json::Kind::null);
    EXPECT_EQ(points.array[2].at("n").kind, Json::Kind::null);
    EXPECT_TRUE(close(points.array[3].at("y").number, 0.5));
}

TEST_F(SpcCliNumbers, FacetsGiveOneSeriesEachInNameOrder) {
    const std::string csv = write("f.csv", "facet,x,y\nb,1,5\na,1,2\nb,2,6\na,2,3\na,3,4\n");
    const Result run =
        run_waymark({"spc", "--chart", "run", "--input", csv, "--facet-column", "facet", "--format", "json"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const Json output = parse_json(run.out);
    const Json& facets = output.at("facets");
    ASSERT_EQ(facets.array.size(), 2U);
    EXPECT_EQ(facets.array[0].at("facet").string, "a");
    EXPECT_EQ(facets.array[0].at("points").array.size(), 3U);
    EXPECT_EQ(facets.array[1].at("facet").string, "b");
    EXPECT_EQ(facets.array[1].at("parts").array.size(), 1U);
    // The CSV carries the facet first.
    const Result csv_run =
        run_waymark({"spc", "--chart", "run", "--input", csv, "--facet-column", "facet", "--format", "csv"});
    EXPECT_EQ(csv_run.out.substr(0, 10), "facet,x,y,");
}

TEST_F(SpcCliNumbers, OutOfRangePointsAreUsageErrorsPerFacet) {
    const std::string csv = write("r.csv", "facet,x,y\nb,1,5\na,1,2\nb,2,6\na,2,3\na,3,4\n");
    const Result run =
        run_waymark({"spc", "--chart", "run", "--input", csv, "--facet-column", "facet", "--exclude", "3"});
    EXPECT_EQ(run.exit_code, 2);
    EXPECT_NE(run.err.find("facet 'b'"), std::string::npos) << run.err;
    EXPECT_EQ(run.out, "");
}

}  // namespace
