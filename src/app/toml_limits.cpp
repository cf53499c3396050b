#include "app/toml_limits.hpp"

#include "core/error.hpp"

#include <fstream>
#include <vector>

namespace waymark::app {

namespace {

[[noreturn]] void too_big(const std::string& origin) {
    throw core::Error(core::ErrorKind::invalid_input, origin + ": larger than 1 MiB (" + std::to_string(kMaxTomlBytes) +
                                                          " bytes): a TOML file Waymark reads may be at most that");
}

// A scan of TOML text that knows strings, comments, table headers, keys and values, enough to
// count how deep each key lies.
class DepthScan {
public:
    DepthScan(std::string_view text, const std::string& origin) : text_(text), origin_(origin) {}

    void run() {
        while (i_ < text_.size()) {
            const char c = text_[i_];
            if (c == '\n') {
                ++line_;
                ++i_;
                if (frames_.empty()) start_line();
                continue;
            }
            if (c == '#') {
                while (i_ < text_.size() && text_[i_] != '\n') ++i_;
                continue;
            }
            if (c == '"' || c == '\'') {
                skip_string();
                if (in_key_) key_part();
                continue;
            }
            if (in_header_) {
                header(c);
            } else if (in_key_) {
                key(c);
            } else {
                value(c);
            }
            ++i_;
        }
    }

private:
    struct Frame {
        bool inline_table;
        std::size_t depth;  // of the array or inline table itself
    };

    void start_line() {
        in_key_ = true;
        key_parts_ = 0;
        part_open_ = false;
        base_ = table_depth_;
        at_line_start_ = true;
        in_header_ = false;
        after_header_ = false;
    }

    void check(std::size_t depth) const {
        if (depth <= kMaxTomlDepth) return;
        throw core::Error(core::ErrorKind::invalid_input,
                          origin_ + ":" + std::to_string(line_) + ": keys nested more than " +
                              std::to_string(kMaxTomlDepth) +
                              " deep (dotted keys, table headers, arrays and inline tables within each other): "
                              "Waymark reads at most that");
    }

    void key_part() {
        if (!part_open_) {
            part_open_ = true;
            ++key_parts_;
            check(base_ + key_parts_);
        }
        at_line_start_ = false;
    }

    void header(char c) {
        if (c == ']') {
            in_header_ = false;
            table_depth_ = key_parts_ + (array_header_ ? 1 : 0);
            check(table_depth_);
            in_key_ = false;  // the rest of the line is a comment or nothing
            after_header_ = true;
            return;
        }
        if (c == '[' && key_parts_ == 0) {
            array_header_ = true;
            return;
        }
        key(c);
    }

    void key(char c) {
        if (c == ' ' || c == '\t' || c == '\r') {
            part_open_ = false;
            return;
        }
        if (c == '[' && at_line_start_ && frames_.empty()) {
            in_header_ = true;
            array_header_ = false;
            base_ = 0;
            at_line_start_ = false;
            return;
        }
        if (c == '.') {
            part_open_ = false;
            return;
        }
        if (c == '=') {
            in_key_ = false;
            depth_ = base_ + key_parts_;
            return;
        }
        if (c == '}' && !frames_.empty() && frames_.back().inline_table) {  // {} or a trailing comma
            close();
            return;
        }
        key_part();
    }

    void value(char c) {
        if (after_header_) return;  // until the line ends
        if (c == '[') {
            open(false);
        } else if (c == '{') {
            open(true);
            in_key_ = true;
            key_parts_ = 0;
            part_open_ = false;
            base_ = depth_;
        } else if (c == ']' || c == '}') {
            if (!frames_.empty()) close();
        } else if (c == ',' && !frames_.empty() && frames_.back().inline_table) {
            in_key_ = true;
            key_parts_ = 0;
            part_open_ = false;
            base_ = frames_.back().depth;
        }
    }

    void open(bool inline_table) {
        frames_.push_back({inline_table, depth_ + 1});
        depth_ += 1;
        check(depth_);
    }

    void close() {
        frames_.pop_back();
        in_key_ = false;
        depth_ = frames_.empty() ? base_ + key_parts_ : frames_.back().depth;
    }

    void skip_string() {
        const char quote = text_[i_];
        const bool multi = text_.substr(i_, 3) == std::string(3, quote);
        i_ += multi ? 3 : 1;
        while (i_ < text_.size()) {
            const char c = text_[i_];
            if (c == '\\' && quote == '"') {
                i_ += 2;
                continue;
            }
            if (c == '\n') {
                if (!multi) return;  // unterminated: the parser says so
                ++line_;
            }
            if (c == quote && (!multi || text_.substr(i_, 3) == std::string(3, quote))) {
                i_ += multi ? 3 : 1;
                return;
            }
            ++i_;
        }
    }

    std::string_view text_;
    const std::string& origin_;
    std::size_t i_ = 0;
    std::size_t line_ = 1;
    std::vector<Frame> frames_;
    std::size_t table_depth_ = 0;  // of the last table header
    std::size_t base_ = 0;         // the depth a key starts from
    std::size_t key_parts_ = 0;
    std::size_t depth_ = 0;  // of the value being read
    bool in_key_ = true;
    bool part_open_ = false;
    bool in_header_ = false;
    bool array_header_ = false;
    bool after_header_ = false;
    bool at_line_start_ = true;
};

}  // namespace

std::string read_toml_file(const std::string& path, const std::string& what) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw core::Error(core::ErrorKind::invalid_input, "cannot read " + what + " " + path);
    std::string text(kMaxTomlBytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxTomlBytes) too_big(path);
    return text;
}

void check_toml_limits(std::string_view text, const std::string& origin) {
    if (text.size() > kMaxTomlBytes) too_big(origin);
    DepthScan(text, origin).run();
}

}  // namespace waymark::app
