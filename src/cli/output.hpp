#pragma once
// Output helpers shared by the subcommands: an aligned table for people (fits 80 columns,
// wrapping the last column), CSV for scripts (RFC 4180), and JSON.
#include "app/csv.hpp"
#include "core/date.hpp"
#include "render/style.hpp"

#include <initializer_list>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::cli {

enum class Format { table, csv, json };
Format parse_format(const std::string& text);  // throws Error(usage)

class Table {
public:
    explicit Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}
    void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
    [[nodiscard]] bool empty() const { return rows_.empty(); }
    // Aligned columns two spaces apart; the last column wraps at word boundaries so that lines
    // stay within `width` display columns.
    void print(std::ostream& out, std::size_t width = 80) const;

private:
    std::vector<std::string> headers_;
    std::vector<std::vector<std::string>> rows_;
};

// Whether the rows come from more than one council (a table then shows a Council column).
template <class Rows, class Council>
bool several_councils(const Rows& rows, Council council) {
    for (const auto& r : rows) {
        if (council(r) != council(*rows.begin())) return true;
    }
    return false;
}

// Rows of text in the format asked for: CSV with `keys` as its header line, a JSON array of
// objects with those keys (on one line), or an aligned table with `headers`, or the sentence
// `none` (with its own full stop) when there are no rows.
struct Records {
    std::vector<std::string> keys;
    std::vector<std::string> headers;
    std::vector<std::vector<std::string>> rows;  // each as many fields as keys
};
void print_records(std::ostream& out, Format format, const Records& records, std::string_view none);

// Display width of UTF-8 text (code points; no East Asian wide characters expected).
std::size_t display_width(std::string_view s);

void csv_field(std::string& out, std::string_view value);
void csv_row(std::string& out, std::initializer_list<std::string_view> fields);

std::string json_string(std::string_view s);  // quoted and escaped as cli/json.hpp writes strings

inline std::string iso(const std::optional<core::Date>& d) {
    return d ? d->iso() : std::string();
}
inline std::string display(const std::optional<core::Date>& d) {
    return d ? d->display() : std::string();
}
inline std::string number(const std::optional<std::int32_t>& n) {
    return n ? std::to_string(*n) : std::string();
}

// A number to 15 significant digits (printf %.15g), -0 as 0; empty for NaN and infinities.
using app::number15;
// A number for people (render/style.hpp): the tables and the charts show the same digits.
using render::people_number;

// Wraps text to lines of at most `width` display columns.
std::vector<std::string> wrap(std::string_view text, std::size_t width);

}  // namespace waymark::cli
