// The names of core/qi's enums, each written once in a table: the command line's and the
// reference packages' words (to_string), and the parse back (try_parse_*).
#include "core/qi.hpp"

#include <array>
#include <utility>

namespace waymark::core::qi {

namespace {

template <class E, std::size_t N>
using Names = std::array<std::pair<E, std::string_view>, N>;

// The name of a value; the first entry's for a value not in the table (never, for a valid enum).
template <class E, std::size_t N>
constexpr std::string_view name_in(const Names<E, N>& names, E value) noexcept {
    for (const auto& [v, name] : names) {
        if (v == value) return name;
    }
    return names.front().second;
}

template <class E, std::size_t N>
constexpr std::optional<E> value_in(const Names<E, N>& names, std::string_view text) noexcept {
    for (const auto& [v, name] : names) {
        if (name == text) return v;
    }
    return std::nullopt;
}

constexpr Names<ChartType, 10> kChartTypes{{{ChartType::run, "run"},
                                            {ChartType::i, "i"},
                                            {ChartType::mr, "mr"},
                                            {ChartType::c, "c"},
                                            {ChartType::u, "u"},
                                            {ChartType::p, "p"},
                                            {ChartType::up, "up"},
                                            {ChartType::pp, "pp"},
                                            {ChartType::xbar, "xbar"},
                                            {ChartType::s, "s"}}};

constexpr Names<Aggregation, 3> kAggregations{
    {{Aggregation::mean, "mean"}, {Aggregation::median, "median"}, {Aggregation::sum, "sum"}}};

constexpr Names<ImprovementDirection, 3> kDirections{{{ImprovementDirection::increase, "increase"},
                                                      {ImprovementDirection::decrease, "decrease"},
                                                      {ImprovementDirection::neutral, "neutral"}}};

constexpr Names<MdcRule, 9> kMdcRules{{{MdcRule::common_cause, "Common Cause"},
                                       {MdcRule::above_ucl, "Above UCL"},
                                       {MdcRule::below_lcl, "Below LCL"},
                                       {MdcRule::trend_increasing, "7 Point Trend (Increasing)"},
                                       {MdcRule::trend_decreasing, "7 Point Trend (Decreasing)"},
                                       {MdcRule::two_in_three_above, "2 in 3 Above CL"},
                                       {MdcRule::two_in_three_below, "2 in 3 Below CL"},
                                       {MdcRule::shift_above, "7 Points Above CL"},
                                       {MdcRule::shift_below, "7 Points Below CL"}}};

constexpr Names<MdcPointType, 5> kPointTypes{{{MdcPointType::common_cause, "common_cause"},
                                              {MdcPointType::special_cause_improvement, "special_cause_improvement"},
                                              {MdcPointType::special_cause_concern, "special_cause_concern"},
                                              {MdcPointType::special_cause_neutral_high, "special_cause_neutral_high"},
                                              {MdcPointType::special_cause_neutral_low, "special_cause_neutral_low"}}};

constexpr Names<VariationIcon, 7> kVariationIcons{{{VariationIcon::common_cause, "common_cause"},
                                                   {VariationIcon::improvement_high, "improvement_high"},
                                                   {VariationIcon::improvement_low, "improvement_low"},
                                                   {VariationIcon::concern_high, "concern_high"},
                                                   {VariationIcon::concern_low, "concern_low"},
                                                   {VariationIcon::neutral_high, "neutral_high"},
                                                   {VariationIcon::neutral_low, "neutral_low"}}};

constexpr Names<AssuranceIcon, 3> kAssuranceIcons{
    {{AssuranceIcon::inconsistent, "inconsistent"}, {AssuranceIcon::pass, "pass"}, {AssuranceIcon::fail, "fail"}}};

}  // namespace

std::string_view to_string(ChartType type) noexcept {
    return name_in(kChartTypes, type);
}
std::optional<ChartType> try_parse_chart_type(std::string_view text) noexcept {
    return value_in(kChartTypes, text);
}

std::string_view to_string(Aggregation aggregation) noexcept {
    return name_in(kAggregations, aggregation);
}
std::optional<Aggregation> try_parse_aggregation(std::string_view text) noexcept {
    return value_in(kAggregations, text);
}

std::string_view to_string(ImprovementDirection direction) noexcept {
    return name_in(kDirections, direction);
}
std::optional<ImprovementDirection> try_parse_direction(std::string_view text) noexcept {
    return value_in(kDirections, text);
}

std::string_view to_string(MdcRule rule) noexcept {
    return name_in(kMdcRules, rule);
}
std::string_view to_string(MdcPointType type) noexcept {
    return name_in(kPointTypes, type);
}
std::string_view to_string(VariationIcon icon) noexcept {
    return name_in(kVariationIcons, icon);
}
std::string_view to_string(AssuranceIcon icon) noexcept {
    return name_in(kAssuranceIcons, icon);
}

}  // namespace waymark::core::qi
