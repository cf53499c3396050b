#pragma once
// Small builders for scene items in tests: aggregate initialisation with fields left out trips
// -Wmissing-field-initializers.
#include "render/scene.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace waymark::test::scene {

using namespace waymark::render;

inline Fill solid(Colour c) {
    Fill f;
    f.colour = c;
    return f;
}
inline Font font(double size, bool bold = false, bool italic = false) {
    return Font{size, bold, italic};
}
inline Text text(Point at, std::string s, Font f = font(9), Anchor anchor = Anchor::start) {
    Text t;
    t.at = at;
    t.text = std::move(s);
    t.font = f;
    t.anchor = anchor;
    return t;
}
inline Box box(Rect r, std::optional<Fill> f) {
    Box b;
    b.rect = r;
    b.fill = f;
    return b;
}
inline Path line(std::vector<Point> points, Stroke s) {
    Path p;
    p.points = std::move(points);
    p.stroke = s;
    return p;
}
inline Marker marker(Point at, Shape shape = Shape::circle, double size = 6, Colour c = {}) {
    Marker m;
    m.at = at;
    m.shape = shape;
    m.size = size;
    m.colour = c;
    return m;
}

}  // namespace waymark::test::scene
