#pragma once
// The data of a run or control chart (`waymark spc`): a CSV file with columns x (ISO dates or
// numbers), y and optionally n, and where asked a column of part labels and a column naming
// separate series (facets), read into core::qi::Observation rows. Every problem names file,
// line, column and field; the first 20 are reported in full.
#include "app/import.hpp"
#include "core/error.hpp"
#include "core/qi.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::app {

// What the x column holds: every x is a date (YYYY-MM-DD), or every x is a number.
enum class XKind { number, date };

struct SpcColumns {
    std::optional<std::string> part_column;   // labels: a part starts at each new label
    std::optional<std::string> facet_column;  // names of separate series
};

struct SpcInput {
    XKind x_kind = XKind::number;
    // x as the chart orders it: the day number (days since 1970-01-01) for dates.
    std::vector<core::qi::Observation> rows;
    std::vector<std::size_t> lines;   // the line each row starts on
    std::vector<std::string> facets;  // per row, when a facet column is read
    std::size_t n_column = 0;         // 1-based position of the n column; 0 when there is none
    [[nodiscard]] bool has_n() const noexcept { return n_column > 0; }
};

// One problem of the input, as an import names it: data.csv:14:2: y: 'abc' is not a number.
using InputProblem = ImportProblem;

// The input was not usable (exit code 3). what(): one problem on one line, or a count followed
// by the first problems, one per indented line.
class SpcInputError : public core::Error {
public:
    SpcInputError(std::vector<InputProblem> problems, std::size_t total);
    [[nodiscard]] const std::vector<InputProblem>& problems() const noexcept { return problems_; }
    [[nodiscard]] std::size_t total() const noexcept { return total_; }

private:
    std::vector<InputProblem> problems_;
    std::size_t total_;
};

// Reads the whole file with CsvReader. The header must name x and y; n, the part column and the
// facet column are optional, any other column is a problem. An empty cell or NA in y or n is a
// missing value; an x must be given. Throws SpcInputError listing up to `max_problems`, or
// core::Error(invalid_input) when the file cannot be read.
SpcInput read_spc_input(const std::string& path, const SpcColumns& columns, std::size_t max_problems = 20);

// A number as the input may write it (trimmed; finite; no leading '+'), else nullopt.
std::optional<double> parse_number(std::string_view text) noexcept;

// An x value given elsewhere (a rebase date on the command line) read as the input's x are:
// the day number of a date, or a number. nullopt when it is not of that kind.
std::optional<double> parse_x(std::string_view text, XKind kind) noexcept;

}  // namespace waymark::app
