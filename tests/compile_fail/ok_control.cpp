// Control: the right way compiles (if this fails, the compile-fail cases prove nothing).
#include "core/date.hpp"

int main() {
    using namespace waymark::core;
    const Date d = Date::parse("2026-01-31");
    const Date a = d + Days{3};
    const Date b = d + Months{1};
    const Date c = d + weeks(2);
    return (a < b && c < b) ? 0 : 1;
}
