#include "app/csv.hpp"

#include "core/error.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace waymark::app {

namespace {
constexpr std::size_t kChunk = 1 << 20;

const std::string kNotRead = " (the limit): the rest of the file was not read";

bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}

// A number as written: an optional sign, digits with an optional fraction (or a fraction
// alone), an optional exponent. A spreadsheet reads it as a number, never as a formula.
bool is_number(std::string_view v) noexcept {
    std::size_t i = 0;
    if (i < v.size() && (v[i] == '-' || v[i] == '+')) ++i;
    std::size_t digits = 0;
    for (; i < v.size() && is_digit(v[i]); ++i) ++digits;
    if (i < v.size() && v[i] == '.') {
        for (++i; i < v.size() && is_digit(v[i]); ++i) ++digits;
    }
    if (digits == 0) return false;
    if (i < v.size() && (v[i] == 'e' || v[i] == 'E')) {
        ++i;
        if (i < v.size() && (v[i] == '-' || v[i] == '+')) ++i;
        const std::size_t start = i;
        while (i < v.size() && is_digit(v[i])) ++i;
        if (i == start) return false;
    }
    return i == v.size();
}

}  // namespace

bool csv_needs_guard(std::string_view v) noexcept {
    std::size_t i = 0;
    while (i < v.size() && v[i] == kCsvGuard) ++i;
    if (i >= v.size()) return false;
    const char c = v[i];
    const bool formula = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    return formula && !is_number(v.substr(i));
}

CsvReader::CsvReader(const std::string& path) {
    file_ = std::fopen(path.c_str(), "rb");
    if (file_ == nullptr) {
        throw core::Error(core::ErrorKind::invalid_input, "cannot read " + path + ": " + std::strerror(errno));
    }
    if (std::fseek(file_, 0, SEEK_END) == 0) {
        const long n = std::ftell(file_);
        if (n > 0) size_ = static_cast<std::size_t>(n);
        std::fseek(file_, 0, SEEK_SET);
    }
}

CsvReader CsvReader::from_string(std::string text) {
    CsvReader r;
    r.size_ = text.size();
    r.buf_ = std::move(text);
    r.eof_ = true;
    return r;
}

CsvReader::CsvReader(CsvReader&& o) noexcept
    : file_(o.file_),
      buf_(std::move(o.buf_)),
      pos_(o.pos_),
      consumed_(o.consumed_),
      size_(o.size_),
      eof_(o.eof_),
      line_(o.line_),
      record_line_(o.record_line_),
      first_(o.first_),
      stopped_(o.stopped_),
      scratch_(std::move(o.scratch_)) {
    o.file_ = nullptr;
}

CsvReader::~CsvReader() {
    if (file_ != nullptr) std::fclose(file_);
}

bool CsvReader::fill() {
    if (eof_) return false;
    // Keep the unparsed tail and append the next chunk.
    buf_.erase(0, pos_);
    pos_ = 0;
    const std::size_t old = buf_.size();
    buf_.resize(old + kChunk);
    const std::size_t got = std::fread(buf_.data() + old, 1, kChunk, file_);
    buf_.resize(old + got);
    if (got < kChunk) eof_ = true;
    return got > 0;
}

void append_csv_field(std::string& out, std::string_view v) {
    const bool guard = csv_needs_guard(v);
    if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
        if (guard) out.push_back(kCsvGuard);
        out.append(v);
        return;
    }
    out.push_back('"');
    if (guard) out.push_back(kCsvGuard);
    for (char c : v) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
}

void append_csv_row(std::string& out, std::initializer_list<std::string_view> fields) {
    bool first = true;
    for (auto f : fields) {
        if (!first) out.push_back(',');
        first = false;
        append_csv_field(out, f);
    }
    out.push_back('\n');
}

std::string number15(double v) {
    if (!std::isfinite(v)) return {};
    if (v == 0) return "0";  // also -0
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.15g", v);
    return buf;
}

std::optional<std::size_t> find_invalid_utf8(std::string_view s) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        std::uint32_t cp = 0;
        if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
        } else {
            return i;
        }
        if (i + len > n) return i;
        for (std::size_t k = 1; k < len; ++k) {
            if ((p[i + k] & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF)) {
            return i;
        }
        i += len;
    }
    return std::nullopt;
}

