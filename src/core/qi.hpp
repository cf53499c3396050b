#pragma once
// Run charts and Shewhart control charts with the Anhøj runs analysis, and Making Data Count
// XmR charts, exactly as ../shared/QI.md defines them and as qicharts2 0.8.1 and
// NHSRplotthedots 0.2.2 compute them (the worked examples in ../shared/qi-examples are the
// reference; tests/unit/qi_examples_test.cpp checks every one of them to 1e-9).
//
// Missing values are std::optional<double> (never NaN) in every input and output, so a caller
// cannot mistake "no value" for a number. Point numbers (freeze, part breaks, exclude) are
// 1-based, as users and the reference package count them.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::core::qi {

enum class ChartType {
    run,   // median, runs analysis only
    i,     // individuals (XmR)
    mr,    // moving ranges of the individuals
    c,     // counts
    u,     // rates: sum y / sum n
    p,     // proportions: sum y / sum n
    up,    // Laney U'
    pp,    // Laney P'
    xbar,  // subgroup means
    s      // subgroup standard deviations
};
std::string_view to_string(ChartType type) noexcept;
std::optional<ChartType> try_parse_chart_type(std::string_view text) noexcept;

// How several rows with the same x (and no denominator) become one value.
enum class Aggregation { mean, median, sum };
std::string_view to_string(Aggregation aggregation) noexcept;
std::optional<Aggregation> try_parse_aggregation(std::string_view text) noexcept;

// One input row. x orders the points (a day number for dates, or an index); rows with the
// same x form one subgroup.
struct Observation {
    double x = 0;
    std::optional<double> y;
    std::optional<double> n;  // the denominator, where the chart has one
    std::string part_label;   // used only when ChartOptions::parts_from_labels
};

struct ChartOptions {
    ChartType chart = ChartType::run;
    Aggregation aggregation = Aggregation::mean;
    // Whether the rows carry a denominator: then the value of a subgroup is sum(y) / sum(n)
    // and a row missing either y or n counts as missing in both.
    bool has_denominator = false;
    double multiply = 1;
    // Points 1..freeze are the baseline; ignored when parts are given, as in qicharts2.
    std::optional<std::size_t> freeze;
    // A new part starts after each listed point (qicharts2's `part`).
    std::vector<std::size_t> part_breaks;
    // Instead of part_breaks: a part starts at the first appearance of each new label.
    bool parts_from_labels = false;
    std::vector<std::size_t> exclude;
    // Screen the moving ranges (I, P', U' charts): drop every MR not strictly below
    // 3.267 x AMR and recompute AMR once. qicharts2 does this when the package is attached.
    bool screened_mr = true;
};

// A subgroup after aggregation, in x order. value is what the chart plots before any
// chart-specific transformation (MR, S) and before multiply.
struct Subgroup {
    double x = 0;
    std::optional<double> value;
    std::optional<double> y_sum;  // sum of the non-missing y
    std::optional<double> n;      // sum of the non-missing n (only with a denominator)
    std::size_t y_length = 0;     // number of non-missing y
    std::optional<double> y_mean;
    std::optional<double> y_sd;  // sample standard deviation, needs two values
    std::string part_label;      // of the subgroup's first row
};

// Groups rows by x (ascending) and aggregates them (QI.md, "Data preparation"). Rows whose x
// is not finite are dropped.
std::vector<Subgroup> prepare_subgroups(const std::vector<Observation>& rows, const ChartOptions& options);

// The part number (1-based) of each of `count` points.
std::vector<int> parts_from_breaks(const std::vector<std::size_t>& breaks, std::size_t count);
std::vector<int> parts_from_label_list(const std::vector<std::string>& labels);

// --- Anhøj runs analysis -----------------------------------------------------------------

// round(log2(n)) + 3 (Schilling 2012); n >= 1.
std::size_t longest_run_max(std::size_t n_useful);
// The smallest c with P(X <= c) >= 0.05 for X ~ Binomial(n - 1, 0.5) (Chen 2010); n >= 1.
std::size_t crossings_min(std::size_t n_useful);

