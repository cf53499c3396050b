#pragma once
// The colours of Waymark's pictures: Okabe-Ito hues, darkened where marks are small so that
// each keeps 3:1 against white, and a near-black ink.
#include "render/scene.hpp"

namespace waymark::render::palette {

constexpr Colour kInk{0x0b, 0x0c, 0x0c};
constexpr Colour kGrey{0x5f, 0x5f, 0x5f};
constexpr Colour kLightGrey{0xd0, 0xd0, 0xd0};
constexpr Colour kWhite{0xff, 0xff, 0xff};
constexpr Colour kBlue{0x00, 0x63, 0x9c};
constexpr Colour kGreen{0x00, 0x7a, 0x5a};
constexpr Colour kPurple{0x9c, 0x3f, 0x7a};
constexpr Colour kOrange{0xa8, 0x55, 0x00};
constexpr Colour kWarning{0xc0, 0x3a, 0x00};

}  // namespace waymark::render::palette
