#pragma once
// A valid test of change to start tests from.
#include "core/improvement.hpp"

#include <string>

namespace waymark::test {

inline core::TestOfChange a_test_of_change(const std::string& reference = "PACE-1") {
    core::TestOfChange t;
    t.local_authority = "S12000049";
    t.reference = reference;
    t.title = "72-hour post-admission meeting";
    t.aim = "A first plan within 72 hours";
    t.change_idea = "Hold a meeting within 72 hours with a standing agenda";
    t.agency = "social_work";
    t.start_date = core::Date::parse("2025-01-06");
    t.measures = {"days-to-recommendation", "in-drift"};
    return t;
}

}  // namespace waymark::test
