#pragma once
// multipart/form-data (RFC 7578) bodies, as a browser sends a form with file inputs. Small and
// strict: a part needs a Content-Disposition of form-data with a name, the body must close with
// its final boundary, and limits bound the number of parts and the size of their headers.
// Parts refer into the body they were parsed from.
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace waymark::web {

struct MultipartPart {
    std::string_view name;
    std::optional<std::string_view> filename;  // set for a file input (empty if none was chosen)
    std::string_view content_type;             // as sent; empty if none
    std::string_view body;
};

struct MultipartLimits {
    std::size_t max_parts = 16;
    std::size_t max_header_bytes = 2048;  // of one part's headers
};

// The boundary of a multipart/form-data Content-Type, or nothing if it is not one or the
// boundary is missing or malformed (1 to 70 characters, RFC 2046).
std::optional<std::string_view> multipart_boundary(std::string_view content_type);

// Parses the body. Throws core::Error(invalid_input) saying what is wrong: not multipart, no
// boundary, a part without a name, headers too long, too many parts, or no closing boundary.
std::vector<MultipartPart> parse_multipart(std::string_view content_type, std::string_view body,
                                           const MultipartLimits& limits = {});

// The first part of that name, if any.
const MultipartPart* find_part(const std::vector<MultipartPart>& parts, std::string_view name);

}  // namespace waymark::web