struct RunsAnalysis {
    int part = 1;
    std::size_t n_obs = 0;     // included points, missing ones too
    std::size_t n_useful = 0;  // included, non-missing, not on the centre line
    // Absent when n_useful is 0: nothing to analyse and no signal.
    std::optional<std::size_t> longest_run;
    std::optional<std::size_t> longest_run_max;
    std::optional<std::size_t> n_crossings;
    std::optional<std::size_t> n_crossings_min;
    bool runs_signal = false;
};

// The analysis of values against a centre line; missing values and values exactly on the
// centre are not useful. An absent centre makes every point not useful.
RunsAnalysis analyse_runs(const std::vector<std::optional<double>>& values, std::optional<double> centre);

// Where the longest run lies, so that a picture can point at it: the positions in `values` of
// its first and last useful points (the first such run where several are as long), its length
// in useful points and its side (1 above the centre, -1 below). Absent when no point is useful.
struct RunSpan {
    std::size_t first = 0;
    std::size_t last = 0;
    std::size_t length = 0;
    int side = 0;
};
std::optional<RunSpan> longest_run(const std::vector<std::optional<double>>& values, std::optional<double> centre);

// --- IHI run chart rules (Provost & Murray) -----------------------------------------------

// The limits for too few / too many runs among n useful points: the exact distribution of
// the number of runs (Swed & Eisenhart 1943) with the points split as evenly as possible
// above and below the median, at most 2.5 % in each tail. Too few runs: runs < lower; too
// many: runs > upper. Only defined for 10 or more useful points. Published tables (Perla,
// Provost & Murray 2011) differ by one in places; this is the table the worked examples use.
struct RunsLimits {
    std::size_t lower = 0;
    std::size_t upper = 0;
};
std::optional<RunsLimits> ihi_runs_limits(std::size_t n_useful);

struct IhiPart {
    int part = 1;
    std::optional<double> median;
    std::size_t n_useful = 0;
    std::size_t n_runs = 0;
    std::optional<RunsLimits> runs_limits;
    bool too_few_runs = false;
    bool too_many_runs = false;
    bool shift_signal = false;
    bool trend_signal = false;
};

// Shift: 6 or more consecutive useful points on one side of the centre (points on it neither
// break nor count); every useful point of the sequence is flagged. Missing values are skipped.
std::vector<bool> ihi_shift(const std::vector<std::optional<double>>& values, std::optional<double> centre,
                            std::size_t min_length = 6);
// Trend: 5 or more points all rising or all falling; a value equal to its predecessor neither
// counts nor breaks, and is flagged when it lies inside a trend or repeats a value at either
// end of one (QI.md: 29.4, 29.4 closing a rising trend are both flagged). Missing values are skipped.
std::vector<bool> ihi_trend(const std::vector<std::optional<double>>& values, std::size_t min_length = 5);

// --- Charts ---------------------------------------------------------------------------------

struct ChartPoint {
    double x = 0;
    std::optional<double> y;  // plotted value, multiplied
    std::optional<double> n;
    std::size_t y_length = 0;
    int part = 1;
    bool baseline = true;
    bool include = true;
    std::optional<double> cl;
    std::optional<double> lcl;
    std::optional<double> ucl;
    std::optional<double> lcl_95;
    std::optional<double> ucl_95;
    // Strictly above UCL or below LCL; excluded points are tested too.
    bool sigma_signal = false;
    // IHI rules, run charts only.
    bool ihi_shift = false;
    bool ihi_trend = false;
};

struct Chart {
    ChartType type = ChartType::run;
    bool screened_mr = true;  // what was used, for the caption
    bool freeze_ignored = false;
    std::vector<ChartPoint> points;
    // One per part. For MR charts the statistics are given but runs_signal is always false:
    // moving ranges are not independent, so the rules do not apply (QI.md).
    std::vector<RunsAnalysis> runs;
    std::vector<IhiPart> ihi;  // run charts only
};

