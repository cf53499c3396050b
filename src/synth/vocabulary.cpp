#include "synth/vocabulary.hpp"

namespace waymark::synth {

std::string_view type_name(Type t) {
    static const core::Vocabulary vocabulary;
    return vocabulary.name(core::id_of(t));
}

const std::array<std::string, 36>& accommodated_details() {
    static const std::array<std::string, 36> table = [] {
        std::array<std::string, 36> t;
        for (std::size_t p = 0; p < 6; ++p) {
            for (std::size_t b = 0; b < 6; ++b) {
                t[p * 6 + b] = "placement=" + std::string(kPlacementName[p]) + ";basis=" + std::string(kBasisName[b]);
            }
        }
        return t;
    }();
    return table;
}

}  // namespace waymark::synth