bool CsvReader::next(std::vector<std::string_view>& fields, std::optional<CsvProblem>& problem) {
    fields.clear();
    problem.reset();
    scratch_.clear();
    if (stopped_) return false;
    for (;;) {
        // Parse one record starting at pos_; if the buffer runs out first, read more and retry.
        std::size_t i = pos_;
        std::size_t line = line_;
        if (first_) {
            if (buf_.size() < 3 && fill()) continue;
            if (buf_.compare(0, 3, "\xEF\xBB\xBF") == 0) i = pos_ = 3;  // a byte order mark
        }
        if (i >= buf_.size()) {
            if (fill()) continue;
            return false;
        }
        fields.clear();
        scratch_.clear();
        bool need_more = false;
        std::optional<CsvProblem> found;
        bool end_of_record = false;
        // A limit met: the record ends there, with its problem, and reading stops.
        const auto past_limit = [&](std::size_t column, std::string message) {
            found = CsvProblem{line_, column, std::move(message) + kNotRead};
            stopped_ = true;
            end_of_record = true;
        };
        while (!end_of_record) {
            if (fields.size() >= kMaxFields) {
                past_limit(fields.size() + 1, "more than " + std::to_string(kMaxFields) + " fields in one row");
                break;
            }
            if (i - pos_ > kMaxRecordBytes) {
                past_limit(fields.size() + 1, "a row of more than " + std::to_string(kMaxRecordBytes) + " bytes");
                break;
            }
            if (i >= buf_.size()) {
                if (!eof_) {
                    need_more = true;
                    break;
                }
                // The last record ends without a newline.
                fields.emplace_back();
                break;
            }
            if (buf_[i] == '"') {
                std::string value;
                std::size_t j = i + 1;
                bool closed = false;
                while (j < buf_.size()) {
                    const char c = buf_[j];
                    if (c == '"') {
                        if (j + 1 < buf_.size() && buf_[j + 1] == '"') {
                            value.push_back('"');
                            j += 2;
                            continue;
                        }
                        if (j + 1 >= buf_.size() && !eof_) break;  // cannot tell yet
                        closed = true;
                        ++j;
                        break;
                    }
                    if (c == '\n') ++line;
                    value.push_back(c);
                    ++j;
                    if (value.size() > kMaxFieldBytes) break;
                }
                if (value.size() > kMaxFieldBytes) {
                    past_limit(fields.size() + 1, "a field of more than " + std::to_string(kMaxFieldBytes) + " bytes");
                    break;
                }
                if (!closed) {
                    if (!eof_) {
                        need_more = true;
                        break;
                    }
                    found =
                        CsvProblem{line_, fields.size() + 1,
                                   "a quoted field is not closed before the end of the file (is the file cut off?)"};
                    i = buf_.size();
                    break;  // ends the record: nothing follows the end of the file
                }
                scratch_.push_back(std::move(value));
                i = j;
                if (i >= buf_.size() && !eof_) {
                    need_more = true;
                    break;
                }
                if (i < buf_.size() && buf_[i] != ',' && buf_[i] != '\n' && buf_[i] != '\r') {
                    if (!found)
                        found = CsvProblem{line, fields.size() + 1,
                                           "text after a closing quote (a quote inside a field must be doubled)"};
                    while (i < buf_.size() && buf_[i] != ',' && buf_[i] != '\n') ++i;
                }
                fields.emplace_back(scratch_.back());
            } else {
                std::size_t j = i;
                while (j < buf_.size() && buf_[j] != ',' && buf_[j] != '\n' && buf_[j] != '"' &&
                       j - i <= kMaxFieldBytes) {
                    ++j;
                }
                if (j - i > kMaxFieldBytes) {
                    past_limit(fields.size() + 1, "a field of more than " + std::to_string(kMaxFieldBytes) + " bytes");
                    break;
                }
                if (j < buf_.size() && buf_[j] == '"') {
                    if (!found)
                        found =
                            CsvProblem{line, fields.size() + 1,
                                       "a quote inside an unquoted field (quote the whole field and double the quote)"};
                    while (j < buf_.size() && buf_[j] != ',' && buf_[j] != '\n') ++j;
                }
                if (j >= buf_.size() && !eof_) {
                    need_more = true;
                    break;
                }
                std::size_t end = j;
                if (end > i && buf_[end - 1] == '\r' && (j >= buf_.size() || buf_[j] == '\n')) --end;
                fields.emplace_back(buf_.data() + i, end - i);
                i = j;
            }
            if (i >= buf_.size()) {
                end_of_record = true;
            } else if (buf_[i] == ',') {
                ++i;
            } else {
                if (buf_[i] == '\r') ++i;
                if (i < buf_.size() && buf_[i] == '\n') {
                    ++i;
                    ++line;
                }
                end_of_record = true;
            }
        }
        if (stopped_) {
            // Nothing after the record's start is read again: the problem is the record.
            record_line_ = line_;
            first_ = false;
            problem = std::move(found);
            return true;
        }
        if (need_more) {
            if (fill()) continue;
            // fill() can only fail at end of file, where need_more is never set
            return false;
        }
        record_line_ = line_;
        consumed_ += i - pos_;
        pos_ = i;
        line_ = line;
        first_ = false;
        for (auto& f : fields) {
            if (!f.empty() && f.front() == kCsvGuard && csv_needs_guard(f.substr(1))) f.remove_prefix(1);
        }
        if (!found) {
            for (std::size_t k = 0; k < fields.size(); ++k) {
                if (auto bad = find_invalid_utf8(fields[k])) {
                    found = CsvProblem{
                        record_line_, k + 1,
                        "invalid UTF-8 at byte " + std::to_string(*bad + 1) + " of the field (save the file as UTF-8)"};
                    break;
                }
            }
        }
        problem = std::move(found);
        return true;
    }
}

}  // namespace waymark::app
