#include "core/survival.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace waymark::core {

namespace {

constexpr double kZ = 1.959963984540054;  // the 97.5% point of the standard normal
constexpr double kHalf = 0.5;
constexpr double kTolerance = 1e-12;

// R's rule: the first time the curve reaches one half or less; if it is exactly one half,
// the middle of that step and the next event time.
std::optional<double> first_at_or_below_half(const std::vector<SurvivalStep>& curve, double SurvivalStep::*band) {
    for (std::size_t i = 0; i < curve.size(); ++i) {
        const double s = curve[i].*band;
        if (s <= kHalf + kTolerance) {
            if (std::abs(s - kHalf) <= kTolerance && i + 1 < curve.size())
                return (curve[i].time + curve[i + 1].time) / 2;
            return curve[i].time;
        }
    }
    return std::nullopt;
}

}  // namespace

std::vector<SurvivalStep> kaplan_meier_curve(std::vector<SurvivalObservation> obs) {
    std::sort(obs.begin(), obs.end(),
              [](const SurvivalObservation& a, const SurvivalObservation& b) { return a.time < b.time; });
    std::vector<SurvivalStep> curve;
    std::size_t at_risk = obs.size();
    double survival = 1;
    double greenwood = 0;  // sum of d / (n (n - d)): the variance of log S
    for (std::size_t i = 0; i < obs.size();) {
        const double t = obs[i].time;
        std::size_t events = 0;
        std::size_t leaving = 0;
        for (; i < obs.size() && obs[i].time == t; ++i, ++leaving) {
            if (obs[i].event) ++events;
        }
        if (events > 0) {
            const auto n = static_cast<double>(at_risk);
            const auto d = static_cast<double>(events);
            survival *= 1 - d / n;
            greenwood = n > d ? greenwood + d / (n * (n - d)) : std::numeric_limits<double>::infinity();
            const double se = std::sqrt(greenwood);
            // Where the curve reaches 0 the log band is undefined (R gives NA): NaN never
            // counts as at or below one half.
            const double nan = std::numeric_limits<double>::quiet_NaN();
            SurvivalStep step{t, at_risk, events, survival, nan, nan};
            if (survival > 0 && std::isfinite(se)) {
                step.lower = survival * std::exp(-kZ * se);
                step.upper = std::min(1.0, survival * std::exp(kZ * se));
            }
            curve.push_back(step);
        }
        at_risk -= leaving;
    }
    return curve;
}

KaplanMeierSummary kaplan_meier(std::vector<SurvivalObservation> observations) {
    KaplanMeierSummary out;
    out.n = observations.size();
    out.events = static_cast<std::size_t>(
        std::count_if(observations.begin(), observations.end(), [](const SurvivalObservation& o) { return o.event; }));
    const auto curve = kaplan_meier_curve(std::move(observations));
    out.median = first_at_or_below_half(curve, &SurvivalStep::survival);
    // The interval holds the times whose band contains one half: it opens when the lower band
    // reaches one half and closes when the upper band does.
    out.lower = first_at_or_below_half(curve, &SurvivalStep::lower);
    out.upper = first_at_or_below_half(curve, &SurvivalStep::upper);
    return out;
}

}  // namespace waymark::core
