#pragma once
// A streaming RFC 4180 CSV reader that knows where it is: each record carries the line it
// starts on, so every error can name file, line and column. Reads in chunks, so a file of
// millions of rows is never held in memory whole.
#include <cstdio>
#include <deque>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::app {

struct CsvProblem {
    std::size_t line = 0;
    std::size_t column = 0;  // 1-based field number, 0 when the problem is not in a field
    std::string message;
};

class CsvReader {
public:
    // What one record may hold (README "Importing"). A record past a limit is returned with
    // `problem` set at the field where it went past, and the rest of the file is not read: a
    // file like that is not an export, and reading on would cost memory and time for nothing.
    static constexpr std::size_t kMaxFields = 1000;
    static constexpr std::size_t kMaxFieldBytes = 65536;
    static constexpr std::size_t kMaxRecordBytes = 1 << 20;

    // Opens `path`; throws core::Error(invalid_input) if it cannot be read.
    explicit CsvReader(const std::string& path);
    // Reads from memory (tests).
    static CsvReader from_string(std::string text);
    ~CsvReader();
    CsvReader(CsvReader&&) noexcept;
    CsvReader& operator=(CsvReader&&) = delete;
    CsvReader(const CsvReader&) = delete;
    CsvReader& operator=(const CsvReader&) = delete;

    // Reads the next record into fields (views valid until the next call). Returns false at
    // the end of the file. A malformed record (unterminated quote, text after a closing quote,
    // invalid UTF-8) is returned with `problem` set; reading goes on with the next line. A
    // field that append_csv_field guarded ('=...) is read without its guard.
    bool next(std::vector<std::string_view>& fields, std::optional<CsvProblem>& problem);

    [[nodiscard]] std::size_t line() const noexcept { return record_line_; }
    [[nodiscard]] std::size_t bytes_read() const noexcept { return consumed_; }
    [[nodiscard]] std::size_t size() const noexcept { return size_; }

private:
    CsvReader() = default;
    bool fill();  // reads more; false at end of file

    std::FILE* file_ = nullptr;
    std::string buf_;
    std::size_t pos_ = 0;       // parse position in buf_
    std::size_t consumed_ = 0;  // bytes of the file consumed before buf_[pos_]
    std::size_t size_ = 0;
    bool eof_ = false;
    std::size_t line_ = 1;  // line at pos_
    std::size_t record_line_ = 0;
    bool first_ = true;
    bool stopped_ = false;             // a record went past a limit: nothing more is read
    std::deque<std::string> scratch_;  // unescaped quoted fields (a deque: views into it stay valid)
};

// The mark before a cell a spreadsheet would run as a formula (OWASP, CSV injection).
inline constexpr char kCsvGuard = '\'';

// Whether a cell is written with kCsvGuard before it: it begins with =, +, -, @, a tab or a
// carriage return (after any guards of its own) and is not a number as written (-12, -0.5,
// +3, 1e-5 stay numbers). The reader takes one guard off such a cell, so that what Waymark
// writes it reads back as it was.
bool csv_needs_guard(std::string_view value) noexcept;

// Appends one RFC 4180 field: quoted only when it holds a comma, a quote or a line break, with
// kCsvGuard first when csv_needs_guard. Every CSV Waymark writes goes through here.
void append_csv_field(std::string& out, std::string_view value);
// Appends a record of fields and its line end ('\n').
void append_csv_row(std::string& out, std::initializer_list<std::string_view> fields);

// A number to 15 significant digits (printf %.15g), -0 as 0; empty for NaN and infinities.
std::string number15(double v);

// Checks that `s` is valid UTF-8; returns the byte offset of the first bad byte, if any.
std::optional<std::size_t> find_invalid_utf8(std::string_view s) noexcept;

}  // namespace waymark::app
