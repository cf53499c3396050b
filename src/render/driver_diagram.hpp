#pragma once
// A driver diagram on one landscape A4 page: the aim, its primary drivers, their secondary
// drivers and the change ideas for each, in four columns joined by connectors, each change
// idea with the tests of change that try it and how each stands ("PACE-3 adopted").
// Pure layout: the result is a Scene for render/svg.hpp or render/cairo/.
#include "core/improvement.hpp"
#include "render/scene.hpp"

#include <span>
#include <string>

namespace waymark::render {

struct DriverDiagramInput {
    const core::DriverDiagram& diagram;
    std::span<const core::TestOfChange> tests;  // the council's tests of change, for their status
};

struct DriverDiagramOptions {
    std::string source_system = "Waymark";
    core::Date generated;  // printed in the footer and the PDF metadata; never read from a clock
};

// Boxes hold their text wrapped; when the diagram is too tall for the page the text gets
// smaller and boxes hold fewer lines, and as a last resort the last change ideas are left out
// and a line says how many. No two texts overlap, and every text lies inside the page.
Scene driver_diagram_scene(const DriverDiagramInput& input, const DriverDiagramOptions& options,
                           const TextMeasurer& measurer);

}  // namespace waymark::render
