#include "app/spc_input.hpp"

#include "app/csv.hpp"
#include "core/date.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace waymark::app {

namespace {

std::string summary(const std::vector<InputProblem>& problems, std::size_t total) {
    if (total == 1 && problems.size() == 1) return problems.front().to_string();
    std::string out = (problems.empty() ? std::string("the input") : problems.front().file) + " has " +
                      std::to_string(total) + " problems";
    for (const auto& p : problems) out += "\n  " + p.to_string();
    if (total > problems.size()) out += "\n  ... and " + std::to_string(total - problems.size()) + " more";
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool is_missing(std::string_view text) {
    return text.empty() || text == "NA";
}

// NNNN-NN-NN: written as a date, whether or not the day exists.
bool looks_like_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t k = 0; k < s.size(); ++k) {
        if (k != 4 && k != 7 && (s[k] < '0' || s[k] > '9')) return false;
    }
    return true;
}

std::string kind_words(XKind kind) {
    return kind == XKind::date ? "a date" : "a number";
}

struct Problems {
    std::size_t max;
    std::vector<InputProblem> list;
    std::size_t total = 0;
    void add(InputProblem p) {
        ++total;
        if (list.size() < max) list.push_back(std::move(p));
    }
};

}  // namespace

SpcInputError::SpcInputError(std::vector<InputProblem> problems, std::size_t total)
    : core::Error(core::ErrorKind::invalid_input, summary(problems, total)),
      problems_(std::move(problems)),
      total_(total) {}

