#include "render/chart_axis.hpp"

#include "render/chart_model.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace waymark::render::chart_detail {

namespace {

// The 1-2-5 step nearest above raw.
double nice_step(double raw) {
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double norm = raw / magnitude;
    const double step = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10;
    return step * magnitude;
}

// A tick value with as many decimals as the step needs; thousands grouped when asked.
std::string tick_text(double v, double step, bool group) {
    const int decimals = std::max(0, static_cast<int>(-std::floor(std::log10(step) + 1e-9)));
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, std::abs(v) < step * 1e-9 ? 0.0 : v);
    return group ? group_thousands(buf) : std::string(buf);
}

struct DateStep {
    bool months = false;
    int count = 1;
};

std::vector<Tick> date_ticks_for(double d0, double d1, DateStep step) {
    std::vector<Tick> out;
    const core::Date first = date_of(std::ceil(d0));
    const core::Date last = date_of(std::floor(d1));
    if (!step.months) {
        // Day steps of 7 and 14 fall on Mondays (1970-01-05 was one).
        for (core::Date d = first; d <= last; d = d + core::Days{1}) {
            const std::int32_t from_monday = d.serial() - 4;
            if (((from_monday % step.count) + step.count) % step.count != 0) continue;
            const auto ymd = d.ymd();
            out.push_back({static_cast<double>(d.serial()),
                           std::to_string(static_cast<unsigned>(ymd.day())) + " " +
                               std::string(month_short(static_cast<unsigned>(ymd.month()))),
                           std::to_string(static_cast<int>(ymd.year()))});
        }
    } else {
        const auto f = first.ymd();
        core::Date d(static_cast<int>(f.year()), static_cast<unsigned>(f.month()), 1);
        for (; d <= last; d = d + core::Months{1}) {
            if (d < first) continue;
            const auto ymd = d.ymd();
            const int index =
                static_cast<int>(ymd.year()) * 12 + static_cast<int>(static_cast<unsigned>(ymd.month())) - 1;
            if (index % step.count != 0) continue;
            const std::string year = std::to_string(static_cast<int>(ymd.year()));
            if (step.count >= 12) {
                out.push_back({static_cast<double>(d.serial()), year, ""});
            } else {
                out.push_back({static_cast<double>(d.serial()),
                               std::string(month_short(static_cast<unsigned>(ymd.month()))), year});
            }
        }
    }
    // The year row names the year where it changes (and at the first tick).
    std::string previous;
    for (Tick& t : out) {
        if (t.year == previous) {
            const std::string keep = t.year;
            t.year.clear();
            previous = keep;
        } else {
            previous = t.year;
        }
    }
    return out;
}

}  // namespace

std::vector<Tick> number_ticks(double lo, double hi, int count, bool whole) {
    double step = nice_step((hi - lo) / std::max(count - 1, 1));
    if (whole) step = std::max(step, 1.0);
    const double first = std::floor(lo / step + 1e-9);
    const double last = std::ceil(hi / step - 1e-9);
    const bool group = !whole && std::max(std::abs(first), std::abs(last)) * step >= 10000;
    std::vector<Tick> out;
    const auto n = static_cast<long>(std::lround(last - first));
    for (long k = 0; k <= n; ++k) {
        const double v = (first + static_cast<double>(k)) * step;
        out.push_back({v, tick_text(v, step, group), ""});
    }
    return out;
}

std::vector<Tick> date_ticks(const Scale& x, const Writer& w) {
    static constexpr std::array<DateStep, 14> kSteps = {{{false, 1},
                                                         {false, 2},
                                                         {false, 7},
                                                         {false, 14},
                                                         {true, 1},
                                                         {true, 2},
                                                         {true, 3},
                                                         {true, 6},
                                                         {true, 12},
                                                         {true, 24},
                                                         {true, 60},
                                                         {true, 120},
                                                         {true, 240},
                                                         {true, 600}}};
    std::vector<Tick> fallback;
    for (const DateStep& step : kSteps) {
        std::vector<Tick> ticks = date_ticks_for(x.d0, x.d1, step);
        if (ticks.size() < 2 && &step != &kSteps.back()) {
            if (fallback.empty()) fallback = ticks;
            continue;
        }
        bool fits = true;
        for (std::size_t k = 1; k < ticks.size() && fits; ++k) {
            const double gap = x.at(ticks[k].value) - x.at(ticks[k - 1].value);
            const double need = (w.width(ticks[k].label, kAxisFont) + w.width(ticks[k - 1].label, kAxisFont)) / 2 + 6;
            const double need_year =
                ticks[k].year.empty() ? 0 : (w.width(ticks[k].year, kAxisFont) + w.width("0000", kAxisFont)) / 2 + 6;
            fits = gap >= std::max(need, need_year);
        }
        if (fits) return ticks;
    }
    return fallback;
}

}  // namespace waymark::render::chart_detail
