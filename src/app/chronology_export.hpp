#pragma once
// A child's whole chronology for download: the CSV `waymark chronology --format csv` writes and
// the web app's chronology.csv (one writer, two styles), and the rows in words that the web
// app's chronology.pdf draws (render/chronology_document.hpp).
#include "app/reports.hpp"
#include "core/vocabulary.hpp"

#include <string>
#include <vector>

namespace waymark::app {

// codes: the command line's columns as stored (date ISO, event name, details key=value), then a
//        second table of the clocks; for scripts.
// words: for people (the web download): Date ("7 December 2026"), Event, Status, Source,
//        Details, Note, in words, events only.
enum class ChronologyCsvStyle { codes, words };

// Every cell guarded against spreadsheet formulas (app::append_csv_row).
std::string chronology_csv(const Chronology& c, const core::Vocabulary& vocabulary, ChronologyCsvStyle style);

// One event in words, as the web pages show it.
struct ChronologyRowWords {
    std::string date;     // "7 December 2026"
    std::string event;    // "Looked after review", with " (planned)" or " (cancelled)"
    std::string status;   // "Occurred", "Planned", "Cancelled"
    std::string source;   // "Social work"
    std::string details;  // "Placement: Foster care" (app::details_words)
    std::string note;
};
std::vector<ChronologyRowWords> chronology_in_words(const Chronology& c, const core::Vocabulary& vocabulary);

// "social_work" as "Social work".
std::string code_in_words(std::string_view code);

}  // namespace waymark::app
