// The names of core/qi's enums, each written once in a table: the command line's and the
// reference packages' words (to_string), and the parse back (try_parse_*).
#include "core/names.hpp"
#include "core/qi.hpp"

namespace waymark::core::qi {

namespace {

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
    {{AssuranceIcon::pass, "pass"}, {AssuranceIcon::fail, "fail"}, {AssuranceIcon::inconsistent, "inconsistent"}}};

}  // namespace

std::string_view to_string(ChartType type) noexcept {
    return name_of(kChartTypes, type);
}
std::optional<ChartType> try_parse_chart_type(std::string_view text) noexcept {
    return find_name(kChartTypes, text);
}

std::string_view to_string(Aggregation aggregation) noexcept {
    return name_of(kAggregations, aggregation);
}
std::optional<Aggregation> try_parse_aggregation(std::string_view text) noexcept {
    return find_name(kAggregations, text);
}

std::string_view to_string(ImprovementDirection direction) noexcept {
    return name_of(kDirections, direction);
}
std::optional<ImprovementDirection> try_parse_direction(std::string_view text) noexcept {
    return find_name(kDirections, text);
}

std::string_view to_string(MdcRule rule) noexcept {
    return name_of(kMdcRules, rule);
}
std::string_view to_string(MdcPointType type) noexcept {
    return name_of(kPointTypes, type);
}
std::string_view to_string(VariationIcon icon) noexcept {
    return name_of(kVariationIcons, icon);
}
std::string_view to_string(AssuranceIcon icon) noexcept {
    return name_of(kAssuranceIcons, icon);
}

}  // namespace waymark::core::qi
