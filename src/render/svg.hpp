#pragma once
// The SVG writer: a scene as SVG 1.1 with real text elements (selectable, searchable, read by
// screen readers), a <title> and <desc>, and groups in reading order. Cairo's own SVG surface
// draws text as outlines, so it is not used for SVG.
#include "render/scene.hpp"

#include <string>

namespace waymark::render {

struct SvgOptions {
    // Write the XML declaration (a standalone .svg file); off when the SVG goes inline in HTML.
    bool xml_declaration = true;
    // Prefix for ids, so that several inline SVGs on one page do not clash.
    std::string id_prefix;
    // Inline in a page: as wide as its container (width 100%, no height, so the height follows
    // the viewBox), rather than the scene's size in points, which would make a narrow screen
    // scroll sideways (WCAG 1.4.10 Reflow).
    bool fluid = false;
};

std::string to_svg(const Scene& scene, const SvgOptions& options = {});

}  // namespace waymark::render
