#pragma once
// Builds small journeys for tests: J().born("2020-01-01").ev("2026-01-05", "accommodated")...
#include "app/standards_file.hpp"
#include "core/journey.hpp"
#include "core/stage.hpp"
#include "core/standards.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

namespace waymark::test {

inline const app::StandardSet& defaults() {
    static const app::StandardSet set = app::default_standards();
    return set;
}

struct ClockView {
    std::string starts_on, due_on, status, stopped_on;
    std::optional<std::int32_t> days_late;
};

class J {
public:
    J() {
        child_.local_authority = "S12000049";
        child_.child_id = "T1";
    }
    J& born(const char* d) {
        child_.date_of_birth = core::Date::parse(d);
        return *this;
    }
    J& ev(const char* date, const char* type, const char* details = "",
          core::EventStatus status = core::EventStatus::occurred) {
        core::Event e;
        e.date = core::Date::parse(date);
        auto id = defaults().vocabulary.find(type);
        if (!id) throw std::invalid_argument(std::string("no event type ") + type);
        e.type = *id;
        e.details = details;
        e.status = status;
        e.seq = static_cast<std::int64_t>(events_.size());
        events_.push_back(e);
        return *this;
    }
    J& planned(const char* date, const char* type, const char* details = "") {
        return ev(date, type, details, core::EventStatus::planned);
    }
    J& cancelled(const char* date, const char* type, const char* details = "") {
        return ev(date, type, details, core::EventStatus::cancelled);
    }

    // Clocks of one default standard as of `as_of`.
    std::vector<ClockView> clocks(const std::string& standard, const char* as_of) {
        const core::Standard* s = nullptr;
        for (const auto& x : defaults().standards) {
            if (x.id == standard) s = &x;
        }
        if (s == nullptr) throw std::invalid_argument("no standard " + standard);
        return clocks_of(*s, as_of);
    }
    std::vector<ClockView> clocks_of(const core::Standard& s, const char* as_of) {
        sort();
        core::Journey j(child_, events_, core::Date::parse(as_of));
        std::vector<core::Clock> out;
        core::evaluate_clocks(j, s, out);
        std::vector<ClockView> views;
        for (const auto& c : out) {
            views.push_back({c.starts_on.iso(), c.due_on.iso(), std::string(core::to_string(c.status)),
                             c.stopped_on ? c.stopped_on->iso() : "", c.days_late});
        }
        return views;
    }
    core::StageResult stage(const char* as_of) {
        sort();
        core::Journey j(child_, events_, core::Date::parse(as_of));
        return core::compute_stage(j);
    }
    std::string stage_name(const char* as_of) { return std::string(core::to_string(stage(as_of).stage)); }
    [[nodiscard]] const core::ChildRecord& child() const { return child_; }
    // The events in journey order.
    const std::vector<core::Event>& events() {
        sort();
        return events_;
    }

private:
    void sort() { std::stable_sort(events_.begin(), events_.end(), core::event_order); }
    core::ChildRecord child_;
    std::vector<core::Event> events_;
};

}  // namespace waymark::test
