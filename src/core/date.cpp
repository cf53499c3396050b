#include "core/date.hpp"

#include "core/error.hpp"

#include <array>

namespace waymark::core {

namespace {

constexpr std::array<const char*, 12> month_abbrev{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool digits(std::string_view s) noexcept {
    for (char c : s) {
        if (c < '0' || c > '9') return false;
    }
    return !s.empty();
}

int to_int(std::string_view s) noexcept {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

std::optional<Date> make(int y, int m, int d) noexcept {
    const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(m)),
                                          std::chrono::day(static_cast<unsigned>(d))};
    if (m < 1 || m > 12 || d < 1 || d > 31 || !ymd.ok()) return std::nullopt;
    return Date(std::chrono::sys_days(ymd));
}

void put2(std::string& out, unsigned v) {
    out.push_back(static_cast<char>('0' + v / 10));
    out.push_back(static_cast<char>('0' + v % 10));
}

}  // namespace

Date::Date(int year, unsigned month, unsigned day) {
    auto d = make(year, static_cast<int>(month), static_cast<int>(day));
    if (!d)
        throw Error(ErrorKind::invalid_input, "not a real date: " + std::to_string(year) + "-" + std::to_string(month) +
                                                  "-" + std::to_string(day));
    *this = *d;
}

std::optional<Date> Date::try_parse(std::string_view s, bool allow_dmy) noexcept {
    if (s.size() == 10 && s[4] == '-' && s[7] == '-' && digits(s.substr(0, 4)) && digits(s.substr(5, 2)) &&
        digits(s.substr(8, 2))) {
        return make(to_int(s.substr(0, 4)), to_int(s.substr(5, 2)), to_int(s.substr(8, 2)));
    }
    if (allow_dmy && s.size() == 10 && s[2] == '/' && s[5] == '/' && digits(s.substr(0, 2)) && digits(s.substr(3, 2)) &&
        digits(s.substr(6, 4))) {
        return make(to_int(s.substr(6, 4)), to_int(s.substr(3, 2)), to_int(s.substr(0, 2)));
    }
    return std::nullopt;
}

Date Date::parse(std::string_view text, bool allow_dmy) {
    if (auto d = try_parse(text, allow_dmy)) return *d;
    throw Error(ErrorKind::invalid_input, "'" + std::string(text) + "' is not a date (expected YYYY-MM-DD" +
                                              (allow_dmy ? " or DD/MM/YYYY)" : ")"));
}

int Date::year() const {
    return static_cast<int>(ymd().year());
}

std::string Date::iso() const {
    const auto ymd = this->ymd();
    const int y = static_cast<int>(ymd.year());
    std::string out;
    out.reserve(10);
    if (y >= 0 && y <= 9999) {
        put2(out, static_cast<unsigned>(y / 100));
        put2(out, static_cast<unsigned>(y % 100));
    } else {
        out += std::to_string(y);
    }
    out.push_back('-');
    put2(out, static_cast<unsigned>(ymd.month()));
    out.push_back('-');
    put2(out, static_cast<unsigned>(ymd.day()));
    return out;
}

std::string Date::display() const {
    const auto ymd = this->ymd();
    return std::to_string(static_cast<unsigned>(ymd.day())) + " " +
           month_abbrev.at(static_cast<unsigned>(ymd.month()) - 1) + " " + std::to_string(static_cast<int>(ymd.year()));
}

Date operator+(Date d, Months n) {
    auto ymd = d.ymd();
    auto target = std::chrono::year_month(ymd.year(), ymd.month()) + std::chrono::months(n.count);
    const auto last =
        std::chrono::year_month_day_last(target.year(), std::chrono::month_day_last(target.month())).day();
    const auto day = ymd.day() > last ? last : ymd.day();
    return Date(std::chrono::sys_days(std::chrono::year_month_day(target.year(), target.month(), day)));
}

Date operator-(Date d, Months n) {
    return d + Months{-n.count};
}

int age_in_years(Date born, Date on) {
    const auto b = born.ymd();
    const auto o = on.ymd();
    int age = static_cast<int>(o.year()) - static_cast<int>(b.year());
    if (std::chrono::month_day(o.month(), o.day()) < std::chrono::month_day(b.month(), b.day())) --age;
    return age;
}

}  // namespace waymark::core
