#pragma once
// A small, strict JSON reader (RFC 8259) for the tests that compare with the worked examples'
// expected.json (qi_examples_test.cpp) and with the output of `waymark spc` (spc_cli_test.cpp).
#include <charconv>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

namespace waymark::test {

struct Json {
    enum class Kind { null, boolean, number, string, array, object };
    Kind kind = Kind::null;
    bool boolean = false;
    double number = 0;
    std::string string;
    std::vector<Json> array;
    // An object's members in order, as two columns: a vector of pairs holding the type being
    // defined is not portable (libstdc++ under clang rejects it).
    std::vector<std::string> keys;
    std::vector<Json> members;

    [[nodiscard]] const Json* find(const std::string& key) const {
        for (std::size_t k = 0; k < keys.size(); ++k) {
            if (keys[k] == key) return &members[k];
        }
        return nullptr;
    }
    [[nodiscard]] const Json& at(const std::string& key) const {
        const Json* v = find(key);
        if (v == nullptr) throw std::runtime_error("JSON: no key '" + key + "'");
        return *v;
    }
};

class JsonReader {
public:
    explicit JsonReader(std::string text) : text_(std::move(text)) {}

    Json read_document() {
        Json value = read_value();
        skip_space();
        if (pos_ != text_.size()) fail("text after the value");
        return value;
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        throw std::runtime_error("JSON: " + what + " at offset " + std::to_string(pos_));
    }
    void skip_space() {
        while (pos_ < text_.size() &&
               (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\r' || text_[pos_] == '\t')) {
            ++pos_;
        }
    }
    char peek() {
        skip_space();
        if (pos_ >= text_.size()) fail("unexpected end");
        return text_[pos_];
    }
    void expect_word(const std::string& word) {
        if (text_.compare(pos_, word.size(), word) != 0) fail("expected " + word);
        pos_ += word.size();
    }

    Json read_value() {
        Json v;
        const char c = peek();
        if (c == '{') {
            v.kind = Json::Kind::object;
            ++pos_;
            if (peek() == '}') {
                ++pos_;
                return v;
            }
            while (true) {
                if (peek() != '"') fail("expected a key");
                std::string key = read_string();
                if (peek() != ':') fail("expected ':'");
                ++pos_;
                if (v.find(key) != nullptr) fail("duplicate key " + key);
                v.keys.push_back(std::move(key));
                v.members.push_back(read_value());
                const char next = peek();
                ++pos_;
                if (next == '}') return v;
                if (next != ',') fail("expected ',' or '}'");
            }
        }
        if (c == '[') {
            v.kind = Json::Kind::array;
            ++pos_;
            if (peek() == ']') {
                ++pos_;
                return v;
            }
            while (true) {
                v.array.push_back(read_value());
                const char next = peek();
                ++pos_;
                if (next == ']') return v;
                if (next != ',') fail("expected ',' or ']'");
            }
        }
        if (c == '"') {
            v.kind = Json::Kind::string;
            v.string = read_string();
            return v;
        }
        if (c == 't') {
            expect_word("true");
            v.kind = Json::Kind::boolean;
            v.boolean = true;
            return v;
        }
        if (c == 'f') {
            expect_word("false");
            v.kind = Json::Kind::boolean;
            return v;
        }
        if (c == 'n') {
            expect_word("null");
            return v;
        }
        v.kind = Json::Kind::number;
        v.number = read_number();
        return v;
    }

    std::string read_string() {
        ++pos_;  // the opening quote
        std::string out;
        while (true) {
            if (pos_ >= text_.size()) fail("unterminated string");
            const char c = text_[pos_++];
            if (c == '"') return out;
            if (static_cast<unsigned char>(c) < 0x20) fail("control character in string");
            if (c != '\\') {
                out += c;
                continue;
            }
            if (pos_ >= text_.size()) fail("unterminated escape");
            const char e = text_[pos_++];
            switch (e) {
                case '"':
                case '\\':
                case '/':
                    out += e;
                    break;
                case 'b':
                    out += '\b';
                    break;
                case 'f':
                    out += '\f';
                    break;
                case 'n':
                    out += '\n';
                    break;
                case 'r':
                    out += '\r';
                    break;
                case 't':
                    out += '\t';
                    break;
                case 'u': {
                    if (pos_ + 4 > text_.size()) fail("short \\u escape");
                    unsigned code = 0;
                    const auto [end, ec] = std::from_chars(text_.data() + pos_, text_.data() + pos_ + 4, code, 16);
                    if (ec != std::errc{} || end != text_.data() + pos_ + 4) fail("bad \\u escape");
                    pos_ += 4;
                    // The examples only escape ASCII; anything wider is kept as UTF-8.
                    if (code < 0x80) {
                        out += static_cast<char>(code);
                    } else if (code < 0x800) {
                        out += static_cast<char>(0xC0 | (code >> 6));
                        out += static_cast<char>(0x80 | (code & 0x3F));
                    } else {
                        out += static_cast<char>(0xE0 | (code >> 12));
                        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
                        out += static_cast<char>(0x80 | (code & 0x3F));
                    }
                    break;
                }
                default:
                    fail("bad escape");
            }
        }
    }

    double read_number() {
        // The JSON grammar: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
        const std::size_t start = pos_;
        auto digit = [&] { return pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9'; };
        if (pos_ < text_.size() && text_[pos_] == '-') ++pos_;
        if (!digit()) fail("expected a value");
        if (text_[pos_] == '0') {
            ++pos_;
        } else {
            while (digit()) ++pos_;
        }
        if (pos_ < text_.size() && text_[pos_] == '.') {
            ++pos_;
            if (!digit()) fail("digits expected after '.'");
            while (digit()) ++pos_;
        }
        if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
            ++pos_;
            if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
            if (!digit()) fail("digits expected in exponent");
            while (digit()) ++pos_;
        }
        double value = 0;
        const auto [end, ec] = std::from_chars(text_.data() + start, text_.data() + pos_, value);
        if (ec != std::errc{} || end != text_.data() + pos_) fail("bad number");
        return value;
    }

    std::string text_;
    std::size_t pos_ = 0;
};

inline Json parse_json(const std::string& text) {
    return JsonReader(text).read_document();
}

}  // namespace waymark::test
