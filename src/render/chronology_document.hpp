#pragma once
// A child's whole chronology as A4 pages to print or attach (GET .../chronology.pdf): the
// child's summary line, then a table (date, event, source, details and note) whose text wraps
// in its column, with a header on every page, the column headings repeated, and a footer with
// "OFFICIAL-SENSITIVE" and "Page N of M". A row longer than a page goes on over the next. Pure
// layout: render/cairo's to_pdf draws the pages.
#include "render/scene.hpp"

#include <string>
#include <vector>

namespace waymark::render {

struct ChronologyDocument {
    std::string heading;  // "Chronology of Isla Campbell (S12000033 B1)"
    std::string summary;  // reference, name, date of birth, stage, in words
    std::string made;     // "Made 7 December 2026"
    std::string created;  // ISO date for the PDF's metadata
    struct Row {
        std::string date;
        std::string event;
        std::string source;
        std::string text;  // details and note
    };
    std::vector<Row> rows;
};

// A4 portrait pages, at least one.
std::vector<Scene> chronology_pages(const ChronologyDocument& doc, const TextMeasurer& measurer);

}  // namespace waymark::render
