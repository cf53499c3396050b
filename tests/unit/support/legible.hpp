#pragma once
// Legible pictures: every text inside the page, and no two texts sharing area (the promise of
// the timeline and the charts, checked on every scene their tests draw).
#include "render/scene.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace waymark::test {

namespace render = waymark::render;

// The texts of a scene with their bounds, in scene order.
inline std::vector<std::pair<render::Rect, const render::Text*>> texts_of(const render::Scene& scene) {
    std::vector<std::pair<render::Rect, const render::Text*>> texts;
    for (const auto& g : scene.groups) {
        for (const auto& item : g.items) {
            if (const auto* t = std::get_if<render::Text>(&item)) texts.emplace_back(t->bounds(), t);
        }
    }
    return texts;
}

// Every text inside the page, and no two texts sharing area.
inline void expect_legible(const render::Scene& scene, const std::string& who) {
    const render::Rect page{0, 0, scene.width, scene.height};
    const auto texts = texts_of(scene);
    for (const auto& [bounds, t] : texts) ASSERT_GT(t->width, 0) << who << ": unmeasured text " << t->text;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        EXPECT_TRUE(page.contains(texts[i].first)) << who << ": off the page: " << texts[i].second->text;
        for (std::size_t j = i + 1; j < texts.size(); ++j) {
            // Shrunk a hair: lines of text may touch.
            render::Rect a = texts[i].first;
            a.x += 0.05;
            a.y += 0.05;
            a.w -= 0.1;
            a.h -= 0.1;
            EXPECT_FALSE(a.overlaps(texts[j].first))
                << who << ": \"" << texts[i].second->text << "\" overlaps \"" << texts[j].second->text << "\"";
        }
    }
}

}  // namespace waymark::test
