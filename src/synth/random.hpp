#pragma once
// The synthetic generator's random numbers and days (synth/synth.hpp). The output depends only on
// the options: the same seed gives the same bytes on every platform.
#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>

namespace waymark::synth {

using Day = std::int32_t;  // days since 1970-01-01, as core::Date::serial()

constexpr Day kNever = 1 << 29;  // later than any date we write
constexpr Day kNone = -(1 << 29);

// Random numbers: xoshiro256** seeded by splitmix64, with integer-only helpers, so that a seed
// gives the same bytes everywhere (the standard distributions are implementation-defined).

constexpr std::uint64_t mix64(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

class Rng {
public:
    explicit Rng(std::uint64_t seed) {
        for (auto& word : state_) {
            seed += 0x9E3779B97F4A7C15ULL;  // splitmix64
            word = mix64(seed);
        }
    }

    std::uint64_t next() {
        const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
        const std::uint64_t t = state_[1] << 17;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = rotl(state_[3], 45);
        return result;
    }

    // 0 .. n-1 (the modulo bias is below 2^-30 for the small n used here).
    std::uint32_t below(std::uint32_t n) { return n == 0 ? 0 : static_cast<std::uint32_t>((next() >> 11) % n); }
    // lo .. hi inclusive.
    Day between(Day lo, Day hi) {
        return hi <= lo ? lo : lo + static_cast<Day>(below(static_cast<std::uint32_t>(hi - lo) + 1));
    }
    // True with probability per_mille / 1000.
    bool chance(std::uint32_t per_mille) { return below(1000) < per_mille; }
    // An index chosen with the given integer weights.
    std::size_t weighted(std::initializer_list<std::uint32_t> weights) {
        return weighted_index(weights, [](std::uint32_t w) { return w; });
    }
    // A range of days for weighted_between: `from` to `to` inclusive, counted down from `from`
    // when `to` is before it. A range of one day gives that day without a draw, so
    // {weight, kNone, kNone} stands for none.
    struct Range {
        std::uint32_t weight;
        Day from;
        Day to;
    };
    // One of `ranges` chosen by weight, then a day in it: the draws of a weighted() switch whose
    // cases each call between() once (or draw nothing), in one place.
    Day weighted_between(std::initializer_list<Range> ranges) {
        const Range& r = *(ranges.begin() + weighted_index(ranges, [](const Range& x) { return x.weight; }));
        return r.to >= r.from ? between(r.from, r.to) : r.from - between(0, r.from - r.to);
    }
    template <typename T, std::size_t N>
    const T& pick(const std::array<T, N>& items) {
        return items[below(N)];
    }

private:
    template <typename Items, typename Weight>
    std::size_t weighted_index(const Items& items, Weight weight) {
        std::uint32_t total = 0;
        for (const auto& item : items) total += weight(item);
        std::uint32_t r = below(total);
        std::size_t i = 0;
        for (const auto& item : items) {
            if (r < weight(item)) return i;
            r -= weight(item);
            ++i;
        }
        return 0;
    }
    static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::array<std::uint64_t, 4> state_{};
};

}  // namespace waymark::synth
