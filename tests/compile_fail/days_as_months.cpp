// A count of days cannot be used where calendar months are meant.
#include "core/date.hpp"

int main() {
    using namespace waymark::core;
    const Months m = Days{30};
    return m.count;
}
