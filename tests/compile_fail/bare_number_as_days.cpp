// A bare number is not a duration: say Days{3}, weeks(3) or Months{3}.
#include "core/date.hpp"

int main() {
    using namespace waymark::core;
    const Date d = Date::parse("2026-01-31") + 3;
    return d.year() > 0 ? 0 : 1;
}
