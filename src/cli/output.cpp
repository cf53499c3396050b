#include "cli/output.hpp"

#include "app/csv.hpp"
#include "cli/json.hpp"
#include "core/error.hpp"

#include <boost/json/array.hpp>

#include <algorithm>
#include <cmath>

namespace waymark::cli {

Format parse_format(const std::string& text) {
    if (text == "table") return Format::table;
    if (text == "csv") return Format::csv;
    if (text == "json") return Format::json;
    throw core::Error(core::ErrorKind::usage, "--format must be table, csv or json, not '" + text + "'");
}

std::size_t display_width(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) {
        if ((c & 0xC0) != 0x80) ++n;
    }
    return n;
}

namespace {

// A word wider than the column is cut after its semicolons, else after an '=' (details:
// key=value;key=value); one with neither is left whole, wider than the column, since a word
// cut anywhere (a date, a standard's id) reads worse than a long line.
std::vector<std::string_view> pieces(std::string_view word, std::size_t width) {
    std::vector<std::string_view> out;
    while (display_width(word) > width) {
        std::size_t cut = 0;
        for (const char mark : {';', '='}) {
            std::size_t cols = 0;
            for (std::size_t i = 0; i < word.size() && cols < width; ++i) {
                if ((static_cast<unsigned char>(word[i]) & 0xC0) == 0x80) continue;
                ++cols;
                if (word[i] == mark && i + 1 < word.size()) cut = i + 1;
            }
            if (cut > 0) break;
        }
        if (cut == 0) break;
        out.push_back(word.substr(0, cut));
        word.remove_prefix(cut);
    }
    if (!word.empty()) out.push_back(word);
    return out;
}

}  // namespace

std::vector<std::string> wrap(std::string_view text, std::size_t width) {
    std::vector<std::string> lines;
    if (width < 8) width = 8;
    std::string line;
    std::size_t line_width = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && text[i] == ' ') ++i;
        std::size_t j = i;
        while (j < text.size() && text[j] != ' ') ++j;
        if (j == i) break;
        bool same_word = false;  // a later piece of a cut word goes on without a space
        for (std::string_view word : pieces(text.substr(i, j - i), width)) {
            const std::size_t w = display_width(word);
            const std::size_t gap = line_width > 0 && !same_word ? 1 : 0;
            if (line_width > 0 && line_width + gap + w > width) {
                lines.push_back(line);
                line.clear();
                line_width = 0;
            } else if (gap > 0) {
                line += ' ';
                ++line_width;
            }
            line += word;
            line_width += w;
            same_word = true;
        }
        i = j;
    }
    if (!line.empty() || lines.empty()) lines.push_back(line);
    return lines;
}

void Table::print(std::ostream& out, std::size_t width) const {
    const std::size_t n = headers_.size();
    std::vector<std::size_t> widths(n, 0);
    for (std::size_t c = 0; c < n; ++c) widths[c] = display_width(headers_[c]);
    for (const auto& r : rows_) {
        for (std::size_t c = 0; c < n && c < r.size(); ++c) widths[c] = std::max(widths[c], display_width(r[c]));
    }
    std::size_t fixed = 0;
    for (std::size_t c = 0; c + 1 < n; ++c) fixed += widths[c] + 2;
    const std::size_t last = fixed < width ? std::max<std::size_t>(width - fixed, 12) : 12;
    auto pad = [&](const std::string& s, std::size_t w) {
        std::string x = s;
        x.append(w - std::min(w, display_width(s)), ' ');
        return x;
    };
    auto emit = [&](const std::vector<std::string>& r) {
        std::vector<std::string> tail = wrap(n > 0 && r.size() >= n ? r[n - 1] : "", last);
        for (std::size_t k = 0; k < tail.size(); ++k) {
            std::string line;
            for (std::size_t c = 0; c + 1 < n; ++c) line += pad(k == 0 && c < r.size() ? r[c] : "", widths[c]) + "  ";
            line += tail[k];
            while (!line.empty() && line.back() == ' ') line.pop_back();
            out << line << '\n';
        }
    };
    emit(headers_);
    for (const auto& r : rows_) emit(r);
}

void csv_field(std::string& out, std::string_view v) {
    app::append_csv_field(out, v);
}

void csv_row(std::string& out, std::initializer_list<std::string_view> fields) {
    app::append_csv_row(out, fields);
}

void print_records(std::ostream& out, Format format, const Records& records, std::string_view none) {
    if (format == Format::csv) {
        std::string text;
        for (std::size_t i = 0; i < records.keys.size(); ++i) {
            if (i > 0) text += ',';
            csv_field(text, records.keys[i]);
        }
        text += '\n';
        for (const auto& row : records.rows) {
            for (std::size_t i = 0; i < row.size(); ++i) {
                if (i > 0) text += ',';
                csv_field(text, row[i]);
            }
            text += '\n';
        }
        out << text;
    } else if (format == Format::json) {
        boost::json::array rows;
        for (const auto& row : records.rows) {
            boost::json::object o;
            for (std::size_t i = 0; i < records.keys.size() && i < row.size(); ++i) o[records.keys[i]] = row[i];
            rows.emplace_back(std::move(o));
        }
        out << to_json(rows, {.spacing = JsonSpacing::compact}) << '\n';
    } else if (records.rows.empty()) {
        out << none << "\n";
    } else {
        Table table(records.headers);
        for (const auto& row : records.rows) table.add(row);
        table.print(out);
    }
}

std::string json_string(std::string_view s) {
    std::string out;
    write_json_string(out, s);
    return out;
}

}  // namespace waymark::cli
