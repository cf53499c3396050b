#pragma once
// What a chart is drawn as, typed once for `waymark spc`, `waymark chart` and the web's measure
// pages: a run or control chart of core/qi (its ChartType), or a Making Data Count chart.
#include "core/qi.hpp"
#include "core/qi_mark.hpp"

#include <optional>
#include <string_view>

namespace waymark::app {

struct ChartKind {
    std::optional<core::qi::ChartType> type = core::qi::ChartType::run;  // none: Making Data Count
    [[nodiscard]] bool mdc() const noexcept { return !type; }
    friend bool operator==(const ChartKind&, const ChartKind&) = default;
};

// "run", "i", ... as core/qi names them, or "mdc": as --chart and the web's chart field take them.
inline std::string_view to_string(ChartKind kind) noexcept {
    return kind.type ? core::qi::to_string(*kind.type) : std::string_view("mdc");
}

inline std::optional<ChartKind> try_parse_chart_kind(std::string_view text) noexcept {
    if (text == "mdc") return ChartKind{std::nullopt};
    if (const auto type = core::qi::try_parse_chart_type(text)) return ChartKind{type};
    return std::nullopt;
}

}  // namespace waymark::app
