// Text is not a date until it is parsed (Date::parse or Date::try_parse).
#include "core/date.hpp"

int main() {
    using namespace waymark::core;
    const Date d = "2026-01-31";
    return d.year() > 0 ? 0 : 1;
}
