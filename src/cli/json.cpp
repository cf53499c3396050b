#include "cli/json.hpp"

#include "app/csv.hpp"

#include <array>
#include <cstdio>

namespace waymark::cli {

namespace json = boost::json;

void write_json_string(std::string& out, std::string_view s) {
    out += '"';
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (c < 0x20) {
                    std::array<char, 8> buf{};
                    std::snprintf(buf.data(), buf.size(), "\\u%04x", c);
                    out += buf.data();
                } else {
                    out += ch;
                }
        }
    }
    out += '"';
}

namespace {

bool holds_containers(const json::array& a) {
    return !a.empty() && (a.front().is_object() || a.front().is_array());
}

struct Writer {
    std::string& out;
    const JsonLayout& layout;

    void separator(bool laid_out, std::size_t indent) const {
        out += ',';
        if (laid_out) {
            out += '\n';
            out.append(indent, ' ');
        } else if (layout.spacing == JsonSpacing::spaced) {
            out += ' ';
        }
    }

    // `line` is the indent of the line `v` starts on.
    void write(const json::value& v, std::size_t depth, std::size_t line) const {
        switch (v.kind()) {
            case json::kind::null:
                out += "null";
                break;
            case json::kind::bool_:
                out += v.get_bool() ? "true" : "false";
                break;
            case json::kind::int64:
                out += std::to_string(v.get_int64());
                break;
            case json::kind::uint64:
                out += std::to_string(v.get_uint64());
                break;
            case json::kind::double_: {
                const std::string n = app::number15(v.get_double());
                out += n.empty() ? "null" : n;
                break;
            }
            case json::kind::string:
                write_json_string(out, v.get_string());
                break;
            case json::kind::array: {
                const auto& a = v.get_array();
                const bool laid_out = depth < layout.arrays && holds_containers(a);
                open('[', laid_out, depth, line);
                bool first = true;
                for (const auto& e : a) {
                    if (!first) separator(laid_out, inner(laid_out, depth, line));
                    first = false;
                    write(e, depth + 1, inner(laid_out, depth, line));
                }
                close(']', laid_out, depth, line);
                break;
            }
            case json::kind::object: {
                const auto& o = v.get_object();
                const bool laid_out = depth < layout.objects && !o.empty();
                open('{', laid_out, depth, line);
                bool first = true;
                for (const auto& m : o) {
                    if (!first) separator(laid_out, inner(laid_out, depth, line));
                    first = false;
                    write_json_string(out, m.key());
                    out += layout.spacing == JsonSpacing::spaced ? ": " : ":";
                    write(m.value(), depth + 1, inner(laid_out, depth, line));
                }
                close('}', laid_out, depth, line);
                break;
            }
        }
    }

    // The indent of a container's own line, and of its members' lines when it is laid out.
    [[nodiscard]] std::size_t outer(std::size_t depth, std::size_t line) const {
        return layout.indent == JsonIndent::by_depth ? 2 * depth : line;
    }
    [[nodiscard]] std::size_t inner(bool laid_out, std::size_t depth, std::size_t line) const {
        return laid_out ? outer(depth, line) + 2 : line;
    }
    void open(char bracket, bool laid_out, std::size_t depth, std::size_t line) const {
        out += bracket;
        if (laid_out) {
            out += '\n';
            out.append(inner(true, depth, line), ' ');
        }
    }
    void close(char bracket, bool laid_out, std::size_t depth, std::size_t line) const {
        if (laid_out) {
            out += '\n';
            out.append(outer(depth, line), ' ');
        }
        out += bracket;
    }
};

}  // namespace

void write_json(std::string& out, const json::value& v, const JsonLayout& layout) {
    Writer{out, layout}.write(v, 0, 0);
}

std::string to_json(const json::value& v, const JsonLayout& layout) {
    std::string out;
    write_json(out, v, layout);
    return out;
}

void JsonRecords::add(const json::value& record) {
    text_ += first_ ? "\n  " : ",\n  ";
    first_ = false;
    write_json(text_, record, {0, 0});
    if (text_.size() > (std::size_t{1} << 20)) {
        out_ << text_;
        text_.clear();
    }
}

void JsonRecords::finish() {
    text_ += first_ ? "]\n" : "\n]\n";
    out_ << text_;
    text_.clear();
}

}  // namespace waymark::cli
