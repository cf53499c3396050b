#pragma once
// Kaplan-Meier estimates for time-to-event measures, so that children still waiting count
// (DOMAIN.md section 6): the median time and its 95% confidence interval, as R's survival
// package reports them by default (survfit, conf.type = "log", Greenwood's variance).
#include <cstddef>
#include <optional>
#include <vector>

namespace waymark::core {

struct SurvivalObservation {
    double time = 0;     // from the start of the wait to the event or to censoring
    bool event = false;  // true: the event happened at `time`; false: still waiting (censored)
};

struct KaplanMeierSummary {
    std::size_t n = 0;
    std::size_t events = 0;
    std::optional<double> median;  // none while more than half are still waiting
    std::optional<double> lower;   // 95% confidence interval of the median
    std::optional<double> upper;
};

struct SurvivalStep {
    double time = 0;
    std::size_t at_risk = 0;
    std::size_t events = 0;
    double survival = 1;
    double lower = 1;  // 95% pointwise interval, log transformation; NaN where survival is 0
    double upper = 1;
};

// The curve at each event time, in time order (censored observations at a time count as
// at risk at that time, as usual).
std::vector<SurvivalStep> kaplan_meier_curve(std::vector<SurvivalObservation> observations);

// The median (the first time the curve is at or below one half; where the curve is exactly
// one half over an interval, the middle of that interval, as R does) and its interval: from
// the first time the lower band is at or below one half to the first time the upper band is.
KaplanMeierSummary kaplan_meier(std::vector<SurvivalObservation> observations);

}  // namespace waymark::core
