#pragma once
// The command line's one JSON writer: records are built as Boost.JSON values (shared with the
// web's API where it shows the same record) and written by one serialiser in the CLI's layout.
// Boost.JSON's own serialize is compact; the CLI's JSON has always been spaced ("k": v, next)
// and laid out one record a line, which write_json keeps byte for byte.
#include "core/date.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace waymark::cli {

enum class JsonSpacing {
    spaced,   // {"a": 1, "b": [1, 2]}
    compact,  // {"a":1,"b":[1,2]}
};

// Where a value's members go on lines of their own. The value itself is depth 0; a non-empty
// object nested less than `objects` deep, and a non-empty array of objects or arrays nested less
// than `arrays` deep, are written one member a line; everything else on one line (empty ones as
// [] and {}). Members laid out are indented two spaces a level of depth (by_depth), or two more
// than the line the container opens on (by_line).
enum class JsonIndent { by_depth, by_line };
struct JsonLayout {
    std::size_t objects = 0;
    std::size_t arrays = 0;
    JsonIndent indent = JsonIndent::by_depth;
    JsonSpacing spacing = JsonSpacing::spaced;
};

// Appends `v` to `out` in `layout`. Strings escape '"', '\\', \n, \r and \t by name and every
// other control character as \u00XX (so \b and \f are \u0008 and \u000c); other bytes (UTF-8) as
// they are. Integers as decimal; doubles to 15 significant digits (printf %.15g, -0 as 0) and
// NaN and infinities as null.
void write_json(std::string& out, const boost::json::value& v, const JsonLayout& layout = {});
std::string to_json(const boost::json::value& v, const JsonLayout& layout = {});

// A JSON string (quoted, escaped as write_json does).
void write_json_string(std::string& out, std::string_view s);

// A JSON array of records one a line ("[\n  {...},\n  {...}\n]\n"; "[]\n" when there are none),
// passed to `out` a megabyte at a time so that a large caseload is not held whole as text.
class JsonRecords {
public:
    explicit JsonRecords(std::ostream& out) : out_(out) {}
    void add(const boost::json::value& record);
    void finish();  // the closing bracket and a newline

private:
    std::ostream& out_;
    std::string text_ = "[";
    bool first_ = true;
};

// Values for optional fields: null when absent.
inline boost::json::value date_or_null(const std::optional<core::Date>& d) {
    return d ? boost::json::value(d->iso()) : boost::json::value(nullptr);
}
inline boost::json::value number_or_null(const std::optional<std::int32_t>& n) {
    return n ? boost::json::value(*n) : boost::json::value(nullptr);
}
// Text that is null when empty.
inline boost::json::value text_or_null(std::string_view s) {
    return s.empty() ? boost::json::value(nullptr) : boost::json::value(s);
}

}  // namespace waymark::cli
