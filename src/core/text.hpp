#pragma once
// Text as people type it: the one check on control characters that every free-text field of
// every way in (imports, forms, the API, the command line) goes through, and a safe way to
// show any text in an error report.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace waymark::core {

enum class TextKind {
    free_text,  // names, notes, titles, details: tab and line breaks (LF, CR LF) allowed
    identifier  // event_id and the like: no control character at all
};

// What is wrong with `text` if it has a C0 control character (U+0000 to U+001F) that its kind
// does not allow, e.g. "has a control character (U+0000) at character 3: remove it". Counts
// characters (UTF-8 code points) from 1.
std::optional<std::string> control_character_problem(std::string_view text, TextKind kind);

// `text` with every C0 control character and DEL written as \xNN (a NUL as \x00), so that
// nothing in an error report can cut it short, move its cursor or start a new line.
std::string printable(std::string_view text);

// The parts with `separator` between them: join({"a", "b"}) is "a, b".
std::string join(std::span<const std::string> parts, std::string_view separator = ", ");

// "1 child", "2 children": the count and the word that goes with it.
std::string plural(std::size_t n, std::string_view one, std::string_view many);

}  // namespace waymark::core
