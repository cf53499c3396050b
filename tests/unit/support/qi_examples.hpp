#pragma once
// The worked examples of ../shared/qi-examples as the tests read them: input.csv into
// core::qi::Observation rows, and the options of expected.json into ChartOptions and
// MdcOptions (qi_examples_test.cpp compares the charts with the packages' results;
// chart_test.cpp draws them all).
#include "core/qi.hpp"
#include "json.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace waymark::test::examples {

namespace qi = waymark::core::qi;

inline const std::string kExamples = WAYMARK_SOURCE_DIR "/../shared/qi-examples";

inline std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot open " + path +
                                 " (the worked examples are expected in ../shared/qi-examples next to the repository)");
    }
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline std::vector<std::string> split_csv_line(const std::string& line) {
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false;
    for (std::size_t k = 0; k < line.size(); ++k) {
        const char c = line[k];
        if (quoted) {
            if (c == '"' && k + 1 < line.size() && line[k + 1] == '"') {
                field += '"';
                ++k;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.push_back(field);
            field.clear();
        } else if (c != '\r') {
            field += c;
        }
    }
    fields.push_back(field);
    return fields;
}

// x as the chart orders it: an ISO date becomes its day number, anything else a number.
inline double x_value(const std::string& text) {
    if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
        int y = 0;
        unsigned m = 0;
        unsigned d = 0;
        std::from_chars(text.data(), text.data() + 4, y);
        std::from_chars(text.data() + 5, text.data() + 7, m);
        std::from_chars(text.data() + 8, text.data() + 10, d);
        const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
        if (!ymd.ok()) throw std::runtime_error("bad date " + text);
        return static_cast<double>(std::chrono::sys_days{ymd}.time_since_epoch().count());
    }
    double v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || end != text.data() + text.size()) throw std::runtime_error("bad x " + text);
    return v;
}

inline std::optional<double> number_or_missing(const std::string& text) {
    if (text.empty() || text == "NA") return std::nullopt;
    double v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || end != text.data() + text.size()) throw std::runtime_error("bad number " + text);
    return v;
}

struct Input {
    std::vector<qi::Observation> rows;
    std::vector<std::string> facets;  // per row, where the input has a facet column
    bool has_n = false;
    bool has_labels = false;
};

inline Input read_input(const std::string& path) {
    std::istringstream in(read_text(path));
    std::string line;
    if (!std::getline(in, line)) throw std::runtime_error(path + " is empty");
    const auto header = split_csv_line(line);
    auto column_of = [&](const std::string& name) -> int {
        const auto it = std::find(header.begin(), header.end(), name);
        return it == header.end() ? -1 : static_cast<int>(it - header.begin());
    };
    const int x_col = column_of("x");
    const int y_col = column_of("y");
    const int n_col = column_of("n");
    const int label_col = column_of("part_label");
    const int facet_col = column_of("facet");
    if (x_col < 0 || y_col < 0) throw std::runtime_error(path + " has no x or y column");
    Input input;
    input.has_n = n_col >= 0;
    input.has_labels = label_col >= 0;
    while (std::getline(in, line)) {
        if (line.empty() || line == "\r") continue;
        const auto fields = split_csv_line(line);
        if (fields.size() != header.size()) throw std::runtime_error(path + ": bad row: " += line);
        qi::Observation row;
        row.x = x_value(fields[static_cast<std::size_t>(x_col)]);
        row.y = number_or_missing(fields[static_cast<std::size_t>(y_col)]);
        if (n_col >= 0) row.n = number_or_missing(fields[static_cast<std::size_t>(n_col)]);
        if (label_col >= 0) row.part_label = fields[static_cast<std::size_t>(label_col)];
        if (facet_col >= 0) input.facets.push_back(fields[static_cast<std::size_t>(facet_col)]);
        input.rows.push_back(row);
    }
    return input;
}

inline std::vector<std::size_t> index_list(const Json* v) {
    std::vector<std::size_t> out;
    if (v == nullptr) return out;
    if (v->kind == Json::Kind::number) {
        out.push_back(static_cast<std::size_t>(v->number));
    } else {
        for (const Json& e : v->array) out.push_back(static_cast<std::size_t>(e.number));
    }
    return out;
}

inline qi::ChartOptions options_from(const Json& options, const Input& input) {
    qi::ChartOptions o;
    const auto chart = qi::try_parse_chart_type(options.at("chart").string);
    if (!chart) throw std::runtime_error("unknown chart " + options.at("chart").string);
    o.chart = *chart;
    const auto aggregation = qi::try_parse_aggregation(options.at("agg_fun").string);
    if (!aggregation) throw std::runtime_error("unknown agg_fun");
    o.aggregation = *aggregation;
    o.multiply = options.at("multiply").number;
    o.screened_mr = options.at("screened_mr").boolean;
    o.has_denominator = input.has_n;
    if (const Json* f = options.find("freeze")) o.freeze = static_cast<std::size_t>(f->number);
    o.part_breaks = index_list(options.find("part"));
    o.exclude = index_list(options.find("exclude"));
    for (const std::string& key : options.keys) {
        static const std::vector<std::string> known = {"chart",   "freeze",   "part",    "part_labels",
                                                       "exclude", "multiply", "agg_fun", "screened_mr"};
        if (std::find(known.begin(), known.end(), key) == known.end()) {
            throw std::runtime_error("option not understood by this test: " + key);
        }
    }
    return o;
}

inline qi::MdcOptions mdc_options_from(const Json& options) {
    qi::MdcOptions o;
    for (const std::string& key : options.keys) {
        static const std::vector<std::string> known = {"improvement_direction", "rebase", "screen_outliers",
                                                       "fix_after_n_points", "target"};
        if (std::find(known.begin(), known.end(), key) == known.end()) {
            throw std::runtime_error("option not understood by this test: " + key);
        }
    }
    const std::string& direction = options.at("improvement_direction").string;
    if (direction == "increase") {
        o.direction = qi::ImprovementDirection::increase;
    } else if (direction == "decrease") {
        o.direction = qi::ImprovementDirection::decrease;
    } else if (direction == "neutral") {
        o.direction = qi::ImprovementDirection::neutral;
    } else {
        throw std::runtime_error("unknown improvement_direction " + direction);
    }
    o.screen_outliers = options.at("screen_outliers").boolean;
    if (const Json* rebase = options.find("rebase")) {
        if (rebase->kind == Json::Kind::string) {
            o.rebase_x.push_back(x_value(rebase->string));
        } else {
            for (const Json& d : rebase->array) o.rebase_x.push_back(x_value(d.string));
        }
    }
    if (const Json* fix = options.find("fix_after_n_points"))
        o.fix_after_n_points = static_cast<std::size_t>(fix->number);
    if (const Json* target = options.find("target")) {
        if (target->kind != Json::Kind::number) throw std::runtime_error("per-facet targets are not read by this test");
        o.target = target->number;
    }
    return o;
}

}  // namespace waymark::test::examples
