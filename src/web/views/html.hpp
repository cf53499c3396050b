#pragma once
// HTML escaped by construction. An Html value is markup; the only ways to make one are
//   - a string literal (Markup's constructor is consteval, so only text written in this
//     program's source can be trusted markup: `page += "<h1>";`),
//   - text(s), which escapes s for use in element content and quoted attribute values,
//   - trusted_svg(s), for the output of render::to_svg, which escapes what it writes.
// A std::string cannot be appended as markup: `page += name;` does not compile.
#include <string>
#include <string_view>

namespace waymark::web {

class Markup {
public:
    // NOLINTNEXTLINE(google-explicit-constructor): literals convert implicitly, by design.
    consteval Markup(const char* literal) : text_(literal) {}
    [[nodiscard]] std::string_view view() const noexcept { return text_; }

private:
    std::string_view text_;
};

class Html {
public:
    Html() = default;
    // NOLINTNEXTLINE(google-explicit-constructor)
    Html(Markup m) : s_(m.view()) {}

    Html& operator=(Markup m) {
        s_ = m.view();
        return *this;
    }
    Html& operator+=(Markup m) {
        s_ += m.view();
        return *this;
    }
    Html& operator+=(const Html& h) {
        s_ += h.s_;
        return *this;
    }
    friend Html operator+(Html a, const Html& b) { return a += b; }
    friend Html operator+(Html a, Markup b) { return a += b; }
    friend Html operator+(Markup a, const Html& b) { return Html(a) += b; }

    // text(s) and text(n) appended in place, without a temporary: for pages of many rows.
    Html& add_text(std::string_view s);
    Html& add_text(long long n);

    // Room for `bytes` of markup in all, so that a large page is not copied as it grows.
    void reserve(std::size_t bytes) { s_.reserve(bytes); }
    [[nodiscard]] const std::string& str() const noexcept { return s_; }
    [[nodiscard]] std::string release() && { return std::move(s_); }

    friend Html trusted_svg(std::string svg);

private:
    std::string s_;
};

// Escapes & < > " ' so that the text is safe in content and in quoted attribute values.
Html text(std::string_view s);
Html text(long long n);
// Text a user wrote (a child's name, a note, a title, a user's or team's name) in content:
// text(s) inside <bdi>, so that its direction, and any bidirectional override in it
// (U+202A-U+202E, U+2066-U+2069), stays inside it and cannot reorder the page around it.
Html user_text(std::string_view s);
// s without the bidirectional embedding, override and isolate controls (U+202A-U+202E,
// U+2066-U+2069): for the page's <title>, which cannot hold a <bdi>.
std::string without_bidi_controls(std::string_view s);
// render::to_svg output: it escapes every text and attribute it writes (render/svg.cpp).
Html trusted_svg(std::string svg);

// A path segment percent-encoded (RFC 3986 unreserved characters kept), then usable in an
// href through text().
std::string path_segment(std::string_view s);

}  // namespace waymark::web
