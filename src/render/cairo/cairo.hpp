#pragma once
// Draws a scene with Cairo and Pango: a one-page PDF and a PNG. The only place Cairo and Pango
// appear (besides tools/font_metrics.cpp).
#include "render/scene.hpp"

#include <span>
#include <string>

namespace waymark::render {

// A one-page PDF. Reproducible: the creation date is scene.metadata.created and nothing else
// varies, so the same scene gives the same bytes.
std::string to_pdf(const Scene& scene);
// A PDF of several pages, one a scene, each its own size; the metadata is the first page's.
std::string to_pdf(std::span<const Scene> pages);

// A PNG on a white background at `pixels_per_point` (2 gives 144 dots per inch).
std::string to_png(const Scene& scene, double pixels_per_point = 2.0);

// Text measured by Pango in the scene's font (Liberation Sans), with kerning: what Cairo draws.
const TextMeasurer& pango_metrics();

}  // namespace waymark::render
