#include "app/csv_table.hpp"

#include <algorithm>
#include <filesystem>

namespace waymark::app {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

Table::Table(const std::string& path, const std::vector<std::string>& known, const std::vector<std::string>& required,
             bool ignore_unknown, Problems& problems)
    : name_(std::filesystem::path(path).filename().string()), reader_(path), problems_(problems) {
    index_.assign(known.size(), -1);
    std::optional<CsvProblem> bad;
    if (!reader_.next(fields_, bad)) {
        problems_.add({name_, 1, 0, "", "the file is empty: expected a header row (" + join(known) + ")"});
        ok_ = false;
        return;
    }
    if (bad) {
        problems_.add({name_, bad->line, bad->column, "", bad->message});
        ok_ = false;
        return;
    }
    for (std::size_t c = 0; c < fields_.size(); ++c) {
        const auto name = trim(fields_[c]);
        header_.emplace_back(name);
        auto it = std::find(known.begin(), known.end(), name);
        if (it == known.end()) {
            if (!ignore_unknown) {
                problems_.add({name_, 1, c + 1, std::string(name),
                               "unknown column (expected " + join(known) +
                                   "; --ignore-unknown-columns skips columns Waymark does not read)"});
                ok_ = false;
            }
            continue;
        }
        auto& slot = index_[static_cast<std::size_t>(it - known.begin())];
        if (slot >= 0) {
            problems_.add({name_, 1, c + 1, std::string(name), "column given twice"});
            ok_ = false;
        }
        slot = static_cast<int>(c);
    }
    width_ = fields_.size();
    for (const auto& r : required) {
        if (index_[column_of(known, r)] < 0) {
            problems_.add({name_, 1, 0, r, "required column is missing from the header"});
            ok_ = false;
        }
    }
}

std::size_t Table::column_of(const std::vector<std::string>& known, const std::string& name) {
    return static_cast<std::size_t>(std::find(known.begin(), known.end(), name) - known.begin());
}

bool Table::next() {
    std::optional<CsvProblem> bad;
    while (reader_.next(fields_, bad)) {
        if (fields_.size() == 1 && fields_[0].empty() && !bad) continue;  // a blank line
        if (bad) {
            problems_.add({name_, bad->line, bad->column, header_name(bad->column), bad->message});
            continue;
        }
        if (fields_.size() != width_) {
            problems_.add({name_, reader_.line(), 0, "",
                           "expected " + std::to_string(width_) + " fields as in the header, found " +
                               std::to_string(fields_.size()) +
                               (fields_.size() < width_ ? " (is the row cut off?)" : " (an unquoted comma?)")});
            continue;
        }
        return true;
    }
    return false;
}

void Table::problem(std::size_t k, const std::vector<std::string>& known, std::string message) {
    problem_at(reader_.line(), k, known, std::move(message));
}

void Table::problem_at(std::size_t line, std::size_t k, const std::vector<std::string>& known, std::string message) {
    const int c = index_[k];
    problems_.add({name_, line, c < 0 ? 0 : static_cast<std::size_t>(c) + 1, known[k], std::move(message)});
}

}  // namespace waymark::app
