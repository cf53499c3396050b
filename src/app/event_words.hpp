#pragma once
// An event's details in words, from the vocabulary, for people: the web pages' chronology and
// forms, and the chronology's CSV and PDF downloads (one wording everywhere).
#include "core/vocabulary.hpp"

#include <string>
#include <string_view>

namespace waymark::app {

// An attribute of an event type in words, as a form's label: "Kind of review", "Placement".
std::string attribute_label(const core::EventTypeSpec& spec, std::string_view key);
// An attribute's value in words, from the vocabulary: placement=kinship is "Kinship care", a
// date attribute's value "7 December 2026". A value the words do not know (a standards file's)
// is its code with spaces.
std::string attribute_value_words(const core::EventTypeSpec& spec, std::string_view key, std::string_view value);
// An event's details in words: "Placement: Kinship care. Brothers and sisters: Placed together".
std::string details_words(const core::EventTypeSpec& spec, std::string_view details);

}  // namespace waymark::app
