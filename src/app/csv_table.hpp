#pragma once
// Reading an import's CSV file by column name, shared by the imports (app/import.cpp,
// app/tests_of_change_csv.cpp): the header mapped to the columns the file may have, and every
// problem collected with file, line, column and field. Internal to app/.
#include "app/csv.hpp"
#include "app/import.hpp"
#include "core/text.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace waymark::app {

std::string_view trim(std::string_view s);
using core::join;  // "a, b, c"

// Collects problems, keeping the first `max` in full.
struct Problems {
    std::size_t max;
    std::vector<ImportProblem> list;
    std::size_t total = 0;
    // A value quoted in a message may hold any byte: each control character is written as
    // \xNN (core::printable), so that no report is cut short at a NUL.
    void add(ImportProblem p) {
        ++total;
        p.file = core::printable(p.file);
        p.field = core::printable(p.field);
        p.message = core::printable(p.message);
        if (list.size() < max) list.push_back(std::move(p));
    }
};

// One CSV file with its header mapped to the columns we know. Problems with the header (an
// unknown column, one given twice, a required one missing) are reported on construction.
class Table {
public:
    Table(const std::string& path, const std::vector<std::string>& known, const std::vector<std::string>& required,
          bool ignore_unknown, Problems& problems);

    [[nodiscard]] bool ok() const { return ok_; }
    [[nodiscard]] const std::string& name() const { return name_; }

    // Reads the next well-formed row; malformed rows are reported and skipped.
    bool next();

    // The value of known column k (empty if the column is absent), trimmed.
    [[nodiscard]] std::string_view get(std::size_t k) const {
        const int c = index_[k];
        return c < 0 ? std::string_view{} : trim(fields_[static_cast<std::size_t>(c)]);
    }
    // Whether the header has known column k.
    [[nodiscard]] bool has(std::size_t k) const { return index_[k] >= 0; }
    // Reports a problem with known column k of the current row, or of an earlier line.
    void problem(std::size_t k, const std::vector<std::string>& known, std::string message);
    void problem_at(std::size_t line, std::size_t k, const std::vector<std::string>& known, std::string message);
    [[nodiscard]] std::size_t line() const { return reader_.line(); }
    [[nodiscard]] std::size_t bytes_read() const { return reader_.bytes_read(); }
    [[nodiscard]] std::size_t size() const { return reader_.size(); }

    static std::size_t column_of(const std::vector<std::string>& known, const std::string& name);

private:
    // The header's name for 1-based column c, if there is one.
    [[nodiscard]] std::string header_name(std::size_t c) const {
        return c >= 1 && c <= header_.size() ? header_[c - 1] : std::string();
    }

    std::string name_;
    CsvReader reader_;
    Problems& problems_;
    std::vector<int> index_;
    std::vector<std::string_view> fields_;
    std::vector<std::string> header_;
    std::size_t width_ = 0;
    bool ok_ = true;
};

}  // namespace waymark::app