// Throws Error(invalid_input) for options that cannot describe a chart (multiply not finite
// or zero, freeze of 0, a P/U/P'/U' chart without a denominator).
Chart compute_chart(const std::vector<Observation>& rows, const ChartOptions& options);

// --- Making Data Count (NHSRplotthedots 0.2.2; XmR only) -------------------------------------

enum class ImprovementDirection { increase, decrease, neutral };
// "increase", "decrease", "neutral": as --improvement takes them.
std::string_view to_string(ImprovementDirection direction) noexcept;
std::optional<ImprovementDirection> try_parse_direction(std::string_view text) noexcept;

// The special-cause rule that labels a point, first match in this order; to_string gives the
// labels users of the package know.
enum class MdcRule {
    common_cause,
    above_ucl,
    below_lcl,
    trend_increasing,
    trend_decreasing,
    two_in_three_above,
    two_in_three_below,
    shift_above,
    shift_below
};
std::string_view to_string(MdcRule rule) noexcept;

enum class MdcPointType {
    common_cause,
    special_cause_improvement,
    special_cause_concern,
    special_cause_neutral_high,
    special_cause_neutral_low
};
std::string_view to_string(MdcPointType type) noexcept;

enum class VariationIcon {
    common_cause,
    improvement_high,
    improvement_low,
    concern_high,
    concern_low,
    neutral_high,
    neutral_low
};
std::string_view to_string(VariationIcon icon) noexcept;

enum class AssuranceIcon { pass, fail, inconsistent };
std::string_view to_string(AssuranceIcon icon) noexcept;

struct MdcOptions {
    ImprovementDirection direction = ImprovementDirection::neutral;
    // A new group starts at the first point at or after each of these x (the rebase point
    // belongs to the new group).
    std::vector<double> rebase_x;
    // Each group's mean and limits come from its first m points (m >= 12).
    std::optional<std::size_t> fix_after_n_points;
    // Drop moving ranges not strictly below 3.267 x AMR and recompute AMR once (the default).
    bool screen_outliers = true;
    std::size_t trend_length = 7;  // some guidance says 6
    std::size_t shift_length = 7;
    std::optional<double> target;
};

struct MdcPoint {
    double x = 0;
    std::optional<double> y;
    int rebase_group = 0;  // 0-based, as the package numbers them
    std::optional<double> mean;
    std::optional<double> lpl;
    std::optional<double> upl;
    bool outside_limits = false;
    int relative_to_mean = 0;  // -1, 0 or 1
    bool close_to_limits = false;
    MdcRule special_cause_type = MdcRule::common_cause;
    bool special_cause_flag = false;
    MdcPointType point_type = MdcPointType::common_cause;
    bool short_group_warning = false;  // the point's group has fewer than 13 points
};

struct MdcGroup {
    int rebase_group = 0;
    std::optional<double> mean;
    std::optional<double> lpl;
    std::optional<double> upl;
    std::size_t n = 0;
    std::size_t common_cause = 0;
    std::size_t special_cause_improvement = 0;
    std::size_t special_cause_concern = 0;
    std::size_t special_cause_neutral = 0;
    MdcPointType variation_type = MdcPointType::common_cause;  // of the group's latest point
};

struct MdcChart {
    MdcOptions options;  // what was used (direction, target, rebase), for captions and pictures
    std::vector<MdcPoint> points;
    std::vector<MdcGroup> groups;
    std::optional<VariationIcon> variation_icon;  // of the latest point; none without points
    std::optional<AssuranceIcon> assurance_icon;  // none without a target or with a neutral direction
    bool short_group_warning = false;
};

// One series (compute each facet separately). Rows with the same x are averaged. Throws
// Error(invalid_input) for fix_after_n_points below 12 or rule lengths below 2.
MdcChart compute_mdc_chart(const std::vector<Observation>& rows, const MdcOptions& options);

}  // namespace waymark::core::qi