std::optional<double> parse_number(std::string_view text) noexcept {
    text = trim(text);
    if (text.empty()) return std::nullopt;
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

std::optional<double> parse_x(std::string_view text, XKind kind) noexcept {
    text = trim(text);
    if (kind == XKind::date) {
        if (const auto d = core::Date::try_parse(text)) return static_cast<double>(d->serial());
        return std::nullopt;
    }
    return parse_number(text);
}

SpcInput read_spc_input(const std::string& path, const SpcColumns& columns, std::size_t max_problems) {
    Problems problems{max_problems, {}};
    CsvReader reader(path);
    std::vector<std::string_view> fields;
    std::optional<CsvProblem> bad;

    std::vector<std::string> expected{"x", "y", "n"};
    if (columns.part_column) expected.push_back(*columns.part_column);
    if (columns.facet_column) expected.push_back(*columns.facet_column);
    std::string expected_words;
    for (const auto& name : expected) expected_words += (expected_words.empty() ? "" : ", ") + name;

    if (!reader.next(fields, bad)) {
        throw SpcInputError({{path, 1, 0, "",
                              "the file is empty: expected a header row with x, y and, for a "
                              "denominator, n"}},
                            1);
    }
    if (bad) throw SpcInputError({{path, bad->line, bad->column, "", bad->message}}, 1);

    // Header: the 1-based position of each column read (0 when absent).
    std::vector<std::string> header;
    std::size_t x_col = 0;
    std::size_t y_col = 0;
    std::size_t n_col = 0;
    std::size_t part_col = 0;
    std::size_t facet_col = 0;
    for (std::size_t c = 0; c < fields.size(); ++c) {
        const std::string name(trim(fields[c]));
        header.push_back(name);
        std::size_t* slot = nullptr;
        if (name == "x") {
            slot = &x_col;
        } else if (name == "y") {
            slot = &y_col;
        } else if (name == "n") {
            slot = &n_col;
        } else if (columns.part_column && name == *columns.part_column) {
            slot = &part_col;
        } else if (columns.facet_column && name == *columns.facet_column) {
            slot = &facet_col;
        }
        if (slot == nullptr) {
            std::string hint;
            if (!columns.part_column) hint += "; --part-column NAME reads part labels";
            if (!columns.facet_column) hint += "; --facet-column NAME reads separate series";
            std::string message = "unknown column (expected ";
            message += expected_words;
            message += hint;
            message += ")";
            problems.add({path, 1, c + 1, name, std::move(message)});
            continue;
        }
        if (*slot != 0) {
            problems.add({path, 1, c + 1, name, "column given twice (first as column " + std::to_string(*slot) + ")"});
            continue;
        }
        *slot = c + 1;
    }
    if (x_col == 0) problems.add({path, 1, 0, "x", "required column is missing from the header"});
    if (y_col == 0) problems.add({path, 1, 0, "y", "required column is missing from the header"});
    if (columns.part_column && part_col == 0) {
        problems.add({path, 1, 0, *columns.part_column, "the --part-column is missing from the header"});
    }
    if (columns.facet_column && facet_col == 0) {
        problems.add({path, 1, 0, *columns.facet_column, "the --facet-column is missing from the header"});
    }
    if (problems.total > 0) throw SpcInputError(std::move(problems.list), problems.total);

    SpcInput input;
    input.n_column = n_col;
    const std::size_t width = header.size();
    std::optional<XKind> kind;
    std::size_t kind_line = 0;  // the line that set the kind of x
    auto field_of = [&](std::size_t col) { return trim(fields[col - 1]); };
    auto problem = [&](std::size_t col, std::string message) {
        problems.add({path, reader.line(), col, header[col - 1], std::move(message)});
    };
    auto number_cell = [&](std::size_t col) -> std::optional<double> {
        const std::string_view text = field_of(col);
        if (is_missing(text)) return std::nullopt;
        if (auto v = parse_number(text)) return v;
        std::string message = "'" + std::string(text) + "' is not a number";
        if (text.front() == '+' && parse_number(text.substr(1))) message += " (write it without the '+')";
        problem(col, std::move(message));
        return std::nullopt;
    };

    while (reader.next(fields, bad)) {
        if (fields.size() == 1 && fields[0].empty() && !bad) continue;  // a blank line
        if (bad) {
            problems.add({path, bad->line, bad->column,
                          bad->column >= 1 && bad->column <= width ? header[bad->column - 1] : "", bad->message});
            continue;
        }
        if (fields.size() != width) {
            problems.add({path, reader.line(), 0, "",
                          "expected " + std::to_string(width) + " fields as in the header, found " +
                              std::to_string(fields.size()) +
                              (fields.size() < width ? " (is the row cut off?)" : " (an unquoted comma?)")});
            continue;
        }
        core::qi::Observation row;
        bool row_ok = true;

        const std::string_view x_text = field_of(x_col);
        std::optional<XKind> this_kind;
        if (x_text.empty()) {
            problem(x_col, "required (a date YYYY-MM-DD or a number)");
            row_ok = false;
        } else if (const auto d = core::Date::try_parse(x_text)) {
            this_kind = XKind::date;
            row.x = static_cast<double>(d->serial());
        } else if (const auto v = parse_number(x_text)) {
            this_kind = XKind::number;
            row.x = *v;
        } else if (looks_like_date(x_text)) {
            problem(x_col, "'" + std::string(x_text) + "' is not a date (no such day)");
            row_ok = false;
        } else {
            problem(x_col, "'" + std::string(x_text) + "' is not a date (YYYY-MM-DD) or a number");
            row_ok = false;
        }
        if (this_kind) {
            if (!kind) {
                kind = this_kind;
                kind_line = reader.line();
            } else if (*kind != *this_kind) {
                problem(x_col, "'" + std::string(x_text) + "' is " + kind_words(*this_kind) + ", but x on line " +
                                   std::to_string(kind_line) + " is " + kind_words(*kind) +
                                   ": x must be all dates (YYYY-MM-DD) or all numbers");
                row_ok = false;
            }
        }

        const std::size_t before = problems.total;
        row.y = number_cell(y_col);
        if (n_col != 0) row.n = number_cell(n_col);
        if (problems.total != before) row_ok = false;
        if (part_col != 0) {
            row.part_label = std::string(field_of(part_col));
            if (row.part_label.empty()) {
                problem(part_col, "required: the part label of the row");
                row_ok = false;
            }
        }
        std::string facet;
        if (facet_col != 0) {
            facet = std::string(field_of(facet_col));
            if (facet.empty()) {
                problem(facet_col, "required: the series the row belongs to");
                row_ok = false;
            }
        }
        if (!row_ok) continue;
        input.rows.push_back(std::move(row));
        input.lines.push_back(reader.line());
        if (facet_col != 0) input.facets.push_back(std::move(facet));
    }
    if (problems.total > 0) throw SpcInputError(std::move(problems.list), problems.total);
    if (input.rows.empty()) {
        throw SpcInputError({{path, 0, 0, "", "no data rows after the header (a chart needs at least one point)"}}, 1);
    }
    input.x_kind = kind.value_or(XKind::number);
    return input;
}

}  // namespace waymark::app
